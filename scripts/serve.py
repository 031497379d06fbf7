"""Serve output/ over HTTP the way a good static host would, to a laptop or a help desk's LAN.

Pyodide never loads from file://, so even a help-desk laptop needs a small server
(`make serve`, `make kiosk`; the tests use `make_server`). It adds what Python's
http.server lacks: the application/wasm type; the pre-compressed .br/.gz copies the build
writes, chosen by the browser's Accept-Encoding (q-values read: `br;q=0` means no brotli)
and never served under their own names; the headers of `_headers`, the file the static
hosts read, so the kiosk sends the same Content-Security-Policy (with its hash of the
inline boot script and `frame-ancestors`), nosniff, Referrer-Policy, Permissions-Policy,
COOP and CORP as the published site, from the same source.

On a LAN anyone can send anything, so it is strict about what it accepts:
- every malformed request gets a short 4xx answer and nothing is printed: no traceback,
  no client address, no access log (`--log` prints requests, never who sent them);
- a client has HEADER_SECONDS to send its request and SOCKET_SECONDS per read or write
  after that, and at most MAX_CONNECTIONS connections are served at once (the next ones
  get 503), so half-sent requests cannot pile up threads;
- only regular files under the root are served: no directory listing, no dotfile, no
  symlink that leads out of the root, not `_headers`.

Why the standard library and not a server library: the parts a library would bring are
small here (a thread cap, a time limit, a path check), while the parts that matter most
for this site are ours anyway. WhiteNoise, the usual choice for pre-compressed static
files, picks an encoding with a word match on Accept-Encoding (`\\bbr\\b`, in
whitenoise/responders.py), so `br;q=0` still gets brotli, and sends Vary only when a
compressed copy exists; reading `_headers` is specific to this project. And the help-desk
laptops that run `make kiosk` may be old and offline: one file of standard library
starts anywhere Python 3.11+ does, with nothing to install.
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import errno
import mimetypes
import os
import re
import socket
import stat
import sys
import threading
import time
from datetime import UTC
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote_to_bytes

ROOT = Path(__file__).resolve().parent.parent
DEPLOY_HEADERS = ROOT / "deploy" / "_headers"

ENCODINGS = (("br", ".br"), ("gzip", ".gz"))  # preferred first when q-values tie
HIDDEN_NAMES = frozenset(["_headers"])
HIDDEN_SUFFIXES = tuple(suffix for _encoding, suffix in ENCODINGS)
MAX_CONNECTIONS = 64  # a help desk's phones, six connections each, with room to spare
HEADER_SECONDS = 10  # to send the request line and headers
SOCKET_SECONDS = 30  # per read or write once the request is in
MAX_SEGMENT = 255  # longest file name on the file systems we serve from
MAX_PATH = 2048
DEFAULT_CACHE = "no-cache"  # what Netlify and Cloudflare Pages do without a rule: revalidate
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".wasm": "application/wasm",
    ".mjs": "text/javascript; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
    ".xml": "application/xml",
}
_Q_VALUE = re.compile(r"(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)")
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


# The `_headers` file --------------------------------------------------------------------


def read_header_rules(text: str) -> list[tuple[re.Pattern[str], list[tuple[str, str]]]]:
    """The rules of a Netlify / Cloudflare Pages `_headers` file: (path pattern, headers).

    A rule is a path at the start of a line, `*` matching anything and `:name` one segment,
    followed by indented `Name: value` lines; `#` starts a comment.
    """
    rules: list[tuple[re.Pattern[str], list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((_path_pattern(line.strip()), []))
        elif rules and ":" in line:
            name, value = line.split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def _path_pattern(path: str) -> re.Pattern[str]:
    parts = []
    for piece in re.split(r"(\*|:[A-Za-z]\w*)", path):
        if piece == "*":
            parts.append(".*")
        elif piece.startswith(":"):
            parts.append("[^/]+")
        else:
            parts.append(re.escape(piece))
    return re.compile("".join(parts))


def headers_for(rules, path: str) -> dict[str, str]:
    """The headers a static host adds for `path`: those of every matching rule.

    Like Cloudflare Pages, two rules that set the same header join their values with a
    comma; deploy/_headers is written so that never happens (tests/test_deploy.py).
    """
    headers: dict[str, str] = {}
    names: dict[str, str] = {}
    for pattern, rule_headers in rules:
        if not pattern.fullmatch(path):
            continue
        for name, value in rule_headers:
            key = name.lower()
            names.setdefault(key, name)
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return {names[key]: value for key, value in headers.items()}


# Content negotiation -------------------------------------------------------------------


def accepted_encodings(header: str) -> list[str]:
    """The encodings of ENCODINGS a client accepts, best first (RFC 9110, 12.5.3).

    `br;q=0` refuses brotli; `*` stands for every encoding not named; an entry with a
    malformed q-value is ignored rather than guessed at.
    """
    weights: dict[str, float] = {}
    for entry in header.split(","):
        name, *parameters = (part.strip() for part in entry.split(";"))
        if not _TOKEN.fullmatch(name):
            continue
        weight = 1.0
        for parameter in parameters:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                value = value.strip()
                weight = float(value) if _Q_VALUE.fullmatch(value) else -1.0
        if weight >= 0:
            weights[name.lower()] = weight
    wildcard = weights.get("*", 0.0)
    ranked = [
        (weights.get(encoding, wildcard), -rank, encoding)
        for rank, (encoding, _suffix) in enumerate(ENCODINGS)
    ]
    return [encoding for weight, _rank, encoding in sorted(ranked, reverse=True) if weight > 0]


# The request handler --------------------------------------------------------------------


class _Refused(Exception):
    """A request answered with an error status, and nothing else said about it."""

    def __init__(self, status: HTTPStatus):
        super().__init__(status)
        self.status = status


class Handler(BaseHTTPRequestHandler):
    """GET and HEAD of the regular files under the root; short errors for everything else."""

    server_version = "rdv-serve"
    sys_version = ""
    # Without a version, http.server answers as HTTP/0.9: a body with no status line.
    default_request_version = "HTTP/1.0"
    timeout = SOCKET_SECONDS

    def setup(self):
        super().setup()
        self.site_path = "/"
        self.server.watchdog.watch(self.connection)

    def finish(self):
        self.server.watchdog.forget(self.connection)
        super().finish()

    def handle_one_request(self):
        # http.server's own version answers unknown methods with 501 and reads the request
        # without a time limit; this one is otherwise the same.
        try:
            self.raw_requestline = self.rfile.readline(65537)
            if len(self.raw_requestline) > 65536:
                self.requestline = self.command = ""
                self.request_version = self.default_request_version
                self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
                return
            if not self.raw_requestline:
                self.close_connection = True
                return
            if len(self.raw_requestline.split()) != 3:
                # Binary, a TLS handshake, an empty line, or HTTP/0.9 (« GET / »), which
                # no browser speaks and which http.server would answer without a status.
                self.requestline = str(self.raw_requestline, "iso-8859-1").rstrip("\r\n")
                self.command, self.request_version = None, self.default_request_version
                self.send_error(HTTPStatus.BAD_REQUEST)
                return
            if not self.parse_request():
                return
            self.server.watchdog.forget(self.connection)
            if self.command not in ("GET", "HEAD"):
                self.send_error(HTTPStatus.METHOD_NOT_ALLOWED)
                return
            self.answer(head=self.command == "HEAD")
            self.wfile.flush()
        except (TimeoutError, ConnectionError):
            self.close_connection = True

    def answer(self, *, head: bool) -> None:
        try:
            path, query = self.resolve()
            if path.is_dir():
                if not self.site_path.endswith("/"):
                    location = quote(self.site_path + "/")
                    if query:
                        location += "?" + quote(query, safe="=&;%+/:@!$'()*,~")
                    self.respond(HTTPStatus.MOVED_PERMANENTLY, {"Location": location})
                    return
                path = self.regular_file(path / "index.html")
            self.send_file(path, head=head)
        except _Refused as refusal:
            self.send_error(refusal.status)

    def resolve(self) -> tuple[Path, str]:
        """The file a request's path names, refused if it leaves the root or is hidden."""
        target, _, query = self.path.partition("?")
        target = target.partition("#")[0]
        if not target.startswith("/") or len(target) > MAX_PATH:
            raise _Refused(HTTPStatus.BAD_REQUEST)
        try:
            decoded = unquote_to_bytes(target).decode("utf-8")
        except UnicodeDecodeError:
            raise _Refused(HTTPStatus.BAD_REQUEST) from None
        if any(ord(char) < 0x20 or ord(char) == 0x7F for char in decoded):
            raise _Refused(HTTPStatus.BAD_REQUEST)
        segments = [segment for segment in decoded.split("/") if segment]
        if any(segment in (".", "..") for segment in segments):
            raise _Refused(HTTPStatus.BAD_REQUEST)
        # Slashes collapsed: a redirect to « //host/ » would leave the site.
        self.site_path = (
            "/" + "/".join(segments) + ("/" if decoded.endswith("/") and segments else "")
        )
        if any(
            len(segment.encode("utf-8")) > MAX_SEGMENT
            or segment.startswith(".")
            or segment in HIDDEN_NAMES
            for segment in segments
        ):
            raise _Refused(HTTPStatus.NOT_FOUND)
        if segments and segments[-1].endswith(HIDDEN_SUFFIXES):
            raise _Refused(HTTPStatus.NOT_FOUND)
        root = self.server.root
        try:
            real = Path(os.path.realpath(root.joinpath(*segments), strict=True))
        except (OSError, ValueError):
            raise _Refused(HTTPStatus.NOT_FOUND) from None
        if real != root and root not in real.parents:
            raise _Refused(HTTPStatus.NOT_FOUND)  # a symlink out of the root
        return real, query

    def regular_file(self, path: Path) -> Path:
        root = self.server.root
        try:
            real = Path(os.path.realpath(path, strict=True))
            mode = real.stat().st_mode
        except (OSError, ValueError):
            raise _Refused(HTTPStatus.NOT_FOUND) from None
        if root not in real.parents or not stat.S_ISREG(mode):
            raise _Refused(HTTPStatus.NOT_FOUND)
        return real

    def send_file(self, path: Path, *, head: bool) -> None:
        path = self.regular_file(path)
        headers = {"Content-Type": content_type(path)}
        chosen = path
        for encoding in accepted_encodings(self.headers.get("Accept-Encoding", "")):
            suffix = dict(ENCODINGS)[encoding]
            try:
                chosen = self.regular_file(path.with_name(path.name + suffix))
            except _Refused:
                continue
            headers["Content-Encoding"] = encoding
            break
        try:
            handle = chosen.open("rb")
        except OSError:
            raise _Refused(HTTPStatus.NOT_FOUND) from None
        with handle:
            size = os.fstat(handle.fileno()).st_size
            modified = int(path.stat().st_mtime)
            headers["Last-Modified"] = email.utils.formatdate(modified, usegmt=True)
            if _not_modified_since(self.headers.get("If-Modified-Since"), modified):
                del headers["Content-Type"]
                headers.pop("Content-Encoding", None)
                self.respond(HTTPStatus.NOT_MODIFIED, headers)
                return
            headers["Content-Length"] = str(size)
            self.respond(HTTPStatus.OK, headers)
            if not head:
                self.copy(handle)

    def copy(self, handle) -> None:
        while chunk := handle.read(64 * 1024):
            self.wfile.write(chunk)

    def respond(self, status: HTTPStatus, headers: dict[str, str], body: bytes = b"") -> None:
        """Status line, our headers, then those `_headers` gives this path; then the body."""
        self.send_response_only(status)
        self.send_header("Date", self.date_time_string())
        merged = {"Cache-Control": DEFAULT_CACHE, "Vary": "Accept-Encoding", **headers}
        for name, value in headers_for(self.server.rules, self.site_path).items():
            if status == HTTPStatus.OK or name.lower() != "content-type":
                merged[name] = value
        if status >= 400:
            merged["Cache-Control"] = "no-store"
        for name, value in merged.items():
            self.send_header(name, value)
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)
        if self.server.log_requests:
            status_text = f"{int(status)} {status.phrase}"
            request = _printable(getattr(self, "requestline", ""))
            print(f"{request} → {status_text}", file=sys.stderr, flush=True)

    def send_error(self, code, message=None, explain=None):
        # Called by http.server itself for malformed requests, before `path` exists. An
        # HTTP version it cannot speak (HTTP/9.0) is a request it cannot read: 400, not 505.
        status = HTTPStatus(code)
        if status == HTTPStatus.HTTP_VERSION_NOT_SUPPORTED:
            status = HTTPStatus.BAD_REQUEST
        self.close_connection = True
        body = f"{int(status)} {status.phrase}\n".encode("ascii")
        headers = {
            "Content-Type": "text/plain; charset=utf-8",
            "Content-Length": str(len(body)),
            "Connection": "close",
        }
        if status == HTTPStatus.METHOD_NOT_ALLOWED:
            headers["Allow"] = "GET, HEAD"
        with contextlib.suppress(OSError):
            self.respond(status, headers, body)

    def log_message(self, format, *args):
        """Nothing: no access log, no client address (see `--log` in `respond`)."""


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in TYPES:
        return TYPES[suffix]
    guessed, _encoding = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def _not_modified_since(header: str | None, modified: int) -> bool:
    """True when If-Modified-Since is a valid date at or after `modified`; junk is ignored."""
    if not header:
        return False
    try:
        since = email.utils.parsedate_to_datetime(header)
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return since.timestamp() >= modified
    except (TypeError, ValueError, IndexError, OverflowError, OSError):
        return False


