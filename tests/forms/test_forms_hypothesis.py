"""Property tests: valid answers render in every kind and format; HTML stays escaped; ODT parses.

The answers are generated from the field declarations of `rdv_forms.answers` (kinds, lengths,
choices, bounds, dates), so most generated answer sets are valid and go all the way to the
documents. What the declarations cannot say (the table of départements) is added by path.
"""

import io
import re
import unicodedata
import zipfile
from collections import Counter
from datetime import date, timedelta
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
import rdv_forms
from formsupport import TODAY, check_html
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rdv_forms import answers as A
from rdv_forms import courts, make, render
from rdv_forms.analysis import refere_block
from rdv_forms.records import fields

# Moderate: the whole suite stays fast, in CPython and in Pyodide.
FAST = settings(max_examples=40, deadline=None)
# Every run renders at least this many valid answer sets in every kind and format.
RENDERED_PER_KIND_AND_FORMAT = 500
ANY_TEXT = st.text(max_size=60)
DATES = st.dates(min_value=date(2020, 1, 1), max_value=TODAY)
TIMES = st.times().map(lambda t: t.strftime("%H:%M"))

# ---------------------------------------------------------------------------------------
# Answers from the field declarations

# Characters every text field accepts, and the ones that test escaping, often. Since issue 17
# the documents take Latin script only (a letter of another script asks for the passport's
# spelling): Latin with its diacritics, punctuation and symbols.
_REFUSED = A.BIDI_CONTROLS | A.ZERO_WIDTH | {"\ufffe", "\uffff"}
USER_CHARACTERS = st.one_of(
    *(
        st.characters(
            min_codepoint=low,
            max_codepoint=high,
            exclude_categories=("Cc", "Cs"),
            exclude_characters=_REFUSED,
        )
        for low, high in ((0, 0x24F), (0x1E00, 0x1EFF), (0x2000, 0x2BFF))
    )
).filter(lambda char: not A.non_latin_letters(char))
MARKUP = st.sampled_from(["", " ", "<", ">", "&", '"', "'", "<b>", "&amp;", "</p>", "<script>"])
LONGEST = {A.MULTILINE: 300, A.ADDRESS: 120}  # enough to wrap; not a 3000-character essay
EMAILS = st.tuples(
    st.text("abcdefghijklmnopqrstuvwxyz0123456789._-&'", min_size=1, max_size=20),
    st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=20),
    st.sampled_from(["fr", "org", "com"]),
).map("{0[0]}@{0[1]}.{0[2]}".format)
IN_SCOPE = [d.code for d in courts.all_departements() if d.in_scope]
# What the declarations cannot say. Out-of-scope territories make no document but the log:
# `test_arbitrary_answers_never_crash` covers them.
BY_PATH = {"departement": st.sampled_from(IN_SCOPE)}


def only_the_fields_of_its_moyen(attempt: dict) -> dict:
    """An attempt keeps the fields of its own kind only (`answers.MOYEN_FIELDS`)."""
    own = A.MOYEN_FIELDS.get(attempt["moyen"], ())
    kind_fields = {name for names in A.MOYEN_FIELDS.values() for name in names}
    kept = {key: "" if key in kind_fields - set(own) else value for key, value in attempt.items()}
    if attempt["moyen"] in A.VISITES and kept.get("date"):
        # Offices are closed on Sundays and holidays (issue 17): the visit moves to the day before.
        day = date.fromisoformat(kept["date"])
        while A.closed_day(day):
            day -= timedelta(days=1)
        kept["date"] = day.isoformat()
    return kept


BY_RECORD = {A.Tentative: only_the_fields_of_its_moyen}


