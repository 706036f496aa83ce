"""Demo support measures (with reviews and renewals) and eviction procedures (stage by
stage), drawn for a chunk of households at once, within each household's dates and the
rules of db/support/lifecycle.py."""

from __future__ import annotations

import numpy as np

from db import catalog
from db.demo.draw import (
    NAT,
    Draw,
    Households,
    add_months,
    cents,
    explode,
    in_truce,
    ranks,
    truce_end,
)

# Weight when the request is about access, about keeping a home; first period, renewal
# period (months), renewals at most. The kind's maximum (support_catalog) caps them all.
MEASURE_PLAN = {
    "asll": (45, 30, 6, 6, 2),
    "avdl": (35, 20, 6, 3, 2),
    "mous": (20, 8, 12, 6, 2),
    "equipe_mobile": (0, 27, 3, 3, 0),
    "bail_sauvegarde": (0, 15, 12, 12, 2),
}
PRESCRIBERS = {
    "asll": ("Commission FSL de la Gironde", "Service social départemental", "CCAS"),
    "avdl": ("CCAPEX", "SIAO", "Commission de médiation DALO", "Bailleur social"),
    "mous": ("Bordeaux Métropole (renouvellement urbain)", "Bailleur social"),
    "equipe_mobile": ("CCAPEX",),
    "bail_sauvegarde": ("Bailleur social", "CCAPEX"),
}
EARLY_END = {"abandon": 40, "demenagement": 25, "relais_partenaire": 20, "autre": 15}
PLANNED_END = {"objectifs_atteints": 55, "reloge": 30, "relais_partenaire": 15}
REVIEWS = (
    "Objectifs en bonne voie : loyer courant réglé, dette en baisse.",
    "Budget stabilisé ; demande de logement social à actualiser.",
    "Rendez-vous peu suivis ; objectifs maintenus pour la période suivante.",
    "Droits CAF rétablis, APL versée directement au bailleur.",
    "Installation réussie ; appropriation du logement à poursuivre.",
    "Dossier FSL déposé, en attente de la commission.",
    "Relation avec le bailleur apaisée, plan d'apurement respecté.",
    "Recherche de logement active : une visite prévue, une proposition refusée.",
    "Point avec le prescripteur : la mesure reste nécessaire.",
)
FINAL_REVIEW = {
    "objectifs_atteints": "Bilan final : objectifs atteints, le ménage gère seul son logement.",
    "reloge": "Bilan final : relogement effectif, relais au service social de secteur.",
    "relais_partenaire": "Bilan final : relais vers un partenaire, dossier transmis.",
    "abandon": "Bilan final : le ménage ne se présente plus, mesure interrompue.",
    "demenagement": "Bilan final : départ du département, fin de la mesure.",
    "autre": "Bilan final : fin de la mesure.",
}
# Days after the previous stage recorded (fewest, most), in the legal order.
STAGE_GAP = {
    "commandement_payer": (0, 0),
    "signalement_ccapex": (10, 60),
    "assignation": (61, 120),  # two months to pay first
    "audience": (42, 120),  # six weeks at least after the summons
    "jugement": (0, 45),
    "commandement_quitter": (20, 90),
    "demande_concours": (61, 90),  # two months to leave first
    "concours_accorde": (30, 120),
    "expulsion": (7, 60),
}
# How far a procedure would go if nothing stopped it (index of its last stage).
DEPTH_WEIGHTS = (20, 8, 12, 12, 16, 10, 8, 6, 8)
EXITS = {"dette_soldee": 25, "plan_accepte": 35, "reloge": 20, "abandonnee": 20}


def measures(draw: Draw, h: Households, kinds: dict[str, int | None], rate: float) -> dict:
    """About `rate` of the households have a measure; one in eight of those whose first
    measure ended has a second one after it."""
    eligible = h.active | ((h.last - h.opened).astype(np.int64) >= 45)
    rows = draw.rows(h.size, rate, eligible)
    first = draw_measures(draw, h, rows, h.opened[rows], kinds)
    ended = first["support_measure"]["end_on"]
    again = np.flatnonzero(~np.isnat(ended) & draw.chance(0.12, rows.size))
    earliest = ended[again] + draw.days(15, 90, again.size)
    room = np.where(h.active[rows[again]], h.last[rows[again]], h.last[rows[again]] - 30)
    again = again[earliest <= room]
    second = draw_measures(draw, h, rows[again], earliest[earliest <= room], kinds)
    for table in ("measure_review", "measure_renewal"):  # indexes into the measures drawn
        second[table]["measure"] = second[table]["measure"] + rows.size
    return {
        table: {
            column: np.concatenate([first[table][column], second[table][column]])
            for column in first[table]
        }
        for table in first
    }


