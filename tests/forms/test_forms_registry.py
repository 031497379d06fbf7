"""The registry: each kind declared once, and everything the page needs comes from it."""

from __future__ import annotations

import json

import pytest
import rdv_forms
from formsupport import PERSONAS, TODAY, persona
from rdv_forms import make
from rdv_forms.answers import Answers
from rdv_forms.api import handle
from rdv_forms.documents.exhibits import plan
from rdv_forms.documents.registry import REGISTRY, NotProduced
from rdv_forms.documents.writing import Writer

LISTED = {"name", "kind", "label", "title", "filename", "applies", "reason"}


def kinds(answers, lang="fr") -> list[dict]:
    request = {"action": "kinds", "answers": answers, "lang": lang, "today": TODAY.isoformat()}
    reply = json.loads(handle(json.dumps(request)))
    assert reply["ok"], reply
    return reply["kinds"]


@pytest.mark.parametrize("name", [*PERSONAS, None])
def test_the_page_gets_every_kind_with_its_title_file_name_and_use(name):
    answers = persona(name) if name else {}
    listed = kinds(answers)
    assert [kind["name"] for kind in listed] == list(rdv_forms.KINDS)
    for kind in listed:
        assert set(kind) == LISTED
        assert kind["kind"] == kind["name"]
        assert (kind["reason"] is None) == kind["applies"]
        try:
            document = make(kind["name"], answers or None, today=TODAY)
        except NotProduced:
            assert not kind["applies"]
            continue
        assert (kind["title"], kind["filename"]) == (document.title, document.filename)


@pytest.mark.parametrize(
    ("name", "kind", "useful"),
    [
        ("etudiant", "refere", True),
        ("etudiant", "attestation", True),  # a witness is named
        ("naturalisation", "attestation", False),  # no visit, no witness
        ("hors-champ-polynesie", "refere", False),  # outside the CESEDA
        ("hors-champ-polynesie", "journal", True),  # facts only
        (None, "journal", False),  # nothing logged yet
        (None, "bordereau", False),
        (None, "email", True),
    ],
)
def test_whether_a_kind_applies_comes_from_its_declaration(name, kind, useful):
    listed = {k["name"]: k for k in kinds(persona(name) if name else {}, lang="en")}
    assert listed[kind]["applies"] is useful
    if not useful:
        assert listed[kind]["reason"]


def test_the_label_is_shown_in_the_persons_language():
    english = {k["name"]: k["label"] for k in kinds({}, lang="en")}
    french = {k["name"]: k["label"] for k in kinds({}, lang="fr")}
    assert english["refere"] != french["refere"]
    assert french["refere"] == REGISTRY["refere"].label


@pytest.mark.parametrize("kind", rdv_forms.KINDS)
def test_every_kind_carries_the_exhibits_of_its_plan_only(kind):
    document = make(kind, blank=True, today=TODAY)
    assert bool(document.exhibits) == bool(REGISTRY[kind].exhibits)
    for exhibit in document.exhibits:
        assert exhibit.label.startswith("Pièce n")


def test_a_plan_naming_an_unknown_exhibit_is_an_error():
    w = Writer(Answers(), blank=True, today=TODAY)
    with pytest.raises(ValueError, match=r"unknown exhibits \['titres'\]"):
        plan(w, ("titres", "journal"))
