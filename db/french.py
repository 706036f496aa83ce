"""French formats for the messages that writes give: 21/11/2026, 1 234,50 €, 12 345.

The screens use the same functions (ui/format.py), so a refusal and a table say a date or
an amount the same way.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

NBSP = "\u202f"  # narrow no-break space, the French thousands separator


def fr_date(value: date | datetime | None) -> str:
    """21/11/2026; a year before 1000 on four digits too (strftime writes « 01/01/1 »)."""
    if value is None:
        return "—"
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def fr_datetime(value: datetime | None) -> str:
    if value is None:
        return "—"
    return f"{fr_date(value)} à {value.hour:02d}:{value.minute:02d}"


def fr_int(value: int) -> str:
    """12 345 with a narrow no-break space."""
    return f"{value:,}".replace(",", NBSP)


def fr_amount(value: float | Decimal | None) -> str:
    """1 234,50 € (an amount is never rounded through a float: Decimal keeps cents)."""
    if value is None:
        return "—"
    text = f"{Decimal(str(value)):,.2f}".replace(",", NBSP).replace(".", ",")
    return f"{text}{NBSP}€"
