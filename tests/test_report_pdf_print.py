"""The report's PDF as it prints (issue 18, « PDFs that print well »): every font embedded,
no heading alone at the foot of a page, a one-page cover with the previous period, chart
labels whole, and French no-break spaces (no line starting with « : »). The demo report
of last year and of last month, built once, read back with pypdfium2."""

from __future__ import annotations

import dataclasses
import re

import polars as pl
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from reportlab.graphics import renderPDF
from reportlab.platypus import Paragraph

import queries.kpi as kpis
from db import clock
from db.connection import close_database, open_database
from db.demo import generate as demo
from queries.kpi import periods
from ui import report
from ui.report import ACTIONS_TITLE, charts, pdf, text

BASE_14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")
FOOTER = re.compile(r"page \d+ / \d+$")
UNIT = re.compile(r"^(€|%|jours?|mois|ans?|points?\)?)(\W|$)")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """{name: (report, pdf bytes)} for last year and last month on the demo base."""
    path = tmp_path_factory.mktemp("rapport") / "habiter.duckdb"
    database = open_database(path, create=True)
    demo.create_demo_database(database, households=60, seed=7)
    today = clock.today()
    month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    chosen = {
        "année": periods.year(today.year - 1, today),
        "mois": periods.month(*month, today),
    }
    made = {}
    for name, period in chosen.items():
        gathered = report.gather(database, period)
        made[name] = (gathered, pdf.build(gathered))
    yield made
    close_database(path)


def page_lines(content: bytes) -> list[list[str]]:
    """Each page's text lines, spaces evened out, the footer left out."""
    pages = []
    for page in pdfium.PdfDocument(content):
        found = page.get_textpage().get_text_range()
        lines = [" ".join(line.split()) for line in found.splitlines()]
        pages.append([line for line in lines if line and not FOOTER.search(line)])
    return pages


def test_every_font_of_the_pdf_is_embedded(built):
    for name, (_, content) in built.items():
        fonts = set(re.findall(rb"/BaseFont\s*/([^\s/<>\[\]()]+)", content))
        assert fonts, name
        for font in fonts:
            assert not font.decode().startswith(BASE_14), (name, font)
        descriptors = len(re.findall(rb"/Type\s*/FontDescriptor", content))
        assert descriptors == len(re.findall(rb"/FontFile2", content)) == len(fonts), name
        for page in pdfium.PdfDocument(content):  # as a reader sees each text drawn
            for drawn in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]):
                font = pdfium_c.FPDFTextObj_GetFont(drawn.raw)
                assert pdfium_c.FPDFFont_GetIsEmbedded(font), name


def test_no_page_ends_with_a_heading(built):
    for name, (gathered, content) in built.items():
        headings = {ACTIONS_TITLE} | {i.kpi.section for i in gathered.indicators}
        headings |= {i.kpi.title for i in gathered.indicators}
        pages = page_lines(content)
        for number, lines in enumerate(pages[:-1], start=1):
            last = lines[-1]
            assert last not in headings and not last.endswith("au total"), (name, number, last)


def test_the_cover_is_one_page_with_each_value_beside_the_previous_one(built):
    for name, (gathered, content) in built.items():
        pages = page_lines(content)
        cover = " ".join(pages[0])
        assert "Valeur Période précédente" in cover
        for indicator in gathered.indicators:
            row = f"{indicator.kpi.title} {text.value_text(indicator)} "
            row += text.previous_text(indicator)
            assert " ".join(row.split()) in cover, (name, row)
        assert pages[1][0] == gathered.sections()[0][0], name  # the first section, page 2
    gathered, _ = built["mois"]  # three times the indicators: the cover shrinks to fit
    tripled = dataclasses.replace(gathered, indicators=gathered.indicators * 3)
    pages = page_lines(pdf.build(tripled))
    assert pages[1][0] == gathered.sections()[0][0]
    assert " ".join(pages[0]).count(gathered.indicators[-1].kpi.title) == 3


def drawn_text(drawing) -> str:
    """The text of a chart, drawn alone on a page and read back."""
    content = renderPDF.drawToString(drawing)
    page = pdfium.PdfDocument(content)[0]
    return " ".join(page.get_textpage().get_text_range().split())


def whole_labels(indicator, keep: int) -> None:
    drawing = charts.drawing(indicator, pdf.WIDTH)
    found = drawn_text(drawing)
    categories, names, _ = charts.series(indicator, keep)
    if indicator.kpi.chart.kind == "pie":  # one series: its slices, no series name
        names = []
    for label in [*categories, *(n for n in names if n)]:
        assert " ".join(label.split()) in found, (indicator.kpi.title, label, found)
    assert "…" not in found


def test_chart_labels_are_drawn_whole(built):
    gathered, _ = built["année"]
    drawn = [i for i in gathered.indicators if charts.drawing(i, pdf.WIDTH) is not None]
    assert drawn
    for indicator in drawn:
        keep = charts.MAX_SLICES if indicator.kpi.chart.kind == "pie" else charts.MAX_BARS
        whole_labels(indicator, keep)
    long = ["Sous-location / intermédiation locative", "Logement temporaire", "Bail glissant"]
    series = ["Accord trouvé avec le bailleur"] * 3 + ["Échec"] * 3
    rows = pl.DataFrame({"x": long * 2, "c": series, "y": [3.0, 5.0, 8.0, 1.0, 2.0, 4.0]})
    kpi = kpis.registry()[0]
    for kind in ("bar", "hbar", "pie", "funnel"):
        changed = kpis.Kpi(**{**kpi.__dict__, "chart": kpis.Chart(kind, "x", "y", "c")})
        indicator = report.Indicator(kpis.Result(changed, rows, 1.0, 2.0), rows)
        whole_labels(indicator, charts.MAX_SLICES if kind == "pie" else charts.MAX_BARS)


def broken_typography(lines: list[str]) -> list[str]:
    """The lines that start with « : » or a unit, or end on « ( »."""
    wrong = []
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        if line.startswith((":", ";", "point)", "points)")) or line.endswith("("):
            wrong.append(line)
        elif re.search(r"\d$", line) and UNIT.match(following):
            wrong.append(f"{line} / {following}")
    return wrong


def test_no_line_breaks_before_a_colon_or_inside_a_figure(built):
    for name, (_, content) in built.items():
        for number, lines in enumerate(page_lines(content), start=1):
            assert broken_typography(lines) == [], (name, number)
    said = "Taux d'accord : 70,8\u202f% contre 71,0\u202f% (−0,2\u202fpoint), en 64\u202fjours"
    for width in range(60, 400, 2):  # wherever the line ends
        paragraph = Paragraph(text.pdf_safe(said), pdf._styles()["body"])
        paragraph.wrap(width, 1000)
        lines = [" ".join(map(str, line[1])) for line in paragraph.blPara.lines]
        assert broken_typography(lines) == [], (width, lines)
