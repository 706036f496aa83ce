"""The files of bench/imports.py: `size` households in the import template's own columns
(« Ménages et membres », « Ressources », « Autres actions »), drawn from a fixed seed, written
as one workbook (dates as date cells, amounts as numbers, as Excel saves them) or as one CSV
file per sheet (« ; », French dates and amounts)."""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

from bench import table

SEED = 21
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Thomas",
    "Petit",
    "Robert",
    "Richard",
    "Durand",
    "Dubois",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Lefebvre",
    "Leroy",
    "Roux",
    "David",
    "Bertrand",
    "Morel",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Muller",
    "Lefèvre",
    "Faure",
    "André",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
]
FIRST_NAMES = [
    "Éloïse",
    "Paul",
    "Léa",
    "Hugo",
    "Chloé",
    "Lucas",
    "Manon",
    "Nathan",
    "Inès",
    "Louis",
    "Jade",
    "Gabriel",
    "Camille",
    "Arthur",
    "Sarah",
    "Jules",
    "Zoé",
    "Adam",
    "Lina",
    "Raphaël",
    "Alice",
    "Noé",
    "Emma",
    "Tom",
    "Louise",
    "Malo",
    "Rose",
    "Léon",
    "Anna",
    "Sacha",
]
COMMUNES = (("33000", "Bordeaux"), ("33400", "Talence"), ("33600", "Pessac"), ("33700", "Mérignac"))
ACTION_LABELS = (
    "Négociation d'un plan d'apurement",
    "Négociation avec un huissier",
    "Dossier de surendettement déposé",
    "Ouverture ou rétablissement de droits",
)


# --- the file: rows in the template's columns ----------------------------------------------


def sheets_of(households: int) -> dict[str, tuple[list[str], list[list]]]:
    """Sheet label -> (headers, rows) of `households` households, the same at every run."""
    from db import catalog
    from db.imports.households import HOUSEHOLDS, RESOURCES
    from db.imports.support import ACTIONS

    draw = random.Random(SEED)
    members, resources, actions = [], [], []
    for number in range(1, households + 1):
        ref = f"M-{number:06d}"
        size = draw.choice((1, 1, 2, 2, 3, 4))  # 2,2 members on average
        family = household_facts(draw, size, catalog)
        people = household_members(draw, size)
        for role, last, first, born, sex in people:
            members.append(member_row(ref, family, role, last, first, born, sex, catalog))
        for index in range(draw.choice((1, 2))):
            _role, last, first, _born, _sex = people[index % len(people)]
            kind = draw.choice(list(catalog.RESOURCE_TYPE.values())[:6])
            amount = round(draw.uniform(150, 1800), 2)
            since = family["intake_on"] - timedelta(days=draw.randrange(0, 900))
            resources.append([f"R-{number}-{index}", ref, last, first, kind, amount, since])
        for index in range(draw.randrange(1, 6)):  # 3 on average
            day = family["intake_on"] + timedelta(days=draw.randrange(0, 400))
            day = min(day, date(2026, 11, 30))
            note = draw.choice(("", "Rendez-vous pris", "Courrier envoyé au bailleur"))
            actions.append([f"A-{number}-{index}", ref, draw.choice(ACTION_LABELS), day, note])
    return {
        HOUSEHOLDS.label: (labels(HOUSEHOLDS, MEMBER_FIELDS), members),
        RESOURCES.label: (labels(RESOURCES, RESOURCE_FIELDS), resources),
        ACTIONS.label: (labels(ACTIONS, ACTION_FIELDS), actions),
    }


MEMBER_FIELDS = [
    "household_ref",
    "intake_on",
    "last_name",
    "first_name",
    "birth_date",
    "sex",
    "role",
    "phone",
    "address",
    "postal_code",
    "commune",
    "family_type",
    "housing_situation",
    "prescriber",
    "request_type",
    "consent_on",
    "closed_on",
    "close_reason",
]
RESOURCE_FIELDS = [
    "ref",
    "household_ref",
    "last_name",
    "first_name",
    "kind",
    "monthly_amount",
    "valid_from",
]
ACTION_FIELDS = ["ref", "household_ref", "kind", "action_on", "note"]


