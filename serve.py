"""Start Habiter's server: `python serve.py [options of streamlit run]` (make run does).

The same as `streamlit run app.py`, with what Streamlit's configuration cannot say set
before the first request (ui/startup.py): no page file run on its own, a French notice for
an address that is no page, no third-party call.
"""

import sys

from streamlit.web import cli

from ui import startup

if __name__ == "__main__":
    startup.prepare()
    sys.argv = ["streamlit", "run", "app.py", *sys.argv[1:]]
    sys.exit(cli.main())
