"""The documents follow the facts and the order they are sent in (issue 17, items 5 and 6).

- The e-mail and the registered letter come first; the référé follows the letter and its answer
  (or its lack of one): dated the signature day only when a registered letter is logged before
  it, otherwise a dotted line says when to date it. A letter already logged makes the letter
  made now a reminder that names it.
- A renewal started after the window of art. R. 431-5 CESEDA says so in the petition itself,
  quoting the rule of its channel, and says why the request must still be registered.
- A counter visit is told at its own place; a change of status is not a renewal; ANEF gives
  no récépissé (art. R. 431-15-1); no « Depuis le … » before a period that says when it began.
"""

from __future__ import annotations

import copy

import pytest
from formsupport import TODAY, persona
from rdv_forms import french, make, render

BLANK_DATE = "le ……………… (date du dépôt, après l’envoi de la lettre recommandée"


def text(kind: str, data: dict) -> str:
    output = render(make(kind, data, today=TODAY), "text")
    assert isinstance(output, str)
    return output.replace("\u00a0", " ").replace("\u202f", " ")


def with_letters(*dates: str, signed: str = "2026-11-20") -> dict:
    """The sous-préfecture persona (no letter logged), with registered letters sent on `dates`."""
    data = copy.deepcopy(persona("sous-prefecture-guichet-temoin"))
    data["signature"]["date"] = signed
    data["tentatives"] += [
        {"date": day, "moyen": "lrar", "preuve": f"lrar-{day}.pdf"} for day in dates
    ]
    return data


# (letters logged, signature date, the référé's date line, the letter's first words after the
# salutation, what the letter must not say)
ORDER = [
    ((), "2026-11-20", f"Fait au Havre, {BLANK_DATE}", "Je souhaite déposer", "Relance"),
    (("2026-11-13",), "2026-11-20", "Fait au Havre, le 20 novembre 2026",
     "Par lettre recommandée avec avis de réception envoyée le 13 novembre 2026, je vous ai",
     "Je vous ai déjà adressé une lettre recommandée"),
    # Logged the day it is signed: that letter is this one, and the référé waits for its answer.
    (("2026-11-20",), "2026-11-20", f"Fait au Havre, {BLANK_DATE}", "Je souhaite déposer",
     "Relance"),
    (("2026-11-02", "2026-11-13"), "2026-11-20", "Fait au Havre, le 20 novembre 2026",
     "Par lettres recommandées avec avis de réception envoyées les 2 et 13 novembre 2026",
     "Je souhaite déposer"),
]  # fmt: skip


@pytest.mark.parametrize(("letters", "signed", "refere_date", "opening", "absent"), ORDER)
def test_documents_are_dated_in_the_order_they_are_sent(
    letters, signed, refere_date, opening, absent
):
    data = with_letters(*letters, signed=signed)
    refere, bordereau, lettre = (text(kind, data) for kind in ("refere", "bordereau", "lettre"))
    assert refere_date in refere
    assert refere_date in bordereau
    assert "Le Havre, le 20 novembre 2026" in lettre  # the letter is sent first, that day
    body = lettre.split("Monsieur le Sous-Préfet,\n\n", 1)[1]
    assert body.startswith(opening)
    assert absent not in lettre


def test_a_reminder_names_the_letter_it_follows_under_its_heading():
    lettre = text("lettre", with_letters("2026-11-13"))
    heading = lettre.split("Objet :", 1)[0]
    assert (
        "Relance de ma lettre recommandée avec avis de réception envoyée le 13 novembre 2026"
        in (heading)
    )
    body = lettre.split("Pièces jointes", 1)[0]
    assert body.count("13 novembre 2026") == 2  # the heading and the opening, not a third time


# (letters logged: date and whether their acknowledgement came back; what the reminder says
# it encloses; the exhibit listed, or None)
ENCLOSED = [
    ((("2026-11-13", ""),),
     "Une copie de cette lettre est jointe, avec la preuve de dépôt et l’avis de réception "
     "(pièce n° 4).",
     "Pièce n° 4 : Lettre recommandée adressée au sous-préfet du Havre le 13 novembre 2026, "
     "preuve de dépôt et avis de réception"),
    ((("2026-11-13", "non"),),
     "Une copie de cette lettre est jointe, avec la preuve de dépôt (pièce n° 4).",
     "Pièce n° 4 : Lettre recommandée adressée au sous-préfet du Havre le 13 novembre 2026 et "
     "preuve de dépôt\n"),
    ((("2026-11-02", "oui"), ("2026-11-13", "non")),
     "Une copie de ces lettres est jointe, avec les preuves de dépôt et les avis de réception "
     "(pièce n° 4).",
     "Pièce n° 4 : Lettres recommandées adressées au sous-préfet du Havre les 2 et 13 novembre "
     "2026, preuves de dépôt et avis de réception"),
    # Logged on the letter's own day: that letter is this one, not a copy to enclose.
    ((("2026-11-20", "oui"),), None, None),
]  # fmt: skip


