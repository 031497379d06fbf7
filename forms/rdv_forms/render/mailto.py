"""A `mailto:` link that opens the person's mail app with the e-mail already written.

RFC 6068: every character outside the unreserved set is percent-encoded (UTF-8), and line
breaks are CRLF. Phone mail apps accept long links, but some desktop mail handlers refuse or
cut them: past MAX_LENGTH no link is made and the page offers copy and paste instead (the
copy button is always there too).
"""

from __future__ import annotations

from .escaping import quote

MAX_LENGTH = 8000


def mailto_url(to: str, subject: str, body: str) -> str:
    crlf = "\r\n".join(body.replace("\r\n", "\n").split("\n"))
    return (
        f"mailto:{quote(to.strip(), safe='@')}"
        f"?subject={quote(subject, safe='')}&body={quote(crlf, safe='')}"
    )


def mailto_or_none(to: str, subject: str, body: str) -> str | None:
    url = mailto_url(to, subject, body)
    return url if len(url) <= MAX_LENGTH else None