def draw_measures(draw, h: Households, rows, earliest, kinds: dict[str, int | None]) -> dict:
    n = rows.size
    codes = [code for code in MEASURE_PLAN if code in kinds]
    plan = np.array([MEASURE_PLAN[code] for code in codes], dtype=np.int64)
    maintien, active, last = h.maintien[rows], h.active[rows], h.last[rows]
    access_kind = draw.rng.choice(len(codes), n, p=plan[:, 0] / plan[:, 0].sum())
    keep_kind = draw.rng.choice(len(codes), n, p=plan[:, 1] / plan[:, 1].sum())
    kind = np.where(maintien, keep_kind, access_kind)
    first_months, renew_months, most = plan[kind, 2], plan[kind, 3], plan[kind, 4]
    maximum = np.array([kinds[c] or 10_000 for c in codes], dtype=np.int64)[kind]
    start = draw.between(earliest, np.minimum(earliest + 120, np.where(active, last, last - 30)))
    planned = draw.rng.integers(0, most + 1)  # renewals the measure would have
    # The planned ends, renewal after renewal, always within the kind's maximum.
    ends = np.stack(
        [
            add_months(start, np.minimum(first_months + k * renew_months, maximum))
            for k in range(int(plan[:, 4].max()) + 1)
        ]
    )
    final = ends[planned, np.arange(n)]
    span = (final - start).astype(np.int64)
    early = draw.chance(0.25, n)
    would_end = np.where(
        early,
        start + (span * draw.rng.uniform(0.2, 0.9, n)).astype(np.int64),
        final - draw.days(0, 10, n),
    )
    would_end = np.maximum(would_end, start + 1)
    # An open file's measure may still run (sometimes past its planned end: to treat).
    ended = ~active | ((would_end <= draw.today) & ~draw.chance(0.12, n))
    end_on = np.where(ended, np.minimum(would_end, last), NAT)
    reason = np.where(early, draw.choose(EARLY_END, n), draw.choose(PLANNED_END, n))
    cut = ~active & (would_end > last)  # the file closed first: its reason ends the measure
    closing = h.close_reason[rows]
    closing = np.where(np.isin(closing, list(catalog.MEASURE_END_REASON)), closing, "autre")
    reason = np.where(ended, np.where(cut, closing, reason), None)
    renewals, current = renewals_of(draw, h, rows, start, ends, planned, ended, end_on)
    planned_end = ends[current, np.arange(n)]
    in_force = np.where(ended, end_on, draw.today)
    signed = start + draw.days(0, 30, n)
    signed = np.where(draw.chance(0.85, n) & (signed <= in_force), signed, NAT)
    changed = np.where(ended, end_on, start)
    created = draw.stamp(start)
    measure = {
        "household_id": h.id[rows],
        "kind": np.array(codes, dtype=object)[kind],
        "prescriber": prescribers(draw, codes, kind),
        "start_on": start,
        "planned_end_on": planned_end,
        "plan_signed_on": signed,
        "end_on": end_on,
        "end_reason": reason.astype(object),
        "created_at": created,
        "created_by": h.author[rows],
        "updated_at": draw.later(created, np.maximum(changed, start)),
        "updated_by": h.author[rows],
    }
    reviews = reviews_of(draw, h, rows, start, ended, end_on, reason)
    return {"support_measure": measure, "measure_review": reviews, "measure_renewal": renewals}


def prescribers(draw: Draw, codes: list[str], kind: np.ndarray) -> np.ndarray:
    prescriber = np.empty(kind.size, dtype=object)
    for index, code in enumerate(codes):
        chosen = kind == index
        prescriber[chosen] = draw.pick(PRESCRIBERS[code], int(chosen.sum()))
    return prescriber


def renewals_of(draw, h, rows, start, ends, planned, ended, end_on):
    """Renewals decided up to three weeks before each planned end that the measure passed
    (or, while it runs, that came before today); returns them and the current period."""
    n = rows.size
    current = np.zeros(n, dtype=np.int64)
    parts = []
    for k in range(1, ends.shape[0]):
        previous, new = ends[k - 1], ends[k]
        renewed = np.maximum(previous - draw.days(0, 21, n), start + 1)
        went_on = np.where(ended, previous < end_on, renewed <= draw.today)
        made = (k <= planned) & (current == k - 1) & (new > previous) & went_on
        current += made
        parts.append((np.flatnonzero(made), renewed[made], previous[made], new[made]))
    # By measure, then in the order they were made (a stable sort keeps it).
    index = np.concatenate([p[0] for p in parts]) if parts else np.empty(0, np.int64)
    order = np.argsort(index, kind="stable")
    renewed, previous, new = (
        np.concatenate([p[i] for p in parts])[order] if parts else np.empty(0, "datetime64[D]")
        for i in (1, 2, 3)
    )
    index = index[order]
    return {
        "measure": index,
        "household_id": h.id[rows][index],
        "renewed_on": renewed,
        "previous_end_on": previous,
        "new_end_on": new,
        "created_at": draw.stamp(renewed),
        "created_by": h.author[rows][index],
    }, current


