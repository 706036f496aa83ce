"""The read side: named SQL files, loaded once, run with bound parameters into polars.

Each file queries/<area>/<name>.sql starts with `-- name: <area>/<name>` and a
`-- <one-line description>`; parameters are written `$name` and always bound.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl

ROOT = Path(__file__).parent
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
_COMMENT = re.compile(r"--[^\n]*")


@dataclass(frozen=True)
class Query:
    name: str
    description: str
    sql: str
    params: frozenset[str]


def parse_query(text: str, path: Path) -> Query:
    lines = text.splitlines()
    header = re.match(r"--\s*name:\s*(\S+)", lines[0]) if lines else None
    if not header or len(lines) < 2 or not lines[1].startswith("--"):
        raise ValueError(f"{path}: '-- name: …' puis '-- description' attendus en tête")
    body = _COMMENT.sub("", text)
    return Query(
        header.group(1), lines[1].lstrip("- ").strip(), text, frozenset(_PARAM.findall(body))
    )


@cache
def all_queries() -> dict[str, Query]:
    found = {}
    for path in sorted(ROOT.glob("*/*.sql")):
        query = parse_query(path.read_text(encoding="utf-8"), path)
        expected = f"{path.parent.name}/{path.stem}"
        if query.name != expected:
            raise ValueError(f"{path}: le nom devrait être {expected}")
        found[query.name] = query
    return found


def run(database, name: str, **params) -> pl.DataFrame:
    """Run the named query with `params` bound; every parameter it uses must be given."""
    query, bound = _bound(name, params)
    cur = database.cursor()
    try:
        return cur.sql(query.sql, params=bound or None).pl()
    finally:
        cur.close()


def batches(database, name: str, size: int = 50_000, **params) -> Iterator[pl.DataFrame]:
    """The named query's rows, `size` at a time: an export of a million rows never holds
    more than one batch in memory."""
    query, bound = _bound(name, params)
    cur = database.cursor()
    try:
        reader = cur.sql(query.sql, params=bound or None).to_arrow_reader(size)
        for batch in reader:
            yield pl.from_arrow(batch)
    finally:
        cur.close()


def _bound(name: str, params: dict) -> tuple[Query, dict]:
    query = all_queries()[name]
    missing = query.params - params.keys()
    if missing:
        raise TypeError(f"{name}: paramètres manquants {sorted(missing)}")
    return query, {key: params[key] for key in query.params}


def fetch_rows(cur, name: str, **params) -> list[dict]:
    """The named query's rows as dicts, on the caller's cursor: what a write loads inside
    its own transaction (Python values kept: Decimal, date, lists)."""
    query, bound = _bound(name, params)
    result = cur.execute(query.sql, bound or None)
    columns = [column[0] for column in result.description]
    return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]


def fetch_row(cur, name: str, **params) -> dict | None:
    """The first row of the named query on the caller's cursor, or None."""
    rows = fetch_rows(cur, name, **params)
    return rows[0] if rows else None


def run_one(database, name: str, **params) -> dict | None:
    """The first row of the named query as a dict, or None."""
    frame = run(database, name, **params)
    return frame.row(0, named=True) if frame.height else None
