"""Load on one server of the app, measured alone: N sessions of a small websocket client
(bench/load_client.py, one asyncio process, no browser), latency per action.

    python bench/load.py --sessions 30 --households 200000 [--seconds 90] [--interval 10]
    python bench/load.py --saturate --households 200000   # raise the rate until p95 > 1 s
    python bench/load.py --calibrate --households 200000  # one session: client vs Chromium
    python bench/load.py --quick                          # 2 sessions, 2 000 households, short

For each run: a copy of the size's cached demo database (bench/common.py; the intakes and
contacts saved here never reach the cache), its day's backup taken first (else the app's
scheduled backup copies the whole file during the window), the app started as `make run`
starts it (serve.py, 127.0.0.1, a free port, its own cookie key), one untimed turn of a
`direction` session (what a server's first visitor fills), then N people signed in through
the login form (`connexion`, before the window) who each act every --interval seconds
(10 s; --rate R: the N sessions together do R actions per second) for --seconds. Session 0
is `direction` (every action), then in turn `accueil`, `social`, `analyste`, `direction`
(bench/load_roles.py says each role's actions). A session's first act is at a random
moment of its first interval, so that the N do not act in step; a session whose action took
longer than the interval acts again at once (the rate asked is then not reached: the rate
done is reported).

The server is measured alone: the client is one process of this machine, its CPU reported
apart from the server's. Server memory: the highest VmHWM (peak RSS) of the server's
process and its children, from /proc (bench/load_server.py). An error is a run over 30 s,
a Streamlit exception or the app's French error on screen, or an action that does not show
what it should; that session then reconnects and signs in again.

--saturate: one server, people signed in as needed, steps of a rising rate (1, 2, 3, 5,
10, 15, 20, 30 sessions every 10 s, then 30 every 5, 3, 2, 1 s), until the p95 of a
window's actions crosses 1 s or an error comes: the saturation point is the last step
under 1 s and the first over (actions per second done, sessions).

--calibrate: one `direction` session of the client, then one of a real Chromium
(bench/load_session.py, the same server), for --seconds each, back to back: the p50 of each
action they share, and the gap. The client measures the server's runs and the websocket;
the browser adds its own work (parse the messages, draw React, the quiet wait's detection).
--skip dashboard_filter (or another step of bench/load_roles.py): that step left out of
every cycle, to see what the rest costs without it.

Writes bench/results/load.json ({"meta": …, "rows": [{sessions, households, action, count,
p50_ms, p95_ms, errors, server_peak_mb, mode, interval_s, actions_per_s}]}) and load.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from bench.common import database_path, generate, say  # noqa: E402
from bench.load_figures import (  # noqa: E402
    ALL,
    calibration,
    markdown,
    meta,
    percentile,
    public,
    rows_of,
    saturation_point,
    summary,
    window_times,
)
from bench.load_roles import Person, account_of  # noqa: E402
from bench.load_server import Watch, peak_mb  # noqa: E402
from bench.load_session import RESULTS, Tally  # noqa: E402
from tests.browser.conftest import AppServer  # noqa: E402

LOGIN_AT_ONCE = 4  # sign-ins in flight together before the window (bcrypt is CPU-bound)
# (sessions, interval s): the rate asked rises from 0.1 to 30 actions per second.
SATURATION_STEPS = (
    (1, 10),
    (2, 10),
    (3, 10),
    (5, 10),
    (10, 10),
    (15, 10),
    (20, 10),
    (30, 10),
    (30, 5),
    (30, 3),
    (30, 2),
    (30, 1),
)
SKIPPABLE = ("dashboard_filter", "add_contact", "save_intake", "console", "open_file")
SKIP: frozenset = frozenset()  # --skip: steps left out of every cycle

# --- one window of N people ---------------------------------------------------------------


async def pace(person: Person, started: float, until: float, interval: float) -> None:
    """Act every `interval` s from a random moment of the first; at once when late."""
    next_at = started + person.random.uniform(0, interval)
    while True:
        delay = next_at - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        if time.monotonic() >= until:
            return
        await person.act()
        next_at = max(next_at + interval, time.monotonic())


async def sign_in_all(people: list[Person]) -> None:
    gate = asyncio.Semaphore(LOGIN_AT_ONCE)

    async def one(person: Person) -> None:
        async with gate:
            await person.act()  # not signed in yet: the act is the sign-in

    await asyncio.gather(*(one(person) for person in people))


async def window(
    people: list[Person], seconds: float, interval: float, pid: int, alone: bool = False
) -> dict:
    """The people acting for `seconds`; the tally and the CPU of server and client. With
    `alone` (one session, nothing overlaps), the server's CPU of each action too."""
    tally = Tally(server_pid=pid if alone else None)
    for person in people:
        person.tally = tally
    watch = Watch(pid)
    server_before, client_before = watch.cpu()[0], time.process_time()
    load_before = os.getloadavg()
    watch.start()
    started = time.monotonic()
    await asyncio.gather(*(pace(p, started, started + seconds, interval) for p in people))
    length = time.monotonic() - started
    server_used, client_used = watch.cpu()[0] - server_before, time.process_time() - client_before
    watch.stop()
    done = len(window_times(tally))
    return {
        "tally": tally,
        "sessions": len(people),
        "interval_s": interval,
        "window_s": round(length, 1),
        "actions_done": done,
        "actions_per_s": round(done / length, 2),
        "server_cores": round(server_used / length, 2),
        "server_cpu_ms_per_action": round(server_used * 1000 / max(done, 1)),
        "client_cores": round(client_used / length, 2),
        "rss_peak_mb": round(watch.rss_peak),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "server_cpu_ms_p50_by_action": {
            action: percentile(used, 0.5) for action, used in tally.server_cpu.items()
        },
    }


