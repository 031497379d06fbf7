"""Hostile and broken input (issue 21): every request gets a JSON reply, never an internal error.

A bounded fuzz of `api.handle`, then each reproduction of the issue as a table row: what was
sent and the error id it must now get. Echoed input comes back cleaned and short; right-to-left
answers are isolated in the subject, the mailto and the formula of address; the person's own
text is left out of French typography; the command line refuses huge files and asks before
overwriting.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from datetime import date
from urllib.parse import unquote

import pytest
import rdv_forms
from formsupport import EXAMPLE, ROOT, TODAY, persona
from rdv_forms import api, french
from rdv_forms.answers import FIELD_SPECS, MAX_ERRORS, MAX_SOURCE_BYTES
from rdv_forms.i18n import LANGUAGES, echo
from rdv_forms.render.mailto import mailto_url

DAY = TODAY.isoformat()
INTERNAL = "erreur_interne"

# ---------------------------------------------------------------------------------------
# Fuzz: a seeded generator, thousands of requests (Hypothesis: test_forms_hardening_properties.py)

FIELD_PATHS = sorted(FIELD_SPECS)


def _assert_reply(reply: str) -> dict:
    reply.encode("utf-8")  # no lone surrogate reached the reply
    data = json.loads(reply)
    assert isinstance(data, dict) and isinstance(data["ok"], bool)
    assert INTERNAL not in {error["id"] for error in data.get("errors", [])}, data["errors"]
    assert "Erreur interne" not in reply
    return data


HOSTILE_STRINGS = [
    "",
    "check",
    "email",
    "text",
    "2026-11-22",
    "9999-12-31",
    "0001-01-01",
    "a,b@c.fr",
    "\ud800",
    "\u202e<script>x</script>",
    "\x00",
    "x" * 5000,
    "محمد",
    "24:99",
    "2A",
    "NaN",
]


def _hostile_value(rng: random.Random, depth: int = 0):
    roll = rng.random()
    if roll < 0.35:
        return rng.choice(HOSTILE_STRINGS)
    if roll < 0.5:
        return rng.choice([0, -1, 1, 90, 10**9, 10**30, -(10**30), 2**63, 1.5, 1e308, -0.0])
    if roll < 0.6:
        return rng.choice([None, True, False])
    if roll < 0.8 and depth < 3:
        return [_hostile_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    if depth < 3:
        return {rng.choice(HOSTILE_STRINGS + FIELD_PATHS): _hostile_value(rng, depth + 1)}
    return rng.choice(HOSTILE_STRINGS)


def _set(data: dict, path: str, value) -> None:
    *parents, last = path.split(".")
    for name in parents:
        child = data.get(name)
        if not isinstance(child, dict):
            child = data[name] = {}
        data = child
    data[last] = value


def _mutated_request(rng: random.Random, base: dict) -> dict:
    """The example's answers with a few fields replaced, in a request with a few bad keys."""
    answers = json.loads(json.dumps(base))
    for _ in range(rng.randrange(1, 4)):
        _set(answers, rng.choice(FIELD_PATHS), _hostile_value(rng))
    request = {
        "action": rng.choice(["check", "check", "generate", "kinds", _hostile_value(rng)]),
        "answers": answers if rng.random() < 0.9 else _hostile_value(rng),
        "today": rng.choice([DAY, DAY, DAY, _hostile_value(rng)]),
    }
    for key, good in (("kind", "email"), ("formats", ["text"]), ("lang", "ar"), ("blank", False)):
        if rng.random() < 0.5:
            request[key] = good if rng.random() < 0.6 else _hostile_value(rng)
    return request


FUZZ_CASES = 2000


def test_thousands_of_mutated_requests_get_a_json_reply():
    """A seeded generator: the same 2,000 requests every run, a few seconds in all."""
    rng = random.Random(21)
    base = json.loads(EXAMPLE.read_text("utf-8"))
    outcomes = {True: 0, False: 0}
    for _ in range(FUZZ_CASES):
        reply = _assert_reply(api.handle(json.dumps(_mutated_request(rng, base))))
        outcomes[reply["ok"]] += 1
    # Both sides reached: requests that went through, and requests that were refused.
    assert outcomes[True] > FUZZ_CASES // 10 and outcomes[False] > FUZZ_CASES // 10


