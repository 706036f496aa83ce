"""« Exporter tout le dossier (droit d'accès) »: everything held about the household, as a
readable French PDF and as JSON, built on a click and logged as an export."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from xml.sax.saxutils import escape

import streamlit as st
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

import queries
from db import rules
from db.french import fr_amount, fr_date, fr_datetime, fr_int
from db.logs.describe import describe_diff
from db.privacy import access_export
from db.privacy.access_fields import AMOUNTS
from ui import pdf_fonts, pdf_pages

BUTTON = "Exporter tout le dossier (droit d'accès)"
WIDTH = A4[0] - 4 * cm
MARGIN = 2 * cm


def _value(column: str, value, codes: dict) -> str:
    if value is None or value == "":
        return "—"
    if column in codes and value in codes[column]:
        return codes[column][value]
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, datetime):
        return fr_datetime(value)
    if isinstance(value, date):
        return fr_date(value)
    if column in AMOUNTS and isinstance(value, int | float | Decimal):
        return fr_amount(value)
    return str(value)


def _cells(table: str, row: dict, section: dict) -> list[tuple[str, str]]:
    """(label, text) of one record; an audit row reads as one sentence of its changes."""
    labels, codes = section["libelles"], section["codes"]
    shown = []
    for column, value in row.items():
        if table == "audit_log" and column == "diff":
            text = describe_diff(row.get("entity"), value, action=row.get("action"))
        else:
            text = _value(column, value, codes)
        shown.append((labels.get(column, column), text))
    return shown


def _text(value, style) -> Paragraph:
    return Paragraph(escape(str(value)).replace("\n", "<br/>"), style)


def _styles():
    font = pdf_fonts.register()
    base = getSampleStyleSheet()
    styles = {
        name: base[name].clone(name + "_dv", fontName=font)
        for name in ("BodyText", "Heading2", "Title")
    }
    styles["Heading2"].fontName = styles["Title"].fontName = pdf_fonts.BOLD
    styles["small"] = styles["BodyText"].clone("small_dv", fontSize=8, leading=10)
    return styles


def _record(table: str, row: dict, section: dict, small) -> Table:
    cells = [
        [_text(label, small), _text(text, small)] for label, text in _cells(table, row, section)
    ]
    grid = Table(cells, colWidths=[0.35 * WIDTH, 0.65 * WIDTH])
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, -1), colors.whitesmoke),
            ]
        )
    )
    return grid


def to_pdf(export: dict) -> bytes:
    """The export as an A4 PDF in DejaVu Sans: one heading per section, one small table
    per record, numbered pages, the association as author."""
    styles = _styles()
    body = styles["BodyText"]
    story = [
        _text(f"Droit d'accès — dossier {export['dossier'] or '—'}", styles["Title"]),
        _text(f"{export['association']}, le {fr_datetime(export['exporte_le'])}", body),
        Spacer(1, 0.3 * cm),
        _text("Notes privées", styles["Heading2"]),
    ]
    story += [_text(line, body) for line in export["notes_privees"]["texte"]]
    for table, section in export["sections"].items():
        rows = section["lignes"]
        title = f"{section['titre']} ({fr_int(len(rows))})"
        story += [Spacer(1, 0.4 * cm), _text(title, styles["Heading2"])]
        if not rows:
            story.append(_text("Aucune donnée.", body))
        for row in rows:
            story += [_record(table, row, section, styles["small"]), Spacer(1, 0.2 * cm)]
    buffer = io.BytesIO()
    title = f"Droit d'accès — dossier {export['dossier']}"
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author=export["association"],
        creator=export["association"],
    )
    document.build(
        story,
        canvasmaker=pdf_pages.numbered_canvas(
            f"{export['association']} — {title}", colors.grey, MARGIN
        ),
    )
    return buffer.getvalue()


def _reviewed_notes(database, actor, household_id: int, key: str) -> frozenset:
    """The maker's own private notes on this file, each with a box to tick once reread:
    only ticked ones go into the export (rules.private_note_in_access_export)."""
    found = queries.run(
        database,
        "households/contacts",
        household_id=household_id,
        viewer=actor.username,
        limit=None,
        offset=0,
    )
    own = [
        row
        for row in found.iter_rows(named=True)
        if row["private_note"] and rules.can_read_private_note(actor, row)
    ]
    if not own:
        return frozenset()
    st.markdown("**Vos notes privées sur ce dossier**")
    st.caption(
        "Relisez chacune et cochez celles à communiquer : rien qui porte atteinte aux droits "
        "d'une autre personne (un membre du ménage, un tiers nommé). Les notes privées des "
        "autres intervenant·es n'y figurent jamais : l'export dit combien il en laisse de côté."
    )
    return frozenset(
        row["id"]
        for row in own
        if st.checkbox(
            f"{fr_date(row['contact_on'])} : {row['private_note']}", key=f"{key}_note_{row['id']}"
        )
    )


def button(database, actor, household_id: int) -> None:
    """The export, for direction, admin and the file's referent; the files once built."""
    household = queries.run_one(database, "households/header", household_id=household_id)
    if not rules.can_make_access_export(actor, household):
        return
    key = f"access_export_{household_id}"
    with st.expander(BUTTON, icon=":material/download:"):
        reviewed = _reviewed_notes(database, actor, household_id, key)
        if st.button(BUTTON, key=f"{key}_button", icon=":material/download:"):
            export = access_export.collect(database, household_id, actor, reviewed)
            st.session_state[key] = (
                export["dossier"],
                to_pdf(export),
                access_export.to_json(export),
                export["notes_privees"]["texte"],
            )
            access_export.record(database, actor, household_id, "PDF et JSON")
        if key in st.session_state:
            _downloads(key)


def _downloads(key: str) -> None:
    number, pdf, data, said = st.session_state[key]
    for line in said:
        st.caption(line)
    left, right = st.columns(2)
    left.download_button(
        "Télécharger le PDF",
        pdf,
        file_name=f"droit-acces-{number}.pdf",
        mime="application/pdf",
        key=f"{key}_pdf",
        on_click="ignore",
    )
    right.download_button(
        "Télécharger le JSON",
        data,
        file_name=f"droit-acces-{number}.json",
        mime="application/json",
        key=f"{key}_json",
        on_click="ignore",
    )
