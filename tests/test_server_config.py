"""Settings of Streamlit's server that the load benchmark (bench/load.py) called for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_full_garbage_collection_after_every_script_run():
    """Streamlit's default gc.collect(2) after each run took a third of the server's time
    with 30 sessions (py-spy): the project's config turns it off."""
    code = (
        "from streamlit import config; config.get_config_options(force_reparse=True); "
        "print(config.get_option('runner.postScriptGC'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "False", done.stdout + done.stderr
