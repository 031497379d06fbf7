"""The référé mesures utiles (article L. 521-3 of the code de justice administrative).

Rewritten from the model petition of La Cimade and the Gisti, with the law in force since
1 May 2021 (articles R. 431-2 and R. 431-3 of the CESEDA instead of R. 311-1). Case law is
quoted word for word from the sources in `sources/seeds/`, in quotation marks, with its
citation. The petition speaks in the first person; when a lawyer files it, in the third
(« la requérante »).
"""

from __future__ import annotations

from datetime import date

from .. import french
from ..analysis import iso_week
from ..answers import Answers
from .exhibits import Exhibits, plan
from .model import (
    Blank,
    Break,
    Document,
    ExhibitList,
    Heading,
    ItemList,
    Paragraph,
    Run,
    Runs,
    Signature,
    Text,
    Value,
)
from .urgence import details, urgency_items
from .writing import (
    MOYEN_LABELS,
    TITRE_DE_SEJOUR,
    Voice,
    Writer,
    dates_enumerees,
    expiration,
    horaires_par_mois,
    punctuate,
    runs,
    stem,
)

TITLE = "Requête en référé mesures utiles"

# Quotations, word for word from the sources (apostrophes set in French typography).
L521_3 = (
    "« En cas d'urgence et sur simple requête qui sera recevable même en l'absence de décision "
    "administrative préalable, le juge des référés peut ordonner toutes autres mesures utiles "
    "sans faire obstacle à l'exécution d'aucune décision administrative »"
)
CE_2020_POINT_3 = (
    "« 3. Eu égard aux conséquences qu'a sur la situation d'un étranger, notamment sur son droit "
    "à se maintenir en France et, dans certains cas, à y travailler, la détention du récépissé "
    "qui lui est en principe remis après l'enregistrement de sa demande et au droit qu'il a de "
    "voir sa situation examinée au regard des dispositions relatives au séjour des étrangers en "
    "France, il incombe à l'autorité administrative, après lui avoir fixé un rendez-vous, de le "
    "recevoir en préfecture et, si son dossier est complet, de procéder à l'enregistrement de sa "
    "demande, dans un délai raisonnable."
)
CE_2020_POINT_4 = (
    "4. Lorsque le rendez-vous ne peut être obtenu qu'en se connectant au site internet de la "
    "préfecture, il résulte de ce qui a été dit au point 3 que, si l'étranger établit qu'il n'a "
    "pu obtenir une date de rendez-vous, malgré plusieurs tentatives n'ayant pas été effectuées "
    "la même semaine, il peut demander au juge des référés, saisi sur le fondement de l'article "
    "L 521-3 du code de justice administrative, d'enjoindre au préfet de lui communiquer, dans "
    "un délai qu'il fixe, une date de rendez-vous. Si la situation de l'étranger le justifie, le "
    "juge peut préciser le délai maximal dans lequel ce rendez-vous doit avoir lieu. Il fixe un "
    "délai bref en cas d'urgence particulière. »"
)
CE_2020 = "(CE, réf., 10 juin 2020, n° 435594)"
CE_2001_QUOTE = (
    "« il appartient au juge des référés, saisi d'une demande de suspension d'une décision "
    "refusant la délivrance d'un titre de séjour; d'apprécier et de motiver l'urgence compte "
    "tenu de l'incidence immédiate du refus de titre de séjour sur la situation concrète de "
    "l'intéressé ; que cette condition d'urgence sera en principe constatée dans le cas d'un "
    "refus de renouvellement du titre de séjour, comme d'ailleurs d'un retrait de celui-ci ; "
    "que, dans les autres cas, il appartient au requérant de justifier de circonstances "
    "particulières caractérisant la nécessité pour lui de bénéficier à très bref délai d'une "
    "mesure provisoire dans l'attente d'une décision juridictionnelle statuant sur la légalité "
    "de la décision litigieuse (...) »"
)
CE_2001 = "(CE, 14 mars 2001, n° 229773)"
R431_3 = (
    "« La demande de titre de séjour ne figurant pas dans la liste mentionnée à l'article "
    "R. 431-2, est effectuée à Paris, à la préfecture de police et, dans les autres départements, "
    "à la préfecture ou à la sous-préfecture »"
)
TA_MELUN_2023 = (
    "« Le décret du 24 mars 2021, dont sont issues les dispositions de l'article R. 431-2, a été "
    "partiellement annulé par une décision n° 452798 du Conseil d'Etat du 3 juin 2022 en tant "
    "qu'il ne prévoyait pas de mesures de substitution destinées, par exception, à répondre au "
    "cas où, alors même que l'étranger aurait préalablement accompli toutes les diligences qui "
    "lui incombent et aurait notamment fait appel au dispositif d'accueil et d'accompagnement "
    "prévu, il se trouverait dans l'impossibilité d'utiliser le téléservice pour des raisons "
    "tenant à la conception de cet outil ou à son mode de fonctionnement. »"
)
TA_MELUN = "(TA Melun, 6 avril 2023, n° 2102923 et 2106217, point 17)"
TA_MONTREUIL_QUOTE = (
    "« La circonstance qu'un demandeur soit en situation irrégulière ne fait pas obstacle à ce "
    "qu'il sollicite son admission au séjour et il appartient à l'autorité administrative de "
    "permettre à l'étranger de voir son cas examiné dans un délai raisonnable, l'enregistrement "
    "d'une demande ne préjugeant d'ailleurs pas des suites données à son instruction par les "
    "services compétents. »"
)
TA_MONTREUIL = "(TA Montreuil, réf., 17 octobre 2019, n° 1911188)"

