"""Exports of the households list: built batch by batch into a temporary file, exactly
the rows of the search, logged, Excel's limit said in French."""

import zipfile
from pathlib import Path

import polars as pl
import pytest

import queries
from tests.conftest import open_page
from ui import exports
from ui.households import listing

PAGE = "pages/households.py"
SEARCH = {
    "term": None, "status": None, "referent": None, "commune": None,
    "housing_situation": None, "request_type": None, "sort": "name",
    "sees_all": True, "referent_of": None, "sees_tenants": False,
    "tenant_situation": "sous_locataire_association",
}  # fmt: skip


def all_rows(database, size: int):
    batches = queries.batches(database, "households/search", size, **SEARCH, limit=60, offset=0)
    return (listing.display_table(batch, with_phone=True) for batch in batches)


def expected(database) -> pl.DataFrame:
    found = queries.run(database, "households/search", **SEARCH, limit=60, offset=0)
    return listing.display_table(found, with_phone=True)


def test_csv_holds_exactly_the_rows_of_the_search_in_small_batches(demo_database, tmp_path):
    path = tmp_path / "export.csv"
    seen: list[int] = []
    assert exports.write_csv(all_rows(demo_database, 7), path, seen.append) == 60
    assert seen == sorted(seen) and seen[-1] == 60 and len(seen) == 9  # 60 rows by 7
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"Dossier;") == 1  # one header
    read = pl.read_csv(path, separator=";", encoding="utf8-lossy", infer_schema=False)
    assert read.rename(lambda c: c.lstrip("\ufeff")).equals(
        expected(demo_database).with_columns(pl.all().cast(pl.String))
    )


def test_excel_holds_the_same_rows(demo_database, tmp_path):
    path = tmp_path / "export.xlsx"
    assert exports.write_xlsx(all_rows(demo_database, 25), path, lambda _n: None) == 60
    with zipfile.ZipFile(path) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    names = expected(demo_database)["Chef de ménage"].to_list()
    assert sheet.count("<row ") == 61 and all(name in sheet for name in names)


def test_excel_limit_is_said_in_french():
    assert exports.excel_refusal(1_048_575) is None
    message = exports.excel_refusal(1_200_000)
    assert "1\u202f048\u202f576 lignes" in message and "exportez-la en CSV" in message


def test_the_temporary_file_is_gone_once_taken(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"a;b\n")
    assert exports.take_file(path) == b"a;b\n" and not path.exists()


def test_export_is_offered_to_direction_only(demo_database):
    at = open_page(demo_database, "direction", PAGE)
    assert at.button(key="menages_prepare").label == "Préparer l'export"
    at = open_page(demo_database, "accueil", PAGE)
    assert "menages_prepare" not in [b.key for b in at.button]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_preparing_an_export_logs_it_and_leaves_no_file(demo_database, kind):
    before = set(Path("/tmp").glob("habiter-export-*"))
    at = open_page(demo_database, "direction", PAGE)
    at.radio(key="menages_kind").set_value(kind).run()
    at.button(key="menages_prepare").click().run()
    assert not at.exception
    assert [b.proto.label for b in at.get("download_button")] == ["Télécharger le fichier"]
    with demo_database.reading() as cur:
        logged = cur.execute(
            "SELECT username, entity, detail FROM access_log WHERE action = 'export'"
        ).fetchall()
    assert logged == [("direction", "households", f"{kind}, 60 lignes")]
    assert set(Path("/tmp").glob("habiter-export-*")) == before
    at.run()  # the next action: the file is no longer offered
    assert not at.get("download_button")
