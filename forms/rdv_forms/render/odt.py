"""OpenDocument Text (.odt), editable in LibreOffice and Word, built with the standard library.

The package is a zip whose first entry is `mimetype`, stored uncompressed, so that tools can
recognise the file from its first bytes; then the manifest, the content, the styles (A4 page,
serif type, justified text, hyphenation) and the metadata with the title.
"""

from __future__ import annotations

import io
import zipfile

from .. import __version__, french
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
from .bidi import isolate

MIMETYPE = "application/vnd.oasis.opendocument.text"


def escape(text: str) -> str:
    """XML text content (xml.sax.saxutils would pull in urllib for nothing)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# A fixed timestamp: the same document always gives the same bytes.
ZIP_DATE = (2021, 5, 1, 0, 0, 0)

NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'office:version="1.3"'
)

PARAGRAPH_STYLES = {
    "body": "Corps",
    "quote": "Citation",
    "address": "Adresse",
    "recipient": "Destinataire",
    "right": "Droite",
    "center": "Centre",
    "meta": "Mention",
    "note": "Note",
}


def _spans(runs: Runs) -> str:
    out = []
    for run in runs:
        if isinstance(run, Break):
            out.append("<text:line-break/>")
        elif isinstance(run, Blank):
            label = f" ({run.label})" if run.label else ""
            out.append(
                f'<text:span text:style-name="Blanc">{BLANK_LINE}</text:span>'
                f'<text:span text:style-name="Libelle">{escape(label)}</text:span>'
            )
        elif isinstance(run, Value):
            lines = isolate(run.text).split("\n")
            out.append("<text:line-break/>".join(_text(line) for line in lines))
        elif isinstance(run, Text) and run.style in ("em", "strong"):
            name = "Accent" if run.style == "em" else "Fort"
            out.append(f'<text:span text:style-name="{name}">{_text(run.text)}</text:span>')
        else:
            out.append(_text(run.text))
    return "".join(out)


def _text(text: str) -> str:
    """Escape, keeping runs of spaces (ODF collapses them unless written as <text:s/>)."""
    escaped = escape(text)
    while "  " in escaped:
        escaped = escaped.replace("  ", ' <text:s text:c="1"/>', 1)
    return escaped


def _p(style: str, runs: Runs) -> str:
    return f'<text:p text:style-name="{style}">{_spans(runs)}</text:p>'


def _block(block, tables: list[str]) -> str:
    if isinstance(block, Heading):
        style = f"Titre_{min(block.level, 3)}"
        return (
            f'<text:h text:style-name="{style}" text:outline-level="{block.level}">'
            f"{_spans(block.runs)}</text:h>"
        )
    if isinstance(block, Paragraph):
        return _p(PARAGRAPH_STYLES.get(block.style, "Corps"), block.runs)
    if isinstance(block, ItemList):
        style = "Numeros" if block.ordered else "Tirets"
        items = "".join(
            f"<text:list-item>{_p('Liste', item)}</text:list-item>" for item in block.items
        )
        return f'<text:list text:style-name="{style}">{items}</text:list>'
    if isinstance(block, Table):
        return _table(block, tables)
    if isinstance(block, Signature):
        first = "Signature"
        lines = [
            _p(first if index == 0 else "SignatureSuite", line)
            for index, line in enumerate(block.lines)
        ]
        return "".join(lines)
    if isinstance(block, ExhibitList):
        title = _p("Mention", (Text(french.typographie(f"{block.title} :")),))
        items = "".join(
            _p(
                "Piece",
                (Text(exhibit.label + french.typographie(" : ")), *exhibit.description),
            )
            for exhibit in block.items
        )
        return title + items
    raise TypeError(f"unknown block {type(block).__name__}")


def _table(table: Table, tables: list[str]) -> str:
    name = f"Tableau{len(tables) + 1}"
    widths = []
    for column, title in enumerate(table.header):
        longest = max(
            [len(title), *(len(plain(row[column])) for row in table.rows if column < len(row))]
        )
        widths.append(max(4, min(longest, 40)))
    tables.append(
        f'<style:style style:name="{name}" style:family="table">'
        '<style:table-properties style:width="17cm" table:align="margins"/></style:style>'
        + "".join(
            f'<style:style style:name="{name}.{index}" style:family="table-column">'
            f'<style:table-column-properties style:rel-width="{width}*"/></style:style>'
            for index, width in enumerate(widths)
        )
    )
    columns = "".join(
        f'<table:table-column table:style-name="{name}.{index}"/>' for index in range(len(widths))
    )
    head = "".join(
        f'<table:table-cell table:style-name="Cellule" office:value-type="string">'
        f"{_p('EnteteTableau', (Text(title),))}</table:table-cell>"
        for title in table.header
    )
    rows = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell table:style-name="Cellule" office:value-type="string">'
            f"{_p('Tableau', cell)}</table:table-cell>"
            for cell in row
        )
        + "</table:table-row>"
        for row in table.rows
    )
    return (
        f'<table:table table:name="{name}" table:style-name="{name}">{columns}'
        f"<table:table-header-rows><table:table-row>{head}</table:table-row>"
        f"</table:table-header-rows>{rows}</table:table>"
    )


FONTS = (
    "<office:font-face-decls>"
    '<style:font-face style:name="Liberation Serif" svg:font-family="&apos;Liberation Serif&apos;" '
    'style:font-family-generic="roman" style:font-pitch="variable"/>'
    "</office:font-face-decls>"
)


def _content(document: Document) -> str:
    tables: list[str] = []
    headers = "".join(
        _p("Mention", (Text(french.typographie(f"{name} : ")), *runs))
        for name, runs in document.headers
    )
    body = headers + "".join(_block(block, tables) for block in document.blocks)
    draft = document.draft
    if draft is not None:  # the mark is also in every page's header and footer (styles.xml)
        reasons = "".join(
            f"<text:list-item>{_p('Liste', (Text(reason),))}</text:list-item>"
            for reason in draft.reasons
        )
        body = (
            _p("Projet", (Text(draft.mark),))
            + _p("Corps", (Text(draft.intro),))
            + f'<text:list text:style-name="Tirets">{reasons}</text:list>'
            + body
        )
    cell = (
        '<style:style style:name="Cellule" style:family="table-cell">'
        '<style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/>'
        "</style:style>"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<office:document-content {NAMESPACES}>{FONTS}"
        f"<office:automatic-styles>{cell}{''.join(tables)}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    )


def _paragraph_style(name: str, paragraph: str = "", text: str = "", parent: str = "Standard"):
    return (
        f'<style:style style:name="{name}" style:family="paragraph" '
        f'style:parent-style-name="{parent}">'
        f"<style:paragraph-properties {paragraph}/><style:text-properties {text}/>"
        "</style:style>"
    )


def _styles(document: Document) -> str:
    paragraph_styles = "".join(
        [
            _paragraph_style(
                "Corps", 'fo:text-align="justify" fo:margin-bottom="0.25cm" fo:line-height="115%"'
            ),
            _paragraph_style(
                "Citation",
                'fo:text-align="justify" fo:margin-left="1cm" fo:margin-right="1cm" '
                'fo:margin-bottom="0.25cm"',
                'fo:font-size="11pt" fo:font-style="italic"',
            ),
            _paragraph_style("Adresse", 'fo:margin-bottom="0.4cm"'),
            _paragraph_style("Destinataire", 'fo:margin-left="9cm" fo:margin-bottom="0.5cm"'),
            _paragraph_style("Droite", 'fo:text-align="end" fo:margin-bottom="0.5cm"'),
            _paragraph_style("Centre", 'fo:text-align="center" fo:margin-bottom="0.25cm"'),
            _paragraph_style("Mention", 'fo:margin-bottom="0.3cm"', 'fo:font-weight="bold"'),
            _paragraph_style(
                "Note", 'fo:margin-top="0.3cm"', 'fo:font-size="10pt" fo:font-style="italic"'
            ),
            _paragraph_style("Liste", 'fo:text-align="justify" fo:margin-bottom="0.15cm"'),
            _paragraph_style("Piece", 'fo:margin-bottom="0.1cm" fo:margin-left="0.5cm"'),
            _paragraph_style("Signature", 'fo:margin-left="9cm" fo:margin-top="0.8cm"'),
            _paragraph_style("SignatureSuite", 'fo:margin-left="9cm"'),
            _paragraph_style("Tableau", "", 'fo:font-size="10pt"'),
            _paragraph_style(
                "Projet", 'fo:text-align="center" fo:margin-bottom="0.2cm"', 'fo:font-weight="bold"'
            ),
            _paragraph_style("EnteteTableau", "", 'fo:font-size="10pt" fo:font-weight="bold"'),
            _paragraph_style(
                "Titre_1",
                'fo:text-align="center" fo:margin-top="0.4cm" fo:margin-bottom="0.3cm" '
                'fo:keep-with-next="always"',
                'fo:font-size="15pt" fo:font-weight="bold"',
            ),
            _paragraph_style(
                "Titre_2",
                'fo:margin-top="0.6cm" fo:margin-bottom="0.3cm" fo:keep-with-next="always"',
                'fo:font-size="12.5pt" fo:font-weight="bold"',
            ),
            _paragraph_style(
                "Titre_3",
                'fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"',
                'fo:font-weight="bold" fo:font-style="italic"',
            ),
        ]
    )
    text_styles = (
        '<style:style style:name="Blanc" style:family="text">'
        '<style:text-properties fo:color="#555555"/></style:style>'
        '<style:style style:name="Libelle" style:family="text">'
        '<style:text-properties fo:font-size="8pt" fo:font-style="italic" fo:color="#555555"/>'
        "</style:style>"
        '<style:style style:name="Accent" style:family="text">'
        '<style:text-properties fo:font-style="italic"/></style:style>'
        '<style:style style:name="Fort" style:family="text">'
        '<style:text-properties fo:font-weight="bold"/></style:style>'
    )
    lists = (
        '<text:list-style style:name="Tirets"><text:list-level-style-bullet text:level="1" '
        'text:bullet-char="–"><style:list-level-properties '
        'text:list-level-position-and-space-mode="label-alignment">'
        '<style:list-level-label-alignment text:label-followed-by="listtab" '
        'text:list-tab-stop-position="0.8cm" fo:text-indent="-0.5cm" fo:margin-left="0.8cm"/>'
        "</style:list-level-properties></text:list-level-style-bullet></text:list-style>"
        '<text:list-style style:name="Numeros"><text:list-level-style-number text:level="1" '
        'style:num-suffix="." style:num-format="1"><style:list-level-properties '
        'text:list-level-position-and-space-mode="label-alignment">'
        '<style:list-level-label-alignment text:label-followed-by="listtab" '
        'text:list-tab-stop-position="0.8cm" fo:text-indent="-0.5cm" fo:margin-left="0.8cm"/>'
        "</style:list-level-properties></text:list-level-style-number></text:list-style>"
    )
    defaults = (
        '<style:default-style style:family="paragraph">'
        '<style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/>'
        '<style:text-properties style:font-name="Liberation Serif" fo:font-size="12pt" '
        'fo:language="fr" fo:country="FR" fo:hyphenate="true" '
        'fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2"/>'
        "</style:default-style>"
        '<style:style style:name="Standard" style:family="paragraph" style:class="text"/>'
    )
    page = (
        "<office:automatic-styles>"
        '<style:page-layout style:name="A4"><style:page-layout-properties '
        'fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" '
        'fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.2cm" '
        'fo:margin-right="2cm"/></style:page-layout>'
        "</office:automatic-styles>"
    )
    master = '<style:master-page style:name="Standard" style:page-layout-name="A4"'
    if document.draft is None:
        master += "/>"
    else:  # « PROJET – dossier pas encore prêt » at the top and the foot of every page
        mark = _p("Projet", (Text(document.draft.mark),))
        master += f"><style:header>{mark}</style:header><style:footer>{mark}</style:footer>"
        master += "</style:master-page>"
    page += f"<office:master-styles>{master}</office:master-styles>"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<office:document-styles {NAMESPACES}>{FONTS}"
        f"<office:styles>{defaults}{paragraph_styles}{text_styles}{lists}</office:styles>"
        f"{page}</office:document-styles>"
    )


def _meta(document: Document) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<office:document-meta {NAMESPACES}><office:meta>"
        f"<dc:title>{escape(document.title)}</dc:title>"
        "<dc:language>fr-FR</dc:language>"
        f"<meta:generator>rdv_forms/{escape(__version__)}</meta:generator>"
        "</office:meta></office:document-meta>"
    )


MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.3">'
    f'<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
    f'manifest:media-type="{MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def render_odt(document: Document) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        entries = (
            ("mimetype", MIMETYPE, zipfile.ZIP_STORED),
            ("META-INF/manifest.xml", MANIFEST, zipfile.ZIP_DEFLATED),
            ("content.xml", _content(document), zipfile.ZIP_DEFLATED),
            ("styles.xml", _styles(document), zipfile.ZIP_DEFLATED),
            ("meta.xml", _meta(document), zipfile.ZIP_DEFLATED),
        )
        for name, data, compression in entries:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = compression
            package.writestr(info, data.encode("utf-8"))
    return buffer.getvalue()
