"""What the SQL console lets run, decided by DuckDB's own parser, never by a regular
expression on the text; and the named parameters a query uses, with their kind.

`extract_statements` gives each statement's type: only SELECT (DESCRIBE, SUMMARIZE, SHOW,
VALUES, FROM … parse as SELECT) and EXPLAIN of a SELECT pass. `json_serialize_sql` gives
the tree of each SELECT, walked for functions and table names that would read files, URLs
or the environment, and for table functions beyond a short allow-list. The connection
behind (db/analytics/console.py) is read-only, external access off and configuration
locked: a statement this check missed still could neither write nor read a file.
"""

from __future__ import annotations

import atexit
import json
from collections.abc import Iterator
from functools import cache

import duckdb

from db.errors import HabiterError

# Checked against DuckDB 2.0's duckdb_settings(): each name exists and takes these values.
CONSOLE_CONFIG = {
    "enable_external_access": False,
    "lock_configuration": True,
    "memory_limit": "1GB",
    "threads": 1,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "allow_community_extensions": False,
}
READING = frozenset({"SELECT"})  # statement types by name: EXPLAIN is checked apart
# Functions that read files, URLs or the environment (scalar or table functions).
FILE_FUNCTIONS = frozenset(
    [
        "read_csv",
        "read_csv_auto",
        "read_parquet",
        "parquet_scan",
        "read_json",
        "read_json_auto",
        "read_json_objects",
        "read_json_objects_auto",
        "read_ndjson",
        "read_ndjson_auto",
        "read_ndjson_objects",
        "read_text",
        "read_blob",
        "glob",
        "sniff_csv",
        "parquet_metadata",
        "parquet_schema",
        "parquet_file_metadata",
        "parquet_kv_metadata",
        "parquet_bloom_probe",
        "read_xlsx",
        "read_duckdb",
    ]
)
ENVIRONMENT_FUNCTIONS = frozenset({"getenv", "duckdb_secrets", "which_secret"})
# Table functions a query may call: generators and the catalogue of the analytics file.
# Any other (query(), query_table(), json_execute_serialized_sql(), duckdb_settings()…)
# is refused: a table function can run a text as SQL or read outside the file.
TABLE_FUNCTIONS = frozenset(
    [
        "range",
        "generate_series",
        "unnest",
        "json_each",
        "json_tree",
        "duckdb_tables",
        "duckdb_columns",
        "duckdb_views",
        "duckdb_schemas",
        "duckdb_types",
        "duckdb_constraints",
        "duckdb_indexes",
        "duckdb_functions",
        "duckdb_keywords",
        "pragma_table_info",
    ]
)
PATH_MARKS = ("/", "\\", ":", ".")


class QueryRefused(HabiterError):
    """A statement the console does not run (a write, a file or the environment)."""


class QueryFailed(HabiterError):
    """DuckDB refused the query (syntax, unknown column…): its message, first line."""


class QueryTimedOut(HabiterError):
    """The query ran past the time limit and was interrupted."""


# Checking -----------------------------------------------------------------------------


@cache
def _parser() -> duckdb.DuckDBPyConnection:
    """An empty in-memory instance under the console's configuration, for parsing only
    (opening one takes some 25 ms: one per process, closed at exit)."""
    atexit.register(_close_parser)
    return duckdb.connect(":memory:", config=dict(CONSOLE_CONFIG))


def _close_parser() -> None:
    _parser().close()
    _parser.cache_clear()


def check_statement(sql: str) -> list[str]:
    """The statements of `sql` if each only reads; else QueryRefused, nothing run."""
    if not sql or not sql.strip():
        raise QueryRefused("La requête est vide : écrivez une instruction SELECT.")
    cur = _parser().cursor()
    try:
        statements = _statements(cur, sql)
        if not statements:
            raise QueryRefused("La requête ne contient que des commentaires : rien à lancer.")
        for number, statement in enumerate(statements, 1):
            where = f" (instruction {number} sur {len(statements)})" if len(statements) > 1 else ""
            _check_one(cur, statement, where)
        return [statement.query for statement in statements]
    finally:
        cur.close()


def _statements(cur, sql: str) -> list:
    try:
        return cur.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryFailed(first_line(exc)) from None


