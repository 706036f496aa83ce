"""A strategy per input model of the app (tests/hostile_input.py's fields put together as
the forms send them), the models found in the code, and the checks of French messages."""

from __future__ import annotations

import inspect
import re
from datetime import timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from db import catalog
from db.accounts import users
from db.analytics import models as analytics_models
from db.households import models as household_models
from db.housing import models as housing_models
from db.rules import Actor
from db.support import models as support_models
from db.validation import french_errors
from tests.hostile_input import (
    AMOUNT,
    OTHER,
    TEXT,
    TODAY,
    Fields,
    contact_details,
    debt_plan,
    fitting_text,
    fixed,
    form,
    fsl,
    hostile_dates,
    hostile_text,
    intake,
    member,
    resource,
)
from ui.forms import readable_path
from ui.housing import capture_board, capture_forms, dwelling_form, lease_forms, owners

# The labels of the forms whose models' modules have none (the housing forms, the lists).
FORM_LABELS = {
    "OwnerIn": owners.LABELS,
    "DwellingIn": dwelling_form.LABELS,
    "LeaseIn": lease_forms.LABELS,
    "MainLeaseIn": lease_forms.LABELS,
    "LeaseEndIn": lease_forms.LABELS,
    "SlideIn": lease_forms.LABELS,
    "LeadIn": capture_forms.LEAD_LABELS,
    "ConversionIn": capture_forms.CONVERSION_LABELS,
    "MoveIn": capture_board.MOVE_LABELS,
    "AbandonIn": capture_board.ABANDON_LABELS,
    "CatalogEntryIn": {"label": "Libellé", "max_months": "Durée maximale"},
}
MODEL_MODULES = (
    household_models,
    support_models,
    housing_models,
    analytics_models,
    users,  # the account input, NewUser
)
ADMIN = Actor.system("proprietes")


@st.composite
def conversion(draw, f: Fields):
    strategies = build_strategies(f.plausible)
    owner, _ = draw(strategies["OwnerIn"])
    dwelling, _ = draw(strategies["DwellingIn"])
    lease, _ = draw(strategies["MainLeaseIn"])
    owner_id = draw(st.sampled_from([None, 1]))
    sent = {"owner_id": owner_id, "owner": owner, "dwelling": dwelling, "lease": lease}
    return {part: sent_by_the_form(part, fields) for part, fields in sent.items()}, {}


def sent_by_the_form(part: str, fields):
    """The fields of one part that the conversion form has (it names each of them)."""
    if not isinstance(fields, dict):
        return fields
    named = capture_forms.CONVERSION_LABELS
    return {name: value for name, value in fields.items() if f"{part}.{name}" in named}


