"""The Makefile keeps its word: every declared target exists, and so does every `make X`
that the README shows; `make run` prints addresses where the server answers."""

import re
import socket
from pathlib import Path

import pytest

from tests.browser.conftest import ASSOCIATION, free_port, run_cli
from tests.server_process import make_run_until_server

ROOT = Path(__file__).parent.parent
MAKEFILE = (ROOT / "Makefile").read_text()
TARGETS = set(re.findall(r"^([a-z][a-z-]*):", MAKEFILE, re.M))


def test_every_phony_target_has_a_rule():
    phony = re.search(r"^\.PHONY:(.*)$", MAKEFILE, re.M).group(1).split()
    assert sorted(set(phony) - TARGETS) == []


def test_every_make_command_of_the_readme_is_a_target():
    readme = (ROOT / "README.md").read_text()
    shown = set(re.findall(r"\bmake ([a-z][a-z-]*)", readme))
    assert shown and sorted(shown - TARGETS) == []


def answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host.strip("[]"), port), timeout=5):
            return True
    except OSError:
        return False


@pytest.mark.parametrize("host", ["127.0.0.1", "0.0.0.0"])
def test_make_run_prints_only_addresses_where_the_server_answers(tmp_path, host):
    """Each address printed by `make run` answers on a socket bound as the server binds
    it (HOST, PORT); with HOST=127.0.0.1 the machine's network address does not."""
    db = tmp_path / "prod.duckdb"
    run_cli(db, "init", "--password", "tilleul-secret-1", *ASSOCIATION)
    port = free_port()
    printed = re.findall(
        r"http://(\[[^\]]+\]|[^:/\s]+):(\d+)", make_run_until_server(db, host, port)
    )
    assert printed, "no address printed"
    assert {int(p) for _, p in printed} == {port}
    with socket.create_server((host, port)):
        silent = [h for h, _ in printed if not answers(h, port)]
    assert silent == []
    hosts = {h for h, _ in printed}
    assert hosts == {"127.0.0.1"} if host == "127.0.0.1" else "localhost" in hosts
