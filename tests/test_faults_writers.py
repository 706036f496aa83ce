"""Twenty people saving at once, for a bounded time, through the same functions as the
forms: intakes, contacts, changes to a household's general information, support
measures (added and changed), dwellings and leases (signed and ended).

A few records are shared by everyone and edited from the version each writer has just
read, with a pause in between (a person filling a form), so that edits overlap: exactly
one of two edits from the same version wins, the other is refused (StaleRecordError),
never merged silently. Afterwards: every acknowledged write is in the database, each
record's version counts exactly its accepted edits and holds the last one's value, and
each change has exactly one audit row.
"""

from __future__ import annotations

import random
import threading
import time
from collections import defaultdict
from datetime import date, timedelta

import pytest

from db.errors import StaleRecordError
from db.households import writes as households
from db.households.models import ContactIn, HouseholdEdit, IntakeIn
from db.housing import writes as housing
from db.housing.models import DwellingIn, LeaseEndIn, LeaseIn, OwnerIn
from db.rules import Actor
from db.support import writes as support
from db.support.models import MeasureIn
from tests.conftest import intake_fields

WRITERS = 20
SECONDS = 10  # each writer stops starting new saves after this
MOST = 40  # saves per writer at most
JOIN_SECONDS = 120
SHARED = 4  # households, measures and leases everyone edits
SEED = 13
TODAY = date.today()
START = TODAY - timedelta(days=60)


# The saves ---------------------------------------------------------------------------


class Ledger:
    """What the writers were told: each created record, each edit accepted or refused."""

    def __init__(self):
        self.created: list[tuple[str, int]] = []
        self.edits: list[tuple[str, int, int, str, bool]] = []  # entity, id, from, value, won
        self.errors: list[BaseException] = []


def intake(name: str) -> IntakeIn:
    return IntakeIn.model_validate(
        intake_fields(name, "Léa", first_note="Premier accueil.", consent_on=TODAY)
    )


def measure(prescriber: str) -> MeasureIn:
    return MeasureIn(
        kind="asll", prescriber=prescriber, start_on=START, planned_end_on=START + timedelta(180)
    )


def dwelling(owner_id: int, address: str) -> DwellingIn:
    return DwellingIn(
        owner_id=owner_id,
        address=address,
        commune="Bordeaux",
        typology="T2",
        rent="450",
        programme="sous_location",
        entered_on=date(2020, 1, 1),
    )


def version_of(database, table: str, record_id: int) -> tuple[int, object]:
    """The version a form shows, read just before the person starts typing."""
    with database.reading() as cur:
        return cur.execute(
            "SELECT version, "
            + ("end_on" if table == "lease" else "NULL")
            + " FROM "
            + table
            + " WHERE id = ?",
            [record_id],
        ).fetchone()


