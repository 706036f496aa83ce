"""French formatting: dates 21/11/2026, amounts 1 234,50 €, labels rather than codes."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl

from db import catalog

NBSP = "\u202f"  # narrow no-break space, the French thousands separator


def fr_date(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    return value.strftime("%d/%m/%Y")


def fr_datetime(value: datetime | None) -> str:
    if value is None:
        return "—"
    return value.strftime("%d/%m/%Y à %H:%M")


def fr_int(value: int) -> str:
    """12 345 with a narrow no-break space."""
    return f"{value:,}".replace(",", NBSP)


def fr_amount(value: float | None) -> str:
    if value is None:
        return "—"
    text = f"{float(value):,.2f}".replace(",", NBSP).replace(".", ",")
    return f"{text}{NBSP}€"


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
