"""Issue 17, the smaller defects: French text only in the French documents, offices closed on
Sundays and holidays, « d’Ajaccio », the préfète everywhere, no repeated phrase, a line to sign,
the witness's relation to the person, a change of status, no mixed offices."""

from datetime import date

import pytest
import rdv_forms
from formsupport import TODAY, persona, variant
from rdv_forms import answers as A
from rdv_forms import french, make, render

# (field, text typed, letters quoted back); Latin with diacritics passes (test_forms_answers).
NON_LATIN = [
    ("personne.nom", "المغربي", "المغربي"),
    ("personne.prenom", "Мария", "Мария"),
    ("personne.prenom", "علی\u200cرضا", "علیرضا"),  # Persian: the ZWNJ is not the problem told
    ("personne.lieu_naissance", "Alep (حلب), Syrie", "حلب"),
    ("personne.nationalite", "中国", "中国"),
    ("personne.adresse", "12 rue Haute\nΑθήνα", "Αθήνα"),
    ("personne.telephone", "۰۶ ۱۲", "۰۶۱۲"),  # Persian digits
    ("urgence.details", "Je travaille chez אבג depuis 2020.", "אבג"),
    ("demarche.titre", "карта", "карт"),
    ("signature.lieu", "Ереван", "Ереван"),
    ("prefecture.formule", "سيدي المحافظ", "سيدالمحفظ"),
]


def _data(path: str, value: str) -> dict:
    data: dict = {"version": 2}
    target = data
    *parents, last = path.split(".")
    for key in parents:
        target = target.setdefault(key, {})
    target[last] = value
    return data


@pytest.mark.parametrize(("path", "text", "quoted"), NON_LATIN)
def test_non_latin_script_asks_for_the_latin_spelling(path, text, quoted):
    errors = rdv_forms.validate(_data(path, text), today=TODAY)
    assert [(e.path, e.msgid) for e in errors] == [(path, "ecriture_non_latine")]
    assert f"« {quoted[:10]} »" in errors[0].message  # each letter once, at most 10
    assert "passeport" in errors[0].message


@pytest.mark.parametrize(
    "text",
    ["Nguyễn Văn Thành", "Şükrü Ağça", "Łódź", "Țurcanu", "Ólafsdóttir", "ʻAbd", "n° 3 – 1ª", ""],
)
def test_latin_letters_with_diacritics_stay_allowed(text):
    assert A.non_latin_letters(text) == []
    assert rdv_forms.validate(_data("personne.nom", text), today=TODAY) == []


@pytest.mark.parametrize("lang", ["en", "es", "pt", "ru", "ar", "fa"])
def test_the_latin_spelling_is_asked_in_the_person_s_language(lang):
    error = rdv_forms.validate(_data("personne.nom", "Мария"), today=TODAY)[0]
    text = error.localized(lang)
    assert text != error.message and "Мария" in text


# (date of a visit in person, closed: 7 Sunday, 1 public holiday, 0 open)
CLOSED = [
    (date(2026, 11, 22), 7),
    (date(2026, 11, 1), 7),  # All Saints' Day on a Sunday: said as a Sunday
    (date(2026, 11, 11), 1),
    (date(2025, 12, 25), 1),
    (date(2026, 4, 6), 1),  # Easter Monday
    (date(2026, 5, 14), 1),  # Ascension
    (date(2025, 4, 21), 1),  # Easter Monday 2025
    (date(2026, 5, 25), 0),  # Whit Monday: some offices open
    (date(2026, 11, 20), 0),
    (date(2026, 11, 21), 0),  # a Saturday is not refused
]


@pytest.mark.parametrize(("day", "closed"), CLOSED)
def test_closed_days(day, closed):
    assert A.closed_day(day) == closed


@pytest.mark.parametrize("moyen", ["guichet", "pan"])
@pytest.mark.parametrize(("day", "closed"), CLOSED)
def test_a_visit_on_a_closed_day_is_refused_in_the_person_s_language(moyen, day, closed):
    attempt = {"date": day.isoformat(), "moyen": moyen, "resultat": "Refus"}
    errors = rdv_forms.validate({"version": 2, "tentatives": [attempt]}, today=TODAY)
    ids = [(e.path, e.msgid) for e in errors]
    if not closed:
        assert ids == []
        return
    assert ids == [("tentatives[0].date", "guichet_ferme")]
    word = {7: "dimanche", 1: "jour férié"}[closed]
    assert word in errors[0].message
    assert {7: "Sunday", 1: "public holiday"}[closed] in errors[0].localized("en")


def test_a_website_attempt_on_a_sunday_is_fine():
    attempt = {"date": "2026-11-22", "moyen": "internet", "preuve": "capture.png"}
    assert rdv_forms.validate({"version": 2, "tentatives": [attempt]}, today=TODAY) == []


@pytest.mark.parametrize(
    ("name", "particle", "rest"),
    [
        ("Ajaccio", "d’", "Ajaccio"),
        ("Évry", "d’", "Évry"),
        ("Orléans", "d’", "Orléans"),
        ("Hyères", "d’", "Hyères"),  # h muet
        ("Haguenau", "de ", "Haguenau"),  # h aspiré
        ("Lyon", "de ", "Lyon"),
        ("Le Havre", "du ", "Havre"),
        ("Les Sables-d’Olonne", "des ", "Sables-d’Olonne"),
        ("La Rochelle", "de ", "La Rochelle"),
        ("Seine-Saint-Denis", "de la ", "Seine-Saint-Denis"),
        ("Val-de-Marne", "du ", "Val-de-Marne"),
        ("Hauts-de-Seine", "des ", "Hauts-de-Seine"),
        ("Essonne", "de l’", "Essonne"),
    ],
)
def test_de_is_elided_and_contracted(name, particle, rest):
    assert french.de(name) == (particle, rest)