class Writer:
    """One person: a random mix of saves, each through the forms' own write function."""

    def __init__(self, database, shared: dict, ledger: Ledger, number: int):
        self.db, self.shared, self.ledger = database, shared, ledger
        self.actor = Actor.system(f"ecrivain{number}")
        self.rng = random.Random(SEED * 100 + number)
        self.tag = f"{number}"
        self.own: list[int] = []  # households this writer created, without a lease yet

    def acknowledged(self, entity: str, row: dict) -> dict:
        self.ledger.created.append((entity, row["id"]))
        return row

    def pause(self) -> None:
        time.sleep(self.rng.uniform(0, 0.004))  # typing: others may save meanwhile

    def edit(self, entity: str, record_id: int, base: int, value: str, save) -> None:
        try:
            save()
        except StaleRecordError:
            self.ledger.edits.append((entity, record_id, base, value, False))
        else:
            self.ledger.edits.append((entity, record_id, base, value, True))

    def new_intake(self, n: int) -> None:
        created = households.create_intake(self.db, self.actor, intake(f"Foule{self.tag}x{n}"))
        self.own.append(self.acknowledged("household", created)["id"])

    def contact(self, n: int) -> None:
        hid = self.rng.choice(self.shared["household"] + self.own)
        note = ContactIn(contact_on=TODAY, channel="telephone", summary=f"Appel {self.tag}-{n}")
        self.acknowledged("contact", households.add_contact(self.db, self.actor, hid, note))

    def edit_household(self, n: int) -> None:
        hid = self.rng.choice(self.shared["household"])
        with self.db.reading() as cur:
            current = households.load_household(cur, hid)
        value = f"Commune {self.tag}-{n}"
        fields = {k: current[k] for k in HouseholdEdit.model_fields} | {"commune": value}
        self.pause()
        edit = HouseholdEdit.model_validate(fields)
        self.edit(
            "household",
            hid,
            current["version"],
            value,
            lambda: households.update_household(self.db, self.actor, hid, current["version"], edit),
        )

    def add_measure(self, n: int) -> None:
        hid = self.rng.choice(self.shared["household"] + self.own)
        row = support.add_measure(self.db, self.actor, hid, measure(f"Ajout {self.tag}-{n}"))
        self.acknowledged("support_measure", row)

    def edit_measure(self, n: int) -> None:
        hid, mid = self.rng.choice(self.shared["support_measure"])
        version, _ = version_of(self.db, "support_measure", mid)
        value = f"Prescripteur {self.tag}-{n}"
        self.pause()
        self.edit(
            "support_measure",
            mid,
            version,
            value,
            lambda: support.update_measure(self.db, self.actor, hid, mid, version, measure(value)),
        )

    def sign_lease(self, n: int) -> None:
        if not self.own:
            return self.new_intake(n)
        hid = self.own.pop()
        flat = dwelling(self.shared["owner"], f"{self.tag}-{n} rue")
        flat = self.acknowledged("dwelling", housing.add_dwelling(self.db, self.actor, flat))
        lease = LeaseIn(kind="sous_location", household_id=hid, start_on=START)
        self.acknowledged("lease", housing.sign_lease(self.db, self.actor, flat["id"], lease))

    def end_lease(self, n: int) -> None:
        lid = self.rng.choice(self.shared["lease"])
        version, end_on = version_of(self.db, "lease", lid)
        if end_on is not None:
            return  # the form is no longer offered once the lease has ended
        value = "conge_locataire" if n % 2 else "restitution"
        self.pause()
        end = LeaseEndIn(end_on=TODAY, end_reason=value)
        self.edit(
            "lease",
            lid,
            version,
            value,
            lambda: housing.end_lease(self.db, self.actor, lid, version, end),
        )

    def run(self, stop_at: float) -> None:
        saves = [
            self.new_intake,
            self.contact,
            self.edit_household,
            self.edit_household,
            self.add_measure,
            self.edit_measure,
            self.edit_measure,
            self.sign_lease,
            self.end_lease,
        ]
        for n in range(MOST):
            if time.monotonic() > stop_at:
                return
            try:
                self.rng.choice(saves)(n)
            except Exception as exc:  # noqa: BLE001 - every other error fails the test
                self.ledger.errors.append(exc)


# The shared records ------------------------------------------------------------------


def shared_records(database) -> dict:
    """Households with a measure each, and households with a lease each, that every
    writer edits; one owner for the dwellings writers add."""
    admin = Actor.system("installation")
    owner = housing.add_owner(database, admin, OwnerIn(kind="personne_privee", name="M. Bailleur"))
    shared = {"owner": owner["id"], "household": [], "support_measure": [], "lease": []}
    for i in range(SHARED):
        hid = households.create_intake(database, admin, intake(f"Commun{i}"))["id"]
        shared["household"].append(hid)
        row = support.add_measure(database, admin, hid, measure(f"Initial {i}"))
        shared["support_measure"].append((hid, row["id"]))
        tenant = households.create_intake(database, admin, intake(f"Locataire{i}"))["id"]
        flat = housing.add_dwelling(database, admin, dwelling(owner["id"], f"{i} rue Commune"))
        lease = LeaseIn(kind="sous_location", household_id=tenant, start_on=START)
        shared["lease"].append(housing.sign_lease(database, admin, flat["id"], lease)["id"])
    return shared


