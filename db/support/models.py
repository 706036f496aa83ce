"""Input models of support work: every field checked, one French message each.

A rule between two fields is checked on the later one (pydantic gives it the earlier
fields), so that its message stands beside the field to correct. Rules that need the
database (the maximum of a measure kind, the stages already recorded) are in writes.py.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator

from db import catalog
from db.errors import ValidationFailed
from db.french import fr_amount, fr_date
from db.households.models import Optional, Text, code_of, not_in_future
from db.support.lifecycle import check_debt_plan, check_no_eviction_in_truce
from db.validation import french_amount

MAX_AMOUNT = Decimal("1000000")
Amount = Annotated[Decimal, BeforeValidator(french_amount)]
# Before-validators run last-listed first: a blank field becomes None, then is read.
OptionalAmount = Annotated[Decimal | None, BeforeValidator(french_amount), Optional]
ShortText = Annotated[str | None, Optional]

FIELD_LABELS = {
    **catalog.COLUMN,
    "kind": "Type",
    "prescriber": "Prescripteur",
    "outcome": "Conclusion",
    "status": "Statut",
}


def after(earlier: str, what: str, earlier_what: str):
    """A validator: this date is not before the field `earlier` (when both are given)."""

    def check(value, info: ValidationInfo):
        first = info.data.get(earlier)
        if value is not None and first is not None and value < first:
            raise ValueError(f"{what} ne peut pas précéder {earlier_what} ({fr_date(first)})")
        return value

    return check


class MeasureIn(BaseModel):
    kind: str  # a code of support_catalog (measure_kind), checked by the write
    prescriber: ShortText = Field(default=None, max_length=200)
    start_on: date
    planned_end_on: date
    plan_signed_on: Annotated[date | None, Optional] = None

    _start = field_validator("start_on")(not_in_future("le début"))
    _end = field_validator("planned_end_on")(after("start_on", "la fin prévue", "le début"))
    _signed = field_validator("plan_signed_on")(not_in_future("la signature"))

    @field_validator("planned_end_on")
    @classmethod
    def later_than_start(cls, value: date, info: ValidationInfo) -> date:
        if info.data.get("start_on") == value:
            raise ValueError("la fin prévue vient après le début")
        return value


class ReviewIn(BaseModel):
    review_on: date
    outcome: Text = Field(min_length=1, max_length=2000)

    _review_on = field_validator("review_on")(not_in_future("un bilan"))


class RenewalIn(BaseModel):
    renewed_on: date
    new_end_on: date

    _renewed_on = field_validator("renewed_on")(not_in_future("le renouvellement"))


class MeasureEndIn(BaseModel):
    end_on: date
    end_reason: str

    _end_on = field_validator("end_on")(not_in_future("la fin"))
    _reason = field_validator("end_reason")(code_of(catalog.MEASURE_END_REASON, "motif de fin"))


class StageIn(BaseModel):
    stage: str
    stage_on: date
    arrears: OptionalAmount = Field(default=None, ge=0, le=MAX_AMOUNT, decimal_places=2)

    _stage = field_validator("stage")(code_of(catalog.EVICTION_STAGE, "étape"))
    _stage_on = field_validator("stage_on")(not_in_future("une étape franchie"))

    @field_validator("stage_on")
    @classmethod
    def no_eviction_in_truce(cls, stage_on: date, info: ValidationInfo) -> date:
        """Checked here too (the write checks it again), so that its message stands beside
        the date to correct rather than above the form."""
        try:
            check_no_eviction_in_truce(info.data.get("stage"), stage_on)
        except ValidationFailed as refusal:
            raise ValueError(str(refusal)) from None
        return stage_on


class ProcedureIn(StageIn):
    """A procedure opens with its first stage (often the commandement de payer)."""

    landlord: ShortText = Field(default=None, max_length=200)


class ProcedureCloseIn(BaseModel):
    outcome: str
    closed_on: date

    _outcome = field_validator("outcome")(code_of(catalog.EVICTION_EXIT, "issue"))
    _closed_on = field_validator("closed_on")(not_in_future("la clôture"))


class DebtPlanIn(BaseModel):
    creditor: Text = Field(min_length=1, max_length=200)
    total_debt: Amount = Field(gt=0, le=MAX_AMOUNT, decimal_places=2)
    instalment: Amount = Field(gt=0, le=MAX_AMOUNT, decimal_places=2)
    months: int = Field(ge=1, le=240)
    start_on: date
    status: str = "en_cours"

    _status = field_validator("status")(code_of(catalog.DEBT_PLAN_STATUS, "statut"))

    @field_validator("months")
    @classmethod
    def instalments_cover_the_debt(cls, months: int, info: ValidationInfo) -> int:
        debt, instalment = info.data.get("total_debt"), info.data.get("instalment")
        if debt is not None and instalment is not None:
            try:
                check_debt_plan(debt, instalment, months)
            except ValidationFailed as refusal:  # its message goes beside the field
                raise ValueError(str(refusal)) from None
        return months


class MediationIn(BaseModel):
    counterpart: str
    reason: str
    mediation_on: date
    outcome: str

    _counterpart = field_validator("counterpart")(
        code_of(catalog.MEDIATION_COUNTERPART, "interlocuteur")
    )
    _reason = field_validator("reason")(code_of(catalog.MEDIATION_REASON, "motif"))
    _on = field_validator("mediation_on")(not_in_future("une médiation"))
    _outcome = field_validator("outcome")(code_of(catalog.MEDIATION_OUTCOME, "résultat"))


class FslIn(BaseModel):
    # The rules between status, dates and amounts also hold for a field left out.
    model_config = ConfigDict(validate_default=True)

    kind: str
    form: str
    amount_requested: Amount = Field(gt=0, le=MAX_AMOUNT, decimal_places=2)
    status: str
    submitted_on: Annotated[date | None, Optional] = None
    decided_on: Annotated[date | None, Optional] = None
    amount_granted: OptionalAmount = Field(default=None, ge=0, le=MAX_AMOUNT, decimal_places=2)
    refusal_reason: ShortText = Field(default=None, max_length=500)

    _kind = field_validator("kind")(code_of(catalog.FSL_KIND, "type d'aide"))
    _form = field_validator("form")(code_of(catalog.FSL_FORM, "forme"))
    _status = field_validator("status")(code_of(catalog.FSL_STATUS, "statut"))
    _submitted = field_validator("submitted_on")(not_in_future("le dépôt"))
    _decided_in_past = field_validator("decided_on")(not_in_future("la décision"))
    _decided_after = field_validator("decided_on")(after("submitted_on", "la décision", "le dépôt"))

    @field_validator("submitted_on")
    @classmethod
    def submitted_unless_draft(cls, value: date | None, info: ValidationInfo):
        if value is None and info.data.get("status") not in (None, "brouillon"):
            raise ValueError("à renseigner : la demande a été déposée")
        return value

    @field_validator("decided_on")
    @classmethod
    def decided_when_answered(cls, value: date | None, info: ValidationInfo):
        if value is None and info.data.get("status") in ("accordee", "refusee", "ajournee"):
            raise ValueError("à renseigner : la commission a répondu")
        if value is not None and info.data.get("status") in ("brouillon", "deposee"):
            raise ValueError("pas de décision tant que la demande attend")
        return value

    @field_validator("amount_granted")
    @classmethod
    def granted_within_request(cls, value: Decimal | None, info: ValidationInfo):
        status, requested = info.data.get("status"), info.data.get("amount_requested")
        if status == "accordee" and not value:
            raise ValueError("à renseigner : l'aide est accordée")
        if status != "accordee" and value:
            raise ValueError("seulement pour une aide accordée")
        if value is not None and requested is not None and value > requested:
            raise ValueError(f"ne peut pas dépasser le montant demandé ({fr_amount(requested)})")
        return value

    @field_validator("refusal_reason")
    @classmethod
    def reason_of_refusal(cls, value: str | None, info: ValidationInfo):
        if value is None and info.data.get("status") == "refusee":
            raise ValueError("à renseigner : la demande est refusée")
        return value


class ActionIn(BaseModel):
    kind: str  # a code of support_catalog (action_kind), checked by the write
    action_on: date
    note: ShortText = Field(default=None, max_length=2000)

    _on = field_validator("action_on")(not_in_future("une action"))


class CatalogEntryIn(BaseModel):
    label: Text = Field(min_length=2, max_length=120)
    max_months: int | None = Field(default=None, ge=1, le=120)
