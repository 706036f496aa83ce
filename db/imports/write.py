"""The confirmed import: one transaction, all or nothing.

The new records get their ids from their sequences in one draw per table, their links are
resolved, and each table is inserted at once from a frame, with one audit row per record
naming the import; the records an earlier import brought in are updated one by one at
their version; the import is logged with its file, its hash, its author, its counts and its
duration. An error, a stop or a crash before the commit leaves the database as it was.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from contextlib import contextmanager, suppress

import duckdb
import polars as pl

from db import catalog, clock
from db.audit import compute_diff, write_audit
from db.errors import PermissionDeniedError
from db.households.records import HOUSEHOLD
from db.households.search import refresh_search_keys_of
from db.households.spans import rebuild_spans_of
from db.identifiers import allowed
from db.imports.plan import ImportDone, ImportPlan, ImportRefused
from db.imports.work import Change, Link, New, Work
from db.records import stamped, update
from db.rules import Actor, can_import

# Parents before children: the foreign keys are checked at each insert.
TABLE_ORDER = (
    "household",
    "person",
    "resource",
    "contact",
    "household_status_event",
    "housing_situation_event",
    "support_measure",
    "eviction_procedure",
    "eviction_stage",
    "debt_plan",
    "mediation",
    "fsl_application",
    "support_action",
    "owner",
    "dwelling",
    "lease",
    "capture_lead",
    "capture_stage_event",
)
ACTION = "import"


def run_import(database, actor: Actor, plan: ImportPlan, progress=None) -> ImportDone:
    """Write what `plan` found to write (its refused rows are left out)."""
    if not can_import(actor):
        raise PermissionDeniedError("Vous n'avez pas le droit d'importer un fichier.")
    if not plan.writable:
        raise ImportRefused("Rien à importer : aucune ligne à créer ni à mettre à jour.")
    started = time.perf_counter()
    report = progress or (lambda *_: None)

    def work(cur) -> int:
        import_id = log_import(cur, actor, plan)
        write_work(cur, actor, plan.work, import_id, report)
        seconds = round(time.perf_counter() - started, 3)
        cur.execute(
            "UPDATE import_log SET seconds = $seconds WHERE id = $id",
            {"seconds": seconds, "id": import_id},
        )
        return import_id

    import_id = database.run_transaction(work)
    return ImportDone(import_id, plan.counts, time.perf_counter() - started)


def log_import(cur, actor: Actor, plan: ImportPlan) -> int:
    totals = {
        name: sum(getattr(c, name) for c in plan.counts)
        for name in ("created", "updated", "unchanged", "refused")
    }
    counts = {c.sheet: [c.created, c.updated, c.unchanged, c.refused] for c in plan.counts}
    row = {"at": clock.now(), "username": actor.username, "file": plan.file_name[:300]}
    row |= {"hash": plan.file_hash, "counts": json.dumps(counts, ensure_ascii=False), **totals}
    return cur.execute(
        "INSERT INTO import_log (started_at, username, file_name, file_hash, created, updated,"
        " unchanged, refused, counts) VALUES ($at, $username, $file, $hash, $created,"
        " $updated, $unchanged, $refused, $counts) RETURNING id",
        row,
    ).fetchone()[0]


def write_work(cur, actor: Actor, work: Work, import_id: int, report) -> None:
    ids = allocate_ids(cur, work.news)
    number_households(cur, work.news)
    by_table = defaultdict(list)
    for new in work.news:
        by_table[new.kind.table].append(new)
    tables = [t for t in TABLE_ORDER if t in by_table]
    audit = []
    for done, table in enumerate(tables, start=1):
        report(done - 1, len(tables) + 2, f"Écriture : {catalog.ENTITY[table]}")
        audit += insert_table(cur, actor, by_table[table], ids, import_id)
    report(len(tables), len(tables) + 2, "Journal des modifications")
    insert_frame(cur, "audit_log", audit)
    for change in work.changes:
        # A record brought in earlier may now name one of this file (a new owner).
        change.changes = {k: resolve(v, ids) for k, v in change.changes.items()}
        apply_change(cur, actor, change, import_id)
    keep_refs(cur, work, ids, import_id)
    households = sorted({resolve(h, ids) for h in work.households})
    report(len(tables) + 1, len(tables) + 2, "Périodes de suivi et recherche")
    rebuild_spans_of(cur, households)
    refresh_search_keys_of(cur, households)
    report(len(tables) + 2, len(tables) + 2, "Terminé")


def allocate_ids(cur, news: list[New]) -> dict[tuple, int]:
    """An id for every new record, drawn from its table's sequence, one draw per table."""
    ids: dict[tuple, int] = {}
    by_table = defaultdict(list)
    for new in news:
        by_table[new.kind.table].append(new)
    for table, rows in by_table.items():
        sequence = allowed(table, TABLE_ORDER, "table") + "_id_seq"
        drawn = cur.execute(
            "SELECT nextval('" + sequence + "') FROM range($n)", {"n": len(rows)}
        ).fetchall()
        for new, (new_id,) in zip(rows, drawn, strict=True):
            new.values[new.kind.key] = new_id
            if new.key is not None:
                ids[new.key] = new_id
    return ids


