"""Property tests: arbitrary answers never crash; HTML stays escaped; ODT stays well-formed."""

import io
import re
import zipfile
from datetime import date, timedelta
from xml.etree import ElementTree

import rdv_forms
from formsupport import TODAY, check_html
from hypothesis import given, settings
from hypothesis import strategies as st
from rdv_forms import answers as A
from rdv_forms import make, render

# Moderate: the whole suite stays fast, in CPython and in Pyodide.
FAST = settings(max_examples=40, deadline=None)
ANY_TEXT = st.text(max_size=60)
DATES = st.dates(min_value=date(2020, 1, 1), max_value=TODAY)
TIMES = st.times().map(lambda t: t.strftime("%H:%M"))


def text_fields(cls) -> dict:
    """A strategy per text field of `cls`: any Unicode at all."""
    from rdv_forms.records import fields

    strategies = {}
    for f in fields(cls):
        spec = f.metadata["spec"]
        if spec.kind in A._TEXT_KINDS:
            strategies[f.name] = ANY_TEXT
    return strategies


ATTEMPT = st.fixed_dictionaries(
    {
        "date": DATES.map(date.isoformat),
        "heure": TIMES,
        "moyen": st.sampled_from(A.MOYENS),
        "resultat": ANY_TEXT,
        "preuve": ANY_TEXT,
    }
)
ANSWERS = st.fixed_dictionaries(
    {
        "version": st.just(1),
        "personne": st.fixed_dictionaries(
            {**text_fields(A.Personne), "civilite": st.sampled_from(A.CIVILITES)}
        ),
        "departement": st.sampled_from(["93", "2A", "971", "975", "987", "75", "06", "83"]),
        "prefecture": st.fixed_dictionaries(text_fields(A.Prefecture)),
        "tribunal": st.fixed_dictionaries(text_fields(A.Tribunal)),
        "demarche": st.fixed_dictionaries(
            {
                **text_fields(A.Demarche),
                "type": st.sampled_from(A.DEMARCHE_TYPES),
                "expiration_titre": DATES.map(lambda d: (d + timedelta(days=200)).isoformat()),
            }
        ),
        "tentatives": st.lists(ATTEMPT, max_size=6),
        "temoin": st.none() | st.fixed_dictionaries(text_fields(A.Temoin)),
        "urgence": st.fixed_dictionaries(
            {"motifs": st.lists(st.sampled_from(A.MOTIFS), unique=True), "details": ANY_TEXT}
        ),
        "avocat": st.none() | st.fixed_dictionaries(text_fields(A.Avocat)),
        "demandes": st.fixed_dictionaries(
            {
                "delai_jours": st.none() | st.integers(1, 90),
                "astreinte_euros_par_jour": st.none() | st.integers(0, 10_000),
                "frais_l761_1_euros": st.none() | st.integers(0, 100_000),
            }
        ),
        "signature": st.fixed_dictionaries({"lieu": ANY_TEXT, "date": DATES.map(date.isoformat)}),
    }
)


def all_documents(answers):
    for kind in rdv_forms.KINDS:
        try:
            yield make(kind, answers, today=TODAY)
        except rdv_forms.NotProduced:
            continue


@FAST
@given(ANSWERS)
def test_arbitrary_answers_never_crash(data):
    answers, errors = A.parse(data, today=TODAY)
    rdv_forms.analyse(answers, today=TODAY).to_dict("en")
    if errors:
        for error in errors:
            assert error.localized("en")
        return
    for document in all_documents(answers):
        for fmt in rdv_forms.FORMATS:
            render(document, fmt)


SAFE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028"),
    max_size=40,
).map(lambda s: f"<b>&amp;{s}<script>")


@FAST
@given(SAFE_TEXT, SAFE_TEXT)
def test_no_user_markup_reaches_the_html(name, details):
    data = {
        "version": 1,
        "departement": "93",
        "personne": {"nom": name.replace("\n", " ")[:80]},
        "urgence": {"details": details},
        "tentatives": [{"date": "2026-11-02", "moyen": "internet", "resultat": details[:300]}],
    }
    answers, errors = A.parse(data, today=TODAY)
    if errors:
        return
    for document in all_documents(answers):
        html = render(document, "html")
        check_html(html)
        assert "<b>" not in html and "<script>" not in html
        assert "&amp;amp;" in html


@FAST
@given(ANSWERS)
def test_odt_is_always_well_formed(data):
    answers, errors = A.parse(data, today=TODAY)
    if errors:
        return
    for kind in ("refere", "journal"):
        try:
            document = make(kind, answers, today=TODAY)
        except rdv_forms.NotProduced:
            continue
        with zipfile.ZipFile(io.BytesIO(render(document, "odt"))) as package:
            for name in ("content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"):
                ElementTree.fromstring(package.read(name))


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
