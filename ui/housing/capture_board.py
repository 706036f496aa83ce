"""« Tableau » of the capture pipeline: one column per stage with its count and its most
urgent leads as cards, filtered by assignee, commune and age at the stage; every lead of
a stage and the abandoned leads in paged tables; the forms that move, abandon, add and
convert leads (moving a lead to « Convention signée » opens its conversion form), on a
lead drawn or found by the search. The database counts, filters and cuts: the screen
draws at most PER_STAGE cards per stage, whatever the association's size."""

from __future__ import annotations

import polars as pl
import streamlit as st

from db import catalog, clock
from db.errors import ValidationFailed
from db.housing import capture
from db.housing.models import AbandonIn, MoveIn
from ui import cached, nav
from ui import format as fmt
from ui import record_form as kit
from ui.housing import address, capture_lists, search
from ui.housing.capture_forms import ADDED, conversion_form, new_lead_form
from ui.plain import md_escape
from ui.record_form import (
    Field,
    Wording,
    draw_fields,
    given,
    remember_shown,
    shown_version,
    text_at,
)

CONVERT = "capture_convert"  # the lead whose conversion form opens after its move
MOVE_LABELS = {"stage": "Nouvelle étape", "moved_on": "Date", "reason": "Motif du retour"}
ABANDON_LABELS = {"abandoned_on": "Date d'abandon", "abandoned_reason": "Motif d'abandon"}
ABANDON_FIELDS = [
    Field("abandoned_reason", "Motif d'abandon", "choice", catalog.ABANDON_REASON, key="reason"),
    Field("abandoned_on", "Date d'abandon", "date", key="on"),
]


# Urgency of a lead: the days it has waited at its stage. The pipeline records no due date
# for a next step, and a lead left waiting is the one an owner forgets or lets to someone
# else: the longest at its stage comes first, on the board and in the stage's table.
PER_STAGE = 5  # cards drawn per stage; the rest is in « Toutes les pistes d'une étape »
AGES = {
    30: "Plus de 30 jours",
    90: "Plus de 3 mois",
    180: "Plus de 6 mois",
    365: "Plus d'un an",
}
PICKS = ("capture_move_pick", "capture_drop_pick", "capture_convert_pick")
ABANDONED = "abandonnees"


def chosen_filters(database, assignees: dict) -> dict:
    """Assignee, commune and age at the stage; None: any. The database filters."""
    communes = cached.run(database, "housing/capture_communes")["commune"].to_list()
    c1, c2, c3 = st.columns(3)
    return {
        "assignee": c1.selectbox(
            "Chargé·e",
            list(assignees),
            index=None,
            format_func=assignees.get,
            placeholder="Tous les chargé·es",
            key="capture_f_assignee",
        ),
        "commune": c2.selectbox(
            "Commune",
            communes,
            index=None,
            placeholder="Toutes les communes",
            key="capture_f_commune",
        ),
        "min_days": c3.selectbox(
            "À l'étape depuis",
            list(AGES),
            index=None,
            format_func=AGES.get,
            placeholder="Toute durée",
            key="capture_f_age",
        ),
    }


def urgent(database, filters: dict) -> pl.DataFrame:
    return cached.run(
        database,
        "housing/capture_leads_urgent",
        **filters,
        per_stage=PER_STAGE,
        today=clock.today(),
    )


def stage_counts(database, filters: dict) -> dict[str, int]:
    counts = cached.run(database, "housing/capture_counts", **filters, today=clock.today())
    return dict(counts.iter_rows())


def found_leads(database) -> pl.DataFrame:
    """The leads found by the search box (at most search.LIMIT)."""
    term = search.typed(
        "Chercher une piste",
        "capture_search",
        "Propriétaire, adresse, commune ou numéro de la piste",
    )
    if term is None:
        return pl.DataFrame()
    return lead_rows(database, term=term)


def lead_rows(database, term: str | None = None, lead_id: int | None = None) -> pl.DataFrame:
    return cached.run(
        database,
        "housing/capture_lead_search",
        term=term,
        lead_id=lead_id,
        limit=search.LIMIT,
        today=clock.today(),
    )


