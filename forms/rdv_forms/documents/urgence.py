"""The urgency, in the person's words: one list item per reason given, with its exhibit."""

from __future__ import annotations

from .exhibits import Exhibits, motif_ref
from .model import Blank, Runs
from .writing import MOTIFS_URGENCE, Voice, Writer, expiration, runs


def urgency_items(w: Writer, exhibits: Exhibits, voice: Voice, *, expiry: bool) -> list[Runs]:
    """Why the delay hurts; `expiry` adds the renewal's expiry date as the first item."""
    items: list[Runs] = []
    if expiry and w.type == "renouvellement":
        template = voice.say("mon titre de séjour {expiration}", "son titre de séjour {expiration}")
        items.append((*runs(template, expiration=expiration(w)), *exhibits.paren("titre")))
    for motif in w.a.urgence.motifs:
        if motif not in MOTIFS_URGENCE or (motif == "titre_expire" and w.type == "renouvellement"):
            continue
        template = voice.say(*MOTIFS_URGENCE[motif])
        sentence = runs(template, expiration=expiration(w), **voice.parts)
        items.append((*sentence, *motif_ref(exhibits, motif)))
    if w.blank and not w.a.urgence.motifs:
        label = "raisons de l’urgence : titre expiré, emploi, enfants, logement, santé, études…"
        items.append((Blank(label), *exhibits.paren("motifs")))
    return items


def details(w: Writer) -> Runs:
    """The person's own account, line breaks kept."""
    return w.line(w.a.urgence.details, "")
