"""What a checked import will write: new records (linked to each other before they have
ids), changes to records an earlier import brought in, and the references to keep.

The check builds a Work; the write (db/imports/write.py) gives the new records their ids
in bulk, resolves the links and inserts each table at once: 10,000 households with their
members and 30,000 actions are a few bulk inserts, not 100,000 statements.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from db.records import RecordKind


@dataclass(frozen=True)
class Link:
    """A record of this import, known by its local key until the write gives it an id."""

    key: tuple


@dataclass
class New:
    kind: RecordKind
    values: dict  # a value may be a Link
    key: tuple | None = None  # how other records link to this one
    household: Link | int | None = None  # whose history shows it (audit)


@dataclass
class Change:
    """Columns to change on a record an earlier import created (at its current version)."""

    kind: RecordKind
    load: Callable  # load(cur) -> the record as it is now
    changes: dict
    household: int | None = None


@dataclass
class Ref:
    """The association's reference of a row, the record it is, the row's fingerprint."""

    sheet: str
    ref: str
    target: Link | int
    row_hash: str


@dataclass
class Work:
    news: list[New] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    households: list[Link | int] = field(default_factory=list)  # spans and search to refresh

    def add(self, new: New) -> Link | None:
        self.news.append(new)
        return Link(new.key) if new.key is not None else None