# The checks --------------------------------------------------------------------------

COLUMN = {"household": "commune", "support_measure": "prescriber", "lease": "end_reason"}
ACTION = {"household": "update", "support_measure": "update", "lease": "end"}


def audit_count(cur, action: str, entity: str, entity_id: int) -> int:
    return cur.execute(
        "SELECT count(*) FROM audit_log WHERE action = ? AND entity = ? AND entity_id = ?",
        [action, entity, str(entity_id)],
    ).fetchone()[0]


def check_edits(cur, edits) -> None:
    """Per record: no two accepted edits from one version (a lost update), its version
    counts its accepted edits, it holds the last one's value, one audit row each."""
    by_record = defaultdict(list)
    for entity, record_id, base, value, won in edits:
        by_record[entity, record_id].append((base, value, won))
    for (entity, record_id), tries in by_record.items():
        won = sorted((base, value) for base, value, ok in tries if ok)
        bases = [base for base, _ in won]
        assert bases == list(range(1, len(won) + 1)), (entity, record_id, bases)
        version, value = cur.execute(
            "SELECT version, " + COLUMN[entity] + " FROM " + entity + " WHERE id = ?",
            [record_id],
        ).fetchone()
        assert version == 1 + len(won), (entity, record_id)
        if won:
            assert value == won[-1][1], (entity, record_id)
        assert audit_count(cur, ACTION[entity], entity, record_id) == len(won), (entity, record_id)


def check_created(cur, created) -> None:
    """Every acknowledged creation is there, with exactly one 'create' audit row."""
    for entity, record_id in created:
        found = cur.execute("SELECT count(*) FROM " + entity + " WHERE id = ?", [record_id])
        assert found.fetchone()[0] == 1, (entity, record_id)
        assert audit_count(cur, "create", entity, record_id) == 1, (entity, record_id)


@pytest.mark.timeout(240)
def test_twenty_writers_at_once_lose_nothing_merge_no_stale_edit_and_audit_each_change(
    database,
):
    from db.demo import generate as demo

    demo.create_demo_accounts(database)
    shared = shared_records(database)
    counts_before = table_counts(database)
    ledger = Ledger()
    writers = [Writer(database, shared, ledger, number) for number in range(WRITERS)]
    start = threading.Barrier(WRITERS)

    def body(writer: Writer) -> None:
        start.wait(timeout=30)
        writer.run(time.monotonic() + SECONDS)

    threads = [threading.Thread(target=body, args=(w,)) for w in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "a writer hung"
    assert ledger.errors == []
    with database.reading() as cur:
        check_created(cur, ledger.created)
        check_edits(cur, ledger.edits)
    # Nothing saved but what was acknowledged: each table grew by its acknowledged rows.
    grown = {t: n - counts_before[t] for t, n in table_counts(database).items()}
    acknowledged = {t: sum(1 for e, _ in ledger.created if e == t) for t in counts_before}
    acknowledged["contact"] += acknowledged["household"]  # an intake's first contact
    assert grown == acknowledged
    # The edits really overlapped: some were refused, some accepted, on every kind.
    for entity in COLUMN:
        outcomes = {won for e, _i, _b, _v, won in ledger.edits if e == entity}
        assert outcomes == {True, False}, (entity, outcomes)


def table_counts(database) -> dict[str, int]:
    with database.reading() as cur:
        return {
            table: cur.execute("SELECT count(*) FROM " + table).fetchone()[0]
            for table in ("household", "contact", "support_measure", "dwelling", "lease")
        }
