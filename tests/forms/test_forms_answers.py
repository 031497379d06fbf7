"""The answers contract: loading, validation, input safety and the shipped JSON Schema."""

import json
import re
from pathlib import Path

import pytest
import rdv_forms
from formsupport import EXAMPLE, PERSONAS, TODAY, persona
from rdv_forms import answers as A

SCHEMA_PATH = Path(A.__file__).parent / "schema" / A.SCHEMA_NAME
SCHEMA_V1_PATH = Path(A.__file__).parent / "schema" / "answers-v1.schema.json"


def errors_of(data) -> list[tuple[str, str]]:
    return [(error.path, error.msgid) for error in rdv_forms.validate(data, today=TODAY)]


def test_the_shared_example_loads_and_validates_as_it_is():
    answers = rdv_forms.load_answers(EXAMPLE.read_text(encoding="utf-8"), today=TODAY)
    assert answers.personne.nom == "DIALLO"
    assert answers.departement == "93"
    assert len(answers.tentatives) == 8
    assert answers.to_dict()["tentatives"][0] == {
        "date": "2026-10-05",
        "heure": "08:55",
        "moyen": "internet",
        "resultat": "Aucun créneau disponible",
        "preuve": "capture_2026-10-05.png",
        # Version 2's fields of other kinds of attempt, empty.
        "message_erreur": "",
        "reference": "",
        "lieu": "",
        "avec_temoin": "",
        "accuse_reception": "",
    }


@pytest.mark.parametrize("name", list(PERSONAS))
def test_every_persona_is_valid(name):
    assert errors_of(persona(name)) == []


def test_answers_round_trip_through_json():
    answers = rdv_forms.load_answers(persona("etudiant"), today=TODAY)
    again = rdv_forms.load_answers(json.dumps(answers.to_dict()), today=TODAY)
    assert again == answers


BAD = [
    ({"version": 3}, [("version", "version_inconnue")]),
    ({}, [("version", "champ_obligatoire")]),
    ({"version": 1, "nom": "X"}, [("nom", "champ_inconnu")]),
    ({"version": 1, "personne": []}, [("personne", "objet_attendu")]),
    ({"version": 1, "personne": {"nom": 12}}, [("personne.nom", "texte_attendu")]),
    (
        {"version": 1, "personne": {"civilite": "Madame"}},
        [("personne.civilite", "valeur_inconnue")],
    ),
    (
        {"version": 1, "personne": {"courriel": "nobody"}},
        [("personne.courriel", "courriel_invalide")],
    ),
    (
        {"version": 1, "personne": {"date_naissance": "14/03/1988"}},
        [("personne.date_naissance", "date_invalide")],
    ),
    (
        {"version": 1, "personne": {"date_naissance": "2026-02-29"}},
        [("personne.date_naissance", "date_inexistante")],
    ),
    (
        {"version": 1, "personne": {"date_naissance": "2027-01-01"}},
        [("personne.date_naissance", "date_non_passee")],
    ),
    ({"version": 1, "departement": "20"}, [("departement", "departement_inconnu")]),
    ({"version": 1, "demarche": {"type": "visa"}}, [("demarche.type", "valeur_inconnue")]),
    ({"version": 1, "tentatives": {}}, [("tentatives", "liste_attendue")]),
    (
        {"version": 1, "tentatives": [{"moyen": "internet"}]},
        [("tentatives[0].date", "champ_obligatoire")],
    ),
    (
        {"version": 1, "tentatives": [{"date": "2026-11-23", "moyen": "internet"}]},
        [("tentatives[0].date", "tentative_future")],
    ),
    (
        {
            "version": 1,
            "tentatives": [{"date": "2026-11-01", "heure": "25:00", "moyen": "internet"}],
        },
        [("tentatives[0].heure", "heure_invalide")],
    ),
    (
        {"version": 1, "tentatives": [{"date": "2026-11-01", "moyen": "fax"}]},
        [("tentatives[0].moyen", "valeur_inconnue")],
    ),
    (
        {"version": 1, "urgence": {"motifs": ["emploi", "emploi"]}},
        [("urgence.motifs[1]", "motif_en_double")],
    ),
    (
        {"version": 1, "urgence": {"motifs": ["loisirs"]}},
        [("urgence.motifs[0]", "valeur_inconnue")],
    ),
    (
        {"version": 1, "demandes": {"delai_jours": 0}},
        [("demandes.delai_jours", "nombre_hors_limites")],
    ),
    (
        {"version": 1, "demandes": {"delai_jours": "15"}},
        [("demandes.delai_jours", "entier_attendu")],
    ),
    (
        {"version": 1, "demandes": {"astreinte_euros_par_jour": True}},
        [("demandes.astreinte_euros_par_jour", "entier_attendu")],
    ),
]


