"""Files a person could give, made in the tests with the standard library (it runs in Pyodide
too): PNG images written with each of PNG's row filters, and small fixed files in pieces/."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

PIECES = Path(__file__).resolve().parent / "pieces"
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def chunk(tag: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body))


def pixels(width: int, height: int, colour: int, depth: int = 8, opaque: bool = False) -> bytes:
    """A gradient with some noise-like variation, so that every filter has work to do;
    alpha, if any, is 255 everywhere when `opaque`, else sometimes 128."""
    samples = width * CHANNELS[colour]
    size = depth // 8 if depth >= 8 else 1
    rows = []
    for y in range(height):
        row = bytearray()
        for x in range(samples):
            value = (x * 7 + y * 13 + (x * y) % 11) & 0xFF
            if colour in (4, 6) and x % CHANNELS[colour] == CHANNELS[colour] - 1:
                value = 255 if opaque or (x + y) % 5 else 128
            row += bytes([value] * size) if size > 1 else bytes([value])
        rows.append(bytes(row))
    return b"".join(rows)


def _predict(kind: int, row: bytes, above: bytes, bpp: int) -> bytes:
    out = bytearray(len(row))
    for i, value in enumerate(row):
        a = row[i - bpp] if i >= bpp else 0
        b = above[i]
        c = above[i - bpp] if i >= bpp else 0
        if kind == 0:
            predicted = 0
        elif kind == 1:
            predicted = a
        elif kind == 2:
            predicted = b
        elif kind == 3:
            predicted = (a + b) // 2
        else:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            predicted = a if pa <= pb and pa <= pc else b if pb <= pc else c
        out[i] = (value - predicted) & 0xFF
    return bytes(out)


def png(width: int, height: int, colour: int = 6, depth: int = 8, filters=(0, 1, 2, 3, 4),
        palette: bytes = b"", interlace: int = 0,
        opaque: bool = False) -> tuple[bytes, bytes]:  # fmt: skip
    """(PNG file, its raw pixel bytes); row y uses filter `filters[y % len(filters)]`."""
    raw = pixels(width, height, colour, depth, opaque)
    row_bytes = (width * CHANNELS[colour] * depth + 7) // 8
    bpp = max(1, CHANNELS[colour] * depth // 8)
    filtered = bytearray()
    above = bytes(row_bytes)
    for y in range(height):
        row = raw[y * row_bytes : (y + 1) * row_bytes]
        kind = filters[y % len(filters)]
        filtered += bytes([kind]) + _predict(kind, row, above, bpp)
        above = row
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, interlace)
    body = chunk(b"IHDR", header)
    if palette:
        body += chunk(b"PLTE", palette)
    body += chunk(b"IDAT", zlib.compress(bytes(filtered)))
    return b"\x89PNG\r\n\x1a\n" + body + chunk(b"IEND", b""), raw


def piece(name: str) -> bytes:
    return (PIECES / name).read_bytes()


# ------------------------------------------------------------------ PDFs written by hand

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def content(text: str) -> bytes:
    return b"BT /F1 18 Tf 72 700 Td (%s) Tj ET" % text.encode("latin-1")


def stream_object(entries: bytes, data: bytes, compress: bool = True) -> bytes:
    if compress:
        data = zlib.compress(data)
        entries += b" /Filter /FlateDecode"
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (entries, len(data), data)


def pdf_objects(layout: str) -> dict[int, bytes]:
    """Numbered objects of a small document. `layout`: `plain` (a page with its own
    resources), `inherited` (Resources and MediaBox only in the Pages nodes, one level nested),
    `rotated` (a page with /Rotate 90, another inheriting /Rotate 180), `shared` (three
    pages sharing one font and one resources dictionary, both by reference)."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 5: HELVETICA}
    resources = b"<< /Font << /F1 5 0 R >> /ProcSet [/PDF /Text] >>"
    box = b"[0 0 595 842]"
    if layout == "plain":
        objects[2] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
        objects[3] = b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources %s /Contents 4 0 R >>"
        objects[3] %= (box, resources)
        objects[4] = stream_object(b"", content("Accuse de reception (n 1A 234)"))
    elif layout == "inherited":
        objects[2] = b"<< /Type /Pages /Kids [6 0 R 3 0 R] /Count 2 /Resources %s >>"
        objects[2] %= resources
        objects[6] = b"<< /Type /Pages /Parent 2 0 R /Kids [7 0 R] /Count 1 /MediaBox %s >>"
        objects[6] %= box
        objects[7] = b"<< /Type /Page /Parent 6 0 R /Contents 8 0 R >>"
        objects[8] = stream_object(b"", content("Premiere page, ressources heritees"))
        objects[3] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] /Contents 4 0 R >>"
        objects[4] = stream_object(b"", content("Deuxieme page, format A5"), compress=False)
    elif layout == "rotated":
        objects[2] = b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 /Rotate 180 /MediaBox %s >>"
        objects[2] %= box
        objects[3] = b"<< /Type /Page /Parent 2 0 R /Rotate 90 /Resources %s /Contents 4 0 R >>"
        objects[3] %= resources
        objects[4] = stream_object(b"", content("Page tournee d'un quart"))
        objects[6] = b"<< /Type /Page /Parent 2 0 R /Resources %s /Contents 7 0 R >>" % resources
        objects[7] = stream_object(b"", content("Page retournee"))
    elif layout == "shared":
        objects[2] = b"<< /Type /Pages /Kids [3 0 R 6 0 R 8 0 R] /Count 3 >>"
        for page, stream, text in ((3, 4, "Un"), (6, 7, "Deux"), (8, 9, "Trois")):
            objects[page] = b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources 10 0 R " % box
            objects[page] += b"/Contents [%d 0 R] >>" % stream
            objects[stream] = stream_object(b"", content(f"Page {text}, police commune"))
        objects[10] = resources
    else:
        raise ValueError(layout)
    return objects


