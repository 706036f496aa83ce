"""The rows of an export: a named query read a batch at a time, memory given back after.

An export reads every row of a list. At 1 000 000 households the search's sort and joins
take some 600 MB inside DuckDB; DuckDB frees them when the query ends (duckdb_memory()
shows 38 MB in use), but its allocator keeps the pages: a process that had copied the
list to a file still held 730 MB 20 s later. With the allocator's background threads on,
it was down to 143 MB within 5 s. The setting is global to the database instance and
helps every large read, not only exports: its natural home is the configuration given to
`duckdb.connect` in db/connection.py; it is set here, at each export and idempotently,
until it moves there.
"""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

import queries

BATCH_ROWS = 50_000


def return_freed_memory(database) -> None:
    """Let DuckDB's allocator return freed memory to the system in the background."""
    with database.reading() as cur:
        cur.execute("SET allocator_background_threads = true")


def batches(database, name: str, size: int = BATCH_ROWS, **params) -> Iterator[pl.DataFrame]:
    """The named query's rows (`params` bound), `size` at a time: one batch in memory."""
    return_freed_memory(database)
    yield from queries.batches(database, name, size, **params)
