"""Forms of the « FSL » tab: a new application, and its status and decision as the
commission answers (at the version shown)."""

from __future__ import annotations

import polars as pl

from db import catalog, clock
from db.support import writes
from db.support.models import FIELD_LABELS, FslIn
from ui import format as fmt
from ui.record_form import Field, add_form, change_form, draw_fields, given, record_picker

LABELS = {**FIELD_LABELS, "kind": "Type d'aide"}
NEW = {"form": "subvention", "status": "deposee"}
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
    typed = draw_fields(ASKED, errors, current, key, columns=3)
    typed |= draw_fields(STANDING, errors, current, key, columns=3)
    return typed | draw_fields(ANSWER, errors, current, key, columns=[1, 2])


def add_fsl_form(database, actor, household_id: int) -> None:
    add_form(
        f"add_fsl_{household_id}",
        labels=LABELS,
        draw=lambda errors, key: application_fields(
            errors, key, NEW | {"submitted_on": clock.today()}
        ),
        button="Ajouter la demande",
        save=lambda typed: writes.add_fsl(
            database, actor, household_id, FslIn.model_validate(given(typed))
        ),
        message="Demande FSL enregistrée",
    )


def application_name(application: dict) -> str:
    kind = catalog.label(catalog.FSL_KIND, application["kind"])
    status = catalog.label(catalog.FSL_STATUS, application["status"])
    return f"{kind} — {fmt.fr_amount(application['amount_requested'])} ({status})"


def update_fsl_form(database, actor, household_id: int, found: pl.DataFrame) -> None:
    names = {a["id"]: application_name(a) for a in found.iter_rows(named=True)}
    chosen = record_picker("Demande FSL", names, f"fix_fsl_{household_id}", "Choisir une demande")
    if chosen is None:
        return
    application = found.filter(pl.col("id") == chosen).row(0, named=True)
    change_form(
        f"fix_fsl_{household_id}_{chosen}",
        "fsl_application",
        application,
        labels=LABELS,
        draw=lambda errors, key: application_fields(errors, key, application),
        button="Enregistrer la demande",
        save=lambda version, typed: writes.update_fsl(
            database, actor, household_id, chosen, version, FslIn.model_validate(given(typed))
        ),
        message="Demande FSL enregistrée",
    )
