"""« Tableau » of the capture pipeline: one column per stage with a card per lead, the
abandoned leads with their reason, and the forms that move, abandon, add and convert
leads (moving a lead to « Convention signée » opens its conversion form)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from db import catalog, clock
from db.errors import ValidationFailed
from db.housing import capture
from db.housing.models import AbandonIn, MoveIn
from ui import cached, forms, nav
from ui import format as fmt
from ui.households.edit import form_key, remember_shown, run_write, shown_version
from ui.housing import address
from ui.housing.capture_forms import conversion_form, new_lead_form
from ui.plain import md_escape
from ui.support.fields import choice_at, date_at, given, record_picker, text_at

CONVERT = "capture_convert"  # the lead whose conversion form opens after its move
MOVE_LABELS = {"stage": "Nouvelle étape", "moved_on": "Date", "reason": "Motif du retour"}
ABANDON_LABELS = {"abandoned_on": "Date d'abandon", "abandoned_reason": "Motif d'abandon"}


def board(database) -> pl.DataFrame:
    return cached.run(database, "housing/capture_board", today=clock.today())


def days_text(days: int) -> str:
    return "depuis aujourd'hui" if days == 0 else f"depuis {fmt.fr_int(days)} j"


def card(lead: dict) -> None:
    """One lead: owner, address, typology, rents, works, incentives, source, assignee, days.
    Typed text is escaped: it shows as typed, never read as Markdown."""
    where = " ".join(p for p in (lead["postal_code"], lead["commune"]) if p)
    incentives = ", ".join(catalog.label(catalog.INCENTIVE, c) for c in lead["incentives"])
    source = catalog.label(catalog.CAPTURE_SOURCE, lead["source"])
    lines = [
        " · ".join(
            part
            for part in (
                lead["typology"],
                f"proposé {fmt.fr_amount(lead['proposed_rent'])}",
                f"marché {fmt.fr_amount(lead['market_rent'])}",
            )
            if part
        ),
        f"Travaux : {lead['works_needed'] or '—'}",
        f"Incitations : {incentives or '—'}",
        f"{source} · {lead['assignee_name'] or 'sans chargé·e'}",
        f"À l'étape {days_text(lead['days_in_stage'])} ({fmt.fr_date(lead['stage_on'])})",
    ]
    if lead["dwelling_id"] is not None:
        lines.append("Logement dans le parc")
    elif lead["stage"] == capture.CONVENTION:
        lines.append("Logement et bail à enregistrer (ci-dessous)")
    with st.container(border=True):
        st.markdown(f"**{md_escape(lead['owner_name'] or '—')}**  \n{md_escape(lead['address'])}, "
                    f"{md_escape(where)}")  # fmt: skip
        st.caption("  \n".join(md_escape(line) for line in lines))


def show_columns(active: pl.DataFrame) -> None:
    columns = st.columns(len(catalog.CAPTURE_STAGE), gap="small")
    for column, (stage, label) in zip(columns, catalog.CAPTURE_STAGE.items(), strict=True):
        leads = active.filter(pl.col("stage") == stage)
        with column:
            st.markdown(f"**{label}** ({leads.height})")
            for lead in leads.iter_rows(named=True):
                card(lead)


def abandoned_table(abandoned: pl.DataFrame) -> pl.DataFrame:
    return (
        abandoned.sort("abandoned_on", descending=True)
        .select(
            pl.col("owner_name").alias("Propriétaire"),
            pl.concat_str("address", pl.lit(", "), "commune").alias("Adresse"),
            pl.col("stage")
            .replace_strict(catalog.CAPTURE_STAGE, default="—")
            .alias("Étape atteinte"),
            pl.col("abandoned_on").dt.strftime("%d/%m/%Y").alias("Abandonnée le"),
            pl.col("abandoned_reason")
            .replace_strict(catalog.ABANDON_REASON, default="—")
            .alias("Motif"),
            pl.col("assignee_name").alias("Chargé·e"),
        )
        .with_columns(pl.col(pl.String).fill_null("—"))
    )


def lead_name(lead: dict) -> str:
    stage = catalog.label(catalog.CAPTURE_STAGE, lead["stage"])
    return f"{lead['owner_name'] or '—'} — {lead['address']}, {lead['commune']} ({stage})"


def move_form(database, actor, active: pl.DataFrame) -> None:
    """Forward, stages skipped if need be, or back with a reason."""
    names = {lead["id"]: lead_name(lead) for lead in active.iter_rows(named=True)}
    chosen = record_picker("Piste à faire avancer", names, "capture_move_pick", "Choisir une piste")
    if chosen is None:
        return
    lead = active.filter(pl.col("id") == chosen).row(0, named=True)
    name = f"capture_move_{chosen}"
    version = shown_version("capture_lead", lead)
    errors, key = forms.form_errors(name), form_key(name)
    with st.form(key):
        forms.errors_summary(errors, MOVE_LABELS)
        c1, c2 = st.columns(2)
        others = {s: label for s, label in catalog.CAPTURE_STAGE.items() if s != lead["stage"]}
        with c1:
            stage = choice_at(errors, "stage", "Nouvelle étape", others, None, f"{key}_stage")
        with c2:
            on = date_at(errors, "moved_on", "Date", clock.today(), f"{key}_on")
        reason = text_at(
            errors, "reason", "Motif du retour (si la piste revient à une étape antérieure)", "",
            f"{key}_reason",
        )  # fmt: skip
        if st.form_submit_button("Enregistrer le passage", type="primary"):
            typed = given({"stage": stage, "moved_on": on, "reason": reason})
            run_write(
                lambda: move(database, actor, lead, version, typed),
                "Passage enregistré",
                name,
            )


def move(database, actor, lead: dict, version: int, typed: dict) -> None:
    if "stage" not in typed:
        raise ValidationFailed("Choisissez la nouvelle étape.", "stage")
    capture.move_lead(database, actor, lead["id"], version, MoveIn.model_validate(typed))
    if typed["stage"] == capture.CONVENTION:
        st.session_state[CONVERT] = lead["id"]


def abandon_form(database, actor, active: pl.DataFrame) -> None:
    names = {
        lead["id"]: lead_name(lead)
        for lead in active.iter_rows(named=True)
        if lead["dwelling_id"] is None
    }
    chosen = record_picker("Piste à abandonner", names, "capture_drop_pick", "Choisir une piste")
    if chosen is None:
        return
    lead = active.filter(pl.col("id") == chosen).row(0, named=True)
    name = f"capture_drop_{chosen}"
    version = shown_version("capture_lead", lead)
    errors, key = forms.form_errors(name), form_key(name)
    with st.form(key):
        forms.errors_summary(errors, ABANDON_LABELS)
        c1, c2 = st.columns(2)
        with c1:
            reason = choice_at(
                errors, "abandoned_reason", "Motif d'abandon", catalog.ABANDON_REASON, None,
                f"{key}_reason",
            )  # fmt: skip
        with c2:
            on = date_at(errors, "abandoned_on", "Date d'abandon", clock.today(), f"{key}_on")
        if st.form_submit_button("Abandonner la piste", type="primary"):
            typed = given({"abandoned_on": on, "abandoned_reason": reason})
            run_write(
                lambda: capture.abandon_lead(
                    database, actor, chosen, version, AbandonIn.model_validate(typed)
                ),
                "Piste abandonnée",
                name,
            )


def conversion_section(database, actor, active: pl.DataFrame, owners: pl.DataFrame) -> None:
    """Leads at « Convention signée » whose dwelling is not yet in the stock."""
    waiting = active.filter(
        (pl.col("stage") == capture.CONVENTION) & pl.col("dwelling_id").is_null()
    )
    if waiting.is_empty():
        return
    names = {lead["id"]: lead_name(lead) for lead in waiting.iter_rows(named=True)}
    just_moved = st.session_state.get(CONVERT)
    with st.expander("Convention signée : enregistrer le logement et son bail", expanded=True):
        if just_moved in names and st.session_state.get("capture_convert_pick") is None:
            st.session_state["capture_convert_pick"] = just_moved
        chosen = record_picker(
            "Piste dont la convention est signée", names, "capture_convert_pick",
            "Choisir une piste",
        )  # fmt: skip
        if chosen is not None:
            lead = waiting.filter(pl.col("id") == chosen).row(0, named=True)
            conversion_form(database, actor, lead, owners)


def opened_lead(leads: pl.DataFrame) -> None:
    """One lead on its own, kept in the address (?piste=…): a reload or a shared link
    opens it again."""
    names = {lead["id"]: lead_name(lead) for lead in leads.iter_rows(named=True)}
    address.open_from_address(address.LEAD, st.query_params.get("piste"), names)
    if st.session_state.get(address.LEAD.state_key) not in names:
        st.session_state.pop(address.LEAD.state_key, None)
    chosen = st.selectbox(
        "Ouvrir une piste", list(names), index=None, format_func=names.get,
        key=address.LEAD.state_key, placeholder="Choisir une piste pour la voir seule",
    )  # fmt: skip
    address.keep_in_address(address.LEAD, chosen)
    if chosen is None:
        return
    lead = leads.filter(pl.col("id") == chosen).row(0, named=True)
    card(lead)
    if lead["abandoned_on"] is not None:
        reason = catalog.label(catalog.ABANDON_REASON, lead["abandoned_reason"])
        st.caption(f"Piste abandonnée le {fmt.fr_date(lead['abandoned_on'])} : {reason}.")
    if lead["dwelling_id"] is not None:
        st.page_link(
            nav.page_path("housing"), label="Voir le logement dans le parc",
            icon=":material/apartment:",
            query_params={"onglet": "Logement", "logement": str(lead["dwelling_id"])},
        )  # fmt: skip


def show(database, actor) -> None:
    leads = board(database)
    if not leads.is_empty():
        opened_lead(leads)
    active = leads.filter(pl.col("abandoned_on").is_null())
    abandoned = leads.filter(pl.col("abandoned_on").is_not_null())
    owners = cached.run(database, "housing/capture_owners")
    if leads.is_empty():
        st.info("Aucune piste de captation pour l'instant : ajoutez un prospect ci-dessous.")
    else:
        show_columns(active)
    conversion_section(database, actor, active, owners)
    if not active.is_empty():
        with st.expander("Faire avancer une piste (ou la faire revenir en arrière)"):
            move_form(database, actor, active)
        with st.expander("Abandonner une piste"):
            abandon_form(database, actor, active)
    assignees = dict(cached.run(database, "housing/capture_assignees").iter_rows())
    with st.expander("Nouveau prospect"):
        new_lead_form(database, actor, owners, assignees)
    st.subheader("Pistes abandonnées", anchor=False)
    if abandoned.is_empty():
        st.caption("Aucune piste abandonnée.")
    else:
        st.dataframe(abandoned_table(abandoned), hide_index=True)
    remember_shown("capture_lead", leads.iter_rows(named=True))
