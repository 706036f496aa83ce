"""Writes of support work: measures, eviction procedures, debt plans, mediations, FSL
applications, other actions, and the lists an admin extends.

Each goes through run_mutation (via household_mutation): the household's edit rule,
the current record, the change and its audit rows in one transaction. Each record has its
own version: a colleague adding a review or a stage does not make your open form stale;
two people saving the same record, the second is refused with the first one's name.
"""

from __future__ import annotations

import unicodedata
from datetime import date

import queries
from db import records
from db.errors import ValidationFailed
from db.households.writes import household_mutation
from db.identifiers import allowed
from db.mutation import Changed, Outcome, run_mutation
from db.rules import Actor, can_change_settings, can_edit_household
from db.support import lifecycle
from db.support.models import (
    ActionIn,
    CatalogEntryIn,
    DebtPlanIn,
    FslIn,
    MeasureEndIn,
    MeasureIn,
    MediationIn,
    ProcedureCloseIn,
    ProcedureIn,
    RenewalIn,
    ReviewIn,
    StageIn,
)
from db.support.records import (
    ACTION,
    DEBT_PLAN,
    FSL,
    MEASURE,
    MEDIATION,
    PROCEDURE,
    RENEWAL,
    REVIEW,
    STAGE,
    add_record,
    created,
    load_record,
    save_record,
)

CATALOG_LISTS = frozenset({"measure_kind", "action_kind"})


# Measures ---------------------------------------------------------------------------


def measure_kind(cur, code: str, for_new: bool = True) -> dict:
    """The kind's entry (label, maximum), refused if unknown or withdrawn from new entries."""
    kinds = {k["code"]: k for k in queries.fetch_rows(cur, "support/catalog", list="measure_kind")}
    if code not in kinds or (for_new and not kinds[code]["active"]):
        raise ValidationFailed("Type de mesure : choisissez une valeur de la liste.", "kind")
    return kinds[code]


def check_measure_span(cur, kind, start_on, end_on, for_new: bool, field: str) -> None:
    entry = measure_kind(cur, kind, for_new)
    lifecycle.check_within_maximum(entry["label"], start_on, end_on, entry["max_months"], field)


def add_measure(database, actor: Actor, household_id: int, measure: MeasureIn) -> dict:
    def check(cur):
        check_measure_span(
            cur, measure.kind, measure.start_on, measure.planned_end_on, True, "planned_end_on"
        )

    values = measure.model_dump()
    return add_record(database, actor, household_id, MEASURE, values, check)


def update_measure(database, actor, household_id, measure_id, version, measure: MeasureIn):
    def check(cur, current):
        if current["end_on"] is not None:
            raise ValidationFailed("Cette mesure est terminée : elle ne se modifie plus.")
        new_kind = measure.kind != current["kind"]
        check_measure_span(
            cur, measure.kind, measure.start_on, measure.planned_end_on, new_kind, "planned_end_on"
        )

    changes = measure.model_dump()
    return save_record(database, actor, household_id, MEASURE, measure_id, version, changes, check)


def add_review(database, actor, household_id: int, measure_id: int, review: ReviewIn) -> dict:
    def check(cur):
        measure = load_record(cur, MEASURE, household_id, measure_id)
        if review.review_on < measure["start_on"]:
            raise ValidationFailed(
                "Un bilan ne peut pas précéder le début de la mesure "
                f"({measure['start_on']:%d/%m/%Y}).",
                "review_on",
            )

    values = {"measure_id": measure_id, **review.model_dump()}
    return add_record(database, actor, household_id, REVIEW, values, check)


def renew_measure(database, actor, household_id, measure_id, version, renewal: RenewalIn):
    """The planned end moves; a renewal row keeps the previous one. Refused past the
    kind's maximum, counted from the start."""

    def change(cur, _household) -> Outcome:
        current = records.load_current(
            cur, MEASURE, version, household_id=household_id, record_id=measure_id
        )
        if current["end_on"] is not None:
            raise ValidationFailed("Cette mesure est terminée : elle ne se renouvelle plus.")
        if renewal.new_end_on <= current["planned_end_on"]:
            raise ValidationFailed(
                "La nouvelle fin prévue vient après l'actuelle "
                f"({current['planned_end_on']:%d/%m/%Y}).",
                "new_end_on",
            )
        check_measure_span(
            cur, current["kind"], current["start_on"], renewal.new_end_on, False, "new_end_on"
        )
        values = {
            "measure_id": measure_id,
            "renewed_on": renewal.renewed_on,
            "previous_end_on": current["planned_end_on"],
            "new_end_on": renewal.new_end_on,
        }
        _row, renewed = created(cur, actor, RENEWAL, household_id, values)
        moved = {"planned_end_on": renewal.new_end_on}
        after, done = records.edit(cur, actor, MEASURE, current, moved)
        return Outcome([renewed, done], value=after)

    return household_mutation(database, actor, household_id, "update", can_edit_household, change)


