"""Memory of the app server during and after exports of the whole households list.

    python bench/exports.py --households 100000 [--repeat 2] [--db data/big.duckdb]

Copies a demo database of N households (made once and cached by bench/common.py, unless
--db names an existing one), starts the real app (`streamlit run app.py` on 127.0.0.1, as the
browser suite does), signs in as `direction` in Debian's Chromium through Playwright and,
on « Ménages », exports the whole list in CSV then in Excel, `--repeat` times each,
downloading every file. The server process's resident memory is read from
/proc/<pid>/status: before each export, at its peak (VmHWM, reset through
/proc/<pid>/clear_refs before the export, and VmRSS sampled every 50 ms), and 10 s after
the download. Prints a Markdown table and writes it to bench/results/exports.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

# Run as `python bench/exports.py`: the project's packages live one folder up.
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import polars as pl  # noqa: E402
import streamlit  # noqa: E402
from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from bench import table as one_table  # noqa: E402
from bench.common import ensure_databases  # noqa: E402
from tests.browser.conftest import (  # noqa: E402
    APP_IDLE_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    QUIET_MS,
    AppServer,
    new_page,
    open_login,
    sign_in,
    wait_app_idle,
)

RESULTS = ROOT / "bench" / "results" / "exports.md"
AFTER_S = 10  # memory is read this long after the download (--quick: QUICK_WAIT_S)
SETTLE_S = 3  # quiet time before the "before" reading (--quick: QUICK_WAIT_S)
QUICK_WAIT_S = 1
FORMAT_LABELS = {"csv": "CSV (tableur", "xlsx": "Excel"}


def memory_mb(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of a process, in MB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values


def reset_peak(pid: int) -> bool:
    """Reset the process's VmHWM to its current RSS (Linux clear_refs, value 5)."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


class Sampler(threading.Thread):
    """The highest VmRSS seen, every `period` seconds, until stopped."""

    def __init__(self, pid: int, period: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.period, self.peak = pid, period, 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.period):
            self.peak = max(self.peak, memory_mb(self.pid)["VmRSS"])

    def stop(self) -> float:
        self.done.set()
        self.join(timeout=5)
        return self.peak


@dataclass
class Measure:
    kind: str
    rows: int
    size_mb: float
    prepare_s: float
    before: float
    peak: float
    after: float


def open_households(page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 1000})
    open_login(page)
    sign_in(page, "direction", "demo-habiter")
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    wait_app_idle(page)
    page.get_by_role("link", name="Ménages").first.click()
    expect(page.get_by_role("button", name="Préparer l'export")).to_be_visible()
    wait_app_idle(page)


def counted_rows(path: Path, kind: str) -> int:
    """Data rows in the downloaded file (CSV: lines but the header; Excel: <row> tags)."""
    if kind == "csv":
        with path.open("rb") as data:
            return sum(1 for _ in data) - 1
    import zipfile

    with zipfile.ZipFile(path) as book, book.open("xl/worksheets/sheet1.xml") as sheet:
        tags, tail = 0, b""
        while chunk := sheet.read(1 << 20):
            text = tail + chunk
            tags += text.count(b"<row ")
            tail = text[-4:]  # a tag cut by the chunk: too short to be counted twice
        return tags - 1


def export_once(page: Page, pid: int, kind: str, households: int, folder: Path) -> Measure:
    wait_app_idle(page)
    time.sleep(SETTLE_S)
    before = memory_mb(pid)["VmRSS"]
    exact_peak = reset_peak(pid)
    sampler = Sampler(pid)
    sampler.start()
    page.get_by_text(FORMAT_LABELS[kind]).first.click()
    wait_app_idle(page)
    started = time.monotonic()
    page.get_by_role("button", name="Préparer l'export").click()
    budget_ms = 60_000 + households  # 1 ms a row: Excel writes some 20 000 rows a second
    expect(page.get_by_text("Export prêt")).to_be_visible(timeout=budget_ms)
    prepare_s = time.monotonic() - started
    # The run is over: no button of an earlier run is still on screen.
    page.wait_for_function(APP_IDLE_JS, arg=QUIET_MS, timeout=budget_ms)
    with page.expect_download(timeout=budget_ms) as arrival:
        page.get_by_role("button", name="Télécharger le fichier").click()
    if not arrival.value.suggested_filename.endswith(f".{kind}"):
        raise RuntimeError(f"{kind} attendu, reçu {arrival.value.suggested_filename}")
    saved = folder / f"{kind}-{time.monotonic_ns()}.{kind}"
    arrival.value.save_as(saved)
    expect(page.get_by_text("Téléchargement de menages-")).to_be_visible()
    time.sleep(AFTER_S)
    after = memory_mb(pid)
    sampled = sampler.stop()
    peak = max(sampled, after["VmHWM"]) if exact_peak else sampled
    measure = Measure(
        kind,
        counted_rows(saved, kind),
        saved.stat().st_size / 1e6,
        prepare_s,
        before,
        peak,
        after["VmRSS"],
    )
    saved.unlink()
    return measure


