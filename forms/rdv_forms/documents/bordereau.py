"""The inventory of exhibits (« bordereau des pièces ») that goes with the référé.

The exhibits are the référé's, in the same order and with the same numbers; each comes with a
file name ready for Télérecours citoyens: numbered, short, no spaces, no accents.
"""

from __future__ import annotations

from datetime import date

from ..answers import Answers
from .exhibits import plan
from .model import Document, Heading, Paragraph, Signature, Table, Text
from .writing import Writer, runs, stem

TITLE = "Bordereau des pièces"


def make_bordereau(answers: Answers, *, blank: bool = False, today: date) -> Document:
    w = Writer(answers, blank=blank, today=today)
    exhibits = plan(w, "refere").freeze()
    rows = tuple(
        ((Text(str(exhibit.number)),), exhibit.description, (Text(exhibit.filename),))
        for exhibit in exhibits
    )
    blocks = (
        Heading(runs("BORDEREAU DES PIÈCES"), 1),
        w.p(
            "Requête en référé mesures utiles (article L. 521-3 du code de justice administrative)",
            "center",
        ),
        Paragraph(
            runs(
                "{requerant} contre {autorite}",
                requerant=w.civilite_nom(),
                autorite=w.autorite(),
            ),
            "center",
        ),
        Paragraph((w.tribunal_nom(),), "center"),
        Table(("N°", "Pièce", "Fichier"), rows),
        w.p(
            "Pour un dépôt sur Télérecours citoyens, enregistrez chaque pièce dans un fichier "
            "distinct portant le nom indiqué.",
            "note",
        ),
        Signature((w.lieu_date(), w.nom_complet())),
    )
    return Document(
        kind="bordereau",
        title=TITLE,
        filename=stem("bordereau-des-pieces", w),
        blocks=blocks,
        exhibits=exhibits,
    )
