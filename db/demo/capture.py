"""The demo's capture pipeline (db/housing/capture.py), drawn with numpy for the whole stock.

Leads at every stage: each moved forward from « identifié », now and then skipping a
stage, a few days to six weeks between moves, one dated capture_stage_event per move.
Dwellings that entered the stock during the demo's years from a private owner or an SCI
mostly came through the pipeline: their lead reached « convention signée » a few days
before the entry and points at its dwelling and owner, then « mis en location » on the
first household lease. Other leads are still open, or abandoned with a reason after their
last move.
"""

from __future__ import annotations

import numpy as np

from db.demo.draw import NAT, Draw
from db.demo.people import COMMUNES

AUTHOR = "gestion"
STAGES = (
    "identifie",
    "contacte",
    "visite",
    "proposition",
    "negociation",
    "convention_signee",
    "mis_en_location",
)
CONVENTION, LET = 5, 6
# Where the leads that did not become a dwelling stand (or were abandoned).
OPEN_STAGE = {0: 30, 1: 25, 2: 18, 3: 12, 4: 10, 5: 5}
UNKNOWN_KIND = {"personne_privee": 75, "sci": 18, "commune": 4, "bailleur_social": 3}
SOURCE = {"prospection": 30, "bouche_a_oreille": 20, "partenaire": 25, "commune": 10, "annonce": 15}
ABANDON = {
    "loyer_trop_eleve": 28,
    "travaux_trop_importants": 15,
    "proprietaire_renonce": 18,
    "vendu_ou_loue": 17,
    "injoignable": 12,
    "logement_inadapte": 6,
    "autre": 4,
}
INCENTIVES = ("loc1", "loc2", "loc3", "prime", "garantie_loyer")
WORKS = (
    "Remise en peinture",
    "Changement de la chaudière",
    "Mise aux normes électriques",
    "Isolation des combles",
    "Remplacement des menuiseries",
    "Réfection de la salle d'eau",
)
SKIP, ABANDONED = 0.12, 0.45


def addresses(draw: Draw, streets: np.ndarray, size: int) -> np.ndarray:
    numbers, names = draw.rng.integers(1, 180, size), draw.pick(streets, size)
    return np.array([f"{n} {s}" for n, s in zip(numbers, names, strict=True)], dtype=object)


