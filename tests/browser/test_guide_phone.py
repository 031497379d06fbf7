"""The guide on a phone: no page scrolls sideways at 320 or 360 px, in any language, and the
court finder puts its search first, answers with cards and reads Arabic-Indic and Persian
digits. A page wider than the screen hides its end: a person on a phone misses the last
column of a table or the end of an address without knowing it is there."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from pelicanconf import DEFAULT_LANG, LANGUAGES  # noqa: E402

pytestmark = pytest.mark.browser

# Every guide page, from the French sources (each translation has the same slugs).
SLUGS = sorted(
    line.split(":", 1)[1].strip()
    for md in (ROOT / "content" / "pages" / DEFAULT_LANG).glob("*.md")
    for line in md.read_text(encoding="utf-8").splitlines()
    if line.startswith("Slug:")
)
# Our own offline page (plugins/offline) is a page a person reads on a phone too.
PAGES = [*SLUGS, "hors-ligne"]
PHONE_WIDTHS = [320, 360]

# The elements sticking out of the screen, to name the culprit in the failure message.
CULPRITS = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width && (box.right > width + 1 || box.left < -1)) {
      let inside = el.parentElement, clipped = false;
      while (inside && inside !== document.body) {
        const style = getComputedStyle(inside);
        if (style.overflowX !== "visible") {
          clipped = true;
          break;
        }
        inside = inside.parentElement;
      }
      if (!clipped) {
        out.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
                 (el.className && typeof el.className === "string" ? "." + el.className : "") +
                 " " + Math.round(box.left) + ".." + Math.round(box.right));
      }
    }
  }
  return out.slice(0, 5);
}"""


def url(served_site: str, lang: str, slug: str) -> str:
    prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
    return served_site + prefix + ("" if slug == "index" else f"{slug}/")


@pytest.mark.parametrize("width", PHONE_WIDTHS)
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_no_guide_page_scrolls_sideways_on_a_phone(page, served_site, lang, width):
    page.set_viewport_size({"width": width, "height": 740})
    too_wide = {}
    for slug in PAGES:
        page.goto(url(served_site, lang, slug), wait_until="load")
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            too_wide[slug] = (scroll, page.evaluate(CULPRITS))
    assert too_wide == {}


def test_every_guide_page_is_measured():
    assert len(SLUGS) == 13 and "trouver-son-tribunal" in SLUGS and "glossaire" in SLUGS


def finder(page, served_site, lang="ar", width=360):
    page.set_viewport_size({"width": width, "height": 740})
    page.goto(url(served_site, lang, "trouver-son-tribunal"))
    page.wait_for_selector("[data-courts-search]:not([hidden])")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_court_search_comes_first_on_a_phone(page, served_site, lang):
    finder(page, served_site, lang)
    top = page.evaluate(
        """() => [document.querySelector("#courts-filter").getBoundingClientRect().top,
                  document.querySelector(".page .content").getBoundingClientRect().top]"""
    )
    assert top[0] < top[1], "the search box is above the page's text"
    assert top[0] < 740, "the search box is on the first screen"


@pytest.mark.parametrize(
    ("typed", "code"),
    [("94", "94"), ("٩٤", "94"), ("۹۴", "94"), ("٩٧٤٠٠", "974"), ("۷۵۰۰۴", "75"), ("2A", "2A")],
)
def test_the_court_search_answers_with_cards_and_reads_every_digit(page, served_site, typed, code):
    finder(page, served_site)
    page.fill("#courts-filter", typed)
    cards = page.locator("#courts-results .courts-card")
    assert cards.count() == 1
    card = cards.first
    assert card.get_attribute("data-code") == code
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    # Every field of the row is in the card, with its label in the page's language.
    assert card.locator("dt").count() == 4
    assert card.locator("[dir=ltr]").count() >= 3
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= 360


def test_a_french_address_keeps_its_order_in_an_arabic_page(page, served_site):
    """« 21-29, avenue du Général-de-Gaulle » must not read « avenue …, ,21-29 »: the
    address is laid out left to right inside the right-to-left page."""
    finder(page, served_site)
    page.fill("#courts-filter", "94")
    direction = page.evaluate(
        """() => [...document.querySelectorAll("#courts-results .courts-card dd")]
                 .map((dd) => getComputedStyle(dd.querySelector("[lang=fr]") || dd).direction)"""
    )
    assert direction[:3] == ["ltr", "ltr", "ltr"]
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"


def test_an_empty_search_shows_no_cards(page, served_site):
    finder(page, served_site, "fr")
    page.fill("#courts-filter", "94")
    page.fill("#courts-filter", "")
    assert page.locator("#courts-results .courts-card").count() == 0
    assert page.locator("#courts-table tbody tr:not([hidden])").count() == 109


def test_the_court_cards_pass_axe_on_a_phone(page, served_site):
    from test_quality import axe_violations

    finder(page, served_site)
    page.fill("#courts-filter", "97")
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_whole_court_table_is_cards_on_a_phone(page, served_site, lang):
    finder(page, served_site, lang)
    scroll = page.locator("#courts-table").evaluate(
        "(table) => [table.parentElement.scrollWidth, table.parentElement.clientWidth]"
    )
    assert scroll[0] == scroll[1], "the table does not scroll sideways in its box"
    label = page.locator("#departement-94 td").first.evaluate(
        "(cell) => getComputedStyle(cell, '::before').content"
    )
    header = page.locator("#courts-table thead th").nth(1).inner_text()
    assert label == f'"{header}"'


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_home_page_leads_to_the_form_from_its_summary(site, lang):
    """The first lines a person reads on the home page link to the form."""
    from support import soup

    home = soup(site / ("" if lang == DEFAULT_LANG else lang) / "index.html")
    links = home.select(".admonition.bref a[href]")
    assert any(link["href"].rstrip("/").endswith("formulaire") for link in links)
