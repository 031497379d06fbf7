"""deploy/_headers and deploy/nginx.conf: what each path gets from each host.

`_headers` is read as Netlify and Cloudflare Pages read it (every matching rule applies,
and two values of one header are joined with a comma); nginx.conf as nginx reads it
(a regex location wins over `location /`, and a location with its own add_header
loses all the server-level ones).
"""

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from serve import headers_for, read_header_rules  # noqa: E402

HEADERS_FILE = (ROOT / "deploy" / "_headers").read_text("utf-8")
NGINX = (ROOT / "deploy" / "nginx.conf").read_text("utf-8")
RULES = read_header_rules(HEADERS_FILE)

SECURITY = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
IMMUTABLE = "public, max-age=31536000, immutable"

# path, Cache-Control from _headers (None: the host's default, which revalidates),
# Content-Type from _headers (None: the host's own type for the extension).
PATHS = [
    ("/", None, None),
    ("/formulaire/", None, None),
    ("/ar/index.html", None, None),
    ("/theme/css/site.css", None, None),
    ("/sw.js", None, None),
    ("/manifest.webmanifest", None, "application/manifest+json"),
    ("/pyodide/8330ab10006f/pyodide.asm.wasm", IMMUTABLE, "application/wasm"),
    ("/pyodide/8330ab10006f/python_stdlib.zip", IMMUTABLE, None),
    ("/pyodide/8330ab10006f/rdv_forms-1.0.0-cp313-none-any.whl", IMMUTABLE, None),
]


def _matching_rules(path: str):
    return [headers for pattern, headers in RULES if pattern.fullmatch(path)]


@pytest.mark.parametrize(("path", "cache", "content_type"), PATHS)
def test_headers_file_gives_each_path_its_headers(path, cache, content_type):
    got = headers_for(RULES, path)
    assert got.get("Cache-Control") == cache
    assert got.get("Content-Type") == content_type
    for name, value in SECURITY.items():
        assert got[name] == value
    assert "frame-ancestors 'none'" in got["Content-Security-Policy"]


@pytest.mark.parametrize("path", [path for path, _cache, _type in PATHS])
def test_no_two_rules_set_one_header(path):
    """Cloudflare Pages would join them: `no-cache, public, …, immutable` caches nothing."""
    names = [name.lower() for headers in _matching_rules(path) for name, _value in headers]
    assert sorted(names) == sorted(set(names))


# nginx ----------------------------------------------------------------------------------


def _nginx():
    """(server-level add_header pairs, [(location modifier, pattern, add_header pairs, body)])."""
    add_header = re.compile(r'^\s*add_header\s+(\S+)\s+"([^"]*)"\s+always;', re.M)
    locations = []
    for match in re.finditer(r"^location\s+(=|~|\^~)?\s*(\S+)\s*\{(.*?)^\}", NGINX, re.M | re.S):
        body = match[3]
        locations.append((match[1] or "", match[2], add_header.findall(body), body))
    outside = re.sub(r"^location\s.*?^\}", "", NGINX, flags=re.M | re.S)
    return add_header.findall(outside), locations


def nginx_location(path: str):
    """The location nginx picks for `path`: exact, then regex in order, then longest prefix."""
    _server, locations = _nginx()
    for modifier, pattern, headers, body in locations:
        if modifier == "=" and path == pattern:
            return headers, body
    for modifier, pattern, headers, body in locations:
        if modifier == "~" and re.search(pattern, path):
            return headers, body
    prefixes = [loc for loc in locations if loc[0] == "" and path.startswith(loc[1])]
    _modifier, _pattern, headers, body = max(prefixes, key=lambda loc: len(loc[1]))
    return headers, body


def nginx_headers(path: str) -> dict[str, str]:
    server, _locations = _nginx()
    headers, _body = nginx_location(path)
    return dict(headers or server)


@pytest.mark.parametrize(("path", "cache", "content_type"), PATHS)
def test_nginx_gives_each_path_the_same_headers(path, cache, content_type):
    got = nginx_headers(path)
    expected = headers_for(RULES, path)
    expected.pop("Content-Type", None)  # nginx sets types in its `types` block
    expected.setdefault("Cache-Control", "no-cache")
    assert got == expected


@pytest.mark.parametrize("path", ["/_headers", "/index.html.br", "/pyodide/8330ab10006f/x.js.gz"])
def test_nginx_never_serves_the_rules_or_the_compressed_copies_by_name(path):
    _headers, body = nginx_location(path)
    assert "return 404;" in body


@pytest.mark.parametrize(
    "directive", ["gzip_static on;", "gzip_vary on;", "brotli_static on;", "access_log off;"]
)
def test_nginx_directives(directive):
    assert re.search(rf"^{re.escape(directive)}", NGINX, re.M)


@pytest.mark.parametrize(
    ("extension", "mime"), [("wasm", "application/wasm"), ("mjs", "text/javascript")]
)
def test_nginx_types(extension, mime):
    types = re.search(r"types\s*\{(.*?)\}", NGINX, re.S)[1]
    assert re.search(rf"^\s*{re.escape(mime)}\s[^;]*\b{extension}\b", types, re.M)
