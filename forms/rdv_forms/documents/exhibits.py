"""The exhibits (« pièces »): listed first from the answers, then referred to by number.

Every « pièce n° N » in a document comes from `Exhibits.ref()`, and every exhibit listed is
referred to in the text: a test holds each document to that.
"""

from __future__ import annotations

from datetime import date

from .. import french
from . import wording
from .model import Exhibit, Run, Runs, Text, Value
from .writing import Writer, dates_enumerees, join_runs, runs

# Urgency reasons that call for a document of their own (wording: pieces.motifs.<motif>),
# with the end of their file name.
MOTIF_EXHIBITS = {
    "emploi": "emploi",
    "enfants": "enfants",
    "logement": "logement",
    "sante": "sante",
    "droits_sociaux": "droits-sociaux",
    "etudes": "etudes",
    "famille": "famille",
    "voyage": "voyage",
}

# The exhibits a document can carry, in the order a judge reads them; each kind's plan, in
# the registry, picks among them.
CHANNELS = (
    "internet",
    "anef",
    "ccc",
    "pan",
    "demande_en_ligne",
    "relance",
    "courriel",
    "lrar",
    "guichet",
    "telephone",
    "defenseur",
)
# An exhibit's key when it is not the name of its kind of attempt.
MOYEN_OF = {"defenseur": "defenseur_des_droits", "relance": "relance_en_ligne"}
# « lrar_precedente »: a reminder's own plan; the registered letters it follows up (sent before
# its date), listed under the key « lrar ».
# « decision »: the refusal or removal order already taken, which the petition discusses.
KEYS = ("titre", "decision", "journal", *CHANNELS, "lrar_precedente", "motifs", "frais")


class Exhibits:
    def __init__(self) -> None:
        self._items: list[tuple[str, Runs, str]] = []

    def add(self, key: str, description: Runs, slug: str) -> None:
        self._items.append((key, description, slug))

    def __contains__(self, key: str) -> bool:
        return any(item_key == key for item_key, _, _ in self._items)

    def number(self, key: str) -> int:
        for index, (item_key, _, _) in enumerate(self._items, start=1):
            if item_key == key:
                return index
        raise KeyError(key)

    def ref(self, *keys: str) -> Runs:
        """« pièce n° 3 », « pièces n° 3 et 5 », « pièces n° 3 à 6 » (keys not listed: skipped)."""
        numbers = sorted({self.number(key) for key in keys if key in self})
        if not numbers:
            return ()
        if len(numbers) == 1:
            return runs(wording.template("pieces.renvoi.une", "texte"), numero=str(numbers[0]))
        if len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[-1] + 1)):
            template = wording.template("pieces.renvoi.suite", "texte")
            return runs(template, premier=str(numbers[0]), dernier=str(numbers[-1]))
        listed = french.enumeration([str(n) for n in numbers])
        return runs(wording.template("pieces.renvoi.plusieurs", "texte"), numeros=listed)

    def paren(self, *keys: str) -> Runs:
        """« (pièce n° 3) » with its leading space, or nothing when no such exhibit exists."""
        ref = self.ref(*keys)
        return (Text(" ("), *ref, Text(")")) if ref else ()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(key for key, _, _ in self._items)

    def freeze(self) -> tuple[Exhibit, ...]:
        label = wording.template("pieces.libelle", "texte")
        return tuple(
            Exhibit(
                number,
                description,
                f"{number:02d}-{slug}.pdf",
                french.typographie(label.format(numero=number)),
            )
            for number, (_key, description, slug) in enumerate(self._items, start=1)
        )


def plan(w: Writer, wanted: tuple[str, ...]) -> Exhibits:
    """The exhibits of one document, in the order a judge reads them (`wanted`: its plan)."""
    unknown = set(wanted) - set(KEYS)
    if unknown:
        raise ValueError(f"unknown exhibits {sorted(unknown)} in a plan: choose among {KEYS}")
    exhibits = Exhibits()
    if "titre" in wanted:
        _identity(w, exhibits)
    if "decision" in wanted and w.a.decision_anterieure.existe == "oui" and not w.blank:
        # The judge reads the decision the petition says it does not hinder.
        decision = w.a.decision_anterieure
        date_ = (Text(" du "), w.d(decision.date, "")) if decision.date else ()
        mesures = join_runs(
            [w.t("refere.obstacle.mesures", m) for m in decision.mesures]
            or [w.t("refere.obstacle.mesures", "inconnue")]
        )
        description = w.t("pieces.decision", date=date_, mesures=mesures)
        exhibits.add("decision", description, "decision-anterieure")
    if "journal" in wanted and (w.attempts or w.blank):
        exhibits.add("journal", w.t("pieces.journal"), "releve-des-demarches")
    for moyen in CHANNELS:
        if moyen in wanted:
            _channel(w, exhibits, moyen)
        elif moyen == "lrar" and "lrar_precedente" in wanted and not w.blank and w.date:
            # A reminder encloses the letters it follows up, not itself (logged on its own day).
            _channel(w, exhibits, moyen, before=w.date)
    if "motifs" in wanted:
        _motifs(w, exhibits)
    if "frais" in wanted and (w.a.demandes.frais_l761_1_euros or w.blank):
        exhibits.add("frais", w.t("pieces.frais"), "justificatifs-frais")
    return exhibits


