"""The report as a PDF, A4 portrait: a cover page, then each section's indicators (value,
change, a sentence, what is counted, a chart), then « Actions et solutions trouvées »;
« page 3 / 12 » at the foot of each page.

The text is drawn in Helvetica, one of the fonts every PDF reader has: it holds French
accents but not the narrow no-break space of French numbers, replaced here by a plain
space (text.pdf_safe), in the PDF only."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from db.french import fr_date, fr_int
from ui.report import ACTIONS_TITLE, EMPTY, Indicator, Progress, Report, charts
from ui.report import text as texts

MARGIN = 2 * cm
WIDTH = A4[0] - 2 * MARGIN
GREY = colors.HexColor("#555555")
BLUE = colors.HexColor("#0072B2")
PRODUCER = "Habiter"
SEPARATOR = "&nbsp;&nbsp;&nbsp;·&nbsp;&nbsp;&nbsp;"


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle("corps", parent=base["BodyText"], fontName="Helvetica", fontSize=10)
    return {
        "association": ParagraphStyle(
            "association", parent=body, fontSize=16, leading=20, alignment=TA_CENTER
        ),
        "cover": ParagraphStyle(
            "couverture",
            parent=base["Title"],
            fontName="Helvetica-Bold",
            fontSize=28,
            leading=34,
            textColor=BLUE,
        ),
        "period": ParagraphStyle(
            "periode", parent=body, fontSize=14, leading=18, alignment=TA_CENTER
        ),
        "centred": ParagraphStyle("centre", parent=body, alignment=TA_CENTER, textColor=GREY),
        "section": ParagraphStyle(
            "rubrique", parent=base["Heading1"], fontName="Helvetica-Bold", textColor=BLUE
        ),
        "title": ParagraphStyle("titre", parent=base["Heading2"], fontName="Helvetica-Bold"),
        "value": ParagraphStyle("valeur", parent=body, fontSize=13, leading=17),
        "body": body,
        "counted": ParagraphStyle("compte", parent=body, fontSize=8.5, textColor=GREY),
        "empty": ParagraphStyle("vide", parent=body, fontName="Helvetica-Oblique", textColor=GREY),
        "cell": ParagraphStyle("cellule", parent=body, fontSize=9, leading=11),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: escaped, and drawable by the standard font."""
    return Paragraph(escape(texts.pdf_safe(text)), style)


def _numbered_canvas(footer: str):
    """A canvas that writes « page n / total » once the total is known."""

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self.setProducer(PRODUCER)

        def showPage(self):  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont("Helvetica", 8)
                self.setFillColor(GREY)
                self.drawString(MARGIN, MARGIN / 2, texts.pdf_safe(footer))
                self.drawRightString(A4[0] - MARGIN, MARGIN / 2, f"page {number} / {total}")
                super().showPage()
            super().save()

    return NumberedCanvas


def _cover(report: Report, styles) -> list:
    period = f"{report.span} ({report.period.label})"
    story = [
        Spacer(1, 3 * cm),
        _p(report.association, styles["association"]),
        *([_p(report.town, styles["period"])] if report.town else []),
        Spacer(1, 0.8 * cm),
        _p("Rapport d'activité", styles["cover"]),
        Spacer(1, 0.6 * cm),
        _p(period, styles["period"]),
    ]
    if report.averaged:
        story.append(_p("Moyenne annuelle des indicateurs sur ces années", styles["centred"]))
    story += [
        Spacer(1, 0.4 * cm),
        _p(f"Comparé à la période précédente, {report.previous_span}", styles["centred"]),
        _p(f"Établi le {fr_date(report.made_on)}", styles["centred"]),
    ]
    if report.filter_texts:
        story.append(_p("Filtres : " + " ; ".join(report.filter_texts), styles["centred"]))
    story.append(Spacer(1, 1.5 * cm))
    rows = [["Rubrique", "Indicateur", "Valeur"]] + [
        [i.kpi.section, i.kpi.title, texts.value_text(i)] for i in report.indicators
    ]
    rows = [[_p(cell, styles["cell"]) for cell in row] for row in rows]
    table = Table(rows, colWidths=[3.5 * cm, 9 * cm, 4.5 * cm], repeatRows=1)
    table.setStyle(_table_style())
    story += [table, PageBreak()]
    return story


