"""AppTest of pages/sql_console.py: the analysts' console on the pseudonymised analytics
base (built here with db/analytics/build.rebuild): who gets in, a query's rows and
caption, a refused statement said in French with the SQL kept, a parameter that becomes a
field and changes the result, a saved query opened again, the history run again."""

from __future__ import annotations

import io

import polars as pl
import pytest

from db.analytics import build
from db.settings import set_setting
from tests.conftest import actor_of, open_page
from ui.console import exports, state

PAGE = "pages/sql_console.py"
BY_COMMUNE = "SELECT commune, count(*) AS menages FROM household GROUP BY commune ORDER BY commune"
IN_COMMUNE = "SELECT count(*) AS menages FROM household WHERE commune = $commune"


@pytest.fixture
def analytics(demo_database):
    """The demo households, and the analytics base built from them."""
    build.rebuild(demo_database, salt="sel-des-tests")
    return demo_database


def households_in(database, commune: str) -> int:
    query = "SELECT count(*) FROM household WHERE commune = ?"
    return database.cursor().execute(query, [commune]).fetchone()[0]


def communes(database) -> dict[str, int]:
    query = "SELECT commune, count(*) FROM household GROUP BY commune ORDER BY commune"
    return dict(database.cursor().execute(query).fetchall())


def console(database, user: str = "analyste", tab: str | None = None):
    at = open_page(database, user, PAGE, {"onglet": tab} if tab else None)
    assert not at.exception, at.exception
    return at


def open_tab(at, label: str):
    """The tabs are lazy: only the open one is drawn; open `label` as a click would (the
    address cannot name the first tab: Streamlit drops a bound parameter set to its
    default)."""
    at.query_params.pop("onglet", None)
    at.session_state["onglet"] = label
    return at.run()


def run_sql(at, sql: str):
    at.text_area(key=state.EDITOR_KEY).input(sql)
    return at.button(key=submit_key(at)).click().run()


def submit_key(at) -> str:
    return next(b.key for b in at.button if b.label == "Exécuter")


def results(at):
    """The tables of the « Requête » tab (the « Schéma » tab has its own)."""
    return at.tabs[0].dataframe


def shown(at) -> dict:
    table = results(at)[0].value
    return dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))


@pytest.mark.parametrize("user", ["analyste", "direction", "admin"])
def test_the_console_roles_get_its_four_tabs(analytics, user):
    at = console(analytics, user)
    assert at.title[0].value == "Console SQL"
    assert [t.label for t in at.tabs] == state.TABS
    assert not at.error


@pytest.mark.parametrize("user", ["accueil", "social", "gestion"])
def test_other_roles_are_refused(analytics, user):
    at = open_page(analytics, user, PAGE)
    assert at.error[0].value == "Cette page n'est pas accessible avec vos rôles."
    assert not at.tabs and not at.text_area


def test_a_query_shows_its_rows_and_how_many_in_how_long(analytics):
    at = run_sql(console(analytics), BY_COMMUNE)
    assert not at.exception and not at.error
    expected = communes(analytics)
    assert shown(at) == expected
    caption = next(c.value for c in at.caption if " en " in c.value and c.value.endswith(" s"))
    assert caption.startswith(f"{len(expected)} ligne")
    assert not [w for w in at.warning if "tronqué" in w.value]


def test_a_refused_statement_is_said_in_french_and_the_sql_stays(analytics):
    at = run_sql(console(analytics), "DELETE FROM household")
    assert "INSERT" not in at.error[0].value and "DELETE" in at.error[0].value
    assert "refusée" in at.error[0].value
    assert at.text_area(key=state.EDITOR_KEY).value == "DELETE FROM household"
    assert not results(at)
    assert sum(communes(analytics).values()) == 60  # nothing deleted


def test_a_parameter_becomes_a_field_and_changes_the_result(analytics):
    found = communes(analytics)
    first, second = sorted(found, key=found.get, reverse=True)[:2]
    at = run_sql(console(analytics), IN_COMMUNE)
    assert "commune" in at.warning[0].value and not results(at)  # not run without its value
    at.text_input(key="console_param_text_commune").input(first)
    at.button(key=submit_key(at)).click().run()
    assert results(at)[0].value.iloc[0, 0] == households_in(analytics, first)
    at.text_input(key="console_param_text_commune").input(second)
    at.button(key=submit_key(at)).click().run()
    assert results(at)[0].value.iloc[0, 0] == households_in(analytics, second)


