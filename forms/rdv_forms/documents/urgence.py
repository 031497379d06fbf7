"""The urgency, in the person's words: one list item per reason given, with its exhibit."""

from __future__ import annotations

from .exhibits import Exhibits, motif_ref
from .model import Runs
from .writing import MOTIFS_URGENCE, Writer, expiration

# The reasons whose usual sentence speaks of « la précarité de ma situation administrative ».
RESIDENT_MOTIFS = ("enfants", "sante")
# The reasons whose usual sentence speaks of a récépissé, which ANEF does not give.
RECEPISSE_MOTIFS = ("emploi", "etudes")


def urgency_items(w: Writer, exhibits: Exhibits, *, expiry: bool) -> list[Runs]:
    """Why the delay hurts; `expiry` adds the renewal's expiry date as the first item."""
    items: list[Runs] = []
    # The card held comes first, for a renewal and for a change of status by its holder; its
    # end is told once, never again as « mon précédent document de séjour ».
    holder = w.type == "renouvellement" or (
        w.type == "changement_situation" and w.a.demarche.expiration_titre is not None
    )
    if expiry and holder:
        sentence = w.t("commun.urgence.titre_renouvele", expiration=expiration(w))
        items.append((*sentence, *exhibits.paren("titre")))
    for motif in w.a.urgence.motifs:
        if motif not in MOTIFS_URGENCE or (motif == "titre_expire" and holder):
            continue
        ref = f"commun.urgence.{motif}"
        if motif in RESIDENT_MOTIFS and w.resident:  # ten years: not « la précarité »
            ref += "_resident"
        elif motif in RECEPISSE_MOTIFS and w.a.demarche.canal == "anef":
            ref += "_anef"
        sentence = w.t(ref, expiration=expiration(w))
        items.append((*sentence, *motif_ref(exhibits, motif)))
    if w.blank and not w.a.urgence.motifs:
        items.append((w.trou("raisons_urgence"), *exhibits.paren("motifs")))
    return items


def details(w: Writer) -> Runs:
    """The person's own account, line breaks kept."""
    return w.line(w.a.urgence.details, "")
