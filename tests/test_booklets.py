"""The printable booklets: properties of the PDFs the site build puts in output/, never bytes.

The session build (conftest `site`) lays the booklets out, or takes them from the cache; a
cached booklet replays the warnings it was built with, so `site_build` sees them either way.
"""

import filecmp
import json
import re
import sys
from functools import cache
from pathlib import Path
from types import SimpleNamespace

import pytest
import segno
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from pelican.settings import read_settings
from pypdf import PdfReader
from pypdf.generic import ContentStream, IndirectObject
from support import PUBLIC_URL, resolve, soup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from booklets import booklets as plugin  # noqa: E402
from booklets import render, source  # noqa: E402
from booklets.imposition import padded_length, saddle_stitch_order  # noqa: E402

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
SOURCE_LANG = SETTINGS["DEFAULT_LANG"]
# (code, output prefix) of every language of the site: each gets its booklets.
LANGUAGES = [(code, "" if code == SOURCE_LANG else f"{code}/") for code in SETTINGS["LANGUAGES"]]
A4 = (595.28, 841.89)
A5 = (419.53, 595.28)
A4_LANDSCAPE = (841.89, 595.28)
FORMATS = [("a4", A4), ("a5", A5), ("a5-livret", A4_LANDSCAPE)]
READING = ["a4", "a5"]  # the imposed booklet has no reading order: no bookmarks, no tags
# Text extraction is slow: one left-to-right translation, the source, and a right-to-left one.
EXTRACTED = [("fr", "", "a4"), ("en", "en/", "a5"), ("ar", "ar/", "a5")]
# Interface strings every booklet prints, as msgids of the theme's catalogs.
HEADINGS = ["Sommaire", "Journal des tentatives"]
TITLE = "Rendez-vous en préfecture impossible : que faire ?"


@cache
def catalog(lang: str):
    path = ROOT / "theme" / "translations" / lang / "LC_MESSAGES" / "messages.po"
    if lang == SOURCE_LANG or not path.exists():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def translated(lang: str, msgid: str) -> str:
    """The string as the booklet prints it: the translation, or the French msgid."""
    message = catalog(lang) and catalog(lang).get(msgid)
    return (message.string if message else "") or msgid


def pdf_path(site: Path, lang: str, prefix: str, kind: str) -> Path:
    return site / prefix / "imprimer" / f"guide-{lang}-{kind}.pdf"


@cache
def reader(path: Path) -> PdfReader:
    return PdfReader(path)


@cache
def text_of(path: Path) -> str:
    """The PDF's text with all white space removed: line breaks fall anywhere."""
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader(path).pages))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def found(heading: str, text: str, lang: str) -> bool:
    """Whether the squeezed `text` holds `heading`.

    Text comes out of a PDF in visual order: in right-to-left text, digits and punctuation
    move around the words, so there each word is looked for on its own.
    """
    if SETTINGS["LANGUAGES"][lang]["dir"] == "ltr":
        return squeeze(heading) in text
    words = [re.sub(r"[\W\d_]+", "", word) for word in heading.split()]
    return all(word in text for word in words if word)


def guide_titles(site: Path, prefix: str) -> list[str]:
    """The h1 of every page in the site's navigation for that language."""
    index = site / prefix / "index.html"
    titles = []
    for link in soup(index).select(".guide-nav a[href]"):
        page, _ = resolve(site, index, link["href"])
        titles.append(soup(page).select_one("article h1").get_text(" ", strip=True))
    return titles


def cache_entry(site: Path, lang: str, prefix: str) -> Path:
    """The cache folder whose A4 PDF is the one in output/."""
    config = plugin.DEFAULTS
    output = pdf_path(site, lang, prefix, "a4")
    for meta_path in (ROOT / config["cache_dir"]).glob("*/meta.json"):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        cached = meta_path.parent / meta["files"]["a4"]["name"]
        if meta["lang"] == lang and filecmp.cmp(cached, output, shallow=False):
            return meta_path.parent
    raise AssertionError(f"no cache entry holds {output}")


# --- The PDFs in output/ -------------------------------------------------------------------


def test_build_logs_no_booklet_or_weasyprint_warning(site_build):
    _, records = site_build
    assert [
        f"{r.levelname}: {r.getMessage()}"
        for r in records
        if r.name.startswith(("booklets", "weasyprint"))
    ] == []


