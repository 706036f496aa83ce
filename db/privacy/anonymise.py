"""Retention: closed files past the retention period, listed for review, then anonymised
in ONE transaction (names, contact details, address, notes, summaries and free-text
prescribers removed, birth dates reduced to 1 January of their year, the leases left to
their dwellings, the audit log's diffs scrubbed). Codes, dates and amounts stay: every
figure of the dashboards and activity reports is unchanged.

A file is proposed only when nothing is running (anonymisation_blocks, migration 014: a
lease, a debt plan in progress, a pending FSL application, an open procedure or measure)
and the administrator did not hold it back (db/privacy/holds.py); the others are listed
with why they are held back.
"""

from __future__ import annotations

from datetime import date

import polars as pl

import queries
from db import clock, rules
from db.audit import write_audit
from db.backup import journal
from db.errors import PermissionDeniedError, ValidationFailed
from db.privacy import holds, scrub
from db.rules import Actor
from db.settings import get_setting


def cutoff(database, today: date | None = None) -> date:
    """Last contacts before this day are past the retention period."""
    today = today or clock.today()
    years = get_setting(database, "retention_years")
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def eligible(database, today: date | None = None) -> pl.DataFrame:
    """Closed files past retention (last contact, or closing without contact) where
    nothing is running and that no one held back: those proposed for anonymisation."""
    today = today or clock.today()
    return queries.run(database, "privacy/eligible", cutoff=cutoff(database, today), today=today)


def held_back(database, today: date | None = None) -> pl.DataFrame:
    """The other closed files past retention, one row each: id, file_number, closed_on,
    last_contact_on and `reasons`, the French sentences saying why each is kept."""
    today = today or clock.today()
    rows = queries.run(database, "privacy/held_back", cutoff=cutoff(database, today), today=today)
    files: dict[int, dict] = {}
    for row in rows.iter_rows(named=True):
        line = files.setdefault(row["id"], {**row, "reasons": []})
        line["reasons"].append(holds.reason_text(row["reason"], row["since"], row["detail"], today))
    return pl.DataFrame(
        [{**line, "reasons": " ; ".join(line["reasons"])} for line in files.values()],
        schema={
            "id": pl.Int64,
            "file_number": pl.String,
            "closed_on": pl.Date,
            "last_contact_on": pl.Date,
            "reasons": pl.String,
        },
    )


def dry_run(database, ids: list[int]) -> dict[str, int]:
    """Per table, how many values anonymising these households would remove; no write."""
    with database.reading() as cur:
        return scrub.count_values(cur, list(ids))


def _check(actor: Actor) -> None:
    if not rules.can_anonymise(actor):
        raise PermissionDeniedError("Seul un administrateur peut anonymiser des dossiers.")


def refuse_running(cur, ids: list[int]) -> None:
    """Checked again inside the transaction: a lease signed or a hold decided since the
    list was drawn keeps its file."""
    kept = queries.fetch_rows(cur, "privacy/blocked", ids=ids, today=clock.today())
    if kept:
        numbers = ", ".join(row["file_number"] for row in kept[:5])
        more = f" et {len(kept) - 5} autre(s)" if len(kept) > 5 else ""
        raise ValidationFailed(
            f"{len(kept)} dossier(s) ne peuvent pas être anonymisés : quelque chose y court "
            f"encore ou l'administration les a gardés ({numbers}{more})."
        )


def anonymise_households(database, actor: Actor, ids: list[int]) -> dict[str, int]:
    """Anonymise these closed households in one transaction; returns the counts per table
    of values removed. The audit log keeps one row: the households' internal ids and the
    counts, never a removed value."""
    _check(actor)
    ids = sorted({int(i) for i in ids})
    if not ids:
        raise ValidationFailed("Aucun dossier choisi.")

    def work(cur) -> dict[str, int]:
        if queries.fetch_row(cur, "privacy/open_among", ids=ids)["total"]:
            raise ValidationFailed("Seuls des dossiers clos peuvent être anonymisés.")
        refuse_running(cur, ids)
        totals = scrub.count_values(cur, ids)
        scrub.scrub_audit(cur, ids, write=True)
        scrub.scrub_tables(cur, ids)
        scrub.detach_leases(cur, ids, actor.username)
        cur.execute(
            "UPDATE household SET anonymous = true WHERE id IN (SELECT unnest($ids))", {"ids": ids}
        )
        scrub.refresh_keys(cur, ids)
        # Internal ids and counts only: never a removed value, nor a file number.
        write_audit(
            cur,
            actor.username,
            "anonymise",
            "anonymisation",
            len(ids),
            {"dossiers": ids, "valeurs_retirees": totals},
        )
        return totals

    counts = database.run_transaction(work)
    # Outside the base: a restore from an older backup must remind that these are lost.
    journal.record_anonymisation(database.path, len(ids))
    return counts
