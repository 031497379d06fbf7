"""The person's own files: JPEG and PNG images placed in a PDF, PDFs kept as they are.

Read with the standard library only. A JPEG goes into the PDF unchanged (DCTDecode); a PNG
is inflated and unfiltered, then written as a Flate image with its transparency as a soft
mask. A PDF is only inspected: is it one, is it encrypted, how many pages does it have.
Every other file (HEIC, WebP, a truncated JPEG…) gets `Unreadable`, with a message saying
what to do, in the person's language.
"""

from __future__ import annotations

import re
import struct
import zlib
from itertools import accumulate

from ..i18n import Message, msg_pdf
from .writer import Image, Stream


class Unreadable(ValueError):
    """A file that cannot go into the pack, and why."""

    def __init__(self, message: Message):
        super().__init__(message.msgid)
        self.message = message
        self.file: str | None = None  # set by the pack: the name of the file given


def unsupported(filename: str, kind: str) -> Unreadable:
    return Unreadable(
        msg_pdf(
            "« %(fichier)s » : format non pris en charge (%(format)s). Ajoutez une image JPEG ou "
            "PNG, ou un PDF : une capture d’écran ou une photo prise avec le téléphone convient.",
            fichier=filename,
            format=kind,
        )
    )


def damaged(filename: str, detail: str) -> Unreadable:
    return Unreadable(
        msg_pdf(
            "« %(fichier)s » : le fichier est abîmé ou incomplet (%(detail)s). Ouvrez-le pour "
            "vérifier, puis ajoutez-le à nouveau.",
            fichier=filename,
            detail=detail,
        )
    )


# First bytes of formats people often have, to name them in the message.
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", 0, "png"),
    (b"\xff\xd8\xff", 0, "jpeg"),
    (b"%PDF-", None, "pdf"),
    (b"ftypheic", 4, "HEIC"),
    (b"ftypheix", 4, "HEIC"),
    (b"ftypmif1", 4, "HEIF"),
    (b"ftypavif", 4, "AVIF"),
    (b"WEBP", 8, "WebP"),
    (b"GIF8", 0, "GIF"),
    (b"BM", 0, "BMP"),
    (b"II*\0", 0, "TIFF"),
    (b"MM\0*", 0, "TIFF"),
    (b"PK\x03\x04", 0, "ZIP, DOCX, ODT"),
)


def kind_of(data: bytes) -> str:
    for signature, offset, kind in SIGNATURES:
        if offset is None:
            if signature in data[:1024]:
                return kind
        elif data[offset : offset + len(signature)] == signature:
            return kind
    return ""


class Picture:
    """An image ready to place: the PDF image and how to turn it upright (EXIF orientation)."""

    def __init__(self, image: Image, orientation: int = 1):
        self.image = image
        self.orientation = orientation

    @property
    def upright_size(self) -> tuple[int, int]:
        w, h = self.image.width, self.image.height
        return (h, w) if self.orientation >= 5 else (w, h)

    def matrix(self, x: float, y: float, w: float, h: float) -> tuple[float, ...]:
        """Map the image's unit square onto the box (x, y, w, h), upright."""
        return {
            1: (w, 0, 0, h, x, y),
            2: (-w, 0, 0, h, x + w, y),
            3: (-w, 0, 0, -h, x + w, y + h),
            4: (w, 0, 0, -h, x, y + h),
            5: (0, -h, -w, 0, x + w, y + h),
            6: (0, -h, w, 0, x, y + h),
            7: (0, h, w, 0, x, y),
            8: (0, h, -w, 0, x + w, y),
        }[self.orientation]


# ---------------------------------------------------------------------------------------- JPEG

SOF_SUPPORTED = (0xC0, 0xC1, 0xC2)  # baseline, extended, progressive: what PDF readers decode
SOF_OTHER = (0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF)


