"""The activity report's files read back as a person would see them, for the report
tests (tests/test_report_*.py): each PDF page's text, image and size; each sheet's cells."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

import pypdfium2 as pdfium


def pages_of(content: bytes) -> list[tuple[str, object, tuple[float, float]]]:
    """(text with its spaces evened out, image, size in points) of each page."""
    document = pdfium.PdfDocument(content)
    pages = []
    for page in document:
        found = page.get_textpage().get_text_range()
        image = page.render(scale=1).to_pil().convert("RGB")
        pages.append((" ".join(found.split()), image, tuple(page.get_size())))
    return pages


NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def read_workbook(content: bytes) -> dict[str, dict[str, object]]:
    """{sheet name: {cell reference: value}}, sheets in the workbook's order; a number
    read back as a float, a text as a str."""
    book = zipfile.ZipFile(io.BytesIO(content))
    strings = []
    if "xl/sharedStrings.xml" in book.namelist():
        root = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
        strings = ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")) for si in root]
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    sheets = {}
    for sheet in ElementTree.fromstring(book.read("xl/workbook.xml")).iter(f"{{{NS['m']}}}sheet"):
        xml = ElementTree.fromstring(book.read("xl/" + targets[sheet.get(REL)]))
        cells = {}
        for cell in xml.iter(f"{{{NS['m']}}}c"):
            value = cell.find("m:v", NS)
            if value is None:
                continue
            kind = cell.get("t")
            if kind == "s":
                cells[cell.get("r")] = strings[int(value.text)]
            else:
                cells[cell.get("r")] = value.text if kind else float(value.text)
        sheets[sheet.get("name")] = cells
    return sheets
