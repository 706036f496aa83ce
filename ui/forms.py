"""Form helpers: French messages kept beside their fields, amounts and dates typed the
French way, selects that keep the record's value."""

from __future__ import annotations

from datetime import date

import streamlit as st
from pydantic import ValidationError

from db.validation import field_path, french_errors, french_message
from ui.plain import md_inline

NONE_LABEL = "— aucun —"
# Wide enough never to refuse a value in the browser (whose refusal is an English tooltip
# and keeps the last valid value): the form's own validation refuses, in French.
EARLIEST_DAY, LATEST_DAY = date(1900, 1, 1), date(2100, 12, 31)


def show_validation_errors(exc: ValidationError) -> None:
    for field, message in french_errors(exc).items():
        st.error(md_inline(f"{field} : {message}" if field else message))


def errors_by_path(exc: Exception) -> dict[str, str]:
    """{'members.0.last_name': message, ...}; a refusal of the whole form under ''."""
    if not isinstance(exc, ValidationError):
        return {getattr(exc, "field", None) or "": str(exc)}
    found: dict[str, str] = {}
    for error in exc.errors():
        found.setdefault(".".join(str(p) for p in error["loc"]), french_message(error))
    return found


def _errors_key(form: str) -> str:
    return f"form_errors_{form}"


def keep_errors(form: str, exc: Exception) -> None:
    """Remember a refused save's messages for the next run, which draws each one beside its
    field while what was typed stays in place."""
    st.session_state[_errors_key(form)] = errors_by_path(exc)


def form_errors(form: str) -> dict[str, str]:
    return st.session_state.get(_errors_key(form), {})


def clear_errors(form: str) -> None:
    st.session_state.pop(_errors_key(form), None)


def field_error(errors: dict[str, str], path: str, label: str | None = None) -> None:
    """The French message of one field, just under it, when the last save refused it.

    `label` names the field when the message stands under a whole row of fields.
    """
    if path in errors:
        # st.error reads Markdown: escaped, as a message may quote what was typed.
        st.error(md_inline(f"{label} : {errors[path]}" if label else errors[path]))


def errors_summary(errors: dict[str, str], labels: dict[str, str] | None = None) -> None:
    """How many points to correct, each named (so that none goes unseen), and the message
    about the form as a whole (alone when no field is refused)."""
    if not errors:
        return
    # Escaped: a message may quote what was typed, and st.error reads Markdown.
    lines = [
        f"- {md_inline(readable_path(path, labels or {}))} : {md_inline(message)}"
        for path, message in errors.items()
        if path
    ]
    if lines:  # a refusal of the whole form alone (a full disk, a conflict): nothing to correct
        st.error(
            f"Rien n'a été enregistré : {len(errors)} point(s) à corriger (indiqué(s) aussi sous "
            "les champs). Votre saisie est conservée.\n\n" + "\n".join(lines)
        )
    if "" in errors:
        st.error(md_inline(errors[""]))


def readable_path(path: str, labels: dict[str, str]) -> str:
    """'dwelling.rent' by the form's own label for it (« Loyer »), else step by step
    ('members.1.last_name': « Membre 2 — Nom »), never by the model's field names."""
    return labels[path] if path in labels else field_path(tuple(_steps(path)), labels)


def _steps(path: str) -> list:
    return [int(step) if step.isdigit() else step for step in path.split(".")]


def amount_input(label: str, key: str, value: str = "", container=st) -> str:
    """An amount typed as text ('85,50', '1 234,50'), read on the server by the model: a
    browser's number field would drop the decimal comma."""
    # A placeholder rather than `help=`: the help button's accessible name is English.
    return container.text_input(label, value=value, key=key, placeholder="ex. 85,50")


def date_field(label: str, value: date | None, key: str | None = None, container=st, **kw):
    """A date picker in French order whose range never refuses in the browser."""
    return container.date_input(
        f"{label} (JJ/MM/AAAA)",
        value=value,
        key=key,
        min_value=EARLIEST_DAY,
        max_value=LATEST_DAY,
        format="DD/MM/YYYY",
        **kw,
    )


def select_keeping(label: str, choices: dict, current, key: str, allow_none: bool = False):
    """A select that opens on the record's current value and saves exactly what is chosen.

    A current value missing from `choices` (a code no longer offered) is shown as it is,
    never replaced by the first choice; an empty one shows « — aucun — », and saving it
    then gets the form's own French message if the field is required.
    """
    options, labels = list(choices), dict(choices)
    if current is not None and current not in labels:
        options.append(current)
        labels[current] = f"{current} (n'est plus proposé)"
    if allow_none or current is None:
        options.insert(0, None)
        labels[None] = NONE_LABEL
    return st.selectbox(
        label,
        options,
        index=options.index(current),
        format_func=labels.get,
        key=key,
        placeholder="Choisir dans la liste",
    )


def checked_period(start: date | None, end: date | None) -> tuple[date, date] | None:
    """The period typed in two date fields, or None with a French message saying why."""
    if start is None or end is None:
        st.warning("Choisissez les deux dates de la période.")
        return None
    if end < start:
        st.error("La fin de la période précède son début : corrigez l'une des deux dates.")
        return None
    return start, end
