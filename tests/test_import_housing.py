"""The housing sheets of the import on a real database: owners, dwellings, leases and capture
leads checked by the housing forms' rules, linked by their references, keeping their dates,
imported once, traced in the audit log; refused rows say why in French, with their line."""

from __future__ import annotations

import io
from datetime import date, timedelta

import openpyxl
import pytest

import queries
from db import clock
from db.demo.generate import create_demo_accounts
from db.housing import writes as housing
from db.housing.models import LeaseIn
from db.imports.check import check_files
from db.imports.template import template_workbook
from db.imports.write import run_import
from db.rules import Actor
from tests.import_builders import examples_made_real

ADMIN = Actor.system("admin")
HOUSING_TABLES = ("owner", "dwelling", "lease", "capture_lead", "capture_stage_event")
HOUSEHOLDS = [
    "Réf. ménage;Date de l'accueil;Nom;Prénom;Date de naissance;Place dans le ménage;"
    "Code postal;Commune;Composition;Situation de logement;Prescripteur;Type de demande;"
    "Date du consentement",
    "M1;12/03/2022;Martin;Éloïse;05/07/1988;Chef·fe de ménage;33000;Bordeaux;"
    "Isolé·e;Hébergé·e chez un tiers;CCAS;Accès au logement;12/03/2022",
    "M2;02/05/2022;Durand;Paul;01/01/1980;Chef·fe de ménage;33000;Bordeaux;"
    "Isolé·e;Hébergé·e chez un tiers;CCAS;Accès au logement;02/05/2022",
    "M3;01/09/2023;Petit;Léa;01/01/1990;Chef·fe de ménage;33000;Bordeaux;"
    "Isolé·e;Hébergé·e chez un tiers;CCAS;Accès au logement;01/09/2023",
]
OWNERS = [
    "Réf.;Type de propriétaire;Nom;Téléphone;Commune",
    "PR-1;SCI;SCI Les Tilleuls;05.56.12.34.56;Bordeaux",
    "PR-2;Personne privée;Mme Lefèvre;;Talence",
]
DWELLINGS = [
    "Réf.;Réf. propriétaire;Adresse;Commune;Typologie;Loyer hors charges;Dispositif;"
    "Entrée dans le parc;Sortie du parc",
    "L-1;PR-1;3 rue des Lilas;Bordeaux;T2;520,00;Sous-location / intermédiation locative;"
    "01/01/2021;",
    "L-2;PR-2;8 rue des Roses;Talence;t3;610;Bail glissant;2021-06-01;",
]
LEASES = [
    "Réf.;Réf. logement;Type de bail;Réf. ménage;Début;Fin;Motif de fin;Loyer;Glissé le",
    "B-1;L-1;Bail principal (association);;01/01/2021;;;500,00;",
    "B-2;L-1;Sous-location;M1;01/04/2022;31/12/2023;Congé du locataire;480,00;",
    "B-3;L-2;Bail glissant;M2;01/06/2022;;;;01/09/2024",
    "B-4;L-1;Sous-location;M2;01/01/2025;;;;",
]
LEADS = [
    "Réf.;Nom du propriétaire;Adresse;Commune;Origine;Incitations;Identifiée le;Étape;"
    "Étape atteinte le;Abandonnée le;Motif d'abandon;Réf. logement",
    "C-1;M. Garnier;7 rue du Port;Bègles;Prospection;Loc'Avantages Loc2, prime;02/09/2024;"
    "Visite;16/09/2024;;;",
    "C-2;Mme Roy;1 place Carnot;Cenon;Annonce;;03/02/2023;Contacté;10/02/2023;"
    "15/03/2023;Loyer demandé trop élevé;",
    "C-3;;9 quai Deschamps;Bordeaux;Commune;;05/01/2021;Mis en location;20/05/2021;;;L-2",
]


@pytest.fixture
def admin_db(database):
    create_demo_accounts(database)
    return database


def csv(name: str, lines: list[str]) -> tuple[str, bytes]:
    return name, "\n".join(lines).encode("cp1252")


def files(owners=OWNERS, dwellings=DWELLINGS, leases=LEASES, leads=LEADS):
    return [
        csv("menages.csv", HOUSEHOLDS),
        csv("proprietaires.csv", owners),
        csv("logements.csv", dwellings),
        csv("baux.csv", leases),
        csv("pistes de captation.csv", leads),
    ]


def rows(database, sql: str, params=None) -> list[tuple]:
    with database.reading() as cur:
        return cur.execute(sql, params or {}).fetchall()