def labels(sheet, fields: list[str]) -> list[str]:
    """The template's French column names of `fields`, in that order."""
    return [sheet.column(name).label for name in fields]


def household_facts(draw: random.Random, size: int, catalog) -> dict:
    intake_on = date(2019, 1, 1) + timedelta(days=draw.randrange(0, 2500))
    closed = draw.random() < 0.2
    closed_on = intake_on + timedelta(days=draw.randrange(30, 300)) if closed else None
    postal_code, commune = draw.choice(COMMUNES)
    family = {1: "isole", 2: "monoparentale"}.get(size, "couple_enfants")
    return {
        "intake_on": intake_on,
        "closed_on": closed_on if closed_on and closed_on < date(2026, 11, 30) else None,
        "postal_code": postal_code,
        "commune": commune,
        "phone": f"06 {draw.randrange(10, 99)} {draw.randrange(10, 99)} "
        f"{draw.randrange(10, 99)} {draw.randrange(10, 99)}",
        "address": f"{draw.randrange(1, 200)} rue des Lilas",
        "family_type": catalog.FAMILY_TYPE[family],
        "housing_situation": draw.choice(list(catalog.HOUSING_SITUATION.values())),
        "prescriber": draw.choice(list(catalog.PRESCRIBER.values())),
        "request_type": draw.choice(list(catalog.REQUEST_TYPE.values())),
    }


def household_members(draw: random.Random, size: int) -> list[tuple]:
    """(role, last name, first name, birth date, sex): a head, then a partner or children."""
    last = draw.choice(LAST_NAMES)
    firsts = draw.sample(FIRST_NAMES, size)
    people = []
    for index, first in enumerate(firsts):
        adult = index == 0 or (index == 1 and size >= 3)
        role = "chef_menage" if index == 0 else ("conjoint" if adult else "enfant")
        year = draw.randrange(1950, 2000) if adult else draw.randrange(2008, 2022)
        born = date(year, draw.randrange(1, 13), draw.randrange(1, 29))
        people.append((role, last, first, born, draw.choice(("Femme", "Homme"))))
    return people


def member_row(ref, family, role, last, first, born, sex, catalog) -> list:
    head = role == "chef_menage"
    closed_on = family["closed_on"] if head else None
    return [
        ref,
        family["intake_on"],
        last,
        first,
        born,
        sex,
        catalog.PERSON_ROLE[role],
        family["phone"] if head else "",
        family["address"],
        family["postal_code"],
        family["commune"],
        family["family_type"],
        family["housing_situation"],
        family["prescriber"],
        family["request_type"],
        family["intake_on"],  # consent given at the intake: a named file
        closed_on or "",
        "Relogé" if closed_on else "",
    ]


def write_workbook(path: Path, sheets: dict) -> None:
    """One workbook: dates as date cells, amounts as numbers, text as text in the shared
    strings table (as Excel saves it; xlsxwriter's constant_memory mode would write inline
    strings, which Excel never does and openpyxl reads three times slower)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    for label, (headers, rows) in sheets.items():
        page = book.add_worksheet(label[:31])
        page.write_row(0, 0, headers)
        for line, row in enumerate(rows, start=1):
            for position, value in enumerate(row):
                if isinstance(value, date):
                    page.write_datetime(line, position, value, day)
                elif value != "":
                    page.write(line, position, value)
    book.close()


def french(value) -> str:
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float):
        return table.number(value, 2).replace(table.NNBSP, " ")
    return str(value)


def write_csvs(folder: Path, sheets: dict) -> list[Path]:
    """One CSV file per sheet, named after it, « ; » between cells, French dates."""
    paths = []
    for label, (headers, rows) in sheets.items():
        path = folder / f"{label}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out, delimiter=";")
            writer.writerow(headers)
            writer.writerows([french(v) for v in row] for row in rows)
        paths.append(path)
    return paths


# --- the import, in a fresh process --------------------------------------------------------
