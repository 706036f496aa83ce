"""Sections of a household's file: header, members, resources, contacts, history."""

from __future__ import annotations

import json

import polars as pl
import streamlit as st

import queries
from db import catalog
from ui import format as fmt
from ui.plain import md_escape


def header(household: dict) -> None:
    status = catalog.label(catalog.HOUSEHOLD_STATUS, household["status"])
    st.title(f"Dossier {household['file_number']} — {md_escape(household['head_name'])}")
    facts = {
        "Statut": status,
        "Référent·e": household["referent_name"] or "Non attribué",
        "Situation": catalog.label(catalog.HOUSING_SITUATION, household["housing_situation"]),
        "Dernier contact": fmt.fr_date(household["last_contact_on"]),
    }
    for column, (name, value) in zip(st.columns(4), facts.items(), strict=True):
        column.markdown(f":gray[{name}]  \n**{md_escape(value)}**")
    if household["status"] != "actif":
        st.info(
            f"Dossier clos le {fmt.fr_date(household['closed_on'])} : "
            f"{catalog.label(catalog.CLOSE_REASON, household['close_reason'])}."
        )
    if household["anonymous"]:
        st.caption("Contact anonyme : pas de consentement au traitement des données.")


def general_information(household: dict) -> None:
    pairs = {
        "Téléphone": household["phone"] or "—",
        "E-mail": household["email"] or "—",
        "Adresse": household["address"] or "—",
        "Commune": f"{household['postal_code'] or ''} {household['commune'] or ''}".strip(),
        "Composition": catalog.label(catalog.FAMILY_TYPE, household["family_type"]),
        "Demande": catalog.label(catalog.REQUEST_TYPE, household["request_type"]),
        "Prescripteur": catalog.label(catalog.PRESCRIBER, household["prescriber"]),
        "Consentement": fmt.fr_date(household["consent_on"]),
        "Ouvert le": fmt.fr_date(household["opened_on"]),
    }
    st.markdown("\n".join(f"- **{k}** : {md_escape(v)}" for k, v in pairs.items()))


def members(found: pl.DataFrame) -> None:
    st.dataframe(
        found.select(
            pl.col("role").replace_strict(catalog.PERSON_ROLE, default=None).alias("Place"),
            pl.col("last_name").alias("Nom"),
            pl.col("first_name").alias("Prénom"),
            pl.col("birth_date").dt.strftime("%d/%m/%Y").alias("Naissance"),
            pl.col("age").cast(pl.String).alias("Âge"),
            pl.col("sex").replace_strict(catalog.SEX, default=None).alias("Sexe"),
        ).with_columns(pl.all().fill_null("—")),
        hide_index=True,
        width="stretch",
    )


def resources(found: pl.DataFrame, member_count: int) -> None:
    total = float(found["monthly_amount"].sum()) if found.height else 0.0
    c1, c2 = st.columns(2)
    c1.metric("Total mensuel", fmt.fr_amount(total))
    c2.metric("Par personne", fmt.fr_amount(total / max(member_count, 1)))
    if found.height == 0:
        st.info("Aucune ressource enregistrée.")
        return
    st.dataframe(
        found.select(
            pl.col("member").alias("Membre"),
            pl.col("kind").replace_strict(catalog.RESOURCE_TYPE, default=None).alias("Type"),
            pl.col("monthly_amount")
            .map_elements(fmt.fr_amount, return_dtype=pl.String)
            .alias("Montant mensuel"),
        ),
        hide_index=True,
        width="stretch",
    )


def contacts(database, household_id: int, viewer: str) -> None:
    found = queries.run(database, "households/contacts", household_id=household_id, viewer=viewer)
    if found.height == 0:
        st.info("Aucun contact enregistré.")
    for row in found.iter_rows(named=True):
        with st.container(border=True):
            channel = catalog.label(catalog.CONTACT_CHANNEL, row["channel"])
            st.markdown(
                f"**{fmt.fr_date(row['contact_on'])}** · {channel} · "
                f"{md_escape(row['author_name'] or row['author'])}"
            )
            st.text(row["summary"])
            if row["private_note"]:
                st.caption(":lock: Note privée (visible de vous seul·e) :")
                st.text(row["private_note"])


# What a creation is summed up by, in the history, when these fields are there.
CREATION_SUMMARY = ("file_number", "first_name", "last_name", "kind", "monthly_amount", "channel")
# Never shown in the history: a private note stays with its author.
HIDDEN_IN_HISTORY = frozenset({"private_note", "id", "household_id", "person_id"})


def readable_value(field: str, value) -> str:
    if value is None or value == "":
        return "—"
    if field in catalog.CODED_COLUMN:
        return catalog.label(catalog.CODED_COLUMN[field], value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if field == "monthly_amount":
        return fmt.fr_amount(value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:]}/{value[5:7]}/{value[:4]}"  # ISO date from the JSON diff
    return str(value)


def describe_change(row: dict) -> str:
    """'Commune : Cenon → Talence ; Statut : Actif → Clos', or what a creation added."""
    diff = json.loads(row["diff"]) if row["diff"] else {}
    if row["action"] == "create":
        parts = [readable_value(f, diff[f][1]) for f in CREATION_SUMMARY if f in diff]
        return " ".join(parts) or "—"
    return (
        " ; ".join(
            f"{catalog.COLUMN.get(field, field)} : {readable_value(field, old)} → "
            f"{readable_value(field, new)}"
            for field, (old, new) in diff.items()
            if field not in HIDDEN_IN_HISTORY
        )
        or "—"
    )


def history(database, household_id: int) -> None:
    found = queries.run(database, "households/history", household_id=household_id)
    if found.height == 0:
        st.info("Aucune modification enregistrée.")
        return
    table = [
        {
            "Quand": fmt.fr_datetime(row["occurred_at"]),
            "Qui": row["display_name"] or row["username"],
            "Action": catalog.label(catalog.AUDIT_ACTION, row["action"]),
            "Objet": catalog.label(catalog.ENTITY, row["entity"]),
            "Détail": describe_change(row),
        }
        for row in found.iter_rows(named=True)
    ]
    st.dataframe(pl.DataFrame(table), hide_index=True, width="stretch")