# ---------------------------------------------------------------------------------------
# The reproductions of the issue


def _generate(kind: str, answers: dict, **extra) -> dict:
    request = {"action": "generate", "kind": kind, "answers": answers, "today": DAY, **extra}
    return _assert_reply(api.handle(json.dumps(request)))


def _ids(reply: dict) -> list[str]:
    return [error["id"] for error in reply["errors"]]


HUGE = "9" * 5000  # an integer of 5,000 digits: past Python's 4,300-digit conversion limit
REQUESTS = [
    ('{"action": ["check"]}', "action_inconnue"),
    ('{"action": {"check": 1}}', "action_inconnue"),
    ('{"action": "generate", "kind": ["email"]}', "type_inconnu"),
    ('{"action": "generate", "kind": {"a": 1}}', "type_inconnu"),
    ('{"action": "generate", "kind": "email", "formats": [["text"]]}', "format_inconnu"),
    ('{"action": "generate", "kind": "email", "formats": {"text": 1}}', "format_inconnu"),
    ('{"action": "check", "today": ["2026-11-22"]}', "date_invalide"),
    ('{"action": "check", "answers": []}', "reponses_manquantes"),
    (
        '{"action": "check", "answers": {"version": 1, "demandes": {"delai_jours": ' + HUGE + "}}}",
        "requete_invalide",
    ),
    ("[" * 100_000, "requete_invalide"),
    ('{"action": "check", "pad": "' + "x" * 2_200_000 + '"}', "requete_trop_grosse"),
]


@pytest.mark.parametrize(("request_json", "error_id"), REQUESTS, ids=range(len(REQUESTS)))
def test_malformed_requests_get_a_specific_error(request_json, error_id):
    reply = _assert_reply(api.handle(request_json))
    assert reply["ok"] is False
    assert _ids(reply) == [error_id]


def _answers(**changes) -> dict:
    data = json.loads(EXAMPLE.read_text("utf-8"))
    for path, value in changes.items():
        target = data
        *parents, last = path.split(".")
        for name in parents:
            target = target[name]
        target[last] = value
    return data


BAD_ANSWERS = [
    ({"signature.date": "9999-12-31"}, "signature.date", "date_trop_lointaine"),
    ({"signature.date": "2027-01-30"}, "signature.date", "date_trop_lointaine"),
    (
        {"tentatives": [{"date": "0001-01-01", "moyen": "internet"}]},
        "tentatives[0].date",
        "date_trop_ancienne",
    ),
    (
        {"tentatives": [{"date": "2014-12-31", "moyen": "internet"}]},
        "tentatives[0].date",
        "date_trop_ancienne",
    ),
    ({"personne.courriel": "a,b@c.fr"}, "personne.courriel", "plusieurs_courriels"),
    ({"personne.courriel": "a@b.fr; c@d.fr"}, "personne.courriel", "plusieurs_courriels"),
    (
        {"prefecture.courriel_service_etrangers": "a,b@c.fr"},
        "prefecture.courriel_service_etrangers",
        "plusieurs_courriels",
    ),
    ({"personne.courriel": "<a@b.fr>"}, "personne.courriel", "courriel_invalide"),
    ({"urgence.motifs": ["emploi"] * 1_000_000}, "urgence.motifs", "trop_de_choix"),
    ({"demandes.delai_jours": 10**5000}, "demandes.delai_jours", "nombre_hors_limites"),
    ({"demandes.delai_jours": -(10**5000)}, "demandes.delai_jours", "nombre_hors_limites"),
    ({"demandes.delai_jours": 1e308}, "demandes.delai_jours", "nombre_hors_limites"),
]


@pytest.mark.parametrize(("changes", "path", "error_id"), BAD_ANSWERS, ids=range(len(BAD_ANSWERS)))
def test_implausible_answers_are_refused_and_validate_never_raises(changes, path, error_id):
    errors = rdv_forms.validate(_answers(**changes), today=TODAY)
    assert [(error.path, error.msgid) for error in errors] == [(path, error_id)]
    for lang in LANGUAGES:
        assert errors[0].localized(lang)


