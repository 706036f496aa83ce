"""What the check of one import knows as it goes from sheet to sheet, and how a checked row
becomes a record to create, to update or to leave alone (by its reference)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

import queries
from db.imports import values
from db.imports.plan import Refusal, SheetCount
from db.imports.sheets import Row, Sheet
from db.imports.work import Change, Link, New, Ref, Work
from db.rules import Actor

# A row's own reference, and the ones naming a household of the file or of the app.
REF, HOUSEHOLD_REF, FILE_NUMBER = "ref", "household_ref", "file_number_ref"


@dataclass
class Context:
    """What the sheets checked so far have found, for the sheets that follow."""

    cur: object
    actor: Actor
    work: Work = field(default_factory=Work)
    counts: dict[str, SheetCount] = field(default_factory=dict)
    refusals: list[Refusal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    targets: dict[tuple[str, str], Link | int] = field(default_factory=dict)  # (sheet, ref)
    earlier: dict[tuple[str, str], tuple[int, str]] = field(default_factory=dict)
    cache: dict = field(default_factory=dict)

    def count(self, sheet: Sheet) -> SheetCount:
        return self.counts.setdefault(sheet.key, SheetCount(sheet.label))

    def refuse(self, sheet: Sheet, row: Row) -> None:
        """The row is left out: one refusal per column it has wrong."""
        self.count(sheet).refused += 1
        for column, reason in row.errors.items():
            self.refusals.append(Refusal(sheet.label, row.line, column, reason, row.typed_cells()))

    def target(self, sheet_key: str, ref: str) -> Link | int | None:
        """The record a reference names: brought in by this file or by an earlier import."""
        found = self.targets.get((sheet_key, ref))
        if found is None and (sheet_key, ref) in self.earlier:
            found = self.earlier[(sheet_key, ref)][0]
        return found


def row_hash(row: Row) -> str:
    """The row's fingerprint: its fields as read (an import run again compares it)."""
    text = repr(sorted((k, str(v)) for k, v in row.fields.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def own_ref(sheet: Sheet, row: Row) -> str:
    """The row's reference: the association's « Réf. », else its content (a row imported
    again as it was is then recognised, and not created twice)."""
    given = row.get(REF)
    return str(given) if given else "contenu:" + row_hash(row)


def household_of(ctx: Context, row: Row, required: bool = True) -> Link | int | None:
    """The household a row belongs to: « Réf. ménage » (this file or an earlier import) or
    « N° de dossier » (a file of the app); an error on the row when neither finds one."""
    ref, number = row.get(HOUSEHOLD_REF), row.get(FILE_NUMBER)
    if ref:
        found = ctx.target("menages", str(ref))
        if found is None:
            row.errors.setdefault("Réf. ménage", f"aucun ménage « {cut(ref)} » dans le fichier")
        return found
    if number:
        found = households_by_number(ctx).get(str(number))
        if found is None:
            row.errors.setdefault("N° de dossier", f"aucun dossier n°{cut(number)}")
        return found
    if required:
        row.errors.setdefault("Réf. ménage", "à renseigner (ou le « N° de dossier »)")
    return None


def households_by_number(ctx: Context) -> dict[str, int]:
    return ctx.cache.setdefault("numbers", {})


def prefetch_numbers(ctx: Context, rows: list[Row]) -> None:
    """The households a sheet names by « N° de dossier », read at once for all its rows."""
    known = households_by_number(ctx)
    wanted = sorted({str(r.get(FILE_NUMBER)) for r in rows if r.get(FILE_NUMBER)} - set(known))
    if wanted:
        found = queries.fetch_rows(ctx.cur, "imports/households_by_number", numbers=wanted)
        known.update({r["file_number"]: r["id"] for r in found})


def account_named(ctx: Context, typed, query: str, **params) -> str | None:
    """The username of the account `typed` names, by its username or its display name
    (accents and case aside), among those `query` lists (read once per import)."""
    if query not in ctx.cache:
        found = queries.fetch_rows(ctx.cur, query, **params)
        ctx.cache[query] = {
            values.fold(name): r["username"]
            for r in found
            for name in (r["username"], r["display_name"])
        }
    return ctx.cache[query].get(values.fold(str(typed)))


def cut(value, length: int = 60) -> str:
    text = str(value)
    return text if len(text) <= length else text[: length - 1] + "…"


def plan_record(ctx: Context, sheet: Sheet, row: Row, kind, values_of, household=None) -> None:
    """Create, update or leave alone the record of one checked row, by its reference."""
    ref = own_ref(sheet, row)
    fingerprint = row_hash(row)
    earlier = ctx.earlier.get((sheet.key, ref))
    if (sheet.key, ref) in ctx.targets:
        row.errors.setdefault("Réf.", f"la référence « {cut(ref)} » est déjà plus haut")
        ctx.refuse(sheet, row)
        return
    if earlier is None:
        key = (sheet.key, ref)
        link = ctx.work.add(New(kind, values_of(), key, household))
        ctx.targets[key] = link
        ctx.work.refs.append(Ref(sheet.key, ref, link, fingerprint))
        ctx.count(sheet).created += 1
        return
    record_id, was = earlier
    ctx.targets[(sheet.key, ref)] = record_id
    if was == fingerprint:
        ctx.count(sheet).unchanged += 1
        return
    load = loader(kind, record_id, household)
    changes = {k: v for k, v in values_of().items() if k in kind.columns}
    ctx.work.changes.append(Change(kind, load, changes, household_id(household)))
    ctx.work.refs.append(Ref(sheet.key, ref, record_id, fingerprint))
    ctx.count(sheet).updated += 1


def household_id(household) -> int | None:
    return household if isinstance(household, int) else None


def loader(kind, record_id: int, household) -> Callable:
    """How the write loads a record to update (inside its transaction), by its kind's
    own query: support records are looked for in their household."""
    if kind.table == "household":
        return lambda cur: queries.fetch_row(cur, kind.query, household_id=record_id)
    if household is not None:
        return lambda cur: queries.fetch_row(
            cur, kind.query, household_id=household, record_id=record_id
        )
    return lambda cur: queries.fetch_row(cur, kind.query, record_id=record_id)
