"""The French labels of the codes an indicator returns: the fixed catalogues of
db/catalog.py, and the lists kept as data (measure kinds, people's names)."""

from __future__ import annotations

import polars as pl

from db import catalog
from ui import cached

# Names a KPI header's `labels:` line may use besides the catalogue's dicts.
FROM_DATABASE = ("MEASURE_KIND", "USER")
# A filter's name as its field says it, and the catalogue its codes are read in.
FILTER_NAMES = {
    "commune": "Commune",
    "programme": "Dispositif",
    "measure_kind": "Type de mesure",
    "worker": "Référent·e",
}
FILTER_LABELS = {"programme": "PROGRAMME", "measure_kind": "MEASURE_KIND", "worker": "USER"}


def catalogue_names() -> set[str]:
    fixed = {name for name, value in vars(catalog).items() if isinstance(value, dict)}
    return {name for name in fixed if name.isupper()} | set(FROM_DATABASE)


def label_map(database, name: str) -> dict[str, str]:
    if name == "MEASURE_KIND":
        rows = cached.run(database, "support/catalog", list="measure_kind")
        return dict(rows.select("code", "label").iter_rows())
    if name == "USER":
        return dict(cached.run(database, "users/names").iter_rows())
    return getattr(catalog, name)


def with_labels(database, frame: pl.DataFrame, labels: dict[str, str]) -> pl.DataFrame:
    """`frame` with each labelled column's codes replaced by their French label (a code
    without a label is kept as it is; a missing value reads « Non renseigné »)."""
    for column, name in labels.items():
        if column not in frame.columns:
            continue
        mapping = label_map(database, name)
        frame = frame.with_columns(
            pl.col(column)
            .cast(pl.String)
            .replace_strict(mapping, default=pl.col(column).cast(pl.String), return_dtype=pl.String)
            .fill_null("Non renseigné")
        )
    return frame


def filter_texts(database, filters) -> tuple[str, ...]:
    """« Commune : Talence », « Référent·e : Marion Lefèvre »: each active filter of a
    `queries.kpi.Filters`, named as its field and with its label, not its code."""
    texts = []
    for name in filters.active():
        code = getattr(filters, name)
        if name in FILTER_LABELS:
            code = label_map(database, FILTER_LABELS[name]).get(code, code)
        texts.append(f"{FILTER_NAMES[name]} : {code}")
    return tuple(texts)
