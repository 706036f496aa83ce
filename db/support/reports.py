"""What the support screens read: the « À traiter » list and the « Actions et solutions
trouvées » table, each one named SQL file, shaped here for the screens and the exports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import polars as pl

import queries
from db import catalog
from db.settings import get_setting

# How a query is read: queries.run, or the screens' cached runner (ui/cached.py).
Runner = Callable[..., pl.DataFrame]

# One row per kind, in the order of activity reports, each with what it counts exactly.
SECTIONS = {
    "mediation": ("Médiations", "médiations datées dans la période, par interlocuteur"),
    "debt_plan": ("Plans d'apurement", "plans dont la première mensualité tombe dans la période"),
    "fsl": (
        "Demandes FSL déposées",
        "demandes dont la date de dépôt tombe dans la période, quelle que soit la décision"
        " (accordée, refusée, ajournée ou à venir), brouillons exclus, par type : des"
        " démarches faites, pas des aides obtenues",
    ),
    "fsl_grant": (
        "Aides FSL accordées",
        "demandes accordées par une décision datée dans la période, quelle que soit leur"
        " date de dépôt, par type : les aides obtenues",
    ),
    "action": ("Autres actions", "actions datées dans la période, par type"),
}


FSL_KINDS = list(catalog.FSL_KIND.items())
AMOUNT = "Montant accordé"  # FSL grants only
TABLE_SCHEMA = {
    "Rubrique": pl.String,
    "Action ou solution": pl.String,
    "Nombre": pl.Int64,
    AMOUNT: pl.Float64,
    "Ce qui est compté": pl.String,
}


def to_do(
    database, referent: str | None, today: date, limit: int | None = None, offset: int = 0
) -> pl.DataFrame:
    """Due and overdue items of a worker's files (`referent` None: everybody's); one page of
    `limit` items from `offset` (None: all), each row with the counts of the whole list."""
    return queries.run(
        database,
        "support/to_do",
        **to_do_params(database, referent, today),
        limit=limit,
        offset=offset,
    )


def to_do_params(database, referent: str | None, today: date) -> dict:
    """support/to_do's parameters but the page's: the worker, the day and the settings."""
    return {
        "referent": referent,
        "today": today,
        "horizon_days": get_setting(database, "to_do_horizon_days"),
        "review_months": get_setting(database, "measure_review_months"),
        "fsl_wait_months": get_setting(database, "fsl_decision_wait_months"),
        "stages": list(catalog.EVICTION_STAGE),
        "stage_labels": list(catalog.EVICTION_STAGE.values()),
    }


# The lists change only by an admin's write: read once per data version, the table costs
# its one query (bench/support.py measured 1.46x raw DuckDB with the list read each time).
_kinds_seen: dict[tuple[str, int], list[tuple[str, str, str]]] = {}


def kinds(database) -> list[tuple[str, str, str]]:
    """(section, code, label) of every row of the table, zero or not."""
    key = (str(database.path), database.data_version)
    if key not in _kinds_seen:
        _kinds_seen.clear()
        _kinds_seen[key] = read_kinds(database)
    return _kinds_seen[key]


def read_kinds(database) -> list[tuple[str, str, str]]:
    actions = queries.run(database, "support/catalog", list="action_kind")
    return (
        [("mediation", code, label) for code, label in catalog.MEDIATION_COUNTERPART.items()]
        + [("debt_plan", "plan", "Plans d'apurement mis en place")]
        + [
            ("fsl", code, f"Demandes FSL {label.lower()} déposées")
            for code, label in catalog.FSL_KIND.items()
        ]
        + [
            ("fsl_grant", code, f"Aides FSL {label.lower()} accordées")
            for code, label in catalog.FSL_KIND.items()
        ]
        + [("action", row["code"], row["label"]) for row in actions.iter_rows(named=True)]
    )


def actions_summary(
    database, start: date, end: date, amounts: bool = False, run: Runner = queries.run
) -> pl.DataFrame:
    """Every kind of « Actions et solutions trouvées » with its count from start to end;
    with `amounts`, the column of the amounts granted, for the FSL grants (0 without any;
    empty on other rows). `run` reads the query (the screen's: cached until a write)."""
    counted = run(database, "support/actions_summary", start=start, end=end)
    found = {(r["section"], r["code"]): r for r in counted.iter_rows(named=True)}
    rows = [
        {
            "Rubrique": SECTIONS[section][0],
            "Action ou solution": label,
            "Nombre": found.get((section, code), {}).get("count", 0),
            AMOUNT: _amount(section, found.get((section, code))),
            "Ce qui est compté": SECTIONS[section][1],
        }
        for section, code, label in kinds(database)
    ]
    table = pl.DataFrame(rows, schema=TABLE_SCHEMA)
    return table if amounts else table.drop(AMOUNT)


def _amount(section: str, found: dict | None) -> float | None:
    if section != "fsl_grant":
        return None
    return float(found["amount"]) if found else 0.0


# The households of the period and their persons, read from the dashboard's indicators
# (one definition each), with what each line counts.
HOUSEHOLD_LINES = (
    (
        "Ménages accueillis",
        "persons_welcomed",
        "ménages dont le dossier a été ouvert dans la période (une réouverture n'est pas un"
        " nouvel accueil) ; personnes : leurs membres le jour de l'ouverture",
    ),
    (
        "Ménages suivis",
        "persons_followed",
        "ménages suivis au moins un jour de la période ; personnes : leurs membres le"
        " dernier jour où chacun était suivi dans la période",
    ),
    (
        "Ménages relogés",
        "persons_rehoused",
        "ménages relogés dans la période (bail de l'association ou mesure terminée"
        " « relogé »), une fois chacun ; personnes : leurs membres le jour du relogement",
    ),
)
NO_FILTERS = {"commune": None, "programme": None, "measure_kind": None, "worker": None}


def households_and_persons(
    database, start: date, end: date, run: Runner = queries.run
) -> pl.DataFrame:
    """Households welcomed, followed and rehoused from start to end, each beside the
    persons in them (members on the day each household is counted), for the whole
    association. `run` reads the queries (the screen's: cached until a write)."""
    rows = []
    for line, kpi_name, counted in HOUSEHOLD_LINES:
        frame = run(database, f"kpi/{kpi_name}", start=start, end=end, since=start, **NO_FILTERS)
        rows.append(
            {
                "Ménages": line,
                "Nombre de ménages": int(frame["households"].sum()),
                "Personnes": int(frame["persons"].sum()),
                "Ce qui est compté": counted,
            }
        )
    return pl.DataFrame(rows)
