"""The server's start and stop around Streamlit's (serve.py), and the French notice for
an address that is no page (app.py); the patches themselves are in ui/patches.py, the
reasons in docs/streamlit-patches.md."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import NoReturn

import streamlit as st

from db.connection import close_all
from ui import patches


def run_then_exit(main: Callable[[], object]) -> NoReturn:
    """Run Streamlit's command line to its end (the server stopped), then end the process
    as a normal exit would (databases closed, `atexit` functions run, output flushed) but
    without the interpreter's final teardown and its « nanobind: leaked » lines."""
    try:
        main()
        code = 0
    except SystemExit as done:
        code = done.code
    close_all()
    patches.run_exit_functions()
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # what SystemExit("message") prints
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


def say_if_unknown_address() -> None:
    """After a run whose address matched no page: the default page comes with a notice."""
    if st.session_state.pop(patches.UNKNOWN_ADDRESS, False):
        st.warning("Cette adresse ne correspond à aucune page d'Habiter : voici la page d'accueil.")