def end_measure(database, actor, household_id, measure_id, version, end: MeasureEndIn) -> dict:
    """Ends a measure; "relogé" counts the household as rehoused on that day."""

    def check(cur, current):
        if current["end_on"] is not None:
            raise ValidationFailed("Cette mesure est déjà terminée.")
        if end.end_on < current["start_on"]:
            raise ValidationFailed(
                "La fin ne peut pas précéder le début de la mesure "
                f"({current['start_on']:%d/%m/%Y}).",
                "end_on",
            )

    changes = end.model_dump()
    return save_record(database, actor, household_id, MEASURE, measure_id, version, changes, check)


# Eviction procedures ----------------------------------------------------------------


def stages_of(cur, procedure_id: int) -> list[tuple[str, date]]:
    rows = queries.fetch_rows(cur, "support/procedure_stages", procedure_id=procedure_id)
    return [(row["stage"], row["stage_on"]) for row in rows]


def open_procedure(database, actor, household_id: int, opening: ProcedureIn) -> dict:
    lifecycle.check_stage([], opening.stage, opening.stage_on)

    def change(cur, _household) -> Outcome:
        values = {"landlord": opening.landlord}
        procedure, opened = created(cur, actor, PROCEDURE, household_id, values)
        values = {"procedure_id": procedure["id"], **opening.model_dump(exclude={"landlord"})}
        _stage, first = created(cur, actor, STAGE, household_id, values)
        return Outcome([opened, first], value=procedure)

    return household_mutation(database, actor, household_id, "create", can_edit_household, change)


def add_stage(database, actor, household_id: int, procedure_id: int, stage: StageIn) -> dict:
    """A stage after the last one, in the legal order; none once the procedure is closed;
    an eviction ends the procedure."""

    def change(cur, _household) -> Outcome:
        procedure = load_record(cur, PROCEDURE, household_id, procedure_id)
        if procedure["closed_on"] is not None:
            raise ValidationFailed("Cette procédure est close : elle ne reçoit plus d'étape.")
        lifecycle.check_stage(stages_of(cur, procedure_id), stage.stage, stage.stage_on)
        values = {"procedure_id": procedure_id, **stage.model_dump()}
        row, done = created(cur, actor, STAGE, household_id, values)
        changes = [done]
        if stage.stage == "expulsion":
            closing = {"closed_on": stage.stage_on, "outcome": "expulsion"}
            _after, closed = records.edit(cur, actor, PROCEDURE, procedure, closing, "close")
            changes.append(closed)
        return Outcome(changes, value=row)

    return household_mutation(database, actor, household_id, "create", can_edit_household, change)


def close_procedure(database, actor, household_id, procedure_id, version, close: ProcedureCloseIn):
    """A way out (debt paid, plan agreed, rehoused, dropped): closed « sans expulsion »."""

    def check(cur, current):
        if current["closed_on"] is not None:
            raise ValidationFailed("Cette procédure est déjà close.")
        stages = stages_of(cur, procedure_id)
        if stages and close.closed_on < stages[-1][1]:
            raise ValidationFailed(
                f"La clôture ne peut pas précéder la dernière étape ({stages[-1][1]:%d/%m/%Y})."
            )

    changes = close.model_dump()
    return save_record(
        database, actor, household_id, PROCEDURE, procedure_id, version, changes, check
    )


# Debt plans, mediations, FSL applications, other actions ----------------------------


def add_debt_plan(database, actor, household_id: int, plan: DebtPlanIn) -> dict:
    return add_record(database, actor, household_id, DEBT_PLAN, plan.model_dump())


