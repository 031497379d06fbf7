"""The witness statement for the visit to the préfecture's counter.

La Cimade and the Gisti: the person who came along writes that they accompanied the applicant
on that day, at that time, to ask for an appointment, explains how it was refused, and
attaches a copy of an identity document. The witness reads, completes by hand and signs.
"""

from __future__ import annotations

from datetime import date

from .. import french
from ..answers import Answers, Temoin
from .model import Blank, Break, Document, Heading, Paragraph, Signature, Value
from .writing import Writer, runs, stem

TITLE = "Attestation de témoin"


def make_attestation(answers: Answers, *, blank: bool = False, today: date) -> Document:
    w = Writer(answers, blank=blank, today=today)
    temoin = w.a.temoin or Temoin()
    visits = w.by_moyen("guichet")
    if visits:
        moments = []
        for visit in visits:
            moment = f"le {french.date_longue(visit.date)}"
            if visit.heure is not None:
                moment += f" à {french.heure(visit.heure)}"
            moments.append(moment)
        when = Value(french.enumeration(moments))
    else:
        when = Blank("date et heure de la visite")
    # The witness's identity as fields: the form of the usual attestation, and no agreement
    # to guess (« soussigné » or « soussignée ») when the civilité is not known.
    identity = (
        *runs("Nom et prénom : {nom}", nom=_field(w.nom_complet(temoin))),
        Break(),
        *runs(
            "Date et lieu de naissance : {date}, {lieu}",
            date=w.d(temoin.date_naissance, ""),
            lieu=w.v(temoin.lieu_naissance, ""),
        ),
        Break(),
        *runs("Profession : {profession}", profession=w.v(temoin.profession, "")),
        Break(),
        *runs("Adresse : {adresse}", adresse=w.inline(temoin.adresse, "")),
    )
    results = [v.resultat for v in visits if v.resultat]
    blocks = [
        Heading(runs("ATTESTATION"), 1),
        Paragraph(identity, "address"),
        w.p(
            "J’atteste avoir accompagné {personne} à l’accueil de la {prefecture} {quand}, afin "
            "d’obtenir un rendez-vous pour le dépôt de {demande}.",
            personne=w.civilite_nom(),
            prefecture=w.prefecture_en_phrase(),
            quand=when,
            demande=w.demande("sa"),
        ),
    ]
    if results:
        blocks.append(
            w.p("Résultat de la démarche : {resultat}", resultat=Value(" ".join(results)))
        )
    blocks.append(
        w.p(
            "Circonstances du refus, décrites de la main du témoin : {circonstances}",
            circonstances=Blank("ce que vous avez vu et entendu"),
        )
    )
    blocks.append(
        w.p(
            "Je joins à la présente attestation une copie de ma pièce d’identité : {piece}.",
            piece=w.v(temoin.piece_identite, "carte d’identité, passeport ou titre de séjour"),
        )
    )
    blocks.append(
        w.p(
            "Je sais que cette attestation est destinée à être produite en justice et qu’une "
            "fausse attestation m’expose à des sanctions pénales."
        )
    )
    blocks.append(
        Signature(
            (
                runs("Fait à {lieu}, le {date}", lieu=Blank("lieu"), date=Blank("date")),
                runs("Signature du témoin"),
            )
        )
    )
    filename = stem("attestation-temoin", w)
    return Document(kind="attestation", title=TITLE, filename=filename, blocks=tuple(blocks))


def _field(name):
    """In a form field, a blank needs no label: the field's name says it."""
    return tuple(Blank("") if isinstance(run, Blank) else run for run in name)
