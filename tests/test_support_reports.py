"""« À traiter » and « Actions et solutions trouvées », each on a fixture built here whose
expected answer is written by hand (db/support/reports.py, queries/support/*.sql)."""

from __future__ import annotations

from datetime import date

import pytest

from db import catalog
from db.demo.generate import create_demo_accounts
from db.households import writes as households
from db.households.models import CloseIn, IntakeIn
from db.settings import set_setting
from db.support import lifecycle, reports
from db.support import writes as support
from db.support.models import (
    ActionIn,
    DebtPlanIn,
    FslIn,
    MeasureEndIn,
    MeasureIn,
    MediationIn,
    ProcedureIn,
    ReviewIn,
)
from tests.conftest import actor_of, intake_fields

TODAY = date(2026, 11, 30)  # the day the list is asked for; every record is before it


@pytest.fixture
def team(database):
    create_demo_accounts(database)
    return database


def new_file(database, referent: str, name: str) -> int:
    intake = IntakeIn.model_validate(intake_fields(name, "Test", referent=referent))
    return households.create_intake(database, actor_of(database, referent), intake)["id"]


def measure(db, who, hid, kind, start, end) -> int:
    return support.add_measure(
        db, who, hid, MeasureIn(kind=kind, start_on=start, planned_end_on=end)
    )["id"]


def fsl(status: str, submitted: date | None, **more) -> FslIn:
    return FslIn(
        kind=more.pop("kind", "maintien"),
        form="subvention",
        amount_requested="900",
        status=status,
        submitted_on=submitted,
        **more,
    )


def plan(start: date, months: int, status: str = "en_cours") -> DebtPlanIn:
    return DebtPlanIn(
        creditor="Domofrance",
        total_debt=str(100 * months),
        instalment="100",
        months=months,
        start_on=start,
        status=status,
    )


@pytest.fixture
def caseload(team):
    """Samia's files (social) with records due, not due, ended or closed; one of Marc's."""
    social, marc = actor_of(team, "social"), actor_of(team, "mlefevre")
    hid = new_file(team, "social", "Aubert")
    asll = measure(team, social, hid, "asll", date(2026, 6, 15), date(2027, 6, 15))
    support.add_review(team, social, hid, asll, ReviewIn(review_on=date(2026, 9, 20), outcome="ok"))
    measure(team, social, hid, "avdl", date(2026, 1, 10), date(2026, 12, 10))
    measure(team, social, hid, "equipe_mobile", date(2026, 9, 30), date(2026, 12, 30))
    ended = measure(team, social, hid, "asll", date(2025, 1, 1), date(2025, 12, 1))
    support.end_measure(
        team, social, hid, ended, 1, MeasureEndIn(end_on=date(2025, 11, 1), end_reason="reloge")
    )
    support.open_procedure(
        team, social, hid, ProcedureIn(stage="commandement_payer", stage_on=date(2026, 10, 15))
    )
    support.open_procedure(
        team, social, hid, ProcedureIn(stage="concours_accorde", stage_on=date(2026, 11, 20))
    )
    support.add_fsl(team, social, hid, fsl("deposee", date(2026, 9, 29)))
    support.add_fsl(team, social, hid, fsl("deposee", date(2026, 10, 31)))
    granted = {"decided_on": date(2026, 10, 1), "amount_granted": "900"}
    support.add_fsl(team, social, hid, fsl("accordee", date(2026, 8, 1), **granted))
    adjourned = {"decided_on": date(2026, 10, 20)}
    support.add_fsl(team, social, hid, fsl("ajournee", date(2026, 8, 1), **adjourned))
    support.add_debt_plan(team, social, hid, plan(date(2026, 3, 1), 10))
    support.add_debt_plan(team, social, hid, plan(date(2026, 1, 1), 3, "solde"))
    closed = new_file(team, "social", "Clos")
    measure(team, social, closed, "avdl", date(2026, 1, 10), date(2026, 12, 10))
    version = households.load_household(team.cursor(), closed)["version"]
    households.close_household(
        team, social, closed, version, CloseIn(reason="reloge", closed_on=date.today())
    )
    marcs = new_file(team, "mlefevre", "Bernard")
    support.add_fsl(team, marc, marcs, fsl("deposee", date(2026, 8, 1)))
    return {"samia": hid, "marc": marcs}