def _check_one(cur, statement, where: str) -> None:
    text = statement.query
    kind = _type_name(statement)
    if kind == "EXPLAIN":
        text = _explained(cur, text, where)
    elif kind not in READING:
        name = first_keyword(text)
        if name in {"WITH", "("} and kind is not None:
            name = kind
        raise QueryRefused(
            f"Instruction refusée{where} : {name}. La console ne fait que lire : "
            "rien n'a été exécuté."
        )
    _check_tree(cur, text, where)


def _type_name(statement) -> str | None:
    try:
        return statement.type.name
    except ValueError:  # a type the Python binding does not name (UPDATE EXTENSIONS)
        return None


def _explained(cur, text: str, where: str) -> str:
    """The statement an EXPLAIN (ANALYZE) shows, which must itself only read."""
    tokens = duckdb.tokenize(text)
    words = [(pos, text[pos:end].strip().upper()) for (pos, _), end in _spans(tokens, text)]
    skip = 1 + (len(words) > 1 and words[1][1] in {"ANALYZE", "ANALYSE"})
    if len(words) <= skip or words[skip][1] == "(":
        raise QueryRefused(f"Instruction refusée{where} : EXPLAIN avec options.")
    inner = _statements(cur, text[words[skip][0] :])
    if len(inner) != 1 or _type_name(inner[0]) not in READING:
        name = first_keyword(text[words[skip][0] :])
        raise QueryRefused(
            f"Instruction refusée{where} : EXPLAIN {name}. La console ne fait que lire."
        )
    return inner[0].query


def _spans(tokens: list, text: str) -> Iterator:
    """Each non-comment token with the position where the next one starts."""
    ends = [pos for pos, _ in tokens[1:]] + [len(text)]
    for token, end in zip(tokens, ends, strict=True):
        if token[1] != duckdb.token_type.comment:
            yield token, end


def first_keyword(text: str) -> str:
    """The first word of a statement, comments aside (to name it in a message)."""
    for (pos, _), end in _spans(duckdb.tokenize(text), text):
        word = text[pos:end].strip().split()
        if word:
            return word[0].rstrip(";").upper()
    return "?"


def syntax_tree(cur, text: str) -> dict:
    row = cur.execute("SELECT json_serialize_sql($sql)", {"sql": text}).fetchone()
    tree = json.loads(row[0])
    if tree.get("error"):
        raise QueryRefused("Instruction refusée : la console ne sait pas la vérifier.")
    return tree


def _check_tree(cur, text: str, where: str) -> None:
    for node in nodes(syntax_tree(cur, text)):
        if node.get("type") == "TABLE_FUNCTION":
            _check_function(str(node["function"].get("function_name", "")), where, table=True)
        elif "function_name" in node:
            _check_function(str(node["function_name"]), where, table=False)
        table = node.get("table_name", "") if node.get("type") == "BASE_TABLE" else ""
        if any(mark in table for mark in PATH_MARKS):
            raise QueryRefused(
                f"Lecture de fichier refusée{where} : « {table} ». "
                "La console ne lit que les tables de la base d'analyse."
            )


def _check_function(name: str, where: str, table: bool) -> None:
    name = name.lower()
    if name in FILE_FUNCTIONS:
        raise QueryRefused(
            f"Lecture de fichier refusée{where} : {name}. La console ne lit que la base d'analyse."
        )
    if name in ENVIRONMENT_FUNCTIONS:
        raise QueryRefused(f"Accès à l'environnement refusé{where} : {name}.")
    if table and name not in TABLE_FUNCTIONS:
        raise QueryRefused(f"Fonction de table refusée{where} : {name}.")


