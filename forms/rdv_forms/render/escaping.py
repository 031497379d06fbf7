"""The two escapes the renderers need, written out instead of imported.

`html.escape` and `urllib.parse.quote` would pull `html.entities` and `ipaddress` into the
browser's standard library: about 30 KB more to download on a phone, for two loops.
"""

from __future__ import annotations

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def escape(text: str) -> str:
    """Like `html.escape(text, quote=True)`."""
    return "".join(_HTML.get(char, char) for char in text)


def quote(text: str, safe: str = "") -> str:
    """Like `urllib.parse.quote(text, safe=safe)`: UTF-8 percent-encoding (RFC 3986)."""
    keep = _UNRESERVED | frozenset(safe)
    return "".join(
        char if char in keep else "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))
        for char in text
    )
