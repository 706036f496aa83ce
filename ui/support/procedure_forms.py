"""Forms of the « Procédure d'expulsion » tab: open a procedure with its first stage, add
a stage (the next expected one offered first), close it « sans expulsion »."""

from __future__ import annotations

from db import catalog, clock
from db.support import lifecycle, writes
from db.support.models import FIELD_LABELS, ProcedureCloseIn, ProcedureIn, StageIn
from ui import record_form as kit
from ui.record_form import Field, Wording

LABELS = {**FIELD_LABELS, "outcome": "Issue", "closed_on": "Date de clôture"}
OPEN = Wording("Ouvrir la procédure", "Procédure enregistrée", LABELS)
STAGE = Wording("Ajouter l'étape", "Étape enregistrée", LABELS)
CLOSE = Wording("Clore sans expulsion", "Procédure close", LABELS, primary=False)
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
    return kit.draw_fields(fields, errors, {"stage": first, "stage_on": clock.today()}, key, 3)


def open_procedure_form(database, actor, household_id: int) -> None:
    def draw(errors: dict, key: str) -> dict:
        typed = kit.draw_fields(LANDLORD, errors, {}, key, columns=1)
        return typed | stage_fields(errors, key, catalog.EVICTION_STAGE, lifecycle.STAGES[0])

    kit.add_form(
        f"open_procedure_{household_id}",
        OPEN,
        draw,
        kit.adding(writes.open_procedure, ProcedureIn, database, actor, household_id),
    )


def stage_form(database, actor, household_id: int, procedure_id: int, stages: list) -> None:
    """The stages after the last one, in the legal order, the next expected one first."""
    step = lifecycle.next_step(stages)
    if step is None:
        return
    later = lifecycle.STAGES[lifecycle.STAGES.index(step[0]) :]
    choices = {stage: catalog.EVICTION_STAGE[stage] for stage in later}
    kit.add_form(
        f"stage_{household_id}_{procedure_id}",
        STAGE,
        lambda errors, key: stage_fields(errors, key, choices, step[0]),
        kit.adding(writes.add_stage, StageIn, database, actor, household_id, procedure_id),
    )


def close_form(database, actor, household_id: int, procedure: dict) -> None:
    new = {"closed_on": clock.today()}
    kit.change_form(
        f"close_procedure_{household_id}_{procedure['id']}",
        "eviction_procedure",
        procedure,
        CLOSE,
        lambda errors, key: kit.draw_fields(CLOSING, errors, new, key),
        kit.changing(
            writes.close_procedure, ProcedureCloseIn, database, actor, household_id, procedure["id"]
        ),
    )
