"""The form page as built: limits and choices come from rdv_forms, in every language."""

import sys
from pathlib import Path

import pytest
from support import soup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from rdv_forms.answers import MAX_LENGTHS, MOTIFS, MOYENS, json_schema  # noqa: E402

from pelicanconf import DEFAULT_LANG, LANGUAGES  # noqa: E402


def form(site: Path, lang: str):
    return soup(site / ("" if lang == DEFAULT_LANG else lang) / "formulaire" / "index.html")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_field_has_the_package_maximum_length(site, lang):
    doc = form(site, lang)
    fields = doc.select("#interview input[name], #interview textarea[name]")
    text_fields = [f for f in fields if (f.get("type", "text") in ("text", "email", "tel")
                   and not f.get("data-type")) or f.name == "textarea"]  # fmt: skip
    assert text_fields
    for field in text_fields:
        assert int(field["maxlength"]) == MAX_LENGTHS[field["name"]], field["name"]
    for field_id, path in [("log-resultat", "tentatives.resultat"),
                           ("log-preuve", "tentatives.preuve")]:  # fmt: skip
        assert int(doc.select_one(f"#{field_id}")["maxlength"]) == MAX_LENGTHS[path]


def _schema_field(path: str) -> dict:
    """The JSON schema of the answer at « group.key »."""
    schema = json_schema()
    node = schema
    for key in path.split("."):
        node = node["properties"][key]
        ref = node.get("$ref") or next(
            (o["$ref"] for o in node.get("anyOf", []) if "$ref" in o), None
        )
        if ref:
            node = schema["$defs"][ref.split("/")[-1]]
    return node


@pytest.mark.parametrize("lang", LANGUAGES)
def test_whole_number_fields_have_the_package_range(site, lang):
    """Read by form/typed.js, whose range error quotes these bounds to the person."""
    fields = form(site, lang).select('#interview input[data-type="integer"]')
    assert fields
    for field in fields:
        spec = _schema_field(field["name"])
        assert "integer" in spec["type"], field["name"]
        bounds = (spec["minimum"], spec["maximum"])
        assert (int(field["data-min"]), int(field["data-max"])) == bounds, field["name"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_choices_are_the_package_codes(site, lang):
    doc = form(site, lang)
    motifs = [i["value"] for i in doc.select('input[name="urgence.motifs"]')]
    moyens = [o["value"] for o in doc.select("#log-moyen option")]
    assert sorted(motifs) == sorted(MOTIFS)
    assert moyens == list(MOYENS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_field_has_a_label(site, lang):
    doc = form(site, lang)
    for field in doc.select("input, select, textarea"):
        if field.get("type") in ("hidden", "file") and "visually-hidden" not in field.get(
            "class", []
        ):
            continue
        assert doc.select_one(f'label[for="{field["id"]}"]'), field.get("id")
