"""The JSON façade the browser's Web Worker calls: stable shapes, never an exception."""

import base64
import io
import json
import zipfile

import pytest
import rdv_forms
from formsupport import TODAY, persona
from rdv_forms import api
from rdv_forms.api import handle

DAY = TODAY.isoformat()


def call(**request) -> dict:
    return json.loads(handle(json.dumps(request)))


def test_check_returns_errors_analysis_and_scope():
    reply = call(action="check", answers=persona("exemple-renouvellement"), lang="en", today=DAY)
    assert reply["ok"] is True and reply["errors"] == [] and reply["in_scope"] is True
    analysis = reply["analysis"]
    assert analysis["summary"]["count"] == 8 and analysis["summary"]["weeks"] == 3
    # A version 1 file: migrated, and not ready until the channel is known.
    assert reply["format"]["migrated"] is True and reply["format"]["version"] == 2
    verdict = analysis["verdict"]
    assert (verdict["ready"], verdict["code"], verdict["draft"]) == (False, "canal_inconnu", True)
    assert verdict["refere_allowed"] is True and verdict["refere_block"] is None
    assert verdict["message"].startswith("First say how your application is made")
    assert verdict["reasons"][0] == {"code": "canal_inconnu", "message": verdict["message"]}
    # Nor until the prior refusal / removal order question is answered (version 2).
    assert [r["code"] for r in verdict["reasons"]] == [
        "canal_inconnu",
        "decision_anterieure_a_dire",
    ]
    assert {"code", "message"} == set(analysis["warnings"][0])


def test_check_says_ready_for_three_proven_weeks_on_the_website():
    answers = {
        **persona("exemple-renouvellement"),
        "version": 2,
        "decision_anterieure": {"existe": "non"},
    }
    answers["demarche"] = {**answers["demarche"], "canal": "rdv_prefecture"}
    reply = call(action="check", answers=answers, lang="en", today=DAY)
    verdict = reply["analysis"]["verdict"]
    assert (verdict["ready"], verdict["code"], verdict["draft"]) == (True, "pret", False)
    assert verdict["message"] == (
        "Your attempts with proof for the préfecture’s website fall in 3 different weeks: you can "
        "go to the judge (Conseil d’État, 10 June 2020, no. 435594). Keep trying, several times a "
        "week, until the hearing."
    )
    assert reply["format"]["migrated"] is False
    assert reply["analysis"]["summary"]["channel_weeks"] == ["2026-W41", "2026-W42", "2026-W43"]


@pytest.mark.parametrize("existe", ["oui", "ne_sait_pas"])
def test_no_refere_with_a_prior_decision_and_nobody_named(existe):
    answers = {**persona("etudiant"), "decision_anterieure": {"existe": existe}}
    reply = call(action="generate", kind="refere", answers=answers, lang="en", today=DAY)
    assert reply["ok"] is False and reply["refere_allowed"] is False
    assert reply["errors"][0]["id"] in ("decision_anterieure", "decision_inconnue")
    assert "association" in reply["errors"][0]["message"]
    # The letter and the e-mail are still made; the référé once someone is named.
    assert call(action="generate", kind="lettre", answers=answers, today=DAY)["ok"] is True
    answers["association"] = {"nom": "Cimade Rennes"}
    assert call(action="generate", kind="refere", answers=answers, today=DAY)["ok"] is True


def test_check_reports_field_errors_in_the_requested_language():
    reply = call(
        action="check", answers={"version": 1, "personne": {"nom": 3}}, lang="en", today=DAY
    )
    assert reply["ok"] is True
    assert reply["errors"] == [
        {
            "path": "personne.nom",
            "id": "texte_attendu",
            "message": "This field must be text, in quotation marks: correct its value.",
        }
    ]


def test_generate_returns_every_format_asked():
    reply = call(
        action="generate",
        kind="email",
        answers=persona("exemple-renouvellement"),
        today=DAY,
        formats=["text", "html", "odt"],
    )
    assert reply["ok"] is True and reply["errors"] == []
    assert reply["title"] == "Courriel au service des étrangers"
    assert reply["filename"] == "courriel-prefecture"
    assert reply["files"]["odt"] == "courriel-prefecture.odt"
    # A version 1 file: no channel, so a subject that asserts none.
    assert reply["subject"].startswith("Impossibilité de faire enregistrer une demande de")
    assert reply["text"].startswith("À")
    assert reply["html"].startswith('<div class="rdv-doc rdv-doc--email"')
    odt = base64.b64decode(reply["odt_base64"])
    assert zipfile.ZipFile(io.BytesIO(odt)).read("mimetype").startswith(b"application/")


