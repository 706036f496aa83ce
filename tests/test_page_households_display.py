"""AppTest of pages/households.py as a new user saw it: no "None", pages out of range."""

import polars as pl

from tests.conftest import open_page

PAGE = "pages/households.py"


def test_empty_cells_show_a_dash_never_none(demo_database):
    demo_database.cursor().execute(
        "UPDATE household SET phone = NULL, referent = NULL"
        " WHERE id = (SELECT min(id) FROM household)"
    )
    at = open_page(demo_database, "direction", PAGE)
    at.selectbox(key="hh_sort").select("file_number").run()
    shown = pl.from_pandas(at.dataframe[0].value)
    first = shown.row(0, named=True)
    assert (first["Téléphone"], first["Référent·e"]) == ("—", "—")
    assert shown.null_count().sum_horizontal()[0] == 0


def test_a_page_out_of_range_is_said_in_french_and_the_last_one_shown(demo_database):
    at = open_page(demo_database, "direction", PAGE)
    at.number_input(key="hh_page").set_value(99).run()
    assert not at.exception
    assert "La page 99 n'existe pas : page 3 affichée." in [w.value for w in at.warning]
    assert "page 3 sur 3" in at.caption[0].value
