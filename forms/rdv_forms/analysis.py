"""What the attempts log shows: a summary, a readiness verdict, and advice. Pure: `today` is given.

The verdict follows the Conseil d'État: a person who shows that they could not get an
appointment « malgré plusieurs tentatives n'ayant pas été effectuées la même semaine » may ask
the juge des référés to order the préfet to give one (CE, réf., 10 juin 2020, n° 435594, point
4). La Cimade and the Gisti read it in 2020 as « plus d'une semaine de preuves »; judges now
usually want several weeks, with several attempts a week. A "ready" verdict that a judge would
reject harms the person more than no verdict, so the rules are strict (`RULES` lists them):

- the channel's own attempts (`CHANNEL_MOYENS`), with a proof noted, fall in at least
  `MIN_WEEKS` different ISO calendar weeks; e-mails and letters do not count for this;
- on ANEF, the help steps of the arrêté of 1 August 2023 are recorded (centre de contact
  citoyens, point d'accueil numérique) or the person says why they could not take them;
- a first application states concrete facts of urgency;
- a naturalisation is never "ready" (urgency is almost never admitted);
- a prior refusal or removal order (or not knowing) stops the référé until a lawyer or an
  association is named: filing gives the préfecture the person's address, and the judge cannot
  order a measure that would block a decision already taken.

Everything else is a warning: a late renewal (art. R. 431-5 CESEDA), family reunification, the
overseas territories with rules of their own.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, time, timedelta

from . import courts
from .answers import MOYENS, Answers, Tentative, pending_questions
from .i18n import N_, Message, msg, msg_n
from .records import field, record

MIN_WEEKS = 3  # different ISO calendar weeks with a proven attempt on the channel itself
STALE_AFTER_DAYS = 14
MIN_URGENCY_CHARS = 40  # a first application: at least a sentence of facts, not a ticked box
# Art. R. 431-5 CESEDA: a title on the R. 431-2 list (ANEF) is applied for between the 120th
# and the 60th day before the current one expires; any other in the two months before.
ANEF_LAST_DAY_BEFORE_EXPIRY = 60
ANEF_FIRST_DAY_BEFORE_EXPIRY = 120

# The attempts that prove the channel itself was tried. An e-mail or a letter supports a
# file; it does not show that the website, ANEF or the online form failed.
CHANNEL_MOYENS = {
    "anef": ("anef", "ccc", "pan"),
    "rdv_prefecture": ("internet",),
    "demande_en_ligne": ("demande_en_ligne", "relance_en_ligne"),
}
REPEATED_MOYENS = ("internet", "anef")
CHANNEL_NAMES = {
    "anef": N_("l’ANEF (le service en ligne national)"),
    "rdv_prefecture": N_("le site de la préfecture"),
    "demande_en_ligne": N_("le formulaire de demande en ligne de la préfecture"),
}
# Overseas territories with rules of their own on removal and appeals (LAW-2026): until the
# guide has read them, the person is warned and sent to an association.
OVERSEAS_OWN_RULES = ("971", "973", "976", "977", "978")

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
class Notice:
    """A warning or a hint; each one says what to do."""

    code: str
    message: Message


@record
class Verdict:
    """Ready or not, and why; whether a référé may be made at all, and why not.

    `code`/`message` are the first reason; `reasons` lists every one (all must be dealt with).
    `draft` is true whenever the file is not ready: documents made now are drafts.
    `refere_allowed` is false when no référé may be produced (out of scope; a prior refusal or
    removal order, or not knowing, with no lawyer or association named): `refere_block` says
    why and whom to see.
    """

    ready: bool
    code: str
    message: Message
    reasons: tuple[Notice, ...] = ()
    refere_allowed: bool = True
    refere_block: Notice | None = None

    @property
    def draft(self) -> bool:
        return not self.ready

    def to_dict(self, lang: str = "fr") -> dict[str, object]:
        block = self.refere_block
        return {
            "ready": self.ready,
            "code": self.code,
            "message": self.message.render(lang),
            "reasons": [
                {"code": reason.code, "message": reason.message.render(lang)}
                for reason in self.reasons
            ],
            "draft": self.draft,
            "refere_allowed": self.refere_allowed,
            "refere_block": (
                {"code": block.code, "message": block.message.render(lang)} if block else None
            ),
        }


@record
class Analysis:
    summary: Summary
    verdict: Verdict
    notices: tuple[Notice, ...] = field(default_factory=tuple)
    in_scope: bool = True
    channel_weeks: tuple[str, ...] = ()  # weeks with a proven attempt on the channel itself
    pending: tuple[str, ...] = ()  # version 2 questions still to ask (`pending_questions`)

    def to_dict(self, lang: str = "fr") -> dict[str, object]:
        return {
            "summary": {**self.summary.to_dict(), "channel_weeks": list(self.channel_weeks)},
            "pending": list(self.pending),
            "verdict": self.verdict.to_dict(lang),
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


def channel_attempts(answers: Answers, today: date) -> list[Tentative]:
    """The attempts, up to today, that prove the channel itself was tried, with a proof noted
    (a file, or the ticket or request number that the préfecture or the ANTS can check). An
    ANEF renewal tried before its window opened (art. R. 431-5) proves nothing: too early."""
    moyens = CHANNEL_MOYENS.get(answers.demarche.canal, ())
    opens = anef_window_opens(answers)
    return [
        t
        for t in past_attempts(answers.tentatives, today)
        if t.moyen in moyens
        and (t.preuve or t.reference)
        and not (opens is not None and t.date is not None and t.date < opens)
    ]


def anef_window_opens(answers: Answers) -> date | None:
    """Art. R. 431-5 CESEDA, 1°: the first day a renewal filed on ANEF may be applied for,
    the 120th before the current title ends; None for anything else."""
    demarche = answers.demarche
    expiry = demarche.expiration_titre
    if demarche.type != "renouvellement" or demarche.canal != "anef" or expiry is None:
        return None
    return expiry - timedelta(days=ANEF_FIRST_DAY_BEFORE_EXPIRY)


def _too_early(answers: Answers, today: date) -> Notice | None:
    """ANEF attempts made before the renewal window opened: not counted, and said so."""
    opens = anef_window_opens(answers)
    if opens is None:
        return None
    early = [
        t
        for t in past_attempts(answers.tentatives, today)
        if t.moyen == "anef" and t.date is not None and t.date < opens
    ]
    if not early:
        return None
    return Notice(
        "essais_trop_tot",
        msg_n(
            "%(n)s essai sur l’ANEF date d’avant le %(debut)s, premier jour pour demander le "
            "renouvellement de votre titre (article R. 431-5 du CESEDA) : il ne prouve pas un "
            "blocage, et il n’est pas compté. Faites vos essais à partir de cette date.",
            "%(n)s essais sur l’ANEF datent d’avant le %(debut)s, premier jour pour demander le "
            "renouvellement de votre titre (article R. 431-5 du CESEDA) : ils ne prouvent pas "
            "un blocage, et ils ne sont pas comptés. Faites vos essais à partir de cette date.",
            len(early),
            debut=opens,
        ),
    )


def proven_weeks(answers: Answers, today: date) -> tuple[str, ...]:
    """The ISO calendar weeks in which the channel's own attempts are proven."""
    return tuple(sorted({iso_week(t.date) for t in channel_attempts(answers, today) if t.date}))


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _weeks_until_ready(weeks: tuple[str, ...], today: date) -> date:
    """The Monday of the week in which `MIN_WEEKS` weeks can be reached, trying every week."""
    missing = MIN_WEEKS - len(weeks)
    this_week_counts = iso_week(today) not in weeks
    return _monday(today) + timedelta(weeks=missing - (1 if this_week_counts else 0))


