"""A new database file filled from the app's database, whole or not at all: the analytics
copy (db/analytics/build.py) and the backups (db/backup/take.py) are both written so."""

from __future__ import annotations

from pathlib import Path

from db.analytics.pseudonym import literal, statement


def fill_new_file(cur, path: Path, alias: str, fill):
    """Attach the file `path` as `alias` (an identifier already quoted), run `fill(cur)` in
    one transaction, checkpoint the file, detach it; what `fill` returned."""
    cur.execute(statement("ATTACH {p} AS {a}", p=literal(str(path)), a=alias))
    try:
        cur.begin()
        try:
            result = fill(cur)
            cur.commit()
        except BaseException:
            cur.rollback()
            raise
        cur.execute(statement("CHECKPOINT {a}", a=alias))
    finally:
        cur.execute(statement("DETACH {a}", a=alias))
    return result
