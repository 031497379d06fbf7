"""French typography and agreement, written out: no dependence on the machine's locale."""

from datetime import date, time

import pytest
from rdv_forms import french

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 12, 1), "1er décembre 2026"),
        (date(2026, 10, 5), "5 octobre 2026"),
        (date(2028, 2, 29), "29 février 2028"),
        (date(2027, 8, 15), "15 août 2027"),
    ],
)
def test_dates(day, text):
    assert french.date_longue(day) == text


def test_weekday():
    assert french.date_avec_jour(date(2026, 12, 28)) == "lundi 28 décembre 2026"


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (date(2026, 10, 5), date(2026, 10, 20), "du 5 au 20 octobre 2026"),
        (date(2026, 9, 30), date(2026, 10, 1), "du 30 septembre au 1er octobre 2026"),
        (date(2026, 12, 28), date(2027, 1, 2), "du 28 décembre 2026 au 2 janvier 2027"),
        (date(2026, 10, 5), date(2026, 10, 5), "le 5 octobre 2026"),
    ],
)
def test_periods(start, end, text):
    assert french.periode(start, end) == text


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (time(8, 55), f"8{NBSP}h{NBSP}55"),
        (time(14, 0), f"14{NBSP}h"),
        (time(9, 5), f"9{NBSP}h{NBSP}05"),
    ],
)
def test_times(moment, text):
    assert french.heure(moment) == text


@pytest.mark.parametrize(
    ("euros", "text"),
    [
        (100, f"100{NNBSP}€"),
        (1500, f"1{NNBSP}500{NNBSP}€"),
        (1_000_000, f"1{NNBSP}000{NNBSP}000{NNBSP}€"),
    ],
)
def test_amounts(euros, text):
    assert french.montant(euros) == text


@pytest.mark.parametrize(
    ("n", "text"), [(0, "0 jour"), (1, "1 jour"), (2, "2 jours"), (16, "16 jours")]
)
def test_plural_follows_the_french_rule(n, text):
    assert french.pluriel(n, "jour") == text


def test_quantities_spell_out_one():
    assert french.quantite(1, "lettre recommandée", feminin=True) == "une lettre recommandée"
    assert french.quantite(1, "courriel") == "un courriel"
    assert french.quantite(3, "courriel") == "3 courriels"


@pytest.mark.parametrize(
    ("civilite", "expected"), [("Mme", "née"), ("M.", "né"), ("", "date de naissance")]
)
def test_agreement(civilite, expected):
    assert french.accord(civilite, "née", "né", "date de naissance") == expected


def test_typography_for_wording():
    assert french.typographie("Objet : « test » ; n° 4 et 100 € ? l'État") == (
        f"Objet{NBSP}: «{NNBSP}test{NNBSP}»{NNBSP}; n°{NBSP}4 et 100{NNBSP}€{NNBSP}? l’État"
    )


def test_enumeration():
    assert french.enumeration(["a"]) == "a"
    assert french.enumeration(["a", "b", "c"]) == "a, b et c"


def test_ascii_slug():
    assert french.ascii_slug("Aïssatou DIALLO") == "aissatou-diallo"
    assert french.ascii_slug("عائشة") == ""
