"""The wording files: every paragraph complete in both voices, asked for, filled and used.

The documents' sentences live in rdv_forms/wording/*.toml (see its README). These tests keep
them honest: the person's voice and the lawyer's say the same thing with the same gaps, every
gap is filled, every paragraph the code asks for exists, and no paragraph is dead.
"""

from __future__ import annotations

import copy
import json
import re
import string
from pathlib import Path

import pytest
import rdv_forms
from formsupport import PERSONAS, TODAY, persona
from rdv_forms import make, render
from rdv_forms.answers import DEMARCHE_TYPES, MOYENS_V1
from rdv_forms.answers import MOYENS as ALL_MOYENS
from rdv_forms.documents import wording
from rdv_forms.documents.model import Document, Paragraph, Text
from rdv_forms.documents.registry import NotProduced
from rdv_forms.documents.writing import MOTIFS_URGENCE, MOYENS
from rdv_forms.render import render_html, render_odt, render_text

DOCUMENTS = Path(rdv_forms.__file__).parent / "documents"
FORMATTER = string.Formatter()
# Filled by the code whatever the variant: the voice's own words, and the number of `un` /
# `plusieurs` (« une tentative » has no {n}, « 3 tentatives » does).
FILLED_BY_VARIANT = wording.VOICE_PLACEHOLDERS | {"n"}

PARAGRAPHS = [
    pytest.param(ref, variants, id=ref)
    for name in wording.files()
    for ref, variants in wording.paragraphs(name).items()
]


def placeholders(template: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (name, spec, conversion)
        for _literal, name, spec, conversion in FORMATTER.parse(template)
        if name is not None
    ]


@pytest.mark.parametrize(("ref", "variants"), PARAGRAPHS)
def test_every_variant_of_a_paragraph_has_the_same_gaps(ref, variants):
    """Change the person's sentence and forget the lawyer's: this fails."""
    gaps = {
        variant: {name for name, _, _ in placeholders(text)} - FILLED_BY_VARIANT
        for variant, text in variants.items()
    }
    first = next(iter(gaps.values()))
    assert all(names == first for names in gaps.values()), gaps


@pytest.mark.parametrize(("ref", "variants"), PARAGRAPHS)
def test_gaps_are_plain_names(ref, variants):
    """« {delai} », never « {} », « {0} », « {delai!r} » or « {delai:>3} »."""
    for variant, text in variants.items():
        for name, spec, conversion in placeholders(text):
            assert re.fullmatch(r"[A-Za-z_]+", name), (variant, name)
            assert not spec and not conversion, (variant, name)


@pytest.mark.parametrize(("ref", "variants"), PARAGRAPHS)
def test_the_person_never_names_themselves_in_the_third_person(ref, variants):
    for variant in ("je", "texte"):
        if variant in variants:
            used = {name for name, _, _ in placeholders(variants[variant])}
            assert not used & {"r", "R"}, variant


def answer_sets() -> list[tuple[str, dict | None]]:
    """Every persona, the blank model, both voices, every civilité, every démarche, every
    urgency reason, one attempt and many of each kind."""
    cases: list[tuple[str, dict | None]] = [("vierge", None)]
    lawyer = {"civilite": "", "nom": "ROUSSEAU", "prenom": "Claire", "barreau": "Paris"}
    for name in PERSONAS:
        data = persona(name)
        cases.append((name, data))
        for civilite in ("Mme", "M.", ""):
            changed = copy.deepcopy(data)
            changed["personne"]["civilite"] = civilite
            cases.append((f"{name}-civilite{civilite}", changed))
            changed = copy.deepcopy(changed)
            changed["avocat"] = {**lawyer, "civilite": civilite}
            cases.append((f"{name}-civilite{civilite}-avocat", changed))
    for demarche in DEMARCHE_TYPES:
        for name in ("exemple-renouvellement", "renouvellement-titre-expire"):
            changed = copy.deepcopy(persona(name))
            changed["demarche"]["type"] = demarche
            cases.append((f"{name}-{demarche}", changed))
            changed = copy.deepcopy(changed)
            changed["avocat"] = lawyer
            cases.append((f"{name}-{demarche}-avocat", changed))
    everything = copy.deepcopy(persona("renouvellement-titre-expire"))
    everything["urgence"]["motifs"] = list(MOTIFS_URGENCE)
    cases.append(("tous-les-motifs", everything))
    # One attempt of each kind, for the singular of every count.
    single = copy.deepcopy(persona("renouvellement-titre-expire"))
    seen: set[str] = set()
    single["tentatives"] = [
        t for t in single["tentatives"] if not (t["moyen"] in seen or seen.add(t["moyen"]))
    ]
    cases.append(("une-de-chaque", single))
    # Two attempts of each kind, each with its proof, and no witness: every plural.
    many = copy.deepcopy(persona("renouvellement-titre-expire"))
    many["temoin"] = None
    many["tentatives"] = [
        {"date": f"2026-10-{day:02d}", "moyen": moyen, "preuve": f"preuve-{moyen}-{day}.pdf"}
        for index, moyen in enumerate(MOYENS)
        for day in (5 + index, 19 + index)  # from a Monday: no visit on a Sunday
    ]
    cases.append(("deux-de-chaque", many))
    # A single attempt, and no delay asked for: the petition asks for the usual one.
    once = copy.deepcopy(persona("etudiant"))
    once["tentatives"] = once["tentatives"][:1]
    once["demandes"]["delai_jours"] = None
    cases.append(("une-seule", once))
    # Version 2's kinds of attempt (issue 17): the journal names each one.
    kinds = copy.deepcopy(persona("etudiant"))
    kinds["tentatives"] += [
        {"date": "2026-11-18", "moyen": moyen} for moyen in ALL_MOYENS if moyen not in MOYENS_V1
    ]
    cases.append(("moyens-version-2", kinds))
    cases.extend(channel_sets())
    cases.extend(order_and_delay_sets())
    return cases


