"""PDF: the document on A4 pages, with page numbers, selectable text and an embedded font.

The work is done in `rdv_forms.pdf`, imported here only when a PDF is asked for: the
browser does not download it with the rest of the forms (see forms/README.md).
"""

from __future__ import annotations

from ..documents.model import Document
from ..i18n import Message, msg_pdf


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


def render_pdf(document: Document) -> bytes:
    from ..pdf import MissingGlyphs
    from ..pdf.layout import document_pages
    from ..pdf.writer import write

    try:
        pages = document_pages(document)
    except MissingGlyphs as missing:
        raise UnsupportedCharacters(missing.characters) from None
    return write(pages, title=document.title)
