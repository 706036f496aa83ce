"""One cell of an imported spreadsheet to a value, with a French reason when it cannot be.

Only what the forms' own models do not already do: an Excel serial date, a float amount,
a phone number whose leading 0 Excel dropped. The models read the rest (french_amount,
normalise_phone), so an import row is checked by the same rules as a form.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from db import clock
from db.french import fr_date

ECHO_MAX = 60  # a refusal never repeats more than this of a bad cell
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 31/12/1899 in Excel's (1900) system
CENT = Decimal("0.01")
DATE_EXAMPLE = "(jour, mois, année : par exemple 21/11/2025)"
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})
_DAY_FIRST = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME_TAIL = re.compile(r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")


@functools.lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """« Réf. ménage » -> « refmenage »: column names and choice labels are matched so.
    Cached: an import folds the same few labels and typed choices hundreds of thousands of
    times (10 000 households: 1.1 million calls, half the check's time before the cache)."""
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES)).casefold()
    return "".join(c for c in text if c.isascii() and c.isalnum())


def echo(text: str) -> str:
    return text if len(text) <= ECHO_MAX else text[: ECHO_MAX - 1] + "…"


def cell_text(value) -> str | None:
    """The cell as text; None when empty. 12.0 (Excel's numbers are floats) gives « 12 »."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        if value.time() == datetime.min.time():
            return fr_date(value)
        return f"{fr_date(value)} {value:%H:%M}"
    if isinstance(value, date):
        return fr_date(value)
    text = str(value).strip()
    return text or None


def _serial_date(number: float) -> date | None:
    if 1 <= number <= 100_000:
        return EXCEL_EPOCH + timedelta(days=int(number))
    return None


def _full_year(year: str) -> int:
    if len(year) == 4:
        return int(year)
    short = int(year)
    this_year = clock.today().year % 100
    return 2000 + short if short <= this_year + 1 else 1900 + short


def _text_date(text: str) -> date | None:
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return _serial_date(float(text))
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DAY_FIRST.match(text):
        day, month, year = int(match[1]), int(match[3]), _full_year(match[4])
    else:
        return None
    if not _TIME_TAIL.fullmatch(text[match.end() :]) or year < 1900:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(value) -> date | None:
    """21/11/2025, 21/11/25, 2025-11-21, 21-11-2025, 21.11.2025 or an Excel serial."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if text is None:
        return None
    found = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        found = _serial_date(value)
    elif isinstance(value, str):
        found = _text_date(text)
    if found is None:
        raise ValueError(f"date invalide : {echo(text)} {DATE_EXAMPLE}")
    return found


def parse_amount(value) -> str | Decimal | None:
    """A number cell to cents; text is left to the models' french_amount."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            raise ValueError(f"montant invalide : {value}")
        return number.quantize(CENT, rounding=ROUND_HALF_UP)
    text = cell_text(value)
    if text is not None and not isinstance(value, str):
        raise ValueError(f"montant invalide : {echo(text)} (par exemple 1 234,50)")
    return text


def parse_phone(value) -> str | None:
    """612345678 (Excel dropped the 0 of a number cell) -> « 0612345678 »."""
    text = cell_text(value)
    if text is not None and re.fullmatch(r"[1-9]\d{8}", text):
        return "0" + text
    return text


def parse_int(value) -> int | None:
    """« 3 », 3 or 3.0 -> 3."""
    text = cell_text(value)
    if text is None:
        return None
    digits = re.sub(r"[\s\u00a0\u202f]", "", text)
    if not isinstance(value, bool) and re.fullmatch(r"[+-]?\d+([.,]0+)?", digits):
        return int(re.split(r"[.,]", digits)[0])
    raise ValueError(f"nombre entier attendu : {echo(text)}")