def with_kept(database, leads: pl.DataFrame, ids) -> pl.DataFrame:
    """`leads` and the leads `ids` names (already chosen in a picker, just moved, in the
    address) that are not among them: a choice stays when a search changes."""
    have = set(leads["id"].to_list()) if leads.height else set()
    frames = [leads] if leads.height else []
    for lead_id in {i for i in ids if isinstance(i, int) and i not in have}:
        frames.append(lead_rows(database, lead_id=lead_id))
    frames = [f for f in frames if f.height]
    if not frames:
        return pl.DataFrame()
    return pl.concat(frames, how="vertical_relaxed").unique("id", keep="first", maintain_order=True)


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
        st.markdown(
            f"**{md_escape(lead['owner_name'] or '—')}**  \n{md_escape(lead['address'])}, "
            f"{md_escape(where)}"
        )
        st.caption("  \n".join(md_escape(line) for line in lines))


def show_columns(cards: pl.DataFrame, counts: dict[str, int]) -> None:
    """Per stage its count (the database's) and its PER_STAGE most urgent leads."""
    columns = st.columns(len(catalog.CAPTURE_STAGE), gap="small")
    for column, (stage, label) in zip(columns, catalog.CAPTURE_STAGE.items(), strict=True):
        leads = cards.filter(pl.col("stage") == stage) if cards.height else cards
        total = counts.get(stage, 0)
        with column:
            st.markdown(f"**{label}** ({fmt.fr_int(total)})")
            for lead in leads.iter_rows(named=True):
                card(lead)
            if total > leads.height:
                others = fmt.fr_int(total - leads.height)
                st.caption(f"… et {others} autres : « Toutes les pistes d'une étape » ci-dessous.")


def lead_name(lead: dict) -> str:
    stage = catalog.label(catalog.CAPTURE_STAGE, lead["stage"])
    return f"{lead['owner_name'] or '—'} — {lead['address']}, {lead['commune']} ({stage})"


def chosen_lead(leads: pl.DataFrame, label: str, key: str) -> dict | None:
    """The lead a form acts on, picked among `leads` (a choice no longer offered is
    dropped); None until one is chosen."""
    search.drop_unoffered(key, set(leads["id"].to_list()))
    return kit.picked_record(label, leads, lead_name, key, "Choisir une piste")


def move_form(database, actor, active: pl.DataFrame) -> None:
    """Forward, stages skipped if need be, or back with a reason."""
    lead = chosen_lead(active, "Piste à faire avancer", "capture_move_pick")
    if lead is None:
        return
    version = shown_version("capture_lead", lead)
    others = {s: label for s, label in catalog.CAPTURE_STAGE.items() if s != lead["stage"]}

    def draw(errors: dict, key: str) -> dict:
        fields = [
            Field("stage", "Nouvelle étape", "choice", others),
            Field("moved_on", "Date", "date", key="on"),
        ]
        typed = draw_fields(fields, errors, {"moved_on": clock.today()}, key)
        reason = text_at(
            errors,
            "reason",
            "Motif du retour (si la piste revient à une étape antérieure)",
            "",
            f"{key}_reason",
        )
        return given(typed | {"reason": reason})

    kit.add_form(
        f"capture_move_{lead['id']}",
        Wording("Enregistrer le passage", "Passage enregistré", MOVE_LABELS),
        draw,
        lambda typed: move(database, actor, lead, version, typed),
    )


def move(database, actor, lead: dict, version: int, typed: dict) -> None:
    if "stage" not in typed:
        raise ValidationFailed("Choisissez la nouvelle étape.", "stage")
    capture.move_lead(database, actor, lead["id"], version, MoveIn.model_validate(typed))
    if typed["stage"] == capture.CONVENTION:
        st.session_state[CONVERT] = lead["id"]


