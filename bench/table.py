"""The rows of the one benchmark table: each script of bench/ saves its own, report.py
gathers them into bench/README.md.

A script saves `bench/results/<area>.rows.json` at the end of its run: the command that
ran it, when, and its rows (a measure, the households of the database, Habiter's figure and,
where there is one, the same work on raw DuckDB and on SQLite, and the goal with its
verdict). Figures are written the French way once, here.
"""

from __future__ import annotations

import json
import statistics
import sys
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
NNBSP = "\u202f"  # the thousands separator of French figures


@dataclass(frozen=True)
class Row:
    measure: str
    households: int | None
    habiter: str
    duckdb: str = ""
    sqlite: str = ""
    goal: str = ""


def number(value: float, decimals: int = 1) -> str:
    """1234.5 → '1 234,5' (a narrow no-break space between thousands)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", NNBSP).replace(".", ",")


def ms(value: float | None) -> str:
    """A duration in ms, '—' when not measured; seconds past 10 s."""
    if value is None:
        return "—"
    if value >= 10_000:
        return f"{number(value / 1000)} s"
    return f"{number(value, 1 if value < 100 else 0)} ms"


def p50_p95(times: list[float]) -> str:
    """'12,3 ms (p95 45,6 ms)' of a list of ms."""
    return f"{ms(statistics.median(times))} (p95 {ms(percentile(times, 95))})"


def percentile(times: list[float], rank: int) -> float:
    """The rank-th percentile, inclusive (a single value is its own percentile)."""
    if len(times) == 1:
        return times[0]
    return statistics.quantiles(times, n=100, method="inclusive")[rank - 1]


def verdict(met: bool, goal: str) -> str:
    return f"{goal} : {'atteint' if met else 'manqué'}"


def save(area: str, rows: list[Row]) -> Path:
    """bench/results/<area>.rows.json, for report.py; returns its path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{area}.rows.json"
    payload = {
        "area": area,
        "command": "python " + " ".join(sys.argv),
        "measured_at": datetime.now().isoformat(timespec="seconds"),
        "rows": [asdict(row) for row in rows],
    }
    path.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def load(path: Path) -> dict:
    payload = json.loads(path.read_text(encoding="utf-8"))
    payload["rows"] = [Row(**row) for row in payload["rows"]]
    return payload
