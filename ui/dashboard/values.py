"""A KPI's value written the French way: 1 234 ; 12,5 % ; 1 234,50 € ; 12 jours. The
charts write theirs by the same rules (ui/chart_format.py)."""

from __future__ import annotations

from db.french import NBSP, fr_amount, fr_int, fr_percent, fr_points, percent_figure

NO_VALUE = "—"


def fr_decimal(value: float, digits: int = 1) -> str:
    """12,5 — a whole number without decimals, thousands with a narrow space."""
    if abs(value - round(value)) < 0.05:
        return fr_int(round(value))
    text = f"{value:,.{digits}f}".replace(",", NBSP).replace(".", ",")
    return text


def fr_value(fmt: str, value: float | None) -> str:
    if value is None:
        return NO_VALUE
    if fmt == "percent":
        return fr_percent(value)  # one decimal everywhere: 71,0 %, 70,8 %
    if fmt == "euros":
        return fr_amount(round(value, 2))
    if fmt == "days":
        return f"{fr_decimal(value)}{NBSP}jour{'s' if abs(value) >= 2 else ''}"
    return fr_decimal(value)


def fr_change(fmt: str, change: float | None) -> str | None:
    """The change against the previous period, signed: « +12 », « −2,5 points »."""
    if change is None:
        return None
    if fmt == "percent":
        return fr_points(percent_figure(change))
    sign = "+" if change > 0 else ("−" if change < 0 else "")
    size = abs(change)
    return f"{sign}{fr_value(fmt, size)}"
