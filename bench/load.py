"""Load on one server of the app: N real browser sessions at once, latency per action.

    python bench/load.py [--sessions 1,10,30] [--households 200000] [--seconds 60]
    python bench/load.py --quick   # N = 1 on 2 000 households, 8 s, no warm-up

For each N: a copy of the size's cached demo database (bench/common.py; the intakes saved
here never reach the cache), the app started as `make run` starts it (serve.py, on
127.0.0.1, a free port, its own cookie key), then one headless Chromium (Debian's, the
browser tests' flags) with N contexts. Each session signs in (timed as `connexion`, not in
the window), then loops for --seconds through the actions of its account:

- `direction` (session 0, so that N = 1 covers every action): the whole mix;
- then in turn `accueil` (intake, list), `social` (list, file), `analyste` (dashboard,
  console), `direction` again.

Actions: `navigation` (a menu link to a page), `recherche` (a term typed in « Ménages »,
Entrée), `ouverture_dossier` (« Ouvrir un dossier », « Ouvrir »), `enregistrement_accueil`
(« Enregistrer la demande » of a new household), `tableau_de_bord` (the menu link to the
dashboard, until its figures show), `requete_console` (« Exécuter » in « Console SQL »).

An action is timed from the click to the end of the last script run it caused, the
expected element being on screen (Streamlit's data-test-script-state, as
tests/browser/conftest.py's APP_IDLE_JS watches it: the quiet period that tells the run
is the last one is waited for, not counted). An error is a wait over ACTION_TIMEOUT_MS, a
Playwright exception, or an exception or the app's French error shown on screen; the
session then reloads and goes on. Server memory: the highest VmHWM (peak RSS) of the
server's process and its children, from /proc, reset for each N by a fresh server.
CPU: the seconds of CPU used during the window by the server, and by the browsers and
their driver, over the window's length (cores in use; the machine has os.cpu_count()),
and the server's CPU per action done; with N = 1 (nothing overlaps), the server's CPU of
each action, its median per action. Before each N, the machine's load average: on a
shared machine the latencies say as much about the other jobs as about the app.

Before the first N, a copy of the database gets the day's backup (`cli.py backup`), so
that the app's scheduled backup does not copy the whole file during the window; before
each window, one untimed turn of a `direction` session (not with --quick) fills what a
server's first visitor fills. --py-spy <path> records the server during each window
(raw stacks in /tmp/habiter-load-<N>.pyspy.txt): how the fixes of issue 13 were found.

Writes bench/results/load.json ({"meta": …, "rows": [{sessions, households, action,
count, p50_ms, p95_ms, errors, server_peak_mb}]}) and bench/results/load.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import polars as pl  # noqa: E402
import streamlit  # noqa: E402

from bench.common import database_path, generate, say  # noqa: E402
from bench.load_server import peak_mb  # noqa: E402
from bench.load_session import ACTIONS, RESULTS, Tally, drive  # noqa: E402
from tests.browser.conftest import (  # noqa: E402
    AppServer,
)

# --- one N on a fresh server; the results ----------------------------------------------


def demo_database(households: int) -> Path:
    path = database_path(households)
    if not path.exists():  # made as bench/common.py makes it, without its SQLite copy
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        partial.unlink(missing_ok=True)
        say(f"  generating {households} households into {path}")
        generate(str(partial), households)
        partial.rename(path)
    return path


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (p95 of 20 values is the 19th)."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(share * len(ordered)) - 1)])


def rows_of(sessions: int, households: int, tally: Tally, peak: float) -> list[dict]:
    actions = [*ACTIONS, "connexion"]
    actions += sorted(set(tally.errors) - set(actions))  # « reprise »: a failed reload
    rows = []
    for action in actions:
        times = tally.times.get(action, [])
        errors = tally.errors.get(action, 0)
        if not times and not errors:
            continue
        rows.append({
            "sessions": sessions, "households": households, "action": action,
            "count": len(times), "p50_ms": percentile(times, 0.50),
            "p95_ms": percentile(times, 0.95), "errors": errors,
            "server_peak_mb": round(peak),
        })  # fmt: skip
    return rows


def prepared_copy(source: Path, folder: Path) -> Path:
    """A copy of the cached database whose day's backup is taken: the app's scheduled
    backup (db/backup/channel.py) would otherwise copy the whole file during the window,
    as it does once a day in production, not under the load measured here."""
    db = folder / "prepared.duckdb"
    shutil.copyfile(source, db)
    done = subprocess.run(
        [sys.executable, "cli.py", "--db", str(db), "backup"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"sauvegarde préalable impossible :\n{done.stdout}\n{done.stderr}")
    return db


def profiler(py_spy: str | None, pid: int, seconds: float, out: Path):
    """py-spy recording the server for the window (raw stacks), when asked."""
    if not py_spy:
        return lambda: None

    def start() -> None:
        command = [
            py_spy, "record", "--pid", str(pid), "--duration", str(int(seconds)),
            "--rate", "50", "--format", "raw", "--nonblocking", "--output", str(out),
        ]  # fmt: skip
        subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        say(f"    py-spy → {out}")

    return start


def run_one(
    prepared: Path,
    sessions: int,
    households: int,
    seconds: float,
    py_spy: str | None,
    warm: bool = True,
) -> tuple[list, dict]:
    with tempfile.TemporaryDirectory(prefix="habiter-load-") as folder:
        db = Path(folder) / "demo.duckdb"
        shutil.copyfile(prepared, db)
        clock = time.monotonic()
        server = AppServer(db=db, log_path=Path(folder) / "streamlit.log").start()
        say(f"  {sessions} session(s), {households} households, {seconds:.0f} s")
        say(f"    copy and start {time.monotonic() - clock:.0f} s")
        pid = server.process.pid
        spy = profiler(py_spy, pid, seconds, Path(f"/tmp/habiter-load-{sessions}.pyspy.txt"))
        try:
            run = asyncio.run(drive(server.url, sessions, seconds, pid, spy, warm))
            peak = peak_mb(pid)
            log = server.log_tail(400)
        finally:
            server.stop()
    tally = run.pop("tally")
    actions = sum(len(times) for times in tally.times.values())
    # The server's own cost of an action, whatever the browsers and other jobs took.
    run["actions_done"] = actions
    run["server_cpu_ms_per_action"] = round(run["server_cpu_s"] * 1000 / max(actions, 1))
    run["server_peak_mb"] = round(peak)
    if tally.server_cpu:  # one session: the server's own CPU per action, median
        run["server_cpu_ms_p50_by_action"] = {
            action: percentile(used, 0.5) for action, used in tally.server_cpu.items()
        }
    run["error_messages"] = tally.messages
    run["log_tracebacks"] = log.count("Traceback")
    return rows_of(sessions, households, tally, peak), {"sessions": sessions, **run}


def meta(households: int, seconds: float, load_before: tuple) -> dict:
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python " + " ".join(sys.argv),
        "households": households,
        "seconds_per_n": seconds,
        "load_average_before": [round(x, 2) for x in load_before],
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "versions": {
            "python": platform.python_version(),
            "streamlit": streamlit.__version__,
            "duckdb": duckdb.__version__,
            "polars": pl.__version__,
            "playwright": version("playwright"),
        },
        "goal": "30 sessions, p95 < 1 000 ms per action, 0 error, server < 1 024 MB",
    }


def cell(value) -> str:
    return "—" if value is None else f"{value:,}".replace(",", " ")


def markdown(result: dict) -> str:
    info = result["meta"]
    lines = [
        f"# Charge : N sessions de navigateur sur un serveur ({info['date']})",
        "",
        f"`{info['command']}` — {info['cores']} cœurs, {info['memory_gb']} Go,"
        f" Python {info['versions']['python']}, Streamlit {info['versions']['streamlit']},"
        f" DuckDB {info['versions']['duckdb']}, Chromium {info.get('chromium', '?')}."
        f" Charge moyenne avant : {info['load_average_before']}.",
        "",
        "| sessions | ménages | action | nombre | p50 (ms) | p95 (ms) | erreurs"
        " | pic serveur (Mo) |",
        "|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for row in result["rows"]:
        lines.append(
            f"| {row['sessions']} | {cell(row['households'])} | {row['action']}"
            f" | {row['count']} | {cell(row['p50_ms'])} | {cell(row['p95_ms'])}"
            f" | {row['errors']} | {cell(row['server_peak_mb'])} |"
        )
    lines += [
        "",
        "| sessions | fenêtre (s) | charge avant | charge après | cœurs serveur"
        " | cœurs navigateurs | actions | CPU serveur par action (ms) | tracebacks au journal |",
        "|---:|---:|---|---|---:|---:|---:|---:|---:|",
    ]
    for run in info["runs"]:
        lines.append(
            f"| {run['sessions']} | {run['window_s']} | {run['load_before']}"
            f" | {run['load_after']} | {run['server_cores']} | {run['browser_cores']}"
            f" | {run['actions_done']} | {run['server_cpu_ms_per_action']}"
            f" | {run['log_tracebacks']} |"
        )
    for run in info["runs"]:
        if "server_cpu_ms_p50_by_action" in run:
            by_action = run["server_cpu_ms_p50_by_action"].items()
            used = ", ".join(f"{action} {cell(ms)} ms" for action, ms in by_action)
            lines += ["", f"CPU du serveur par action, une session seule (médiane) : {used}."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="1,10,30")
    parser.add_argument("--households", type=int, default=200_000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--quick", action="store_true", help="N = 1; 2 000 households; 8 s; no warm-up"
    )
    parser.add_argument("--py-spy", help="py-spy's path: record the server during each window")
    parser.add_argument("--out", type=Path, default=RESULTS / "load.json")
    args = parser.parse_args()
    if args.quick:
        args.sessions, args.households, args.seconds = "1", 2_000, 8.0
    counts = [int(n) for n in args.sessions.split(",")]
    result = {"meta": meta(args.households, args.seconds, os.getloadavg()), "rows": []}
    result["meta"]["runs"] = []
    work = tempfile.TemporaryDirectory(prefix="habiter-load-prepared-")
    prepared = prepared_copy(demo_database(args.households), Path(work.name))
    for sessions in counts:
        rows, run = run_one(
            prepared, sessions, args.households, args.seconds, args.py_spy, not args.quick
        )
        result["rows"] += rows
        result["meta"]["chromium"] = run.pop("chromium")
        result["meta"]["runs"].append(run)
        for row in rows:
            say(
                f"    {row['action']:<24} n={row['count']:<4} p50={row['p50_ms']}"
                f" p95={row['p95_ms']} errors={row['errors']}"
            )
        say(f"    server peak {run['server_peak_mb']} MB, cores {run['server_cores']}"
            f" (browsers {run['browser_cores']}), load {run['load_before']}")  # fmt: skip
    work.cleanup()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    args.out.with_suffix(".md").write_text(markdown(result))
    say(f"  written {args.out} and {args.out.with_suffix('.md')}")


if __name__ == "__main__":
    main()