def people_for(url: str, count: int, first: int = 0) -> list[Person]:
    return [
        Person(url, account_of(n), n, Tally(), random=random.Random(n), skip=SKIP)
        for n in range(first, first + count)
    ]


async def warm_up(url: str) -> None:
    """One untimed turn of a direction session: the caches a first visitor fills."""
    person = people_for(url, 1, first=999)[0]
    for _ in range(len(person.cycle()) + 1):
        await person.act()
    await person.drop()


async def close_all(people: list[Person]) -> None:
    for person in people:
        await person.drop()


# --- the three kinds of run ---------------------------------------------------------------


async def goal_run(url: str, pid: int, sessions: int, seconds: float, interval: float):
    await warm_up(url)
    people = people_for(url, sessions)
    clock = time.monotonic()
    await sign_in_all(people)
    signed = [ms for p in people for ms in p.tally.times.get("connexion", [])]
    say(f"    {sessions} sign-in(s) {time.monotonic() - clock:.0f} s")
    run = await window(people, seconds, interval, pid)
    await close_all(people)
    run["tally"].times.setdefault("connexion", [])[:0] = signed  # before the window too
    return [run]


async def saturate_run(url: str, pid: int, seconds: float, steps=SATURATION_STEPS):
    await warm_up(url)
    people: list[Person] = []
    runs = []
    for sessions, interval in steps:
        if len(people) < sessions:
            more = people_for(url, sessions - len(people), first=len(people))
            await sign_in_all(more)
            people += more
        run = await window(people[:sessions], seconds, interval, pid)
        runs.append(run)
        say_window(run)
        if not saturation_point([summary(r) for r in runs])["crossed"]:
            continue
        break
    await close_all(people)
    return runs


async def client_alone(url: str, pid: int, seconds: float):
    """One direction session of the client, acting back to back (as the browser's)."""
    await warm_up(url)
    people = people_for(url, 1)
    await sign_in_all(people)
    run = await window(people, seconds, 0.0, pid, alone=True)
    await close_all(people)
    return [run]


def say_window(run: dict) -> None:
    found = summary(run)
    say(
        f"    {found['sessions']} sessions every {found['interval_s']} s: "
        f"{found['actions_per_s']} actions/s, p50 {found['p50_ms']} p95 {found['p95_ms']} ms, "
        f"{found['errors']} errors, server {run['server_cores']} cores, client "
        f"{run['client_cores']}, load {run['load_before']}"
    )


def browser_alone(url: str, pid: int, seconds: float) -> dict:
    """One direction session of a real Chromium (bench/load_session.py)."""
    from bench.load_session import drive  # Playwright only for the calibration

    # No warm-up turn of its own: the client's session has just warmed the server.
    return asyncio.run(drive(url, 1, seconds, pid, lambda: None, warm=False))


# --- a fresh server per run, the rows -----------------------------------------------------


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


