"""Forms of a household's file for its members and resources (add, remove)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import polars as pl
import streamlit as st

from db import catalog, clock
from db.households import members as household_members
from db.households.models import MAX_AGE_YEARS, MAX_MONTHLY_AMOUNT, MemberIn
from ui.households.edit import run_write, shown_version


def member_fields(roles: list[str], person: dict | None = None) -> dict:
    """The five fields of a member, filled with `person` when correcting one."""
    person = person or {}
    today = clock.today()
    sexes = list(catalog.SEX)
    c1, c2, c3 = st.columns(3)
    return {
        "role": c1.selectbox(
            "Place dans le ménage",
            roles,
            format_func=catalog.PERSON_ROLE.get,
            index=roles.index(person["role"]) if person.get("role") in roles else 0,
        ),
        "last_name": c2.text_input("Nom", person.get("last_name", ""), max_chars=80),
        "first_name": c3.text_input("Prénom", person.get("first_name", ""), max_chars=80),
        "birth_date": c1.date_input(
            "Date de naissance",
            value=person.get("birth_date"),
            format="DD/MM/YYYY",
            max_value=today,
            min_value=today - timedelta(days=365 * MAX_AGE_YEARS + 30),
        ),
        "sex": c2.selectbox(
            "Sexe",
            sexes,
            format_func=catalog.SEX.get,
            placeholder="—",
            index=sexes.index(person["sex"]) if person.get("sex") in sexes else None,
        ),
    }


NOT_HEAD = [r for r in catalog.PERSON_ROLE if r != "chef_menage"]


def add_member_form(database, actor, household: dict) -> None:
    hid = household["id"]
    with st.form(f"add_member_{hid}", clear_on_submit=True):
        fields = member_fields(NOT_HEAD)
        if st.form_submit_button("Ajouter le membre", type="primary"):
            run_write(
                lambda: household_members.add_member(database, actor, hid, MemberIn(**fields)),
                "Membre ajouté",
            )


def update_member_form(database, actor, household: dict, members: pl.DataFrame) -> None:
    hid = household["id"]
    names = member_names(members)
    chosen = st.selectbox(
        "Corriger un membre",
        list(names),
        index=None,
        format_func=names.get,
        key=f"fix_member_{hid}",
        placeholder="Choisir un membre",
    )
    if chosen is None:
        return
    person = members.filter(pl.col("id") == chosen).row(0, named=True)
    version = shown_version("person", person)
    roles = ["chef_menage"] if person["role"] == "chef_menage" else NOT_HEAD
    with st.form(f"fix_member_form_{hid}_{chosen}"):
        fields = member_fields(roles, person)
        if st.form_submit_button("Enregistrer le membre", type="primary"):
            run_write(
                lambda: household_members.update_member(
                    database, actor, hid, chosen, version, MemberIn(**fields)
                ),
                "Membre corrigé",
            )


def member_names(members: pl.DataFrame, with_head: bool = True) -> dict[int, str]:
    return {
        r["id"]: f"{r['first_name']} {r['last_name']}"
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
        person = members.filter(pl.col("id") == chosen).row(0, named=True)
        version = shown_version("person", person)
        run_write(
            lambda: household_members.remove_member(database, actor, hid, chosen, version),
            "Membre retiré",
        )


def add_resource_form(database, actor, household: dict, members: pl.DataFrame) -> None:
    hid = household["id"]
    names = member_names(members)
    with st.form(f"add_resource_{hid}", clear_on_submit=True):
        c1, c2, c3 = st.columns(3)
        person = c1.selectbox("Membre", list(names), format_func=names.get)
        kind = c2.selectbox(
            "Type", list(catalog.RESOURCE_TYPE), format_func=catalog.RESOURCE_TYPE.get
        )
        amount = c3.number_input(
            "Montant mensuel (€)",
            min_value=0.0,
            step=10.0,
            max_value=float(MAX_MONTHLY_AMOUNT),
            format="%.2f",
        )
        if st.form_submit_button("Ajouter la ressource", type="primary"):
            run_write(
                lambda: household_members.add_resource(
                    database, actor, hid, person, kind, Decimal(str(round(amount, 2)))
                ),
                "Ressource ajoutée",
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
        resource = resources.filter(pl.col("id") == chosen).row(0, named=True)
        version = shown_version("resource", resource)
        run_write(
            lambda: household_members.end_resource(database, actor, hid, chosen, version),
            "Ressource terminée",
        )