def paths(draw: Draw, final: np.ndarray, must: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each lead, the stages it moved to (a lead × stage mask: the first and the final
    always, `must` stages always, others up to the final skipped now and then) and the
    day of each move, counted from 0 at « identifié »."""
    size = final.size
    stage = np.arange(len(STAGES))
    moved = (stage <= final[:, None]) & (draw.rng.random((size, len(STAGES))) >= SKIP)
    moved |= (stage == 0) | (stage == final[:, None]) | must
    moved &= stage <= final[:, None]
    gaps = draw.rng.integers(3, 46, (size, len(STAGES))) * moved
    gaps[:, 0] = 0
    return moved, np.cumsum(gaps, axis=1)


def leads(draw: Draw, d: dict, owner: dict, lease: dict, streets: np.ndarray):
    """The capture_lead and capture_stage_event columns."""
    today, count = draw.today, d["id"].size
    kind_of = dict(zip(owner["id"].tolist(), owner["kind"].tolist(), strict=True))
    private = np.array([kind_of[o] in ("personne_privee", "sci") for o in d["owner_id"]])
    recent = d["entered_on"] > today - 365 * 6
    converted = np.flatnonzero(private & recent & draw.chance(0.7, count))
    if converted.size == 0:  # a small demo still shows one converted lead
        converted = np.array([int(np.argmax(d["entered_on"]))])
    households = lease["household_id"] > 0
    first_let = np.full(count, today + 1)  # after today: never let yet
    np.minimum.at(first_let, lease["dwelling_id"][households] - 1, lease["start_on"][households])
    c = converted.size
    others = max(8, count * 6 // 5)
    size = c + others
    let = first_let[converted] <= today
    final = np.concatenate(
        [np.where(let, LET, CONVENTION), draw.choose(OPEN_STAGE, others).astype(np.int64)]
    )
    must = np.zeros((size, len(STAGES)), dtype=bool)
    must[:c, CONVENTION] = True
    moved, offset = paths(draw, final, must)
    # Converted: the convention 0 to 20 days before the entry, let on the first lease.
    convention_on = d["entered_on"][converted] - draw.days(0, 20, c)
    last_on = today - draw.days(0, 365 * 6, others)
    origin = np.concatenate(
        [convention_on - offset[:c, CONVENTION], last_on - offset[np.arange(c, size), final[c:]]]
    )
    day = origin[:, None] + offset
    day[:c, LET] = np.where(let, first_let[converted], NAT)
    abandoned = np.concatenate([np.zeros(c, bool), draw.chance(ABANDONED, others)])
    stage_on = day[np.arange(size), final]
    abandoned_on = np.where(abandoned, np.minimum(stage_on + draw.days(5, 60, size), today), NAT)
    lead_id = np.arange(1, size + 1, dtype=np.int64)
    event_lead, event_stage = np.nonzero(moved)
    moved_on = day[event_lead, event_stage]
    event_stamp = draw.stamp(moved_on)

    place = draw.rng.integers(0, len(COMMUNES), size)
    address = addresses(draw, streets, size)
    postal = np.array([COMMUNES[p][1] for p in place], dtype=object)
    commune = np.array([COMMUNES[p][0] for p in place], dtype=object)
    typology = draw.pick(("T1", "T2", "T2", "T3", "T3", "T4", "T5"), size)
    address[:c], postal[:c] = d["address"][converted], d["postal_code"][converted]
    commune[:c], typology[:c] = d["commune"][converted], d["typology"][converted]
    owner_id = np.full(size, -1, dtype=np.int64)
    owner_id[:c] = d["owner_id"][converted]
    known = np.flatnonzero(draw.chance(0.15, size))
    known = known[known >= c]
    owner_id[known] = owner["id"][draw.rng.integers(0, owner["id"].size, known.size)]
    unknown = owner_id < 0
    person_names = owner["name"][owner["kind"] == "personne_privee"]
    pool = person_names if person_names.size else np.array(["M. Martin"], dtype=object)
    market = np.round(draw.rng.uniform(380, 980, size))
    market[:c] = d["rent"][converted] + draw.days(20, 150, c)
    chosen = draw.rng.random((size, len(INCENTIVES))) < 0.3
    created_at = event_stamp[np.searchsorted(event_lead, np.arange(size))]
    changed = np.where(abandoned, abandoned_on, stage_on)
    lead = {
        "id": lead_id,
        "owner_id": owner_id,
        "owner_kind": np.where(unknown, draw.choose(UNKNOWN_KIND, size), None).astype(object),
        "owner_name": np.where(unknown, draw.pick(pool, size), None).astype(object),
        "owner_phone": np.where(unknown, draw.pick(owner["phone"], size), None).astype(object),
        "owner_email": np.full(size, None, dtype=object),
        "address": address,
        "postal_code": postal,
        "commune": commune,
        "typology": typology,
        "proposed_rent": np.round(market * draw.rng.uniform(0.78, 0.95, size)),
        "market_rent": market,
        "works_needed": np.where(draw.chance(0.3, size), draw.pick(WORKS, size), None).astype(
            object
        ),
        "incentives": [[INCENTIVES[k] for k in np.flatnonzero(row)] for row in chosen],
        "source": draw.choose(SOURCE, size),
        "assignee": np.full(size, AUTHOR, dtype=object),
        "stage": np.array(STAGES, dtype=object)[final],
        "stage_on": stage_on,
        "abandoned_on": abandoned_on,
        "abandoned_reason": np.where(abandoned, draw.choose(ABANDON, size), None).astype(object),
        "dwelling_id": np.concatenate([d["id"][converted], np.full(others, -1)]),
        "created_at": created_at,
        "created_by": np.full(size, AUTHOR, dtype=object),
        "updated_at": draw.later(created_at, changed),
        "updated_by": np.full(size, AUTHOR, dtype=object),
    }
    events = {
        "id": np.arange(1, moved_on.size + 1, dtype=np.int64),
        "lead_id": lead_id[event_lead],
        "stage": np.array(STAGES, dtype=object)[event_stage],
        "moved_on": moved_on,
        "moved_by": np.full(moved_on.size, AUTHOR, dtype=object),
        "created_at": event_stamp,
        "created_by": np.full(moved_on.size, AUTHOR, dtype=object),
    }
    return lead, events
