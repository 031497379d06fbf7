"""The document model: what a document says, independent of how it is rendered.

A `Document` is a title, a file name and a sequence of blocks. Inside a block, text is a
sequence of runs: the document's own wording (`Text`), a value taken from the answers
(`Value`, which every renderer escapes and isolates), or a `Blank` to fill in by hand.
"""

from __future__ import annotations

from collections.abc import Callable

from ..records import field, record


@record
class Text:
    text: str
    style: str = ""  # "" | "em" | "strong"


@record
class Value:
    """Something the person typed (or a date computed from it)."""

    text: str


@record
class Blank:
    """A dotted line to fill in by hand; `label` says what goes there."""

    label: str


@record
class Break:
    """A line break inside a paragraph (address blocks)."""


Run = Text | Value | Blank | Break
Runs = tuple[Run, ...]


@record
class Heading:
    runs: Runs
    level: int = 1


@record
class Paragraph:
    runs: Runs
    # body | quote | address | recipient | right | center | meta | note
    style: str = "body"


@record
class ItemList:
    items: tuple[Runs, ...]
    ordered: bool = False


@record
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Runs, ...], ...]


@record
class Signature:
    """The place and date, the signatory's name, and room to sign."""

    lines: tuple[Runs, ...]


@record
class Exhibit:
    number: int
    description: Runs
    filename: str  # « 03-captures-ecran.pdf »: numbered, short, ASCII, no spaces
    label: str  # « Pièce n° 3 », before its description in the list


@record
class ExhibitList:
    title: str
    items: tuple[Exhibit, ...]


Block = Heading | Paragraph | ItemList | Table | Signature | ExhibitList


@record
class Draft:
    """The mark of a document made before the file is ready (issue 17): every renderer prints
    `mark` on every page (at the top and the bottom where there are no pages), and `intro`
    with the `reasons` (the verdict's, in French) at the top."""

    mark: str  # « PROJET – dossier pas encore prêt »
    intro: str
    reasons: tuple[str, ...] = ()


@record
class Document:
    kind: str
    title: str
    filename: str  # a stem: renderers add « .odt », « .html », « .txt »
    blocks: tuple[Block, ...]
    subject: Runs = ()  # « Objet : … » of an e-mail or a message
    recipient: Runs = ()  # « À : … » of an e-mail
    exhibits: tuple[Exhibit, ...] = field(default=())
    # The names of the headers (« À », « Objet »): wording, so renderers hold none.
    recipient_label: str = ""
    subject_label: str = ""
    draft: Draft | None = None  # a court document made while the verdict is « not ready »

    def filename_for(self, fmt: str) -> str:
        return f"{self.filename}.{ {'text': 'txt'}.get(fmt, fmt) }"

    @property
    def subject_text(self) -> str:
        return plain(self.subject)

    @property
    def headers(self) -> tuple[tuple[str, Runs], ...]:
        """(« À », …), (« Objet », …): shown above the body, left out of a mailto: body."""
        shown = ((self.recipient_label, self.recipient), (self.subject_label, self.subject))
        for name, runs in shown:
            if runs and not name:
                raise ValueError(f"{self.kind}: a header without its name (recipient_label…)")
        return tuple((name, runs) for name, runs in shown if runs)


BLANK_LINE = "………………"


def plain(runs: Runs, value: Callable[[str], str] = str) -> str:
    """Runs as plain text; a blank shows as a dotted line followed by its label.

    `value` wraps what the person typed (the text renderer isolates it for bidi).
    """
    parts = []
    for run in runs:
        if isinstance(run, Break):
            parts.append("\n")
        elif isinstance(run, Blank):
            parts.append(f"{BLANK_LINE} ({run.label})" if run.label else BLANK_LINE)
        elif isinstance(run, Value):
            parts.append(value(run.text))
        else:
            parts.append(run.text)
    return "".join(parts)
