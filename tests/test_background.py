"""The one starter of the app's background threads: one daemon thread per process and name."""

from __future__ import annotations

import logging
import secrets
import sys
import threading

from db import background
from db.analytics import build
from db.backup import channel
from db.logs import purge
from tests.conftest import app_test

CALLERS = 16
ROUNDS = 20


def unique_name() -> str:
    return f"test-{secrets.token_hex(4)}"


def started_by_concurrent_callers(name: str, work) -> list[threading.Thread]:
    """What `CALLERS` threads asking for `name` at the same moment were given."""
    ready = threading.Barrier(CALLERS)
    got: list[threading.Thread] = []

    def caller() -> None:
        ready.wait()
        got.append(background.start_once(name, work, name))

    callers = [threading.Thread(target=caller) for _ in range(CALLERS)]
    for thread in callers:
        thread.start()
    for thread in callers:
        thread.join(10)
    return got


def test_concurrent_calls_start_one_thread():
    release, runs = threading.Event(), []

    def work(name: str) -> None:
        runs.append(name)
        release.wait(10)

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns often: a race shows, when there is one
    try:
        rounds = {unique_name(): [] for _ in range(ROUNDS)}
        for name in rounds:
            rounds[name] = started_by_concurrent_callers(name, work)
    finally:
        sys.setswitchinterval(switch)
        release.set()
    for name, got in rounds.items():
        assert len(got) == CALLERS
        (started,) = set(got)
        assert started.daemon and started.name == name
        started.join(10)
    assert sorted(runs) == sorted(rounds)


def test_a_later_call_returns_the_thread_even_once_it_ended():
    name = unique_name()
    first = background.start_once(name, lambda: None)
    first.join(10)
    assert background.start_once(name, lambda: None) is first


def test_each_name_has_its_own_thread():
    one = background.start_once(unique_name(), lambda: None)
    other = background.start_once(unique_name(), lambda: None)
    assert one is not other


def test_an_error_in_the_target_is_logged(caplog):
    name = unique_name()

    def crash() -> None:
        raise RuntimeError("la cible a échoué")

    with caplog.at_level(logging.ERROR, logger=background.__name__):
        background.start_once(name, crash).join(10)
    (record,) = [r for r in caplog.records if r.name == background.__name__]
    assert record.getMessage() == f"background thread {name} stopped on an error"
    assert "la cible a échoué" in caplog.text  # with its traceback


def test_the_app_starts_its_four_threads_through_the_starter(database):
    """Not reset here: a second purge thread would outlive the test (it sleeps a day)."""
    app_test("app.py").run()
    names = {build.THREAD, channel.THREAD, purge.THREAD, "export-scratch-cleanup"}
    assert names <= set(background._started)
    assert all(background._started[name].daemon for name in names)
