"""What the support screens read: the « À traiter » list and the « Actions et solutions
trouvées » table, each one named SQL file, shaped here for the screens and the exports."""

from __future__ import annotations

from datetime import date

import polars as pl

import queries
from db import catalog
from db.settings import get_setting

# One row per kind, in the order of activity reports, each with what it counts exactly.
SECTIONS = {
    "mediation": ("Médiations", "médiations datées dans la période, par interlocuteur"),
    "debt_plan": ("Plans d'apurement", "plans dont la première mensualité tombe dans la période"),
    "fsl": ("Demandes FSL", "demandes déposées dans la période (brouillons exclus), par type"),
    "action": ("Autres actions", "actions datées dans la période, par type"),
}


FSL_KINDS = list(catalog.FSL_KIND.items())
TABLE_SCHEMA = {
    "Rubrique": pl.String,
    "Action ou solution": pl.String,
    "Nombre": pl.Int64,
    "Ce qui est compté": pl.String,
}


def to_do(database, referent: str | None, today: date) -> pl.DataFrame:
    """Due and overdue items of a worker's files (`referent` None: everybody's)."""
    return queries.run(
        database,
        "support/to_do",
        referent=referent,
        today=today,
        horizon_days=get_setting(database, "to_do_horizon_days"),
        review_months=get_setting(database, "measure_review_months"),
        fsl_wait_months=get_setting(database, "fsl_decision_wait_months"),
        stages=list(catalog.EVICTION_STAGE),
        stage_labels=list(catalog.EVICTION_STAGE.values()),
    )


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
            ("fsl", code, f"Demandes FSL {label.lower()}")
            for code, label in catalog.FSL_KIND.items()
        ]
        + [("action", row["code"], row["label"]) for row in actions.iter_rows(named=True)]
    )


def actions_summary(database, start: date, end: date) -> pl.DataFrame:
    """Every kind of « Actions et solutions trouvées » with its count from start to end."""
    counted = queries.run(database, "support/actions_summary", start=start, end=end)
    found = {(r["section"], r["code"]): r["count"] for r in counted.iter_rows(named=True)}
    rows = [
        {
            "Rubrique": SECTIONS[section][0],
            "Action ou solution": label,
            "Nombre": found.get((section, code), 0),
            "Ce qui est compté": SECTIONS[section][1],
        }
        for section, code, label in kinds(database)
    ]
    return pl.DataFrame(
        rows,
        schema={
            "Rubrique": pl.String,
            "Action ou solution": pl.String,
            "Nombre": pl.Int64,
            "Ce qui est compté": pl.String,
        },
    )
