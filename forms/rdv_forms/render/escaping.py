"""The two escapes the renderers need, written out instead of imported.

`html.escape` and `urllib.parse.quote` would pull `html.entities` and `ipaddress` into the
browser's standard library: about 30 KB more to download on a phone, for two loops.
"""

from __future__ import annotations

import functools

_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def escape(text: str) -> str:
    """Like `html.escape(text, quote=True)`, and written the same way.

    Five `str.replace` scans run in C; `str.translate` with a mapping or a join over the
    characters were each slower than the whole rest of the HTML renderer under Pyodide.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&#x27;")


def quote(text: str, safe: str = "") -> str:
    """Like `urllib.parse.quote(text, safe=safe)`: UTF-8 percent-encoding (RFC 3986)."""
    return "".join(map(_byte_table(safe).__getitem__, text.encode("utf-8")))


@functools.cache
def _byte_table(safe: str) -> tuple[str, ...]:
    """What each of the 256 byte values becomes; one table per `safe`, built once.

    A lookup per byte through `map` keeps the loop in C: an e-mail body is a few
    thousand bytes and is encoded for every preview.
    """
    keep = {ord(char) for char in _UNRESERVED | frozenset(safe) if ord(char) < 128}
    return tuple(chr(byte) if byte in keep else f"%{byte:02X}" for byte in range(256))
