"""The e-mail and the registered letter to the préfet: the same request, in the same words.

Grounded in the model e-mail and letter of La Cimade and the Gisti: what was tried and when,
the proof kept, why it is urgent, a request for an appointment, and the référé if nothing comes.
"""

from __future__ import annotations

from .. import french
from .exhibits import Exhibits
from .model import Blank, Block, ItemList, Paragraph, Runs, Signature, Text, Value
from .urgence import details, urgency_items
from .writing import Voice, Writer, dates_enumerees, punctuate, runs


def subject(w: Writer) -> Runs:
    """« Demande de convocation pour le dépôt d’une demande de … – impossibilité … – NOM »."""
    base = runs(
        "Demande de convocation pour déposer {demande} – impossibilité d’obtenir un rendez-vous "
        "en ligne – {nom}",
        demande=w.demande("une", details=False),
        nom=w.nom_complet(),
    )
    numero = w.a.personne.numero_etranger
    return (*base, *runs(" (n° étranger {n})", n=Value(numero))) if numero else base


def body(w: Writer, exhibits: Exhibits) -> list[Block]:
    """From the salutation to the closing formula."""
    voice = Voice(w, third=False)
    blocks: list[Block] = [Paragraph(runs("{formule},", formule=w.formule()))]
    opening = runs("Je souhaite déposer {demande} auprès de vos services.", demande=w.demande())
    blocks.append(Paragraph((*opening, *identity_sentence(exhibits))))
    blocks.extend(_internet(w, exhibits))
    other = _other_channels(w, exhibits)
    if "journal" in exhibits:
        summary = runs(
            "Le relevé détaillé de mes démarches est joint ({ref}).", ref=exhibits.ref("journal")
        )
        other = (*other, Text(" "), *summary) if other else summary
    if other:
        blocks.append(Paragraph(other))
    items = urgency_items(w, exhibits, voice, expiry=True)
    if items:
        blocks.append(w.p("Ma situation est urgente :"))
        blocks.append(ItemList(punctuate(items)))
    if w.a.urgence.details:
        blocks.append(Paragraph(details(w)))
    blocks.append(
        w.p(
            "L’impossibilité de prendre rendez-vous auprès de vos services porte atteinte à "
            "l’exercice de mes droits. Il y a donc urgence à ce que ma demande soit effectivement "
            "enregistrée."
        )
    )
    blocks.append(
        w.p(
            "Je vous remercie de bien vouloir tenir compte de ces démarches et de m’adresser, par "
            "courriel ou par courrier, une convocation dans les plus brefs délais, afin que ma "
            "demande puisse être déposée et instruite."
        )
    )
    blocks.append(
        w.p(
            "À défaut, je me verrai dans l’obligation de saisir le juge des référés du tribunal "
            "administratif afin d’obtenir un rendez-vous."
        )
    )
    blocks.append(
        w.p(
            "Je vous prie d’agréer, {formule}, l’expression de ma haute considération.",
            formule=w.formule(),
        )
    )
    return blocks


def identity_sentence(exhibits: Exhibits) -> Runs:
    """« Vous trouverez ci-joint une copie de ma pièce d’identité (pièce n° 1). »"""
    if "identite" not in exhibits:
        return ()
    return runs(
        " Vous trouverez ci-joint une copie de ma pièce d’identité ({ref}).",
        ref=exhibits.ref("identite"),
    )


def _internet(w: Writer, exhibits: Exhibits) -> list[Block]:
    attempts = w.by_moyen("internet")
    if not attempts and not w.blank:
        return []
    if w.blank:
        start, count, period = w.d(None, "date"), w.v("", "nombre"), w.v("", "période")
    else:
        start = w.d(attempts[0].date, "")
        count = Value(french.quantite(len(attempts), "tentative", feminin=True))
        period = Value(french.periode(attempts[0].date, attempts[-1].date))
    blocks = [
        w.p(
            "Le dépôt de cette demande est subordonné à la prise d’un rendez-vous sur le site "
            "internet de la préfecture. Depuis le {start}, je me connecte régulièrement à ce site, "
            "à des jours et à des heures différents : j’ai effectué {count}, {period}. À chaque "
            "tentative, il a été impossible d’obtenir un rendez-vous.",
            start=start,
            count=count,
            period=period,
        )
    ]
    proof = exhibits.ref("internet")
    closing = runs(
        "Je ne suis donc pas en mesure d’accéder au service public par le téléservice proposé."
    )
    if proof:
        kept = runs("J’ai conservé les captures d’écran de ces tentatives ({ref}). ", ref=proof)
        closing = (*kept, *closing)
    blocks.append(Paragraph(closing))
    return blocks


def _other_channels(w: Writer, exhibits: Exhibits) -> Runs:
    """Earlier e-mails, letters, visits, calls and mediation, one sentence each."""
    sentences: list[Runs] = []
    templates = {
        "courriel": "J’ai déjà écrit à vos services par courriel {dates}",
        "lrar": "Je vous ai déjà adressé une lettre recommandée avec avis de réception {dates}",
        "guichet": "J’ai également tenté d’obtenir un rendez-vous à l’accueil de la préfecture "
        "{dates}, sans succès",
        "telephone": "J’ai tenté de joindre vos services par téléphone {dates}, sans obtenir de "
        "rendez-vous",
        "defenseur_des_droits": "J’ai sollicité la médiation du Défenseur des droits {dates}",
    }
    keys = {"defenseur_des_droits": "defenseur"}
    for moyen, template in templates.items():
        attempts = w.by_moyen(moyen)
        key = keys.get(moyen, moyen)
        if w.blank and key in exhibits:
            dates = runs("le {d}", d=Blank("date"))
        elif attempts:
            dates = Value(dates_enumerees([t.date for t in attempts]))
        else:
            continue
        sentence = runs(template, dates=dates)
        sentences.append((*sentence, *exhibits.paren(key), Text(". ")))
    flat = [run for sentence in sentences for run in sentence]
    if flat:
        flat[-1] = Text(".")
    return tuple(flat)


def identity_lines(w: Writer, *, civilite: bool = False) -> tuple[Runs, ...]:
    """Who writes, so the préfecture can find the file: under the signature, or as sender."""
    personne = w.a.personne
    lines: list[Runs] = [w.civilite_nom() if civilite else w.nom_complet()]
    lines.append(
        runs(
            "{naissance}, de nationalité {nationalite}",
            naissance=w.naissance(),
            nationalite=w.v(personne.nationalite, "nationalité"),
        )
    )
    lines.append((w.inline(personne.adresse, "adresse"),))
    optional = (
        ("Téléphone : {v}", personne.telephone, "téléphone"),
        ("Courriel : {v}", personne.courriel, "courriel"),
        ("Numéro d’étranger : {v}", personne.numero_etranger, "numéro d’étranger"),
        ("Numéro de dossier : {v}", personne.numero_dossier_prefecture, ""),
    )
    for template, value, blank_label in optional:
        if value or (w.blank and blank_label):
            lines.append(runs(template, v=w.v(value, blank_label)))
    return tuple(lines)


def signature(w: Writer) -> Signature:
    return Signature(identity_lines(w))
