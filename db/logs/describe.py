"""The logs in French: labels of actions and objects, and each audit diff as a sentence
(« Commune : Bordeaux → Pessac ; Montant : 450,00 € → 520,00 € »)."""

from __future__ import annotations

import json

from db import catalog
from db.french import fr_amount

# Actions and objects that only the logs name, beside the catalogue's.
LOG_ACTION = {
    **catalog.AUDIT_ACTION,
    "purge": "Purge",
    "unlock": "Compte déverrouillé",
    "change_password": "Mot de passe changé",
    "anonymise": "Anonymisation",
    "erase": "Effacement",
    "backup": "Sauvegarde",
    "demo_load": "Chargement des données de démonstration",
}
ACCESS_ACTION = {
    "read": "Consultation",
    "read_refused": "Consultation refusée",
    "export": "Export",
    "sql": "Requête SQL",
    "login": "Connexion",
    "login_failed": "Échec de connexion",
}
LOG_ENTITY = {
    **catalog.ENTITY,
    "access_log": "Journal des accès",
    "database": "Base de données",
    "audit_log": "Journal des modifications",
    "console_log": "Journal de la console SQL",
    "households": "Liste des ménages",
    "actions_summary": "Actions et solutions trouvées",
    "activity_report": "Rapport d'activité",
    "housing_stock": "Parc de logements",
    "console": "Console SQL",
    "saved_query": "Requête enregistrée",
    "anonymisation": "Anonymisation",
}
# Actions whose diff is a summary ({field: value}), not pairs of old and new values.
SUMMARY_ACTIONS = frozenset({"anonymise", "erase"})
# Column names that the household history does not show but the logs do.
LOG_COLUMN = {
    **catalog.COLUMN,
    "deleted_rows": "Lignes supprimées",
    "cutoff_on": "Antérieures au",
    "retention_months": "Conservation (mois)",
    "display_name": "Nom affiché",
    "created_at": "Créé le",
    "created_by": "Créé par",
    "updated_at": "Modifié le",
    "updated_by": "Modifié par",
    "version": "Version",
    "active": "Actif",
    "email": "E-mail",
    "username": "Identifiant",
    "households": "Ménages",
    "roles": "Rôles",
    "failed_attempts": "Échecs de connexion",
    "locked_until": "Verrouillé jusqu'à",
    "sessions_revoked_at": "Sessions closes le",
    "password_hash": "Mot de passe",
    "must_change_password": "Changement de mot de passe exigé",
    "value": "Valeur",
    "sql": "Requête",
    "name": "Nom",
    "dossiers": "Dossiers",
    "valeurs_retirees": "Valeurs retirées",
    "lignes_supprimees": "Lignes supprimées",
}
# The same column read differently on one kind of object.
ENTITY_COLUMN = {"users": {"active": "Actif"}, "setting": {"value": "Valeur"}}
AMOUNTS = frozenset(
    {"monthly_amount", "arrears", "total_debt", "instalment", "amount_requested", "amount_granted"}
    | {"rent", "charges", "deposit", "rent_amount"}
)
# Ids that say nothing to a reader (the row's own id is in its own column).
HIDDEN = frozenset({"id", "household_id", "person_id", "measure_id", "procedure_id"})
SHORT = 60  # characters of a long text shown in a diff


def shorten(text: str, limit: int = SHORT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def readable(field: str, value, coded: dict) -> str:
    """One value of a diff, in French: a label, oui/non, an amount, a date, a short text."""
    if value is None or value == "" or value == []:
        return "—"
    if field == "roles" and isinstance(value, list):
        return ", ".join(catalog.label(catalog.ROLE, role) for role in value)
    if isinstance(value, list):
        return ", ".join(readable(field, item, coded) for item in value)
    if field in coded and isinstance(value, str):
        return catalog.label(coded[field], value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if field in AMOUNTS and isinstance(value, int | float):
        return fr_amount(value)
    if isinstance(value, str):
        return shorten(_french_date(value))
    if isinstance(value, dict):
        return shorten(json.dumps(value, ensure_ascii=False))
    return str(value)


def _french_date(text: str) -> str:
    """An ISO date or date-time of the JSON diff the French way; any other text as is."""
    if len(text) >= 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
        day = f"{text[8:10]}/{text[5:7]}/{text[:4]}"
        if len(text) == 10:
            return day
        if len(text) >= 16 and text[10] in "T " and text[13] == ":":
            return f"{day} à {text[11:13]}:{text[14:16]}"
    return text


def column_label(entity: str, field: str) -> str:
    return ENTITY_COLUMN.get(entity, {}).get(field) or LOG_COLUMN.get(field, field)


def summary_value(value) -> str:
    """A value of a summary diff: counts by table (« Ménage : 1, Membre : 3 »), a list."""
    if isinstance(value, dict):
        return ", ".join(f"{LOG_ENTITY.get(k, k)} : {summary_value(v)}" for k, v in value.items())
    if isinstance(value, list):
        return shorten(", ".join(str(item) for item in value))
    return "—" if value is None else shorten(str(value))


def describe_diff(
    entity: str, diff, extra_coded: dict | None = None, action: str | None = None
) -> str:
    """The diff as « Commune : Bordeaux → Pessac ; … »; a creation (every old value
    empty) says the new values only, a deletion the old ones; `extra_coded` adds the
    catalogues kept in the database (measure kinds…)."""
    changes = json.loads(diff) if isinstance(diff, str) else (diff or {})
    if not isinstance(changes, dict) or not changes:
        return "—"
    if action in SUMMARY_ACTIONS:
        return " ; ".join(
            f"{column_label(entity, field)} : {summary_value(value)}"
            for field, value in changes.items()
        )
    coded = {**catalog.coded_columns(entity), **(extra_coded or {})}
    pairs = [
        (field, pair if isinstance(pair, list) and len(pair) == 2 else [None, pair])
        for field, pair in changes.items()
        if field not in HIDDEN
    ]
    added = all(old is None for _, (old, _new) in pairs)  # a creation: new values only
    removed = all(new is None for _, (_old, new) in pairs)  # a deletion: old values only
    parts = []
    for field, (old, new) in pairs:
        name = column_label(entity, field)
        if added:
            parts.append(f"{name} : {readable(field, new, coded)}")
        elif removed:
            parts.append(f"{name} : {readable(field, old, coded)}")
        else:
            parts.append(f"{name} : {readable(field, old, coded)} → {readable(field, new, coded)}")
    return " ; ".join(parts) or "—"
