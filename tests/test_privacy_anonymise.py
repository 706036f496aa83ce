"""Retention: anonymisation of closed files on the demo data. Every figure of the
dashboard and of « Actions et solutions trouvées » is the same before and after, and no
name, phone or e-mail of an anonymised household is left in any text column of the file
(audit log included); the dry run counts exactly what goes; erasure deletes everything."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import queries
import queries.kpi as kpis
from db import clock
from db.demo import generate as demo
from db.errors import PermissionDeniedError, ValidationFailed
from db.privacy import anonymise, erase, scrub
from db.rules import Actor
from db.support.reports import actions_summary
from queries.kpi import periods
from tests.conftest import head_of
from tests.privacy_builders import ADMIN, EMAIL, FAR, NAMES, NEW_PHONE, PHONE, named_household

DAY = date(2026, 11, 30)  # every closed file is past retention on that day


def figures(database) -> list:
    def run(name, **params):
        return queries.run(database, name, **params)

    today = clock.today()
    chosen = [
        periods.year(today.year - 1, today),
        periods.year(today.year - 3, today),
        periods.rolling_year(today),
        periods.quarter(today.year, 1, today),
        periods.three_years(today.year - 1, today),
    ]
    since = date(today.year - 6, 1, 1)
    values = []
    for period in chosen:
        for kpi in kpis.registry():
            result = kpis.compute(run, kpi, period, kpis.Filters(), since)
            values.append((kpi.name, result.value, result.previous, result.frame.to_dicts()))
        start, end = period.windows()[0]
        values.append(("actions", actions_summary(database, start, end).to_dicts()))
        # The stock's occupancy, dwelling by dwelling: the leases stay the dwellings'.
        occupancy = run("housing/occupancy", start=start, end=end)
        values.append(("occupancy", occupancy.to_dicts()))
    return values


def needles(database, ids: list[int]) -> set[str]:
    """Names, phones and e-mails of these households that no other row holds: a word also
    found outside them (a street named after a person, a worker's name) is left out."""
    found = (
        database.cursor()
        .execute(
            "SELECT last_name FROM person WHERE household_id IN (SELECT unnest($ids))"
            " UNION SELECT first_name FROM person WHERE household_id IN (SELECT unnest($ids))"
            " UNION SELECT phone FROM household WHERE id IN (SELECT unnest($ids))"
            " UNION SELECT email FROM household WHERE id IN (SELECT unnest($ids))",
            {"ids": ids},
        )
        .fetchall()
    )
    # An intake without consent already holds « Anonyme », « Personne 1 »…: no one's name.
    words = {v.lower() for (v,) in found if v and not v.startswith(("Anonyme", "Personne "))}
    elsewhere = {word for _t, _c, word in scan(database, words, outside=ids)}
    return {w for w in words if w not in elsewhere and json.dumps(w)[1:-1] not in elsewhere}


# Rows that belong to the households `$ids`: theirs, and the audit rows about them.
THEIRS = {
    "household": "id IN (SELECT unnest($ids))",
    "audit_log": "id IN (SELECT id FROM (" + queries.all_queries()["privacy/audit_rows"].sql + "))",
}


def scan(database, words: set[str], outside: list[int] | None = None) -> list[tuple]:
    """Every text column of every table (VARCHAR, JSON, lists), searched for each word,
    as written and as JSON escapes it (« é » written \\u00e9 in the audit diffs).
    `outside`: rows belonging to these households are not searched."""
    forms = sorted(words | {json.dumps(word)[1:-1] for word in words})
    cur = database.cursor()
    columns = cur.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE database_name ="
        " current_database() AND schema_name = 'main' AND (data_type IN ('VARCHAR', 'JSON')"
        " OR data_type LIKE 'VARCHAR[]%')"
    ).fetchall()
    with_household = set(erase.household_tables(cur))
    hits = []
    for table, column in columns:
        sql = (
            f'SELECT DISTINCT w FROM "{table}", unnest($forms) AS t(w)'
            f' WHERE contains(lower(CAST("{column}" AS VARCHAR)), w)'
        )
        params = {"forms": forms}
        if outside is not None and (table in THEIRS or table in with_household):
            mine = THEIRS.get(table, "household_id IN (SELECT unnest($ids))")
            sql += f" AND NOT coalesce({mine}, false)"
            params["ids"] = outside
        hits += [(table, column, w) for (w,) in cur.execute(sql, params).fetchall()]
    return hits


def birth_dates(database, ids: list[int]) -> dict:
    sql = "SELECT id, birth_date FROM person WHERE household_id IN (SELECT unnest($ids))"
    return dict(database.cursor().execute(sql, {"ids": ids}).fetchall())


def test_every_table_of_a_household_has_a_decision(database):
    tables = set(erase.household_tables(database.cursor())) | {"audit_log"}
    decided = (set(scrub.SCRUB) - {"household"}) | scrub.KEPT_AS_IS
    assert tables == decided, "a new table holds a household_id: say what anonymising does to it"