@pytest.mark.parametrize(("data", "expected"), BAD)
def test_invalid_answers_give_the_path_and_a_stable_id(data, expected):
    assert errors_of(data) == expected


def test_every_error_message_says_what_to_do_in_french_and_in_english():
    for data, _ in BAD:
        for error in rdv_forms.validate(data, today=TODAY):
            french, english = error.localized("fr"), error.localized("en")
            assert " : " in french.replace("\u00a0", " ") and ": " in english
            assert french != english


def test_invalid_json_is_reported_with_its_line():
    (error,) = rdv_forms.validate('{"version": 1,\n "personne": }', today=TODAY)
    assert (error.path, error.msgid) == ("", "json_invalide")
    assert "ligne 2" in error.message
    assert rdv_forms.validate(b"\xff\xfe", today=TODAY)[0].msgid == "json_invalide"
    assert rdv_forms.validate("[" * 100_000, today=TODAY)[0].msgid == "json_invalide"


@pytest.mark.parametrize(
    ("code", "expected"), [("93", "93"), (" 1", "01"), ("1", "01"), ("2a", "2A"), ("971", "971")]
)
def test_departement_codes_are_normalised(code, expected):
    answers = rdv_forms.load_answers({"version": 1, "departement": code}, today=TODAY)
    assert answers.departement == expected


@pytest.mark.parametrize(
    "char", ["\u202a", "\u202e", "\u2066", "\u2069", "\u200b", "\u200d", "\u2060", "\ufeff"]
)
def test_invisible_characters_are_refused_in_names(char):
    assert errors_of({"version": 1, "personne": {"nom": f"DIAL{char}LO"}}) == [
        ("personne.nom", "caractere_interdit")
    ]


@pytest.mark.parametrize("char", ["\u202e", "\x00", "\x1b", "\x85", "\ud800", "\ufffe"])
def test_control_characters_are_refused_everywhere(char):
    assert errors_of({"version": 1, "urgence": {"details": f"a{char}b"}}) == [
        ("urgence.details", "caractere_interdit")
    ]


@pytest.mark.parametrize(
    "name",
    ["Nguyễn", "Ólafsdóttir", "Øster-Ålund", "N’Diaye", "Şükrü", "Łukasz", "Ağça", "Țurcanu"],
)
def test_real_names_in_latin_script_pass(name):
    assert errors_of({"version": 1, "personne": {"nom": name, "prenom": name}}) == []


def test_text_is_normalised_to_nfc_and_trimmed():
    answers = rdv_forms.load_answers(
        {"version": 1, "personne": {"nom": "  Bou\u0308le  "}, "urgence": {"details": "a\r\nb"}},
        today=TODAY,
    )
    assert answers.personne.nom == "Boüle"
    assert answers.urgence.details == "a\nb"


def test_line_breaks_only_in_multi_line_fields():
    assert errors_of({"version": 1, "personne": {"nom": "A\nB"}}) == [
        ("personne.nom", "caractere_interdit")
    ]
    assert errors_of({"version": 1, "personne": {"adresse": "1 rue X\n75001 Paris"}}) == []


def test_maximum_lengths_are_enforced_and_exposed_for_the_form():
    assert A.MAX_LENGTHS["personne.nom"] == 80
    assert A.MAX_LENGTHS["urgence.details"] == 3000
    assert errors_of({"version": 1, "personne": {"nom": "X" * 81}}) == [
        ("personne.nom", "texte_trop_long")
    ]
    assert errors_of({"version": 1, "personne": {"nom": "X" * 80}}) == []


def test_at_most_200_attempts():
    attempt = {"date": "2026-11-02", "moyen": "internet"}
    assert errors_of({"version": 1, "tentatives": [attempt] * 200}) == []
    assert errors_of({"version": 1, "tentatives": [attempt] * 201}) == [
        ("tentatives", "trop_de_tentatives")
    ]


