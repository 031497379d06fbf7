"""The honest verdict: one table row per rule, the issue's cases among them.

`today` is Sunday 22 November 2026 (ISO week 2026-W47) unless a row says otherwise. A row
gives the channel, the attempts as (day, kind, proof) and extra answers; it expects
(ready, first reason's code, every reason's code, référé allowed).
"""

from datetime import date

import pytest
from formsupport import TODAY, persona, variant
from rdv_forms import analyse
from rdv_forms.analysis import MIN_WEEKS

SHOT = "capture.png"
DETAILS = "Mon employeur ne peut pas me garder sans récépissé après le 15 décembre 2026."


def attempt(day, moyen="internet", preuve=SHOT, **extra):
    return {"date": day, "heure": "09:00", "moyen": moyen, "preuve": preuve, **extra}


def answers(canal, attempts, type_="renouvellement", departement="93", **extra):
    data = {
        "version": 2,
        "departement": departement,
        "demarche": {"type": type_, "canal": canal},
        "tentatives": [attempt(*row) if isinstance(row, tuple) else row for row in attempts],
        "urgence": {"motifs": ["emploi"], "details": DETAILS},
        "decision_anterieure": {"existe": "non"},
    }
    for key, value in extra.items():
        data[key] = {**data[key], **value} if isinstance(data.get(key), dict) else value
    return data


# Three proven website attempts a week over three ISO weeks (W45, W46, W47).
THREE_WEEKS = [
    (day, "internet")
    for day in (
        "2026-11-02", "2026-11-04", "2026-11-06",
        "2026-11-09", "2026-11-11", "2026-11-13",
        "2026-11-16", "2026-11-18", "2026-11-20",
    )
]  # fmt: skip
ANEF_THREE_WEEKS = [(day, "anef") for day, _ in THREE_WEEKS]
CCC = attempt("2026-11-10", "ccc", preuve="", reference="TICKET-1234")
PAN = attempt("2026-11-17", "pan", lieu="Préfecture de Bobigny", avec_temoin="oui")
# CE, réf., 10 juin 2020, n° 435594 rejected 4 screenshots, 1 letter, 1 e-mail over 5 days.
CE_435594_SAME_WEEK = [
    ("2026-11-16", "internet"),
    ("2026-11-17", "internet"),
    ("2026-11-18", "internet"),
    ("2026-11-20", "internet"),
    ("2026-11-18", "lrar"),
    ("2026-11-19", "courriel"),
]
CE_435594_TWO_WEEKS = [(f"2026-11-{day}", moyen) for day, moyen in
                       [("13", "internet"), ("14", "internet"), ("15", "lrar"),
                        ("16", "internet"), ("16", "courriel"), ("17", "internet")]]  # fmt: skip

