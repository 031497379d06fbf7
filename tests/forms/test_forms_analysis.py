"""The readiness verdict (CE, réf., 10 juin 2020, n° 435594) and the warnings."""

from datetime import date

import pytest
from formsupport import TODAY, persona, variant
from rdv_forms import analyse


def attempts(*days, moyen="internet"):
    return [{"date": day, "heure": "08:00", "moyen": moyen, "preuve": "x.png"} for day in days]


def answers_with(*days, **extra):
    return {"version": 1, "departement": "93", "tentatives": attempts(*days), **extra}


def verdict(data, today=TODAY):
    return analyse(data, today=today).verdict


def test_a_version_1_file_is_not_ready_until_the_channel_is_known():
    # The 2020 verdict said « prêt » from the weeks alone; the channel now decides the proof.
    result = verdict(persona("exemple-renouvellement"))
    assert (result.ready, result.code, result.draft) == (False, "canal_inconnu", True)
    assert "ANEF" in result.message.render("fr")


def test_weeks_are_iso_calendar_weeks():
    summary = analyse(
        answers_with("2026-12-28", "2027-01-02", "2027-01-04"), today=date(2027, 1, 5)
    ).summary
    assert summary.weeks == ("2026-W53", "2027-W01")
    assert summary.span_days == 8
    assert (summary.first, summary.last) == (date(2026, 12, 28), date(2027, 1, 4))


def test_future_attempts_are_not_counted_and_are_flagged():
    result = analyse(answers_with("2026-11-02", "2026-11-30"), today=TODAY)
    assert result.summary.count == 1 and result.summary.future == 1
    assert "tentative_future" in {notice.code for notice in result.notices}


def test_channels_are_counted():
    data = persona("renouvellement-titre-expire")
    channels = analyse(data, today=TODAY).summary.channels
    assert channels == {"internet": 10, "courriel": 2, "lrar": 1, "guichet": 1}


def codes(data, today=TODAY):
    return [notice.code for notice in analyse(data, today=today).notices]


def test_warnings_and_hints_by_persona():
    assert "naturalisation" in codes(persona("naturalisation"))
    assert "titre_expire" in codes(persona("renouvellement-titre-expire"))
    assert "titre_expire_bientot" in codes(persona("etudiant"))
    assert "hors_champ" in codes(persona("hors-champ-polynesie"))
    assert {"pas_de_courriel", "pas_de_lrar", "pas_de_temoin"} <= set(
        codes(persona("regroupement-familial"))
    )
    assert "preuves_manquantes" in codes(persona("guadeloupe"))
    assert "adresse_inconnue" in codes({"version": 1, "departement": "83"})


@pytest.mark.parametrize(
    ("expiry", "code", "fragment"),
    [
        ("2026-11-21", "titre_expire", "il y a 1 jour"),
        ("2026-11-22", "titre_expire", "aujourd’hui"),
        ("2026-12-12", "titre_expire_bientot", "dans 20 jours"),
    ],
)
def test_expiry_is_counted_in_days_from_today(expiry, code, fragment):
    data = variant("etudiant", **{"demarche.expiration_titre": expiry})
    notices = {n.code: n.message.render("fr") for n in analyse(data, today=TODAY).notices}
    assert fragment in notices[code]


def test_stale_attempts_are_flagged():
    assert "tentatives_anciennes" in codes(answers_with("2026-10-01", "2026-10-20"))
    assert "tentatives_anciennes" not in codes(answers_with("2026-11-01", "2026-11-20"))


def test_every_notice_is_translated():
    for name in ("naturalisation", "guadeloupe", "regroupement-familial", "hors-champ-polynesie"):
        for notice in analyse(persona(name), today=TODAY).notices:
            assert notice.message.render("en") != notice.message.render("fr")


def test_today_is_never_read_from_the_clock_inside():
    # Same answers, two "todays": the verdict follows the parameter only.
    data = {**answers_with("2026-11-16"), "demarche": {"canal": "rdv_prefecture"}}
    assert verdict(data, date(2026, 11, 17)).code == "semaines_insuffisantes"
    assert "30 novembre" in verdict(data, date(2026, 11, 17)).message.render("fr")
    assert "30 novembre" in verdict(data, date(2026, 11, 24)).message.render("fr")
    assert "7 décembre" in verdict(data, date(2026, 12, 1)).message.render("fr")