def counts(database) -> dict[str, int]:
    return {t: rows(database, "SELECT count(*) FROM " + t)[0][0] for t in HOUSING_TABLES}


def reasons(plan) -> dict[tuple[str, int, str], str]:
    return {(r.sheet, r.line, r.column): r.reason for r in plan.refusals}


def imported(database, file_list=None):
    plan = check_files(database, ADMIN, file_list or files())
    run_import(database, ADMIN, plan)
    return plan


def test_the_template_s_housing_sheets_import_once_then_are_left_alone(admin_db):
    data = examples_made_real(template_workbook(admin_db))
    sheets = openpyxl.load_workbook(io.BytesIO(data)).sheetnames
    assert {"Propriétaires", "Logements", "Baux", "Pistes de captation"} <= set(sheets)
    plan = check_files(admin_db, ADMIN, [("modele.xlsx", data)])
    assert plan.refusals == []
    run_import(admin_db, ADMIN, plan)
    assert counts(admin_db) == {
        "owner": 1,
        "dwelling": 1,
        "lease": 1,
        "capture_lead": 1,
        "capture_stage_event": 2,  # identifiée, then at its stage « Visite »
    }
    ((household, file_number),) = rows(admin_db, "SELECT id, file_number FROM household")
    assert rows(admin_db, "SELECT household_id FROM lease") == [(household,)]
    again = check_files(admin_db, ADMIN, [("modele.xlsx", data)])
    housing_sheets = {"Propriétaires", "Logements", "Baux", "Pistes de captation"}
    kept = [c for c in again.counts if c.sheet in housing_sheets]
    assert len(kept) == 4 and all(c.unchanged == 1 and not c.created for c in kept)


def test_housing_records_keep_the_dates_and_links_of_the_file(admin_db):
    plan = imported(admin_db)
    assert plan.refusals == []
    assert counts(admin_db) == {
        "owner": 2,
        "dwelling": 2,
        "lease": 4,
        "capture_lead": 3,
        "capture_stage_event": 6,
    }
    leases = rows(
        admin_db,
        "SELECT d.address, l.kind, h.file_number, l.start_on, l.end_on, l.end_reason, l.slid_on,"
        " l.rent FROM lease l JOIN dwelling d ON d.id = l.dwelling_id"
        " LEFT JOIN household h ON h.id = l.household_id ORDER BY l.start_on",
    )
    assert [r[:7] for r in leases] == [
        ("3 rue des Lilas", "bail_principal", None, date(2021, 1, 1), None, None, None),
        (
            "3 rue des Lilas",
            "sous_location",
            "2022-0001",
            date(2022, 4, 1),
            date(2023, 12, 31),
            "conge_locataire",
            None,
        ),
        (
            "8 rue des Roses",
            "bail_glissant",
            "2022-0002",
            date(2022, 6, 1),
            date(2024, 8, 31),  # the day before the slide, as record_slide ends it
            "glissement",
            date(2024, 9, 1),
        ),
        ("3 rue des Lilas", "sous_location", "2022-0002", date(2025, 1, 1), None, None, None),
    ]
    dwellings = rows(
        admin_db,
        "SELECT d.address, o.name, d.typology, d.programme, d.entered_on, d.rent FROM dwelling d"
        " JOIN owner o ON o.id = d.owner_id ORDER BY d.address",
    )
    assert [r[:5] for r in dwellings] == [
        ("3 rue des Lilas", "SCI Les Tilleuls", "T2", "sous_location", date(2021, 1, 1)),
        ("8 rue des Roses", "Mme Lefèvre", "T3", "bail_glissant", date(2021, 6, 1)),
    ]
    assert float(dwellings[1][5]) == 610.0


def test_a_lead_keeps_its_stage_history_and_its_abandonment(admin_db):
    imported(admin_db)
    leads = rows(
        admin_db,
        "SELECT address, stage, stage_on, abandoned_on, abandoned_reason, incentives,"
        " dwelling_id IS NOT NULL, owner_id IS NOT NULL FROM capture_lead ORDER BY address",
    )
    assert leads == [
        ("1 place Carnot", "contacte", date(2023, 2, 10), date(2023, 3, 15), "loyer_trop_eleve")
        + ([], False, False),
        ("7 rue du Port", "visite", date(2024, 9, 16), None, None, ["loc2", "prime"], False, False),
        ("9 quai Deschamps", "mis_en_location", date(2021, 5, 20), None, None, [], True, True),
    ]
    events = rows(
        admin_db,
        "SELECT l.address, e.stage, e.moved_on, e.moved_by FROM capture_stage_event e"
        " JOIN capture_lead l ON l.id = e.lead_id ORDER BY l.address, e.moved_on",
    )
    assert events == [
        ("1 place Carnot", "identifie", date(2023, 2, 3), "admin"),
        ("1 place Carnot", "contacte", date(2023, 2, 10), "admin"),
        ("7 rue du Port", "identifie", date(2024, 9, 2), "admin"),
        ("7 rue du Port", "visite", date(2024, 9, 16), "admin"),
        ("9 quai Deschamps", "identifie", date(2021, 1, 5), "admin"),
        ("9 quai Deschamps", "mis_en_location", date(2021, 5, 20), "admin"),
    ]