CASES = {
    # id: (answers, ready, code, reasons, référé allowed)
    "three proven weeks on the website: ready": (
        answers("rdv_prefecture", THREE_WEEKS),
        True, "pret", [], True,
    ),
    "issue: two e-mails and no website attempt": (
        answers("rdv_prefecture", [("2026-11-02", "courriel"), ("2026-11-16", "courriel")]),
        False, "aucune_tentative", ["aucune_tentative"], True,
    ),
    "issue: one attempt": (
        answers("rdv_prefecture", [("2026-11-20", "internet")]),
        False, "semaines_insuffisantes", ["semaines_insuffisantes"], True,
    ),
    "issue: CE 435594, 4 screenshots + 1 letter + 1 e-mail in one week": (
        answers("rdv_prefecture", CE_435594_SAME_WEEK),
        False, "semaines_insuffisantes", ["semaines_insuffisantes"], True,
    ),
    "issue: CE 435594, the same over 5 days across two weeks": (
        answers("rdv_prefecture", CE_435594_TWO_WEEKS),
        False, "semaines_insuffisantes", ["semaines_insuffisantes"], True,
    ),
    "two weeks are not enough any more": (
        answers("rdv_prefecture", THREE_WEEKS[3:]),
        False, "semaines_insuffisantes", ["semaines_insuffisantes"], True,
    ),
    "attempts without a proof do not count": (
        answers("rdv_prefecture", [(day, "internet", "") for day, _ in THREE_WEEKS]),
        False, "aucune_tentative", ["aucune_tentative"], True,
    ),
    "e-mails and letters over three weeks are not the website": (
        answers("rdv_prefecture", [(day, "courriel") for day, _ in THREE_WEEKS]),
        False, "aucune_tentative", ["aucune_tentative"], True,
    ),
    "another channel's attempts do not count": (
        answers("rdv_prefecture", ANEF_THREE_WEEKS),
        False, "aucune_tentative", ["aucune_tentative"], True,
    ),
    "channel not given (a version 1 file)": (
        answers("", THREE_WEEKS),
        False, "canal_inconnu", ["canal_inconnu"], True,
    ),
    "channel unknown": (
        answers("inconnu", THREE_WEEKS),
        False, "canal_inconnu", ["canal_inconnu"], True,
    ),
    "ANEF without the help steps": (
        answers("anef", ANEF_THREE_WEEKS),
        False, "anef_ccc_manquant", ["anef_ccc_manquant", "anef_pan_manquant"], True,
    ),
    "ANEF with the CCC only": (
        answers("anef", [*ANEF_THREE_WEEKS, CCC]),
        False, "anef_pan_manquant", ["anef_pan_manquant"], True,
    ),
    "ANEF with the CCC and the PAN: ready": (
        answers("anef", [*ANEF_THREE_WEEKS, CCC, PAN]),
        True, "pret", [], True,
    ),
    "ANEF, the person says why the steps could not be taken: ready": (
        answers(
            "anef",
            ANEF_THREE_WEEKS,
            anef={"sans_ccc": "Le numéro ne répond jamais.", "sans_pan": "Aucun PAN ici."},
        ),
        True, "pret", [], True,
    ),
    "ANEF: the help steps alone, over three weeks, are the channel's own": (
        answers(
            "anef",
            [
                attempt("2026-11-03", "anef"),
                attempt("2026-11-05", "ccc", preuve="", reference="T-1"),
                attempt("2026-11-10", "ccc", preuve="", reference="T-2"),
                attempt("2026-11-17", "pan", preuve="attestation_pan.pdf"),
            ],
        ),
        True, "pret", [], True,
    ),
    "online request and reminders over three weeks: ready": (
        answers(
            "demande_en_ligne",
            [
                attempt("2026-11-02", "demande_en_ligne", reference="DS-7", accuse_reception="oui"),
                attempt("2026-11-12", "relance_en_ligne", reference="DS-778"),
                attempt("2026-11-19", "relance_en_ligne", reference="DS-778"),
            ],
        ),
        True, "pret", [], True,
    ),
    "online request with one reminder the same week": (
        answers(
            "demande_en_ligne",
            [
                attempt("2026-11-16", "demande_en_ligne", reference="DS-778"),
                attempt("2026-11-19", "relance_en_ligne", reference="DS-778"),
            ],
        ),
        False, "semaines_insuffisantes", ["semaines_insuffisantes"], True,
    ),
    "first application without facts of urgency": (
        answers("rdv_prefecture", THREE_WEEKS, "premiere_demande", urgence={"details": ""}),
        False, "urgence_a_preciser", ["urgence_a_preciser"], True,
    ),
    "first application, a ticked box is not a fact": (
        answers(
            "rdv_prefecture",
            THREE_WEEKS,
            "premiere_demande",
            urgence={"motifs": ["emploi", "logement"], "details": "Urgent."},
        ),
        False, "urgence_a_preciser", ["urgence_a_preciser"], True,
    ),
    "first application with facts: ready": (
        answers("rdv_prefecture", THREE_WEEKS, "premiere_demande"),
        True, "pret", [], True,
    ),
    "issue: naturalisation is never ready": (
        answers("rdv_prefecture", THREE_WEEKS, "naturalisation"),
        False, "naturalisation", ["naturalisation"], True,
    ),
    "a removal order and nobody named: no référé": (
        answers(
            "rdv_prefecture",
            THREE_WEEKS,
            decision_anterieure={"existe": "oui", "mesures": ["oqtf"]},
        ),
        False, "decision_anterieure", ["decision_anterieure"], False,
    ),
    "not knowing about a prior decision: no référé": (
        answers("rdv_prefecture", THREE_WEEKS, decision_anterieure={"existe": "ne_sait_pas"}),
        False, "decision_inconnue", ["decision_inconnue"], False,
    ),
    "a removal order with an association named": (
        answers(
            "rdv_prefecture",
            THREE_WEEKS,
            decision_anterieure={"existe": "oui", "mesures": ["refus_titre", "oqtf"]},
            association={"nom": "La Cimade, permanence de Bobigny"},
        ),
        False, "decision_a_rediger", ["decision_a_rediger"], True,
    ),
    "a removal order with a lawyer named": (
        answers(
            "rdv_prefecture",
            THREE_WEEKS,
            decision_anterieure={"existe": "oui", "mesures": ["interdiction_retour"]},
            avocat={"nom": "BERNARD", "barreau": "Seine-Saint-Denis"},
        ),
        # The petition's part on the decision is left to the lawyer: a blank, never « ready ».
        False, "decision_a_rediger", ["decision_a_rediger"], True,
    ),
    "judge B1: the prior decision question left unanswered": (
        answers("rdv_prefecture", THREE_WEEKS, decision_anterieure={"existe": ""}),
        False, "decision_anterieure_a_dire", ["decision_anterieure_a_dire"], True,
    ),
    "judge B2: not sure of a prior decision, an association named": (
        answers("rdv_prefecture", THREE_WEEKS, decision_anterieure={"existe": "ne_sait_pas"},
                association={"nom": "La Cimade"}),
        False, "decision_a_rediger", ["decision_a_rediger"], True,
    ),
    "judge B6: family reunification is never ready": (
        answers("rdv_prefecture", THREE_WEEKS, "regroupement_familial"),
        False, "regroupement_familial", ["regroupement_familial"], True,
    ),
    "every reason is listed, the blocking one first": (
        answers("anef", [("2026-11-20", "anef")], "naturalisation",
                decision_anterieure={"existe": "oui"}),
        False, "decision_anterieure",
        ["decision_anterieure", "semaines_insuffisantes", "anef_ccc_manquant",
         "anef_pan_manquant", "naturalisation"],
        False,
    ),
    "filed on ANEF, no answer: no référé, even with counsel named": (
        answers("anef", [*ANEF_THREE_WEEKS, CCC, PAN], anef={"blocages": ["pas_de_reponse"]},
                association={"nom": "La Cimade"}),
        False, "anef_deposee", ["anef_deposee"], False,
    ),
    "an ANEF error only: the référé is made": (
        answers("anef", [*ANEF_THREE_WEEKS, CCC, PAN], anef={"blocages": ["message_erreur"]}),
        True, "pret", [], True,
    ),
    "ANEF renewal tried before its window opened (R. 431-5): nothing proven yet": (
        answers("anef", [*ANEF_THREE_WEEKS, CCC, PAN], demarche={"expiration_titre": "2027-04-30"}),
        False, "aucune_tentative", ["aucune_tentative"], True,
    ),
    "outside the CESEDA": (
        answers("rdv_prefecture", THREE_WEEKS, departement="987"),
        False, "hors_champ", ["hors_champ"], False,
    ),
}  # fmt: skip


