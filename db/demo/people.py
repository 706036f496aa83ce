"""Pools of realistic French values for the demo data, drawn once from Faker fr_FR.

Drawing from pools keeps a million households fast while Faker keeps them realistic.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from faker import Faker

# Communes of the Gironde (33) with a weight close to their population.
COMMUNES = (
    ("Bordeaux", "33000", 26),
    ("Mérignac", "33700", 7),
    ("Pessac", "33600", 6),
    ("Talence", "33400", 4),
    ("Villenave-d'Ornon", "33140", 3),
    ("Bègles", "33130", 3),
    ("Saint-Médard-en-Jalles", "33160", 3),
    ("Lormont", "33310", 3),
    ("Cenon", "33150", 3),
    ("Floirac", "33270", 2),
    ("Eysines", "33320", 2),
    ("Le Bouscat", "33110", 2),
    ("Gradignan", "33170", 2),
    ("Libourne", "33500", 3),
    ("Bruges", "33520", 2),
    ("Blanquefort", "33290", 2),
    ("Ambarès-et-Lagrave", "33440", 2),
    ("Arcachon", "33120", 1),
    ("Langon", "33210", 1),
    ("Lesparre-Médoc", "33340", 1),
    ("Coutras", "33230", 1),
    ("Sainte-Foy-la-Grande", "33220", 1),
)

CONTACT_SUMMARIES = (
    "Premier entretien : point sur la situation et les attentes du ménage.",
    "Point sur les démarches CAF, dossier APL complété ensemble.",
    "Visite du logement avec le ménage, état satisfaisant.",
    "Appel du bailleur au sujet de l'impayé de loyer, rendez-vous fixé.",
    "Aide à la constitution de la demande de logement social (numéro unique).",
    "Accompagnement à l'audience au tribunal judiciaire.",
    "Entretien budgétaire : plan d'apurement proposé au bailleur.",
    "Relance de la demande FSL accès, pièces manquantes transmises.",
    "Le ménage n'est pas venu au rendez-vous, nouveau rendez-vous proposé.",
    "Visite à domicile : installation dans le logement, ouverture des compteurs.",
    "Point sur l'ouverture des droits RSA et la complémentaire santé.",
    "Courrier au SIAO pour actualiser la demande d'hébergement.",
)
PRIVATE_NOTES = (
    "Fragilité psychologique évoquée, à aborder avec prudence.",
    "Tensions dans le couple, vigilance.",
    "Souhaite que l'ex-conjoint ne soit pas informé de la nouvelle adresse.",
)


@dataclass(frozen=True)
class Pools:
    last_names: list[str]
    female_first_names: list[str]
    male_first_names: list[str]
    streets: list[str]


def draw_pools(seed: int, size: int = 1500) -> Pools:
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    return Pools(
        last_names=[fake.last_name() for _ in range(size)],
        female_first_names=[fake.first_name_female() for _ in range(size // 2)],
        male_first_names=[fake.first_name_male() for _ in range(size // 2)],
        streets=[fake.street_address() for _ in range(size * 2)],
    )


def pick_commune(rng: random.Random) -> tuple[str, str]:
    name, code, _weight = rng.choices(COMMUNES, weights=[c[2] for c in COMMUNES])[0]
    return name, code


def phone_number(rng: random.Random) -> str:
    digits = [rng.choice("67")] + [str(rng.randint(0, 9)) for _ in range(8)]
    number = "0" + "".join(digits)
    return " ".join(number[i : i + 2] for i in range(0, 10, 2))
