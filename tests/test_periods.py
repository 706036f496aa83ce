"""The dashboard's and the report's periods (queries/kpi/periods.py) and the period each is
compared with: a whole calendar month with the whole month before (June with 01–31 May,
not 01–30 May as seen on the dashboard), a quarter with the quarter before, a year with
the year before to the same day; a period cut at today with the one before cut at the
same day."""

from __future__ import annotations

from datetime import date

import pytest

from queries.kpi import periods

TODAY = date(2026, 12, 5)


def span(period: periods.Period) -> tuple[date, date]:
    return period.start, period.end


@pytest.mark.parametrize(
    ("number", "before"),
    [
        (6, (date(2026, 5, 1), date(2026, 5, 31))),  # seen: 01/05–30/05
        (3, (date(2026, 2, 1), date(2026, 2, 28))),
        (5, (date(2026, 4, 1), date(2026, 4, 30))),
        (1, (date(2025, 12, 1), date(2025, 12, 31))),
    ],
)
def test_a_whole_month_is_compared_with_the_whole_month_before(number, before):
    previous = periods.month(2026, number, TODAY).previous()
    assert span(previous) == before
    assert previous.label == f"{periods.MONTHS[before[0].month - 1]} {before[0].year}"


def test_the_current_month_is_compared_with_the_month_before_to_the_same_day():
    current = periods.month(2026, 12, TODAY)
    assert span(current) == (date(2026, 12, 1), TODAY)
    previous = current.previous()
    assert span(previous) == (date(2026, 11, 1), date(2026, 11, 5))
    assert previous.label == "novembre 2026"


def test_a_month_cut_past_the_end_of_the_month_before_keeps_to_that_month():
    previous = periods.month(2026, 3, date(2026, 3, 30)).previous()
    assert span(previous) == (date(2026, 2, 1), date(2026, 2, 28))


@pytest.mark.parametrize(
    ("number", "before"),
    [
        (2, (date(2026, 1, 1), date(2026, 3, 31))),  # shifted day by day: 30/03
        (3, (date(2026, 4, 1), date(2026, 6, 30))),
        (1, (date(2025, 10, 1), date(2025, 12, 31))),
    ],
)
def test_a_whole_quarter_is_compared_with_the_quarter_before(number, before):
    assert span(periods.quarter(2026, number, TODAY).previous()) == before


def test_quarters_are_named_in_french():
    assert periods.quarter(2026, 1, TODAY).label == "1er trimestre 2026"
    assert periods.quarter(2026, 2, TODAY).previous().label == "1er trimestre 2026"
    assert periods.quarter(2026, 4, TODAY).previous().label == "3e trimestre 2026"


def test_a_year_is_compared_with_the_year_before_to_the_same_day():
    assert span(periods.year(2026, TODAY).previous()) == (date(2025, 1, 1), date(2025, 12, 5))
    assert periods.year(2026, TODAY).previous().label == "année 2025"
    whole = periods.year(2025, TODAY).previous()
    assert (span(whole), whole.label) == ((date(2024, 1, 1), date(2024, 12, 31)), "année 2024")


def test_a_leap_day_year_cut_compares_with_the_last_day_of_february():
    previous = periods.year(2028, date(2028, 2, 29)).previous()
    assert span(previous) == (date(2027, 1, 1), date(2027, 2, 28))


def test_twelve_rolling_months_follow_the_twelve_before_and_carry_no_dates_in_their_name():
    current = periods.rolling_year(TODAY)
    assert span(current) == (date(2025, 12, 6), TODAY)
    assert current.label == "12 derniers mois"  # the dates are written once, by the screen
    assert span(current.previous()) == (date(2024, 12, 6), date(2025, 12, 5))


def test_dates_chosen_freely_follow_as_many_days_before():
    current = periods.dates(date(2026, 3, 1), date(2026, 3, 15), TODAY)
    assert "/" not in current.label
    previous = current.previous()
    assert span(previous) == (date(2026, 2, 14), date(2026, 2, 28))
    assert previous.label == "15 jours précédents"


def test_the_three_year_average_follows_the_three_years_before():
    previous = periods.three_years(2025, TODAY).previous()
    assert span(previous) == (date(2020, 1, 1), date(2022, 12, 31))
    assert previous.label == "moyenne 2020–2022"
    assert previous.windows()[-1] == (date(2022, 1, 1), date(2022, 12, 31))


def test_no_period_runs_past_today():
    for period in (
        periods.year(2026, TODAY),
        periods.quarter(2026, 4, TODAY),
        periods.month(2026, 12, TODAY),
        periods.rolling_year(TODAY),
        periods.three_years(2026, TODAY),
        periods.dates(date(2026, 11, 1), date(2027, 1, 31), TODAY),
    ):
        assert period.end == TODAY
        assert period.previous().end < period.start
