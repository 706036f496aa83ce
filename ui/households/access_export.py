"""« Exporter tout le dossier (droit d'accès) »: everything held about the household, as a
readable French PDF and as JSON, built on a click and logged as an export."""

from __future__ import annotations

import io
from datetime import date, datetime
from xml.sax.saxutils import escape

import streamlit as st
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from db.french import fr_date, fr_datetime, fr_int
from db.privacy import access_export
from ui.report.text import pdf_safe

ROLES = ("direction", "admin")
BUTTON = "Exporter tout le dossier (droit d'accès)"
WIDTH = A4[0] - 4 * cm


def _value(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, datetime):
        return fr_datetime(value)
    if isinstance(value, date):
        return fr_date(value)
    if isinstance(value, dict):
        return " ; ".join(f"{key} : {_value(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_value(item) for item in value)
    return str(value)


def _text(value, style) -> Paragraph:
    return Paragraph(escape(pdf_safe(value)), style)


def to_pdf(export: dict, labels: dict[tuple[str, str], str]) -> bytes:
    """The export as an A4 PDF: one heading per section, one small table per record."""
    styles = getSampleStyleSheet()
    body, small = styles["BodyText"], styles["BodyText"].clone("small", fontSize=8, leading=10)
    story = [
        _text(f"Droit d'accès — dossier {export['dossier'] or '—'}", styles["Title"]),
        _text(f"Exporté le {fr_datetime(export['exporte_le'])}", body),
        _text(export["avertissement"], body),
    ]
    for table, section in export["sections"].items():
        rows = section["lignes"]
        title = f"{section['titre']} ({fr_int(len(rows))})"
        story += [Spacer(1, 0.4 * cm), _text(title, styles["Heading2"])]
        if not rows:
            story.append(_text("Aucune donnée.", body))
        for row in rows:
            cells = [
                [_text(labels.get((table, column), column), small), _text(_value(value), small)]
                for column, value in row.items()
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
            story += [grid, Spacer(1, 0.2 * cm)]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=f"Droit d'accès {export['dossier']}", author="Habiter"
    )
    document.build(story)
    return buffer.getvalue()


def button(database, actor, household_id: int) -> None:
    """The export button, for direction and admin; the files once built."""
    if not actor.has(*ROLES):
        return
    key = f"access_export_{household_id}"
    if st.button(BUTTON, key=f"{key}_button", icon=":material/download:"):
        export = access_export.collect(database, household_id)
        st.session_state[key] = (
            export["dossier"],
            to_pdf(export, access_export.labels(database)),
            access_export.to_json(export),
        )
        access_export.record(database, actor, household_id, "PDF et JSON")
    if key in st.session_state:
        number, pdf, data = st.session_state[key]
        st.caption(access_export.PRIVATE_NOTES)
        left, right = st.columns(2)
        left.download_button(
            "Télécharger le PDF", pdf, file_name=f"droit-acces-{number}.pdf",
            mime="application/pdf", key=f"{key}_pdf", on_click="ignore",
        )  # fmt: skip
        right.download_button(
            "Télécharger le JSON", data, file_name=f"droit-acces-{number}.json",
            mime="application/json", key=f"{key}_json", on_click="ignore",
        )  # fmt: skip
