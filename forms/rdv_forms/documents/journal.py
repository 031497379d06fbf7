"""The attempts log as a table, to print, sign and attach to the letters and the référé."""

from __future__ import annotations

from datetime import date

from .. import french
from ..analysis import iso_week
from ..answers import Answers
from .model import Blank, Break, Document, Heading, Paragraph, Runs, Signature, Table, Text, Value
from .writing import MOYEN_LABELS, Writer, runs, stem

TITLE = "Relevé des démarches"
BLANK_ROWS = 15


def make_journal(answers: Answers, *, blank: bool = False, today: date) -> Document:
    w = Writer(answers, blank=blank, today=today)
    header = ("N°", "Date", "Heure", "Moyen", "Résultat", "Preuve")
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
                (Text(MOYEN_LABELS[t.moyen]),),
                (Value(t.resultat),) if t.resultat else (),
                (Value(t.preuve),) if t.preuve else (),
            )
            for n, t in enumerate(w.attempts, start=1)
        )
    blocks = [
        Heading(runs("RELEVÉ DES DÉMARCHES ACCOMPLIES POUR OBTENIR UN RENDEZ-VOUS"), 1),
        Paragraph(
            (
                *runs(
                    "Demandeur : {nom}, {naissance}", nom=w.civilite_nom(), naissance=w.naissance()
                ),
                Break(),
                *runs("Démarche : {demande}", demande=w.demande("")),
                Break(),
                *runs("Administration : {prefecture}", prefecture=w.prefecture_nom()),
            ),
            "address",
        ),
    ]
    summary = _summary(w)
    if summary:
        blocks.append(Paragraph(summary))
    blocks.append(Table(header, rows))
    blocks.append(
        Signature(
            (
                runs("Je certifie exactes les informations de ce relevé."),
                w.lieu_date(),
                w.nom_complet(),
            )
        )
    )
    return Document(
        kind="journal", title=TITLE, filename=stem("releve-des-demarches", w), blocks=tuple(blocks)
    )


def _summary(w: Writer) -> Runs:
    if not w.attempts:
        return ()
    weeks = len({iso_week(t.date) for t in w.attempts})
    counts = []
    for moyen, label in MOYEN_LABELS.items():
        n = len(w.by_moyen(moyen))
        if n:
            counts.append(f"{label} : {n}")
    return runs(
        "{total} {periode}, au cours {semaines} ({detail}).",
        total=Value(french.capitalise(french.pluriel(len(w.attempts), "démarche"))),
        periode=Value(french.periode(w.first, w.last)),
        semaines=Value("d’une même semaine" if weeks == 1 else f"de {weeks} semaines différentes"),
        detail=Value(french.typographie(" ; ".join(counts))),
    )
