"""The site builds cleanly, as a guide (not a blog), in French at / and English at /en/."""

import pytest
from support import html_files, soup


def test_build_has_no_warning(site_build):
    _, records = site_build
    assert [f"{r.levelname}: {r.getMessage()}" for r in records] == []


@pytest.mark.parametrize(
    ("path", "lang", "dir_"),
    [
        ("index.html", "fr", "ltr"),
        ("en/index.html", "en", "ltr"),
    ],
)
def test_home_pages_language(site, path, lang, dir_):
    html = soup(site / path).html
    assert (html["lang"], html["dir"]) == (lang, dir_)


@pytest.mark.parametrize(
    "absent",
    [
        "feeds",
        "tag",
        "tags.html",
        "category",
        "categories.html",
        "author",
        "authors.html",
        "archives.html",
        "drafts",
        "pages",
    ],
)
def test_no_blog_outputs(site, absent):
    assert not (site / absent).exists()
    assert not (site / "en" / absent).exists()


def test_urls_are_relative(site):
    """Root-relative or absolute local URLs would break hosting under a sub-path."""
    offenders = []
    for page in html_files(site):
        for tag in soup(page).find_all(["a", "link", "script", "img", "source"]):
            url = tag.get("href") or tag.get("src") or ""
            if url.startswith("/"):
                offenders.append(f"{page.relative_to(site)}: {url}")
    assert offenders == []


def test_language_switcher_targets_same_page(site):
    for page in html_files(site):
        doc = soup(page)
        switcher = doc.select(".languages a[hreflang]")
        if not switcher:
            continue
        langs = [a["hreflang"] for a in switcher]
        assert langs[0] == "fr" and len(langs) == len(set(langs)), page


@pytest.mark.parametrize("path", ["index.html", "en/index.html"])
def test_page_furniture(site, path):
    doc = soup(site / path)
    assert doc.select_one("a.skip-link[href='#contenu']")
    assert doc.select_one("main#contenu")
    assert doc.select_one("header") and doc.select_one("footer") and doc.select_one("nav")
    assert doc.select_one("p.updated time[datetime]")
    assert doc.select_one('meta[name="viewport"]')
