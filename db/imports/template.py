"""The workbooks of the import: the template to fill (one sheet per kind, French columns,
an example row, the allowed values of each choice column) and the refused rows, as typed,
with a « Motif » column, to correct and upload again."""

from __future__ import annotations

import io
from collections import defaultdict

import xlsxwriter

import queries
from db.french import TEXT_STAYS_TEXT
from db.imports.families import SHEETS
from db.imports.plan import ImportPlan
from db.imports.sheets import EXAMPLE_MARK, PERMITTED_SHEET, REFUSAL_COLUMNS, Column, Sheet
from db.imports.support import CATALOG_OF

README_SHEET = "Lisez-moi"
OPTIONS = {"in_memory": True, **TEXT_STAYS_TEXT}


def template_workbook(database) -> bytes:
    """The workbook to fill; the kinds an admin keeps in the lists are read from `database`."""
    lists = catalog_labels(database)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, OPTIONS)
    bold = book.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1})
    text = book.add_format({"num_format": "@"})
    write_readme(book, bold)
    permitted = []
    for sheet in SHEETS:
        permitted += write_sheet(book, sheet, lists.get(sheet.key, {}), bold, text)
    write_permitted(book, permitted, bold)
    book.close()
    return buffer.getvalue()


def catalog_labels(database) -> dict[str, dict[str, str]]:
    found = {}
    for sheet_key, list_name in CATALOG_OF.items():
        rows = queries.run(database, "support/catalog", list=list_name)
        found[sheet_key] = {
            r["code"]: r["label"] for r in rows.iter_rows(named=True) if r["active"]
        }
    return found


def write_readme(book, bold) -> None:
    sheet = book.add_worksheet(README_SHEET)
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 110)
    lines = [
        ("Import dans Habiter", ""),
        (
            "Une feuille par sorte de données",
            "Remplissez les feuilles utiles, laissez ou supprimez les autres.",
        ),
        (
            "Ligne d'exemple",
            f"Sa référence commence par « {EXAMPLE_MARK} » : elle n'est jamais importée, "
            "laissez-la ou supprimez-la.",
        ),
        ("Dates", "21/11/2025, 21/11/25 ou 2025-11-21."),
        ("Montants", "1 234,50 ou 1234.5 (le signe € est accepté)."),
        (
            "Listes",
            f"Les valeurs permises de chaque colonne à choix sont dans « {PERMITTED_SHEET} ».",
        ),
        (
            "Réf.",
            "Votre référence de la ligne : un import relancé met à jour, sans créer deux fois.",
        ),
        (
            "Fichiers CSV",
            "Chaque feuille peut aussi être un fichier CSV (séparateur « ; ») dont le nom "
            "commence par celui de la feuille (« Ménages et membres 2024.csv »).",
        ),
    ]
    for row, (title, text) in enumerate(lines):
        sheet.write_string(row, 0, title, bold if row == 0 else None)
        sheet.write_string(row, 1, text)
    row = len(lines) + 1
    for kind in SHEETS:
        sheet.write_string(row, 0, kind.label, bold)
        sheet.write_string(row, 1, kind.about or "Une ligne par enregistrement.")
        row += 1
        for column in kind.columns:
            wanted = "obligatoire" if column.required else "facultative"
            sheet.write_string(row, 0, f"  {column.label}")
            sheet.write_string(row, 1, f"{wanted}{' : ' + column.note if column.note else ''}")
            row += 1


def write_sheet(book, sheet: Sheet, kinds: dict[str, str], bold, text) -> list:
    """The sheet's headers and example row; its choice columns, for « Valeurs permises »."""
    page = book.add_worksheet(sheet.label[:31])
    permitted = []
    for position, column in enumerate(sheet.columns):
        page.write_string(0, position, column.label, bold)
        page.set_column(position, position, max(14, len(column.label) + 4), text)
        choices = dict(column.choice_labels()) or (kinds if column.field == "kind" else {})
        first = next(iter(choices.values()), "") if column.required else ""
        example = column.example or first
        page.write_string(1, position, example)
        if choices:
            permitted.append((sheet, column, list(choices.values())))
    page.freeze_panes(1, 0)
    return permitted


def write_permitted(book, permitted: list[tuple[Sheet, Column, list[str]]], bold) -> None:
    page = book.add_worksheet(PERMITTED_SHEET)
    for position, (sheet, column, labels) in enumerate(permitted):
        page.write_string(0, position, f"{sheet.label} › {column.label}", bold)
        page.set_column(position, position, 34)
        for row, label in enumerate(labels, start=1):
            page.write_string(row, position, label)
    page.freeze_panes(1, 0)


def refused_workbook(plan: ImportPlan) -> bytes:
    """The refused rows of each sheet as they were typed, their line and their reasons."""
    by_sheet: dict[str, dict[int, list]] = defaultdict(dict)
    for refusal in plan.refusals:
        by_sheet[refusal.sheet].setdefault(refusal.line, []).append(refusal)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, OPTIONS)
    bold = book.add_format({"bold": True, "bg_color": "#FCE8E6", "border": 1})
    for sheet_label, lines in by_sheet.items():
        write_refused(book, sheet_label, lines, bold)
    if not by_sheet:
        book.add_worksheet("Aucune ligne refusée")
    book.close()
    return buffer.getvalue()


def write_refused(book, sheet_label: str, lines: dict[int, list], bold) -> None:
    page = book.add_worksheet(sheet_label[:31])
    headers = [h for h in next(iter(lines.values()))[0].cells if h]
    for position, header in enumerate([*REFUSAL_COLUMNS, *headers]):
        page.write_string(0, position, header, bold)
        page.set_column(position, position, 60 if header == REFUSAL_COLUMNS[0] else 16)
    for row, (line, refusals) in enumerate(sorted(lines.items()), start=1):
        reasons = " ; ".join(f"{r.column} : {r.reason}" if r.column else r.reason for r in refusals)
        page.write_string(row, 0, reasons)
        page.write_number(row, 1, line)
        for position, header in enumerate(headers, start=2):
            page.write_string(row, position, refusals[0].cells.get(header, ""))
    page.freeze_panes(1, 0)