@pytest.mark.parametrize(("lang", "prefix"), LANGUAGES)
@pytest.mark.parametrize(("kind", "size"), FORMATS)
def test_page_size(site, lang, prefix, kind, size):
    sizes = {
        (round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1))
        for p in reader(pdf_path(site, lang, prefix, kind)).pages
    }
    assert sizes == {(round(size[0], 1), round(size[1], 1))}


@pytest.mark.parametrize(("lang", "prefix"), LANGUAGES)
def test_page_counts(site, lang, prefix):
    a4, a5, imposed = (len(reader(pdf_path(site, lang, prefix, k)).pages) for k, _ in FORMATS)
    chapters = len(guide_titles(site, prefix))
    assert a4 > chapters  # a cover, contents, then a page or more per chapter
    assert a5 >= a4
    # Two booklet pages per printed side, four per folded sheet, at most 3 "Notes" pages.
    assert (2 * imposed) % 4 == 0
    assert a5 <= 2 * imposed < a5 + 4


@pytest.mark.parametrize(("lang", "prefix"), LANGUAGES)
@pytest.mark.parametrize("kind", READING)
def test_bookmarks_hold_every_chapter(site, lang, prefix, kind):
    outline = reader(pdf_path(site, lang, prefix, kind)).outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert [t for t in guide_titles(site, prefix) if t not in top] == []
    assert any(isinstance(item, list) for item in outline), "h2 give second-level bookmarks"


@pytest.mark.parametrize(("lang", "prefix", "kind"), EXTRACTED)
def test_key_headings_are_extractable(site, lang, prefix, kind):
    text = text_of(pdf_path(site, lang, prefix, kind))
    expected = [*guide_titles(site, prefix), *(translated(lang, h) for h in HEADINGS)]
    expected.append("Tribunal administratif de Montreuil")  # a row of the table of courts
    assert [h for h in expected if not found(h, text, lang)] == []


