"""AppTest of pages/housing.py (« Logements »): who sees what, the stock's filters and
counts, leases signed through the forms (refusals beside their field, French amounts),
the current occupant linked to the household's file, the export logged."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

import queries
from db import clock
from db.housing import writes as housing
from db.housing.models import LeaseIn
from tests.conftest import open_page
from tests.housing_builders import PAGE, build_stock, by_label, open_dwelling, sign, table


@pytest.fixture
def stock(database):
    return build_stock(database)


@pytest.mark.parametrize("username", ["gestion", "direction", "admin", "social"])
def test_the_stock_opens_for_its_readers(demo_database, username):
    at = open_page(demo_database, username, PAGE)
    assert not at.exception and at.title[0].value == "Logements"


@pytest.mark.parametrize("username", ["accueil", "analyste"])
def test_the_stock_is_refused_to_others_in_french(demo_database, username):
    at = open_page(demo_database, username, PAGE)
    assert "Cette page n'est pas accessible avec vos rôles." in [e.value for e in at.error]
    assert not at.tabs


def test_social_reads_the_stock_without_any_form(stock):
    at = open_dwelling(stock["db"], "social", stock["lilas"]["id"])
    assert [t.label for t in at.tabs] == ["Parc", "Logement", "Propriétaires"]
    assert "3 rue des Lilas, Bordeaux" in [s.value for s in at.subheader]
    assert [e.label for e in at.expander] == []
    assert not [b for b in at.button if b.label in ("Signer le bail", "Ajouter le logement")]


def test_gestion_gets_the_forms(stock):
    at = open_dwelling(stock["db"], "gestion", stock["lilas"]["id"])
    assert [t.label for t in at.tabs] == ["Parc", "Logement", "Propriétaires", "Nouveau logement"]
    labels = [e.label for e in at.expander]
    assert "Signer un bail" in labels and "Modifier le logement" in labels


def test_the_filters_narrow_the_list_and_the_counts(stock):
    housing.sign_lease(
        stock["db"],
        stock["gestion"],
        stock["parc"]["id"],
        LeaseIn(
            kind="sous_location", household_id=stock["homes"][0]["id"], start_on=date(2025, 1, 1)
        ),
    )
    at = open_page(stock["db"], "gestion", PAGE)
    assert "Logements : 3" in [s.value for s in at.subheader]
    counts = table(at, "Dispositif")
    sub = counts[counts["Dispositif"] == "Sous-location / intermédiation locative"].iloc[0]
    assert (sub["Vacant"], sub["Occupé"], sub["Total"]) == (1, 1, 2)
    at.selectbox(key="parc_commune").set_value("Bordeaux").run()
    at.selectbox(key="parc_programme").set_value("sous_location").run()
    assert "Logements : 1" in [s.value for s in at.subheader]
    listed = table(at, "Adresse")
    assert listed["Adresse"].tolist() == ["3 rue des Lilas"]
    counts = table(at, "Dispositif")
    assert counts.to_dict("records") == [
        {
            "Dispositif": "Sous-location / intermédiation locative",
            "Vacant": 1,
            "Occupé": 0,
            "En travaux": 0,
            "Restitué": 0,
            "Entrée prévue": 0,
            "Total": 1,
        }
    ]


def leases_of(database, dwelling_id: int):
    return queries.run(database, "housing/dwelling_leases", dwelling_id=dwelling_id)


def test_a_french_amount_is_saved_to_the_cent(stock):
    home = stock["homes"][0]
    at = open_dwelling(stock["db"], "gestion", stock["lilas"]["id"])
    at = sign(at, home["id"], date(2025, 3, 1), None, "650,50")
    assert not at.exception and not at.error
    lease = leases_of(stock["db"], stock["lilas"]["id"]).row(0, named=True)
    assert (lease["rent"], lease["household_id"], lease["kind"]) == (
        Decimal("650.50"),
        home["id"],
        "sous_location",
    )


def test_an_overlapping_lease_is_refused_beside_its_date_and_nothing_is_saved(stock):
    first, second = stock["homes"]
    housing.sign_lease(
        stock["db"],
        stock["gestion"],
        stock["lilas"]["id"],
        LeaseIn(
            kind="sous_location",
            household_id=first["id"],
            start_on=date(2025, 2, 1),
            end_on=date(2025, 6, 30),
        ),
    )
    at = open_dwelling(stock["db"], "gestion", stock["lilas"]["id"])
    at = sign(at, second["id"], date(2025, 6, 30), None, "500")
    message = (
        f"Ce logement est déjà loué au ménage {first['file_number']} du 01/02/2025 au "
        "30/06/2025 (bail n° 1) : les deux baux se chevauchent. Un bail peut commencer le "
        "lendemain du dernier jour du précédent."
    )
    errors = [e.value for e in at.error]
    assert message in errors  # under « Premier jour », as it stands alone
    assert any(e.startswith("Rien n'a été enregistré : 1 point(s)") for e in errors)
    assert by_label(at.text_input, "Loyer mensuel hors charges").value == "500"
    assert leases_of(stock["db"], stock["lilas"]["id"]).height == 1


def test_the_current_occupant_links_to_the_household_file(stock):
    home = stock["homes"][1]
    housing.sign_lease(
        stock["db"],
        stock["gestion"],
        stock["parc"]["id"],
        LeaseIn(
            kind="sous_location",
            household_id=home["id"],
            start_on=clock.today() - timedelta(days=10),
        ),
    )
    at = open_dwelling(stock["db"], "gestion", stock["parc"]["id"])
    links = [e for e in at.get("page_link")]
    assert len(links) == 1
    link = links[0].proto
    assert link.label == f"Dossier {home['file_number']} — BRISSON Éloïse"
    assert link.page == "dossier"  # the url of pages/household_file.py
    assert link.query_string == f"id={home['id']}"


def test_the_export_of_the_stock_is_logged(stock):
    at = open_page(stock["db"], "gestion", PAGE)
    by_label(at.button, "Préparer l'export").click().run()
    assert not at.exception
    rows = (
        stock["db"]
        .cursor()
        .execute(
            "SELECT username, action, entity, detail FROM access_log WHERE entity = 'housing_stock'"
        )
        .fetchall()
    )
    assert rows == [("gestion", "export", "housing_stock", "csv, 3 lignes, aucun filtre")]


def test_a_bail_glissant_due_within_three_months_is_listed(stock):
    home = stock["homes"][0]
    today = clock.today()
    housing.sign_lease(
        stock["db"],
        stock["gestion"],
        stock["roses"]["id"],
        LeaseIn(
            kind="bail_glissant",
            household_id=home["id"],
            start_on=date(2025, 1, 1),
            planned_slide_on=today + timedelta(days=40),
        ),
    )
    at = open_page(stock["db"], "gestion", PAGE)
    slides = table(at, "Glissement prévu")
    assert slides["Logement"].tolist() == ["8 rue des Roses (Bordeaux)"]
    assert slides["Glissement prévu"].tolist() == [
        (today + timedelta(days=40)).strftime("%d/%m/%Y")
    ]


def test_a_new_dwelling_is_added_for_its_owner(stock):
    at = open_page(stock["db"], "gestion", PAGE, {"onglet": "Nouveau logement"})
    owner = stock["owners"][1]
    by_label(at.selectbox, "Propriétaire", last=True).set_value(owner["id"])
    by_label(at.text_input, "Adresse", last=True).set_value("5 impasse des Mûriers")
    by_label(at.text_input, "Commune", last=True).set_value("Bègles")
    by_label(at.selectbox, "Typologie", last=True).set_value("T3")
    by_label(at.text_input, "Loyer mensuel hors charges", last=True).set_value("612,40")
    by_label(at.selectbox, "Dispositif", last=True).set_value("mandat_gestion")
    at = by_label(at.button, "Ajouter le logement", last=True).click().run()
    assert not at.exception and not at.error
    added = queries.run(
        stock["db"],
        "housing/stock",
        programme="mandat_gestion",
        status=None,
        commune=None,
        typology=None,
        owner_id=owner["id"],
        dwelling_id=None,
        today=clock.today(),
        limit=None,
        offset=0,
    ).row(0, named=True)
    assert (added["address"], added["typology"], added["rent"], added["charges"]) == (
        "5 impasse des Mûriers",
        "T3",
        Decimal("612.40"),
        Decimal("0.00"),
    )


def test_a_missing_rent_is_refused_beside_it_and_the_form_keeps_what_was_typed(stock):
    at = open_page(stock["db"], "gestion", PAGE, {"onglet": "Nouveau logement"})
    by_label(at.text_input, "Adresse", last=True).set_value("5 impasse des Mûriers")
    at = by_label(at.button, "Ajouter le logement", last=True).click().run()
    errors = [e.value for e in at.error]
    assert any(e.startswith("Rien n'a été enregistré") for e in errors)
    assert by_label(at.text_input, "Adresse", last=True).value == "5 impasse des Mûriers"
    assert queries.run(stock["db"], "housing/owners", limit=50, offset=0)["dwellings"].sum() == 3


def test_a_bail_glissant_slides_through_its_form(stock):
    home = stock["homes"][0]
    lease = housing.sign_lease(
        stock["db"],
        stock["gestion"],
        stock["roses"]["id"],
        LeaseIn(
            kind="bail_glissant",
            household_id=home["id"],
            start_on=date(2025, 1, 1),
            planned_slide_on=date(2026, 3, 1),
        ),
    )
    at = open_dwelling(stock["db"], "gestion", stock["roses"]["id"])
    by_label(at.date_input, "Glissement réalisé le (JJ/MM/AAAA)").set_value(date(2026, 2, 1))
    at = by_label(at.button, "Enregistrer le glissement").click().run()
    assert not at.exception and not at.error
    slid = queries.run_one(stock["db"], "housing/lease", record_id=lease["id"])
    assert (slid["slid_on"], slid["end_on"], slid["end_reason"]) == (
        date(2026, 2, 1),
        date(2026, 1, 31),
        "glissement",
    )


def test_an_end_before_the_start_is_refused_beside_the_date(stock):
    home = stock["homes"][0]
    housing.sign_lease(
        stock["db"],
        stock["gestion"],
        stock["lilas"]["id"],
        LeaseIn(kind="sous_location", household_id=home["id"], start_on=date(2025, 5, 1)),
    )
    at = open_dwelling(stock["db"], "gestion", stock["lilas"]["id"])
    ends = [w for w in at.date_input if w.label == "Dernier jour (JJ/MM/AAAA)"]
    ends[-1].set_value(date(2025, 4, 1))
    by_label(at.selectbox, "Motif de fin").set_value("conge_locataire")
    at = by_label(at.button, "Terminer le bail").click().run()
    assert "La fin ne peut pas précéder le début du bail (01/05/2025)." in [
        e.value for e in at.error
    ]
    assert leases_of(stock["db"], stock["lilas"]["id"])["end_on"].to_list() == [None]
    assert [e.label for e in at.expander if e.proto.expanded] == ["Terminer un bail"]


def test_the_occupancy_timeline_is_drawn_without_plotly_chrome(stock):
    housing.sign_lease(
        stock["db"],
        stock["gestion"],
        stock["lilas"]["id"],
        LeaseIn(
            kind="sous_location", household_id=stock["homes"][0]["id"], start_on=date(2025, 5, 1)
        ),
    )
    at = open_dwelling(stock["db"], "social", stock["lilas"]["id"])
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    assert '"displayModeBar": false' in charts[0].proto.config.replace("False", "false")
