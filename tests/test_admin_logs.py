"""The « Journaux » tab of Administration: the audit log and the access log, each with its
filters, pages, readable French diffs and export; the access log's purge button."""

from __future__ import annotations

import threading
from datetime import date, datetime

import pytest

import queries
from db import background
from db.audit import write_audit
from db.errors import ValidationFailed
from db.logs import purge as purge_module
from db.logs import reading
from db.logs.describe import describe_diff, shorten
from db.logs.reading import ACCESS, AUDIT, LogFilter
from tests.conftest import open_page

PAGE = "pages/users_admin.py"


def add_audit(database, username, action, entity, entity_id, diff, household_id=None, at=None):
    with database.transaction() as cur:
        write_audit(cur, username, action, entity, entity_id, diff, household_id)
        if at is not None:
            cur.execute(
                "UPDATE audit_log SET occurred_at = ? WHERE id = currval('audit_log_id_seq')", [at]
            )


def add_access(database, at: datetime, username="social", action="read", detail=None) -> None:
    database.cursor().execute(
        "INSERT INTO access_log (occurred_at, username, action, entity, entity_id, detail)"
        " VALUES (?, ?, ?, 'household', '12', ?)",
        [at, username, action, detail],
    )


def table_ending(at, last_column: str):
    (found,) = [d.value for d in at.dataframe if list(d.value.columns)[-1:] == [last_column]]
    return found


def audit_table(at):
    return table_ending(at, "Détail")


def access_table(at):
    return table_ending(at, "Précision")


@pytest.fixture
def logs(demo_database):
    add_audit(
        demo_database, "social", "update", "household", 7, {"commune": ["Bordeaux", "Pessac"]}, 7
    )
    return demo_database


# Readable diffs -----------------------------------------------------------------------


def test_a_diff_reads_as_french():
    diff = {
        "commune": ["Bordeaux", "Pessac"],
        "status": ["actif", "clos"],
        "closed_on": [None, "2026-10-03"],
        "monthly_amount": [450.5, 520],
        "id": [1, 2],
    }
    assert describe_diff("household", diff) == (
        "Commune : Bordeaux → Pessac ; Statut : Actif → Clos ; Clôture : — → 03/10/2026 ; "
        "Montant : 450,50\u202f€ → 520,00\u202f€"
    )


def test_a_creation_says_its_values_and_codes_follow_the_table():
    assert describe_diff(
        "resource", '{"kind": [null, "rsa"], "monthly_amount": [null, 607.75]}'
    ) == ("Type : RSA ; Montant : 607,75\u202f€")
    assert describe_diff("fsl_application", {"kind": [None, "energie"]}) == "Type : Énergie"


def test_accounts_read_with_roles_times_and_masked_passwords():
    diff = {
        "roles": [["accueil"], ["admin", "direction"]],
        "locked_until": ["2026-11-30T13:04:00", None],
        "password_hash": ["***", "***"],
        "active": [True, False],
    }
    assert describe_diff("users", diff) == (
        "Rôles : Accueil → Administration, Direction ; "
        "Verrouillé jusqu'à : 30/11/2026 à 13:04 → — ; "
        "Mot de passe : *** → *** ; Actif : oui → non"
    )


def test_a_long_text_is_shortened_and_an_empty_diff_is_a_dash():
    text = "Entretien " * 20
    said = describe_diff("contact", {"summary": [None, text]})
    assert said.startswith("Résumé : Entretien Entretien") and said.endswith("…")
    assert len(said) < 80
    assert shorten("court") == "court"
    assert describe_diff("household", None) == "—" and describe_diff("household", "{}") == "—"


def test_the_purge_diff_reads_with_its_own_labels():
    diff = {
        "cutoff_on": [None, "2025-11-30"],
        "deleted_rows": [None, 3],
        "retention_months": [None, 12],
    }
    assert describe_diff("access_log", diff) == (
        "Antérieures au : 30/11/2025 ; Lignes supprimées : 3 ; Conservation (mois) : 12"
    )


