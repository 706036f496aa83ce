"""The kit every form uses to edit a record, whatever its area (docs/architecture.md).

One flow, as a change form: draw the record's fields, each with its refusal under it; keep
what was typed; save through the write door (`run_write`); answer a save over a newer
version with who saved it and when, and show back what the person had typed.

A form is described, not written: its fields (`Field`), what it says (`Wording`), its write
(`adding`, `changing`); `add_form` and `change_form` run the flow. A form of several steps
(the intake checks for duplicates before its write) calls `save` at each step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import streamlit as st
from pydantic import ValidationError

from db import catalog
from db.errors import HabiterError, StaleRecordError
from db.french import NBSP, fr_amount, fr_date
from ui import forms

STALE = "record_stale"


# Versions: a form is sent against the version it showed -------------------------------


def _version_key(entity: str, record_id: int) -> str:
    return f"shown_version_{entity}_{record_id}"


def shown_version(entity: str, record: dict) -> int:
    """The version of a record as the previous run showed it: what the person saw when they
    filled the form they are now sending. Saving over a newer one is refused."""
    return st.session_state.get(_version_key(entity, record["id"]), record["version"])


def remember_shown(entity: str, records) -> None:
    """Called once the records are drawn: the next run's forms were filled against these."""
    for record in records:
        st.session_state[_version_key(entity, record["id"])] = record["version"]


def keyed_version(name: str, entity: str, record: dict) -> int:
    """The version a form's widgets are keyed on. In the run that sends the form: the one
    the person filled it against, so that what they typed survives even if the record
    changed meanwhile (the save is then refused, their input shown). Otherwise: the
    record's current one, so that newer data shows."""
    if st.session_state.get(send_key(name)):
        return shown_version(entity, record)
    return record["version"]


def send_key(name: str) -> str:
    return f"{name}_send"


def form_key(name: str) -> str:
    """The key of a form, new after each successful save so that it opens empty again
    (clear_on_submit would also empty it when the save is refused)."""
    return f"{name}_{st.session_state.get(f'generation_{name}', 0)}"


def _next_generation(name: str) -> None:
    st.session_state[f"generation_{name}"] = st.session_state.get(f"generation_{name}", 0) + 1


# Saving ---------------------------------------------------------------------------------


def run_write(write, message: str, form: str | None = None, typed: dict | None = None) -> None:
    """Run one write through the write door, then rerun.

    Refused input: its messages are kept for the next run, beside the fields of `form`
    (without a form, shown at once and no rerun). Stale record: the next run shows the
    newer data, the refusal and `typed` (what the person typed, in words: see `in_words`).
    """
    try:
        done = _attempt(write, form, typed) is not REFUSED
    except (ValidationError, HabiterError) as exc:  # raised only without a form
        st.error(str(exc))
        return
    if done:
        if form is not None:
            _next_generation(form)
        st.toast(message)
    st.rerun()


def save(write, form: str, typed: dict | None = None):
    """Run one write (or a model's validation) for `form` and return what it returns, or
    None when refused: the refusal is kept for the next run, beside the form's fields, and
    the form keeps what was typed. For a form that does more than one step (the intake
    checks for duplicates between its validation and its write)."""
    result = _attempt(write, form, typed)
    return None if result is REFUSED else result


REFUSED = object()  # a write that returns nothing has still been done


def _attempt(write, form: str | None, typed: dict | None):
    """What `write` returns, or REFUSED with the refusal kept (a refused input under
    `form`: without a form, raised to the caller)."""
    try:
        result = write()
    except StaleRecordError as exc:
        st.session_state[STALE] = {"message": str(exc), "typed": typed or {}}
        return REFUSED
    except (ValidationError, HabiterError) as exc:
        if form is None:
            raise
        forms.keep_errors(form, exc)
        return REFUSED
    if form is not None:
        forms.clear_errors(form)
    return result


def show_stale_refusal() -> None:
    """The refusal of a save over a newer version, with what the person had typed."""
    stale = st.session_state.pop(STALE, None)
    if stale is None:
        return
    st.error(stale["message"])
    if stale["typed"]:
        with st.expander("Votre saisie non enregistrée (à reporter si besoin)", expanded=True):
            for label, value in stale["typed"].items():
                st.text(f"{label} : {value}")


def in_words(entity: str, typed: dict, labels: dict) -> dict[str, str]:
    """What a person typed, labelled and in French, for a stale refusal to show it back:
    codes as the entity's labels, dates 21/11/2026."""
    coded = catalog.coded_columns(entity)
    shown = {}
    for field, value in typed.items():
        if field in coded and value is not None:
            value = catalog.label(coded[field], value)
        elif isinstance(value, date):
            value = fr_date(value)
        shown[labels.get(field, field)] = "—" if value in (None, "") else str(value)
    return shown


def given(typed: dict) -> dict:
    """The fields filled in: an empty date or choice is left out, so that the model says
    « à renseigner » (a None would read « date invalide »)."""
    return {field: value for field, value in typed.items() if value is not None}


# Forms: the flow of adding a record, and of changing one at the version shown ----------


@dataclass(frozen=True)
class Wording:
    """What a form says: its button, the toast once saved, and the labels that name its
    fields in the summary of refusals and in a stale refusal."""

    button: str
    saved: str
    labels: dict
    primary: bool = True


