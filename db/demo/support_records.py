"""Demo debt plans, mediations, FSL applications and other actions, drawn for a chunk of
households at once, within each household's dates and the rules of
db/support/lifecycle.py (a debt plan covers its debt within one instalment)."""

from __future__ import annotations

import numpy as np

from db.demo.draw import NAT, Draw, Households, add_months, explode

SOCIAL_LANDLORDS = (
    "Gironde Habitat",
    "Aquitanis",
    "Domofrance",
    "Mésolia",
    "CDC Habitat",
    "Clairsienne",
    "Logévie",
    "ICF Habitat Atlantique",
)
AGENCIES = (
    "Foncia Bordeaux Centre",
    "Citya Mérignac",
    "Nexity Bordeaux",
    "Agence du Parc",
    "Square Habitat Pessac",
    "Cabinet Gestion Chartrons",
)
UTILITIES = (
    "EDF",
    "Engie",
    "TotalEnergies",
    "Régie de l'eau de Bordeaux Métropole",
    "SUEZ Eau France",
)
PLAN_STATUS = {  # (whole plan past, file open): weights of the status
    (True, True): {"respecte": 35, "solde": 20, "rompu": 20, "en_cours": 25},
    (False, True): {"en_cours": 80, "rompu": 15, "solde": 5},
    (True, False): {"respecte": 50, "solde": 30, "rompu": 20},
    (False, False): {"en_cours": 45, "rompu": 30, "solde": 25},
}
INSTALMENT = {"30": 8, "50": 20, "80": 18, "100": 20, "120": 10, "150": 12, "200": 8, "300": 4}
COUNTERPART = {
    "proprietaire_prive": 28,
    "agence_syndic": 15,
    "bailleur_social": 30,
    "huissier": 10,
    "fournisseur_energie": 17,
}
REASON = {
    "impayes": 35,
    "voisinage": 12,
    "etat_logement": 23,
    "conge": 10,
    "relogement": 12,
    "autre": 8,
}
REASON_WITH = {  # counterparts that only meet a few reasons
    "huissier": {"impayes": 90, "conge": 10},
    "fournisseur_energie": {"impayes": 45, "autre": 55},
}
MEDIATION_OUTCOME = {"accord": 45, "plan_apurement": 22, "echec": 23, "en_cours": 10}
FSL = {  # kind: weight (access file, keeping file), lowest and highest amount requested
    "acces": (60, 0, 300, 2500),
    "maintien": (0, 55, 500, 3000),
    "energie": (25, 30, 150, 800),
    "eau": (15, 15, 100, 500),
}
FSL_FORM = {
    "acces": {"subvention": 50, "pret": 30, "mixte": 20},
    "maintien": {"subvention": 40, "pret": 30, "mixte": 30},
    "energie": {"subvention": 90, "pret": 5, "mixte": 5},
    "eau": {"subvention": 90, "pret": 5, "mixte": 5},
}
FSL_DECISION = {"accordee": 70, "refusee": 20, "ajournee": 10}
REFUSALS = (
    "Ressources supérieures au plafond du règlement intérieur du FSL",
    "Dossier incomplet malgré relance",
    "Reprise du paiement du loyer courant non constatée",
    "Aide FSL déjà accordée dans les douze derniers mois",
    "Loyer inadapté aux ressources du ménage",
    "Logement non décent : aide subordonnée aux travaux",
)
ACTION_WEIGHTS = {
    "droits": 35,
    "negociation_plan": 15,
    "negociation_huissier": 10,
    "surendettement": 12,
    "sante": 15,
    "tribunal": 13,
}
ACTION_NOTES = {
    "droits": (
        "Ouverture des droits APL",
        "Rétablissement du RSA",
        "Demande de CSS",
        "Dossier ASPA déposé",
        "Actualisation de la situation CAF",
    ),
    "negociation_plan": ("Plan proposé au bailleur", "Échéancier accepté par le bailleur"),
    "negociation_huissier": ("Suspension des poursuites obtenue", "Échéancier avec l'huissier"),
    "surendettement": ("Dossier déposé à la Banque de France", "Dossier jugé recevable"),
    "sante": ("Orientation vers le CMP", "Saisine de l'équipe mobile psychiatrie-précarité"),
    "tribunal": ("Audience au tribunal judiciaire", "Accompagnement au juge des contentieux"),
}


