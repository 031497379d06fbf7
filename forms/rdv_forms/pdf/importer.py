"""A person's PDF, read object by object, so that its pages go into the combined print PDF.

Why a real parser and not the regular expressions of `pieces.pdf_page_count`: copying pages
means following every reference from a page (fonts, images, content streams) and writing
those objects again under new numbers, byte for byte for the streams. Counting pages can
afford a heuristic; copying cannot, so this reads the file as a viewer does: the
cross-reference table or stream (PDF 1.5), its /Prev chain (incremental updates), compressed
object streams, and each object with a tokenizer.

Careful by design: everything is read and checked before the combined PDF is written, and
anything unexpected (a /Length that does not end at `endstream`, an object that is not
where the cross-reference says, a filter we do not decode for the structure…) raises
`PdfError`; `import_pages` then returns None and the pack keeps its notice page for that
exhibit. The person's file itself always goes into the zip unchanged.

Standard library only (zlib): it runs in the browser.
"""

from __future__ import annotations

import re
import zlib

from .pieces import unfilter
from .writer import Builder, Foreign, Ref

WHITESPACE = b"\x00\t\n\x0c\r "
DELIMITERS = b"()<>[]{}/%"
STOPS = frozenset(WHITESPACE + DELIMITERS)
INHERITED = ("Resources", "MediaBox", "CropBox", "Rotate")
# The standard stream filters (ISO 32000-1, table 6), minus Crypt: encrypted files are refused.
FILTERS = {
    "ASCIIHexDecode", "ASCII85Decode", "LZWDecode", "FlateDecode", "RunLengthDecode",
    "CCITTFaxDecode", "JBIG2Decode", "DCTDecode", "JPXDecode",
}  # fmt: skip
MAX_DEPTH = 64  # nested arrays and dictionaries: a bound, not a limit real files reach
MAX_OBJECTS = 200_000  # objects copied from one file: guards against a reference bomb
NUMBER = re.compile(rb"[+-]?(\d+\.?\d*|\.\d+)")
INTEGER = re.compile(rb"\d+")
SIGNED = re.compile(rb"[+-]?\d+")
XREF_ENTRY = re.compile(rb"(\d{1,10})[ \t]+(\d{1,5})[ \t]+([nf])")


class PdfError(ValueError):
    """The file cannot be imported safely: the pack falls back to its notice page."""


class Name(str):
    """A PDF name, decoded (#xx) and held as Latin-1 text so that any byte round-trips."""


class String(bytes):
    """A PDF string's bytes (written back in hexadecimal, which needs no escaping)."""


class IRef:
    """An indirect reference `n g R` in the file being read."""

    __slots__ = ("generation", "number")

    def __init__(self, number: int, generation: int):
        self.number, self.generation = number, generation


class Stream:
    """A stream object: its dictionary and its bytes as stored (still encoded)."""

    def __init__(self, entries: dict, raw: bytes):
        self.entries, self.raw = entries, raw


class Keyword:
    """A bare keyword met where a value was expected (`endobj`, `stream`, `R`…)."""

    def __init__(self, word: bytes):
        self.word = word