def test_a_lease_overlapping_another_of_the_file_is_refused_with_its_line(admin_db):
    leases = [*LEASES, "B-5;L-1;Sous-location;M3;15/12/2023;;;;"]
    plan = check_files(admin_db, ADMIN, files(leases=leases))
    found = reasons(plan)
    assert list(found) == [("Baux", 6, "Début")]
    reason = found[("Baux", 6, "Début")]
    assert "du 01/04/2022 au 31/12/2023 (ligne 3)" in reason and "se chevauchent" in reason
    lease_count = next(c for c in plan.counts if c.sheet == "Baux")
    assert (lease_count.created, lease_count.refused) == (4, 1)


def test_a_household_holds_one_lease_at_a_time_within_the_file(admin_db):
    leases = [*LEASES, "B-5;L-2;Sous-location;M1;01/01/2023;31/01/2023;;;"]
    found = reasons(check_files(admin_db, ADMIN, files(leases=leases)))
    assert "un ménage n'a qu'un bail à la fois" in found[("Baux", 6, "Réf. ménage")]
    assert "(ligne 3)" in found[("Baux", 6, "Réf. ménage")]


def test_a_lease_overlapping_one_already_in_the_database_is_refused(admin_db):
    imported(admin_db)
    later = [LEASES[0], "B-9;L-1;Sous-location;M1;01/06/2025;;;;"]
    plan = check_files(admin_db, ADMIN, files(leases=later))
    reason = reasons(plan)[("Baux", 2, "Début")]
    assert "déjà loué au ménage 2022-0002 depuis le 01/01/2025, sans fin" in reason
    dwelling_id = rows(admin_db, "SELECT id FROM dwelling WHERE address = '3 rue des Lilas'")
    household_id = rows(admin_db, "SELECT id FROM household WHERE file_number = '2022-0001'")
    signed = LeaseIn(kind="sous_location", household_id=household_id[0][0], start_on="2024-02-01")
    housing.sign_lease(
        admin_db, ADMIN, dwelling_id[0][0], signed.model_copy(update={"end_on": date(2024, 3, 31)})
    )
    by_form = [LEASES[0], "B-8;L-1;Sous-location;2022-0002;01/03/2024;30/04/2024;;;"]
    by_form[0] = by_form[0].replace("Réf. ménage", "N° de dossier")
    reason = reasons(check_files(admin_db, ADMIN, files(leases=by_form)))[("Baux", 2, "Début")]
    assert "déjà loué au ménage 2022-0001 du 01/02/2024 au 31/03/2024" in reason


def test_a_lease_the_file_corrects_is_checked_with_the_file_s_dates(admin_db):
    """The file ends a lease it brought in before and adds the next one: the old dates in
    the database do not refuse the new lease; the lease is updated, nothing twice."""
    first = [LEASES[0], "B-2;L-1;Sous-location;M1;01/04/2022;;;;"]
    imported(admin_db, files(leases=first))
    then = [*first[:1], LEASES[2], "B-7;L-1;Sous-location;M2;01/01/2024;;;;"]
    plan = check_files(admin_db, ADMIN, files(leases=then))
    assert reasons(plan) == {}
    leases = next(c for c in plan.counts if c.sheet == "Baux")
    assert (leases.created, leases.updated, leases.unchanged) == (1, 1, 0)
    run_import(admin_db, ADMIN, plan)
    assert rows(
        admin_db,
        "SELECT start_on, end_on FROM lease WHERE household_id IS NOT NULL ORDER BY start_on",
    ) == [
        (date(2022, 4, 1), date(2023, 12, 31)),
        (date(2024, 1, 1), None),
    ]


