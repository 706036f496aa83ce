"""The support drill-downs (queries/kpi_drill: measures, mediations, FSL applications,
procedures) as a director and as a social worker, on the fixture of
tests/kpi_support_builders.py (first quarter of 2026)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.kpi_support_builders import build, card, drill, picked, run


@pytest.fixture
def support(database):
    return build(database)


def test_drill_measures_one_row_per_household_and_kind(support):
    frame = drill(support, "kpi_drill/measures")
    assert frame.columns[:4] == ["household_id", "file_number", "head_name", "kind"]
    assert picked(frame, "file_number", "kind", "measures", "review_overdue") == [
        ("F-1", "asll", 2, False),  # 1 ended, 9 due on 31/03
        ("F-1", "avdl", 1, False),
        ("F-2", "avdl", 1, True),
        ("F-3", "asll", 1, False),
        ("F-3", "mous", 1, True),
        ("F-4", "asll", 2, True),  # 11
        ("F-4", "mous", 1, False),  # 6 ended on 01/01
    ]
    # The same total as the tile.
    assert frame["measures"].sum() == card("measures", run(support, "measures"))
    assert picked(drill(support, "kpi_drill/measures", reader="social"), "file_number", "kind") == [
        ("F-1", "asll"),
        ("F-1", "avdl"),
        ("F-3", "asll"),
        ("F-3", "mous"),
    ]
    pessac_mous = drill(support, "kpi_drill/measures", measure_kind="mous", commune="Pessac")
    assert picked(pessac_mous, "kind") == [
        ("mous",),
        ("mous",),
    ]


def test_drill_mediations(support):
    frame = drill(support, "kpi_drill/mediations")
    assert picked(frame, "household_id", "file_number", "counterpart", "outcome", "mediations") == [
        (1, "F-1", "huissier", "accord", 2),
        (2, "F-2", "huissier", "echec", 1),
        (3, "F-3", "bailleur_social", "accord", 1),
    ]
    assert frame["last_mediation_on"][0] == date(2026, 3, 31)
    marc = drill(support, "kpi_drill/mediations", reader="mlefevre")
    assert marc["file_number"].to_list() == ["F-2"]
    assert drill(support, "kpi_drill/mediations", worker="social").height == 2


def test_drill_fsl_applications_with_their_status_on_the_last_day(support):
    frame = drill(support, "kpi_drill/fsl")
    assert picked(frame, "application_id", "kind", "status", "granted") == [
        (2, "maintien", "refusee", 0.0),
        (1, "maintien", "accordee", 800.0),
        (9, "maintien", "accordee", 600.0),
        (7, "maintien", "ajournee", 0.0),
        (3, "energie", "deposee", 0.0),
        (5, "maintien", "deposee", 0.0),
    ]
    assert frame["decided_on"][4] is None  # decided on 10/04, after the period
    assert drill(support, "kpi_drill/fsl", reader="social")["application_id"].to_list() == [2, 1, 9]
    assert drill(support, "kpi_drill/fsl", measure_kind="mous")["application_id"].to_list() == [5]


def test_drill_procedures_with_their_stage_and_their_outcome_by_the_last_day(support):
    frame = drill(support, "kpi_drill/procedures")
    assert picked(frame, "procedure_id", "file_number", "stage", "outcome") == [
        (9, "F-2", "commandement_payer", None),  # closed on 01/04
        (3, "F-3", "commandement_payer", None),
        (1, "F-1", "assignation", None),
        (7, "F-1", "audience", "reloge"),
        (5, "F-4", "jugement", "plan_accepte"),
        (6, "F-2", "concours_accorde", None),
        (8, "F-3", "expulsion", "expulsion"),
    ]
    avoided = frame.filter(frame["outcome"].is_in(["plan_accepte", "reloge"]))
    assert avoided.height == card("evictions_avoided", run(support, "evictions_avoided"))
    assert frame.height == card("evictions_by_stage", run(support, "evictions_by_stage"))
    marc = drill(support, "kpi_drill/procedures", reader="mlefevre")
    assert marc["procedure_id"].to_list() == [9, 5, 6]
    pessac = drill(support, "kpi_drill/procedures", commune="Pessac")
    assert pessac["procedure_id"].to_list() == [3, 5, 8]
