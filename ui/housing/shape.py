"""The housing lists as shown and exported: French headers, labels, dates and amounts."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from db import catalog, clock
from db.catalog import DWELLING_STATE
from queries.kpi import periods
from ui import format as fmt

MONTHS_AHEAD = 3  # baux glissants due to slide within this many months


def months_later(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def year_so_far(year: int) -> periods.Period:
    """The year the stock and a dwelling's sheet count on: 01/01 to 31/12 cut at today
    (periods.year, as the dashboard and the report), so that no day still to come is
    counted as vacant or as rent lost."""
    return periods.year(year, clock.today())


def span_text(period: periods.Period) -> str:
    """« du 01/01/2026 au 05/12/2026 »: the days a figure was counted on."""
    return f"du {fmt.fr_date(period.start)} au {fmt.fr_date(period.end)}"


def state_label(code: str | None) -> str:
    """A dwelling's state on a day (dwelling_state, migration 012) in words."""
    return catalog.label(DWELLING_STATE, code)


def occupant_text(row: dict) -> str:
    if row.get("occupant_id") is None:
        return "—"
    return f"{row['occupant_file_number']} — {row['occupant_name']}"


def _text(expr: pl.Expr, fn) -> pl.Expr:
    return expr.map_elements(fn, return_dtype=pl.String, skip_nulls=False)


def stock_table(stock: pl.DataFrame) -> pl.DataFrame:
    """The stock as the table and its export show it; no cell empty ("—")."""
    occupant = [occupant_text(row) for row in stock.iter_rows(named=True)]
    return stock.select(
        pl.col("id").alias("N°"),
        pl.col("address").alias("Adresse"),
        pl.col("commune").alias("Commune"),
        pl.col("typology").alias("Typologie"),
        pl.col("programme").replace_strict(catalog.PROGRAMME, default=None).alias("Dispositif"),
        pl.col("state").replace_strict(DWELLING_STATE, default=None).alias("Statut"),
        _text(pl.col("rent"), fmt.fr_amount).alias("Loyer hors charges"),
        _text(pl.col("charges"), fmt.fr_amount).alias("Charges"),
        pl.col("owner_name").alias("Propriétaire"),
        pl.Series("Occupant aujourd'hui", occupant, dtype=pl.String),
        _text(pl.col("entered_on"), fmt.fr_date).alias("Entrée dans le parc"),
        _text(pl.col("left_on"), fmt.fr_date).alias("Sortie du parc"),
    ).with_columns(pl.col(pl.String).fill_null("—"))


def stock_export(stock: pl.DataFrame) -> pl.DataFrame:
    """The stock as its CSV and Excel files hold it: the table's columns, rents and charges
    as numbers in euros, dates as dates (ui/french_files.py writes them the French way)."""
    table = stock_table(stock)
    return table.with_columns(
        pl.col("N°").cast(pl.Int64),
        stock["rent"].cast(pl.Float64).alias("Loyer hors charges"),
        stock["charges"].cast(pl.Float64).alias("Charges"),
        stock["entered_on"].cast(pl.Date).alias("Entrée dans le parc"),
        stock["left_on"].cast(pl.Date).alias("Sortie du parc"),
    ).rename({"Loyer hors charges": "Loyer hors charges (€)", "Charges": "Charges (€)"})


# Columns of the stock on screen: the export keeps them all (owner, charges, dates), the
# screen has no horizontal scroll; the longest programme is shortened there.
SCREEN_COLUMNS = [
    "Adresse",
    "Commune",
    "Typologie",
    "Dispositif",
    "Statut",
    "Loyer hors charges",
    "Occupant aujourd'hui",
]
SHORT = {"Sous-location / intermédiation locative": "Sous-location / IML"}


def screen_table(table: pl.DataFrame) -> pl.DataFrame:
    return (
        table.select(SCREEN_COLUMNS)
        .with_columns(
            pl.col("Dispositif").replace(SHORT),
            pl.col("Loyer hors charges").alias("Loyer HC"),
        )
        .drop("Loyer hors charges")
        .select(
            "Adresse",
            "Commune",
            "Typologie",
            "Dispositif",
            "Statut",
            "Loyer HC",
            "Occupant aujourd'hui",
        )
    )


def counts_table(counts: pl.DataFrame) -> pl.DataFrame:
    """One row per programme, one column per state on the day, and the total."""
    states = list(DWELLING_STATE)
    rows = []
    for code, label in catalog.PROGRAMME.items():
        mine = counts.filter(pl.col("programme") == code)
        if mine.height == 0:
            continue
        by_state = dict(zip(mine["state"], mine["dwellings"], strict=True))
        row = {"Dispositif": label}
        row |= {DWELLING_STATE[s]: int(by_state.get(s, 0)) for s in states}
        row["Total"] = int(mine["dwellings"].sum())
        rows.append(row)
    columns = ["Dispositif", *DWELLING_STATE.values(), "Total"]
    schema = {c: (pl.String if c == "Dispositif" else pl.Int64) for c in columns}
    return pl.DataFrame(rows, schema=schema)


def slides_table(slides: pl.DataFrame) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "Glissement prévu": [fmt.fr_date(d) for d in slides["planned_slide_on"]],
            "En retard": ["oui" if late else "non" for late in slides["overdue"]],
            "Logement": [
                f"{a} ({c})" for a, c in zip(slides["address"], slides["commune"], strict=True)
            ],
            "Ménage": [
                f"{n or '—'} — {h or '—'}"
                for n, h in zip(slides["file_number"], slides["head_name"], strict=True)
            ],
            "Bail depuis le": [fmt.fr_date(d) for d in slides["start_on"]],
        },
        schema={
            k: pl.String
            for k in ("Glissement prévu", "En retard", "Logement", "Ménage", "Bail depuis le")
        },
    )


def leases_table(leases: pl.DataFrame) -> pl.DataFrame:
    rows = []
    for lease in leases.iter_rows(named=True):
        rows.append(
            {
                "N°": str(lease["id"]),
                "Type": catalog.label(catalog.LEASE_KIND, lease["kind"]),
                "Ménage": lease["file_number"] or "Association",
                "Début": fmt.fr_date(lease["start_on"]),
                "Dernier jour": fmt.fr_date(lease["end_on"]),
                "Motif de fin": catalog.label(catalog.LEASE_END_REASON, lease["end_reason"])
                if lease["end_reason"]
                else "—",
                "Loyer": fmt.fr_amount(lease["rent"]),
                "Glissement prévu": fmt.fr_date(lease["planned_slide_on"]),
                "Glissé le": fmt.fr_date(lease["slid_on"]),
            }
        )
    columns = [
        "N°",
        "Type",
        "Ménage",
        "Début",
        "Dernier jour",
        "Motif de fin",
        "Loyer",
        "Glissement prévu",
        "Glissé le",
    ]
    return pl.DataFrame(rows, schema={c: pl.String for c in columns})


def day_after(day: date | None) -> date | None:
    return None if day is None else day + timedelta(days=1)
