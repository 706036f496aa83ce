"""FSL applications and grants side by side: the applications submitted in a period (by
submission date, whatever the decision) and the grants obtained in it (by decision date,
whatever the submission date, with the amounts granted); on the fixture of
tests/test_kpi_support.py (first quarter of 2026), counted by hand.

Granted by a decision dated from 01/01 to 31/03: 1 (maintien, 1 000 asked, 800 granted
on 04/02), 4 (acces, submitted on 01/12/2025, 2 000 asked, 1 500 granted on 10/01), 9
(maintien, 600 asked and granted on 03/03). Not 3 (granted on 10/04).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.test_kpi_support import build, card, rows, run
from tests.test_kpi_support_2 import drill, picked


@pytest.fixture
def support(database):
    return build(database)


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
