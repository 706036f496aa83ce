"""Deterministic demo support records for the demo households, at any size.

Measures (reviews, renewals), eviction procedures (stages), debt plans, mediations, FSL
applications and other actions, over the demo's six years, within each household's dates
(opened_on, the closing day or today) and the rules of db/support/lifecycle.py. Written by
the household's referent. Households are read back chunk by chunk; each chunk's records
are drawn at once with numpy (db/demo/draw.py) and loaded in bulk through arrow, so a
million households stay within seconds. Runs on the fresh database create_demo_database
makes: ids are given here, then each sequence is moved past them.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from faker import Faker

import queries
from db import clock
from db.demo.draw import Draw, Households, frame
from db.demo.support_measures import measures, procedures
from db.demo.support_records import (
    AGENCIES,
    SOCIAL_LANDLORDS,
    actions,
    debt_plans,
    fsl_applications,
    mediations,
)

CHUNK = 100_000
# The share of households with at least one record of each sort.
RATES = {
    "measure": 0.35,
    "procedure": 0.08,
    "debt_plan": 0.10,
    "mediation": 0.20,
    "fsl": 0.25,
    "action": 0.30,
}
# In loading order: a parent before its rows. Child rows name their parent by its index
# among the chunk's parents (the column on the left), turned here into its id.
TABLES = (
    "support_measure",
    "measure_review",
    "measure_renewal",
    "eviction_procedure",
    "eviction_stage",
    "debt_plan",
    "mediation",
    "fsl_application",
    "support_action",
)
PARENT = {
    "measure_review": ("measure", "support_measure", "measure_id"),
    "measure_renewal": ("measure", "support_measure", "measure_id"),
    "eviction_stage": ("procedure", "eviction_procedure", "procedure_id"),
}
HOUSEHOLDS = (
    "SELECT id, opened_on, closed_on, status, referent, request_type, housing_situation,"
    " close_reason FROM household WHERE id BETWEEN $first AND $last ORDER BY id"
)


def private_landlords(seed: int) -> list[str]:
    """Private owners and agencies, French names drawn once."""
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    owners = [f"{fake.random_element(('M.', 'Mme', 'SCI'))} {fake.last_name()}" for _ in range(150)]
    return owners + list(AGENCIES)


def households(rows: pl.DataFrame, today: np.datetime64) -> Households:
    opened = rows["opened_on"].to_numpy()
    closed = rows["closed_on"].to_numpy()
    active = (rows["status"] == "actif").to_numpy()
    return Households(
        id=rows["id"].to_numpy(),
        opened=opened,
        last=np.where(active | np.isnat(closed), today, closed),
        active=active,
        maintien=(rows["request_type"] == "maintien").to_numpy(),
        social=(rows["housing_situation"] == "locataire_social").to_numpy(),
        close_reason=rows["close_reason"].fill_null("").to_numpy().astype(object),
        author=rows["referent"].fill_null("admin").to_numpy().astype(object),
    )


def draw_chunk(draw: Draw, h: Households, kinds: dict, action_kinds: list, landlords) -> dict:
    tables = measures(draw, h, kinds, RATES["measure"])
    tables |= procedures(draw, h, RATES["procedure"], (SOCIAL_LANDLORDS, landlords))
    tables["debt_plan"] = debt_plans(draw, h, RATES["debt_plan"], landlords)
    tables["mediation"] = mediations(draw, h, RATES["mediation"])
    tables["fsl_application"] = fsl_applications(draw, h, RATES["fsl"])
    tables["support_action"] = actions(draw, h, RATES["action"], action_kinds)
    return tables


def with_ids(tables: dict, next_id: dict[str, int]) -> dict[str, pl.DataFrame]:
    """Each table's frame with its ids (after `next_id`), children with their parent's."""
    frames = {}
    for table in TABLES:
        columns = dict(tables[table])
        size = len(columns["household_id"])
        ids = {"id": np.arange(next_id[table] + 1, next_id[table] + 1 + size, dtype=np.int64)}
        if table in PARENT:
            index, parent, column = PARENT[table]
            ids[column] = next_id[parent] + 1 + columns.pop(index).astype(np.int64)
        frames[table] = frame(ids | columns)
    for table in TABLES:
        next_id[table] += frames[table].height
    return frames


def insert_frame(cur, table: str, rows: pl.DataFrame) -> None:
    if rows.height == 0:
        return
    columns = ", ".join(rows.columns)
    cur.register("demo_support_rows", rows.to_arrow())
    # Table and column names come from this module's own lists, never from input.
    cur.execute(
        "INSERT INTO " + table + " (" + columns + ") SELECT " + columns + " FROM demo_support_rows"
    )
    cur.unregister("demo_support_rows")


def create_demo_support(database, seed: int = 42) -> dict[str, int]:
    """Draw and load the support records of every household; returns the rows per table."""
    today = np.datetime64(clock.today(), "D")
    now = np.datetime64(clock.now(), "us")
    kinds = {
        row["code"]: row["max_months"]
        for row in queries.run(database, "support/catalog", list="measure_kind").iter_rows(
            named=True
        )
        if row["active"]
    }
    catalog = queries.run(database, "support/catalog", list="action_kind")
    action_kinds = catalog.filter(pl.col("active"))["code"].to_list()
    landlords = private_landlords(seed)
    with database.reading() as cur:
        first, last = cur.execute("SELECT min(id), max(id) FROM household").fetchone()
        next_id = {
            table: cur.execute("SELECT coalesce(max(id), 0) FROM " + table).fetchone()[0]
            for table in TABLES
        }
    loaded = dict.fromkeys(TABLES, 0)
    for number, start in enumerate(range(first or 1, (last or 0) + 1, CHUNK)):
        draw = Draw(np.random.default_rng([seed, number]), today, now)
        with database.reading() as cur:
            bounds = {"first": start, "last": start + CHUNK - 1}
            h = households(cur.sql(HOUSEHOLDS, params=bounds).pl(), today)
        frames = with_ids(draw_chunk(draw, h, kinds, action_kinds, landlords), next_id)
        with database.transaction() as cur:
            for table in TABLES:
                insert_frame(cur, table, frames[table])
                loaded[table] += frames[table].height
    with database.transaction() as cur:
        # DuckDB has no setval: draw the ids the bulk load used from the sequences.
        for table, count in loaded.items():
            cur.execute(
                "SELECT count(nextval('" + table + "_id_seq')) FROM range($n)", {"n": count}
            )
    return loaded