def order_and_delay_sets() -> list[tuple[str, dict]]:
    """A counter visit with no place logged at a sous-préfecture; two registered letters (a
    reminder of both); a renewal started late under each channel's rule of R. 431-5, in both
    voices; an ANEF card already ended but applied for in time; every reason on ANEF; a change
    of status without the card requested."""
    cases = []
    counter = copy.deepcopy(persona("sous-prefecture-guichet-temoin"))
    for attempt in counter["tentatives"]:
        attempt.pop("lieu", None)
    counter["tentatives"] += [
        {"date": "2026-10-20", "moyen": "lrar"},
        {"date": "2026-11-03", "moyen": "lrar"},
    ]
    cases.append(("guichet-sans-lieu-deux-lettres", counter))
    # Registered letters kept, whose acknowledgements did not come back: one, then two.
    for count in (1, 2):
        unanswered = copy.deepcopy(persona("sous-prefecture-guichet-temoin"))
        unanswered["tentatives"] += [
            {"date": day, "moyen": "lrar", "preuve": "l.pdf", "accuse_reception": "non"}
            for day in ("2026-10-20", "2026-11-03")[:count]
        ]
        cases.append((f"lettres-sans-avis-{count}", unanswered))
    lawyer = {"civilite": "M.", "nom": "ROUSSEAU", "prenom": "Paul", "barreau": "Bordeaux"}
    for canal in ("anef", "rdv_prefecture", "inconnu"):
        for voice in ("je", "tiers"):
            late = copy.deepcopy(persona("renouvellement-tardif-anef"))
            late["demarche"]["canal"] = canal
            late["demarche"]["expiration_titre"] = "2026-10-01"
            late["tentatives"] = [
                {"date": t["date"], "moyen": "internet" if canal != "anef" else t["moyen"]}
                for t in late["tentatives"]
                if canal == "anef" or t["moyen"] == "anef"
            ]
            if voice == "tiers":
                late["avocat"] = lawyer
            cases.append((f"tardif-{canal}-{voice}", late))
    for voice in ("je", "tiers"):
        ended = copy.deepcopy(persona("anef-renouvellement-prefete"))
        ended["demarche"]["expiration_titre"] = "2026-11-15"
        ended["tentatives"].insert(0, {"date": "2026-09-01", "moyen": "anef", "preuve": "a.png"})
        ended["urgence"]["motifs"] = list(MOTIFS_URGENCE)
        if voice == "tiers":
            ended["avocat"] = lawyer
        cases.append((f"anef-expire-dans-les-delais-{voice}", ended))
        change = copy.deepcopy(persona("changement-statut-etudiant-salarie"))
        change["demarche"]["titre"] = ""
        if voice == "tiers":
            change["avocat"] = lawyer
        cases.append((f"changement-sans-titre-demande-{voice}", change))
    return cases


