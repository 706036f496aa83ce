"""AppTest of the support tabs of pages/household_file.py: who sees them, what the forms
save, what they refuse (in French, beside the field, nothing saved), stale saves, history."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from pydantic import ValidationError

import queries
from db.errors import ValidationFailed
from db.french import fr_amount, fr_date
from db.support import lifecycle
from db.support import writes as support
from db.support.models import FslIn, MediationIn, ProcedureIn, StageIn
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

SUPPORT_TABS = [
    "Mesures",
    "Procédure d'expulsion",
    "Plans d'apurement",
    "Médiations",
    "FSL",
    "Autres actions",
]


@pytest.fixture
def hid(demo_database) -> int:
    return new_file_of_social(demo_database)


def a_tenant_file(database) -> int:
    """A file rental management may open: a tenant of the association."""
    return (
        database.cursor()
        .execute(
            "SELECT h.id FROM household h WHERE association_tenant(h.id, current_date)"
            " ORDER BY id LIMIT 1"
        )
        .fetchone()[0]
    )


# What each table holds for one household, read by the tabs' own queries.
SAVED = {
    "mediation": "support/household_mediations",
    "fsl_application": "support/household_fsl",
    "debt_plan": "support/household_debt_plans",
    "eviction_stage": "support/household_stages",
}


WHOLE = {"limit": None, "offset": 0}  # the whole list, not one page


def rows_of(database, table: str, household_id: int) -> list[tuple]:
    return queries.run(database, SAVED[table], household_id=household_id, **WHOLE).rows()


def summary(at) -> str:
    return next(e.value for e in at.error if e.value.startswith("Rien n'a été enregistré"))


# Who sees the tabs ----------------------------------------------------------------------


@pytest.mark.parametrize("username", ["social", "direction", "admin"])
def test_support_tabs_come_after_contacts_for_their_readers(demo_database, hid, username):
    at = open_file(demo_database, username, hid, "Médiations")
    labels = [tab.label for tab in at.tabs]
    assert labels == ["Informations", "Membres", "Ressources", "Contacts"] + SUPPORT_TABS + [
        "Historique"
    ]
    assert "Aucune médiation enregistrée." in [i.value for i in at.info]
    at = open_file(demo_database, username, hid, "FSL")
    assert "Aucune demande FSL enregistrée." in [i.value for i in at.info]


@pytest.mark.parametrize("username", ["accueil", "gestion"])
def test_reception_and_rental_management_see_no_support_tab(demo_database, username):
    at = open_file(demo_database, username, a_tenant_file(demo_database))
    assert [tab.label for tab in at.tabs] == ["Informations", "Membres"]
    assert "Nouvelle médiation" not in [e.label for e in at.expander]


def test_a_reader_who_does_not_edit_gets_no_form(demo_database, hid):
    director = open_file(demo_database, "direction", hid, "Médiations")
    assert "Nouvelle médiation" not in [e.label for e in director.expander]
    expanders = [  # each tab's own forms: only the open tab is drawn
        e.label
        for tab in SUPPORT_TABS
        for e in open_file(demo_database, "social", hid, tab).expander
    ]
    for title in ("Nouvelle mesure", "Ouvrir une procédure", "Nouveau plan d'apurement"):
        assert title in expanders
    assert {"Nouvelle médiation", "Nouvelle demande FSL", "Nouvelle action"} <= set(expanders)


# What the forms save --------------------------------------------------------------------


def test_a_mediation_typed_in_the_form_is_saved_as_typed(demo_database, hid):
    at = open_file(demo_database, "social", hid, "Médiations")
    form = f"add_mediation_{hid}"
    day = TODAY - timedelta(days=3)
    in_form(at, form, "counterpart").set_value("bailleur_social")
    in_form(at, form, "reason").set_value("etat_logement")
    in_form(at, form, "on").set_value(day)
    in_form(at, form, "outcome").set_value("accord")
    click(at, "Ajouter la médiation")
    assert not at.exception and field_messages(at) == []
    saved = queries.run(demo_database, "support/household_mediations", household_id=hid, **WHOLE)
    assert saved.select("counterpart", "reason", "mediation_on", "outcome").rows() == [
        ("bailleur_social", "etat_logement", day, "accord")
    ]
    table = table_with(at, "Interlocuteur")  # the tab's table, in French
    assert list(table.iloc[0]) == [
        fr_date(day),
        "Bailleur social",
        "État du logement / travaux",
        "Accord",
    ]


def test_an_fsl_application_typed_in_the_form_is_saved_as_typed(demo_database, hid):
    at = open_file(demo_database, "social", hid, "FSL")
    form = f"add_fsl_{hid}"
    submitted, decided = TODAY - timedelta(days=40), TODAY - timedelta(days=5)
    in_form(at, form, "kind").set_value("maintien")
    in_form(at, form, "form").set_value("pret")
    in_form(at, form, "req").input("850,50")
    in_form(at, form, "status").set_value("accordee")
    in_form(at, form, "sub").set_value(submitted)
    in_form(at, form, "dec").set_value(decided)
    in_form(at, form, "granted").input("800,50")
    click(at, "Ajouter la demande")
    assert not at.exception and field_messages(at) == []
    saved = queries.run(demo_database, "support/household_fsl", household_id=hid, **WHOLE).row(
        0, named=True
    )
    assert saved["amount_requested"] == Decimal("850.50")
    assert saved["amount_granted"] == Decimal("800.50")
    assert (saved["kind"], saved["form"], saved["status"]) == ("maintien", "pret", "accordee")
    assert (saved["submitted_on"], saved["decided_on"]) == (submitted, decided)
    shown = table_with(at, "Montant demandé")
    assert shown.iloc[0]["Montant demandé"] == fr_amount(Decimal("850.50"))
    assert (shown.iloc[0]["Type d'aide"], shown.iloc[0]["Forme"]) == ("Maintien", "Prêt")
    assert shown.iloc[0]["Motif du refus"] == "—"


def test_an_action_offers_the_active_kinds_only(demo_database, hid, admin):
    support.set_catalog_entry(demo_database, admin, "action_kind", "sante", None, False)
    at = open_file(demo_database, "social", hid, "Autres actions")
    kinds = in_form(at, f"add_action_{hid}", "kind")
    kinds.set_value("tribunal")
    assert "Saisine d'un service de santé" not in kinds.options
    click(at, "Ajouter l'action")
    saved = queries.run(demo_database, "support/household_actions", household_id=hid, **WHOLE)
    assert saved.select("kind", "kind_label").rows() == [
        ("tribunal", "Accompagnement physique au tribunal")
    ]
    active = queries.run(demo_database, "support/catalog", list="action_kind")
    assert "sante" in active.filter(~active["active"])["code"].to_list()


def test_an_fsl_decision_recorded_in_the_form_at_the_version_shown(demo_database, hid):
    social = actor_of(demo_database, "social")
    applied = FslIn(
        kind="acces",
        form="mixte",
        amount_requested="1 500",
        status="deposee",
        submitted_on=TODAY - timedelta(days=20),
    )
    application = support.add_fsl(demo_database, social, hid, applied)
    at = open_file(demo_database, "social", hid, "FSL")
    at.selectbox(key=f"fix_fsl_{hid}").set_value(application["id"]).run()
    form = f"fix_fsl_{hid}_{application['id']}_0_1"
    by_key(at, f"{form}_status").set_value("accordee")
    by_key(at, f"{form}_dec").set_value(TODAY)
    by_key(at, f"{form}_granted").input("1 200,00")
    click(at, "Enregistrer la demande")
    assert not at.exception and field_messages(at) == []
    saved = queries.run(demo_database, "support/household_fsl", household_id=hid, **WHOLE)
    assert saved.select("status", "decided_on", "amount_granted", "version").rows() == [
        ("accordee", TODAY, Decimal("1200.00"), 2)
    ]


# What they refuse -----------------------------------------------------------------------


def test_a_future_mediation_is_refused_beside_its_date_and_kept(demo_database, hid):
    at = open_file(demo_database, "social", hid, "Médiations")
    form = f"add_mediation_{hid}"
    tomorrow = TODAY + timedelta(days=1)
    in_form(at, form, "counterpart").set_value("huissier")
    in_form(at, form, "reason").set_value("impayes")
    in_form(at, form, "on").set_value(tomorrow)
    in_form(at, form, "outcome").set_value("echec")
    click(at, "Ajouter la médiation")
    assert field_messages(at) == ["une médiation ne peut pas être dans le futur"]
    assert "Date de la médiation : une médiation ne peut pas être dans le futur" in summary(at)
    assert in_form(at, form, "on").value == tomorrow  # what was typed stays
    assert in_form(at, form, "outcome").value == "echec"
    assert rows_of(demo_database, "mediation", hid) == []


def test_an_fsl_grant_above_the_request_is_refused_beside_it(demo_database, hid):
    at = open_file(demo_database, "social", hid, "FSL")
    form = f"add_fsl_{hid}"
    in_form(at, form, "kind").set_value("energie")
    in_form(at, form, "req").input("500")
    in_form(at, form, "status").set_value("accordee")
    in_form(at, form, "dec").set_value(TODAY)
    in_form(at, form, "granted").input("600,00")
    click(at, "Ajouter la demande")
    expected = f"ne peut pas dépasser le montant demandé ({fr_amount(Decimal('500'))})"
    assert field_messages(at) == [expected]
    assert in_form(at, form, "granted").value == "600,00"
    assert rows_of(demo_database, "fsl_application", hid) == []


def test_a_debt_plan_that_does_not_cover_its_debt_is_refused_beside_its_months(demo_database, hid):
    at = open_file(demo_database, "social", hid, "Plans d'apurement")
    form = f"add_debt_plan_{hid}"
    in_form(at, form, "creditor").input("Domofrance")
    in_form(at, form, "debt").input("1 000")
    in_form(at, form, "inst").input("50")
    in_form(at, form, "months").input("10")
    click(at, "Ajouter le plan")
    with pytest.raises(ValidationFailed) as refusal:
        lifecycle.check_debt_plan(Decimal(1000), Decimal(50), 10)
    assert field_messages(at) == [str(refusal.value)]
    assert "Nombre de mensualités : " in summary(at)
    assert in_form(at, form, "months").value == "10"
    assert rows_of(demo_database, "debt_plan", hid) == []


def test_an_expulsion_in_the_winter_truce_is_refused_beside_its_date(demo_database, hid):
    social = actor_of(demo_database, "social")
    opening = ProcedureIn(stage="concours_accorde", stage_on=date(LAST_YEAR, 1, 2))
    procedure = support.open_procedure(demo_database, social, hid, opening)
    at = open_file(demo_database, "social", hid, "Procédure d'expulsion")
    form = f"stage_{hid}_{procedure['id']}"
    assert in_form(at, form, "stage").value == "expulsion"  # the next expected stage
    in_form(at, form, "on").set_value(date(LAST_YEAR, 1, 15))
    click(at, "Ajouter l'étape")
    assert field_messages(at) == [
        "Aucune expulsion pendant la trêve hivernale (du 1er novembre au 31 mars) : "
        f"le 15/01/{LAST_YEAR} en fait partie."
    ]
    assert "Date de l'étape : Aucune expulsion" in summary(at)
    assert len(rows_of(demo_database, "eviction_stage", hid)) == 1


def test_the_truce_is_refused_by_the_model_on_the_date():
    with pytest.raises(ValidationError) as refused:
        StageIn(stage="expulsion", stage_on=date(LAST_YEAR, 12, 1))
    assert [e["loc"] for e in refused.value.errors()] == [("stage_on",)]
    assert StageIn(stage="audience", stage_on=date(LAST_YEAR, 12, 1)).stage == "audience"


# Stale saves ----------------------------------------------------------------------------


def test_a_stale_mediation_is_refused_naming_who_saved_it(demo_database, hid):
    mediation = a_mediation(demo_database, hid)
    at = open_file(demo_database, "social", hid, "Médiations")
    at.selectbox(key=f"fix_mediation_{hid}").set_value(mediation["id"]).run()
    admin = actor_of(demo_database, "admin")
    newer = MediationIn(**{**mediation, "outcome": "plan_apurement"})
    support.update_mediation(demo_database, admin, hid, mediation["id"], 1, newer)
    form = f"fix_mediation_{hid}_{mediation['id']}_0_1"
    by_key(at, f"{form}_outcome").set_value("accord")
    click(at, "Enregistrer la médiation")
    assert any(admin.display_name in e.value and "consultiez" in e.value for e in at.error)
    assert "Résultat : Accord" in [t.value for t in at.text]  # what was typed, in words
    saved = queries.run(demo_database, "support/household_mediations", household_id=hid, **WHOLE)
    assert saved["outcome"].to_list() == ["plan_apurement"]
    newest = at.selectbox(key=f"fix_mediation_{hid}_{mediation['id']}_0_2_outcome")
    assert newest.value == "plan_apurement"  # the form now shows the newer data


def test_a_mediation_corrected_at_the_version_shown_is_saved(demo_database, hid):
    mediation = a_mediation(demo_database, hid)
    at = open_file(demo_database, "social", hid, "Médiations")
    at.selectbox(key=f"fix_mediation_{hid}").set_value(mediation["id"]).run()
    by_key(at, f"fix_mediation_{hid}_{mediation['id']}_0_1_outcome").set_value("accord")
    click(at, "Enregistrer la médiation")
    saved = queries.run(demo_database, "support/household_mediations", household_id=hid, **WHOLE)
    assert saved.select("outcome", "version").rows() == [("accord", 2)]
