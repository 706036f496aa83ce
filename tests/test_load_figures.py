"""bench/load.py's figures (bench/load_figures.py: p95, the saturation point, the
calibration's gap) and a short real run of its websocket client (bench/load_client.py) on
a served app: every role signs in through the login form and does its actions without an
error. No time is asserted."""

from __future__ import annotations

import asyncio
import random

import pytest

from bench import load_figures
from bench.load_roles import CLIENT_ACTIONS, Person, account_of
from bench.load_session import Tally
from tests.browser.conftest import AppServer, run_cli


def test_the_p95_is_the_nearest_rank_one():
    assert load_figures.percentile(list(range(1, 21)), 0.95) == 19
    assert load_figures.percentile([5.0], 0.95) == 5
    assert load_figures.percentile([30.0, 10.0, 20.0], 0.5) == 20
    assert load_figures.percentile([], 0.95) is None


def step(sessions: int, interval: float, rate: float, p95: float | None, errors: int = 0):
    return {
        "sessions": sessions,
        "interval_s": interval,
        "actions_per_s": rate,
        "p95_ms": p95,
        "errors": errors,
    }


def test_the_saturation_is_between_the_last_step_held_and_the_first_over():
    steps = [step(30, 10, 3.0, 300), step(30, 5, 6.0, 600), step(30, 3, 9.5, 1_400)]
    found = load_figures.saturation_point(steps)
    assert found["crossed"]
    assert found["held"]["actions_per_s"] == 6.0
    assert found["over"]["actions_per_s"] == 9.5


def test_an_error_or_no_figure_ends_what_is_held_and_no_crossing_is_said():
    assert load_figures.saturation_point([step(30, 10, 3.0, 200, errors=1)])["held"] is None
    assert load_figures.saturation_point([step(30, 10, 3.0, None)])["crossed"]
    held = load_figures.saturation_point([step(30, 10, 3.0, 200), step(30, 5, 6.0, 999)])
    assert not held["crossed"] and held["held"]["interval_s"] == 5


def test_the_window_s_figures_leave_the_sign_ins_out_and_the_gap_is_relative():
    client, browser = Tally(), Tally()
    for ms in (100.0, 120.0, 110.0):
        client.add("recherche", ms)
    client.add("connexion", 5_000.0)
    browser.add("recherche", 100.0)
    browser.add("navigation", 50.0)
    assert sorted(load_figures.window_times(client)) == [100.0, 110.0, 120.0]
    gaps = load_figures.calibration(client, browser)
    assert gaps == {
        "recherche": {
            "client_p50_ms": 110,
            "browser_p50_ms": 100,
            "gap_pct": 10,
            "received_kib_p50": None,
        }
    }


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The app served (serve.py, as tests/browser does) on a small demo database."""
    folder = tmp_path_factory.mktemp("habiter_load")
    db = folder / "demo.duckdb"
    run_cli(db, "demo", "--households", "200")
    server = AppServer(db=db, log_path=folder / "streamlit.log").start()
    yield server
    server.stop()


async def every_role_once_through_its_cycle(url: str) -> tuple[Tally, list[Person]]:
    tally = Tally()
    people = [Person(url, account_of(n), n, tally, random=random.Random(n)) for n in range(5)]
    for person in people:
        for _ in range(len(person.cycle()) + 1):  # the sign-in, then each step
            await person.act()
        await person.drop()
    return tally, people


def test_each_role_signs_in_and_does_its_actions_without_an_error(served):
    tally, people = asyncio.run(every_role_once_through_its_cycle(served.url))
    assert tally.errors == {}, tally.messages
    assert len(tally.times["connexion"]) == len(people)
    assert {person.name for person in people} >= {"Dominique Directrice", "Samia Social"}
    done = {action for action, times in tally.times.items() if times}
    assert set(CLIENT_ACTIONS) <= done
    assert "Traceback" not in served.log_tail(2000)
