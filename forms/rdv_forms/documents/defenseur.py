"""The message to a delegate of the Défenseur des droits, asking for mediation.

The Défenseur des droits (decision n° 2020-142 of 10 July 2020) reminds préfets that giving an
appointment on request, including through its delegates, does not break equality. The wording
is in `wording/defenseur.toml`.
"""

from __future__ import annotations

from .. import french
from . import courrier
from .exhibits import Exhibits
from .model import ExhibitList, Paragraph, Value
from .writing import MOYENS, Body, Writer, sentences

# Every kind of attempt the summary names, in order.


def _which(w: Writer) -> str:
    """The booking website, or any other channel: no rendez-vous asked of ANEF or a form."""
    return "rdv_prefecture" if courrier.canal(w) == "rdv_prefecture" else "autre"


def write_defenseur(w: Writer, exhibits: Exhibits) -> Body:
    which = _which(w)
    request = w.t(
        "defenseur.demande", which, prefecture=w.prefecture_en_phrase(), demande=w.demande()
    )
    blocks = [
        w.p("defenseur.salutation"),
        Paragraph(sentences(request, courrier.identity_sentence(w, exhibits))),
        _attempts(w, exhibits),
        *courrier.urgency(w, exhibits),
        w.p("defenseur.ddd_2020_142", citation=w.t("citations.ddd_2020_142")),
        # The CRPA creates no duty to go online: an argument for the booking website only.
        # For ANEF, R. 431-2 does make the online service compulsory (CE avis 461694).
        *(
            [w.p("defenseur.ce_422516", **w.citation("ce_422516"))]
            if which == "rdv_prefecture"
            else []
        ),
        w.p("defenseur.intervention", "body", which),
        w.p("defenseur.salutation_finale"),
        courrier.signature(w),
        ExhibitList(w.s("defenseur.pieces_jointes"), exhibits.freeze()),
    ]
    subject = w.t("defenseur.objet", which, prefecture=w.prefecture_nom())
    return Body(tuple(blocks), subject=subject)


def _attempts(w: Writer, exhibits: Exhibits) -> Paragraph:
    keys = ("journal", "internet", "anef", "ccc", "pan", "demande_en_ligne", "relance",
            "courriel", "lrar", "guichet")  # fmt: skip
    if w.blank or not w.attempts:
        return w.p(
            "defenseur.tentatives_modele",
            debut=w.d(None, "premiere_tentative"),
            piece=exhibits.ref(*keys),
        )
    channels = [
        w.count(f"defenseur.nombre.{moyen}", len(w.by_moyen(moyen)))
        for moyen in MOYENS
        if w.by_moyen(moyen)
    ]
    return w.p(
        "defenseur.tentatives",
        "body",
        _which(w),
        total=Value(w.count("commun.nombre.demarches", len(w.attempts))),
        periode=Value(french.periode(w.first, w.last)),
        detail=Value(french.enumeration(channels)),
        renvoi=exhibits.paren(*keys),
    )
