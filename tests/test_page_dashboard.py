"""AppTest of pages/dashboard.py: every allowed role gets its tiles, the period and the
filters change the figures, both live in the address, a social worker's figures are
those of their caseload, the analyst sees aggregates only.

Households are opened through the intake on 15/06/2026 (tests/support_builders.py); the
expected figures are counted by hand from them."""

from __future__ import annotations

import pytest

from db.settings import set_setting
from tests.conftest import make_tenant, open_page
from tests.support_builders import household, team_on_the_day

PAGE = "pages/dashboard.py"
WELCOMED = "Ménages accueillis"


@pytest.fixture
def team(database, monkeypatch):
    """Three households opened on 15/06/2026: two of `social` (one in Talence), one of
    `mlefevre`."""
    team_on_the_day(database, monkeypatch)
    return database


@pytest.fixture
def homes(team, admin):
    ids = [
        household(team, admin, "social", "Aubert")[0],
        household(team, admin, "social", "Brisson")[0],
        household(team, admin, "mlefevre", "Carrel")[0],
    ]
    team.cursor().execute("UPDATE household SET commune = 'Talence' WHERE id = ?", [ids[1]])
    return ids


def number(database, household_id: int) -> str:
    query = "SELECT file_number FROM household WHERE id = ?"
    return database.cursor().execute(query, [household_id]).fetchall()[0][0]


def metric(at, title: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(title))


def page(team, user: str, **query):
    at = open_page(team, user, PAGE, {k: str(v) for k, v in query.items()})
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("user", ["direction", "admin", "analyste", "social", "gestion"])
def test_every_allowed_role_sees_every_section(team, homes, user):
    at = page(team, user)
    assert [s.value for s in at.subheader] == [
        "Ménages",
        "Accompagnement",
        "Logements",
        "Captation",
        "Équipe",
    ]
    assert not at.error


def test_reception_has_no_dashboard(team, homes):
    at = open_page(team, "accueil", PAGE)
    assert "Cette page n'est pas accessible avec vos rôles." in [e.value for e in at.error]
    assert not at.metric


def test_the_year_and_the_commune_change_the_figures(team, homes):
    assert metric(page(team, "direction"), WELCOMED) == "3"
    assert metric(page(team, "direction", annee=2025), WELCOMED) == "0"
    assert metric(page(team, "direction", commune="Talence"), WELCOMED) == "1"
    assert metric(page(team, "direction", referent="Marion Lefèvre"), WELCOMED) == "1"


def test_a_month_compares_with_the_month_before(team, homes):
    at = page(team, "direction", periode="Mois", annee=2026, mois="Juin")
    card = next(m for m in at.metric if m.label == WELCOMED)
    assert (card.value, card.delta) == ("3", "+3")
    assert at.caption[0].value.startswith(  # today is 15/06/2026
        "Période : juin 2026, du 01/06/2026 au 15/06/2026 ; "
        "comparée à mai 2026, du 01/05/2026 au 15/05/2026. Mis à jour à "
    )


def test_a_whole_month_compares_with_the_whole_month_before(team, homes):
    """Seen: June compared « du 01/05/2026 au 30/05/2026 »."""
    at = page(team, "direction", periode="Mois", annee=2026, mois="Avril")
    assert at.caption[0].value.startswith(
        "Période : avril 2026, du 01/04/2026 au 30/04/2026 ; "
        "comparée à mars 2026, du 01/03/2026 au 31/03/2026. Mis à jour à "
    )


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ({}, "Période : année 2026, du 01/01/2026 au "),
        ({"periode": "12 derniers mois"}, "Période : 12 derniers mois, du "),
        (
            {"periode": "Dates au choix", "du": "2026-06-01", "au": "2026-06-10"},
            "Période : du 01/06/2026 au 10/06/2026 ; comparée aux 10 jours précédents, "
            "du 22/05/2026 au 31/05/2026.",
        ),
    ],
)
def test_the_figures_caption_writes_each_date_once(team, homes, query, said):
    """Seen: « 12 derniers mois (du … au …), du … au … »."""
    caption = page(team, "direction", **query).caption[0].value
    assert caption.startswith(said)
    assert caption.count(" du ") == 2  # the period's dates, then those compared with


def test_the_caption_names_the_filters_of_the_figures_drawn(team, homes):
    at = page(team, "direction", commune="Talence", referent="Marion Lefèvre")
    assert "; commune : Talence, référent·e : Marion Lefèvre ; comparée" in at.caption[0].value


