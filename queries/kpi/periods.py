"""The periods the dashboard and the activity report compute on, and the period each is
compared with: a calendar month with the calendar month before (June with the whole of
May, 31 days), a quarter with the quarter before, a year with the year before, twelve
rolling months with the twelve before, dates chosen freely with as many days just before.

A period never runs past today: « 2026 » seen on 30/11/2026 is 01/01–30/11/2026, and is
compared with 01/01–30/11/2025 (the year before, to the same day), not with a whole year;
December 2026 seen on 05/12 is compared with 01/11–05/11/2026.
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
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


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
    whole_end: date | None = None  # its last day before it was cut at today, if it was

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

    @property
    def cut(self) -> bool:
        """Whether today cut it short (the current month, quarter or year)."""
        return self.whole_end is not None and self.end < self.whole_end

    def previous(self) -> Period:
        """The period it is compared with: the calendar period before when it is whole
        (May 01–31 for June, not 01–30), cut at the same day when it is cut at today."""
        if self.months is None:
            days = (self.end - self.start).days + 1
            start, end = self.start - timedelta(days=days), self.start - timedelta(days=1)
            label = f"{days} jour{'s' if days > 1 else ''} précédent{'s' if days > 1 else ''}"
            return Period(self.kind, start, end, label, None, self.years)
        start = shift_months(self.start, -self.months)
        whole_end = shift_months(start, self.months) - timedelta(days=1)
        end = shift_months(self.end, -self.months) if self.cut else whole_end
        label = self._previous_label(start, whole_end)
        return Period(
            self.kind, start, min(end, whole_end), label, self.months, self.years, whole_end
        )

    def _previous_label(self, start: date, whole_end: date) -> str:
        """« mai 2026 », « 1er trimestre 2026 », « année 2025 », « moyenne 2022–2024 » (its
        dates say where it is cut), « 12 mois précédents »."""
        if self.kind == "mois":
            name = f"{MONTHS[start.month - 1]} {start.year}"
        elif self.kind == "trimestre":
            name = quarter_name(start.year, (start.month - 1) // 3 + 1)
        elif self.kind == "annee":
            name = f"année {start.year}"
        elif self.kind == "moyenne_3_ans":
            name = f"moyenne {start.year}–{whole_end.year}"
        else:
            return "12 mois précédents"
        return name


def span(start: date, end: date) -> str:
    """« du 01/06/2026 au 30/06/2026 »: how every screen writes a period's dates."""
    return f"du {fr_date(start)} au {fr_date(end)}"


def quarter_name(value: int, number: int) -> str:
    return f"{number}{'er' if number == 1 else 'e'} trimestre {value}"


def _clip(start: date, end: date, today: date) -> tuple[date, date]:
    return start, min(end, today)


def year(value: int, today: date) -> Period:
    whole_end = date(value, 12, 31)
    start, end = _clip(date(value, 1, 1), whole_end, today)
    return Period("annee", start, end, f"année {value}", 12, whole_end=whole_end)


def quarter(value: int, number: int, today: date) -> Period:
    first = date(value, 3 * number - 2, 1)
    whole_end = shift_months(first, 3) - timedelta(days=1)
    start, end = _clip(first, whole_end, today)
    return Period("trimestre", start, end, quarter_name(value, number), 3, whole_end=whole_end)


def month(value: int, number: int, today: date) -> Period:
    first = date(value, number, 1)
    whole_end = shift_months(first, 1) - timedelta(days=1)
    start, end = _clip(first, whole_end, today)
    return Period("mois", start, end, f"{MONTHS[number - 1]} {value}", 1, whole_end=whole_end)


def rolling_year(today: date) -> Period:
    """The twelve months to today; its dates are written once, by whoever shows it."""
    start = shift_months(today, -12) + timedelta(days=1)
    return Period("glissant", start, today, "12 derniers mois", 12, whole_end=today)


def dates(start: date, end: date, today: date) -> Period:
    start, end = _clip(start, end, today)
    return Period("dates", start, end, "dates au choix", None)


def three_years(last: int, today: date) -> Period:
    whole_end = date(last, 12, 31)
    start, end = _clip(date(last - 2, 1, 1), whole_end, today)
    return Period(
        "moyenne_3_ans", start, end, f"moyenne {last - 2}–{last}", 36, years=3, whole_end=whole_end
    )
