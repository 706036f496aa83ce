"""The « Rapport d'activité » screen: choose a period, prepare the two files under a
progress bar that moves per indicator, log each one, then offer it once."""

from __future__ import annotations

import logging
from datetime import date

import streamlit as st

import queries.kpi as kpis
from db import clock, rules
from db.catalog import PROGRAMME
from db.errors import HabiterError
from db.households import writes as households
from queries.kpi import periods
from queries.kpi.periods import Period
from ui import cached
from ui import format as fmt
from ui import report as reports
from ui.dashboard import labels
from ui.exports import MIME
from ui.forms import checked_period, date_field
from ui.report import pdf, workbook

FIRST_YEAR = 2000
QUARTERS = {1: "1er trimestre", 2: "2e trimestre", 3: "3e trimestre", 4: "4e trimestre"}
FILES = {
    "xlsx": ("Télécharger le classeur Excel", MIME["xlsx"], ":material/table_view:"),
    "pdf": ("Télécharger le PDF", "application/pdf", ":material/picture_as_pdf:"),
}
LOG_WHAT = "activity_report"
PLACEHOLDER = "Choisir dans la liste"

_log = logging.getLogger(__name__)


def _year(label: str, key: str, default: int, container=st) -> int:
    this_year = clock.today().year
    years = list(range(this_year, FIRST_YEAR - 1, -1))
    return container.selectbox(
        label, years, index=years.index(default), key=key, placeholder=PLACEHOLDER
    )


def chosen_period() -> Period | None:
    """The period chosen on screen (by default the previous calendar year), or None, said
    in French, when it is incomplete, reversed or not begun."""
    today = clock.today()
    kinds = list(periods.KINDS)
    kind = st.radio(
        "Période", kinds, format_func=periods.KINDS.get, horizontal=True, key="report_kind"
    )
    c1, c2, _ = st.columns(3)
    if kind == "annee":
        period = periods.year(_year("Année", "report_year", today.year - 1, c1), today)
    elif kind == "trimestre":
        value = _year("Année", "report_q_year", today.year, c1)
        number = c2.selectbox(
            "Trimestre",
            list(QUARTERS),
            format_func=QUARTERS.get,
            key="report_quarter",
            placeholder=PLACEHOLDER,
        )
        period = periods.quarter(value, number, today)
    elif kind == "mois":
        value = _year("Année", "report_m_year", today.year, c1)
        number = c2.selectbox(
            "Mois",
            range(1, 13),
            index=today.month - 1,
            format_func=lambda m: periods.MONTHS[m - 1],
            key="report_month",
            placeholder=PLACEHOLDER,
        )
        period = periods.month(value, number, today)
    elif kind == "glissant":
        period = periods.rolling_year(today)
    elif kind == "dates":
        start = date_field("Du", date(today.year, 1, 1), key="report_start", container=c1)
        end = date_field("Au", today, key="report_end", container=c2)
        chosen = checked_period(start, end)
        if chosen is None:
            return None
        period = periods.dates(*chosen, today)
    else:
        last = _year("Dernière année", "report_last_year", today.year - 1, c1)
        period = periods.three_years(last, today)
    if period.start > today:
        st.warning("Cette période n'a pas encore commencé : choisissez-en une autre.")
        return None
    return period


def _choice(container, label: str, choices: dict, everyone: str, key: str):
    options = [None, *choices]
    return container.selectbox(
        label,
        options,
        format_func=lambda v: everyone if v is None else choices.get(v, v),
        key=key,
        placeholder=PLACEHOLDER,
    )


