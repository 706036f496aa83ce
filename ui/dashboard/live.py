"""The figures, redrawn on their own every few seconds (a fragment: the filters above are
kept, nothing else reruns). Each query is read through the data-version cache, so a
refresh with no write in between re-runs nothing.

The figures on screen are always those of the period and filters on screen: their caption
(« Période : juin 2026, du … au … ») is drawn with them, from the same view. When a view's
figures are not computed yet, the previous view's are replaced at once by « Mise à jour des
chiffres… » (Streamlit would otherwise leave them in sight, faded, during the computation:
a test read the year's « Ménages accueillis » with « Mois » chosen)."""

from __future__ import annotations

from datetime import datetime, timedelta

import streamlit as st

from queries.kpi import periods
from ui import nav, session
from ui.dashboard import data, labels, tiles
from ui.dashboard.filters import View

UPDATING = "Mise à jour des chiffres…"
REFRESHING = "mise à jour des chiffres en cours…"
# How the caption introduces the period compared with, by kind of period.
COMPARED_WITH = {
    "mois": "à ",
    "trimestre": "au ",
    "annee": "à l'",
    "moyenne_3_ans": "à la ",
    "glissant": "aux ",
    "dates": "aux ",
}


def period_text(period: periods.Period) -> str:
    """« juin 2026, du 01/06/2026 au 30/06/2026 »: the name, then the dates, once."""
    dates = periods.span(period.start, period.end)
    return dates if period.kind == "dates" else f"{period.label}, {dates}"


def comparison_text(period: periods.Period) -> str:
    """« comparée à mai 2026, du 01/05/2026 au 31/05/2026 »."""
    before = period.previous()
    dates = periods.span(before.start, before.end)
    return f"comparée {COMPARED_WITH[period.kind]}{before.label}, {dates}"


def filters_text(database, view: View) -> str:
    """« ; commune : Talence, référent·e : Marion Lefèvre », or nothing without filters."""
    chosen = [text[0].lower() + text[1:] for text in labels.filter_texts(database, view.filters)]
    return f" ; {', '.join(chosen)}" if chosen else ""


def figures_caption(database, view: View, updated: datetime, every: int, busy: bool) -> str:
    caption = (
        f"Période : {period_text(view.period)}{filters_text(database, view)} ; "
        f"{comparison_text(view.period)}. Mis à jour à {updated.strftime('%H:%M:%S')}"
    )
    if busy:  # a write came: the figures of this view are being recomputed aside
        return f"{caption} ; {REFRESHING}"
    return f"{caption}, puis toutes les {every} secondes."


def show(database, actor, view: View, refresh_seconds: int) -> None:
    @st.fragment(run_every=timedelta(seconds=refresh_seconds))
    def figures() -> None:
        # A fragment's error would get Streamlit's English message, not nav.run's French one.
        with nav.french_errors():
            session.rerun_app_unless_still(actor)  # disabled or signed out since the page run
            draw(database, actor, view, refresh_seconds)

    figures()


def draw(database, actor, view: View, refresh_seconds: int) -> None:
    key = (database, view.period, view.filters, view.since)
    caption, body = st.empty(), st.empty()
    if not data.ready(*key):
        # Drawn before the computation, in place of whatever figures were on screen.
        caption.caption(f"Période : {period_text(view.period)}{filters_text(database, view)}.")
        body.info(UPDATING, icon=":material/hourglass_top:")
    served = data.live(*key, max_age_s=refresh_seconds)  # figures, version, time: together
    busy = data.refreshing(*key)
    caption.caption(figures_caption(database, view, served.at, refresh_seconds, busy))
    with body.container():
        tiles.show(database, actor, served.results, view, served.version)
