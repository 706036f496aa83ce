"""Input models of the housing stock, its leases and the capture pipeline: every field
checked, one French message each; a rule between two fields is checked on the later one
(pydantic gives it the earlier fields), so that its message stands beside the field to
correct. Rules that need the database (overlapping leases, the dwelling's time in the
stock, the lead's current stage) are in db/housing/rules.py.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, Field, ValidationInfo, field_validator

from db import catalog
from db.households.models import Optional, Text, code_of
from db.support.models import after
from db.validation import DUE, FACT, PLANNED, ahead_rule, french_amount, french_surface

MAX_RENT = Decimal("100000")
Amount = Annotated[Decimal, BeforeValidator(french_amount)]
OptionalAmount = Annotated[Decimal | None, BeforeValidator(french_amount), Optional]
Surface = Annotated[Decimal | None, BeforeValidator(french_surface), Optional]
ShortText = Annotated[str | None, Optional]
OptionalDate = Annotated[date | None, Optional]


class OwnerIn(BaseModel):
    kind: str
    name: Text = Field(min_length=1, max_length=200)
    phone: ShortText = Field(default=None, max_length=30)
    email: ShortText = Field(default=None, max_length=200)
    address: ShortText = Field(default=None, max_length=300)
    postal_code: ShortText = Field(default=None, pattern=r"^\d{5}$")
    commune: ShortText = Field(default=None, max_length=100)

    _kind = field_validator("kind")(code_of(catalog.OWNER_KIND, "type de propriétaire"))


class DwellingIn(BaseModel):
    # A date ahead confirmed by the person (db/validation.py); declared first, as the date
    # validators read it; never stored.
    future_confirmed: bool = Field(default=False, exclude=True)
    owner_id: int | None = None  # set by the write when the owner is created with it
    address: Text = Field(min_length=1, max_length=300)
    postal_code: ShortText = Field(default=None, pattern=r"^\d{5}$")
    commune: Text = Field(min_length=1, max_length=100)
    typology: str
    surface: Surface = Field(default=None, gt=0, le=10000, decimal_places=2)
    floor: int | None = Field(default=None, ge=-5, le=100)
    rent: Amount = Field(ge=0, le=MAX_RENT, decimal_places=2)
    charges: Amount = Field(default=Decimal("0"), ge=0, le=MAX_RENT, decimal_places=2)
    energy_class: Annotated[str | None, Optional] = None
    programme: str
    status: str = "vacant"
    entered_on: date
    left_on: OptionalDate = None

    _typology = field_validator("typology")(code_of(catalog.TYPOLOGY, "typologie"))
    _programme = field_validator("programme")(code_of(catalog.PROGRAMME, "dispositif"))
    _status = field_validator("status")(code_of(catalog.DWELLING_STATUS, "statut"))
    _entered_ahead = field_validator("entered_on")(ahead_rule(PLANNED, "l'entrée dans le parc"))
    _left = field_validator("left_on")(after("entered_on", "la sortie du parc", "l'entrée"))
    _left_ahead = field_validator("left_on")(ahead_rule(DUE, "la sortie du parc"))

    @field_validator("energy_class")
    @classmethod
    def known_class(cls, value: str | None) -> str | None:
        if value is not None and value not in catalog.ENERGY_CLASS:
            raise ValueError("classe énergie : choisissez une valeur de la liste (A à G)")
        return value


class LeaseIn(BaseModel):
    future_confirmed: bool = Field(default=False, exclude=True)  # a lease signed ahead
    kind: str
    household_id: int | None = Field(default=None, validate_default=True)
    start_on: date
    end_on: OptionalDate = None
    rent: OptionalAmount = Field(default=None, ge=0, le=MAX_RENT, decimal_places=2)
    planned_slide_on: OptionalDate = None

    _kind = field_validator("kind")(code_of(catalog.LEASE_KIND, "type de bail"))
    _start_ahead = field_validator("start_on")(ahead_rule(PLANNED, "le début du bail"))
    _end = field_validator("end_on")(after("start_on", "la fin du bail", "son début"))
    _end_ahead = field_validator("end_on")(ahead_rule(DUE, "la fin du bail"))
    _slide = field_validator("planned_slide_on")(
        after("start_on", "le glissement prévu", "le début du bail")
    )
    _slide_ahead = field_validator("planned_slide_on")(ahead_rule(DUE, "le glissement prévu"))

    @field_validator("household_id")
    @classmethod
    def household_for_its_kind(cls, value: int | None, info: ValidationInfo) -> int | None:
        kind = info.data.get("kind")
        if kind in catalog.HOUSEHOLD_LEASE_KINDS and value is None:
            raise ValueError("choisissez le ménage locataire")
        if kind in catalog.MAIN_LEASE_KINDS and value is not None:
            raise ValueError("un bail principal ou un mandat est celui de l'association")
        return value

    @field_validator("planned_slide_on")
    @classmethod
    def slide_of_a_sliding_lease(cls, value: date | None, info: ValidationInfo):
        if value is not None and info.data.get("kind") != "bail_glissant":
            raise ValueError("seul un bail glissant a un glissement prévu")
        return value


class MainLeaseIn(LeaseIn):
    """The association's own title on a dwelling captured: a main lease or a mandate."""

    kind: str = "bail_principal"

    @field_validator("kind")
    @classmethod
    def main_kind(cls, value: str) -> str:
        if value not in catalog.MAIN_LEASE_KINDS:
            raise ValueError("type de bail : bail principal ou mandat de gestion")
        return value


