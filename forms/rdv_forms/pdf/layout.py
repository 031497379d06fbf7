"""Document → A4 pages: words measured with the font's own advance widths, lines broken and
justified, blocks flowed onto pages with headings kept with what follows, page numbers.

The wording comes from the document model only; this module decides where it goes, as
`render/odt.py` does for a word processor. Sizes and spacing are settings at the top.
"""

from __future__ import annotations

import re
from collections.abc import Callable

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
    plain,
)
from .fonts import MissingGlyphs, clean, font
from .writer import A4, MM, Page

MARGINS = {"top": 20 * MM, "bottom": 22 * MM, "left": 22 * MM, "right": 20 * MM}
BODY_SIZE = 11.0
LEADING = 1.32  # line height / font size
INDENT = 90 * MM  # recipient and signature blocks, as in the .odt
FOOTER_SIZE = 8.5

# Paragraph style → (size, bold, italic, align, left indent, right indent, before, after)
PARAGRAPHS = {
    "body": (BODY_SIZE, False, False, "justify", 0, 0, 0, 2.5 * MM),
    "quote": (10.0, False, True, "justify", 10 * MM, 10 * MM, 0, 2.5 * MM),
    "address": (BODY_SIZE, False, False, "left", 0, 0, 0, 4 * MM),
    "recipient": (BODY_SIZE, False, False, "left", INDENT, 0, 0, 5 * MM),
    "right": (BODY_SIZE, False, False, "right", 0, 0, 0, 5 * MM),
    "center": (BODY_SIZE, False, False, "center", 0, 0, 0, 2.5 * MM),
    "meta": (BODY_SIZE, True, False, "left", 0, 0, 0, 3 * MM),
    "note": (9.0, False, True, "left", 0, 0, 3 * MM, 2 * MM),
}
# Heading level → (size, italic, align, before, after)
HEADINGS = {
    1: (14.0, False, "center", 4 * MM, 3 * MM),
    2: (12.0, False, "left", 6 * MM, 3 * MM),
    3: (BODY_SIZE, True, "left", 4 * MM, 2 * MM),
}
LIST_INDENT = 8 * MM
TABLE_SIZE = 9.0
CELL_PADDING = 1.5 * MM


# A space where a line may break: not after « nor before » : ; ! ? (French typography,
# for what the person typed with plain spaces).
BREAKABLE = re.compile(r"(?<!«) (?![»:;!?])")


class Style:
    __slots__ = ("bold", "gray", "italic", "size")

    def __init__(self, size: float, bold: bool = False, italic: bool = False,
                 gray: float | None = None):  # fmt: skip
        self.size, self.bold, self.italic, self.gray = size, bold, italic, gray

    def but(self, **changes) -> Style:
        values = {name: getattr(self, name) for name in self.__slots__}
        return Style(**{**values, **changes})

    @property
    def face(self) -> str:
        return "bold" if self.bold else "regular"

    def width(self, text: str) -> float:
        return font(self.face).width(text, self.size)


class Word:
    """Pieces of text that stay together, and the space that may follow them."""

    __slots__ = ("pieces", "space", "width")

    def __init__(self, pieces: list[tuple[str, Style]]):
        self.pieces = pieces
        self.width = sum(style.width(text) for text, style in pieces)
        self.space = 0.0


