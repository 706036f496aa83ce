import io
import zipfile
from datetime import date

import openpyxl
import pytest

from db.imports.plan import ImportRefused
from db.imports.read import read_file


def test_a_french_excel_csv_in_cp1252_is_read():
    text = 'Nom;Prénom;Note;;\r\nMercœur;Éloïse;"a;b\nc";;\r\n;;;;\r\nDupont;Jean;;;\r\n'
    sheet = read_file("Ménages.csv", text.encode("cp1252"))[0]
    assert sheet.name == "Ménages"
    assert sheet.headers == ["Nom", "Prénom", "Note"]
    assert sheet.rows == [(2, ["Mercœur", "Éloïse", "a;b\nc"]), (4, ["Dupont", "Jean", ""])]


def test_utf8_with_bom_and_commas():
    sheet = read_file("x.csv", "\ufeffNom,Prénom\nÉloïse,A\n".encode())[0]
    assert sheet.headers == ["Nom", "Prénom"] and sheet.rows == [(2, ["Éloïse", "A"])]


def _workbook(fill) -> bytes:
    book = openpyxl.Workbook()
    fill(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_workbook_keeps_dates_and_skips_the_allowed_values_sheet():
    def fill(book):
        sheet = book.active
        sheet.title = "Ressources"
        sheet.append(["Réf.", "Date", "Montant"])
        sheet.append(["R1", date(2025, 11, 21), 45982])
        book.create_sheet("Valeurs permises").append(["x"])

    sheets = read_file("a.xlsx", _workbook(fill))
    assert [s.name for s in sheets] == ["Ressources"]
    assert sheets[0].rows == [(2, ["R1", date(2025, 11, 21), 45982])]


@pytest.mark.parametrize(
    "fill, phrase",
    [
        (lambda b: b.active.append(["=1+1"]), "cellule A1 : une formule"),
        (
            lambda b: (b.active.append(["a", "b"]), b.active.merge_cells("A1:B1")),
            "fusionnées A1:B1",
        ),
    ],
)
def test_formulas_and_merged_cells_are_refused(fill, phrase):
    with pytest.raises(ImportRefused, match=phrase):
        read_file("a.xlsx", _workbook(fill))


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    return buffer.getvalue()


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"\0" * (20 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, data, phrase",
    [
        ("a.xlsx", b"%PDF-1.4 ...", "pas un classeur"),
        ("a.xlsx", b"", "vide"),
        ("a.xlsx", _docx(), "pas un classeur Excel"),
        ("a.xlsx", _bomb(), "anormal"),
        ("a.xls", b"\xd0\xcf\x11\xe0rest", "format .xlsx ou CSV"),
        ("a.csv", b"Nom\x00;x", "pas du texte"),
        ("a.pdf", b"%PDF", ".xlsx ou .csv"),
    ],
)
def test_bad_files_are_refused_in_french(name, data, phrase):
    with pytest.raises(ImportRefused, match=phrase):
        read_file(name, data)


def test_a_file_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr("db.imports.plan.MAX_FILE_BYTES", 10)
    with pytest.raises(ImportRefused, match="Le fichier fait 0,1 Mo : 50 Mo au plus"):
        read_file("a.csv", b"x" * 11)
