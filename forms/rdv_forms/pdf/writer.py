"""A small PDF writer: pages drawn with a few operators, fonts, images, bookmarks.

Standard library only (zlib, struct): the same code runs in the browser, where a third-party
writer would be one more download (see bench/pdf_writer.py for the comparison with pydyf).
A page is a list of content-stream operators plus the images it shows; text is written in
glyph ids of an embedded font (Type 0, Identity-H), with a ToUnicode map so that it can
be selected, copied and searched. The output is PDF 1.7, deterministic: no dates, no ids.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence

from .. import __version__
from .fonts import Font, font

A4 = (595.276, 841.89)  # points: 210 × 297 mm
MM = 72 / 25.4


class Ref:
    __slots__ = ("number",)

    def __init__(self, number: int):
        self.number = number


class Raw:
    """A token written as it is (`/Identity-H`, `[0 0 595 842]`)."""

    __slots__ = ("token",)

    def __init__(self, token: str):
        self.token = token


def utf16_hex(text: str) -> str:
    """`text` in UTF-16BE, as hexadecimal digits. By hand rather than with the utf-16-be
    codec: that codec is a module of its own, which the browser's slim standard library
    would then ship to every first visit for the PDF feature's sake."""
    units: list[int] = []
    for char in text:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            units += (0xD800 | code >> 10, 0xDC00 | code & 0x3FF)
        else:
            units.append(code)
    return "".join(f"{unit:04x}" for unit in units)


def text_string(text: str) -> bytes:
    """A PDF text string: PDFDocEncoding for ASCII, else UTF-16BE with its byte-order mark."""
    if text.isascii():
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        escaped = escaped.replace("\r", "\\r").replace("\n", "\\n")
        return f"({escaped})".encode("latin-1")
    return b"<feff" + utf16_hex(text).encode("ascii") + b">"


def name(value: str) -> bytes:
    out = []
    for char in value:
        if "!" <= char <= "~" and char not in "#()<>[]{}/%":
            out.append(char)
        else:
            out.extend(f"#{byte:02X}" for byte in char.encode("utf-8"))
    return ("/" + "".join(out)).encode("ascii")


def serialise(value) -> bytes:
    if isinstance(value, Ref):
        return b"%d 0 R" % value.number
    if isinstance(value, Raw):
        return value.token.encode("ascii")
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, int):
        return b"%d" % value
    if isinstance(value, float):
        return number(value).encode("ascii")
    if isinstance(value, str):
        return name(value)
    if isinstance(value, bytes):
        return text_string(value.decode("utf-8"))
    if isinstance(value, list | tuple):
        return b"[" + b" ".join(serialise(item) for item in value) + b"]"
    if isinstance(value, dict):
        items = b" ".join(name(key) + b" " + serialise(item) for key, item in value.items())
        return b"<<" + items + b">>"
    if value is None:
        return b"null"
    raise TypeError(f"cannot write {type(value).__name__} in a PDF")


def number(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class Image:
    """An image XObject: its dictionary entries and its (already encoded) data."""

    def __init__(self, width: int, height: int, entries: dict, data: bytes,
                 mask: Image | None = None):  # fmt: skip
        self.width, self.height = width, height
        self.entries = entries
        self.data = data
        self.mask = mask


class Stream:
    """A stream inside an image's entries (a colour space's function): written once, by
    reference."""

    def __init__(self, entries: dict, data: bytes):
        self.entries, self.data = entries, data


class Page:
    """One page: operators in PDF user space (points, origin at the bottom left)."""

    def __init__(self, size: tuple[float, float] = A4):
        self.size = size
        self.ops: list[bytes] = []
        self.fonts: set[str] = set()
        self.glyphs: dict[str, set[int]] = {}  # per font: what the embedded subset needs
        self.images: list[Image] = []

    def text(self, x: float, y: float, text: str, style: str = "regular", size: float = 11,
             *, italic: bool = False, gray: float | None = None) -> float:  # fmt: skip
        """Draw `text` with its baseline at y; return its width. Synthetic italic: a slant."""
        face = font(style)
        self.fonts.add(style)
        ids = face.glyphs(text)
        self.glyphs.setdefault(style, set()).update(ids)
        glyphs = "".join(f"{g:04x}" for g in ids)
        slant = "0.2" if italic else "0"
        colour = f"{number(gray)} g " if gray is not None else ""
        self.ops.append(
            f"BT {colour}/{_RESOURCE[style]} {number(size)} Tf 1 0 {slant} 1 {number(x)} "
            f"{number(y)} Tm <{glyphs}> Tj ET{' 0 g' if gray is not None else ''}".encode("ascii")
        )
        return face.width(text, size)

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = 0.5) -> None:
        self.ops.append(
            f"{number(width)} w {number(x1)} {number(y1)} m {number(x2)} {number(y2)} l S".encode()
        )

    def rectangle(self, x: float, y: float, w: float, h: float, width: float = 0.5) -> None:
        self.ops.append(
            f"{number(width)} w {number(x)} {number(y)} {number(w)} {number(h)} re S".encode()
        )

    def image(self, image: Image, matrix: Iterable[float]) -> None:
        """Place `image` (the unit square) with the transformation `matrix` (a b c d e f)."""
        self.images.append(image)
        index = len(self.images)
        values = " ".join(number(v) for v in matrix)
        self.ops.append(f"q {values} cm /Im{index} Do Q".encode("ascii"))