def _table_style() -> TableStyle:
    return TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8F1F8")),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#BBBBBB")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )


def _indicator(report: Report, indicator: Indicator, styles) -> list:
    kpi = indicator.kpi
    value_label = "Moyenne annuelle" if report.averaged else "Valeur"
    figures = (
        f"<b>{value_label} : {escape(texts.pdf_safe(texts.value_text(indicator)))}</b>"
        f"{SEPARATOR}Période précédente : {escape(texts.pdf_safe(texts.previous_text(indicator)))}"
        f"{SEPARATOR}Évolution : {escape(texts.pdf_safe(texts.change_text(indicator)))}"
    )
    head = [
        _p(kpi.title, styles["title"]),
        Paragraph(figures, styles["value"]),
        Spacer(1, 0.15 * cm),
        _p(texts.sentence(report, indicator), styles["body"]),
        _p(f"Ce qui est compté : {kpi.description}", styles["counted"]),
        Spacer(1, 0.2 * cm),
    ]
    drawing = charts.drawing(indicator, WIDTH)
    if drawing is not None:
        head.append(drawing)
    elif indicator.rows.height == 0:
        head.append(_p(EMPTY, styles["empty"]))
    return [KeepTogether(head), Spacer(1, 0.5 * cm)]


def _actions(report: Report, styles) -> list:
    story = [
        PageBreak(),
        _p(ACTIONS_TITLE, styles["section"]),
        _p(f"Toute l'association, {report.span} : chaque action compte à sa date.", styles["body"]),
    ]
    table = report.actions
    if table.height == 0:
        return [*story, _p(EMPTY, styles["empty"])]
    for (section,), rows in table.group_by("Rubrique", maintain_order=True):
        total = int(rows["Nombre"].sum())
        cells = [["Action ou solution", "Nombre"]] + [
            [label, fr_int(int(count))]
            for label, count in rows.select("Action ou solution", "Nombre").iter_rows()
        ]
        grid = Table(
            [[_p(c, styles["cell"]) for c in row] for row in cells],
            colWidths=[12 * cm, 3 * cm],
            repeatRows=1,
            hAlign="LEFT",
        )
        grid.setStyle(_table_style())
        story += [
            CondPageBreak(4 * cm),
            _p(f"{section} : {fr_int(total)} au total", styles["title"]),
            _p(f"Ce qui est compté : {rows['Ce qui est compté'][0]}.", styles["counted"]),
            grid,
        ]
    return story


def build(report: Report, progress: Progress | None = None) -> bytes:
    styles = _styles()
    story = _cover(report, styles)
    steps = len(report.indicators) + 1
    done = 0
    for number, (section, indicators) in enumerate(report.sections()):
        if number:
            story.append(CondPageBreak(8 * cm))
        story.append(_p(section, styles["section"]))
        for indicator in indicators:
            story += _indicator(report, indicator, styles)
            done += 1
            if progress:
                progress(done, steps, indicator.kpi.title)
    if not report.indicators:
        story.append(_p("Aucun indicateur n'est défini.", styles["empty"]))
    story += _actions(report, styles)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=texts.pdf_safe(f"Rapport d'activité, {report.span}"),
        author=texts.pdf_safe(report.association),
        subject=texts.pdf_safe(report.period.label),
        creator=PRODUCER,
        lang="fr-FR",
    )
    footer = f"{report.signature} – Rapport d'activité {report.span}"
    doc.build(story, canvasmaker=_numbered_canvas(footer))
    if progress:
        progress(steps, steps, ACTIONS_TITLE)
    return out.getvalue()