def channel_sets() -> list[tuple[str, dict]]:
    """Each channel (issue 17) in both voices, with its own attempts (one and several), a help
    step not taken, a prior decision with counsel, and amounts asked or left to the judge."""
    lawyer = {"civilite": "Mme", "nom": "ROUSSEAU", "prenom": "Claire", "barreau": "Paris"}
    own = {
        "anef": [
            {"date": "2026-10-05", "moyen": "anef", "preuve": "a.png", "message_erreur": "Erreur"},
            {"date": "2026-10-14", "moyen": "anef", "preuve": "b.png", "message_erreur": "Autre"},
            {"date": "2026-10-22", "moyen": "ccc", "reference": "T-1", "preuve": "c.pdf"},
        ],
        "demande_en_ligne": [
            {"date": "2026-09-01", "moyen": "demande_en_ligne", "accuse_reception": "oui",
             "reference": "DS-1", "preuve": "d.pdf"},
            {"date": "2026-10-01", "moyen": "relance_en_ligne", "preuve": "r.pdf"},
            {"date": "2026-10-08", "moyen": "relance_en_ligne", "preuve": "s.pdf"},
        ],
        "single": [
            {"date": "2026-10-05", "moyen": "anef", "preuve": "a.png"},
            {"date": "2026-10-06", "moyen": "ccc"},
            {"date": "2026-10-07", "moyen": "pan", "lieu": "Préfecture", "preuve": "p.pdf"},
            {"date": "2026-10-08", "moyen": "demande_en_ligne"},
            {"date": "2026-10-09", "moyen": "relance_en_ligne", "preuve": "r.pdf"},
            {"date": "2026-10-12", "moyen": "pan"},
        ],
    }  # fmt: skip
    cases = []
    for canal in ("rdv_prefecture", "anef", "demande_en_ligne", "inconnu"):
        for voice in ("je", "tiers"):
            data = copy.deepcopy(persona("renouvellement-titre-expire"))
            data["version"] = 2
            data["demarche"]["canal"] = canal
            data["demandes"]["astreinte_euros_par_jour"] = None
            data["demandes"]["frais_l761_1_euros"] = 40
            if canal in own:
                data["tentatives"] += own[canal]
            if voice == "tiers":
                data["avocat"] = lawyer
                data["anef"] = {"sans_pan": "Aucun point d’accueil ne donne de rendez-vous."}
                data["decision_anterieure"] = {"existe": "oui", "mesures": ["oqtf"]}
            cases.append((f"canal-{canal}-{voice}", data))
            changed = copy.deepcopy(data)
            changed["anef"] = {"sans_ccc": "Ligne saturée.", "sans_pan": "Trop loin."}
            changed["tentatives"] = own["single"]
            changed["decision_anterieure"] = {"existe": "ne_sait_pas"}
            changed["association"] = {"nom": "La Cimade"}
            cases.append((f"canal-{canal}-{voice}-un-de-chaque", changed))
            # No help step taken, each said why; two online requests with their references; a
            # decision whose kind is not given; a request that is not a residence permit.
            other = copy.deepcopy(data)
            other["anef"] = {"sans_ccc": "Ligne saturée.", "sans_pan": "Trop loin."}
            other["tentatives"] = [
                {"date": "2026-10-05", "moyen": "anef"},
                {"date": "2026-10-06", "moyen": "demande_en_ligne", "reference": "A-1"},
                {"date": "2026-10-13", "moyen": "demande_en_ligne", "reference": "A-2"},
            ]
            other["decision_anterieure"] = {"existe": "oui"}
            other["association"] = {"nom": "La Cimade"}
            cases.append((f"canal-{canal}-{voice}-sans-aide", other))
            permit = copy.deepcopy(data)
            permit["demarche"]["type"] = "dcem"
            permit["decision_anterieure"] = {"existe": "oui", "mesures": ["interdiction_retour"]}
            permit["association"] = {"nom": "La Cimade"}
            cases.append((f"canal-{canal}-{voice}-dcem", permit))
    return cases


@pytest.fixture(scope="module")
def made(request) -> tuple[list[tuple[str, str, Document]], set[tuple[str, str]]]:
    """Every document of every answer set, and every (paragraph, variant) looked up."""
    used: set[tuple[str, str]] = set()
    lookup = wording.template

    def recording(ref: str, variant: str) -> str:
        variants = wording.entry(ref)
        used.add((ref, variant if variant in variants else "texte"))
        return lookup(ref, variant)

    patch = pytest.MonkeyPatch()
    patch.setattr(wording, "template", recording)
    documents = []
    try:
        for name, data in answer_sets():
            for kind in rdv_forms.KINDS:
                try:
                    document = make(kind, data, blank=data is None, today=TODAY)
                except NotProduced:
                    continue
                documents.append((name, kind, document))
    finally:
        patch.undo()
    return documents, used


def test_every_answer_set_makes_documents(made):
    documents, _used = made
    assert {kind for _, kind, _ in documents} == set(rdv_forms.KINDS)
    assert len(documents) > 500


def test_every_gap_is_filled_in_every_document(made):
    documents, _used = made
    for name, kind, document in documents:
        for fmt in ("text", "html"):
            output = render(document, fmt)
            assert not re.search(r"\{[A-Za-z_]*\}", output), (name, kind, fmt)


def test_every_paragraph_and_variant_in_the_files_is_used(made):
    _documents, used = made
    declared = {
        (ref, variant)
        for name in wording.files()
        for ref, variants in wording.paragraphs(name).items()
        for variant in variants
    }
    assert declared - used == set()