def build_strategies(plausible: bool) -> dict:
    f = Fields(plausible)
    return {
        # households
        "MemberIn": member(f),
        "ResourceIn": resource(f),
        "ContactDetails": contact_details(f),
        "IntakeIn": intake(f),
        "HouseholdEdit": contact_details(f),
        "ContactIn": form(
            contact_on=f.when(),
            channel=f.code(catalog.CONTACT_CHANNEL),
            summary=f.text(),
            private_note=f.text(),
        ),
        "CloseIn": form(reason=f.code(catalog.CLOSE_REASON), closed_on=f.when()),
        # support
        "MeasureIn": form(
            kind=st.sampled_from(["asll", "avdl", "mous"]).map(lambda v: (v, OTHER)),
            prescriber=f.text(),
            start_on=f.when(recent=True),
            planned_end_on=st.one_of(
                st.dates(min_value=TODAY + timedelta(days=1), max_value=TODAY + timedelta(days=90)),
                st.just(TODAY) if plausible else hostile_dates,
            ).map(lambda v: (v, OTHER)),
            plan_signed_on=f.optional_when(),
        ),
        "ReviewIn": form(review_on=f.when(recent=True), outcome=f.text()),
        "RenewalIn": form(renewed_on=f.when(), new_end_on=f.when()),
        "MeasureEndIn": form(end_on=f.when(), end_reason=f.code(catalog.MEASURE_END_REASON)),
        "StageIn": form(
            stage=f.code(catalog.EVICTION_STAGE), stage_on=f.when(), arrears=f.amount()
        ),
        "ProcedureIn": form(
            stage=fixed("commandement_payer"),
            stage_on=f.when(recent=True),
            arrears=f.amount(high_cents=100_000_000, low_cents=0),
            landlord=f.text(),
        ),
        "ProcedureCloseIn": form(outcome=f.code(catalog.EVICTION_EXIT), closed_on=f.when()),
        "DebtPlanIn": debt_plan(f),
        "MediationIn": form(
            counterpart=f.code(catalog.MEDIATION_COUNTERPART),
            reason=f.code(catalog.MEDIATION_REASON),
            mediation_on=f.when(),
            outcome=f.code(catalog.MEDIATION_OUTCOME),
        ),
        "FslIn": fsl(f),
        "ActionIn": form(
            kind=f.either(["negociation_plan", "surendettement"], st.just("inconnue")),
            action_on=f.when(),
            note=f.text(),
        ),
        "CatalogEntryIn": form(label=f.text(), max_months=f.number(1, 120)),
        # housing
        "OwnerIn": form(
            kind=f.code(catalog.OWNER_KIND),
            name=f.text(),
            phone=f.either(["05 56 00 00 00", "+33 5 56", "inconnu"]),
            email=f.text(),
            address=f.text(),
            postal_code=f.either(["33000", None]),
            commune=f.text(),
        ),
        "DwellingIn": form(
            address=f.text(),
            commune=f.text(),
            typology=f.code(catalog.TYPOLOGY),
            surface=f.amount(high_cents=1_000_000),
            floor=f.number(-5, 100),
            rent=f.amount(high_cents=10_000_000, low_cents=0),
            charges=f.amount(high_cents=10_000_000, low_cents=0),
            energy_class=f.code(catalog.ENERGY_CLASS),
            programme=f.code(catalog.PROGRAMME),
            entered_on=f.when(),
            left_on=f.optional_when(),
        ),
        "LeaseIn": form(
            kind=f.code(catalog.LEASE_KIND),
            household_id=st.one_of(st.just(None), st.integers(-5, 10**6)).map(lambda v: (v, OTHER)),
            start_on=f.when(),
            end_on=f.optional_when(),
            rent=f.amount(),
            planned_slide_on=f.optional_when(),
        ),
        "MainLeaseIn": form(
            kind=f.code(catalog.MAIN_LEASE_KINDS),
            start_on=f.when(),
            end_on=f.optional_when(),
            rent=f.amount(),
        ),
        "LeaseEndIn": form(end_on=f.when(), end_reason=f.code(catalog.LEASE_END_REASON)),
        "SlideIn": form(slid_on=f.when()),
        "LeadIn": form(
            owner_kind=f.code(catalog.OWNER_KIND),
            owner_name=f.text(),
            owner_phone=f.either(["06 00 00 00 00", "n/c"]),
            owner_email=f.text(),
            address=f.text(),
            postal_code=f.either(["33000", None]),
            commune=f.text(),
            typology=f.code(catalog.TYPOLOGY),
            proposed_rent=f.amount(high_cents=10_000_000, low_cents=0),
            market_rent=f.amount(high_cents=10_000_000, low_cents=0),
            works_needed=f.text(),
            incentives=st.lists(f.code(catalog.INCENTIVE).map(lambda p: p[0]), max_size=3).map(
                lambda v: (v, OTHER)
            ),
            source=f.code(catalog.CAPTURE_SOURCE),
            assignee=f.text(),
        ),
        "MoveIn": form(stage=f.code(catalog.CAPTURE_STAGE), moved_on=f.when(), reason=f.text()),
        "AbandonIn": form(abandoned_on=f.when(), abandoned_reason=f.code(catalog.ABANDON_REASON)),
        "ConversionIn": conversion(f),
        # analytics
        "SavedQueryIn": form(
            name=f.text(),
            description=f.text(),
            sql=st.one_of(
                st.sampled_from(["SELECT 1", "SELECT * FROM household", "DROP TABLE household"]),
                fitting_text.map(lambda t: "SELECT '" + t.replace("'", "''") + "' AS texte"),
                hostile_text,
            ).map(lambda v: (v, TEXT)),
            shared=st.booleans().map(lambda v: (v, OTHER)),
        ),
        # accounts
        "NewUser": form(
            username=st.one_of(
                st.from_regex(r"[a-z0-9._-]{2,40}", fullmatch=True),
                st.just("x") if plausible else hostile_text,
            ).map(lambda v: (v, OTHER)),
            display_name=f.text(),
            email=f.either([None, "a@exemple.fr"]),
            roles=st.lists(
                st.sampled_from(["admin", "analyste"] + ([] if plausible else ["inconnu"])),
                min_size=1 if plausible else 0,
                max_size=2,
            ).map(lambda v: (v, OTHER)),
            password=f.either(["Un-mot-de-passe-tres-long-42"]),
        ),
    }


