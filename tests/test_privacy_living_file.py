"""Anonymisation respects the living file: a closed file past retention where something
still runs (a lease, a debt plan in progress, a pending FSL application, an open eviction
procedure or support measure) or that the administrator held back is neither proposed nor
anonymised, and the list says why; an anonymised household keeps no lease (the dwelling
keeps its occupancy) and no free-text prescriber."""

from __future__ import annotations

from datetime import date

import pytest

import queries
from db import clock
from db.demo import generate as demo
from db.errors import ValidationFailed
from db.privacy import anonymise, holds
from tests.privacy_builders import ADMIN, FAR, named_household

STAMP = "now(), 'test', now(), 'test'"
RUNNING = {
    "bail": (
        "INSERT INTO lease (dwelling_id, kind, household_id, start_on, created_at, created_by,"
        " updated_at, updated_by) SELECT min(id), 'sous_location', $hid, DATE '2025-02-03', "
        + STAMP
        + " FROM dwelling",
        "Bail en cours depuis le 03/02/2025 (sous-location)",
    ),
    "plan": (
        "INSERT INTO debt_plan (household_id, creditor, total_debt, instalment, months, start_on,"
        " status, created_at, created_by, updated_at, updated_by) VALUES ($hid, 'Bailleur',"
        " 1200, 100, 12, DATE '2024-05-01', 'en_cours', " + STAMP + ")",
        "Plan d'apurement en cours depuis le 01/05/2024",
    ),
    "fsl": (
        "INSERT INTO fsl_application (household_id, kind, form, amount_requested, submitted_on,"
        " status, created_at, created_by, updated_at, updated_by) VALUES ($hid, 'maintien',"
        " 'subvention', 800, DATE '2024-06-10', 'deposee', " + STAMP + ")",
        "Demande FSL en attente de décision (déposée le 10/06/2024)",
    ),
    "procedure": (
        "INSERT INTO eviction_procedure (household_id, created_at, created_by, updated_at,"
        " updated_by) VALUES ($hid, TIMESTAMP '2024-03-04 10:00:00', 'test', now(), 'test')",
        "Procédure d'expulsion en cours depuis le 04/03/2024",
    ),
    "mesure": (
        "INSERT INTO support_measure (household_id, kind, start_on, planned_end_on, created_at,"
        " created_by, updated_at, updated_by) VALUES ($hid, 'asll', DATE '2024-01-15',"
        " DATE '2024-07-15', " + STAMP + ")",
        "Mesure ASLL en cours depuis le 15/01/2024",
    ),
}


def closed_files(database, count: int) -> list[int]:
    return anonymise.eligible(database, FAR)["id"].to_list()[:count]


@pytest.fixture
def base(database):
    demo.create_demo_database(database, households=60, seed=7)
    return database


@pytest.mark.parametrize("reason", sorted(RUNNING))
def test_a_running_record_holds_the_file_back_and_says_why(base, reason):
    hid = closed_files(base, 1)[0]
    sql, text = RUNNING[reason]
    base.cursor().execute(sql, {"hid": hid})
    assert hid not in anonymise.eligible(base, FAR)["id"].to_list()
    held = anonymise.held_back(base, FAR).filter(id=hid)
    assert held.height == 1 and text in held["reasons"][0]
    cutoff = anonymise.cutoff(base, FAR)
    rows = queries.run(base, "privacy/held_back", cutoff=cutoff, today=FAR).filter(id=hid)
    assert rows["reason"].to_list() == [reason]
    with pytest.raises(ValidationFailed, match="ne peuvent pas être anonymisés"):
        anonymise.anonymise_households(base, ADMIN, [hid])


def test_a_lease_ending_later_still_holds_the_file_back(base):
    hid = closed_files(base, 1)[0]
    base.cursor().execute(RUNNING["bail"][0], {"hid": hid})
    base.cursor().execute(
        "UPDATE lease SET end_on = DATE '2061-01-01' WHERE household_id = ?", [hid]
    )
    assert hid not in anonymise.eligible(base, FAR)["id"].to_list()


def test_the_admin_holds_a_file_back_with_a_reason_then_releases_it(base):
    hid = closed_files(base, 1)[0]
    with pytest.raises(ValidationFailed, match="motif"):
        holds.hold_file(base, ADMIN, hid, "  ")
    holds.hold_file(base, ADMIN, hid, "Contentieux prud'homal en cours")
    assert hid not in anonymise.eligible(base, FAR)["id"].to_list()
    reasons = anonymise.held_back(base, FAR).filter(id=hid)["reasons"][0]
    assert f"Gardé par l'administration le {clock.today():%d/%m/%Y}" in reasons
    assert "Contentieux prud'homal en cours" in reasons
    with pytest.raises(ValidationFailed):
        anonymise.anonymise_households(base, ADMIN, [hid])
    logged = base.cursor().execute(
        "SELECT action, household_id FROM audit_log WHERE entity = 'anonymisation_hold'"
    )
    assert logged.fetchall() == [("create", hid)]
    holds.release_file(base, ADMIN, hid)
    assert hid in anonymise.eligible(base, FAR)["id"].to_list()


def test_an_anonymised_household_keeps_no_lease_nor_prescriber(base):
    hid = named_household(base)
    cur = base.cursor()
    cur.execute(RUNNING["bail"][0], {"hid": hid})
    cur.execute("UPDATE lease SET end_on = DATE '2025-06-30' WHERE household_id = ?", [hid])
    cur.execute(RUNNING["mesure"][0], {"hid": hid})
    cur.execute(
        "UPDATE support_measure SET prescriber = 'Mme Zorglub, CCAS', end_on = DATE '2024-06-01',"
        " end_reason = 'reloge' WHERE household_id = ?",
        [hid],
    )
    lease = cur.execute(
        "SELECT id, dwelling_id, start_on, end_on FROM lease WHERE household_id = ?", [hid]
    ).fetchone()
    anonymise.anonymise_households(base, ADMIN, [hid])
    assert (
        cur.execute("SELECT count(*) FROM lease WHERE household_id = ?", [hid]).fetchone()[0] == 0
    )
    kept = cur.execute(
        "SELECT id, dwelling_id, start_on, end_on, household_id FROM lease WHERE id = ?", [lease[0]]
    )
    assert kept.fetchone() == (*lease, None), "the dwelling keeps its occupancy"
    rehousing = cur.execute(
        "SELECT rehoused_on FROM household_rehousing WHERE household_id = ?", [hid]
    )
    assert rehousing.fetchall() == [(date(2025, 2, 3),)]
    prescriber = cur.execute("SELECT prescriber FROM support_measure WHERE household_id = ?", [hid])
    assert prescriber.fetchall() == [(None,)]
    linked = cur.execute(
        "SELECT count(*) FROM audit_log WHERE entity = 'lease' AND (household_id = $h"
        " OR contains(CAST(diff AS VARCHAR), '\"household_id\": [null, ' || $h || ']'))",
        {"h": hid},
    )
    assert linked.fetchone()[0] == 0
    assert queries.run(base, "privacy/blocked", ids=[hid], today=FAR).height == 0
