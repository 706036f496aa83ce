"""The import's check and write on a real database: the template round trip, the dry run
that writes nothing, dates kept, an import run twice creating nothing twice, refused rows
with their French reason, the refused-rows workbook and the log of imports."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

import queries
from db.demo.generate import create_demo_accounts
from db.errors import PermissionDeniedError
from db.imports.check import check_files
from db.imports.plan import ImportRefused
from db.imports.template import refused_workbook, template_workbook
from db.imports.write import run_import
from db.rules import Actor
from tests.import_builders import examples_made_real

HOUSEHOLD_HEADER = (
    "Réf. ménage;Date de l'accueil;Nom;Prénom;Date de naissance;Place dans le ménage;"
    "Code postal;Commune;Composition;Situation de logement;Prescripteur;Type de demande;"
    "Date du consentement;Date de clôture;Motif de clôture"
)
HOUSEHOLDS_CSV = "\n".join(
    [
        HOUSEHOLD_HEADER,
        "A1;12/03/2024;Martin;Éloïse;05/07/1988;Chef·fe de ménage;33000;Bordeaux;"
        "Isolé·e;Hébergé·e chez un tiers;CCAS;Accès au logement;12/03/2024;;",
        "A2;31/02/2024;Durand;Paul;01/01/1980;Chef·fe de ménage;33000;Bordeaux;"
        "Isolé·e;Hébergé·e chez un tiers;CCAS;Accès au logement;;;",
        "A3;10/10/2023;Petit;Léa;01/01/2015;Enfant;33000;Bordeaux;"
        "Isolé·e;Hébergé·e chez un tiers;CCAS;Accès au logement;;;",
    ]
)
RESOURCES_CSV = "\n".join(
    [
        "Réf. ménage;Nom;Prénom;Type de ressource;Montant mensuel;Perçue depuis le",
        "A1;Martin;Éloïse;RSA;1 234,50 €;01/04/2024",
        "A1;Martin;Éloïse;RSA;douze;01/04/2024",
    ]
)


@pytest.fixture
def admin_db(database):
    create_demo_accounts(database)
    return database


ADMIN = Actor.system("admin")


def count(database, table: str) -> int:
    with database.reading() as cur:
        return cur.execute("SELECT count(*) FROM " + table).fetchone()[0]


def csv_files(households: str = HOUSEHOLDS_CSV, resources: str = RESOURCES_CSV):
    return [
        ("Ménages et membres.csv", households.encode("cp1252", errors="strict")),
        ("ressources.csv", resources.encode("utf-8-sig")),
    ]


def test_the_template_as_downloaded_brings_nothing_in(admin_db):
    data = template_workbook(admin_db)
    sheets = openpyxl.load_workbook(io.BytesIO(data)).sheetnames
    assert {"Ménages et membres", "Demandes FSL", "Valeurs permises"} <= set(sheets)
    plan = check_files(admin_db, ADMIN, [("modele.xlsx", data)])
    assert plan.refusals == [] and not plan.writable
    [note] = plan.notes
    assert note.startswith("Lignes d'exemple du modèle laissées de côté : « Ménages et membres »")
    assert note.count("« ") == len(plan.counts) == len(sheets) - 2  # « Lisez-moi », « Valeurs »


def test_the_template_s_examples_made_real_import_once_then_are_left_alone(admin_db):
    data = examples_made_real(template_workbook(admin_db))
    plan = check_files(admin_db, ADMIN, [("modele.xlsx", data)])
    assert plan.refusals == []
    assert count(admin_db, "household") == 0  # the dry run wrote nothing
    run_import(admin_db, ADMIN, plan)
    assert count(admin_db, "household") == 1
    assert count(admin_db, "support_action") == 1
    again = check_files(admin_db, ADMIN, [("modele.xlsx", data)])
    assert [c.created + c.updated for c in again.counts] == [0] * len(again.counts)
    assert all(c.unchanged == 1 for c in again.counts)
    with pytest.raises(ImportRefused, match="Rien à importer"):
        run_import(admin_db, ADMIN, again)


def test_households_keep_their_dates_and_refused_rows_say_why(admin_db):
    plan = check_files(admin_db, ADMIN, csv_files())
    reasons = {(r.sheet, r.line, r.column): r.reason for r in plan.refusals}
    assert "date invalide" in reasons[("Ménages et membres", 3, "Date de l'accueil")]
    assert "adulte" in reasons[("Ménages et membres", 4, "Place dans le ménage")]
    assert "85,50" in reasons[("Ressources", 3, "Montant mensuel")]
    done = run_import(admin_db, ADMIN, plan)
    row = queries.run(admin_db, "imports/households_by_number", numbers=["2024-0001"])
    assert row.height == 1
    header = queries.run_one(admin_db, "households/header", household_id=row["id"][0])
    assert header["opened_on"] == date(2024, 3, 12)
    with admin_db.reading() as cur:
        events = cur.execute("SELECT event, occurred_on FROM household_status_event").fetchall()
        amount = cur.execute("SELECT monthly_amount, valid_from FROM resource").fetchall()
        audit = cur.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'import'"
            " AND json_extract(diff, '$.import[1]')::INT = $id",
            {"id": done.import_id},
        ).fetchone()[0]
    assert events == [("ouverture", date(2024, 3, 12))]
    assert [(float(a), d) for a, d in amount] == [(1234.5, date(2024, 4, 1))]
    assert audit == count(admin_db, "household") + count(admin_db, "person") + 3
    history = queries.run(admin_db, "imports/history", limit=5)
    assert history["created"][0] == 2 and history["refused"][0] == 3
    book = openpyxl.load_workbook(io.BytesIO(refused_workbook(plan)))
    first = [c.value for c in book["Ménages et membres"][1]]
    assert first[:2] == ["Motif", "Ligne"]


def test_a_missing_required_column_stops_the_import_with_its_name(admin_db):
    header_only = HOUSEHOLDS_CSV.replace("Commune;", "Ville;", 1)
    with pytest.raises(ImportRefused, match="« Commune »"):
        check_files(admin_db, ADMIN, csv_files(header_only))
    assert count(admin_db, "household") == 0


def test_a_household_matching_a_file_of_the_app_joins_it(admin_db):
    first = check_files(admin_db, ADMIN, csv_files())
    run_import(admin_db, ADMIN, first)
    renamed = HOUSEHOLDS_CSV.replace("A1;", "B7;")
    plan = check_files(admin_db, ADMIN, csv_files(renamed, RESOURCES_CSV.replace("A1", "B7")))
    assert any("rejoint le dossier 2024-0001" in note for note in plan.notes)
    assert plan.counts[0].created == 0


def test_only_an_admin_imports(admin_db):
    social = Actor("social", "Samia", frozenset({"travailleur_social"}))
    with pytest.raises(PermissionDeniedError):
        check_files(admin_db, social, csv_files())


def test_the_queries_of_the_check_find_what_they_say(admin_db):
    run_import(admin_db, ADMIN, check_files(admin_db, ADMIN, csv_files()))
    refs = queries.run(admin_db, "imports/refs")
    assert set(refs["sheet"]) == {"menages", "ressources"} and "A1" in set(refs["ref"])
    household = queries.run(admin_db, "imports/households_by_number", numbers=["2024-0001"])
    persons = queries.run(admin_db, "imports/persons_of", household_ids=[household["id"][0]])
    assert persons["first_name"].to_list() == ["Éloïse"]
    found = queries.run(
        admin_db,
        "imports/duplicates",
        keys=[7],
        last_names=["MARTIN"],
        first_names=["eloise"],
        birth_dates=[date(1988, 7, 5)],
        phone_keys=[],
        phones=[],
    )
    assert found.select("key", "file_number").rows() == [(7, "2024-0001")]
    referents = queries.run(admin_db, "imports/referents", role="travailleur_social")
    assert "social" in set(referents["username"])


def test_among_several_files_a_refused_file_is_named(admin_db):
    pdf = ("Ressources.csv", b"%PDF-1.7\n" + bytes(range(256)) * 4)
    with pytest.raises(ImportRefused, match="^« Ressources.csv » : "):
        check_files(admin_db, ADMIN, [csv_files()[0], pdf])
    with pytest.raises(ImportRefused) as alone:
        check_files(admin_db, ADMIN, [pdf])
    assert not str(alone.value).startswith("«")


def test_a_corrected_refused_rows_workbook_reads_without_its_own_columns(admin_db):
    """« Médiations » has its own « Motif »: the workbook's « Motif » and « Ligne » in front
    are the refusal's, left out, and the sheet's own column is read."""
    households = csv_files()[0]
    mediations = "\n".join(
        [
            "Motif;Ligne;Réf. ménage;Interlocuteur;Motif;Date;Résultat",
            "date invalide;2;A1;Propriétaire privé;Troubles de voisinage;20/06/2024;Accord",
        ]
    )
    plan = check_files(admin_db, ADMIN, [households, ("Médiations.csv", mediations.encode())])
    assert [r for r in plan.refusals if r.sheet == "Médiations"] == []
    assert "Médiations" not in plan.ignored_columns
    run_import(admin_db, ADMIN, plan)
    with admin_db.reading() as cur:
        assert cur.execute("SELECT reason FROM mediation").fetchall() == [("voisinage",)]


def test_a_csv_named_after_its_sheet_with_more_words_is_that_sheet(admin_db):
    name, data = csv_files()[0]
    plan = check_files(admin_db, ADMIN, [("menages-2025.csv", data)])
    assert [c.sheet for c in plan.counts] == ["Ménages et membres"]
    with pytest.raises(ImportRefused, match="son nom commence par celui de la feuille"):
        check_files(admin_db, ADMIN, [("export.csv", data)])


def test_an_import_past_the_row_limit_is_refused_whole_with_what_to_do(admin_db, monkeypatch):
    monkeypatch.setattr("db.imports.check.MAX_ROWS", 3)  # 4 rows of households, 2 resources
    with pytest.raises(ImportRefused, match="Ces fichiers ont plus de 3 lignes") as refused:
        check_files(admin_db, ADMIN, csv_files())
    assert "« Ménages et membres » d'abord" in str(refused.value)
    monkeypatch.setattr("db.imports.read.MAX_ROWS", 2)
    with pytest.raises(ImportRefused, match="La feuille « Ménages et membres » a plus de 2"):
        check_files(admin_db, ADMIN, csv_files()[:1])


def test_a_referent_is_found_by_username_or_name_and_an_unknown_one_refused(admin_db):
    lines = HOUSEHOLDS_CSV.splitlines()
    with_referent = [lines[0] + ";Référent", lines[1] + ";samia SOCIAL", lines[3] + ";Inconnu"]
    plan = check_files(admin_db, ADMIN, csv_files("\n".join(with_referent), RESOURCES_CSV))
    reasons = {(r.line, r.column): r.reason for r in plan.refusals if r.sheet != "Ressources"}
    assert (
        "« Inconnu » n'est pas un·e travailleur·euse social·e actif·ve" in reasons[(3, "Référent")]
    )
    run_import(admin_db, ADMIN, plan)
    with admin_db.reading() as cur:
        assert cur.execute("SELECT referent FROM household").fetchall() == [("social",)]