STRATEGIES = build_strategies(plausible=False)
PLAUSIBLE = build_strategies(plausible=True)


def models_of_the_app() -> dict[str, type[BaseModel]]:
    """Every pydantic model defined in the modules of the forms' inputs."""
    found = {}
    for module in MODEL_MODULES:
        for name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseModel) and value.__module__ == module.__name__:
                found[name] = value
    return found


MODELS = models_of_the_app()


# ------------------------------------------------------------------ French messages

# Words of pydantic's or Python's English that a French message never holds.
ENGLISH = re.compile(
    r"\b(input|should|value|field|required|must|error|invalid|expected|string|integer|"
    r"number|valid|characters|at least|at most|greater|less|than|none|null|type_error|"
    r"traceback|exception|unexpected|the|is|not|a valid)\b",
    re.IGNORECASE,
)


def assert_french(message: str, typed: list) -> None:
    """No English word in `message`, but in what was typed (which a message may quote)."""
    quoted = " ".join(t.lower() for t in typed if isinstance(t, str))
    assert message.strip(), f"message vide : {message!r}"
    english = [m.group(0) for m in ENGLISH.finditer(message) if m.group(0).lower() not in quoted]
    assert not english, f"message en anglais : {message!r}"
    assert "Value error" not in message, message


def strings_in(value) -> list:
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return [value] if isinstance(value, str) else []


def labels_of(model: type[BaseModel]) -> dict:
    """The labels the model's form names its fields with (ui/forms.errors_summary)."""
    if model.__name__ in FORM_LABELS:
        return FORM_LABELS[model.__name__]
    return getattr(inspect.getmodule(model), "FIELD_LABELS", {})


def readable_paths(exc: ValidationError, labels: dict) -> list[tuple[tuple, str]]:
    """Each refused field's location and its name as the form's summary says it."""
    return [
        (tuple(e["loc"]), readable_path(".".join(str(p) for p in e["loc"]), labels))
        for e in exc.errors()
    ]


def assert_named_in_french(exc: ValidationError, labels: dict) -> None:
    """No field named on screen by the model's own (English) name: « rent », « kind »."""
    for location, said in readable_paths(exc, labels):
        steps = [step for step in location if isinstance(step, str)]
        assert not set(steps) & set(said.split(" — ")), (location, said)


def validated(name: str, sent: dict):
    """The model, or None after checking that each of its messages is French."""
    model = MODELS[name]
    try:
        return model.model_validate(sent)
    except ValidationError as exc:
        typed = strings_in(sent)
        messages = french_errors(exc, labels_of(model))
        assert messages
        for message in messages.values():
            assert_french(message, typed)
        assert_named_in_french(exc, labels_of(model))
        return None


def check_holds_as_typed(instance: BaseModel, sent: dict, expected: dict) -> None:
    """Text as typed (its surrounding blanks trimmed, a blank one empty), amounts as read
    by a French reader (« 1 234,50 » is 1234.50, never 123450)."""
    for name, expectation in expected.items():
        held, typed = getattr(instance, name), sent[name]
        if expectation == TEXT:
            assert held in (typed, typed.strip()) or (held is None and not typed.strip()), name
        elif isinstance(expectation, tuple) and expectation[0] == AMOUNT:
            assert held == expectation[1], (name, typed, held)
        elif isinstance(expectation, list):
            for item, typed_item, item_expected in zip(held, typed, expectation, strict=False):
                check_holds_as_typed(item, typed_item, item_expected)


def models_settings(examples: int):
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
