"""The read side: named SQL files, loaded once, run with bound parameters into polars.

Each file queries/<area>/<name>.sql starts with `-- name: <area>/<name>` and a
`-- <one-line description>`; parameters are written `$name` and always bound.

A definition that several reads share (the households followed in a period, a dwelling's
occupied days...) is a query of its own under queries/shared/, put into each reader as a
CTE by a header line `-- with: <cte> = shared/<name>`, optionally renaming its parameters:
`-- with: rehoused = shared/rehoused_households(start=since)`. It is expanded at loading,
so the SQL that runs is whole, plain SQL: not a DuckDB macro, because the indicators also
run on the benchmark's SQLite copy and, as examples, on the console's analytics copy.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl

ROOT = Path(__file__).parent
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
_COMMENT = re.compile(r"--[^\n]*")
_WITH = re.compile(r"--\s*with:\s*([a-z_]+)\s*=\s*([a-z_]+/[a-z_]+)\s*(?:\((.*)\))?\s*")
_RENAME = re.compile(r"\s*([a-z_][a-z0-9_]*)\s*=\s*([a-z_][a-z0-9_]*)\s*")


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
    texts = {}
    for path in sorted(ROOT.glob("*/*.sql")):
        text = path.read_text(encoding="utf-8")
        expected = f"{path.parent.name}/{path.stem}"
        if parse_query(text, path).name != expected:
            raise ValueError(f"{path}: le nom devrait être {expected}")
        texts[expected] = text
    return {name: parse_query(expand(texts[name], texts), ROOT / f"{name}.sql") for name in texts}


def expand(text: str, texts: dict[str, str], seen: tuple[str, ...] = ()) -> str:
    """The query's text with each shared definition its `-- with:` lines name put in
    front as a CTE (the query's own WITH list follows them)."""
    header, body = _split_header(text)
    ctes = []
    for line in header:
        match = _WITH.fullmatch(line)
        if not match:
            continue
        cte, shared, renames = match.groups()
        if shared not in texts or shared in seen:
            raise ValueError(f"-- with: {shared} introuvable ou circulaire")
        _, shared_body = _split_header(expand(texts[shared], texts, (*seen, shared)))
        shared_sql = _renamed("\n".join(shared_body), renames or "")
        ctes.append(f"{cte} AS (\n{textwrap.indent(shared_sql, '    ')}\n)")
    if not ctes:
        return text
    own = "\n".join(body)
    if re.match(r"WITH\s", own, re.IGNORECASE):
        own = own[4:].lstrip()
        joined = ",\n".join([*ctes, own])
    else:
        joined = ",\n".join(ctes) + "\n" + own
    return "\n".join([*header, "WITH " + joined])


def _split_header(text: str) -> tuple[list[str], list[str]]:
    lines = text.rstrip("\n").splitlines()
    size = next((i for i, line in enumerate(lines) if not line.startswith("--")), len(lines))
    return lines[:size], lines[size:]


def _renamed(sql: str, renames: str) -> str:
    """`start=since`: the shared query's $start read as the reader's $since."""
    pairs = dict(_RENAME.fullmatch(pair).groups() for pair in renames.split(",") if pair.strip())
    return _PARAM.sub(lambda m: "$" + pairs.get(m.group(1), m.group(1)), sql)


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
