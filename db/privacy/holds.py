"""Why a closed file past retention is not anonymised: what still runs in it, and the
files the administrator holds back with a reason (kept in anonymisation_hold, every
decision written to the audit log)."""

from __future__ import annotations

from datetime import date

import queries
from db import catalog, clock, rules
from db.errors import PermissionDeniedError, ValidationFailed
from db.french import fr_date
from db.mutation import Changed, Outcome, run_mutation
from db.rules import Actor

ENTITY = "anonymisation_hold"
FSL_WAITING = {
    "brouillon": "Demande FSL en brouillon, jamais déposée (créée le {since})",
    "deposee": "Demande FSL en attente de décision (déposée le {since})",
    "ajournee": "Demande FSL ajournée, en attente d'une nouvelle décision (déposée le {since})",
}


def reason_text(reason: str, since: date | None, detail: str | None, today: date) -> str:
    """One reason a file is held back, as the admin's list says it."""
    day = fr_date(since) if since else "?"
    if reason == "bail":
        kind = catalog.LEASE_KIND.get(detail, detail or "").lower()
        if since and since > today:
            return f"Bail prévu à partir du {day} ({kind})"
        return f"Bail en cours depuis le {day} ({kind})"
    if reason == "plan":
        return f"Plan d'apurement en cours depuis le {day}"
    if reason == "fsl":
        return FSL_WAITING.get(detail, FSL_WAITING["deposee"]).format(since=day)
    if reason == "procedure":
        return f"Procédure d'expulsion en cours depuis le {day}"
    if reason == "mesure":
        return f"Mesure {detail} en cours depuis le {day}"
    return f"Gardé par l'administration le {day} : {detail}"


def _load(household_id: int):
    def load(cur) -> dict:
        row = queries.fetch_row(cur, "privacy/status_and_hold", household_id=household_id)
        if row is None:
            raise ValidationFailed("Ce dossier n'existe pas.")
        fields = ("reason", "held_at", "held_by")
        held = None if row["reason"] is None else {field: row[field] for field in fields}
        return {"status": row["status"], "hold": held}

    return load


def hold_file(database, actor: Actor, household_id: int, reason: str) -> dict:
    """Keep this closed file out of anonymisation, for this reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("Indiquez le motif : pourquoi ce dossier doit-il être gardé ?")
    if not rules.can_anonymise(actor):
        raise PermissionDeniedError("Seul un administrateur peut garder un dossier.")

    def apply(cur, current) -> Outcome:
        if current["status"] != "clos":
            raise ValidationFailed("Seul un dossier clos peut être gardé hors de l'anonymisation.")
        if current["hold"]:
            raise ValidationFailed("Ce dossier est déjà gardé.")
        row = {"reason": reason, "held_at": clock.now(), "held_by": actor.username}
        cur.execute(
            "INSERT INTO anonymisation_hold VALUES ($id, $reason, $held_at, $held_by)",
            {"id": household_id, **row},
        )
        done = Changed(ENTITY, household_id, None, row, action="create")
        return Outcome([done], value=row, household_id=household_id)

    return run_mutation(
        database, actor, "create", rules.can_anonymise, _load(household_id), apply
    ).value


def release_file(database, actor: Actor, household_id: int) -> None:
    """Put a held file back among those proposed (when nothing else runs in it)."""
    if not rules.can_anonymise(actor):
        raise PermissionDeniedError("Seul un administrateur peut rendre un dossier.")

    def apply(cur, current) -> Outcome:
        if not current["hold"]:
            raise ValidationFailed("Ce dossier n'est pas gardé.")
        cur.execute("DELETE FROM anonymisation_hold WHERE household_id = $id", {"id": household_id})
        done = Changed(ENTITY, household_id, current["hold"], None, action="delete")
        return Outcome([done], household_id=household_id)

    run_mutation(database, actor, "delete", rules.can_anonymise, _load(household_id), apply)
