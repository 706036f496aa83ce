"""The page furniture every PDF of Habiter shares: a footer line and « page n / total »."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ui import pdf_fonts


def numbered_canvas(footer: str, colour, margin: float, producer: str | None = None):
    """A canvas class that writes `footer` and « page n / total » at the foot of each page,
    once the total is known (every page is kept until the document is saved)."""

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            if producer:
                self.setProducer(producer)

        def showPage(self):  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(pdf_fonts.REGULAR, 8)
                self.setFillColor(colour)
                self.drawString(margin, margin / 2, footer)
                self.drawRightString(A4[0] - margin, margin / 2, f"page {number} / {total}")
                super().showPage()
            super().save()

    return NumberedCanvas
