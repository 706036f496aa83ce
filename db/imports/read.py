"""A file's bytes to raw sheets: a workbook (.xlsx) or one CSV file, nothing checked yet.

Every whole-file refusal (too big, not a spreadsheet, a formula, merged cells) is an
ImportRefused in French, raised before any row is read.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime

from db.french import fr_int
from db.imports import plan
from db.imports.plan import ImportRefused
from db.imports.values import fold

SKIPPED_SHEETS = ("Valeurs permises", "Lisez-moi")
ACCEPTED = "Formats acceptés : .xlsx ou .csv."
MAX_UNZIPPED_BYTES = 500 * 1024 * 1024  # a zip bomb is refused before openpyxl opens it
MAX_ZIP_ENTRIES = 2000
MAX_RATIO = 100  # a real sheet compresses ~12 times
# Rows of one import, all sheets together: 10,000 households with their members, resources
# and 30,000 actions (~67,000 rows) peak at 600 MB, 20,000 at 955 MB (bench/imports.py);
# past this, an import is split in two (households first: the second file finds them).
MAX_ROWS = 100_000
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')


@dataclass
class RawSheet:
    name: str
    headers: list[str]
    rows: list[tuple[int, list]]  # (spreadsheet line, cells); cells past the headers: header ""


def read_file(file_name: str, data: bytes) -> list[RawSheet]:
    if len(data) > plan.MAX_FILE_BYTES:
        size = math.ceil(len(data) * 10 / (1024 * 1024)) / 10
        raise ImportRefused(
            f"Le fichier fait {size:.1f} Mo : {plan.MAX_FILE_WORDS} au plus.".replace(".", ",", 1)
        )
    if not data:
        raise ImportRefused("Le fichier est vide.")
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if extension in ("xls", "ods") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused(
            "Ce fichier est au format Excel ancien (.xls), LibreOffice ou protégé par un mot "
            f"de passe : enregistrez-le au format .xlsx ou CSV. {ACCEPTED}"
        )
    if extension == "xlsx":
        return _read_workbook(data)
    if extension == "csv":
        return [_read_csv(_sheet_name(file_name), data)]
    raise ImportRefused(f"« {file_name[-60:]} » n'est pas un tableur. {ACCEPTED}")


def _sheet_name(file_name: str) -> str:
    base = re.split(r"[/\\]", file_name)[-1]
    return base.rsplit(".", 1)[0]


def _clean(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    return value


def _sheet(name: str, lines) -> RawSheet:
    """The first non-blank line names the columns; blank lines are skipped."""
    headers: list[str] | None = None
    rows: list[tuple[int, list]] = []
    for line, raw in lines:
        cells = [_clean(v) for v in raw]
        while cells and cells[-1] == "":
            cells.pop()
        if not cells:
            continue
        if headers is None:
            headers = [str(c) for c in cells]
            continue
        cells += [""] * (len(headers) - len(cells))
        rows.append((line, cells))
        if len(rows) > MAX_ROWS:
            raise too_many_rows(f"La feuille « {name} » a", MAX_ROWS)
    if headers is None:
        raise ImportRefused(f"Feuille « {name} » : aucune ligne de noms de colonnes.")
    return RawSheet(name, headers, rows)


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise ImportRefused(f"Ce fichier CSV n'est pas du texte. {ACCEPTED}")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _read_csv(name: str, data: bytes) -> RawSheet:
    text = _decode(data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    plain = re.sub(r'"[^"]*"', "", first)
    delimiter = max(";,\t", key=plain.count)
    try:
        lines = enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1)
        return _sheet(name, lines)
    except csv.Error as error:
        raise ImportRefused(f"Fichier CSV illisible : {error}") from error


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ImportRefused(f"Ce fichier n'est pas un classeur .xlsx. {ACCEPTED}") from None
    entries = archive.infolist()
    too_big = sum(e.file_size for e in entries) > MAX_UNZIPPED_BYTES
    squeezed = any(
        e.file_size > 1024 * 1024 and e.file_size > MAX_RATIO * max(1, e.compress_size)
        for e in entries
    )
    if too_big or squeezed or len(entries) > MAX_ZIP_ENTRIES:
        raise ImportRefused("Ce classeur se décompresse en un volume anormal : il est refusé.")
    if "xl/workbook.xml" not in archive.namelist():
        raise ImportRefused(f"Ce fichier n'est pas un classeur Excel. {ACCEPTED}")
    return archive


def _refuse_merges(archive: zipfile.ZipFile, title: str, path: str) -> None:
    tail = b""
    with archive.open(path.lstrip("/")) as source:
        while chunk := source.read(1 << 20):
            if found := _MERGE.search(tail + chunk):
                cells = found[1].decode()
                raise ImportRefused(
                    f"Feuille « {title} » : cellules fusionnées {cells}. Défusionnez-les "
                    "(une valeur par cellule) puis importez à nouveau."
                )
            tail = chunk[-300:]


def _read_workbook(data: bytes) -> list[RawSheet]:
    import openpyxl  # only an import of a workbook needs it

    archive = _open_zip(data)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise ImportRefused(f"Ce classeur .xlsx est illisible. {ACCEPTED}") from error
    skipped = {fold(n) for n in SKIPPED_SHEETS}
    sheets = []
    for sheet in book.worksheets:
        if fold(sheet.title) in skipped or not hasattr(sheet, "reset_dimensions"):
            continue
        _refuse_merges(archive, sheet.title, sheet._worksheet_path)
        sheet.reset_dimensions()  # a wrong <dimension> would pad rows to 16 384 cells
        sheets.append(_sheet(sheet.title, _values(sheet)))
    book.close()
    return sheets


def _values(sheet):
    for line, cells in enumerate(sheet.iter_rows(), 1):
        for cell in cells:
            if cell.data_type == "f":
                raise ImportRefused(
                    f"Feuille « {sheet.title} », cellule {cell.coordinate} : une formule. "
                    "Collez les valeurs (Collage spécial › Valeurs) puis importez à nouveau."
                )
        yield line, [cell.value for cell in cells]


def too_many_rows(what: str, limit: int) -> ImportRefused:
    return ImportRefused(
        f"{what} plus de {fr_int(limit)} lignes, le maximum d'un import. Importez en "
        "plusieurs fois : « Ménages et membres » d'abord, puis les autres feuilles."
    )
