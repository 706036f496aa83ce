"""One tile per indicator: its card (value, change against the previous period), its chart,
what it counts, its SQL (« Voir la requête ») and, for those allowed, who or what is
behind the figure.

Cards first: a section's charts are drawn only once « Afficher les graphiques » is on for
it (kept in the address, so a shared link shows them too), and what a tile counts and its
SQL only once their expander is opened. Issue 19 measured why: at 200 000 households the
page's 25 plotly charts took 0.6 to 3.7 s to draw in Chromium, the figures 0.1 s."""

from __future__ import annotations

import unicodedata

import streamlit as st

from queries.kpi import Filters, Result, periods
from ui.dashboard import charts, drill, values
from ui.dashboard.filters import View

FILTER_WORDS = {
    "commune": "la commune",
    "programme": "le dispositif",
    "measure_kind": "la mesure",
    "worker": "le ou la référent·e",
}
EMPTY = "Aucune donnée sur la période avec ces filtres."
COLUMNS = 2
SHARE_WORDS = ("Part ", "Taux ")  # a title that already says what its percentage is
SHOW_CHARTS = "Afficher les graphiques"


def ignored_filters(result: Result, filters: Filters) -> list[str]:
    followed = set(result.kpi.filters)
    return [FILTER_WORDS[name] for name in filters.active() if name not in followed]


def card_title(kpi) -> str:
    """The tile's title; for a percentage whose title does not say what it is a share of
    (« Ressources des ménages suivis 96,3 % »), the name of the share instead (« Part des
    ménages suivis ayant des ressources »: the title and the share together are cut)."""
    if kpi.format == "percent" and not kpi.title.startswith(SHARE_WORDS):
        return kpi.columns.get(kpi.figure_column, kpi.title)
    return kpi.title


def card(result: Result, view: View) -> None:
    kpi = result.kpi
    title = card_title(kpi)
    if "since" in kpi.params:
        title = f"{title} depuis le {view.since.strftime('%d/%m/%Y')}"
    change = result.change
    st.metric(
        title,
        values.fr_value(kpi.format, result.value),
        delta=values.fr_change(kpi.format, change),
        delta_color="off",  # more is not always better: more evictions, more vacancy
        delta_arrow="off" if not change else ("up" if change > 0 else "down"),
        delta_description="par rapport à la période précédente" if change is not None else None,
    )


def chart(database, result: Result, view: View, version: int) -> None:
    kpi = result.kpi
    if kpi.chart.kind == "none":
        return
    if result.frame.height == 0:
        st.caption(EMPTY)
        return
    # The version of the figures shown (read with them): a write since then leaves their
    # charts as they are; every session showing this view shares each chart built.
    token = (str(database.path), version, view.period, view.filters, view.since)
    st.plotly_chart(
        charts.cached_figure(kpi.key, token, view.period.end, result.frame, database),
        config=charts.CONFIG,
        key=f"chart_{kpi.key}",
        width="stretch",
    )


def section_key(section: str) -> str:
    """« graphiques_equipe » for « Équipe »: the section's toggle, as the address names it."""
    plain = unicodedata.normalize("NFKD", section).encode("ascii", "ignore").decode()
    return f"graphiques_{plain.lower().replace(' ', '_')}"


def charts_wanted(section: str) -> bool:
    return st.toggle(SHOW_CHARTS, key=section_key(section), bind="query-params")


def explanations(result: Result, filters: Filters) -> None:
    kpi = result.kpi
    ignored = ignored_filters(result, filters)
    if ignored:
        st.caption(f"Cet indicateur ne suit pas le filtre sur {', '.join(ignored)}.")
    # Drawn only once opened (on_change="rerun" makes `.open` known): closed, they cost
    # the browser nothing.
    counted = st.expander("Ce qui est compté", key=f"compte_{kpi.key}", on_change="rerun")
    if counted.open:
        counted.markdown(kpi.description.replace("*", "\\*"))
    query = st.expander("Voir la requête", key=f"requete_{kpi.key}", on_change="rerun")
    if query.open:
        query.code(kpi.sql, language="sql", wrap_lines=True)


def tile(database, actor, result: Result, view: View, version: int | None) -> None:
    """`version`: that of the figures, when the section's charts are drawn; else None."""
    with st.container(border=True):
        card(result, view)
        if version is not None:
            chart(database, result, view, version)
        explanations(result, view.filters)
        drill.show(database, actor, result, view)


def show(database, actor, results: list[Result], view: View, version: int) -> None:
    """The tiles, section by section, two a row; `version` is that of `results`."""
    if all(_empty(r) for r in results):
        dates = periods.span(view.period.start, view.period.end)
        st.info(f"Aucune donnée pour la période choisie ({dates}) avec ces filtres.")
    for section in dict.fromkeys(r.kpi.section for r in results):
        st.subheader(section, anchor=False)
        drawn = version if charts_wanted(section) else None
        rows = [r for r in results if r.kpi.section == section]
        for start in range(0, len(rows), COLUMNS):
            for column, result in zip(
                st.columns(COLUMNS), rows[start : start + COLUMNS], strict=False
            ):
                with column:
                    tile(database, actor, result, view, drawn)


def _empty(result: Result) -> bool:
    return result.frame.height == 0 or not result.value