# One sentence per other channel of the log: (first person, third person).
CHANNEL_SENTENCES = {
    "courriel": (
        "J’ai adressé au service des étrangers de la préfecture {what} {dates}, pour signaler "
        "ces difficultés et demander un rendez-vous{ref}.",
        "{R} a adressé au service des étrangers de la préfecture {what} {dates}, pour signaler "
        "ces difficultés et demander un rendez-vous{ref}.",
    ),
    "lrar": (
        "J’ai adressé {au_prefet} {what} {dates}, dans le même but{ref}.",
        "{R} a adressé {au_prefet} {what} {dates}, dans le même but{ref}.",
    ),
    "guichet": (
        "{Dates}, j’ai tenté d’obtenir un rendez-vous à l’accueil de la préfecture, sans "
        "succès{ref}.",
        "{Dates}, {r} a tenté d’obtenir un rendez-vous à l’accueil de la préfecture, sans "
        "succès{ref}.",
    ),
    "guichet_temoin": (
        "{Dates}, j’ai tenté d’obtenir un rendez-vous à l’accueil de la préfecture, en présence "
        "de {temoin}, qui en atteste{ref}. Aucun rendez-vous ne m’a été donné.",
        "{Dates}, {r} a tenté d’obtenir un rendez-vous à l’accueil de la préfecture, en présence "
        "de {temoin}, qui en atteste{ref}. Aucun rendez-vous ne lui a été donné.",
    ),
    "telephone": (
        "J’ai tenté de joindre la préfecture par téléphone {dates}, sans obtenir de "
        "rendez-vous{ref}.",
        "{R} a tenté de joindre la préfecture par téléphone {dates}, sans obtenir de "
        "rendez-vous{ref}.",
    ),
    "defenseur_des_droits": (
        "J’ai sollicité la médiation du Défenseur des droits {dates}{ref}.",
        "{R} a sollicité la médiation du Défenseur des droits {dates}{ref}.",
    ),
    # The blank model shows the usual three, to cross out or complete by hand.
    "modele": (
        "J’ai adressé un courriel au service des étrangers le {d1} ({ref1}) et une lettre "
        "recommandée avec avis de réception {au_prefet} le {d2} ({ref2}), pour signaler ces "
        "difficultés et demander un rendez-vous. Le {d3}, j’ai tenté d’obtenir un rendez-vous à "
        "l’accueil de la préfecture, en présence d’un témoin qui en atteste ({ref3}).",
        "{R} a adressé un courriel au service des étrangers le {d1} ({ref1}) et une lettre "
        "recommandée avec avis de réception {au_prefet} le {d2} ({ref2}), pour signaler ces "
        "difficultés et demander un rendez-vous. Le {d3}, {r} a tenté d’obtenir un rendez-vous à "
        "l’accueil de la préfecture, en présence d’un témoin qui en atteste ({ref3}).",
    ),
}
CHANNEL_OBJECTS = {
    "courriel": ("un courriel", "des courriels"),
    "lrar": (
        "une lettre recommandée avec avis de réception",
        "des lettres recommandées avec avis de réception",
    ),
}

# (singular, plural, feminine) for « une tentative », « un courriel »…
CHANNEL_COUNTS = {
    "internet": (
        "tentative sur le site internet de la préfecture",
        "tentatives sur le site internet de la préfecture",
    ),
    "courriel": ("courriel", "courriels"),
    "lrar": ("lettre recommandée", "lettres recommandées"),
    "guichet": ("démarche au guichet", "démarches au guichet"),
    "telephone": ("appel téléphonique", "appels téléphoniques"),
    "defenseur_des_droits": (
        "saisine du Défenseur des droits",
        "saisines du Défenseur des droits",
    ),
}