def test_to_do_of_a_worker_soonest_first_overdue_marked(team, caseload):
    rows = reports.to_do(team, "social", TODAY)
    seen = [(r["due_on"], r["item"], r["overdue"]) for r in rows.iter_rows(named=True)]
    assert seen == [
        (date(2026, 4, 10), "bilan", True),  # AVDL started 10/01, never reviewed
        (date(2026, 11, 29), "fsl", True),  # filed 29/09: two months on
        (date(2026, 12, 1), "plan", False),  # 10th instalment of a plan from 01/03
        (date(2026, 12, 10), "fin_prevue", False),  # AVDL's planned end
        (date(2026, 12, 15), "etape", False),  # two months after the commandement de payer
        (date(2026, 12, 20), "bilan", False),  # ASLL reviewed 20/09
        (date(2026, 12, 20), "fsl", False),  # adjourned 20/10: a new answer awaited
        (date(2026, 12, 30), "bilan", False),  # équipe mobile: 3 months after 30/09,
        (date(2026, 12, 30), "duree_max", False),  # its maximum, the horizon's last day
    ]
    assert set(rows["household_id"]) == {caseload["samia"]}
    step = rows.filter(rows["item"] == "etape")["what"][0]
    assert step == "Procédure d'expulsion : Signalement CCAPEX"


def test_to_do_for_everybody_adds_the_colleague_s_files(team, caseload):
    rows = reports.to_do(team, None, TODAY)
    marcs = rows.filter(rows["household_id"] == caseload["marc"])
    assert marcs["due_on"].to_list() == [date(2026, 10, 1)] and marcs["overdue"].to_list() == [True]
    assert rows.height == 10


def test_the_horizon_is_a_setting(team, caseload, admin):
    set_setting(team, admin, "to_do_horizon_days", 10)
    rows = reports.to_do(team, "social", TODAY)
    assert rows["due_on"].max() == date(2026, 12, 10)
    assert rows.height == 4


@pytest.mark.parametrize("stage", [s for s in catalog.EVICTION_STAGE if s != "expulsion"])
@pytest.mark.parametrize("day", [date(2026, 1, 31), date(2025, 10, 31), date(2025, 11, 20)])
def test_the_sql_next_step_is_the_python_one(team, admin, stage, day):
    """to_do.sql and lifecycle.next_step give each stage the same next step and date."""
    set_setting(team, admin, "to_do_horizon_days", 1000)
    social = actor_of(team, "social")
    hid = new_file(team, "social", "Etape")
    support.open_procedure(team, social, hid, ProcedureIn(stage=stage, stage_on=day))
    rows = reports.to_do(team, "social", TODAY)
    found = [(r["what"], r["due_on"]) for r in rows.iter_rows(named=True) if r["item"] == "etape"]
    following, due = lifecycle.next_step([(stage, day)])
    expected = (
        []
        if due is None
        else [(f"Procédure d'expulsion : {catalog.EVICTION_STAGE[following]}", due)]
    )
    assert found == expected


def period_fixture(team) -> None:
    social = actor_of(team, "social")
    hid = new_file(team, "social", "Compte")

    def mediation(counterpart: str, day: date) -> None:
        support.add_mediation(
            team,
            social,
            hid,
            MediationIn(
                counterpart=counterpart, reason="impayes", mediation_on=day, outcome="accord"
            ),
        )

    for day in (date(2025, 12, 31), date(2026, 1, 1), date(2026, 6, 30), date(2026, 7, 1)):
        mediation("proprietaire_prive", day)
    mediation("huissier", date(2026, 3, 3))
    support.add_debt_plan(team, social, hid, plan(date(2026, 3, 1), 3))
    support.add_debt_plan(team, social, hid, plan(date(2025, 11, 1), 12))  # runs, began before
    support.add_fsl(team, social, hid, fsl("deposee", date(2026, 2, 1)))
    granted = {"decided_on": date(2026, 6, 30), "amount_granted": "500", "kind": "energie"}
    support.add_fsl(team, social, hid, fsl("accordee", date(2026, 6, 30), **granted))
    support.add_fsl(team, social, hid, fsl("brouillon", None, kind="eau"))
    earlier = {"decided_on": date(2026, 1, 20), "amount_granted": "300", "kind": "acces"}
    support.add_fsl(team, social, hid, fsl("accordee", date(2025, 12, 15), **earlier))
    for kind, day in (
        ("surendettement", date(2026, 5, 5)),
        ("droits", date(2026, 7, 1)),
        ("sante", date(2026, 1, 1)),
    ):
        support.add_action(team, social, hid, ActionIn(kind=kind, action_on=day))


def test_actions_and_solutions_for_a_period_that_cuts_through_records(team):
    period_fixture(team)
    table = reports.actions_summary(team, date(2026, 1, 1), date(2026, 6, 30), amounts=True)
    counts = dict(zip(table["Action ou solution"], table["Nombre"], strict=True))
    assert counts == {
        "Propriétaire privé": 2,
        "Agence immobilière ou syndic": 0,
        "Bailleur social": 0,
        "Huissier": 1,
        "Fournisseur d'énergie": 0,
        "Plans d'apurement mis en place": 1,
        "Demandes FSL accès déposées": 0,
        "Demandes FSL maintien déposées": 1,
        "Demandes FSL énergie déposées": 1,
        "Demandes FSL eau déposées": 0,
        "Aides FSL accès accordées": 1,  # decided on 20/01, submitted in 2025
        "Aides FSL maintien accordées": 0,
        "Aides FSL énergie accordées": 1,
        "Aides FSL eau accordées": 0,
        "Négociation d'un plan d'apurement": 0,
        "Négociation avec un huissier": 0,
        "Dossier de surendettement déposé": 1,
        "Ouverture ou rétablissement de droits": 0,
        "Saisine d'un service de santé": 1,
        "Accompagnement physique au tribunal": 0,
    }
    assert table.columns == [
        "Rubrique",
        "Action ou solution",
        "Nombre",
        "Montant accordé",
        "Ce qui est compté",
    ]
    amounts = dict(zip(table["Action ou solution"], table["Montant accordé"], strict=True))
    assert [amounts[f"Aides FSL {kind} accordées"] for kind in ("accès", "énergie", "eau")] == [
        300.0,
        500.0,
        0.0,
    ]
    assert amounts["Demandes FSL énergie déposées"] is None