class Lexer:
    """Reads PDF values (ISO 32000-1 § 7.3) from `data`, starting at `pos`."""

    def __init__(self, data: bytes, pos: int = 0):
        self.data, self.pos = data, pos

    def skip(self) -> None:
        data, size = self.data, len(self.data)
        while self.pos < size:
            char = data[self.pos]
            if char in WHITESPACE:
                self.pos += 1
            elif char == 0x25:  # % comment, to the end of the line
                while self.pos < size and data[self.pos] not in b"\r\n":
                    self.pos += 1
            else:
                return

    def word(self) -> bytes:
        """A run of regular characters (a number or a keyword), after any white space."""
        self.skip()
        return self.regular()

    def regular(self) -> bytes:
        start, data = self.pos, self.data
        while self.pos < len(data) and data[self.pos] not in STOPS:
            self.pos += 1
        return data[start : self.pos]

    def value(self, depth: int = 0):
        if depth > MAX_DEPTH:
            raise PdfError("nested too deep")
        self.skip()
        data = self.data
        if self.pos >= len(data):
            raise PdfError("unexpected end of file")
        char = data[self.pos : self.pos + 1]
        if char == b"/":
            return self.name()
        if char == b"(":
            return self.literal()
        if data.startswith(b"<<", self.pos):
            self.pos += 2
            entries: dict = {}
            while True:
                self.skip()
                if data.startswith(b">>", self.pos):
                    self.pos += 2
                    return entries
                key = self.value(depth + 1)
                if not isinstance(key, Name):
                    raise PdfError("dictionary key is not a name")
                entries[key] = self.value(depth + 1)
        if char == b"<":
            end = data.find(b">", self.pos)
            if end < 0:
                raise PdfError("unterminated hex string")
            digits = bytes(c for c in data[self.pos + 1 : end] if c not in WHITESPACE)
            self.pos = end + 1
            try:
                return String(bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode()))
            except ValueError:
                raise PdfError("bad hex string") from None
        if char == b"[":
            self.pos += 1
            items: list = []
            while True:
                self.skip()
                if data.startswith(b"]", self.pos):
                    self.pos += 1
                    return items
                items.append(self.value(depth + 1))
        if char in b")>]}{":
            raise PdfError(f"unexpected {char!r}")
        word = self.word()
        if NUMBER.fullmatch(word):
            if SIGNED.fullmatch(word):
                after = self.pos
                generation = self.word()
                if generation and INTEGER.fullmatch(word + generation) and self.word() == b"R":
                    return IRef(int(word), int(generation))
                self.pos = after
                return int(word)
            return float(word)
        if word in (b"true", b"false"):
            return word == b"true"
        if word == b"null":
            return None
        if not word:
            raise PdfError("unexpected character")
        return Keyword(word)

    def name(self) -> Name:
        self.pos += 1
        raw = self.regular()
        try:
            decoded = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes.fromhex(m[1].decode()), raw)
        except ValueError:
            raise PdfError("bad name") from None
        return Name(decoded.decode("latin-1"))

    def literal(self) -> String:
        """A (literal string): nested parentheses, escapes, octal codes, line continuations."""
        data, out, nesting = self.data, bytearray(), 0
        pos = self.pos + 1
        while pos < len(data):
            char = data[pos]
            if char == 0x5C:  # backslash
                pos += 1
                if pos >= len(data):
                    break
                escaped = data[pos]
                if escaped in b"01234567":
                    digits = INTEGER_OCTAL.match(data, pos)
                    assert digits is not None
                    out.append(int(digits[0], 8) & 0xFF)
                    pos = digits.end()
                    continue
                if escaped == 0x0D:  # \ at the end of a line: the string goes on
                    pos += 2 if data[pos + 1 : pos + 2] == b"\n" else 1
                    continue
                if escaped == 0x0A:
                    pos += 1
                    continue
                out.append(ESCAPES.get(escaped, escaped))
            elif char == 0x28:
                nesting += 1
                out.append(char)
            elif char == 0x29:
                if nesting == 0:
                    self.pos = pos + 1
                    return String(bytes(out))
                nesting -= 1
                out.append(char)
            else:
                out.append(char)
            pos += 1
        raise PdfError("unterminated string")


INTEGER_OCTAL = re.compile(rb"[0-7]{1,3}")
ESCAPES = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}


def decode(stream: Stream) -> bytes:
    """A structural stream's content (cross-reference and object streams): FlateDecode, with
    the PNG predictors xref streams use. Other filters are refused (PdfError)."""
    filters = stream.entries.get("Filter")
    parms = stream.entries.get("DecodeParms")
    if isinstance(filters, list):
        if len(filters) > 1:
            raise PdfError("filter chain")
        filters = filters[0] if filters else None
        parms = parms[0] if isinstance(parms, list) and parms else parms
    if filters is None:
        return stream.raw
    if filters != "FlateDecode":
        raise PdfError(f"filter {filters}")
    try:
        data = zlib.decompressobj().decompress(stream.raw)
    except zlib.error:
        raise PdfError("bad Flate data") from None
    parms = parms if isinstance(parms, dict) else {}
    predictor = parms.get("Predictor", 1)
    if predictor == 1:
        return data
    if not isinstance(predictor, int) or not 10 <= predictor <= 15:
        raise PdfError(f"predictor {predictor}")
    colors, bits = parms.get("Colors", 1), parms.get("BitsPerComponent", 8)
    columns = parms.get("Columns", 1)
    if (colors, bits) != (1, 8) or not isinstance(columns, int) or columns < 1:
        raise PdfError("predictor parameters")
    height = len(data) // (columns + 1)
    try:
        return bytes(unfilter(data, columns, 1, height))
    except (ValueError, IndexError):
        raise PdfError("bad predictor rows") from None