@pytest.mark.parametrize(("letters", "said", "listed"), ENCLOSED)
def test_a_reminder_encloses_the_letters_it_follows_up(letters, said, listed):
    data = with_letters(*(day for day, _ in letters))
    for attempt in data["tentatives"][-len(letters) :]:
        attempt["accuse_reception"] = dict(letters)[attempt["date"]]
    lettre = text("lettre", data)
    if said is None:
        assert "Une copie de" not in lettre and "Lettre recommandée adressée" not in lettre
        return
    assert said in lettre
    assert listed in lettre + "\n"


# (office typed, formula of address, to whom the letters are said to have been written)
ADDRESSEES = [
    ("Sous-préfecture du Havre", "Monsieur le Sous-Préfet", "au sous-préfet du Havre"),
    ("Sous-préfecture d’Arles", "Madame la Sous-Préfète", "à la sous-préfète d’Arles"),
    # Written to the préfet (the formula says so), or no formula: the préfet, as the letter says.
    ("Sous-préfecture du Havre", "Monsieur le Préfet", "au préfet de la Seine-Maritime"),
    ("Sous-préfecture du Havre", "", "au préfet de la Seine-Maritime"),
    ("Préfecture de la Seine-Maritime", "Madame la Préfète", "à la préfète de la Seine-Maritime"),
]  # fmt: skip


@pytest.mark.parametrize(("office", "formule", "addressee"), ADDRESSEES)
def test_the_letters_are_said_sent_to_whom_they_were_written(office, formule, addressee):
    data = with_letters("2026-11-13")
    data["prefecture"].update(nom=office, formule=formule)
    for kind in ("lettre", "refere", "bordereau"):
        assert f"Lettre recommandée adressée {addressee} le 13 novembre 2026" in text(kind, data)
    refere = text("refere", data)
    assert f"J’ai adressé {addressee} une lettre recommandée" in refere
    # The judge's orders go to the préfet, who answers for the sous-préfecture.
    assert "d’enjoindre au préfet de la Seine-Maritime" in refere or "préfète" in addressee


def test_the_email_and_the_journal_keep_the_signature_day():
    data = with_letters()
    assert "Fait au Havre, le 20 novembre 2026" in text("journal", data)
    assert "date du dépôt" not in text("email", data)


# (channel, expiry, what the facts must say, what the petition must not say)
LATE = [
    ("anef", "2026-11-30",
     "« L’étranger qui dispose d’un document de séjour mentionné aux 2° à 8° de l’article "
     "L. 411-1 présente sa demande de titre de séjour entre le cent-vingtième jour et le "
     "soixantième jour", "R. 431-15-1"),
    ("anef", "2026-11-30", "au plus tard le 1er octobre 2026, soixante jours avant l’expiration",
     "« Lorsque sa demande porte sur un titre"),
    ("anef", "2026-11-30", "il ne prévoit pas qu’une demande présentée après ce délai ne soit pas "
     "enregistrée", "récépissé qui m’aurait été remis"),
    ("rdv_prefecture", "2026-10-01",
     "dont la demande ne relève pas du téléservice de l’article R. 431-2 : « Lorsque sa demande "
     "porte sur un titre de séjour ne figurant pas dans cette liste, il "
     "présente sa demande dans le courant des deux mois précédant l’expiration", "soixantième"),
    ("rdv_prefecture", "2026-10-01", "a expiré le 1er octobre 2026, avant mes premières "
     "démarches, qui datent du 19 octobre 2026", "au plus tard le"),
    ("demande_en_ligne", "2026-10-01", "dans le courant des deux mois", "soixantième"),
    ("inconnu", "2026-10-01", "dans les délais prévus par l’article R. 431-5 du CESEDA : mon titre",
     "« L’étranger qui dispose"),
]  # fmt: skip


