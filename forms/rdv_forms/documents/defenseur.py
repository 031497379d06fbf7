"""The message to a delegate of the Défenseur des droits, asking for mediation.

The Défenseur des droits (decision n° 2020-142 of 10 July 2020) reminds préfets that giving an
appointment on request, including through its delegates, does not break equality.
"""

from __future__ import annotations

from datetime import date

from .. import french
from ..answers import Answers
from . import courrier
from .exhibits import plan
from .model import Document, ExhibitList, ItemList, Paragraph, Text, Value
from .refere import FEMININE
from .urgence import details, urgency_items
from .writing import MOYEN_LABELS, Voice, Writer, punctuate, runs, stem

TITLE = "Message au Défenseur des droits"

DDD_2020_142 = (
    "« Les préfets ne peuvent, comme c'est parfois le cas, dénaturer le principe d'égalité en "
    "affirmant qu'accorder sur demande un rendez-vous à l'usager qui le sollicite - seul ou par "
    "l'intermédiaire du Défenseur des droits - serait constitutif d'une rupture d'égalité. »"
)
CE_2019_QUOTE = (
    "« créent, sauf lorsqu'y font obstacle des considérations tenant à l'ordre public, la "
    "défense et la sécurité nationale ou la bonne administration ou lorsque la présence "
    "personnelle du demandeur est nécessaire, un droit, pour les usagers, à saisir "
    "l'administration par voie électronique. Elles ne prévoient en revanche aucune obligation de "
    "saisine électronique. »"
)
CE_2019 = "(CE, 27 novembre 2019, n° 422516)"

CHANNELS = {
    "internet": (
        "tentative sur le site de la préfecture",
        "tentatives sur le site de la préfecture",
    ),
    "courriel": ("courriel", "courriels"),
    "lrar": ("lettre recommandée", "lettres recommandées"),
    "guichet": ("démarche au guichet", "démarches au guichet"),
    "telephone": ("appel téléphonique", "appels téléphoniques"),
    "defenseur_des_droits": ("saisine antérieure", "saisines antérieures"),
}


def make_defenseur(answers: Answers, *, blank: bool = False, today: date) -> Document:
    w = Writer(answers, blank=blank, today=today)
    exhibits = plan(w, "defenseur")
    prefecture = w.prefecture_nom()
    subject = runs(
        "Demande de médiation – impossibilité d’obtenir un rendez-vous – {prefecture}",
        prefecture=prefecture,
    )
    blocks = [
        w.p("Madame, Monsieur,"),
        Paragraph(
            (
                *runs(
                    "Je sollicite votre médiation auprès de la {prefecture} : je ne parviens pas à "
                    "obtenir le rendez-vous nécessaire au dépôt de {demande}.",
                    prefecture=w.prefecture_en_phrase(),
                    demande=w.demande(),
                ),
                *courrier.identity_sentence(exhibits),
            )
        ),
        _attempts(w, exhibits),
    ]
    items = urgency_items(w, exhibits, Voice(w, third=False), expiry=True)
    if items:
        blocks.append(w.p("Ma situation est urgente :"))
        blocks.append(ItemList(punctuate(items)))
    if w.a.urgence.details:
        blocks.append(Paragraph(details(w)))
    blocks += [
        w.p(
            "Dans sa décision n° 2020-142 du 10 juillet 2020, le Défenseur des droits a rappelé : "
            "{quote}",
            quote=DDD_2020_142,
        ),
        w.p(
            "Le Conseil d’État a par ailleurs jugé que les dispositions du code des relations "
            "entre le public et l’administration relatives à la saisine par voie électronique "
            "{quote} "
            "{citation}.",
            quote=CE_2019_QUOTE,
            citation=CE_2019,
        ),
        w.p(
            "Je vous remercie de bien vouloir intervenir auprès de la préfecture afin qu’un "
            "rendez-vous me soit donné dans les meilleurs délais. Je reste à votre disposition "
            "pour vous transmettre tout document utile."
        ),
        w.p(
            "Je vous prie d’agréer, Madame, Monsieur, l’expression de mes salutations distinguées."
        ),
        courrier.signature(w),
        ExhibitList("Pièces jointes", exhibits.freeze()),
    ]
    return Document(
        kind="defenseur",
        title=TITLE,
        filename=stem("message-defenseur-des-droits", w),
        blocks=tuple(blocks),
        subject=subject,
        exhibits=exhibits.freeze(),
    )


def _attempts(w: Writer, exhibits) -> Paragraph:
    refs = exhibits.ref("journal", "internet", "courriel", "lrar", "guichet")
    if w.blank or not w.attempts:
        return w.p(
            "Depuis le {debut}, j’ai tenté à de nombreuses reprises d’obtenir ce rendez-vous, sur "
            "le site internet de la préfecture et par d’autres moyens, sans succès ({refs}).",
            debut=w.d(None, "date de la première tentative"),
            refs=refs,
        )
    channels = []
    for moyen in MOYEN_LABELS:
        n = len(w.by_moyen(moyen))
        if n:
            channels.append(french.quantite(n, *CHANNELS[moyen], feminin=moyen in FEMININE))
    return w.p(
        "J’ai accompli {total}, {periode} : {detail}. Aucune n’a permis d’obtenir un "
        "rendez-vous{refs}.",
        total=Value(french.pluriel(len(w.attempts), "démarche")),
        periode=Value(french.periode(w.first, w.last)),
        detail=Value(french.enumeration(channels)),
        refs=(Text(" ("), *refs, Text(")")) if refs else (),
    )
