"""« Propriétaires »: the owners, each one's dwellings; add or edit an owner."""

from __future__ import annotations

import polars as pl
import streamlit as st

from db import catalog, clock
from db.housing import writes as housing
from db.housing.models import OwnerIn
from db.rules import Actor, can_edit_housing
from ui import cached, forms
from ui.households.edit import (
    form_key,
    keyed_version,
    remember_shown,
    run_write,
    send_key,
    shown_version,
)
from ui.housing import address, shape
from ui.plain import md_escape
from ui.support.fields import in_words
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


def owner_fields(current: dict, key: str, errors: dict) -> dict:
    c1, c2 = st.columns(2)
    data = {}
    with c1:
        data["kind"] = forms.select_keeping(
            LABELS["kind"], catalog.OWNER_KIND, current.get("kind"), f"{key}_kind"
        )
        forms.field_error(errors, "kind")
    for column, path in zip(
        [c2, c1, c2, c1, c2, c1],
        ["name", "phone", "email", "address", "postal_code", "commune"],
        strict=True,
    ):
        with column:
            data[path] = st.text_input(LABELS[path], current.get(path) or "", key=f"{key}_{path}")
            forms.field_error(errors, path)
    return data


def add_form(database, actor: Actor) -> None:
    name = "new_owner"
    errors = forms.form_errors(name)
    with st.form(form_key(name)):
        forms.errors_summary(errors, LABELS)
        data = owner_fields({}, form_key(name), errors)
        if st.form_submit_button("Ajouter le propriétaire", type="primary"):
            run_write(
                lambda: housing.add_owner(database, actor, OwnerIn.model_validate(data)),
                "Propriétaire ajouté",
                name,
            )


def edit_form(database, actor: Actor, owner: dict) -> None:
    name = f"owner_{owner['id']}"
    version = shown_version("owner", owner)
    keyed = keyed_version(name, "owner", owner)
    errors = forms.form_errors(name)
    with st.form(form_key(name)):
        forms.errors_summary(errors, LABELS)
        data = owner_fields(owner, f"{form_key(name)}_{keyed}", errors)
        if st.form_submit_button("Enregistrer le propriétaire", type="primary", key=send_key(name)):
            run_write(
                lambda: housing.update_owner(
                    database, actor, owner["id"], version, OwnerIn.model_validate(data)
                ),
                "Propriétaire enregistré",
                name,
                in_words("owner", data, LABELS),
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


def show(database, actor: Actor) -> None:
    owners = cached.run(database, "housing/owners")
    editor = can_edit_housing(actor)
    if editor:
        with st.expander("Ajouter un propriétaire", expanded=bool(forms.form_errors("new_owner"))):
            add_form(database, actor)
    if owners.height == 0:
        st.info("Aucun propriétaire enregistré.")
        return
    table = owners_table(owners)
    st.dataframe(table, hide_index=True, width="stretch", height=table_height(table.height))
    by_id = {row["id"]: row for row in owners.iter_rows(named=True)}
    address.open_from_address(address.OWNER, st.query_params.get("proprietaire"), by_id)
    if st.session_state.get(address.OWNER.state_key) not in by_id:
        st.session_state.pop(address.OWNER.state_key, None)
    chosen = st.selectbox(
        "Propriétaire", list(by_id), index=None, key=address.OWNER.state_key,
        format_func=lambda i: f"{by_id[i]['name']} (n° {i})",
        placeholder="Choisir un propriétaire pour voir ses logements",
    )  # fmt: skip
    address.keep_in_address(address.OWNER, chosen)
    if chosen is None:
        return
    owner = by_id[chosen]
    dwellings = cached.run(
        database, "housing/stock", programme=None, status=None, commune=None,
        typology=None, owner_id=chosen, today=clock.today(),
    )  # fmt: skip
    st.subheader(f"Logements de {md_escape(owner['name'])} : {dwellings.height}", anchor=False)
    if dwellings.height:
        shown = shape.screen_table(shape.stock_table(dwellings))
        st.dataframe(shown, hide_index=True, width="stretch")
    leads_of(database, owner)
    if editor:
        with st.expander(
            "Modifier le propriétaire", expanded=bool(forms.form_errors(f"owner_{chosen}"))
        ):
            edit_form(database, actor, owner)
        remember_shown("owner", [owner])