class LeaseEndIn(BaseModel):
    future_confirmed: bool = Field(default=False, exclude=True)  # notice given ahead
    end_on: date
    end_reason: str

    _end_ahead = field_validator("end_on")(ahead_rule(PLANNED, "le dernier jour occupé"))

    _reason = field_validator("end_reason")(code_of(catalog.LEASE_END_REASON, "motif de fin"))


class SlideIn(BaseModel):
    slid_on: date

    _slid = field_validator("slid_on")(ahead_rule(FACT, "le glissement"))


class LeadIn(BaseModel):
    owner_id: int | None = None
    owner_kind: Annotated[str | None, Optional] = None
    owner_name: ShortText = Field(default=None, max_length=200, validate_default=True)
    owner_phone: ShortText = Field(default=None, max_length=30)
    owner_email: ShortText = Field(default=None, max_length=200)
    address: Text = Field(min_length=1, max_length=300)
    postal_code: ShortText = Field(default=None, pattern=r"^\d{5}$")
    commune: Text = Field(min_length=1, max_length=100)
    typology: Annotated[str | None, Optional] = None
    proposed_rent: OptionalAmount = Field(default=None, ge=0, le=MAX_RENT, decimal_places=2)
    market_rent: OptionalAmount = Field(default=None, ge=0, le=MAX_RENT, decimal_places=2)
    works_needed: ShortText = Field(default=None, max_length=2000)
    incentives: list[str] = Field(default_factory=list)
    source: str
    assignee: ShortText = Field(default=None, max_length=80)

    _source = field_validator("source")(code_of(catalog.CAPTURE_SOURCE, "origine"))

    @field_validator("owner_kind")
    @classmethod
    def known_owner_kind(cls, value: str | None) -> str | None:
        if value is not None and value not in catalog.OWNER_KIND:
            raise ValueError("type de propriétaire : choisissez une valeur de la liste")
        return value

    @field_validator("owner_name")
    @classmethod
    def owner_named_or_known(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None and info.data.get("owner_id") is None:
            raise ValueError("nommez le propriétaire ou choisissez un propriétaire connu")
        return value

    @field_validator("typology")
    @classmethod
    def known_typology(cls, value: str | None) -> str | None:
        if value is not None and value not in catalog.TYPOLOGY:
            raise ValueError("typologie : choisissez une valeur de la liste")
        return value

    @field_validator("incentives")
    @classmethod
    def known_incentives(cls, value: list[str]) -> list[str]:
        unknown = [code for code in value if code not in catalog.INCENTIVE]
        if unknown:
            raise ValueError("incitations : choisissez des valeurs de la liste")
        return list(dict.fromkeys(value))


class MoveIn(BaseModel):
    stage: str
    moved_on: date
    reason: ShortText = Field(default=None, max_length=500)

    _stage = field_validator("stage")(code_of(catalog.CAPTURE_STAGE, "étape"))
    _moved = field_validator("moved_on")(ahead_rule(FACT, "la date du passage"))


class AbandonIn(BaseModel):
    abandoned_on: date
    abandoned_reason: str

    _reason = field_validator("abandoned_reason")(
        code_of(catalog.ABANDON_REASON, "motif d'abandon")
    )
    _abandoned = field_validator("abandoned_on")(ahead_rule(FACT, "la date d'abandon"))


class ConversionIn(BaseModel):
    """A signed convention: the owner (known, or new), the dwelling, the association's lease."""

    owner_id: int | None = None
    owner: OwnerIn | None = Field(default=None, validate_default=True)
    dwelling: DwellingIn
    lease: MainLeaseIn

    @field_validator("owner")
    @classmethod
    def one_owner(cls, value: OwnerIn | None, info: ValidationInfo) -> OwnerIn | None:
        if (value is None) == (info.data.get("owner_id") is None):
            raise ValueError("choisissez un propriétaire connu ou décrivez-en un nouveau")
        return value