def text_of(kind: str, data: dict) -> str:
    text = render(make(kind, data, today=TODAY), "text")
    return (
        text.replace("\u00a0", " ")
        .replace("\u202f", " ")
        .replace("\u2068", "")
        .replace("\u2069", "")
    )


def test_the_bar_of_ajaccio_is_elided():
    refere = text_of("refere", persona("rdv-prefecture-avocat-ajaccio"))
    assert "du barreau d’Ajaccio" in refere and "barreau de Ajaccio" not in refere


@pytest.mark.parametrize("kind", ["bordereau", "lettre", "refere"])
def test_the_prefete_is_named_the_same_in_every_document(kind):
    text = text_of(kind, persona("anef-renouvellement-prefete"))
    assert "préfet du Val-de-Marne" not in text  # quotations keep « au préfet », of course
    if kind != "lettre":  # the letter says « Madame la Préfète »
        assert "préfète du Val-de-Marne" in text


def test_a_card_typed_as_the_kind_of_demarche_is_not_repeated():
    data = variant(
        "dcem-enfant", **{"demarche.titre": "document de circulation pour étranger mineur"}
    )
    for kind in ("email", "lettre", "refere"):
        text = text_of(kind, data)
        assert "mineur (document de circulation" not in text


@pytest.mark.parametrize("kind", ["lettre", "refere", "bordereau", "journal", "attestation"])
def test_every_signed_document_has_a_line_to_sign(kind):
    lines = text_of(kind, persona("sous-prefecture-guichet-temoin")).splitlines()
    assert any(line.startswith("Signature") and line.endswith("………………") for line in lines)


def test_the_witness_says_how_they_know_the_person():
    text = text_of("attestation", persona("carte-resident-renouvellement"))
    assert "Lien avec M. Chinedu OKONKWO : voisine depuis 2012" in text


def test_a_change_of_status_is_not_written_as_holding_the_card_requested():
    text = text_of("refere", persona("changement-statut-etudiant-salarie"))
    assert "titulaire d’un titre de séjour (carte de séjour temporaire « étudiant »)" in text
    assert "demander le titre de séjour suivant : carte de séjour temporaire « salarié »" in text


def test_a_renewal_of_another_card_is_a_change_of_status():
    data = variant("changement-statut-etudiant-salarie", **{"demarche.type": "renouvellement"})
    text = text_of("lettre", data)
    assert "changement de statut" in text and "renouvellement" not in text


def test_a_sous_prefecture_named_without_its_address_gets_no_prefecture_address():
    data = persona("sous-prefecture-guichet-temoin")
    known = "Rouen"  # the préfecture of Seine-Maritime
    for kind in ("lettre", "refere"):
        text = text_of(kind, data)
        assert "Sous-préfecture du Havre" in text
        assert "(adresse de la sous-préfecture)" in text
        assert known not in text.split("CONTRE")[-1][:200]


@pytest.mark.parametrize(
    ("days", "regular"),
    [
        ([16, 18], False),  # two tries in one week
        ([2, 3, 4, 5], False),  # four, in one week
        ([2, 9, 16], False),  # three
        ([2, 4, 9, 11], True),  # four, in two weeks
        ([2, 4, 9, 11, 16, 18], True),
    ],
)
def test_regularly_is_written_only_when_the_log_shows_it(days, regular):
    data = persona("canal-inconnu-debut")
    data["tentatives"] = [
        {
            "date": f"2026-11-{day:02d}",
            "heure": "08:00",
            "moyen": "internet",
            "preuve": f"{day}.png",
        }
        for day in days
    ]
    for kind in ("email", "lettre"):
        text = text_of(kind, data)
        assert ("me connecte régulièrement" in text) is regular, kind
        assert "impossible d’obtenir un rendez-vous" in text


@pytest.mark.parametrize(
    ("titre", "precarite"),
    [("carte de résident", False), ("carte de séjour pluriannuelle « salarié »", True)],
)
def test_a_carte_de_resident_is_not_called_precarious(titre, precarite):
    data = variant(
        "carte-resident-renouvellement",
        **{"demarche.titre": titre, "demarche.titre_actuel": titre},
    )
    for kind in ("email", "lettre", "refere"):
        assert ("précarité" in text_of(kind, data)) is precarite, kind


def test_the_check_asks_for_the_sous_prefecture_s_address_and_keeps_the_tribunal_s_notice():
    analysis = rdv_forms.analyse(persona("sous-prefecture-guichet-temoin"), today=TODAY)
    notices = {(n.code, n.message.render("fr")) for n in analysis.notices}
    codes = [code for code, _ in notices]
    assert "adresse_inconnue" in codes and "adresse_a_verifier" in codes
    assert any("Sous-préfecture du Havre" in text for _, text in notices)


def test_a_change_of_status_attaches_the_card_held_with_its_end_date():
    text = text_of("refere", persona("changement-statut-etudiant-salarie"))
    assert "Copie du titre de séjour (fin de validité : 31 décembre 2026)" in text
    assert "précédent document de séjour" not in text
