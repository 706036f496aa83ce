"""The report as a PDF, A4 portrait: a cover page, then each section's indicators (value,
change, a sentence, what is counted, a chart), then « Actions et solutions trouvées »;
« page 3 / 12 » at the foot of each page.

Everything, charts included, is drawn in DejaVu Sans, embedded in the file (ui/pdf_fonts):
the page prints as it shows, French numbers keep their narrow no-break space, and
text.pdf_safe sets the French no-break spaces (« Valeur : », « (−0,2 point) »). A heading
is kept with what follows it, so that none ends a page."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (
    CondPageBreak,
    KeepInFrame,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from db.french import fr_date, fr_int
from ui import pdf_fonts, pdf_pages
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
    regular = pdf_fonts.register()
    body = ParagraphStyle("corps", parent=base["BodyText"], fontName=regular, fontSize=10)
    return {
        "association": ParagraphStyle(
            "association", parent=body, fontSize=16, leading=20, alignment=TA_CENTER
        ),
        "cover": ParagraphStyle(
            "couverture",
            parent=base["Title"],
            fontName=pdf_fonts.BOLD,
            fontSize=28,
            leading=34,
            textColor=BLUE,
        ),
        "period": ParagraphStyle(
            "periode", parent=body, fontSize=14, leading=18, alignment=TA_CENTER
        ),
        "centred": ParagraphStyle("centre", parent=body, alignment=TA_CENTER, textColor=GREY),
        "section": ParagraphStyle(
            "rubrique",
            parent=base["Heading1"],
            fontName=pdf_fonts.BOLD,
            textColor=BLUE,
            keepWithNext=1,
        ),
        "title": ParagraphStyle(
            "titre", parent=base["Heading2"], fontName=pdf_fonts.BOLD, keepWithNext=1
        ),
        "value": ParagraphStyle("valeur", parent=body, fontSize=13, leading=17),
        "body": body,
        "counted": ParagraphStyle("compte", parent=body, fontSize=8.5, textColor=GREY),
        "empty": ParagraphStyle("vide", parent=body, fontName=pdf_fonts.ITALIC, textColor=GREY),
        "cell": ParagraphStyle("cellule", parent=body, fontSize=9, leading=11),
        "count": ParagraphStyle("nombre", parent=body, fontSize=9, leading=11, alignment=TA_RIGHT),
        "small": ParagraphStyle("petit", parent=body, fontSize=8, leading=9.5),
        "figure": ParagraphStyle(
            "chiffre", parent=body, fontSize=8, leading=9.5, alignment=TA_RIGHT
        ),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: escaped, with its French no-break spaces."""
    return Paragraph(escape(texts.pdf_safe(text)), style)


def _cover(report: Report, styles) -> list:
    """The first page: the association, the period, and each indicator's value beside
    the previous period's; shrunk if need be, so that it is one page whatever the
    registry holds."""
    period = f"{report.span} ({report.period.label})"
    story = [
        Spacer(1, 1 * cm),
        _p(report.association, styles["association"]),
        *([_p(report.town, styles["period"])] if report.town else []),
        Spacer(1, 0.4 * cm),
        _p("Rapport d'activité", styles["cover"]),
        Spacer(1, 0.3 * cm),
        _p(period, styles["period"]),
    ]
    if report.averaged:
        story.append(_p("Moyenne annuelle des indicateurs sur ces années", styles["centred"]))
    story += [
        Spacer(1, 0.2 * cm),
        _p(f"Comparé à la période précédente, {report.previous_span}", styles["centred"]),
        _p(f"Établi le {fr_date(report.made_on)}", styles["centred"]),
    ]
    if report.filter_texts:
        story.append(_p("Filtres : " + " ; ".join(report.filter_texts), styles["centred"]))
    story += [Spacer(1, 0.6 * cm), _summary(report, styles)]
    return [KeepInFrame(0, 0, story, mode="shrink"), PageBreak()]


def _summary(report: Report, styles) -> Table:
    """The cover's table: section, indicator, value, previous period's value."""
    value_label = "Moyenne annuelle" if report.averaged else "Valeur"
    rows = [
        [
            _p("Rubrique", styles["small"]),
            _p("Indicateur", styles["small"]),
            _p(value_label, styles["figure"]),
            _p("Période précédente", styles["figure"]),
        ]
    ]
    for indicator in report.indicators:
        rows.append(
            [
                _p(indicator.kpi.section, styles["small"]),
                _p(indicator.kpi.title, styles["small"]),
                _p(texts.value_text(indicator), styles["figure"]),
                _p(texts.previous_text(indicator), styles["figure"]),
            ]
        )
    table = Table(rows, colWidths=[3.2 * cm, 7.3 * cm, 3.2 * cm, 3.3 * cm], repeatRows=1)
    style = _table_style()
    style.add("TOPPADDING", (0, 0), (-1, -1), 1.5)
    style.add("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)
    table.setStyle(style)
    return table


def _table_style() -> TableStyle:
    return TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8F1F8")),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#BBBBBB")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTNAME", (0, 0), (-1, -1), pdf_fonts.REGULAR),  # else a table names Helvetica
        ]
    )


def _indicator(report: Report, indicator: Indicator, styles, heading=None) -> list:
    """The indicator's block, kept on one page, with its section's heading when it is
    the first of its section (a heading never ends a page)."""
    kpi = indicator.kpi
    value_label = "Moyenne annuelle" if report.averaged else "Valeur"
    said = [
        f"{value_label} : {texts.value_text(indicator)}",
        f"Période précédente : {texts.previous_text(indicator)}",
        f"Évolution : {texts.change_text(indicator)}",
    ]
    figures = [escape(texts.pdf_safe(part)) for part in said]
    head = [
        *([heading] if heading is not None else []),
        _p(kpi.title, styles["title"]),
        Paragraph(f"<b>{figures[0]}</b>{SEPARATOR}{SEPARATOR.join(figures[1:])}", styles["value"]),
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
            [[_p(label, styles["cell"]), _p(count, styles["count"])] for label, count in cells],
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
        heading = _p(section, styles["section"])
        for indicator in indicators:
            story += _indicator(report, indicator, styles, heading)
            heading = None
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
        title=f"Rapport d'activité, {report.span}",
        author=report.association,
        subject=report.period.label,
        creator=PRODUCER,
        initialFontName=pdf_fonts.register(),  # else every page names Helvetica
        lang="fr-FR",
    )
    footer = f"{report.signature} – Rapport d'activité {report.span}"
    doc.build(
        story, canvasmaker=pdf_pages.numbered_canvas(texts.drawable(footer), GREY, MARGIN, PRODUCER)
    )
    if progress:
        progress(steps, steps, ACTIONS_TITLE)
    return out.getvalue()