def _fonts(resources, found):
    """Collect (font name, descriptor) from resources, through form XObjects too."""
    resources = resources.get_object() if isinstance(resources, IndirectObject) else resources
    for font in resources.get("/Font", {}).values():
        font = font.get_object()
        for descendant in font.get("/DescendantFonts", [font]):
            descendant = descendant.get_object()
            found[str(descendant.get("/BaseFont"))] = descendant.get("/FontDescriptor")
    for xobject in resources.get("/XObject", {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
            _fonts(xobject["/Resources"], found)


@pytest.mark.parametrize(("lang", "prefix"), LANGUAGES)
@pytest.mark.parametrize(("kind", "_size"), FORMATS)
def test_fonts_are_embedded(site, lang, prefix, kind, _size):
    found = {}
    for page in reader(pdf_path(site, lang, prefix, kind)).pages:
        _fonts(page.get("/Resources", {}), found)
    not_embedded = [
        name
        for name, descriptor in found.items()
        if descriptor is None
        or not {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.get_object())
    ]
    assert not_embedded == []
    assert any("NotoSans" in name.replace("-", "") for name in found)


@pytest.mark.parametrize(("lang", "prefix"), LANGUAGES)
@pytest.mark.parametrize(("kind", "_size"), FORMATS)
def test_metadata(site, lang, prefix, kind, _size):
    pdf = reader(pdf_path(site, lang, prefix, kind))
    assert pdf.metadata.title == translated(lang, TITLE)
    assert pdf.metadata.creation_date is not None
    assert pdf.root_object["/Lang"] == lang


@pytest.mark.parametrize(("lang", "prefix"), LANGUAGES)
@pytest.mark.parametrize("kind", READING)
def test_reading_versions_are_tagged_pdf_ua(site, lang, prefix, kind):
    root = reader(pdf_path(site, lang, prefix, kind)).root_object
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"].value is True
    assert b'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data()


def _drawn(side) -> list[tuple[float, bytes]]:
    """(x offset, content) of each booklet page drawn on an imposed side, left to right."""
    drawn, x = [], None
    for operands, operator in ContentStream(side.get_contents(), None).operations:
        if operator == b"cm":
            x = float(operands[4])
        elif operator == b"Do":
            form = side["/Resources"]["/XObject"][operands[0]].get_object()
            drawn.append((x, form.get_data()))
    return sorted(drawn, key=lambda item: item[0])


@pytest.mark.parametrize(("lang", "prefix"), LANGUAGES)
def test_imposed_sides_follow_the_fold(site, lang, prefix):
    """Each side shows the A5 pages the order table gives, the left one left of the fold."""
    a5 = reader(pdf_path(site, lang, prefix, "a5")).pages
    imposed = reader(pdf_path(site, lang, prefix, "a5-livret")).pages
    index_of = {page.get_contents().get_data(): i for i, page in enumerate(a5)}
    middle = A4_LANDSCAPE[0] / 2
    printed = []
    for side in imposed:
        (left_x, left), (right_x, right) = _drawn(side)
        assert left_x < middle <= right_x
        # Padding pages are not in the A5 PDF: they count as None.
        printed.append((index_of.get(left), index_of.get(right)))
    rtl = SETTINGS["LANGUAGES"][lang]["dir"] == "rtl"
    expected = [
        tuple(i if i < len(a5) else None for i in pair)
        for pair in saddle_stitch_order(2 * len(imposed), rtl=rtl)
    ]
    assert printed == expected


@pytest.mark.parametrize(("lang", "prefix"), LANGUAGES)
@pytest.mark.parametrize("kind", READING)
def test_cover_is_one_page(site, lang, prefix, kind):
    """Title, QR code and disclaimer on the first page; the contents start the second."""
    pdf = reader(pdf_path(site, lang, prefix, kind))
    contents = next(
        item
        for item in pdf.outline
        if not isinstance(item, list) and item.title == translated(lang, "Sommaire")
    )
    assert pdf.get_destination_page_number(contents) == 1


@pytest.mark.parametrize(("lang", "prefix"), LANGUAGES)
@pytest.mark.parametrize("kind", READING)
def test_attempts_log_fits_on_one_page(site, lang, prefix, kind):
    """The blank log is evidence: no rows alone on an almost empty page after it.

    Its heading is French in every language (a bookmark); the table's French column heading
    must be on that page and not on the next, where a split table would repeat it.
    """
    pdf = reader(pdf_path(site, lang, prefix, kind))
    start = next(
        pdf.get_destination_page_number(item)
        for item in pdf.outline
        if not isinstance(item, list) and "Journal des tentatives" in item.title
    )
    # (Without its parentheses, which text extraction mirrors in right-to-left booklets.)
    header = squeeze("site, téléphone, courriel, guichet")
    texts = [squeeze(pdf.pages[number].extract_text()) for number in (start, start + 1)]
    assert header in texts[0]
    assert header not in texts[1]


@pytest.mark.parametrize(("lang", "prefix"), [("ar", "ar/"), ("fa", "fa/")])
def test_attempts_log_headings_are_french_with_the_translation(site, lang, prefix):
    html = (cache_entry(site, lang, prefix) / "booklet.html").read_text(encoding="utf-8")
    log = BeautifulSoup(html, "html.parser").select_one("#tentatives")
    headings = [log.h1, *log.select("thead th")]
    for heading, msgid in zip(
        headings,
        [
            "Journal des tentatives",
            "Date",
            "Heure",
            "Moyen (site, téléphone, courriel, guichet)",
            "Résultat",
        ],
        strict=True,
    ):
        french, translation = heading.find_all("span")
        assert (french["lang"], french.get_text()) == ("fr", msgid)
        assert (translation["lang"], translation.get_text()) == (lang, translated(lang, msgid))


# --- The QR code ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "lang", "expected"),
    [
        ("http://localhost:8000", "fr", "http://localhost:8000/"),
        ("http://localhost:8000", "en", "http://localhost:8000/en/"),
        ("https://example.org/guide/", "fr", "https://example.org/guide/"),
        ("https://example.org/guide", "ar", "https://example.org/guide/ar/"),
    ],
)
def test_public_url_per_language(base, lang, expected):
    assert source.public_url(base, lang, "fr") == expected


@pytest.mark.parametrize(("lang", "prefix", "kind"), EXTRACTED)
def test_qr_code_encodes_the_configured_url(site, lang, prefix, kind):
    """The cover's QR code is segno's drawing of PUBLIC_URL for that language.

    No decoder is at hand: the test checks what segno was given. The booklet's HTML holds
    exactly segno's SVG for the configured address, and the PDF prints that address too.
    """
    url = source.public_url(PUBLIC_URL, lang, SOURCE_LANG)
    html = (cache_entry(site, lang, prefix) / "booklet.html").read_text(encoding="utf-8")
    drawn = segno.make(url, error="m", micro=False).svg_inline(
        scale=1, border=4, omitsize=True, title=url
    )
    assert html.count(drawn) == 1
    assert squeeze(url) in text_of(pdf_path(site, lang, prefix, kind))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", ""),
        (None, ""),
        ("https://example.org/guide/", "https://example.org/guide"),
        ("http://192.168.1.20:8000", "http://192.168.1.20:8000"),
    ],
)
def test_public_base(value, expected):
    assert plugin.public_base({"PUBLIC_URL": value}) == expected


