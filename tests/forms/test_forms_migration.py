"""Format version 2: version 1 files still open, are migrated, and only new questions are asked."""

import copy
import json

import pytest
from formsupport import EXAMPLE, PERSONAS, TODAY, persona
from rdv_forms import answers as A
from rdv_forms import api

VERSION_1 = [name for name in PERSONAS if persona(name)["version"] == 1]


VERSION_2 = [name for name in PERSONAS if persona(name)["version"] == 2]


def test_the_older_personas_are_version_1_files_and_the_newer_ones_version_2():
    # The older ones were saved before version 2: they are the migration's test table. The
    # personas of issue 17 (channels, removal orders, change of status…) are version 2 files.
    assert "exemple-renouvellement" in VERSION_1 and PERSONAS["exemple-renouvellement"] == EXAMPLE
    assert len(VERSION_1) >= 9 and len(VERSION_2) >= 12
    assert len(VERSION_1) + len(VERSION_2) == len(PERSONAS)


@pytest.mark.parametrize("name", VERSION_2)
def test_a_version_2_file_reads_as_it_is_written(name):
    parsed = A.read(persona(name), today=TODAY)
    assert parsed.errors == [] and parsed.version_read == 2 and not parsed.migrated
    assert parsed.answers.demarche.canal in A.CANAUX


@pytest.mark.parametrize("name", VERSION_1)
def test_migration_is_pure_and_keeps_every_answer(name):
    original = persona(name)
    kept = copy.deepcopy(original)
    migrated = A.migrate_v1(original)
    assert original == kept  # the input is not changed
    assert migrated["version"] == 2
    assert {k: v for k, v in migrated.items() if k != "version"} == {
        k: v for k, v in original.items() if k != "version"
    }


@pytest.mark.parametrize("name", VERSION_1)
def test_a_version_1_file_opens_as_version_2(name):
    parsed = A.read(json.dumps(persona(name)), today=TODAY)
    direct = A.read(A.migrate_v1(persona(name)), today=TODAY)
    assert (parsed.version_read, parsed.migrated) == (1, True)
    assert (direct.version_read, direct.migrated) == (2, False)
    assert parsed.answers == direct.answers
    assert [e.msgid for e in parsed.errors] == [e.msgid for e in direct.errors]
    assert parsed.answers.version == 2


@pytest.mark.parametrize("name", VERSION_1)
def test_saving_writes_version_2_and_reopens_the_same(name):
    answers = A.read(persona(name), today=TODAY).answers
    saved = json.loads(json.dumps(answers.to_dict(), ensure_ascii=False))
    assert saved["version"] == 2
    assert {"anef", "decision_anterieure", "association"} <= set(saved)
    assert {"canal", "titre_actuel"} <= set(saved["demarche"])
    reopened = A.read(saved, today=TODAY)
    assert reopened.answers == answers and not reopened.migrated


# (persona, new questions it still needs)
PENDING = [
    ("exemple-renouvellement", ["demarche.canal", "demarche.titre_actuel",
                                "decision_anterieure.existe", "temoin.lien"]),
    ("etudiant", ["demarche.canal", "demarche.titre_actuel", "decision_anterieure.existe"]),
    ("naturalisation", ["demarche.canal", "decision_anterieure.existe"]),
    ("premiere-demande-promesse-embauche", ["demarche.canal", "decision_anterieure.existe"]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "pending"), PENDING)
def test_a_migrated_file_asks_only_the_new_questions(name, pending):
    answers = A.read(persona(name), today=TODAY).answers
    assert list(A.pending_questions(answers)) == pending


# (answers added to a migrated file, questions still pending)
FOLLOW_UPS = [
    ({"demarche": {"canal": "anef"}}, ["decision_anterieure.existe", "anef.blocages"]),
    (
        {"demarche": {"canal": "anef"}, "anef": {"blocages": ["compte"]}},
        ["decision_anterieure.existe"],
    ),
    (
        {"demarche": {"canal": "rdv_prefecture"}, "decision_anterieure": {"existe": "oui"}},
        ["decision_anterieure.mesures", "association.nom"],
    ),
    (
        {
            "demarche": {"canal": "rdv_prefecture"},
            "decision_anterieure": {"existe": "ne_sait_pas"},
            "association": {"nom": "Gisti"},
        },
        [],
    ),
    (
        {"demarche": {"canal": "inconnu"}, "decision_anterieure": {"existe": "non"}},
        [],
    ),
]


