"""No widget of a page gets `help=`: Streamlit names its help button "Help for <label>",
English read aloud by screen readers. Hints go in placeholders or captions."""

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
