"""Turn Pelican pages into a guide: ordered navigation, previous/next, table of contents.

State lives on the PagesGenerator (one per language subsite), never in this module, so
`pelican --autoreload` and the parallel i18n subsites cannot see each other's pages.
"""

import hashlib
import logging
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import yaml
from pelican import signals

logger = logging.getLogger(__name__)

DEFAULTS = {
    # code -> {"name": native name, "dir": "ltr" | "rtl"}
    "languages": {"fr": {"name": "Français", "dir": "ltr"}},
    # A page gets a table of contents from this many h2/h3 headings.
    "toc_min_headings": 3,
    # strftime format for "Dernière mise à jour".
    "updated_format": "%d/%m/%Y",
    # The sources register: every legal reference and where it comes from.
    "sources_file": "content/sources.yml",
    # Translations record the hash of this language's page they were made from.
    "source_lang": "fr",
}


def settings_for(pelican_settings):
    """Merge GUIDE over DEFAULTS and validate it at start-up."""
    merged = {**DEFAULTS, **pelican_settings.get("GUIDE", {})}
    unknown = set(merged) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"GUIDE: unknown keys {sorted(unknown)}")
    for code, meta in merged["languages"].items():
        if meta.get("dir") not in ("ltr", "rtl") or not meta.get("name"):
            raise ValueError(f"GUIDE['languages'][{code!r}] needs a name and dir ltr|rtl")
    if pelican_settings["DEFAULT_LANG"] not in merged["languages"]:
        raise ValueError(f"GUIDE: DEFAULT_LANG {pelican_settings['DEFAULT_LANG']} not listed")
    return merged


@dataclass(frozen=True)
class TocEntry:
    level: int
    anchor: str
    text: str


class _HeadingCollector(HTMLParser):
    """Collect h2/h3 headings that carry an id (Markdown's toc extension adds them)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.entries: list[TocEntry] = []
        self._current = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3"):
            anchor = dict(attrs).get("id")
            if anchor:
                self._current = (int(tag[1]), anchor)
                self._text = []

    def handle_endtag(self, tag):
        if self._current and tag == f"h{self._current[0]}":
            text = " ".join("".join(self._text).split())
            self.entries.append(TocEntry(self._current[0], self._current[1], text))
            self._current = None

    def handle_data(self, data):
        if self._current:
            self._text.append(data)


def table_of_contents(html: str) -> list[TocEntry]:
    collector = _HeadingCollector()
    collector.feed(html)
    return collector.entries


def load_sources(path: Path) -> dict[str, dict]:
    """Read the sources register, keyed by id; a page cites sources by these ids."""
    if not path.exists():
        return {}
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    items = entries.get("sources", entries) if isinstance(entries, dict) else entries
    if isinstance(items, dict):
        return {key: {"id": key, **value} for key, value in items.items()}
    return {item["id"]: item for item in items}


def page_sources(page, register: dict[str, dict]) -> list[dict]:
    ids = [s.strip() for s in str(getattr(page, "sources", "")).split(",") if s.strip()]
    missing = [i for i in ids if i not in register]
    if missing:
        logger.warning("guide: %s cites unknown sources %s", page.source_path, missing)
    return [register[i] for i in ids if i in register]


def source_hash(path: Path) -> str:
    """The fingerprint a translation records of its French source (`Source_hash:`)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def is_outdated(page, source_lang: str) -> bool:
    """A translation is outdated when its French source changed after it was made."""
    if page.lang == source_lang:
        return False
    source = Path(page.source_path).parent.parent / source_lang / Path(page.source_path).name
    if not source.exists():
        return False
    return str(getattr(page, "source_hash", "")) != source_hash(source)


def _order(page) -> float:
    try:
        return float(getattr(page, "order", 1000))
    except (TypeError, ValueError):
        logger.warning("guide: %s has a non-numeric Order", page.source_path)
        return 1000.0


def on_page_generator_finalized(generator):
    config = settings_for(generator.settings)
    pages = sorted(generator.pages, key=_order)
    # Only pages marked `Step: yes` form the previous/next chain through the guide.
    steps = [p for p in pages if str(getattr(p, "step", "")).lower() in ("yes", "oui", "true")]
    root = Path(generator.settings["PATH"]).parent
    register = load_sources(root / config["sources_file"])
    for page in pages + list(generator.hidden_pages):
        page.source_list = page_sources(page, register)
        page.outdated = is_outdated(page, config["source_lang"])
        entries = table_of_contents(page.content)
        page.toc = entries if len(entries) >= config["toc_min_headings"] else []
        page.updated = getattr(page, "modified", None) or getattr(page, "date", None)
        if page.updated is None:
            logger.warning("guide: %s has no Modified date", page.source_path)
    for index, page in enumerate(steps):
        page.previous_step = steps[index - 1] if index > 0 else None
        page.next_step = steps[index + 1] if index + 1 < len(steps) else None
    lang = generator.settings["DEFAULT_LANG"]
    generator.context["GUIDE_PAGES"] = [p for p in pages if getattr(p, "nav", "") != "no"]
    generator.context["GUIDE_STEPS"] = steps
    generator.context["GUIDE_LANGUAGES"] = config["languages"]
    generator.context["GUIDE_DIR"] = config["languages"][lang]["dir"]
    generator.context["GUIDE_UPDATED_FORMAT"] = config["updated_format"]


def on_content_object_init(content):
    """In each language's subsite, only French and that language can be the page shown.

    Pelican shows every page that has no version in the subsite's language; without
    this, /es/ would get both the French and the English page for the same slug.
    A third language's page is marked as a translation, so French is the fallback.
    """
    source_lang = settings_for(content.settings)["source_lang"]
    if content.lang not in (source_lang, content.settings["DEFAULT_LANG"]):
        content.metadata["translation"] = "true"


def register():
    signals.content_object_init.connect(on_content_object_init)
    signals.page_generator_finalized.connect(on_page_generator_finalized)