def read_jpeg(data: bytes, filename: str) -> Picture:
    if not data.startswith(b"\xff\xd8"):
        raise damaged(filename, "JPEG")
    position, orientation, adobe, frame = 2, 1, False, None
    while True:
        if position + 4 > len(data) or data[position] != 0xFF:
            raise damaged(filename, "JPEG")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            position += 2
            continue
        (length,) = struct.unpack_from(">H", data, position + 2)
        segment = data[position + 4 : position + 2 + length]
        if length < 2 or position + 2 + length > len(data):
            raise damaged(filename, "JPEG")
        if marker in SOF_SUPPORTED:
            if len(segment) < 6:
                raise damaged(filename, "JPEG")
            _precision, height, width, components = struct.unpack_from(">BHHB", segment)
            frame = (width, height, components)
        elif marker in SOF_OTHER:
            raise unsupported(filename, f"JPEG SOF{marker - 0xC0}")
        elif marker == 0xE1 and segment.startswith(b"Exif\0\0"):
            orientation = _exif_orientation(segment[6:])
        elif marker == 0xEE and segment.startswith(b"Adobe"):
            adobe = True
        elif marker == 0xDA:  # start of scan: the compressed image follows
            break
        position += 2 + length
    end = data.find(b"\xff\xd9", position)
    if frame is None or end < 0:
        raise damaged(filename, "JPEG")
    width, height, components = frame
    if not width or not height or components not in (1, 3, 4):
        raise damaged(filename, "JPEG")
    space = {1: "DeviceGray", 3: "DeviceRGB", 4: "DeviceCMYK"}[components]
    entries = {"ColorSpace": space, "BitsPerComponent": 8, "Filter": "DCTDecode"}
    if components == 4 and adobe:  # Adobe's CMYK JPEGs are stored inverted
        entries["Decode"] = [1, 0, 1, 0, 1, 0, 1, 0]
    # Anything after the end of the image (a phone's "motion photo" video) is left out.
    return Picture(Image(width, height, entries, data[: end + 2]), orientation)


def _exif_orientation(tiff: bytes) -> int:
    try:
        order = {b"II": "<", b"MM": ">"}[tiff[:2]]
        (offset,) = struct.unpack_from(order + "I", tiff, 4)
        (count,) = struct.unpack_from(order + "H", tiff, offset)
        for index in range(count):
            tag, _type, _count, value = struct.unpack_from(
                order + "HHIH", tiff, offset + 2 + 12 * index
            )
            if tag == 0x0112:
                return value if 1 <= value <= 8 else 1
    except (KeyError, struct.error):
        pass
    return 1


# ----------------------------------------------------------------------------------------- PNG

CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
MAX_PIXELS = 50_000_000  # a 48-megapixel phone photo passes


