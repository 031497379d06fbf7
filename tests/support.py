"""Helpers shared by the site tests: building the site, walking output/, reading its HTML."""

import logging
import os
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


# The tests build as production does, with a public address: the booklets print it and
# its QR code. pelicanconf.py has none (a development build warns and prints neither).
PUBLIC_URL = "https://example.org/guide"


def build_site(output: Path, **override) -> list[logging.LogRecord]:
    """Build the site with the real settings into `output`; return warnings and errors."""
    override = {"PUBLIC_URL": PUBLIC_URL, **override}
    from pelican import Pelican
    from pelican.settings import read_settings

    cwd = os.getcwd()
    os.chdir(ROOT)  # pelicanconf.py uses paths relative to the project root
    collector = _Collect()
    logging.getLogger().addHandler(collector)
    try:
        settings = read_settings(
            str(ROOT / "pelicanconf.py"), override={"OUTPUT_PATH": str(output), **override}
        )
        Pelican(settings).run()
    finally:
        logging.getLogger().removeHandler(collector)
        os.chdir(cwd)
    return collector.records


def html_files(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


@cache
def _parse(path: Path, mtime: float) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def soup(path: Path) -> BeautifulSoup:
    return _parse(path, path.stat().st_mtime)


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def resolve(output: Path, page: Path, url: str) -> tuple[Path, str]:
    """The file a relative URL on `page` points to, and its #fragment."""
    parts = urlsplit(url)
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def ids(path: Path) -> set[str]:
    return {tag["id"] for tag in soup(path).find_all(id=True)}
