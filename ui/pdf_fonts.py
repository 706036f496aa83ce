"""The fonts every PDF of Habiter is drawn in: DejaVu Sans, embedded in the file.

Helvetica (reportlab's default) is not embedded: the reader substitutes a font of its
own, and it has no narrow no-break space, the thousands separator of French numbers.
DejaVu Sans has every character a French text uses; it comes from Debian's
fonts-dejavu-core package, installed by the Makefile."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_FOLDER = Path("/usr/share/fonts/truetype/dejavu")
# The name a style gives -> the file of the face.
FACES = {
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
}
REGULAR, BOLD, ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"


class FontsMissing(RuntimeError):
    """The DejaVu files are not on this machine."""


@cache
def register() -> str:
    """Registers the four faces once, so that <b> and <i> in a Paragraph find theirs;
    returns the regular face's name."""
    missing = [name for name in FACES.values() if not (FONT_FOLDER / name).is_file()]
    if missing:
        raise FontsMissing(
            "Les polices DejaVu manquent sur ce serveur ("
            + ", ".join(missing)
            + ") : installez le paquet Debian fonts-dejavu-core (make run le fait)."
        )
    for face, file in FACES.items():
        pdfmetrics.registerFont(TTFont(face, str(FONT_FOLDER / file)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, "DejaVuSans-BoldOblique")
    return REGULAR
