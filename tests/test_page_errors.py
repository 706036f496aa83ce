"""An unexpected error in a page is said in French, not in Streamlit's English."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from ui import nav


def failing_app():
    import streamlit as st

    from ui import nav

    def broken():
        st.write("début de la page")
        raise RuntimeError("boom")

    nav.run(st.Page(broken, title="Cassée", url_path="cassee"))


def test_a_failing_page_says_so_in_french_and_nothing_in_english(monkeypatch):
    monkeypatch.delenv(nav.RAISE_ERRORS, raising=False)
    at = AppTest.from_function(failing_app, default_timeout=30).run()
    assert not at.exception  # Streamlit's box: "This app has encountered an error…"
    assert [e.value for e in at.error] == [nav.UNEXPECTED_ERROR]
    assert "boom" not in " ".join(e.value for e in at.error)


def test_in_the_tests_the_error_also_fails_the_test():
    at = AppTest.from_function(failing_app, default_timeout=30).run()
    assert at.exception and at.error[0].value == nav.UNEXPECTED_ERROR
