"""The support sheets of an import: measures, eviction procedures (one row per stage),
debt plans, mediations, FSL applications and other actions, each row checked by its
form's model and by the rules the form's write adds (a measure kind's maximum duration,
the legal order of a procedure's stages, the kinds an admin keeps in the lists)."""

from __future__ import annotations

import queries
from db import catalog
from db.errors import ValidationFailed
from db.imports import values
from db.imports.context import REF, Context, cut, household_of, plan_record, prefetch_numbers
from db.imports.households import HOUSEHOLD_COLUMNS, OWN_REF, group_hash, pick
from db.imports.sheets import AMOUNT, CHOICE, DATE, INT, Column, Row, Sheet, SheetRows, validated
from db.imports.work import New, Ref
from db.support import lifecycle
from db.support.models import (
    ActionIn,
    DebtPlanIn,
    FslIn,
    MeasureEndIn,
    MeasureIn,
    MediationIn,
    ProcedureCloseIn,
    ProcedureIn,
)
from db.support.records import ACTION, DEBT_PLAN, FSL, MEASURE, MEDIATION, PROCEDURE, STAGE

MEASURES = Sheet(
    "mesures",
    "Mesures d'accompagnement",
    (
        OWN_REF,
        *HOUSEHOLD_COLUMNS,
        Column(
            "Type de mesure",
            "kind",
            required=True,
            example="ASLL",
            note="voir « Valeurs permises »",
        ),
        Column("Prescripteur", "prescriber"),
        Column("Début", "start_on", DATE, True, example="01/04/2024"),
        Column("Fin prévue", "planned_end_on", DATE, True, example="31/03/2025"),
        Column("Signature du plan", "plan_signed_on", DATE),
        Column("Fin", "end_on", DATE),
        Column("Motif de fin", "end_reason", CHOICE, choices=catalog.MEASURE_END_REASON),
    ),
    "Une ligne par mesure.",
)
PROCEDURES = Sheet(
    "expulsions",
    "Procédures d'expulsion",
    (
        Column(
            "Réf.",
            REF,
            example="EXEMPLE-P1",
            note="même référence sur chaque étape d'une procédure",
        ),
        *HOUSEHOLD_COLUMNS,
        Column("Bailleur", "landlord"),
        Column("Étape", "stage", CHOICE, True, catalog.EVICTION_STAGE, "Commandement de payer"),
        Column("Date de l'étape", "stage_on", DATE, True, example="10/01/2024"),
        Column("Dette locative", "arrears", AMOUNT, example="2 340,00"),
        Column("Issue", "outcome", CHOICE, choices=catalog.EVICTION_EXIT),
        Column("Date de clôture", "closed_on", DATE),
    ),
    "Une ligne par étape franchie, dans l'ordre ; l'issue et la clôture sur l'une d'elles.",
)
DEBT_PLANS = Sheet(
    "plans",
    "Plans d'apurement",
    (
        OWN_REF,
        *HOUSEHOLD_COLUMNS,
        Column("Créancier", "creditor", required=True, example="Bailleur"),
        Column("Dette totale", "total_debt", AMOUNT, True, example="1 200,00"),
        Column("Mensualité", "instalment", AMOUNT, True, example="100,00"),
        Column("Nombre de mensualités", "months", INT, True, example="12"),
        Column("Début", "start_on", DATE, True, example="01/05/2024"),
        Column("Statut", "status", CHOICE, choices=catalog.DEBT_PLAN_STATUS, example="En cours"),
    ),
)
MEDIATIONS = Sheet(
    "mediations",
    "Médiations",
    (
        OWN_REF,
        *HOUSEHOLD_COLUMNS,
        Column("Interlocuteur", "counterpart", CHOICE, True, catalog.MEDIATION_COUNTERPART),
        Column("Motif", "reason", CHOICE, True, catalog.MEDIATION_REASON),
        Column("Date", "mediation_on", DATE, True, example="20/06/2024"),
        Column("Résultat", "outcome", CHOICE, True, catalog.MEDIATION_OUTCOME),
    ),
)
FSL_SHEET = Sheet(
    "fsl",
    "Demandes FSL",
    (
        OWN_REF,
        *HOUSEHOLD_COLUMNS,
        Column("Type d'aide", "kind", CHOICE, True, catalog.FSL_KIND, "Maintien"),
        Column("Forme", "form", CHOICE, True, catalog.FSL_FORM, "Subvention"),
        Column("Montant demandé", "amount_requested", AMOUNT, True, example="850,00"),
        Column("Statut", "status", CHOICE, True, catalog.FSL_STATUS),
        Column("Déposée le", "submitted_on", DATE, example="02/02/2024"),
        Column("Décision le", "decided_on", DATE),
        Column("Montant accordé", "amount_granted", AMOUNT),
        Column("Motif du refus", "refusal_reason"),
    ),
)
ACTIONS = Sheet(
    "actions",
    "Autres actions",
    (
        OWN_REF,
        *HOUSEHOLD_COLUMNS,
        Column("Type d'action", "kind", required=True, note="voir « Valeurs permises »"),
        Column("Date", "action_on", DATE, True, example="15/09/2024"),
        Column("Précision", "note"),
    ),
    "Une ligne par action menée avec le ménage.",
)
SHEETS = (MEASURES, PROCEDURES, DEBT_PLANS, MEDIATIONS, FSL_SHEET, ACTIONS)
# The lists an admin extends (support_catalog): their kinds are read from the database.
CATALOG_OF = {MEASURES.key: "measure_kind", ACTIONS.key: "action_kind"}


