"""The FSL indicators: the applications submitted in a period (by submission date, whatever
the decision, by kind and status on the last day), the approval rate and the decision days,
and the grants obtained in it (by decision date, whatever the submission date, with the
amounts granted); on the fixture of tests/kpi_support_builders.py (first quarter of 2026),
counted by hand.

Granted by a decision dated from 01/01 to 31/03: 1 (maintien, 1 000 asked, 800 granted
on 04/02), 4 (acces, submitted on 01/12/2025, 2 000 asked, 1 500 granted on 10/01), 9
(maintien, 600 asked and granted on 03/03). Not 3 (granted on 10/04).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.kpi_support_builders import build, card, drill, picked, rows, run


@pytest.fixture
def support(database):
    return build(database)


def test_fsl_applications_submitted_in_the_period_by_kind_and_status_on_the_last_day(support):
    frame = run(support, "fsl_applications").drop("requested")  # amounts: test_kpi_fsl.py
    # Submitted from 01/01 to 31/03: 1, 2 (01/01), 3 (decided on 10/04: still « déposée »
    # on 31/03), 5 (31/03), 7, 9. Not 4, 8 (before), 10 (01/04), nor the draft 6.
    assert rows(frame) == [
        ("energie", "deposee", 1),
        ("maintien", "accordee", 2),
        ("maintien", "ajournee", 1),
        ("maintien", "deposee", 1),
        ("maintien", "refusee", 1),
    ]
    assert card("fsl_applications", frame) == 6
    assert rows(run(support, "fsl_applications", worker="mlefevre").drop("requested")) == [
        ("energie", "deposee", 1),
        ("maintien", "ajournee", 1),
        ("maintien", "deposee", 1),
    ]
    assert card("fsl_applications", run(support, "fsl_applications", commune="Bordeaux")) == 5
    assert rows(run(support, "fsl_applications", measure_kind="mous").drop("requested")) == [
        ("maintien", "deposee", 1)
    ]
    # Seen from 30/04, application 3 is granted.
    later = run(support, "fsl_applications", end=date(2026, 4, 30))
    assert ("energie", "accordee", 1) in rows(later.drop("requested"))


def test_fsl_approval_rate_of_the_decisions_taken_in_the_period(support):
    frame = run(support, "fsl_approval_rate")
    # Decided from 01/01 to 31/03: 1 (granted), 2 (refused on 31/03), 4 (granted on
    # 10/01, submitted before), 9 (granted). Not 3 (10/04), 8 (31/12), 7 (adjourned).
    assert rows(frame) == [("acces", 1, 1, 1.0, 0.75), ("maintien", 3, 2, 2 / 3, 0.75)]
    assert card("fsl_approval_rate", frame) == 0.75
    bordeaux = run(support, "fsl_approval_rate", commune="Bordeaux")
    assert rows(bordeaux) == [("maintien", 3, 2, 2 / 3, 2 / 3)]
    nothing = run(support, "fsl_approval_rate", worker="mlefevre")
    assert nothing.height == 0 and card("fsl_approval_rate", nothing) is None
    mous = run(support, "fsl_approval_rate", measure_kind="mous")
    assert rows(mous) == [("acces", 1, 1, 1.0, 1.0)]


def test_fsl_decision_days_median_by_kind_and_overall(support):
    frame = run(support, "fsl_decision_days")
    # acces: 4 (01/12 to 10/01: 40 days); maintien: 1 (30), 9 (30), 2 (89): median 30
    # (the mean would be 49,7). Overall 30, 30, 40, 89: (30 + 40) / 2 = 35.
    assert rows(frame) == [("acces", 1, 40.0, 35.0), ("maintien", 3, 30.0, 35.0)]
    assert card("fsl_decision_days", frame) == 35
    assert rows(run(support, "fsl_decision_days", commune="Bordeaux")) == [
        ("maintien", 3, 30.0, 30.0)
    ]
    assert rows(run(support, "fsl_decision_days", worker="social")) == [
        ("acces", 1, 40.0, 35.0),
        ("maintien", 3, 30.0, 35.0),
    ]
    assert run(support, "fsl_decision_days", worker="mlefevre").height == 0
    assert rows(run(support, "fsl_decision_days", measure_kind="mous")) == [
        ("acces", 1, 40.0, 40.0)
    ]


def test_fsl_grants_are_counted_at_their_decision_whatever_the_submission(support):
    frame = run(support, "fsl_grants")
    assert rows(frame) == [("acces", 1, 1500.0), ("maintien", 2, 1400.0)]
    assert card("fsl_grants", frame) == 3
    # Side by side: 6 applications submitted in the quarter, 3 grants decided in it.
    assert card("fsl_applications", run(support, "fsl_applications")) == 6
    assert rows(run(support, "fsl_grants", commune="Pessac")) == [("acces", 1, 1500.0)]
    assert run(support, "fsl_grants", worker="mlefevre").height == 0
    assert rows(run(support, "fsl_grants", measure_kind="mous")) == [("acces", 1, 1500.0)]
    april = run(support, "fsl_grants", start=date(2026, 4, 1), end=date(2026, 4, 30))
    assert rows(april) == [("energie", 1, 300.0)]  # 3, submitted in March


def test_fsl_amounts_granted_by_the_decisions_of_the_period(support):
    frame = run(support, "fsl_amounts")
    assert rows(frame) == [("acces", 1, 2000.0, 1500.0), ("maintien", 2, 1600.0, 1400.0)]
    assert card("fsl_amounts", frame) == 2900
    assert rows(run(support, "fsl_amounts", measure_kind="asll")) == [
        ("acces", 1, 2000.0, 1500.0),
        ("maintien", 2, 1600.0, 1400.0),
    ]
    assert card("fsl_amounts", run(support, "fsl_amounts", worker="mlefevre")) == 0


def test_fsl_applications_give_the_amounts_requested(support):
    frame = run(support, "fsl_applications")
    requested = {(kind, status): amount for kind, status, _n, amount in rows(frame)}
    # 1 (1 000) and 9 (600) granted; 2 refused (500); 7 adjourned (400); 5 (700) and 3
    # (300, decided after the quarter) still « déposée ».
    assert requested == {
        ("energie", "deposee"): 300.0,
        ("maintien", "accordee"): 1600.0,
        ("maintien", "ajournee"): 400.0,
        ("maintien", "deposee"): 700.0,
        ("maintien", "refusee"): 500.0,
    }


def test_drill_fsl_grants_lists_the_grants_behind_the_figures(support):
    frame = drill(support, "kpi_drill/fsl_grants")
    assert picked(frame, "application_id", "kind", "decided_on", "granted") == [
        (4, "acces", date(2026, 1, 10), 1500.0),
        (1, "maintien", date(2026, 2, 4), 800.0),
        (9, "maintien", date(2026, 3, 3), 600.0),
    ]
    assert frame["granted"].sum() == card("fsl_amounts", run(support, "fsl_amounts"))
    assert frame.height == card("fsl_grants", run(support, "fsl_grants"))
    assert drill(support, "kpi_drill/fsl_grants", reader="mlefevre").height == 0
    assert drill(support, "kpi_drill/fsl_grants", commune="Pessac")["application_id"].to_list() == [
        4
    ]
