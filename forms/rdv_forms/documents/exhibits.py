"""The exhibits (« pièces »): listed first from the answers, then referred to by number.

Every « pièce n° N » in a document comes from `Exhibits.ref()`, and every exhibit listed is
referred to in the text: a test holds each document to that.
"""

from __future__ import annotations

from .. import french
from .model import Exhibit, Run, Runs, Text, Value
from .writing import Writer, dates_enumerees, runs

# Urgency reasons that call for a document of their own: (description, file name).
MOTIF_EXHIBITS = {
    "emploi": (
        "Justificatifs relatifs à l’emploi (contrat de travail, promesse d’embauche, bulletins "
        "de salaire ou courrier de l’employeur)",
        "emploi",
    ),
    "enfants": (
        "Actes de naissance des enfants et justificatifs de leur prise en charge",
        "enfants",
    ),
    "logement": ("Justificatifs relatifs au logement", "logement"),
    "sante": ("Certificats médicaux", "sante"),
    "droits_sociaux": ("Justificatifs des droits sociaux en cours", "droits-sociaux"),
    "etudes": (
        "Certificat de scolarité ou d’inscription et, le cas échéant, convention de stage",
        "etudes",
    ),
    "famille": ("Justificatifs de la situation familiale (actes d’état civil)", "famille"),
    "voyage": ("Justificatifs du voyage prévu", "voyage"),
}

# Which exhibits each kind of document carries.
REFERE = ("titre", "journal", "internet", "courriel", "lrar", "guichet", "telephone", "defenseur")
PLANS = {
    "refere": (*REFERE, "motifs"),
    "lettre": ("titre", "journal", "internet", "courriel", "motifs"),
    "email": ("titre", "internet"),
    "defenseur": ("titre", "journal", "internet", "courriel", "lrar", "guichet", "motifs"),
}


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
            return (Text(french.typographie(f"pièce n° {numbers[0]}")),)
        if len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[-1] + 1)):
            return (Text(french.typographie(f"pièces n° {numbers[0]} à {numbers[-1]}")),)
        listed = french.enumeration([str(n) for n in numbers])
        return (Text(french.typographie(f"pièces n° {listed}")),)

    def paren(self, *keys: str) -> Runs:
        """« (pièce n° 3) » with its leading space, or nothing when no such exhibit exists."""
        ref = self.ref(*keys)
        return (Text(" ("), *ref, Text(")")) if ref else ()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(key for key, _, _ in self._items)

    def freeze(self) -> tuple[Exhibit, ...]:
        return tuple(
            Exhibit(number, description, f"{number:02d}-{slug}.pdf")
            for number, (_key, description, slug) in enumerate(self._items, start=1)
        )


def plan(w: Writer, kind: str) -> Exhibits:
    """The exhibits of one document, in the order a judge reads them."""
    wanted = PLANS[kind]
    exhibits = Exhibits()
    if "titre" in wanted:
        _identity(w, exhibits)
    if "journal" in wanted and (w.attempts or w.blank):
        exhibits.add(
            "journal",
            runs("Relevé des démarches accomplies pour obtenir un rendez-vous"),
            "releve-des-demarches",
        )
    for moyen in ("internet", "courriel", "lrar", "guichet", "telephone", "defenseur"):
        if moyen in wanted:
            _channel(w, exhibits, moyen)
    if "motifs" in wanted:
        _motifs(w, exhibits)
    return exhibits


def _identity(w: Writer, exhibits: Exhibits) -> None:
    demarche = w.a.demarche
    if w.type == "renouvellement":
        description = runs("Copie du titre de séjour en cours ou expiré")
        if demarche.expiration_titre:
            description = runs(
                "Copie du titre de séjour (fin de validité : {d})",
                d=w.d(demarche.expiration_titre, ""),
            )
        exhibits.add("titre", description, "titre-de-sejour")
        return
    exhibits.add(
        "identite", runs("Copie du passeport ou d’une autre pièce d’identité"), "piece-identite"
    )
    if "titre_expire" in w.a.urgence.motifs:
        exhibits.add(
            "titre", runs("Copie du précédent document de séjour"), "precedent-document-de-sejour"
        )


