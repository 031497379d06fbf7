"""The embedded TrueType fonts: metrics for line breaking, glyphs for the PDF, and a subset.

The fonts are DejaVu Serif subsets made at build time (`scripts/subset_pdf_font.py`). At
run time, each PDF embeds only the glyphs it draws: the outlines of the others are left
empty, so glyph ids (which the page content and the ToUnicode map use) stay the same.
A character the font lacks is refused with `MissingGlyphs`, never drawn as an empty box.
"""

from __future__ import annotations

import struct
import unicodedata
from pathlib import Path

FONTS_DIR = Path(__file__).resolve().parent / "fonts"

# Invisible format characters: bidi isolates the text renderer adds around what the person
# typed, and zero-width characters the answers already refuse in names.
IGNORED = frozenset(
    chr(c) for c in [*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2070), 0xFEFF]
)


class MissingGlyphs(ValueError):
    """Text the embedded font cannot draw (a name in Arabic script, an emoji…)."""

    def __init__(self, characters: str):
        super().__init__(characters)
        self.characters = characters


def _checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF


class Font:
    """One TrueType font: character → glyph id, advance widths, vertical metrics."""

    def __init__(self, data: bytes, name: str):
        self.data = data
        self.name = name
        self.tables: dict[str, bytes] = {}
        (count,) = struct.unpack_from(">H", data, 4)
        for index in range(count):
            tag, _sum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * index)
            self.tables[tag.decode("latin-1")] = data[offset : offset + length]
        head = self.tables["head"]
        self.units_per_em = struct.unpack_from(">H", head, 18)[0]
        self.bbox = struct.unpack_from(">4h", head, 36)
        self.long_loca = struct.unpack_from(">h", head, 50)[0] == 1
        hhea = self.tables["hhea"]
        self.ascent, self.descent = struct.unpack_from(">hh", hhea, 4)
        metrics_count = struct.unpack_from(">H", hhea, 34)[0]
        self.glyph_count = struct.unpack_from(">H", self.tables["maxp"], 4)[0]
        hmtx = self.tables["hmtx"]
        advances = [struct.unpack_from(">H", hmtx, 4 * i)[0] for i in range(metrics_count)]
        advances += [advances[-1]] * (self.glyph_count - metrics_count)
        self.advances = advances
        os2 = self.tables["OS/2"]
        self.cap_height = (
            struct.unpack_from(">h", os2, 88)[0] if len(os2) >= 90 else self.ascent * 7 // 10
        )
        self.cmap = self._cmap(self.tables["cmap"])

    @staticmethod
    def _cmap(table: bytes) -> dict[str, int]:
        """The Windows Unicode BMP subtable (format 4), which the build-time subset keeps."""
        (count,) = struct.unpack_from(">H", table, 2)
        for index in range(count):
            platform, encoding, offset = struct.unpack_from(">HHI", table, 4 + 8 * index)
            if (platform, encoding) == (3, 1) and struct.unpack_from(">H", table, offset)[0] == 4:
                break
        else:
            raise ValueError("no Unicode (3, 1) format 4 cmap")
        segments = struct.unpack_from(">H", table, offset + 6)[0] // 2
        ends = struct.unpack_from(f">{segments}H", table, offset + 14)
        starts = struct.unpack_from(f">{segments}H", table, offset + 16 + 2 * segments)
        deltas = struct.unpack_from(f">{segments}h", table, offset + 16 + 4 * segments)
        range_base = offset + 16 + 6 * segments
        range_offsets = struct.unpack_from(f">{segments}H", table, range_base)
        mapping: dict[str, int] = {}
        for i in range(segments):
            for code in range(starts[i], ends[i] + 1):
                if code == 0xFFFF:
                    continue
                if range_offsets[i] == 0:
                    glyph = (code + deltas[i]) & 0xFFFF
                else:
                    where = range_base + 2 * i + range_offsets[i] + 2 * (code - starts[i])
                    glyph = struct.unpack_from(">H", table, where)[0]
                    glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
                if glyph:
                    mapping[chr(code)] = glyph
        return mapping

    def covers(self, char: str) -> bool:
        return char in self.cmap

    def glyphs(self, text: str) -> list[int]:
        cmap = self.cmap
        try:
            return [cmap[char] for char in text]
        except KeyError:
            raise MissingGlyphs("".join(sorted({c for c in text if c not in cmap}))) from None

    def width(self, text: str, size: float) -> float:
        advances, cmap = self.advances, self.cmap
        return sum(advances[cmap[char]] for char in text) * size / self.units_per_em

    def scaled(self, glyph: int) -> int:
        """An advance in thousandths of the text size, as the PDF /W array wants it."""
        return round(self.advances[glyph] * 1000 / self.units_per_em)

    def subset(self, used: set[int]) -> bytes:
        """The font with empty outlines for every glyph not in `used` (ids are kept)."""
        loca_table, glyf = self.tables["loca"], self.tables["glyf"]
        if self.long_loca:
            offsets = list(struct.unpack(f">{self.glyph_count + 1}I", loca_table))
        else:
            offsets = [2 * o for o in struct.unpack(f">{self.glyph_count + 1}H", loca_table)]
        keep = {0, *used}
        queue = list(keep)
        while queue:  # composite glyphs (most accented letters) need their components
            glyph = queue.pop()
            for component in _components(glyf[offsets[glyph] : offsets[glyph + 1]]):
                if component not in keep:
                    keep.add(component)
                    queue.append(component)
        new_glyf = bytearray()
        new_loca = []
        for glyph in range(self.glyph_count):
            new_loca.append(len(new_glyf))
            if glyph in keep:
                new_glyf += glyf[offsets[glyph] : offsets[glyph + 1]]
                new_glyf += b"\0" * (-len(new_glyf) % 4)
        new_loca.append(len(new_glyf))
        tables = dict(self.tables)
        tables["glyf"] = bytes(new_glyf)
        tables["loca"] = struct.pack(f">{len(new_loca)}I", *new_loca)
        head = bytearray(tables["head"])
        head[8:12] = b"\0\0\0\0"  # checkSumAdjustment, computed below
        head[50:52] = struct.pack(">h", 1)  # long offsets in loca
        tables["head"] = bytes(head)
        for dropped in ("gasp", "name"):  # viewers do not need them in an embedded font
            tables.pop(dropped, None)
        return _assemble(tables)


