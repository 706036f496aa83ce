"""Meta-tests that keep the architecture true (architecture.md, "Rules")."""

import ast
import re
from pathlib import Path

import queries
from ui.nav import PAGES

ROOT = Path(__file__).parent.parent
SOURCES = [p for p in ROOT.rglob("*.py") if not {".venv", ".tools"} & set(p.parts)]
SQL_START = re.compile(r"^\s*(select|insert|update|delete|create|with)\s", re.I)


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_only_db_imports_duckdb():
    importers = [
        relative(p)
        for p in SOURCES
        if re.search(r"^\s*(import duckdb|from duckdb)", p.read_text(), re.M)
    ]
    allowed = ("db/", "tests/", "bench/")
    assert [p for p in importers if not p.startswith(allowed)] == []


def test_no_sql_in_pages_ui_or_app():
    screens = [
        p for p in SOURCES if relative(p).startswith(("pages/", "ui/")) or relative(p) == "app.py"
    ]
    offenders = [relative(p) for p in screens if sql_strings(p)]
    assert offenders == []


def sql_strings(path: Path) -> list[str]:
    """The string literals of a file (docstrings aside) that begin like SQL: the parsed
    strings, so that a closing quote followed by a `with` statement is no SQL."""
    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and SQL_START.search(node.value)
    ]


def test_the_sql_detector_finds_sql_and_only_sql(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('x = f"{a}"\nwith lock:\n    pass\n')
    assert sql_strings(sample) == []
    sample.write_text('q = """\n  SELECT * FROM household"""\n')
    assert sql_strings(sample) == ["\n  SELECT * FROM household"]


def test_no_sql_built_with_f_strings():
    pattern = re.compile(r"(execute|sql)\(\s*f[\"']")
    assert [relative(p) for p in SOURCES if pattern.search(p.read_text())] == []


def test_every_page_file_is_registered_and_has_an_apptest():
    page_files = {p.stem for p in (ROOT / "pages").glob("*.py")}
    assert page_files == {spec.key for spec in PAGES}
    tested = "\n".join(p.read_text() for p in (ROOT / "tests").glob("test_page_*.py"))
    untested = [key for key in page_files if f"pages/{key}.py" not in tested]
    assert untested == []


def test_every_query_file_is_named_and_exercised_by_a_test():
    """A query counts as tested when a test names it: its use by the app alone proves
    nothing about what it returns."""
    named = queries.all_queries()
    assert len(named) == len(list((ROOT / "queries").glob("*/*.sql")))
    test_text = "\n".join(p.read_text() for p in (ROOT / "tests").rglob("*.py"))
    untested = [name for name in named if f'"{name}"' not in test_text]
    assert untested == []


def test_no_file_past_400_lines():
    long_files = [relative(p) for p in SOURCES if len(p.read_text().splitlines()) > 400]
    assert long_files == []


def test_readme_opens_with_the_two_commands_and_ci_calls_make_test():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme.split("\n\n", 3)[2] + readme[:600]
    assert "make test" in readme[:600]
    assert "make test" in (ROOT / ".ci" / "run").read_text()