def late_renewal(canal: str, expiry: str) -> dict:
    data = copy.deepcopy(persona("renouvellement-tardif-anef"))
    data["demarche"]["canal"] = canal
    data["demarche"]["expiration_titre"] = expiry
    if canal == "rdv_prefecture":
        data["tentatives"] = [
            {"date": t["date"], "moyen": "internet", "preuve": t["preuve"]}
            for t in data["tentatives"]
        ]
    return data


@pytest.mark.parametrize(("canal", "expiry", "present", "absent"), LATE)
def test_a_late_renewal_is_stated_in_the_petition_with_its_own_rule(canal, expiry, present, absent):
    written = text("refere", late_renewal(canal, expiry))
    facts = written.split("II. DISCUSSION", 1)[0]
    assert present in written
    assert absent not in written
    assert "délai prévu" in facts or "délais prévus" in facts


# The last two: channel unknown, started less than 60 days before the end but before it (the
# verdict warns; the petition cannot say which rule was missed).
IN_TIME = [("anef", "2027-03-31"), ("rdv_prefecture", "2026-12-15"), ("inconnu", "2027-03-31"),
           ("inconnu", "2026-11-30"), ("", "2026-11-30")]  # fmt: skip


@pytest.mark.parametrize(("canal", "expiry"), IN_TIME)
def test_a_renewal_in_time_says_nothing_of_a_delay(canal, expiry):
    facts = text("refere", late_renewal(canal, expiry)).split("II. DISC")[0]
    assert "R. 431-5" not in facts
    assert "hospitalisée" not in facts  # a reason given for a delay there is not


# (the reason as typed, what the petition says: right after the delay, before why the
# request must still be registered)
LATE_REASONS = [
    ("  j'ai été hospitalisée du 2 au 28 septembre 2026.  ",
     "Ce retard s’explique par les circonstances suivantes : j'ai été hospitalisée du 2 au 28 "
     "septembre 2026. Ce texte fixe le délai"),
    ("", "datent du 19 octobre 2026. Ce texte fixe le délai"),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "said"), LATE_REASONS)
@pytest.mark.parametrize("canal", ["anef", "rdv_prefecture", "inconnu"])
def test_the_reason_for_a_late_renewal_follows_the_delay(canal, typed, said):
    data = late_renewal(canal, "2026-10-01" if canal != "anef" else "2026-11-30")
    data["demarche"]["raison_retard"] = typed
    facts = " ".join(text("refere", data).split("II. DISCUSSION", 1)[0].split())
    assert said in facts
    assert facts.count("Ce retard s’explique") == (1 if typed else 0)


# (office typed, place logged with the visits, how the visit is told, what must not be)
COUNTER = [
    ("Sous-préfecture du Havre", "Sous-préfecture du Havre, accueil des étrangers",
     "au guichet (Sous-préfecture du Havre, accueil des étrangers)", "l’accueil de la préfecture"),
    ("Sous-préfecture du Havre", "", "à l’accueil de la sous-préfecture",
     "l’accueil de la préfecture"),
    ("", "", "à l’accueil de la préfecture", "sous-préfecture"),
    ("", "Préfecture de Rouen,  hall B", "au guichet (Préfecture de Rouen, hall B)",
     "l’accueil de la préfecture"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "start"),
    [("refere", "Les 4 et 16"), ("lettre", "J’ai égal"), ("attestation", "J’atteste avoir")],
)
@pytest.mark.parametrize(("office", "lieu", "told", "absent"), COUNTER)
def test_a_counter_visit_is_told_at_its_own_place(kind, start, office, lieu, told, absent):
    data = copy.deepcopy(persona("sous-prefecture-guichet-temoin"))
    data["prefecture"]["nom"] = office
    for attempt in data["tentatives"]:
        if attempt["moyen"] == "guichet":
            attempt["lieu"] = lieu
    sentence = next(line for line in text(kind, data).splitlines() if line.startswith(start))
    assert told in sentence
    assert absent not in sentence


def test_a_change_of_status_asks_for_another_card_not_a_renewal_of_the_card_held():
    facts = text("refere", persona("changement-statut-etudiant-salarie"))
    assert (
        "Je souhaite changer de statut et demander le titre de séjour suivant : carte de séjour "
        "temporaire « salarié » (fondement :" in facts
    )
    assert "en demander le changement de statut" not in facts
    data = copy.deepcopy(persona("changement-statut-etudiant-salarie"))
    data["demarche"]["titre"] = ""
    data["demarche"]["titre_actuel"] = ""
    assert "changer de statut et demander la délivrance d’un autre titre" in text("refere", data)


