"""The PDF's charts, drawn as vectors by reportlab from an indicator's rows (its header's
`chart:` line: bar, hbar, line, pie; a funnel is drawn as horizontal bars), in the
Okabe-Ito colours, which colour-blind readers tell apart. Labels are drawn whole in
DejaVu Sans, wrapped on several lines where they are long (« Sous-location /
intermédiation locative »), never cut."""

from __future__ import annotations

import polars as pl
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from ui import pdf_fonts
from ui.dashboard.values import fr_value
from ui.report import text as texts

OKABE_ITO = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)
PALETTE = [colors.HexColor(code) for code in OKABE_ITO]
FONT = pdf_fonts.REGULAR
MAX_BARS = 14  # more categories: the smallest go into « Autres »
MAX_SLICES = 7
MAX_SERIES = 8  # one colour each
OTHERS = "Autres"
LINE_LABELS = 12  # at most this many labels under a line chart
BAR_LINES = 3  # a bar's label on more lines: the bars are drawn across instead
LEGEND_COLUMN = 150  # points per column of a legend


def _label(value) -> str:
    return texts.drawable("Non renseigné" if value is None else value)


def wrapped(text: str, width: float, size: float) -> list[str]:
    """The text's lines, cut between words (never inside one) to fit `width` points."""
    lines: list[str] = []
    for word in text.split(" "):
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and stringWidth(joined, FONT, size) <= width:
            lines[-1] = joined
        else:
            lines.append(word)
    return lines or [""]


def widest_word(texts_: list[str], size: float) -> float:
    return max((stringWidth(w, FONT, size) for t in texts_ for w in t.split(" ")), default=0.0)


def series(indicator, keep: int | None) -> tuple[list[str], list[str], list[list[float]]]:
    """(categories, series names, values[series][category]) from the indicator's rows;
    past `keep` categories, the smallest are added up into « Autres »."""
    chart, rows = indicator.kpi.chart, indicator.rows
    color = chart.color if chart.color in rows.columns else None
    frame = rows.select(
        pl.col(chart.x).map_elements(_label, return_dtype=pl.String).alias("x"),
        (pl.col(color).map_elements(_label, return_dtype=pl.String) if color else pl.lit("")).alias(
            "s"
        ),
        pl.col(chart.y).cast(pl.Float64).fill_null(0.0).alias("y"),
    )
    if keep is not None and frame["x"].n_unique() > keep:
        totals = frame.group_by("x").agg(pl.col("y").sum())
        totals = totals.sort(["y", "x"], descending=[True, False])
        kept = set(totals["x"].head(keep - 1))
        frame = frame.with_columns(
            pl.when(pl.col("x").is_in(kept)).then(pl.col("x")).otherwise(pl.lit(OTHERS)).alias("x")
        )
    frame = frame.group_by(["x", "s"], maintain_order=True).agg(pl.col("y").sum())
    categories = list(dict.fromkeys(frame["x"]))
    if OTHERS in categories:  # the rest, read last
        categories = [c for c in categories if c != OTHERS] + [OTHERS]
    names = list(dict.fromkeys(frame["s"]))[:MAX_SERIES]
    found = {(x, s): y for x, s, y in frame.iter_rows()}
    values = [[found.get((x, s), 0.0) for x in categories] for s in names]
    return categories, names, values


def axis_format(indicator):
    fmt = texts.column_format(indicator, indicator.kpi.chart.y)
    if fmt == "euros":  # « 1 234,50 € », as the cards and the screen's charts write it
        return lambda v: texts.drawable(fr_value("euros", v))
    if fmt == "percent":
        return lambda v: texts.drawable(fr_value("percent", v))
    return lambda v: texts.drawable(fr_value("count", v))


