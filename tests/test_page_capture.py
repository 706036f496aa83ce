"""AppTest of pages/capture.py (« Captation »)."""

import pytest

from tests.conftest import open_page

PAGE = "pages/capture.py"


@pytest.mark.parametrize("username", ["gestion", "direction", "admin"])
def test_the_pipeline_opens_for_rental_management(demo_database, username):
    at = open_page(demo_database, username, PAGE)
    assert not at.exception and at.title[0].value == "Captation"


@pytest.mark.parametrize("username", ["accueil", "analyste", "social"])
def test_the_pipeline_is_refused_to_others_in_french(demo_database, username):
    at = open_page(demo_database, username, PAGE)
    assert "Cette page n'est pas accessible avec vos rôles." in [e.value for e in at.error]
