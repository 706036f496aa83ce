"""Writes of support work: who may, what is refused, one audit row per record changed,
a version per record (db/support/writes.py)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from pydantic import ValidationError

from db.demo.generate import create_demo_accounts
from db.errors import PermissionDeniedError, StaleRecordError, ValidationFailed
from db.households import writes as households
from db.households.models import IntakeIn
from db.support import writes as support
from db.support.models import (
    ActionIn,
    CatalogEntryIn,
    DebtPlanIn,
    FslIn,
    MeasureEndIn,
    MeasureIn,
    MediationIn,
    ProcedureCloseIn,
    ProcedureIn,
    RenewalIn,
    ReviewIn,
    StageIn,
)
from tests.conftest import actor_of, intake_fields

TODAY = date.today()


@pytest.fixture
def team(database):
    create_demo_accounts(database)
    return database


@pytest.fixture
def social(team):
    return actor_of(team, "social")


@pytest.fixture
def file_of_social(team, social) -> int:
    intake = IntakeIn.model_validate(
        intake_fields("Mercœur", "Zoé", referent="social", consent_on=TODAY)
    )
    return households.create_intake(team, social, intake)["id"]


def audit_rows(database, entity: str) -> list[tuple]:
    return (
        database.cursor()
        .execute(
            "SELECT action, entity_id, diff FROM audit_log WHERE entity = $e ORDER BY id",
            {"e": entity},
        )
        .fetchall()
    )


def asll(start=date(2026, 3, 1), end=date(2026, 9, 1)) -> MeasureIn:
    return MeasureIn(kind="asll", prescriber="FSL 33", start_on=start, planned_end_on=end)


def test_a_measure_is_recorded_with_one_audit_row(team, social, file_of_social):
    measure = support.add_measure(team, social, file_of_social, asll())
    assert measure["version"] == 1
    [(action, entity_id, diff)] = audit_rows(team, "support_measure")
    assert (action, entity_id) == ("create", str(measure["id"]))
    assert "FSL 33" in diff


def test_a_measure_past_its_kind_maximum_is_refused_with_the_date_it_reaches(
    team, social, file_of_social
):
    with pytest.raises(ValidationFailed) as refusal:
        support.add_measure(team, social, file_of_social, asll(end=date(2027, 9, 2)))
    assert "18 mois au plus" in str(refusal.value) and "01/09/2027" in str(refusal.value)
    assert audit_rows(team, "support_measure") == []


def test_a_renewal_moves_the_planned_end_within_the_maximum(team, social, file_of_social):
    measure = support.add_measure(team, social, file_of_social, asll())
    with pytest.raises(ValidationFailed, match="18 mois au plus"):
        support.renew_measure(
            team,
            social,
            file_of_social,
            measure["id"],
            1,
            RenewalIn(renewed_on=date(2026, 8, 20), new_end_on=date(2027, 10, 1)),
        )
    renewed = support.renew_measure(
        team,
        social,
        file_of_social,
        measure["id"],
        1,
        RenewalIn(renewed_on=date(2026, 8, 20), new_end_on=date(2027, 3, 1)),
    )
    assert renewed["planned_end_on"] == date(2027, 3, 1) and renewed["version"] == 2
    assert [r[0] for r in audit_rows(team, "measure_renewal")] == ["create"]
    assert [r[0] for r in audit_rows(team, "support_measure")] == ["create", "update"]


def test_the_maximum_of_a_kind_is_a_setting_an_admin_changes(team, social, file_of_social, admin):
    support.set_catalog_entry(team, admin, "measure_kind", "asll", 24, True)
    support.add_measure(team, social, file_of_social, asll(end=date(2028, 3, 1)))
    with pytest.raises(ValidationFailed, match="24 mois au plus"):
        support.add_measure(team, social, file_of_social, asll(end=date(2028, 3, 2)))


def test_an_admin_extends_the_lists_and_withdraws_an_entry(team, social, file_of_social, admin):
    support.add_catalog_entry(team, admin, "action_kind", CatalogEntryIn(label="Aide à l'énergie"))
    support.add_action(
        team, social, file_of_social, ActionIn(kind="aide_a_l_energie", action_on=TODAY)
    )
    support.set_catalog_entry(team, admin, "action_kind", "aide_a_l_energie", None, False)
    with pytest.raises(ValidationFailed, match="choisissez une valeur"):
        support.add_action(
            team, social, file_of_social, ActionIn(kind="aide_a_l_energie", action_on=TODAY)
        )
    with pytest.raises(ValidationFailed, match="déjà dans la liste"):
        support.add_catalog_entry(
            team, admin, "action_kind", CatalogEntryIn(label="Aide à l’énergie")
        )
    with pytest.raises(PermissionDeniedError):
        support.add_catalog_entry(team, social, "action_kind", CatalogEntryIn(label="Autre"))
    assert [r[0] for r in audit_rows(team, "support_catalog")] == ["create", "update"]


def test_reviews_and_the_end_of_a_measure(team, social, file_of_social):
    measure = support.add_measure(team, social, file_of_social, asll())
    with pytest.raises(ValidationFailed, match="précéder le début"):
        support.add_review(
            team,
            social,
            file_of_social,
            measure["id"],
            ReviewIn(review_on=date(2026, 2, 1), outcome="x"),
        )
    support.add_review(
        team,
        social,
        file_of_social,
        measure["id"],
        ReviewIn(review_on=date(2026, 6, 1), outcome="Budget stabilisé"),
    )
    ended = support.end_measure(
        team,
        social,
        file_of_social,
        measure["id"],
        1,  # a review does not make the measure's form stale
        MeasureEndIn(end_on=date(2026, 8, 31), end_reason="reloge"),
    )
    assert (ended["end_on"], ended["end_reason"]) == (date(2026, 8, 31), "reloge")
    with pytest.raises(ValidationFailed, match="déjà terminée"):
        support.end_measure(
            team,
            social,
            file_of_social,
            measure["id"],
            2,
            MeasureEndIn(end_on=date(2026, 9, 1), end_reason="autre"),
        )


def test_a_stale_save_is_refused_naming_the_person(team, social, file_of_social):
    admin = actor_of(team, "admin")
    mediation = MediationIn(
        counterpart="proprietaire_prive", reason="impayes", mediation_on=TODAY, outcome="en_cours"
    )
    saved = support.add_mediation(team, social, file_of_social, mediation)
    agreed = mediation.model_copy(update={"outcome": "accord"})
    support.update_mediation(team, admin, file_of_social, saved["id"], 1, agreed)
    with pytest.raises(StaleRecordError) as refusal:
        support.update_mediation(team, social, file_of_social, saved["id"], 1, mediation)
    assert admin.display_name != "admin"
    assert str(refusal.value).startswith(f"{admin.display_name} a enregistré une modification le")
    assert "pendant que vous consultiez cette médiation." in str(refusal.value)


def test_an_eviction_procedure_stage_by_stage(team, social, file_of_social):
    procedure = support.open_procedure(
        team,
        social,
        file_of_social,
        ProcedureIn(stage="commandement_payer", stage_on=date(2026, 1, 5), arrears="1 850,40"),
    )
    pid = procedure["id"]
    with pytest.raises(ValidationFailed, match="avant la précédente"):
        support.add_stage(
            team,
            social,
            file_of_social,
            pid,
            StageIn(stage="assignation", stage_on=date(2026, 1, 4)),
        )
    stage = support.add_stage(
        team,
        social,
        file_of_social,
        pid,
        StageIn(stage="assignation", stage_on=date(2026, 3, 10), arrears="2 300"),
    )
    assert stage["arrears"] == Decimal("2300")
    closed = support.close_procedure(
        team,
        social,
        file_of_social,
        pid,
        1,
        ProcedureCloseIn(outcome="plan_accepte", closed_on=date(2026, 4, 2)),
    )
    assert closed["outcome"] == "plan_accepte"
    with pytest.raises(ValidationFailed, match="close"):
        support.add_stage(
            team, social, file_of_social, pid, StageIn(stage="audience", stage_on=date(2026, 5, 1))
        )
    assert [r[0] for r in audit_rows(team, "eviction_stage")] == ["create", "create"]


def test_an_expulsion_closes_the_procedure(team, social, file_of_social):
    pid = support.open_procedure(
        team,
        social,
        file_of_social,
        ProcedureIn(stage="concours_accorde", stage_on=date(2026, 4, 2)),
    )["id"]
    support.add_stage(
        team, social, file_of_social, pid, StageIn(stage="expulsion", stage_on=date(2026, 5, 4))
    )
    row = (
        team.cursor()
        .execute("SELECT outcome, closed_on FROM eviction_procedure WHERE id = $id", {"id": pid})
        .fetchone()
    )
    assert row == ("expulsion", date(2026, 5, 4))


def test_fsl_rules_beside_their_fields():
    base = {"kind": "maintien", "form": "subvention", "amount_requested": "1 234,50"}
    with pytest.raises(ValidationError) as errors:
        FslIn(
            **base,
            status="accordee",
            submitted_on=date(2026, 5, 1),
            decided_on=date(2026, 4, 1),
            amount_granted="1 300",
        )
    fields = {e["loc"][0] for e in errors.value.errors()}
    assert fields == {"decided_on", "amount_granted"}
    granted = FslIn(
        **base,
        status="accordee",
        submitted_on=date(2026, 5, 1),
        decided_on=date(2026, 6, 15),
        amount_granted="1 234,50",
    )
    assert granted.amount_granted == Decimal("1234.50")
    with pytest.raises(ValidationError, match="refusée"):
        FslIn(**base, status="refusee", submitted_on=date(2026, 5, 1), decided_on=date(2026, 6, 1))
    with pytest.raises(ValidationError, match="futur"):
        FslIn(**base, status="deposee", submitted_on=TODAY + timedelta(days=1))


def test_a_debt_plan_that_does_not_cover_its_debt_says_by_how_much():
    with pytest.raises(ValidationError) as errors:
        DebtPlanIn(
            creditor="Bailleur", total_debt="1 000", instalment="85,50", months=11, start_on=TODAY
        )
    [error] = errors.value.errors()
    assert error["loc"] == ("months",) and "il manque 59,50" in error["msg"]


@pytest.mark.parametrize("username", ["accueil", "gestion", "analyste", "direction", "mlefevre"])
def test_only_the_referent_and_admin_write_support_records(team, file_of_social, username):
    """Direction reads, a colleague of the referent neither writes nor, alone, reads."""
    with pytest.raises(PermissionDeniedError):
        support.add_action(
            team, actor_of(team, username), file_of_social, ActionIn(kind="sante", action_on=TODAY)
        )
    assert audit_rows(team, "support_action") == []


def test_a_record_of_another_household_is_not_found(team, social, file_of_social):
    other = households.create_intake(
        team, social, IntakeIn.model_validate(intake_fields("Autre", "Foyer", referent="social"))
    )["id"]
    plan = support.add_debt_plan(
        team,
        social,
        other,
        DebtPlanIn(creditor="EDF", total_debt="300", instalment="100", months=3, start_on=TODAY),
    )
    changed = DebtPlanIn(
        creditor="EDF", total_debt="300", instalment="100", months=3, start_on=TODAY, status="solde"
    )
    with pytest.raises(ValidationFailed.__mro__[1]):  # NotFoundError, a HabiterError
        support.update_debt_plan(team, social, file_of_social, plan["id"], 1, changed)


def test_the_rows_writes_load_come_from_named_queries(team, social, file_of_social):
    """Each record's query gives what a stale-save refusal needs: version and the name of
    whoever saved last; none gives another household's record."""
    import queries

    made = {
        "support/measure": support.add_measure(team, social, file_of_social, asll()),
        "support/procedure": support.open_procedure(
            team, social, file_of_social, ProcedureIn(stage="assignation", stage_on=TODAY)
        ),
        "support/debt_plan": support.add_debt_plan(
            team,
            social,
            file_of_social,
            DebtPlanIn(
                creditor="EDF", total_debt="300", instalment="100", months=3, start_on=TODAY
            ),
        ),
        "support/mediation": support.add_mediation(
            team,
            social,
            file_of_social,
            MediationIn(
                counterpart="huissier", reason="impayes", mediation_on=TODAY, outcome="accord"
            ),
        ),
        "support/fsl_application": support.add_fsl(
            team,
            social,
            file_of_social,
            FslIn(kind="eau", form="pret", amount_requested="90", status="brouillon"),
        ),
        "support/action": support.add_action(
            team, social, file_of_social, ActionIn(kind="tribunal", action_on=TODAY)
        ),
    }
    cur = team.cursor()
    for name, record in made.items():
        row = queries.fetch_row(cur, name, household_id=file_of_social, record_id=record["id"])
        assert (row["id"], row["version"], row["updated_by_name"]) == (
            record["id"],
            1,
            "Samia Social",
        ), name
        assert queries.fetch_row(cur, name, household_id=-1, record_id=record["id"]) is None
    stages = queries.fetch_rows(
        cur, "support/procedure_stages", procedure_id=made["support/procedure"]["id"]
    )
    assert [(s["stage"], s["stage_on"]) for s in stages] == [("assignation", TODAY)]