def _has_counsel(answers: Answers) -> bool:
    lawyer = answers.avocat is not None and bool(answers.avocat.nom)
    return lawyer or bool(answers.association.nom)


def refere_block(answers: Answers) -> Notice | None:
    """Why no référé may be produced for these answers (besides the territories outside the
    CESEDA), or None. A request already filed on ANEF and left unanswered stops it; a prior
    refusal or removal order, or not knowing, stops it until a lawyer or an association is
    named."""
    if answers.demarche.canal == "anef" and "pas_de_reponse" in answers.anef.blocages:
        # Filed on ANEF, no answer: the petition asks for a request to be registered that the
        # person could not file, which is not their case; a judge would reject it. Another
        # remedy is needed, chosen with counsel, who writes it: no draft, even with counsel.
        return Notice(
            "anef_deposee",
            msg(
                "Vous avez déposé votre demande sur l’ANEF, mais rien ne vient. La requête de cet "
                "outil demande au juge de faire enregistrer une demande que la personne n’a pas "
                "pu déposer : ce n’est pas votre situation, et le juge la rejetterait. Une demande "
                "déposée restée sans réponse appelle un autre recours : montrez votre dossier "
                "(numéro de demande, messages de l’ANEF) à une association d’aide aux étrangers "
                "ou à un avocat. La requête ne sera pas préparée."
            ),
        )
    existe = answers.decision_anterieure.existe
    if existe not in ("oui", "ne_sait_pas") or _has_counsel(answers):
        return None
    if existe == "oui":
        return Notice(
            "decision_anterieure",
            msg(
                "Vous avez déjà reçu un refus de titre de séjour, une obligation de quitter le "
                "territoire français (OQTF) ou une interdiction de retour. Dans ce cas, ne "
                "saisissez pas le juge seul : votre recours donne votre adresse à la préfecture, "
                "et le juge des référés ne peut pas ordonner une mesure qui gênerait une "
                "décision déjà prise. Montrez vos papiers à une association d’aide aux étrangers "
                "ou à un avocat, puis écrivez son nom ici. La requête ne sera pas préparée "
                "avant."
            ),
        )
    return Notice(
        "decision_inconnue",
        msg(
            "Vous ne savez pas si vous avez reçu un refus de titre de séjour, une obligation de "
            "quitter le territoire français (OQTF) ou une interdiction de retour. Vérifiez-le "
            "d’abord avec une association d’aide aux étrangers ou un avocat, avec vos courriers "
            "de la préfecture : si une telle décision existe, un recours donnerait votre "
            "adresse à la préfecture. La requête ne sera pas préparée avant."
        ),
    )


