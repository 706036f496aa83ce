"""The dashboard's period and filters, each widget bound to the address (?periode=…): a view
is shared as a link and survives a reload. A social worker's figures are those of their
own caseload unless the team reads every file (setting)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

import queries.kpi as kpis
from db import catalog, clock, rules
from queries.kpi import periods
from ui import cached, forms
from ui.dashboard import labels

FIRST_YEAR = 2000
# A bound choice is kept in the address by its label: ?periode=Trimestre&trimestre=2e+trimestre
QUARTERS = {str(n): f"{n}{'er' if n == 1 else 'e'} trimestre" for n in range(1, 5)}
MONTHS = {str(n): name.capitalize() for n, name in enumerate(periods.MONTHS, start=1)}
ALL = "Tous"


@dataclass(frozen=True)
class View:
    period: periods.Period | None  # None while the chosen dates are incomplete or reversed
    filters: kpis.Filters
    since: date
    own_caseload: bool  # the figures are those of the reader's caseload only


def years(today: date) -> list[str]:
    return [str(y) for y in range(today.year, FIRST_YEAR - 1, -1)]


def bound_select(label: str, options: dict, key: str, placeholder: str, container=st, **kw):
    """A choice kept in the address under `key`; None means every value."""
    return container.selectbox(
        label,
        list(options),
        format_func=options.get,
        index=None,
        placeholder=placeholder,
        key=key,
        bind="query-params",
        **kw,
    )


def chosen_period(today: date) -> periods.Period | None:
    kind = st.segmented_control(
        "Période",
        list(periods.KINDS),
        format_func=periods.KINDS.get,
        default="annee",
        key="periode",
        bind="query-params",
        required=True,
    )
    kind = kind or "annee"
    c2, c3, _, _ = st.columns(4)
    if kind == "glissant":
        return periods.rolling_year(today)
    if kind == "dates":
        start = forms.date_field(
            "Du", date(today.year, 1, 1), key="du", container=c2, bind="query-params"
        )
        end = forms.date_field("Au", today, key="au", container=c3, bind="query-params")
        checked = forms.checked_period(start, end)
        return None if checked is None else periods.dates(*checked, today)
    label = "Dernière des trois années" if kind == "moyenne_3_ans" else "Année"
    year = int(
        c2.selectbox(
            label, years(today), key="annee", bind="query-params", placeholder="Choisir une année"
        )
        or today.year
    )
    if kind == "trimestre":
        default = str((today.month - 1) // 3 + 1) if year == today.year else "1"
        number = c3.selectbox(
            "Trimestre",
            list(QUARTERS),
            format_func=QUARTERS.get,
            index=list(QUARTERS).index(default),
            key="trimestre",
            bind="query-params",
            placeholder="Choisir un trimestre",
        )
        return periods.quarter(year, int(number or default), today)
    if kind == "mois":
        default = str(today.month) if year == today.year else "1"
        number = c3.selectbox(
            "Mois",
            list(MONTHS),
            format_func=MONTHS.get,
            index=int(default) - 1,
            key="mois",
            bind="query-params",
            placeholder="Choisir un mois",
        )
        return periods.month(year, int(number or default), today)
    if kind == "moyenne_3_ans":
        return periods.three_years(year, today)
    return periods.year(year, today)


def worker_filter(database, actor: rules.Actor, team_reads_all: bool, container) -> str | None:
    """The referent chosen; a social worker who reads only their caseload is locked to it."""
    if rules.own_caseload_only(actor, team_reads_all):
        container.selectbox(
            "Référent·e",
            [actor.display_name],
            disabled=True,
            key="referent_fixe",
            placeholder="Vous",
        )
        return actor.username
    workers = dict(cached.run(database, "households/referents").iter_rows())
    return bound_select("Référent·e", workers, "referent", "Toutes et tous", container)


def chosen_filters(database, actor: rules.Actor, team_reads_all: bool) -> kpis.Filters:
    c1, c2, c3, c4 = st.columns(4)
    communes = {c: c for c in cached.run(database, "households/communes")["commune"].to_list()}
    return kpis.Filters(
        commune=bound_select("Commune", communes, "commune", "Toutes les communes", c1),
        programme=bound_select("Dispositif", catalog.PROGRAMME, "dispositif", "Tous", c2),
        measure_kind=bound_select(
            "Mesure", labels.label_map(database, "MEASURE_KIND"), "mesure", "Toutes", c3
        ),
        worker=worker_filter(database, actor, team_reads_all, c4),
    )


def chosen_view(database, actor: rules.Actor, team_reads_all: bool) -> View:
    today = clock.today()
    period = chosen_period(today)
    filters = chosen_filters(database, actor, team_reads_all)
    since = forms.date_field(
        "Relogés cumulés depuis le",
        date(today.year - 2, 1, 1),
        key="depuis",
        container=st.columns(4)[0],
        bind="query-params",
    )
    own = rules.own_caseload_only(actor, team_reads_all)
    return View(period, filters, since or date(today.year - 2, 1, 1), own)