def text_for(spec: A.Spec) -> st.SearchStrategy[str]:
    if spec.kind == A.EMAIL:
        return st.just("") | EMAILS.filter(lambda e: len(e) <= spec.max_length)
    longest = min(spec.max_length or 60, LONGEST.get(spec.kind, 60))
    # Few draws per field (a run of text, some markup, another run): fast to generate.
    line = st.text(USER_CHARACTERS, max_size=longest // 2)
    pieces = [line, MARKUP, line]
    if spec.kind in (A.MULTILINE, A.ADDRESS):
        pieces += [st.sampled_from(["\n", "\n\n", ""]), line]
    text = st.tuples(*pieces).map("".join).map(lambda t: t[:longest])
    return text.filter(str.strip) if spec.required else text


def dates_for(spec: A.Spec) -> st.SearchStrategy[date]:
    earliest, latest = date(2020, 1, 1), TODAY + timedelta(days=3 * 365)
    if spec.past:
        earliest, latest = date(1940, 1, 1), TODAY - timedelta(days=1)
    if spec.not_future:  # attempts: a log of up to two years
        earliest, latest = TODAY - timedelta(days=730), TODAY
    if spec.days_ahead is not None:
        latest = min(latest, TODAY + timedelta(days=spec.days_ahead))
    return st.dates(max(earliest, spec.not_before or earliest), latest)


def value_for(spec: A.Spec, path: str) -> st.SearchStrategy:
    """Values the declaration allows, as they arrive in JSON."""
    if path in BY_PATH:
        return BY_PATH[path]
    if spec.kind == A.OBJECT:
        record = object_for(spec.record_of, path + ".")
        return st.none() | record if spec.nullable else record
    if spec.kind == A.LIST:
        items = object_for(spec.record_of, path + ".")
        return st.lists(items, max_size=min(spec.max_items or 8, 8))
    if spec.kind == A.CHOICES:
        return st.lists(st.sampled_from(spec.choices), unique=True)
    if spec.kind == A.CHOICE:
        return st.sampled_from([c for c in spec.choices if c or not spec.required])
    if spec.kind == A.INTEGER:
        low = spec.minimum if spec.minimum is not None else 0
        high = spec.maximum if spec.maximum is not None else 10**9
        number = st.integers(low, high)
        return number if spec.required else st.none() | number
    if spec.kind == A.DATE:
        day = dates_for(spec).map(date.isoformat)
        return day if spec.required else st.sampled_from([None, ""]) | day
    if spec.kind == A.TIME:
        return st.just("") | TIMES
    assert spec.kind in A._TEXT_KINDS, f"{path}: no strategy for the kind {spec.kind!r}"
    return text_for(spec)


def object_for(cls: type, prefix: str = "") -> st.SearchStrategy[dict]:
    values = st.fixed_dictionaries(
        {f.name: value_for(f.metadata["spec"], prefix + f.name) for f in fields(cls)}
    )
    return values.map(BY_RECORD[cls]) if cls in BY_RECORD else values


VALID_ANSWERS = object_for(A.Answers)

# ---------------------------------------------------------------------------------------
# What each format must satisfy


class Markup(HTMLParser):
    """Every tag, and every « < » that is not one."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag):
        self.tags.append(("/" + tag,))

    def handle_data(self, data):
        self.text.append(data)


def without_markup(data):
    """The same answers with every « < » of the person's replaced by a letter."""
    if isinstance(data, str):
        return data.replace("<", "x")
    if isinstance(data, dict):
        return {key: without_markup(value) for key, value in data.items()}
    if isinstance(data, list):
        return [without_markup(item) for item in data]
    return data


def check_no_user_markup(html: str, kind: str, data: dict) -> None:
    """No « < » the person typed reaches the HTML as a « < ».

    Each « < » of the HTML opens one of the renderer's tags; and the same answers with
    their « < » replaced by a letter give exactly the same tags: an unescaped « <p> » typed
    by the person would add one.
    """
    check_html(html)
    markup = Markup(html)
    assert html.count("<") == len(markup.tags), "a « < » that opens no tag"
    twin = A.load_answers(without_markup(data), today=TODAY)
    plain = Markup(render(make(kind, twin, today=TODAY), "html"))
    assert markup.tags == plain.tags
    assert "".join(markup.text).replace("<", "x") == "".join(plain.text)


def check_odt(output: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(output)) as package:
        parts = [name for name in package.namelist() if name.endswith(".xml")]
        assert {"content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"} <= set(parts)
        for name in parts:
            ElementTree.fromstring(package.read(name))


def check_output(fmt: str, output: str | bytes, kind: str, data: dict) -> None:
    """The format's own checks; any other format (a new renderer) must at least give bytes
    or text."""
    assert output, f"{kind}: empty {fmt}"
    if fmt == "html":
        assert isinstance(output, str)
        check_no_user_markup(output, kind, data)
    elif fmt == "odt":
        assert isinstance(output, bytes)
        check_odt(output)
    elif fmt == "text":
        assert isinstance(output, str)


# ---------------------------------------------------------------------------------------
# The tests


def test_valid_answers_render_in_every_kind_and_format():
    """Hundreds of valid answer sets, each made into every kind, rendered in every format.

    The counter proves the guarantee: examples filtered out by `assume` are not counted,
    and Hypothesis's health check fails the test if too many are.
    """
    rendered: Counter[tuple[str, str]] = Counter()

    @settings(max_examples=RENDERED_PER_KIND_AND_FORMAT, deadline=None)
    @given(VALID_ANSWERS)
    def render_everything(data):
        answers, errors = A.parse(data, today=TODAY)
        assume(not errors)
        if refere_block(answers) is not None:  # no référé without counsel: said, then named
            with pytest.raises(rdv_forms.NotProduced):
                make("refere", answers, today=TODAY)
            data = {**data, "association": {"nom": "La Cimade", "contact": ""}}
            if refere_block(answers).code == "anef_deposee":  # filed on ANEF: no référé at all
                anef = data.get("anef") or {}
                blocages = [b for b in anef.get("blocages", []) if b != "pas_de_reponse"]
                data = {**data, "anef": {**anef, "blocages": blocages}}
            answers = A.load_answers(data, today=TODAY)
        for kind in rdv_forms.KINDS:
            document = make(kind, answers, today=TODAY)
            for fmt in rdv_forms.FORMATS:
                check_output(fmt, render(document, fmt), kind, data)
                rendered[kind, fmt] += 1

    render_everything()
    expected = {(k, f): RENDERED_PER_KIND_AND_FORMAT for k in rdv_forms.KINDS
                for f in rdv_forms.FORMATS}  # fmt: skip
    assert {key: min(rendered[key], count) for key, count in expected.items()} == expected


def strings(data) -> str:
    """Every text of the answers, one after the other."""
    if isinstance(data, dict):
        data = list(data.values())
    if isinstance(data, list):
        return " ".join(map(strings, data))
    return data if isinstance(data, str) else ""


def latin(data):
    """The same answers in the Latin script the PDF font draws (others become « e »)."""
    if isinstance(data, str):
        return "".join(c if ord(c) <= 0x24F else "e" for c in data)
    if isinstance(data, dict):
        return {key: latin(value) for key, value in data.items()}
    if isinstance(data, list):
        return [latin(item) for item in data]
    return data


# A PDF of every kind takes about 0.2 s: fewer examples than for the formats of the first
# visit, which the test above renders 500 times each.
@settings(max_examples=20, deadline=None)
@given(VALID_ANSWERS.map(latin) | VALID_ANSWERS)
def test_valid_answers_give_a_pdf_or_name_the_characters_it_cannot_draw(data):
    from rdv_forms.render.pdf import UnsupportedCharacters

    answers, errors = A.parse(data, today=TODAY)
    assume(not errors)
    typed = unicodedata.normalize("NFC", strings(data))
    for kind in rdv_forms.KINDS:
        try:
            output = render(make(kind, answers, today=TODAY), "pdf")
        except rdv_forms.NotProduced:  # a référé without counsel after a refusal or an OQTF
            assert kind == "refere" and refere_block(answers) is not None
            continue
        except UnsupportedCharacters as refusal:
            assert refusal.characters and refusal.message.render("en")
            assert set(refusal.characters) <= set(typed), "refused what the person did not type"
            continue
        assert isinstance(output, bytes)
        assert output.startswith(b"%PDF-") and output.rstrip().endswith(b"%%EOF")


@FAST
@given(
    st.fixed_dictionaries(
        {
            **{f.name: ANY_TEXT for f in fields(A.Answers)},
            "version": st.just(1),
            "personne": st.dictionaries(st.sampled_from(["nom", "prenom", "x"]), ANY_TEXT),
            "departement": st.sampled_from(["93", "2A", "971", "975", "987", "75", "984", "x"]),
            "tentatives": st.lists(
                st.fixed_dictionaries(
                    {"date": DATES.map(date.isoformat), "moyen": st.sampled_from(A.MOYENS)}
                ),
                max_size=4,
            ),
        }
    )
    | VALID_ANSWERS.map(lambda data: {**data, "departement": "987"})
)
def test_arbitrary_answers_never_crash(data):
    """Wrong types, unknown fields, out-of-scope territories: errors or refusals, no crash."""
    answers, errors = A.parse(data, today=TODAY)
    rdv_forms.analyse(answers, today=TODAY).to_dict("en")
    for error in errors:
        assert error.localized("en")
    for kind in rdv_forms.KINDS if not errors else ():
        try:
            document = make(kind, answers, today=TODAY)
        except rdv_forms.NotProduced as refusal:
            assert refusal.message.render("en")
            continue
        for fmt in rdv_forms.FORMATS:
            assert render(document, fmt)


@FAST
@given(st.text(max_size=200))
def test_any_json_text_is_answered_with_errors_not_exceptions(text):
    for error in rdv_forms.validate(text, today=TODAY):
        assert re.fullmatch(r"[a-z_]+", error.msgid)


@FAST
@given(to=st.emails(), subject=ANY_TEXT, body=st.text(max_size=400))
def test_mailto_parses_back_to_subject_and_body(to, subject, body):
    from urllib.parse import parse_qs, unquote, urlsplit

    from rdv_forms.render.mailto import mailto_url

    url = urlsplit(mailto_url(to, subject, body))
    query = parse_qs(url.query, keep_blank_values=True)
    assert url.scheme == "mailto"
    assert unquote(url.path) == to
    assert query["subject"] == [subject]
    assert query["body"] == ["\r\n".join(body.replace("\r\n", "\n").split("\n"))]


@FAST
@given(text=st.text(max_size=200), safe=st.sampled_from(["", "@", "/"]))
def test_own_escapes_match_the_standard_library(text, safe):
    import html
    import urllib.parse

    from rdv_forms.render.escaping import escape, quote

    assert escape(text) == html.escape(text)
    assert quote(text, safe=safe) == urllib.parse.quote(text, safe=safe)


NAME_TEXT = (
    st.text(
        alphabet=st.characters(categories=("L", "M", "N", "Zs"), exclude_characters="\u2028\u2029"),
        min_size=1,
        max_size=40,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
    # Latin script only in the French documents (issue 17): others ask for the passport's spelling.
    .filter(lambda s: not A.non_latin_letters(s))
)


@FAST
@given(NAME_TEXT, NAME_TEXT)
def test_user_text_round_trips_through_every_renderer(nom, lieu):
    """What the person typed comes out as typed (NFC), in the text, the HTML and the ODT."""
    import unicodedata
    from html import unescape

    data = {"version": 1, "departement": "93", "personne": {"nom": nom},
            "signature": {"lieu": lieu}}  # fmt: skip
    answers, errors = A.parse(data, today=TODAY)
    assert errors == []
    expected = [unicodedata.normalize("NFC", value) for value in (nom, lieu)]
    document = make("lettre", answers, today=TODAY)
    text = render(document, "text")
    html = unescape(re.sub(r"<[^>]+>", "", render(document, "html")))
    with zipfile.ZipFile(io.BytesIO(render(document, "odt"))) as package:
        odt = "".join(ElementTree.fromstring(package.read("content.xml")).itertext())
    for value in expected:
        assert value in text
        assert value in html
        assert value in odt