def catalog_entries(ctx: Context, list_name: str) -> dict[str, dict]:
    """Folded label or code -> the entry, for the kinds still offered for new records."""
    key = ("catalog", list_name)
    if key not in ctx.cache:
        rows = queries.fetch_rows(ctx.cur, "support/catalog", list=list_name)
        ctx.cache[key] = {
            values.fold(name): r for r in rows if r["active"] for name in (r["code"], r["label"])
        }
    return ctx.cache[key]


def catalog_kind(ctx: Context, sheet: Sheet, row: Row) -> dict | None:
    typed = row.get("kind")
    if not typed:
        return None  # the model says « à renseigner »
    entry = catalog_entries(ctx, CATALOG_OF[sheet.key]).get(values.fold(str(typed)))
    if entry is None:
        row.errors.setdefault(
            sheet.column("kind").label,
            f"valeur non prévue : « {cut(typed)} » (voir la feuille « Valeurs permises »)",
        )
        return None
    row.fields["kind"] = entry["code"]
    return entry


def rule_error(row: Row, sheet: Sheet, refusal: ValidationFailed, field: str) -> None:
    """A refusal of the form's write, put beside the column it names."""
    labels = sheet.labels()
    row.errors.setdefault(labels.get(refusal.field or field, ""), str(refusal))


def simple_sheet(sheet: Sheet, model, kind, prepare=None, finish=None):
    """The planner of a sheet whose row is one record of its model: `prepare(ctx, row)`
    reads what the model cannot (a kind from the lists), `finish(row, record)` checks what
    the form's write checks and returns the columns it adds."""
    fields = tuple(model.model_fields)

    def plan(ctx: Context, rows: SheetRows) -> None:
        prefetch_numbers(ctx, rows.rows)
        for row in rows.rows:
            household = household_of(ctx, row)
            entry = prepare(ctx, row) if prepare else None
            record = validated(row, sheet, model, pick(row, fields))
            extra = finish(row, record, entry) if finish and record is not None else {}
            if row.errors or record is None:
                ctx.refuse(sheet, row)
                continue

            def values_of(record=record, household=household, extra=extra):
                return {"household_id": household, **record.model_dump(), **extra}

            plan_record(ctx, sheet, row, kind, values_of, household)

    return plan


def measure_kind(ctx: Context, row: Row) -> dict | None:
    return catalog_kind(ctx, MEASURES, row)


def measure_rules(row: Row, measure: MeasureIn, entry: dict | None) -> dict:
    """The kind's maximum duration, and the end of a measure already ended."""
    if entry is not None:
        try:
            lifecycle.check_within_maximum(
                entry["label"], measure.start_on, measure.planned_end_on, entry["max_months"]
            )
        except ValidationFailed as refusal:
            rule_error(row, MEASURES, refusal, "planned_end_on")
    return measure_end(row, measure)


def measure_end(row: Row, measure: MeasureIn) -> dict:
    """A measure already ended: its end date and reason, together, after its start."""
    end_on, reason = row.get("end_on"), row.get("end_reason")
    if end_on is None and reason is None:
        return {"end_on": None, "end_reason": None}
    end = validated(row, MEASURES, MeasureEndIn, pick(row, ("end_on", "end_reason")))
    if end is not None and end.end_on < measure.start_on:
        row.errors.setdefault(
            "Fin", f"la fin ne peut pas précéder le début ({measure.start_on:%d/%m/%Y})"
        )
    return end.model_dump() if end else {}


