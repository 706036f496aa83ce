"""AppTest of the support tabs of pages/household_file.py: what is due (reviews, the next
stage of a procedure, the winter truce), closing a procedure, and the file's history of
support records in French."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import queries
from db.french import fr_amount, fr_date
from db.support import lifecycle
from db.support import writes as support
from db.support.models import DebtPlanIn, FslIn, MeasureIn, MediationIn, ProcedureIn
from tests.conftest import actor_of
from tests.support_tab_builders import (
    LAST_YEAR,
    TODAY,
    a_mediation,
    by_key,
    click,
    field_messages,
    in_form,
    new_file_of_social,
    open_file,
    table_with,
)


@pytest.fixture
def hid(demo_database) -> int:
    return new_file_of_social(demo_database)


# Measures and procedures: what is due ---------------------------------------------------


def test_a_measure_shows_its_review_due_in_red_when_late_and_its_latest_end(demo_database, hid):
    social = actor_of(demo_database, "social")
    start = lifecycle.add_months(TODAY, -5)
    measure = MeasureIn(kind="asll", start_on=start, planned_end_on=lifecycle.add_months(start, 6))
    support.add_measure(demo_database, social, hid, measure)
    at = open_file(demo_database, "social", hid, "Mesures")
    table = table_with(at, "Prochain bilan")
    due = lifecycle.add_months(start, 3)
    assert table.iloc[0]["Prochain bilan"] == f"{fr_date(due)} (en retard)"
    assert table.iloc[0]["Fin au plus tard"] == fr_date(lifecycle.add_months(start, 18))
    assert table.iloc[0]["Terminée le"] == "—"
    late = f"Bilan en retard : mesure ASLL commencée le {fr_date(start)}"
    assert any(e.value.startswith(late) for e in at.error)
    read = queries.run(
        demo_database, "support/household_measures", household_id=hid, review_months=3
    )  # the SQL and lifecycle.py agree
    assert read.select("review_due_on", "latest_end_on").rows() == [
        (lifecycle.review_due_on(start, None, 3), lifecycle.latest_end_on(start, 18))
    ]
    reviews = queries.run(
        demo_database, "support/household_reviews", household_id=hid, limit=None, offset=0
    )
    assert reviews.height == 0


def test_a_review_recorded_in_the_form_moves_the_next_one(demo_database, hid):
    social = actor_of(demo_database, "social")
    start = lifecycle.add_months(TODAY, -5)
    measure = support.add_measure(
        demo_database,
        social,
        hid,
        MeasureIn(kind="avdl", start_on=start, planned_end_on=lifecycle.add_months(start, 6)),
    )
    at = open_file(demo_database, "social", hid, "Mesures")
    at.selectbox(key=f"follow_measure_{hid}").set_value(measure["id"]).run()
    form = f"review_{hid}_{measure['id']}"
    in_form(at, form, "outcome").input("Dossier *DALO* déposé")
    click(at, "Enregistrer le bilan")
    assert not at.exception and field_messages(at) == []
    next_review = lifecycle.add_months(TODAY, 3)
    assert table_with(at, "Prochain bilan").iloc[0]["Prochain bilan"] == fr_date(next_review)
    assert not any(e.value.startswith("Bilan en retard") for e in at.error)
    reviews = table_with(at, "Conclusion ou nouvelle fin prévue")
    assert reviews.iloc[0]["Conclusion ou nouvelle fin prévue"] == "Dossier *DALO* déposé"


def test_a_measure_added_in_the_form_past_its_kind_maximum_is_refused_then_saved(
    demo_database, hid
):
    at = open_file(demo_database, "social", hid, "Mesures")
    form = f"add_measure_{hid}"
    start = lifecycle.add_months(TODAY, -1)
    in_form(at, form, "kind").set_value("avdl")
    in_form(at, form, "prescriber").input("CCAPEX")
    in_form(at, form, "start").set_value(start)
    in_form(at, form, "end").set_value(lifecycle.add_months(start, 13))
    click(at, "Ajouter la mesure")
    assert any("dure 12 mois au plus" in m for m in field_messages(at))
    assert in_form(at, form, "prescriber").value == "CCAPEX"  # kept
    in_form(at, form, "end").set_value(lifecycle.add_months(start, 6))
    click(at, "Ajouter la mesure")
    assert not at.exception and field_messages(at) == []
    saved = queries.run(
        demo_database, "support/household_measures", household_id=hid, review_months=3
    )
    assert saved.select("kind", "prescriber", "start_on").rows() == [("avdl", "CCAPEX", start)]


def test_a_measure_renewed_past_its_maximum_is_refused_then_ended_from_the_forms(
    demo_database, hid
):
    social = actor_of(demo_database, "social")
    start = lifecycle.add_months(TODAY, -2)
    terms = MeasureIn(kind="equipe_mobile", start_on=start, planned_end_on=TODAY)
    measure = support.add_measure(demo_database, social, hid, terms)
    at = open_file(demo_database, "social", hid, "Mesures")
    at.selectbox(key=f"follow_measure_{hid}").set_value(measure["id"]).run()
    renewal = f"renew_{hid}_{measure['id']}_0_1"
    too_late = lifecycle.add_months(start, 4)
    by_key(at, f"{renewal}_end").set_value(too_late)
    click(at, "Renouveler la mesure")
    assert any("dure 3 mois au plus" in m for m in field_messages(at))
    assert by_key(at, f"{renewal}_end").value == too_late
    ending = f"end_measure_{hid}_{measure['id']}_0_1"
    by_key(at, f"{ending}_reason").set_value("reloge")
    click(at, "Mettre fin à la mesure")
    assert not at.exception
    assert table_with(at, "Terminée le").iloc[0]["Terminée le"] == f"{fr_date(TODAY)} : Relogé"
    saved = queries.run(
        demo_database, "support/household_measures", household_id=hid, review_months=3
    )
    assert saved.select("planned_end_on", "end_reason", "review_due_on").rows() == [
        (TODAY, "reloge", None)
    ]


def test_the_plan_signed_after_the_start_is_recorded_from_the_measure_s_form(demo_database, hid):
    """The three-party plan comes in the first month: its date is added to the measure;
    a colleague's review meanwhile does not make the form stale."""
    social = actor_of(demo_database, "social")
    start = lifecycle.add_months(TODAY, -1)
    terms = MeasureIn(kind="avdl", start_on=start, planned_end_on=lifecycle.add_months(start, 6))
    measure = support.add_measure(demo_database, social, hid, terms)
    at = open_file(demo_database, "social", hid, "Mesures")
    at.selectbox(key=f"follow_measure_{hid}").set_value(measure["id"]).run()
    form = f"terms_{hid}_{measure['id']}_0_1"
    by_key(at, f"{form}_signed").set_value(TODAY)
    by_key(at, f"{form}_pres").set_value("CCAPEX")
    click(at, "Enregistrer la mesure")
    assert not at.exception and not field_messages(at)
    saved = queries.run(
        demo_database, "support/household_measures", household_id=hid, review_months=3
    ).row(0, named=True)
    assert (saved["plan_signed_on"], saved["prescriber"], saved["version"]) == (
        TODAY,
        "CCAPEX",
        2,
    )