def test_generate_blank_needs_no_answers():
    reply = call(action="generate", kind="refere", blank=True, today=DAY, formats=["text"])
    assert reply["ok"] is True and "………………" in reply["text"]


def test_generate_refuses_out_of_scope_territories_and_says_why():
    reply = call(
        action="generate",
        kind="refere",
        answers=persona("hors-champ-polynesie"),
        today=DAY,
        lang="en",
    )
    assert reply["ok"] is False and reply["in_scope"] is False
    assert reply["errors"][0]["id"] == "hors_champ"
    assert "CESEDA" in reply["errors"][0]["message"]


def test_generate_with_invalid_answers_lists_the_errors():
    reply = call(action="generate", kind="lettre", answers={"version": 3}, today=DAY)
    assert reply["ok"] is False
    assert reply["errors"][0]["path"] == "version"


@pytest.mark.parametrize("name", ["exemple-renouvellement", "dcem-enfant", "naturalisation"])
def test_download_names_carry_nothing_of_the_person(name):
    """A shared computer keeps downloads in its Downloads folder and its history: their names
    are the same for everyone, never the person's name."""
    answers = persona(name)
    person = {
        part.lower()
        for value in answers.get("personne", {}).values()
        if isinstance(value, str)
        for part in value.replace("-", " ").split()
        if len(part) > 2
    }
    listed = call(action="kinds", answers=answers, today=DAY)["kinds"]
    names = [kind["filename"] for kind in listed]
    assert names == [rdv_forms.documents.registry.REGISTRY[k].filename for k in rdv_forms.KINDS]
    assert person and not any(part in n for n in names for part in person)
    reply = call(action="generate", kind="lettre", answers=answers, today=DAY, formats=["odt"])
    assert reply["files"] == {"odt": "lettre-recommandee-prefecture.odt"}


def test_kinds_say_which_documents_apply():
    reply = call(action="kinds", answers=persona("hors-champ-polynesie"), lang="en", today=DAY)
    kinds = {k["kind"]: k for k in reply["kinds"]}
    assert list(kinds) == list(rdv_forms.KINDS)
    assert kinds["journal"]["applies"] is True
    assert kinds["refere"]["applies"] is False and "CESEDA" in kinds["refere"]["reason"]
    assert kinds["refere"]["label"].startswith("Urgent application")
    no_visit = call(action="kinds", answers=persona("naturalisation"), today=DAY)
    assert {k["kind"]: k["applies"] for k in no_visit["kinds"]}["attestation"] is False


def test_courts_give_the_picker_its_table():
    reply = call(action="courts", lang="en")
    rows = {row["code"]: row for row in reply["departements"]}
    assert len(rows) == 109 and reply["data_date"] == "2019-2022"
    assert rows["93"]["tribunal"] == "Tribunal administratif de Montreuil"
    assert rows["987"]["in_scope"] is False and "CESEDA" in rows["987"]["hors_champ"]
    assert "check them" in reply["notice"]


def test_schema_and_lengths_for_the_form():
    reply = call(action="schema")
    assert reply["max_lengths"]["personne.nom"] == 80
    assert reply["schema"]["properties"]["version"]["minimum"] == 1


@pytest.mark.parametrize(
    ("request_text", "error_id"),
    [
        ("not json", "requete_invalide"),
        ("[1, 2]", "requete_invalide"),
        ('{"action": "fly"}', "action_inconnue"),
        ('{"action": "generate", "kind": "poster"}', "type_inconnu"),
        (
            '{"action": "generate", "kind": "refere", "blank": true, "formats": ["docx"]}',
            "format_inconnu",
        ),
        ('{"action": "check", "answers": "x"}', "reponses_manquantes"),
        ('{"action": "check", "answers": {}, "today": "22/11/2026"}', "date_invalide"),
    ],
)
def test_bad_requests_get_ok_false_never_an_exception(request_text, error_id):
    reply = json.loads(handle(request_text))
    assert reply["ok"] is False
    assert reply["errors"][0]["id"] == error_id


def test_warm_up_loads_every_catalog_and_renderer_without_any_answer():
    """What the snapshot runtime runs: it must succeed, and fill the caches it is for."""
    from rdv_forms import i18n

    i18n.translator.cache_clear()
    api.warm_up()
    assert i18n.translator.cache_info().currsize == len(i18n.LANGUAGES)


def test_warm_up_stops_on_a_failing_request(monkeypatch):
    monkeypatch.setattr(api, "KINDS", ("inconnu",))
    with pytest.raises(RuntimeError, match="warm-up request failed"):
        api.warm_up()
