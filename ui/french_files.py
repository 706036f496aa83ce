"""Lists written as a French office reads them, for every CSV and Excel export.

Excel: numbers, amounts, shares and dates are typed cells, shown the French way by their
cell format (a French Excel or Calc writes 1 234,50 € from '#,##0.00 "€"'), under a bold
frozen header with an autofilter and columns as wide as their content. CSV: what a French
spreadsheet reads as a number (comma decimal, no thousands separator, no unit in the cell:
the unit is in the header, « Loyer (€) ») and dates as 21/11/2026.

A column's kind comes from its type, and for amounts and shares from its header: a
numeric column named « … (€) » holds euros, « … (%) » a share (0,125 for 12,5 %).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

# A spreadsheet runs a cell that starts with one of these (OWASP, « CSV injection »).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EUROS_HEADER = "(€)"
PERCENT_HEADER = "(%)"
PARIS = "Europe/Paris"  # the time the app stores and shows (db/clock.py)
DATE_CSV, DATETIME_CSV = "%d/%m/%Y", "%d/%m/%Y %H:%M"
EXCEL_FORMATS = {
    "date": "dd/mm/yyyy",
    "datetime": "dd/mm/yyyy hh:mm",
    "euros": '#,##0.00 "€"',
    "percent": "0.0 %",
}
WIDTHS = {"date": 10, "datetime": 16}  # characters a date cell shows
MIN_WIDTH, MAX_WIDTH = 6, 60  # a column's width, in characters, kept within these


def inert(text: str) -> str:
    """The text as a spreadsheet shows it without running it: a single quote before a
    leading =, +, -, @, tab or carriage return (OWASP's rule, « +33 6… » included)."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def inert_expr(name: str) -> pl.Expr:
    """The text column `name` with `inert`'s rule applied to each cell."""
    value = pl.col(name).cast(pl.String)
    runs = pl.any_horizontal(*(value.str.starts_with(start) for start in FORMULA_STARTS))
    return pl.when(runs).then(pl.lit("'") + value).otherwise(value).alias(name)


def column_kind(name: str, dtype: pl.DataType) -> str:
    """text, date, datetime, euros, percent, int, decimal, float or bool."""
    if dtype == pl.Date:
        return "date"
    if isinstance(dtype, pl.Datetime):
        return "datetime"
    if dtype == pl.Boolean:
        return "bool"
    if not dtype.is_numeric():
        return "text"
    if name.endswith(EUROS_HEADER):
        return "euros"
    if name.endswith(PERCENT_HEADER):
        return "percent"
    if dtype.is_integer():
        return "int"
    return "decimal" if isinstance(dtype, pl.Decimal) else "float"


def local_times(frame: pl.DataFrame) -> pl.DataFrame:
    """Times with a zone as Paris wall-clock times (a workbook's dates have no zone)."""
    zoned = [n for n, t in frame.schema.items() if isinstance(t, pl.Datetime) and t.time_zone]
    return frame.with_columns(
        pl.col(n).dt.convert_time_zone(PARIS).dt.replace_time_zone(None) for n in zoned
    )


# CSV ---------------------------------------------------------------------------------


def _comma(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.String).str.replace(".", ",", literal=True)


def csv_cell(name: str, dtype: pl.DataType) -> pl.Expr:
    """The column as the text a French spreadsheet reads back as the same value."""
    kind, column = column_kind(name, dtype), pl.col(name)
    if kind == "text":
        return inert_expr(name)
    if kind in ("date", "datetime"):
        return column.dt.strftime(DATE_CSV if kind == "date" else DATETIME_CSV).alias(name)
    if kind == "bool":
        yes_no = pl.when(column).then(pl.lit("oui")).when(column.not_()).then(pl.lit("non"))
        return yes_no.alias(name)
    if kind == "euros":
        column = column.cast(pl.Float64).round(2).cast(pl.Decimal(38, 2))
    elif kind == "percent":
        column = (column.cast(pl.Float64) * 100).round(4)
    # A number never gets inert's quote: « -12,5 » is a number, not a formula.
    return _comma(column).alias(name)


def french_csv_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Every cell as French text, headers made inert; nested values left to polars."""
    frame = local_times(frame)
    cells = [
        csv_cell(name, dtype)
        for name, dtype in frame.schema.items()
        if not dtype.is_nested() and dtype != pl.Object
    ]
    shaped = frame.with_columns(cells)
    return shaped.rename({name: inert(name) for name in frame.columns})


# Excel -------------------------------------------------------------------------------


def excel_format(kind: str, dtype: pl.DataType) -> str | None:
    """The number format of a column of this kind; None: Excel's own (General)."""
    if kind == "decimal" and dtype.scale:
        return "#,##0." + "0" * dtype.scale
    return EXCEL_FORMATS.get(kind)


def text_widths(frame: pl.DataFrame, kinds: list[str]) -> list[int]:
    """The characters each column's longest cell shows (a number's format adds a few)."""
    widths = []
    for (name, dtype), kind in zip(frame.schema.items(), kinds, strict=True):
        if kind in WIDTHS:
            widths.append(WIDTHS[kind])
            continue
        cells = frame[name].cast(pl.String) if dtype != pl.String else frame[name]
        longest = cells.str.len_chars().max() if frame.height else 0
        widths.append((longest or 0) + (3 if kind not in ("text", "bool") else 0))
    return widths


@dataclass
class ListSheet:
    """A sheet being written a batch at a time (constant memory: row after row)."""

    book: object
    sheet: object
    header: list[str] = field(default_factory=list)
    formats: list = field(default_factory=list)
    text: list[bool] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)
    rows: int = 0
    first_row: int = 0


