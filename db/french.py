"""French formats for the messages that writes give: 21/11/2026, 1 234,50 €, 12 345,
70,8 %.

The screens, the Excel workbooks, the PDFs and the command line use the same functions
(ui/format.py re-exports them), so a refusal, a table and a report say a date, an amount
or a share the same way.
"""

from __future__ import annotations

import errno
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

import polars as pl

from db import catalog

# What a person typed stays text in a workbook: xlsxwriter would otherwise write « =1+1 »
# as a formula and « http://… » as a link (its defaults), whoever calls write().
TEXT_STAYS_TEXT = {"strings_to_formulas": False, "strings_to_urls": False}
NBSP = "\u202f"  # narrow no-break space, the French thousands separator
MINUS = "\u2212"  # the minus sign of a signed figure (« −2,5 points »)
TENTH = Decimal("0.1")  # a share is shown to one decimal: 70,8 %, as Excel's « 0.0 % »


def fr_date(value: date | datetime | None) -> str:
    """21/11/2026; a year before 1000 on four digits too (strftime writes « 01/01/1 »)."""
    if value is None:
        return "—"
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def fr_datetime(value: datetime | None) -> str:
    if value is None:
        return "—"
    return f"{fr_date(value)} à {value.hour:02d}:{value.minute:02d}"


def fr_int(value: int) -> str:
    """12 345 with a narrow no-break space."""
    return f"{value:,}".replace(",", NBSP)


def fr_count(value: int, singular: str, plural: str | None = None) -> str:
    """« 0 ligne », « 1 ligne », « 27 824 lignes »: in French, below two is singular."""
    word = singular if abs(value) < 2 else (plural or f"{singular}s")
    return f"{fr_int(value)} {word}"


def fr_amount(value: float | Decimal | None) -> str:
    """1 234,50 € (an amount is never rounded through a float: Decimal keeps cents)."""
    if value is None:
        return "—"
    text = f"{Decimal(str(value)):,.2f}".replace(",", NBSP).replace(".", ",")
    return f"{text}{NBSP}€"


def percent_figure(share: float | Decimal) -> Decimal:
    """A share (0.708 for 70,8 %) in percent, to one decimal, a half rounded away from
    zero from its decimal writing, as Excel's « 0.0 % » shows the same number."""
    return (Decimal(str(share)) * 100).quantize(TENTH, rounding=ROUND_HALF_UP)


def _tenths(number: Decimal) -> str:
    """1 234,5 ; −2,5 ; never « −0,0 »."""
    sign = MINUS if number < 0 else ""
    return sign + f"{abs(number):,.1f}".replace(",", NBSP).replace(".", ",")


def fr_percent(share: float | Decimal | None) -> str:
    """« 70,8 % »: every share, on screen, in a workbook's text and in a PDF, with one
    decimal (« 71,0 % », never « 71 % » beside « 70,8 % »)."""
    if share is None:
        return "—"
    return f"{_tenths(percent_figure(share))}{NBSP}%"


def points_between(share: float | Decimal, previous: float | Decimal) -> Decimal:
    """The difference, in points, between two shares as they are shown (each rounded
    first): « 70,8 % » against « 70,7 % » is always « +0,1 point »."""
    return percent_figure(share) - percent_figure(previous)


def fr_points(points: Decimal | float) -> str:
    """« +0,1 point », « −2,5 points »: a difference of shares, signed, one decimal."""
    points = Decimal(str(points)).quantize(TENTH, rounding=ROUND_HALF_UP)
    sign = "+" if points > 0 else ""
    word = "point" if abs(points) < 2 else "points"
    return f"{sign}{_tenths(points)}{NBSP}{word}"


def users_table(accounts: pl.DataFrame) -> pl.DataFrame:
    """The accounts with French headers and labels, as the « Comptes » screen and
    `cli.py user list` show them."""
    return accounts.select(
        pl.col("username").alias("Identifiant"),
        pl.col("display_name").alias("Nom"),
        pl.col("email").alias("E-mail"),
        pl.col("roles")
        .list.eval(pl.element().replace(catalog.ROLE))
        .list.join(", ")
        .alias("Rôles"),
        pl.when(pl.col("active")).then(pl.lit("oui")).otherwise(pl.lit("non")).alias("Actif"),
        pl.col("locked_until").dt.strftime("%d/%m/%Y %H:%M").alias("Verrouillé jusqu'à"),
    ).with_columns(pl.col(pl.String).fill_null("—"))


def plain_table(headers: list[str], rows: list[list[str]]) -> str:
    """Columns aligned with spaces, one line per row, whatever the terminal's width."""
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = [headers, ["-" * width for width in widths], *rows]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def os_reason(exc: OSError) -> str:
    """Why the system refused a file, in French (« droits insuffisants », « disque plein »)."""
    return {
        errno.EACCES: "droits insuffisants",
        errno.EPERM: "droits insuffisants",
        errno.ENOENT: "ce dossier n'existe pas ou n'accepte pas de fichier",
        errno.EROFS: "disque en lecture seule",
        errno.ENOSPC: "disque plein",
    }.get(exc.errno, f"erreur système n° {exc.errno}")
