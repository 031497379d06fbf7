"""The registered letter with acknowledgement of receipt (LRAR) to the préfet."""

from __future__ import annotations

from datetime import date

from ..answers import Answers
from . import courrier
from .exhibits import plan
from .model import Break, Document, ExhibitList, Paragraph, Text
from .writing import Writer, runs, stem

TITLE = "Lettre recommandée au préfet"


def make_lettre(answers: Answers, *, blank: bool = False, today: date) -> Document:
    w = Writer(answers, blank=blank, today=today)
    exhibits = plan(w, "lettre")
    sender = courrier.identity_lines(w, civilite=True)
    recipient = (
        w.prefecture_nom(),
        Break(),
        Text("Service des étrangers"),
        Break(),
        *w.prefecture_adresse(),
    )
    place_date = runs(
        "{lieu}, le {date}", lieu=w.v(w.a.signature.lieu, "lieu"), date=w.d(w.date, "date")
    )
    blocks = [
        Paragraph(tuple(run for line in _lines(sender) for run in line), "address"),
        Paragraph(recipient, "recipient"),
        Paragraph(place_date, "right"),
        Paragraph(runs("Lettre recommandée avec avis de réception"), "meta"),
        Paragraph(
            runs(
                "Objet : demande de convocation pour déposer {demande} – impossibilité d’obtenir "
                "un rendez-vous en ligne",
                demande=w.demande(),
            ),
            "meta",
        ),
        *courrier.body(w, exhibits),
        courrier.signature(w),
        ExhibitList("Pièces jointes", exhibits.freeze()),
    ]
    return Document(
        kind="lettre",
        title=TITLE,
        filename=stem("lettre-recommandee-prefecture", w),
        blocks=tuple(blocks),
        exhibits=exhibits.freeze(),
    )


def _lines(lines):
    """Address lines joined by line breaks."""
    for index, line in enumerate(lines):
        yield (Break(),) if index else ()
        yield line