# (persona, what the holder's urgency says, what it must not)
HOLDER_URGENCY = [
    ("anef-renouvellement-prefete", "Aux termes du deuxième alinéa de l’article R. 431-15-1",
     "du récépissé qui m’aurait été remis"),
    ("anef-renouvellement-prefete", "sans titre de séjour ni document justifiant de la régularité",
     "sans récépissé ni titre"),
    ("changement-statut-etudiant-salarie", "je ne peux pas obtenir cette attestation",
     "récépissé qui m’aurait"),
    # Late: R. 431-15-1 speaks of a request filed in time; the attestation is not promised.
    ("renouvellement-tardif-anef", "je ne dispose d’aucun document justifiant de la régularité",
     "R. 431-15-1"),
    ("renouvellement-titre-expire", "du récépissé qui m’aurait été remis", "R. 431-15-1"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "present", "absent"), HOLDER_URGENCY)
def test_anef_urgency_speaks_of_the_attestation_not_a_recepisse(name, present, absent):
    written = text("refere", persona(name))
    assert present in written
    assert absent not in written


HOLDERS = ["renouvellement-tardif-anef", "changement-statut-etudiant-salarie",
           "renouvellement-titre-expire"]  # fmt: skip


@pytest.mark.parametrize("name", HOLDERS)
def test_the_end_of_the_card_held_is_told_once_among_the_reasons(name):
    data = persona(name)
    assert "titre_expire" in data["urgence"]["motifs"]
    written = text("refere", data)
    assert "précédent document de séjour" not in written
    assert "Mon titre de séjour" in written


@pytest.mark.parametrize("name", ["sous-prefecture-guichet-temoin", "anef-renouvellement-prefete"])
@pytest.mark.parametrize("kind", ["lettre", "email"])
def test_letters_give_the_period_once_without_depuis_le(name, kind):
    written = text(kind, persona(name))
    assert "Depuis le" not in written
    assert "du 19 octobre" in written


@pytest.mark.parametrize(
    ("town", "expected"),
    [("Le Havre", ("au ", "Havre")), ("Les Abymes", ("aux ", "Abymes")),
     ("Montreuil", ("à ", "Montreuil")), ("Le", ("à ", "Le")), ("  le  Mans ", ("au ", "Mans")),
     ("Lesneven", ("à ", "Lesneven"))],
)  # fmt: skip
def test_a_contracts_with_the_towns_article(town, expected):
    assert french.a(town) == expected


# (office typed, where the requests ask for the appointment)
OFFICES = [
    ("Sous-préfecture du Havre", "une date de rendez-vous à la sous-préfecture du Havre"),
    ("sous-préfecture  du Havre", "une date de rendez-vous à la sous-préfecture du Havre"),
    ("", "une date de rendez-vous en préfecture"),
    ("Préfecture de la Seine-Maritime", "une date de rendez-vous en préfecture"),
]


@pytest.mark.parametrize(("office", "asked"), OFFICES)
def test_the_requests_name_the_sous_prefecture_where_the_appointment_is_asked(office, asked):
    data = copy.deepcopy(persona("sous-prefecture-guichet-temoin"))
    data["prefecture"]["nom"] = office
    written = text("refere", data)
    opening = written.split("I. FAITS", 1)[0]
    motifs = written.split("PAR CES MOTIFS", 1)[1]
    assert asked in opening and asked in motifs
    assert "à la préfecture ou à la sous-préfecture" in written  # R. 431-3, summed up


# (as typed, as it goes inside a sentence that ends with its own full stop)
CLAUSES = [
    ("ligne saturée (captures jointes).", "ligne saturée (captures jointes)"),
    ("  trop   de monde ;  ", "trop de monde"),
    ("on m’a dit « Aucune démarche ne correspond à votre situation. »",
     "on m’a dit « Aucune démarche ne correspond à votre situation »"),
    ("on m’a dit « Revenez demain ! »", "on m’a dit « Revenez demain ! »"),
    ("fermé", "fermé"),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "told"), CLAUSES)
def test_the_persons_words_end_with_the_sentences_own_full_stop(typed, told):
    from rdv_forms.documents.writing import clause

    assert clause(typed) == told
