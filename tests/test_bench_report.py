"""The one benchmark table: French figures, every area's rows in order, the load test's
verdicts against its goals (p95 under 1 s, no error, under 1 GiB)."""

from __future__ import annotations

import json

import pytest

from bench import report, table


@pytest.fixture
def results(tmp_path, monkeypatch):
    """bench/results/ in a temporary folder: the real one holds the last run's figures."""
    monkeypatch.setattr(table, "RESULTS", tmp_path)
    monkeypatch.setattr(report, "LOAD", tmp_path / "load.json")
    return tmp_path


def test_figures_are_written_the_french_way():
    assert table.number(1234.5) == "1\u202f234,5"
    assert table.ms(85.5) == "85,5 ms"
    assert table.ms(1234.4) == "1\u202f234 ms"
    assert table.ms(12_500) == "12,5 s"
    assert table.ms(None) == "—"
    assert table.p50_p95([10.0, 20.0, 30.0, 40.0, 1000.0]) == "30,0 ms (p95 808 ms)"


def test_areas_come_in_the_table_order_whatever_order_they_were_saved_in(results):
    table.save("dashboard", [table.Row("écran entier", 200_000, "750 ms", "740 ms", "5,2 s")])
    table.save("households", [table.Row("recherche : sans filtre", 1_000, "3,0 ms")])
    text = report.markdown_table(report.gathered())
    lines = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert lines[1].startswith("| Ménages | recherche : sans filtre | 1\u202f000 | 3,0 ms |")
    assert lines[2].startswith("| Tableau de bord | écran entier | 200\u202f000 | 750 ms | 740 ms")
    assert len(lines) == 3


def load_record(sessions: int, p95: float, errors: int, peak: float) -> dict:
    return {
        "sessions": sessions,
        "households": 200_000,
        "action": "ouverture_dossier",
        "count": 40,
        "p50_ms": 300.0,
        "p95_ms": p95,
        "errors": errors,
        "server_peak_mb": peak,
    }


def test_the_load_rows_say_which_goal_is_met_and_which_is_missed(results):
    records = [load_record(1, 400.0, 0, 500.0), load_record(30, 2_500.0, 2, 1_300.0)]
    (results / "load.json").write_text(json.dumps({"meta": {}, "rows": records}))
    rows = report.load_rows()["rows"]
    by_measure = {row.measure: row for row in rows}
    assert by_measure["1 session(s) : ouverture d'un dossier (40 fois)"].goal.endswith(": atteint")
    missed = by_measure["30 session(s) : ouverture d'un dossier (40 fois)"]
    assert missed.goal.endswith(": manqué")
    assert missed.habiter == "300 ms (p95 2\u202f500 ms), 2 erreur(s)"
    assert by_measure["30 session(s) : mémoire de pointe du serveur"].goal.endswith(": manqué")
    assert by_measure["1 session(s) : mémoire de pointe du serveur"].habiter == "500 Mo"


def test_the_page_names_the_command_the_machine_and_the_versions(results, tmp_path):
    table.save("intake", [table.Row("enregistrer un accueil", 2_000, "40 ms (p95 90 ms)")])
    text = report.page("make bench", report.gathered())
    assert "Produit par `make bench`" in text
    assert "cœurs" in text and "Gio de mémoire" in text
    assert "duckdb " in text and "streamlit " in text and "Python " in text
    row = "| Saisie d'un accueil | enregistrer un accueil | 2\u202f000 | 40 ms (p95 90 ms) |"
    assert row in text


def test_no_figure_at_all_is_said_rather_than_written_as_an_empty_table(results, monkeypatch):
    monkeypatch.setattr("sys.argv", ["report.py", "--output", str(results / "page.md")])
    with pytest.raises(SystemExit, match="Aucune mesure"):
        report.main()
    assert not (results / "page.md").exists()


def test_each_area_s_moment_reads_the_french_way_whatever_its_script_wrote():
    assert report.french_moment({"measured_at": "2026-11-30T16:41:05"}) == "30/11/2026 à 16:41"
    assert report.french_moment({"measured_at": "2026-11-30 16:41 UTC"}) == (
        "30/11/2026 à 16:41 UTC"
    )


def test_a_partial_run_keeps_the_other_areas_rows_with_their_own_date(results):
    table.save("intake", [table.Row("enregistrer un accueil", 2_000, "40 ms (p95 90 ms)")])
    table.save(
        "console", [table.Row("requête | tronquée", 200_000, "12 ms", "", "", "< 1 s : atteint")]
    )
    before = report.page("make bench", report.gathered())
    for area in ("intake", "console"):
        (results / f"{area}.rows.json").unlink()
    table.save("console", [table.Row("requête | tronquée", 200_000, "9 ms")])
    after = report.page("make bench", report.gathered(before))
    kept = "| Saisie d'un accueil | enregistrer un accueil | 2\u202f000 | 40 ms (p95 90 ms) |"
    assert kept in after and after.count("| Console SQL |") == 1
    assert "| 9 ms |" in after and "| 12 ms |" not in after
    source = next(line for line in after.splitlines() if line.startswith("- Saisie d'un accueil"))
    assert source == next(line for line in before.splitlines() if line.startswith("- Saisie"))