def abandon_form(database, actor, active: pl.DataFrame) -> None:
    unconverted = active.filter(pl.col("dwelling_id").is_null())
    lead = chosen_lead(unconverted, "Piste à abandonner", "capture_drop_pick")
    if lead is None:
        return
    version = shown_version("capture_lead", lead)

    def draw(errors: dict, key: str) -> dict:
        return given(draw_fields(ABANDON_FIELDS, errors, {"abandoned_on": clock.today()}, key))

    kit.add_form(
        f"capture_drop_{lead['id']}",
        Wording("Abandonner la piste", "Piste abandonnée", ABANDON_LABELS),
        draw,
        lambda typed: capture.abandon_lead(
            database, actor, lead["id"], version, AbandonIn.model_validate(typed)
        ),
    )


def conversion_section(database, actor, active: pl.DataFrame) -> None:
    """Leads at « Convention signée » whose dwelling is not yet in the stock, among those
    drawn, found or just moved there."""
    if active.is_empty():
        return
    waiting = active.filter(
        (pl.col("stage") == capture.CONVENTION) & pl.col("dwelling_id").is_null()
    )
    if waiting.is_empty():
        return
    just_moved = st.session_state.get(CONVERT)
    with st.expander("Convention signée : enregistrer le logement et son bail", expanded=True):
        waiting_ids = waiting["id"].to_list()
        if just_moved in waiting_ids and st.session_state.get("capture_convert_pick") is None:
            st.session_state["capture_convert_pick"] = just_moved
        lead = chosen_lead(waiting, "Piste dont la convention est signée", "capture_convert_pick")
        if lead is not None:
            conversion_form(database, actor, lead)


def opened_lead(leads: pl.DataFrame) -> None:
    """One lead on its own, kept in the address (?piste=…): a reload or a shared link
    opens it again."""
    names = {lead["id"]: lead_name(lead) for lead in leads.iter_rows(named=True)}
    address.open_from_address(address.LEAD, st.query_params.get("piste"), names)
    if (added := st.session_state.pop(ADDED, None)) in names:
        # The least urgent of its stage, a new lead has no card: it opens here instead.
        st.session_state[address.LEAD.state_key] = added
    search.drop_unoffered(address.LEAD.state_key, names)
    chosen = st.selectbox(
        "Ouvrir une piste",
        list(names),
        index=None,
        format_func=names.get,
        key=address.LEAD.state_key,
        placeholder="Choisir une piste du tableau ou de la recherche pour la voir seule",
    )
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
            nav.page_path("housing"),
            label="Voir le logement dans le parc",
            icon=":material/apartment:",
            query_params={"onglet": "Logement", "logement": str(lead["dwelling_id"])},
        )


def kept_ids() -> list:
    """The leads a picker, a move or the address already names."""
    raw = st.query_params.get("piste")
    named = address.record_id(raw) if raw else None
    chosen = [st.session_state.get(k) for k in (*PICKS, address.LEAD.state_key)]
    return [*chosen, st.session_state.get(CONVERT), st.session_state.get(ADDED), named]


def show(database, actor) -> None:
    assignees = dict(cached.run(database, "housing/capture_assignees").iter_rows())
    filters = chosen_filters(database, assignees)
    counts = stage_counts(database, filters)
    cards = urgent(database, filters)
    if not counts and cards.is_empty():
        st.info(
            "Aucune piste de captation en cours avec ces filtres : ajoutez un prospect ci-dessous."
        )
    else:
        show_columns(cards, counts)
    # The leads a form may act on: those drawn, those found by the search, those chosen.
    drawn = [frame for frame in (cards, found_leads(database)) if frame.height]
    offered = pl.concat(drawn, how="vertical_relaxed") if drawn else pl.DataFrame()
    leads = with_kept(database, offered, kept_ids())
    if not leads.is_empty():
        opened_lead(leads)
    active = leads.filter(pl.col("abandoned_on").is_null()) if leads.height else leads
    conversion_section(database, actor, active)
    if not active.is_empty():
        with st.expander("Faire avancer une piste (ou la faire revenir en arrière)"):
            move_form(database, actor, active)
        with st.expander("Abandonner une piste"):
            abandon_form(database, actor, active)
    with st.expander("Nouveau prospect"):
        new_lead_form(database, actor, assignees)
    capture_lists.stage_section(database, filters)
    capture_lists.abandoned_section(database, filters)
    remember_shown("capture_lead", leads.iter_rows(named=True))
