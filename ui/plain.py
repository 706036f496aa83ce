"""User text shown as typed: never read as Markdown.

A name, an address or a note typed by a user is text. Streamlit renders the strings of
st.title, st.markdown, st.caption and of labels as Markdown: `**`, `#` or a link would
change the page, and `![x](http://…)` would make every reader's browser fetch that address.
"""

from __future__ import annotations

import re

# Every character Markdown (and Streamlit's :directives:, $math$) gives a meaning to.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&])")


def md_escape(text: object) -> str:
    """`text` with every Markdown character escaped, so that it shows exactly as typed."""
    return _SPECIAL.sub(r"\\\1", "" if text is None else str(text))