@pytest.mark.parametrize("value", ["localhost:8000", "ftp://example.org/", "example.org"])
def test_public_url_must_be_http(value):
    with pytest.raises(ValueError, match="PUBLIC_URL"):
        plugin.public_base({"PUBLIC_URL": value})


def assembled_booklets(monkeypatch, public_url: str) -> dict[str, str]:
    """lang -> booklet HTML, as the main site's generator assembles them for `public_url`.

    The generator runs on no pages, and its `build` is replaced so nothing is laid out:
    the cover, the blank documents and the appendices are what matter here.
    """
    settings = {**SETTINGS, "PUBLIC_URL": public_url}
    generator = object.__new__(plugin.BookletGenerator)
    generator.settings = settings
    generator.config = plugin.settings_for(settings)
    generator.root = ROOT
    generator.context = {"generated_content": {}, "pages": [], "hidden_pages": []}
    assembled = {}

    def build(booklets):
        assembled.update({b.lang: b.html for b in booklets})
        return {b.lang: {"files": {}} for b in booklets}

    monkeypatch.setattr(generator, "build", build)
    generator.generate_context()
    return assembled


def test_without_public_url_no_address_no_qr_code_and_a_warning(monkeypatch, caplog):
    html = assembled_booklets(monkeypatch, "")
    assert sorted(html) == sorted(SETTINGS["LANGUAGES"])
    for lang, text in html.items():
        page = BeautifulSoup(text, "html.parser")
        cover = page.select_one(".cover")
        assert cover.select("svg, .url") == [], lang
        assert "localhost" not in text and "://site.invalid" not in text, lang
    # (The generator also warns that it has no print page: it was given no pages at all.)
    warnings = [r.getMessage() for r in caplog.records if "PUBLIC_URL" in r.getMessage()]
    assert warnings == [plugin.NO_PUBLIC_URL]


def test_with_public_url_the_cover_prints_it_without_a_warning(monkeypatch, caplog):
    html = assembled_booklets(monkeypatch, "https://example.org/guide")
    for lang, prefix in LANGUAGES:
        cover = BeautifulSoup(html[lang], "html.parser").select_one(".cover")
        assert cover.select_one(".url").get_text() == f"https://example.org/guide/{prefix}"
        assert cover.select_one("svg") is not None
    assert [r.getMessage() for r in caplog.records if "PUBLIC_URL" in r.getMessage()] == []


# --- The print page and the footer ---------------------------------------------------------


@pytest.mark.parametrize(("lang", "prefix"), LANGUAGES)
def test_print_page_lists_the_pdfs_with_their_size(site, lang, prefix):
    page = site / prefix / "imprimer" / "index.html"
    items = soup(page).select(".print-files li")
    assert len(items) == len(FORMATS)
    for item, (kind, _) in zip(items, FORMATS, strict=True):
        target, _ = resolve(site, page, item.a["href"])
        assert target == pdf_path(site, lang, prefix, kind).resolve()
        pages = len(reader(target).pages)
        shown = (pages + 1) // 2 if kind.endswith("-livret") else pages
        assert re.search(rf"\b{shown}\b", item.get_text()), item.get_text()
        assert re.search(r"\d[.,]\d", item.get_text()), "the size in MB"


