"""The layers point one way: the database side and the command line never need the screens.

serve.py is not among them: it starts the Streamlit server, and sets up the screens'
Streamlit (ui/startup.py, ui/frontend_fr.py) before it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SCREEN_SIDE = ("ui", "pages", "streamlit", "streamlit_authenticator")
BELOW_THE_SCREENS = [
    *sorted((ROOT / "db").rglob("*.py")),
    *sorted((ROOT / "queries").rglob("*.py")),
    ROOT / "cli.py",
    ROOT / "config.py",
]


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def screen_side(module: str) -> bool:
    return module.split(".")[0] in SCREEN_SIDE


@pytest.mark.parametrize("path", BELOW_THE_SCREENS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_database_side_and_the_command_line_import_no_screen(path):
    assert sorted(filter(screen_side, imported_modules(path))) == []


def test_the_check_sees_an_import_of_the_screens_inside_a_function(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\n\ndef f():\n    from ui import format\n    import streamlit\n")
    assert sorted(filter(screen_side, imported_modules(sample))) == ["streamlit", "ui"]
