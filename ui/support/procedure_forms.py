"""Forms of the « Procédure d'expulsion » tab: open a procedure with its first stage, add
a stage (the next expected one offered first), close it « sans expulsion »."""

from __future__ import annotations

from db import catalog, clock
from db.support import lifecycle, writes
from db.support.models import FIELD_LABELS, ProcedureCloseIn, ProcedureIn, StageIn
from ui.record_form import Field, add_form, change_form, draw_fields, given

LABELS = {**FIELD_LABELS, "outcome": "Issue", "closed_on": "Date de clôture"}
LANDLORD = (Field("landlord", "Bailleur"),)
CLOSING = (
    Field("outcome", "Issue (sans expulsion)", "choice", catalog.EVICTION_EXIT),
    Field("closed_on", "Date de clôture", "date", key="on"),
)


def stage_fields(errors: dict, key: str, choices: dict, first: str) -> dict:
    """A stage, its date and the rent arrears on that day."""
    fields = (
        Field("stage", "Étape", "choice", choices),
        Field("stage_on", "Date de l'étape", "date", key="on"),
        Field("arrears", "Dette locative (€)", "amount"),
    )
    return draw_fields(fields, errors, {"stage": first, "stage_on": clock.today()}, key, 3)


def open_procedure_form(database, actor, household_id: int) -> None:
    def draw(errors: dict, key: str) -> dict:
        typed = draw_fields(LANDLORD, errors, {}, key, columns=1)
        return typed | stage_fields(errors, key, catalog.EVICTION_STAGE, lifecycle.STAGES[0])

    add_form(
        f"open_procedure_{household_id}",
        labels=LABELS,
        draw=draw,
        button="Ouvrir la procédure",
        save=lambda typed: writes.open_procedure(
            database, actor, household_id, ProcedureIn.model_validate(given(typed))
        ),
        message="Procédure enregistrée",
    )


def stage_form(database, actor, household_id: int, procedure_id: int, stages: list) -> None:
    """The stages after the last one, in the legal order, the next expected one first."""
    step = lifecycle.next_step(stages)
    if step is None:
        return
    later = lifecycle.STAGES[lifecycle.STAGES.index(step[0]) :]
    choices = {stage: catalog.EVICTION_STAGE[stage] for stage in later}
    add_form(
        f"stage_{household_id}_{procedure_id}",
        labels=LABELS,
        draw=lambda errors, key: stage_fields(errors, key, choices, step[0]),
        button="Ajouter l'étape",
        save=lambda typed: writes.add_stage(
            database, actor, household_id, procedure_id, StageIn.model_validate(given(typed))
        ),
        message="Étape enregistrée",
    )


def close_form(database, actor, household_id: int, procedure: dict) -> None:
    change_form(
        f"close_procedure_{household_id}_{procedure['id']}",
        "eviction_procedure",
        procedure,
        labels=LABELS,
        draw=lambda errors, key: draw_fields(CLOSING, errors, {"closed_on": clock.today()}, key),
        button="Clore sans expulsion",
        save=lambda version, typed: writes.close_procedure(
            database,
            actor,
            household_id,
            procedure["id"],
            version,
            ProcedureCloseIn.model_validate(given(typed)),
        ),
        message="Procédure close",
        primary=False,
    )