def _legend(drawing: Drawing, names: list[str], x: float, y: float, columns: int = 1) -> None:
    if names == [""]:  # a single unnamed series: nothing to tell apart
        return
    legend = Legend()
    legend.x, legend.y = x, y
    legend.boxAnchor = "nw"
    legend.fontName, legend.fontSize = FONT, 8
    legend.alignment = "right"
    legend.columnMaximum = max(1, -(-len(names) // columns))
    legend.dx = legend.dy = 7
    legend.deltax = LEGEND_COLUMN
    legend.colorNamePairs = [
        (PALETTE[i % len(PALETTE)], "\n".join(wrapped(name, LEGEND_COLUMN - 20, 8)))
        for i, name in enumerate(names)
    ]
    drawing.add(legend)


def _value_axis(axis, values: list[list[float]], indicator) -> None:
    axis.labels.fontName, axis.labels.fontSize = FONT, 8
    axis.labelTextFormat = axis_format(indicator)
    low = min((v for row in values for v in row), default=0.0)
    axis.valueMin = min(0.0, low)
    high = max((sum(column) for column in zip(*values, strict=True)), default=0.0)
    if indicator.kpi.format == "count" and high <= 8:
        axis.valueStep = 1  # no half household on the axis
    axis.visibleGrid = True
    axis.gridStrokeColor = colors.HexColor("#DDDDDD")


def _stacked(indicator, names: list[str]) -> bool:
    """Counts and amounts of several series pile up; shares and days stand side by side."""
    return len(names) > 1 and indicator.kpi.format in ("count", "euros")


def _legend_height(names: list[str]) -> int:
    """Room for the legend under a chart: a row per three series, as high as its longest
    name's lines; none for a single unnamed one."""
    if names == [""]:
        return 0
    rows = [names[start : start + 3] for start in range(0, len(names), 3)]
    lines = [max(len(wrapped(n, LEGEND_COLUMN - 20, 8)) for n in row) for row in rows]
    return sum(4 + 10 * count for count in lines)


def _finish_bars(drawing, chart, indicator, names, values, legend_height) -> Drawing:
    """What vertical and horizontal bars share: stacking, the value axis, the palette,
    the legend."""
    if _stacked(indicator, names):
        chart.categoryAxis.style = "stacked"
    _value_axis(chart.valueAxis, values, indicator)
    for number in range(len(values)):
        chart.bars[number].fillColor = PALETTE[number % len(PALETTE)]
        chart.bars[number].strokeColor = None
    drawing.add(chart)
    _legend(drawing, names, 45, legend_height - 2, columns=3)
    return drawing


def bar(indicator, width: float) -> Drawing:
    """Vertical bars, each labelled underneath on up to three lines; labels that need
    more are drawn across (hbar), where they have room."""
    categories, names, values = series(indicator, MAX_BARS)
    room = (width - 60) / max(len(categories), 1) - 4
    labels = [wrapped(c, room, 7) for c in categories]
    if widest_word(categories, 7) > room or max(map(len, labels)) > BAR_LINES:
        return hbar(indicator, width)
    legend_height = _legend_height(names)
    label_height = 9 * max(map(len, labels)) + 8
    height = 150 + label_height + legend_height  # room above for the top value
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 45, label_height + legend_height + 5
    chart.width, chart.height = width - 60, 135  # room above for the top value
    chart.data = values
    chart.categoryAxis.categoryNames = ["\n".join(lines) for lines in labels]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FONT, 7
    chart.categoryAxis.labels.leading = 9
    chart.categoryAxis.labels.boxAnchor = "n"
    return _finish_bars(drawing, chart, indicator, names, values, legend_height)


def hbar(indicator, width: float) -> Drawing:
    """Horizontal bars, the first category on top, each label whole on the left (wrapped
    within a third of the width)."""
    categories, names, values = series(indicator, MAX_BARS)
    legend_height = _legend_height(names)
    column = min(max(widest_word(categories, 8), width / 3), width / 2)
    labels = [wrapped(c, column, 8) for c in categories]
    per_bar = 16 if len(names) == 1 or _stacked(indicator, names) else 10 * len(names)
    per_bar = max(per_bar, 10 * max(map(len, labels)) + 4)
    height = max(80, per_bar * len(categories) + 40) + legend_height
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = column + 10, 25 + legend_height
    chart.width, chart.height = width - column - 25, height - 35 - legend_height
    # reportlab draws the first category at the bottom: reversed, the first reads on top
    chart.data = [list(reversed(row)) for row in values]
    chart.categoryAxis.categoryNames = ["\n".join(lines) for lines in reversed(labels)]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FONT, 8
    chart.categoryAxis.labels.leading = 10
    chart.categoryAxis.labels.boxAnchor = "e"
    return _finish_bars(drawing, chart, indicator, names, values, legend_height)


def line(indicator, width: float) -> Drawing:
    categories, names, values = series(indicator, None)
    legend_height = _legend_height(names)
    height = 180 + legend_height
    drawing = Drawing(width, height)
    chart = HorizontalLineChart()
    chart.x, chart.y = 45, 45 + legend_height
    chart.width, chart.height = width - 60, height - 60 - legend_height
    chart.data = values
    step = max(1, -(-len(categories) // LINE_LABELS))
    chart.categoryAxis.categoryNames = [
        c if number % step == 0 else "" for number, c in enumerate(categories)
    ]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FONT, 7
    chart.categoryAxis.labels.angle = 30
    chart.categoryAxis.labels.boxAnchor = "ne"
    _value_axis(chart.valueAxis, values, indicator)
    for number in range(len(values)):
        chart.lines[number].strokeColor = PALETTE[number % len(PALETTE)]
        chart.lines[number].strokeWidth = 2
    drawing.add(chart)
    _legend(drawing, names, 45, legend_height - 2, columns=3)
    return drawing


def pie(indicator, width: float) -> Drawing:
    categories, _, values = series(indicator, MAX_SLICES)
    amounts = [sum(row[i] for row in values) for i in range(len(categories))]
    show = axis_format(indicator)
    said = [
        wrapped(f"{c}\u00a0: {show(a)}", width - 230, 9)  # no break before « : »
        for c, a in zip(categories, amounts, strict=True)
    ]
    height = max(170, sum(11 * len(lines) + 8 for lines in said) + 20)
    drawing = Drawing(width, height)
    chart = Pie()
    chart.x, chart.y, chart.width, chart.height = 20, height - 160, 150, 150
    chart.data = amounts if any(amounts) else [1.0]
    chart.labels = None
    chart.slices.strokeColor = colors.white
    for number in range(len(chart.data)):
        chart.slices[number].fillColor = PALETTE[number % len(PALETTE)]
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 200, height - 15
    legend.fontName, legend.fontSize = FONT, 9
    legend.alignment = "right"
    legend.columnMaximum = len(categories)
    legend.dy = legend.dx = 8
    legend.colorNamePairs = [
        (PALETTE[i % len(PALETTE)], "\n".join(lines)) for i, lines in enumerate(said)
    ]
    drawing.add(legend)
    return drawing


DRAWERS = {"bar": bar, "hbar": hbar, "funnel": hbar, "line": line, "pie": pie}


def drawing(indicator, width: float) -> Drawing | None:
    """The indicator's chart, or None when it has none or its rows cannot be drawn
    (no rows, or columns missing)."""
    pdf_fonts.register()
    chart, rows = indicator.kpi.chart, indicator.rows
    if chart.kind not in DRAWERS or rows.height == 0:
        return None
    if chart.x not in rows.columns or chart.y not in rows.columns:
        return None
    if not rows.schema[chart.y].is_numeric():
        return None
    made = DRAWERS[chart.kind](indicator, width)
    made.initialFontName = FONT  # else reportlab opens each drawing in Helvetica
    return made
