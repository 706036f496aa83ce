"""Forms of the « Mesures » tab: a new measure; for a running one, a review, a renewal
or its end (with the next review due and the latest end its kind allows)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from db import catalog, clock
from db.support import writes
from db.support.models import FIELD_LABELS, MeasureEndIn, MeasureIn, RenewalIn, ReviewIn
from ui import format as fmt
from ui import record_form as kit
from ui.plain import md_escape
from ui.record_form import Field, Wording
from ui.support.sections import measure_name, review_overdue

LABELS = {**FIELD_LABELS, "kind": "Type de mesure", "outcome": "Conclusion du bilan"}
RENEWAL_LABELS = {**LABELS, "renewed_on": "Renouvelée le", "new_end_on": "Nouvelle fin prévue"}
# Across two columns: the plan signed, the prescriber, then the start and the planned end.
TERMS = (
    Field("plan_signed_on", "Plan signé le", "date", key="signed"),
    Field("prescriber", "Prescripteur", key="pres"),
    Field("start_on", "Début", "date", key="start"),
    Field("planned_end_on", "Fin prévue", "date", key="end"),
)
REVIEW = (
    Field("review_on", "Date du bilan", "date", key="on"),
    Field("outcome", "Conclusion du bilan", "area"),
)
RENEWAL = (
    Field("renewed_on", "Renouvelée le", "date", key="on"),
    Field("new_end_on", "Nouvelle fin prévue", "date", key="end"),
)
NEW_MEASURE = Wording("Ajouter la mesure", "Mesure enregistrée", LABELS)
FIX_TERMS = Wording("Enregistrer la mesure", "Mesure modifiée", LABELS, primary=False)
NEW_REVIEW = Wording("Enregistrer le bilan", "Bilan enregistré", LABELS)
RENEW = Wording("Renouveler la mesure", "Mesure renouvelée", RENEWAL_LABELS)
END_MEASURE = Wording("Mettre fin à la mesure", "Mesure terminée", LABELS, primary=False)
END = (
    Field("end_on", "Fin", "date", key="on"),
    Field("end_reason", "Motif de fin", "choice", catalog.MEASURE_END_REASON, key="reason"),
)


def kind_choices(kinds: pl.DataFrame) -> dict[str, str]:
    """The kinds offered for a new measure: the list's active entries."""
    return {k["code"]: k["label"] for k in kinds.iter_rows(named=True) if k["active"]}


def maximum_caption(kinds: pl.DataFrame) -> None:
    limited = [
        f"{md_escape(k['label'])} : {k['max_months']} mois"  # a label an admin typed
        for k in kinds.iter_rows(named=True)
        if k["active"] and k["max_months"]
    ]
    if limited:
        st.caption("Durée maximale, renouvellements compris : " + " ; ".join(limited) + ".")


def add_measure_form(database, actor, household_id: int, kinds: pl.DataFrame) -> None:
    choices = kind_choices(kinds)
    if not choices:
        st.info("Aucun type de mesure n'est proposé : l'administration peut en ajouter.")
        return
    # In two columns: the kind, the start and the plan signed; the prescriber, the end.
    fields = (
        Field("kind", "Type de mesure", "choice", choices),
        Field("prescriber", "Prescripteur"),
        Field("start_on", "Début", "date", key="start"),
        Field("planned_end_on", "Fin prévue", "date", key="end"),
        Field("plan_signed_on", "Plan signé le", "date", key="signed"),
    )
    new = {"kind": next(iter(choices)), "start_on": clock.today()}

    def draw(errors: dict, key: str) -> dict:
        maximum_caption(kinds)
        return kit.draw_fields(fields, errors, new, key)

    kit.add_form(
        f"add_measure_{household_id}",
        NEW_MEASURE,
        draw,
        kit.adding(writes.add_measure, MeasureIn, database, actor, household_id),
    )


def follow_measure(database, actor, household_id: int, measures: pl.DataFrame) -> None:
    """Pick a running measure, see what is due, then correct its terms, review, renew or
    end it."""
    running = measures.filter(pl.col("end_on").is_null())
    if running.height == 0:
        st.caption("Aucune mesure en cours à suivre.")
        return
    measure = kit.picked_record(
        "Mesure en cours",
        running,
        measure_name,
        f"follow_measure_{household_id}",
        "Choisir une mesure",
    )
    if measure is None:
        return
    measure_dates(measure)
    st.markdown("**Plan signé, prescripteur, dates**")
    terms_form(database, actor, household_id, measure)
    st.markdown("**Bilan**")
    review_form(database, actor, household_id, measure)
    st.markdown("**Renouvellement**")
    renewal_form(database, actor, household_id, measure)
    st.markdown("**Fin de la mesure**")
    end_form(database, actor, household_id, measure)


def measure_dates(measure: dict) -> None:
    due = f"Prochain bilan attendu le {fmt.fr_date(measure['review_due_on'])}"
    if review_overdue(measure, clock.today()):
        st.markdown(f":red[**{due} : en retard.**]")
    else:
        st.markdown(due + ".")
    latest = measure["latest_end_on"]
    st.markdown(
        f"Fin prévue le {fmt.fr_date(measure['planned_end_on'])} ; "
        + (f"fin au plus tard le {fmt.fr_date(latest)}." if latest else "pas de durée maximale.")
    )


def terms_form(database, actor, household_id: int, measure: dict) -> None:
    """The three-party plan is signed in the first month, after the start: its date, the
    prescriber and the dates are corrected here (the kind stays; the maximum still holds)."""
    kind = {"kind": measure["kind"]}
    kit.change_form(
        f"terms_{household_id}_{measure['id']}",
        "support_measure",
        measure,
        FIX_TERMS,
        lambda errors, key: kind | kit.draw_fields(TERMS, errors, measure, key),
        kit.changing(
            writes.update_measure, MeasureIn, database, actor, household_id, measure["id"]
        ),
    )


def review_form(database, actor, household_id: int, measure: dict) -> None:
    new = {"review_on": clock.today()}
    kit.add_form(
        f"review_{household_id}_{measure['id']}",
        NEW_REVIEW,
        lambda errors, key: kit.draw_fields(REVIEW, errors, new, key, columns=1),
        lambda typed: writes.add_review(
            database, actor, household_id, measure["id"], ReviewIn.model_validate(typed)
        ),
    )


def renewal_form(database, actor, household_id: int, measure: dict) -> None:
    new = {"renewed_on": clock.today()}
    kit.change_form(
        f"renew_{household_id}_{measure['id']}",
        "support_measure",
        measure,
        RENEW,
        lambda errors, key: kit.draw_fields(RENEWAL, errors, new, key),
        kit.changing(writes.renew_measure, RenewalIn, database, actor, household_id, measure["id"]),
    )


def end_form(database, actor, household_id: int, measure: dict) -> None:
    new = {"end_on": clock.today()}
    kit.change_form(
        f"end_measure_{household_id}_{measure['id']}",
        "support_measure",
        measure,
        END_MEASURE,
        lambda errors, key: kit.draw_fields(END, errors, new, key),
        kit.changing(
            writes.end_measure, MeasureEndIn, database, actor, household_id, measure["id"]
        ),
    )
