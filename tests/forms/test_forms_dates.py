"""Dates that are well written but do not exist get their own message, in every language, as
the form says it (theme/static/js/form/typed.js): « this date does not exist », not a format."""

import pytest
import rdv_forms
from formsupport import TODAY

LANGUAGES = ["en", "es", "pt", "ru", "ar", "fa"]

# (the date as written in the answers, the message expected)
DATES = [
    ("2026-02-31", "date_inexistante"),
    ("2026-02-29", "date_inexistante"),  # not a leap year
    ("1988-13-01", "date_inexistante"),
    ("1988-00-10", "date_inexistante"),
    ("2024-02-29", None),  # a leap year
    ("14/03/1988", "date_invalide"),  # the form's way of showing it, not the answers'
    ("1988-3-14", "date_invalide"),
]


@pytest.mark.parametrize(("written", "msgid"), DATES)
def test_an_impossible_date_is_told_apart_from_a_badly_written_one(written, msgid):
    errors = rdv_forms.validate(
        {"version": 2, "personne": {"date_naissance": written}}, today=TODAY
    )
    assert [(e.path, e.msgid) for e in errors] == (
        [("personne.date_naissance", msgid)] if msgid else []
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_impossible_date_message_is_in_every_language(lang):
    error = rdv_forms.validate({"version": 2, "signature": {"date": "2026-02-31"}}, today=TODAY)[0]
    assert "n’existe pas" in error.message
    text = error.localized(lang)
    assert text != error.message and "2026-02-31" in text
