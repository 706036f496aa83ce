"""User text goes through Markdown unchanged."""

import pytest

from ui.plain import md_escape

TYPED = [
    "![x](http://127.0.0.1:9/x.png)",
    "<img src=x onerror=alert(1)>",
    "**gras** # titre _penché_ `code` :red[rouge] $x$",
    "DUPONT-LÉVÊQUE Zoé (née Martin) 1. 2. + [lien](javascript:alert(1))",
]


@pytest.mark.parametrize("typed", TYPED)
def test_every_markdown_character_is_escaped(typed):
    escaped = md_escape(typed)
    for char in "*_[]()#!<>`:$":
        assert f"\\{char}" in escaped or char not in typed
    assert escaped.replace("\\", "") == typed.replace("\\", "")


def test_nothing_is_lost():
    assert md_escape(None) == "" and md_escape("Éloïse") == "Éloïse"