FEMININE = ("internet", "lrar", "guichet", "defenseur_des_droits")


def make_refere(answers: Answers, *, blank: bool = False, today: date) -> Document:
    w = Writer(answers, blank=blank, today=today)
    lawyer = w.a.avocat if (w.a.avocat is not None and w.a.avocat.nom) else None
    voice = Voice(w, third=lawyer is not None)
    exhibits = plan(w, "refere")
    r = _Refere(w, voice, exhibits, lawyer)
    blocks = [
        Heading(runs("REQUÊTE EN RÉFÉRÉ MESURES UTILES"), 1),
        w.p("(article L. 521-3 du code de justice administrative)", "center"),
        *r.addressee(),
        *r.parties(),
        *r.request(),
        Heading(runs("I. FAITS ET PROCÉDURE"), 2),
        *r.facts(),
        Heading(runs("II. DISCUSSION"), 2),
        *r.discussion(),
        Heading(runs("PAR CES MOTIFS"), 2),
        *r.conclusions(),
        r.signature(),
        ExhibitList("Pièces jointes (voir le bordereau)", exhibits.freeze()),
    ]
    return Document(
        kind="refere",
        title=TITLE,
        filename=stem("refere-mesures-utiles", w),
        blocks=tuple(blocks),
        exhibits=exhibits.freeze(),
    )


