"""A KPI's value written the French way: 1 234 ; 12,5 % ; 1 234,50 € ; 12 jours. The
charts write theirs by the same rules (ui/chart_format.py)."""

from __future__ import annotations

from db.french import NBSP, fr_amount, fr_int

NO_VALUE = "—"


def fr_decimal(value: float, digits: int = 1) -> str:
    """12,5 — a whole number without decimals, thousands with a narrow space."""
    if abs(value - round(value)) < 0.05:
        return fr_int(round(value))
    text = f"{value:,.{digits}f}".replace(",", NBSP).replace(".", ",")
    return text


def fr_percent(share: float) -> str:
    """A share (0–1) in percent, always with one decimal: « 40,0 % », « 70,8 % » (one
    rule for every percentage, on screen, in the charts and in the report)."""
    text = f"{share * 100:,.1f}".replace(",", NBSP).replace(".", ",")
    return f"{text}{NBSP}%"


def fr_value(fmt: str, value: float | None) -> str:
    if value is None:
        return NO_VALUE
    if fmt == "percent":
        return fr_percent(value)
    if fmt == "euros":
        return fr_amount(round(value, 2))
    if fmt == "days":
        return f"{fr_decimal(value)}{NBSP}jour{'s' if abs(value) >= 2 else ''}"
    return fr_decimal(value)


def fr_change(fmt: str, change: float | None) -> str | None:
    """The change against the previous period, signed: « +12 », « −2,5 points »."""
    if change is None:
        return None
    sign = "+" if change > 0 else ("−" if change < 0 else "")
    size = abs(change)
    if fmt == "percent":
        points = fr_percent(size)[: -len(f"{NBSP}%")]
        return f"{sign}{points}{NBSP}point{'s' if size * 100 >= 2 else ''}"
    return f"{sign}{fr_value(fmt, size)}"
