"""serve.py in French: Streamlit's own browser texts translated in a copy of its static
folder (ui/frontend_fr.py), and a stop said in French without the English « Stopping... »
nor the bindings' « nanobind: leaked » lines (ui/startup.py)."""

from __future__ import annotations

import signal
import time
import urllib.request
from pathlib import Path

import pytest
from streamlit import file_util

from tests.browser.conftest import free_port, run_cli
from tests.server_process import start_server, stop, wait_healthy
from ui import frontend_fr

SESSION_SECONDS = 60


def original_script_with(text: str) -> str:
    """The name of Streamlit's own JavaScript file holding `text`."""
    folder = Path(file_util.get_static_dir()) / "static" / "js"
    return next(p.name for p in sorted(folder.glob("*.js")) if text in p.read_text())


def test_the_translation_replaces_whole_texts_only():
    script = "a(`Choose date`),b(`Choose date later`),c({label:`Select all`}),d.apply"
    assert frontend_fr.translated(script) == (
        "a(`Choisir une date`),b(`Choose date later`),c({label:`Tout choisir`}),d.apply"
    )


def test_the_french_copy_leaves_streamlit_s_own_files_unchanged(tmp_path):
    original = Path(file_util.get_static_dir()) / "static" / "js"
    name = original_script_with("`Choose date`")
    before = (original / name).read_bytes()
    copy = frontend_fr.translated_static_dir(tmp_path)
    assert "`Choisir une date`" in (copy / "static" / "js" / name).read_text()
    assert (original / name).read_bytes() == before
    assert frontend_fr.translated_static_dir(tmp_path) == copy  # made once


def run_one_session(port: int) -> None:
    """What a browser does first: open the websocket and ask for a run of the app, which
    opens the database (DuckDB, polars), then wait for the end of that run."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    ask = BackMsg()
    ask.rerun_script.query_string = ""
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    with connect(url, origin=f"http://127.0.0.1:{port}", open_timeout=10) as socket:
        socket.send(ask.SerializeToString())
        deadline = time.monotonic() + SESSION_SECONDS
        while time.monotonic() < deadline:
            message = ForwardMsg()
            message.ParseFromString(socket.recv(timeout=SESSION_SECONDS))
            if message.WhichOneof("type") == "script_finished":
                return
    pytest.fail(f"La page n'a pas fini de s'afficher en {SESSION_SECONDS} s")


@pytest.mark.parametrize("sign", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl+C"])
def test_serve_sends_french_scripts_and_stops_in_french(tmp_path, sign):
    db = tmp_path / "demo.duckdb"
    run_cli(db, "demo", "--households", "20")
    port = free_port()
    process, log_path = start_server(db, tmp_path, port)
    try:
        wait_healthy(process, port, log_path)
        name = original_script_with("`Skip to main content`")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/js/{name}") as answer:
            script = answer.read().decode()
        run_one_session(port)
        process.send_signal(sign)
        process.wait(timeout=30)
    finally:
        stop(process)
    assert "`Aller au contenu principal`" in script and "`Skip to main content`" not in script
    log = log_path.read_text(errors="replace")
    assert "Arrêt d'Habiter" in log, log
    assert "Stopping" not in log and "nanobind" not in log and "Traceback" not in log, log
    assert process.returncode == 0