class Layout:
    """Turns runs into measured words; collects characters the font cannot draw."""

    def __init__(self):
        self.missing: set[str] = set()
        self.cmap = font("regular").cmap  # the bold subset has the same characters

    def segments(self, runs: Runs, style: Style) -> list[tuple[str, Style]]:
        out: list[tuple[str, Style]] = []
        for run in runs:
            if isinstance(run, Break):
                out.append(("\n", style))
            elif isinstance(run, Blank):
                out.append((BLANK_LINE, style.but(gray=0.35)))
                if run.label:
                    small = style.but(size=style.size * 0.75, italic=True, gray=0.35)
                    out.append((f" ({run.label})", small))
            elif isinstance(run, Value):
                out.append((run.text, style))
            elif isinstance(run, Text) and run.style == "em":
                out.append((run.text, style.but(italic=not style.italic)))
            elif isinstance(run, Text) and run.style == "strong":
                out.append((run.text, style.but(bold=True)))
            else:
                out.append((run.text, style))
        return out

    def words(self, runs: Runs, style: Style) -> list[Word | None]:
        """Words, with None for a forced line break."""
        atoms: list[Word | None] = []
        pieces: list[tuple[str, Style]] = []

        def end_word(space_style: Style | None):
            if pieces:
                word = Word(list(pieces))
                if space_style is not None:
                    word.space = space_style.width(" ")
                atoms.append(word)
                pieces.clear()

        for text, piece_style in self.segments(runs, style):
            text = clean(text).replace("\r\n", "\n").replace("\r", "\n")
            for char in set(text) - {"\n", " "}:
                if char not in self.cmap:
                    self.missing.add(char)
                    text = text.replace(char, "")
            for line_index, line in enumerate(text.split("\n")):
                if line_index:
                    end_word(None)
                    atoms.append(None)
                for word_index, part in enumerate(BREAKABLE.split(line)):
                    if word_index:
                        end_word(piece_style)
                    if part:
                        pieces.append((part, piece_style))
        end_word(None)
        return atoms


class Line:
    __slots__ = ("height", "last", "size", "width", "words")

    def __init__(self, words: list[Word], last: bool):
        self.words = words
        self.last = last
        self.width = sum(w.width for w in words) + sum(w.space for w in words[:-1])
        self.size = max((s.size for w in words for _, s in w.pieces), default=BODY_SIZE)
        self.height = self.size * LEADING


def break_lines(atoms: list[Word | None], width: float, size: float) -> list[Line]:
    """Greedy line filling; a word wider than the line is cut between characters."""
    lines: list[Line] = []
    current: list[Word] = []
    used = 0.0
    for atom in atoms:
        if atom is None:
            lines.append(Line(current, True) if current else _empty(size))
            current, used = [], 0.0
            continue
        for word in _fit(atom, width):
            needed = used + (current[-1].space if current else 0) + word.width
            if current and needed > width + 0.01:
                lines.append(Line(current, False))
                current, used = [], 0.0
                needed = word.width
            current.append(word)
            used = needed
    if current:
        lines.append(Line(current, True))
    return lines or [_empty(size)]


def _empty(size: float) -> Line:
    line = Line([], True)
    line.size, line.height = size, size * LEADING
    return line


def _fit(word: Word, width: float) -> list[Word]:
    if word.width <= width:
        return [word]
    parts: list[Word] = []
    pieces: list[tuple[str, Style]] = []
    used = 0.0
    for text, style in word.pieces:
        chunk = ""
        for char in text:
            advance = style.width(char)
            if used + advance > width and (chunk or pieces):
                if chunk:
                    pieces.append((chunk, style))
                parts.append(Word(pieces))
                pieces, chunk, used = [], "", 0.0
            chunk += char
            used += advance
        if chunk:
            pieces.append((chunk, style))
    last = Word(pieces)
    last.space = word.space
    parts.append(last)
    return parts


def draw_line(page: Page, line: Line, x: float, top: float, width: float, align: str) -> None:
    baseline = top - line.size * (0.8 + (LEADING - 1) / 2)
    gaps = len(line.words) - 1
    extra = 0.0
    if align == "justify" and not line.last and gaps:
        extra = max(0.0, (width - line.width) / gaps)
    elif align == "right":
        x += width - line.width
    elif align == "center":
        x += (width - line.width) / 2
    for index, word in enumerate(line.words):
        trailing = index < gaps  # drawn, so that copied text keeps its spaces
        for piece_index, (text, style) in enumerate(word.pieces):
            if trailing and piece_index == len(word.pieces) - 1:
                text += " "
            page.text(x, baseline, text, style.face, style.size, italic=style.italic,
                      gray=style.gray)  # fmt: skip
            x += style.width(text)
        if trailing:
            x += extra + word.space - _space_drawn(word)


def _space_drawn(word: Word) -> float:
    _text, style = word.pieces[-1]
    return style.width(" ")


class Box:
    """Something of fixed height placed by the paginator."""

    __slots__ = ("before", "draw", "height", "keep")

    def __init__(self, height: float, draw: Callable[[Page, float, float], None],
                 before: float = 0.0, keep: bool = False):  # fmt: skip
        self.height, self.draw, self.before, self.keep = height, draw, before, keep