class _Refere:
    def __init__(self, w: Writer, voice: Voice, exhibits: Exhibits, lawyer) -> None:
        self.w, self.voice, self.exhibits, self.lawyer = w, voice, exhibits, lawyer

    def p(self, first: str, third: str, style: str = "body", **parts) -> Paragraph:
        return self.w.p(self.voice.say(first, third), style, **self.voice.parts, **parts)

    def runs(self, first: str, third: str, **parts) -> Runs:
        return runs(self.voice.say(first, third), **self.voice.parts, **parts)

    # The préfet, with the right contraction: « au préfet », « à la préfète », « du préfet ».
    def authority(self, preposition: str = "") -> Run:
        run = self.w.autorite()
        if not isinstance(run, Text) or not preposition:
            return run
        text = run.text
        if preposition == "à":
            text = "au " + text[3:] if text.startswith("le ") else "à " + text
        return Text(text)

    def authority_title(self) -> Run:
        """« Le préfet de la Seine-Saint-Denis », at the head of a line."""
        run = self.w.autorite()
        return Text(french.capitalise(run.text)) if isinstance(run, Text) else run

    def delay(self) -> Run | str:
        days = self.w.a.demandes.delai_jours
        if days:
            return Value(french.pluriel(days, "jour"))
        return Blank("nombre de jours") if self.w.blank else "quinze jours"

    # Header -------------------------------------------------------------------------------

    def addressee(self) -> list[Paragraph]:
        w = self.w
        return [
            Paragraph(
                (
                    Text("Au juge des référés"),
                    Break(),
                    w.tribunal_nom(),
                    Break(),
                    *w.tribunal_adresse(),
                ),
                "recipient",
            )
        ]

    def parties(self) -> list:
        w = self.w
        personne = w.a.personne
        lines: list[Runs] = [
            (*w.civilite_nom(), Text(",")),
            runs(
                "{naissance}, de nationalité {nationalite}{ref},",
                naissance=w.naissance(),
                nationalite=w.v(personne.nationalite, "nationalité"),
                ref=self.exhibits.paren("identite"),
            ),
            runs("demeurant {adresse}", adresse=w.inline(personne.adresse, "adresse")),
        ]
        contacts = [
            ("téléphone : {v}", personne.telephone, "téléphone"),
            ("courriel : {v}", personne.courriel, "courriel"),
            ("numéro d’étranger : {v}", personne.numero_etranger, ""),
        ]
        for template, value, label in contacts:
            if value or (w.blank and label):
                lines.append(runs(template, v=w.v(value, label)))
        pour: list = [Heading(runs("POUR :"), 3), Paragraph(_lines(lines), "address")]
        if self.lawyer is not None:
            pour.append(Paragraph(self.lawyer_lines(), "address"))
        contre = [
            Heading(runs("CONTRE :"), 3),
            Paragraph(
                (
                    self.authority_title(),
                    Break(),
                    w.prefecture_nom(),
                    Break(),
                    *w.prefecture_adresse(),
                ),
                "address",
            ),
        ]
        return [*pour, *contre]

    def lawyer_lines(self) -> Runs:
        lawyer = self.lawyer
        w = self.w
        opening = french.accord(
            lawyer.civilite, "ayant pour avocate", "ayant pour avocat", "ayant pour conseil"
        )
        name = w.nom_complet(lawyer)
        lines: list[Runs] = [runs(f"{opening} Maître {{nom}},", nom=name)]
        if lawyer.barreau:
            lines.append(runs("du barreau de {b},", b=Value(lawyer.barreau)))
        if lawyer.adresse:
            lines.append((w.inline(lawyer.adresse, ""),))
        for template, value in (
            ("téléphone : {v}", lawyer.telephone),
            ("courriel : {v}", lawyer.courriel),
        ):
            if value:
                lines.append(runs(template, v=Value(value)))
        return _lines(lines)

    def request(self) -> list[Paragraph]:
        w = self.w
        opening = self.p(
            "J’ai l’honneur de vous demander, sur le fondement de l’article L. 521-3 du code de "
            "justice administrative, d’enjoindre {au_prefet} de me convoquer à un rendez-vous "
            "en préfecture, dans un délai de {delai}, afin que je puisse déposer {demande}.",
            "{R} a l’honneur de vous demander, sur le fondement de l’article L. 521-3 du code de "
            "justice administrative, d’enjoindre {au_prefet} de convoquer {r} à un rendez-vous "
            "en préfecture, dans un délai de {delai}, afin de permettre le dépôt de {demande}.",
            au_prefet=self.authority("à"),
            delai=self.delay(),
            demande=w.demande(self.voice.say("ma", "sa")),
        )
        if w.type in TITRE_DE_SEJOUR or (w.blank and not w.type):
            basis = w.p(
                "Cette mesure est nécessaire au respect des articles R. 431-2 et R. 431-3 du code "
                "de l’entrée et du séjour des étrangers et du droit d’asile (CESEDA), qui fixent "
                "les modalités de dépôt des demandes de titre de séjour, et du principe d’égalité "
                "devant le service public."
            )
        else:
            basis = w.p(
                "Cette mesure est nécessaire au respect des principes d’égalité devant le service "
                "public et de continuité du service public."
            )
        return [opening, basis]

    # I. Facts -----------------------------------------------------------------------------

    def facts(self) -> list:
        w = self.w
        blocks: list = [self.situation()]
        blocks.append(
            w.p(
                "Le dépôt de cette demande est subordonné à la prise préalable d’un rendez-vous "
                "sur le site internet de la préfecture."
            )
        )
        blocks.extend(self.internet_attempts())
        other = self.other_channels()
        if other:
            blocks.append(Paragraph(other))
        blocks.extend(self.totals())
        blocks.append(
            self.p(
                "Ces démarches sont restées vaines : à ce jour, aucun rendez-vous ne m’a été "
                "proposé.",
                "Ces démarches sont restées vaines : à ce jour, aucun rendez-vous n’a été proposé "
                "à {r}.",
            )
        )
        return blocks

    def holds_permit(self) -> bool:
        """A renewal, or a change of status by someone whose current permit has a known end."""
        w = self.w
        return w.type == "renouvellement" or (
            w.type == "changement_situation" and w.a.demarche.expiration_titre is not None
        )

    def expired(self) -> bool:
        expiry = self.w.a.demarche.expiration_titre
        return expiry is not None and expiry < (self.w.date or self.w.today)

    def situation(self) -> Paragraph:
        w = self.w
        if self.holds_permit():
            titre = w.a.demarche.titre
            held = (Text(" ("), Value(titre), Text(")")) if titre else ()
            return Paragraph(
                (
                    *self.runs(
                        "J’étais titulaire d’un titre de séjour"
                        if self.expired()
                        else "Je suis titulaire d’un titre de séjour",
                        "{R} était titulaire d’un titre de séjour"
                        if self.expired()
                        else "{R} est titulaire d’un titre de séjour",
                    ),
                    *held,
                    *runs(" qui {expiration}", expiration=expiration(w)),
                    *self.exhibits.paren("titre"),
                    *self.runs(
                        ". Je souhaite en demander {objet}{fondement}.",
                        ". {R} souhaite en demander {objet}{fondement}.",
                        objet="le renouvellement"
                        if w.type == "renouvellement"
                        else "le changement de statut",
                        fondement=runs(" (fondement : {f})", f=Value(w.a.demarche.fondement))
                        if w.a.demarche.fondement
                        else "",
                    ),
                )
            )
        sentence = self.runs(
            "Je souhaite déposer {demande} auprès des services de la préfecture",
            "{R} souhaite déposer {demande} auprès des services de la préfecture",
            demande=w.demande(self.voice.say("ma", "sa")),
        )
        if w.type == "premiere_demande":
            tail = self.runs(
                ". Je ne dispose actuellement d’aucun titre de séjour.",
                ". {R} ne dispose actuellement d’aucun titre de séjour.",
            )
        else:
            tail = (Text("."),)
        return Paragraph((*sentence, *tail))

    def internet_attempts(self) -> list:
        w = self.w
        attempts = w.by_moyen("internet")
        if w.blank:
            return [
                self.p(
                    "Depuis le {debut}, je me connecte régulièrement à ce site, à des jours et à "
                    "des heures différents, pour tenter d’obtenir un rendez-vous, aux dates et "
                    "heures suivantes : {liste}. À chaque tentative, il a été impossible "
                    "d’obtenir un rendez-vous. J’ai conservé les captures d’écran de ces "
                    "tentatives ({ref}).",
                    "Depuis le {debut}, {r} se connecte régulièrement à ce site, à des jours et à "
                    "des heures différents, pour tenter d’obtenir un rendez-vous, aux dates et "
                    "heures suivantes : {liste}. À chaque tentative, il a été impossible "
                    "d’obtenir un rendez-vous. {R} a conservé les captures d’écran de ces "
                    "tentatives ({ref}).",
                    debut=Blank("date de la première tentative"),
                    liste=Blank("dates et heures des tentatives"),
                    ref=self.exhibits.ref("internet"),
                )
            ]
        if not attempts:
            return []
        count = len(attempts)
        how_often = "une fois" if count == 1 else f"à {count} reprises"
        intro = self.p(
            "J’ai tenté d’obtenir un rendez-vous sur ce site {combien}, {periode}, à des jours "
            "et à des heures différents :",
            "{R} a tenté d’obtenir un rendez-vous sur ce site {combien}, {periode}, à des jours "
            "et à des heures différents :",
            combien=Value(how_often),
            periode=Value(french.periode(attempts[0].date, attempts[-1].date)),
        )
        listing = ItemList(punctuate(horaires_par_mois(attempts)))
        outcome: list[Run] = list(
            runs("À chaque tentative, il a été impossible d’obtenir un rendez-vous.")
        )
        if "internet" in self.exhibits:
            outcome += [
                Text(" "),
                *self.runs(
                    "J’ai conservé les captures d’écran de ces tentatives ({ref}).",
                    "{R} a conservé les captures d’écran de ces tentatives ({ref}).",
                    ref=self.exhibits.ref("internet"),
                ),
            ]
        return [intro, listing, Paragraph(tuple(outcome))]

    def other_channels(self) -> Runs:
        """E-mails, letters, visits, calls, mediation: one sentence each, with its exhibit."""
        w = self.w
        if w.blank:
            return self.runs(*CHANNEL_SENTENCES["modele"], **self.blank_channel_parts())
        sentences: list[Runs] = []
        for moyen in ("courriel", "lrar", "guichet", "telephone", "defenseur_des_droits"):
            attempts = w.by_moyen(moyen)
            if not attempts:
                continue
            dates = dates_enumerees([t.date for t in attempts])
            witness = w.a.temoin if (w.a.temoin and w.a.temoin.nom) else None
            key = "guichet_temoin" if moyen == "guichet" and witness else moyen
            singular, plural = CHANNEL_OBJECTS.get(moyen, ("", ""))
            sentence = self.runs(
                *CHANNEL_SENTENCES[key],
                what=singular if len(attempts) == 1 else plural,
                dates=Value(dates),
                Dates=Value(french.capitalise(dates)),
                temoin=w.civilite_nom(witness) if witness else (),
                au_prefet=self.authority("à"),
                ref=self.exhibits.paren("defenseur" if moyen == "defenseur_des_droits" else moyen),
            )
            sentences.append((*sentence, Text(" ")))
        flat = [run for sentence in sentences for run in sentence]
        return tuple(flat[:-1])

    def blank_channel_parts(self) -> dict:
        return {
            "d1": Blank("date"),
            "d2": Blank("date"),
            "d3": Blank("date"),
            "au_prefet": self.authority("à"),
            "ref1": self.exhibits.ref("courriel"),
            "ref2": self.exhibits.ref("lrar"),
            "ref3": self.exhibits.ref("guichet"),
        }

    def totals(self) -> list:
        w = self.w
        if w.blank or not w.attempts:
            return []
        channels = []
        for moyen in MOYEN_LABELS:
            n = len(w.by_moyen(moyen))
            if n:
                singular, plural = CHANNEL_COUNTS[moyen]
                channels.append(french.quantite(n, singular, plural, feminin=moyen in FEMININE))
        journal = self.exhibits.paren("journal")
        return [
            Paragraph(
                (
                    *self.runs(
                        "Au total, j’ai accompli {total}, {periode}, {semaines} : {detail}",
                        "Au total, {r} a accompli {total}, {periode}, {semaines} : {detail}",
                        total=Value(french.pluriel(len(w.attempts), "démarche")),
                        periode=Value(french.periode(w.first, w.last)),
                        semaines=Value(self.weeks_text()),
                        detail=Value(french.enumeration(channels)),
                    ),
                    *journal,
                    Text("."),
                )
            )
        ]

    def weeks_text(self) -> str:
        weeks = len({iso_week(t.date) for t in self.w.attempts})
        return (
            "au cours d’une même semaine"
            if weeks == 1
            else f"au cours de {weeks} semaines différentes"
        )

    # II. Discussion -------------------------------------------------------------------------

    def discussion(self) -> list:
        w = self.w
        blocks: list = [
            w.p(
                "Aux termes de l’article L. 521-3 du code de justice administrative : {quote}.",
                quote=L521_3,
            ),
            w.p(
                "Les trois conditions posées par ce texte, l’urgence, l’utilité de la mesure "
                "demandée et l’absence d’obstacle à l’exécution d’une décision administrative, "
                "sont réunies en l’espèce."
            ),
            Heading(runs("1. Sur l’urgence"), 3),
            w.p("Le Conseil d’État a jugé, à propos de la prise de rendez-vous en préfecture :"),
            w.p(CE_2020_POINT_3, "quote"),
            w.p(CE_2020_POINT_4 + " " + CE_2020, "quote"),
            w.p(
                "S’agissant des titres de séjour, il juge par ailleurs, à propos du référé "
                "suspension, qu’{quote} {citation}.",
                quote=CE_2001_QUOTE,
                citation=CE_2001,
            ),
            *self.urgency(),
            Heading(runs("2. Sur l’utilité de la mesure demandée"), 3),
            *self.usefulness(),
            Heading(
                runs("3. Sur l’absence d’obstacle à l’exécution d’une décision administrative"),
                3,
            ),
            self.p(
                "La mesure demandée ne fait obstacle à l’exécution d’aucune décision "
                "administrative : aucune décision n’a été prise sur ma demande, que je n’ai "
                "précisément pas pu déposer. Il s’agit seulement d’en permettre l’enregistrement, "
                "qui ne préjuge pas de la suite qui lui sera donnée.",
                "La mesure demandée ne fait obstacle à l’exécution d’aucune décision "
                "administrative : aucune décision n’a été prise sur la demande de {r}, qui n’a "
                "précisément pas pu être déposée. Il s’agit seulement d’en permettre "
                "l’enregistrement, qui ne préjuge pas de la suite qui lui sera donnée.",
            ),
        ]
        return blocks

    def urgency(self) -> list:
        w = self.w
        refs = self.exhibits.ref(
            "journal", "internet", "courriel", "lrar", "guichet", "telephone", "defenseur"
        )
        blocks: list = []
        if w.blank:
            blocks.append(
                self.p(
                    "En l’espèce, je justifie de tentatives répétées, effectuées au cours de "
                    "semaines différentes, qui n’ont pas permis d’obtenir un rendez-vous ({refs}).",
                    "En l’espèce, {r} justifie de tentatives répétées, effectuées au cours de "
                    "semaines différentes, qui n’ont pas permis d’obtenir un rendez-vous ({refs}).",
                    refs=refs,
                )
            )
        elif w.attempts:
            blocks.append(
                Paragraph(
                    (
                        *self.runs(
                            "En l’espèce, je justifie de {total}, accomplies {periode}, "
                            "{semaines}, qui n’ont pas permis d’obtenir un rendez-vous",
                            "En l’espèce, {r} justifie de {total}, accomplies {periode}, "
                            "{semaines}, qui n’ont pas permis d’obtenir un rendez-vous",
                            total=Value(french.pluriel(len(w.attempts), "démarche")),
                            periode=Value(french.periode(w.first, w.last)),
                            semaines=Value(self.weeks_text()),
                        ),
                        *((Text(" ("), *refs, Text(")")) if refs else ()),
                        Text("."),
                    )
                )
            )
        blocks.extend(self.urgency_by_demarche())
        items = urgency_items(w, self.exhibits, self.voice, expiry=False)
        if items:
            blocks.append(
                self.p(
                    "Ma situation personnelle rend cette urgence particulièrement pressante :",
                    "La situation personnelle de {r} rend cette urgence particulièrement "
                    "pressante :",
                )
            )
            blocks.append(ItemList(punctuate(items)))
        if w.a.urgence.details:
            if self.voice.third:
                blocks.append(self.p("", "{R} expose sa situation en ces termes :"))
                blocks.append(
                    Paragraph((Text("« "), *details(w), Text(french.NNBSP + "»")), "quote")
                )
            else:
                blocks.append(w.p("J’ajoute les précisions suivantes :"))
                blocks.append(Paragraph(details(w)))
        blocks.append(w.p("La condition d’urgence est donc remplie."))
        return blocks

    def urgency_by_demarche(self) -> list:
        w = self.w
        kind = w.type
        if self.holds_permit():
            filed = "de renouvellement" if kind == "renouvellement" else "de changement de statut"
            return [
                Paragraph(
                    (
                        *self.runs(
                            "Mon titre de séjour {expiration}",
                            "Le titre de séjour de {r} {expiration}",
                            expiration=expiration(w),
                        ),
                        *self.exhibits.paren("titre"),
                        *self.runs(
                            f". Faute d’avoir pu déposer ma demande {filed}, je ne "
                            "dispose pas du récépissé qui m’aurait été remis lors de son "
                            "enregistrement et qui conditionne mon droit à me maintenir en "
                            "France et, le cas échéant, à y travailler. Je risque ainsi de "
                            "perdre les droits déjà acquis grâce à ce titre.",
                            f". Faute d’avoir pu déposer sa demande {filed}, {{r}} ne "
                            "dispose pas du récépissé qui lui aurait été remis lors de son "
                            "enregistrement et qui conditionne son droit à se maintenir en France "
                            "et, le cas échéant, à y travailler. {R} risque ainsi de perdre les "
                            "droits déjà acquis grâce à ce titre.",
                        ),
                    )
                ),
                w.p(
                    "Si l’urgence est en principe constatée en cas de refus de renouvellement "
                    "d’un titre de séjour (CE, 14 mars 2001, n° 229773, précité), il doit en "
                    "aller de même, a fortiori, lorsque l’administration empêche le dépôt même "
                    "de la demande de renouvellement."
                ),
            ]
        if kind == "premiere_demande":
            return [
                self.p(
                    "L’impossibilité de déposer ma demande empêche toute instruction de mon "
                    "dossier et me maintient en situation irrégulière, ce qui m’expose, en cas "
                    "de contrôle, à une interpellation et à une mesure d’éloignement.",
                    "L’impossibilité de déposer sa demande empêche toute instruction du dossier "
                    "de {r} et {la_maintient} en situation irrégulière, ce qui l’expose, en cas "
                    "de contrôle, à une interpellation et à une mesure d’éloignement.",
                    la_maintient=w.g("la maintient", "le maintient", "la maintient"),
                ),
                w.p(
                    "Or, comme l’a relevé le juge des référés du tribunal administratif de "
                    "Montreuil : {quote} {citation}.",
                    quote=TA_MONTREUIL_QUOTE,
                    citation=TA_MONTREUIL,
                ),
            ]
        consequence = {
            "regroupement_familial": self.voice.say(
                " Elle prolonge d’autant la séparation de ma famille.",
                " Elle prolonge d’autant la séparation de sa famille.",
            ),
            "titre_voyage_refugie": self.voice.say(
                " Sans ce document, je ne peux pas voyager hors de France.",
                " Sans ce document, {r} ne peut pas voyager hors de France.",
            ),
        }.get(kind, "")
        return [
            self.p(
                "L’impossibilité de déposer cette demande empêche toute instruction de mon dossier "
                "et porte atteinte à l’exercice de mes droits." + consequence,
                "L’impossibilité de déposer cette demande empêche toute instruction du dossier de "
                "{r} et porte atteinte à l’exercice de ses droits." + consequence,
            )
        ]

    def usefulness(self) -> list:
        w = self.w
        blocks: list = []
        if w.type in TITRE_DE_SEJOUR or (w.blank and not w.type):
            blocks.append(
                w.p(
                    "Les demandes de titre de séjour sont présentées au moyen d’un téléservice "
                    "pour les titres figurant sur la liste prévue à l’article R. 431-2 du CESEDA "
                    "et, pour les autres, en préfecture. Aux termes de l’article R. 431-3 du même "
                    "code : {quote}.",
                    quote=R431_3,
                )
            )
            blocks.append(
                w.p(
                    "Lorsque l’administration impose le recours à un téléservice, elle doit "
                    "prévoir des mesures de substitution pour les usagers qui, malgré leurs "
                    "diligences, ne parviennent pas à l’utiliser. Comme l’a rappelé le tribunal "
                    "administratif de Melun : {quote} {citation}.",
                    quote=TA_MELUN_2023,
                    citation=TA_MELUN,
                )
            )
            blocks.append(
                self.p(
                    "En subordonnant le dépôt de ma demande à un rendez-vous impossible à "
                    "obtenir, sans autre voie d’accès effective, l’administration me prive de "
                    "toute possibilité de la déposer. Seule une convocation en préfecture "
                    "permettra son enregistrement, qui conditionne la remise d’un récépissé et "
                    "l’examen de ma situation.",
                    "En subordonnant le dépôt de sa demande à un rendez-vous impossible à "
                    "obtenir, sans autre voie d’accès effective, l’administration prive {r} de "
                    "toute possibilité de la déposer. Seule une convocation en préfecture "
                    "permettra son enregistrement, qui conditionne la remise d’un récépissé et "
                    "l’examen de sa situation.",
                )
            )
        else:
            blocks.append(
                self.p(
                    "En subordonnant le dépôt de ma demande à un rendez-vous impossible à "
                    "obtenir, sans autre voie d’accès effective, l’administration me prive de "
                    "toute possibilité de la déposer. Seule une convocation en préfecture "
                    "permettra son enregistrement et son instruction.",
                    "En subordonnant le dépôt de sa demande à un rendez-vous impossible à "
                    "obtenir, sans autre voie d’accès effective, l’administration prive {r} de "
                    "toute possibilité de la déposer. Seule une convocation en préfecture "
                    "permettra son enregistrement et son instruction.",
                )
            )
        blocks.append(
            w.p(
                "Il résulte de la décision du Conseil d’État du 10 juin 2020 précitée que "
                "l’étranger qui établit n’avoir pu obtenir de rendez-vous, malgré plusieurs "
                "tentatives effectuées au cours de semaines différentes, peut demander au juge "
                "des référés d’enjoindre au préfet de lui communiquer une date de rendez-vous, "
                "dans un délai que le juge fixe."
            )
        )
        blocks.append(
            self.p(
                "Il est donc indispensable d’enjoindre {au_prefet} de me convoquer dans un délai "
                "de {delai}, afin que je puisse déposer ma demande.",
                "Il est donc indispensable d’enjoindre {au_prefet} de convoquer {r} dans un délai "
                "de {delai}, afin que sa demande puisse être déposée.",
                au_prefet=self.authority("à"),
                delai=self.delay(),
            )
        )
        return blocks

    # Par ces motifs -------------------------------------------------------------------------

    def conclusions(self) -> list:
        w = self.w
        demandes = w.a.demandes
        items: list[Runs] = [
            self.runs(
                "d’enjoindre {au_prefet} de me convoquer à un rendez-vous en préfecture dans un "
                "délai de {delai} à compter de la notification de l’ordonnance à intervenir, afin "
                "que je puisse déposer {demande}",
                "d’enjoindre {au_prefet} de convoquer {r} à un rendez-vous en préfecture dans un "
                "délai de {delai} à compter de la notification de l’ordonnance à intervenir, afin "
                "que sa demande puisse être déposée",
                au_prefet=self.authority("à"),
                delai=self.delay(),
                demande=w.demande("ma"),
            )
        ]
        if demandes.astreinte_euros_par_jour or w.blank:
            amount = demandes.astreinte_euros_par_jour
            items.append(
                runs(
                    "d’assortir cette injonction d’une astreinte de {montant} par jour de retard",
                    montant=Value(french.montant(amount)) if amount else Blank("montant en euros"),
                )
            )
        if demandes.frais_l761_1_euros or w.blank:
            amount = demandes.frais_l761_1_euros
            items.append(
                runs(
                    "de mettre à la charge de l’État la somme de {montant} au titre de l’article "
                    "L. 761-1 du code de justice administrative",
                    montant=Value(french.montant(amount)) if amount else Blank("montant en euros"),
                )
            )
        return [
            self.p(
                "Je demande au juge des référés :",
                "{R} demande au juge des référés :",
            ),
            ItemList(punctuate(items)),
        ]

    def signature(self) -> Signature:
        w = self.w
        if self.lawyer is not None:
            return Signature(
                (
                    w.lieu_date(),
                    runs("Pour {client},", client=w.civilite_nom()),
                    runs("Maître {nom}", nom=w.nom_complet(self.lawyer)),
                )
            )
        return Signature((w.lieu_date(), w.nom_complet()))


def _lines(lines: list[Runs]) -> Runs:
    out: list[Run] = []
    for index, line in enumerate(lines):
        if index:
            out.append(Break())
        out.extend(line)
    return tuple(out)