def _channel_reasons(answers: Answers, today: date) -> list[Notice]:
    canal = answers.demarche.canal
    if canal not in CHANNEL_MOYENS:
        return [
            Notice(
                "canal_inconnu",
                msg(
                    "Dites d’abord comment se fait votre demande : sur l’ANEF (le service en "
                    "ligne national), par un rendez-vous sur le site de la préfecture, ou par un "
                    "formulaire de demande en ligne de la préfecture. La page de votre titre sur "
                    "le site de la préfecture, ou le courrier reçu, le dit. Les preuves à "
                    "réunir en dépendent."
                ),
            )
        ]
    name = msg(CHANNEL_NAMES[canal])
    weeks = proven_weeks(answers, today)
    reasons = []
    if not weeks:
        reasons.append(
            Notice(
                "aucune_tentative",
                msg(
                    "Aucun essai prouvé n’est noté pour %(canal)s. Essayez plusieurs fois par "
                    "semaine, à des jours et à des heures différents, pendant au moins %(min)s "
                    "semaines, et gardez une preuve de chaque essai (capture d’écran avec la "
                    "date et l’heure, numéro de ticket ou accusé de réception).",
                    canal=name,
                    min=MIN_WEEKS,
                ),
            )
        )
    elif len(weeks) < MIN_WEEKS:
        reasons.append(
            Notice(
                "semaines_insuffisantes",
                msg_n(
                    "Vos essais prouvés pour %(canal)s tombent sur %(n)s semaine seulement. Les "
                    "juges veulent en général des essais sur plusieurs semaines, avec plusieurs "
                    "essais par semaine : continuez au moins jusqu’à la semaine du %(date)s "
                    "(%(min)s semaines différentes). Les courriels et les lettres aident, mais "
                    "ne remplacent pas ces essais.",
                    "Vos essais prouvés pour %(canal)s tombent sur %(n)s semaines seulement. Les "
                    "juges veulent en général des essais sur plusieurs semaines, avec plusieurs "
                    "essais par semaine : continuez au moins jusqu’à la semaine du %(date)s "
                    "(%(min)s semaines différentes). Les courriels et les lettres aident, mais "
                    "ne remplacent pas ces essais.",
                    len(weeks),
                    canal=name,
                    date=_weeks_until_ready(weeks, today),
                    min=MIN_WEEKS,
                ),
            )
        )
    if canal == "anef":
        reasons.extend(_anef_reasons(answers, today))
    return reasons


