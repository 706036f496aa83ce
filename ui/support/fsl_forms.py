"""Forms of the « FSL » tab: a new application, and its status and decision as the
commission answers (at the version shown)."""

from __future__ import annotations

import polars as pl

from db import catalog, clock
from db.support import writes
from db.support.models import FIELD_LABELS, FslIn
from ui import format as fmt
from ui import record_form as kit
from ui.record_form import Field, Wording

LABELS = {**FIELD_LABELS, "kind": "Type d'aide"}
NEW = Wording("Ajouter la demande", "Demande FSL enregistrée", LABELS)
FIX = Wording("Enregistrer la demande", "Demande FSL enregistrée", LABELS)
# A row each: what is asked, where it stands, what was granted or why it was refused.
ASKED = (
    Field("kind", "Type d'aide", "choice", catalog.FSL_KIND),
    Field("form", "Forme", "choice", catalog.FSL_FORM),
    Field("amount_requested", "Montant demandé (€)", "amount", key="req"),
)
STANDING = (
    Field("status", "Statut", "choice", catalog.FSL_STATUS),
    Field("submitted_on", "Déposée le", "date", key="sub"),
    Field("decided_on", "Décision le", "date", key="dec"),
)
ANSWER = (
    Field("amount_granted", "Montant accordé (€)", "amount", key="granted"),
    Field("refusal_reason", "Motif du refus", key="why"),
)


def application_fields(errors: dict, key: str, current: dict) -> dict:
    typed = kit.draw_fields(ASKED, errors, current, key, columns=3)
    typed |= kit.draw_fields(STANDING, errors, current, key, columns=3)
    return typed | kit.draw_fields(ANSWER, errors, current, key, columns=[1, 2])


def add_fsl_form(database, actor, household_id: int) -> None:
    new = {"form": "subvention", "status": "deposee", "submitted_on": clock.today()}
    kit.add_form(
        f"add_fsl_{household_id}",
        NEW,
        lambda errors, key: application_fields(errors, key, new),
        kit.adding(writes.add_fsl, FslIn, database, actor, household_id),
    )


def application_name(application: dict) -> str:
    kind = catalog.label(catalog.FSL_KIND, application["kind"])
    status = catalog.label(catalog.FSL_STATUS, application["status"])
    return f"{kind} — {fmt.fr_amount(application['amount_requested'])} ({status})"


def update_fsl_form(database, actor, household_id: int, found: pl.DataFrame) -> None:
    application = kit.picked_record(
        "Demande FSL", found, application_name, f"fix_fsl_{household_id}", "Choisir une demande"
    )
    if application is None:
        return
    chosen = application["id"]
    kit.change_form(
        f"fix_fsl_{household_id}_{chosen}",
        "fsl_application",
        application,
        FIX,
        lambda errors, key: application_fields(errors, key, application),
        kit.changing(writes.update_fsl, FslIn, database, actor, household_id, chosen),
    )
