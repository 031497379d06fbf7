"""The guide's content is honest and complete.

- Every legal reference in the pages (a decision: court, date, number; an article of a code;
  a decree) is in the sources register, content/sources.yml, and each page lists the sources
  it cites.
- A date and a number that belong together agree everywhere with the register.
- Every long quotation is verbatim in the seed its citation names, or in the passages the
  register copied from the public page it was read on (`excerpts`); without a citation, in
  a source the page lists.
- Every page has its « En bref » box, its date and its sources; glossary links resolve.

The detectors read French legal citations as the guide writes them: « CE, réf., 10 juin 2020,
n° 435594 », « tribunal administratif de Melun ... 6 avril 2023 », « article R. 431-2 du
CESEDA », « L. 112-8 et suivants du CRPA », « décret n° 2021-313 du 24 mars 2021 ». The
tables at the end of this file check that they catch what they must catch.
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import yaml
from support import ids

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
REGISTER_PATH = CONTENT / "sources.yml"
PAGES = sorted((CONTENT / "pages").rglob("*.md"))
GLOSSARY = CONTENT / "pages" / "fr" / "glossaire.md"

KINDS = {
    "decision",
    "article",
    "decree",
    "law",
    "arrete",
    "note",
    "guidance",
    "decision-ddd",
    "press",
}
CODES = {"CESEDA", "CJA", "CRPA"}
OFFICIAL_URL = re.compile(r"^https://(www\.)?(legifrance\.gouv\.fr|conseil-etat\.fr)/")
# A stored public page read with the search tool; many of them are only stored over http.
PAGE_URL = re.compile(r"^https?://[^\s/]+\.[a-z]{2,}/")
# A quotation this long must be found verbatim in a seed; shorter ones are words in « ».
LONG_QUOTE = 60

MONTHS = {
    "janvier": 1,
    "février": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
}
DATE = r"(?P<day>1er|\d{1,2})\s+(?P<month>" + "|".join(MONTHS) + r")\s+(?P<year>\d{4})"
DATE_RE = re.compile(DATE)
# « n° 435594 », « n° 2021-313 », « n° 2102923 et 2106217 »; « pièce n° 1 » is too short.
NUMBER_RE = re.compile(
    r"\bn[°o]s?\s*(?P<first>\d{4}-\d{1,4}|\d{5,})(?:\s+et\s+(?P<second>\d{5,}))?"
)
COURT_RE = re.compile(
    r"\b(?:(?P<ce>CE|Conseil d['’]\s?[ÉE]tat)"
    r"|TA(?:\s+de|\s+d['’])?\s+(?P<ta>[A-ZÉ][\w-]+)"
    r"|[Tt]ribunal administratif (?:de |d['’])(?P<tribunal>[A-ZÉ][\w-]+)"
    r"|(?P<ddd>Défenseur des droits))\b"
)
# A sentence ends at a full stop before a capital letter, or at a blank line: « réf., » does not.
SENTENCE_END = re.compile(r"\.\s+[A-ZÉÈÀÇ«]|\n\s*\n")
ARTICLE_RE = re.compile(
    r"(?<![\w.])(?P<letter>[LRD])\.?\s?(?P<num>\d{1,4}(?:-\d{1,4}){1,3})\b"
    r"(?P<suivants>\s+et\s+suivants)?"
)
CODE_NAMES = [
    (re.compile(r"\bCESEDA\b|code de l['’]entrée et du séjour des étrangers", re.I), "CESEDA"),
    (re.compile(r"\bCJA\b|code de justice administrative", re.I), "CJA"),
    (
        re.compile(r"\bCRPA\b|code des relations entre le public et l['’]administration", re.I),
        "CRPA",
    ),
]
DECREE_RE = re.compile(r"\bdécret\s+(?:n[°o]\s*(?P<number>\d{4}-\d+)\s+)?du\s+" + DATE, re.I)
QUOTE_RE = re.compile(r"«\s*(.+?)\s*»", re.S)
ELLIPSIS_RE = re.compile(r"\s*(?:\[…\]|\[\.\.\.\]|\(…\)|\(\.\.\.\))\s*")


# ---------------------------------------------------------------------------------------
# Reading the register, the pages and the seeds


@cache
def register() -> dict[str, dict]:
    return yaml.safe_load(REGISTER_PATH.read_text(encoding="utf-8"))["sources"]


@dataclass(frozen=True)
class Page:
    path: Path
    meta: dict
    body: str

    @property
    def name(self) -> str:
        return str(self.path.relative_to(CONTENT))

    @property
    def sources(self) -> list[str]:
        return [s.strip() for s in self.meta.get("sources", "").split(",") if s.strip()]


@cache
def read_page(path: Path) -> Page:
    """Split a Pelican Markdown file into its metadata (lower-case keys) and its body."""
    header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    meta = {}
    for line in header.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    return Page(path, meta, body)


def normalise(text: str) -> str:
    """Text as compared for quotations: same apostrophes and spaces, no Markdown emphasis.

    The seeds are extracted from PDFs: they break lines inside words (« rendez- vous »),
    mix ’ and ', and the note marks quotations in *italics*.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.translate({0x2019: "'", 0x2018: "'", 0xA0: " ", 0x202F: " ", ord("*"): None})
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"(\w)- (\w)", r"\1-\2", text).strip()


