"""The app server under load, read from /proc: its processes, their peak memory and the
CPU they use (bench/load.py)."""

import os
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# --- the server: its processes, memory and CPU from /proc -------------------------------


def process_tree(pid: int) -> list[int]:
    """The pid and its descendants (Linux /proc/<pid>/task/*/children)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
    return found


def status_mb(pid: int, key: str) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def peak_mb(pid: int) -> float:
    """The sum of the peak RSS (VmHWM) of the process and its children."""
    return sum(status_mb(p, "VmHWM") for p in process_tree(pid))


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds used so far by these processes."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            continue
    return total / ticks


class Watch(threading.Thread):
    """Samples the server's RSS and the CPU seconds of the server and of the browsers."""

    def __init__(self, server_pid: int, period: float = 0.5):
        super().__init__(daemon=True)
        self.server_pid, self.period = server_pid, period
        self.rss_peak, self.done = 0.0, threading.Event()

    def browsers(self) -> list[int]:
        """This process's other descendants: Playwright's driver and Chromium."""
        return [p for p in process_tree(os.getpid()) if p not in self.server_tree()]

    def server_tree(self) -> set[int]:
        return set(process_tree(self.server_pid))

    def cpu(self) -> tuple[float, float]:
        return cpu_seconds(list(self.server_tree())), cpu_seconds(self.browsers())

    def run(self) -> None:
        while not self.done.wait(self.period):
            rss = sum(status_mb(p, "VmRSS") for p in self.server_tree())
            self.rss_peak = max(self.rss_peak, rss)

    def stop(self) -> None:
        self.done.set()
        self.join(timeout=5)
