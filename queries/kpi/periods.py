"""The periods the dashboard and the activity report compute on, and the period each is
compared with: the one of the same length just before.

A period never runs past today: « 2026 » seen on 30/11/2026 is 01/01–30/11/2026, and is
compared with 01/01–30/11/2025 (the same span a year earlier), not with a whole year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from db.french import fr_date

KINDS = {
    "annee": "Année",
    "trimestre": "Trimestre",
    "mois": "Mois",
    "glissant": "12 derniers mois",
    "dates": "Dates au choix",
    "moyenne_3_ans": "Moyenne sur 3 ans",
}
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def shift_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), kept within the month: 31/03 - 1 = 28/02."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date  # already clipped to today
    label: str
    months: int | None  # its nominal length, or None for dates au choix
    years: int = 1  # 3 for the three-year average

    def windows(self) -> list[tuple[date, date]]:
        """The spans to compute on: the period, or each of its three years."""
        if self.years == 1:
            return [(self.start, self.end)]
        return [
            (date(self.end.year - back, 1, 1), self._year_end(self.end.year - back))
            for back in range(self.years - 1, -1, -1)
        ]

    def _year_end(self, year: int) -> date:
        return min(date(year, 12, 31), self.end)

    def previous(self) -> Period:
        """The period of the same length just before, cut at the same point."""
        if self.months is None:
            days = (self.end - self.start).days + 1
            start, end = self.start - timedelta(days=days), self.start - timedelta(days=1)
        else:
            start = shift_months(self.start, -self.months)
            end = shift_months(self.end, -self.months)
        label = f"du {fr_date(start)} au {fr_date(end)}"
        return Period(self.kind, start, end, label, self.months, self.years)


def _clip(start: date, end: date, today: date) -> tuple[date, date]:
    return start, min(end, today)


def year(value: int, today: date) -> Period:
    start, end = _clip(date(value, 1, 1), date(value, 12, 31), today)
    return Period("annee", start, end, f"année {value}", 12)


def quarter(value: int, number: int, today: date) -> Period:
    first = date(value, 3 * number - 2, 1)
    start, end = _clip(first, shift_months(first, 3) - timedelta(days=1), today)
    return Period("trimestre", start, end, f"{number}ᵉ trimestre {value}", 3)


def month(value: int, number: int, today: date) -> Period:
    first = date(value, number, 1)
    start, end = _clip(first, shift_months(first, 1) - timedelta(days=1), today)
    return Period("mois", start, end, f"{MONTHS[number - 1]} {value}", 1)


def rolling_year(today: date) -> Period:
    start = shift_months(today, -12) + timedelta(days=1)
    label = f"12 derniers mois (du {fr_date(start)} au {fr_date(today)})"
    return Period("glissant", start, today, label, 12)


def dates(start: date, end: date, today: date) -> Period:
    start, end = _clip(start, end, today)
    return Period("dates", start, end, f"du {fr_date(start)} au {fr_date(end)}", None)


def three_years(last: int, today: date) -> Period:
    start, end = _clip(date(last - 2, 1, 1), date(last, 12, 31), today)
    return Period("moyenne_3_ans", start, end, f"moyenne {last - 2}–{last}", 36, years=3)