class Flow:
    """A document's blocks as boxes, in reading order."""

    def __init__(self, layout: Layout, width: float):
        self.layout = layout
        self.width = width
        self.boxes: list[Box] = []
        self.pending = 0.0  # space after the previous block

    def paragraph(self, runs: Runs, style: Style, *, align: str = "justify", left: float = 0,
                  right: float = 0, before: float = 0, after: float = 0,
                  keep: bool = False, marker: str = "") -> None:  # fmt: skip
        width = self.width - left - right
        lines = break_lines(self.layout.words(runs, style), width, style.size)
        space = self.pending + before
        for index, line in enumerate(lines):
            first = index == 0

            def draw(page, x, top, line=line, first=first):
                if first and marker:
                    page.text(x + left - LIST_INDENT * 0.75, top - line.size * (0.8 + (LEADING - 1)
                              / 2), marker, style.face, style.size)  # fmt: skip
                draw_line(page, line, x + left, top, width, align)

            # A paragraph's first line never ends a page alone; a heading keeps its text.
            keep_line = keep or (first and len(lines) > 1)
            self.boxes.append(Box(line.height, draw, space if first else 0.0, keep_line))
        self.pending = after

    def box(self, box: Box, after: float = 0.0) -> None:
        box.before += self.pending
        self.boxes.append(box)
        self.pending = after


def build(document: Document, width: float) -> Flow:
    layout = Layout()
    flow = Flow(layout, width)
    base = Style(BODY_SIZE)
    # The draft's reasons first, above an e-mail's « À » and « Objet » as in the other formats
    # (the letters are marked too when the référé is blocked); the mark is on every page.
    if document.draft is not None:
        intro = (Text(document.draft.intro),)
        flow.paragraph(intro, base.but(italic=True), align="left", after=1 * MM)
        for reason in document.draft.reasons:
            flow.paragraph((Text(reason),), base.but(italic=True), left=LIST_INDENT,
                           marker="–", after=1 * MM)  # fmt: skip
        flow.pending += 4 * MM
    for label, runs in document.headers:
        heading = (Text(french.typographie(f"{label} : "), "strong"), *runs)
        flow.paragraph(heading, base, align="left", after=2 * MM)
    if document.headers:
        flow.pending = 5 * MM
    for block in document.blocks:
        _block(flow, block, base)
    if layout.missing:
        raise MissingGlyphs("".join(sorted(layout.missing)))
    return flow


def _block(flow: Flow, block, base: Style) -> None:
    if isinstance(block, Heading):
        size, italic, align, before, after = HEADINGS[min(block.level, 3)]
        flow.paragraph(block.runs, Style(size, True, italic), align=align, before=before,
                       after=after, keep=True)  # fmt: skip
    elif isinstance(block, Paragraph):
        size, bold, italic, align, left, right, before, after = PARAGRAPHS.get(
            block.style, PARAGRAPHS["body"]
        )
        flow.paragraph(block.runs, Style(size, bold, italic), align=align, left=left,
                       right=right, before=before, after=after)  # fmt: skip
    elif isinstance(block, ItemList):
        for number, item in enumerate(block.items, start=1):
            marker = f"{number}." if block.ordered else "–"
            last = number == len(block.items)
            flow.paragraph(item, base, left=LIST_INDENT, marker=marker,
                           after=2.5 * MM if last else 1.5 * MM)  # fmt: skip
    elif isinstance(block, Table):
        _table(flow, block)
    elif isinstance(block, Signature):
        for index, line in enumerate(block.lines):
            flow.paragraph(line, base, align="left", left=INDENT,
                           before=8 * MM if index == 0 else 0)  # fmt: skip
        flow.pending += 4 * MM
    elif isinstance(block, ExhibitList):
        title = (Text(french.typographie(f"{block.title} :")),)
        flow.paragraph(title, base.but(bold=True), align="left", after=2 * MM, keep=True)
        for exhibit in block.items:
            label = Text(exhibit.label + french.typographie(" : "))
            flow.paragraph((label, *exhibit.description), base, align="left",
                           left=5 * MM, after=1 * MM)  # fmt: skip
        flow.pending += 2 * MM
    else:
        raise TypeError(f"unknown block {type(block).__name__}")