def nodes(tree) -> Iterator[dict]:
    """Every object of a parsed tree, depth first."""
    if isinstance(tree, dict):
        yield tree
        for value in tree.values():
            yield from nodes(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from nodes(value)


def first_line(exc: Exception) -> str:
    lines = [line for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


# Parameters -----------------------------------------------------------------------------

NUMBER_TYPES = frozenset(
    [
        "TINYINT",
        "SMALLINT",
        "INTEGER",
        "INT",
        "BIGINT",
        "HUGEINT",
        "UTINYINT",
        "USMALLINT",
        "UINTEGER",
        "UBIGINT",
        "FLOAT",
        "REAL",
        "DOUBLE",
        "DECIMAL",
        "NUMERIC",
        "INT4",
        "INT8",
        "INT2",
    ]
)
NUMBER_LITERALS = frozenset({"INTEGER", "BIGINT", "HUGEINT", "DOUBLE", "DECIMAL", "FLOAT"})
DATE_FUNCTIONS = frozenset(
    {"current_date", "today", "now", "make_date", "date_trunc", "last_day", "current_timestamp"}
)
DATE_WORDS = frozenset(
    [
        "debut",
        "début",
        "fin",
        "date",
        "depuis",
        "jusqua",
        "jusque",
        "du",
        "au",
        "start",
        "end",
        "since",
        "from",
        "to",
        "on",
        "jour",
    ]
)
NUMBER_WORDS = frozenset(
    ["n", "nb", "nombre", "min", "max", "seuil", "limite", "annee", "année", "age", "montant"]
)


def parameters(sql: str, column_kinds: dict[str, str] | None = None) -> dict[str, str]:
    """The named parameters (`$debut`…) of `sql` in order of appearance, each with the
    kind of input it wants: 'date', 'number' or 'text', from its use (cast to, compared
    with or computed with a date or a number; `column_kinds` names the kind of the analytics
    file's columns) or else from its name (debut, fin, date_… : a date)."""
    cur = _parser().cursor()
    try:
        trees = [syntax_tree(cur, text) for text in _reading_texts(cur, sql)]
    except HabiterError:
        return {}
    finally:
        cur.close()
    found: dict[str, str | None] = {}
    for tree in trees:
        for node in nodes(tree):
            if node.get("class") == "PARAMETER" and not node["identifier"].isdigit():
                found.setdefault(node["identifier"])
            for child in _operands(node) if "class" in node else []:
                if child.get("class") == "PARAMETER" and not found.get(child["identifier"]):
                    found[child["identifier"]] = _kind_of_use(node, child, column_kinds or {})
    return {name: kind or _kind_of_name(name) for name, kind in found.items()}


def _reading_texts(cur, sql: str) -> list[str]:
    texts = check_statement(sql)
    return [_explained(cur, t, "") if first_keyword(t) == "EXPLAIN" else t for t in texts]


def _operands(node: dict) -> list[dict]:
    """The expressions directly under `node` (its children, arguments, sides)."""
    found = []
    for value in node.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and "expression" in item and "class" not in item:
                item = item["expression"]
            if isinstance(item, dict) and "class" in item:
                found.append(item)
    return found


def _kind_of_use(parent: dict, parameter: dict, column_kinds: dict) -> str | None:
    if parent.get("class") == "CAST":
        return _kind_of_type(parent["type_expr"].get("type_name", ""))
    kinds = {_kind_of(peer, column_kinds) for peer in _operands(parent) if peer is not parameter}
    for kind in ("date", "number"):
        if kind in kinds:
            return kind
    if parent.get("is_operator") and parent.get("function_name") in {"+", "-", "*", "/", "%"}:
        return "number"
    return None


def _kind_of(node: dict, column_kinds: dict) -> str | None:
    kind = node.get("class")
    if kind == "CAST":
        return _kind_of_type(node["type_expr"].get("type_name", ""))
    if kind == "CONSTANT":
        literal = node["literal"]
        return "number" if literal.get("kind") in NUMBER_LITERALS else None
    if kind == "FUNCTION" and node.get("function_name", "").lower() in DATE_FUNCTIONS:
        return "date"
    if kind == "COLUMN_REF":
        column = node["column_names"][-1].lower()
        return column_kinds.get(column) or _kind_of_column(column)
    return None


def _kind_of_type(type_name: str) -> str:
    upper = type_name.upper()
    if upper.startswith(("DATE", "TIMESTAMP")):
        return "date"
    return "number" if upper in NUMBER_TYPES else "text"


def _kind_of_column(column: str) -> str | None:
    """The app's naming: *_on a day, *_at a moment, *_date, *_year a number."""
    if column.endswith(("_on", "_at", "_date")) or column == "date":
        return "date"
    if column.endswith(("_year", "_count", "_months", "_days")):
        return "number"
    return None


def _kind_of_name(name: str) -> str:
    words = name.lower().split("_")
    if words[0] in DATE_WORDS or words[-1] in DATE_WORDS:
        return "date"
    return "number" if words[0] in NUMBER_WORDS or words[-1] in NUMBER_WORDS else "text"
