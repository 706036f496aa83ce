"""20 people saving intakes at the same moment, through the same function as the form.

Called by bench/run.py, in a process of its own, after the other measures of a size (it
adds households). Each writer thread saves a bounded number of intakes; a refused save
is counted, not retried, and a save acknowledged but absent from the file is "lost".
"""

from __future__ import annotations

import statistics
import threading
import time

from db.connection import close_database, open_database
from db.households.models import IntakeIn
from db.households.writes import create_intake
from db.rules import Actor

WRITERS = 20
EACH = 10  # intakes per writer and per round: 200 saves a round
JOIN_SECONDS = 300
LABEL = f"{WRITERS} concurrent writers × {EACH} intakes"


def one_round(database, intake: IntakeIn, actor: Actor) -> dict:
    """All writers start together; returns the acknowledged file numbers, times, errors."""
    start = threading.Barrier(WRITERS)
    numbers: list[str] = []
    times: list[float] = []
    errors: list[str] = []

    def writer() -> None:
        start.wait(timeout=60)
        for _ in range(EACH):
            began = time.perf_counter()
            try:
                numbers.append(create_intake(database, actor, intake)["file_number"])
            except Exception as exc:  # noqa: BLE001 - a refused save is what is counted
                errors.append(type(exc).__name__)
            times.append((time.perf_counter() - began) * 1000)

    threads = [threading.Thread(target=writer, daemon=True) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_SECONDS)
    hung = sum(thread.is_alive() for thread in threads)
    if hung:
        raise RuntimeError(f"{hung} writer(s) still running after {JOIN_SECONDS} s")
    return {"numbers": numbers, "times": times, "errors": errors}


def count_saved(database, numbers: list[str]) -> int:
    """How many of the acknowledged file numbers are in the file, each once."""
    with database.reading() as cur:
        return cur.execute(
            "SELECT count(DISTINCT file_number) FROM household"
            " WHERE file_number IN (SELECT unnest($numbers))",
            {"numbers": numbers},
        ).fetchone()[0]


def concurrent_writers(path: str, intake: IntakeIn, repeat: int) -> dict:
    """`repeat` rounds of WRITERS × EACH saves; refused, lost and latency over all rounds."""
    database = open_database(path)
    actor = Actor.system("bench")
    numbers, times, errors = [], [], []
    for _ in range(repeat):
        result = one_round(database, intake, actor)
        numbers += result["numbers"]
        times += result["times"]
        errors += result["errors"]
    saved = count_saved(database, numbers)
    close_database(path)
    return {
        "attempts": len(times),
        "refused": len(errors),
        "errors": sorted(set(errors)),
        "lost": len(numbers) - saved,
        "times": times,
    }


def cells(result: dict) -> dict[str, str]:
    """The measure's rows of the table, for one size."""
    times = result["times"]
    p95 = statistics.quantiles(times, n=20, method="inclusive")[-1]
    refused = f"{result['refused']} of {result['attempts']}"
    if result["errors"]:
        refused += f" ({', '.join(result['errors'])})"
    return {
        f"{LABEL}: refused": refused,
        f"{LABEL}: lost (acknowledged, not in the file)": str(result["lost"]),
        f"{LABEL}: one intake, p50 (p95) ms": f"{statistics.median(times):.1f} ({p95:.1f})",
    }
