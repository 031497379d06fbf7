"""The attempts log as a table, to print, sign and attach to the letters and the référé.

The wording is in `wording/journal.toml`.
"""

from __future__ import annotations

from .. import french
from ..analysis import iso_week
from .exhibits import Exhibits
from .model import Blank, Block, Heading, Runs, Signature, Table, Text, Value
from .writing import MOYENS, Body, Writer

BLANK_ROWS = 15
COLUMNS = ("numero", "date", "heure", "moyen", "resultat", "preuve")


def write_journal(w: Writer, exhibits: Exhibits) -> Body:
    header = tuple(w.s("journal.colonnes", column) for column in COLUMNS)
    rows: tuple[tuple[Runs, ...], ...]
    if w.blank:
        rows = tuple(
            ((Text(str(n)),), *((Blank(""),) for _ in header[1:])) for n in range(1, BLANK_ROWS + 1)
        )
    else:
        rows = tuple(
            (
                (Text(str(n)),),
                (Value(french.date_avec_jour(t.date)),),
                (Value(french.heure(t.heure)),) if t.heure else (),
                (Text(w.s("commun.moyens", t.moyen)),),
                (Value(t.resultat),) if t.resultat else (),
                (Value(t.preuve),) if t.preuve else (),
            )
            for n, t in enumerate(w.attempts, start=1)
        )
    blocks: list[Block] = [
        Heading(w.t("journal.titre", w.but()), 1),
        w.p(
            "journal.en_tete",
            "address",
            nom=w.civilite_nom(),
            naissance=w.naissance(),
            demande=w.demande("sans"),
            prefecture=w.prefecture_nom(),
        ),
    ]
    summary = _summary(w)
    if summary:
        blocks.append(w.p("journal.resume", **summary))
    blocks.append(Table(header, rows))
    blocks.append(
        Signature(
            (
                w.t("journal.certification"),
                w.lieu_date(),
                w.signature_manuscrite(),
                w.nom_complet(),
            )
        )
    )
    return Body(tuple(blocks))


def _summary(w: Writer) -> dict[str, Runs | Value]:
    if not w.attempts:
        return {}
    weeks = len({iso_week(t.date) for t in w.attempts})
    detail = w.s("journal.detail")
    counts = [
        detail.format(moyen=w.s("commun.moyens", moyen), nombre=len(w.by_moyen(moyen)))
        for moyen in MOYENS
        if w.by_moyen(moyen)
    ]
    return {
        "total": Value(french.capitalise(w.count("commun.nombre.demarches", len(w.attempts)))),
        "periode": Value(french.periode(w.first, w.last)),
        "semaines": Value(w.count("journal.semaines", weeks)),
        "detail": Value(french.typographie(" ; ".join(counts))),
    }
