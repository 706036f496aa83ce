"""Search, filters and paging of the households list; the page lays them out."""

from __future__ import annotations

import re

import polars as pl
import streamlit as st

from db import catalog
from db.households.models import phone_digits
from ui import paging

PAGE_SIZE = 25
SORTS = {
    "last_contact_desc": "Dernier contact (récent d'abord)",
    "name": "Nom du chef de ménage",
    "file_number": "Numéro de dossier",
    "opened_desc": "Ouverture (récente d'abord)",
}


def search_term(raw: str | None) -> str | None:
    """A file number (2026-0226) as typed; a phone number by its digits; anything else as
    typed."""
    if not raw or not raw.strip():
        return None
    text = raw.strip()
    if re.fullmatch(r"\d{4}-\d*", text):
        return text
    if re.fullmatch(r"[\d\s.+()-]{4,}", text):
        return phone_digits(text)
    return text


def any_of(column, label: str, choices: dict, key: str, everything: str = "Tous"):
    """A filter: one value of `choices` (code -> label), or none for all of them."""
    return column.selectbox(
        label, list(choices), index=None, format_func=choices.get, placeholder=everything, key=key
    )


def filters(referents: dict, communes: list[str]) -> dict:
    c1, c2, c3 = st.columns(3)
    c4, c5, c6 = st.columns(3)
    return {
        "status": any_of(c1, "Statut", catalog.HOUSEHOLD_STATUS, "hh_status"),
        "referent": any_of(c2, "Référent·e", referents, "hh_ref"),
        "commune": any_of(c3, "Commune", {c: c for c in communes}, "hh_commune", "Toutes"),
        "housing_situation": any_of(
            c4, "Situation de logement", catalog.HOUSING_SITUATION, "hh_situation", "Toutes"
        ),
        "request_type": any_of(c5, "Type de demande", catalog.REQUEST_TYPE, "hh_request"),
        "sort": c6.selectbox(
            "Trier par",
            list(SORTS),
            format_func=SORTS.get,
            key="hh_sort",
            placeholder="Choisir dans la liste",
        ),
    }


def pager(total: int) -> int:
    """Page number chooser; returns the offset of the page shown."""
    return paging.pager(total, "hh_page", "ménage(s)", "ménage(s)", PAGE_SIZE).offset


def display_table(found: pl.DataFrame, with_phone: bool) -> pl.DataFrame:
    columns = [
        pl.col("file_number").alias("Dossier"),
        pl.col("head_name").alias("Chef de ménage"),
        pl.col("status").replace_strict(catalog.HOUSEHOLD_STATUS, default=None).alias("Statut"),
        pl.col("referent_name").alias("Référent·e"),
        pl.col("commune").alias("Commune"),
        pl.col("housing_situation")
        .replace_strict(catalog.HOUSING_SITUATION, default=None)
        .alias("Situation"),
        pl.col("request_type").replace_strict(catalog.REQUEST_TYPE, default=None).alias("Demande"),
        pl.col("last_contact_on").dt.strftime("%d/%m/%Y").alias("Dernier contact"),
    ]
    if with_phone:
        columns.insert(2, pl.col("phone").alias("Téléphone"))
    return found.select(columns).with_columns(pl.col(pl.String).fill_null("—"))


def export_table(found: pl.DataFrame) -> pl.DataFrame:
    """The list as its CSV and Excel files hold it: the screen's columns, phone included,
    « Dernier contact » a date (a date cell in Excel, that sorts)."""
    table = display_table(found, with_phone=True)
    return table.with_columns(found["last_contact_on"].cast(pl.Date).alias("Dernier contact"))
