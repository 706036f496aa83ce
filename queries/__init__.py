"""The read side: named SQL files, loaded once, run with bound parameters into polars.

Each file queries/<area>/<name>.sql starts with `-- name: <area>/<name>` and a
`-- <one-line description>`; parameters are written `$name` and always bound.
"""

from __future__ import annotations

import re
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
    query = all_queries()[name]
    missing = query.params - params.keys()
    if missing:
        raise TypeError(f"{name}: paramètres manquants {sorted(missing)}")
    bound = {key: params[key] for key in query.params}
    cur = database.cursor()
    try:
        return cur.sql(query.sql, params=bound or None).pl()
    finally:
        cur.close()


def run_one(database, name: str, **params) -> dict | None:
    """The first row of the named query as a dict, or None."""
    frame = run(database, name, **params)
    return frame.row(0, named=True) if frame.height else None