@cache
def seed_text(origin: str) -> str:
    return normalise((ROOT / origin).read_text(encoding="utf-8"))


def source_texts(key: str) -> list[str]:
    """What a quotation attributed to a register entry may be checked against: its seed,
    and the passages copied from the public page it was read on."""
    entry = register().get(key, {})
    texts = [normalise(x) for x in entry.get("excerpts", [])]
    if entry.get("origin", "").startswith("sources/seeds/"):
        texts.append(seed_text(entry["origin"]))
    return texts


def as_date(match: re.Match) -> dt.date:
    day = 1 if match["day"] == "1er" else int(match["day"])
    return dt.date(int(match["year"]), MONTHS[match["month"]], day)


def court_name(match: re.Match) -> str:
    if match["ce"]:
        return "CE"
    if match["ddd"]:
        return "Défenseur des droits"
    return f"TA {match['ta'] or match['tribunal']}"


def entry_numbers(entry: dict) -> list[str]:
    number = entry.get("number")
    if number is None:
        return []
    return [str(n) for n in number] if isinstance(number, list) else [str(number)]


def article_id(match: re.Match) -> str:
    return f"{match['letter']}. {match['num']}"


def entry_articles(entry: dict) -> set[str]:
    return {article_id(m) for m in ARTICLE_RE.finditer(str(entry.get("article", "")))}


# ---------------------------------------------------------------------------------------
# Finding references in a text and resolving them against the register


@dataclass(frozen=True)
class Reference:
    start: int
    text: str
    entry: str | None  # the register id it resolves to, None when it resolves to nothing
    problem: str | None = None  # why it is not in the register, or disagrees with it


def number_references(text: str) -> list[Reference]:
    """Decision and decree numbers, with the date written right before or after them."""
    by_number = {n: key for key, e in register().items() for n in entry_numbers(e)}
    found = []
    for match in NUMBER_RE.finditer(text):
        before = re.search(DATE + r"[\s,(]*$", text[max(0, match.start() - 40) : match.start()])
        after = re.match(r"[\s,]*(?:du\s+)?" + DATE, text[match.end() : match.end() + 40])
        written = as_date(before or after) if (before or after) else None
        for number in filter(None, (match["first"], match["second"])):
            key = by_number.get(number)
            problem = None
            if key is None:
                problem = f"n° {number} is not in the register"
            elif written and register()[key].get("date") != written:
                problem = (
                    f"n° {number} written with the date {written}, "
                    f"the register ({key}) says {register()[key].get('date')}"
                )
            found.append(Reference(match.start(), match.group(0), key, problem))
    return found


def court_date_references(text: str) -> list[Reference]:
    """A court followed, in the same sentence, by a date: « CE, réf., 10 juin 2020 »."""
    courts = list(COURT_RE.finditer(text))
    found = []
    for index, match in enumerate(courts):
        stop = min(len(text), match.end() + 80)
        if index + 1 < len(courts):
            stop = min(stop, courts[index + 1].start())
        end = SENTENCE_END.search(text, match.end(), stop)
        date = DATE_RE.search(text, match.end(), end.start() if end else stop)
        if not date:
            continue
        court, when = court_name(match), as_date(date)
        keys = [k for k, e in register().items() if e.get("court") == court]
        hits = [k for k in keys if register()[k].get("date") == when]
        # Two decisions of one court on one day (CE, 3 June 2022): the number written in
        # the same span says which one is meant.
        span_text = text[match.start() : date.end() + 20]
        hits.sort(key=lambda k: not any(n in span_text for n in entry_numbers(register()[k])))
        problem = None
        if not hits:
            known = sorted(str(register()[k].get("date")) for k in keys) or "none"
            problem = f"{court}, {when} is not in the register (known dates: {known})"
        span = text[match.start() : date.end()]
        found.append(Reference(match.start(), span, hits[0] if hits else None, problem))
    return found


