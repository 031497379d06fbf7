"""Plain text: the e-mail body to paste, a letter to print from any editor, the golden files."""

from __future__ import annotations

from .. import french
from ..documents.model import (
    Document,
    ExhibitList,
    Heading,
    ItemList,
    Paragraph,
    Runs,
    Signature,
    Table,
    plain,
)
from .bidi import isolate

QUOTE_INDENT = "    "


def text_of(runs: Runs) -> str:
    return plain(runs, value=isolate)


def render_text(document: Document, *, headers: bool = True) -> str:
    """The whole document; `headers=False` leaves out « À » and « Objet » (a mailto: body)."""
    chunks = []
    draft = document.draft
    if draft is not None:  # a page-less format: the mark at the top and at the bottom
        reasons = [_hanging("– ", reason) for reason in draft.reasons]
        chunks.append("\n".join([f"*** {draft.mark} ***", draft.intro, *reasons]))
    if headers and document.headers:
        lines = [
            french.typographie(f"{name} : ") + text_of(runs) for name, runs in document.headers
        ]
        chunks.append("\n".join(lines))
    for block in document.blocks:
        if isinstance(block, Heading):
            chunks.append(text_of(block.runs))
        elif isinstance(block, Paragraph):
            text = text_of(block.runs)
            if block.style == "quote":
                text = "\n".join(QUOTE_INDENT + line for line in text.splitlines())
            chunks.append(text)
        elif isinstance(block, ItemList):
            lines = []
            for number, item in enumerate(block.items, start=1):
                marker = f"{number}." if block.ordered else "–"
                lines.append(_hanging(f"{marker} ", text_of(item)))
            chunks.append("\n".join(lines))
        elif isinstance(block, Table):
            lines = [" | ".join(block.header)]
            lines += [" | ".join(text_of(cell) for cell in row) for row in block.rows]
            chunks.append("\n".join(lines))
        elif isinstance(block, Signature):
            chunks.append("\n".join(text_of(line) for line in block.lines))
        elif isinstance(block, ExhibitList):
            lines = [french.typographie(f"{block.title} :")]
            for exhibit in block.items:
                label = exhibit.label + french.typographie(" : ")
                lines.append(label + text_of(exhibit.description))
            chunks.append("\n".join(lines))
        else:
            raise TypeError(f"unknown block {type(block).__name__}")
    if draft is not None:
        chunks.append(f"*** {draft.mark} ***")
    return "\n\n".join(chunk for chunk in chunks if chunk) + "\n"


def _hanging(marker: str, text: str) -> str:
    """A list item whose continuation lines line up after the marker."""
    indent = " " * len(marker)
    lines = text.splitlines() or [""]
    return "\n".join([marker + lines[0], *(indent + line for line in lines[1:])])