@pytest.mark.parametrize(
    ("data", "ready", "code", "reasons", "refere_allowed"), CASES.values(), ids=CASES.keys()
)
def test_verdict_table(data, ready, code, reasons, refere_allowed):
    result = analyse(data, today=TODAY).verdict
    assert (result.ready, result.code, result.refere_allowed) == (ready, code, refere_allowed)
    assert [reason.code for reason in result.reasons] == reasons
    assert result.draft is not ready
    assert (result.refere_block is None) is refere_allowed


@pytest.mark.parametrize(("data", "ready", "code", "reasons", "refere_allowed"), CASES.values())
def test_every_reason_is_in_every_language_and_says_what_to_do(
    data, ready, code, reasons, refere_allowed
):
    result = analyse(data, today=TODAY).verdict
    for lang in ("en", "es", "pt", "ru", "ar", "fa"):
        assert result.message.render(lang) != result.message.render("fr"), lang
        for reason in result.reasons:
            assert reason.message.render(lang) != reason.message.render("fr"), (lang, reason)


def _proven_channel_weeks(data) -> int:
    """Counted here from the raw answers, independently of the analysis."""
    own = {
        "anef": {"anef", "ccc", "pan"},
        "rdv_prefecture": {"internet"},
        "demande_en_ligne": {"demande_en_ligne", "relance_en_ligne"},
    }.get(data["demarche"]["canal"], set())
    weeks = {
        date.fromisoformat(t["date"]).isocalendar()[:2]
        for t in data["tentatives"]
        if t["moyen"] in own
        and (t.get("preuve") or t.get("reference"))
        and date.fromisoformat(t["date"]) <= TODAY
    }
    return len(weeks)


