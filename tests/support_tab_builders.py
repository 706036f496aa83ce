"""Helpers the tests of the support tabs of a household's file share
(tests/test_page_household_support*.py): a new file of `social`, the file opened on a tab,
a form's fields found by key, a mediation saved."""

from __future__ import annotations

from datetime import date

from db import clock
from db.households import writes as households
from db.households.models import IntakeIn
from db.support import writes as support
from db.support.models import MediationIn
from tests.conftest import actor_of, intake_fields, open_page

PAGE = "pages/household_file.py"


TODAY = clock.today()
LAST_YEAR = TODAY.year - 1


def new_file_of_social(database) -> int:
    """A new file of `social` (with an RSA), with no support record whatever the demo holds."""
    intake = IntakeIn.model_validate(
        intake_fields(
            "Mercœur",
            "Zoé",
            referent="social",
            consent_on=TODAY,
            resources=[{"member_index": 0, "kind": "rsa", "monthly_amount": "607,75"}],
        )
    )
    return households.create_intake(database, actor_of(database, "social"), intake)["id"]


def open_file(database, username: str, household_id: int, tab: str | None = None):
    """The file on its tab `tab` (the tabs are lazy: only the open one is drawn)."""
    query = {"id": str(household_id)} | ({"onglet": tab} if tab else {})
    at = open_page(database, username, PAGE, query)
    assert not at.exception
    return at


def in_form(at, form: str, field: str):
    """A field of the form `form`, as first drawn (before any successful save)."""
    return by_key(at, f"{form}_0_{field}")


def by_key(at, key: str):
    for kind in (at.selectbox, at.text_input, at.text_area, at.date_input):
        found = [w for w in kind if w.key == key]
        if found:
            return found[0]
    raise AssertionError(f"pas de champ {key}")


def table_with(at, column: str):
    """The first table on the page with this column."""
    return next(df.value for df in at.dataframe if column in df.value.columns)


def click(at, label: str):
    next(b for b in at.button if b.label == label).click()
    return at.run()


def field_messages(at) -> list[str]:
    """The messages under fields: alone in their box, unlike the summary above the form."""
    return [e.value for e in at.error if not e.value.startswith("Rien n'a été enregistré")]


def a_mediation(database, household_id: int) -> dict:
    mediation = MediationIn(
        counterpart="proprietaire_prive",
        reason="impayes",
        mediation_on=date(LAST_YEAR, 11, 12),
        outcome="en_cours",
    )
    return support.add_mediation(database, actor_of(database, "social"), household_id, mediation)
