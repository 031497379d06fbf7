"""Serve output/ over HTTP the way a good static host would.

Pyodide never loads from file://, so even a help-desk laptop needs a small server.
This one adds what Python's http.server lacks: the application/wasm type, and the
pre-compressed .br/.gz files the build writes, picked by the browser's Accept-Encoding.
"""

import argparse
import email.utils
import functools
import http.server
import mimetypes
import re
import socket
import sys
from pathlib import Path
from typing import ClassVar

ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
HASHED = re.compile(r"/pyodide/[0-9a-f]{12}/")
IMMUTABLE = "public, max-age=31536000, immutable"
TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".svg": "image/svg+xml",
    ".pdf": "application/pdf",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with pre-compressed variants and no caching surprises in development."""

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        **TYPES,
    }

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            index = path / "index.html"
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the parent class redirects to add the slash
            path = index
        accepted = self.headers.get("Accept-Encoding", "")
        for encoding, suffix in ENCODINGS:
            variant = path.with_name(path.name + suffix)
            if encoding in accepted and variant.is_file() and path.is_file():
                return self._send_file(variant, self.guess_type(str(path)), encoding)
        return super().send_head()

    def _send_file(self, path: Path, content_type: str, encoding: str):
        stat = path.stat()
        modified = email.utils.formatdate(int(stat.st_mtime), usegmt=True)
        since = self.headers.get("If-Modified-Since")
        if since and email.utils.parsedate_to_datetime(since).timestamp() >= int(stat.st_mtime):
            self.send_response(304)
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return None
        handle = path.open("rb")
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("Last-Modified", modified)
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return handle

    def end_headers(self):
        # Files under a content-hash folder never change; everything else is revalidated.
        immutable = HASHED.search(self.path.split("?", 1)[0])
        self.send_header("Cache-Control", IMMUTABLE if immutable else "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        super().end_headers()

    def log_message(self, format, *args):
        if not getattr(self.server, "quiet", False):
            super().log_message(format, *args)


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that closes a page mid-download is normal (a phone leaving a page, a
        # test finishing); only real errors deserve a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def make_server(directory: str, host: str, port: int, quiet: bool = False):
    mimetypes.init()
    handler = functools.partial(Handler, directory=directory)
    server = Server((host, port), handler)
    server.quiet = quiet
    return server


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
    parser.add_argument("--log", action="store_true", help="print every request")
    args = parser.parse_args()
    if not Path(args.directory, "index.html").is_file():
        raise SystemExit(f"{args.directory}/index.html is missing: run `make build` first.")
    server = make_server(args.directory, args.host, args.port, quiet=not args.log)
    print(f"Serving {args.directory}/ on http://localhost:{args.port}/  (Ctrl+C to stop)")
    if args.host in ("0.0.0.0", "::"):
        for address in lan_addresses():
            print(f"On this network, type: http://{address}:{args.port}/")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print()


if __name__ == "__main__":
    main()