GOOD_DATES = [
    ("signature.date", "2026-12-23"),  # today + 31 days: a letter prepared to sign soon
    ("signature.date", DAY),
    ("tentatives", [{"date": "2015-01-01", "moyen": "internet"}]),
]


@pytest.mark.parametrize(("path", "value"), GOOD_DATES)
def test_plausible_dates_are_kept(path, value):
    assert rdv_forms.validate(_answers(**{path: value}), today=TODAY) == []


def test_validate_never_raises_on_a_huge_integer_in_json_text():
    source = '{"version": 1, "demandes": {"delai_jours": ' + HUGE + "}}"
    assert [error.msgid for error in rdv_forms.validate(source, today=TODAY)] == ["json_invalide"]


def test_a_file_over_the_size_limit_is_refused_without_being_read():
    source = b'{"version": 1, "x": "' + b"x" * MAX_SOURCE_BYTES + b'"}'
    assert [e.msgid for e in rdv_forms.validate(source, today=TODAY)] == ["fichier_trop_gros"]


def test_the_number_of_errors_is_capped():
    answers = {"version": 1, **{f"inconnu{index}": 1 for index in range(10_000)}}
    errors = rdv_forms.validate(answers, today=TODAY)
    assert len(errors) == MAX_ERRORS + 1
    assert errors[-1].msgid == "trop_d_erreurs"


HOSTILE_KEY = "\ud800\u202e<b>x</b>\x00" * 30
ECHOES = [
    ({"action": HOSTILE_KEY}, "action"),
    ({"action": "generate", "kind": HOSTILE_KEY}, "kind"),
    ({"action": "generate", "kind": "email", "formats": [HOSTILE_KEY]}, "formats"),
    ({"action": "check", "today": HOSTILE_KEY}, "today"),
    ({"action": "check", "answers": {"version": 1, HOSTILE_KEY: 1}}, None),
    ({"action": "check", "answers": {"version": 1, "demarche": {"type": HOSTILE_KEY}}}, None),
    ({"action": "check", "answers": {"version": 1, "urgence": {"motifs": [HOSTILE_KEY]}}}, None),
]


@pytest.mark.parametrize(("request_data", "path"), ECHOES, ids=range(len(ECHOES)))
def test_echoed_input_is_cleaned_and_shortened(request_data, path):
    reply = _assert_reply(api.handle(json.dumps(request_data)))
    (error,) = reply["errors"]
    if path is not None:
        assert error["path"] == path
    for text in (error["message"], error["path"]):
        assert not any(char in text for char in "\ud800\u202e\x00")
        assert "<b>x</b>" * 6 not in text
    assert len(error["message"]) < 300


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("abc", "abc"),
        ("a\u202eb\u2066c\u200bd\x00e\ud800f\ufeffg", "a?b?c?d?e?f?g"),
        ("é" * 50, "é" * 40 + "…"),
        (["check"], "[…]"),
        ({"a": 1}, "{…}"),
        (None, "null"),
        (True, "true"),
        (12, "12"),
        (10**5000, "…"),
        (1.5, "1.5"),
    ],
    ids=range(10),
)
def test_echo(value, shown):
    assert echo(value) == shown


# ---------------------------------------------------------------------------------------
# Right-to-left answers and French typography

FSI, PDI = "\u2068", "\u2069"
# Since issue 17 a name in Arabic script is refused (French documents: the Latin spelling of
# the passport is asked for); what the person typed is still isolated, whatever its direction.
RTL_NAME = {"personne.prenom": "محمد", "personne.nom": "المغربي"}
LATIN_NAME = {"personne.prenom": "Mohammed", "personne.nom": "EL MAGHRIBI"}
RTL_FORMULE = "Monsieur le Préfet (ت)"
LATIN_FORMULE = "Monsieur le Préfet de région"


def test_the_subject_and_the_mailto_isolate_the_name():
    reply = _generate("email", _answers(**LATIN_NAME), formats=["text"])
    assert "Mohammed EL MAGHRIBI" in reply["subject"]
    assert f"subject={reply['subject']}" in unquote(reply["mailto"])


