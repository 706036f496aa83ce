"""The capture leads beyond the board's cards, in tables the database cuts: every lead of
one stage (longest at the stage first) and the abandoned leads (latest first), both under
the board's filters, one page of `paging.PAGE_SIZE` rows at a time."""

from __future__ import annotations

import polars as pl
import streamlit as st

from db import catalog, clock
from ui import format as fmt
from ui.housing.stock import paged


def stage_table(page: pl.DataFrame) -> pl.DataFrame:
    return page.select(
        pl.col("id").cast(pl.String).alias("N°"),
        pl.col("owner_name").alias("Propriétaire"),
        pl.concat_str("address", pl.lit(", "), "commune").alias("Adresse"),
        pl.col("typology").alias("Typologie"),
        pl.col("assignee_name").alias("Chargé·e"),
        pl.col("stage_on").dt.strftime("%d/%m/%Y").alias("À l'étape depuis le"),
        pl.col("days_in_stage").map_elements(fmt.fr_int, return_dtype=pl.String).alias("Jours"),
    ).with_columns(pl.col(pl.String).fill_null("—"))


def abandoned_table(abandoned: pl.DataFrame) -> pl.DataFrame:
    return abandoned.select(
        pl.col("owner_name").alias("Propriétaire"),
        pl.concat_str("address", pl.lit(", "), "commune").alias("Adresse"),
        pl.col("stage").replace_strict(catalog.CAPTURE_STAGE, default="—").alias("Étape atteinte"),
        pl.col("abandoned_on").dt.strftime("%d/%m/%Y").alias("Abandonnée le"),
        pl.col("abandoned_reason")
        .replace_strict(catalog.ABANDON_REASON, default="—")
        .alias("Motif"),
        pl.col("assignee_name").alias("Chargé·e"),
    ).with_columns(pl.col(pl.String).fill_null("—"))


def leads_page(database, filters: dict, stage: str | None, abandoned: bool, key: str, nouns):
    """One page of a stage's leads (or of the abandoned ones), cut by the database; the
    pager shows the total. Empty when no lead matches."""
    params = {**filters, "stage": stage, "abandoned": abandoned, "today": clock.today()}
    return paged(database, "housing/capture_leads_page", params, key, *nouns)


def stage_section(database, filters: dict) -> None:
    st.subheader("Toutes les pistes d'une étape", anchor=False)
    stages = catalog.CAPTURE_STAGE
    stage = st.selectbox(
        "Étape",
        list(stages),
        format_func=stages.get,
        key="capture_stage_all",
        placeholder="Choisir une étape",
    )
    page = leads_page(database, filters, stage, False, "capture_stage_page", ("piste",))
    if page.is_empty():
        st.caption("Aucune piste à cette étape avec ces filtres.")
        return
    st.dataframe(stage_table(page), hide_index=True, width="stretch")


def abandoned_section(database, filters: dict) -> None:
    st.subheader("Pistes abandonnées", anchor=False)
    nouns = ("piste abandonnée", "pistes abandonnées")
    page = leads_page(database, filters, None, True, "capture_abandoned_page", nouns)
    if page.is_empty():
        st.caption("Aucune piste abandonnée.")
        return
    st.dataframe(abandoned_table(page), hide_index=True, width="stretch")