def test_a_procedure_shows_its_stages_the_next_step_and_the_truce(demo_database, hid):
    social = actor_of(demo_database, "social")
    served = date(LAST_YEAR, 10, 15)
    opening = ProcedureIn(
        stage="commandement_payer", stage_on=served, arrears="2 400,00", landlord="SCI **Les Pins**"
    )
    support.open_procedure(demo_database, social, hid, opening)
    at = open_file(demo_database, "social", hid, "Procédure d'expulsion")
    stages = queries.run(demo_database, "support/household_stages", household_id=hid)
    assert stages.select("stage", "arrears").rows() == [("commandement_payer", Decimal("2400.00"))]
    shown = table_with(at, "Étape")
    assert list(shown.iloc[0]) == ["Commandement de payer", fr_date(served), fr_amount(2400)]
    assert "Bailleur : SCI **Les Pins**" in [t.value for t in at.text]  # as typed
    due = lifecycle.add_months(served, 2)
    assert f"Prochaine étape attendue : **Signalement CCAPEX**, échéance le {fr_date(due)}" in [
        m.value for m in at.markdown
    ]
    truce_day = TODAY if lifecycle.in_winter_truce(TODAY) else due
    notice = (
        f"aucune expulsion ne peut avoir lieu avant le {fr_date(lifecycle.truce_end(truce_day))}"
    )
    assert any(notice in i.value for i in at.info)
    procedures = queries.run(demo_database, "support/household_procedures", household_id=hid)
    assert procedures["last_stage"].to_list() == ["commandement_payer"]