def _printable(text: str) -> str:
    return "".join(char if char.isprintable() else "?" for char in text)[:200]


# The server -----------------------------------------------------------------------------


class Watchdog:
    """Closes connections whose request has not arrived within HEADER_SECONDS.

    A per-read timeout alone lets a client send one byte every few seconds forever; this
    thread checks every connection still sending its request once a second.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.lock = threading.Lock()
        self.deadlines: dict[socket.socket, float] = {}
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, name="serve-watchdog", daemon=True)
        self.thread.start()

    def watch(self, connection: socket.socket) -> None:
        with self.lock:
            self.deadlines[connection] = time.monotonic() + self.seconds

    def forget(self, connection: socket.socket) -> None:
        with self.lock:
            self.deadlines.pop(connection, None)

    def run(self) -> None:
        while not self.stopped.wait(min(1.0, self.seconds / 4)):
            now = time.monotonic()
            with self.lock:
                late = [conn for conn, deadline in self.deadlines.items() if deadline < now]
                for connection in late:
                    del self.deadlines[connection]
            for connection in late:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def __init__(
        self,
        address,
        directory: str,
        *,
        quiet: bool,
        max_connections: int,
        header_seconds: float,
    ):
        self.root = Path(directory).resolve()
        headers_file = self.root / "_headers"
        source = headers_file if headers_file.is_file() else DEPLOY_HEADERS
        self.rules = read_header_rules(source.read_text("utf-8"))
        self.log_requests = not quiet
        self.slots = threading.BoundedSemaphore(max_connections)
        self.watchdog = Watchdog(header_seconds)
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.address_family = family
        super().__init__(address, Handler)

    def process_request(self, request, client_address):
        if not self.slots.acquire(blocking=False):
            _busy(request)
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request, client_address):
        """No traceback and no client address: a closed tab is normal, the rest is said once."""
        error = sys.exc_info()[1]
        if isinstance(error, OSError) and (
            isinstance(error, ConnectionError | TimeoutError)
            or error.errno in (errno.EPIPE, errno.ECONNRESET, errno.ENOTCONN, errno.EBADF)
        ):
            return
        print(f"serve.py: a request failed ({type(error).__name__})", file=sys.stderr, flush=True)

    def server_close(self):
        self.watchdog.stopped.set()
        super().server_close()


def _busy(request: socket.socket) -> None:
    try:
        request.settimeout(1)
        request.sendall(
            b"HTTP/1.0 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\n"
            b"Connection: close\r\n\r\n"
        )
    except OSError:
        pass


def make_server(
    directory: str,
    host: str,
    port: int,
    quiet: bool = False,
    max_connections: int = MAX_CONNECTIONS,
    header_seconds: float = HEADER_SECONDS,
) -> Server:
    """A server for `directory`; `quiet=False` prints each request line (never the client)."""
    mimetypes.init()
    return Server(
        (host, port),
        directory,
        quiet=quiet,
        max_connections=max_connections,
        header_seconds=header_seconds,
    )


def lan_addresses() -> list[str]:
    """Best guess at the addresses phones on the same network can type."""
    addresses = set()
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET address: nothing is sent
            addresses.add(probe.getsockname()[0])
    except OSError:
        pass
    return sorted(a for a in addresses if not a.startswith("127."))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--directory", default="output")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    # No access log by default: on a help-desk laptop it would record who read the guide.
    parser.add_argument("--log", action="store_true", help="print every request (no address)")
    parser.add_argument("--max-connections", type=int, default=MAX_CONNECTIONS)
    parser.add_argument(
        "--header-seconds",
        type=float,
        default=HEADER_SECONDS,
        help="time a client has to send its request",
    )
    args = parser.parse_args()
    if not Path(args.directory, "index.html").is_file():
        raise SystemExit(f"{args.directory}/index.html is missing: run `make build` first.")
    server = make_server(
        args.directory,
        args.host,
        args.port,
        quiet=not args.log,
        max_connections=args.max_connections,
        header_seconds=args.header_seconds,
    )
    port = server.server_address[1]
    print(f"Serving {args.directory}/ on http://localhost:{port}/  (Ctrl+C to stop)", flush=True)
    if args.host in ("0.0.0.0", "::"):
        for address in lan_addresses():
            print(f"On this network, type: http://{address}:{port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print()
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
