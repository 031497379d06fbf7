"""The registered letter with acknowledgement of receipt (LRAR) to the préfet."""

from __future__ import annotations

from . import courrier
from .exhibits import Exhibits
from .model import Break, ExhibitList, Paragraph, Run, Signature, Value
from .writing import Body, Writer, dates_enumerees


def write_lettre(w: Writer, exhibits: Exhibits) -> Body:
    sender: list[Run] = []
    for index, line in enumerate(courrier.identity_lines(w, civilite=True)):
        sender += [Break(), *line] if index else line
    recipient = (
        w.prefecture_nom(),
        Break(),
        *w.t("courrier.lettre.service"),
        Break(),
        *w.prefecture_adresse(),
    )
    place_date = w.t(
        "courrier.lettre.lieu_date", lieu=w.v(w.a.signature.lieu, "lieu"), date=w.d(w.date, "date")
    )
    # Letters come in the order they are sent: a registered letter already logged before this
    # one's date makes this one a reminder of it, never a second « first » letter.
    sent = w.lettres_envoyees()
    relance = (
        [w.p("courrier.lettre.relance", "meta", w.nombre(sent), dates=Value(dates_enumerees(sent)))]
        if sent
        else []
    )
    blocks = (
        Paragraph(tuple(sender), "address"),
        Paragraph(recipient, "recipient"),
        Paragraph(place_date, "right"),
        w.p("courrier.lettre.lrar", "meta"),
        *relance,
        w.p("courrier.lettre.objet", "meta", courrier.canal(w), demande=w.demande()),
        *courrier.body(w, exhibits, sent),
        Signature((w.signature_manuscrite(), *courrier.identity_lines(w))),
        ExhibitList(w.s("courrier.pieces_jointes"), exhibits.freeze()),
    )
    return Body(blocks)