def reviews_of(draw, h, rows, start, ended, end_on, reason):
    """A review about every three months (some late); for a third of the running measures
    the last one or two are missing, so that « À traiter » shows them overdue; most ended
    measures have a final review on their last day."""
    until = np.where(ended, end_on, draw.today)
    slots = (until - start).astype(np.int64) // 91 + 1
    measure, rank = explode(slots)
    late = draw.chance(0.15, measure.size)
    nominal = add_months(start[measure], 3 * (rank + 1))
    review_on = nominal + np.where(
        late, draw.days(20, 60, measure.size), draw.days(-7, 20, measure.size)
    )
    keep = (review_on <= until[measure]) & (review_on > start[measure])
    measure, review_on = measure[keep], review_on[keep]
    position, count = ranks(measure)
    missing = np.where(~ended & draw.chance(0.33, rows.size), draw.days(1, 2, rows.size), 0)
    keep = (count - position > missing[measure]) & ~draw.chance(0.04, measure.size)
    measure, review_on = measure[keep], review_on[keep]
    outcome = draw.pick(REVIEWS, measure.size)
    closing = np.flatnonzero(ended & draw.chance(0.75, rows.size))
    measure = np.concatenate([measure, closing])
    review_on = np.concatenate([review_on, end_on[closing]])
    codes, which = np.unique(reason[closing].astype(str), return_inverse=True)
    finals = np.array([FINAL_REVIEW[code] for code in codes], dtype=object)[which]
    order = np.argsort(measure, kind="stable")
    return {
        "measure": measure[order],
        "household_id": h.id[rows][measure][order],
        "review_on": review_on[order],
        "outcome": np.concatenate([outcome, finals])[order],
        "created_at": draw.stamp(review_on[order]),
        "created_by": h.author[rows][measure][order],
    }


def procedures(draw: Draw, h: Households, rate: float, landlords) -> dict:
    """About `rate` of the households (tenants) face an eviction procedure: stages in the
    legal order at increasing dates with growing arrears, no expulsion in the winter truce;
    a few end in an expulsion, others close « sans expulsion », the rest still run."""
    rows = draw.rows(h.size, rate, h.maintien)
    n = rows.size
    last, active = h.last[rows], h.active[rows]
    begun = draw.between(h.opened[rows], np.minimum(h.opened[rows] + 365, last))
    depth = draw.rng.choice(len(DEPTH_WEIGHTS), n, p=np.array(DEPTH_WEIGHTS) / sum(DEPTH_WEIGHTS))
    skipped = {
        "commandement_payer": (depth >= 2) & draw.chance(0.1, n),
        "signalement_ccapex": (depth >= 2) & draw.chance(0.3, n),
    }
    monthly, owed = draw.rng.uniform(150, 550, n), draw.rng.uniform(900, 4500, n)
    day, alive, started = begun.copy(), np.ones(n, bool), np.zeros(n, bool)
    last_index = np.full(n, -1)
    found = []
    for index, (stage, (fewest, most)) in enumerate(STAGE_GAP.items()):
        wanted = (index <= depth) & ~skipped.get(stage, np.zeros(n, bool))
        on = np.where(started, day + draw.days(fewest, most, n), begun)
        if stage == "expulsion":  # never in the truce: after 1 April
            on = np.where(in_truce(on), truce_end(on) + draw.days(0, 45, n), on)
        alive &= ~(wanted & (on > last))  # beyond today or the closing: not reached
        passed = wanted & alive
        day, started = np.where(passed, on, day), started | passed
        last_index = np.where(passed, index, last_index)
        found.append((np.flatnonzero(passed), stage, on[passed]))
    expelled = last_index == len(STAGE_GAP) - 1
    reached = alive & (last_index == depth)
    exit_on = day + draw.days(10, 120, n)
    closes = expelled | ~active | (reached & (exit_on <= draw.today))
    closed_on = np.where(expelled, day, np.where(active, exit_on, np.minimum(exit_on, last)))
    rehoused = (h.close_reason[rows] == "reloge") & draw.chance(0.4, n)
    outcome = np.where(rehoused, "reloge", draw.choose(EXITS, n))
    outcome = np.where(expelled, "expulsion", outcome)
    procedure_ = np.concatenate([f[0] for f in found])
    stage_on = np.concatenate([f[2] for f in found])
    order = np.lexsort((stage_on, procedure_))
    procedure_, stage_on = procedure_[order], stage_on[order]
    stage = np.concatenate([np.full(f[0].size, f[1], dtype=object) for f in found])[order]
    arrears = (
        owed[procedure_]
        + (stage_on - begun[procedure_]).astype(np.int64) * monthly[procedure_] / 30.4
    )
    social = h.social[rows]
    created = draw.stamp(begun)
    landlord = np.where(social, draw.pick(landlords[0], n), draw.pick(landlords[1], n))
    return {
        "eviction_procedure": {
            "household_id": h.id[rows],
            "landlord": landlord,
            "closed_on": np.where(closes, closed_on, NAT),
            "outcome": np.where(closes, outcome, None).astype(object),
            "created_at": created,
            "created_by": h.author[rows],
            "updated_at": draw.later(created, np.where(closes, closed_on, day)),
            "updated_by": h.author[rows],
        },
        "eviction_stage": {
            "procedure": procedure_,
            "household_id": h.id[rows][procedure_],
            "stage": stage,
            "stage_on": stage_on,
            "arrears": cents(arrears),
            "created_at": draw.stamp(stage_on),
            "created_by": h.author[rows][procedure_],
        },
    }
