"""The access log as a real browser fills it: one sign-in per sign-in (a reload is the
same sign-in, carried by the cookie), and a refused file opening logged as refused."""

from __future__ import annotations

import duckdb
import pytest
from playwright.sync_api import Page, expect

from .conftest import LOCKOUT_PASSWORD, LOCKOUT_USER, open_login, sign_in, wait_app_idle

pytestmark = pytest.mark.timeout(120)


def test_a_reload_is_no_new_sign_in_and_a_refused_file_is_logged(
    lockout_page: Page, lockout_server
):
    """On the lockout test's own server (a database of its own, read once it stops)."""
    page = lockout_page
    open_login(page)
    sign_in(page, LOCKOUT_USER, LOCKOUT_PASSWORD)
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    page.reload()
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    page.goto("/dossier?id=999")  # no such file: refused, like a file of someone else
    expect(page.get_by_text("ne vous est pas accessible")).to_be_visible()
    wait_app_idle(page)

    lockout_server.stop()  # DuckDB: only one process may hold the file
    with duckdb.connect(str(lockout_server.db), read_only=True) as con:
        rows = con.execute(
            "SELECT action, entity_id, detail FROM access_log WHERE username = ? ORDER BY id",
            [LOCKOUT_USER],
        ).fetchall()
    assert [row for row in rows if row[0] == "login"] == [("login", LOCKOUT_USER, None)]
    assert ("read_refused", "999", "refusé") in rows