def test_a_saved_query_opens_again_in_the_editor(analytics):
    at = run_sql(console(analytics), IN_COMMUNE)  # what the form sent is what is saved
    open_tab(at, "Requêtes enregistrées")
    name = next(t for t in at.text_input if t.label == "Nom")
    name.input("Ménages d'une commune")
    next(t for t in at.text_input if t.label == "Description").input("Par commune choisie")
    next(c for c in at.checkbox if c.label == "Partagée avec l'équipe").check()
    next(b for b in at.button if b.label == "Enregistrer la requête").click().run()
    assert not at.exception and not at.error
    assert "Ménages d'une commune" in [m.value.strip("*") for m in at.markdown]
    run_sql(open_tab(at, state.QUERY_TAB), "SELECT 1 AS un")
    assert at.text_area(key=state.EDITOR_KEY).value == "SELECT 1 AS un"
    open_tab(at, "Requêtes enregistrées")
    opener = next(b for b in at.button if b.label == "Ouvrir" and "console_open_" in b.key)
    opener.click().run()
    assert at.text_area(key=state.EDITOR_KEY).value == IN_COMMUNE
    assert at.session_state[state.TAB_KEY] == state.QUERY_TAB
    # The director sees it: it is shared.
    other = console(analytics, "direction", "Requêtes enregistrées")
    assert "Ménages d'une commune" in [m.value.strip("*") for m in other.markdown]


def test_the_history_shows_the_last_queries_and_runs_one_again(analytics):
    at = run_sql(console(analytics), BY_COMMUNE)
    at = run_sql(at, "DROP TABLE household")
    at.text_area(key=state.EDITOR_KEY).input("").run()
    open_tab(at, "Historique")
    codes = [c.value for c in at.code]
    assert BY_COMMUNE in codes and "DROP TABLE household" in codes
    assert any("refusée" in c.value for c in at.caption)
    reruns = [b for b in at.button if b.label == "Relancer"]
    reruns[-1].click().run()  # the oldest: BY_COMMUNE
    assert at.text_area(key=state.EDITOR_KEY).value == BY_COMMUNE
    assert shown(at) == communes(analytics)


def test_a_parameterised_query_runs_again_with_its_values(analytics):
    found = communes(analytics)
    commune = max(found, key=found.get)
    at = run_sql(console(analytics), IN_COMMUNE)
    at.text_input(key="console_param_text_commune").input(commune)
    at.button(key=submit_key(at)).click().run()
    at = console(analytics, "analyste", "Historique")  # a new visit: nothing typed any more
    assert any(f"commune = {commune}" in c.value for c in at.caption)
    next(b for b in at.button if b.label == "Relancer").click().run()
    assert results(at)[0].value.iloc[0, 0] == households_in(analytics, commune)
    assert at.text_input(key="console_param_text_commune").value == commune


def test_a_result_past_the_row_cap_is_said_truncated(analytics, admin):
    set_setting(analytics, admin, "console_row_cap", 10)
    at = run_sql(console(analytics), "SELECT id FROM household")
    assert len(results(at)[0].value) == 10
    assert at.warning[0].value.startswith(
        "Résultat tronqué : seules les 10 premières lignes sont affichées"
    )


def test_a_syntax_error_is_said_without_a_traceback(analytics):
    at = run_sql(console(analytics), "SELEC commune FROM household")
    errors = at.tabs[0].error
    assert not at.exception and len(errors) == 1 and "Traceback" not in errors[0].value
    assert errors[0].value.startswith("Erreur de syntaxe. Message de DuckDB : ")
    assert "SELEC" in errors[0].value
    assert at.text_area(key=state.EDITOR_KEY).value == "SELEC commune FROM household"


