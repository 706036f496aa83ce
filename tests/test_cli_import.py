"""`cli.py import`, run as whoever installs Habiter runs it: a real process on a database
made by `cli.py init`, files written by the test. The dry run writes nothing; the import
writes, logs and audits; refused rows give exit code 1 and a workbook with their « Motif »;
a file refused whole gives exit code 2 and one French line, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import openpyxl
import pytest

from tests.cli_process import ENGLISH, cli_on

TABLES = ("household", "person", "support_action", "audit_log", "import_log", "import_ref")
HOUSEHOLD_HEADER = (
    "Réf. ménage;Date de l'accueil;Nom;Prénom;Date de naissance;Place dans le ménage;"
    "Code postal;Commune;Composition;Situation de logement;Prescripteur;Type de demande;"
    "Date du consentement"
)
HOUSEHOLD_TAIL = "33000;Bordeaux;Couple sans enfant;Hébergé·e chez un tiers;CCAS;Accès au logement"
GOOD_HOUSEHOLDS = [
    f"A1;12/03/2024;Martin;Éloïse;05/07/1988;Chef·fe de ménage;{HOUSEHOLD_TAIL};12/03/2024",
    f"A1;12/03/2024;Martin;Hugo;11/02/1986;Conjoint·e;{HOUSEHOLD_TAIL};12/03/2024",
    f"A2;03/10/2023;Durand;Paul;01/01/1980;Chef·fe de ménage;{HOUSEHOLD_TAIL};03/10/2023",
    f"A2;03/10/2023;Durand;Inès;21/06/1982;Conjoint·e;{HOUSEHOLD_TAIL};03/10/2023",
]
BAD_DATE = f"A3;31/02/2024;Petit;Léa;01/01/1990;Chef·fe de ménage;{HOUSEHOLD_TAIL};"
ACTIONS_HEADER = "Réf.;Réf. ménage;Type d'action;Date;Précision"
GOOD_ACTIONS = [
    "X1;A1;Négociation avec un huissier;15/09/2024;Report obtenu",
    "X2;A2;Dossier de surendettement déposé;10/01/2024;",
]


def csv_file(folder: Path, name: str, header: str, rows: list[str]) -> Path:
    """A sheet as a French Excel saves it: « ; », Windows-1252."""
    path = folder / name
    path.write_bytes("\r\n".join([header, *rows, ""]).encode("cp1252"))
    return path


@pytest.fixture(scope="module")
def blank_database(tmp_path_factory) -> Path:
    """One production database made by `cli.py init`, copied for each test."""
    path = tmp_path_factory.mktemp("init") / "habiter.duckdb"
    made = cli_on(path, "init", "--association", "Logis", "--town", "Bordeaux",
                  "--password", "secret-du-chef-1")  # fmt: skip
    assert made.returncode == 0, made.stderr
    return path


@pytest.fixture
def db(blank_database, tmp_path) -> Path:
    copy = tmp_path / "habiter.duckdb"
    shutil.copy(blank_database, copy)
    wal = blank_database.with_name(blank_database.name + ".wal")
    if wal.exists():
        shutil.copy(wal, copy.with_name(copy.name + ".wal"))
    return copy


@pytest.fixture
def good_files(tmp_path) -> list[Path]:
    return [
        csv_file(tmp_path, "Ménages et membres.csv", HOUSEHOLD_HEADER, GOOD_HOUSEHOLDS),
        csv_file(tmp_path, "Autres actions.csv", ACTIONS_HEADER, GOOD_ACTIONS),
    ]


def counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute("SELECT count(*) FROM " + t).fetchone()[0] for t in TABLES}


def import_(db: Path, *args) -> object:
    return cli_on(db, "import", *(str(a) for a in args), timeout=120)


def assert_french(result) -> None:
    """No traceback, no library's English, on either stream."""
    assert not ENGLISH.search(result.stdout + result.stderr), result.stdout + result.stderr


def test_the_dry_run_prints_the_french_counts_and_writes_nothing(db, good_files):
    before = counts(db)
    result = import_(db, *good_files, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Rapport de vérification de « Ménages et membres.csv + Autres actions.csv »" in (
        result.stdout
    )
    assert "À créer" in result.stdout and "Déjà présentes" in result.stdout
    assert "6 à créer, 0 à mettre à jour" in result.stdout  # 4 members, 2 actions
    assert "Rien n'a encore été écrit." in result.stdout
    assert "Aucune ligne refusée." in result.stdout
    assert "Ménages et membres : 0 / 2" in result.stderr  # the check's progress
    assert "Import n°" not in result.stdout
    assert_french(result)
    assert counts(db) == before