def action_kind(ctx: Context, row: Row) -> dict | None:
    return catalog_kind(ctx, ACTIONS, row)


# « Procédures d'expulsion »: a procedure and its stages --------------------------------


def plan_procedures(ctx: Context, rows: SheetRows) -> None:
    prefetch_numbers(ctx, rows.rows)
    for ref, group in procedure_groups(rows.rows).items():
        checked = check_procedure(ctx, group)
        if checked is None:
            wrong = ", ".join(str(r.line) for r in group if r.errors)
            for row in group:
                row.errors.setdefault(
                    "", f"procédure refusée avec sa ou ses lignes en erreur ({wrong})"
                )
                ctx.refuse(PROCEDURES, row)
            continue
        plan_procedure(ctx, ref, group, *checked)


def procedure_groups(rows: list[Row]) -> dict[str, list[Row]]:
    """Stages by the procedure's « Réf. »; a row without one is a procedure of its own."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        ref = row.get(REF)
        groups.setdefault(str(ref) if ref else f"ligne:{row.line}", []).append(row)
    return groups


def check_procedure(ctx: Context, group: list[Row]):
    """The household, the closing and the stages (in the legal order), or None."""
    household = household_of(ctx, group[0])
    stages: list[tuple[str, object]] = []
    checked = []
    for row in group:
        fields = ("stage", "stage_on", "arrears", "landlord")
        stage = validated(row, PROCEDURES, ProcedureIn, pick(row, fields))
        if stage is None:
            continue
        try:
            lifecycle.check_stage(stages, stage.stage, stage.stage_on)
            stages.append((stage.stage, stage.stage_on))
            checked.append(stage)
        except ValidationFailed as refusal:
            rule_error(row, PROCEDURES, refusal, "stage")
    closing = procedure_closing(group, stages)
    if any(r.errors for r in group) or household is None:
        return None
    return household, closing, checked


def procedure_closing(group: list[Row], stages) -> dict:
    """The way out of the procedure, on any of its rows: an eviction closes it too."""
    row = next((r for r in group if r.get("outcome") or r.get("closed_on")), None)
    if stages and stages[-1][0] == "expulsion":
        return {"closed_on": stages[-1][1], "outcome": "expulsion"}
    if row is None:
        return {"closed_on": None, "outcome": None}
    close = validated(row, PROCEDURES, ProcedureCloseIn, pick(row, ("outcome", "closed_on")))
    if close is not None and stages and close.closed_on < stages[-1][1]:
        row.errors.setdefault(
            "Date de clôture",
            f"la clôture ne peut pas précéder la dernière étape ({stages[-1][1]:%d/%m/%Y})",
        )
    return close.model_dump() if close else {}


def plan_procedure(ctx: Context, ref, group: list[Row], household, closing, stages) -> None:
    """A procedure already imported is left alone (its stages are a history): only new
    procedures are created."""
    key = (PROCEDURES.key, ref)
    if key in ctx.earlier or key in ctx.targets:
        ctx.targets.setdefault(key, ctx.earlier.get(key, (None,))[0])
        ctx.count(PROCEDURES).unchanged += len(group)
        return
    landlord = next((r.get("landlord") for r in group if r.get("landlord")), None)
    procedure = ctx.work.add(
        New(PROCEDURE, {"household_id": household, "landlord": landlord, **closing}, key, household)
    )
    ctx.targets[key] = procedure
    for stage in stages:
        row = {"household_id": household, "procedure_id": procedure}
        row |= stage.model_dump(exclude={"landlord"})
        ctx.work.add(New(STAGE, row, None, household))
    ctx.work.refs.append(Ref(PROCEDURES.key, ref, procedure, group_hash(group)))
    ctx.count(PROCEDURES).created += len(group)


PLANNERS = {
    MEASURES.key: simple_sheet(MEASURES, MeasureIn, MEASURE, measure_kind, measure_rules),
    PROCEDURES.key: plan_procedures,
    DEBT_PLANS.key: simple_sheet(DEBT_PLANS, DebtPlanIn, DEBT_PLAN),
    MEDIATIONS.key: simple_sheet(MEDIATIONS, MediationIn, MEDIATION),
    FSL_SHEET.key: simple_sheet(FSL_SHEET, FslIn, FSL),
    ACTIONS.key: simple_sheet(ACTIONS, ActionIn, ACTION, action_kind),
}