@pytest.mark.parametrize("data", [case[0] for case in CASES.values()], ids=CASES.keys())
def test_never_ready_without_proof_over_three_weeks_of_the_channel_itself(data):
    if analyse(data, today=TODAY).verdict.ready:
        assert _proven_channel_weeks(data) >= MIN_WEEKS


@pytest.mark.parametrize("name", ["etudiant", "naturalisation", "exemple-renouvellement"])
def test_no_persona_of_version_1_is_ready(name):
    # They predate the channel question: the verdict asks it before anything else.
    result = analyse(persona(name), today=TODAY).verdict
    assert not result.ready and result.code == "canal_inconnu"


def test_the_week_to_reach_is_named():
    data = answers("rdv_prefecture", [("2026-11-20", "internet")])
    message = analyse(data, today=TODAY).verdict.message.render("fr")
    assert "semaine du 30 novembre 2026" in message
    assert "plusieurs essais par semaine" in message


def test_the_removal_order_explanation_says_why_and_whom_to_see():
    data = answers("rdv_prefecture", THREE_WEEKS, decision_anterieure={"existe": "oui"})
    block = analyse(data, today=TODAY).verdict.refere_block
    text = block.message.render("fr")
    assert "adresse à la préfecture" in text and "association" in text and "avocat" in text


def test_the_verdict_as_the_api_gives_it():
    data = answers("rdv_prefecture", THREE_WEEKS, decision_anterieure={"existe": "ne_sait_pas"})
    shown = analyse(data, today=TODAY).to_dict("en")["verdict"]
    assert set(shown) == {
        "ready", "code", "message", "reasons", "draft", "refere_allowed", "refere_block",
    }  # fmt: skip
    assert shown["draft"] is True and shown["refere_allowed"] is False
    assert shown["refere_block"]["code"] == "decision_inconnue"
    assert shown["reasons"][0] == shown["refere_block"]


# Warnings: (answers, today, code expected or None for none of WARNING_CODES, fragment)
WARNING_CODES = {"renouvellement_tardif", "regroupement_familial", "outre_mer", "essais_trop_tot"}
EXPIRY_DEC = {"expiration_titre": "2026-12-31"}  # the ANEF window closed on 1 November 2026
WARNINGS = {
    "ANEF renewal started after the 60th day": (
        answers("anef", ANEF_THREE_WEEKS, demarche=EXPIRY_DEC),
        "renouvellement_tardif", "1er novembre 2026",
    ),
    "ANEF renewal started in the window": (
        answers("anef", ANEF_THREE_WEEKS, demarche={"expiration_titre": "2027-01-20"}),
        None, None,
    ),
    "ANEF renewal tried before the 120th day": (
        answers("anef", ANEF_THREE_WEEKS, demarche={"expiration_titre": "2027-03-10"}),
        "essais_trop_tot", "avant le 10 novembre 2026",
    ),
    "website renewal started before expiry": (
        answers("rdv_prefecture", THREE_WEEKS, demarche=EXPIRY_DEC),
        None, None,
    ),
    "website renewal started after expiry": (
        answers("rdv_prefecture", THREE_WEEKS, demarche={"expiration_titre": "2026-10-31"}),
        "renouvellement_tardif", "31 octobre 2026",
    ),
    "channel unknown: both rules are told": (
        answers("inconnu", THREE_WEEKS, demarche=EXPIRY_DEC),
        "renouvellement_tardif", "deux mois",
    ),
    "Mayotte": (answers("rdv_prefecture", THREE_WEEKS, departement="976"), "outre_mer", "Mayotte"),
    "Guyane": (answers("rdv_prefecture", THREE_WEEKS, departement="973"), "outre_mer", "Guyane"),
    "La Réunion has no specific warning yet": (
        answers("rdv_prefecture", THREE_WEEKS, departement="974"),
        None, None,
    ),
}  # fmt: skip


