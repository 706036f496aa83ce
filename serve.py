"""Start Habiter's server: `python serve.py [options of streamlit run]` (make run does).

The same as `streamlit run app.py`, with Streamlit patched before the first request
(ui/patches.py, docs/streamlit-patches.md), its browser texts in French (ui/frontend_fr.py),
and a stop said in French without the bindings' English leak report (ui/startup.py).
"""

import os

os.umask(0o077)  # first of all: what the app writes is the service account's only (0600, 0700)
import sys

from streamlit.web import cli

import config
from db.backup.modes import check_database_files
from ui import frontend_fr, patches, startup

if __name__ == "__main__":
    patches.apply()
    warning = check_database_files(config.database_path())
    if warning:
        print(f"Attention : {warning}", flush=True)
    frontend_fr.serve_in_french()
    sys.argv = ["streamlit", "run", "app.py", *sys.argv[1:]]
    startup.run_then_exit(cli.main)
