"""The short French text of each indicator, written from its figures:

« Ménages accueillis : 228 du 01/01/2026 au 30/11/2026, contre 210 sur la période
précédente (+18). Le plus souvent : Accès au logement (120). »
"""

from __future__ import annotations

import re
import unicodedata

import polars as pl
from reportlab.pdfbase import pdfmetrics

from db.french import fr_date, fr_points, points_between
from ui import pdf_fonts
from ui.dashboard.values import fr_change, fr_value

NO_PREVIOUS = "aucune valeur sur la période précédente"
# Columns read as amounts or shares by their French name, whatever the indicator.
EUROS_WORDS = ("montant", "€", "euros", "loyer")
PERCENT_WORDS = ("taux", "part ", "%", "pourcentage")


def value_text(indicator) -> str:
    return fr_value(indicator.kpi.format, indicator.result.value)


def previous_text(indicator) -> str:
    return fr_value(indicator.kpi.format, indicator.result.previous)


def change_text(indicator) -> str:
    """« +18 », « −2,5 points », « stable », or « — » when one value is unknown. A share's
    change is the difference of the two shares as shown (70,8 % and 70,7 %: +0,1 point),
    so that the reader's own subtraction agrees with it."""
    result = indicator.result
    if result.change is None:
        return "—"
    if indicator.kpi.format == "percent":
        points = points_between(result.value, result.previous)
        return fr_points(points) if points else "stable"
    return fr_change(indicator.kpi.format, result.change) if result.change else "stable"


def where(report) -> str:
    """The period as the sentence says it."""
    period = report.period
    if report.averaged:
        return (
            f"en moyenne par an sur les années {period.start.year} à {period.end.year} "
            f"(du {fr_date(period.start)} au {fr_date(period.end)})"
        )
    return report.span


def leading_category(indicator) -> str | None:
    """« Le plus souvent : Accès (120). » for a chart by category, None otherwise."""
    chart, rows = indicator.kpi.chart, indicator.rows
    if chart.kind not in ("bar", "hbar", "pie") or rows.height < 2:
        return None
    if indicator.kpi.format not in ("count", "euros"):  # a highest share says little
        return None
    if chart.x not in rows.columns or chart.y not in rows.columns:
        return None
    totals = (
        rows.group_by(chart.x, maintain_order=True)
        .agg(pl.col(chart.y).sum())
        .sort(chart.y, descending=True, maintain_order=True)
    )
    label, amount = totals.row(0)
    if amount is None or amount <= 0:
        return None
    shown = fr_value(column_format(indicator, chart.y), amount)
    return f"En tête : {'Non renseigné' if label is None else label} ({shown})."


def sentence(report, indicator) -> str:
    """What the figures say, in one or two short French sentences."""
    kpi, result = indicator.kpi, indicator.result
    if result.value is None:
        return f"{kpi.title} : aucune valeur {where(report)} (aucune donnée sur la période)."
    text = f"{kpi.title} : {value_text(indicator)} {where(report)}"
    if result.previous is None:
        text += f", {NO_PREVIOUS}."
    else:
        said = change_text(indicator)
        text += f", contre {previous_text(indicator)} sur la période précédente ({said})."
    lead = leading_category(indicator)
    return f"{text} {lead}" if lead else text


def column_format(indicator, column: str) -> str:
    """How a column's numbers read: the indicator's format for its figure and its chart's
    value, else guessed from the column's French name (« Montant », « Taux »), else a count."""
    kpi = indicator.kpi
    if column in (kpi.figure_column, kpi.chart.y):
        return kpi.format
    name = f"{kpi.columns.get(column, column).lower()} "
    if any(word in name for word in EUROS_WORDS):
        return "euros"
    if any(word in name for word in PERCENT_WORDS):
        return "percent"
    if "jours" in name or "délai" in name:
        return "days"
    return "count"


# French typography in a paragraph that reportlab wraps: it breaks a line at any space,
# the narrow no-break one included, never at a no-break space (U+00A0).
NO_BREAK = "\u00a0"
UNITS = r"€|%|jours?|mois|ans?|points?|semaines?|heures?|ménages?|personnes?|lignes?"
TYPOGRAPHY = (
    (re.compile(r"[ \u202f]+([:;!?»])"), NO_BREAK + r"\1"),  # « Valeur : », « ? »
    (re.compile(r"«[ \u202f]+"), "«" + NO_BREAK),
    (re.compile(rf"(\d)[ \u202f]+({UNITS})(?!\w)"), r"\1" + NO_BREAK + r"\2"),  # 64 jours
    (re.compile("\u202f"), NO_BREAK),  # 1 234 on one line
)
# « (−0,2 point) », « (+18) », « (3 sans réglage) »: a short figure in brackets, whole.
BRACKETED = re.compile(r"\(([^()]{0,24}\d[^()]{0,24})\)")


def drawable(text) -> str:
    """The text as DejaVu Sans draws it: a character the font lacks (rare outside Latin,
    Greek and Cyrillic scripts) loses its accent, or becomes « ? »."""
    text = str(text)
    glyphs = pdfmetrics.getFont(pdf_fonts.register()).face.charToGlyph
    if all(ord(char) in glyphs for char in text):
        return text
    kept = []
    for char in text:
        if ord(char) in glyphs:
            kept.append(char)
        else:
            plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            kept.append(plain or "?")
    return "".join(kept)


def pdf_safe(text) -> str:
    """The text of a PDF paragraph, drawable and set the French way: a no-break space
    before « : ; ! ? », inside « (−0,2 point) », between a number and its unit and in
    « 1 234 », so that no line starts with « : » or ends with « ( »."""
    text = drawable(text)
    for pattern, replacement in TYPOGRAPHY:
        text = pattern.sub(replacement, text)
    return BRACKETED.sub(lambda found: found.group(0).replace(" ", NO_BREAK), text)
