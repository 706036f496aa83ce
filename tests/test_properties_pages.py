"""Property-based tests (hypothesis) of every screen's address: whatever its query
parameters hold, a page says something in French, never a traceback; and text typed in a
form is shown back exactly as typed.

Each page of ui/nav.PAGES is opened with Streamlit's AppTest, as a demo account whose
roles open it, on a real DuckDB file, with random values for the parameters it reads (the
household's `id`, the tabs' `onglet`, the dashboard's filters) and for unknown ones:
10,000-character strings, control characters, emoji, right-to-left text, SQL-looking text,
Markdown, huge and negative numbers, dates of year 1 and 9999.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from db.accounts import users
from db.analytics import saved
from db.analytics.models import SavedQueryIn
from db.connection import close_database, open_database
from db.demo import generate as demo
from db.errors import HabiterError
from db.housing import models as housing_models
from db.housing import writes as housing
from db.rules import PAGE_ROLES, Actor
from db.support import writes as support
from db.support.models import CatalogEntryIn
from queries import kpi as kpis
from tests.conftest import ROOT, actor_of, open_page
from tests.hostile_input import ANY_CHAR, HOSTILE_SAMPLES
from tests.model_strategies import assert_french
from ui import nav
from ui.dashboard import tiles
from ui.plain import WORD_JOINER, md_escape

DEMO_ACCOUNTS = ("admin", "direction", "social", "accueil", "gestion", "analyste")
TABS = "onglet"
# The parameters each page reads (st.query_params and widgets bound to the address).
PARAMETERS = {
    "household_file": ["id", TABS],
    "support": [TABS],
    "housing": [TABS, "logement", "proprietaire"],
    "capture": [TABS, "piste"],
    "sql_console": [TABS],
    "users_admin": [TABS],
    "dashboard": [
        "periode",
        "du",
        "au",
        "annee",
        "trimestre",
        "mois",
        "referent",
        "commune",
        "dispositif",
        "mesure",
        "depuis",
        # each section's « Afficher les graphiques » (ui/dashboard/tiles.section_key)
        "graphiques_menages",
        "graphiques_accompagnement",
        "graphiques_logements",
        "graphiques_captation",
        "graphiques_equipe",
    ],
}
UNKNOWN = ["page", "q", "utm_source", "embed", "embed_options", "x" * 200, "id\u202e", "😀"]
HOSTILE_VALUES = HOSTILE_SAMPLES + [
    "1",
    "0",
    "-1",
    "2",
    "²",
    "٣",
    "1.5",
    "1e400",
    "9" * 40,
    "-9223372036854775809",
    "2026-02-30",
    "0001-01-01",
    "9999-12-31",
    "31/12/9999",
    "true",
    "[]",
    "{}",
    "%00",
    "Contacts",
    "Mesures",
    "Logement",
    "Tableau",
    "dates",
    "trimestre",
    "annee",
]
values = st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(ANY_CHAR, max_size=30))


def test_every_page_of_the_menu_is_covered():
    """A new page gets its parameters listed here (or none): its key is in PAGE_ROLES."""
    assert {spec.key for spec in nav.PAGES} == set(PAGE_ROLES)
    assert set(PARAMETERS) <= set(PAGE_ROLES)


def parameters_read_by_the_pages() -> set[str]:
    """The keys the pages' code binds to the address or reads from it."""
    found = set()
    for path in [*(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")]:
        text = path.read_text()
        found |= set(re.findall(r"query_params\.get\(\"(\w+)\"", text))
        for call in re.finditer(r"key=([^,]+),[^)]*bind=\"query-params\"", text, re.S):
            found |= set(re.findall(r"\"(\w+)\"", call.group(1)))
    return found


def test_every_parameter_read_by_a_page_gets_random_values():
    listed = {key for keys in PARAMETERS.values() for key in keys}
    assert {tiles.section_key(section) for section in kpis.SECTIONS} <= listed
    missing = parameters_read_by_the_pages() - listed
    assert "id" in listed and not missing, missing


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """One demo database for the module, also the one the app opens (HABITER_DB)."""
    path = tmp_path_factory.mktemp("pages") / "habiter.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HABITER_DB", str(path))
        db = open_database(path, create=True)
        demo.create_demo_database(db, households=30, seed=11)
        yield db
        close_database(path)


def account_for(page: str) -> st.SearchStrategy[str]:
    """A demo account whose roles open `page` (the refusal itself is tested elsewhere)."""
    allowed = PAGE_ROLES[page]
    fitting = [name for name in DEMO_ACCOUNTS if set(ACCOUNT_ROLES[name]) & allowed]
    return st.sampled_from(fitting)


ACCOUNT_ROLES: dict[str, list[str]] = {}


@st.composite
def address(draw, page: str) -> dict[str, str]:
    keys = PARAMETERS.get(page, []) + UNKNOWN
    chosen = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=4, unique=True))
    return {key: draw(values) for key in chosen}


