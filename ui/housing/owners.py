"""« Propriétaires »: the owners (one page of them, cut by the database), each one's
dwellings; an owner found by a search; add or edit an owner."""

from __future__ import annotations

import polars as pl
import streamlit as st

import queries
from db import catalog, clock
from db.housing import writes as housing
from db.housing.models import OwnerIn
from db.rules import Actor, can_edit_housing
from ui import cached, forms, paging
from ui import format as fmt
from ui import record_form as kit
from ui.housing import address, search, shape
from ui.housing.stock import paged
from ui.plain import md_escape
from ui.record_form import Field, Wording, draw_fields, remember_shown
from ui.tables import table_height

LABELS = {
    "kind": "Type de propriétaire",
    "name": "Nom ou raison sociale",
    "phone": "Téléphone",
    "email": "E-mail",
    "address": "Adresse",
    "postal_code": "Code postal",
    "commune": "Commune",
}


def owners_table(owners: pl.DataFrame) -> pl.DataFrame:
    return owners.select(
        pl.col("name").alias("Nom"),
        pl.col("kind").replace_strict(catalog.OWNER_KIND, default=None).alias("Type"),
        pl.col("phone").alias("Téléphone"),
        pl.col("email").alias("E-mail"),
        pl.col("commune").alias("Commune"),
        pl.col("dwellings").cast(pl.String).alias("Logements"),
    ).with_columns(pl.col(pl.String).fill_null("—"))


OWNER = (
    Field("kind", LABELS["kind"], "choice", catalog.OWNER_KIND),
    *(Field(path, LABELS[path]) for path in LABELS if path != "kind"),
)


def owner_fields(current: dict, key: str, errors: dict) -> dict:
    """Across two columns: type and name, phone and e-mail, address and postal code, commune."""
    return draw_fields(OWNER, errors, current, key)


def add_form(database, actor: Actor) -> None:
    kit.add_form(
        "new_owner",
        Wording("Ajouter le propriétaire", "Propriétaire ajouté", LABELS),
        lambda errors, key: owner_fields({}, key, errors),
        lambda data: housing.add_owner(database, actor, OwnerIn.model_validate(data)),
    )


def edit_form(database, actor: Actor, owner: dict) -> None:
    kit.change_form(
        f"owner_{owner['id']}",
        "owner",
        owner,
        Wording("Enregistrer le propriétaire", "Propriétaire enregistré", LABELS),
        lambda errors, key: owner_fields(owner, key, errors),
        lambda version, data: housing.update_owner(
            database, actor, owner["id"], version, OwnerIn.model_validate(data)
        ),
    )


def leads_of(database, owner: dict) -> None:
    """The owner's capture leads: where each stands in the pipeline."""
    leads = cached.run(database, "housing/owner_leads", owner_id=owner["id"])
    st.subheader(
        f"Prospects de captation de {md_escape(owner['name'])} : {leads.height}", anchor=False
    )
    if leads.height == 0:
        return
    table = leads.select(
        pl.col("address").alias("Adresse"),
        pl.col("commune").alias("Commune"),
        pl.col("stage").replace_strict(catalog.CAPTURE_STAGE, default=None).alias("Étape"),
        pl.col("stage_on").dt.strftime("%d/%m/%Y").alias("Depuis le"),
        pl.col("abandoned_reason")
        .replace_strict(catalog.ABANDON_REASON, default=None)
        .alias("Abandon"),
    ).with_columns(pl.col(pl.String).fill_null("—"))
    st.dataframe(table, hide_index=True, width="stretch")


def chosen_owner(database) -> dict | None:
    """The owner whose sheet opens: found by the search (at most search.LIMIT offered), or
    named by the address (?proprietaire=…); the one chosen stays offered."""
    raw = st.query_params.get("proprietaire")
    named = address.record_id(raw) if raw else None
    choices = search.owners(
        database, "proprietaire_cherche", named, st.session_state.get(address.OWNER.state_key)
    )
    address.open_from_address(address.OWNER, raw, choices)
    search.drop_unoffered(address.OWNER.state_key, choices)
    chosen = st.selectbox(
        "Propriétaire",
        list(choices),
        index=None,
        key=address.OWNER.state_key,
        format_func=choices.get,
        placeholder="Choisir un propriétaire trouvé pour voir ses logements",
    )
    address.keep_in_address(address.OWNER, chosen)
    if chosen is None:
        return None
    return queries.run_one(database, "housing/owner", record_id=chosen)


def owner_dwellings(database, owner: dict) -> None:
    params = {
        "programme": None,
        "status": None,
        "commune": None,
        "typology": None,
        "owner_id": owner["id"],
        "dwelling_id": None,
        "today": clock.today(),
    }
    first = cached.run(database, "housing/stock", **params, limit=paging.PAGE_SIZE, offset=0)
    total = int(first["total"][0]) if first.height else 0
    st.subheader(f"Logements de {md_escape(owner['name'])} : {fmt.fr_int(total)}", anchor=False)
    if total == 0:
        return
    page = paging.pager(total, "proprietaire_logements_page", "logement")
    dwellings = (
        first
        if page.offset == 0
        else cached.run(database, "housing/stock", **params, limit=page.limit, offset=page.offset)
    )
    st.dataframe(shape.screen_table(shape.stock_table(dwellings)), hide_index=True, width="stretch")


def owners_page(database) -> pl.DataFrame:
    """One page of the owners, cut by the database, under its pager."""
    return paged(database, "housing/owners", {}, "proprietaires_page", "propriétaire")


def show(database, actor: Actor) -> None:
    editor = can_edit_housing(actor)
    if editor:
        with st.expander("Ajouter un propriétaire", expanded=bool(forms.form_errors("new_owner"))):
            add_form(database, actor)
    owners = owners_page(database)
    if owners.height == 0:
        st.info("Aucun propriétaire enregistré.")
        return
    table = owners_table(owners)
    st.dataframe(table, hide_index=True, width="stretch", height=table_height(table.height))
    owner = chosen_owner(database)
    if owner is None:
        return
    owner_dwellings(database, owner)
    leads_of(database, owner)
    if editor:
        with st.expander(
            "Modifier le propriétaire", expanded=bool(forms.form_errors(f"owner_{owner['id']}"))
        ):
            edit_form(database, actor, owner)
        remember_shown("owner", [owner])
