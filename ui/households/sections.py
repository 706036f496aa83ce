"""Sections of a household's file: header, members, resources, contacts, history."""

from __future__ import annotations

import json

import polars as pl
import streamlit as st

import queries
from db import catalog, rules
from db.settings import get_setting
from ui import format as fmt
from ui import paging
from ui.plain import md_escape


def header(household: dict) -> None:
    status = catalog.label(catalog.HOUSEHOLD_STATUS, household["status"])
    st.title(
        f"Dossier {household['file_number']} — {md_escape(household['head_name'])}", anchor=False
    )
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


def contacts(database, household_id: int, viewer: rules.Actor) -> None:
    """One page of the file's contacts, newest first, each as a card."""
    total = queries.run(database, "households/contacts_count", household_id=household_id)
    total = int(total["total"][0])
    if total == 0:
        st.info("Aucun contact enregistré.")
        return
    shown = paging.pager(total, f"contacts_page_{household_id}", "contact")
    found = queries.run(
        database,
        "households/contacts",
        household_id=household_id,
        viewer=viewer.username,
        limit=shown.limit,
        offset=shown.offset,
    )
    for row in found.iter_rows(named=True):
        with st.container(border=True):
            channel = catalog.label(catalog.CONTACT_CHANNEL, row["channel"])
            st.markdown(
                f"**{fmt.fr_date(row['contact_on'])}** · {channel} · "
                f"{md_escape(row['author_name'] or row['author'])}"
            )
            st.text(row["summary"])
            if row["private_note"] and rules.can_read_private_note(viewer, row):
                st.caption(":lock: Note privée (visible de vous seul·e) :")
                st.text(row["private_note"])


# What a creation is summed up by, in the history, when these fields are there.
CREATION_SUMMARY = ("file_number", "first_name", "last_name", "kind", "monthly_amount", "channel")
# The same for the support tables, one summary per table.
SUPPORT_CREATION_SUMMARY = {
    "support_measure": ("kind", "start_on"),
    "measure_review": ("review_on",),
    "measure_renewal": ("new_end_on",),
    "eviction_procedure": ("landlord",),
    "eviction_stage": ("stage", "stage_on", "arrears"),
    "debt_plan": ("creditor", "total_debt"),
    "mediation": ("counterpart", "reason", "mediation_on"),
    "fsl_application": ("kind", "form", "amount_requested"),
    "support_action": ("kind", "action_on"),
}
AMOUNTS = frozenset(
    {"monthly_amount", "arrears", "total_debt", "instalment", "amount_requested", "amount_granted"}
)
# Never shown in the history: a private note stays with its author.
HIDDEN_IN_HISTORY = frozenset(
    {"private_note", "id", "household_id", "person_id", "measure_id", "procedure_id"}
)


def readable_value(field: str, value, coded: dict | None = None) -> str:
    """A value of the audit diff in words; `coded` gives the catalogue of each coded
    column of the row's table (the household's tables' by default)."""
    coded = catalog.CODED_COLUMN if coded is None else coded
    if value is None or value == "":
        return "—"
    if field in coded:
        return catalog.label(coded[field], value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if field in AMOUNTS:
        return fmt.fr_amount(value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:]}/{value[5:7]}/{value[:4]}"  # ISO date from the JSON diff
    return str(value)


def describe_change(row: dict, coded: dict | None = None) -> str:
    """'Commune : Cenon → Talence ; Statut : Actif → Clos', or what a creation added."""
    diff = json.loads(row["diff"]) if row["diff"] else {}
    if row["action"] == "create":
        summary = SUPPORT_CREATION_SUMMARY.get(row["entity"], CREATION_SUMMARY)
        parts = [readable_value(f, diff[f][1], coded) for f in summary if f in diff]
        # "Dupont Éloïse" for a person; "Huissier, Impayés de loyer, 02/10/2026" for a
        # support record, whose parts are not one name.
        separator = ", " if row["entity"] in SUPPORT_CREATION_SUMMARY else " "
        return separator.join(parts) or "—"
    return (
        " ; ".join(
            f"{catalog.COLUMN.get(field, field)} : {readable_value(field, old, coded)} → "
            f"{readable_value(field, new, coded)}"
            for field, (old, new) in diff.items()
            if field not in HIDDEN_IN_HISTORY
        )
        or "—"
    )


def catalog_labels(database, list_name: str) -> dict[str, str]:
    """{code: label} of a list an admin extends (measure kinds, kinds of other actions)."""
    found = queries.run(database, "support/catalog", list=list_name)
    return dict(found.select("code", "label").iter_rows())


def coded_columns_by_entity(database) -> dict[str, dict]:
    """Each support table's coded columns, with the kinds kept in the database; a table
    not listed here reads with the household's catalogues."""
    coded = {entity: dict(columns) for entity, columns in catalog.SUPPORT_CODED_COLUMN.items()}
    coded["support_measure"]["kind"] = catalog_labels(database, "measure_kind")
    coded["support_action"]["kind"] = catalog_labels(database, "action_kind")
    return coded


def history(database, household_id: int) -> None:
    """One page of the file's audit rows, newest first."""
    total = queries.run(database, "households/history_count", household_id=household_id)
    total = int(total["total"][0])
    months = get_setting(database, "audit_log_retention_months")
    kept = f"Les modifications de plus de {months} mois ne sont plus conservées (CNIL)."
    if total == 0:
        st.info(f"Aucune modification enregistrée. {kept}")
        return
    st.caption(kept)
    shown = paging.pager(total, f"history_page_{household_id}", "modification")
    found = queries.run(
        database,
        "households/history",
        household_id=household_id,
        limit=shown.limit,
        offset=shown.offset,
    )
    coded = coded_columns_by_entity(database)
    table = [
        {
            "Quand": fmt.fr_datetime(row["occurred_at"]),
            "Qui": row["display_name"] or row["username"],
            "Action": catalog.label(catalog.AUDIT_ACTION, row["action"]),
            "Objet": catalog.label(catalog.ENTITY, row["entity"]),
            "Détail": describe_change(row, coded.get(row["entity"])),
        }
        for row in found.iter_rows(named=True)
    ]
    st.dataframe(pl.DataFrame(table), hide_index=True, width="stretch")
