"""The e-mail to the préfecture's foreigners' service (subject and body)."""

from __future__ import annotations

from . import courrier
from .exhibits import Exhibits
from .model import ExhibitList
from .writing import Body, Writer


def write_email(w: Writer, exhibits: Exhibits) -> Body:
    address = w.a.prefecture.courriel_service_etrangers
    blocks = (
        *courrier.body(w, exhibits),
        courrier.signature(w),
        ExhibitList(w.s("courrier.pieces_jointes"), exhibits.freeze()),
    )
    return Body(
        blocks,
        subject=courrier.subject(w),
        recipient=(w.v(address, "adresse_service"),),
    )
