"""Workbooks for the import's tests: the template with its example rows made real rows."""

from __future__ import annotations

import io

import openpyxl

from db.imports.sheets import EXAMPLE_MARK


def examples_made_real(template: bytes) -> bytes:
    """The template with « EXEMPLE- » taken off every reference: its example rows are then
    rows like any other, linked to each other as the template links them."""
    book = openpyxl.load_workbook(io.BytesIO(template))
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(EXAMPLE_MARK):
                    cell.value = cell.value.removeprefix(EXAMPLE_MARK)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