def _anef_reasons(answers: Answers, today: date) -> list[Notice]:
    """The help steps of the arrêté of 1 August 2023, recorded or explained."""
    moyens = {t.moyen for t in past_attempts(answers.tentatives, today)}
    reasons = []
    if "ccc" not in moyens and not answers.anef.sans_ccc:
        reasons.append(
            Notice(
                "anef_ccc_manquant",
                msg(
                    "Sur l’ANEF, il faut d’abord demander de l’aide au centre de contact "
                    "citoyens (CCC) de l’ANTS, par téléphone ou par son formulaire de contact. "
                    "Notez ce contact : la date et le numéro de ticket. Si vous n’avez pas pu le "
                    "faire, écrivez pourquoi."
                ),
            )
        )
    if "pan" not in moyens and not answers.anef.sans_pan:
        reasons.append(
            Notice(
                "anef_pan_manquant",
                msg(
                    "Allez ensuite à un point d’accueil numérique (PAN), en préfecture ou en "
                    "sous-préfecture, si possible avec un témoin. Notez cette visite : la date "
                    "et le lieu. Si vous n’avez pas pu y aller, écrivez pourquoi."
                ),
            )
        )
    return reasons


def _situation_reasons(answers: Answers) -> list[Notice]:
    reasons = []
    urgence = answers.urgence
    if answers.demarche.type == "premiere_demande" and len(urgence.details) < MIN_URGENCY_CHARS:
        reasons.append(
            Notice(
                "urgence_a_preciser",
                msg(
                    "Pour une première demande, le juge veut des faits précis qui montrent "
                    "l’urgence : un emploi perdu ou promis, des droits coupés, des soins, une "
                    "date à tenir. Décrivez-les avec vos mots, avec les dates, et gardez les "
                    "justificatifs. Cocher une case ne suffit pas."
                ),
            )
        )
    if answers.demarche.type == "regroupement_familial":
        # Not a residence permit: the petition's case law on permits does not fit it.
        reasons.append(
            Notice(
                "regroupement_familial",
                msg(
                    "Le regroupement familial ne se demande pas comme un titre de séjour : la "
                    "demande suit sa propre procédure, avec l’Office français de l’immigration "
                    "et de l’intégration (OFII). Vérifiez avec une association par quel moyen et "
                    "auprès de quelle autorité votre demande se dépose avant de saisir le juge : "
                    "ce dossier ne peut pas être dit prêt avant."
                ),
            )
        )
    if answers.demarche.type == "naturalisation":
        reasons.append(
            Notice(
                "naturalisation",
                msg(
                    "Pour une naturalisation, le juge admet très rarement l’urgence : ce dossier "
                    "ne peut pas être dit prêt. Demandez conseil à une association ou à un "
                    "avocat avant de saisir le tribunal."
                ),
            )
        )
    return reasons


def _blank_reasons(answers: Answers, departement: courts.Departement | None) -> list[Notice]:
    """What would leave the petition with a blank or an unproven assertion: never « ready ».

    The obstacle section asserts « aucune décision n'a été prise » only when the person said
    « non »; unanswered, the question stops the verdict. A decision already taken leaves the
    argument on it to the lawyer or the association (a blank); so does an unknown address of
    the préfecture or of the tribunal."""
    reasons = []
    existe = answers.decision_anterieure.existe
    if not existe:
        reasons.append(
            Notice(
                "decision_anterieure_a_dire",
                msg(
                    "Dites si vous avez déjà reçu un refus de titre de séjour, une obligation de "
                    "quitter le territoire français (OQTF) ou une interdiction de retour. La "
                    "requête affirme qu’aucune décision n’a été prise seulement si vous répondez "
                    "non."
                ),
            )
        )
    elif existe in ("oui", "ne_sait_pas") and _has_counsel(answers):  # else refere_block says
        reasons.append(
            Notice(
                "decision_a_rediger",
                msg(
                    "La partie de la requête sur la décision déjà prise (ou peut-être prise) est "
                    "laissée en blanc : votre avocat ou votre association doit la rédiger après "
                    "avoir vu la décision."
                ),
            )
        )
    reasons.extend(
        n for n in _address_notices(answers, departement) if n.code == "adresse_inconnue"
    )
    return reasons


