"""What the attempts log shows: a summary, a readiness verdict, and advice. Pure: `today` is given.

The verdict follows the Conseil d'État: a person who shows that they could not get an
appointment « malgré plusieurs tentatives n'ayant pas été effectuées la même semaine » may ask
the juge des référés to order the préfet to give one (CE, réf., 10 juin 2020, n° 435594). La
Cimade and the Gisti read it as « plus d'une semaine de preuves »: we ask for attempts spanning
more than seven days and falling in at least two calendar weeks.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, time, timedelta

from . import courts
from .answers import MOYENS, Answers, Tentative
from .i18n import N_, Message, msg, msg_n
from .records import field, record

MIN_SPAN_DAYS = 8  # « plus d'une semaine »: first and last attempt at least 7 days apart
MIN_WEEKS = 2
STALE_AFTER_DAYS = 14

# Fields the documents need; a missing one is left blank for the person to fill by hand.
IMPORTANT_FIELDS = {
    "personne.nom": N_("nom"),
    "personne.prenom": N_("prénom"),
    "personne.date_naissance": N_("date de naissance"),
    "personne.nationalite": N_("nationalité"),
    "personne.adresse": N_("adresse"),
    "departement": N_("département"),
    "demarche.type": N_("démarche"),
    "signature.lieu": N_("lieu de signature"),
}


@record
class Summary:
    """The attempts made up to `today` (later ones are counted apart in `future`)."""

    count: int
    first: date | None
    last: date | None
    span_days: int  # from the first to the last attempt, both included
    weeks: tuple[str, ...]  # ISO calendar weeks, « 2026-W41 »
    channels: dict[str, int]
    future: int

    def to_dict(self) -> dict[str, object]:
        return {
            "count": self.count,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "span_days": self.span_days,
            "weeks": len(self.weeks),
            "week_list": list(self.weeks),
            "channels": dict(self.channels),
            "future": self.future,
        }


@record
class Verdict:
    ready: bool
    code: str
    message: Message


@record
class Notice:
    """A warning or a hint; each one says what to do."""

    code: str
    message: Message


@record
class Analysis:
    summary: Summary
    verdict: Verdict
    notices: tuple[Notice, ...] = field(default_factory=tuple)
    in_scope: bool = True

    def to_dict(self, lang: str = "fr") -> dict[str, object]:
        return {
            "summary": self.summary.to_dict(),
            "verdict": {
                "ready": self.verdict.ready,
                "code": self.verdict.code,
                "message": self.verdict.message.render(lang),
            },
            "warnings": [
                {"code": notice.code, "message": notice.message.render(lang)}
                for notice in self.notices
            ],
        }


def iso_week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def past_attempts(tentatives: tuple[Tentative, ...], today: date) -> list[Tentative]:
    """Dated attempts up to today, in date and time order."""
    dated = [t for t in tentatives if t.date is not None and t.date <= today]
    return sorted(dated, key=lambda t: (t.date, t.heure or time.min))


def summarise(tentatives: tuple[Tentative, ...], today: date) -> Summary:
    attempts = past_attempts(tentatives, today)
    future = sum(1 for t in tentatives if t.date is not None and t.date > today)
    counts = Counter(t.moyen for t in attempts)
    channels = {moyen: counts[moyen] for moyen in MOYENS if counts[moyen]}
    if not attempts:
        return Summary(0, None, None, 0, (), channels, future)
    dates = [t.date for t in attempts if t.date is not None]  # all of them: they are dated
    first, last = dates[0], dates[-1]
    weeks = tuple(sorted({iso_week(d) for d in dates}))
    return Summary(len(attempts), first, last, (last - first).days + 1, weeks, channels, future)


def verdict(summary: Summary, departement: courts.Departement | None, today: date) -> Verdict:
    if departement is not None and not departement.in_scope:
        return Verdict(False, "hors_champ", _out_of_scope(departement))
    if summary.count == 0 or summary.first is None:  # no first attempt without attempts
        return Verdict(
            False,
            "aucune_tentative",
            msg(
                "Aucune tentative n’est notée : essayez de prendre rendez-vous sur le site de la "
                "préfecture, à des jours et à des heures différents, et notez chaque essai avec "
                "une capture d’écran."
            ),
        )
    ready_on = max(summary.first + timedelta(days=MIN_SPAN_DAYS - 1), today)
    if len(summary.weeks) < MIN_WEEKS:
        return Verdict(
            False,
            "meme_semaine",
            msg(
                "Toutes vos tentatives sont dans la même semaine : continuez jusqu’au %(date)s au "
                "moins, puis vous pourrez saisir le juge.",
                date=ready_on,
            ),
        )
    if summary.span_days < MIN_SPAN_DAYS:
        return Verdict(
            False,
            "periode_trop_courte",
            msg_n(
                "Vos tentatives ne couvrent que %(n)s jour : continuez jusqu’au %(date)s au "
                "moins, puis vous pourrez saisir le juge.",
                "Vos tentatives ne couvrent que %(n)s jours : continuez jusqu’au %(date)s au "
                "moins, puis vous pourrez saisir le juge.",
                summary.span_days,
                date=ready_on,
            ),
        )
    return Verdict(
        True,
        "pret",
        msg_n(
            "Vos tentatives couvrent %(n)s jour sur %(semaines)s semaines différentes : vous "
            "pouvez saisir le juge (CE, réf., 10 juin 2020, n° 435594).",
            "Vos tentatives couvrent %(n)s jours sur %(semaines)s semaines différentes : vous "
            "pouvez saisir le juge (CE, réf., 10 juin 2020, n° 435594).",
            summary.span_days,
            semaines=len(summary.weeks),
        ),
    )


def _out_of_scope(departement: courts.Departement) -> Message:
    return msg(departement.hors_champ_message, territoire=departement.nom)


def notices(answers: Answers, summary: Summary, today: date) -> tuple[Notice, ...]:
    """Warnings first (what may sink the case), then hints (what would make it stronger)."""
    found: list[Notice] = []
    departement = courts.lookup(answers.departement)
    if departement is not None and not departement.in_scope:
        found.append(Notice("hors_champ", _out_of_scope(departement)))
    if answers.demarche.type == "naturalisation":
        found.append(
            Notice(
                "naturalisation",
                msg(
                    "Pour une demande de naturalisation, il est très difficile de montrer "
                    "l’urgence : le juge rejette souvent ces recours. Demandez conseil à une "
                    "association avant de saisir le tribunal."
                ),
            )
        )
    found.extend(_expiry_notices(answers, today))
    if summary.future:
        found.append(
            Notice(
                "tentative_future",
                msg_n(
                    "%(n)s tentative est datée après aujourd’hui : elle n’est pas comptée. "
                    "Corrigez sa date ou retirez-la.",
                    "%(n)s tentatives sont datées après aujourd’hui : elles ne sont pas comptées. "
                    "Corrigez leur date ou retirez-les.",
                    summary.future,
                ),
            )
        )
    if summary.last and (today - summary.last).days > STALE_AFTER_DAYS:
        found.append(
            Notice(
                "tentatives_anciennes",
                msg_n(
                    "Votre dernière tentative date du %(date)s, il y a %(n)s jour : le juge "
                    "apprécie l’urgence au jour où vous le saisissez. Faites de nouvelles "
                    "tentatives avant d’envoyer votre recours.",
                    "Votre dernière tentative date du %(date)s, il y a %(n)s jours : le juge "
                    "apprécie l’urgence au jour où vous le saisissez. Faites de nouvelles "
                    "tentatives avant d’envoyer votre recours.",
                    (today - summary.last).days,
                    date=summary.last,
                ),
            )
        )
    if summary.count and departement is not None and departement.in_scope:
        found.extend(_hints(answers, today))
    found.extend(_missing_fields(answers))
    found.extend(_address_notices(answers, departement))
    return tuple(found)


def _expiry_notices(answers: Answers, today: date) -> list[Notice]:
    expiry = answers.demarche.expiration_titre
    if expiry is None:
        return []
    days = (expiry - today).days
    if days < 0:
        message = msg_n(
            "Votre titre de séjour a expiré il y a %(n)s jour (le %(date)s) : dites-le dans vos "
            "courriers et joignez une copie du titre, c’est un élément fort de l’urgence.",
            "Votre titre de séjour a expiré il y a %(n)s jours (le %(date)s) : dites-le dans vos "
            "courriers et joignez une copie du titre, c’est un élément fort de l’urgence.",
            -days,
            date=expiry,
        )
        return [Notice("titre_expire", message)]
    if days == 0:
        message = msg(
            "Votre titre de séjour expire aujourd’hui (%(date)s) : envoyez vos courriers sans "
            "attendre et joignez une copie du titre.",
            date=expiry,
        )
        return [Notice("titre_expire", message)]
    message = msg_n(
        "Votre titre de séjour expire dans %(n)s jour (le %(date)s) : mentionnez cette date "
        "dans vos courriers et joignez une copie du titre.",
        "Votre titre de séjour expire dans %(n)s jours (le %(date)s) : mentionnez cette date "
        "dans vos courriers et joignez une copie du titre.",
        days,
        date=expiry,
    )
    return [Notice("titre_expire_bientot", message)]


def _hints(answers: Answers, today: date) -> list[Notice]:
    attempts = past_attempts(answers.tentatives, today)
    hints = []
    without_proof = sum(1 for t in attempts if not t.preuve)
    if without_proof:
        hints.append(
            Notice(
                "preuves_manquantes",
                msg_n(
                    "%(n)s tentative n’a pas de preuve notée : gardez pour chaque tentative une "
                    "capture d’écran lisible, avec l’adresse du site, la date et l’heure. Des "
                    "captures illisibles ont déjà fait rejeter un recours.",
                    "%(n)s tentatives n’ont pas de preuve notée : gardez pour chaque tentative "
                    "une capture d’écran lisible, avec l’adresse du site, la date et l’heure. Des "
                    "captures illisibles ont déjà fait rejeter un recours.",
                    without_proof,
                ),
            )
        )
    moyens = {t.moyen for t in attempts}
    if "courriel" not in moyens:
        hints.append(
            Notice(
                "pas_de_courriel",
                msg(
                    "Aucun courriel au service des étrangers n’est noté : envoyez le courriel "
                    "proposé et gardez-en une copie."
                ),
            )
        )
    if "lrar" not in moyens:
        hints.append(
            Notice(
                "pas_de_lrar",
                msg(
                    "Aucune lettre recommandée avec avis de réception n’est notée : envoyez la "
                    "lettre proposée et gardez la preuve de dépôt et l’avis de réception."
                ),
            )
        )
    if answers.temoin is None or not answers.temoin.nom:
        hints.append(
            Notice(
                "pas_de_temoin",
                msg(
                    "Aucun témoin n’est indiqué : si vous le pouvez, présentez-vous à l’accueil "
                    "de la préfecture avec une personne qui attestera par écrit du refus de vous "
                    "donner un rendez-vous."
                ),
            )
        )
    demarche = answers.demarche
    expiry_shown = demarche.type == "renouvellement" and demarche.expiration_titre is not None
    if not answers.urgence.motifs and not answers.urgence.details and not expiry_shown:
        hints.append(
            Notice(
                "urgence_a_justifier",
                msg(
                    "Aucune raison d’urgence n’est indiquée : expliquez ce que le retard vous "
                    "fait perdre (emploi, logement, droits sociaux, études, vie de famille) et "
                    "gardez les justificatifs."
                ),
            )
        )
    return hints


def _missing_fields(answers: Answers) -> list[Notice]:
    data = answers.to_dict()
    missing = []
    for path, label in IMPORTANT_FIELDS.items():
        value: object = data
        for key in path.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        if not value:
            missing.append(msg(label))
    if not missing:
        return []
    return [
        Notice(
            "champs_manquants",
            msg(
                "Certains renseignements manquent (%(champs)s) : ils resteront en blanc dans les "
                "documents, à compléter à la main.",
                champs=tuple(missing),
            ),
        )
    ]


def _address_notices(answers: Answers, departement: courts.Departement | None) -> list[Notice]:
    if departement is None or not departement.in_scope:
        return []
    found = []
    places = (
        (answers.tribunal, departement.tribunal, departement.tribunal_adresse),
        (answers.prefecture, departement.prefecture, departement.prefecture_adresse),
    )
    for given, name, known_address in places:
        if given.adresse:
            continue
        if known_address:
            message = msg(
                "L’adresse proposée pour « %(lieu)s » vient d’un annuaire public (%(annee)s) : "
                "vérifiez-la sur son site avant d’envoyer votre courrier.",
                lieu=given.nom or name,
                annee=courts.DATA_DATE,
            )
            found.append(Notice("adresse_a_verifier", message))
        else:
            message = msg(
                "Nous n’avons pas d’adresse sûre pour « %(lieu)s » : cherchez-la sur son site et "
                "ajoutez-la, sinon elle restera en blanc dans les documents.",
                lieu=given.nom or name,
            )
            found.append(Notice("adresse_inconnue", message))
    return found


def analyse(answers: Answers, *, today: date) -> Analysis:
    departement = courts.lookup(answers.departement)
    summary = summarise(answers.tentatives, today)
    return Analysis(
        summary=summary,
        verdict=verdict(summary, departement, today),
        notices=notices(answers, summary, today),
        in_scope=departement is None or departement.in_scope,
    )
