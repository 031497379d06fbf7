"""Shared builders for the rdv_forms tests (a unique name: tests/ is on sys.path too)."""

from __future__ import annotations

import copy
import json
import os
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PERSONAS_DIR = HERE / "personas"
GOLDEN_DIR = HERE / "golden"
EXAMPLE = ROOT / "forms" / "examples" / "answers-renouvellement.json"
SEEDS = ROOT / "sources" / "seeds"

# Every persona is read as if today were this day: the tests never depend on the clock.
TODAY = date(2026, 11, 22)
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"


def persona_paths() -> dict[str, Path]:
    paths = {path.stem: path for path in sorted(PERSONAS_DIR.glob("*.json"))}
    paths["exemple-renouvellement"] = EXAMPLE
    return paths


PERSONAS = persona_paths()


def persona(name: str) -> dict:
    return json.loads(PERSONAS[name].read_text(encoding="utf-8"))


def variant(name: str, **changes) -> dict:
    """A persona with some fields replaced: variant("etudiant", **{"personne.civilite": ""})."""
    data = copy.deepcopy(persona(name))
    for path, value in changes.items():
        target = data
        *parents, last = path.split(".")
        for key in parents:
            target = target[key]
        target[last] = value
    return data


REF = re.compile(r"pièces?\s+n°\s+([\d\s,àet]+)")


def exhibit_refs(text: str) -> set[int]:
    """Every exhibit number referred to: « pièce n° 3 », « pièces n° 2 et 5 », « … 2 à 6 »."""
    numbers: set[int] = set()
    for match in REF.finditer(text.replace("\u00a0", " ").replace("\u202f", " ")):
        spec = match.group(1)
        for low, high in re.findall(r"(\d+)\s+à\s+(\d+)", spec):
            numbers.update(range(int(low), int(high) + 1))
        numbers.update(int(n) for n in re.findall(r"\d+", spec))
    return numbers


def normalise(text: str) -> str:
    """For comparing quotations with the sources: one kind of apostrophe, space and dash."""
    text = text.replace("’", "'").replace("*", "").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip()


def seeds_text() -> str:
    return normalise(" ".join(path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt")))


ALLOWED_TAGS = {
    "div", "h2", "h3", "h4", "h5", "h6", "p", "blockquote", "ul", "ol", "li", "table", "thead",
    "tbody", "tr", "th", "td", "span", "bdi", "br", "em", "strong",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"class", "lang", "dir", "data-label", "scope"}


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def check_html(html: str) -> TagCollector:
    parser = TagCollector()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, tag
        for name, _value in attrs:
            assert name in ALLOWED_ATTRIBUTES, name
    # Every « & » starts an entity: nothing unescaped slipped through.
    assert not re.search(r"&(?!(amp|lt|gt|quot|#x27|#\d+);)", html)
    return parser
