"""The figures of bench/load.py, pure: percentiles, the saturation point, the calibration's
gap, the rows of load.json and its Markdown page."""

from __future__ import annotations

import math
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl
import streamlit
import websockets

from bench.load_roles import CLIENT_ACTIONS
from bench.load_session import Tally

GOAL_MS = 1_000
ALL = "toutes_actions"  # the row of every action of a window together (not connexion)

# --- the figures (pure) -------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (p95 of 20 values is the 19th)."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(share * len(ordered)) - 1)])


def window_times(tally: Tally) -> list[float]:
    """Every action's latency of a window, the sign-ins (a reconnection's) left out."""
    return [ms for action, times in tally.times.items() if action != "connexion" for ms in times]


def saturation_point(steps: list[dict], goal_ms: float = GOAL_MS) -> dict:
    """The last step whose p95 is under `goal_ms` with no error, and the first that is not
    (steps in the order of a rising rate: {sessions, interval_s, actions_per_s, p95_ms,
    errors}). `crossed` is False when no step went over: the saturation is beyond."""
    held, over = None, None
    for step in steps:
        if step["p95_ms"] is not None and step["p95_ms"] < goal_ms and step["errors"] == 0:
            held = step
        else:
            over = step
            break
    return {"held": held, "over": over, "crossed": over is not None}


def summary(run: dict) -> dict:
    times = window_times(run["tally"])
    errors = sum(run["tally"].errors.values())
    return {
        "sessions": run["sessions"],
        "interval_s": run["interval_s"],
        "actions_per_s": run["actions_per_s"],
        "p50_ms": percentile(times, 0.5),
        "p95_ms": percentile(times, 0.95),
        "errors": errors,
    }


def rows_of(run: dict, households: int, peak: float, mode: str = "client") -> list[dict]:
    tally = run["tally"]
    actions = [*CLIENT_ACTIONS, "connexion"]
    actions += sorted((set(tally.times) | set(tally.errors)) - set(actions))
    base = {
        "sessions": run["sessions"],
        "households": households,
        "mode": mode,
        "interval_s": run["interval_s"],
        "actions_per_s": run["actions_per_s"],
    }
    rows = [
        {
            **base,
            "action": action,
            **figures(tally.times.get(action, []), tally.errors.get(action, 0)),
            "server_peak_mb": round(peak),
        }
        for action in actions
        if tally.times.get(action) or tally.errors.get(action)
    ]
    everything = figures(window_times(tally), sum(tally.errors.values()))
    rows.append({**base, "action": ALL, **everything, "server_peak_mb": round(peak)})
    return rows


def figures(times: list[float], errors: int) -> dict:
    return {
        "count": len(times),
        "p50_ms": percentile(times, 0.5),
        "p95_ms": percentile(times, 0.95),
        "errors": errors,
    }


def public(run: dict) -> dict:
    """A run's figures for load.json's meta (its tally is in the rows)."""
    tally = run["tally"]
    return {**{k: v for k, v in run.items() if k != "tally"}, "error_messages": tally.messages}


def calibration(client: Tally, browser: Tally) -> dict:
    """Per action both measure: the p50 of each, and the client's gap to the browser (%)."""
    gaps = {}
    for action in sorted(set(client.times) & set(browser.times)):
        ours, theirs = percentile(client.times[action], 0.5), percentile(browser.times[action], 0.5)
        gap = round(100 * (ours - theirs) / theirs) if theirs else None
        kib = percentile(client.sizes.get(action, []), 0.5)  # what the browser must draw
        gaps[action] = {
            "client_p50_ms": ours,
            "browser_p50_ms": theirs,
            "gap_pct": gap,
            "received_kib_p50": None if kib is None else round(kib / 1024),
        }
    return gaps


def meta(args, load_before: tuple) -> dict:
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python " + " ".join(sys.argv),
        "households": args.households,
        "seconds_per_window": args.seconds,
        "load_average_before": [round(x, 2) for x in load_before],
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "versions": {
            "python": platform.python_version(),
            "streamlit": streamlit.__version__,
            "duckdb": duckdb.__version__,
            "polars": pl.__version__,
            "websockets": websockets.__version__,
        },
        "client": "bench/load_client.py: one asyncio process, Streamlit's websocket protocol",
        "goal": "30 sessions, p95 < 1 000 ms per action, 0 error, server < 1 024 MB",
        "shared_machine": "other jobs may run on this machine: see load_before of each run",
        "runs": [],
    }


def cell(value) -> str:
    return "—" if value is None else f"{value:,}".replace(",", " ")


def markdown(result: dict) -> str:
    info = result["meta"]
    lines = [
        f"# Charge : N sessions (client websocket) sur un serveur ({info['date']})",
        "",
        f"`{info['command']}` — {info['cores']} cœurs, {info['memory_gb']} Go,"
        f" Python {info['versions']['python']}, Streamlit {info['versions']['streamlit']},"
        f" DuckDB {info['versions']['duckdb']}. Charge moyenne avant :"
        f" {info['load_average_before']} (machine partagée).",
        "",
        "| mode | sessions | intervalle (s) | actions/s | action | nombre | p50 (ms) | p95 (ms)"
        " | erreurs | pic serveur (Mo) |",
        "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for row in result["rows"]:
        lines.append(
            f"| {row['mode']} | {row['sessions']} | {row['interval_s']} | {row['actions_per_s']}"
            f" | {row['action']} | {row['count']} | {cell(row['p50_ms'])} | {cell(row['p95_ms'])}"
            f" | {row['errors']} | {cell(row['server_peak_mb'])} |"
        )
    lines += [
        "",
        "| sessions | intervalle (s) | fenêtre (s) | actions/s | cœurs serveur | cœurs client"
        " | CPU serveur par action (ms) | charge avant | charge après |",
        "|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for run in info["runs"]:
        if "server_cores" not in run or "sessions" not in run:
            continue
        lines.append(
            f"| {run['sessions']} | {run['interval_s']} | {run['window_s']}"
            f" | {run['actions_per_s']} | {run['server_cores']} | {run.get('client_cores', '—')}"
            f" | {run['server_cpu_ms_per_action']} | {run['load_before']} | {run['load_after']} |"
        )
    for run in info["runs"]:
        if run.get("server_cpu_ms_p50_by_action"):
            by_action = run["server_cpu_ms_p50_by_action"].items()
            used = ", ".join(f"{action} {cell(ms)} ms" for action, ms in by_action)
            lines += ["", f"CPU du serveur par action, une session seule (médiane) : {used}."]
    if "saturation" in info:
        found = info["saturation"]
        lines += ["", f"Saturation (p95 > 1 s) : tenu {found['held']}, dépassé {found['over']}."]
    if "calibration" in info:
        lines += [
            "",
            "| action | client p50 (ms) | navigateur p50 (ms) | écart (%) | reçu (Kio) |",
            "|---|---:|---:|---:|---:|",
        ]
        for action, gap in info["calibration"].items():
            lines.append(
                f"| {action} | {cell(gap['client_p50_ms'])} | {cell(gap['browser_p50_ms'])}"
                f" | {cell(gap['gap_pct'])} | {cell(gap.get('received_kib_p50'))} |"
            )
    return "\n".join(lines) + "\n"