@pytest.mark.parametrize("prefix", [prefix for _, prefix in LANGUAGES])
def test_footer_links_to_the_print_page(site, prefix):
    index = site / prefix / "index.html"
    link = soup(index).select_one("footer .print-link a[href]")
    assert resolve(site, index, link["href"])[0] == (site / prefix / "imprimer" / "index.html")


# --- The cache -----------------------------------------------------------------------------


def test_unchanged_booklets_are_not_laid_out_again(site, tmp_path, monkeypatch):
    """A second build of unchanged inputs copies the cached PDFs and never calls WeasyPrint."""
    import weasyprint
    from support import build_site

    def forbidden(*args, **kwargs):
        raise AssertionError("WeasyPrint was called for an unchanged booklet")

    monkeypatch.setattr(weasyprint.HTML, "render", forbidden)
    monkeypatch.setattr(plugin, "run_jobs", forbidden)
    output = tmp_path / "output"
    records = build_site(output)
    assert [r.getMessage() for r in records if r.name.startswith("booklets")] == []
    for lang, prefix in LANGUAGES:
        for kind, _ in FORMATS:
            built = pdf_path(site, lang, prefix, kind)
            assert filecmp.cmp(built, pdf_path(output, lang, prefix, kind), shallow=False)


# --- WeasyPrint's warnings: a missing glyph fails the build --------------------------------


def test_a_missing_glyph_is_reported():
    """The zero-warning test means something: an unknown character is caught and reported."""
    with render.weasyprint_warnings() as warnings:
        render.pdf('<html lang="fr"><p>\U000f0000</p></html>', (), {})
    assert any(".notdef" in w for w in warnings), warnings


@pytest.mark.parametrize(
    ("lang", "dir_", "text", "font"),
    [
        ("ar", "rtl", "حق الحصول على موعد في المحافظة", "NotoNaskhArabic"),
        ("fa", "rtl", "گرفتن وقت ملاقات در استانداری", "NotoNaskhArabic"),
        ("ru", "ltr", "Запись в префектуру", "NotoSans"),
    ],
)
def test_scripts_of_future_languages_have_glyphs(tmp_path, lang, dir_, text, font):
    """Right-to-left and other scripts render with the booklet's fonts, without a warning."""
    css = (ROOT / plugin.DEFAULTS["stylesheet"]).read_text(encoding="utf-8")
    page = plugin.page_css(plugin.DEFAULTS["formats"]["a5"])
    html = f'<html lang="{lang}" dir="{dir_}"><body><h1>{text}</h1><p>{text} 2026</p></body></html>'
    with render.weasyprint_warnings() as warnings:
        data, pages = render.pdf(html, (page, css), {"pdf_tags": True})
    assert (warnings, pages) == ([], 1)
    (tmp_path / "x.pdf").write_bytes(data)
    found = {}
    _fonts(PdfReader(tmp_path / "x.pdf").pages[0]["/Resources"], found)
    assert any(font in name.replace("-", "") for name in found), found


# --- Pure functions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pages", "rtl", "sides"),
    [
        (4, False, [(3, 0), (1, 2)]),
        (8, False, [(7, 0), (1, 6), (5, 2), (3, 4)]),
        (12, False, [(11, 0), (1, 10), (9, 2), (3, 8), (7, 4), (5, 6)]),
        (4, True, [(0, 3), (2, 1)]),
        (8, True, [(0, 7), (6, 1), (2, 5), (4, 3)]),
    ],
)
def test_saddle_stitch_order(pages, rtl, sides):
    assert saddle_stitch_order(pages, rtl=rtl) == sides


@pytest.mark.parametrize("pages", [4, 8, 16, 68])
def test_saddle_stitch_prints_every_page_once(pages):
    printed = [page for side in saddle_stitch_order(pages) for page in side]
    assert sorted(printed) == list(range(pages))


@pytest.mark.parametrize("pages", [0, 2, 6, 67])
def test_saddle_stitch_needs_a_multiple_of_four(pages):
    with pytest.raises(ValueError, match="multiple of 4"):
        saddle_stitch_order(pages)


@pytest.mark.parametrize(("pages", "padded"), [(1, 4), (4, 4), (5, 8), (67, 68), (68, 68)])
def test_padded_length(pages, padded):
    assert padded_length(pages) == padded


ANCHORS = {"etape-1/": "etape-1", "etape-2/": "etape-2", "": "index"}


