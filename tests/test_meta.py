"""Meta-tests that keep the architecture true (architecture.md, "Rules")."""

import ast
import re
from pathlib import Path

import queries
from db import rules
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


def docstring_ids(tree: ast.Module) -> set[int]:
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }


def sql_strings(path: Path, start: re.Pattern = SQL_START) -> list[str]:
    """The string literals of a file (docstrings aside) that begin like SQL: the parsed
    strings, so that a closing quote followed by a `with` statement is no SQL."""
    tree = ast.parse(path.read_text())
    docstrings = docstring_ids(tree)
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and start.search(node.value)
    ]


def test_the_sql_detector_finds_sql_and_only_sql(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('x = f"{a}"\nwith lock:\n    pass\n')
    assert sql_strings(sample) == []
    sample.write_text('q = """\n  SELECT * FROM household"""\n')
    assert sql_strings(sample) == ["\n  SELECT * FROM household"]


READ_START = re.compile(r"^\s*(select|with)\s", re.I)
# The reads db/ may write itself, each for a reason; every other read is a queries/ file.
# A key is a folder, a file, or `file:function`.
DB_READS_ALLOWED = {
    "db/migrate.py": "which migrations ran, read before the schema (and queries/) exists",
    "db/connection.py": "`SELECT 1`, the check that a cursor still answers: no data read",
    "db/analytics/build.py": "builds the pseudonymised copy from DuckDB's own catalogue",
    "db/analytics/guard.py": "asks DuckDB to parse a console query: no data read",
    "db/backup/take.py": "counts the rows of every table the backup copies, by catalogue",
    "db/imports/write.py:allocate_ids": "draws the new records' ids from their sequences: "
    "no data read",
    "db/demo/": "the demo generator's bulk loads, of its own text, never on real data",
    "db/privacy/scrub.py:count_values": "built from SCRUB, the map scrub_tables writes: "
    "what is counted and what is removed cannot differ",
}


def read_places(path: Path, name: str | None = None) -> set[str]:
    """`file` (module level) or `file:function` for each read in a file: a string literal
    (docstrings aside) that begins with SELECT or WITH."""
    tree = ast.parse(path.read_text())
    docstrings = docstring_ids(tree)
    places = set()

    def visit(node: ast.AST, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, f"{where}:{child.name}")
                continue
            value = getattr(child, "value", None)
            is_read = isinstance(child, ast.Constant) and isinstance(value, str)
            if is_read and id(child) not in docstrings and READ_START.search(value):
                places.add(where)
            visit(child, where)

    visit(tree, name or relative(path))
    return places


def allowed_by(place: str, allowed: dict[str, str]) -> str | None:
    """The allow-list key that covers this place (a folder, a file, a function), if any."""
    for key in allowed:
        if (
            place == key
            or place.startswith(key + ":")
            or (key.endswith("/") and place.startswith(key))
        ):
            return key
    return None


def test_no_read_in_db_outside_queries():
    """Every read is a named queries/ file (README), db/ included, but for the few
    infrastructure reads above."""
    places = set().union(*(read_places(p) for p in SOURCES if relative(p).startswith("db/")))
    assert sorted(p for p in places if not allowed_by(p, DB_READS_ALLOWED)) == []
    # An entry that no longer covers a read goes: the list says what is true.
    used = {allowed_by(p, DB_READS_ALLOWED) for p in places}
    assert sorted(set(DB_READS_ALLOWED) - used) == []


def test_the_read_detector_names_the_function(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        'Q = "WITH x AS (SELECT 1) SELECT * FROM x"\n'
        'def load(cur):\n    """Select the rows."""\n'
        '    def inner():\n        return "SELECT 1"\n'
        '    return "UPDATE t SET a = (SELECT 1)"\n'
    )
    assert read_places(sample, "s.py") == {"s.py", "s.py:load:inner"}
    assert allowed_by("s.py:load:inner", {"s.py:load": ""}) == "s.py:load"
    assert allowed_by("s.py:loader", {"s.py:load": ""}) is None


ROLE_NAMES = frozenset(rules.ROLES)
# Where a role's name may be written outside db/rules.py, each for a reason.
ROLE_TESTS_ALLOWED = {
    "db/demo/": "gives the demo accounts their roles: it decides nothing",
}


def role_tests(path: Path) -> list[str]:
    """`file:line` of each permission decided in place: a call `.has(…)`, a comparison
    with a role's name or with someone's `.roles`, a tuple or set of role names."""

    def role_name(node: ast.AST) -> bool:
        return isinstance(node, ast.Constant) and node.value in ROLE_NAMES

    def roles_of(node: ast.AST) -> bool:
        return isinstance(node, ast.Attribute) and node.attr == "roles"

    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        called_has = isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "has"
        compared = isinstance(node, ast.Compare) and any(
            role_name(side) or roles_of(side) for side in [node.left, *node.comparators]
        )
        listed = isinstance(node, ast.Tuple | ast.Set | ast.List) and bool(node.elts)
        listed = listed and all(role_name(element) for element in node.elts)
        if called_has or compared or listed:
            found.append(
                f"{relative(path) if path.is_relative_to(ROOT) else path.name}:{node.lineno}"
            )
    return found


def test_every_permission_is_decided_in_db_rules():
    """Who may do what lives in db/rules.py and is called from there (a query may filter
    by a rule, with the rule's name on the line)."""
    code = [
        p
        for p in SOURCES
        if relative(p).startswith(("db/", "ui/", "pages/")) or relative(p) in {"app.py", "cli.py"}
    ]
    found = [
        place
        for path in code
        if relative(path) != "db/rules.py" and not allowed_by(relative(path), ROLE_TESTS_ALLOWED)
        for place in role_tests(path)
    ]
    assert found == []


def test_the_role_test_detector_finds_each_form(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        'a = actor.has("admin")\nb = "direction" in roles\nc = r in actor.roles\n'
        'D = ("admin", "direction")\ne = label("admin")\nf = person["role"] == "chef"\n'
    )
    assert role_tests(sample) == ["sample.py:1", "sample.py:2", "sample.py:3", "sample.py:4"]


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


def test_no_file_past_600_lines():
    """A smell to look at, not a layout rule: a file this long may hold two purposes. Cut
    it by what each part is for, never only to get under the count."""
    long_files = [relative(p) for p in SOURCES if len(p.read_text().splitlines()) > 600]
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
