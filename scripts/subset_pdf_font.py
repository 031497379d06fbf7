"""Subset DejaVu Serif for the PDF renderer of rdv_forms, at build time, with fontTools.

    .venv/bin/python scripts/subset_pdf_font.py          # rewrites forms/rdv_forms/pdf/fonts/

The subsets are committed (a few tens of KB each): rdv_forms stays standard-library-only
and reads them at run time, in the browser too. Run this again only to change the
character set below; the output is byte-for-byte reproducible from the same DejaVu files
(Debian's fonts-dejavu-core) and the same fontTools version.

The set covers French and the Latin-script names people have: Latin-1, Latin Extended-A
and -B, Latin Extended Additional (Vietnamese), combining accents, and the punctuation the
documents use. A character outside it is refused by the renderer with a clear message,
never drawn as a missing glyph (see rdv_forms/pdf/fonts.py).
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "forms" / "rdv_forms" / "pdf" / "fonts"
SOURCES = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {
    "serif.ttf": "DejaVuSerif.ttf",
    "serif-bold.ttf": "DejaVuSerif-Bold.ttf",
}

RANGES = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A: ł ő ş ţ ğ ı …
    (0x0180, 0x024F),  # Latin Extended-B: ș ț ǎ ơ ư …
    (0x0250, 0x02AF),  # IPA Extensions: ə (Azerbaijani) ɛ ɔ (West African names)
    (0x02B0, 0x02FF),  # Spacing modifiers: ʻ ʼ (Uzbek, Hawaiian), ˆ ˇ ˘ ˙ ˚ ˛ ˜ ˝
    (0x0300, 0x036F),  # Combining diacritics, for names typed decomposed
    (0x1E00, 0x1EFF),  # Latin Extended Additional: ễ ạ ả ố ự (Vietnamese), ḥ ṣ ṭ
    (0x2000, 0x200A),  # spaces
    (0x2010, 0x2027),  # dashes, quotes, bullet, ellipsis
    (0x202F, 0x202F),  # narrow no-break space (French typography)
    (0x2030, 0x203A),  # per mille, single guillemets
    (0x20AC, 0x20AC),  # €
    (0x2116, 0x2116),  # №
    (0x2122, 0x2122),  # ™
    (0x2190, 0x2193),  # arrows
    (0x2212, 0x2212),  # minus
)


def codepoints() -> list[int]:
    return [c for low, high in RANGES for c in range(low, high + 1)]


def subset_font(source: Path) -> bytes:
    options = subset.Options()
    options.layout_features = []  # no shaping at run time: one glyph per character
    options.hinting = False  # PDF viewers rasterise without TrueType hints
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # copyright, family, style, version, PS name
    options.name_languages = [0x409]
    options.glyph_names = False
    options.notdef_outline = True
    options.recalc_timestamp = False  # reproducible bytes
    options.drop_tables += ["FFTM", "GDEF", "GPOS", "GSUB", "kern", "DSIG", "vhea", "vmtx", "MATH"]
    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints())
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=SOURCES, help="DejaVu's folder")
    parser.add_argument("--target", type=Path, default=TARGET)
    options = parser.parse_args()
    options.target.mkdir(parents=True, exist_ok=True)
    for name, source in FONTS.items():
        data = subset_font(options.sources / source)
        (options.target / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes from {source}")


if __name__ == "__main__":
    main()
