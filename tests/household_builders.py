"""Helpers the household page tests share: a file of the demo data and the household
file page opened on it (pages/household_file.py), and a valid intake typed into
pages/intake.py."""

from __future__ import annotations

from tests.conftest import open_page

PAGE = "pages/household_file.py"
# households/search's parameters that list every household: each filter off, a director's
# scope; SEARCH sorts them by name, as the exports do.
EVERY_HOUSEHOLD = {
    "term": None,
    "status": None,
    "referent": None,
    "commune": None,
    "housing_situation": None,
    "request_type": None,
    "sees_all": True,
    "referent_of": None,
    "sees_tenants": False,
}
SEARCH = EVERY_HOUSEHOLD | {"sort": "name"}


def a_file_of(database, referent="social"):
    return (
        database.cursor()
        .execute(
            "SELECT id FROM household WHERE referent = ? AND status = 'actif' ORDER BY id LIMIT 1",
            [referent],
        )
        .fetchone()[0]
    )


def open_file(database, username, household_id, tab=None):
    """The file as `username` sees it, on its tab `tab` (the tabs are lazy: only the open
    one is drawn)."""
    query = {"id": str(household_id)} | ({"onglet": tab} if tab else {})
    return open_page(database, username, PAGE, query)


def fill_valid(at, last="Dupont", first="Éloïse", phone="06 11 22 33 44"):
    at.text_input(key="intake_m0_last").input(last)
    at.text_input(key="intake_m0_first").input(first)
    at.text_input(key="intake_phone").input(phone)
    at.text_input(key="intake_postal_code").input("33000")
    at.text_input(key="intake_commune").input("Bordeaux")
    at.checkbox(key="intake_consent").check()
    at.run()
    at.button(key="intake_add_resource").click().run()
    at.selectbox(key="intake_r0_kind").select("rsa")
    at.text_input(key="intake_r0_amount").input("607,50")
    at.text_area(key="intake_note").input("Premier accueil.")
    return at.run()