def spaced(number: float) -> str:
    return f"{number:,.0f}".replace(",", " ")


def markdown(households: int, measures: list[Measure], log_errors: list[str]) -> str:
    lines = [
        f"{datetime.now():%Y-%m-%d %H:%M}, {len(os.sched_getaffinity(0))} CPU,"
        f" Python {platform.python_version()}, Streamlit {streamlit.__version__},"
        f" DuckDB {duckdb.__version__}, polars {pl.__version__}."
        f" {spaced(households)} households; server RSS in MB (/proc/<pid>/status);"
        f" « after » is {AFTER_S} s after the download.",
        "",
        "| export | rows in file | file (MB) | prepare (s) | RSS before | peak | after"
        " | after − before |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for number, m in enumerate(measures, 1):
        lines.append(
            f"| {number}. {m.kind} | {spaced(m.rows)} | {m.size_mb:.1f} | {m.prepare_s:.1f}"
            f" | {spaced(m.before)} | {spaced(m.peak)} | {spaced(m.after)}"
            f" | {m.after - m.before:+.0f} |"
        )
    lines.append("")
    lines.append(
        "Server log: " + ("; ".join(log_errors) if log_errors else "no error, no traceback.")
    )
    return "\n".join(lines) + "\n"


def log_errors(server: AppServer) -> list[str]:
    text = server.log_path.read_text(errors="replace")
    return [line for line in text.splitlines() if "Error" in line or "Traceback" in line]


def run(db: Path, folder: Path, households: int, repeat: int) -> str:
    server = AppServer(db=db, log_path=folder / "streamlit.log").start()
    measures = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = new_page(browser, server.url)
            open_households(page)
            for kind in ("csv", "xlsx"):
                for _ in range(repeat):
                    print(f"… {kind}", file=sys.stderr, flush=True)
                    measures.append(export_once(page, server.process.pid, kind, households, folder))
            browser.close()
    finally:
        server.stop()
    one_table.save("exports", table_rows(households, measures))
    return markdown(households, measures, log_errors(server))


def table_rows(households: int, measures: list[Measure]) -> list[one_table.Row]:
    """Each export in bench/README.md: its preparation, the server's memory around it."""
    names = {"csv": "CSV", "xlsx": "Excel"}
    return [
        one_table.Row(
            f"export {names.get(m.kind, m.kind)} de toute la liste ({spaced(m.rows)} lignes,"
            f" {one_table.number(m.size_mb)} Mo)",
            households,
            f"{one_table.number(m.prepare_s)} s ; mémoire du serveur {spaced(m.before)} →"
            f" pic {spaced(m.peak)} → {spaced(m.after)} Mo",
        )
        for m in measures
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--db", type=Path, help="an existing demo database (not modified)")
    parser.add_argument(
        "--quick", action="store_true", help="1 s instead of 3 and 10 around each export"
    )
    args = parser.parse_args()
    if args.quick:  # make bench QUICK=1: checks the path, its memory figures mean little
        global AFTER_S, SETTLE_S
        AFTER_S = SETTLE_S = QUICK_WAIT_S
    with tempfile.TemporaryDirectory(prefix="habiter-bench-exports-") as name:
        folder = Path(name)
        db = folder / "bench.duckdb"
        # The server writes its access log: always a copy, of --db or of the cached demo.
        source = args.db or ensure_databases(args.households, with_sqlite=False)
        shutil.copyfile(source, db)
        table = run(db, folder, args.households, args.repeat)
    print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