_RESOURCE = {"regular": "F1", "bold": "F2"}


class Foreign:
    """A page made elsewhere (a page of a PDF the person gives, see importer.py): it writes
    its own objects into the builder and returns its page object."""

    def emit(self, pdf: Builder, parent: Ref) -> Ref:
        raise NotImplementedError


class Outline:
    def __init__(self, title: str, page: int):
        self.title, self.page = title, page


class Builder:
    """Numbered objects, then the cross-reference table and the trailer."""

    def __init__(self) -> None:
        self.objects: list[bytes | None] = []

    def reserve(self) -> Ref:
        self.objects.append(None)
        return Ref(len(self.objects))

    def put(self, ref: Ref, value) -> Ref:
        self.objects[ref.number - 1] = serialise(value)
        return ref

    def put_raw(self, ref: Ref, body: bytes) -> Ref:
        """An object already written as PDF bytes (an imported page's objects)."""
        self.objects[ref.number - 1] = body
        return ref

    def add(self, value) -> Ref:
        return self.put(self.reserve(), value)

    def stream(self, entries: dict, data: bytes, *, compress: bool = True) -> Ref:
        if compress and "Filter" not in entries:
            packed = zlib.compress(data, 6)
            if len(packed) < len(data):
                entries, data = {**entries, "Filter": "FlateDecode"}, packed
        body = serialise({**entries, "Length": len(data)})
        ref = self.reserve()
        self.objects[ref.number - 1] = body + b"\nstream\n" + data + b"\nendstream"
        return ref

    def output(self, root: Ref, info: Ref) -> bytes:
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number_, body in enumerate(self.objects, start=1):
            if body is None:
                raise ValueError(f"PDF object {number_} was reserved but never written")
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number_ + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        trailer = serialise({"Size": len(self.objects) + 1, "Root": root, "Info": info})
        out += b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % xref
        return bytes(out)


def write(pages: Sequence[Page | Foreign], *, title: str,
          outlines: Iterable[Outline] = ()) -> bytes:  # fmt: skip
    """The PDF file of `pages`, with `outlines` as bookmarks (one level)."""
    pdf = Builder()
    catalog, pages_ref = pdf.reserve(), pdf.reserve()
    used: dict[str, set[int]] = {}
    drawn = [page for page in pages if isinstance(page, Page)]
    for each in drawn:
        for style, glyphs in each.glyphs.items():
            used.setdefault(style, set()).update(glyphs)
    font_refs = {
        style: _font(pdf, font(style), used.get(style, set()))
        for style in sorted({s for page in drawn for s in page.fonts})
    }
    image_refs: dict[int, Ref] = {}
    kids = []
    for page in pages:
        if not isinstance(page, Page):
            kids.append(page.emit(pdf, pages_ref))
            continue
        xobjects = {}
        for index, image in enumerate(page.images, start=1):
            if id(image) not in image_refs:
                image_refs[id(image)] = _image(pdf, image)
            xobjects[f"Im{index}"] = image_refs[id(image)]
        resources: dict = {}
        if page.fonts:
            resources["Font"] = {_RESOURCE[s]: font_refs[s] for s in sorted(page.fonts)}
        if xobjects:
            resources["XObject"] = xobjects
        content = pdf.stream({}, b"\n".join(page.ops))
        width, height = page.size
        kids.append(
            pdf.add(
                {
                    "Type": "Page",
                    "Parent": pages_ref,
                    "MediaBox": [0, 0, float(width), float(height)],
                    "Resources": resources,
                    "Contents": content,
                }
            )
        )
    pdf.put(pages_ref, {"Type": "Pages", "Kids": kids, "Count": len(kids)})
    root = {"Type": "Catalog", "Pages": pages_ref, "Lang": b"fr-FR"}
    outlines = list(outlines)
    if outlines:
        root["Outlines"] = _outlines(pdf, outlines, kids)
        root["PageMode"] = "UseOutlines"
    pdf.put(catalog, root)
    info = pdf.add(
        {"Title": title.encode("utf-8"), "Producer": f"rdv_forms {__version__}".encode()}
    )
    return pdf.output(catalog, info)