def _identity(w: Writer, exhibits: Exhibits) -> None:
    demarche = w.a.demarche
    # A change of status is asked for by the holder of a card (« étudiant »): the card held is
    # the exhibit, with its end date, as for a renewal, not a « précédent document de séjour ».
    holder = w.type == "changement_situation" and demarche.expiration_titre is not None
    if w.type == "renouvellement" or holder:
        description = w.t("pieces.titre.renouvellement")
        if demarche.expiration_titre:
            description = w.t(
                "pieces.titre.renouvellement_date", date=w.d(demarche.expiration_titre, "")
            )
        exhibits.add("titre", description, "titre-de-sejour")
        return
    exhibits.add("identite", w.t("pieces.identite"), "piece-identite")
    if "titre_expire" in w.a.urgence.motifs:
        exhibits.add("titre", w.t("pieces.titre.precedent"), "precedent-document-de-sejour")


def _channel(w: Writer, exhibits: Exhibits, moyen: str, before: date | None = None) -> None:
    attempts = w.by_moyen(MOYEN_OF.get(moyen, moyen))
    if before is not None:
        attempts = [t for t in attempts if t.date < before]
    if w.blank:
        if moyen in ("internet", "courriel", "lrar", "guichet"):
            exhibits.add(
                moyen, w.t(f"pieces.modele.{moyen}", au_prefet=w.au_prefet()), _SLUGS[moyen]
            )
        return
    if moyen == "guichet" and attempts and w.a.temoin is not None and w.a.temoin.nom:
        description = w.t(
            "pieces.temoin",
            temoin=w.civilite_nom(w.a.temoin),
            dates=Value(dates_enumerees([t.date for t in attempts])),
        )
        exhibits.add(moyen, description, "attestation-temoin")
        return
    proved = [t for t in attempts if t.preuve]
    if not proved:
        return
    n = len(proved)
    description = w.t(
        f"pieces.preuves.{moyen}",
        ("un" if n == 1 else "plusieurs") + avis_suffix(moyen, proved),
        dates=Value(dates_enumerees([t.date for t in proved])),
        periode=Value(french.periode(proved[0].date, proved[-1].date)),
        captures=w.count("pieces.preuves.captures", n),
        au_prefet=w.au_destinataire(),  # whom the letter was written to, as it says
    )
    slug = "courriel" if moyen == "courriel" and n == 1 else _SLUGS[moyen]
    exhibits.add(moyen, description, slug)


def avis_suffix(moyen: str, proved: list) -> str:
    """« _sans_avis » for registered letters none of whose acknowledgements came back: the
    exhibit then holds the proof of sending only, and must not claim an avis de réception."""
    if moyen == "lrar" and all(t.accuse_reception == "non" for t in proved):
        return "_sans_avis"
    return ""


_SLUGS = {
    "internet": "captures-ecran",
    "anef": "captures-anef",
    "ccc": "centre-contact-citoyens",
    "pan": "point-accueil-numerique",
    "demande_en_ligne": "demande-en-ligne",
    "relance": "relances",
    "courriel": "courriels",
    "lrar": "lettre-recommandee",
    "guichet": "demarche-guichet",
    "telephone": "appels",
    "defenseur": "defenseur-des-droits",
}


def _motifs(w: Writer, exhibits: Exhibits) -> None:
    motifs = [m for m in w.a.urgence.motifs if m in MOTIF_EXHIBITS]
    if w.blank and not motifs:
        exhibits.add("motifs", w.t("pieces.motifs.a_completer"), "justificatifs-urgence")
        return
    for motif in motifs:
        description = w.t(f"pieces.motifs.{motif}")
        exhibits.add(f"motif:{motif}", description, f"justificatifs-{MOTIF_EXHIBITS[motif]}")


def motif_ref(exhibits: Exhibits, motif: str) -> tuple[Run, ...]:
    """The reference for one urgency reason: its own exhibit, or the blank model's shared one."""
    if motif == "titre_expire":
        return exhibits.paren("titre")
    return exhibits.paren(f"motif:{motif}", "motifs")
