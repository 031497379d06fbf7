"""The exhibits of the inventory, and which kind of attempt each one proves.

Here rather than in rdv_forms.pdf because the page needs it before any PDF is asked for:
the `exhibits` action tells it where each file a person adds will go (issue 20), and the
filing pack (rdv_forms.pdf.dossier) puts the files there by the same table.
"""

from __future__ import annotations

from .documents.model import Exhibit

# Which attempts an exhibit proves, from the end of its file name (the exhibits' plan names
# them the same way in every version of the wording).
SLUG_MOYENS = {
    "captures-ecran": "internet",
    "captures-anef": "anef",
    "centre-contact-citoyens": "ccc",
    "point-accueil-numerique": "pan",
    "demande-en-ligne": "demande_en_ligne",
    "relances": "relance_en_ligne",
    "courriel": "courriel",
    "courriels": "courriel",
    "lettre-recommandee": "lrar",
    "demarche-guichet": "guichet",
    "attestation-temoin": "guichet",
    "appels": "telephone",
    "defenseur-des-droits": "defenseur_des_droits",
}
# The attempts log: made from the answers when no file is given for it.
JOURNAL_SLUG = "releve-des-demarches"


def slug(exhibit: Exhibit) -> str:
    """« captures-ecran » for « 03-captures-ecran.pdf »."""
    return exhibit.filename.rpartition(".")[0].split("-", 1)[-1]


def moyen_of(exhibit: Exhibit) -> str | None:
    """The kind of attempt (`Tentative.moyen`) whose proofs go to this exhibit, if any."""
    return SLUG_MOYENS.get(slug(exhibit))
