"""An indicator's three headline figures (value, previous period, change) as the numbers
a workbook holds, each with the Excel number format that shows it as the report's text
does (ui/report/text.py): 228 ; 12,5 ; 70,8 % ; 1 234,50 € ; 12 jours ; +0,1 point."""

from __future__ import annotations

from db.french import points_between

EUROS = '#,##0.00 "€"'
PERCENT = "0.0 %"
STABLE = '"stable"'  # a change of zero, as the report's text says it


def whole(value: float) -> bool:
    """A figure shown without decimals (ui/dashboard/values.fr_decimal's rule)."""
    return abs(value - round(value)) < 0.05


def plain_format(kind: str, value: float) -> str:
    """The format of a value (or of a change's size) of this kind."""
    if kind == "euros":
        return EUROS
    if kind == "percent":
        return PERCENT
    digits = "#,##0" if whole(value) else "#,##0.0"
    if kind == "days":
        return f'{digits} "{"jours" if abs(value) >= 2 else "jour"}"'
    return digits


def value_figure(kind: str, value: float | None) -> tuple[float | None, str | None]:
    if value is None:
        return None, None
    return float(value), plain_format(kind, float(value))


def change_figure(indicator) -> tuple[float | None, str | None]:
    """The change against the previous period, signed; a share's in points between the
    two shares as shown (70,8 % and 70,7 %: +0,1 point), as change_text says it."""
    result, kind = indicator.result, indicator.kpi.format
    if result.change is None:
        return None, None
    if kind == "percent":
        points = float(points_between(result.value, result.previous))
        word = "points" if abs(points) >= 2 else "point"
        size = f'0.0 "{word}"'
        return points, f"+{size};-{size};{STABLE}"
    change = float(result.change)
    size = plain_format(kind, abs(change))
    return change, f"+{size};-{size};{STABLE}"


def figures(indicator) -> list[tuple[float | None, str | None]]:
    """(number, format) of the value, the previous period's value and the change."""
    kind, result = indicator.kpi.format, indicator.result
    return [
        value_figure(kind, result.value),
        value_figure(kind, result.previous),
        change_figure(indicator),
    ]
