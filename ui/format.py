"""French formatting: dates 21/11/2026, amounts 1 234,50 €, labels rather than codes."""

from __future__ import annotations

import polars as pl

from db import catalog

# The formats themselves live with the messages of the writes, which say them too.
from db.french import (  # noqa: F401
    NBSP,
    fr_amount,
    fr_count,
    fr_date,
    fr_datetime,
    fr_int,
    fr_percent,
    fr_points,
    points_between,
)


def labels(frame: pl.DataFrame, column: str, catalogue: dict) -> pl.DataFrame:
    """Replace the codes of `column` by their French labels."""
    return frame.with_columns(
        pl.col(column).replace_strict(catalogue, default=pl.col(column), return_dtype=pl.String)
    )


def users_table(accounts: pl.DataFrame) -> pl.DataFrame:
    return accounts.select(
        pl.col("username").alias("Identifiant"),
        pl.col("display_name").alias("Nom"),
        pl.col("email").alias("E-mail"),
        pl.col("roles")
        .list.eval(pl.element().replace(catalog.ROLE))
        .list.join(", ")
        .alias("Rôles"),
        pl.when(pl.col("active")).then(pl.lit("oui")).otherwise(pl.lit("non")).alias("Actif"),
        pl.col("locked_until").dt.strftime("%d/%m/%Y %H:%M").alias("Verrouillé jusqu'à"),
    ).with_columns(pl.col(pl.String).fill_null("—"))