def debt_plans(draw: Draw, h: Households, rate: float, landlords) -> dict:
    """About `rate` of the households (four times likelier for a tenant) repay a debt by
    round instalments: the plan covers the debt within one instalment."""
    rows = draw.rows(h.size, rate, np.ones(h.size, bool), np.where(h.maintien, 4.0, 1.0))
    n = rows.size
    # Debts from 300 € to 8,000 € (most under 2,000 €), instalments a household can pay;
    # months: the fewest that cover the debt, five years at most.
    owed = np.round(np.exp(draw.rng.uniform(np.log(300), np.log(8000), n)) * 100).astype(np.int64)
    instalment = draw.choose(INSTALMENT, n).astype(np.int64) * 100
    instalment = np.maximum(instalment, -(-owed // 60 // 500) * 500)
    months = -(-owed // instalment)
    start = draw.between(h.opened[rows] + 15, h.last[rows])
    start = np.minimum(start, h.last[rows])
    last_instalment = add_months(start, months - 1)
    over, active = last_instalment <= h.last[rows], h.active[rows]
    status = np.empty(n, dtype=object)
    for (past, open_), weights in PLAN_STATUS.items():
        chosen = (over == past) & (active == open_)
        status[chosen] = draw.choose(weights, int(chosen.sum()))
    landlord = np.where(
        h.social[rows], draw.pick(SOCIAL_LANDLORDS, n), draw.pick(landlords, n)
    ).astype(object)
    creditor = np.where(draw.chance(0.7, n), landlord, draw.pick(UTILITIES, n))
    changed = np.where(status == "en_cours", start, np.minimum(last_instalment, h.last[rows]))
    created = np.maximum(start - draw.days(0, 20, n), h.opened[rows])
    created_at = draw.stamp(created)
    return {
        "household_id": h.id[rows],
        "creditor": creditor,
        "total_debt": owed / 100,
        "instalment": instalment / 100,
        "months": months,
        "start_on": start,
        "status": status,
        "created_at": created_at,
        "created_by": h.author[rows],
        "updated_at": draw.later(created_at, np.maximum(changed, created)),
        "updated_by": h.author[rows],
    }


def per_household(draw: Draw, h: Households, rate: float, counts: dict[int, int]):
    """About `rate` of the households, each with 1, 2… records (weights `counts`): the
    household index of each record, and a day in its file's window."""
    rows = draw.rows(h.size, rate, np.ones(h.size, bool))
    number = np.array(list(counts))[
        draw.rng.choice(len(counts), rows.size, p=np.array(list(counts.values())) / 100)
    ]
    parent, _rank = explode(number)
    rows = rows[parent]
    return rows, draw.between(h.opened[rows], h.last[rows])


def mediations(draw: Draw, h: Households, rate: float) -> dict:
    rows, day = per_household(draw, h, rate, {1: 70, 2: 22, 3: 8})
    n = rows.size
    counterpart = draw.choose(COUNTERPART, n)
    reason = draw.choose(REASON, n)
    for who, weights in REASON_WITH.items():
        chosen = counterpart == who
        reason[chosen] = draw.choose(weights, int(chosen.sum()))
    # « En cours » only for a recent mediation of an open file.
    recent = h.active[rows] & (day >= draw.today - 90)
    settled = {k: v for k, v in MEDIATION_OUTCOME.items() if k != "en_cours"}
    outcome = np.where(recent, draw.choose(MEDIATION_OUTCOME, n), draw.choose(settled, n)).astype(
        object
    )
    outcome = np.where((outcome == "plan_apurement") & (reason != "impayes"), "accord", outcome)
    stamp = draw.stamp(day)
    return {
        "household_id": h.id[rows],
        "counterpart": counterpart,
        "reason": reason,
        "mediation_on": day,
        "outcome": outcome,
        "created_at": stamp,
        "created_by": h.author[rows],
        "updated_at": stamp,
        "updated_by": h.author[rows],
    }


def fsl_applications(draw: Draw, h: Households, rate: float) -> dict:
    """Decisions 1 to 3 months after submission, about 70 % granted (up to the amount
    requested); those not yet decided today are « déposée »; a few drafts, without dates,
    in open files."""
    rows, _day = per_household(draw, h, rate, {1: 75, 2: 20, 3: 5})
    n = rows.size
    spec = np.array([v for v in FSL.values()], dtype=np.int64)
    codes = np.array(list(FSL), dtype=object)
    access = draw.rng.choice(len(FSL), n, p=spec[:, 0] / spec[:, 0].sum())
    keeping = draw.rng.choice(len(FSL), n, p=spec[:, 1] / spec[:, 1].sum())
    kind = np.where(h.maintien[rows], keeping, access)
    lowest, highest = spec[kind, 2], spec[kind, 3]
    requested = np.round(lowest + draw.rng.random(n) * (highest - lowest))
    bill = codes[kind] != "acces"  # bills in cents, access costs in whole euros
    requested = np.where(bill, np.round(requested + draw.rng.random(n), 2), requested)
    form = np.empty(n, dtype=object)
    for index, code in enumerate(FSL):
        chosen = kind == index
        form[chosen] = draw.choose(FSL_FORM[code], int(chosen.sum()))
    opened, last = h.opened[rows], h.last[rows]
    submitted = draw.between(opened + 7, np.maximum(opened + 7, last - 20))
    submitted = np.minimum(submitted, last)
    earliest, latest = add_months(submitted, 1), add_months(submitted, 3)
    decided = draw.between(earliest, latest)
    status = np.where(decided <= draw.today, draw.choose(FSL_DECISION, n), "deposee")
    draft = h.active[rows] & draw.chance(0.05, n)
    status = np.where(draft, "brouillon", status).astype(object)
    granted = np.where(
        draw.chance(0.6, n), requested, np.floor(requested * draw.rng.uniform(0.4, 0.95, n))
    )
    is_decided = np.isin(status, ["accordee", "refusee", "ajournee"])
    created = np.where(
        draft, np.maximum(draw.today - draw.days(0, 30, n), opened), submitted - draw.days(0, 14, n)
    )
    created = np.maximum(created, opened)
    created_at = draw.stamp(created)
    submitted = np.where(draft, NAT, submitted)
    decided = np.where(is_decided, decided, NAT)
    # A file closes once its applications are answered: none left waiting in a closed file.
    kept = h.active[rows] | is_decided
    columns = {
        "household_id": h.id[rows],
        "kind": codes[kind],
        "form": form,
        "amount_requested": requested,
        "amount_granted": np.where(status == "accordee", granted, np.nan),
        "submitted_on": submitted,
        "decided_on": decided,
        "status": status,
        "refusal_reason": np.where(status == "refusee", draw.pick(REFUSALS, n), None).astype(
            object
        ),
        "created_at": created_at,
        "created_by": h.author[rows],
        "updated_at": draw.later(created_at, np.where(is_decided, decided, created)),
        "updated_by": h.author[rows],
    }
    return {column: values[kept] for column, values in columns.items()}


def actions(draw: Draw, h: Households, rate: float, kinds: list[str]) -> dict:
    """Other actions of every kind of the catalogue (a kind an admin added weighs 10)."""
    rows, day = per_household(draw, h, rate, {1: 50, 2: 30, 3: 15, 4: 5})
    n = rows.size
    kind = draw.choose({code: ACTION_WEIGHTS.get(code, 10) for code in kinds}, n)
    note = np.full(n, None, dtype=object)
    for code, notes in ACTION_NOTES.items():
        chosen = (kind == code) & draw.chance(0.75, n)
        note[chosen] = draw.pick(notes, int(chosen.sum()))
    stamp = draw.stamp(day)
    return {
        "household_id": h.id[rows],
        "kind": kind,
        "action_on": day,
        "note": note,
        "created_at": stamp,
        "created_by": h.author[rows],
        "updated_at": stamp,
        "updated_by": h.author[rows],
    }
