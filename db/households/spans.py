"""The periods of follow-up (table household_follow_span, migration 008), derived from the
dated status history: one row from each opening (ouverture or reouverture) to the next
event of the household's history (its closing), to_on NULL while no event follows.
Events of the same day are taken in the order they were recorded (their id).

The indicators read these rows instead of rebuilding them with a window at each query;
every writer of household_status_event rebuilds them here, in its own transaction.
"""

from __future__ import annotations

# The same SELECT as the backfill of db/migrations/008_follow_spans.sql.
_SPANS = (
    "INSERT INTO household_follow_span (household_id, from_on, to_on)"
    " SELECT household_id, occurred_on, next_on FROM ("
    "  SELECT household_id, event, occurred_on, lead(occurred_on) OVER"
    "   (PARTITION BY household_id ORDER BY occurred_on, id) AS next_on"
    "  FROM household_status_event{where}"
    " ) AS spans WHERE event IN ('ouverture', 'reouverture')"
)


def rebuild_spans(cur) -> None:
    """All households' periods again from their status history (bulk loads, tests)."""
    cur.execute("DELETE FROM household_follow_span")
    cur.execute(_SPANS.format(where=""))


def rebuild_household_spans(cur, household_id: int) -> None:
    """One household's periods again from its status history, after a new event: the
    same rows as rebuild_spans, even for an event dated before earlier ones."""
    params = {"id": household_id}
    cur.execute("DELETE FROM household_follow_span WHERE household_id = $id", params)
    cur.execute(_SPANS.format(where=" WHERE household_id = $id"), params)


def rebuild_spans_of(cur, household_ids: list[int]) -> None:
    """The periods of these households again (an import: thousands at once)."""
    if not household_ids:
        return
    params = {"ids": household_ids}
    where = " WHERE household_id IN (SELECT unnest(CAST($ids AS BIGINT[])))"
    cur.execute("DELETE FROM household_follow_span" + where, params)
    cur.execute(_SPANS.format(where=where), params)
