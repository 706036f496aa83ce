"""Right of access: everything held about one household, section by section, as JSON (and
as a PDF, ui/households/access_export.py). Private notes are included: they are written
about the person, whose right of access covers them.

SECTIONS names every table holding a household_id (tests/test_privacy_access.py fails
when a new one is not exported); the audit log is read for the household and for its
persons, resources and contacts.
"""

from __future__ import annotations

import json

import queries
from db import clock
from db.audit import log_access, to_json_value
from db.identifiers import allowed
from db.privacy.scrub import AUDIT_ROWS

# table -> French title, in the order of the export.
SECTIONS: dict[str, str] = {
    "household": "Informations générales",
    "person": "Membres du ménage",
    "resource": "Ressources",
    "contact": "Contacts (notes privées comprises)",
    "support_measure": "Mesures d'accompagnement",
    "measure_review": "Bilans des mesures",
    "measure_renewal": "Renouvellements des mesures",
    "eviction_procedure": "Procédures d'expulsion",
    "eviction_stage": "Étapes des procédures",
    "debt_plan": "Plans d'apurement",
    "mediation": "Médiations",
    "fsl_application": "Demandes FSL",
    "support_action": "Autres actions",
    "lease": "Baux",
    "household_status_event": "Historique du statut du dossier",
    "housing_situation_event": "Historique de la situation de logement",
    "household_follow_span": "Périodes de suivi",
    "anonymisation_hold": "Dossier gardé hors de l'anonymisation (motif)",
    "household_rehousing": "Relogements (dossier anonymisé)",
    "audit_log": "Historique des modifications (journal d'audit)",
}
PRIVATE_NOTES = (
    "Les notes privées des contacts figurent dans cet export : elles sont écrites au sujet "
    "de la personne, et son droit d'accès les couvre."
)


def _rows(cur, table: str, household_id: int) -> list[dict]:
    allowed(table, SECTIONS, "table")
    if table == "audit_log":
        result = cur.execute(
            "SELECT * FROM audit_log WHERE id IN (SELECT id FROM (" + AUDIT_ROWS + "))"
            " ORDER BY occurred_at, id",
            {"ids": [household_id]},
        )
    else:
        key = "id" if table == "household" else "household_id"
        sql = "SELECT * FROM " + table + " WHERE " + key + " = $id ORDER BY 1"
        result = cur.execute(sql, {"id": household_id})
    columns = [column[0] for column in result.description]
    rows = [dict(zip(columns, row, strict=True)) for row in result.fetchall()]
    for row in rows:
        if table == "audit_log" and isinstance(row.get("diff"), str):
            row["diff"] = json.loads(row["diff"])
    return rows


def collect(database, household_id: int) -> dict:
    """Every section of the household's file: {"dossier", "exporte_le", "sections"}."""
    with database.reading() as cur:
        sections = {
            table: {"titre": title, "lignes": _rows(cur, table, household_id)}
            for table, title in SECTIONS.items()
        }
    household = sections["household"]["lignes"]
    return {
        "dossier": household[0]["file_number"] if household else None,
        "exporte_le": clock.now(),
        "avertissement": PRIVATE_NOTES,
        "sections": sections,
    }


def labels(database) -> dict[tuple[str, str], str]:
    """(table, column) -> the column's French description (COMMENT ON of the migrations)."""
    frame = queries.run(database, "privacy/column_labels")
    return {(r["table_name"], r["column_name"]): r["comment"] for r in frame.iter_rows(named=True)}


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return to_json_value(value)


def to_json(export: dict) -> str:
    return json.dumps(_plain(export), ensure_ascii=False, indent=2)


def record(database, actor, household_id: int, formats: str) -> None:
    """The export goes to the access log (who, when, which file, which format)."""
    log_access(database, actor.username, "export", "household", household_id,
               f"droit d'accès ({formats})")  # fmt: skip