def update_debt_plan(database, actor, household_id, plan_id, version, plan: DebtPlanIn) -> dict:
    changes = plan.model_dump()
    return save_record(database, actor, household_id, DEBT_PLAN, plan_id, version, changes)


def add_mediation(database, actor, household_id: int, mediation: MediationIn) -> dict:
    return add_record(database, actor, household_id, MEDIATION, mediation.model_dump())


def update_mediation(database, actor, household_id, mediation_id, version, mediation) -> dict:
    changes = mediation.model_dump()
    return save_record(database, actor, household_id, MEDIATION, mediation_id, version, changes)


def add_fsl(database, actor, household_id: int, application: FslIn) -> dict:
    return add_record(database, actor, household_id, FSL, application.model_dump())


def update_fsl(database, actor, household_id, application_id, version, application: FslIn):
    changes = application.model_dump()
    return save_record(database, actor, household_id, FSL, application_id, version, changes)


def add_action(database, actor, household_id: int, action: ActionIn) -> dict:
    def check(cur):
        kinds = queries.fetch_rows(cur, "support/catalog", list="action_kind")
        if action.kind not in {k["code"] for k in kinds if k["active"]}:
            raise ValidationFailed("Type d'action : choisissez une valeur de la liste.", "kind")

    return add_record(database, actor, household_id, ACTION, action.model_dump(), check)


# The lists an admin extends ---------------------------------------------------------


def catalog_code(label: str) -> str:
    """A stable code from a label: « Aide à l'énergie » and « Aide à l’énergie » both give
    aide_a_l_energie (any mark between words is a separator)."""
    words = "".join(c if c.isalnum() else " " for c in label.lower())
    plain = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    return "_".join(plain.split())[:40]


def add_catalog_entry(database, actor: Actor, list_name: str, entry: CatalogEntryIn) -> dict:
    """A new measure kind (with its maximum duration, if any) or kind of other action."""
    allowed(list_name, CATALOG_LISTS, "liste")
    code = catalog_code(entry.label)
    if not code:
        raise ValidationFailed(
            "Le libellé doit contenir au moins une lettre ou un chiffre.", "label"
        )

    def apply(cur, entries) -> Outcome:
        if code in {e["code"] for e in entries}:
            raise ValidationFailed(f"« {entry.label} » est déjà dans la liste.", "label")
        row = {
            "list": list_name,
            "code": code,
            "label": entry.label,
            "position": len(entries) + 1,
            "max_months": entry.max_months if list_name == "measure_kind" else None,
            "active": True,
        }
        cur.execute(
            "INSERT INTO support_catalog (list, code, label, position, max_months, active)"
            " VALUES ($list, $code, $label, $position, $max_months, $active)",
            row,
        )
        return Outcome([Changed("support_catalog", f"{list_name}/{code}", None, row)], value=row)

    return run_mutation(
        database,
        actor,
        "create",
        lambda a, _entries: can_change_settings(a),
        lambda cur: queries.fetch_rows(cur, "support/catalog", list=list_name),
        apply,
    ).value


def set_catalog_entry(
    database, actor: Actor, list_name: str, code: str, max_months: int | None, active: bool
) -> dict:
    """Change a kind's maximum duration or withdraw it from new entries (records keep it)."""
    allowed(list_name, CATALOG_LISTS, "liste")
    if max_months is not None and not 1 <= max_months <= 120:
        raise ValidationFailed("Durée maximale : entre 1 et 120 mois, ou aucune.", "max_months")

    def load(cur):
        entries = {e["code"]: e for e in queries.fetch_rows(cur, "support/catalog", list=list_name)}
        if code not in entries:
            raise ValidationFailed(f"« {code} » n'est pas dans la liste.")
        return entries[code]

    def apply(cur, current) -> Outcome:
        after = {**current, "max_months": max_months, "active": active}
        cur.execute(
            "UPDATE support_catalog SET max_months = $max_months, active = $active"
            " WHERE list = $list AND code = $code",
            {"max_months": max_months, "active": active, "list": list_name, "code": code},
        )
        return Outcome([Changed("support_catalog", f"{list_name}/{code}", current, after)])

    run_mutation(database, actor, "update", lambda a, _c: can_change_settings(a), load, apply)
    return {"code": code, "max_months": max_months, "active": active}