def _online(path):
    return f"https://example.org/guide/en/{path}"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # ids get the page's prefix; links to them follow
        (
            '<h2 id="a">A</h2><a href="#a">A</a>',
            '<h2 id="etape-1--a">A</h2><a class="internal" href="#etape-1--a">A</a>',
        ),
        # a {filename} link, as Pelican writes it for the booklet, and relative ones
        (
            '<a href="https://site.invalid/etape-2/#b">B</a>',
            '<a class="internal" href="#etape-2--b">B</a>',
        ),
        ('<a href="../etape-2/">2</a>', '<a class="internal" href="#etape-2">2</a>'),
        ('<a href="../">home</a>', '<a class="internal" href="#index">home</a>'),
        # a page of the site that is not in the booklet: the online guide, in its language
        (
            '<a href="../imprimer/">print</a>',
            '<a class="external" href="https://example.org/guide/en/imprimer/">print</a>',
        ),
        # outside links keep their address; the CSS prints it when the text is different
        (
            '<a href="https://www.legifrance.gouv.fr/x">Légifrance</a>',
            '<a class="external" href="https://www.legifrance.gouv.fr/x">Légifrance</a>',
        ),
        ('<a href="https://a.fr/">https://a.fr/</a>', '<a href="https://a.fr/">https://a.fr/</a>'),
        ('<a href="mailto:x@a.fr">x@a.fr</a>', '<a href="mailto:x@a.fr">x@a.fr</a>'),
        # a duplicate id keeps its first element only
        ('<p id="d">1</p><p id="d">2</p>', '<p id="etape-1--d">1</p><p>2</p>'),
    ],
)
def test_rewrite_fragment(html, expected):
    rewritten = source.rewrite_fragment(
        html, prefix="etape-1", page_url="etape-1/", anchors=ANCHORS, online=_online
    )
    assert str(rewritten) == expected  # BeautifulSoup writes attributes in alphabetical order


def test_dangling_anchor_points_to_its_page():
    pages = {
        "tribunal": source.rewrite_fragment(
            '<p id="x"></p><a href="#courts-title">table</a>',
            prefix="tribunal",
            page_url="tribunal/",
            anchors={},
            online=_online,
        )
    }
    source.retarget_dangling_links(pages)
    assert pages["tribunal"].a["href"] == "#tribunal"


def _page(slug, lang, order, status="published"):
    return SimpleNamespace(slug=slug, lang=lang, order=order, metadata={"status": status})


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", [("index", "fr"), ("etape", "fr"), ("glossaire", "fr")]),
        ("en", [("index", "en"), ("etape", "fr"), ("glossaire", "fr")]),
        ("ar", [("index", "fr"), ("etape", "fr"), ("glossaire", "fr")]),
    ],
)
def test_select_pages_falls_back_to_the_source_language(lang, expected):
    pages = [
        _page("glossaire", "fr", 90),
        _page("etape", "fr", "10"),
        _page("index", "fr", 0),
        _page("index", "en", 0),
        _page("imprimer", "fr", 110),
        _page("brouillon", "fr", 5, status="draft"),
    ]
    chosen = source.select_pages(pages, lang, "fr", exclude={"imprimer"})
    assert [(p.slug, p.lang) for p in chosen] == expected


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"colour": "blue"}, "unknown keys"),
        ({"source_lang": "de"}, "source_lang"),
        ({"languages": {"fr": {"name": "Français", "dir": "up"}}}, "dir ltr|rtl"),
        ({"formats": {"a4": {"size": "A4"}}}, "needs exactly"),
        ({"imposed_from": "a3"}, "imposed_from"),
        ({"filename": "guide.pdf"}, "{lang} and {kind}"),
        ({"workers": -1}, "workers"),
        ({"attempt_rows": 0}, "attempt_rows"),
        ({"pdf_options": {"pdf_colour": True}}, "pdf_options"),
        ({"stylesheet": "nowhere.css"}, "stylesheet"),
    ],
)
def test_bad_settings_fail_at_start_up(override, message):
    settings = {"PATH": str(ROOT / "content"), "PUBLIC_URL": "http://localhost:8000"}
    with pytest.raises(ValueError, match=re.escape(message)):
        plugin.settings_for({**settings, "BOOKLETS": override})
