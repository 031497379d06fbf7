"""Renderers: a `Document` as plain text, an HTML fragment, an OpenDocument text file or a PDF."""

from __future__ import annotations

from ..documents.model import Document
from ..i18n import Message, msg_pdf
from .html import render_html
from .odt import render_odt
from .text import render_text

# The formats the browser has from the first visit on.
FORMATS = ("text", "html", "odt")
# Made by code (and a font) the browser downloads only when a person asks for them.
ON_DEMAND = ("pdf",)
ALL_FORMATS = FORMATS + ON_DEMAND
MEDIA_TYPES = {
    "text": "text/plain; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "odt": "application/vnd.oasis.opendocument.text",
    "pdf": "application/pdf",
}


class UnsupportedCharacters(ValueError):
    """Some characters of the answers have no glyph in the PDF's font: say which, and why."""

    def __init__(self, characters: str):
        super().__init__(characters)
        self.characters = characters
        shown = " ".join(f"« {char} » (U+{ord(char):04X})" for char in characters[:8])
        self.message: Message = msg_pdf(
            "Le PDF ne peut pas écrire ces caractères : %(caracteres)s. Écrivez ce champ en "
            "lettres latines, comme sur le passeport, ou choisissez le format .odt.",
            caracteres=shown,
        )


def render(document: Document, fmt: str = "text", *, heading_level: int = 3) -> str | bytes:
    """`text` and `html` give `str`; `odt` and `pdf` give `bytes`.

    `heading_level` is the HTML level of the document's top headings, so the fragment fits
    the outline of the page it is inserted in.
    """
    if fmt == "text":
        return render_text(document)
    if fmt == "html":
        return render_html(document, heading_level=heading_level)
    if fmt == "odt":
        return render_odt(document)
    if fmt == "pdf":  # raises UnsupportedCharacters for text its font cannot draw
        from .pdf import render_pdf

        return render_pdf(document)
    raise ValueError(f"unknown format {fmt!r}: choose among {', '.join(ALL_FORMATS)}")


__all__ = [
    "ALL_FORMATS",
    "FORMATS",
    "MEDIA_TYPES",
    "ON_DEMAND",
    "render",
    "render_html",
    "render_odt",
    "render_text",
]
