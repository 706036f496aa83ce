"""The child process of tests/test_faults_crash.py: writes in a loop until it is killed.

It opens the database through the app's own code (db.connection.open_database) and saves,
through the same functions as the forms, over and over: an intake (a household, its head,
a second member, a resource, a first contact), a contact, a change of the household's
general information, a capture lead moved to « Convention signée » and converted into
its owner, dwelling and mandate. After each write is committed it prints one line,
flushed at once, that the parent holds as acknowledged:

    intake <household id> <file number>
    contact <household id> <contact id>
    edit <household id> <version>
    lead <lead id> <version>
    converted <lead id> <dwelling id> <lease id>

Usage: python tests/faults_writer.py <database>. Importing the app takes seconds on a
loaded machine, so this process imports it once, says « importé », then for each line
« go <round> » on its standard input forks a writer and, once the parent has killed that
writer, says « mort <status> » on a line of its own. The writer opens the database (the
parent has closed it), says « prêt <pid> », and writes until killed. Each of its lines
ends with « ok »: a line cut by the kill has no end and is not acknowledged.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db.connection import open_database  # noqa: E402
from db.households import writes as households  # noqa: E402
from db.households.models import ContactIn, HouseholdEdit, IntakeIn  # noqa: E402
from db.housing import capture  # noqa: E402
from db.housing.models import ConversionIn, DwellingIn, LeadIn, MoveIn, OwnerIn  # noqa: E402
from db.rules import Actor  # noqa: E402

ACTOR = Actor.system("ecrivain")
DAY = date(2026, 1, 5)
MOST = 10_000  # a bound on the loop: the parent kills the child long before


def say(*words) -> None:
    """One acknowledged write: a whole line, flushed before the next write begins."""
    sys.stdout.write(" ".join(str(w) for w in (*words, "ok")) + "\n")
    sys.stdout.flush()


def intake(tag: str) -> IntakeIn:
    return IntakeIn.model_validate(
        {
            "members": [
                {"role": "chef_menage", "last_name": f"Crash{tag}", "first_name": "Léa"},
                {"role": "enfant", "last_name": f"Crash{tag}", "first_name": "Noé"},
            ],
            "resources": [{"member_index": 0, "kind": "rsa", "monthly_amount": "607,75"}],
            "postal_code": "33000",
            "commune": "Bordeaux",
            "family_type": "monoparentale",
            "housing_situation": "heberge_tiers",
            "prescriber": "ccas",
            "request_type": "acces",
            "consent_on": DAY,
            "first_note": f"Accueil {tag}.",
        }
    )


def edit_of(current: dict, tag: str) -> HouseholdEdit:
    fields = {k: current[k] for k in HouseholdEdit.model_fields}
    return HouseholdEdit.model_validate({**fields, "commune": f"Talence {tag}"})


def lead(tag: str) -> LeadIn:
    return LeadIn(
        address=f"{tag} cours Victor Hugo",
        commune="Talence",
        source="annonce",
        owner_name=f"Mme Perrin {tag}",
        owner_kind="personne_privee",
    )


def conversion(tag: str) -> ConversionIn:
    dwelling = DwellingIn(
        address=f"{tag} cours Victor Hugo",
        commune="Talence",
        postal_code="33400",
        typology="T2",
        rent="520,00",
        programme="sous_location",
        entered_on=DAY,
    )
    return ConversionIn(
        owner=OwnerIn(kind="personne_privee", name=f"Mme Perrin {tag}"),
        dwelling=dwelling,
        lease={"kind": "mandat_gestion", "start_on": DAY},
    )


def one_round(database, tag: str) -> None:
    created = households.create_intake(database, ACTOR, intake(tag))
    hid = created["id"]
    say("intake", hid, created["file_number"])
    note = ContactIn(contact_on=DAY, channel="telephone", summary=f"Appel {tag}")
    say("contact", hid, households.add_contact(database, ACTOR, hid, note)["id"])
    with database.reading() as cur:
        current = households.load_household(cur, hid)
    edited = households.update_household(
        database, ACTOR, hid, current["version"], edit_of(current, tag)
    )
    say("edit", hid, edited["version"])
    added = capture.add_lead(database, ACTOR, lead(tag), DAY)
    say("lead", added["id"], added["version"])
    move = MoveIn(stage="convention_signee", moved_on=DAY)
    moved = capture.move_lead(database, ACTOR, added["id"], added["version"], move)
    say("lead", moved["id"], moved["version"])
    done = capture.convert_lead(database, ACTOR, moved["id"], moved["version"], conversion(tag))
    say("converted", moved["id"], done["dwelling"]["id"], done["lease"]["id"])


def write_until_killed(path: str, round_number: str) -> None:
    database = open_database(path)
    say("prêt", os.getpid())
    for n in range(MOST):
        one_round(database, f"{round_number}-{n}")


def writer(path: str, round_number: str) -> None:
    """The forked writer: never returns into the loop of its parent."""
    try:
        write_until_killed(path, round_number)
    finally:
        os._exit(1)  # the parent kills it long before: an end is a failure


def main(path: str) -> None:
    say("importé")
    for line in sys.stdin:
        _go, round_number = line.split()
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            writer(path, round_number)
        _pid, status = os.waitpid(pid, 0)
        sys.stdout.write(f"\nmort {status}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1])
