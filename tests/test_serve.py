"""scripts/serve.py, the help-desk server: hostile requests get a short 4xx, nothing is printed.

The server runs as its own process, as `make kiosk` runs it, on a small folder made here
(no site build needed): each case is sent over a raw socket and the status line checked;
stderr must stay empty, and the server must still answer afterwards.
"""

import contextlib
import gzip
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from serve import accepted_encodings, headers_for, read_header_rules  # noqa: E402

HASHED = "pyodide/0123456789ab"
PAGE = b"<!doctype html><title>x</title><p>page</p>\n"


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    """A small output/ with what the server must and must not give."""
    base = tmp_path_factory.mktemp("serve")
    site = base / "site"
    (site / "sub").mkdir(parents=True)
    (site / "empty").mkdir()
    (site / HASHED).mkdir(parents=True)
    (site / "index.html").write_bytes(PAGE)
    (site / "index.html.gz").write_bytes(gzip.compress(PAGE))
    (site / "index.html.br").write_bytes(b"brotli bytes")
    (site / "sub" / "index.html").write_bytes(PAGE)
    (site / HASHED / "runtime.wasm").write_bytes(b"\0asm")
    (site / ".hidden").write_text("hidden")
    shutil.copy(ROOT / "deploy" / "_headers", site / "_headers")
    secret = base / "secret"
    secret.mkdir()
    (secret / "passwords.txt").write_text("secret")
    (site / "link-out.txt").symlink_to(secret / "passwords.txt")
    (site / "dir-out").symlink_to(secret, target_is_directory=True)
    (site / "link-in.html").symlink_to(site / "index.html")
    return site


def start(root: Path, *options: str):
    """serve.py on a free loopback port: (process, port)."""
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "scripts" / "serve.py"),
            "--directory",
            str(root),
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            *options,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    line = process.stdout.readline().decode()
    assert "http://localhost:" in line, line
    port = int(line.split("http://localhost:")[1].split("/")[0])
    return process, port


def stop(process) -> str:
    process.terminate()
    _out, err = process.communicate(timeout=10)
    return err.decode()


@pytest.fixture(scope="module")
def server(root):
    process, port = start(root)
    yield port
    assert stop(process) == "", "the server wrote something to stderr"