def test_references_missing_from_the_file_refuse_their_rows_in_french(admin_db):
    dwellings = [
        *DWELLINGS,
        "L-3;PR-9;5 rue Neuve;Bordeaux;T1;300;Mandat de gestion;01/01/2021;",
        "L-4;;6 rue Neuve;Bordeaux;T1;300;Mandat de gestion;01/01/2021;",
    ]
    leases = [
        LEASES[0],
        "B-5;L-9;Sous-location;M1;01/04/2022;;;;",
        "B-6;L-3;Mandat de gestion (association);;01/01/2021;;;;",
    ]
    plan = check_files(admin_db, ADMIN, files(dwellings=dwellings, leases=leases))
    found = reasons(plan)
    assert (
        found[("Logements", 4, "Réf. propriétaire")]
        == "aucun propriétaire « PR-9 » dans le fichier"
    )
    assert found[("Logements", 5, "Réf. propriétaire")] == "à renseigner"
    assert found[("Baux", 2, "Réf. logement")] == "aucun logement « L-9 » dans le fichier"
    assert found[("Baux", 3, "Réf. logement")] == (
        "le logement « L-3 » est refusé (Logements, ligne 4)"
    )
    run_import(admin_db, ADMIN, plan)
    assert counts(admin_db)["dwelling"] == 2 and counts(admin_db)["lease"] == 0


def test_a_lease_outside_its_dwelling_s_time_in_the_stock_is_refused(admin_db):
    leases = [LEASES[0], "B-5;L-2;Sous-location;M1;01/01/2021;;;;"]
    found = reasons(check_files(admin_db, ADMIN, files(leases=leases)))
    assert "avant l'entrée du logement dans le parc (01/06/2021)" in found[("Baux", 2, "Début")]


def test_the_form_s_rules_refuse_a_row_in_french(admin_db):
    leases = [
        LEASES[0],
        "B-5;L-2;Bail principal (association);M1;01/07/2021;;;;",
        "B-6;L-2;Sous-location;;01/07/2021;;;;",
        "B-7;L-2;Sous-location;M1;01/07/2021;;Congé du locataire;;",
        "B-8;L-1;Sous-location;M1;01/07/2021;;;;01/08/2021",
    ]
    leads = [LEADS[0], "C-9;M. Y;1 rue A;Bordeaux;Annonce;Prime de Noël;02/09/2024;;;;;"]
    found = reasons(check_files(admin_db, ADMIN, files(leases=leases, leads=leads)))
    assert "celui de l'association" in found[("Baux", 2, "Réf. ménage")]
    assert "choisissez le ménage locataire" in found[("Baux", 3, "Réf. ménage")]
    assert found[("Baux", 4, "Fin")] == "à renseigner"
    assert "seul un bail glissant" in found[("Baux", 5, "Glissé le")]
    assert "Prime de Noël" in found[("Pistes de captation", 2, "Incitations")]


def test_an_import_run_twice_creates_nothing_twice(admin_db):
    imported(admin_db)
    before = counts(admin_db)
    again = check_files(admin_db, ADMIN, files())
    assert all(not c.created and not c.updated and not c.refused for c in again.counts)
    changed = [*LEASES[:3], LEASES[3].replace(";;;;01/09/2024", ";;;;01/10/2024")]
    plan = check_files(admin_db, ADMIN, files(leases=[*changed, LEASES[4]]))
    assert reasons(plan) == {}
    run_import(admin_db, ADMIN, plan)
    assert counts(admin_db) == before
    assert rows(admin_db, "SELECT slid_on FROM lease WHERE kind = 'bail_glissant'") == [
        (date(2024, 10, 1),)
    ]


def test_a_lead_moved_on_since_its_import_gets_one_more_dated_event(admin_db):
    imported(admin_db)
    moved = [LEADS[0], LEADS[1].replace("Visite;16/09/2024", "Proposition;01/10/2024")]
    run_import(admin_db, ADMIN, check_files(admin_db, ADMIN, files(leads=moved)))
    events = rows(
        admin_db,
        "SELECT e.stage, e.moved_on FROM capture_stage_event e JOIN capture_lead l"
        " ON l.id = e.lead_id WHERE l.address = '7 rue du Port' ORDER BY e.moved_on",
    )
    assert events == [
        ("identifie", date(2024, 9, 2)),
        ("visite", date(2024, 9, 16)),
        ("proposition", date(2024, 10, 1)),
    ]
    assert counts(admin_db)["capture_lead"] == 3


