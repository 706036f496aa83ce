"""Deterministic demo data: accounts, and households over 6 years, any size.

The same seed and size always give the same data. Rows are drawn in Python from
pools and loaded in bulk through polars, so a million households stay within minutes.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import cache

import polars as pl

from db import clock
from db.accounts import users
from db.audit import write_audit
from db.demo.housing import create_demo_housing
from db.demo.people import (
    CONTACT_SUMMARIES,
    PRIVATE_NOTES,
    Pools,
    draw_pools,
    phone_number,
    pick_commune,
)
from db.demo.support import create_demo_support
from db.households.search import refresh_all_search_keys
from db.households.spans import rebuild_spans
from db.rules import Actor

DEMO_PASSWORD = "demo-habiter"
DEMO_ACCOUNTS = (
    ("admin", "Alice Admin", ["admin"]),
    ("direction", "Dominique Directrice", ["direction"]),
    ("social", "Samia Social", ["travailleur_social"]),
    ("accueil", "Anne Accueil", ["accueil"]),
    ("gestion", "Gilles Gestion", ["gestion_locative"]),
    ("analyste", "Arthur Analyste", ["analyste"]),
)
# Colleagues of `social`, so that caseloads are shared as in a real team.
DEMO_WORKERS = (("mlefevre", "Marion Lefèvre"), ("kbenali", "Karim Benali"))
YEARS = 6
CHUNK = 50_000

FAMILY_WEIGHTS = {"isole": 45, "monoparentale": 25, "couple_enfants": 15, "couple": 8, "autre": 7}
SITUATION_WEIGHTS = {
    "heberge_tiers": 22,
    "hebergement_urgence": 15,
    "sans_domicile": 8,
    "logement_indigne": 6,
    "locataire_prive": 22,
    "locataire_social": 12,
    "sous_locataire_association": 12,
    "proprietaire": 1,
    "autre": 2,
}
PRESCRIBER_WEIGHTS = {
    "service_social_departemental": 25,
    "ccas": 18,
    "siao": 15,
    "ccapex": 10,
    "bailleur_social": 8,
    "caf": 6,
    "hopital": 3,
    "spontanee": 12,
    "autre": 3,
}
ADULT_INCOME = {  # kind: (weight, lowest, highest monthly amount)
    "rsa": (34, 560, 640),
    "salaire": (26, 700, 1900),
    "aah": (10, 900, 1016),
    "are": (10, 550, 1300),
    "retraite": (8, 650, 1400),
    "sans_ressources": (12, 0, 0),
}
CLOSE_WEIGHTS = {
    "reloge": 35,
    "objectifs_atteints": 25,
    "relais_partenaire": 12,
    "abandon": 15,
    "demenagement": 8,
    "autre": 5,
}


def weighted(rng: random.Random, weights: dict) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@cache
def demo_password_hash() -> str:
    """bcrypt is slow on purpose: the demo accounts share one hash of their shared password."""
    return users.hash_password(DEMO_PASSWORD)


def create_demo_accounts(database) -> None:
    system = Actor.system("demo")
    accounts = list(DEMO_ACCOUNTS) + [(u, n, ["travailleur_social"]) for u, n in DEMO_WORKERS]
    for username, name, roles in accounts:
        email = f"{username}@association.example"
        users.create_user(
            database,
            system,
            users.NewUser(
                username=username,
                display_name=name,
                email=email,
                roles=roles,
                password=DEMO_PASSWORD,
            ),
            password_hash=demo_password_hash(),
        )


class HouseholdDrawer:
    """Draws one household at a time with its members, resources and contacts."""

    def __init__(self, seed: int, today: date, households: int):
        self.rng = random.Random(seed)
        self.pools: Pools = draw_pools(seed)
        self.today = today
        self.start = today - timedelta(days=365 * YEARS)
        self.days_per_household = 365 * YEARS / max(households, 1)
        self.referents = ["social"] + [u for u, _ in DEMO_WORKERS]
        self.person_id = 0
        self.contact_id = 0
        self.numbers: dict[int, int] = {}

    def file_number(self, opened: date) -> str:
        self.numbers[opened.year] = self.numbers.get(opened.year, 0) + 1
        return f"{opened.year}-{self.numbers[opened.year]:04d}"

    def day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def draw(self, household_id: int, out: dict[str, list]) -> None:
        rng = self.rng
        # Intakes spread evenly over the years, in id order, so file numbers follow dates.
        opened = self.start + timedelta(days=int((household_id - 1) * self.days_per_household))
        family = weighted(rng, FAMILY_WEIGHTS)
        anonymous = rng.random() < 0.04
        members = self.members(family, opened, anonymous)
        commune, postal_code = pick_commune(rng)
        age_days = (self.today - opened).days
        # Most files close within a year or two; those still open are followed right now.
        closed = age_days > 180 and rng.random() < (0.92 if age_days > 365 else 0.5)
        contacts = self.contacts(household_id, opened, out, followed_now=not closed)
        last_contact = max(contacts)
        situation = weighted(rng, SITUATION_WEIGHTS)
        head = members[0]
        out["household"].append(
            {
                "id": household_id,
                "file_number": self.file_number(opened),
                "status": "clos" if closed else "actif",
                "referent": rng.choice(self.referents),
                "postal_code": postal_code,
                "commune": commune,
                "head_name": f"{head['last_name'].upper()} {head['first_name']}",
                "address": None if anonymous else rng.choice(self.pools.streets),
                "phone": None if anonymous else phone_number(rng),
                "email": None,
                "family_type": family,
                "housing_situation": situation,
                "prescriber": weighted(rng, PRESCRIBER_WEIGHTS),
                "request_type": "maintien"
                if situation.startswith(("locataire", "sous_loc")) and rng.random() < 0.8
                else "acces",
                "consent_on": None if anonymous else opened,
                "anonymous": anonymous,
                "opened_on": opened,
                "closed_on": last_contact if closed else None,
                "close_reason": weighted(rng, CLOSE_WEIGHTS) if closed else None,
            }
        )
        for member in members:
            self.person_id += 1
            out["person"].append({"id": self.person_id, "household_id": household_id, **member})
            self.resources(household_id, self.person_id, member, family, out)

    def members(self, family: str, opened: date, anonymous: bool) -> list[dict]:
        rng = self.rng
        adults = 2 if family in ("couple", "couple_enfants") else 1
        adults += 1 if family == "autre" else 0
        children = (
            rng.choice((1, 1, 2, 2, 3, 4)) if family in ("monoparentale", "couple_enfants") else 0
        )
        last_name = rng.choice(self.pools.last_names)
        head_sex = "F" if family == "monoparentale" and rng.random() < 0.85 else rng.choice("FM")
        oldest = 55 if children else 75  # parents of minors are rarely older
        people = [self.person("chef_menage", head_sex, last_name, opened, 20, oldest)]
        if adults >= 2:
            role = "conjoint" if family.startswith("couple") else "autre_adulte"
            people.append(
                self.person(role, "M" if head_sex == "F" else "F", last_name, opened, 20, oldest)
            )
        if adults == 3:
            people.append(self.person("autre_adulte", rng.choice("FM"), last_name, opened, 18, 80))
        people += [
            self.person("enfant", rng.choice("FM"), last_name, opened, 0, 17)
            for _ in range(children)
        ]
        if anonymous:
            for index, person in enumerate(people, start=1):
                person.update(last_name="Anonyme", first_name=f"Personne {index}", birth_date=None)
        return people

    def person(self, role, sex, last_name, opened, youngest, oldest) -> dict:
        names = self.pools.female_first_names if sex == "F" else self.pools.male_first_names
        age_days = self.rng.randint(youngest * 365 + 30, oldest * 365 + 300)
        return {
            "role": role,
            "last_name": last_name,
            "first_name": self.rng.choice(names),
            "birth_date": opened - timedelta(days=age_days),
            "sex": sex,
        }

    def resources(self, household_id, person_id, member, family, out) -> None:
        rng = self.rng
        rows = []
        if member["role"] in ("chef_menage", "conjoint", "autre_adulte"):
            kind = rng.choices(list(ADULT_INCOME), [w for w, _, _ in ADULT_INCOME.values()])[0]
            _weight, low, high = ADULT_INCOME[kind]
            rows.append((kind, rng.randint(low, high)))
        if member["role"] == "chef_menage":
            if family in ("monoparentale", "couple_enfants"):
                rows.append(("prestations_familiales", rng.randint(140, 520)))
            if rng.random() < 0.5:
                rows.append(("apl", rng.randint(180, 420)))
            if family == "monoparentale" and rng.random() < 0.3:
                rows.append(("pension_alimentaire", rng.randint(80, 300)))
        for kind, amount in rows:
            out["resource"].append(
                {
                    "household_id": household_id,
                    "person_id": person_id,
                    "kind": kind,
                    "monthly_amount": float(amount),
                }
            )

    def contacts(self, household_id: int, opened: date, out, followed_now: bool) -> list[date]:
        rng = self.rng
        days = sorted(
            self.day_between(opened, min(self.today, opened + timedelta(days=720)))
            for _ in range(rng.randint(1, 8))
        )
        days[0] = opened
        if followed_now:  # an open file has been seen in the last four months
            days.append(self.day_between(max(opened, self.today - timedelta(days=120)), self.today))
        for day in days:
            out["contact"].append(
                {
                    "household_id": household_id,
                    "contact_on": day,
                    "channel": rng.choice(
                        (
                            "entretien",
                            "entretien",
                            "telephone",
                            "visite_domicile",
                            "courrier",
                            "accompagnement",
                        )
                    ),
                    "author": rng.choice(self.referents + ["accueil"]),
                    "summary": rng.choice(CONTACT_SUMMARIES),
                    "private_note": rng.choice(PRIVATE_NOTES) if rng.random() < 0.08 else None,
                }
            )
        return days


def insert_rows(cur, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    frame = pl.DataFrame(rows, infer_schema_length=None)
    columns = ", ".join(frame.columns)
    cur.register("demo_rows", frame.to_arrow())
    # Table and column names come from this module's own dicts, never from input.
    cur.execute("INSERT INTO " + table + " (" + columns + ") SELECT " + columns + " FROM demo_rows")
    cur.unregister("demo_rows")


def create_demo_households(database, households: int = 1500, seed: int = 42, progress=None) -> None:
    """Draw `households` households and load them chunk by chunk, then index their search."""
    drawer = HouseholdDrawer(seed, clock.today(), households)
    now = clock.now()
    for first in range(1, households + 1, CHUNK):
        out = {"household": [], "person": [], "resource": [], "contact": []}
        for household_id in range(first, min(first + CHUNK, households + 1)):
            drawer.draw(household_id, out)
        for row in out["household"]:
            row.update(created_at=now, created_by="demo", updated_at=now, updated_by="demo")
        for row in out["contact"]:
            row["created_at"] = now
        with database.transaction() as cur:
            for table, rows in out.items():
                insert_rows(cur, table, rows)
        if progress:
            progress(min(first + CHUNK - 1, households), households)
    finish_demo_load(database, drawer, households)


def record_demo_history(cur) -> None:
    """The dated history the bulk load leaves out: openings, closings (and the periods of
    follow-up drawn from them), housing situations at intake, resources received since the
    opening."""
    cur.execute(
        "INSERT INTO household_status_event (household_id, event, occurred_on, recorded_at,"
        " recorded_by) SELECT id, 'ouverture', opened_on, created_at, created_by FROM household"
    )
    cur.execute(
        "INSERT INTO household_status_event (household_id, event, occurred_on, close_reason,"
        " recorded_at, recorded_by) SELECT id, 'cloture', closed_on, close_reason, updated_at,"
        " updated_by FROM household WHERE status = 'clos'"
    )
    rebuild_spans(cur)
    cur.execute(
        "INSERT INTO housing_situation_event (household_id, situation, from_on, recorded_at,"
        " recorded_by) SELECT id, housing_situation, opened_on, created_at, created_by"
        " FROM household"
    )
    cur.execute(
        "UPDATE resource SET valid_from = h.opened_on FROM household h"
        " WHERE h.id = resource.household_id"
    )


def finish_demo_load(database, drawer: HouseholdDrawer, households: int) -> None:
    with database.transaction() as cur:
        # DuckDB has no setval: draw the ids the bulk load used from the sequences.
        cur.execute("SELECT count(nextval('household_id_seq')) FROM range($n)", {"n": households})
        cur.execute(
            "SELECT count(nextval('person_id_seq')) FROM range($n)", {"n": drawer.person_id}
        )
        for year, number in drawer.numbers.items():
            cur.execute(
                "INSERT OR REPLACE INTO file_counter VALUES ($year, $number)",
                {"year": year, "number": number},
            )
        record_demo_history(cur)
        refresh_all_search_keys(cur)
        write_audit(
            cur, "demo", "demo_load", "database", "demo", {"households": [None, households]}
        )


def create_demo_database(database, households: int = 1500, seed: int = 42, progress=None):
    create_demo_accounts(database)
    create_demo_households(database, households, seed, progress)
    create_demo_support(database, seed)
    create_demo_housing(database, seed)
