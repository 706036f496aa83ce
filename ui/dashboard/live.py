"""The figures, redrawn on their own every few seconds (a fragment: the filters above are
kept, nothing else reruns). Each query is read through the data-version cache, so a
refresh with no write in between re-runs nothing."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from ui import format as fmt
from ui import nav, session
from ui.dashboard import data, tiles
from ui.dashboard.filters import View


def show(database, actor, view: View, refresh_seconds: int) -> None:
    @st.fragment(run_every=timedelta(seconds=refresh_seconds))
    def figures() -> None:
        # A fragment's error would get Streamlit's English message, not nav.run's French one.
        with nav.french_errors():
            session.rerun_app_unless_still(actor)  # disabled or signed out since the page run
            draw()

    def draw() -> None:
        previous = view.period.previous()
        results = data.results(
            database, view.period, view.filters, view.since, max_age_s=refresh_seconds
        )
        updated = data.computed_at(database, view.period, view.filters, view.since)
        st.caption(
            f"Période : {view.period.label}, du {fmt.fr_date(view.period.start)} au "
            f"{fmt.fr_date(view.period.end)} ; comparée à la période précédente de même "
            f"longueur, {previous.label}. Mis à jour à {updated.strftime('%H:%M:%S')}, "
            f"puis toutes les {refresh_seconds} secondes."
        )
        tiles.show(database, actor, results, view)

    figures()