def test_a_procedure_closed_without_eviction_from_the_form(demo_database, hid):
    social = actor_of(demo_database, "social")
    opening = ProcedureIn(stage="assignation", stage_on=date(LAST_YEAR, 6, 1))
    procedure = support.open_procedure(demo_database, social, hid, opening)
    at = open_file(demo_database, "social", hid, "Procédure d'expulsion")
    form = f"close_procedure_{hid}_{procedure['id']}"
    by_key(at, f"{form}_0_1_outcome").set_value("plan_accepte")
    click(at, "Clore sans expulsion")
    assert not at.exception and field_messages(at) == []
    closed = queries.run(demo_database, "support/household_procedures", household_id=hid)
    assert closed.select("outcome", "closed_on").rows() == [("plan_accepte", TODAY)]
    assert any("Plan d'apurement accepté (sans expulsion)" in m.value for m in at.markdown)


# History --------------------------------------------------------------------------------


def test_history_shows_support_records_in_french(demo_database, hid):
    social = actor_of(demo_database, "social")
    mediation = a_mediation(demo_database, hid)
    changed = MediationIn(**{**mediation, "outcome": "accord"})
    support.update_mediation(demo_database, social, hid, mediation["id"], 1, changed)
    application = FslIn(
        kind="maintien", form="subvention", amount_requested="850,50", status="brouillon"
    )
    support.add_fsl(demo_database, social, hid, application)
    at = open_file(demo_database, "social", hid, "Historique")
    history = at.dataframe[-1].value
    rows = [tuple(r) for r in history[["Action", "Objet", "Détail"]].itertuples(index=False)]
    assert rows[:3] == [
        ("Création", "Demande FSL", f"Maintien, Subvention, {fr_amount(Decimal('850.50'))}"),
        ("Modification", "Médiation", "Issue : En cours → Accord"),
        ("Création", "Médiation", f"Propriétaire privé, Impayés de loyer, 12/11/{LAST_YEAR}"),
    ]


def test_history_of_households_keeps_its_labels(demo_database, hid):
    """A resource's "kind" still reads as a resource type beside an FSL "kind"."""
    application = FslIn(kind="eau", form="pret", amount_requested="90", status="brouillon")
    support.add_fsl(demo_database, actor_of(demo_database, "social"), hid, application)
    at = open_file(demo_database, "social", hid, "Historique")
    history = at.dataframe[-1].value
    details = dict(zip(history["Objet"], history["Détail"], strict=True))
    assert details["Ressource"] == f"RSA {fr_amount(Decimal('607.75'))}"
    assert details["Demande FSL"] == f"Eau, Prêt, {fr_amount(90)}"


def test_a_debt_plan_shows_its_last_instalment_and_changes_status(demo_database, hid):
    social = actor_of(demo_database, "social")
    terms = DebtPlanIn(
        creditor="Gironde Habitat",
        total_debt="1 200",
        instalment="100",
        months=12,
        start_on=date(LAST_YEAR, 3, 5),
    )
    plan = support.add_debt_plan(demo_database, social, hid, terms)
    at = open_file(demo_database, "social", hid, "Plans d'apurement")
    shown = table_with(at, "Créancier").iloc[0]
    assert shown["Dernière mensualité"] == f"05/02/{LAST_YEAR + 1}"
    assert (shown["Dette totale"], shown["Statut"]) == (fr_amount(1200), "En cours")
    at.selectbox(key=f"fix_plan_{hid}").set_value(plan["id"]).run()
    by_key(at, f"fix_plan_{hid}_{plan['id']}_0_1_status").set_value("rompu")
    click(at, "Enregistrer le statut")
    saved = queries.run(demo_database, "support/household_debt_plans", household_id=hid)
    assert saved.select("status", "total_debt", "months").rows() == [
        ("rompu", Decimal("1200.00"), 12)
    ]
    assert table_with(at, "Créancier").iloc[0]["Statut"] == "Rompu"
