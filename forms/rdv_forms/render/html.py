"""An HTML fragment for the preview and for printing.

Every answer is escaped and wrapped in <bdi> (so an Arabic name does not reorder the French
around it). No inline style and no script: the site's Content-Security-Policy forbids both;
the look comes from the site's stylesheet through the `rdv-` classes.
"""

from __future__ import annotations

from .. import french
from ..documents.model import (
    BLANK_LINE,
    Blank,
    Break,
    Document,
    ExhibitList,
    Heading,
    ItemList,
    Paragraph,
    Runs,
    Signature,
    Table,
    Text,
    Value,
)
from .escaping import escape


def inline(runs: Runs) -> str:
    parts = []
    for run in runs:
        if isinstance(run, Break):
            parts.append("<br>")
        elif isinstance(run, Blank):
            label = escape(run.label)
            shown = f' <span class="rdv-blank__label">({label})</span>' if run.label else ""
            parts.append(f'<span class="rdv-blank" data-label="{label}">{BLANK_LINE}{shown}</span>')
        elif isinstance(run, Value):
            parts.append(f'<bdi class="rdv-value">{_lines(run.text)}</bdi>')
        elif isinstance(run, Text) and run.style in ("em", "strong"):
            parts.append(f"<{run.style}>{escape(run.text)}</{run.style}>")
        else:
            parts.append(escape(run.text))
    return "".join(parts)


def _lines(text: str) -> str:
    return "<br>".join(escape(line) for line in text.split("\n"))


def render_html(document: Document, *, heading_level: int = 3) -> str:
    """A <div>, not an <article>: the page around it gives the document its title."""
    kind = escape(document.kind)
    # The document's heading levels, made consecutive from `heading_level`: a letter may
    # go from a part heading straight to a sub-sub-heading; the page outline may not.
    used = sorted({b.level for b in document.blocks if isinstance(b, Heading)})
    ranks = {level: rank for rank, level in enumerate(used)}
    out = [f'<div class="rdv-doc rdv-doc--{kind}" lang="fr" dir="ltr">']
    draft = document.draft
    if draft is not None:  # at the top and the bottom; the print stylesheet may repeat it
        reasons = "".join(f"<li>{escape(reason)}</li>" for reason in draft.reasons)
        out.append(
            f'<div class="rdv-draft"><p class="rdv-draft__mark"><strong>{escape(draft.mark)}'
            f"</strong></p><p>{escape(draft.intro)}</p>"
            f'<ul class="rdv-list">{reasons}</ul></div>'
        )
    for name, runs in document.headers:
        label = escape(french.typographie(f"{name} : "))
        out.append(f'<p class="rdv-p rdv-p--meta">{label}{inline(runs)}</p>')
    previous = heading_level - 1
    for block in document.blocks:
        level = 0
        if isinstance(block, Heading):
            # Never deeper than one below the previous heading, whatever the model says.
            level = min(heading_level + ranks[block.level], previous + 1, 6)
            previous = level
        out.append(_block(block, level))
    if draft is not None:
        out.append(f'<p class="rdv-draft__mark"><strong>{escape(draft.mark)}</strong></p>')
    out.append("</div>")
    return "\n".join(out) + "\n"


def _block(block, level: int) -> str:
    if isinstance(block, Heading):
        return f'<h{level} class="rdv-h rdv-h--{block.level}">{inline(block.runs)}</h{level}>'
    if isinstance(block, Paragraph):
        if block.style == "quote":
            return f'<blockquote class="rdv-quote"><p>{inline(block.runs)}</p></blockquote>'
        return f'<p class="rdv-p rdv-p--{escape(block.style)}">{inline(block.runs)}</p>'
    if isinstance(block, ItemList):
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{inline(item)}</li>" for item in block.items)
        return f'<{tag} class="rdv-list">{items}</{tag}>'
    if isinstance(block, Table):
        head = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in block.header)
        rows = "".join(
            "<tr>" + "".join(f"<td>{inline(cell)}</td>" for cell in row) + "</tr>"
            for row in block.rows
        )
        return (
            f'<table class="rdv-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
        )
    if isinstance(block, Signature):
        lines = "".join(f"<p>{inline(line)}</p>" for line in block.lines)
        return f'<div class="rdv-signature">{lines}</div>'
    if isinstance(block, ExhibitList):
        items = "".join(
            "<li>"
            f"{escape(exhibit.label + french.typographie(' : '))}"
            f"{inline(exhibit.description)}</li>"
            for exhibit in block.items
        )
        title = escape(french.typographie(f"{block.title} :"))
        return (
            f'<div class="rdv-exhibits"><p class="rdv-exhibits__title">{title}</p>'
            f'<ul class="rdv-exhibits__list">{items}</ul></div>'
        )
    raise TypeError(f"unknown block {type(block).__name__}")
