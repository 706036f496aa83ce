"""User text goes through Markdown unchanged: the helper, then a household's file."""

import re
from datetime import date

import pytest

from db.households import writes as households
from db.households.models import IntakeIn
from tests.conftest import actor_of, open_page
from ui.plain import WORD_JOINER, md_escape, md_inline

TYPED = [
    "![x](http://127.0.0.1:9/x.png)",
    "<img src=x onerror=alert(1)>",
    "**gras** # titre _penché_ `code` :red[rouge] $x$",
    "DUPONT-LÉVÊQUE Zoé (née Martin) 1. 2. + [lien](javascript:alert(1))",
]
NOTE = "![x](http://127.0.0.1:9/x.png) <img src=x onerror=alert(1)> **gras** # titre"


@pytest.mark.parametrize("typed", TYPED)
def test_every_markdown_character_is_escaped(typed):
    escaped = md_escape(typed)
    for char in "*_[]()#!<>`:$":
        assert f"\\{char}" in escaped or char not in typed
    assert escaped.replace("\\", "").replace(WORD_JOINER, "") == typed.replace("\\", "")


# GFM's autolink literals, which no backslash escape stops.
ADDRESSES = ["www.exemple.fr", "http://exemple.fr", "HTTPS://a.b/c?d=e", "jean@exemple.fr"]
AUTOLINK = re.compile(r"(https?://|www\.)[-.\w]|[-.\w+]@[-\w]", re.IGNORECASE)


@pytest.mark.parametrize("typed", ADDRESSES)
@pytest.mark.parametrize("escape", [md_escape, md_inline])
def test_an_address_typed_is_no_link_once_escaped(typed, escape):
    """What remark-gfm would link is broken by an invisible word joiner, shown the same."""
    escaped = escape(f"Zoé {typed}")
    assert not AUTOLINK.search(escaped.replace("\\", ""))
    assert escaped.replace("\\", "").replace(WORD_JOINER, "") == f"Zoé {typed}"


def test_nothing_is_lost():
    assert md_escape(None) == "" and md_escape("Éloïse") == "Éloïse"


def test_a_file_shows_the_intake_as_typed(demo_database):
    """Name, address and first note typed at intake: the note is plain text, and the
    header and general information hold the escaped text, never the Markdown."""
    created = households.create_intake(
        demo_database,
        actor_of(demo_database, "social"),
        IntakeIn(
            members=[{"role": "chef_menage", "last_name": "**Gras**", "first_name": "[Zoé](x)"}],
            address=NOTE,
            postal_code="33000",
            commune="Bordeaux",
            family_type="isole",
            housing_situation="heberge_tiers",
            prescriber="ccas",
            request_type="acces",
            referent="social",
            consent_on=date.today(),
            first_note=NOTE,
        ),
    )
    query = {"id": str(created["id"]), "onglet": "Contacts"}
    at = open_page(demo_database, "social", "pages/household_file.py", query)
    assert not at.exception
    assert NOTE in [t.value for t in at.text]  # the first note, as st.text
    at = open_page(demo_database, "social", "pages/household_file.py", {"id": query["id"]})
    title = at.title[0].value
    assert "**" not in title.replace("\\*", "") and "\\*\\*" in title
    information = "\n".join(m.value for m in at.markdown)
    assert md_escape(NOTE) in information  # the address
    assert not re.search(r"(?<!\\)(!\[|<img)", information)  # nothing left unescaped
