"""Right-to-left answers (an Arabic name) inside French text: isolate them so they do not
reorder the punctuation around them. HTML uses <bdi>; text and ODT use FSI … PDI."""

from __future__ import annotations

import unicodedata

FSI, PDI = "\u2068", "\u2069"


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def isolate(text: str) -> str:
    return f"{FSI}{text}{PDI}" if has_rtl(text) else text