def verdict(answers: Answers, departement: courts.Departement | None, today: date) -> Verdict:
    if departement is not None and not departement.in_scope:
        outside = Notice("hors_champ", _out_of_scope(departement))
        return Verdict(False, outside.code, outside.message, (outside,), False, outside)
    block = refere_block(answers)
    reasons = [*([block] if block else []), *_channel_reasons(answers, today)]
    reasons.extend(_situation_reasons(answers))
    reasons.extend(_blank_reasons(answers, departement))
    if reasons:
        first = reasons[0]
        return Verdict(False, first.code, first.message, tuple(reasons), block is None, block)
    weeks = proven_weeks(answers, today)
    canal = msg(CHANNEL_NAMES[answers.demarche.canal])
    if answers.demarche.canal != "rdv_prefecture":
        # CE 435594 is about booking on the préfecture's website: it is not cited for the
        # other channels (their petitions rest on R. 431-2 and CE 452798, or on the request).
        message = msg_n(
            "Vos essais prouvés pour %(canal)s tombent sur %(n)s semaine différente : vous "
            "pouvez saisir le juge. Continuez vos démarches jusqu’à l’audience.",
            "Vos essais prouvés pour %(canal)s tombent sur %(n)s semaines différentes : vous "
            "pouvez saisir le juge. Continuez vos démarches jusqu’à l’audience.",
            len(weeks),
            canal=canal,
        )
        return Verdict(True, "pret", message)
    message = msg_n(
        "Vos essais prouvés pour %(canal)s tombent sur %(n)s semaine différente : vous pouvez "
        "saisir le juge (CE, réf., 10 juin 2020, n° 435594). Continuez vos essais, plusieurs "
        "fois par semaine, jusqu’à l’audience.",
        "Vos essais prouvés pour %(canal)s tombent sur %(n)s semaines différentes : vous "
        "pouvez saisir le juge (CE, réf., 10 juin 2020, n° 435594). Continuez vos essais, "
        "plusieurs fois par semaine, jusqu’à l’audience.",
        len(weeks),
        canal=canal,
    )
    return Verdict(True, "pret", message)


def _out_of_scope(departement: courts.Departement) -> Message:
    return msg(departement.hors_champ_message, territoire=departement.nom)


def notices(answers: Answers, summary: Summary, today: date) -> tuple[Notice, ...]:
    """Warnings first (what may sink the case), then hints (what would make it stronger)."""
    found: list[Notice] = []
    departement = courts.lookup(answers.departement)
    if departement is not None and not departement.in_scope:
        found.append(Notice("hors_champ", _out_of_scope(departement)))
    found.extend(_situation_notices(answers, departement, today))
    found.extend(_expiry_notices(answers, today))
    if answers.demandes.frais_l761_1_euros:
        # Art. L. 761-1 CJA: without a lawyer, only costs actually paid are likely to be granted.
        found.append(
            Notice(
                "frais_justificatifs",
                msg(
                    "Vous demandez le remboursement de vos frais : le juge ne rembourse en "
                    "général que des frais réellement payés et prouvés. Gardez chaque reçu "
                    "(timbres, lettres recommandées, copies, transports) et joignez-les à votre "
                    "requête."
                ),
            )
        )
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


def _situation_notices(
    answers: Answers, departement: courts.Departement | None, today: date
) -> list[Notice]:
    """Warnings that do not stop the file but change the advice."""
    found = []
    existe = answers.decision_anterieure.existe
    if existe in ("oui", "ne_sait_pas") and _has_counsel(answers):
        found.append(
            Notice(
                "decision_anterieure_conseil",
                msg(
                    "Vous avez indiqué un refus ou une mesure d’éloignement (ou vous n’en êtes "
                    "pas sûr) : montrez chaque document à votre avocat ou à votre association "
                    "avant de l’envoyer."
                ),
            )
        )
    if departement is not None and departement.code in OVERSEAS_OWN_RULES:
        found.append(
            Notice(
                "outre_mer",
                msg(
                    "%(territoire)s : des règles particulières s’appliquent aux mesures "
                    "d’éloignement et aux recours. Demandez conseil à une association ou à un "
                    "avocat sur place avant de saisir le juge.",
                    territoire=departement.nom,
                ),
            )
        )
    late = _late_renewal(answers, today)
    if late is not None:
        found.append(late)
    early = _too_early(answers, today)
    if early is not None:
        found.append(early)
    found.extend(_rhythm_notices(answers, today))
    return found


@record
class LateRenewal:
    """A renewal started after the window of art. R. 431-5 CESEDA (1°), as the petition states
    it: `regle` is « anef » (the 120th to the 60th day before the end, for a title filed on
    ANEF), « deux_mois » (the two months before the end, for the others) or « inconnu » (the
    channel is not known: late under both rules only when started after the end)."""

    regle: str
    expiration: date
    limite: date  # the last day of the window
    debut: date  # the first attempt


