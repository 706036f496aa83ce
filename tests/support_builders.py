"""Records of support work for the tests, built through the writes (db/support/writes.py
and the intake), on a fixed day: 15/06/2026."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from db import clock
from db.demo import generate as demo
from db.households import writes as households
from db.households.models import IntakeIn
from db.support import writes
from db.support.models import (
    ActionIn,
    DebtPlanIn,
    FslIn,
    MeasureEndIn,
    MeasureIn,
    MediationIn,
    ProcedureCloseIn,
    ProcedureIn,
)
from tests.conftest import intake_fields

TODAY = date(2026, 6, 15)


def team_on_the_day(database, monkeypatch):
    """The empty database with the demo accounts (social, mlefevre, kbenali, direction…),
    on 15/06/2026: each test file's `team` fixture."""
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 6, 15, 10, 0))
    demo.create_demo_accounts(database)
    return database


def household(database, admin, referent: str, last_name: str) -> tuple[int, str]:
    """A new household followed by `referent`: (id, file number)."""
    intake = IntakeIn(**intake_fields(last_name, referent=referent, consent_on=TODAY))
    created = households.create_intake(database, admin, intake)
    return created["id"], created["file_number"]


def measure(database, admin, hid, start, planned_end, kind="asll", ended=None):
    row = writes.add_measure(
        database, admin, hid, MeasureIn(kind=kind, start_on=start, planned_end_on=planned_end)
    )
    if ended is not None:
        end = MeasureEndIn(end_on=ended, end_reason="objectifs_atteints")
        row = writes.end_measure(database, admin, hid, row["id"], row["version"], end)
    return row


def procedure(database, admin, hid, opened, closed=None):
    row = writes.open_procedure(
        database,
        admin,
        hid,
        ProcedureIn(stage="commandement_payer", stage_on=opened, arrears="1 250,00"),
    )
    if closed is not None:
        close = ProcedureCloseIn(outcome="dette_soldee", closed_on=closed)
        row = writes.close_procedure(database, admin, hid, row["id"], row["version"], close)
    return row


def mediation(database, admin, hid, on, counterpart="huissier", outcome="accord"):
    fields = MediationIn(
        counterpart=counterpart, reason="impayes", mediation_on=on, outcome=outcome
    )
    return writes.add_mediation(database, admin, hid, fields)


def fsl(database, admin, hid, submitted=None, decided=None, kind="maintien", status=None):
    status = status or ("brouillon" if submitted is None else "deposee")
    fields = FslIn(
        kind=kind,
        form="subvention",
        amount_requested=Decimal("850.50"),
        status=status,
        submitted_on=submitted,
        decided_on=decided,
        amount_granted=Decimal("600") if status == "accordee" else None,
        refusal_reason="Hors barème" if status == "refusee" else None,
    )
    return writes.add_fsl(database, admin, hid, fields)


def debt_plan(database, admin, hid, start, months=12, creditor="Bailleur"):
    fields = DebtPlanIn(
        creditor=creditor, total_debt="1200", instalment="100", months=months, start_on=start
    )
    return writes.add_debt_plan(database, admin, hid, fields)


def action(database, admin, hid, kind, on):
    return writes.add_action(database, admin, hid, ActionIn(kind=kind, action_on=on))


def one_of_each(database, admin, hid) -> None:
    """A measure, a procedure, a mediation, an FSL application and a debt plan, all in
    the spring of 2026."""
    measure(database, admin, hid, date(2026, 2, 1), date(2026, 8, 1))
    procedure(database, admin, hid, date(2026, 3, 1))
    mediation(database, admin, hid, date(2026, 4, 10))
    fsl(database, admin, hid, submitted=date(2026, 5, 2))
    debt_plan(database, admin, hid, date(2026, 3, 1))


# The page: its tabs, in their order.
PAGE = "pages/support.py"
TABS = [
    "À traiter",
    "Mesures",
    "Procédures",
    "Médiations",
    "FSL",
    "Plans d'apurement",
    "Actions et solutions trouvées",
]


def tab(at, label: str):
    return at.tabs[TABS.index(label)]


def open_tab(at, label: str):
    """The page again with one tab open: bound to the address (?onglet=…), the tabs run
    lazily, so only the open tab's body is drawn."""
    at.query_params["onglet"] = label
    return at.run()
