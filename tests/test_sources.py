"""Every article, decision, law and arrêté number the French pages cite is in the register.

The French pages are the source the six translations are made from, so a reference missing
from content/sources.yml there goes missing in seven languages. tests/test_content.py reads
the citations the guide writes in full (« CE, réf., 10 juin 2020, n° 435594 », « article
R. 431-2 du CESEDA »). This file adds what that reading lets through:

- a decision number written bare (« l'avis 461694 », « req. 435594 »);
- the articles of a law (« article 20 de la loi n° 91-647 ») and the law itself, by its
  number or by its date (« la loi du 10 juillet 1991 »);
- an arrêté, named by its date (« l'arrêté du 1er août 2023 »).

The tables at the end check that the detectors catch what they must catch.
"""

import re
from dataclasses import dataclass

import pytest
from test_content import CONTENT, DATE, as_date, entry_numbers, read_page, references, register

FRENCH_PAGES = sorted((CONTENT / "pages" / "fr").glob("*.md"))

# A decision number: five to seven digits on their own. Not a part of a longer number, a date
# or an amount (« 11 000 euros »), nor a year-number pair (« 2021-313 »), nor a postcode
# followed by a town (a postcode is never written in the guide's French pages).
BARE_NUMBER_RE = re.compile(r"(?<![\d\-/.,])(?<!\d )\d{5,7}(?![\d\-/]|\s\d)")
# « loi n° 91-647 », « loi n° 91-647 du 10 juillet 1991 », « loi du 10 juillet 1991 »; a match
# with neither a number nor a date (« la loi sur ... ») is no citation.
LAW_RE = re.compile(r"\bloi\s+(?:n[°o]\s*(?P<number>\d{2,4}-\d+)\s*)?(?:du\s+" + DATE + r")?", re.I)
# « article 20 de la loi n° 91-647 », « articles 3 et 20 de la loi n° 91-647 »
LAW_ARTICLE_RE = re.compile(
    r"\barticles?\s+(?P<articles>\d+(?:\s*(?:,|et)\s*\d+)*)\s+de\s+la\s+loi\s+"
    r"n[°o]\s*(?P<number>\d{2,4}-\d+)",
    re.I,
)
ARRETE_RE = re.compile(r"\barrêtés?\s+(?:ministériels?\s+)?du\s+" + DATE, re.I)


@dataclass(frozen=True)
class Cited:
    text: str
    entry: str | None  # the register id it resolves to, None when it resolves to nothing


def entries_of_kind(*kinds: str) -> dict[str, dict]:
    return {k: e for k, e in register().items() if e.get("kind") in kinds}


def bare_numbers(text: str) -> list[Cited]:
    by_number = {n: k for k, e in register().items() for n in entry_numbers(e)}
    return [Cited(m.group(0), by_number.get(m.group(0))) for m in BARE_NUMBER_RE.finditer(text)]


def laws(text: str) -> list[Cited]:
    found = []
    for match in LAW_RE.finditer(text):
        if match["number"] is None and match["year"] is None:
            continue
        hits = [
            k
            for k, e in entries_of_kind("law").items()
            if (match["number"] is None or match["number"] in entry_numbers(e))
            and (match["year"] is None or e.get("date") == as_date(match))
        ]
        found.append(Cited(match.group(0), hits[0] if hits else None))
    return found


def law_articles(text: str) -> list[Cited]:
    found = []
    for match in LAW_ARTICLE_RE.finditer(text):
        for article in re.findall(r"\d+", match["articles"]):
            hits = [
                k
                for k, e in entries_of_kind("law").items()
                if match["number"] in entry_numbers(e)
                and article in [str(a) for a in e.get("articles", [])]
            ]
            label = f"article {article} de la loi n° {match['number']}"
            found.append(Cited(label, hits[0] if hits else None))
    return found


def arretes(text: str) -> list[Cited]:
    found = []
    for match in ARRETE_RE.finditer(text):
        when = as_date(match)
        hits = [k for k, e in entries_of_kind("arrete").items() if e.get("date") == when]
        found.append(Cited(match.group(0), hits[0] if hits else None))
    return found


def cited(text: str) -> list[Cited]:
    """Every number the text cites, the guide's full citations included."""
    full = [Cited(r.text, r.entry) for r in references(text)]
    return full + bare_numbers(text) + laws(text) + law_articles(text) + arretes(text)


@pytest.mark.parametrize("path", FRENCH_PAGES, ids=lambda p: p.name)
def test_every_number_cited_in_the_french_pages_is_registered(path):
    page = read_page(path)
    assert [c.text for c in cited(page.body) if c.entry is None] == []


@pytest.mark.parametrize("path", FRENCH_PAGES, ids=lambda p: p.name)
def test_french_page_lists_the_laws_and_arretes_it_cites(path):
    page = read_page(path)
    found = {c.entry for c in laws(page.body) + law_articles(page.body) + arretes(page.body)}
    assert sorted(found - {None} - set(page.sources)) == []


def test_every_public_page_entry_says_where_it_was_read():
    """A reference read on a stored public page names that page; one read elsewhere than
    at its `url` says where in `read`."""
    for key, entry in register().items():
        if entry.get("origin") == "public page":
            assert entry.get("url"), key


# ---------------------------------------------------------------------------------------
# The detectors themselves

CITED_CASES = [
    # (text, expected (text, resolves) for each number found, in order)
    ("l'avis 461694 du Conseil d'État", [("461694", True)]),
    ("la décision 999999 du Conseil d'État", [("999999", False)]),
    ("plus de 11 000 euros de frais", []),
    (
        "le décret n° 2021-313 du 24 mars 2021",
        [("décret n° 2021-313 du 24 mars 2021", True), ("n° 2021-313", True)],
    ),
    (
        "l'article 20 de la loi n° 91-647 du 10 juillet 1991",
        [("loi n° 91-647 du 10 juillet 1991", True), ("article 20 de la loi n° 91-647", True)],
    ),
    (
        "l'article 21 de la loi n° 91-647",
        [("loi n° 91-647", True), ("article 21 de la loi n° 91-647", False)],
    ),
    (
        "la loi n° 2024-42 du 26 janvier 2024",
        [("n° 2024-42", False), ("loi n° 2024-42 du 26 janvier 2024", False)],
    ),
    ("la loi du 10 juillet 1991", [("loi du 10 juillet 1991", True)]),
    ("un arrêté du 1er août 2023", [("arrêté du 1er août 2023", True)]),
    ("un arrêté du 27 avril 2021", [("arrêté du 27 avril 2021", False)]),
    ("il a été arrêté lors d'un contrôle", []),
    ("l'article R. 431-5 du CESEDA", [("R. 431-5", True)]),
    ("l'article R. 431-9 du CESEDA", [("R. 431-9", False)]),
]


@pytest.mark.parametrize(("text", "expected"), CITED_CASES)
def test_cited_detector(text, expected):
    assert [(c.text, c.entry is not None) for c in cited(text)] == expected