def test_direction_rebuilds_the_analytics_base_the_analyst_cannot(analytics):
    before = build.generation(analytics)
    analyst = console(analytics, tab="Schéma")
    assert not [b for b in analyst.button if b.label == "Reconstruire maintenant"]
    at = console(analytics, "direction", "Schéma")
    assert any(i.value.startswith("Données pseudonymisées du ") for i in at.info)
    next(b for b in at.button if b.label == "Reconstruire maintenant").click().run()
    assert not at.exception and build.generation(analytics) == before + 1


def exports_logged(database) -> list[tuple]:
    with database.reading() as cur:
        return cur.execute(
            "SELECT username, entity, detail FROM access_log WHERE action = 'export' ORDER BY id"
        ).fetchall()


def test_each_export_is_offered_and_logged_with_its_rows(analytics):
    at = run_sql(console(analytics), BY_COMMUNE)
    rows = len(communes(analytics))
    for kind in ("csv", "xlsx", "parquet"):
        at.radio(key=exports.KIND_KEY).set_value(kind).run()
        at.button(key="console_prepare").click().run()
        assert not at.exception and [b.proto.label for b in at.get("download_button")] == [
            "Télécharger le fichier"
        ]
    assert exports_logged(analytics) == [
        ("analyste", "console", f"{label}, {rows} lignes") for label in ("CSV", "Excel", "Parquet")
    ]


def test_the_parquet_file_holds_every_batch(analytics):
    actor = actor_of(analytics, "analyste")
    sql = "SELECT id, commune FROM household ORDER BY id"
    seen = []
    data, rows = exports.parquet_bytes(lambda: console_batches(analytics, actor, sql), seen.append)
    back = pl.read_parquet(io.BytesIO(data))
    assert rows == back.height == 60 and back.columns == ["id", "commune"]
    assert seen[-1] == 60


def console_batches(database, actor, sql):
    from db.analytics import console as engine

    return engine.export_batches(database, actor, sql)


def test_the_schema_is_read_once_per_build_not_at_each_rerun(analytics, monkeypatch):
    from db.analytics import console as engine

    reads = []
    real = engine.schema
    monkeypatch.setattr(engine, "schema", lambda database: reads.append(1) or real(database))
    at = console(analytics)
    run_sql(at, "SELECT 1 AS un")
    open_tab(at, "Schéma")
    at.run()
    assert len(reads) <= 1  # three runs of the page, the same build
    build.rebuild(analytics)
    at.run()
    tables = at.selectbox(key="console_schema_table")
    assert len(reads) <= 2 and "household" in tables.options[0] + "".join(tables.options)


def test_the_schema_shows_one_table_at_a_time(analytics):
    at = console(analytics, tab="Schéma")
    tables = at.selectbox(key="console_schema_table")
    assert len(tables.options) > 1 and len(at.dataframe) == 1
    assert tables.value == "household"  # the table one looks for, not the build's own
    first = len(at.dataframe[0].value)
    tables.set_value(next(t for t in tables.options if t.startswith("household "))).run()
    assert "id" in list(at.dataframe[0].value["Colonne"]) and len(at.dataframe) == 1
    assert first > 0


def test_an_empty_run_after_a_refusal_leaves_no_stale_message(analytics):
    """Seen in the browser: « Écrivez une requête… » under the previous COPY's refusal."""
    at = console(analytics)
    run_sql(at, "COPY household TO 'x.csv'")
    assert any("Instruction refusée" in e.value for e in at.tabs[0].error)
    run_sql(at, "")
    assert any("Écrivez une requête" in w.value for w in at.tabs[0].warning)
    assert not [e for e in at.tabs[0].error if "Instruction refusée" in e.value]


def test_the_history_says_a_failed_query_in_french_as_the_query_tab_did(analytics):
    at = run_sql(console(analytics), "SELECT * FROM pas_de_table")
    said = at.tabs[0].error[0].value
    assert said.startswith("Table ou fonction inconnue. Message de DuckDB : ")
    errors = [e.value for e in open_tab(at, "Historique").error]
    assert errors.count(said) == 1  # the « Historique » tab says it as the « Requête » one did
    assert not [e for e in errors if e.startswith("Catalog Error")]
