"""Every sheet an import knows, in the order they are checked: a household before what
belongs to it, an owner before its dwellings, a dwelling before its leases."""

from __future__ import annotations

from db.imports import households, housing, support
from db.imports.context import Context
from db.imports.sheets import SheetRows

SHEETS = (*households.SHEETS, *support.SHEETS, *housing.SHEETS)
PLANNERS = {**households.PLANNERS, **support.PLANNERS, **housing.PLANNERS}


def plan_sheet(ctx: Context, rows: SheetRows) -> None:
    PLANNERS[rows.sheet.key](ctx, rows)
