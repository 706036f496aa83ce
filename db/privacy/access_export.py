"""Right of access: everything held about one household, section by section, as JSON (and
as a PDF, ui/households/access_export.py), written for the person it concerns
(db/privacy/access_fields.py): French labels, the catalogue's words, names and addresses.

The JSON keeps machine keys and values in each section's "lignes" and adds, beside them,
"libelles" (machine key -> French label) and "codes" (machine key -> {code: label}).

Private notes: only those of the person making the export, which they reviewed and ticked
(rules.private_note_in_access_export); the export says how many others it leaves out and
why. SECTIONS names every table holding a household_id (tests/test_privacy_access.py fails
when a new one is not exported), then the access log's entries about the household.
"""

from __future__ import annotations

import json

import queries
from db import clock, rules
from db.audit import log_access, to_json_value
from db.french import fr_date
from db.identifiers import allowed
from db.privacy import access_fields as fields
from db.settings import get_setting

# table -> French title, in the order of the export.
SECTIONS: dict[str, str] = {
    "household": "Informations générales",
    "person": "Membres du ménage",
    "resource": "Ressources",
    "contact": "Contacts",
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
    "access_log": "Consultations et exports du dossier (journal des accès)",
}
PRIVATE_NOTES = (
    "Les notes privées n'y figurent que relues et retenues par leur auteur·e : chacun·e "
    "ne voit et ne coche que les siennes."
)
# Why other authors' notes are left out, in the export, for the person (GDPR art. 15.4).
OTHER_AUTHORS = (
    "une note privée n'est lue que par la personne qui l'a écrite (secret professionnel : "
    "seul·e y accède qui en a besoin). Vous y avez droit comme au reste du dossier, mais "
    "c'est à son auteur·e de la relire avant de vous la communiquer, pour vérifier qu'elle "
    "ne porte pas atteinte aux droits d'autres personnes, par exemple un membre du ménage "
    "ou un tiers qui y est nommé (RGPD, article 15, paragraphe 4). Demandez-les à "
    "l'association : leur auteur·e les relira."
)
NOT_KEPT = (
    "relues par leur auteur·e, elles ne sont pas communiquées parce qu'elles porteraient "
    "atteinte aux droits d'autres personnes (RGPD, article 15, paragraphe 4). Vous pouvez "
    "contester ce choix auprès de l'association, puis de la CNIL."
)


def _rows(cur, table: str, household_id: int) -> list[dict]:
    allowed(table, SECTIONS, "table")
    if table == "audit_log":
        rows = queries.fetch_rows(cur, "privacy/audit_rows", ids=[household_id])
    elif table == "household":
        rows = queries.fetch_rows(cur, "privacy/household_row", household_id=household_id)
    else:
        rows = queries.fetch_rows(cur, "privacy/table_rows", table=table, household_id=household_id)
    for row in rows:
        if table == "audit_log" and isinstance(row.get("diff"), str):
            row["diff"] = json.loads(row["diff"])
    return rows


def _notes_left_out(contacts: list[dict], actor, reviewed: frozenset) -> dict:
    """Drop every private note the rule keeps out of the export; say how many and why."""
    kept, others, not_kept = 0, [], 0
    for row in contacts:
        note = row.pop("private_note", None)
        if not note:
            continue
        if actor is not None and rules.private_note_in_access_export(actor, row, reviewed):
            row["private_note"], kept = note, kept + 1
        elif actor is not None and row["author"] == actor.username:
            not_kept += 1
        else:
            others.append({"contact_on": row["contact_on"], "author": row["author"]})
    return {"communiquees": kept, "autres_auteurs": others, "non_retenues": not_kept}


