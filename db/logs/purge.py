"""The logs' purge: rows of the access log, the SQL console's log and the audit log older
than each one's retention setting are deleted; each purge goes to the audit log (how many
rows, before which day: no personal data). The audit log's own purge row is written after
its rows are deleted, so it stays.

Run from the admin's button and once a day by a daemon thread of the app's process, all
logs at the same moment.
"""

from __future__ import annotations

import calendar
import logging
import threading
import time
from dataclasses import dataclass
from datetime import date

import queries
from db import clock, rules
from db.background import start_once
from db.errors import PermissionDeniedError
from db.mutation import Changed, Outcome, nothing, run_mutation
from db.rules import Actor
from db.settings import get_setting

PURGE_ACTOR = "purge-automatique"
EVERY_SECONDS = 24 * 3600

THREAD = "access-log-purge"

_log = logging.getLogger(__name__)


def cutoff_day(today: date, months: int) -> date:
    """The day `months` months before `today` (31 March less one month: 28 or 29
    February). A row of that day is kept; a row of any day before it is purged."""
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(today.day, last_day))


@dataclass(frozen=True)
class Retained:
    """A log that is purged: its setting, its count query and its delete statement."""

    setting: str
    older_than: str
    delete: str
    name: str  # « du journal des accès », as a log message says it


LOGS = {
    "access_log": Retained(
        "access_log_retention_months",
        "audit/access_older_than",
        "DELETE FROM access_log WHERE occurred_at < $cutoff",
        "du journal des accès",
    ),
    "console_log": Retained(
        "console_log_retention_months",
        "audit/console_older_than",
        "DELETE FROM console_log WHERE occurred_at < $cutoff",
        "du journal de la console SQL",
    ),
    "audit_log": Retained(
        "audit_log_retention_months",
        "audit/audit_older_than",
        "DELETE FROM audit_log WHERE occurred_at < $cutoff",
        "du journal des modifications",
    ),
}


def retention_cutoff(database, today: date | None = None, log: str = "access_log") -> date:
    months = get_setting(database, LOGS[log].setting)
    return cutoff_day(today or clock.today(), months)


def purgeable_rows(database, today: date | None = None, log: str = "access_log") -> int:
    """How many rows of `log` a purge would delete today."""
    cutoff = retention_cutoff(database, today, log)
    found = queries.run(database, LOGS[log].older_than, cutoff_on=cutoff)
    return int(found["total"][0])


def purge_log(database, actor: Actor, log: str, today: date | None = None) -> int:
    """Delete the rows of `log` older than its retention period; the count deleted. A
    purge that deletes something writes one audit row (action « purge »)."""
    retained = LOGS[log]
    months = get_setting(database, retained.setting)
    cutoff = cutoff_day(today or clock.today(), months)

    def apply(cur, _current) -> Outcome:
        row = queries.fetch_row(cur, retained.older_than, cutoff_on=cutoff)
        deleted = int(row["total"])
        if not deleted:
            return Outcome([], value=0)
        cur.execute(retained.delete, {"cutoff": cutoff})
        summary = {"deleted_rows": deleted, "cutoff_on": cutoff, "retention_months": months}
        return Outcome([Changed(log, cutoff.isoformat(), None, summary)], value=deleted)

    try:
        return run_mutation(database, actor, "purge", rules.can_purge_logs, nothing, apply).value
    except PermissionDeniedError:
        raise PermissionDeniedError("Seule l'administration purge les journaux.") from None


def purge_access_log(database, actor: Actor, today: date | None = None) -> int:
    return purge_log(database, actor, "access_log", today)


def purge_all_logs(database, actor: Actor, today: date | None = None) -> dict[str, int]:
    """Every log purged of what is past its retention: the count deleted, by log."""
    return {log: purge_log(database, actor, log, today) for log in LOGS}


def purge_once(database) -> int | None:
    """The scheduled purge of every log: the count deleted, or None after an error, which
    is logged and never raised (the thread goes on, and so do the other logs)."""
    total, failed = 0, False
    for log, retained in LOGS.items():
        try:
            total += purge_log(database, Actor.system(PURGE_ACTOR), log, clock.today())
        except Exception:
            _log.exception("Purge %s impossible", retained.name)
            failed = True
    return None if failed else total


def _schedule(database, every_seconds: float) -> None:
    while True:
        purge_once(database)
        time.sleep(every_seconds)


def start_purge_schedule(database, every_seconds: float = EVERY_SECONDS) -> threading.Thread:
    """The one daemon thread of the process that purges the logs once a day (at its
    start, then every 24 hours)."""
    return start_once(THREAD, _schedule, database, every_seconds)