def test_figures_stay_and_no_personal_value_remains(database):
    demo.create_demo_database(database, households=300, seed=7)
    named = named_household(database)
    before = figures(database)
    ids = anonymise.eligible(database, FAR)["id"].to_list()
    assert named in ids and len(ids) > 100
    words = needles(database, ids) | {n.lower() for n in NAMES} | {PHONE, NEW_PHONE, EMAIL}
    assert len(words) > 50
    assert scan(database, {n.lower() for n in NAMES}), "the scan finds the names before"
    births = birth_dates(database, ids)
    stock_states = (
        database.cursor()
        .execute("SELECT id, dwelling_state(id, DATE '2024-06-30') FROM dwelling ORDER BY id")
        .fetchall()
    )
    leased = database.cursor().execute(
        "SELECT count(*) FROM lease WHERE household_id IN (SELECT unnest($ids))", {"ids": ids}
    )
    assert leased.fetchone()[0] > 10, "anonymised households had leases"

    counts = anonymise.anonymise_households(database, ADMIN, ids)

    # Written outside the base, so that a restore of an older backup reminds it.
    journal = (Path(database.path).parent / "anonymisations.journal").read_text()
    assert f'"menages": {len(ids)}' in journal
    assert scan(database, words) == []
    assert figures(database) == before
    states = "SELECT id, dwelling_state(id, DATE '2024-06-30') FROM dwelling ORDER BY id"
    assert database.cursor().execute(states).fetchall() == stock_states
    after = birth_dates(database, ids)
    assert all(after[i] == (None if b is None else date(b.year, 1, 1)) for i, b in births.items())
    assert counts["audit_log"] > 0 and counts["contact"] > 0
    logged = (
        database.cursor()
        .execute("SELECT diff FROM audit_log WHERE action = 'anonymise'")
        .fetchone()[0]
    )
    assert json.loads(logged)["valeurs_retirees"] == counts
    assert anonymise.eligible(database, FAR).height == 0
    left = database.cursor().execute(
        "SELECT count(*) FROM lease WHERE household_id IN (SELECT unnest($ids))", {"ids": ids}
    )
    assert left.fetchone()[0] == 0, "no link from an anonymised household to an address"
    header = queries.run_one(database, "households/header", household_id=named)
    assert header["anonymous"] and header["head_name"] == "ANONYME"


def test_dry_run_counts_what_goes_and_changes_nothing(database):
    demo.create_demo_database(database, households=60, seed=7)
    named = named_household(database)
    version = database.data_version
    counts = anonymise.dry_run(database, [named])
    assert database.data_version == version
    assert scan(database, {NAMES[0].lower()})
    # head name, address, phone, e-mail; 2 persons × (last, first, birth date of the child)
    assert counts["household"] == 4 and counts["person"] == 5 and counts["contact"] == 3
    assert anonymise.anonymise_households(database, ADMIN, [named]) == counts
    assert anonymise.dry_run(database, [named]) == dict.fromkeys(counts, 0)


def test_only_an_admin_and_only_closed_files(database):
    demo.create_demo_database(database, households=30, seed=7)
    active = (
        database.cursor()
        .execute("SELECT id FROM household WHERE status = 'actif' LIMIT 1")
        .fetchone()[0]
    )
    with pytest.raises(ValidationFailed):
        anonymise.anonymise_households(database, ADMIN, [active])
    with pytest.raises(PermissionDeniedError):
        anonymise.anonymise_households(database, Actor("d", "D", frozenset({"direction"})), [1])
    with pytest.raises(ValidationFailed):
        erase.erase_household(database, ADMIN, active)


def test_erasure_deletes_everything_and_logs_no_personal_value(database):
    demo.create_demo_database(database, households=30, seed=7)
    named = named_household(database)
    head = head_of(database, named)
    number = queries.run_one(database, "households/header", household_id=named)["file_number"]
    counts = erase.erase_household(database, ADMIN, named)
    cur = database.cursor()
    for table in erase.household_tables(cur):
        left = cur.execute("SELECT count(*) FROM " + table + " WHERE household_id = ?", [named])
        assert left.fetchone()[0] == 0, table
    assert cur.execute("SELECT count(*) FROM household WHERE id = ?", [named]).fetchone()[0] == 0
    assert cur.execute("SELECT count(*) FROM person WHERE id = ?", [head]).fetchone()[0] == 0
    assert scan(database, {n.lower() for n in NAMES} | {PHONE, NEW_PHONE, EMAIL}) == []
    line = cur.execute("SELECT diff FROM audit_log WHERE action = 'erase'").fetchone()[0]
    assert number not in line and json.loads(line)["lignes_supprimees"] == counts
    assert counts["person"] == 2 and counts["contact"] == 2


def test_eligible_files_at_the_retention_boundary(database):
    """A closed file whose last contact is exactly at the cutoff stays; a day before, it is
    listed; the closing date counts when there is no contact; open files never."""
    demo.create_demo_database(database, households=60, seed=7)
    cutoff = anonymise.cutoff(database, DAY)
    assert cutoff == date(2024, 11, 30)  # retention_years: 2
    listed = queries.run(database, "privacy/eligible", cutoff=cutoff, today=DAY)
    assert listed.height == anonymise.eligible(database, DAY).height > 0
    cur = database.cursor()
    for row in listed.iter_rows(named=True):
        assert (row["last_contact_on"] or row["closed_on"]) < cutoff
    hid, last = listed.row(0)[0], listed.row(0)[3] or listed.row(0)[2]
    same_day = queries.run(database, "privacy/eligible", cutoff=last, today=DAY)
    assert hid not in same_day["id"].to_list()
    after = date.fromordinal(last.toordinal() + 1)
    later = queries.run(database, "privacy/eligible", cutoff=after, today=DAY)
    assert hid in later["id"].to_list()
    statuses = cur.execute(
        "SELECT DISTINCT status FROM household WHERE id IN (SELECT unnest($ids))",
        {"ids": listed["id"].to_list()},
    ).fetchall()
    assert statuses == [("clos",)]
    closed = queries.run(database, "privacy/closed_files", term=None, limit=None)
    assert set(listed["id"]) <= set(closed["id"])
    assert (
        closed.height
        == cur.execute("SELECT count(*) FROM household WHERE status = 'clos'").fetchone()[0]
    )
