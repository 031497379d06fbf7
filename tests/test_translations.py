"""Every language has every page and complete catalogs; RTL pages are mirrored correctly."""

import sys
from pathlib import Path

import pytest
from support import html_files, resolve, soup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from translations import catalog_status, page_status  # noqa: E402

from pelicanconf import DEFAULT_LANG, LANGUAGES  # noqa: E402

TRANSLATIONS = [code for code in LANGUAGES if code != DEFAULT_LANG]
RTL = [code for code, meta in LANGUAGES.items() if meta["dir"] == "rtl"]


def prefix(lang: str) -> str:
    return "" if lang == DEFAULT_LANG else f"{lang}/"


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_every_page_is_translated_and_current(lang):
    assert {s: st for s, st in page_status(lang).items() if st != "ok"} == {}


@pytest.mark.parametrize("lang", TRANSLATIONS)
@pytest.mark.parametrize("catalog", ["interface", "forms"])
def test_catalog_has_no_empty_msgstr(lang, catalog):
    todo, total = catalog_status(lang)[catalog]
    assert total > 0, f"{catalog} catalog for {lang} is missing"
    assert todo == 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_every_page(site, lang):
    french = {
        p.relative_to(site)
        for p in html_files(site)
        if p.relative_to(site).parts[0] not in LANGUAGES
    }
    for page in french:
        assert (site / prefix(lang) / page).exists(), f"{lang}: {page}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_html_lang_and_dir(site, lang):
    expected_dir = LANGUAGES[lang]["dir"]
    for page in (site / prefix(lang)).glob("*/index.html"):
        if page.parent.name in LANGUAGES:
            continue  # from /, the other languages' home pages
        html = soup(page).html
        assert (html["lang"], html["dir"]) == (lang, expected_dir), page


@pytest.mark.parametrize("lang", RTL)
def test_french_inside_rtl_pages_stays_ltr(site, lang):
    form = soup(site / prefix(lang) / "formulaire" / "index.html")
    template = form.select_one("template#document-card")
    assert 'dir="ltr"' in template.decode_contents()
    for block in soup(site / prefix(lang) / "modeles" / "index.html").select(".model-document"):
        assert (block.get("lang"), block.get("dir")) == ("fr", "ltr")


def test_language_switcher_round_trips(site):
    """From any page, each language link leads to the same page, whose links lead back."""
    for page in html_files(site):
        links = {a["hreflang"]: a["href"] for a in soup(page).select(".languages a[hreflang]")}
        if not links:
            continue
        assert set(links) == set(LANGUAGES), page
        for lang, href in links.items():
            target, _ = resolve(site, page, href)
            assert target.exists(), f"{page} → {href}"
            back = {a["hreflang"]: a["href"] for a in soup(target).select(".languages a[hreflang]")}
            returned, _ = resolve(site, target, back[page_lang(site, page)])
            assert returned == page.resolve(), f"{page} → {lang} → back gives {returned}"


def page_lang(site: Path, page: Path) -> str:
    first = page.relative_to(site).parts[0]
    return first if first in LANGUAGES and first != DEFAULT_LANG else DEFAULT_LANG