def check_stream(stream: Stream) -> None:
    """A Flate stream must inflate to its end: a damaged one would be copied as it is, and
    the combined PDF would then hold a page that viewers and printers fail on. Inflated in
    pieces, to check without holding a large image's pixels in memory."""
    filters = stream.entries.get("Filter")
    chain = filters if isinstance(filters, list) else [] if filters is None else [filters]
    if not all(isinstance(f, Name) and f in FILTERS for f in chain):
        raise PdfError(f"unknown filter {filters}")  # no viewer could read it either
    if not chain or chain[0] != "FlateDecode":
        return  # images (DCTDecode, JBIG2…) and the rest are the viewer's to read
    inflater, data = zlib.decompressobj(), stream.raw
    try:
        while not inflater.eof:
            out = inflater.decompress(data, 1 << 20)
            data = inflater.unconsumed_tail
            if not data and not out:
                break
    except zlib.error:
        raise PdfError("damaged Flate stream") from None
    if not inflater.eof:
        raise PdfError("Flate stream cut short")


class Reader:
    """A PDF file's objects, found through its cross-references (newest update first)."""

    def __init__(self, data: bytes):
        self.data = data
        self.entries: dict[int, tuple[int, int, int]] = {}  # number → (kind, a, b)
        self.cache: dict[int, object] = {}
        self.object_streams: dict[int, tuple[bytes, int, list]] = {}
        self.resolving: set[int] = set()
        self.trailer: dict = {}
        at = data.rfind(b"startxref")
        if at < 0:
            raise PdfError("no startxref")
        offset = Lexer(data, at + 9).word()
        if not INTEGER.fullmatch(offset):
            raise PdfError("bad startxref")
        seen: set[int] = set()
        position: int | None = int(offset)
        while position is not None:
            if position in seen or position >= len(data):
                raise PdfError("bad /Prev chain")
            seen.add(position)
            trailer = self.section(position)
            if not self.trailer:
                self.trailer = trailer
            previous = trailer.get("Prev")
            position = previous if isinstance(previous, int) else None
        if "Encrypt" in self.trailer:
            raise PdfError("encrypted")

    def section(self, position: int) -> dict:
        """Read one cross-reference section (table or stream); return its trailer."""
        lexer = Lexer(self.data, position)
        lexer.skip()
        if self.data.startswith(b"xref", lexer.pos):
            lexer.pos += 4
            while True:
                lexer.skip()
                if self.data.startswith(b"trailer", lexer.pos):
                    lexer.pos += 7
                    break
                start, count = lexer.word(), lexer.word()
                if not (INTEGER.fullmatch(start) and INTEGER.fullmatch(count)):
                    raise PdfError("bad xref subsection")
                for number in range(int(start), int(start) + int(count)):
                    lexer.skip()
                    entry = XREF_ENTRY.match(self.data, lexer.pos)
                    if entry is None:
                        raise PdfError("bad xref entry")
                    lexer.pos = entry.end()
                    kind = 1 if entry[3] == b"n" else 0
                    self.entries.setdefault(number, (kind, int(entry[1]), int(entry[2])))
            trailer = lexer.value()
            if not isinstance(trailer, dict):
                raise PdfError("bad trailer")
            hybrid = trailer.get("XRefStm")
            if isinstance(hybrid, int):  # a hybrid file: the stream's entries come next
                self.stream_section(hybrid)
            return trailer
        return self.stream_section(position)

    def stream_section(self, position: int) -> dict:
        _number, stream = self.parse_at(position, None)
        if not isinstance(stream, Stream) or stream.entries.get("Type") != "XRef":
            raise PdfError("no cross-reference at startxref")
        entries = stream.entries
        widths, size = entries.get("W"), entries.get("Size")
        if not (isinstance(widths, list) and len(widths) == 3 and isinstance(size, int)):
            raise PdfError("bad xref stream")
        if not all(isinstance(w, int) and 0 <= w <= 8 for w in widths):
            raise PdfError("bad /W")
        index = entries.get("Index", [0, size])
        if not (isinstance(index, list) and len(index) % 2 == 0):
            raise PdfError("bad /Index")
        content, row, position = decode(stream), sum(widths), 0
        for first, count in zip(index[::2], index[1::2], strict=True):
            if not (isinstance(first, int) and isinstance(count, int)):
                raise PdfError("bad /Index")
            for number in range(first, first + count):
                if position + row > len(content):
                    raise PdfError("xref stream too short")
                fields = []
                for width in widths:
                    fields.append(int.from_bytes(content[position : position + width], "big"))
                    position += width
                kind = fields[0] if widths[0] else 1  # a zero width: the default, type 1
                self.entries.setdefault(number, (kind, fields[1], fields[2]))
        return entries

    def parse_at(self, offset: int, expected: int | None) -> tuple[int, object]:
        """The object `n g obj … endobj` at `offset`, checked against its expected number."""
        lexer = Lexer(self.data, offset)
        number, generation, keyword = lexer.word(), lexer.word(), lexer.word()
        if not (INTEGER.fullmatch(number) and INTEGER.fullmatch(generation) and keyword == b"obj"):
            raise PdfError("no object where the cross-reference points")
        if expected is not None and int(number) != expected:
            raise PdfError("object number differs from the cross-reference")
        value = lexer.value()
        after = lexer.word()
        if after == b"stream" and isinstance(value, dict):
            if self.data.startswith(b"\r\n", lexer.pos):
                lexer.pos += 2
            elif self.data.startswith(b"\n", lexer.pos):
                lexer.pos += 1
            else:
                raise PdfError("bad end of line after `stream`")
            length = value.get("Length")
            if isinstance(length, IRef):
                length = self.resolve(length)
            if not isinstance(length, int) or length < 0:
                raise PdfError("bad stream /Length")
            start = lexer.pos
            raw = self.data[start : start + length]
            lexer.pos = start + length
            if len(raw) != length or lexer.word() != b"endstream":
                raise PdfError("stream /Length does not end at endstream")
            return int(number), Stream(value, raw)
        if after != b"endobj":
            raise PdfError("object not ended by endobj")
        if isinstance(value, Keyword):
            raise PdfError("keyword as an object")
        return int(number), value

    def resolve(self, value):
        """The value itself, or the object a reference points to (null if none)."""
        if not isinstance(value, IRef):
            return value
        number = value.number
        if number in self.cache:
            return self.cache[number]
        if number in self.resolving:
            raise PdfError("reference loop")
        entry = self.entries.get(number)
        self.resolving.add(number)
        try:
            if entry is None or entry[0] == 0:
                result = None
            elif entry[0] == 1:
                result = self.parse_at(entry[1], number)[1]
            elif entry[0] == 2:
                result = self.compressed(entry[1], entry[2], number)
            else:
                result = None  # an unknown entry type counts as null (ISO 32000-1 7.5.8.3)
        finally:
            self.resolving.discard(number)
        self.cache[number] = result
        return result

    def compressed(self, container: int, index: int, number: int):
        """Object `number`, the `index`-th of the object stream `container` (decoded once)."""
        if container not in self.object_streams:
            stream = self.resolve(IRef(container, 0))
            if not isinstance(stream, Stream) or stream.entries.get("Type") != "ObjStm":
                raise PdfError("not an object stream")
            content = decode(stream)
            first, count = stream.entries.get("First"), stream.entries.get("N")
            if not (isinstance(first, int) and isinstance(count, int) and first >= 0):
                raise PdfError("bad object stream")
            header = Lexer(content[:first])
            pairs = [(header.value(), header.value()) for _ in range(count)]
            if not all(isinstance(n, int) and isinstance(o, int) and o >= 0 for n, o in pairs):
                raise PdfError("bad object stream header")
            self.object_streams[container] = (content, first, pairs)
        content, first, pairs = self.object_streams[container]
        if not 0 <= index < len(pairs) or pairs[index][0] != number:
            raise PdfError("object stream header differs")
        value = Lexer(content, first + pairs[index][1]).value()
        if isinstance(value, Keyword):
            raise PdfError("keyword in an object stream")
        return value


