"""A `mailto:` link that opens the person's mail app with the e-mail already written.

RFC 6068: every character outside the unreserved set is percent-encoded (UTF-8), and line
breaks are CRLF. Phone mail apps accept long links, but some desktop mail handlers refuse or
cut them: past MAX_LENGTH no link is made and the page offers copy and paste instead (the
copy button is always there too).
"""

from __future__ import annotations

import re

from .escaping import quote

MAX_LENGTH = 8000
_SEPARATOR = re.compile(r"[,;\s]")


def mailto_url(to: str, subject: str, body: str) -> str:
    crlf = "\r\n".join(body.replace("\r\n", "\n").split("\n"))
    # Validation refuses « a,b@c.fr »; should one get here, mail apps would read two
    # recipients (RFC 6068 separates them with commas): the person then types the address.
    to = "" if _SEPARATOR.search(to.strip()) else to.strip()
    return (
        f"mailto:{quote(to, safe='@')}"
        f"?subject={quote(subject, safe='')}&body={quote(crlf, safe='')}"
    )


def mailto_or_none(to: str, subject: str, body: str) -> str | None:
    url = mailto_url(to, subject, body)
    return url if len(url) <= MAX_LENGTH else None
