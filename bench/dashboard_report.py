"""The report of bench/dashboard.py: its table (case × engine × size), the goals and their
verdicts, and its rows of bench/README.md's one table."""

from __future__ import annotations

import queries.kpi as kpis
from bench import table as one_table
from bench.run import spaced

DASHBOARD, WARM = "dashboard", "dashboard_warm"
# Goals (reported, never asserted).
GOAL_SIZE, GOAL_COLD_MS, GOAL_WARM_MS, GOAL_RAW, GOAL_SQLITE = 200_000, 300.0, 50.0, 1.1, 10.0
BIG_SIZE, BIG_COLD_MS = 1_000_000, 1000.0


def cell(entry: dict | None, runs: int | None, repeat: int) -> str:
    if entry is None:
        return ""
    if entry["median_ms"] is None:
        return "failed" if entry["case"] != DASHBOARD else "—"
    text = f"{entry['median_ms']:.1f}"
    return text + (f" ({runs} runs)" if runs is not None and runs < repeat else "")


def table(records: list[dict], runs: dict, sizes: list[int], repeat: int) -> str:
    """Markdown: a row per case and engine, a column per size, median ms."""
    found = {(r["case"], r["engine"], r["households"]): r for r in records}
    rows = list(dict.fromkeys((r["case"], r["engine"]) for r in records))
    lines = [
        "| case | engine | " + " | ".join(spaced(size) for size in sizes) + " |",
        "| --- | --- | " + " | ".join("---:" for _ in sizes) + " |",
    ]
    for case, engine in rows:
        cells = [
            cell(found.get((case, engine, size)), runs[size].get(f"{case} {engine}"), repeat)
            for size in sizes
        ]
        lines.append(f"| {case} | {engine} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def median_of(records, case, engine, size) -> float | None:
    for r in records:
        if (r["case"], r["engine"], r["households"]) == (case, engine, size):
            return r["median_ms"]
    return None


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def screen_medians(records: list[dict], size: int) -> tuple:
    """The whole screen at one size: cold, warm (Habiter), cold on raw DuckDB and SQLite."""
    cases = (DASHBOARD, "habiter"), (WARM, "habiter"), (DASHBOARD, "duckdb"), (DASHBOARD, "sqlite")
    return tuple(median_of(records, case, engine, size) for case, engine in cases)


def summary(records: list[dict], sizes: list[int], peaks: dict, diffs: dict) -> str:
    """The dashboard's ratios and the goals, the slowest KPI, peaks and differences."""
    lines = []
    for size in sizes:
        cold, warm, raw, lite = screen_medians(records, size)
        ratio = cold / raw if cold and raw else None
        lite_ratio = lite / cold if cold and lite else None
        line = f"- {spaced(size)} households: dashboard cold {cold} ms, warm {warm} ms"
        line += f"; habiter/duckdb {ratio:.2f}x" if ratio else ""
        line += f"; sqlite/habiter {lite_ratio:.1f}x" if lite_ratio else ""
        line += f"; peak RSS {peaks[size]:.0f} MB"
        lines.append(line)
        if size == GOAL_SIZE and cold is not None:
            lines.append(
                f"  goals at {spaced(GOAL_SIZE)}: cold < {GOAL_COLD_MS:.0f} ms"
                f" {verdict(cold < GOAL_COLD_MS)}; warm < {GOAL_WARM_MS:.0f} ms"
                f" {verdict(warm is not None and warm < GOAL_WARM_MS)};"
                f" ≤ {GOAL_RAW}x raw DuckDB {verdict(ratio is not None and ratio <= GOAL_RAW)};"
                f" ≥ {GOAL_SQLITE:.0f}x faster than SQLite"
                f" {verdict(lite_ratio is not None and lite_ratio >= GOAL_SQLITE)}"
            )
        if size == BIG_SIZE and cold is not None:
            lines.append(
                f"  goal at {spaced(BIG_SIZE)}: cold < {BIG_COLD_MS:.0f} ms"
                f" {verdict(cold < BIG_COLD_MS)}"
            )
        kpi_times = {
            r["case"]: r["median_ms"]
            for r in records
            if r["households"] == size and r["engine"] == "habiter" and r["case"].startswith("kpi/")
        }
        if kpi_times:
            slowest = max(kpi_times, key=kpi_times.get)
            total = sum(kpi_times.values())
            lines.append(
                f"  slowest KPI (habiter): {slowest} {kpi_times[slowest]:.1f} ms,"
                f" {kpi_times[slowest] / total:.0%} of the {len(kpi_times)} KPIs' sum"
                f" ({total:.1f} ms)"
            )
        for difference in diffs.get(size, []):
            lines.append(f"  FIGURES DIFFER: {difference}")
    errors = {(r["case"], r["error"]) for r in records if r.get("error") and r["case"] != DASHBOARD}
    lines += [f"- SQLite fails {case}: {error}" for case, error in sorted(errors)]
    return "\n".join(lines)


def goal_of(size: int, cold: float, raw: float | None, lite: float | None) -> str:
    """The cold screen's goals at the sizes that have one, with their verdicts."""
    if size == GOAL_SIZE:
        verdicts = [
            one_table.verdict(cold < GOAL_COLD_MS, f"< {GOAL_COLD_MS:.0f} ms"),
            one_table.verdict(raw is not None and cold <= GOAL_RAW * raw, "≤ 1,1 × DuckDB"),
            one_table.verdict(lite is not None and lite >= GOAL_SQLITE * cold, "10 × SQLite"),
        ]
        return " ; ".join(verdicts)
    if size == BIG_SIZE:
        return one_table.verdict(cold < BIG_COLD_MS, "< 1 s")
    return ""


def table_rows(records: list[dict], sizes: list[int]) -> list[one_table.Row]:
    """The rows of bench/README.md: the whole screen cold and warm, and the slowest KPI."""
    rows = []
    for size in sizes:
        cold, warm, raw, lite = screen_medians(records, size)
        if cold is None:
            continue
        count = len(kpis.registry())
        rows.append(
            one_table.Row(
                f"écran entier à froid ({count} indicateurs, période et précédente)",
                size,
                one_table.ms(cold),
                one_table.ms(raw),
                one_table.ms(lite),
                goal_of(size, cold, raw, lite),
            )
        )
        warm_goal = (
            one_table.verdict(warm is not None and warm < GOAL_WARM_MS, "< 50 ms")
            if size == GOAL_SIZE
            else ""
        )
        rows.append(
            one_table.Row("écran entier depuis le cache", size, one_table.ms(warm), goal=warm_goal)
        )
        kpi_times = {
            r["case"]: r["median_ms"]
            for r in records
            if r["households"] == size and r["engine"] == "habiter" and r["case"].startswith("kpi/")
        }
        if kpi_times:
            slowest = max(kpi_times, key=kpi_times.get)
            rows.append(
                one_table.Row(
                    f"indicateur le plus lent ({slowest})",
                    size,
                    one_table.ms(kpi_times[slowest]),
                    one_table.ms(median_of(records, slowest, "duckdb", size)),
                    one_table.ms(median_of(records, slowest, "sqlite", size)),
                )
            )
    return rows
