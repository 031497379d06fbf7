"""Translation status: which guide pages and catalog entries are missing or outdated.

A translated page records the hash of the French page it was made from in its
`Source_hash:` metadata. When the French page changes, the hashes differ and the
translation is reported as outdated until a translator updates it and runs `stamp`.

    python scripts/translations.py report          # every language, every page and catalog
    python scripts/translations.py stamp en etape-1-preuves   # after updating a translation
"""

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "content" / "pages"
SOURCE_LANG = "fr"
CATALOGS = {
    "interface": ROOT / "theme" / "translations" / "{lang}" / "LC_MESSAGES" / "messages.po",
    "forms": ROOT / "forms" / "rdv_forms" / "locale" / "{lang}" / "LC_MESSAGES" / "rdv_forms.po",
}
HASH_LINE = re.compile(r"^Source_hash:\s*(\S+)\s*$", re.MULTILINE | re.IGNORECASE)


def source_hash(slug: str) -> str:
    sys.path.insert(0, str(ROOT / "plugins"))
    from guide.guide import source_hash as fingerprint

    return fingerprint(PAGES / SOURCE_LANG / f"{slug}.md")


def recorded_hash(path: Path) -> str | None:
    match = HASH_LINE.search(path.read_text(encoding="utf-8").split("\n\n", 1)[0])
    return match.group(1) if match else None


def languages() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from pelicanconf import LANGUAGES

    return [code for code in LANGUAGES if code != SOURCE_LANG]


def page_status(lang: str) -> dict[str, str]:
    """slug → "ok" | "missing" | "outdated" for every French page."""
    status = {}
    for source in sorted((PAGES / SOURCE_LANG).glob("*.md")):
        slug = source.stem
        translation = PAGES / lang / source.name
        if not translation.exists():
            status[slug] = "missing"
        elif recorded_hash(translation) != source_hash(slug):
            status[slug] = "outdated"
        else:
            status[slug] = "ok"
    return status


def catalog_status(lang: str) -> dict[str, tuple[int, int]]:
    """catalog → (untranslated or fuzzy entries, total entries)."""
    from babel.messages.pofile import read_po

    result = {}
    for name, pattern in CATALOGS.items():
        path = Path(str(pattern).format(lang=lang))
        if not path.exists():
            result[name] = (-1, 0)
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle)
        entries = [m for m in catalog if m.id]
        todo = [
            m
            for m in entries
            if m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string)
        ]
        result[name] = (len(todo), len(entries))
    return result


def stamp(lang: str, slug: str) -> None:
    path = PAGES / lang / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    header, _, body = text.partition("\n\n")
    line = f"Source_hash: {source_hash(slug)}"
    header = HASH_LINE.sub(line, header) if HASH_LINE.search(header) else f"{header}\n{line}"
    path.write_text(f"{header}\n\n{body}", encoding="utf-8")


def report() -> int:
    problems = 0
    for lang in languages():
        pages = page_status(lang)
        bad = {slug: state for slug, state in pages.items() if state != "ok"}
        catalogs = catalog_status(lang)
        print(f"[{lang}] pages: {len(pages) - len(bad)}/{len(pages)} up to date")
        for slug, state in sorted(bad.items()):
            print(f"    {state:<9} content/pages/{lang}/{slug}.md")
        for name, (todo, total) in catalogs.items():
            shown = "missing catalog" if todo < 0 else f"{total - todo}/{total} translated"
            print(f"    {name} catalog: {shown}")
            problems += todo != 0
        problems += len(bad)
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("report")
    stamp_parser = commands.add_parser("stamp")
    stamp_parser.add_argument("lang")
    stamp_parser.add_argument("slugs", nargs="+")
    args = parser.parse_args()
    if args.command == "report":
        sys.exit(1 if report() else 0)
    for slug in args.slugs:
        stamp(args.lang, slug)


if __name__ == "__main__":
    main()
