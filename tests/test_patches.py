"""Each private part of a library that Habiter replaces or relies on (ui/patches.py, and
argparse's in cli.py) is still there, as it was read; and each patch is still needed.
A failure here after an upgrade says which patch to re-read (docs/streamlit-patches.md)."""

from __future__ import annotations

import argparse
import gettext
import importlib.metadata
import inspect
import subprocess
import sys
import time
from pathlib import Path

import jwt
import pytest
import streamlit as st
from streamlit import cli_util, net_util
from streamlit.commands import navigation
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web.server import server_util
from streamlit.web.server.server import Server
from streamlit_authenticator.models.cookie_model import CookieModel

import cli
from ui import patches

ROOT = Path(__file__).parent.parent
KEY = "clé-de-test-" + "x" * 32


def reread(what: str, read: str, installed: str) -> str:
    return f"re-read {what} against version {installed} (read from {read})"


@pytest.mark.parametrize(
    ("package", "read"),
    [
        ("streamlit", patches.STREAMLIT_VERSION),
        ("streamlit-authenticator", patches.AUTHENTICATOR_VERSION),
    ],
)
def test_the_libraries_are_the_versions_the_patches_were_read_from(package, read):
    installed = importlib.metadata.version(package)
    assert installed == read, reread(f"ui/patches.py ({package})", read, installed)


def test_python_is_the_version_the_patches_were_read_from():
    installed = sys.version_info[:2]
    assert installed == patches.PYTHON_VERSION, reread(
        "ui/patches.run_exit_functions", str(patches.PYTHON_VERSION), str(installed)
    )
    assert installed == cli.ARGPARSE_PYTHON, reread(
        "cli.ARGPARSE_FRENCH", str(cli.ARGPARSE_PYTHON), str(installed)
    )


# Streamlit -----------------------------------------------------------------------------


def test_without_the_patch_a_pages_folder_makes_streamlit_run_page_files_bare():
    """PagesManager decides the old pages/ mode at its creation while the flag is unset."""
    before = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = None
        PagesManager(str(ROOT / "app.py"))
        assert PagesManager.uses_pages_directory is True  # the patch is still needed
        patches.apply()
        PagesManager(str(ROOT / "app.py"))
        assert PagesManager.uses_pages_directory is False
    finally:
        PagesManager.uses_pages_directory = before


def test_streamlit_sends_its_english_dialog_for_an_unknown_address_from_the_replaced_function():
    module = inspect.getsource(navigation)
    assert "def send_page_not_found(ctx: ScriptRunContext) -> None:" in module
    assert "msg.page_not_found.page_name" in module  # the dialog the patch leaves out
    assert "send_page_not_found(ctx)" in inspect.getsource(navigation._navigation)
    patches.apply()
    assert navigation.send_page_not_found is patches.remember_unknown_address


def test_streamlit_looks_the_addresses_up_through_the_replaced_functions():
    module = inspect.getsource(net_util)
    assert "def get_external_ip() -> str | None:" in module
    assert "def get_internal_ip() -> str | None:" in module
    assert "checkip.amazonaws.com" in module  # the third party the patch keeps away
    source = inspect.getsource(server_util.is_url_from_allowed_origins)
    assert "net_util.get_internal_ip" in source and "net_util.get_external_ip" in source
    patches.apply()
    assert net_util.get_external_ip() is None and net_util.get_internal_ip() is None


def test_streamlit_s_stop_still_says_stopping_in_english_through_print_to_cli():
    patches.apply()
    assert Server.stop.in_french
    streamlit_stop = Server.stop.streamlit_stop
    assert list(inspect.signature(streamlit_stop).parameters) == ["self"]
    assert 'cli_util.print_to_cli("  Stopping...' in inspect.getsource(streamlit_stop)
    assert callable(cli_util.print_to_cli)
    patches.apply()
    assert Server.stop.streamlit_stop is streamlit_stop  # applied once, however often called


def test_the_exit_functions_run_without_the_interpreter_s_teardown():
    lines = [
        "import atexit, os",
        "from ui import patches",
        "atexit.register(print, 'fonction de sortie')",
        "patches.run_exit_functions()",
        "os._exit(0)",
    ]
    command = [sys.executable, "-c", "\n".join(lines)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout == "fonction de sortie\n", done.stderr


# streamlit-authenticator -----------------------------------------------------------------


def library_token(username: str, days: float) -> str:
    """The login cookie as the library writes it (its `__init__` draws a component)."""
    model = CookieModel.__new__(CookieModel)
    model.cookie_key, model.cookie_expiry_days = KEY, days
    model.exp_date = model._set_exp_date()
    st.session_state["username"] = username
    return model._token_encode()


def test_the_library_s_cookie_is_read_as_the_library_reads_it():
    token = library_token("lea", 1.0)
    read = patches.login_cookie(token, KEY)
    assert read["username"] == "lea" and read["exp_date"] > time.time()
    model = CookieModel.__new__(CookieModel)
    model.token, model.cookie_key = token, KEY
    assert model._token_decode() == read


def test_an_expired_or_tampered_cookie_is_refused():
    assert patches.login_cookie(library_token("lea", -1.0), KEY) is None
    assert patches.login_cookie(library_token("lea", 1.0), "une-autre-clé" + "y" * 32) is None
    no_username = jwt.encode({"exp_date": time.time() + 60}, KEY, algorithm="HS256")
    assert patches.login_cookie(no_username, KEY) is None
    assert patches.login_cookie("", KEY) is None


def test_the_library_still_signs_in_from_the_cookie_of_the_page_s_request():
    source = inspect.getsource(CookieModel.get_cookie)
    assert "st.context.cookies" in source and "'exp_date'" in source and "'username'" in source


# argparse (cli.py) ---------------------------------------------------------------------


def test_argparse_builds_each_translated_message_through_its_underscore():
    source = inspect.getsource(argparse)
    missing = [text for text in cli.ARGPARSE_FRENCH if f"_({text!r}" not in source]
    assert missing == [], reread("cli.ARGPARSE_FRENCH", str(cli.ARGPARSE_PYTHON), "installed")
    before = argparse._
    try:
        argparse._ = gettext.gettext
        cli.french_argparse()
        assert argparse._("usage: ") == "utilisation : "
    finally:
        argparse._ = before


def test_without_the_patch_argparse_speaks_english():
    before = argparse._
    try:
        argparse._ = gettext.gettext
        parser = argparse.ArgumentParser(prog="essai")
        assert parser.format_usage().startswith("usage: ")
        cli.french_argparse()
        assert parser.format_usage().startswith("utilisation : ")
    finally:
        argparse._ = before
