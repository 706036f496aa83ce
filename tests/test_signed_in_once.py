"""The signed-in person is read from the users table once per run: by app.py, which hands
it to the page it runs; a fragment, which reruns without app.py, reads it again."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import open_page

ROOT = Path(__file__).parent.parent
READER = "current_actor"
# Where the reader may be called: app.py's run, and a fragment's run (no app.py there).
ALLOWED_CALLERS = {("app.py", "<module>"), ("ui/session.py", "rerun_app_unless_still")}


def calls_of(path: Path, name: str) -> list[str]:
    """The function (or "<module>") around each call of `name` in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node: ast.AST, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            inside = where
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                inside = child.name
            if isinstance(child, ast.Call) and called_name(child) == name:
                found.append(inside)
            visit(child, inside)

    visit(tree, "<module>")
    return found


def called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def screen_files() -> list[Path]:
    return [ROOT / "app.py", *sorted((ROOT / "ui").rglob("*.py")), *(ROOT / "pages").glob("*.py")]


def test_the_users_table_is_read_for_the_session_in_app_py_and_in_fragments_only():
    callers = [
        (str(path.relative_to(ROOT)), where)
        for path in screen_files()
        for where in calls_of(path, READER)
    ]
    assert sorted(callers) == sorted(ALLOWED_CALLERS)


def test_the_reader_is_called_once_by_app_py():
    assert calls_of(ROOT / "app.py", READER) == ["<module>"]


def test_the_finder_sees_a_call_inside_a_function(tmp_path):
    sample = tmp_path / "page.py"
    sample.write_text("def guard():\n    return session.current_actor()\n\ncurrent_actor()\n")
    assert sorted(calls_of(sample, READER)) == ["<module>", "guard"]


def test_a_page_run_by_app_py_knows_who_is_signed_in(demo_database):
    at = open_page(demo_database, "social", "pages/home.py")
    assert not at.exception
    assert not [w.value for w in at.warning if "Connectez-vous" in w.value]