@pytest.mark.parametrize(("added", "pending"), FOLLOW_UPS)
def test_answering_removes_the_question(added, pending):
    data = A.migrate_v1(persona("guadeloupe"))  # a first application, no lawyer
    for key, value in added.items():
        data[key] = {**data.get(key, {}), **value}
    parsed = A.read(data, today=TODAY)
    assert parsed.errors == []
    assert list(A.pending_questions(parsed.answers)) == pending


def test_the_api_says_a_file_was_migrated_and_what_to_ask():
    request = {"action": "check", "answers": persona("etudiant"), "today": TODAY.isoformat()}
    reply = json.loads(api.handle(json.dumps(request)))
    assert reply["ok"] and reply["errors"] == []
    assert reply["format"]["version"] == 2
    assert reply["format"]["version_read"] == 1 and reply["format"]["migrated"] is True
    assert reply["format"]["pending"][0] == "demarche.canal"
    assert reply["format"]["answers"]["version"] == 2
    assert reply["analysis"]["pending"] == reply["format"]["pending"]


def test_what_todays_page_sends_still_validates():
    # The page builds version 1 answers by hand (form.js): they must stay valid as they are.
    page = {
        "version": 1,
        "personne": {"civilite": "", "nom": "", "prenom": "", "adresse": ""},
        "departement": "93",
        "prefecture": {},
        "tribunal": {},
        "demarche": {"type": "renouvellement", "titre": "", "expiration_titre": ""},
        "tentatives": [{"date": "2026-11-02", "heure": "", "moyen": "internet", "resultat": ""}],
        "temoin": None,
        "urgence": {"motifs": [], "details": ""},
        "avocat": None,
        "demandes": {"delai_jours": None},
        "signature": {"lieu": "", "date": ""},
    }
    assert A.validate(page, today=TODAY) == []


VERSIONS = [
    ({"version": 1}, []),
    ({"version": 2}, []),
    ({"version": 3}, [("version", "version_inconnue")]),
    ({"version": 0}, [("version", "version_inconnue")]),
    ({"version": "2"}, [("version", "entier_attendu")]),
    ({"version": 2, "demarche": {"canal": "guichet"}}, [("demarche.canal", "valeur_inconnue")]),
    (
        {"version": 2, "decision_anterieure": {"existe": "peut-etre"}},
        [("decision_anterieure.existe", "valeur_inconnue")],
    ),
    (
        {"version": 2, "decision_anterieure": {"mesures": ["expulsion"]}},
        [("decision_anterieure.mesures[0]", "valeur_inconnue")],
    ),
    ({"version": 2, "anef": {"blocages": ["panne"]}}, [("anef.blocages[0]", "valeur_inconnue")]),
]


@pytest.mark.parametrize(("data", "expected"), VERSIONS)
def test_versions_and_new_fields_are_validated(data, expected):
    assert [(e.path, e.msgid) for e in A.validate(data, today=TODAY)] == expected