class Source:
    """The pages of one given PDF and every object they reach, read before anything is
    written: writing then cannot fail halfway through the combined PDF."""

    def __init__(self, data: bytes):
        reader = Reader(data)
        root = reader.resolve(reader.trailer.get("Root"))
        if not isinstance(root, dict):
            raise PdfError("no catalog")
        self.pages: list[dict] = []
        self.page_numbers: list[int | None] = []
        self._walk(reader, root.get("Pages"), {}, set(), 0)
        if not self.pages:
            raise PdfError("no pages")
        self.objects: dict[int, object] = {}  # number → value, every object the pages reach
        pending = list(self.pages)
        pages = {n for n in self.page_numbers if n is not None}
        while pending:
            for ref in references(pending.pop()):
                if ref.number in self.objects or ref.number in pages:
                    continue
                value = reader.resolve(ref)
                if isinstance(value, dict) and value.get("Type") in ("Page", "Pages"):
                    value = None  # a page we do not import, or the tree: not copied
                self.objects[ref.number] = value
                if isinstance(value, Stream):
                    check_stream(value)
                if len(self.objects) > MAX_OBJECTS:
                    raise PdfError("too many objects")
                pending.append(value)
        self._written: tuple[Builder, dict[int, Ref], list[Ref]] | None = None

    def _walk(self, reader: Reader, node_ref, inherited: dict, seen: set[int], depth: int):
        """The page tree in order, attributes inherited from /Pages nodes pulled down."""
        if depth > MAX_DEPTH or (isinstance(node_ref, IRef) and node_ref.number in seen):
            raise PdfError("page tree loop")
        if isinstance(node_ref, IRef):
            seen.add(node_ref.number)
        node = reader.resolve(node_ref)
        if not isinstance(node, dict):
            raise PdfError("page tree node is not a dictionary")
        inherited = {**inherited, **{k: node[k] for k in INHERITED if k in node}}
        if node.get("Type") == "Pages" or ("Kids" in node and node.get("Type") != "Page"):
            kids = reader.resolve(node.get("Kids"))
            if not isinstance(kids, list):
                raise PdfError("page tree node without /Kids")
            for kid in kids:
                self._walk(reader, kid, inherited, seen, depth + 1)
            return
        page = {k: v for k, v in node.items() if k != "Parent"}
        page.update({k: v for k, v in inherited.items() if k not in page})
        if "MediaBox" not in page:
            raise PdfError("page without /MediaBox")
        page["Resources"] = page.get("Resources", {})
        self.pages.append(page)
        self.page_numbers.append(node_ref.number if isinstance(node_ref, IRef) else None)

    def write(self, pdf: Builder, index: int, parent: Ref) -> Ref:
        """Page `index` in `pdf`, under `parent`; the first page written copies every object."""
        if self._written is None or self._written[0] is not pdf:
            numbers = {n: pdf.reserve() for n in self.objects}
            page_refs = [pdf.reserve() for _ in self.pages]
            numbers.update(
                {n: r for n, r in zip(self.page_numbers, page_refs, strict=True) if n is not None}
            )
            for number, value in self.objects.items():
                pdf.put_raw(numbers[number], serialise(value, numbers))
            self._written = (pdf, numbers, page_refs)
        _pdf, numbers, page_refs = self._written
        page = {**self.pages[index], "Parent": IRef(-1, 0)}
        numbers[-1] = parent
        pdf.put_raw(page_refs[index], serialise(page, numbers))
        return page_refs[index]