def _components(glyph: bytes) -> list[int]:
    if len(glyph) < 10 or struct.unpack_from(">h", glyph, 0)[0] >= 0:
        return []
    found, position = [], 10
    while True:
        flags, index = struct.unpack_from(">HH", glyph, position)
        found.append(index)
        position += 4 + (4 if flags & 0x0001 else 2)
        if flags & 0x0008:
            position += 2
        elif flags & 0x0040:
            position += 4
        elif flags & 0x0080:
            position += 8
        if not flags & 0x0020:
            return found


def _assemble(tables: dict[str, bytes]) -> bytes:
    tags = sorted(tables)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1,
                         count * 16 - power * 16)  # fmt: skip
    offset = 12 + 16 * count
    directory, body = bytearray(), bytearray()
    for tag in tags:
        data = tables[tag]
        directory += struct.pack(">4sIII", tag.encode("latin-1"), _checksum(data),
                                 offset + len(body), len(data))  # fmt: skip
        body += data + b"\0" * (-len(data) % 4)
    font = bytearray(header + directory + body)
    head_at = 12 + 16 * count + sum(len(tables[t]) + (-len(tables[t]) % 4) for t in tags[
        : tags.index("head")])  # fmt: skip
    adjustment = (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF
    font[head_at + 8 : head_at + 12] = struct.pack(">I", adjustment)
    return bytes(font)


_FONTS: dict[str, Font] = {}


def font(style: str) -> Font:
    """`regular` or `bold`, read once per process."""
    if style not in _FONTS:
        filename = {"regular": "serif.ttf", "bold": "serif-bold.ttf"}[style]
        name = {"regular": "DejaVuSerif", "bold": "DejaVuSerif-Bold"}[style]
        _FONTS[style] = Font((FONTS_DIR / filename).read_bytes(), name)
    return _FONTS[style]


def clean(text: str) -> str:
    """What gets drawn: composed characters (one glyph for « ễ » typed as e + two accents),
    without invisible format characters; tabs become spaces."""
    text = unicodedata.normalize("NFC", text).replace("\t", " ")
    if any(char in IGNORED for char in text):
        text = "".join(char for char in text if char not in IGNORED)
    return text


def missing(text: str) -> str:
    """The characters of `text` that the fonts cannot draw, sorted, without repeats."""
    cmap = font("regular").cmap
    return "".join(sorted({c for c in clean(text) if c not in cmap and c not in "\n\r"}))