def chosen_filters(database) -> kpis.Filters:
    """The dashboard's filters, none by default (the whole association)."""
    with st.expander("Filtres (facultatifs : toute l'association sinon)"):
        c1, c2 = st.columns(2)
        communes = cached.run(database, "households/communes")["commune"].to_list()
        workers = dict(cached.run(database, "households/referents").iter_rows())
        kinds = labels.label_map(database, "MEASURE_KIND")
        filters = kpis.Filters(
            commune=_choice(c1, "Commune", {c: c for c in communes}, "Toutes", "report_commune"),
            programme=_choice(c2, "Dispositif", PROGRAMME, "Tous", "report_programme"),
            measure_kind=_choice(c1, "Type de mesure", kinds, "Tous", "report_measure"),
            worker=_choice(c2, "Référent·e", workers, "Toutes et tous", "report_worker"),
        )
        st.caption(
            "Chaque indicateur suit les filtres qui ont un sens pour lui ; le tableau "
            "« Actions et solutions trouvées » couvre toujours toute l'association."
        )
    return filters


Prepared = tuple[reports.Report, dict[str, bytes]]


def prepare(database, period: Period, filters: kpis.Filters) -> Prepared | None:
    """Both files, built under a progress bar; None, said in French, when they cannot be."""
    status = st.status("Préparation du rapport…", expanded=True)
    with status:
        bar = st.progress(0.0, text="Calcul des indicateurs…")

        def moved(offset: float, share: float, verb: str) -> reports.Progress:
            """The bar moved over its part [offset, offset + share] at each indicator."""

            def progress(done: int, total: int, what: str) -> None:
                part = offset + share * done / max(total, 1)
                bar.progress(min(part, 1.0), text=f"{verb} {what}")

            return progress

        try:
            report = reports.gather(database, period, progress=moved(0.0, 0.5, "Calculé :"))
            bar.progress(0.5, text="Écriture du classeur Excel…")
            files = {"xlsx": workbook.build(report)}
            files["pdf"] = pdf.build(report, moved(0.55, 0.45, "Mis en page :"))
        except Exception:
            _log.exception("Rapport d'activité impossible (%s)", period.label)
            status.update(label="Rapport impossible", state="error")
            st.error(
                "Le rapport n'a pas pu être préparé (erreur du serveur, détail dans son "
                "journal) : aucun fichier n'a été produit. Réessayez, ou prévenez "
                "l'administration si cela se reproduit."
            )
            return None
        bar.empty()
        status.update(
            label=(
                f"Rapport prêt : {fmt.fr_count(len(report.indicators), 'indicateur')}, "
                f"{report.span}"
            ),
            state="complete",
            expanded=False,
        )
    return report, files


def offer(database, actor: rules.Actor, report: reports.Report, files: dict[str, bytes]) -> None:
    """Each file logged, then offered once; one whose log failed is not handed out."""
    columns = st.columns(len(files))
    for column, (kind, data) in zip(columns, files.items(), strict=True):
        label, mime, icon = FILES[kind]
        try:
            households.record_export(database, actor, LOG_WHAT, f"{kind}, {report.period.label}")
        except HabiterError as exc:
            column.error(
                f"Le fichier {kind.upper()} n'a pas pu être inscrit au journal, il n'est donc "
                f"pas remis : {exc}"
            )
            continue
        column.download_button(
            label,
            data,
            file_name=reports.file_name(report, kind),
            mime=mime,
            key=f"report_{kind}_download",
            on_click="ignore",
            type="primary",
            icon=icon,
        )
    st.caption(
        "Chaque fichier est tracé et remis pour cette préparation seulement : à votre "
        "prochaine action sur cette page, préparez le rapport à nouveau si besoin."
    )


def show(database, actor: rules.Actor) -> None:
    st.caption(
        "Les indicateurs du tableau de bord pour toute l'association, comparés à la "
        "période précédente (le mois, le trimestre ou l'année d'avant), et le tableau "
        "« Actions et solutions trouvées » : un classeur Excel et un PDF à remettre aux "
        "financeurs."
    )
    period = chosen_period()
    if period is None:
        return
    text = f"Période retenue : {reports.span_text(period)} ({period.label})."
    if period.years > 1:
        text += " Chaque indicateur y est la moyenne des trois années."
    st.caption(text + " Les cumuls partent du premier jour de la période.")
    filters = chosen_filters(database)
    if not st.button("Préparer le rapport", key="report_prepare", type="primary"):
        return
    prepared = prepare(database, period, filters)
    if prepared is not None:
        offer(database, actor, *prepared)
