"""No widget of a page gets `help=`: Streamlit names its help button "Help for <label>",
English read aloud by screen readers. Hints go in placeholders or captions."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
INPUTS = re.compile(
    r"st\.(text_input|text_area|selectbox|multiselect|number_input|date_input|toggle|checkbox|radio)"
    r"\((?:[^()]|\([^()]*\))*\bhelp="
)


def test_no_input_widget_has_a_help_button():
    sources = [*ROOT.glob("pages/*.py"), *ROOT.glob("ui/**/*.py"), ROOT / "app.py"]
    offenders = [str(p.relative_to(ROOT)) for p in sources if INPUTS.search(p.read_text())]
    assert offenders == []


def calls_without_placeholder(source: str) -> list[int]:
    """Lines of st.selectbox / st.multiselect calls that leave Streamlit's placeholder,
    « Choose an option », shown when nothing is chosen or the choice is erased."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("selectbox", "multiselect")
            and not {k.arg for k in node.keywords} & {"placeholder", None}
        ):
            lines.append(node.lineno)
    return lines


def test_every_choice_list_has_a_french_placeholder():
    sources = [*ROOT.glob("pages/*.py"), *ROOT.glob("ui/**/*.py"), ROOT / "app.py"]
    offenders = {
        str(p.relative_to(ROOT)): lines
        for p in sources
        if (lines := calls_without_placeholder(p.read_text()))
    }
    assert offenders == {}


def test_the_placeholder_check_finds_a_missing_one():
    assert calls_without_placeholder("st.selectbox('Type', ['a'], key='k')") == [1]
    assert calls_without_placeholder("c.multiselect('R', [], placeholder='Choisir')") == []
