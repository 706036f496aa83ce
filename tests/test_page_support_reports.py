"""AppTest of pages/support.py, its two report tabs: « À traiter » (the worker's due and
overdue items, soonest first, overdue in red) and « Actions et solutions trouvées »
(exact counts for any period, exported and logged).

Records are built through the writes on 15/06/2026 (tests/support_builders.py); the
expected answers are written by hand.
"""

from __future__ import annotations

import re
from datetime import date

import polars as pl
import pytest

from db.french import NBSP
from db.settings import set_setting
from tests.conftest import open_page
from tests.support_builders import (
    PAGE,
    action,
    debt_plan,
    fsl,
    household,
    measure,
    mediation,
    procedure,
    tab,
    team_on_the_day,
)


@pytest.fixture
def team(database, monkeypatch):
    return team_on_the_day(database, monkeypatch)


# À traiter ---------------------------------------------------------------------------


def due_in_social_file(database, admin) -> tuple[int, str]:
    """Five items in a file of `social` on 15/06/2026, two of them overdue."""
    hid, number = household(database, admin, "social", "Martin")
    measure(database, admin, hid, date(2026, 1, 10), date(2026, 7, 9))  # review due 10/04
    fsl(database, admin, hid, submitted=date(2026, 4, 1))  # decision awaited from 01/06
    debt_plan(database, admin, hid, date(2025, 8, 1), creditor="Bailleur")  # last 01/07
    procedure(database, admin, hid, date(2026, 5, 1))  # CCAPEX report due 01/07
    return hid, number


TO_DO = [
    ("10/04/2026", "En retard de 66 jours", "Bilan de la mesure ASLL"),
    (
        "01/06/2026",
        "En retard de 14 jours",
        "Décision FSL attendue (demande déposée le 01/04/2026)",
    ),
    ("01/07/2026", "À venir", "Procédure d'expulsion : Signalement CCAPEX"),
    ("01/07/2026", "À venir", "Plan d'apurement (Bailleur) : dernière mensualité"),
    ("09/07/2026", "À venir", "Mesure ASLL : fin prévue, renouveler ou clore"),
]


def to_do_rows(at) -> list[tuple]:
    shown = pl.from_pandas(tab(at, "À traiter").dataframe[0].value)
    return list(shown.select("Échéance", "État", "À faire").iter_rows())


def red_rows(at) -> set[int]:
    """The rows of « À traiter » drawn in red, read in the table's CSS rules."""
    styles = tab(at, "À traiter").dataframe[0].proto.arrow_data.styler.styles
    return {
        int(row)
        for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", styles)
        if "color: #b3261e" in body
        for row in re.findall(r"_row(\d+)_col\d+", selectors)
    }


def test_to_do_lists_the_workers_items_soonest_first_overdue_in_red(team, admin):
    _, number = due_in_social_file(team, admin)
    other_id, _ = household(team, admin, "mlefevre", "Petit")
    fsl(team, admin, other_id, submitted=date(2026, 3, 1))  # overdue, not social's

    at = open_page(team, "social", PAGE)
    assert to_do_rows(at) == TO_DO
    assert red_rows(at) == {0, 1}
    shown = pl.from_pandas(tab(at, "À traiter").dataframe[0].value)
    assert set(shown["Dossier"].to_list()) == {number}
    assert "Référent·e" not in shown.columns  # their own files: the same name on each row
    assert "5 échéances d'ici le 15/07/2026 (30 jours), dont 2 en retard" in (
        tab(at, "À traiter").caption[0].value
    )


