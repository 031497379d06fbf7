"""Catalogs: every message in the code is translated, with the same placeholders."""

import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from formsupport import ROOT
from rdv_forms import i18n

LOCALE = ROOT / "forms" / "rdv_forms" / "locale"
KEYWORDS = {"msg": None, "msg_n": (1, 2), "N_": None}


def messages_in_code() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT / "forms" / "rdv_forms"), keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def catalog(lang):
    with (LOCALE / lang / "LC_MESSAGES" / "rdv_forms.po").open("rb") as po:
        return read_po(po, locale=lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_catalog_matches_the_code(lang):
    entries = {m.id[0] if isinstance(m.id, tuple) else m.id: m for m in catalog(lang) if m.id}
    assert set(entries) == messages_in_code()
    for message in entries.values():
        assert message.string and "fuzzy" not in message.flags
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set(re.findall(r"%\((\w+)\)s", " ".join(ids)))
        for string in strings:
            assert set(re.findall(r"%\((\w+)\)s", string)) <= wanted


def test_french_plurals_treat_zero_as_singular():
    message = i18n.msg_n("%(n)s jour", "%(n)s jours", 0)
    assert message.render("fr") == "0 jour"


@pytest.mark.parametrize(
    ("lang", "code"), [("en-GB", "en"), ("EN", "en"), ("de", "fr"), (None, "fr"), ("fr_FR", "fr")]
)
def test_languages_are_normalised(lang, code):
    assert i18n.normalise_language(lang) == code


def test_an_unknown_language_falls_back_to_french():
    assert i18n.msg("Les réponses sont valides.").render("xx") == "Les réponses sont valides."
    assert i18n.msg("Les réponses sont valides.").render("en") == "The answers are valid."