def prepared_copy(source: Path, folder: Path) -> Path:
    """A copy of the cached database whose day's backup is taken: the app's scheduled
    backup (db/backup/channel.py) would otherwise copy the whole file during the window,
    as it does once a day in production, not under the load measured here."""
    db = folder / "prepared.duckdb"
    shutil.copyfile(source, db)
    done = subprocess.run(
        [sys.executable, "cli.py", "--db", str(db), "backup"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"sauvegarde préalable impossible :\n{done.stdout}\n{done.stderr}")
    return db


def on_fresh_server(prepared: Path, work) -> tuple[object, float, str]:
    """`work(url, pid)` on a server started on a copy of `prepared`; its result, the
    server's peak memory (MB) and the tracebacks of its log."""
    with tempfile.TemporaryDirectory(prefix="habiter-load-") as folder:
        db = Path(folder) / "demo.duckdb"
        shutil.copyfile(prepared, db)
        server = AppServer(db=db, log_path=Path(folder) / "streamlit.log").start()
        try:
            result = work(server.url, server.process.pid)
            peak = peak_mb(server.process.pid)
            tracebacks = server.log_tail(2000).count("Traceback")
        finally:
            server.stop()
    return result, peak, tracebacks


def measure(args, prepared: Path, result: dict) -> None:
    """The runs asked, each on a fresh server; their rows and meta into `result`."""
    info, households = result["meta"], args.households
    if args.calibrate:

        def both(url, pid):
            client = asyncio.run(client_alone(url, pid, args.seconds))
            try:
                return client, browser_alone(url, pid, args.seconds)
            except Exception as exc:  # Chromium on a loaded machine: the client's still kept
                return client, {"tally": Tally(), "window_s": 1.0, "failed": repr(exc)[:300]}

        (runs, browser), peak, tracebacks = on_fresh_server(prepared, both)
        browser_run = {
            "tally": browser.pop("tally"),
            "sessions": 1,
            "interval_s": 0.0,
            "actions_per_s": 0.0,
        }
        done = sum(len(t) for t in browser_run["tally"].times.values())
        browser_run["actions_per_s"] = round(done / browser["window_s"], 2)
        result["rows"] += rows_of(runs[0], households, peak)
        result["rows"] += rows_of(browser_run, households, peak, mode="navigateur")
        info["calibration"] = calibration(runs[0]["tally"], browser_run["tally"])
        info["runs"] += [public(runs[0]), {"mode": "navigateur", **browser}]
        for action, gap in info["calibration"].items():
            say(
                f"    {action:<24} client {gap['client_p50_ms']} ms, browser"
                f" {gap['browser_p50_ms']} ms, gap {gap['gap_pct']} %"
            )
    for sessions in args.counts:
        say(f"  {sessions} session(s) every {args.interval} s, {households} households")
        runs, peak, tracebacks = on_fresh_server(
            prepared,
            lambda url, pid, n=sessions: asyncio.run(
                goal_run(url, pid, n, args.seconds, args.interval_for(n))
            ),
        )
        say_window(runs[0])
        say(f"    server peak {round(peak)} MB, {tracebacks} traceback(s) in its log")
        result["rows"] += rows_of(runs[0], households, peak)
        info["runs"].append(
            {**public(runs[0]), "server_peak_mb": round(peak), "log_tracebacks": tracebacks}
        )
    if args.saturate:
        say(f"  saturation, {households} households, {args.seconds:.0f} s per step")
        runs, peak, tracebacks = on_fresh_server(
            prepared, lambda url, pid: asyncio.run(saturate_run(url, pid, args.seconds))
        )
        for run in runs:
            result["rows"] += [
                {**row, "mode": "saturation"}
                for row in rows_of(run, households, peak)
                if row["action"] == ALL
            ]
            info["runs"].append({**public(run), "mode": "saturation"})
        info["saturation"] = {
            **saturation_point([summary(r) for r in runs]),
            "server_peak_mb": round(peak),
            "log_tracebacks": tracebacks,
        }
        say(f"    saturation: {info['saturation']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="30", help="N, or several: 1,10,30")
    parser.add_argument("--households", type=int, default=200_000)
    parser.add_argument("--seconds", type=float, default=90.0, help="each window's length")
    parser.add_argument("--interval", type=float, default=10.0, help="s between a session's acts")
    parser.add_argument("--rate", type=float, help="actions per second of the N together")
    parser.add_argument("--saturate", action="store_true", help="raise the rate until p95 > 1 s")
    parser.add_argument("--calibrate", action="store_true", help="one session: client vs Chromium")
    parser.add_argument("--only", action="store_true", help="with --saturate/--calibrate: no N run")
    parser.add_argument("--quick", action="store_true", help="2 sessions on 2 000, every 2 s, 20 s")
    parser.add_argument("--skip", default="", help=f"steps left out: {','.join(SKIPPABLE)}")
    parser.add_argument("--out", type=Path, default=RESULTS / "load.json")
    args = parser.parse_args()
    global SKIP
    SKIP = frozenset(name for name in args.skip.split(",") if name)
    if SKIP - set(SKIPPABLE):
        parser.error(f"--skip : {', '.join(sorted(SKIP - set(SKIPPABLE)))} inconnu")
    if args.quick:
        args.sessions, args.households, args.seconds, args.interval = "2", 2_000, 20.0, 2.0
    args.counts = [] if args.only else [int(n) for n in args.sessions.split(",")]
    args.interval_for = lambda n: n / args.rate if args.rate else args.interval
    result = {"meta": meta(args, os.getloadavg()), "rows": []}
    with tempfile.TemporaryDirectory(prefix="habiter-load-prepared-") as work:
        prepared = prepared_copy(demo_database(args.households), Path(work))
        measure(args, prepared, result)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False, default=str) + "\n")
    args.out.with_suffix(".md").write_text(markdown(result))
    say(f"  written {args.out} and {args.out.with_suffix('.md')}")


if __name__ == "__main__":
    main()
