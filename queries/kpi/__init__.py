"""The director's indicators: one SQL file each under queries/kpi/, assembled into the
dashboard and the activity report from their headers, so a new indicator is a new file.

A KPI file starts like every query (`-- name: kpi/<name>`, then one line saying exactly
what it counts, in French), then these header lines:

    -- title: Ménages accueillis          the tile's title
    -- section: Ménages                   the dashboard's section (SECTIONS, in order)
    -- order: 10                          its place in the section
    -- figure: sum households             the card's value: sum|first|max <column>, or rows
    -- format: count                      count | percent (a 0–1 share) | euros | days
    -- chart: bar x=prescriber y=households [color=outcome]   (bar, hbar, line, pie,
                                          funnel, or none for a card alone)
    -- columns: prescriber=Prescripteur, households=Ménages   French names of its columns
    -- labels: prescriber=PRESCRIBER      codes shown as labels (LABEL_SOURCES)
    -- drill: kpi_drill/households_welcomed    optional: who or what is behind the figure

Parameters, all bound: $start and $end (the period, both days included), $since (the
cumulative tiles), and the filters $commune, $programme, $measure_kind, $worker (NULL:
all). A file uses those that make sense for it; the dashboard says which filters a tile
does not follow. The SQL keeps to a portable subset (explicit GROUP BY, CAST(… AS DOUBLE)
before a division, no DuckDB-only function where a standard one exists) so the benchmark
runs the same files on SQLite.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

import polars as pl

import queries

SECTIONS = ("Ménages", "Accompagnement", "Logements", "Captation", "Équipe")
FILTERS = ("commune", "programme", "measure_kind", "worker")
FORMATS = ("count", "percent", "euros", "days")
CHARTS = ("bar", "hbar", "line", "pie", "funnel", "none")
AGGREGATES = ("sum", "first", "max", "rows")
REQUIRED = ("title", "section", "order", "figure", "format", "chart", "columns")
_PAIR_END = re.compile(r",\s*(?=[a-z_]+\s*=)")
_HEADER_LINE = re.compile(r"--\s*([a-z_]+):\s*(.*)")

# A function that runs a named query with its parameters into a DataFrame: queries.run
# bound to a database, or the dashboard's cached reader.
Runner = Callable[..., pl.DataFrame]


class KpiHeaderError(ValueError):
    """A KPI file whose header lacks a line or holds a value the dashboard cannot use."""


@dataclass(frozen=True)
class Chart:
    kind: str
    x: str | None = None
    y: str | None = None
    color: str | None = None


@dataclass(frozen=True)
class Kpi:
    name: str  # kpi/<file>
    title: str
    description: str
    section: str
    order: int
    aggregate: str
    figure_column: str | None
    format: str
    chart: Chart
    columns: dict[str, str]
    labels: dict[str, str]
    drill: str | None
    sql: str
    params: frozenset[str]

    @property
    def filters(self) -> tuple[str, ...]:
        """The filters this indicator follows: those its SQL reads."""
        return tuple(name for name in FILTERS if name in self.params)

    @property
    def key(self) -> str:
        return self.name.split("/", 1)[1]


def _pairs(text: str) -> dict[str, str]:
    """`a=Alpha, b=Bêta, tous` -> {"a": "Alpha", "b": "Bêta, tous"}: a comma ends a pair
    only before the next `name=`."""
    pairs = {}
    for item in filter(None, (part.strip() for part in _PAIR_END.split(text))):
        key, sep, value = item.partition("=")
        if not sep:
            raise KpiHeaderError(f"« {item} » : nom=valeur attendu")
        pairs[key.strip()] = value.strip()
    return pairs


def _chart(text: str) -> Chart:
    kind, *rest = text.split()
    if kind not in CHARTS:
        raise KpiHeaderError(f"graphique « {kind} » inconnu ({', '.join(CHARTS)})")
    options = _pairs(",".join(rest))
    unknown = options.keys() - {"x", "y", "color"}
    if unknown:
        raise KpiHeaderError(f"graphique : options inconnues {sorted(unknown)}")
    if kind != "none" and not {"x", "y"} <= options.keys():
        raise KpiHeaderError("graphique : x= et y= sont attendus")
    return Chart(kind, options.get("x"), options.get("y"), options.get("color"))


def header_of(sql: str) -> dict[str, str]:
    """The `-- key: value` lines after the name and the description."""
    header = {}
    for line in sql.splitlines()[2:]:
        match = _HEADER_LINE.fullmatch(line.strip())
        if not line.startswith("--"):
            break
        if match:
            header[match.group(1)] = match.group(2).strip()
    return header


def parse_kpi(query: queries.Query) -> Kpi:
    header = header_of(query.sql)
    missing = [key for key in REQUIRED if not header.get(key)]
    if missing:
        raise KpiHeaderError(f"{query.name} : en-tête incomplet, il manque {missing}")
    aggregate, _, column = header["figure"].partition(" ")
    if aggregate not in AGGREGATES or (aggregate != "rows") != bool(column.strip()):
        raise KpiHeaderError(f"{query.name} : figure « {header['figure']} » illisible")
    if header["format"] not in FORMATS or header["section"] not in SECTIONS:
        raise KpiHeaderError(f"{query.name} : format ou section inconnus")
    if len(query.description) < 20:
        raise KpiHeaderError(f"{query.name} : la description doit dire ce qui est compté")
    return Kpi(
        name=query.name,
        title=header["title"],
        description=query.description,
        section=header["section"],
        order=int(header["order"]),
        aggregate=aggregate,
        figure_column=column.strip() or None,
        format=header["format"],
        chart=_chart(header["chart"]),
        columns=_pairs(header["columns"]),
        labels=_pairs(header.get("labels", "")),
        drill=header.get("drill") or None,
        sql=query.sql,
        params=query.params,
    )


@cache
def registry() -> tuple[Kpi, ...]:
    """Every indicator, in the dashboard's order: section, then `order`."""
    kpis = [parse_kpi(q) for name, q in queries.all_queries().items() if name.startswith("kpi/")]
    return tuple(sorted(kpis, key=lambda k: (SECTIONS.index(k.section), k.order, k.name)))


