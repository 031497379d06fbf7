"""Helpers shared by the site tests: walking output/ and reading its HTML."""

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


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