def test_an_anonymisation_or_an_erasure_reads_as_its_summary():
    anonymised = {"dossiers": [12, 15], "valeurs_retirees": {"household": 4, "person": 6}}
    assert describe_diff("anonymisation", anonymised, action="anonymise") == (
        "Dossiers : 12, 15 ; Valeurs retirées : Ménage : 4, Membre : 6"
    )
    erased = {"lignes_supprimees": {"contact": 3}}
    assert describe_diff("household", erased, action="erase") == "Lignes supprimées : Contact : 3"


# Filters ------------------------------------------------------------------------------


def test_filters_keep_user_entity_action_and_period(database):
    add_audit(
        database,
        "social",
        "update",
        "household",
        1,
        {"commune": ["A", "B"]},
        1,
        datetime(2026, 3, 1, 9),
    )
    add_audit(
        database,
        "social",
        "create",
        "person",
        2,
        {"last_name": [None, "X"]},
        1,
        datetime(2026, 3, 2, 23, 59),
    )
    add_audit(
        database,
        "direction",
        "update",
        "household",
        1,
        {"commune": ["B", "C"]},
        1,
        datetime(2026, 3, 3, 0, 0),
    )

    def ids(**wanted):
        return reading.page(database, AUDIT, LogFilter(**wanted), 50)["entity_id"].to_list()

    assert ids() == ["1", "2", "1"]  # newest first
    assert ids(username="social") == ["2", "1"]
    assert ids(entity="person") == ["2"]
    assert ids(action="update", username="direction") == ["1"]
    assert ids(start_on=date(2026, 3, 2), end_on=date(2026, 3, 2)) == ["2"]
    assert ids(start_on=date(2026, 3, 3)) == ["1"]
    assert reading.count(database, AUDIT, LogFilter(end_on=date(2026, 3, 2))) == 2
    assert reading.codes(database, AUDIT) == {
        "action": ["create", "update"],
        "entity": ["household", "person"],
        "username": ["direction", "social"],
    }


def test_an_upside_down_period_is_refused_in_french(database):
    with pytest.raises(ValidationFailed, match="après sa fin"):
        reading.count(
            database, ACCESS, LogFilter(start_on=date(2026, 3, 2), end_on=date(2026, 3, 1))
        )


# The screen ---------------------------------------------------------------------------


def test_the_tab_shows_both_logs_apart_with_readable_diffs(logs):
    add_access(
        logs,
        datetime(2026, 11, 2, 10, 0),
        username="direction",
        action="export",
        detail="csv, 3 lignes",
    )
    at = open_page(logs, "admin", PAGE, {"onglet": "Journaux"})
    assert not at.exception
    assert {"Journal des modifications", "Journal des accès"} <= {s.value for s in at.subheader}
    audit = audit_table(at)
    assert list(audit.columns) == ["Quand", "Qui", "Action", "Objet", "N°", "Ménage", "Détail"]
    first = audit.iloc[0]
    assert (first["Qui"], first["Action"], first["Objet"]) == (
        "Samia Social (social)",
        "Modification",
        "Ménage",
    )
    assert first["Détail"] == "Commune : Bordeaux → Pessac"
    access = access_table(at)
    assert "Export" in access["Action"].to_list()
    assert "csv, 3 lignes" in access["Précision"].to_list()


def test_the_screen_filters_and_refuses_a_bad_period(logs):
    at = open_page(logs, "admin", PAGE, {"onglet": "Journaux"})
    at.selectbox(key="audit_user").select("social").run()
    at.selectbox(key="audit_action").select("update").run()
    assert set(audit_table(at)["Qui"]) == {"Samia Social (social)"}
    assert set(audit_table(at)["Action"]) == {"Modification"}
    at.date_input(key="audit_start").set_value(date(2026, 3, 2))
    at.date_input(key="audit_end").set_value(date(2026, 3, 1)).run()
    assert any("après sa fin" in e.value for e in at.error)