def shown_text(at) -> list[str]:
    """Every message on the page: errors, warnings, information, successes."""
    return [e.value for kind in ("error", "warning", "info", "success") for e in getattr(at, kind)]


def everything_on_screen(at) -> str:
    parts = [str(getattr(node, "value", "")) for node in at.main]
    parts += [str(getattr(node, "body", "")) for node in at.markdown]
    return "\n".join(parts)


@pytest.mark.parametrize("page", [spec.key for spec in nav.PAGES])
def test_any_address_gives_a_french_page_never_a_traceback(page, demo_db):
    if not ACCOUNT_ROLES:
        ACCOUNT_ROLES.update(
            {name: users.load_user(demo_db.cursor(), name)["roles"] for name in DEMO_ACCOUNTS}
        )

    @settings(
        max_examples=3,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(username=account_for(page), query=address(page))
    def check(username, query):
        at = open_page(demo_db, username, nav.page_path(page), query)
        assert not at.exception, [e.message for e in at.exception]
        assert "Traceback" not in everything_on_screen(at)
        typed = list(query.values()) + list(query)
        for message in shown_text(at):
            assert_french(message, typed)

    check()


def test_a_household_address_of_any_form_is_refused_in_french(demo_db):
    """`?id=` of a file: digits of other scripts, exponents, numbers past 64 bits."""
    for raw in ["²", "٣", "9" * 40, "-1", "1.0", " 1", "0x1"]:
        at = open_page(demo_db, "admin", nav.page_path("household_file"), {"id": raw})
        assert not at.exception, (raw, [e.message for e in at.exception])
        assert at.error and "dossier" in at.error[0].value, raw


# ---------------------------------------------------------- text shown back as typed


def a_file_followed_by(db, referent: str) -> int:
    return (
        db.cursor()
        .execute(
            "SELECT id FROM household WHERE referent = ? AND status = 'actif' ORDER BY id LIMIT 1",
            [referent],
        )
        .fetchone()[0]
    )


def contact_form(at):
    areas = {area.label: area for area in at.text_area}
    button = next(b for b in at.button if b.label == "Ajouter le contact")
    return areas["Résumé"], areas["Note privée (visible de vous seul·e)"], button


fitting = st.one_of(
    st.sampled_from([s for s in HOSTILE_SAMPLES if s.strip() and len(s) < 5000]),
    st.text(ANY_CHAR, min_size=1, max_size=60).filter(lambda t: t.strip()),
)


def test_a_contact_typed_in_the_file_is_shown_back_exactly_as_typed(demo_db):
    """Summary and private note through the form, then read on the page as plain text
    (st.text: no Markdown, no HTML), character for character."""
    hid = a_file_followed_by(demo_db, "social")

    @settings(
        max_examples=4,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(summary=fitting, note=fitting)
    def check(summary, note):
        query = {"id": str(hid), TABS: "Contacts"}
        at = open_page(demo_db, "social", nav.page_path("household_file"), query)
        summary_area, note_area, button = contact_form(at)
        summary_area.input(summary)
        note_area.input(note)
        button.click().run()
        assert not at.exception, [e.message for e in at.exception]
        for message in shown_text(at):
            assert_french(message, [summary, note])
        stored = (
            demo_db.cursor()
            .execute(
                "SELECT summary, private_note FROM contact WHERE household_id = ? "
                "ORDER BY id DESC LIMIT 1",
                [hid],
            )
            .fetchone()
        )
        assert stored == (summary.strip(), note.strip())
        shown = [element.value for element in at.text]
        assert summary.strip() in shown and note.strip() in shown

    check()


def shown_as_typed(source: str, typed: str) -> bool:
    """`typed` stands in the Markdown `source` with every Markdown character escaped, so
    that the reader sees it character for character (no bold, link, image or heading)."""
    return md_escape(typed) in source


def markdown_sources(at) -> list[str]:
    return [e.value for kind in ("markdown", "caption", "subheader") for e in getattr(at, kind)]


MARKDOWN_BAIT = "**gras** [lien](http://exemple.org) ![x](http://x/y.png) # _i_"


def test_a_dwellings_typed_address_and_owner_are_shown_as_typed(demo_db):
    owner_kind = housing_models.OwnerIn

    @settings(
        max_examples=3,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(address=fitting, commune=fitting, owner=fitting)
    @example(address=MARKDOWN_BAIT, commune="<b>Bordeaux</b>", owner="$x$ :red[SCI]")
    def check(address, commune, owner):
        admin = Actor.system("proprietes")
        owner_row = housing.add_owner(demo_db, admin, owner_kind(kind="sci", name=owner))
        fields = {"owner_id": owner_row["id"], "address": address, "commune": commune}
        model = housing_models.DwellingIn(
            **fields,
            typology="T2",
            rent="450,50",
            programme="sous_location",
            entered_on=date(2020, 1, 1),
        )
        dwelling = housing.add_dwelling(demo_db, admin, model)
        at = open_page(demo_db, "gestion", nav.page_path("housing"), {TABS: "Logement"})
        at.text_input(key="logement_cherche").input(str(dwelling["id"])).run()  # by its number
        at.selectbox(key="logement_choisi").set_value(dwelling["id"]).run()
        assert not at.exception, [e.message for e in at.exception]
        headings = [e.value for e in at.subheader]
        assert md_escape(f"{model.address}, {model.commune}") in headings
        assert any(shown_as_typed(source, owner.strip()) for source in markdown_sources(at))

    check()


def test_a_saved_querys_name_and_description_are_shown_as_typed(demo_db):
    analyst = actor_of(demo_db, "analyste")
    made = []

    @settings(
        max_examples=3,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(name=fitting, description=fitting)
    @example(name=MARKDOWN_BAIT, description="<img src=x> $y$ ~barré~")
    def check(name, description):
        made.append(name)
        name = f"{name.strip()[:100]} n°{len(made)}"  # a name is unique per person
        query = SavedQueryIn(name=name, description=description, sql="SELECT 1")
        saved.save_query(demo_db, analyst, query)
        tab = {TABS: "Requêtes enregistrées"}
        at = open_page(demo_db, "analyste", nav.page_path("sql_console"), tab)
        assert not at.exception, [e.message for e in at.exception]
        sources = markdown_sources(at)
        assert f"**{md_escape(query.name)}**" in sources
        assert any(shown_as_typed(source, query.description) for source in sources)

    check()


# Acting in a Markdown sentence whatever surrounds them (ui/plain.py, md_inline).
ACTIVE = set("\\`*_{}[]<>|~$&#")


def renders_as_typed(source: str, typed: str) -> bool:
    """`typed` stands in the Markdown `source` with every character that would act there
    escaped (a colon before a letter too: :red[…], :smile:), and only backslashes added."""
    pattern = []
    for i, char in enumerate(typed):
        following = typed[i + 1 : i + 2]
        if char in ACTIVE or (char == ":" and following.isascii() and following.isalpha()):
            pattern.append(r"\\" + re.escape(char))
        elif char.isascii() and not char.isalnum() and not char.isspace():
            pattern.append(r"\\?" + re.escape(char))
        else:
            pattern.append(re.escape(char))
    # A word joiner (ui/plain.WORD_JOINER) may stand where a typed address would be a link.
    return re.search("".join(pattern), source.replace(WORD_JOINER, "")) is not None


labels = fitting.filter(lambda t: 2 <= len(t.strip()) <= 120 and support.catalog_code(t))


def test_a_refusal_quoting_what_was_typed_shows_it_as_typed(demo_db):
    """« x » est déjà dans la liste: the message that quotes a typed label is shown in the
    form's summary and under the field, the label as typed (st.error reads Markdown)."""
    admin = Actor.system("proprietes")
    lists = {TABS: "Listes de l'accompagnement"}

    @settings(
        max_examples=3,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(label=labels)
    @example(label="**Aide** :red[énergie] <b>x</b> `y` $z$ ![i](http://x/y.png)")
    def check(label):
        with contextlib.suppress(HabiterError):  # already there: the form is refused all the same
            support.add_catalog_entry(demo_db, admin, "action_kind", CatalogEntryIn(label=label))
        at = open_page(demo_db, "admin", nav.page_path("users_admin"), lists)
        at.text_input(key="add_action_kind_0_label").input(label)
        at.button(key="save_add_action_kind").click().run()
        assert not at.exception, [e.message for e in at.exception]
        said = [e.value for e in at.error if "déjà dans la liste" in e.value]
        assert len(said) >= 2, [e.value for e in at.error]  # the summary, under the field
        for message in said:
            assert renders_as_typed(message, label.strip()), message
            assert_french(message, [label])

    check()


def test_any_text_typed_in_a_search_box_gives_a_french_page(demo_db):
    """The households' search and the list's page number, with any text or number."""

    @settings(
        max_examples=5,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(term=values, page=st.integers(-(10**6), 10**6))
    @example(term="%_\\' OR 1=1 --", page=0)
    @example(term="06 12 34 56 78" + "\x00" + "٣" * 50, page=10**6)
    def check(term, page):
        at = open_page(demo_db, "admin", nav.page_path("households"))
        at.text_input(key="hh_term").input(term).run()
        at.number_input(key="hh_page").set_value(page).run()
        assert not at.exception, [e.message for e in at.exception]
        for message in shown_text(at):
            assert_french(message, [term, str(page)])

    check()