def notes_text(notes: dict, names: dict) -> list[str]:
    """What the export says of private notes, for the person (French)."""
    others, not_kept = notes["autres_auteurs"], notes["non_retenues"]
    said = []
    if others:
        which = ", ".join(
            f"contact du {fr_date(o['contact_on'])} ({names.get(o['author'], o['author'])})"
            for o in others
        )
        head = (
            "1 note privée d'un·e autre intervenant·e ne figure pas ici"
            if len(others) == 1
            else f"{len(others)} notes privées d'autres intervenant·es ne figurent pas ici"
        )
        said.append(f"{head} : {OTHER_AUTHORS} Notes concernées : {which}.")
    if not_kept:
        head = (
            "1 note privée ne figure pas ici"
            if not_kept == 1
            else (f"{not_kept} notes privées ne figurent pas ici")
        )
        said.append(f"{head} : {NOT_KEPT}")
    if notes["communiquees"]:
        said.append(
            f"Notes privées communiquées après relecture par leur auteur·e : "
            f"{notes['communiquees']}."
        )
    return said or ["Aucune note privée n'est laissée de côté."]


def _references(database, raw: dict) -> dict:
    """How a row names what it refers to: a member, a measure, a procedure, a dwelling."""
    names = {
        r["username"]: r["display_name"]
        for r in queries.run(database, "users/names").iter_rows(named=True)
    }
    kinds = {
        table: {
            r["code"]: r["label"]
            for r in queries.run(database, "support/catalog", list=name).iter_rows(named=True)
        }
        for table, name in (("support_measure", "measure_kind"), ("support_action", "action_kind"))
    }
    dwellings = (
        queries.run(database, "privacy/lease_dwellings", household_id=raw["household"][0]["id"])
        if raw["household"]
        else None
    )
    return {
        "names": names,
        "kinds": kinds,
        "members": {p["id"]: f"{p['first_name']} {p['last_name']}" for p in raw["person"]},
        "measure": {
            m["id"]: f"{kinds['support_measure'].get(m['kind'], m['kind'])} "
            f"du {fr_date(m['start_on'])}"
            for m in raw["support_measure"]
        },
        "procedure": {p["id"]: f"n° {n}" for n, p in enumerate(raw["eviction_procedure"], 1)},
        "dwelling": {
            d["id"]: f"{d['typology']}, {d['address']}, {d['postal_code']} {d['commune']}"
            for d in (dwellings.iter_rows(named=True) if dwellings is not None else [])
        },
    }


def _section(table: str, rows: list[dict], refs: dict) -> dict:
    shown = [fields.for_the_person(table, row, refs) for row in rows]
    columns = list(dict.fromkeys(column for row in shown for column in row))
    catalogues = fields.coded(table, refs["kinds"])
    codes = {
        column: {
            row[column]: catalogues[column].get(row[column], row[column])
            for row in shown
            if row.get(column) is not None
        }
        for column in columns
        if column in catalogues
    }
    return {
        "titre": SECTIONS[table],
        "libelles": {column: fields.label(table, column) for column in columns},
        "codes": {column: found for column, found in codes.items() if found},
        "lignes": shown,
    }


def collect(database, household_id: int, actor=None, reviewed=frozenset()) -> dict:
    """Every section of the household's file, for the person it concerns: {"dossier",
    "exporte_le", "association", "notes_privees", "sections"}. `actor` makes the export;
    `reviewed` holds the ids of their own private notes they ticked."""
    with database.reading() as cur:
        raw = {
            table: _rows(cur, table, household_id) for table in SECTIONS if table != "access_log"
        }
    raw["access_log"] = queries.run(
        database, "privacy/household_accesses", household_id=household_id
    ).to_dicts()
    notes = _notes_left_out(raw["contact"], actor, frozenset(reviewed))
    refs = _references(database, raw)
    household = raw["household"]
    return {
        "dossier": household[0]["file_number"] if household else None,
        "exporte_le": clock.now(),
        "association": get_setting(database, "association_name"),
        "notes_privees": notes
        | {
            "texte": notes_text(notes, refs["names"]),
            "autres_auteurs": [
                o | {"author": refs["names"].get(o["author"], o["author"])}
                for o in notes["autres_auteurs"]
            ],
        },
        "sections": {table: _section(table, raw[table], refs) for table in SECTIONS},
    }


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
    log_access(
        database, actor.username, "export", "household", household_id, f"droit d'accès ({formats})"
    )
