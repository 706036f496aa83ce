"""What `make run` does before and at start-up: what it installs, what it prints, and that the
server calls no third party (personal data of vulnerable people)."""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
import time

from tests.browser.conftest import ASSOCIATION, free_port, run_cli
from tests.server_process import (
    ROOT,
    make_env,
    make_run_until_server,
    start_server,
    stop,
    wait_healthy,
)


def test_start_up_makes_no_third_party_call(tmp_path):
    db = tmp_path / "demo.duckdb"
    run_cli(db, "demo", "--households", "20")
    port = free_port()
    process, log_path = start_server(db, tmp_path, port)
    try:
        wait_healthy(process, port, log_path)
        time.sleep(1)  # what start-up prints after the first health answer
    finally:
        stop(process)
    log = log_path.read_text(errors="replace")
    assert "ramenée à la boucle locale" in log, log  # listened as `make run` does
    assert "external IP" not in log, log
    assert "appel extérieur refusé" not in log, log


def connect_from_another_origin(port: int) -> None:
    """What a page of another site may do: open the app's websocket from its own origin."""
    from websockets.exceptions import InvalidStatus, WebSocketException
    from websockets.sync.client import connect

    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    refused = (InvalidStatus, WebSocketException, OSError, TimeoutError)
    with (
        contextlib.suppress(*refused),
        connect(url, origin="http://ailleurs.example", open_timeout=10) as socket,
    ):
        socket.close()


def test_a_connection_from_another_origin_makes_no_third_party_call(tmp_path):
    """Streamlit checks such an origin against the machine's external address, which it
    asks of checkip.amazonaws.com; serve.py tells it there is none to ask for."""
    db = tmp_path / "demo.duckdb"
    run_cli(db, "demo", "--households", "20")
    port = free_port()
    process, log_path = start_server(db, tmp_path, port)
    try:
        wait_healthy(process, port, log_path)
        connect_from_another_origin(port)
        time.sleep(1)
    finally:
        stop(process)
    log = log_path.read_text(errors="replace")
    assert "appel extérieur refusé" not in log, log
    assert "external IP" not in log, log


def test_streamlit_reads_the_projects_privacy_settings():
    code = (
        "from streamlit import config; config.get_config_options(force_reparse=True); "
        "print([config.get_option(k) for k in ('browser.gatherUsageStats', "
        "'client.disableDataExport', 'client.toolbarMode', 'client.showErrorLinks', "
        "'logger.hideWelcomeMessage')])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "[False, True, 'minimal', False, True]", done.stderr


# --- make run ------------------------------------------------------------------------------


def sync_command(target: str) -> str:
    """The `uv sync` line that `make <target>` runs, read from make itself."""
    planned = subprocess.run(
        ["make", "-n", target], cwd=ROOT, env=make_env(), capture_output=True, text=True, timeout=30
    )
    lines = [line for line in planned.stdout.splitlines() if re.search(r"\buv sync\b", line)]
    assert len(lines) == 1, planned.stdout + planned.stderr
    return lines[0]


def test_make_run_keeps_the_development_tools_of_make_test():
    """`make run` after `make test` must not uninstall pytest, ruff, playwright...: its sync,
    run with --dry-run, would change nothing in the environment the tests run in."""
    dry_run = subprocess.run(
        sync_command("run") + " --dry-run",
        shell=True,
        cwd=ROOT,
        env=make_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = dry_run.stdout + dry_run.stderr
    assert dry_run.returncode == 0, report
    assert "uninstall" not in report.lower(), report


def test_make_run_on_a_production_database_shows_no_demo_account(tmp_path):
    db = tmp_path / "prod.duckdb"
    run_cli(db, "init", *ASSOCIATION, "--admin", "chef", "--password", "tilleul-secret-1")
    output = make_run_until_server(db)
    assert "Base prête" in output, output
    assert "démonstration" not in output and "demo-habiter" not in output, output