def by_key(key: str) -> Kpi:
    return next(kpi for kpi in registry() if kpi.key == key)


@dataclass(frozen=True)
class Filters:
    commune: str | None = None
    programme: str | None = None
    measure_kind: str | None = None
    worker: str | None = None

    def active(self) -> tuple[str, ...]:
        return tuple(name for name in FILTERS if getattr(self, name) is not None)

    def as_params(self) -> dict:
        return {name: getattr(self, name) for name in FILTERS}


def run_kpi(
    run: Runner, kpi: Kpi, windows: list[tuple[date, date]], filters: Filters, since: date
) -> pl.DataFrame:
    """The indicator's rows over one window, or averaged over several (the « moyenne sur
    3 ans »: each numeric value is the mean of its value in each year, a missing row
    counting as 0 for counts and amounts, ignored for shares and days)."""
    frames = [
        run(kpi.name, start=start, end=end, since=since, **filters.as_params())
        for start, end in windows
    ]
    if len(frames) == 1:
        return frames[0]
    return average(frames, kpi)


def average(frames: list[pl.DataFrame], kpi: Kpi) -> pl.DataFrame:
    keys = [name for name, dtype in frames[0].schema.items() if not dtype.is_numeric()]
    values = [name for name in frames[0].columns if name not in keys]
    stacked = pl.concat(frames, how="vertical_relaxed")
    if not keys:
        return stacked.select(pl.col(values).mean())
    fill = kpi.format in ("count", "euros")
    means = [(pl.col(v).sum() / len(frames)) if fill else pl.col(v).mean() for v in values]
    return stacked.group_by(keys, maintain_order=True).agg(means)


def figure(kpi: Kpi, frame: pl.DataFrame) -> float | None:
    """The card's value: None when the period holds nothing to compute it on."""
    if kpi.aggregate == "rows":
        return float(frame.height)
    if frame.height == 0:
        return None if kpi.aggregate != "sum" else 0.0
    column = frame[kpi.figure_column]
    value = {"sum": column.sum, "first": lambda: column[0], "max": column.max}[kpi.aggregate]()
    return None if value is None else float(value)


@dataclass(frozen=True)
class Result:
    """One indicator over a period: its rows, its card's value and the previous period's."""

    kpi: Kpi
    frame: pl.DataFrame
    value: float | None
    previous: float | None

    @property
    def change(self) -> float | None:
        """The difference with the previous period (a share: in points), None if unknown."""
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


def compute(run: Runner, kpi: Kpi, period, filters: Filters, since: date) -> Result:
    """`period` is a periods.Period: its windows and those of the period before it."""
    frame = run_kpi(run, kpi, period.windows(), filters, since)
    before = run_kpi(run, kpi, period.previous().windows(), filters, since)
    return result(kpi, frame, before)


def result(kpi: Kpi, frame: pl.DataFrame, before: pl.DataFrame) -> Result:
    """The indicator from its rows on the period (`frame`) and on the one before."""
    return Result(kpi, frame, figure(kpi, frame), figure(kpi, before))


def compute_all(run: Runner, period, filters: Filters, since: date) -> list[Result]:
    return [compute(run, kpi, period, filters, since) for kpi in registry()]