def read_png(data: bytes, filename: str) -> Picture:
    position = 8
    header, palette, chunks = None, b"", []
    while position + 12 <= len(data):
        length, tag = struct.unpack_from(">I4s", data, position)
        if position + 12 + length > len(data):
            raise damaged(filename, "PNG")
        body = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack_from(">I", data, position + 8 + length)
        if zlib.crc32(tag + body) != crc:
            raise damaged(filename, "PNG")
        if tag == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif tag == b"PLTE":
            palette = body
        elif tag == b"IDAT":
            chunks.append(body)
        elif tag == b"IEND":
            break
        position += 12 + length
    else:
        raise damaged(filename, "PNG")
    if header is None or not chunks:
        raise damaged(filename, "PNG")
    width, height, depth, colour, _compression, _filter, interlace = header
    if colour not in CHANNELS or depth not in (1, 2, 4, 8, 16) or not width or not height:
        raise damaged(filename, "PNG")
    if interlace:
        raise unsupported(filename, "PNG Adam7")
    if width * height > MAX_PIXELS:  # a few bytes can inflate to gigabytes
        raise unsupported(filename, f"PNG {width} × {height}")
    if colour == 3 and not palette:
        raise damaged(filename, "PNG")
    compressed = b"".join(chunks)
    channels = CHANNELS[colour]
    row_bytes = (width * channels * depth + 7) // 8
    try:
        raw = zlib.decompress(compressed)
    except zlib.error:
        raise damaged(filename, "PNG") from None
    if len(raw) < height * (row_bytes + 1):
        raise damaged(filename, "PNG")
    space: list[object] | str
    if colour == 3:
        space = ["Indexed", "DeviceRGB", len(palette) // 3 - 1, _hex(palette)]
    else:
        space = "DeviceGray" if colour in (0, 4) else "DeviceRGB"
    as_it_is = colour in (0, 2, 3) and depth <= 8
    if colour in (4, 6) and depth == 8 and _opaque(raw, row_bytes, channels, height):
        # A screenshot's alpha is 255 everywhere: keep the PNG data as it is and let the
        # colour space drop the alpha samples (DeviceN whose tint transform pops the last
        # component). Unfiltering in Python costs seconds per screenshot; this costs nothing.
        names = ["R", "G", "B"][: channels - 1] if colour == 6 else ["Gray"]
        domain = [0, 1] * channels
        drop = Stream({"FunctionType": 4, "Domain": domain, "Range": [0, 1] * len(names)},
                      b"{ pop }")  # fmt: skip
        space = ["DeviceN", [*names, "Alpha"], space, drop]
        as_it_is = True
    if as_it_is:
        # No alpha (or a dropped one) and at most 8 bits: the PNG data is a valid PDF Flate
        # stream as it is, with PNG predictors (the filter byte at the start of each row).
        entries = {
            "ColorSpace": space,
            "BitsPerComponent": depth,
            "Filter": "FlateDecode",
            "DecodeParms": {
                "Predictor": 15,
                "Colors": channels,
                "BitsPerComponent": depth,
                "Columns": width,
            },
        }
        return Picture(Image(width, height, entries, compressed))
    pixels = unfilter(raw, row_bytes, max(1, channels * depth // 8), height)
    if depth == 16:  # keep the high byte of each sample
        pixels = pixels[0::2]
    colour_channels = channels - (1 if colour in (4, 6) else 0)
    mask = None
    if colour in (4, 6):
        alpha = pixels[channels - 1 :: channels]
        if alpha.count(255) != len(alpha):
            gray = {"ColorSpace": "DeviceGray", "BitsPerComponent": 8, "Filter": "FlateDecode"}
            mask = Image(width, height, gray, zlib.compress(alpha, 6))
        colour_bytes = bytearray(width * height * colour_channels)
        for channel in range(colour_channels):
            colour_bytes[channel::colour_channels] = pixels[channel::channels]
        pixels = colour_bytes
    entries = {"ColorSpace": space, "BitsPerComponent": 8, "Filter": "FlateDecode"}
    return Picture(Image(width, height, entries, zlib.compress(pixels, 6), mask))


def _opaque_rows(width: int) -> dict[int, tuple[bytes, bytes]]:
    """Each filter's bytes for an alpha row of 255s: (first row, any later row)."""

    def row(first: int, rest: int) -> bytes:
        return bytes([first]) + bytes([rest]) * (width - 1)

    return {
        0: (row(255, 255), row(255, 255)),
        1: (row(255, 0), row(255, 0)),
        2: (row(255, 255), row(0, 0)),
        3: (row(255, 128), row(128, 0)),
        4: (row(255, 0), row(0, 0)),
    }


def _opaque(raw: bytes, row_bytes: int, channels: int, height: int) -> bool:
    """Whether every alpha sample is 255, read from the filtered rows without unfiltering.

    PNG filters predict each byte from the same channel only, so the alpha samples of a row
    are all 255 exactly when, given that the row above is, their filtered bytes are the
    pattern `_opaque_rows` computes for that row's filter.
    """
    patterns = _opaque_rows(row_bytes // channels)
    for index in range(height):
        start = index * (row_bytes + 1)
        kind = raw[start]
        if kind not in patterns:
            return False
        alpha = raw[start + channels : start + 1 + row_bytes : channels]
        if alpha != patterns[kind][0 if index == 0 else 1]:
            return False
    return True


def _hex(data: bytes):
    from .writer import Raw

    return Raw(f"<{data.hex()}>")


_MASKS: dict[int, tuple[int, int]] = {}


def _add(row: bytes, above: bytes) -> bytes:
    """Bytewise (row + above) mod 256, on whole rows at once with Python's big integers."""
    n = len(row)
    if n not in _MASKS:
        _MASKS[n] = (int.from_bytes(b"\x7f" * n, "big"), int.from_bytes(b"\x80" * n, "big"))
    low, high = _MASKS[n]
    x, y = int.from_bytes(row, "big"), int.from_bytes(above, "big")
    return (((x & low) + (y & low)) ^ ((x ^ y) & high)).to_bytes(n, "big")


def unfilter(raw: bytes, row_bytes: int, bpp: int, height: int) -> bytearray:
    """Undo PNG's per-row filters. Up and Sub work on whole rows; Average and Paeth, whose
    every byte depends on the byte before, need a Python loop (the slow part)."""
    out = bytearray(row_bytes * height)
    previous = bytes(row_bytes)
    position = 0
    for row_index in range(height):
        kind = raw[position]
        row = raw[position + 1 : position + 1 + row_bytes]
        position += row_bytes + 1
        if kind == 0:
            current = row
        elif kind == 2:
            current = _add(row, previous)
        elif kind == 1:
            line = bytearray(row)
            for lane in range(bpp):
                line[lane::bpp] = bytes(map((255).__and__, accumulate(row[lane::bpp])))
            current = bytes(line)
        elif kind in (3, 4):
            current = _sequential(kind, row, previous, bpp)
        else:
            raise ValueError(f"PNG filter {kind}")
        out[row_index * row_bytes : (row_index + 1) * row_bytes] = current
        previous = current
    return out


def _sequential(kind: int, row: bytes, above: bytes, bpp: int) -> bytes:
    line = bytearray(row)
    if kind == 3:
        for i in range(len(line)):
            left = line[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + ((left + above[i]) >> 1)) & 255
        return bytes(line)
    for i in range(bpp):
        line[i] = (line[i] + above[i]) & 255
    for i in range(bpp, len(line)):
        a, b, c = line[i - bpp], above[i], above[i - bpp]
        p = a + b - c
        pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
        line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    return bytes(line)


# ----------------------------------------------------------------------------------------- PDF

OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b(.*?)\bendobj", re.DOTALL)
PAGES = re.compile(rb"/Type\s*/Pages\b")
PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
COUNT = re.compile(rb"/Count\s+(\d+)")
OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b")


def pdf_page_count(data: bytes, filename: str) -> int:
    """Pages of a PDF: the /Count of its root page tree (the /Pages node without /Parent),
    read in plain objects and in compressed object streams; PDF 1.0 to 2.0."""
    start = data.find(b"%PDF-", 0, 1024)
    if start < 0 or b"%%EOF" not in data[-16384:]:  # cut short: its end is missing
        raise damaged(filename, "PDF")
    if re.search(rb"/Encrypt\s*(\d+\s+\d+\s+R|<<)", data):
        raise Unreadable(
            msg_pdf(
                "« %(fichier)s » : ce PDF est chiffré, ses pages ne peuvent pas être comptées. "
                "Enregistrez-en une copie non protégée (Imprimer, puis Enregistrer au format PDF) "
                "et ajoutez cette copie.",
                fichier=filename,
            )
        )
    bodies = [match.group(1) for match in OBJECT.finditer(data)]
    for body in list(bodies):
        if OBJECT_STREAM.search(body[: body.find(b"stream")] if b"stream" in body else body):
            bodies.extend(_object_stream(body))
    counts = [
        int(count.group(1))
        for body in bodies
        if PAGES.search(body) and b"/Parent" not in body and (count := COUNT.search(body))
    ]
    if counts:
        return max(counts)
    pages = sum(len(PAGE.findall(body)) for body in bodies)
    if not pages:
        raise damaged(filename, "PDF")
    return pages


def _object_stream(body: bytes) -> list[bytes]:
    """The objects inside a compressed object stream (PDF 1.5)."""
    first = re.search(rb"/First\s+(\d+)", body)
    at = re.search(rb"stream\r?\n", body)
    if not first or not at or b"/FlateDecode" not in body[: at.start()]:
        return []
    try:
        content = zlib.decompressobj().decompress(body[at.end() :])
    except zlib.error:
        return []
    header = content[: int(first.group(1))].split()
    offsets = [int(value) for value in header[1::2]] + [len(content) - int(first.group(1))]
    base = int(first.group(1))
    return [content[base + offsets[i] : base + offsets[i + 1]] for i in range(len(offsets) - 1)]
