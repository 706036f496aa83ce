"""The association's settings: a small key -> JSON value table, audited like the rest.

Each setting is declared once here with its type, its default and a French description;
reading or writing an undeclared key raises UnknownSettingError.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import queries
from db import clock
from db.errors import UnknownSettingError, ValidationFailed
from db.french import fr_int
from db.mutation import Changed, Outcome, run_mutation
from db.rules import Actor, can_change_settings

# What `cli.py demo` names the association of a demo database.
DEMO_ASSOCIATION = ("Logis Solidaire Gironde", "Bordeaux")
KIND_WORDS = {bool: "oui ou non", int: "un nombre entier", float: "un nombre", str: "un texte"}


@dataclass(frozen=True)
class Setting:
    kind: type
    default: Any
    description: str
    low: int = 1  # a number's least value, a text's least length
    high: int = 3650  # a number's greatest value, a text's greatest length


SETTINGS: dict[str, Setting] = {
    "association_name": Setting(
        str,
        "Association d'insertion par le logement",
        "Le nom de l'association, en couverture et en pied de page du rapport d'activité.",
        low=2,
        high=120,
    ),
    "association_town": Setting(
        str, "", "La commune de l'association, sous son nom dans le rapport d'activité.", high=80
    ),
    "team_reads_all_files": Setting(
        bool,
        False,
        "Chaque travailleur·euse social·e peut lire (sans les modifier) tous les dossiers.",
    ),
    "measure_review_months": Setting(
        int, 3, "Un bilan de mesure d'accompagnement est dû tous les … mois."
    ),
    "fsl_decision_wait_months": Setting(
        int, 2, "Une décision FSL est signalée « à traiter » … mois après le dépôt."
    ),
    "to_do_horizon_days": Setting(
        int, 30, "« À traiter » montre ce qui arrive à échéance dans les … prochains jours."
    ),
    "dashboard_refresh_seconds": Setting(
        int, 30, "Le tableau de bord se met à jour tout seul toutes les … secondes.", low=2
    ),
    "access_log_retention_months": Setting(
        int, 12, "Le journal des accès est purgé de ce qui a plus de … mois.", low=6, high=24
    ),
    # CNIL, recommandation sur la journalisation (2021): traces kept 6 months to 1 year.
    "console_log_retention_months": Setting(
        int,
        6,
        "Le journal de la console SQL (texte complet de chaque requête) est purgé de ce qui a "
        "plus de … mois. La CNIL recommande de 6 mois à 1 an pour des traces ; le journal des "
        "accès garde de son côté le début de chaque requête pendant sa propre durée.",
        low=1,
        high=24,
    ),
    "audit_log_retention_months": Setting(
        int,
        12,
        "Le journal des modifications (qui a changé quoi, avec les anciennes et nouvelles "
        "valeurs) est purgé de ce qui a plus de … mois, comme la CNIL le recommande pour des "
        "traces (6 mois à 1 an). Passé ce délai, l'onglet « Historique » d'un dossier ne "
        "montre plus ces modifications ; le dossier lui-même, ses dates d'ouverture, de "
        "clôture et de situation de logement restent.",
        low=6,
        high=36,
    ),
    "retention_years": Setting(
        int,
        2,
        "Un dossier clos dont le dernier contact date de plus de … ans est proposé à "
        "l'anonymisation.",
        high=10,
    ),
    "backup_every_hours": Setting(
        int, 24, "Une sauvegarde de la base est faite toutes les … heures.", high=168
    ),
    "backup_keep_days": Setting(int, 30, "Les sauvegardes sont gardées … jours.", high=3650),
    "analytics_rebuild_minutes": Setting(
        int,
        15,
        "La base d'analyse pseudonymisée est reconstruite toutes les … minutes.",
        high=1440,
    ),
    "console_time_limit_seconds": Setting(
        int, 10, "Une requête de la console SQL est arrêtée après … secondes.", high=600
    ),
    "console_row_cap": Setting(
        int, 10000, "La console SQL affiche au plus … lignes.", low=10, high=1000000
    ),
}


def declared(key: str) -> Setting:
    if key not in SETTINGS:
        raise UnknownSettingError(f"Réglage inconnu : {key}")
    return SETTINGS[key]


def checked_value(key: str, value: Any) -> Any:
    """`value` if it has the setting's type (a bool is not taken for a number)."""
    setting = declared(key)
    if type(value) is not setting.kind:
        raise ValidationFailed(f"Le réglage « {key} » attend {KIND_WORDS[setting.kind]}.")
    return tidy_text(key, value) if setting.kind is str else value


def limits_text(key: str) -> str:
    """What a setting accepts, said before anything is typed: « De 2 à 120 caractères. »"""
    setting = declared(key)
    if setting.kind is str:
        return f"De {fr_int(setting.low)} à {fr_int(setting.high)} caractères."
    return f"Un nombre entier de {fr_int(setting.low)} à {fr_int(setting.high)}."


def tidy_text(key: str, typed: str) -> str:
    """A text setting as typed, its spaces tidied, within its length; else ValidationFailed
    (field "value")."""
    setting = declared(key)
    text = " ".join(typed.split())
    if not setting.low <= len(text) <= setting.high:
        raise ValidationFailed(f"{limits_text(key)[:-1]}, s'il vous plaît.", "value")
    return text


def get_setting(database, key: str) -> Any:
    """The setting's value, its default while nobody has set it."""
    setting = declared(key)
    row = queries.run_one(database, "settings/value", key=key)
    if row is None:
        return setting.default
    value = json.loads(row["value"])
    return value if type(value) is setting.kind else setting.default


def is_set(database, key: str) -> bool:
    """Whether someone has set the setting (else its default stands)."""
    declared(key)
    return queries.run_one(database, "settings/value", key=key) is not None


def set_setting(database, actor: Actor, key: str, value: Any) -> None:
    value = checked_value(key, value)

    def load(cur):
        row = queries.fetch_row(cur, "settings/value", key=key)
        return None if row is None else {"value": json.loads(row["value"])}

    def apply(cur, current) -> Outcome:
        cur.execute(
            "INSERT OR REPLACE INTO setting (key, value, updated_at, updated_by)"
            " VALUES ($key, $value, $now, $by)",
            {"key": key, "value": json.dumps(value), "now": clock.now(), "by": actor.username},
        )
        return Outcome([Changed("setting", key, current, {"value": value})])

    run_mutation(database, actor, "update", lambda a, _c: can_change_settings(a), load, apply)


def set_association(database, actor: Actor, name: str, town: str) -> None:
    """The association's name and town, each checked before either is written."""
    values = {"association_name": tidy_text("association_name", name)}
    values["association_town"] = tidy_text("association_town", town)
    for key, value in values.items():
        set_setting(database, actor, key, value)
