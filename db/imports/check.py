"""The dry run: read the files, check every row with the forms' own rules, and say what an
import would create, update or leave alone, and every refused row with its reason.
Nothing is written; the plan it returns carries what db/imports/write.py will write.
"""

from __future__ import annotations

import hashlib

import queries
from db.errors import PermissionDeniedError
from db.imports.context import Context, cut
from db.imports.families import SHEETS, plan_sheet
from db.imports.plan import ImportPlan, ImportRefused, SheetCount
from db.imports.read import MAX_ROWS, RawSheet, read_file, too_many_rows
from db.imports.sheets import Sheet, read_rows
from db.rules import Actor, can_import

# The whole file -------------------------------------------------------------------------


def check_files(database, actor: Actor, files: list[tuple[str, bytes]], progress=None):
    """The dry run of one import: one workbook, or its sheets as CSV files."""
    if not can_import(actor):
        raise PermissionDeniedError("Vous n'avez pas le droit d'importer un fichier.")
    report = progress or (lambda *_: None)
    raws = [raw for name, data in files for raw in read_named(name, data, len(files) > 1)]
    if sum(len(raw.rows) for raw in raws) > MAX_ROWS:
        raise too_many_rows("Ces fichiers ont" if len(files) > 1 else "Ce fichier a", MAX_ROWS)
    found = recognise(raws, SHEETS)
    digest = hashlib.sha256(b"".join(data for _, data in files)).hexdigest()
    with database.reading() as cur:
        ctx = Context(cur, actor)
        ctx.earlier = {
            (r["sheet"], r["ref"]): (r["entity_id"], r["row_hash"])
            for r in queries.fetch_rows(cur, "imports/refs")
        }
        ignored, examples = {}, []
        for done, (sheet, raw) in enumerate(found):
            report(done, len(found), sheet.label)
            rows = read_rows(sheet, raw)
            if rows.ignored:
                ignored[sheet.label] = rows.ignored
            if rows.examples:
                examples.append(sheet.label)
            plan_sheet(ctx, rows)
        report(len(found), len(found), "Vérification terminée")
    if examples:
        sheets = ", ".join(f"« {label} »" for label in examples)
        ctx.notes.insert(0, f"Lignes d'exemple du modèle laissées de côté : {sheets}.")
    counts = [ctx.counts.get(s.key) or SheetCount(s.label) for s, _ in found]
    name = " + ".join(n for n, _ in files)
    return ImportPlan(name, digest, counts, ctx.refusals, ignored, ctx.notes, ctx.work)


def read_named(name: str, data: bytes, among_others: bool) -> list[RawSheet]:
    """The sheets of one file; among several files, a refusal says which one."""
    try:
        return read_file(name, data)
    except ImportRefused as refusal:
        if not among_others:
            raise
        raise ImportRefused(f"« {cut(name)} » : {refusal}") from refusal


def recognise(raws: list[RawSheet], sheets: tuple[Sheet, ...]) -> list[tuple[Sheet, RawSheet]]:
    """Each sheet of the file matched to one the import knows, in the order they are
    checked (households before what belongs to them); an unknown sheet stops the import."""
    found = {}
    for raw in raws:
        sheet = next((s for s in sheets if s.matches(raw.name)), None)
        if sheet is None:
            known = ", ".join(f"« {s.label} »" for s in sheets)
            raise ImportRefused(
                f"Feuille « {cut(raw.name)} » inconnue. Les feuilles attendues sont : {known}"
                " (un fichier CSV : son nom commence par celui de la feuille)."
            )
        if sheet.key in found:
            raise ImportRefused(f"La feuille « {sheet.label} » est donnée deux fois.")
        found[sheet.key] = (sheet, raw)
    if not found:
        raise ImportRefused("Le fichier ne contient aucune feuille à importer.")
    return [found[s.key] for s in sheets if s.key in found]
