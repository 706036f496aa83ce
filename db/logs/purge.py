"""The access log's purge: rows older than access_log_retention_months are deleted, the
purge itself goes to the audit log (how many rows, before which day: no personal data).

Run from the admin's button and once a day by a daemon thread of the app's process.
"""

from __future__ import annotations

import calendar
import logging
import threading
import time
from datetime import date

import queries
from db import clock
from db.errors import PermissionDeniedError
from db.mutation import Changed, Outcome, nothing, run_mutation
from db.rules import Actor
from db.settings import get_setting

PURGE_ACTOR = "purge-automatique"
EVERY_SECONDS = 24 * 3600

_log = logging.getLogger(__name__)
_state_lock = threading.Lock()
_scheduler: list[threading.Thread] = []


def cutoff_day(today: date, months: int) -> date:
    """The day `months` months before `today` (31 March less one month: 28 or 29
    February). A row of that day is kept; a row of any day before it is purged."""
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(today.day, last_day))


def retention_cutoff(database, today: date | None = None) -> date:
    months = get_setting(database, "access_log_retention_months")
    return cutoff_day(today or clock.today(), months)


def purgeable_rows(database, today: date | None = None) -> int:
    """How many rows a purge would delete today."""
    found = queries.run(
        database, "audit/access_older_than", cutoff_on=retention_cutoff(database, today)
    )
    return int(found["total"][0])


def purge_access_log(database, actor: Actor, today: date | None = None) -> int:
    """Delete the access log's rows older than the retention period; the count deleted.
    A purge that deletes something writes one audit row (action « purge »)."""
    months = get_setting(database, "access_log_retention_months")
    cutoff = cutoff_day(today or clock.today(), months)

    def rule(who: Actor, _current) -> bool:
        return who.has("admin")

    def apply(cur, _current) -> Outcome:
        row = queries.fetch_row(cur, "audit/access_older_than", cutoff_on=cutoff)
        deleted = int(row["total"])
        if not deleted:
            return Outcome([], value=0)
        cur.execute("DELETE FROM access_log WHERE occurred_at < $cutoff", {"cutoff": cutoff})
        summary = {"deleted_rows": deleted, "cutoff_on": cutoff, "retention_months": months}
        return Outcome([Changed("access_log", cutoff.isoformat(), None, summary)], value=deleted)

    try:
        return run_mutation(database, actor, "purge", rule, nothing, apply).value
    except PermissionDeniedError:
        raise PermissionDeniedError("Seule l'administration purge le journal des accès.") from None


def purge_once(database) -> int | None:
    """The scheduled purge: the count deleted, or None after an error, which is logged
    and never raised (the thread goes on)."""
    try:
        return purge_access_log(database, Actor.system(PURGE_ACTOR), clock.today())
    except Exception:
        _log.exception("Purge du journal des accès impossible")
        return None


def _schedule(database, every_seconds: float) -> None:
    while True:
        purge_once(database)
        time.sleep(every_seconds)


def start_purge_schedule(database, every_seconds: float = EVERY_SECONDS) -> threading.Thread:
    """The one daemon thread of the process that purges the access log once a day (at
    its start, then every 24 hours); later calls return it."""
    with _state_lock:
        if not _scheduler:
            thread = threading.Thread(
                target=_schedule,
                args=(database, every_seconds),
                name="access-log-purge",
                daemon=True,
            )
            _scheduler.append(thread)
            thread.start()
        return _scheduler[0]
