"""Nouvelle demande: the intake form, a duplicate check, then a new household's file."""

import streamlit as st

import queries
from db import catalog
from db.households import writes as households
from db.households.models import FIELD_LABELS, IntakeIn
from db.privacy.redact import removed_sentence
from db.rules import can_backdate_intake
from ui import format as fmt
from ui import forms, nav, rows, session
from ui.households import intake_form
from ui.households.intake_form import P
from ui.plain import md_escape
from ui.record_form import Field, draw_fields, save, select

actor = session.require_page("intake")
database = session.database()
FORM, DUPLICATES, CREATED = "intake", f"{P}duplicates", "intake_created"
# Drawn by the record kit (keys intake_phone…); the selects that open on a first choice and
# the members' and resources' rows are the intake's own (ui/households/intake_form.py).
PHONE_EMAIL = (
    Field("phone", "Téléphone", placeholder="06 12 34 56 78"),
    Field("email", "E-mail"),
)
ADDRESS = (Field("address", "Adresse"),)
PLACE = (Field("postal_code", "Code postal"), Field("commune", "Commune"))
NOTE = Field(
    "first_note",
    "Note du premier contact",
    "area",
    key="note",
    placeholder="Motif de la venue, situation, prochaines étapes…",
)


def read_form(members, resources, coordinates: dict, note: str, intake_on) -> dict:
    state = st.session_state
    return {
        "intake_on": intake_on,
        "members": members,
        "resources": resources,
        **coordinates,
        "first_note": note,
        "family_type": state.get(f"{P}family_type"),
        "housing_situation": state.get(f"{P}housing"),
        "prescriber": state.get(f"{P}prescriber"),
        "request_type": state.get(f"{P}request_type"),
        "referent": state.get(f"{P}referent"),
        "consent_on": state.get(f"{P}consent_on") if state.get(f"{P}consent") else None,
    }


def find_duplicates(intake: IntakeIn):
    dated = [m for m in intake.members if m.birth_date] if not intake.anonymous else []
    return queries.run(
        database,
        "households/duplicates",
        last_names=[m.last_name for m in dated],
        first_names=[m.first_name for m in dated],
        birth_dates=[m.birth_date for m in dated],
        phone=None if intake.anonymous else intake.phone,
    )


def submit(form: dict, confirmed: bool) -> None:
    """Validated, then checked for duplicates (unless confirmed), then saved: a refusal at
    either step is kept by the kit beside its field, the form staying filled."""
    intake = save(lambda: IntakeIn.model_validate(form), FORM)
    if intake is None:
        return
    if not confirmed:
        duplicates = find_duplicates(intake)
        if duplicates.height:
            st.session_state[DUPLICATES] = duplicates
            return
    st.session_state.pop(DUPLICATES, None)
    created = save(lambda: households.create_intake(database, actor, intake), FORM)
    if created is None:
        return
    rows.clear_rows(f"{P}members", P)
    rows.clear_rows(f"{P}resources", P)
    st.session_state[CREATED] = {
        "id": created["id"],
        "file_number": created["file_number"],
        "note_removed": created["note_removed"],
    }
    st.rerun()


def show_created() -> None:
    created = st.session_state[CREATED]
    st.success(f"Dossier {created['file_number']} créé.")
    stripped = removed_sentence(created["note_removed"], done=True)
    if stripped:
        st.info(stripped, icon=":material/visibility_off:")
    st.page_link(
        nav.page_path("household_file"),
        label=f"Ouvrir le dossier {created['file_number']}",
        icon=":material/folder_open:",
        query_params={"id": str(created["id"])},
    )
    if st.button("Saisir une autre demande", key="intake_new"):
        del st.session_state[CREATED]
        st.rerun()


def show_duplicates(form: dict) -> None:
    found = st.session_state[DUPLICATES]
    st.warning(
        f"{fmt.fr_int(found.height)} dossier(s) existant(s) ressemblent à cette demande. "
        "Ouvrez-le s'il s'agit du même ménage, sinon confirmez la création."
    )
    for row in found.iter_rows(named=True):
        st.page_link(
            nav.page_path("household_file"),
            query_params={"id": str(row["id"])},
            label=f"{row['file_number']} — {md_escape(row['head_name'])} "
            f"({md_escape(row['commune'])}, "
            f"{catalog.label(catalog.HOUSEHOLD_STATUS, row['status'])}) : "
            f"{row['reason']}",
            icon=":material/folder_open:",
        )
    if st.button(
        "Ce n'est pas un doublon : créer un nouveau dossier", type="primary", key="intake_confirm"
    ):
        submit(form, confirmed=True)


st.title("Nouvelle demande", anchor=False)
if CREATED in st.session_state:
    show_created()
    st.stop()

errors = forms.form_errors(FORM)
day_column, _ = st.columns([1, 2])
with day_column:
    intake_on = intake_form.intake_day(can_backdate_intake(actor), errors)
st.subheader("Membres du ménage", anchor=False)
members = intake_form.members_editor(errors)

st.subheader("Coordonnées", anchor=False)
coordinates = draw_fields(PHONE_EMAIL, errors, {}, FORM)
coordinates |= draw_fields(ADDRESS, errors, {}, FORM, columns=1)
coordinates |= draw_fields(PLACE, errors, {}, FORM, columns=[1, 3])

st.subheader("Situation et demande", anchor=False)
c1, c2 = st.columns(2)
with c1:
    intake_form.family_type_select(members)
    select("Situation de logement actuelle", catalog.HOUSING_SITUATION, f"{P}housing")
    st.radio(
        "Type de demande",
        list(catalog.REQUEST_TYPE),
        format_func=catalog.REQUEST_TYPE.get,
        key=f"{P}request_type",
        horizontal=True,
    )
with c2:
    select("Prescripteur (qui oriente le ménage)", catalog.PRESCRIBER, f"{P}prescriber")
    workers = queries.run(database, "households/referents")
    names = dict(zip(workers["username"], workers["display_name"], strict=True))
    default = list(names).index(actor.username) if actor.username in names else None
    select("Référent·e", names, f"{P}referent", index=default, placeholder="Non attribué")

st.subheader("Ressources mensuelles", anchor=False)
resources = intake_form.resources_editor(members, errors)

st.subheader("Consentement et premier contact", anchor=False)
intake_form.consent_date()
forms.field_error(errors, "consent_on")
note = NOTE.draw(errors, None, FORM)
intake_form.note_without_consent(note, members, coordinates["address"])

form = read_form(members, resources, coordinates, note, intake_on)
forms.errors_summary(errors, FIELD_LABELS)
if DUPLICATES in st.session_state:
    if st.button("Modifier la demande", key="intake_back"):
        del st.session_state[DUPLICATES]
        st.rerun()
    show_duplicates(form)
elif st.button("Enregistrer la demande", type="primary", key="intake_save"):
    submit(form, confirmed=False)
    st.rerun()