@pytest.mark.parametrize(("data", "code", "fragment"), WARNINGS.values(), ids=WARNINGS.keys())
def test_warnings_table(data, code, fragment):
    notices = analyse(data, today=TODAY).notices
    found = {notice.code: notice.message.render("fr") for notice in notices}
    if code is None:
        assert not WARNING_CODES & set(found)
    else:
        assert fragment in found[code]
        for lang in ("en", "ar"):
            message = next(n.message for n in notices if n.code == code)
            assert message.render(lang) != message.render("fr")


def test_a_week_with_one_attempt_is_pointed_out():
    data = answers("rdv_prefecture", [(d, "internet") for d, _ in THREE_WEEKS[::3]])
    assert analyse(data, today=TODAY).verdict.ready
    codes = {n.code for n in analyse(data, today=TODAY).notices}
    assert "un_essai_par_semaine" in codes
    assert "un_essai_par_semaine" not in {
        n.code for n in analyse(answers("rdv_prefecture", THREE_WEEKS), today=TODAY).notices
    }


def test_the_other_reasons_are_also_warnings_for_todays_page():
    # The page shows the verdict's message and the warnings: every reason must be in one.
    data = answers("anef", ANEF_THREE_WEEKS, "naturalisation")
    analysis = analyse(data, today=TODAY)
    codes = [notice.code for notice in analysis.notices]
    assert analysis.verdict.code == "anef_ccc_manquant"
    assert {"anef_pan_manquant", "naturalisation"} <= set(codes)
    assert "anef_ccc_manquant" not in codes


def test_a_variant_persona_on_the_website_channel_is_ready():
    data = variant(
        "etudiant",
        **{"demarche.canal": "rdv_prefecture", "version": 2},
    )
    data["decision_anterieure"] = {"existe": "non"}
    result = analyse(data, today=TODAY).verdict
    assert result.ready, [r.code for r in result.reasons]


@pytest.mark.parametrize(
    ("data", "cited"),
    [
        (answers("rdv_prefecture", THREE_WEEKS), True),
        (answers("anef", [*ANEF_THREE_WEEKS, CCC, PAN]), False),
    ],
)
def test_ce_435594_is_cited_only_for_the_booking_website(data, cited):
    # The decision is about booking on the préfecture's website (point 4).
    result = analyse(data, today=TODAY).verdict
    assert result.ready
    assert ("435594" in result.message.render("fr")) is cited
    assert result.message.render("en") != result.message.render("fr")


def test_one_reminder_a_week_is_not_pointed_out_for_an_online_request():
    data = answers(
        "demande_en_ligne",
        [
            attempt("2026-11-02", "demande_en_ligne", reference="DS-7"),
            attempt("2026-11-12", "relance_en_ligne", reference="DS-7"),
            attempt("2026-11-19", "relance_en_ligne", reference="DS-7"),
        ],
    )
    assert "un_essai_par_semaine" not in {n.code for n in analyse(data, today=TODAY).notices}


def test_the_page_is_told_the_refere_does_not_apply_and_why():
    import json

    from rdv_forms.api import handle

    data = answers("rdv_prefecture", THREE_WEEKS, decision_anterieure={"existe": "oui"})
    request = {"action": "kinds", "answers": data, "today": TODAY.isoformat(), "lang": "en"}
    kinds = {k["name"]: k for k in json.loads(handle(json.dumps(request)))["kinds"]}
    assert kinds["refere"]["applies"] is False
    assert "association" in kinds["refere"]["reason"]
    assert kinds["lettre"]["applies"] is True
