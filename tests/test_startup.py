"""What `make run` does before and at start-up: what it installs, what it prints, and that the
server calls no third party (personal data of vulnerable people)."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import ASSOCIATION, SERVE, STARTUP_SECONDS, free_port, run_cli

ROOT = Path(__file__).parent.parent
MAKE_SECONDS = 180  # `make run` up to the start of the server, setup included

# Loaded through PYTHONPATH by the server under test, before Streamlit. It lets the server
# believe it listens on every interface, as under `make run` (the case where Streamlit
# looks its external address up), while its sockets stay on the loopback; it refuses and
# logs every name lookup and connection towards any other host, so that the test itself
# never reaches a third party, even when it fails.
GUARD = """
import socket
import sys

LOCAL = {None, "", "localhost", "127.0.0.1", "::1", "0.0.0.0", "::"}
WILDCARD = {"0.0.0.0": "127.0.0.1", "": "127.0.0.1", "::": "::1"}
_getaddrinfo = socket.getaddrinfo


def _host(address):
    return address[0] if isinstance(address, tuple) else None


def _refuse(kind, target):
    sys.stderr.write(f"HABITER-GARDE appel extérieur refusé : {kind} {target}\\n")
    sys.stderr.flush()


def getaddrinfo(host, *args, **kwargs):
    name = host.decode() if isinstance(host, bytes) else host
    if name not in LOCAL and not str(name).startswith("127."):
        _refuse("résolution de", name)
        raise socket.gaierror(socket.EAI_NONAME, "refusé par le test")
    return _getaddrinfo(host, *args, **kwargs)


class GuardedSocket(socket.socket):
    def bind(self, address):
        host = _host(address)
        if self.family in (socket.AF_INET, socket.AF_INET6) and host in WILDCARD:
            sys.stderr.write(f"HABITER-GARDE écoute sur {host!r} ramenée à la boucle locale\\n")
            address = (WILDCARD[host], *address[1:])
        return super().bind(address)

    def connect(self, address):
        self._check(address)
        return super().connect(address)

    def connect_ex(self, address):
        self._check(address)
        return super().connect_ex(address)

    def _check(self, address):
        host = _host(address)
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in LOCAL:
            if not str(host).startswith("127."):
                _refuse("connexion à", address)
                raise OSError(101, "refusé par le test")


socket.getaddrinfo = getaddrinfo
socket.socket = GuardedSocket
"""


def start_server(
    db: Path, folder: Path, port: int, launcher: tuple[str, ...] = SERVE
) -> tuple[subprocess.Popen, Path]:
    """The app as `make run` starts it (serve.py, every interface, headless), guarded."""
    (folder / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")])),
        "HABITER_DB": str(db),
        "HABITER_COOKIE_KEY": secrets.token_urlsafe(36),
    }
    command = [
        sys.executable, *launcher,
        "--server.port", str(port),
        "--server.address", "0.0.0.0",
        "--server.headless", "true",
    ]  # fmt: skip
    log_path = folder / "streamlit.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    return process, log_path


def wait_healthy(process: subprocess.Popen, port: int, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, "Le serveur s'est arrêté :\n" + log_path.read_text()
        try:
            url = f"http://127.0.0.1:{port}/_stcore/health"
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    pytest.fail(f"Pas de réponse en {STARTUP_SECONDS} s :\n" + log_path.read_text())


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


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


def make_env() -> dict[str, str]:
    """The environment without what an outer make (make test) passes down to its children."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "HABITER_"))}


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


def make_run_until_server(db: Path, host: str = "127.0.0.1", port: int | None = None) -> str:
    """The output of a real `make run` on `db`, up to the command that starts the server;
    then the whole process group is stopped. Bounded by MAKE_SECONDS."""
    settings = [f"HABITER_DB={db}", f"PORT={port or free_port()}", f"HOST={host}"]
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run", *settings],
        cwd=ROOT,
        env=make_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_read_lines, args=(process.stdout, lines), daemon=True).start()
    output: list[str] = []
    deadline = time.monotonic() + MAKE_SECONDS
    try:
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                continue
            output.append(line or "")
            if line is None or "serve.py" in line:
                break
    finally:
        stop_group(process)
    text = "".join(output)
    assert "serve.py" in text, text
    return text


def _read_lines(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def stop_group(process: subprocess.Popen) -> None:
    """Stop make and everything it started (its own process group, created for the test)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=15)
            return
        except subprocess.TimeoutExpired:
            continue


def test_make_run_on_a_production_database_shows_no_demo_account(tmp_path):
    db = tmp_path / "prod.duckdb"
    run_cli(db, "init", *ASSOCIATION, "--admin", "chef", "--password", "tilleul-secret-1")
    output = make_run_until_server(db)
    assert "Base prête" in output, output
    assert "démonstration" not in output and "demo-habiter" not in output, output
