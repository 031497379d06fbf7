"""The guide's pictures (plugins/figures): small, described, translated, mirrored."""

import logging
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from pelican.contents import Page
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from catalogs.catalogs import compile_all  # noqa: E402
from catalogs.catalogs import settings_for as catalogs_settings  # noqa: E402
from figures import figures as plugin  # noqa: E402

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
CONFIG = plugin.settings_for(SETTINGS)
LANGUAGES = list(SETTINGS["LANGUAGES"])
NAMES = plugin.names(SETTINGS, CONFIG)


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogs():
    """The .mo files the catalogs plugin compiles at the start of a build."""
    compile_all(ROOT, catalogs_settings(SETTINGS))


def figure(name: str, lang: str) -> BeautifulSoup:
    return BeautifulSoup(plugin.render(SETTINGS, CONFIG, name, lang), "html.parser")


def catalog(lang: str):
    path = ROOT / "theme" / "translations" / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def test_the_three_pictures_exist():
    assert NAMES == ["parcours", "preuve-anef", "preuve-rdv"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", NAMES)
def test_picture_is_small_described_and_safe_for_the_csp(name, lang):
    html = str(plugin.render(SETTINGS, CONFIG, name, lang))
    assert len(html.encode("utf-8")) <= 20_000
    soup = BeautifulSoup(html, "html.parser")
    assert soup.figure.figcaption.get_text(strip=True)
    for svg in soup.find_all("svg"):
        # Either a described drawing or a decoration beside its own text.
        if svg.get("aria-hidden") == "true":
            assert svg.find_parent("li").get_text(strip=True)
        else:
            assert svg["role"] == "img" and len(svg["aria-label"]) > 40
    # The site's CSP forbids style attributes; ids would clash when a page shows it twice.
    assert soup.find(style=True) is None and soup.find(id=True) is None


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "fr"])
@pytest.mark.parametrize("name", NAMES)
def test_every_word_is_translated(name, lang):
    """Caption, legend, steps and description come from the language's catalog."""
    french, translated = figure(name, "fr"), figure(name, lang)
    messages = catalog(lang)
    pairs = [(french.figcaption, translated.figcaption)]
    pairs += list(zip(french.select("ol li"), translated.select("ol li"), strict=True))
    for source, target in pairs:
        assert target.get_text(" ", strip=True) != source.get_text(" ", strip=True)
    drawings = [
        (svg["aria-label"], other["aria-label"])
        for svg, other in zip(
            french.find_all("svg", attrs={"aria-label": True}),
            translated.find_all("svg", attrs={"aria-label": True}),
            strict=True,
        )
    ]
    for source, target in drawings:
        assert messages.get(source).string == target


@pytest.mark.parametrize("name", NAMES)
def test_no_translated_text_is_drawn_as_svg_text(name):
    """WeasyPrint draws SVG text without Arabic shaping: only the screenshot's French is."""
    for lang in ("ar", "fa"):
        drawn = " ".join(t.get_text() for t in figure(name, lang).find_all("text"))
        assert not any("\u0600" <= char <= "\u06ff" for char in drawn), drawn


def page(content: str, lang: str) -> Page:
    return Page(
        content,
        metadata={"title": "Test", "lang": lang, "slug": "test"},
        settings=SETTINGS,
        source_path=str(ROOT / "content" / "pages" / lang / "test.md"),
    )


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_marker_becomes_the_figure_in_the_page_language(lang):
    item = page("<p>Avant</p>\n<p>[[figure:parcours]]</p>\n<p>Après</p>", lang)
    plugin.on_content_object_init(item)
    soup = BeautifulSoup(item._content, "html.parser")
    assert "[[figure:" not in item._content
    assert soup.select_one("figure.figure--parcours ol.timeline")
    assert str(soup.figure) == str(figure("parcours", lang).figure)


def test_unknown_picture_is_an_error_and_keeps_the_marker(caplog):
    item = page("<p>[[figure:inconnue]]</p>", "fr")
    with caplog.at_level(logging.ERROR):
        plugin.on_content_object_init(item)
    assert item._content == "<p>[[figure:inconnue]]</p>"
    assert "inconnue" in caplog.records[-1].getMessage()


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"colour": "red"}, "unknown keys"),
        ({"languages": {"fr": {"dir": "up"}}}, "dir ltr"),
        ({"source_lang": "xx"}, "source_lang"),
        ({"marker": "("}, "regular expression"),
        ({"max_bytes": 10}, "max_bytes"),
        ({"svg_font": 'a "b"'}, "svg_font"),
        ({"templates": "nothing-here"}, "no templates"),
    ],
)
def test_bad_settings_fail_at_start_up(override, message):
    with pytest.raises(ValueError, match=message):
        plugin.settings_for({**SETTINGS, "FIGURES": {**SETTINGS["FIGURES"], **override}})