def _dated(w: Writer, moyen: str) -> tuple[list, str]:
    attempts = w.by_moyen(moyen)
    return attempts, dates_enumerees([t.date for t in attempts]) if attempts else ""


def _channel(w: Writer, exhibits: Exhibits, moyen: str) -> None:
    key = "defenseur" if moyen == "defenseur" else moyen
    source = "defenseur_des_droits" if moyen == "defenseur" else moyen
    attempts, dates = _dated(w, source)
    if w.blank:
        generic = {
            "internet": "Captures d’écran des tentatives de prise de rendez-vous en ligne",
            "courriel": "Courriels adressés au service des étrangers",
            "lrar": "Lettre recommandée adressée au préfet et avis de réception",
            "guichet": "Attestation du témoin de la démarche au guichet et copie de sa pièce "
            "d’identité",
        }
        if moyen in generic:
            exhibits.add(key, runs(generic[moyen]), _SLUGS[moyen])
        return
    proved = [t for t in attempts if t.preuve]
    if moyen == "guichet" and attempts and w.a.temoin is not None and w.a.temoin.nom:
        description = runs(
            "Attestation de {temoin} sur la démarche au guichet ({dates}) et copie de sa pièce "
            "d’identité",
            temoin=w.civilite_nom(w.a.temoin),
            dates=Value(dates),
        )
        exhibits.add(key, description, "attestation-temoin")
        return
    if not proved:
        return
    n = len(proved)
    proved_dates = dates_enumerees([t.date for t in proved])
    descriptions = {
        "internet": (
            "Captures d’écran des tentatives sur le site de la préfecture, {periode} ({count})",
            french.pluriel(n, "capture"),
        ),
        "courriel": (
            "Courriel adressé au service des étrangers {dates}"
            if n == 1
            else "Courriels adressés au service des étrangers {dates}",
            "",
        ),
        "lrar": (
            "Lettre recommandée adressée au préfet {dates}, preuve de dépôt et avis de réception"
            if n == 1
            else "Lettres recommandées adressées au préfet {dates}, preuves de dépôt et avis de "
            "réception",
            "",
        ),
        "guichet": ("Justificatifs des démarches au guichet {dates}", ""),
        "telephone": ("Relevé des appels à la préfecture {dates}", ""),
        "defenseur": ("Saisine du Défenseur des droits {dates}", ""),
    }
    template, count = descriptions[moyen]
    period = french.periode(proved[0].date, proved[-1].date)
    description = runs(template, dates=Value(proved_dates), periode=Value(period), count=count)
    slug = "courriel" if moyen == "courriel" and n == 1 else _SLUGS[moyen]
    exhibits.add(key, description, slug)


_SLUGS = {
    "internet": "captures-ecran",
    "courriel": "courriels",
    "lrar": "lettre-recommandee",
    "guichet": "demarche-guichet",
    "telephone": "appels",
    "defenseur": "defenseur-des-droits",
}


def _motifs(w: Writer, exhibits: Exhibits) -> None:
    motifs = [m for m in w.a.urgence.motifs if m in MOTIF_EXHIBITS]
    if w.blank and not motifs:
        exhibits.add("motifs", runs("Justificatifs de l’urgence"), "justificatifs-urgence")
        return
    for motif in motifs:
        description, slug = MOTIF_EXHIBITS[motif]
        exhibits.add(f"motif:{motif}", runs(description), f"justificatifs-{slug}")


def motif_ref(exhibits: Exhibits, motif: str) -> tuple[Run, ...]:
    """The reference for one urgency reason: its own exhibit, or the blank model's shared one."""
    if motif == "titre_expire":
        return exhibits.paren("titre")
    return exhibits.paren(f"motif:{motif}", "motifs")