def late_renewal(answers: Answers, today: date) -> LateRenewal | None:
    """Art. R. 431-5 CESEDA: a renewal whose first attempt falls after its window."""
    demarche = answers.demarche
    expiry = demarche.expiration_titre
    attempts = past_attempts(answers.tentatives, today)
    if demarche.type != "renouvellement" or expiry is None or not attempts:
        return None
    start = attempts[0].date
    if start is None:  # pragma: no cover - past attempts are dated
        return None
    anef_deadline = expiry - timedelta(days=ANEF_LAST_DAY_BEFORE_EXPIRY)
    if demarche.canal == "anef" and start > anef_deadline:
        return LateRenewal("anef", expiry, anef_deadline, start)
    if demarche.canal in ("rdv_prefecture", "demande_en_ligne") and start > expiry:
        return LateRenewal("deux_mois", expiry, expiry, start)
    if demarche.canal in ("", "inconnu") and start > anef_deadline:
        return LateRenewal("inconnu", expiry, anef_deadline, start)
    return None


def _late_renewal(answers: Answers, today: date) -> Notice | None:
    """Art. R. 431-5 CESEDA: a renewal started after its window. Trying is still allowed, but
    the person is told, and the petition must not hide it (refere.faits.hors_delai_r431_5)."""
    late = late_renewal(answers, today)
    if late is None:
        return None
    if late.regle == "anef":
        message = msg(
            "Pour un titre demandé sur l’ANEF, le renouvellement se demande entre le 120e et le "
            "60e jour avant la fin du titre (article R. 431-5 du CESEDA), donc au plus tard le "
            "%(limite)s. Vos démarches ont commencé le %(debut)s. Vous pouvez agir quand même, "
            "mais ne cachez pas ce retard : expliquez-le.",
            limite=late.limite,
            debut=late.debut,
        )
    elif late.regle == "deux_mois":
        message = msg(
            "Le renouvellement se demande dans les deux mois avant la fin du titre (article "
            "R. 431-5 du CESEDA). Votre titre a pris fin le %(fin)s et vos démarches ont "
            "commencé le %(debut)s. Vous pouvez agir quand même, mais ne cachez pas ce retard : "
            "expliquez-le.",
            fin=late.expiration,
            debut=late.debut,
        )
    else:
        message = msg(
            "Attention au délai (article R. 431-5 du CESEDA) : pour un titre demandé sur "
            "l’ANEF, le renouvellement se demande au plus tard 60 jours avant la fin du titre "
            "(ici le %(limite)s) ; pour les autres titres, dans les deux mois avant la fin. Vos "
            "démarches ont commencé le %(debut)s. Si vous êtes en retard, vous pouvez agir "
            "quand même, mais ne le cachez pas.",
            limite=late.limite,
            debut=late.debut,
        )
    return Notice("renouvellement_tardif", message)


def _rhythm_notices(answers: Answers, today: date) -> list[Notice]:
    """Several attempts a week: a week with a single proven attempt is weak. Only for the
    attempts a person can repeat at will (the website, ANEF), not for help-desk visits or
    reminders of an online request."""
    repeated = [t for t in channel_attempts(answers, today) if t.moyen in REPEATED_MOYENS]
    per_week = Counter(iso_week(t.date) for t in repeated if t.date)
    thin = sum(1 for count in per_week.values() if count < 2)
    if not thin:
        return []
    return [
        Notice(
            "un_essai_par_semaine",
            msg_n(
                "%(n)s semaine n’a qu’un seul essai prouvé : les juges veulent en général "
                "plusieurs essais par semaine, à des jours et des heures différents.",
                "%(n)s semaines n’ont qu’un seul essai prouvé : les juges veulent en général "
                "plusieurs essais par semaine, à des jours et des heures différents.",
                thin,
            ),
        )
    ]


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
        if given.nom and " ".join(given.nom.split()).casefold() != name.casefold():
            # Another office (a sous-préfecture): the documents leave its address blank rather
            # than put the préfecture's under its name, so ask for it.
            known_address = ""
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
    judged = verdict(answers, departement, today)
    # The verdict's other reasons come first among the warnings, so that a page or a command
    # line that shows the verdict's message and the warnings shows every reason.
    found = [*judged.reasons[1:], *notices(answers, summary, today)]
    shown: set[tuple[str, str]] = set()
    unique = []
    for notice in found:
        # The rendered text, not only the msgid: the tribunal's and the préfecture's address
        # notices share one msgid, and both must be shown.
        key = (notice.code, notice.message.render("fr"))
        if key not in shown:
            shown.add(key)
            unique.append(notice)
    return Analysis(
        summary=summary,
        verdict=judged,
        notices=tuple(unique),
        in_scope=departement is None or departement.in_scope,
        channel_weeks=proven_weeks(answers, today),
        pending=pending_questions(answers),
    )
