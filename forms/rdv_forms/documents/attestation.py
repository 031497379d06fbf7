"""The witness statement for the visit to the préfecture's counter.

La Cimade and the Gisti: the person who came along writes that they accompanied the applicant
on that day, at that time, to ask for an appointment, explains how it was refused, and
attaches a copy of an identity document. The witness reads, completes by hand and signs.
The wording is in `wording/attestation.toml`.
"""

from __future__ import annotations

from .. import french
from ..answers import Temoin
from .exhibits import Exhibits
from .model import Blank, Block, Heading, Run, Signature, Value
from .writing import Body, Writer


def write_attestation(w: Writer, exhibits: Exhibits) -> Body:
    temoin = w.a.temoin or Temoin()
    visits = w.by_moyen("guichet")
    when: Run
    if visits:
        moments = []
        for visit in visits:
            moment = f"le {french.date_longue(visit.date)}"
            if visit.heure is not None:
                moment += f" à {french.heure(visit.heure)}"
            moments.append(moment)
        when = Value(french.enumeration(moments))
    else:
        when = w.trou("date_heure_visite")
    blocks: list[Block] = [
        Heading(w.t("attestation.titre"), 1),
        w.p(
            "attestation.identite",
            "address",
            nom=_field(w.nom_complet(temoin)),
            date=w.d(temoin.date_naissance, ""),
            lieu=w.v(temoin.lieu_naissance, ""),
            profession=w.v(temoin.profession, ""),
            adresse=w.inline(temoin.adresse, ""),
            lien=w.v(temoin.lien, ""),
            personne=w.civilite_nom(),
        ),
        w.p(
            "attestation.accompagnement",
            "body",
            w.but(),
            personne=w.civilite_nom(),
            accueil=_accueil(w),
            quand=when,
            demande=w.demande("tiers"),  # the witness speaks of the person
        ),
    ]
    # What happened is the witness's own account, written by hand: the person's words from
    # their log (« Même refus à l’accueil. ») are not put in a statement the witness signs.
    blocks += [
        w.p("attestation.circonstances", circonstances=w.trou("circonstances")),
        w.p(
            "attestation.piece_identite",
            piece=w.v(temoin.piece_identite, "piece_temoin"),
        ),
        w.p("attestation.sanctions"),
        Signature(
            (
                w.t("commun.fait_a", lieu=w.a_lieu("", "lieu"), date=w.trou("date")),
                w.t("attestation.signature", trait=Blank("")),
            )
        ),
    ]
    return Body(tuple(blocks))


def _accueil(w: Writer):
    """Where the witness went: the places logged with the visits, else the office's name."""
    lieux = list(dict.fromkeys(t.lieu for t in w.a.tentatives if t.moyen == "guichet" and t.lieu))
    if lieux and not w.blank:
        return w.accueil(lieux)
    return w.t("attestation.accueil", prefecture=w.prefecture_en_phrase())


def _field(name):
    """In a form field, a blank needs no label: the field's name says it."""
    return tuple(Blank("") if isinstance(run, Blank) else run for run in name)
