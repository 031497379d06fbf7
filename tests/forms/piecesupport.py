"""Files a person could give, made in the tests with the standard library (it runs in Pyodide
too): PNG images written with each of PNG's row filters, and small fixed files in pieces/."""

from __future__ import annotations

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