def test_parse_keeps_going_and_leaves_bad_values_blank():
    answers, errors = A.parse(
        {"version": 1, "personne": {"nom": "DIALLO", "courriel": "x"}}, today=TODAY
    )
    assert answers.personne.nom == "DIALLO" and answers.personne.courriel == ""
    assert [e.msgid for e in errors] == ["courriel_invalide"]


# The shipped JSON Schema -------------------------------------------------------------------


# The JSON Schemas are generated for the command line and for people; the browser's wheel
# leaves them out (plugins/pyodide_forms, browser_exclude), so they are checked on the host.
schema_file = pytest.mark.host_only


def _schema_paths(schema: dict, node: dict, prefix: str = "") -> set[str]:
    paths = set()
    for name, prop in node["properties"].items():
        path = f"{prefix}{name}"
        paths.add(path)
        ref = (
            prop.get("$ref")
            or next((option["$ref"] for option in prop.get("anyOf", []) if "$ref" in option), None)
            or prop.get("items", {}).get("$ref")
        )
        if ref:
            paths |= _schema_paths(schema, schema["$defs"][ref.split("/")[-1]], path + ".")
    return paths


@schema_file
def test_the_schema_and_validate_know_the_same_fields():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert _schema_paths(schema, schema) == set(A.FIELD_SPECS)


def _conforms(schema: dict, node: dict, value) -> bool:
    """A tiny validator for the keywords our schema uses (jsonschema is not installed)."""
    if "$ref" in node:
        return _conforms(schema, schema["$defs"][node["$ref"].split("/")[-1]], value)
    if "anyOf" in node:
        return any(_conforms(schema, option, value) for option in node["anyOf"])
    if "enum" in node and value not in node["enum"]:
        return False
    types = node.get("type")
    if types is not None:
        types = [types] if isinstance(types, str) else types
        kinds = {"string": str, "integer": int, "array": list, "object": dict, "null": type(None)}
        if not any(isinstance(value, kinds[t]) and not isinstance(value, bool) for t in types):
            return False
    if isinstance(value, str):
        if "maxLength" in node and len(value) > node["maxLength"]:
            return False
        if "pattern" in node and not re.search(node["pattern"], value):
            return False
    is_integer = isinstance(value, int) and not isinstance(value, bool)
    if is_integer and not node.get("minimum", value) <= value <= node.get("maximum", value):
        return False
    if isinstance(value, list):
        if len(value) > node.get("maxItems", len(value)):
            return False
        if node.get("uniqueItems") and len(set(map(json.dumps, value))) != len(value):
            return False
        return all(_conforms(schema, node.get("items", {}), item) for item in value)
    if isinstance(value, dict) and "properties" in node:
        if not set(node.get("required", [])) <= set(value):
            return False
        if node.get("additionalProperties") is False and not set(value) <= set(node["properties"]):
            return False
        return all(_conforms(schema, node["properties"][k], v) for k, v in value.items())
    return True


@schema_file
def test_the_example_and_every_persona_conform_to_the_schema():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    for name in PERSONAS:
        assert _conforms(schema, schema, persona(name)), name


@schema_file
def test_version_1_files_conform_to_the_frozen_v1_schema_and_saved_ones_to_v2():
    v1 = json.loads(SCHEMA_V1_PATH.read_text(encoding="utf-8"))
    v2 = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    for name in PERSONAS:
        saved = rdv_forms.load_answers(persona(name), today=TODAY).to_dict()
        if persona(name)["version"] == 1:
            assert _conforms(v1, v1, persona(name)), name
        assert _conforms(v2, v2, saved) and not _conforms(v1, v1, saved), name


# Rules JSON Schema cannot express: the table of départements, today's date, a real calendar.
SCHEMA_BLIND = {
    "departement_inconnu",
    "date_non_passee",
    "tentative_future",
    "courriel_invalide",
    "heure_invalide",
}
SCHEMA_CASES = [
    (data, expected)
    for data, expected in BAD
    if expected[0][1] not in SCHEMA_BLIND and "02-29" not in json.dumps(data)
]


@schema_file
@pytest.mark.parametrize(("data", "expected"), SCHEMA_CASES)
def test_the_schema_rejects_what_validate_rejects(data, expected):
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert not _conforms(schema, schema, data)