def classic_pdf(objects: dict[int, bytes], head: bytes = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
                prev: int | None = None, size: int | None = None) -> bytes:  # fmt: skip
    """`head` followed by `objects` and a cross-reference table (a /Prev section when `head`
    is a whole earlier file: an incremental update)."""
    out = bytearray(head)
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref = len(out)
    out += b"xref\n"
    if prev is None:
        out += b"0 1\n0000000000 65535 f \n"
    for number in sorted(objects):  # one subsection per object: valid, and the odd case
        out += b"%d 1\n%010d 00000 n \n" % (number, offsets[number])
    size = size or max(objects) + 1
    extra = b" /Prev %d" % prev if prev is not None else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (size, extra, xref)
    return bytes(out)


def compressed_pdf(objects: dict[int, bytes]) -> bytes:
    """PDF 1.5: every object that is not a stream inside one object stream, and a
    cross-reference stream (FlateDecode, PNG Up predictor), as phone scanners write them."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    packed = sorted(n for n, body in objects.items() if b"stream\n" not in body)
    container = max(objects) + 1
    header, bodies = [], b""
    for number in packed:
        header.append(b"%d %d" % (number, len(bodies)))
        bodies += objects[number] + b"\n"
    head = b" ".join(header) + b"\n"
    entries: dict[int, tuple[int, int, int]] = {0: (0, 0, 65535)}
    for index, number in enumerate(packed):
        entries[number] = (2, container, index)
    for number in sorted(set(objects) - set(packed)):
        entries[number] = (1, len(out), 0)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    entries[container] = (1, len(out), 0)
    out += b"%d 0 obj\n%s\nendobj\n" % (
        container,
        stream_object(b"/Type /ObjStm /N %d /First %d" % (len(packed), len(head)), head + bodies),
    )
    xref_number = container + 1
    entries[xref_number] = (1, len(out), 0)
    rows, above = b"", bytes(7)
    for number in range(xref_number + 1):
        kind, a, b = entries.get(number, (0, 0, 0))
        row = struct.pack(">BIH", kind, a, b)
        rows += b"\x02" + bytes((x - y) & 0xFF for x, y in zip(row, above, strict=True))
        above = row
    entries_text = b"/Type /XRef /Size %d /W [1 4 2] /Root 1 0 R" % (xref_number + 1)
    entries_text += b" /DecodeParms << /Predictor 12 /Columns 7 >>"
    xref = len(out)
    out += b"%d 0 obj\n%s\nendobj\n" % (xref_number, stream_object(entries_text, rows))
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def updated_pdf(base: bytes, objects: dict[int, bytes]) -> bytes:
    """`base` with an incremental update replacing `objects` (a classic section, /Prev)."""
    start = int(base[base.rindex(b"startxref") + 9 :].split()[0])
    size = max(objects) + 1
    return classic_pdf(objects, head=base, prev=start, size=max(size, 32))


def hybrid_pdf(objects: dict[int, bytes]) -> bytes:
    """A hybrid file (PDF 1.5 read by 1.4 viewers): a classic table for the plain objects,
    whose trailer's /XRefStm points to the cross-reference stream that alone lists the
    objects inside the object stream."""
    body = compressed_pdf(objects)
    stream_xref = int(body[body.rindex(b"startxref") + 9 :].split()[0])
    body = body[: body.rindex(b"startxref")]
    offsets = {int(m[1]): m.start() + 1 for m in re.finditer(rb"\n(\d+) 0 obj", body)}
    table = b"xref\n0 1\n0000000000 65535 f \n"
    table += b"".join(b"%d 1\n%010d 00000 n \n" % (n, offsets[n]) for n in sorted(offsets))
    size = max(offsets) + 1
    trailer = b"trailer\n<< /Size %d /Root 1 0 R /XRefStm %d >>\n" % (size, stream_xref)
    return body + table + trailer + b"startxref\n%d\n%%%%EOF\n" % len(body)
