"""AppTest of pages/support.py (« Accompagnement »): the roles, and the team's lists with
their filters (kind, status, worker), their period and their scope; rows open the file.

Each test builds its records through the writes, on an empty database with the demo
accounts, on 15/06/2026 (tests/support_builders.py); the expected answers are written by
hand. « À traiter » and « Actions et solutions trouvées »: test_page_support_reports.py.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from db.settings import set_setting
from tests.conftest import open_page
from tests.support_builders import (
    PAGE,
    TABS,
    debt_plan,
    fsl,
    household,
    measure,
    mediation,
    one_of_each,
    open_tab,
    procedure,
    tab,
    team_on_the_day,
)


@pytest.fixture
def team(database, monkeypatch):
    return team_on_the_day(database, monkeypatch)


PREFIX = {"Mesures": "mes", "Procédures": "proc", "Médiations": "med", "FSL": "fsl"}
PREFIX["Plans d'apurement"] = "plan"


def listed(at, label: str) -> list[str]:
    """The file numbers of a list tab's table, in its order (none when it says so), the
    tab opened."""
    open_tab(at, label)
    tables = tab(at, label).dataframe
    return pl.from_pandas(tables[0].value)["Dossier"].to_list() if tables else []


# Roles --------------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["social", "direction", "admin"])
def test_the_support_roles_get_every_tab(team, username):
    at = open_page(team, username, PAGE)
    assert not at.exception and not at.error
    assert at.title[0].value == "Accompagnement"
    assert [t.label for t in at.tabs] == TABS


@pytest.mark.parametrize("username", ["accueil", "gestion", "analyste"])
def test_other_roles_are_refused_in_french(team, username):
    at = open_page(team, username, PAGE)
    assert not at.exception
    assert at.error[0].value == "Cette page n'est pas accessible avec vos rôles."
    assert not at.tabs


# The lists: scope and filters ---------------------------------------------------------


def test_a_social_worker_lists_only_their_caseload(team, admin):
    own_id, own = household(team, admin, "social", "Martin")
    other_id, _ = household(team, admin, "mlefevre", "Petit")
    one_of_each(team, admin, own_id)
    one_of_each(team, admin, other_id)

    at = open_page(team, "social", PAGE)
    for label, prefix in PREFIX.items():
        assert listed(at, label) == [own], label
        assert at.selectbox(key=f"{prefix}_ref").disabled
        assert "Référent·e" not in tab(at, label).dataframe[0].value.columns
    assert "ménages dont vous êtes référent·e" in at.caption[0].value


def test_the_team_setting_opens_every_file_the_worker_choosing(team, admin):
    own_id, own = household(team, admin, "social", "Martin")
    other_id, other = household(team, admin, "mlefevre", "Petit")
    one_of_each(team, admin, own_id)
    one_of_each(team, admin, other_id)
    set_setting(team, admin, "team_reads_all_files", True)

    at = open_page(team, "social", PAGE)
    for label, prefix in PREFIX.items():
        assert listed(at, label) == [own], label  # their own files first
        at.selectbox(key=f"{prefix}_ref").set_value("").run()  # the whole team
        assert sorted(listed(at, label)) == sorted([own, other]), label


def test_direction_lists_everybody_and_filters_by_worker(team, admin):
    own_id, own = household(team, admin, "social", "Martin")
    other_id, other = household(team, admin, "mlefevre", "Petit")
    one_of_each(team, admin, own_id)
    one_of_each(team, admin, other_id)

    at = open_page(team, "direction", PAGE)
    for label, prefix in PREFIX.items():
        assert sorted(listed(at, label)) == sorted([own, other]), label
        at.selectbox(key=f"{prefix}_ref").set_value("mlefevre").run()
        assert listed(at, label) == [other], label


def test_measures_by_kind_and_status(team, admin):
    hid, number = household(team, admin, "social", "Martin")
    measure(team, admin, hid, date(2026, 1, 5), date(2026, 7, 5), kind="asll")
    measure(
        team, admin, hid, date(2026, 2, 1), date(2026, 5, 1), kind="avdl", ended=date(2026, 5, 1)
    )

    at = open_page(team, "direction", PAGE, {"onglet": "Mesures"})
    types = lambda: pl.from_pandas(tab(at, "Mesures").dataframe[0].value)["Type"].to_list()  # noqa: E731
    assert types() == ["AVDL", "ASLL"]  # the newest first
    at.selectbox(key="mes_kind").set_value("asll").run()
    assert types() == ["ASLL"]
    at.selectbox(key="mes_kind").set_value(None).run()
    at.selectbox(key="mes_status").set_value("terminee").run()
    shown = pl.from_pandas(tab(at, "Mesures").dataframe[0].value).row(0, named=True)
    assert shown == {
        "Dossier": number,
        "Chef de ménage": "MARTIN Éloïse",
        "Référent·e": "Samia Social",
        "Type": "AVDL",
        "Prescripteur": "—",
        "Début": "01/02/2026",
        "Fin prévue": "01/05/2026",
        "Fin": "01/05/2026",
        "Motif de fin": "Objectifs atteints",
    }
    at.selectbox(key="mes_status").set_value("en_cours").run()
    assert types() == ["ASLL"]


def test_other_lists_by_kind_and_status(team, admin):
    hid, _ = household(team, admin, "social", "Martin")
    mediation(team, admin, hid, date(2026, 3, 2), counterpart="huissier", outcome="echec")
    mediation(team, admin, hid, date(2026, 3, 3), counterpart="bailleur_social", outcome="accord")
    fsl(team, admin, hid, submitted=date(2026, 3, 1), kind="energie")
    fsl(
        team,
        admin,
        hid,
        submitted=date(2026, 3, 1),
        kind="acces",
        status="refusee",
        decided=date(2026, 4, 1),
    )
    procedure(team, admin, hid, date(2026, 2, 1), closed=date(2026, 3, 1))
    procedure(team, admin, hid, date(2026, 2, 2))
    debt_plan(team, admin, hid, date(2026, 1, 1), creditor="EDF")

    at = open_page(team, "direction", PAGE, {"onglet": "Médiations"})
    column = lambda label, name: pl.from_pandas(tab(at, label).dataframe[0].value)[name].to_list()  # noqa: E731
    at.selectbox(key="med_kind").set_value("huissier").run()
    assert column("Médiations", "Résultat") == ["Échec"]
    at.selectbox(key="med_kind").set_value(None).run()
    at.selectbox(key="med_status").set_value("accord").run()
    assert column("Médiations", "Interlocuteur") == ["Bailleur social"]
    open_tab(at, "FSL")
    at.selectbox(key="fsl_status").set_value("refusee").run()
    assert column("FSL", "Type d'aide") == ["Accès"]
    assert column("FSL", "Demandé") == ["850,50\u202f€"]
    assert column("FSL", "Accordé") == ["—"]
    at.selectbox(key="fsl_status").set_value(None).run()
    at.selectbox(key="fsl_kind").set_value("energie").run()
    assert column("FSL", "Statut") == ["Déposée"]
    open_tab(at, "Procédures")
    at.selectbox(key="proc_status").set_value("sans_expulsion").run()
    assert column("Procédures", "Issue") == ["Dette soldée"]
    assert column("Procédures", "Dette locative") == ["1\u202f250,00\u202f€"]
    at.selectbox(key="proc_status").set_value("en_cours").run()
    assert column("Procédures", "Ouverte le") == ["02/02/2026"]
    open_tab(at, "Plans d'apurement")
    at.selectbox(key="plan_status").set_value("solde").run()
    assert (
        "Aucun plan d'apurement du 01/01/2026 au 31/12/2026"
        in tab(at, "Plans d'apurement").info[0].value
    )
    at.selectbox(key="plan_status").set_value("en_cours").run()
    assert column("Plans d'apurement", "Dernière mensualité") == ["01/12/2026"]


def test_a_measure_is_listed_when_it_ran_at_any_time_in_the_period(team, admin):
    hid, _ = household(team, admin, "social", "Martin")
    before = measure(
        team, admin, hid, date(2025, 3, 1), date(2025, 12, 31), ended=date(2025, 12, 31)
    )
    last_day = measure(team, admin, hid, date(2025, 6, 1), date(2026, 1, 1), ended=date(2026, 1, 1))
    running = measure(team, admin, hid, date(2025, 9, 1), date(2026, 3, 1))
    today = measure(team, admin, hid, date(2026, 6, 15), date(2026, 12, 15))

    at = open_page(team, "direction", PAGE, {"onglet": "Mesures"})
    starts = lambda: pl.from_pandas(tab(at, "Mesures").dataframe[0].value)["Début"].to_list()  # noqa: E731
    assert "commencée au plus tard le dernier jour" in " ".join(
        c.value for c in tab(at, "Mesures").caption
    )
    assert starts() == ["15/06/2026", "01/09/2025", "01/06/2025"]  # the current year
    at.date_input(key="mes_start").set_value(date(2026, 1, 2)).run()
    at.date_input(key="mes_end").set_value(date(2026, 6, 14)).run()
    assert starts() == ["01/09/2025"]
    at.date_input(key="mes_start").set_value(date(2025, 12, 31)).run()
    assert starts() == ["01/09/2025", "01/06/2025", "01/03/2025"]
    assert {before["id"], last_day["id"], running["id"], today["id"]}  # four distinct records


def test_a_reversed_period_is_refused_in_french(team, admin):
    at = open_page(team, "direction", PAGE, {"onglet": "Médiations"})
    at.date_input(key="med_end").set_value(date(2025, 12, 31)).run()
    assert tab(at, "Médiations").error[0].value == (
        "La fin de la période précède son début : corrigez l'une des deux dates."
    )
    assert not tab(at, "Médiations").dataframe


def test_a_row_of_a_list_opens_the_household_file(team, admin):
    hid, number = household(team, admin, "social", "Martin")
    mediation(team, admin, hid, date(2026, 4, 10))
    at = open_page(team, "social", PAGE, {"onglet": "Médiations"})
    at.selectbox(key="med_open").set_value(hid).run()
    at.button(key="med_open_btn").click().run()
    assert not at.exception
    assert at.title[0].value.startswith(f"Dossier {number}")


# The period of each list, at its boundaries (01/01/2026 to 31/03/2026) ------------------


def procedures_around(database, admin, hid) -> None:
    procedure(database, admin, hid, date(2025, 10, 1), closed=date(2025, 12, 31))  # out
    procedure(database, admin, hid, date(2025, 10, 2), closed=date(2026, 1, 1))  # in
    procedure(database, admin, hid, date(2026, 3, 31))  # in
    procedure(database, admin, hid, date(2026, 4, 1))  # out


def mediations_around(database, admin, hid) -> None:
    for on in (date(2025, 12, 31), date(2026, 1, 1), date(2026, 3, 31), date(2026, 4, 1)):
        mediation(database, admin, hid, on)


def fsl_around(database, admin, hid) -> None:
    fsl(database, admin, hid, date(2025, 11, 1), date(2025, 12, 31), status="refusee")  # out
    fsl(database, admin, hid, date(2025, 11, 2), date(2026, 1, 1), status="refusee")  # in
    fsl(database, admin, hid, submitted=date(2026, 3, 31))  # in
    fsl(database, admin, hid, submitted=date(2026, 4, 1))  # out
    fsl(database, admin, hid)  # a draft created on 15/06/2026: out


def debt_plans_around(database, admin, hid) -> None:
    debt_plan(database, admin, hid, date(2025, 1, 1))  # last instalment 01/12/2025: out
    debt_plan(database, admin, hid, date(2025, 2, 1))  # last instalment 01/01/2026: in
    debt_plan(database, admin, hid, date(2026, 3, 31))  # in
    debt_plan(database, admin, hid, date(2026, 4, 1))  # out


@pytest.mark.parametrize(
    ("label", "build", "column", "expected"),
    [
        ("Procédures", procedures_around, "Ouverte le", ["31/03/2026", "02/10/2025"]),
        ("Médiations", mediations_around, "Date", ["31/03/2026", "01/01/2026"]),
        ("FSL", fsl_around, "Déposée le", ["31/03/2026", "02/11/2025"]),
        (
            "Plans d'apurement",
            debt_plans_around,
            "Première mensualité",
            ["31/03/2026", "01/02/2025"],
        ),
    ],
)
def test_each_list_keeps_exactly_its_period(team, admin, label, build, column, expected):
    hid, _ = household(team, admin, "social", "Martin")
    build(team, admin, hid)
    at = open_page(team, "direction", PAGE, {"onglet": label})
    at.date_input(key=f"{PREFIX[label]}_end").set_value(date(2026, 3, 31)).run()
    shown = pl.from_pandas(tab(at, label).dataframe[0].value)
    assert shown[column].to_list() == expected
    assert "du 01/01/2026 au 31/03/2026" in tab(at, label).caption[1].value


def test_a_draft_fsl_application_counts_from_its_creation(team, admin):
    hid, _ = household(team, admin, "social", "Martin")
    fsl_around(team, admin, hid)
    at = open_page(team, "direction", PAGE, {"onglet": "FSL"})
    shown = pl.from_pandas(tab(at, "FSL").dataframe[0].value)
    assert shown["Déposée le"].to_list() == ["—", "01/04/2026", "31/03/2026", "02/11/2025"]
    assert shown["Statut"].to_list() == ["Brouillon", "Déposée", "Déposée", "Refusée"]
