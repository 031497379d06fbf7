"""The e-mail to the préfecture's foreigners' service (subject and body)."""

from __future__ import annotations

from datetime import date

from ..answers import Answers
from . import courrier
from .exhibits import plan
from .model import Document, ExhibitList
from .writing import Writer, stem

TITLE = "Courriel au service des étrangers"


def make_email(answers: Answers, *, blank: bool = False, today: date) -> Document:
    w = Writer(answers, blank=blank, today=today)
    exhibits = plan(w, "email")
    address = w.a.prefecture.courriel_service_etrangers
    blocks = (
        *courrier.body(w, exhibits),
        courrier.signature(w),
        ExhibitList("Pièces jointes", exhibits.freeze()),
    )
    return Document(
        kind="email",
        title=TITLE,
        filename=stem("courriel-prefecture", w),
        blocks=blocks,
        subject=courrier.subject(w),
        recipient=(w.v(address, "adresse du service des étrangers"),),
        exhibits=exhibits.freeze(),
    )