def test_a_long_log_is_paginated_with_its_count(logs):
    for number in range(60):
        add_audit(logs, "social", "update", "household", number, {"commune": ["A", "B"]})
    total = reading.count(logs, AUDIT, LogFilter())
    assert total > 60
    at = open_page(logs, "admin", PAGE, {"onglet": "Journaux"})
    assert len(audit_table(at)) == 50
    pages = at.number_input(key="audit_page")
    assert pages.label == "Page"
    last = -(-total // 50)
    assert any(f"{total} lignes — page 1 sur {last}" in c.value for c in at.caption)
    pages.set_value(2).run()
    assert any(f"— page 2 sur {last}" in c.value for c in at.caption)
    assert len(audit_table(at)) == min(50, total - 50)


def test_the_audit_log_export_is_offered_and_logged(logs):
    at = open_page(logs, "admin", PAGE, {"onglet": "Journaux"})
    at.button(key="journal-modifications_prepare").click().run()
    assert not at.exception
    logged = (
        logs.cursor()
        .execute("SELECT username, entity, detail FROM access_log WHERE action = 'export'")
        .fetchall()
    )
    total = reading.count(logs, AUDIT, LogFilter())
    assert logged == [("admin", "audit_log", f"csv, {total} lignes")]


def test_the_purge_button_asks_for_a_confirmation_then_purges(logs, monkeypatch):
    # The daily thread app.py starts (once per process) would purge these rows first when
    # this test is the process's first to open a page: the button is what is tested here.
    monkeypatch.setitem(background._started, purge_module.THREAD, threading.current_thread())
    add_access(logs, datetime(2020, 1, 1, 9, 0))
    add_access(logs, datetime(2020, 2, 1, 9, 0))
    at = open_page(logs, "admin", PAGE, {"onglet": "Journaux"})
    button = at.button(key="access_purge")
    assert button.label == "Purger ce qui dépasse la durée de conservation (2 lignes)"
    assert button.disabled
    at.checkbox(key="access_purge_ok").check().run()
    at.button(key="access_purge").click().run()
    assert not at.exception
    assert any("2 ligne(s) supprimée(s)" in s.value for s in at.success)
    old = logs.cursor().execute("SELECT count(*) FROM access_log WHERE occurred_at < '2021-01-01'")
    assert old.fetchone()[0] == 0
    purge = logs.cursor().execute("SELECT username FROM audit_log WHERE action = 'purge'")
    assert purge.fetchall() == [("admin",)]
    assert at.button(key="access_purge").disabled  # nothing left to purge


def test_the_log_queries_read_what_the_screen_shows(database):
    add_audit(database, "social", "update", "household", 1, {"commune": ["A", "B"]}, 1)
    add_access(database, datetime(2026, 3, 1, 9), username="direction")
    wanted = LogFilter().params()
    page = {"limit": 10, "offset": 0}
    assert queries.run(database, "audit/entries", **wanted, **page)["username"].to_list() == [
        "social"
    ]
    assert queries.run(database, "audit/entries_count", **wanted)["total"].to_list() == [1]
    assert queries.run(database, "audit/accesses", **wanted, **page)["username"].to_list() == [
        "direction"
    ]
    assert queries.run(database, "audit/accesses_count", **wanted)["total"].to_list() == [1]
    codes = queries.run(database, "audit/entry_codes").rows()
    assert codes == [("action", "update"), ("entity", "household"), ("username", "social")]
    codes = queries.run(database, "audit/access_codes").rows()
    assert codes == [("action", "read"), ("entity", "household"), ("username", "direction")]
    older = queries.run(database, "audit/access_older_than", cutoff_on=date(2026, 3, 2))
    assert older["total"].to_list() == [1]
    older = queries.run(database, "audit/access_older_than", cutoff_on=date(2026, 3, 1))
    assert older["total"].to_list() == [0]


def test_the_record_columns_of_an_account_creation_read_in_french():
    """Seen on the demo's Journaux: « created_at : 30/11/2026 … » on each account created."""
    diff = {
        "created_at": [None, "2026-11-30T14:59:00"],
        "display_name": [None, "Alice Admin"],
        "email": [None, "admin@association.example"],
    }
    text = describe_diff("users", diff)
    assert "created_at" not in text and "email" not in text
    assert "Créé le : 30/11/2026 à 14:59" in text
