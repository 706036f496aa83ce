"""The app's server and `make run` as real processes, for the tests that start them
(tests/test_startup.py, test_serve_french.py, test_makefile.py): started under a guard that
refuses any third-party call, waited for, stopped."""

from __future__ import annotations

import contextlib
import os
import queue
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

from tests.browser.conftest import SERVE, STARTUP_SECONDS, free_port

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
        sys.executable,
        *launcher,
        "--server.port",
        str(port),
        "--server.address",
        "0.0.0.0",
        "--server.headless",
        "true",
    ]
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


def make_env() -> dict[str, str]:
    """The environment without what an outer make (make test) passes down to its children."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "HABITER_"))}


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