def test_to_do_for_direction_covers_the_team_with_a_worker_filter(team, admin):
    due_in_social_file(team, admin)
    other_id, other = household(team, admin, "mlefevre", "Petit")
    fsl(team, admin, other_id, submitted=date(2026, 3, 1))

    at = open_page(team, "direction", PAGE)
    shown = pl.from_pandas(tab(at, "À traiter").dataframe[0].value)
    assert shown["Dossier"][1] == other  # due 01/05, between social's first two
    assert shown["Référent·e"][:2].to_list() == ["Samia Social", "Marion Lefèvre"]
    assert to_do_rows(at) == [
        TO_DO[0],
        (
            "01/05/2026",
            "En retard de 45 jours",
            "Décision FSL attendue (demande déposée le 01/03/2026)",
        ),
        *TO_DO[1:],
    ]
    assert red_rows(at) == {0, 1, 2}
    at.selectbox(key="todo_ref").set_value("social").run()
    assert to_do_rows(at) == TO_DO
    at.selectbox(key="todo_ref").set_value("mlefevre").run()
    assert to_do_rows(at) == [
        (
            "01/05/2026",
            "En retard de 45 jours",
            "Décision FSL attendue (demande déposée le 01/03/2026)",
        )
    ]


# A number of four digits or more that no formatter spaced: not inside a date (/), a file
# number (-) or another number.
BARE_NUMBER = re.compile(r"(?<![\d/\-.,\u202f])\d{4,}(?![\d/\-])")


def test_to_do_says_a_long_delay_the_french_way(team, admin):
    hid, _ = household(team, admin, "social", "Martin")
    fsl(team, admin, hid, submitted=date(2023, 2, 10))  # a decision awaited since 10/04/2023

    at = open_page(team, "social", PAGE)
    rows = to_do_rows(at)
    assert rows[0][:2] == ("10/04/2023", "En retard de 1\u202f162 jours")
    shown = tab(at, "À traiter")
    texts = [c.value for c in shown.caption] + [v for row in rows for v in row]
    assert not [t for t in texts if BARE_NUMBER.search(str(t))]


def test_a_social_worker_has_no_worker_filter_on_to_do(team, admin):
    at = open_page(team, "social", PAGE)
    assert "todo_ref" not in [s.key for s in at.selectbox]


def test_nothing_to_do_is_said_with_the_horizon_setting(team, admin):
    at = open_page(team, "social", PAGE)
    assert tab(at, "À traiter").success[0].value == "Rien à traiter dans les 30 prochains jours."
    set_setting(team, admin, "to_do_horizon_days", 10)
    hid, _ = household(team, admin, "social", "Martin")
    debt_plan(team, admin, hid, date(2025, 8, 1))  # last instalment 01/07, in 16 days
    at = open_page(team, "social", PAGE)
    assert tab(at, "À traiter").success[0].value == "Rien à traiter dans les 10 prochains jours."


def test_a_row_of_to_do_opens_the_household_file(team, admin):
    hid, number = due_in_social_file(team, admin)
    at = open_page(team, "social", PAGE)
    at.selectbox(key="todo_open").set_value(hid).run()
    at.button(key="todo_open_btn").click().run()
    assert not at.exception
    assert at.title[0].value.startswith(f"Dossier {number}")


# Actions et solutions trouvées -----------------------------------------------------------


def actions_of_spring(database, admin) -> None:
    """Records on both sides of 01/03/2026 and of 30/04/2026, in two workers' files."""
    hid, _ = household(database, admin, "social", "Martin")
    other, _ = household(database, admin, "mlefevre", "Petit")
    for on in (date(2026, 2, 28), date(2026, 3, 1)):
        mediation(database, admin, hid, on, counterpart="huissier")
    mediation(database, admin, other, date(2026, 4, 30), counterpart="huissier")
    mediation(database, admin, other, date(2026, 5, 1), counterpart="bailleur_social")
    debt_plan(database, admin, hid, date(2026, 3, 1))
    debt_plan(database, admin, other, date(2026, 2, 28))
    fsl(database, admin, hid, submitted=date(2026, 4, 30), kind="acces")
    fsl(database, admin, other, submitted=date(2026, 5, 1), kind="energie")
    fsl(database, admin, hid, kind="maintien")  # a draft: never counted
    # Submitted before the spring, granted in it (600 €): a grant, not an application.
    fsl(database, admin, other, date(2026, 2, 2), date(2026, 3, 10), "maintien", "accordee")
    action(database, admin, hid, "droits", date(2026, 3, 15))
    action(database, admin, other, "droits", date(2026, 3, 15))
    action(database, admin, hid, "tribunal", date(2026, 2, 28))
    action(database, admin, other, "sante", date(2026, 4, 30))


