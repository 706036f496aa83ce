"""Input models of the household area: every field checked, one French message each."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, EmailStr, Field, field_validator

from db import catalog, clock
from db.validation import POSTCODE_EXPECTED, SOON, ahead_rule, french_amount

MAX_AGE_YEARS = 110
MAX_MONTHLY_AMOUNT = Decimal("20000")
ANONYMOUS_NAME = "Anonyme"

# Field names as the forms' messages say them: the catalogue's, plus the forms' own.
FIELD_LABELS = {
    **catalog.COLUMN,
    "members": "Membre",
    "resources": "Ressource",
    "member_index": "Membre concerné",
    "monthly_amount": "Montant mensuel",
    "consent_on": "Date du consentement",
    "first_note": "Note du premier contact",
    "contact_on": "Date du contact",
    "reason": "Motif",
    "closed_on": "Date de clôture",
    "valid_from": "Perçue depuis le",
    "intake_on": "Date de l'accueil",
}
# Before this, an intake date is a typing slip (01/01/0025 for 01/01/2025), not a file: the
# FSL and the associations' housing work date from the loi Besson of 31 May 1990, and an
# association importing its history may hold files from its first years.
EARLIEST_INTAKE = date(1990, 1, 1)


def _blank_to_none(value):
    if isinstance(value, str) and not value.strip():
        return None
    return value.strip() if isinstance(value, str) else value


Optional = BeforeValidator(_blank_to_none)
Text = Annotated[str, BeforeValidator(lambda v: v.strip() if isinstance(v, str) else v)]


def code_of(catalogue: dict, what: str):
    """A validator accepting only the codes of one catalogue."""

    def check(value):
        if value not in catalogue:
            raise ValueError(f"{what} : choisissez une valeur de la liste")
        return value

    return check


def phone_digits(value: str) -> str:
    """The digits of a French number in national form ('+33 6 12…' gives '0612…').

    The one phone rule of the app: the form, the list's search and the duplicate check.
    """
    digits = re.sub(r"\D", "", value)
    if value.strip().startswith("+33") or (digits.startswith("33") and len(digits) == 11):
        return "0" + digits[2:]
    if digits.startswith("0033"):
        return "0" + digits[4:]
    return digits


def normalise_phone(value: str | None) -> str | None:
    """French numbers only: 10 digits from 0, or +33; stored as '06 12 34 56 78'."""
    if value is None:
        return None
    if re.search(r"[^\d\s.\-()+]", value):
        raise ValueError("numéro à 10 chiffres attendu, par exemple 06 12 34 56 78")
    digits = phone_digits(value)
    if not re.fullmatch(r"0[1-9]\d{8}", digits):
        raise ValueError("numéro à 10 chiffres attendu, par exemple 06 12 34 56 78")
    return " ".join(digits[i : i + 2] for i in range(0, 10, 2))


def check_past_date(value: date | None, what: str = "la date") -> date | None:
    if value is not None and value > clock.today():
        raise ValueError(f"{what} ne peut pas être dans le futur")
    return value


def not_in_future(what: str):
    """A validator refusing a date after today, in the words of `what`."""

    def check(value):
        return check_past_date(value, what)

    return check


class MemberIn(BaseModel):
    role: str
    last_name: Text = Field(min_length=1, max_length=80)
    first_name: Text = Field(min_length=1, max_length=80)
    birth_date: Annotated[date | None, Optional] = None
    sex: Annotated[str | None, Optional] = None

    _role = field_validator("role")(code_of(catalog.PERSON_ROLE, "place dans le ménage"))

    @field_validator("sex")
    @classmethod
    def known_sex(cls, value):
        return None if value is None else code_of(catalog.SEX, "sexe")(value)

    @field_validator("birth_date")
    @classmethod
    def plausible_birth_date(cls, value):
        check_past_date(value, "une date de naissance")
        if value and value < clock.today() - timedelta(days=365 * MAX_AGE_YEARS):
            raise ValueError(f"date de naissance peu plausible (plus de {MAX_AGE_YEARS} ans)")
        return value

    def is_adult(self) -> bool:
        if self.birth_date is not None:
            return age_on(self.birth_date, clock.today()) >= 18
        return self.role in catalog.ADULT_ROLES


class ResourceIn(BaseModel):
    member_index: int = Field(ge=0)
    kind: str
    monthly_amount: Annotated[Decimal, BeforeValidator(french_amount)] = Field(
        ge=0, le=MAX_MONTHLY_AMOUNT, decimal_places=2
    )
    valid_from: Annotated[date | None, Optional] = None  # « perçue depuis le »; None: today

    _kind = field_validator("kind")(code_of(catalog.RESOURCE_TYPE, "type de ressource"))
    # Received, or granted for the coming months: not years ahead (db/validation.py).
    _from = field_validator("valid_from")(ahead_rule(SOON, "la date « perçue depuis le »"))


class ContactDetails(BaseModel):
    """What a household's file says besides its members: shared by intake and edit."""

    phone: Annotated[str | None, Optional] = None
    email: Annotated[EmailStr | None, Optional] = None
    address: Annotated[str | None, Optional] = Field(default=None, max_length=200)
    postal_code: Text
    commune: Text = Field(min_length=1, max_length=80)
    family_type: str
    housing_situation: str
    prescriber: str
    request_type: str
    referent: Annotated[str | None, Optional] = None
    consent_on: Annotated[date | None, Optional] = None

    _phone = field_validator("phone")(normalise_phone)
    _family = field_validator("family_type")(code_of(catalog.FAMILY_TYPE, "composition"))
    _housing = field_validator("housing_situation")(
        code_of(catalog.HOUSING_SITUATION, "situation de logement")
    )
    _prescriber = field_validator("prescriber")(code_of(catalog.PRESCRIBER, "prescripteur"))
    _request = field_validator("request_type")(code_of(catalog.REQUEST_TYPE, "type de demande"))

    _consent = field_validator("consent_on")(not_in_future("le consentement"))

    @field_validator("postal_code")
    @classmethod
    def five_digits(cls, value: str) -> str:
        if not value:
            raise ValueError(f"à renseigner : {POSTCODE_EXPECTED}")
        if not re.fullmatch(r"\d{5}", value):
            raise ValueError(POSTCODE_EXPECTED)
        return value