def decree_references(text: str) -> list[Reference]:
    found = []
    decrees = {k: e for k, e in register().items() if e.get("kind") == "decree"}
    for match in DECREE_RE.finditer(text):
        when = as_date(match)
        hits = [
            k
            for k, e in decrees.items()
            if e.get("date") == when and match["number"] in (None, *entry_numbers(e))
        ]
        problem = None if hits else f"décret {match['number'] or ''} du {when} is not registered"
        found.append(Reference(match.start(), match.group(0), hits[0] if hits else None, problem))
    return found


def article_references(text: str) -> list[Reference]:
    """« article R. 431-2 du CESEDA », « art. L. 521-3 CJA », « L. 112-8 et suivants »."""
    articles = {k: e for k, e in register().items() if e.get("kind") == "article"}
    found = []
    for match in ARTICLE_RE.finditer(text):
        ident = article_id(match)
        window = text[match.end() : match.end() + 45]
        named = [(m.start(), code) for regex, code in CODE_NAMES if (m := regex.search(window))]
        code = min(named)[1] if named else None
        hits = [
            k
            for k, e in articles.items()
            if ident in entry_articles(e) and code in (None, e.get("code"))
        ]
        if match["suivants"]:
            hits = [k for k in hits if f"{ident} et suivants" in articles[k]["article"]]
        problem = None
        label = f"{ident}{' et suivants' if match['suivants'] else ''} ({code or 'code?'})"
        if not hits:
            problem = f"article {label} is not in the register"
        elif len({articles[k]["code"] for k in hits}) > 1:
            problem = f"article {label}: say which code, several registered articles match"
        found.append(Reference(match.start(), match.group(0), hits[0] if hits else None, problem))
    return found


def references(text: str) -> list[Reference]:
    found = (
        number_references(text)
        + court_date_references(text)
        + decree_references(text)
        + article_references(text)
    )
    return sorted(found, key=lambda r: r.start)


def blocks(body: str) -> list[str]:
    """Paragraphs, with blockquote markers removed: a quote and its citation share a block."""
    return [re.sub(r"(?m)^\s*>\s?", "", block) for block in re.split(r"\n\s*\n", body)]


def mostly_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return sum(c <= "\u024f" for c in letters) > len(letters) / 2


def quotation_problems(page: Page) -> list[str]:
    """Each long « quotation » must be verbatim in the seed of the source it is attributed to."""
    problems = []
    for block in blocks(page.body):
        for match in QUOTE_RE.finditer(block):
            # Markup (a translator's <span lang="fr">) is not part of the quoted words, and
            # a « » around text with no Latin letter is a translation, not a French quotation.
            quote = normalise(re.sub(r"<[^>]+>", "", match.group(1)))
            if len(quote) < LONG_QUOTE or not mostly_latin(quote):
                continue
            # The citation follows the quotation in the same paragraph, or else precedes it.
            after = [r for r in references(block[match.end() :]) if r.entry]
            before = [r for r in references(block[: match.start()]) if r.entry]
            cited = after[0].entry if after else before[-1].entry if before else None
            keys = [cited] if cited else page.sources
            texts = [t for k in keys for t in source_texts(k)]
            label = f"{page.name}: « {quote[:50]}… »"
            if not texts:
                problems.append(f"{label} cites {keys}, which has no seed or excerpt to check")
                continue
            for part in filter(None, ELLIPSIS_RE.split(quote)):
                if not any(part in text for text in texts):
                    problems.append(
                        f"{label} is not verbatim in the sources of {keys}: « {part[:80]}… »"
                    )
    return problems


# ---------------------------------------------------------------------------------------
# The register


