"""What an import will do, and what it did: the dry run's report and the write's result.

`check_file` (db/imports/check.py) reads a file and returns an ImportPlan without writing
anything; `run_import` (db/imports/write.py) writes a plan in one transaction and returns
an ImportDone. Both screens (« Administration › Import ») and the command line
(`cli.py import FILE [--dry-run]`) show these same objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Above this size a file is refused before it is read (the screen and the command line).
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_FILE_WORDS = "50 Mo"


class ImportRefused(Exception):
    """The whole file is refused (not a spreadsheet, too big, a required column missing):
    the message is French and names what to correct; nothing was checked row by row."""


@dataclass
class Refusal:
    """One refused row: where it is, what is wrong, and the row as typed (to download)."""

    sheet: str  # the sheet's French name, « Ménages et membres »
    line: int  # the line number in the spreadsheet (the header is line 1)
    column: str  # the French column name, or "" for the whole row
    reason: str  # French, « date invalide : 31/02/2024 »
    cells: dict[str, str] = field(default_factory=dict)  # header -> cell, as read


@dataclass
class SheetCount:
    """Rows of one sheet: to create, to update, already there unchanged, refused."""

    sheet: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0


@dataclass
class ImportPlan:
    file_name: str
    file_hash: str  # sha256 of the bytes, kept in the import log
    counts: list[SheetCount]
    refusals: list[Refusal]
    ignored_columns: dict[str, list[str]]  # sheet -> column names the app does not know
    notes: list[str]  # French lines, e.g. « ligne 4 : rejoint le dossier 2023-0012 »
    work: Any = None  # what run_import writes; opaque to the screens

    @property
    def writable(self) -> bool:
        """Something to write: a row to create or update (refused rows are left out)."""
        return any(c.created or c.updated for c in self.counts)


@dataclass
class ImportDone:
    import_id: int
    counts: list[SheetCount]
    seconds: float