class ImportedPage(Foreign):
    """One page of a given PDF, as it goes into the combined PDF's page tree."""

    def __init__(self, source: Source, index: int):
        self.source, self.index = source, index

    def emit(self, pdf: Builder, parent: Ref) -> Ref:
        return self.source.write(pdf, self.index, parent)


def references(value):
    """Every reference inside `value` (not following them)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, IRef):
            yield item
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, Stream):
            stack.extend(item.entries.values())


def serialise(value, numbers: dict[int, Ref]) -> bytes:
    """`value` written again, its references renumbered (a reference we did not copy: null)."""
    if isinstance(value, Stream):
        entries = {**value.entries, "Length": len(value.raw)}
        return serialise(entries, numbers) + b"\nstream\n" + value.raw + b"\nendstream"
    if isinstance(value, IRef):
        ref = numbers.get(value.number)
        return b"%d 0 R" % ref.number if ref is not None else b"null"
    if value is None:
        return b"null"
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, int):
        return b"%d" % value
    if isinstance(value, float):
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return (text if text not in ("", "-0") else "0").encode()
    if isinstance(value, Name):
        return b"/" + "".join(NAME_CHARS[ord(c)] for c in value).encode("ascii")
    if isinstance(value, String):
        return b"<" + value.hex().encode("ascii") + b">"
    if isinstance(value, list):
        return b"[" + b" ".join(serialise(item, numbers) for item in value) + b"]"
    if isinstance(value, dict):
        return (
            b"<<"
            + b"".join(
                serialise(Name(k), numbers) + b" " + serialise(v, numbers) + b"\n"
                for k, v in value.items()
            )
            + b">>"
        )
    raise PdfError(f"cannot write {type(value).__name__}")


NAME_CHARS = [
    chr(code) if 0x21 <= code <= 0x7E and chr(code) not in "#()<>[]{}/%" else f"#{code:02X}"
    for code in range(256)
]


def import_pages(data: bytes) -> list[ImportedPage] | None:
    """The pages of the PDF `data`, ready for `writer.write`; None if it cannot be imported
    safely (the caller then shows a notice page instead). Never raises for a bad file."""
    try:
        source = Source(data)
        numbers = {n: Ref(n) for n in source.objects}
        for value in [*source.objects.values(), *source.pages]:  # all writable, now
            serialise(value, numbers)
    except (ValueError, LookupError, TypeError, AttributeError, ArithmeticError, RecursionError,
            zlib.error):  # fmt: skip
        return None
    return [ImportedPage(source, index) for index in range(len(source.pages))]
