"""One tile per indicator: its card (value, change against the previous period), its chart,
what it counts, its SQL (« Voir la requête ») and, for those allowed, who or what is
behind the figure."""

from __future__ import annotations

import streamlit as st

from queries.kpi import Filters, Result, periods
from ui.dashboard import charts, data, drill, values
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


def chart(database, result: Result, view: View) -> None:
    kpi = result.kpi
    if kpi.chart.kind == "none":
        return
    if result.frame.height == 0:
        st.caption(EMPTY)
        return
    # The version of the figures shown: a write since then leaves their charts as they are.
    version = data.served_version(database, view.period, view.filters, view.since)
    token = (str(database.path), version, view.period, view.filters, view.since)
    st.plotly_chart(
        charts.cached_figure(kpi.key, token, view.period.end, result.frame, database),
        config=charts.CONFIG,
        key=f"chart_{kpi.key}", width="stretch",
    )  # fmt: skip


def explanations(result: Result, filters: Filters) -> None:
    kpi = result.kpi
    ignored = ignored_filters(result, filters)
    if ignored:
        st.caption(f"Cet indicateur ne suit pas le filtre sur {', '.join(ignored)}.")
    with st.expander("Ce qui est compté"):
        st.markdown(kpi.description.replace("*", "\\*"))
    with st.expander("Voir la requête"):
        st.code(kpi.sql, language="sql", wrap_lines=True)


def tile(database, actor, result: Result, view: View) -> None:
    with st.container(border=True):
        card(result, view)
        chart(database, result, view)
        explanations(result, view.filters)
        drill.show(database, actor, result, view)


def show(database, actor, results: list[Result], view: View) -> None:
    """The tiles, section by section, two a row."""
    if all(_empty(r) for r in results):
        dates = periods.span(view.period.start, view.period.end)
        st.info(f"Aucune donnée pour la période choisie ({dates}) avec ces filtres.")
    for section in dict.fromkeys(r.kpi.section for r in results):
        st.subheader(section, anchor=False)
        rows = [r for r in results if r.kpi.section == section]
        for start in range(0, len(rows), COLUMNS):
            for column, result in zip(
                st.columns(COLUMNS), rows[start : start + COLUMNS], strict=False
            ):
                with column:
                    tile(database, actor, result, view)


def _empty(result: Result) -> bool:
    return result.frame.height == 0 or not result.value
