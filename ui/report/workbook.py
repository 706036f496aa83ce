"""The report as an Excel workbook: a cover sheet, one sheet per indicator, and the
« Actions et solutions trouvées » table. Numbers stay numbers, shown the French way by
Excel's number formats (a French Excel writes 1 234,50 € from « #,##0.00 € »)."""

from __future__ import annotations

import io
import re

import polars as pl
import xlsxwriter

from db.french import fr_date
from ui.exports import TEXT_STAYS_TEXT
from ui.report import ACTIONS_TITLE, EMPTY, Indicator, Report
from ui.report import text as texts
from ui.report.figures import figures

COVER = "Rapport"
SHEET_MAX = 31
FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
NUMBER_FORMATS = {
    "count": "#,##0",
    "euros": '#,##0.00 "€"',
    "percent": "0.0 %",
    "days": '#,##0.0 "jours"',
}
TABLE_ROW = 9  # the indicator's rows start on this row (0-based) of its sheet
NO_FIGURE = "—"


# A sheet's name is a whole-word short title; these titles are too long for Excel's 31
# characters, and cut at a word they would lose what they count.
SHEET_TITLES = {
    "kpi/composition": "Composition familiale",
    "kpi/salary_share": "Ménages avec un salaire",
    "kpi/prescribers": "Accueillis par prescripteur",
    "kpi/evictions_by_stage": "Procédures par étape",
}
# Words a cut title may not end on: « Composition familiale des » says nothing.
LINK_WORDS = frozenset(
    (
        "à",
        "au",
        "aux",
        "avec",
        "d'",
        "de",
        "des",
        "du",
        "en",
        "et",
        "l'",
        "la",
        "le",
        "les",
        "par",
        "pour",
        "sur",
        "un",
        "une",
    )
)


def short_title(kpi) -> str:
    """The indicator's sheet title: its own short one, or its title."""
    return SHEET_TITLES.get(kpi.name, kpi.title)


def whole_words(text: str, limit: int) -> str:
    """`text` cut after its last whole word within `limit` characters, never ending on a
    linking word (« de », « des », « au »…); the first word cut hard if it alone is longer."""
    words = text.split()
    kept: list[str] = []
    for word in words:
        if len(" ".join([*kept, word])) > limit:
            break
        kept.append(word)
    while len(kept) > 1 and kept[-1].lower() in LINK_WORDS:
        kept.pop()
    return " ".join(kept) or text[:limit]


def sheet_names(titles: list[str], taken: tuple[str, ...] = (COVER, ACTIONS_TITLE)) -> list[str]:
    """One valid, unique sheet name per title: whole words within 31 characters, none of
    []:*?/\\, no apostrophe at either end, unique whatever the case (as Excel compares
    them)."""
    used = {name.lower() for name in taken}
    names = []
    for title in titles:
        base = " ".join(FORBIDDEN.sub(" ", title).split()).strip("'").strip() or "Indicateur"
        name, number = whole_words(base, SHEET_MAX), 1
        while name.lower() in used:
            number += 1
            suffix = f" ({number})"
            name = whole_words(base, SHEET_MAX - len(suffix)) + suffix
        used.add(name.lower())
        names.append(name)
    return names


def indicator_sheet_names(kpis: list) -> list[str]:
    """The sheet name of each indicator, in order."""
    return sheet_names([short_title(kpi) for kpi in kpis])


def build(report: Report) -> bytes:
    out = io.BytesIO()
    # TEXT_STAYS_TEXT: a commune or a label typed « =1+1 » is text in the tables too.
    options = {"in_memory": True, "default_date_format": "dd/mm/yyyy", **TEXT_STAYS_TEXT}
    book = xlsxwriter.Workbook(out, options)
    book.set_properties(
        {
            "title": f"Rapport d'activité {report.span}",
            "author": report.association,
            "company": report.association,
            "comments": f"Établi le {fr_date(report.made_on)}",
        }
    )
    styles = _styles(book)
    names = indicator_sheet_names([i.kpi for i in report.indicators])
    _cover(book.add_worksheet(COVER), report, names, styles)
    for indicator, name in zip(report.indicators, names, strict=True):
        _indicator(book, book.add_worksheet(name), report, indicator, styles)
    _actions(book, book.add_worksheet(ACTIONS_TITLE), report, styles)
    book.close()
    return out.getvalue()