def test_fsl_applications_and_grants_each_say_what_they_count(team):
    """An application counts at its submission whatever the decision; a grant at its
    decision whatever the submission: a funder's « solutions trouvées » are the grants."""
    period_fixture(team)
    table = reports.actions_summary(team, date(2026, 1, 1), date(2026, 1, 31))
    counts = dict(zip(table["Action ou solution"], table["Nombre"], strict=True))
    assert counts["Aides FSL accès accordées"] == 1
    assert all(counts[f"Demandes FSL {k} déposées"] == 0 for k in ("accès", "maintien"))
    said = dict(zip(table["Rubrique"], table["Ce qui est compté"], strict=True))
    assert "quelle que soit la décision" in said["Demandes FSL déposées"]
    assert "date de la décision" not in said["Demandes FSL déposées"]
    assert "décision datée dans la période" in said["Aides FSL accordées"]


def test_a_whole_year_counts_what_the_half_year_left_out(team):
    period_fixture(team)
    table = reports.actions_summary(team, date(2026, 1, 1), date(2026, 12, 31))
    counts = dict(zip(table["Action ou solution"], table["Nombre"], strict=True))
    assert (
        counts["Propriétaire privé"] == 3 and counts["Ouverture ou rétablissement de droits"] == 1
    )
    assert counts["Demandes FSL eau déposées"] == 0  # a draft is not an application yet


def test_a_measure_ended_reloge_counts_the_household_rehoused_that_day(team):
    import queries

    social = actor_of(team, "social")
    hid, other = new_file(team, "social", "Relogé"), new_file(team, "social", "Parti")
    for household, reason in ((hid, "reloge"), (other, "demenagement")):
        mid = measure(team, social, household, "avdl", date(2026, 1, 5), date(2026, 7, 5))
        end = MeasureEndIn(end_on=date(2026, 6, 30), end_reason=reason)
        support.end_measure(team, social, household, mid, 1, end)
    found = queries.run(team, "support/rehoused", start=date(2026, 6, 30), end=date(2026, 12, 31))
    assert found.rows() == [(hid, date(2026, 6, 30))]
    assert queries.run(
        team, "support/rehoused", start=date(2026, 7, 1), end=date(2026, 12, 31)
    ).is_empty()


def test_a_kind_added_by_the_admin_shows_in_the_table_at_once(team, admin):
    from db.support.models import CatalogEntryIn

    before = reports.actions_summary(team, date(2026, 1, 1), date(2026, 12, 31))
    support.add_catalog_entry(
        team, admin, "action_kind", CatalogEntryIn(label="Aide au déménagement")
    )
    hid = new_file(team, "social", "Nouveau")
    action = ActionIn(kind="aide_au_demenagement", action_on=date(2026, 3, 1))
    support.add_action(team, actor_of(team, "social"), hid, action)
    after = reports.actions_summary(team, date(2026, 1, 1), date(2026, 12, 31))
    assert after.height == before.height + 1
    assert after.row(-1)[1:3] == ("Aide au déménagement", 1)


def test_the_screens_read_the_named_queries_as_they_are(team, caseload):
    """support/to_do and support/actions_summary, run by name, give what the screens show."""
    import queries

    raw = queries.run(
        team,
        "support/to_do",
        referent="social",
        today=TODAY,
        horizon_days=30,
        review_months=3,
        fsl_wait_months=2,
        stages=list(catalog.EVICTION_STAGE),
        stage_labels=list(catalog.EVICTION_STAGE.values()),
        limit=None,
        offset=0,
    )
    assert raw.equals(reports.to_do(team, "social", TODAY))
    counted = queries.run(
        team, "support/actions_summary", start=date(2026, 1, 1), end=date(2026, 12, 31)
    )
    # Plans from 01/01 and 01/03; applications of 29/09, 31/10, and three of 01/08; one
    # of them granted in the year.
    assert sorted(counted.rows(), key=str) == [
        ("debt_plan", "plan", 2, None),
        ("fsl", "maintien", 5, None),
        ("fsl_grant", "maintien", 1, 900.0),
    ]
