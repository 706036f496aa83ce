"""The housing records the housing and capture page tests share (pages/housing.py,
pages/capture.py), written through the housing writes, and the helpers that find a field
or open a dwelling on the page. Each test module wraps `build_stock` in its `stock`
fixture."""

from __future__ import annotations

from datetime import date

from db.demo.generate import create_demo_accounts
from db.households import writes as households
from db.households.models import IntakeIn
from db.housing import capture
from db.housing import writes as housing
from db.housing.models import DwellingIn, LeadIn, OwnerIn
from tests.conftest import actor_of, intake_fields, open_page

PAGE = "pages/housing.py"


def build_stock(database) -> dict:
    """Two owners; three dwellings (two in Bordeaux, sous-location vacant and bail glissant
    occupé; one in Talence, sous-location occupé); two households."""
    create_demo_accounts(database)
    gestion = actor_of(database, "gestion")
    social = actor_of(database, "social")
    homes = [
        households.create_intake(
            database,
            social,
            IntakeIn.model_validate(
                intake_fields(name, referent="social", consent_on=date(2026, 1, 5))
            ),
        )
        for name in ("Aubert", "Brisson")
    ]
    sci = housing.add_owner(database, gestion, OwnerIn(kind="sci", name="SCI Les Tilleuls"))
    city = housing.add_owner(database, gestion, OwnerIn(kind="commune", name="Ville de Talence"))

    def flat(owner, address, commune, programme, status):
        return housing.add_dwelling(
            database,
            gestion,
            DwellingIn(
                owner_id=owner["id"],
                address=address,
                commune=commune,
                typology="T2",
                rent="520,00",
                programme=programme,
                status=status,
                entered_on=date(2025, 1, 1),
            ),
        )

    lilas = flat(sci, "3 rue des Lilas", "Bordeaux", "sous_location", "vacant")
    roses = flat(sci, "8 rue des Roses", "Bordeaux", "bail_glissant", "occupe")
    parc = flat(city, "1 allée du Parc", "Talence", "sous_location", "occupe")
    return {
        "db": database,
        "gestion": gestion,
        "homes": homes,
        "owners": [sci, city],
        "lilas": lilas,
        "roses": roses,
        "parc": parc,
    }


def by_label(widgets, label: str, last: bool = False):
    """The first field named `label` (the last: that of « Nouveau logement », the last tab)."""
    found = [w for w in widgets if w.label == label]
    assert found, f"aucun champ « {label} »"
    return found[-1 if last else 0]


def table(at, column: str):
    """The first table of the page with `column`."""
    frames = [d.value for d in at.dataframe if column in d.value.columns]
    assert frames, f"aucun tableau avec la colonne « {column} »"
    return frames[0]


def open_dwelling(database, username: str, dwelling_id: int):
    at = open_page(database, username, PAGE, {"onglet": "Logement"})  # lazy tabs
    at.selectbox(key="logement_choisi").set_value(dwelling_id).run()
    assert not at.exception
    return at


def sign(at, household_label: str, start: date, end: date | None, rent: str):
    by_label(at.selectbox, "Ménage locataire").set_value(household_label)
    by_label(at.date_input, "Premier jour (JJ/MM/AAAA)").set_value(start)
    by_label(at.date_input, "Dernier jour (JJ/MM/AAAA)").set_value(end)
    by_label(at.text_input, "Loyer mensuel hors charges").set_value(rent)
    return by_label(at.button, "Signer le bail").click().run()


def lead_at(database, stage: str, on: date, **changes) -> dict:
    """A lead of `gestion` (Mme Roux's T3 in Pessac), added at `stage` on `on`."""
    fields = {
        "owner_name": "Mme Roux",
        "address": "12 rue Neuve",
        "postal_code": "33600",
        "commune": "Pessac",
        "typology": "T3",
        "proposed_rent": "610",
        "source": "prospection",
        "assignee": "gestion",
    }
    lead = LeadIn.model_validate(fields | changes)
    return capture.add_lead(database, actor_of(database, "gestion"), lead, on, stage)