def _table(flow: Flow, table: Table) -> None:
    columns = len(table.header)
    weights = []
    for column, title in enumerate(table.header):
        longest = max(
            [len(title), *(len(plain(row[column])) for row in table.rows if column < len(row))]
        )
        weights.append(max(4, min(longest, 40)))
    style = Style(TABLE_SIZE)
    rows = [tuple((Text(title),) for title in table.header), *table.rows]
    # Never narrower than the longest word of the column: a short « N° » is not cut in two.
    least = [
        2 * CELL_PADDING
        + max(
            (
                word.width
                for index, row in enumerate(rows)
                if column < len(row)
                for word in flow.layout.words(row[column], style.but(bold=index == 0))
                if word is not None
            ),
            default=0,
        )
        for column in range(columns)
    ]
    widths = [flow.width * w / sum(weights) for w in weights]
    short = sum(max(0.0, least[c] - widths[c]) for c in range(columns))
    if short:
        spare = sum(max(0.0, widths[c] - least[c]) for c in range(columns))
        widths = [
            least[c]
            if widths[c] <= least[c]
            else widths[c] - (widths[c] - least[c]) * short / spare
            for c in range(columns)
        ]
    for index, row in enumerate(rows):
        cell_style = style.but(bold=True) if index == 0 else style
        cells = []
        for column in range(columns):
            runs = row[column] if column < len(row) else ()
            inner = widths[column] - 2 * CELL_PADDING
            cells.append(break_lines(flow.layout.words(runs, cell_style), inner, TABLE_SIZE))
        height = max(sum(line.height for line in lines) for lines in cells) + 2 * CELL_PADDING

        def draw(page, x, top, cells=cells, height=height):
            left = x
            for column, lines in enumerate(cells):
                page.rectangle(left, top - height, widths[column], height)
                y = top - CELL_PADDING
                for line in lines:
                    draw_line(page, line, left + CELL_PADDING, y,
                              widths[column] - 2 * CELL_PADDING, "left")  # fmt: skip
                    y -= line.height
                left += widths[column]

        flow.box(Box(height, draw, keep=index == 0), after=4 * MM if index == len(rows) - 1 else 0)


def paginate(flow: Flow, size: tuple[float, float] = A4) -> list[Page]:
    _width, height = size
    top, bottom = height - MARGINS["top"], MARGINS["bottom"]
    pages = [Page(size)]
    y = top
    boxes = flow.boxes
    for index, box in enumerate(boxes):
        before = box.before if y < top else 0.0
        needed = before + box.height
        following = index + 1
        while boxes[following - 1].keep and following < len(boxes):
            needed += boxes[following].before + boxes[following].height
            following += 1
            if needed > top - bottom:
                break
        if y - needed < bottom and y < top:
            pages.append(Page(size))
            y, before = top, 0.0
        y -= before
        box.draw(pages[-1], MARGINS["left"], y)
        y -= box.height
    return pages


def number_pages(pages: list[Page]) -> None:
    """« page 1/3 » at the foot of every page."""
    total = len(pages)
    for index, page in enumerate(pages, start=1):
        label = f"page {index}/{total}"
        width = font("regular").width(label, FOOTER_SIZE)
        page.text((page.size[0] - width) / 2, MARGINS["bottom"] / 2, label, "regular",
                  FOOTER_SIZE, gray=0.3)  # fmt: skip


def mark_pages(pages: list[Page], mark: str) -> None:
    """« PROJET – dossier pas encore prêt » at the top and the foot of every page."""
    width = font("bold").width(mark, FOOTER_SIZE)
    for page in pages:
        x = (page.size[0] - width) / 2
        page.text(x, page.size[1] - MARGINS["top"] / 2, mark, "bold", FOOTER_SIZE)
        page.text(x, MARGINS["bottom"] / 2 + 1.6 * FOOTER_SIZE, mark, "bold", FOOTER_SIZE)


def document_pages(document: Document) -> list[Page]:
    """The pages of one document, numbered (and marked while the file is a draft)."""
    width = A4[0] - MARGINS["left"] - MARGINS["right"]
    pages = paginate(build(document, width))
    number_pages(pages)
    if document.draft is not None:
        mark_pages(pages, document.draft.mark)
    return pages