@pytest.mark.parametrize("changes", [RTL_NAME, {"prefecture.formule": RTL_FORMULE}])
def test_arabic_script_never_reaches_a_french_document(changes):
    reply = api.handle(
        json.dumps(
            {"action": "generate", "kind": "email", "answers": _answers(**changes), "today": DAY}
        )
    )
    assert set(_ids(json.loads(reply))) == {"ecriture_non_latine"}


@pytest.mark.parametrize("kind", ["email", "lettre"])
def test_the_formula_of_address_is_isolated(kind):
    reply = _generate(
        kind, _answers(**{"prefecture.formule": LATIN_FORMULE}), formats=["text", "html"]
    )
    assert f"{LATIN_FORMULE}," in reply["text"]  # text isolates right-to-left values only
    assert f"agréer, {LATIN_FORMULE}, l’expression" in reply["text"]
    assert f'<bdi class="rdv-value">{LATIN_FORMULE}</bdi>,' in reply["html"]


# Typed by the person: French typography must not turn its « : » or its ' into anything else.
PLAIN = "Zq : y ; w ! « v » n° 5 € l'x"


@pytest.mark.parametrize("kind", rdv_forms.KINDS)
def test_the_person_s_text_is_left_out_of_french_typography(kind):
    changes = {
        "prefecture.formule": PLAIN,
        "demarche.titre": PLAIN,
        "urgence.details": PLAIN,
        "signature.lieu": PLAIN,
        "personne.lieu_naissance": PLAIN,
    }
    reply = _generate(kind, _answers(**changes), formats=["text"])
    assert french.typographie(PLAIN) != PLAIN
    assert french.typographie(PLAIN) not in reply["text"]


# ---------------------------------------------------------------------------------------
# The command line


def run(*arguments, stdin=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "forms")}
    return subprocess.run(
        [sys.executable, "-m", "rdv_forms", *arguments],
        capture_output=True,
        text=True,
        env=env,
        stdin=stdin,
        timeout=60,
    )


@pytest.mark.host_only
@pytest.mark.parametrize("source", ["/dev/zero", "big"])
def test_the_cli_refuses_answers_over_the_size_limit(tmp_path, source):
    if source == "big":
        source = tmp_path / "big.json"
        source.write_bytes(b" " * (MAX_SOURCE_BYTES + 1))
    result = run("check", "--answers", str(source), "--today", DAY)
    assert result.returncode == 2
    assert "dépasse 2 000 000 octets" in result.stderr.replace("\u202f", " ")
    assert "Traceback" not in result.stderr


@pytest.mark.host_only
def test_the_cli_does_not_overwrite_without_force(tmp_path):
    output = tmp_path / "lettre.txt"
    output.write_text("déjà là")
    arguments = ("lettre", "--blank", "--output", str(output))
    refused = run(*arguments, stdin=subprocess.DEVNULL)
    assert refused.returncode == 2
    assert "--force" in refused.stderr
    assert output.read_text() == "déjà là"
    forced = run(*arguments, "--force", stdin=subprocess.DEVNULL)
    assert forced.returncode == 0
    assert output.read_text() != "déjà là"


@pytest.mark.host_only
def test_the_cli_refusal_is_translated(tmp_path):
    output = tmp_path / "lettre.txt"
    output.write_text("x")
    result = run("lettre", "--blank", "--output", str(output), "--lang", "en")
    assert "already exists and was not replaced" in result.stderr


def test_the_example_is_still_valid():
    assert rdv_forms.validate(persona("etudiant"), today=TODAY) == []
    assert rdv_forms.validate(_answers(), today=date(2026, 11, 22)) == []


@pytest.mark.parametrize(
    ("to", "recipient"),
    [("p@interieur.gouv.fr", "p@interieur.gouv.fr"), ("a,b@c.fr", ""), ("a@b.fr; c@d.fr", "")],
)
def test_a_mailto_never_has_two_recipients(to, recipient):
    assert mailto_url(to, "Objet", "Texte").startswith(f"mailto:{recipient}?subject=")
