"""Optimistic locking: each editable record carries its own version.

A form sends the version it was filled against; saving over a newer one is refused with
the name of the person who saved it and when, never merged silently.
"""

from __future__ import annotations

from db.errors import StaleRecordError


def check_version(current: dict, expected_version: int, what: str) -> None:
    """Refuse the write when `current` moved past the version the form showed.

    `what` names the record in the message ("Ce dossier", "Ce membre", "Cette ressource").
    """
    if current["version"] == expected_version:
        return
    who = current.get("updated_by_name") or current.get("updated_by") or "une autre personne"
    when = current.get("updated_at")
    at = f" le {when:%d/%m/%Y à %H:%M}" if when else ""
    raise StaleRecordError(
        # Worded for any record: « Cette mesure a été modifié » would be wrong French.
        f"{who} a enregistré une modification{at} pendant que vous consultiez "
        f"{what[0].lower()}{what[1:]}. "
        "Vos modifications n'ont pas été enregistrées : voici la version à jour.",
        changed_by=who,
        changed_at=when,
    )
