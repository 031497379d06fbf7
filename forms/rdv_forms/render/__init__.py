"""Renderers: a `Document` as plain text, an HTML fragment, or an OpenDocument text file."""

from __future__ import annotations

from ..documents.model import Document
from .html import render_html
from .odt import render_odt
from .text import render_text

FORMATS = ("text", "html", "odt")
MEDIA_TYPES = {
    "text": "text/plain; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "odt": "application/vnd.oasis.opendocument.text",
}


def render(document: Document, fmt: str = "text", *, heading_level: int = 3) -> str | bytes:
    """`text` and `html` give `str`; `odt` gives `bytes`.

    `heading_level` is the HTML level of the document's top headings, so the fragment fits
    the outline of the page it is inserted in.
    """
    if fmt == "text":
        return render_text(document)
    if fmt == "html":
        return render_html(document, heading_level=heading_level)
    if fmt == "odt":
        return render_odt(document)
    raise ValueError(f"unknown format {fmt!r}: choose among {', '.join(FORMATS)}")


__all__ = ["FORMATS", "MEDIA_TYPES", "render", "render_html", "render_odt", "render_text"]
