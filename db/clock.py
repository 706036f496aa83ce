"""The association's clock: naive local times in Europe/Paris, as its staff read them."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def now() -> datetime:
    return datetime.now(PARIS).replace(tzinfo=None, microsecond=0)


def today() -> date:
    return now().date()