# Paragraph names written in the code: "refere.demande", f"refere.faits.moyens.{key}".
REFERENCE = re.compile(r"""f?["']((?:%s)\.[a-z0-9_.]*(?:\{[^}]*\}[a-z0-9_.]*)*)["']""")


def code_references() -> list[tuple[str, str]]:
    pattern = re.compile(REFERENCE.pattern % "|".join(wording.files()))
    return [
        (path.name, match.group(1))
        for path in sorted(DOCUMENTS.glob("*.py"))
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]


# The wheel the browser runs holds bytecode only: these read the sources, on the host.
@pytest.mark.host_only
def test_the_code_names_paragraphs():
    assert len(code_references()) > 100


@pytest.mark.host_only
@pytest.mark.parametrize(("module", "ref"), code_references())
def test_every_paragraph_the_code_asks_for_exists(module, ref):
    """Also in branches no persona reaches; f-strings: the group before the braces exists."""
    fixed = ref.split("{")[0].rstrip(".")
    if "{" in ref:
        name, _, path = fixed.partition(".")
        node = wording.load(name)
        for part in filter(None, path.split(".")):
            assert part in node, (module, ref)
            node = node[part]
    else:
        assert wording.entry(ref)


def test_a_gap_the_code_does_not_fill_is_an_error(monkeypatch):
    lookup = wording.template

    def edited(ref: str, variant: str) -> str:
        if ref == "refere.utilite.injonction":
            return "Il est donc indispensable de {inconnu}."
        return lookup(ref, variant)

    monkeypatch.setattr(wording, "template", edited)
    data = persona("etudiant")
    data["demarche"]["canal"] = "rdv_prefecture"  # the paragraph of the booking website
    with pytest.raises(wording.WordingError, match=r"refere\.utilite\.injonction.*inconnu"):
        make("refere", data, today=TODAY)


@pytest.mark.parametrize(
    ("ref", "variant", "message"),
    [
        ("refere.absent", "je", r"no paragraph \[absent\] in refere\.toml"),
        ("refere.faits", "je", r"\[faits\] in refere\.toml is a group"),
        ("refere.demande.anef", "feminin", r"no variant 'feminin'"),
        ("absent.demande", "je", r"no wording file absent\.toml"),
    ],
)
def test_a_paragraph_that_is_not_there_is_an_error(ref, variant, message):
    with pytest.raises(wording.WordingError, match=message):
        wording.template(ref, variant)


def test_the_voice_follows_the_lawyer():
    data = persona("premiere-demande-promesse-embauche")
    text = render(make("refere", data, today=TODAY), "text")
    assert "M. EL AMRANI a l’honneur" in text
    data["avocat"] = None
    assert "J’ai l’honneur" in render(make("refere", data, today=TODAY), "text")


def test_a_sentence_edited_in_the_wording_file_shows_in_the_document(monkeypatch):
    load = wording.load
    edited = copy.deepcopy(load("refere"))
    edited["faits"]["sans_reponse"]["je"] = "Phrase modifiée par la juriste."
    monkeypatch.setattr(wording, "load", lambda name: edited if name == "refere" else load(name))
    data = persona("etudiant")
    data["demarche"]["canal"] = "rdv_prefecture"  # [faits.sans_reponse] is this channel's
    text = render(make("refere", data, today=TODAY), "text")
    assert "Phrase modifiée par la juriste." in text
    assert "Ces démarches sont restées vaines" not in text


class Unknown:
    """A block no renderer knows."""


@pytest.mark.parametrize("renderer", [render_text, render_html, render_odt])
def test_every_renderer_refuses_an_unknown_block(renderer):
    document = Document("email", "Titre", "x", (Paragraph((Text("a"),)), Unknown()))
    with pytest.raises(TypeError, match="unknown block Unknown"):
        renderer(document)


def test_headers_need_their_names():
    document = Document("email", "Titre", "x", (), subject=(Text("Objet"),))
    with pytest.raises(ValueError, match="header without its name"):
        render_text(document)


def test_the_wheels_compiled_wording_is_read_like_the_source(tmp_path, monkeypatch):
    """The wheel ships wording/*.json (forms/setup.py), read without tomllib."""
    source = wording.load("refere")
    (tmp_path / "refere.json").write_text(json.dumps(source, ensure_ascii=False), "utf-8")
    monkeypatch.setattr(wording, "FOLDER", tmp_path)
    wording.load.cache_clear()
    try:
        assert wording.files() == ("refere",)
        assert wording.load("refere") == source
        with pytest.raises(wording.WordingError, match=r"no wording file commun\.toml"):
            wording.load("commun")
    finally:
        wording.load.cache_clear()