def _outlines(pdf: Builder, outlines: list[Outline], kids: list[Ref]) -> Ref:
    parent = pdf.reserve()
    refs = [pdf.reserve() for _ in outlines]
    for index, (outline, ref) in enumerate(zip(outlines, refs, strict=True)):
        entry = {
            "Title": outline.title.encode("utf-8"),
            "Parent": parent,
            "Dest": [kids[outline.page], Raw("/Fit")],
        }
        if index:
            entry["Prev"] = refs[index - 1]
        if index + 1 < len(refs):
            entry["Next"] = refs[index + 1]
        pdf.put(ref, entry)
    pdf.put(parent, {"Type": "Outlines", "First": refs[0], "Last": refs[-1], "Count": len(refs)})
    return parent


def _resolve(pdf: Builder, value):
    if isinstance(value, Stream):
        return pdf.stream(value.entries, value.data, compress=False)
    if isinstance(value, list):
        return [_resolve(pdf, item) for item in value]
    if isinstance(value, dict):
        return {key: _resolve(pdf, item) for key, item in value.items()}
    return value


def _image(pdf: Builder, image: Image) -> Ref:
    entries = {
        "Type": "XObject",
        "Subtype": "Image",
        "Width": image.width,
        "Height": image.height,
        **_resolve(pdf, image.entries),
    }
    if image.mask is not None:
        entries["SMask"] = _image(pdf, image.mask)
    return pdf.stream(entries, image.data, compress=False)


def _font(pdf: Builder, face: Font, used: set[int]) -> Ref:
    """Type 0 font over a CIDFontType2, glyph ids as CIDs, with its ToUnicode map."""
    used = used | {0}
    # Six capitals naming the subset (ISO 32000 9.6.4), from the glyphs it holds. A CRC, not
    # hashlib: the browser's slim standard library has no hashlib, and this needs no secrecy.
    value, tag = zlib.crc32(repr(sorted(used)).encode()), ""
    for _ in range(6):
        value, letter = divmod(value, 26)
        tag += chr(65 + letter)
    base = f"{tag}+{face.name}"
    data = face.subset(used)
    file = pdf.stream({"Length1": len(data)}, data)
    scale = 1000 / face.units_per_em
    descriptor = pdf.add(
        {
            "Type": "FontDescriptor",
            "FontName": base,
            "Flags": 34,  # serif, non-symbolic
            "FontBBox": [round(v * scale) for v in face.bbox],
            "ItalicAngle": 0,
            "Ascent": round(face.ascent * scale),
            "Descent": round(face.descent * scale),
            "CapHeight": round(face.cap_height * scale),
            "StemV": 80,
            "FontFile2": file,
        }
    )
    glyphs = sorted(used)
    widths: list = []
    for glyph in glyphs:
        widths += [glyph, [face.scaled(glyph)]]
    cid_font = pdf.add(
        {
            "Type": "Font",
            "Subtype": "CIDFontType2",
            "BaseFont": base,
            "CIDSystemInfo": {"Registry": b"Adobe", "Ordering": b"Identity", "Supplement": 0},
            "FontDescriptor": descriptor,
            "DW": 1000,
            "W": widths,
            "CIDToGIDMap": "Identity",
        }
    )
    to_unicode = pdf.stream({}, _cmap(face, used))
    return pdf.add(
        {
            "Type": "Font",
            "Subtype": "Type0",
            "BaseFont": base,
            "Encoding": "Identity-H",
            "DescendantFonts": [cid_font],
            "ToUnicode": to_unicode,
        }
    )


def _cmap(face: Font, used: set[int]) -> bytes:
    """Glyph id → the character it stands for: what makes the text selectable."""
    chars: dict[int, str] = {}
    for char, glyph in sorted(face.cmap.items(), key=lambda item: ord(item[0])):
        if glyph in used:
            chars.setdefault(glyph, char)  # the first code point when glyphs are shared
    entries = sorted(chars.items())
    lines = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    for start in range(0, len(entries), 100):
        chunk = entries[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{g:04x}> <{utf16_hex(c)}>" for g, c in chunk]
        lines.append("endbfchar")
    lines += ["endcmap CMapName currentdict /CMap defineresource pop end end"]
    return "\n".join(lines).encode("ascii")
