"""Forms of a household's file for its members and resources (add, remove)."""

from __future__ import annotations

from functools import partial

import polars as pl
import streamlit as st

from db import catalog, clock
from db.households import members as household_members
from db.households.models import FIELD_LABELS, MemberIn
from ui import forms
from ui import record_form as kit
from ui.record_form import Wording, run_write, shown_version


def member_fields(roles: list[str], errors: dict, prefix: str, person: dict | None = None) -> dict:
    """The five fields of a member (widget keys from `prefix`), filled with `person` when
    correcting one; each refused value's French message under its field."""
    person = person or {}
    sexes = list(catalog.SEX)
    c1, c2, c3 = st.columns(3)
    with c1:
        role = st.selectbox(
            "Place dans le ménage",
            roles,
            format_func=catalog.PERSON_ROLE.get,
            index=roles.index(person["role"]) if person.get("role") in roles else 0,
            key=f"{prefix}_role",
            placeholder="Choisir dans la liste",
        )
        born = forms.date_field(
            "Date de naissance", person.get("birth_date"), key=f"{prefix}_birth"
        )
        forms.field_error(errors, "birth_date")
    with c2:
        last = st.text_input("Nom", person.get("last_name", ""), key=f"{prefix}_last")
        forms.field_error(errors, "last_name")
        sex = st.selectbox(
            "Sexe",
            sexes,
            format_func=catalog.SEX.get,
            placeholder="—",
            index=sexes.index(person["sex"]) if person.get("sex") in sexes else None,
            key=f"{prefix}_sex",
        )
    with c3:
        first = st.text_input("Prénom", person.get("first_name", ""), key=f"{prefix}_first")
        forms.field_error(errors, "first_name")
    return {"role": role, "last_name": last, "first_name": first, "birth_date": born, "sex": sex}


NOT_HEAD = [r for r in catalog.PERSON_ROLE if r != "chef_menage"]


NEW_MEMBER = Wording("Ajouter le membre", "Membre ajouté", FIELD_LABELS)
FIX_MEMBER = Wording("Enregistrer le membre", "Membre corrigé", FIELD_LABELS)
NEW_RESOURCE = Wording("Ajouter la ressource", "Ressource ajoutée", FIELD_LABELS)


def add_member_form(database, actor, household: dict) -> None:
    kit.add_form(
        f"add_member_{household['id']}",
        NEW_MEMBER,
        lambda errors, key: member_fields(NOT_HEAD, errors, key),
        kit.adding(household_members.add_member, MemberIn, database, actor, household["id"]),
    )


def update_member_form(database, actor, household: dict, members: pl.DataFrame) -> None:
    hid = household["id"]
    person = kit.picked_record(
        "Corriger un membre", members, member_name, f"fix_member_{hid}", "Choisir un membre"
    )
    if person is None:
        return
    roles = ["chef_menage"] if person["role"] == "chef_menage" else NOT_HEAD
    kit.change_form(
        f"fix_member_{hid}_{person['id']}",
        "person",
        person,
        FIX_MEMBER,
        lambda errors, key: member_fields(roles, errors, key, person),
        kit.changing(household_members.update_member, MemberIn, database, actor, hid, person["id"]),
    )


def member_name(member: dict) -> str:
    return f"{member['first_name']} {member['last_name']}"


def member_names(members: pl.DataFrame, with_head: bool = True) -> dict[int, str]:
    return {
        r["id"]: member_name(r)
        for r in members.iter_rows(named=True)
        if with_head or r["role"] != "chef_menage"
    }


def picked_for_removal(
    label: str, choices: dict, key: str, confirmation: str, button: str = "Retirer"
):
    """A choice, a confirmation and a button: the id to remove once clicked."""
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    chosen = c1.selectbox(
        label, list(choices), index=None, format_func=choices.get, key=key, placeholder="Choisir"
    )
    sure = st.checkbox(confirmation, key=f"{key}_ok")
    clicked = c2.button(button, disabled=not (chosen and sure), key=f"{key}_btn")
    return chosen if clicked else None


def remove_at_version_shown(write, found: pl.DataFrame, chosen: int, entity: str, said: str):
    """`write(id, version)` for the row `chosen` of `found`, at the version shown."""
    row = found.filter(pl.col("id") == chosen).row(0, named=True)
    run_write(lambda: write(chosen, shown_version(entity, row)), said)


def remove_member_form(database, actor, household: dict, members: pl.DataFrame) -> None:
    hid = household["id"]
    others = member_names(members, with_head=False)
    if not others:
        return
    chosen = picked_for_removal(
        "Retirer un membre (et ses ressources)",
        others,
        f"rm_member_{hid}",
        "Je confirme le retrait de ce membre",
    )
    if chosen:
        write = partial(household_members.remove_member, database, actor, hid)
        remove_at_version_shown(write, members, chosen, "person", "Membre retiré")


def add_resource_form(database, actor, household: dict, members: pl.DataFrame) -> None:
    names = member_names(members)

    def draw(errors: dict, key: str) -> dict:
        c1, c2, c3 = st.columns(3)
        with c1:
            person = kit.select("Membre", names, f"{key}_member")
        with c2:
            kind = kit.select("Type", catalog.RESOURCE_TYPE, f"{key}_kind")
        with c3:
            amount = kit.amount_at(
                errors, "monthly_amount", "Montant mensuel (€)", None, f"{key}_amount"
            )
        since = kit.date_at(errors, "valid_from", "Perçue depuis le", clock.today(), f"{key}_since")
        return {"person_id": person, "kind": kind, "monthly_amount": amount, "valid_from": since}

    kit.add_form(
        f"add_resource_{household['id']}",
        NEW_RESOURCE,
        draw,
        lambda typed: household_members.add_resource(database, actor, household["id"], **typed),
    )


def end_resource_form(database, actor, household: dict, resources: pl.DataFrame) -> None:
    """A resource no longer received ends (dated, kept for the statistics), once confirmed."""
    hid = household["id"]
    labels = {
        r["id"]: f"{r['member']} — {catalog.label(catalog.RESOURCE_TYPE, r['kind'])}"
        for r in resources.iter_rows(named=True)
    }
    if not labels:
        return
    chosen = picked_for_removal(
        "Mettre fin à une ressource (plus perçue à partir d'aujourd'hui)",
        labels,
        f"rm_res_{hid}",
        "Je confirme la fin de cette ressource",
        "Mettre fin",
    )
    if chosen:
        write = partial(household_members.end_resource, database, actor, hid)
        remove_at_version_shown(write, resources, chosen, "resource", "Ressource terminée")
