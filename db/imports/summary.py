"""The French words of an import's report, one wording for the screen (« Administration ›
Import ») and the command line (`cli.py import`): the tables' headers and rows as text, the
ignored columns, the size refusal and the sentence that ends an import."""

from __future__ import annotations

import hashlib

from db.french import fr_count, fr_int
from db.imports.plan import (
    MAX_FILE_BYTES,
    MAX_FILE_WORDS,
    ImportDone,
    ImportPlan,
    ImportRefused,
    Refusal,
    SheetCount,
)

PLAN_HEADERS = ["Feuille", "À créer", "À mettre à jour", "Déjà présentes", "Refusées"]
DONE_HEADERS = ["Feuille", "Créées", "Mises à jour", "Inchangées", "Refusées"]
REFUSAL_HEADERS = ["Feuille", "Ligne", "Colonne", "Motif"]
TOTAL = "Total"
WHOLE_ROW = "(toute la ligne)"  # a refusal that names no column
ACCEPTED = "fichiers .xlsx (une feuille par sorte) ou .csv (séparateur « ; »)"


def refuse_if_too_big(name: str, size: int) -> None:
    """A file over the limit is refused before a byte of it is read."""
    if size > MAX_FILE_BYTES:
        raise ImportRefused(
            f"« {name} » dépasse la taille permise ({MAX_FILE_WORDS} par fichier) : "
            "découpez-le en plusieurs fichiers, par exemple une feuille par fichier CSV."
        )


def files_key(files: list[tuple[str, bytes]]) -> str:
    """One fingerprint of the files chosen together (names and contents): the screen keeps
    a dry run under it, and shows it only while the same files are chosen."""
    digest = hashlib.sha256()
    for name, data in files:
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def count_rows(counts: list[SheetCount]) -> list[list[str]]:
    """One row per sheet (created, updated, unchanged, refused), and a total when there are
    several sheets."""
    rows = [_count_row(c.sheet, c.created, c.updated, c.unchanged, c.refused) for c in counts]
    if len(counts) > 1:
        rows.append(_count_row(TOTAL, *_totals(counts)))
    return rows


_FIELDS = ("created", "updated", "unchanged", "refused")


def _count_row(sheet: str, *figures: int) -> list[str]:
    return [sheet, *(fr_int(figure) for figure in figures)]


def refusal_row(refusal: Refusal) -> list[str]:
    return [refusal.sheet, fr_int(refusal.line), refusal.column or WHOLE_ROW, refusal.reason]


def ignored_lines(plan: ImportPlan) -> list[str]:
    """« Ménages et membres : colonnes inconnues, ignorées : Couleur, Remarque 2 »."""
    return [
        f"{sheet} : colonnes inconnues, ignorées : {', '.join(columns)}"
        for sheet, columns in plan.ignored_columns.items()
        if columns
    ]


def plan_sentence(plan: ImportPlan) -> str:
    """The dry run in one line: what would be written, what is refused."""
    created, updated, unchanged, refused = _totals(plan.counts)
    return (
        f"{fr_int(created)} à créer, {fr_int(updated)} à mettre à jour, "
        f"{fr_count(unchanged, 'déjà présente')}, {fr_count(refused, 'refusée')}. "
        "Rien n'a encore été écrit."
    )


def _totals(counts: list[SheetCount]) -> list[int]:
    return [sum(getattr(c, f) for c in counts) for f in _FIELDS]


def fr_seconds(seconds: float) -> str:
    """12,3 s."""
    return f"{seconds:.1f}".replace(".", ",") + " s"


def done_sentence(done: ImportDone) -> str:
    """« Import n°12 terminé : 40 créées, 3 mises à jour, 2 inchangées, 1 refusée en
    12,3 s. »"""
    created, updated, unchanged, refused = _totals(done.counts)
    return (
        f"Import n°{done.import_id} terminé : {fr_count(created, 'créée')}, "
        f"{fr_count(updated, 'mise à jour', 'mises à jour')}, "
        f"{fr_count(unchanged, 'inchangée')}, {fr_count(refused, 'refusée')} "
        f"en {fr_seconds(done.seconds)}."
    )


def progress_words(done: int, total: int, what: str) -> str:
    """« Ménages et membres : 1 200 / 10 000 »."""
    return f"{what} : {fr_int(done)} / {fr_int(total)}" if total else what
