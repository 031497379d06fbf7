"""PDF: the document on A4 pages, with page numbers, selectable text and an embedded font.

The work is done in `rdv_forms.pdf`. Neither is in the wheel the browser loads with the form
(see forms/README.md): `render()` imports this module only when a PDF is asked for.
"""

from __future__ import annotations

from ..documents.model import Document
from . import UnsupportedCharacters


def render_pdf(document: Document) -> bytes:
    from ..pdf import MissingGlyphs
    from ..pdf.layout import document_pages
    from ..pdf.writer import write

    try:
        pages = document_pages(document)
    except MissingGlyphs as missing:
        raise UnsupportedCharacters(missing.characters) from None
    return write(pages, title=document.title)


__all__ = ["UnsupportedCharacters", "render_pdf"]
