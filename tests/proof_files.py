"""Files a person adds as proof, made for the tests: JPEGs and PNGs with or without EXIF
metadata (DateTimeOriginal, orientation), in either byte order, a small PDF, and broken ones.

The EXIF block is written byte by byte here, not by Pillow, so the tests control exactly what
the page's own reader (theme/static/js/form/exif.js) is given.
"""

import io
import struct
import zlib

from PIL import Image

EXIF_IFD = 0x8769
DATE_TIME_ORIGINAL = 0x9003
ORIENTATION = 0x0112


def tiff(date_time: str | None, *, little: bool = True, orientation: int | None = None) -> bytes:
    """A TIFF structure: IFD0 (orientation, pointer to the Exif IFD), the Exif IFD
    (DateTimeOriginal), then the date's text."""
    order = "<" if little else ">"
    ifd0_entries = []
    if orientation is not None:
        ifd0_entries.append((ORIENTATION, 3, 1, struct.pack(order + "HH", orientation, 0)))
    ifd0_at = 8
    exif_at = ifd0_at + 2 + 12 * (len(ifd0_entries) + 1) + 4
    ifd0_entries.append((EXIF_IFD, 4, 1, struct.pack(order + "I", exif_at)))
    exif_entries = []
    text_at = exif_at + 2 + 12 + 4
    if date_time is not None:
        exif_entries.append((DATE_TIME_ORIGINAL, 2, 20, struct.pack(order + "I", text_at)))

    def ifd(entries):
        data = struct.pack(order + "H", len(entries))
        for tag, kind, count, value in sorted(entries):
            data += struct.pack(order + "HHI", tag, kind, count) + value
        return data + struct.pack(order + "I", 0)

    head = (b"II" if little else b"MM") + struct.pack(order + "HI", 42, ifd0_at)
    body = head + ifd(ifd0_entries)
    body += ifd(exif_entries) if exif_entries else ifd([]) + b"\0" * 12
    if date_time is not None:
        body += date_time.encode("ascii") + b"\0"
    return body


def picture(size=(40, 20), color=(200, 30, 30), kind="JPEG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, kind)
    return buffer.getvalue()


def jpeg(exif: bytes | None = None, size=(40, 20), color=(200, 30, 30)) -> bytes:
    """A JPEG from Pillow with an APP1 « Exif » segment after its APP0 (JFIF) segment."""
    data = picture(size, color, "JPEG")
    if exif is None:
        return data
    assert data[2:4] == b"\xff\xe0"
    after_app0 = 4 + struct.unpack(">H", data[4:6])[0]
    payload = b"Exif\0\0" + exif
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    return data[:after_app0] + segment + data[after_app0:]


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(exif: bytes | None = None, size=(40, 20), color=(30, 30, 200), prefix=False) -> bytes:
    """A PNG from Pillow with an eXIf chunk after IHDR (`prefix`: « Exif\\0\\0 » first, as
    some writers do)."""
    data = picture(size, color, "PNG")
    if exif is None:
        return data
    after_ihdr = 8 + 8 + 13 + 4
    return (
        data[:after_ihdr]
        + chunk(b"eXIf", (b"Exif\0\0" if prefix else b"") + exif)
        + data[after_ihdr:]
    )


def corrupt_png() -> bytes:
    """A PNG whose image data was cut off: the signature and header are right, the rest not."""
    return png()[:60]


def heic() -> bytes:
    """The start of an HEIC file (an ISO-BMFF « ftyp heic » box): what an iPhone gives
    when its camera is set to « High efficiency »; Chromium cannot decode it."""
    box = b"ftypheic" + b"\0\0\0\0" + b"mif1heic"
    return struct.pack(">I", len(box) + 4) + box + b"\0" * 200


def pdf(text: str = "Accuse de reception") -> bytes:
    """A one-page PDF, written by hand, with correct cross-reference offsets."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out