def test_the_import_writes_logs_and_audits_then_a_second_run_creates_nothing(db, good_files):
    before = counts(db)
    result = import_(db, *good_files)
    assert result.returncode == 0, result.stderr
    assert "Import n°1 terminé : 6 créées, 0 mise à jour, 0 inchangée, 0 refusée en " in (
        result.stdout
    )
    assert "Écriture : " in result.stderr and "Terminé" in result.stderr
    assert_french(result)
    after = counts(db)
    assert after["household"] - before["household"] == 2
    assert after["person"] - before["person"] == 4
    assert after["support_action"] - before["support_action"] == 2
    with duckdb.connect(str(db), read_only=True) as con:
        log = con.execute(
            "SELECT id, username, file_name, created, refused, seconds FROM import_log"
        ).fetchall()
        audited = con.execute(
            "SELECT entity, count(*) FROM audit_log WHERE action = 'import'"
            " AND json_extract(diff, '$.import[1]')::INT = 1 GROUP BY entity"
        ).fetchall()
    (import_id, username, file_name, created, refused, seconds), *_ = log
    assert len(log) == 1 and import_id == 1
    assert username.startswith("cli (")  # the command line's own name in the journal
    assert file_name == "Ménages et membres.csv + Autres actions.csv"
    assert (created, refused) == (6, 0) and seconds > 0
    audited = dict(audited)
    assert audited["household"] == 2 and audited["person"] == 4
    assert audited["support_action"] == 2

    again = import_(db, *good_files)
    assert again.returncode == 0, again.stderr
    assert "Rien à écrire : aucune ligne à créer ni à mettre à jour." in again.stdout
    assert counts(db) == after


def test_refused_rows_exit_1_and_their_workbook_has_a_motif_column(db, tmp_path):
    households = csv_file(
        tmp_path, "Ménages et membres.csv", HOUSEHOLD_HEADER, [*GOOD_HOUSEHOLDS, BAD_DATE]
    )
    refused = tmp_path / "refusées.xlsx"
    before = counts(db)
    dry = import_(db, households, "--dry-run", "--refused", refused)
    assert dry.returncode == 1, dry.stderr
    assert "1 ligne refusée :" in dry.stdout
    assert "Ménages et membres  6      Date de l'accueil  date invalide : 31/02/2024" in (
        dry.stdout
    )
    assert f"Lignes refusées, avec leur « Motif » : {refused}" in dry.stdout
    assert counts(db) == before
    sheet = openpyxl.load_workbook(refused)["Ménages et membres"]
    header, row = ([c.value for c in line] for line in sheet.iter_rows(max_row=2))
    assert header[:3] == ["Motif", "Ligne", "Réf. ménage"]
    assert "date invalide" in row[0] and row[1] == 6 and row[2] == "A3"

    done = import_(db, households)  # as on the screen: the good rows still go in
    assert done.returncode == 1, done.stderr
    assert "4 créées, 0 mise à jour, 0 inchangée, 1 refusée" in done.stdout
    assert counts(db)["household"] - before["household"] == 2


def test_only_the_first_50_refused_rows_are_printed(db, tmp_path):
    bad = [BAD_DATE.replace("A3", f"B{n}") for n in range(57)]
    households = csv_file(tmp_path, "menages.csv", HOUSEHOLD_HEADER, [*GOOD_HOUSEHOLDS, *bad])
    result = import_(db, households, "--dry-run")
    assert result.returncode == 1, result.stderr
    assert "57 lignes refusées :" in result.stdout
    assert result.stdout.count("date invalide : 31/02/2024") == 50
    assert "… et 7 autres." in result.stdout
    assert "--refused FICHIER.xlsx" in result.stdout


def test_a_pdf_renamed_xlsx_is_refused_whole_with_exit_2_in_french(db, tmp_path):
    pdf = tmp_path / "ménages.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    before = counts(db)
    result = import_(db, pdf)
    assert result.returncode == 2, result.stdout + result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Erreur : ") and "n'est pas un classeur" in last, result.stderr
    assert "Traceback" not in result.stderr
    assert_french(result)
    assert counts(db) == before


def test_what_cannot_be_read_is_refused_with_exit_2_before_the_database(db, tmp_path):
    missing = import_(db, tmp_path / "absent.csv", "--dry-run")
    assert missing.returncode == 2
    assert missing.stderr.startswith("Erreur : « ") and "fichier introuvable" in missing.stderr
    assert_french(missing)
    folder = import_(db, tmp_path, "--dry-run")
    assert folder.returncode == 2 and "n'est pas un fichier ordinaire" in folder.stderr
    wrong_refused = import_(db, tmp_path / "absent.csv", "--refused", tmp_path / "r.csv")
    assert wrong_refused.returncode == 2
    assert "un classeur .xlsx est attendu" in wrong_refused.stderr