def add_form(name: str, wording: Wording, draw, save) -> None:
    """A form that adds a record: `draw(errors, key)` draws its fields and returns what
    was typed, `save(typed)` writes it (see `adding`). Refusals are shown above and under
    their fields; a saved form opens empty again."""
    errors, key = forms.form_errors(name), form_key(name)
    with st.form(key):
        forms.errors_summary(errors, wording.labels)
        typed = draw(errors, key)
        if st.form_submit_button(wording.button, type="primary"):
            run_write(lambda: save(typed), wording.saved, name)


def change_form(name: str, entity: str, record: dict, wording: Wording, draw, save, words=None):
    """A form that changes `record` (an `entity` of the catalogue) at the version shown:
    `draw` as for `add_form`, `save(version, typed)` writes it (see `changing`). A save
    over a newer version is refused and shows what was typed, in words (`words(typed)`
    first when a value is not its own words: a username for a name)."""
    version = shown_version(entity, record)
    keyed = keyed_version(name, entity, record)
    errors = forms.form_errors(name)
    with st.form(form_key(name)):
        forms.errors_summary(errors, wording.labels)
        typed = draw(errors, f"{form_key(name)}_{keyed}")
        kind = "primary" if wording.primary else "secondary"
        if st.form_submit_button(wording.button, type=kind, key=send_key(name)):
            shown = in_words(entity, words(typed) if words else typed, wording.labels)
            run_write(lambda: save(version, typed), wording.saved, name, shown)


def adding(write, model, *args):
    """The `save` of an add_form: `write(*args, the model of what was typed)`."""
    return lambda typed: write(*args, model.model_validate(given(typed)))


def changing(write, model, *args):
    """The `save` of a change_form: `write(*args, version, the model of what was typed)`."""
    return lambda version, typed: write(*args, version, model.model_validate(given(typed)))


# Fields: each draws its widget, then its refusal right under it -----------------------


def date_at(errors: dict, field: str, label: str, value: date | None, key: str) -> date | None:
    day = forms.date_field(label, value, key=key)
    forms.field_error(errors, field)
    return day


def amount_at(errors: dict, field: str, label: str, value: Decimal | None, key: str) -> str:
    typed = forms.amount_input(label, key, amount_text(value))
    forms.field_error(errors, field)
    return typed


def amount_text(value: Decimal | None) -> str:
    """An amount as a form shows it again, to be read back the same: '1 234,50'."""
    return "" if value is None else fr_amount(value).removesuffix(f"{NBSP}€")


def choice_at(errors: dict, field: str, label: str, choices: dict, current, key: str, **kw):
    chosen = forms.select_keeping(label, choices, current, key, **kw)
    forms.field_error(errors, field)
    return chosen


def select(label: str, choices: dict, key: str, **kw):
    """A select of codes shown by their labels that opens on its first choice, as a new
    record's does (`forms.select_keeping` opens on the record's value)."""
    placeholder = kw.pop("placeholder", "Choisir dans la liste")
    return st.selectbox(
        label, list(choices), format_func=choices.get, key=key, placeholder=placeholder, **kw
    )


def text_at(errors: dict, field: str, label: str, value, key: str, area: bool = False, **kw):
    widget = st.text_area if area else st.text_input
    typed = widget(label, "" if value is None else str(value), key=key, **kw)
    forms.field_error(errors, field)
    return typed


KINDS = ("text", "area", "date", "amount", "choice")


@dataclass(frozen=True)
class Field:
    """One field of a form's description: the model's field, its label on screen, its
    widget (text, area, date, amount or choice) and its widget key's suffix (the name
    unless told: tests and old sessions know some by a shorter one)."""

    name: str
    label: str
    kind: str = "text"
    choices: dict | None = None
    key: str = ""
    allow_none: bool = False
    placeholder: str | None = None

    def __post_init__(self):
        if self.kind not in KINDS:  # a typo would otherwise draw a text field
            raise ValueError(f"{self.name}: kind {self.kind!r} not in {KINDS}")

    def draw(self, errors: dict, value, key: str):
        at = f"{key}_{self.key or self.name}"
        if self.kind == "date":
            return date_at(errors, self.name, self.label, value, at)
        if self.kind == "amount":
            return amount_at(errors, self.name, self.label, value, at)
        if self.kind == "choice":
            chosen = self.choices or {}
            return choice_at(
                errors, self.name, self.label, chosen, value, at, allow_none=self.allow_none
            )
        area = self.kind == "area"
        return text_at(errors, self.name, self.label, value, at, area, placeholder=self.placeholder)


def draw_fields(fields, errors: dict, record: dict, key: str, columns: int | list = 2) -> dict:
    """Each field in turn across `columns` (a count, or their widths), filled from `record`
    (a missing value: empty), its refusal under it. What was typed, by field name."""
    places = [st.container()] if columns == 1 else st.columns(columns)
    typed = {}
    for position, field in enumerate(fields):
        with places[position % len(places)]:
            typed[field.name] = field.draw(errors, record.get(field.name), key)
    return typed


def picked_record(label: str, found, name_of, key: str, placeholder: str) -> dict | None:
    """The row of `found` (a frame with an id) chosen in a select, each named by
    `name_of(row)`; None until one is chosen."""
    names = {row["id"]: name_of(row) for row in found.iter_rows(named=True)}
    chosen = record_picker(label, names, key, placeholder)
    return None if chosen is None else found.row(list(names).index(chosen), named=True)


def record_picker(label: str, choices: dict, key: str, placeholder: str):
    """Which record a form changes; None until one is chosen."""
    return st.selectbox(
        label, list(choices), index=None, format_func=choices.get, key=key, placeholder=placeholder
    )