def _styles(book) -> dict:
    return {
        "name": book.add_format({"bold": True, "font_size": 16}),
        "title": book.add_format({"bold": True, "font_size": 14}),
        "bold": book.add_format({"bold": True}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
        "link": book.add_format({"font_color": "#0072B2", "underline": 1}),
        "muted": book.add_format({"italic": True, "font_color": "#555555"}),
        **{fmt: book.add_format({"num_format": code}) for fmt, code in NUMBER_FORMATS.items()},
        "book": book,
        "codes": {},
    }


def _figure(sheet, row: int, column: int, value, code: str | None, styles: dict) -> None:
    """A figure as a number under its format (« — » when unknown), left-aligned as the
    text beside it."""
    if value is None:
        sheet.write_string(row, column, NO_FIGURE)
        return
    known = styles["codes"]
    if code not in known:
        known[code] = styles["book"].add_format({"num_format": code, "align": "left"})
    sheet.write_number(row, column, float(value), known[code])


def _cover(sheet, report: Report, names: list[str], styles: dict) -> None:
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 42)
    sheet.set_column(2, 5, 20)
    sheet.write_string(0, 0, report.signature, styles["name"])
    sheet.write_string(1, 0, "Rapport d'activité", styles["title"])
    period = f"{report.span} ({report.period.label})"
    if report.averaged:
        period += " : moyenne annuelle des indicateurs"
    lines = [
        ("Période", period),
        ("Comparée à", f"la période précédente, {report.previous_span}"),
        ("Établi le", fr_date(report.made_on)),
        ("Filtres", " ; ".join(report.filter_texts) or "aucun (toute l'association)"),
        ("Cumuls depuis le", fr_date(report.since)),
    ]
    for row, (label, value) in enumerate(lines, start=3):
        sheet.write_string(row, 0, label, styles["bold"])
        sheet.write_string(row, 1, value)
    head = ["Rubrique", "Indicateur", "Valeur", "Période précédente", "Évolution", "Feuille"]
    top = 3 + len(lines) + 1
    sheet.write_string(top - 1, 0, "Indicateurs", styles["title"])
    sheet.write_row(top, 0, head, styles["bold"])
    for row, (indicator, name) in enumerate(zip(report.indicators, names, strict=True), top + 1):
        sheet.write_string(row, 0, indicator.kpi.section)
        sheet.write_string(row, 1, indicator.kpi.title)
        for column, (value, code) in enumerate(figures(indicator), start=2):
            _figure(sheet, row, column, value, code, styles)
        _link(sheet, row, 5, name, styles)
    row = top + len(report.indicators) + 1
    sheet.write_string(row, 0, "Tableau", styles["bold"])
    sheet.write_string(row, 1, ACTIONS_TITLE)
    _link(sheet, row, 5, ACTIONS_TITLE, styles)


def _link(sheet, row: int, column: int, name: str, styles: dict) -> None:
    quoted = name.replace("'", "''")
    sheet.write_url(row, column, f"internal:'{quoted}'!A1", styles["link"], string=name)


def _indicator(book, sheet, report: Report, indicator: Indicator, styles: dict) -> None:
    kpi = indicator.kpi
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 8, 18)
    sheet.write_string(0, 0, kpi.title, styles["title"])
    sheet.write_string(1, 0, f"{kpi.section}, {report.span}")
    sheet.write_string(2, 0, "Ce qui est compté", styles["bold"])
    sheet.merge_range(2, 1, 2, 7, kpi.description, styles["wrap"])
    sheet.set_row(2, 15 * max(1, len(kpi.description) // 110 + 1))
    value_label = "Moyenne annuelle" if report.averaged else "Valeur"
    labels = [value_label, f"Période précédente ({report.previous_span})", "Évolution"]
    shown = zip(labels, figures(indicator), strict=True)
    for row, (label, (value, code)) in enumerate(shown, start=3):
        sheet.write_string(row, 0, label, styles["bold"])
        _figure(sheet, row, 1, value, code, styles)
    sheet.write_string(6, 0, "En bref", styles["bold"])
    sheet.write_string(6, 1, texts.sentence(report, indicator))
    table = indicator.table()
    if table.height == 0:
        sheet.write_string(TABLE_ROW, 0, EMPTY, styles["muted"])
        return
    formats = {
        kpi.columns.get(column, column): NUMBER_FORMATS[texts.column_format(indicator, column)]
        for column, dtype in indicator.rows.schema.items()
        if dtype.is_numeric()
    }
    table.write_excel(
        book,
        sheet,
        position=(TABLE_ROW, 0),
        column_formats=formats,
        table_style="Table Style Light 9",
        autofit=False,
    )


def _actions(book, sheet, report: Report, styles: dict) -> None:
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 50)
    sheet.set_column(2, 2, 12)
    sheet.set_column(3, 3, 70)
    sheet.write_string(0, 0, ACTIONS_TITLE, styles["title"])
    total = "total sur la période" if report.averaged else "chaque action compte à sa date"
    sheet.write_string(1, 0, f"Toute l'association, {report.span} ({total})")
    table: pl.DataFrame = report.actions
    if table.height == 0:
        sheet.write_string(3, 0, EMPTY, styles["muted"])
        return
    table.write_excel(
        book,
        sheet,
        position=(3, 0),
        column_formats={"Nombre": NUMBER_FORMATS["count"]},
        table_style="Table Style Light 9",
    )