def _start(found: ListSheet, frame: pl.DataFrame) -> None:
    kinds = [column_kind(n, t) for n, t in frame.schema.items()]
    cached: dict[str, object] = {}
    for kind, dtype in zip(kinds, frame.dtypes, strict=True):
        code = excel_format(kind, dtype)
        if code is not None and code not in cached:
            cached[code] = found.book.add_format({"num_format": code})
        found.formats.append(cached.get(code))
    found.text = [kind == "text" for kind in kinds]
    found.header = frame.columns  # text cells, never run (TEXT_STAYS_TEXT)
    bold = found.book.add_format({"bold": True})
    found.sheet.write_row(found.first_row, 0, found.header, bold)
    found.widths = [len(name) + 3 for name in found.header]  # room for the filter arrow


def add_rows(found: ListSheet, frame: pl.DataFrame) -> int:
    """Write the frame's rows below those already written. Returns the rows written."""
    if not found.header:
        _start(found, frame)
    frame = local_times(frame).with_columns(pl.col(pl.String).fill_null(""))
    kinds = [column_kind(n, t) for n, t in frame.schema.items()]
    found.widths = [max(a, b) for a, b in zip(found.widths, text_widths(frame, kinds), strict=True)]
    sheet, top = found.sheet, found.first_row
    columns = list(zip(found.text, found.formats, strict=True))
    for values in frame.iter_rows():
        found.rows += 1
        for column, ((is_text, style), value) in enumerate(zip(columns, values, strict=True)):
            if is_text:  # no type guessing: a phone number stays text
                sheet.write_string(top + found.rows, column, value)
            elif value is None:
                sheet.write_blank(top + found.rows, column, None, style)
            else:
                sheet.write(top + found.rows, column, value, style)
    return found.rows


def finish(found: ListSheet) -> None:
    """Bold frozen header, an autofilter over the rows, each column as wide as it needs."""
    if not found.header:
        return
    top = found.first_row
    for column, width in enumerate(found.widths):
        found.sheet.set_column(column, column, min(max(width, MIN_WIDTH), MAX_WIDTH))
    found.sheet.freeze_panes(top + 1, 0)
    found.sheet.autofilter(top, 0, top + found.rows, len(found.header) - 1)


def write_list(book, sheet, frame: pl.DataFrame, first_row: int = 0) -> None:
    """A whole frame as a list, its header on `first_row`."""
    found = ListSheet(book, sheet, first_row=first_row)
    add_rows(found, frame)
    finish(found)