def exchange(port: int, data: bytes, timeout: float = 5) -> bytes:
    """Send raw bytes, return everything the server answers until it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        # It may close before reading all of a huge request: the reply says why.
        with contextlib.suppress(OSError):
            sock.sendall(data)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except ConnectionResetError:
            pass
    return b"".join(chunks)


def get(port: int, path: str, *headers: str, method: str = "GET"):
    """(status, headers as a dict with lower-case names, body)."""
    lines = [f"{method} {path} HTTP/1.1", "Host: localhost", *headers, "", ""]
    reply = exchange(port, "\r\n".join(lines).encode("latin-1"))
    head, _, body = reply.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    fields = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), fields, body


TLS_CLIENT_HELLO = bytes.fromhex(
    "16030100f8010000f40303" + "00" * 32 + "20" + "11" * 32 + "0002130101000009000000050003000000"
)

# Each malformed request of issue 21, and a few more of the same families.
MALFORMED = [
    (
        "unparsable If-Modified-Since",
        b"GET / HTTP/1.1\r\nAccept-Encoding: br\r\nIf-Modified-Since: x\r\n\r\n",
        200,
    ),
    (
        "If-Modified-Since in year 99999999999",
        b"GET / HTTP/1.1\r\nIf-Modified-Since: Mon, 01 Jan 99999999999 00:00:00 GMT\r\n\r\n",
        200,
    ),
    ("null byte", b"GET /%00 HTTP/1.1\r\n\r\n", 400),
    ("raw control character", b"GET /a%0d%0aSet-Cookie:x HTTP/1.1\r\n\r\n", 400),
    ("segment over 255 characters", b"GET /" + b"a" * 300 + b" HTTP/1.1\r\n\r\n", 404),
    (
        "segment over 255 characters, with a slash",
        b"GET /" + b"a" * 300 + b"/ HTTP/1.1\r\n\r\n",
        404,
    ),
    ("HTTP/9.x", b"GET / HTTP/9.x\r\n\r\n", 400),
    ("HTTP/9.0", b"GET / HTTP/9.0\r\n\r\n", 400),
    ("HTTP/0.9", b"GET /\r\n\r\n", 400),
    ("request line over 64 KB", b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n", 414),
    ("header line over 64 KB", b"GET / HTTP/1.1\r\nX: " + b"a" * 70_000 + b"\r\n\r\n", 431),
    ("too many headers", b"GET / HTTP/1.1\r\n" + b"X: y\r\n" * 200 + b"\r\n", 431),
    ("binary input", bytes(range(256)) + b"\r\n\r\n", 400),
    ("TLS ClientHello", TLS_CLIENT_HELLO + b"\r\n", 400),
    ("empty line", b"\r\n", 400),
    ("invalid UTF-8 in the path", b"GET /%ff%fe HTTP/1.1\r\n\r\n", 400),
    ("dot-dot", b"GET /../etc/passwd HTTP/1.1\r\n\r\n", 400),
    ("encoded dot-dot", b"GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\n\r\n", 400),
    ("absolute URI", b"GET http://example.org/ HTTP/1.1\r\n\r\n", 400),
    ("unknown method", b"BREW / HTTP/1.1\r\n\r\n", 405),
    ("POST", b"POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc", 405),
]


@pytest.mark.parametrize(
    ("data", "status"), [case[1:] for case in MALFORMED], ids=[case[0] for case in MALFORMED]
)
def test_malformed_requests_get_a_short_answer(server, data, status):
    reply = exchange(server, data)
    assert reply.split(b"\r\n", 1)[0].decode("latin-1").startswith(f"HTTP/1.0 {status} ")
    assert b"Traceback" not in reply and b"127.0.0.1" not in reply


def test_the_server_still_answers_after_the_malformed_requests(server):
    for _name, data, _status in MALFORMED:
        exchange(server, data)
    status, _headers, body = get(server, "/")
    assert (status, body) == (200, PAGE)


WHAT_IS_SERVED = [
    ("/", 200),
    ("/index.html", 200),
    ("/sub/", 200),
    ("/link-in.html", 200),  # a symlink that stays inside the root
    (f"/{HASHED}/runtime.wasm", 200),
    ("/link-out.txt", 404),  # a symlink to a file outside the root
    ("/dir-out/passwords.txt", 404),  # through a symlinked folder outside the root
    ("/dir-out/", 404),
    ("/empty/", 404),  # a folder without index.html: no listing
    (f"/{HASHED}/", 404),
    ("/_headers", 404),
    ("/index.html.br", 404),
    ("/index.html.gz", 404),
    ("/.hidden", 404),
    ("/missing.html", 404),
]


@pytest.mark.parametrize(("path", "status"), WHAT_IS_SERVED)
def test_only_regular_files_inside_the_root_are_served(server, path, status):
    got, _headers, body = get(server, path)
    assert got == status
    if status == 404:
        assert body == b"404 Not Found\n"


@pytest.mark.parametrize(
    ("path", "location"),
    [("/sub", "/sub/"), ("/sub?x=1", "/sub/?x=1"), ("//sub", "/sub/"), ("/sub//", None)],
)
def test_folders_redirect_to_their_slash_and_never_off_site(server, path, location):
    status, headers, _body = get(server, path)
    if location is None:
        assert status == 200
    else:
        assert (status, headers["location"]) == (301, location)


@pytest.mark.parametrize(
    ("accept", "encoding"),
    [
        ("", None),
        ("br", "br"),
        ("gzip, deflate, br", "br"),
        ("br;q=0", None),
        ("br;q=0, gzip", "gzip"),
        ("br;q=0.4, gzip;q=0.5", "gzip"),
        ("gzip;q=0.5, br;q=0.5", "br"),
        ("BR", "br"),
        ("*", "br"),
        ("*;q=0", None),
        ("*;q=0, gzip", "gzip"),
        ("br;q=x, gzip", "gzip"),  # a malformed q-value is not a yes
        ("br;q=1.5", None),
        ("identity", None),
    ],
)
def test_encodings_follow_accept_encoding_and_its_q_values(server, accept, encoding):
    status, headers, body = get(server, "/", f"Accept-Encoding: {accept}")
    assert status == 200
    assert headers.get("content-encoding") == encoding
    assert headers["vary"] == "Accept-Encoding"
    if encoding is None:
        assert body == PAGE
    assert headers["content-type"] == "text/html; charset=utf-8"


def test_not_modified_keeps_vary_and_the_security_headers(server):
    _status, first, _body = get(server, "/")
    status, headers, body = get(server, "/", f"If-Modified-Since: {first['last-modified']}")
    assert (status, body) == (304, b"")
    assert headers["vary"] == "Accept-Encoding"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_head_sends_the_headers_without_the_body(server):
    status, headers, body = get(server, "/", method="HEAD")
    assert (status, body) == (200, b"")
    assert headers["content-length"] == str(len(PAGE))


# What each path gets: the headers of deploy/_headers, read by the server from the
# folder's own _headers (the build copies it there), as the static hosts do.
@pytest.mark.parametrize(
    ("path", "status"), [("/", 200), (f"/{HASHED}/runtime.wasm", 200), ("/missing", 404)]
)
def test_the_server_sends_the_deployment_headers(server, path, status):
    got, headers, _body = get(server, path)
    assert got == status
    rules = read_header_rules((ROOT / "deploy" / "_headers").read_text("utf-8"))
    expected = {name.lower(): value for name, value in headers_for(rules, path).items()}
    if status != 200:
        expected.pop("content-type", None)
        expected["cache-control"] = "no-store"
    expected.setdefault("cache-control", "no-cache")
    for name, value in expected.items():
        assert headers.get(name) == value, name
    for name in (
        "content-security-policy",
        "x-content-type-options",
        "referrer-policy",
        "permissions-policy",
        "cross-origin-opener-policy",
        "cross-origin-resource-policy",
        "vary",
    ):
        assert name in headers
    if path.endswith(".wasm"):
        assert headers["content-type"] == "application/wasm"


def test_half_sent_requests_are_closed_and_connections_are_capped(root):
    process, port = start(root, "--max-connections", "2", "--header-seconds", "2")
    try:
        slow = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(2)]
        for sock in slow:
            sock.sendall(b"GET / HTTP/1.1\r\n")
        time.sleep(0.3)
        assert exchange(port, b"GET / HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.0 503 ")
        started = time.monotonic()
        for sock in slow:
            assert sock.recv(100) == b""  # closed by the server, not by us
            sock.close()
        assert time.monotonic() - started < 8  # 2 s, and room for a busy machine
        time.sleep(0.3)
        assert exchange(port, b"GET / HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.0 200 ")
    finally:
        assert stop(process) == ""


def test_log_prints_requests_but_never_the_client(root):
    process, port = start(root, "--log")
    get(port, "/")
    get(port, "/missing")
    err = stop(process)
    assert "GET / HTTP/1.1 → 200 OK" in err and "GET /missing HTTP/1.1 → 404 Not Found" in err
    assert "127.0.0.1" not in err


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip, br", ["br", "gzip"]),
        ("gzip;q=1, br;q=0.9", ["gzip", "br"]),
        ("br;q=0", []),
        ("br; q=0.000", []),
        ("br;q=0.001", ["br"]),
        ("*;q=0.2, br;q=0", ["gzip"]),
        ("gzip;q=1.0001", []),
        ("br,,;;,gzip", ["br", "gzip"]),
        ("\x00br", []),
    ],
)
def test_accepted_encodings(header, expected):
    assert accepted_encodings(header) == expected
