"""Retention: closed files past the retention period, listed for review, then anonymised
in ONE transaction (names, contact details, address, notes and summaries removed, birth
dates reduced to 1 January of their year, the audit log's diffs scrubbed). Codes, dates
and amounts stay: every figure of the dashboards and activity reports is unchanged.
"""

from __future__ import annotations

from datetime import date

import polars as pl

import queries
from db import clock
from db.audit import write_audit
from db.errors import PermissionDeniedError, ValidationFailed
from db.privacy import scrub
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
    """Closed files whose last contact (or closing, without contact) is past retention."""
    return queries.run(database, "privacy/eligible", cutoff=cutoff(database, today))


def dry_run(database, ids: list[int]) -> dict[str, int]:
    """Per table, how many values anonymising these households would remove; no write."""
    with database.reading() as cur:
        return scrub.count_values(cur, list(ids))


def _check(actor: Actor) -> None:
    if not actor.has("admin"):
        raise PermissionDeniedError("Seul un administrateur peut anonymiser des dossiers.")


def anonymise_households(database, actor: Actor, ids: list[int]) -> dict[str, int]:
    """Anonymise these closed households in one transaction; returns the counts per table
    of values removed. The audit log keeps one row: the households' internal ids and the
    counts, never a removed value."""
    _check(actor)
    ids = sorted({int(i) for i in ids})
    if not ids:
        raise ValidationFailed("Aucun dossier choisi.")

    def work(cur) -> dict[str, int]:
        open_ones = cur.execute(
            "SELECT count(*) FROM household WHERE id IN (SELECT unnest($ids)) AND status <> 'clos'",
            {"ids": ids},
        ).fetchone()[0]
        if open_ones:
            raise ValidationFailed("Seuls des dossiers clos peuvent être anonymisés.")
        totals = scrub.count_values(cur, ids)
        scrub.scrub_audit(cur, ids, write=True)
        scrub.scrub_tables(cur, ids)
        cur.execute(
            "UPDATE household SET anonymous = true WHERE id IN (SELECT unnest($ids))", {"ids": ids}
        )
        scrub.refresh_keys(cur, ids)
        # Internal ids and counts only: never a removed value, nor a file number.
        write_audit(
            cur, actor.username, "anonymise", "anonymisation", len(ids),
            {"dossiers": ids, "valeurs_retirees": totals},
        )  # fmt: skip
        return totals

    return database.run_transaction(work)
