"""Pages of a list that grows with the data: the database counts and cuts, the screen draws
one page. Every list of every screen goes through here, so that none draws more than
`MAX_DRAWN` rows or cards whatever the association's size (tests/test_page_sizes.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl
import streamlit as st

from ui import format as fmt

PAGE_SIZE = 50  # rows of a table, or cards, on one page
MAX_DRAWN = 200  # the most rows and cards a screen may draw, all its lists together


@dataclass(frozen=True)
class Page:
    """The page shown: its SQL `limit` and `offset`, its number and the count of pages."""

    limit: int
    offset: int
    number: int
    pages: int


def pages_for(total: int, page_size: int = PAGE_SIZE) -> int:
    return max(1, -(-int(total) // page_size))


def pager(
    total: int,
    key: str,
    noun: str,
    plural: str | None = None,
    page_size: int = PAGE_SIZE,
    *,
    container=None,
) -> Page:
    """A page chooser beside the count of the whole list (« 1 234 ménages — page 2 sur
    25 »); returns the page shown. `noun` is the singular of what is counted, « ménage »
    (`plural` when it is not noun + s). A number beyond the last page shows the last one,
    said in a warning."""
    where = container or st
    pages = pages_for(total, page_size)
    c1, c2 = where.columns([1, 4], vertical_alignment="center")
    # No min/max on the widget: the browser would refuse with an English tooltip.
    asked = c1.number_input("Page", value=1, step=1, key=key)
    page = min(max(int(asked), 1), pages)
    if page != asked:
        shown = f"page {fmt.fr_int(page)} affichée"
        where.warning(f"La page {fmt.fr_int(int(asked))} n'existe pas : {shown}.")
    counted = fmt.fr_count(int(total), noun, plural)
    c2.caption(f"{counted} — page {fmt.fr_int(page)} sur {fmt.fr_int(pages)}")
    return Page(page_size, (page - 1) * page_size, page, pages)


# Reads one page of a list: (limit, offset) -> its rows, each with the whole list's count in
# a `total` column (`count(*) OVER ()` in the list's query: one query where a count and a
# page took two, and a single WHERE clause to keep).
PageReader = Callable[[int, int], pl.DataFrame]


def read_asked_page(
    read: PageReader, key: str, page_size: int = PAGE_SIZE
) -> tuple[pl.DataFrame, int, int]:
    """The page the chooser `key` asks for, and the list's total read from its first row.
    An asked page past the end is read again from the start for the total; `shown_page`
    then reads the page the chooser clamped it to."""
    asked = st.session_state.get(key, 1)
    offset = (max(int(asked), 1) - 1) * page_size
    found = read(page_size, offset)
    if found.height == 0 and offset > 0:
        offset, found = 0, read(page_size, 0)
    total = int(found["total"][0]) if found.height else 0
    return found, offset, total


def shown_page(read: PageReader, found: pl.DataFrame, offset: int, page: Page) -> pl.DataFrame:
    """The rows of the page the chooser shows: those already read, unless it moved."""
    return found if page.offset == offset else read(page.limit, page.offset)