@pytest.mark.parametrize("key", sorted(register()))
def test_register_entry_is_well_formed(key):
    entry = register()[key]
    assert entry.get("citation"), "every entry needs the citation printed on the pages"
    assert entry.get("kind") in KINDS, f"kind must be one of {sorted(KINDS)}"
    origin = entry.get("origin", "")
    if origin == "public text":
        assert OFFICIAL_URL.match(entry.get("url", "")), "a public text needs an official url"
    elif origin == "public page":
        assert PAGE_URL.match(entry.get("url", "")), "a public page needs the url it was read at"
    else:
        assert origin.startswith("sources/seeds/"), "origin: a seed or 'public text'"
        assert (ROOT / origin).is_file(), f"{origin} does not exist"
    if entry["kind"] in ("decision", "decision-ddd"):
        assert entry.get("court") and isinstance(entry.get("date"), dt.date)
        assert entry_numbers(entry) or entry.get("note"), "a decision without number says why"
    if entry["kind"] in ("decree", "law"):
        assert isinstance(entry.get("date"), dt.date) and entry_numbers(entry)
    if entry["kind"] == "law":
        assert entry.get("articles"), "a law lists the articles the pages cite"
    if entry["kind"] == "arrete":
        assert isinstance(entry.get("date"), dt.date)
    excerpts = entry.get("excerpts", [])
    assert isinstance(excerpts, list) and all(isinstance(x, str) and x for x in excerpts)
    if entry["kind"] == "article":
        assert entry.get("code") in CODES and entry_articles(entry), "code and article needed"


def test_register_numbers_are_unique():
    numbers = [n for e in register().values() for n in entry_numbers(e)]
    assert sorted(n for n in numbers if numbers.count(n) > 1) == []


def test_every_register_entry_is_cited_by_a_page():
    cited = {key for path in PAGES for key in read_page(path).sources}
    assert sorted(set(register()) - cited) == []


# ---------------------------------------------------------------------------------------
# The pages


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(CONTENT)))
def test_page_has_summary_date_and_sources(path):
    page = read_page(path)
    first_line = page.body.lstrip("\n").splitlines()[0]
    assert re.match(r'!!! bref "[^"]+"$', first_line), "the page must open with the bref box"
    assert dt.date.fromisoformat(page.meta.get("modified", "")), "Modified: YYYY-MM-DD"
    assert page.sources, "Sources: must list at least one register id"
    assert [s for s in page.sources if s not in register()] == []


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(CONTENT)))
def test_every_legal_reference_is_in_the_register(path):
    page = read_page(path)
    unknown = [
        f"{r.text!r}: {r.problem}" for r in references(page.body) if r.entry is None and r.problem
    ]
    assert unknown == []


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(CONTENT)))
def test_dates_and_numbers_agree_with_the_register(path):
    page = read_page(path)
    disagreements = [
        f"{r.text!r}: {r.problem}" for r in references(page.body) if r.entry and r.problem
    ]
    assert disagreements == []


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(CONTENT)))
def test_page_lists_the_sources_it_cites(path):
    page = read_page(path)
    cited = {r.entry for r in references(page.body) if r.entry}
    assert sorted(cited - set(page.sources)) == []


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(CONTENT)))
def test_quotations_are_verbatim(path):
    assert quotation_problems(read_page(path)) == []


# ---------------------------------------------------------------------------------------
# The glossary

GLOSSARY_ID = re.compile(r"^#{2,6} .+ \{#(?P<id>[a-z0-9-]+)\}$", re.M)
GLOSSARY_LINK = re.compile(r"\{filename\}glossaire\.md#(?P<id>[\w-]+)")


def glossary_ids() -> list[str]:
    return [m["id"] for m in GLOSSARY_ID.finditer(GLOSSARY.read_text(encoding="utf-8"))]


def test_every_glossary_term_has_a_unique_explicit_id():
    text = GLOSSARY.read_text(encoding="utf-8")
    terms = re.findall(r"(?m)^### .+$", text)
    assert [t for t in terms if not GLOSSARY_ID.match(t)] == []
    found = glossary_ids()
    assert sorted({i for i in found if found.count(i) > 1}) == []


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(CONTENT)))
def test_glossary_links_have_targets(path):
    text = read_page(path).body
    targets = {m["id"] for m in GLOSSARY_LINK.finditer(text)}
    if path == GLOSSARY:
        targets |= set(re.findall(r"\]\(#([\w-]+)\)", text))
    assert sorted(targets - set(glossary_ids())) == []