SPRING = {
    "Médiations": [
        ("Propriétaire privé", 0),
        ("Agence immobilière ou syndic", 0),
        ("Bailleur social", 0),
        ("Huissier", 2),
        ("Fournisseur d'énergie", 0),
    ],
    "Plans d'apurement": [("Plans d'apurement mis en place", 1)],
    "Demandes FSL déposées": [
        ("Demandes FSL accès déposées", 1),
        ("Demandes FSL maintien déposées", 0),
        ("Demandes FSL énergie déposées", 0),
        ("Demandes FSL eau déposées", 0),
    ],
    "Aides FSL accordées": [
        ("Aides FSL accès accordées", 0, f"0,00{NBSP}€"),
        ("Aides FSL maintien accordées", 1, f"600,00{NBSP}€"),
        ("Aides FSL énergie accordées", 0, f"0,00{NBSP}€"),
        ("Aides FSL eau accordées", 0, f"0,00{NBSP}€"),
    ],
    "Autres actions": [
        ("Négociation d'un plan d'apurement", 0),
        ("Négociation avec un huissier", 0),
        ("Dossier de surendettement déposé", 0),
        ("Ouverture ou rétablissement de droits", 2),
        ("Saisine d'un service de santé", 1),
        ("Accompagnement physique au tribunal", 0),
    ],
}


SUMMARY = {"onglet": "Actions et solutions trouvées"}  # the tab opened (tabs run lazily)
HOUSEHOLDS_HEADING = "**Ménages et personnes** : ménages accueillis, suivis et relogés"


def summary_tables(at) -> dict[str, list[tuple]]:
    """Each section's heading (its total said) and its rows."""
    summary = tab(at, "Actions et solutions trouvées")
    headings = [m.value for m in summary.markdown if m.value.startswith("**")]
    rows = [list(pl.from_pandas(t.value).iter_rows()) for t in summary.dataframe]
    return dict(zip(headings, rows, strict=True))


def choose_dates(at, start: date, end: date):
    at.radio(key="sum_how").set_value("dates").run()
    at.date_input(key="sum_start").set_value(start).run()
    return at.date_input(key="sum_end").set_value(end).run()


def test_the_summary_counts_exactly_a_period_that_cuts_through_records(team, admin):
    actions_of_spring(team, admin)
    at = choose_dates(open_page(team, "social", PAGE, SUMMARY), date(2026, 3, 1), date(2026, 4, 30))
    assert summary_tables(at) == {
        HOUSEHOLDS_HEADING: [
            ("Ménages accueillis", 0, 0),
            ("Ménages suivis", 0, 0),
            ("Ménages relogés", 0, 0),
        ],  # the files were opened on 15/06
        "**Médiations** : 2 au total": SPRING["Médiations"],
        "**Plans d'apurement** : 1 au total": SPRING["Plans d'apurement"],
        "**Demandes FSL déposées** : 1 au total": SPRING["Demandes FSL déposées"],
        f"**Aides FSL accordées** : 1 au total, 600,00{NBSP}€ accordés": SPRING[
            "Aides FSL accordées"
        ],
        "**Autres actions** : 3 au total": SPRING["Autres actions"],
    }
    said = " ".join(c.value for c in tab(at, "Actions et solutions trouvées").caption)
    assert "du 01/03/2026 au 30/04/2026 (premier et dernier jours compris)" in said
    assert "plans dont la première mensualité tombe dans la période" in said


