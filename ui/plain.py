"""User text shown as typed: never read as Markdown.

A name, an address or a note typed by a user is text. Streamlit renders the strings of
st.title, st.markdown, st.caption and of labels as Markdown: `**`, `#` or a link would
change the page, and `![x](http://…)` would make every reader's browser fetch that address.
"""

from __future__ import annotations

import re

# GFM's autolink literals (« www.… », « http://… », an e-mail) are found in the text once
# Markdown's escapes are read: no backslash stops them (seen: « www\\.exemple\\.fr » became a
# link). A word joiner (U+2060: no width, no break, read as nothing) where such a pattern
# starts breaks it: before « . » after « www », before « :// » and before « @ ».
WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?<=www)(?=\.)|(?=://)|(?=@)", re.IGNORECASE)

# Every character Markdown (and Streamlit's :directives:, $math$) gives a meaning to.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&])")


def md_escape(text: object) -> str:
    """`text` with every Markdown character escaped, so that it shows exactly as typed."""
    return _SPECIAL.sub(r"\\\1", no_autolink(text))


def no_autolink(text: object) -> str:
    """`text` that GFM reads as no link (see WORD_JOINER), shown the same."""
    return _AUTOLINK.sub(WORD_JOINER, "" if text is None else str(text))


# Within a sentence, what builds something: emphasis, code, links and images, HTML,
# tables, strike-through, math, entities, headings, and Streamlit's :directives: or
# :shortcodes: (a colon before a letter). « . - ( ) ! + » only do at a line's start.
_ACTIVE = re.compile(r"[\\`*_{}\[\]<>|~$&#]|:(?=[A-Za-z])")
_LINE_START = re.compile(r"^([ \t]*)([-+]|\d+(?=[.)]))", re.MULTILINE)


def md_inline(text: object) -> str:
    """`text` shown as typed in a Markdown sentence (a message quoting what was typed),
    escaping only what would act there: its French punctuation stays as it is."""
    escaped = _ACTIVE.sub(lambda m: "\\" + m.group(0), no_autolink(text))
    return _LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match) -> str:
    """« - x » or « + x » (a list), « 1. x » or « 1) x » (a numbered one): kept as text."""
    indent, mark = match.groups()
    return f"{indent}\\{mark}" if mark in "-+" else f"{indent}{mark}\\"