class IntakeIn(ContactDetails):
    members: list[MemberIn] = Field(min_length=1, max_length=15)
    resources: list[ResourceIn] = Field(default_factory=list, max_length=60)
    first_note: Annotated[str | None, Optional] = Field(default=None, max_length=5000)
    # « Date de l'accueil »: None is today. An earlier day dates a paper intake typed
    # later; who may give one is db/rules.can_backdate_intake, checked by create_intake.
    intake_on: Annotated[date | None, Optional] = None

    @field_validator("intake_on")
    @classmethod
    def plausible_intake_day(cls, value: date | None) -> date | None:
        check_past_date(value, "la date de l'accueil")
        if value is not None and value < EARLIEST_INTAKE:
            raise ValueError(
                f"date de l'accueil peu plausible (avant le {EARLIEST_INTAKE:%d/%m/%Y})"
            )
        return value

    @property
    def day(self) -> date:
        """The day the household was welcomed: the one typed, or today."""
        return self.intake_on or clock.today()

    # Field validators rather than one on the whole model: their messages come with the
    # other fields' at the first submit, and stand beside the members or the resources.
    @field_validator("members")
    @classmethod
    def coherent_household(cls, members: list[MemberIn]) -> list[MemberIn]:
        if not any(member.is_adult() for member in members):
            raise ValueError("le ménage compte au moins un adulte")
        if sum(m.role == "chef_menage" for m in members) != 1:
            raise ValueError("le ménage a un·e et un·e seul·e chef·fe de ménage")
        return members

    @field_validator("resources")
    @classmethod
    def resources_of_members(cls, resources: list[ResourceIn], info) -> list[ResourceIn]:
        members = info.data.get("members")
        if members is not None and any(r.member_index >= len(members) for r in resources):
            raise ValueError("une ressource est rattachée à un membre qui n'existe pas")
        return resources

    @property
    def anonymous(self) -> bool:
        """Without consent only an anonymous contact is recorded (CNIL)."""
        return self.consent_on is None


class HouseholdEdit(ContactDetails):
    """The general information of an existing file."""


class ContactIn(BaseModel):
    contact_on: date
    channel: str
    summary: Text = Field(min_length=1, max_length=5000)
    private_note: Annotated[str | None, Optional] = Field(default=None, max_length=5000)

    _channel = field_validator("channel")(code_of(catalog.CONTACT_CHANNEL, "canal"))

    _contact_on = field_validator("contact_on")(not_in_future("un contact"))


class CloseIn(BaseModel):
    reason: str
    closed_on: date

    _reason = field_validator("reason")(code_of(catalog.CLOSE_REASON, "motif de clôture"))

    _closed_on = field_validator("closed_on")(not_in_future("la clôture"))


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def propose_family_type(members: list[dict]) -> str:
    """From the members' roles (and ages when known): the family type to propose."""
    roles = [m.get("role") for m in members]
    children = sum(r in ("enfant", "autre_enfant") for r in roles)
    adults = len(roles) - children
    if "conjoint" in roles and adults == 2:
        return "couple_enfants" if children else "couple"
    if adults == 1:
        return "monoparentale" if children else "isole"
    return "autre"
