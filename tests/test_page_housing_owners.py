"""AppTest of « Logements »: owners added and edited (a stale save refused naming who
saved first), a lease outside the dwelling's time in the stock refused beside its date."""

from __future__ import annotations

from datetime import date

import pytest

import queries
from db.housing import writes as housing
from db.housing.models import OwnerIn
from tests.conftest import actor_of, open_page
from tests.housing_builders import PAGE, build_stock, by_label, open_dwelling, sign

OWNERS = {"onglet": "Propriétaires"}  # lazy tabs: only the open one runs


@pytest.fixture
def stock(database):
    return build_stock(database)


def test_an_owner_is_added_with_its_details(stock):
    at = open_page(stock["db"], "gestion", PAGE, OWNERS)
    by_label(at.selectbox, "Type de propriétaire").set_value("personne_privee")
    by_label(at.text_input, "Nom ou raison sociale").set_value("Mme Lefèvre")
    by_label(at.text_input, "Code postal").set_value("33130")
    at = by_label(at.button, "Ajouter le propriétaire").click().run()
    assert not at.exception and not at.error
    owners = queries.run(stock["db"], "housing/owners", limit=50, offset=0)
    assert owners.select("name", "kind", "postal_code", "dwellings").rows()[0] == (
        "Mme Lefèvre",
        "personne_privee",
        "33130",
        0,
    )


def test_a_stale_owner_save_is_refused_naming_who_saved_first(stock):
    sci = stock["owners"][0]
    at = open_page(stock["db"], "gestion", PAGE, OWNERS)
    at.selectbox(key="proprietaire_choisi").set_value(sci["id"]).run()
    # Meanwhile, the direction renames the owner.
    direction = actor_of(stock["db"], "direction")
    housing.update_owner(
        stock["db"], direction, sci["id"], 1, OwnerIn(kind="sci", name="SCI Les Tilleuls Sud")
    )
    by_label(at.text_input, "Nom ou raison sociale", last=True).set_value("SCI Tilleuls")
    at = by_label(at.button, "Enregistrer le propriétaire").click().run()
    refusal = [e.value for e in at.error if "pendant que vous consultiez" in e.value]
    assert refusal and refusal[0].startswith(direction.display_name)
    assert "Nom ou raison sociale : SCI Tilleuls" in [t.value for t in at.text]
    owner = queries.run_one(stock["db"], "housing/owner", record_id=sci["id"])
    assert (owner["name"], owner["version"]) == ("SCI Les Tilleuls Sud", 2)


def test_a_lease_before_the_dwelling_entered_the_stock_is_refused(stock):
    at = open_dwelling(stock["db"], "gestion", stock["lilas"]["id"])
    at = sign(at, stock["homes"][0]["id"], date(2024, 12, 31), None, "500")
    message = "Le bail ne peut pas commencer avant l'entrée du logement dans le parc (01/01/2025)."
    assert message in [e.value for e in at.error]
    assert queries.run(
        stock["db"], "housing/dwelling_leases", dwelling_id=stock["lilas"]["id"]
    ).is_empty()


def test_an_owner_shows_its_capture_leads_and_its_name_as_typed(stock):
    from db.housing.capture import add_lead
    from db.housing.models import LeadIn

    gestion = actor_of(stock["db"], "gestion")
    owner = housing.add_owner(stock["db"], gestion, OwnerIn(kind="sci", name="SCI **Gras**"))
    lead = LeadIn(owner_id=owner["id"], address="3 rue Neuve", commune="Pessac", source="annonce")
    add_lead(stock["db"], gestion, lead, date(2026, 2, 3), stage="visite")
    rows = queries.run(stock["db"], "housing/owner_leads", owner_id=owner["id"])
    assert rows.select("address", "stage", "stage_on").rows() == [
        ("3 rue Neuve", "visite", date(2026, 2, 3))
    ]
    at = open_page(stock["db"], "gestion", PAGE, OWNERS)
    at.selectbox(key="proprietaire_choisi").set_value(owner["id"]).run()
    assert "Prospects de captation de SCI \\*\\*Gras\\*\\* : 1" in [h.value for h in at.subheader]
    table = next(d.value for d in at.dataframe if "Étape" in d.value.columns)
    assert table.iloc[0][["Adresse", "Étape", "Depuis le", "Abandon"]].tolist() == [
        "3 rue Neuve",
        "Visite",
        "03/02/2026",
        "—",
    ]


def test_a_search_counts_its_matches_not_the_record_already_chosen(stock):  # noqa: F811
    """The chosen owner stays offered under any search, but is no match of it."""
    at = open_page(stock["db"], "gestion", PAGE, OWNERS)
    at.selectbox(key="proprietaire_choisi").set_value(stock["owners"][0]["id"]).run()
    at.text_input(key="proprietaire_cherche").input("Talence").run()
    said = [c.value for c in at.caption if "trouvé" in c.value or "Aucun" in c.value]
    assert said == ["1 propriétaire trouvé, dans la liste ci-dessous."]
    assert len(at.selectbox(key="proprietaire_choisi").options) == 2  # the chosen one kept
    at.text_input(key="proprietaire_cherche").input("Mérignac").run()
    said = [c.value for c in at.caption if "trouvé" in c.value or "Aucun" in c.value]
    assert said == ["Aucun propriétaire ne correspond à « Mérignac »."]
    assert at.selectbox(key="proprietaire_choisi").value == stock["owners"][0]["id"]