def number_households(cur, news: list[New]) -> None:
    """Each new household's file number in its intake year's series, in date order."""
    by_year = defaultdict(list)
    for new in news:
        if new.kind is HOUSEHOLD and not new.values.get("file_number"):
            by_year[new.values["opened_on"].year].append(new)
    for year, households in sorted(by_year.items()):
        households.sort(key=lambda n: (n.values["opened_on"], n.values["id"]))
        cur.execute("INSERT OR IGNORE INTO file_counter VALUES ($year, 0)", {"year": year})
        last = cur.execute(
            "UPDATE file_counter SET last_number = last_number + $n WHERE year = $year"
            " RETURNING last_number",
            {"n": len(households), "year": year},
        ).fetchone()[0]
        first = last - len(households) + 1
        for number, new in enumerate(households, start=first):
            new.values["file_number"] = f"{year}-{number:04d}"


def resolve(value, ids: dict[tuple, int]):
    return ids[value.key] if isinstance(value, Link) else value


def insert_table(cur, actor: Actor, news: list[New], ids, import_id: int) -> list[dict]:
    """Insert one table's new rows at once; their audit rows, to insert after."""
    kind = news[0].kind
    stamps = stamped(actor, kind.created_stamps())
    now = clock.now()
    rows, audit = [], []
    for new in news:
        values = {k: resolve(v, ids) for k, v in new.values.items()}
        rows.append({**values, **stamps})
        shown = {**values, **stamps} if kind.audit_stamps else values
        diff = compute_diff(None, {k: v for k, v in shown.items() if k != kind.key})
        diff["import"] = [None, import_id]
        audit.append(
            {
                "occurred_at": now,
                "username": actor.username,
                "action": ACTION,
                "entity": kind.table,
                "entity_id": str(values[kind.key]),
                "household_id": resolve(new.household, ids),
                "diff": json.dumps(diff),
            }
        )
    for column in rows[0]:
        allowed(column, kind.columns | kind.fixed | set(stamps) | {kind.key}, "colonne")
    insert_frame(cur, kind.table, rows)
    return audit


def insert_frame(cur, table: str, rows: list[dict]) -> None:
    """One INSERT of every row, through an Arrow frame (names from declarations only)."""
    if not rows:
        return
    frame = pl.DataFrame(rows, infer_schema_length=None).to_arrow()
    columns = ", ".join(frame.column_names)
    with registered(cur, "import_rows", frame):
        cur.execute(
            "INSERT INTO " + table + " (" + columns + ") SELECT " + columns + " FROM import_rows"
        )


@contextmanager
def registered(cur, name: str, frame):
    """`frame` readable as `name` for the block. After a failed statement DuckDB refuses
    even the unregister (« transaction is aborted »): that refusal is not let to hide the
    failure itself, which is what the rollback and the person must see."""
    cur.register(name, frame)
    try:
        yield
    except BaseException:
        with suppress(duckdb.Error):
            cur.unregister(name)
        raise
    cur.unregister(name)


def apply_change(cur, actor: Actor, change: Change, import_id: int) -> None:
    current = change.load(cur)
    moved = {k: v for k, v in change.changes.items() if current.get(k) != v}
    if not moved:
        return
    after = update(cur, actor, change.kind, current, moved)
    diff = compute_diff(current, after)
    diff["import"] = [None, import_id]
    entity_id = current[change.kind.key]
    write_audit(cur, actor.username, ACTION, change.kind.table, entity_id, diff, change.household)


def keep_refs(cur, work: Work, ids, import_id: int) -> None:
    rows = [
        {"sheet": r.sheet, "ref": r.ref, "entity_id": resolve(r.target, ids)}
        | {"row_hash": r.row_hash, "import_id": import_id}
        for r in work.refs
    ]
    if not rows:
        return
    frame = pl.DataFrame(rows).to_arrow()
    with registered(cur, "import_refs", frame):
        cur.execute(
            "INSERT OR REPLACE INTO import_ref (sheet, ref, entity_id, row_hash, import_id)"
            " SELECT sheet, ref, entity_id, row_hash, import_id FROM import_refs"
        )