def test_the_dry_run_writes_nothing(admin_db):
    audit = rows(admin_db, "SELECT count(*) FROM audit_log")
    plan = check_files(admin_db, ADMIN, files())
    assert plan.writable and plan.refusals == []
    assert counts(admin_db) == dict.fromkeys(HOUSING_TABLES, 0)
    assert rows(admin_db, "SELECT count(*) FROM audit_log") == audit
    assert rows(admin_db, "SELECT count(*) FROM import_ref") == [(0,)]


def test_every_created_record_has_its_import_audit_row(admin_db):
    run_import(admin_db, ADMIN, check_files(admin_db, ADMIN, files()))
    audit = rows(
        admin_db,
        "SELECT a.entity, count(*), count(a.household_id) FROM audit_log a"
        " WHERE a.action = 'import' AND a.entity IN ('owner', 'dwelling', 'lease',"
        " 'capture_lead', 'capture_stage_event') GROUP BY a.entity ORDER BY a.entity",
    )
    assert audit == [
        ("capture_lead", 3, 0),
        ("capture_stage_event", 6, 0),
        ("dwelling", 2, 0),
        ("lease", 4, 3),  # a household's lease shows in its history; the main lease in none
        ("owner", 2, 0),
    ]
    tenant = rows(
        admin_db,
        "SELECT count(*) FROM audit_log a JOIN lease l ON l.id = a.entity_id::BIGINT"
        " WHERE a.entity = 'lease' AND a.household_id IS DISTINCT FROM l.household_id",
    )
    assert tenant == [(0,)]


def test_a_dwelling_imported_again_may_name_an_owner_new_in_this_file(admin_db):
    imported(admin_db)
    owners = [*OWNERS, "PR-3;SCI;SCI Nouvelle;;Bordeaux"]
    dwellings = [DWELLINGS[0], DWELLINGS[1].replace("L-1;PR-1", "L-1;PR-3"), DWELLINGS[2]]
    plan = check_files(admin_db, ADMIN, files(owners=owners, dwellings=dwellings))
    assert next(c for c in plan.counts if c.sheet == "Logements").updated == 1
    run_import(admin_db, ADMIN, plan)
    owner = rows(
        admin_db,
        "SELECT o.name FROM dwelling d JOIN owner o ON o.id = d.owner_id"
        " WHERE d.address = '3 rue des Lilas'",
    )
    assert owner == [("SCI Nouvelle",)]
    assert counts(admin_db)["dwelling"] == 2


def test_the_queries_of_the_housing_check_find_what_they_say(admin_db):
    imported(admin_db)
    ((lilas, owner),) = rows(
        admin_db, "SELECT id, owner_id FROM dwelling WHERE address = '3 rue des Lilas'"
    )
    found = queries.run(admin_db, "imports/dwellings_of", ids=[lilas, 999])
    assert found.select("id", "entered_on", "left_on", "owner_id").rows() == [
        (lilas, date(2021, 1, 1), None, owner)
    ]
    ((m2,),) = rows(admin_db, "SELECT id FROM household WHERE file_number = '2022-0002'")
    leases = queries.run(
        admin_db, "imports/household_leases_of", dwelling_ids=[lilas], household_ids=[m2]
    )
    # Lilas's two household leases (not its main lease), and M2's sliding lease elsewhere.
    assert leases.select("file_number", "start_on", "address").rows() == [
        ("2022-0001", date(2022, 4, 1), "3 rue des Lilas"),
        ("2022-0002", date(2022, 6, 1), "8 rue des Roses"),
        ("2022-0002", date(2025, 1, 1), "3 rue des Lilas"),
    ]
    assert queries.run(
        admin_db, "imports/household_leases_of", dwelling_ids=[], household_ids=[]
    ).is_empty()


def test_a_lease_signed_ahead_is_taken_as_meant_but_not_past_a_year(admin_db):
    soon, far = (clock.today() + timedelta(days=days) for days in (45, 400))
    leases = [
        *LEASES[:4],  # up to B-3
        f"B-5;L-2;Sous-location;M3;{soon:%d/%m/%Y};;;;",
        f"B-6;L-1;Sous-location;M3;{far:%d/%m/%Y};;;;",
    ]
    plan = check_files(admin_db, ADMIN, files(leases=leases))
    found = reasons(plan)
    assert list(found) == [("Baux", 6, "Début")]
    assert "est trop loin" in found[("Baux", 6, "Début")]
    run_import(admin_db, ADMIN, plan)
    assert rows(
        admin_db,
        "SELECT start_on FROM lease WHERE household_id IS NOT NULL AND start_on > current_date",
    ) == [(soon,)]
