"""Exports of the households list: exactly the rows of the search, French headers, built
through a private temporary folder that is always removed, refused in French past Excel's
limit, logged, and released from Streamlit's memory after the download."""

from __future__ import annotations

import os
import stat
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import polars as pl
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

import queries
from db import clock
from queries.kpi import periods
from tests.conftest import open_page
from tests.household_builders import SEARCH
from ui import exports
from ui.households import listing

PAGE = "pages/households.py"
HEADERS = [
    "Dossier",
    "Chef de ménage",
    "Téléphone",
    "Statut",
    "Référent·e",
    "Commune",
    "Situation",
    "Demande",
    "Dernier contact",
]
SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@pytest.fixture(autouse=True)
def scratch(tmp_path, monkeypatch) -> Path:
    """Every temporary file of the test goes to a folder of its own, checked empty."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def rows_of(database, batch_rows: int, **search):
    shape = lambda batch: listing.display_table(batch, with_phone=True)  # noqa: E731
    params = {**SEARCH, **search}
    return exports.query_rows(
        database, "households/search", shape, batch_rows, **params, limit=1000, offset=0
    )


def expected(database, **search) -> pl.DataFrame:
    found = queries.run(database, "households/search", **{**SEARCH, **search}, limit=1000, offset=0)
    return listing.display_table(found, with_phone=True)


def sheet_rows(data: bytes) -> list[list[str]]:
    """The text of every cell of the first sheet, row by row."""
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as book:
        root = ET.fromstring(book.read("xl/worksheets/sheet1.xml"))
    return [
        ["".join(t.text or "" for t in cell.iter(f"{SHEET}t")) for cell in row.iter(f"{SHEET}c")]
        for row in root.iter(f"{SHEET}row")
    ]


def test_csv_holds_exactly_the_rows_of_the_search_with_french_headers(demo_database):
    seen: list[int] = []
    data, count = exports.build_file("csv", rows_of(demo_database, 7)(), seen.append)
    assert count == 60 and seen == sorted(seen) and seen[-1] == 60 and len(seen) == 9
    assert data.startswith(exports.BOM)
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == ";".join(HEADERS)  # one header, accents intact
    assert text.count("Dossier;") == 1
    read = pl.read_csv(data[len(exports.BOM) :], separator=";", infer_schema=False)
    assert read.equals(expected(demo_database).with_columns(pl.all().cast(pl.String)))


def test_csv_of_a_filtered_search_holds_only_its_rows(demo_database):
    closed = expected(demo_database, status="clos")
    assert 0 < closed.height < 60
    data, count = exports.build_file("csv", rows_of(demo_database, 7, status="clos")(), print)
    read = pl.read_csv(data[len(exports.BOM) :], separator=";", infer_schema=False)
    assert count == closed.height and read["Dossier"].to_list() == closed["Dossier"].to_list()
    assert set(read["Statut"].to_list()) == {"Clos"}


def test_excel_holds_the_same_rows(demo_database):
    data, count = exports.build_file("xlsx", rows_of(demo_database, 25)(), lambda _n: None)
    assert count == 60
    cells = sheet_rows(data)
    assert cells[0] == HEADERS
    want = expected(demo_database)
    assert cells[1:] == [list(row) for row in want.iter_rows()]


def test_excel_keeps_phone_numbers_as_text(tmp_path):
    frame = pl.DataFrame({"Téléphone": ["0612345678"], "Nombre": [3]})
    data, _ = exports.build_file("xlsx", iter([frame]), lambda _n: None)
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<t>0612345678</t>" in sheet  # text, leading zero kept
    assert '<c r="B2"><v>3</v></c>' in sheet  # a number stays a number


def test_excel_limit_is_said_in_french():
    assert exports.excel_refusal(1_048_575) is None
    message = exports.excel_refusal(1_200_000)
    assert "1\u202f048\u202f576 lignes" in message and "1\u202f200\u202f000" in message
    assert "exportez-la en CSV" in message


def test_excel_refuses_rows_past_its_limit_before_writing_them(demo_database, scratch):
    with pytest.raises(exports.TooManyRowsError) as refused:
        exports.build_file("xlsx", rows_of(demo_database, 25)(), lambda _n: None, limit=40)
    assert "41 lignes par feuille" in str(refused.value) and "en CSV" in str(refused.value)
    assert list(scratch.iterdir()) == []


def test_the_scratch_folder_is_private_and_always_removed(demo_database, scratch):
    during: list[tuple[str, int]] = []

    def look(_done: int) -> None:
        for folder in scratch.iterdir():
            during.append((folder.name, stat.S_IMODE(folder.stat().st_mode)))

    for kind in ("csv", "xlsx"):
        exports.build_file(kind, rows_of(demo_database, 25)(), look)
        assert list(scratch.iterdir()) == []
    assert during and all(
        name.startswith(exports.SCRATCH_PREFIX) and mode == 0o700 for name, mode in during
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_failure_half_way_leaves_no_file(demo_database, scratch, kind):
    def failing():
        yield from rows_of(demo_database, 25)()
        raise OSError("disque plein")

    with pytest.raises(OSError):
        exports.build_file(kind, failing(), lambda _n: None)
    assert list(scratch.iterdir()) == []


def test_export_is_offered_to_direction_only(demo_database):
    at = open_page(demo_database, "direction", PAGE)
    assert at.button(key="menages_prepare").label == "Préparer l'export"
    said = "Les 60 ménage(s) de la recherche, toutes pages. Chaque export est tracé."
    assert said in [caption.value for caption in at.caption]
    at = open_page(demo_database, "accueil", PAGE)
    assert "menages_prepare" not in [b.key for b in at.button]


def exports_logged(database) -> list[tuple]:
    with database.reading() as cur:
        return cur.execute(
            "SELECT username, entity, detail FROM access_log WHERE action = 'export'"
        ).fetchall()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_preparing_an_export_logs_it_offers_it_once_and_leaves_no_file(
    demo_database, scratch, kind
):
    at = open_page(demo_database, "direction", PAGE)
    at.radio(key="menages_kind").set_value(kind).run()
    at.button(key="menages_prepare").click().run()
    assert not at.exception and not at.error
    assert [b.proto.label for b in at.get("download_button")] == ["Télécharger le fichier"]
    assert at.get("download_button")[0].proto.url.startswith("/mock/media/")
    assert at.status[0].label.startswith("Export prêt : 60 lignes")
    assert exports_logged(demo_database) == [("direction", "households", f"{kind}, 60 lignes")]
    assert list(scratch.iterdir()) == []
    at.run()  # the next action: the file is no longer offered
    assert not at.get("download_button")


def test_excel_past_its_limit_is_refused_in_french_and_csv_offered(demo_database, monkeypatch):
    monkeypatch.setattr(exports, "EXCEL_MAX_ROWS", 59)
    at = open_page(demo_database, "direction", PAGE)
    at.radio(key="menages_kind").set_value("xlsx").run()
    assert "Excel ne contient pas plus de 60 lignes par feuille" in at.warning[0].value
    assert "cette liste en compte 60 : exportez-la en CSV" in at.warning[0].value
    assert at.button(key="menages_prepare").disabled
    at.button(key="menages_to_csv").click().run()
    assert at.radio(key="menages_kind").value == "csv" and not at.warning
    assert not at.button(key="menages_prepare").disabled


def test_a_failed_export_is_said_in_french_and_not_logged(demo_database, monkeypatch, scratch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("base indisponible")
        yield  # a generator, like the real one

    monkeypatch.setattr(exports.queries, "batches", broken)
    at = open_page(demo_database, "direction", PAGE)
    at.button(key="menages_prepare").click().run()
    assert not at.exception
    assert "L'export n'a pas pu être préparé" in at.error[0].value
    assert at.status[0].label == "Export impossible"
    assert not at.get("download_button") and exports_logged(demo_database) == []
    assert list(scratch.iterdir()) == []


def test_an_export_that_cannot_be_logged_is_not_handed_out(demo_database, monkeypatch):
    from db.errors import WriteConflictError
    from db.households import writes

    def refuse(*_args):
        raise WriteConflictError("Une autre personne modifiait les mêmes données.")

    monkeypatch.setattr(writes, "record_export", refuse)
    at = open_page(demo_database, "direction", PAGE)
    at.button(key="menages_prepare").click().run()
    assert not at.exception
    assert "n'a pas pu être inscrit au journal, il n'est donc pas remis" in at.error[0].value
    assert not at.get("download_button")


def test_the_run_after_the_download_says_it_started(demo_database):
    at = open_page(demo_database, "direction", PAGE)
    at.session_state["menages_delivered"] = "menages-2026-11-24.csv"
    at.run()
    assert "Téléchargement de menages-2026-11-24.csv lancé" in at.success[0].value
    at.run()
    assert not at.success  # said once


def test_a_delivered_file_leaves_streamlit_memory_without_another_click():
    """Streamlit's own media manager: the click's rerun no longer shows the button, the end
    of that run only marks the file, and nothing else would drop it; the release does."""
    storage = MemoryMediaFileStorage("/media")
    manager = MediaFileManager(storage)
    url = manager.add(b"x" * 1000, "text/csv", "1.2", "menages.csv", is_for_static_download=True)
    file_name = url.rsplit("/", 1)[1]
    manager.clear_session_refs()  # the click's rerun starts...
    manager.remove_orphaned_files()  # ...and ends without the button: the file is marked
    assert storage.get_file(file_name).content_size == 1000  # still there for the browser
    exports.release_offered_files(manager, delay=0.01).join(timeout=5)
    with pytest.raises(Exception, match="No media file"):
        storage.get_file(file_name)


def test_a_folder_left_by_a_stopped_server_is_removed_at_start(tmp_path):
    """A kill in the middle of an export leaves personal data on disk: the next start
    removes it, and leaves alone an export under way (a recent folder) and other folders."""
    old = tmp_path / f"{exports.SCRATCH_PREFIX}old"
    recent = tmp_path / f"{exports.SCRATCH_PREFIX}recent"
    other = tmp_path / "not-ours"
    for folder in (old, recent, other):
        folder.mkdir()
    (old / "export.csv").write_text("Dupont;0612345678\n")
    os.utime(old, (0, 0))
    os.utime(other, (0, 0))
    assert exports.remove_leftover_scratch(root=tmp_path) == 1
    assert not old.exists() and recent.exists() and other.exists()


@pytest.mark.parametrize(
    ("start", "end", "named"),
    [
        ("2021-01-01", "2021-12-31", "2021"),
        ("2024-01-01", "2026-12-31", "2024-2026"),
        ("2026-04-01", "2026-06-30", "2026-T2"),
        ("2026-10-01", "2026-12-31", "2026-T4"),
        ("2026-06-01", "2026-06-30", "2026-06"),
        ("2024-02-01", "2024-02-29", "2024-02"),
        ("2026-02-01", "2026-04-30", "du-2026-02-01-au-2026-04-30"),  # three months, no quarter
        ("2026-01-01", "2026-12-05", "du-2026-01-01-au-2026-12-05"),  # a year cut at today
        ("2026-01-01", "2026-03-31", "2026-T1"),
    ],
)
def test_a_file_of_a_period_is_named_by_it(start, end, named):
    period = (date.fromisoformat(start), date.fromisoformat(end))
    assert exports.period_name(*period) == named
    assert exports.file_name("actions-solutions", "xlsx", period) == (
        f"actions-solutions-{named}.xlsx"
    )


def test_a_list_without_a_period_is_named_by_the_day(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 12, 5))
    assert exports.file_name("menages", "csv") == "menages-2026-12-05.csv"


@pytest.mark.parametrize(
    ("chosen", "named"),
    [
        (lambda today: periods.year(2025, today), "rapport-activite-2025.pdf"),
        (lambda today: periods.quarter(2026, 2, today), "rapport-activite-2026-T2.pdf"),
        (lambda today: periods.month(2026, 6, today), "rapport-activite-2026-06.pdf"),
        (lambda today: periods.three_years(2025, today), "rapport-activite-2023-2025.pdf"),
        (
            lambda today: periods.dates(date(2026, 1, 1), date(2026, 3, 15), today),
            "rapport-activite-du-2026-01-01-au-2026-03-15.pdf",
        ),
    ],
)
def test_the_activity_report_is_named_by_its_period(chosen, named):
    from ui import report

    made = SimpleNamespace(period=chosen(date(2026, 12, 5)))  # all a file name reads
    assert report.file_name(made, "pdf") == named
