"""AppTest of pages/households.py: search, filters, scope by role, export, opening a file."""

from datetime import timedelta

from db import clock
from db.households import writes as households
from db.housing.models import LeaseEndIn
from db.housing.writes import end_lease
from db.rules import Actor
from tests.conftest import actor_of, make_tenant, open_page

PAGE = "pages/households.py"


def table(at):
    import polars as pl

    return pl.from_pandas(at.dataframe[0].value)


def test_search_ignores_case_and_accents(demo_database):
    cur = demo_database.cursor()
    cur.execute("UPDATE person SET first_name = 'Éloïse' WHERE id = 1")
    cur.execute(
        "UPDATE household SET search_key = search_key || ' eloise' WHERE id = "
        "(SELECT household_id FROM person WHERE id = 1)"
    )
    at = open_page(demo_database, "direction", PAGE)
    at.text_input(key="hh_term").input("ELOISE").run()
    assert table(at).height >= 1
    file_number = cur.execute(
        "SELECT file_number FROM household h JOIN person p ON p.household_id = h.id WHERE p.id = 1"
    ).fetchone()[0]
    assert file_number in table(at)["Dossier"].to_list()


def test_filters_and_paging(demo_database):
    at = open_page(demo_database, "direction", PAGE)
    assert table(at).height == 25
    assert "60 ménage(s) — page 1 sur 3" in at.caption[0].value
    at.number_input(key="hh_page").set_value(3).run()
    assert table(at).height == 10
    at.selectbox(key="hh_status").select("clos").run()
    closed = (
        demo_database.cursor()
        .execute("SELECT count(*) FROM household WHERE status = 'clos'")
        .fetchone()[0]
    )
    assert f"{closed} ménage(s)" in at.caption[0].value
    assert set(table(at)["Statut"].to_list()) == {"Clos"}


def test_social_worker_lists_only_their_caseload(demo_database):
    at = open_page(demo_database, "social", PAGE)
    own = (
        demo_database.cursor()
        .execute("SELECT count(*) FROM household WHERE referent = 'social'")
        .fetchone()[0]
    )
    assert f"{own} ménage(s)" in at.caption[0].value
    assert set(table(at)["Référent·e"].to_list()) == {"Samia Social"}
    assert not at.get("download_button")


def test_team_setting_opens_every_file_to_social_workers(demo_database, admin):
    from db.settings import set_setting

    set_setting(demo_database, admin, "team_reads_all_files", True)
    at = open_page(demo_database, "social", PAGE)
    assert "60 ménage(s)" in at.caption[0].value


def intake_of(first_name: str, housing_situation: str):
    from db import clock
    from db.households.models import IntakeIn

    return IntakeIn(
        members=[{"role": "chef_menage", "last_name": "Souloc", "first_name": first_name}],
        phone="06 11 22 33 44",
        postal_code="33000",
        commune="Bordeaux",
        family_type="isole",
        housing_situation=housing_situation,
        prescriber="ccas",
        request_type="acces",
        consent_on=clock.today(),  # without consent, an anonymous contact
    )


def test_rental_management_sees_tenants_only_without_phone(demo_database):
    """Three tenants of the association by their current sublease, and two households
    « Souloc » that are not (one whose intake says « sous-locataire » but has no lease, one
    whose sublease ended): only the first three are listed, all five for the director."""
    reception = actor_of(demo_database, "accueil")
    tenants = set()
    for first in ("Ana", "Bea", "Cyr"):
        created = households.create_intake(
            demo_database, reception, intake_of(first, "sous_locataire_association")
        )
        make_tenant(demo_database, created["id"])
        tenants.add(created["file_number"])
    typed_only = households.create_intake(
        demo_database, reception, intake_of("Dan", "sous_locataire_association")
    )
    former = households.create_intake(demo_database, reception, intake_of("Eve", "heberge_tiers"))
    ended = make_tenant(demo_database, former["id"], days_ago=400)
    end_lease(
        demo_database,
        Actor.system("tests"),
        ended["id"],
        ended["version"],
        LeaseEndIn(end_on=clock.today() - timedelta(days=10), end_reason="conge_locataire"),
    )
    others = {typed_only["file_number"], former["file_number"]}
    all_tenants = (
        demo_database.cursor()
        .execute("SELECT count(*) FROM household h WHERE association_tenant(h.id, current_date)")
        .fetchone()[0]
    )

    at = open_page(demo_database, "gestion", PAGE)
    listed = table(at)
    assert f"{all_tenants} ménage(s)" in at.caption[0].value
    assert "Téléphone" not in listed.columns
    at.text_input(key="hh_term").input("souloc").run()
    assert set(table(at)["Dossier"].to_list()) == tenants

    director = open_page(demo_database, "direction", PAGE)
    director.text_input(key="hh_term").input("souloc").run()
    assert set(table(director)["Dossier"].to_list()) == tenants | others


def test_opening_a_file_from_the_list(demo_database):
    at = open_page(demo_database, "direction", PAGE)
    file_number = table(at)["Dossier"][0]
    household_id = (
        demo_database.cursor()
        .execute("SELECT id FROM household WHERE file_number = ?", [file_number])
        .fetchone()[0]
    )
    at.selectbox(key="hh_open").set_value(household_id).run()
    at.button(key="hh_open_btn").click().run()
    assert not at.exception
    assert at.title[0].value.startswith(f"Dossier {file_number}")
    opened = (
        demo_database.cursor()
        .execute(
            "SELECT count(*) FROM access_log WHERE action = 'read' AND entity_id = ?",
            [str(household_id)],
        )
        .fetchone()[0]
    )
    assert opened == 1


def test_list_shows_a_new_intake_at_the_next_run_though_reads_are_cached(demo_database):
    from db.households.models import IntakeIn

    at = open_page(demo_database, "direction", PAGE)
    assert "60 ménage(s)" in at.caption[0].value
    households.create_intake(
        demo_database,
        actor_of(demo_database, "accueil"),
        IntakeIn(
            members=[{"role": "chef_menage", "last_name": "Neuf", "first_name": "Nina"}],
            postal_code="33000",
            commune="Bordeaux",
            family_type="isole",
            housing_situation="heberge_tiers",
            prescriber="ccas",
            request_type="acces",
        ),
    )
    at.run()
    assert "61 ménage(s)" in at.caption[0].value


def test_opening_a_file_does_not_invalidate_cached_reads(demo_database):
    version = demo_database.data_version
    households.record_file_opened(demo_database, actor_of(demo_database, "direction"), 1)
    assert demo_database.data_version == version
