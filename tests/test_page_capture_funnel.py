"""AppTest of « Entonnoir » (pages/capture.py) on a fixture built by hand through
db/housing/capture.py, its figures worked out by hand below."""

from __future__ import annotations

import json
from datetime import date

import pytest

from db import clock
from db.demo.generate import create_demo_accounts
from db.french import NBSP
from db.housing import capture
from db.housing.models import (
    AbandonIn,
    ConversionIn,
    DwellingIn,
    LeadIn,
    MainLeaseIn,
    MoveIn,
    OwnerIn,
)
from tests.conftest import actor_of, open_page

PAGE = "pages/capture.py"
FUNNEL = {"onglet": "Entonnoir"}  # lazy tabs: only the open one runs
YEAR = clock.today().year


@pytest.fixture
def pipeline(database):
    """Three leads this year (current year: the tab's default period):
    A: identifié 10/01, contacté 20/01, visite 01/02;
    B: identifié 15/01, visite 25/01 (« Contacté » skipped), abandoned 10/02 (rent);
    C: identifié 01/02, still there.
    And, the year before: D identified 01/06; E identified 01/12, convention signed 20/12,
    its dwelling in the stock from 05/01 this year (captured this year)."""
    create_demo_accounts(database)
    gestion = actor_of(database, "gestion")

    def lead(name: str, on: date) -> dict:
        fields = {"owner_name": name, "address": "1 rue A", "commune": "Pessac"}
        return capture.add_lead(database, gestion, LeadIn(source="annonce", **fields), on)

    def move(row: dict, stage: str, on: date) -> dict:
        return capture.move_lead(
            database, gestion, row["id"], row["version"], MoveIn(stage=stage, moved_on=on)
        )

    a = lead("A", date(YEAR, 1, 10))
    a = move(a, "contacte", date(YEAR, 1, 20))
    move(a, "visite", date(YEAR, 2, 1))
    b = move(lead("B", date(YEAR, 1, 15)), "visite", date(YEAR, 1, 25))
    reason = AbandonIn(abandoned_on=date(YEAR, 2, 10), abandoned_reason="loyer_trop_eleve")
    capture.abandon_lead(database, gestion, b["id"], b["version"], reason)
    lead("C", date(YEAR, 2, 1))
    lead("D", date(YEAR - 1, 6, 1))
    e = move(lead("E", date(YEAR - 1, 12, 1)), "convention_signee", date(YEAR - 1, 12, 20))
    flat = DwellingIn(
        address="5 rue E",
        commune="Pessac",
        typology="T2",
        rent="500",
        programme="sous_location",
        entered_on=date(YEAR, 1, 5),
    )
    conversion = ConversionIn(
        owner=OwnerIn(kind="personne_privee", name="E"),
        dwelling=flat,
        lease=MainLeaseIn(start_on=date(YEAR, 1, 5)),
    )
    capture.convert_lead(database, gestion, e["id"], e["version"], conversion)
    return database


def funnel_rows(at) -> list[dict]:
    [table] = [d.value for d in at.dataframe if "Entrées dans l'étape" in d.value.columns]
    return table.to_dict("records")


def row(stage, entered, reached, conversion, median) -> dict:
    return {
        "Étape": stage,
        "Entrées dans l'étape": entered,
        "Pistes arrivées à l'étape ou au-delà": reached,
        "Passage depuis l'étape précédente": conversion,
        "Jours passés à l'étape (médiane)": median,
    }


def test_the_funnel_table_on_a_hand_built_pipeline(pipeline):
    at = open_page(pipeline, "direction", PAGE, FUNNEL)
    assert not at.exception
    assert funnel_rows(at) == [
        # A 10 days, B 10 days (C still there): median 10.
        row("Identifié", 3, 3, "—", "10"),
        # A entered; A and B went past it; 2 of the 3 identified; A stayed 12 days.
        row("Contacté", 1, 2, f"66,7{NBSP}%", "12"),
        row("Visite", 2, 2, f"100,0{NBSP}%", "—"),
        row("Proposition", 0, 0, f"0,0{NBSP}%", "—"),
        row("Négociation", 0, 0, "—", "—"),
        row("Convention signée", 0, 0, "—", "—"),
        row("Mis en location", 0, 0, "—", "—"),
    ]
    captured = [d.value for d in at.dataframe if "Logements captés" in d.value.columns]
    assert captured[0].to_dict("records") == [
        {"Année d'entrée dans le parc": str(YEAR), "Logements captés": 1}
    ]
    reasons = [d.value for d in at.dataframe if "Motif d'abandon" in d.value.columns]
    assert reasons[0].to_dict("records") == [
        {"Motif d'abandon": "Loyer demandé trop élevé", "Pistes": 1}
    ]


def test_another_period_counts_only_its_moves(pipeline):
    at = open_page(pipeline, "gestion", PAGE, FUNNEL)
    at.date_input(key="funnel_start").set_value(date(YEAR - 1, 1, 1))
    at.date_input(key="funnel_end").set_value(date(YEAR - 1, 12, 31)).run()
    assert funnel_rows(at)[:3] == [
        row("Identifié", 2, 2, "—", "19"),  # D and E; E stayed 19 days
        row("Contacté", 0, 1, f"50,0{NBSP}%", "—"),  # E skipped it: 1 of 2
        row("Visite", 0, 1, f"100,0{NBSP}%", "—"),
    ]
    assert "Aucun logement capté sur cette période." in [c.value for c in at.caption]
    assert "Aucun abandon sur cette période." in [c.value for c in at.caption]


def test_a_reversed_period_is_refused_in_french(pipeline):
    at = open_page(pipeline, "gestion", PAGE, FUNNEL)
    at.date_input(key="funnel_end").set_value(date(YEAR - 1, 12, 31)).run()
    assert "La fin de la période précède son début : corrigez l'une des deux dates." in [
        e.value for e in at.error
    ]


def test_the_funnel_chart_is_french_without_its_mode_bar(pipeline):
    at = open_page(pipeline, "direction", PAGE, FUNNEL)
    [chart] = at.get("plotly_chart")
    spec = json.loads(chart.proto.spec)
    assert json.loads(chart.proto.config)["displayModeBar"] is False
    assert spec["layout"]["title"]["text"] == "Pistes arrivées à chaque étape"
    assert spec["data"][0]["type"] == "funnel"
    assert spec["data"][0]["y"][:2] == ["Identifié", "Contacté"]
    assert spec["data"][0]["x"][:3] == [3, 2, 2]