# Each kind of attempt with its own fields: (attempt, errors)
ATTEMPTS = [
    ({"moyen": "anef", "message_erreur": "Erreur technique, réessayez plus tard"}, []),
    ({"moyen": "ccc", "reference": "ANTS-2026-118"}, []),
    ({"moyen": "pan", "lieu": "Sous-préfecture du Raincy", "avec_temoin": "oui"}, []),
    ({"moyen": "internet"}, []),
    ({"moyen": "demande_en_ligne", "reference": "DS-12", "accuse_reception": "oui"}, []),
    ({"moyen": "relance_en_ligne", "reference": "DS-12"}, []),
    ({"moyen": "courriel"}, []),
    ({"moyen": "lrar", "reference": "1A 234 567 8901 2", "accuse_reception": "non"}, []),
    ({"moyen": "guichet", "lieu": "Préfecture de Bobigny", "avec_temoin": "oui"}, []),
    ({"moyen": "defenseur_des_droits", "reference": "DDD-77"}, []),
    ({"moyen": "courriel", "reference": "x"}, [("tentatives[0].reference", "champ_sans_objet")]),
    ({"moyen": "internet", "lieu": "Bobigny"}, [("tentatives[0].lieu", "champ_sans_objet")]),
    (
        {"moyen": "ccc", "message_erreur": "x"},
        [("tentatives[0].message_erreur", "champ_sans_objet")],
    ),
    (
        {"moyen": "pan", "avec_temoin": "peut-être"},
        [("tentatives[0].avec_temoin", "valeur_inconnue")],
    ),
    ({"moyen": "fax"}, [("tentatives[0].moyen", "valeur_inconnue")]),
]


@pytest.mark.parametrize(("attempt", "expected"), ATTEMPTS)
def test_each_kind_of_attempt_has_its_own_fields(attempt, expected):
    data = {"version": 2, "tentatives": [{"date": "2026-11-02", **attempt}]}
    assert [(e.path, e.msgid) for e in A.validate(data, today=TODAY)] == expected


def test_every_kind_of_attempt_is_declared_with_its_fields():
    assert set(A.MOYEN_FIELDS) == set(A.MOYENS)
    assert set(A.MOYENS_V1) <= set(A.MOYENS)
    declared = {f for fields in A.MOYEN_FIELDS.values() for f in fields}
    attempt_fields = {p.split(".")[1] for p in A.FIELD_SPECS if p.startswith("tentatives.")}
    assert declared <= attempt_fields


def test_the_api_gives_the_page_the_fields_of_each_kind():
    reply = json.loads(api.handle(json.dumps({"action": "schema"})))
    assert reply["format_version"] == 2
    assert reply["attempt_fields"]["pan"] == ["lieu", "avec_temoin"]
    assert reply["schema"]["properties"]["version"]["maximum"] == 2


def _skeleton(schema: dict) -> dict:
    """What the page's `skeleton(schema)` (theme/static/js/form/answers.js) builds."""

    def resolve(node):
        if "$ref" in node:
            return resolve(schema["$defs"][node["$ref"].split("/")[-1]])
        objects = [option for option in node.get("anyOf", []) if option.get("type") != "null"]
        return resolve(objects[0]) if objects else node

    def empty(node):
        node = resolve(node)
        types = node.get("type", [])
        types = types if isinstance(types, list) else [types]
        if "properties" in node:
            return {key: empty(value) for key, value in node["properties"].items()}
        if "array" in types:
            return []
        if "string" in types or "" in node.get("enum", []):
            return ""
        return None

    version = schema["properties"]["version"]
    return {**empty(schema), "version": version.get("const", version.get("maximum"))}


def test_the_pages_empty_answers_built_from_the_schema_are_valid_version_2():
    skeleton = _skeleton(A.json_schema())
    assert skeleton["version"] == 2
    assert A.validate(skeleton, today=TODAY) == []
    skeleton["tentatives"] = [
        {"date": "2026-11-02", "heure": "", "moyen": "internet", "resultat": "", "preuve": ""}
    ]
    assert A.validate(skeleton, today=TODAY) == []


@pytest.mark.parametrize("moyen", [m for m in A.MOYENS if m not in A.MOYENS_V1])
def test_every_document_is_made_with_the_new_kinds_of_attempt(moyen):
    # Phase 1 changes no wording, but a new kind of attempt must never break a document.
    import rdv_forms

    data = A.migrate_v1(persona("etudiant"))
    data["tentatives"].append({"date": "2026-11-18", "moyen": moyen})
    for kind in rdv_forms.KINDS:
        document = rdv_forms.make(kind, data, today=TODAY)
        assert rdv_forms.render(document, "text")
