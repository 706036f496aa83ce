"""The app's background work: one daemon thread per process and name (the analytics
rebuild, the backups, the logs' purge, the clean-up of old exports)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

_log = logging.getLogger(__name__)
_started: dict[str, threading.Thread] = {}
_lock = threading.Lock()


def start_once(name: str, target: Callable[..., object], *args: object) -> threading.Thread:
    """The process's daemon thread `name`, running `target(*args)`; started at the first
    call (Streamlit runs app.py at every rerun of every session), returned by later ones."""
    with _lock:
        thread = _started.get(name)
        if thread is None:
            run = _logging_errors(name, target)
            thread = threading.Thread(target=run, args=args, name=name, daemon=True)
            _started[name] = thread
            thread.start()
        return thread


def _logging_errors(name: str, target: Callable[..., object]) -> Callable[..., None]:
    """A target whose error ends up in the server's log, not only on stderr."""

    def run(*args: object) -> None:
        try:
            target(*args)
        except Exception:
            _log.exception("background thread %s stopped on an error", name)

    return run
