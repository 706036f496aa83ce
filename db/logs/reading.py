"""Reading the two logs with the admin's filters: a page of rows and their count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

import queries
from db.errors import ValidationFailed
from db.french import fr_date

AUDIT, ACCESS = "audit", "access"
ROWS = {AUDIT: "audit/entries", ACCESS: "audit/accesses"}
COUNTS = {AUDIT: "audit/entries_count", ACCESS: "audit/accesses_count"}
CODES = {AUDIT: "audit/entry_codes", ACCESS: "audit/access_codes"}


@dataclass(frozen=True)
class LogFilter:
    """What the admin asks for; None means « all »."""

    username: str | None = None
    entity: str | None = None
    action: str | None = None
    start_on: date | None = None
    end_on: date | None = None

    def checked(self) -> LogFilter:
        """The filter itself, or a French refusal when its period is upside down."""
        if self.start_on and self.end_on and self.start_on > self.end_on:
            raise ValidationFailed(
                f"La période commence le {fr_date(self.start_on)}, après sa fin le "
                f"{fr_date(self.end_on)} : inversez les deux dates."
            )
        return self

    def params(self) -> dict:
        return {
            "username": self.username,
            "entity": self.entity,
            "action": self.action,
            "start_on": self.start_on,
            "end_on": self.end_on,
        }


def count(database, log: str, wanted: LogFilter) -> int:
    return int(queries.run(database, COUNTS[log], **wanted.checked().params())["total"][0])


def page(database, log: str, wanted: LogFilter, limit: int, offset: int = 0) -> pl.DataFrame:
    """The rows of one page, newest first."""
    params = wanted.checked().params()
    return queries.run(database, ROWS[log], **params, limit=limit, offset=offset)


def batches(database, log: str, wanted: LogFilter, total: int, size: int = 50_000):
    """Every row the filters keep, a batch at a time (for an export)."""
    params = wanted.checked().params()
    return queries.batches(database, ROWS[log], size, **params, limit=max(total, 1), offset=0)


def codes(database, log: str) -> dict[str, list[str]]:
    """{"username": [...], "entity": [...], "action": [...]} found in the log."""
    found: dict[str, list[str]] = {"username": [], "entity": [], "action": []}
    for kind, code in queries.run(database, CODES[log]).iter_rows():
        found[kind].append(code)
    return found
