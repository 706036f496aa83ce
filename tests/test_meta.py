"""Meta-tests that keep the architecture true (architecture.md, "Rules")."""

import ast
import re
from pathlib import Path

import queries
from ui.nav import PAGES

ROOT = Path(__file__).parent.parent
SOURCES = [p for p in ROOT.rglob("*.py") if not {".venv", ".tools"} & set(p.parts)]
PROJECT = {"ui", "db", "queries", "pages"}
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


def streamlit_calls(names: set[str]) -> list[tuple[str, ast.Call]]:
    """(file, call) for each call `st.<name>(…)` or `<container>.<name>(…)` in pages/, ui/
    and app.py."""
    screens = [
        p for p in SOURCES if relative(p).startswith(("pages/", "ui/")) or relative(p) == "app.py"
    ]
    found = []
    for path in screens:
        tree = ast.parse(path.read_text())
        ours = project_modules(tree)
        found += [
            (relative(path), node)
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in names
            and not (isinstance(node.func.value, ast.Name) and node.func.value.id in ours)
        ]
    return found


def project_modules(tree: ast.Module) -> set[str]:
    """The names a file gives the project's own modules (`from ui.x import sections`):
    their functions may be called `header` without being Streamlit's."""
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in PROJECT
        for alias in node.names
    }


def keyword_is(call: ast.Call, name: str, value) -> bool:
    return any(
        k.arg == name and isinstance(k.value, ast.Constant) and k.value.value is value
        for k in call.keywords
    )


def test_no_multiselect_offers_streamlit_s_english_select_all():
    """Streamlit's « Select all » is English, and one click of it grants every choice."""
    calls = streamlit_calls({"multiselect"})
    assert calls, "the detector finds no multiselect: it is broken"
    offenders = [f"{f}:{c.lineno}" for f, c in calls if not keyword_is(c, "select_all", False)]
    assert offenders == []


def test_no_heading_carries_an_english_link_to_heading_anchor():
    """A heading's anchor is an English « Link to heading » link in the Tab order."""
    calls = streamlit_calls({"title", "header", "subheader"})
    assert len(calls) > 10, "the detector finds no heading: it is broken"
    offenders = [f"{f}:{c.lineno}" for f, c in calls if not keyword_is(c, "anchor", False)]
    assert offenders == []


def test_no_markdown_heading_in_screens():
    """A Markdown heading (« ## … ») gets the same English anchor: use st.subheader."""
    heading = re.compile(r"^\s*#{1,6} ", re.M)
    found = [
        f"{f}:{c.lineno}"
        for f, c in streamlit_calls({"markdown", "write", "caption", "info", "html"})
        for arg in c.args[:1]
        if heading.search(literal_text(arg))
    ]
    assert found == []


def literal_text(node: ast.expr) -> str:
    """A string literal's text, an f-string's literal parts ("" for anything else)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(literal_text(part) for part in node.values)
    return ""


def test_the_markdown_heading_detector_finds_headings():
    tree = ast.parse('st.markdown("## Titre")\nst.markdown(f"### {x}")\nst.markdown("a # b")')
    texts = [literal_text(node.args[0]) for node in ast.walk(tree) if isinstance(node, ast.Call)]
    assert [bool(re.search(r"^\s*#{1,6} ", t, re.M)) for t in texts] == [True, True, False]