@pytest.mark.parametrize("folder", ["", "en/"])
def test_glossary_ids_are_in_the_built_page(site, folder):
    assert sorted(set(glossary_ids()) - ids(site / folder / "glossaire" / "index.html")) == []


# ---------------------------------------------------------------------------------------
# The detectors themselves: what they must catch, and what they must let through

REFERENCE_CASES = [
    # (text, expected (entry or None, has problem) for each reference found, in order)
    ("CE, réf., 10 juin 2020, n° 435594", [("ce-ref-2020-06-10-435594", False)] * 2),
    ("CE, 29 novembre 2019, n° 422516", [(None, True), ("ce-2019-11-27-422516", True)]),
    ("la décision n° 422516 du 29 novembre 2019", [("ce-2019-11-27-422516", True)]),
    ("Le Conseil d'État l'a jugé le 3 juin 2022.", [("ce-2022-06-03-452798", False)]),
    ("Le Conseil d'État a jugé le 4 juin 2022.", [(None, True)]),
    (
        "le tribunal administratif de Melun, le 6 avril 2023",
        [("ta-melun-2023-04-06-2102923", False)],
    ),
    ("TA Melun, 6 avril 2023, n° 2102923 et 2106217", [("ta-melun-2023-04-06-2102923", False)] * 3),
    ("CE, 14 mars 2001, n° 229773", [("ce-2001-03-14-229773", False)] * 2),
    ("CE, 15 mars 2001, n° 229999", [(None, True), (None, True)]),
    ("décret n° 2021-313 du 24 mars 2021", [("decret-2021-313", False)] * 2),
    ("le décret du 25 mars 2021", [(None, True)]),
    ("article R. 431-2 du CESEDA", [("ceseda-r431-2", False)]),
    ("art. L. 521-3 CJA", [("cja-l521-3", False)]),
    (
        "les articles R. 431-2 et R. 431-3 du CESEDA",
        [("ceseda-r431-2", False), ("ceseda-r431-3", False)],
    ),
    ("les articles L. 112-8 et suivants du CRPA", [("crpa-l112-8", False)]),
    ("l'article L. 112-9 du CRPA", [(None, True)]),
    ("l'article L. 521-3 du CESEDA", [(None, True)]),
    ("l'article L 521-3 du code de justice administrative", [("cja-l521-3", False)]),
    ("En mai 2020, le tribunal administratif de Rouen a été saisi.", []),
    ("Le Conseil d'État. Le 27 novembre 2019, rien.", []),
    ("pièce n° 1, pièce n° 2", []),
]


@pytest.mark.parametrize(("text", "expected"), REFERENCE_CASES)
def test_reference_detector(text, expected):
    assert [(r.entry, r.problem is not None) for r in references(text)] == expected


QUOTE_CASES = [
    # (body, sources, number of problems)
    (
        "> « si l'étranger établit qu'il n'a pu obtenir une date de rendez-vous, malgré plusieurs"
        " tentatives n'ayant pas été effectuées la même semaine »\n>\n> — CE, réf., 10 juin 2020,"
        " n° 435594",
        [],
        0,
    ),
    (
        "« si l'étranger établit qu'il n'a pu obtenir une date de rendez-vous, malgré quelques"
        " tentatives n'ayant pas été effectuées la même semaine » (CE, réf., 10 juin 2020)",
        [],
        1,
    ),
    (
        "« si l'étranger établit qu'il n'a pu obtenir une date de rendez-vous […] il peut demander"
        " au juge des référés » (CE, réf., 10 juin 2020, n° 435594)",
        [],
        0,
    ),
    (
        # The right words, but attributed to a decision whose seed does not hold them.
        "« une personne avait vu sa demande de mesures utiles rejetée au motif que les captures"
        " d'écran » (CE, réf., 10 juin 2020, n° 435594)",
        [],
        1,
    ),
    (
        "« une personne avait vu sa demande de mesures utiles rejetée au motif que les captures"
        " d'écran »",
        ["ddd-2020-142"],
        0,
    ),
    ("« Il n'existe plus de plage horaire libre pour votre demande de rendez-vous. »", [], 1),
]


@pytest.mark.parametrize(("body", "sources", "problems"), QUOTE_CASES)
def test_quotation_checker(body, sources, problems):
    page = Page(GLOSSARY, {"sources": ", ".join(sources)}, body)
    assert len(quotation_problems(page)) == problems