def test_a_share_card_says_what_it_is_a_share_of(team, homes):
    """Seen: « Ressources des ménages suivis 96,3 % »: 96,3 % of what?"""
    labels = [m.label for m in page(team, "direction").metric]
    assert "Part des ménages suivis ayant des ressources" in labels
    assert "Taux d'occupation" in labels  # a rate says it already


def test_the_period_and_filters_are_read_from_the_address(team, homes):
    """A bound choice is kept in the address by its French label."""
    at = page(
        team,
        "direction",
        periode="Trimestre",
        annee=2026,
        trimestre="2e trimestre",
        commune="Talence",
    )
    assert at.segmented_control(key="periode").value == "trimestre"
    assert at.selectbox(key="trimestre").value == "2"
    assert at.selectbox(key="commune").value == "Talence"
    assert metric(at, WELCOMED) == "1"
    at.selectbox(key="commune").set_value(None)
    at.selectbox(key="trimestre").set_value("1").run()
    assert metric(at, WELCOMED) == "0"  # the address itself is rewritten by the browser:
    # tests/browser/test_dashboard_journey.py checks it


def test_a_social_worker_counts_their_caseload_unless_the_team_reads_all(team, homes, admin):
    at = page(team, "social")
    assert metric(at, WELCOMED) == "2"
    assert at.selectbox(key="referent_fixe").disabled
    set_setting(team, admin, "team_reads_all_files", True)
    assert metric(page(team, "social"), WELCOMED) == "3"


def test_the_analyst_sees_figures_and_queries_never_names(team, homes):
    at = page(team, "analyste")
    assert "Voir la requête" in [e.label for e in at.expander]
    assert not [t for t in at.toggle if t.label.startswith("Voir les")]
    assert not [s for s in at.selectbox if s.label == "Ouvrir un dossier"]


def test_direction_opens_a_file_from_a_tile(team, homes):
    at = page(team, "direction")
    assert not [s for s in at.selectbox if s.label == "Ouvrir un dossier"]  # until asked for
    at.toggle(key="drill_welcomed_on").set_value(True).run()
    picker = at.selectbox(key="drill_welcomed_open")
    assert len(picker.options) == 3
    picker.set_value(homes[2]).run()
    at.button(key="drill_welcomed_open_btn").click().run()
    assert at.query_params["id"] == str(homes[2])


def test_each_tile_shows_its_sql_once_asked(team, homes):
    at = page(team, "direction")
    assert not at.code  # closed, « Voir la requête » draws nothing
    at.session_state["requete_welcomed"] = True  # opened, as a click does
    at.run()
    shown = [c.value for c in at.code]
    assert len(shown) == 1 and "-- name: kpi/welcomed" in shown[0]


def test_a_period_with_no_data_says_so(team):
    at = page(team, "direction", annee=2020)
    assert any("Aucune donnée pour la période choisie" in i.value for i in at.info)


def test_reversed_dates_are_refused_in_french_and_nothing_is_computed(team, homes):
    at = page(team, "direction", periode="Dates au choix", du="2026-06-30", au="2026-06-01")
    assert "La fin de la période précède son début" in at.error[0].value
    assert not at.metric


def test_direction_opens_a_dwelling_from_the_stock_tile(team, homes):
    make_tenant(team, homes[0])
    dwelling_id = team.cursor().execute("SELECT id FROM dwelling").fetchall()[0][0]
    at = page(team, "direction")
    at.toggle(key="drill_stock_on").set_value(True).run()
    at.selectbox(key="drill_stock_dwelling").set_value(dwelling_id).run()
    at.button(key="drill_stock_open").click().run()
    assert not at.exception
    assert at.session_state["logement_choisi"] == dwelling_id
    assert any(s.value.startswith(f"{homes[0]} rue des Tests") for s in at.subheader)


def test_rental_management_opens_dwellings_but_only_its_tenants_files(team, homes):
    make_tenant(team, homes[0])
    at = page(team, "gestion")
    at.toggle(key="drill_welcomed_on").set_value(True).run()
    assert at.selectbox(key="drill_welcomed_open").options == [
        f"{number(team, homes[0])} — AUBERT Éloïse"
    ]
    assert at.toggle(key="drill_stock_on")
