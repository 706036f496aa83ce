"""AppTest of pages/housing.py (« Logements »)."""

import pytest

from tests.conftest import open_page

PAGE = "pages/housing.py"


@pytest.mark.parametrize("username", ["gestion", "direction", "admin", "social"])
def test_the_stock_opens_for_its_readers(demo_database, username):
    at = open_page(demo_database, username, PAGE)
    assert not at.exception and at.title[0].value == "Logements"


@pytest.mark.parametrize("username", ["accueil", "analyste"])
def test_the_stock_is_refused_to_others_in_french(demo_database, username):
    at = open_page(demo_database, username, PAGE)
    assert "Cette page n'est pas accessible avec vos rôles." in [e.value for e in at.error]
