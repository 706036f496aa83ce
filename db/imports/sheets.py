"""How a sheet of the import is declared, and how one of its rows becomes a model's input.

A sheet (« Ménages et membres », « Mesures »…) is a list of French columns, each bound to
a field of the form's own input model (db/*/models.py): the import checks a row with the
same rules as the form. Columns are matched by name without regard to accents, case,
spaces or punctuation; a column the app does not know is listed and ignored; a required
column missing stops the import at once with its name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError

from db.imports import values
from db.imports.plan import ImportRefused
from db.imports.read import RawSheet
from db.validation import french_errors

# A column's kind says how its cell is read before the model sees it.
TEXT, DATE, AMOUNT, INT, PHONE, CHOICE = "text", "date", "amount", "int", "phone", "choice"
PERMITTED_SHEET = "Valeurs permises"
# The template's example rows carry references starting so (« EXEMPLE-M1 »): a sheet left as
# downloaded, or an example row forgotten above the real ones, brings nothing in.
EXAMPLE_MARK = "EXEMPLE-"
# The refused-rows workbook's own first columns (db/imports/template.refused_workbook): a
# corrected file brought back as it is reads without them, whatever the sheet's own
# columns are called (« Médiations » has its own « Motif »).
REFUSAL_COLUMNS = ("Motif", "Ligne")


@dataclass(frozen=True)
class Column:
    label: str  # the French header, as the template writes it
    field: str  # the model's field, or the sheet's own key (ref, household_ref…)
    kind: str = TEXT
    required: bool = False  # the column must be in the file (its cells may still be empty)
    choices: Mapping[str, str] | Callable[[], Mapping[str, str]] | None = None  # code -> label
    example: str = ""
    note: str = ""  # a word for the template's « Lisez-moi »

    def choice_labels(self) -> Mapping[str, str]:
        return self.choices() if callable(self.choices) else (self.choices or {})


@dataclass(frozen=True)
class Sheet:
    key: str  # stored in import_ref: never change it
    label: str  # the sheet's name in the workbook
    columns: tuple[Column, ...]
    about: str = ""  # one line for the « Lisez-moi » sheet

    def column(self, field_name: str) -> Column:
        return next(c for c in self.columns if c.field == field_name)

    def labels(self) -> dict[str, str]:
        """Field -> column label: how a refusal names the cell to correct."""
        return {c.field: c.label for c in self.columns}

    def matches(self, name: str) -> bool:
        """A workbook sheet or a CSV file is this sheet when its name says so."""
        folded = values.fold(name)  # « menages-2025.csv » is « Ménages et membres »
        return bool(folded) and (
            folded.startswith(values.fold(self.key)) or values.fold(self.label) in folded
        )


@dataclass
class Row:
    """One line of a sheet, read: its fields by column, and what was wrong in it."""

    line: int
    cells: dict[str, str]  # header -> cell as typed, for the refused-rows workbook
    fields: dict[str, object]
    errors: dict[str, str] = field(default_factory=dict)  # column label -> French reason
    raw: tuple = ()  # (headers, cells) as read: `cells` is made from them when refused

    def get(self, name: str, default=None):
        return self.fields.get(name, default)

    def typed_cells(self) -> dict[str, str]:
        """Header -> cell as typed; written out only for a refused row (every cell of every
        row as text was a tenth of the check's time, for rows that are all accepted)."""
        if not self.cells and self.raw:
            headers, cells = self.raw
            typed = zip(headers, cells, strict=False)
            self.cells = {h: values.cell_text(c) or "" for h, c in typed}
        return self.cells


@dataclass
class SheetRows:
    sheet: Sheet
    rows: list[Row]
    ignored: list[str]
    examples: int = 0  # the template's example rows, left out


def match_columns(sheet: Sheet, raw: RawSheet) -> tuple[dict[int, Column], list[str]]:
    """Position -> column of the sheet, and the headers the app does not know."""
    by_name = {values.fold(c.label): c for c in sheet.columns}
    found: dict[int, Column] = {}
    ignored = []
    first = len(REFUSAL_COLUMNS) if tuple(raw.headers[:2]) == REFUSAL_COLUMNS else 0
    for position, header in enumerate(raw.headers[first:], start=first):
        column = by_name.get(values.fold(header))
        if column is None or column in found.values():
            if header:
                ignored.append(header)
            continue
        found[position] = column
    missing = [c.label for c in sheet.columns if c.required and c not in found.values()]
    if missing:
        names = ", ".join(f"« {m} »" for m in missing)
        raise ImportRefused(
            f"Feuille « {raw.name} » : colonne obligatoire absente : {names}. "
            "Reprenez les noms de colonnes du modèle à télécharger."
        )
    return found, ignored


def read_rows(sheet: Sheet, raw: RawSheet) -> SheetRows:
    """Every line of `raw` read column by column (a cell that cannot be read is an error
    of its row, the others are still read)."""
    found, ignored = match_columns(sheet, raw)
    references = [p for p, c in found.items() if c.field.endswith("ref")]
    rows, examples = [], 0
    for line, cells in raw.rows:
        if any(is_example(cells[p]) for p in references if p < len(cells)):
            examples += 1
            continue
        row = Row(line, {}, {}, raw=(raw.headers, cells))
        for position, column in found.items():
            cell = cells[position] if position < len(cells) else None
            read_cell(row, column, cell)
        rows.append(row)
    return SheetRows(sheet, rows, ignored, examples)


def is_example(cell) -> bool:
    return (values.cell_text(cell) or "").upper().startswith(EXAMPLE_MARK)


def read_cell(row: Row, column: Column, cell) -> None:
    try:
        row.fields[column.field] = cell_value(column, cell)
    except ValueError as refusal:
        row.errors.setdefault(column.label, str(refusal))


def cell_value(column: Column, cell):
    """The cell as the model reads it; a French ValueError when it cannot be."""
    if column.kind == DATE:
        return values.parse_date(cell)
    if column.kind == AMOUNT:
        return values.parse_amount(cell)
    if column.kind == INT:
        return values.parse_int(cell)
    if column.kind == PHONE:
        return values.parse_phone(cell)
    text = values.cell_text(cell)
    if column.kind == CHOICE and text is not None:
        return choice_code(column, text)
    return text


def choice_code(column: Column, text: str) -> str:
    """The code of a choice typed as its label (or its code), accents and case aside."""
    wanted = values.fold(text)
    for code, label in column.choice_labels().items():
        if wanted in (values.fold(label), values.fold(code)):
            return code
    shown = text if len(text) <= 60 else text[:59] + "…"
    raise ValueError(f"valeur non prévue : « {shown} » (voir la feuille « {PERMITTED_SHEET} »)")


def validated(row: Row, sheet: Sheet, model: type[BaseModel], data: dict, labels=None):
    """The model built from `data`, or None with its French errors put on the row."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for where, message in french_errors(exc, labels or sheet.labels()).items():
            row.errors.setdefault(where, message)
        return None
