"""Vectorised drawing for the demo's support records: numpy arrays, one per column.

Every record is drawn for a whole chunk of households at once (no Python loop over rows),
from one numpy generator seeded by the demo's seed and the chunk's number, so that the
same seed and size always give the same records. Dates are numpy datetime64[D] arrays,
times datetime64[us] (what polars takes); NaT is an empty date.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

NAT = np.datetime64("NaT", "D")
SECOND = np.timedelta64(1, "s")


@dataclass
class Households:
    """The chunk's households, as the support records need them."""

    id: np.ndarray  # int64
    opened: np.ndarray  # datetime64[D]
    last: np.ndarray  # the window's last day: the closing day, or today for an open file
    active: np.ndarray  # bool: status « actif »
    maintien: np.ndarray  # bool: the request is about keeping a home (a tenant)
    social: np.ndarray  # bool: tenant of a social landlord
    close_reason: np.ndarray  # str ("" when open)
    author: np.ndarray  # str: the referent, or admin

    @property
    def size(self) -> int:
        return self.id.size


@dataclass
class Draw:
    """The generator and the clock of one chunk."""

    rng: np.random.Generator
    today: np.datetime64  # datetime64[D]
    now: np.datetime64  # datetime64[us]

    def between(self, first: np.ndarray, last: np.ndarray) -> np.ndarray:
        """A day from `first` to `last`, both included (`first` when last < first)."""
        span = np.maximum((last - first).astype(np.int64), 0)
        return first + (self.rng.random(first.size) * (span + 1)).astype(np.int64)

    def days(self, fewest: int, most: int, size: int) -> np.ndarray:
        """Whole numbers of days from `fewest` to `most`, both included."""
        return self.rng.integers(fewest, most + 1, size)

    def chance(self, probability, size: int) -> np.ndarray:
        return self.rng.random(size) < probability

    def choose(self, weights: dict[str, float], size: int) -> np.ndarray:
        """Codes drawn with their weights (an object array of str)."""
        codes = np.array(list(weights), dtype=object)
        chances = np.array(list(weights.values()), dtype=float)
        return codes[self.rng.choice(codes.size, size, p=chances / chances.sum())]

    def pick(self, pool, size: int) -> np.ndarray:
        """Values drawn evenly from a pool."""
        return np.array(pool, dtype=object)[self.rng.integers(0, len(pool), size)]

    def stamp(self, day: np.ndarray) -> np.ndarray:
        """A working-hours time on `day` (never after now): created_at, updated_at."""
        seconds = self.rng.integers(8 * 3600 + 1800, 18 * 3600, day.size)
        moment = day.astype("datetime64[us]") + seconds * SECOND
        return np.minimum(moment, self.now)

    def later(self, created: np.ndarray, day: np.ndarray) -> np.ndarray:
        """updated_at: a time on `day`, never before `created` (nor after now)."""
        return np.maximum(self.stamp(day), created)

    def rows(self, size: int, rate: float, eligible: np.ndarray, weight=None) -> np.ndarray:
        """Indexes of about `rate` × `size` households among the eligible ones, each eligible
        household drawn with a chance proportional to `weight` (default: all equal)."""
        weight = np.ones(size) if weight is None else np.asarray(weight, dtype=float)
        weight = np.where(eligible, weight, 0.0)
        total = weight.sum()
        if total == 0:
            return np.empty(0, dtype=np.int64)
        chance = np.minimum(weight * rate * size / total, 1.0)
        return np.flatnonzero(self.rng.random(size) < chance)


def add_months(day: np.ndarray, months) -> np.ndarray:
    """The same day `months` later, or that month's last day, as lifecycle.add_months and
    DuckDB's `+ to_months(…)` count (31/01 + 1 month: 28/02 or 29/02)."""
    month = day.astype("datetime64[M]")
    offset = day - month.astype("datetime64[D]")
    target = month + np.asarray(months, dtype=np.int64)
    last_day = (target + 1).astype("datetime64[D]") - 1
    return np.minimum(target.astype("datetime64[D]") + offset, last_day)


def month_of(day: np.ndarray) -> np.ndarray:
    """1 to 12."""
    return day.astype("datetime64[M]").astype(np.int64) % 12 + 1


def in_truce(day: np.ndarray) -> np.ndarray:
    """The winter truce, 1 November to 31 March (lifecycle.in_winter_truce)."""
    month = month_of(day)
    return (month >= 11) | (month <= 3)


def truce_end(day: np.ndarray) -> np.ndarray:
    """1 April after the truce that holds `day` (lifecycle.truce_end)."""
    year = day.astype("datetime64[Y]") + (month_of(day) >= 11)
    return (year.astype("datetime64[M]") + 3).astype("datetime64[D]")


def explode(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For `counts[i]` rows of parent i: each row's parent, and its rank (0, 1, …)."""
    counts = np.asarray(counts, dtype=np.int64)
    parent = np.repeat(np.arange(counts.size), counts)
    starts = np.cumsum(counts) - counts
    return parent, np.arange(parent.size) - starts[parent]


def ranks(parent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For rows sorted by parent: each row's rank within its parent and its parent's count."""
    first = np.searchsorted(parent, parent, side="left")
    last = np.searchsorted(parent, parent, side="right")
    return np.arange(parent.size) - first, last - first


def cents(amount: np.ndarray) -> np.ndarray:
    """Euros with two decimals, as the DECIMAL(12, 2) columns take them."""
    return np.round(np.asarray(amount, dtype=float), 2)


def frame(columns: dict[str, np.ndarray]) -> pl.DataFrame:
    """A polars frame; object arrays of str (None: empty) become text columns, NaN empty."""
    series = []
    for name, values in columns.items():
        if values.dtype == object:
            series.append(pl.Series(name, values.tolist(), dtype=pl.String))
        else:  # NaN is an empty amount
            series.append(pl.Series(name, values, nan_to_null=values.dtype.kind == "f"))
    return pl.DataFrame(series)