def test_the_summary_shows_the_current_year_by_default(team, admin):
    actions_of_spring(team, admin)
    at = open_page(team, "direction", PAGE, SUMMARY)
    tables = summary_tables(at)
    assert tables["**Médiations** : 4 au total"][2:4] == [("Bailleur social", 1), ("Huissier", 3)]
    assert tables["**Plans d'apurement** : 2 au total"] == [("Plans d'apurement mis en place", 2)]
    assert tables["**Demandes FSL déposées** : 3 au total"][:2] == [
        ("Demandes FSL accès déposées", 1),
        ("Demandes FSL maintien déposées", 1),
    ]
    assert tables[HOUSEHOLDS_HEADING] == [
        ("Ménages accueillis", 2, 2),
        ("Ménages suivis", 2, 2),
        ("Ménages relogés", 0, 0),
    ]
    assert tables["**Autres actions** : 4 au total"][3:] == [
        ("Ouverture ou rétablissement de droits", 2),
        ("Saisine d'un service de santé", 1),
        ("Accompagnement physique au tribunal", 1),
    ]
    at.selectbox(key="sum_year").set_value(2025).run()
    assert all(row[1] == 0 for rows in summary_tables(at).values() for row in rows)


def exports_logged(database) -> list[tuple]:
    with database.reading() as cur:
        return cur.execute(
            "SELECT username, entity, detail FROM access_log WHERE action = 'export'"
        ).fetchall()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_summary_export_is_logged_and_offered(team, admin, kind):
    actions_of_spring(team, admin)
    at = choose_dates(
        open_page(team, "direction", PAGE, SUMMARY), date(2026, 3, 1), date(2026, 4, 30)
    )
    at.radio(key="actions-solutions_kind").set_value(kind).run()
    at.button(key="actions-solutions_prepare").click().run()
    assert not at.exception and not at.error
    assert [b.proto.label for b in at.get("download_button")] == ["Télécharger le fichier"]
    assert at.status[0].label.startswith("Export prêt : 20 lignes")
    assert exports_logged(team) == [
        ("direction", "actions_summary", f"{kind}, 20 lignes, du 01/03/2026 au 30/04/2026")
    ]


def test_the_exported_table_says_its_period_on_each_row(team, admin):
    from db.support import reports
    from ui.support import summary

    actions_of_spring(team, admin)
    table = reports.actions_summary(team, date(2026, 3, 1), date(2026, 4, 30), amounts=True)
    exported = summary.export_table(table, "du 01/03/2026 au 30/04/2026")
    assert exported.columns == [
        "Période",
        "Rubrique",
        "Action ou solution",
        "Nombre",
        "Montant accordé (€)",
        "Ce qui est compté",
    ]
    assert exported.row(3) == (
        "du 01/03/2026 au 30/04/2026",
        "Médiations",
        "Huissier",
        2,
        None,
        "médiations datées dans la période, par interlocuteur",
    )
    assert set(exported["Période"]) == {"du 01/03/2026 au 30/04/2026"}


def test_a_reversed_summary_period_is_refused_in_french_and_nothing_exported(team, admin):
    at = choose_dates(
        open_page(team, "direction", PAGE, SUMMARY), date(2026, 5, 1), date(2026, 4, 30)
    )
    summary = tab(at, "Actions et solutions trouvées")
    assert summary.error[0].value == (
        "La fin de la période précède son début : corrigez l'une des deux dates."
    )
    assert not summary.dataframe
    assert "actions-solutions_prepare" not in [b.key for b in at.button]


def test_the_summary_export_is_named_by_its_year(team, admin):
    """« actions-solutions-2025.csv », not the day of export: the button's address is the
    file's id, which Streamlit computes from its bytes, type and name."""
    from streamlit.runtime.memory_media_file_storage import _calculate_file_id

    from db.support import reports
    from ui import exports
    from ui.support import summary

    actions_of_spring(team, admin)
    at = open_page(team, "direction", PAGE, SUMMARY)
    at.selectbox(key="sum_year").set_value(2025).run()
    at.button(key="actions-solutions_prepare").click().run()
    table = reports.actions_summary(team, date(2025, 1, 1), date(2025, 12, 31), amounts=True)
    shown = summary.export_table(table, "du 01/01/2025 au 31/12/2025")
    data, _ = exports.build_file("csv", iter([shown]), lambda _n: None)
    named = _calculate_file_id(data, "text/csv", "actions-solutions-2025.csv")
    assert at.get("download_button")[0].proto.url == f"/mock/media/{named}.csv"
