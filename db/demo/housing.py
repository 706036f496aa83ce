"""Deterministic demo housing stock and capture pipeline, scaled with the demo's size.

About one dwelling per nine households, each with its owner (mostly private persons and
SCI), its programme, the association's main lease or management mandate over its whole time
in the stock, and household leases one after the other with a few weeks of vacancy between
occupants (end_on is the last day occupied: the next lease starts at least a day later;
every lease within entered_on..left_on, as db/housing/leases.py checks). Some dwellings are
in works since their last tenant left, some left the stock (restitués); some baux glissants
slid as db/housing/writes.record_slide records it: the sublease ends the day before the
slide, a direct lease of the same household starts on it. Each household holds at most one
tenancy (a slid sublease and its direct lease being one); today's tenants have their
housing situation set and dated from their leases. The capture pipeline is in
db/demo/capture.py. Everything is drawn at once with numpy (the stock is small: a tenth of
the households) and loaded in bulk through arrow; ids are given here, then each sequence
is moved past them, as db/demo/support.py does.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from faker import Faker

from db import clock
from db.demo.capture import addresses, leads
from db.demo.draw import NAT, Draw, add_months, frame
from db.demo.people import COMMUNES
from db.demo.support import insert_frame
from db.demo.support_records import SOCIAL_LANDLORDS

HOUSEHOLDS_PER_DWELLING = 9
TABLES = ("owner", "dwelling", "lease", "capture_lead", "capture_stage_event")
AUTHOR = "gestion"
OWNER_KIND = {"personne_privee": 55, "sci": 25, "bailleur_social": 12, "commune": 8}
PROGRAMME = {
    "sous_location": 34,
    "mandat_gestion": 14,
    "bail_glissant": 16,
    "pension_famille": 7,
    "residence_sociale": 7,
    "logement_temporaire": 14,
    "patrimoine_propre": 8,
}
TYPOLOGY = {"T1": 22, "T2": 32, "T3": 26, "T4": 13, "T5": 5, "T6": 2}
SURFACE = {
    "T1": (18, 32),
    "T2": (32, 50),
    "T3": (50, 70),
    "T4": (68, 88),
    "T5": (85, 110),
    "T6": (105, 140),
}
ENERGY = {"A": 2, "B": 6, "C": 20, "D": 32, "E": 24, "F": 11, "G": 5}
END_REASON = {"conge_locataire": 70, "conge_bailleur": 8, "expulsion": 4, "deces": 4, "autre": 14}
SHARES = {"left": 0.10, "works": 0.07, "slide": 0.6}
YEARS = 6
# The tenants of today: the association's subtenants, or (a slid bail glissant) tenants of
# the owner; their housing situation dated from each lease they hold (never before the
# opening of their file). Bulk statements of this module's own text.
TENANTS = (
    "SELECT l.household_id, greatest(l.start_on, h.opened_on) AS from_on, l.created_at,"
    " CASE WHEN l.kind <> 'bail_direct' THEN 'sous_locataire_association'"
    " WHEN o.kind = 'bailleur_social' THEN 'locataire_social' ELSE 'locataire_prive' END"
    " AS situation, l.end_on IS NULL AS current"
    " FROM lease l JOIN household h ON h.id = l.household_id"
    " JOIN dwelling d ON d.id = l.dwelling_id JOIN owner o ON o.id = d.owner_id"
    " WHERE l.household_id IN (SELECT household_id FROM lease WHERE end_on IS NULL)"
)
SITUATIONS = (
    "INSERT INTO housing_situation_event (household_id, situation, from_on, recorded_at,"
    " recorded_by) SELECT household_id, situation, from_on, created_at, '" + AUTHOR + "'"
    " FROM (" + TENANTS + ") ORDER BY household_id, from_on",
    "UPDATE household SET housing_situation = t.situation FROM (" + TENANTS + ") t"
    " WHERE t.current AND household.id = t.household_id",
)


def owners(draw: Draw, count: int, seed: int) -> dict:
    """Owners with French names: persons, SCI, social landlords, communes."""
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    names = np.array([fake.last_name() for _ in range(min(count, 400))], dtype=object)
    kind = draw.choose(OWNER_KIND, count)
    surname = names[draw.rng.integers(0, names.size, count)]
    title = draw.pick(("M.", "Mme"), count)
    commune = np.array([c[0] for c in COMMUNES], dtype=object)[
        draw.rng.integers(0, len(COMMUNES), count)
    ]
    name = np.where(
        kind == "personne_privee",
        title + " " + surname,
        np.where(
            kind == "sci",
            "SCI " + surname,
            np.where(kind == "bailleur_social", draw.pick(SOCIAL_LANDLORDS, count), "Ville de "),
        ),
    ).astype(object)
    name = np.where(kind == "commune", name + commune, name).astype(object)
    phone = np.array(
        [
            f"05 56 {n // 10000:02d} {n // 100 % 100:02d} {n % 100:02d}"
            for n in draw.rng.integers(0, 1_000_000, count)
        ],
        dtype=object,
    )
    person = np.isin(kind, ["personne_privee", "sci"])
    email = np.where(
        person & draw.chance(0.6, count),
        np.char.lower(surname.astype(str)).astype(object) + "@exemple.fr",
        None,
    ).astype(object)
    stamp = draw.stamp(draw.today - draw.days(200, 365 * YEARS + 200, count))
    return {
        "id": np.arange(1, count + 1, dtype=np.int64),
        "kind": kind,
        "name": name,
        "phone": phone,
        "email": email,
        "commune": commune,
        "created_at": stamp,
        "created_by": np.full(count, AUTHOR, dtype=object),
        "updated_at": stamp,
        "updated_by": np.full(count, AUTHOR, dtype=object),
    }


def dwellings(draw: Draw, count: int, owner: dict, streets: np.ndarray) -> dict:
    """The stock: most dwellings there before the demo's six years, the rest entering
    during them; a tenth left (restitués), a few in works (their lease horizon earlier)."""
    today, start = draw.today, draw.today - 365 * YEARS
    owner_index = draw.rng.integers(0, owner["id"].size, count)
    early = draw.chance(0.55, count)
    later = draw.between(np.full(count, start), np.full(count, today - 40))
    entered = np.where(early, start - draw.days(30, 3 * 365, count), later)
    left = draw.chance(SHARES["left"], count) & (entered < today - 500)
    left_on = np.where(left, draw.between(entered + 400, today - 1), NAT)
    works = ~left & draw.chance(SHARES["works"], count)
    typology = draw.choose(TYPOLOGY, count)
    low = np.array([SURFACE[t][0] for t in typology])
    high = np.array([SURFACE[t][1] for t in typology])
    surface = np.round(low + draw.rng.random(count) * (high - low), 1)
    rent = np.round(surface * draw.rng.uniform(8.5, 13.5, count))
    commune = draw.rng.integers(0, len(COMMUNES), count)
    stamp = draw.stamp(np.minimum(entered, today))
    return {
        "id": np.arange(1, count + 1, dtype=np.int64),
        "owner_id": owner["id"][owner_index],
        "address": addresses(draw, streets, count),
        "postal_code": np.array([COMMUNES[c][1] for c in commune], dtype=object),
        "commune": np.array([COMMUNES[c][0] for c in commune], dtype=object),
        "typology": typology,
        "surface": surface,
        "floor": draw.rng.integers(0, 7, count),
        "rent": rent,
        "charges": np.round(surface * draw.rng.uniform(0.8, 2.0, count)),
        "energy_class": draw.choose(ENERGY, count),
        "programme": draw.choose(PROGRAMME, count),
        "entered_on": entered,
        "left_on": left_on,
        "works": works,
        "created_at": stamp,
    }


def tenancies(draw: Draw, d: dict) -> dict:
    """Household leases, round after round over every dwelling: 4 months to 4 years each,
    a few weeks empty between occupants (now and then months of works). A lease running
    past today stays open; past the dwelling's exit or the start of its works, it ends
    then (restitution, or the tenant's leave before the works)."""
    today = draw.today
    count = d["id"].size
    horizon = np.where(
        ~np.isnat(d["left_on"]),
        d["left_on"],
        np.where(d["works"], today - draw.days(20, 200, count), today),
    )
    cursor = d["entered_on"] + draw.days(0, 90, count)
    active = cursor <= horizon
    rows: dict[str, list] = {"dwelling": [], "start_on": [], "end_on": [], "end_reason": []}
    while active.any():
        index = np.flatnonzero(active)
        n = index.size
        start = cursor[index]
        end = start + draw.days(120, 1460, n) - 1
        limit = horizon[index]
        still = (end > today) & (limit == today)
        clipped = ~still & (end >= limit)
        reason = np.where(still, None, draw.choose(END_REASON, n)).astype(object)
        reason[clipped] = np.where(
            np.isnat(d["left_on"][index[clipped]]), "conge_locataire", "restitution"
        )
        end = np.where(still, NAT, np.minimum(end, limit))
        rows["dwelling"].append(index)
        rows["start_on"].append(start)
        rows["end_on"].append(end)
        rows["end_reason"].append(reason)
        gap = np.where(draw.chance(0.1, n), draw.days(90, 240, n), draw.days(7, 50, n))
        cursor[index] = end + 1 + gap
        active[index] = ~still & ~clipped & (cursor[index] <= limit)
    return {key: np.concatenate(values) for key, values in rows.items()}


def with_households(draw: Draw, t: dict, households: pl.DataFrame) -> dict:
    """One household per tenancy, never twice: the tenancies by start paired with
    households by opening day (the earliest leases go to the earliest files). Tenancies
    beyond the number of households are left out (the dwelling stays empty then)."""
    order = np.argsort(t["start_on"], kind="stable")
    kept = order[: min(order.size, households.height)]
    kept = np.sort(kept)
    t = {key: values[kept] for key, values in t.items()}
    by_opening = households.sort(["opened_on", "id"])["id"].to_numpy()
    picked = np.sort(draw.rng.choice(by_opening.size, kept.size, replace=False))
    household = np.empty(kept.size, dtype=np.int64)
    household[np.argsort(t["start_on"], kind="stable")] = by_opening[picked]
    return t | {"household_id": household}


def slides(draw: Draw, t: dict, glissant: np.ndarray) -> dict:
    """Baux glissants: a slide planned 18 months after the start; for some, done between a
    month before and two after (by the lease's end, by today): the sublease ends the day
    before, a direct lease of the household runs from it to the sublease's former end."""
    n = t["start_on"].size
    kind = np.where(glissant, "bail_glissant", "sous_location").astype(object)
    planned = np.where(glissant, add_months(t["start_on"], 18), NAT)
    slid = planned + draw.days(-30, 60, n)
    last = np.where(np.isnat(t["end_on"]), draw.today, t["end_on"])
    done = glissant & draw.chance(SHARES["slide"], n) & (slid > t["start_on"]) & (slid <= last)
    done &= t["end_reason"] != "restitution"
    direct = np.flatnonzero(done)
    lease = {
        "dwelling": t["dwelling"],
        "household_id": t["household_id"],
        "kind": kind,
        "start_on": t["start_on"],
        "end_on": np.where(done, slid - 1, t["end_on"]),
        "end_reason": np.where(done, "glissement", t["end_reason"]).astype(object),
        "planned_slide_on": planned,
        "slid_on": np.where(done, slid, NAT),
    }
    after = {
        "dwelling": t["dwelling"][direct],
        "household_id": t["household_id"][direct],
        "kind": np.full(direct.size, "bail_direct", dtype=object),
        "start_on": slid[direct],
        "end_on": t["end_on"][direct],
        "end_reason": t["end_reason"][direct],
        "planned_slide_on": np.full(direct.size, NAT),
        "slid_on": np.full(direct.size, NAT),
    }
    return {key: np.concatenate([lease[key], after[key]]) for key in lease}


def leases(draw: Draw, d: dict, households: pl.DataFrame) -> tuple[dict, np.ndarray]:
    """The association's lease of every dwelling, then the household leases; and each
    dwelling's status today."""
    count = d["id"].size
    t = with_households(draw, tenancies(draw, d), households)
    glissant = d["programme"][t["dwelling"]] == "bail_glissant"
    held = slides(draw, t, glissant)
    main = {
        "dwelling": np.arange(count),
        "household_id": np.zeros(count, dtype=np.int64),
        "kind": np.where(d["programme"] == "mandat_gestion", "mandat_gestion", "bail_principal"),
        "start_on": d["entered_on"],
        "end_on": d["left_on"],
        "end_reason": np.where(np.isnat(d["left_on"]), None, "restitution").astype(object),
        "planned_slide_on": np.full(count, NAT),
        "slid_on": np.full(count, NAT),
    }
    rows = {key: np.concatenate([main[key], held[key]]) for key in main}
    order = np.lexsort((rows["start_on"], rows["dwelling"]))
    rows = {key: values[order] for key, values in rows.items()}
    today = draw.today
    covering = (rows["household_id"] > 0) & (rows["start_on"] <= today)
    covering &= np.isnat(rows["end_on"]) | (rows["end_on"] >= today)
    occupied = np.zeros(count, dtype=bool)
    occupied[rows["dwelling"][covering]] = True
    status = np.where(
        ~np.isnat(d["left_on"]),
        "restitue",
        np.where(occupied, "occupe", np.where(d["works"], "travaux", "vacant")),
    ).astype(object)
    dwelling = rows.pop("dwelling")
    rent = d["rent"][dwelling]
    rows["rent"] = np.where(rows["household_id"] > 0, np.round(rent * 0.9), rent)
    rows["household_id"] = np.where(rows["household_id"] > 0, rows["household_id"], -1)
    stamp = draw.stamp(np.minimum(rows["start_on"], today))
    changed = np.where(np.isnat(rows["end_on"]), rows["start_on"], rows["end_on"])
    size = dwelling.size
    return {
        "id": np.arange(1, size + 1, dtype=np.int64),
        "dwelling_id": d["id"][dwelling],
        **rows,
        "created_at": stamp,
        "created_by": np.full(size, AUTHOR, dtype=object),
        "updated_at": draw.later(stamp, np.minimum(changed, today)),
        "updated_by": np.full(size, AUTHOR, dtype=object),
    }, status


def empty(column: str) -> pl.Expr:
    """An id column where -1 stands for none: NULL."""
    return pl.when(pl.col(column) > 0).then(pl.col(column)).alias(column)


def stock_frames(draw: Draw, households: pl.DataFrame, seed: int) -> dict[str, pl.DataFrame]:
    count = max(4, households.height // HOUSEHOLDS_PER_DWELLING)
    fake = Faker("fr_FR")
    fake.seed_instance(seed + 1)
    streets = np.array([fake.street_name() for _ in range(300)], dtype=object)
    owner = owners(draw, max(3, count * 7 // 10), seed)
    d = dwellings(draw, count, owner, streets)
    lease, status = leases(draw, d, households)
    del d["works"]
    d |= {
        "status": status,
        "created_by": np.full(count, AUTHOR, dtype=object),
        "updated_at": draw.later(d["created_at"], np.full(count, draw.today)),
        "updated_by": np.full(count, AUTHOR, dtype=object),
    }
    lead, event = leads(draw, d, owner, lease, streets)
    frames = {"owner": frame(owner), "dwelling": frame(d)}
    frames["lease"] = frame(lease).with_columns(empty("household_id"))
    incentives = lead.pop("incentives")
    frames["capture_lead"] = frame(lead).with_columns(
        empty("owner_id"),
        empty("dwelling_id"),
        pl.Series("incentives", incentives, dtype=pl.List(pl.String)),
    )
    frames["capture_stage_event"] = frame(event)
    return frames


def create_demo_housing(database, seed: int = 42) -> dict[str, int]:
    """Draw and load the stock, its leases and the capture pipeline; the rows per table."""
    today = np.datetime64(clock.today(), "D")
    now = np.datetime64(clock.now(), "us")
    draw = Draw(np.random.default_rng([seed, 9]), today, now)
    with database.reading() as cur:
        households = cur.sql("SELECT id, opened_on FROM household ORDER BY id").pl()
        if any(cur.execute("SELECT count(*) FROM " + t).fetchone()[0] for t in TABLES):
            raise RuntimeError("The demo housing stock goes into a database without one.")
    frames = stock_frames(draw, households, seed)
    with database.transaction() as cur:
        for table in TABLES:
            insert_frame(cur, table, frames[table])
        # DuckDB has no setval: draw the ids the bulk load used from the sequences.
        for table in TABLES:
            cur.execute(
                "SELECT count(nextval('" + table + "_id_seq')) FROM range($n)",
                {"n": frames[table].height},
            )
        for statement in SITUATIONS:
            cur.execute(statement)
    return {table: frames[table].height for table in TABLES}
