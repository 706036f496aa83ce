"""French formatting: dates 21/11/2026, amounts 1 234,50 €, labels rather than codes."""

from __future__ import annotations

import polars as pl

# The formats themselves live with the messages of the writes, which say them too, and
# the command line's tables.
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
    users_table,
)


def labels(frame: pl.DataFrame, column: str, catalogue: dict) -> pl.DataFrame:
    """Replace the codes of `column` by their French labels."""
    return frame.with_columns(
        pl.col(column).replace_strict(catalogue, default=pl.col(column), return_dtype=pl.String)
    )
