"""Département → préfecture and tribunal administratif, from the packaged CSV (see data/README.md).

Addresses come from public directories of 2019 and 2022. They are defaults the person can edit:
an address that is missing, partial or ambiguous in the data is left empty, never guessed.

This module is the one reader of the table and the one place for its rules (which territories
the CESEDA covers, who the authority is, Paris's préfet de police): the documents, the API's
`courts` reply (the form page), the site's court finder (plugins/courts) and the booklets all
read it from here.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

from .i18n import N_
from .records import record

DATA_DATE = "2019-2022"
# Read through the module's own path: the first `importlib.resources` call imports four
# modules (14 ms in Pyodide under Node), paid by a person waiting for their first document.
_DATA = Path(__file__).with_name("data") / "ta_by_departement.csv"

# How far the CESEDA governs entry and stay in a territory (data/README.md, "Scope").
SCOPES = {
    "ceseda": "the CESEDA applies",
    "adapted": "the CESEDA applies with adaptations",
    "own_law": "entry and stay are governed by a separate ordonnance",
    "uninhabited": "no resident population",
}
_SCOPE_BY_CODE = {
    "975": "adapted",
    "977": "adapted",
    "978": "adapted",
    "984": "uninhabited",
    "986": "own_law",
    "987": "own_law",
    "988": "own_law",
    "989": "uninhabited",
}

# Where the CESEDA does not govern entry and stay, or where nobody lives, no letter or petition
# based on it is produced: the msgid that says why, by scope.
OUT_OF_SCOPE = {
    "uninhabited": N_(
        "%(territoire)s : ce territoire n’a pas de population résidente et les modèles de ce "
        "guide, prévus pour une démarche en préfecture, ne s’y appliquent pas. Aucun courrier ni "
        "recours n’est produit. Si votre situation est liée à ce territoire, adressez-vous à une "
        "association ou à un avocat."
    ),
    "own_law": N_(
        "%(territoire)s : l’entrée et le séjour des étrangers n’y sont pas régis par le code de "
        "l’entrée et du séjour des étrangers et du droit d’asile (CESEDA), mais par une ordonnance "
        "propre à ce territoire. Les modèles de ce guide, fondés sur le CESEDA, ne peuvent pas y "
        "être utilisés : aucun courrier ni recours n’est produit. Adressez-vous à une association "
        "ou à un avocat sur place."
    ),
}

# Départements whose préfecture address differs between the 2019 and 2022 directories (the
# CSV has the 2022 one).
PREFECTURE_CONFLICTS = frozenset({"12", "87"})

# « de la Seine-Saint-Denis », « du Nord », « des Landes », « d’Ille-et-Vilaine », « de Paris »…
# The préfet is « le préfet de la Seine-Saint-Denis »: the CSV only has the bare name.
_PREPOSITIONS = {
    "de l’": "01 02 03 07 09 10 11 12 27 34 36 38 60 61 89 91",
    "des ": "04 05 06 08 13 22 40 64 65 66 78 79 88 92",
    "du ": "14 15 18 25 29 30 32 39 45 46 56 59 62 63 67 68 69 81 83 90 94 95",
    "de la ": "16 17 19 21 23 24 26 2A 2B 31 33 42 43 44 48 50 51 52 53 55 57 58 70 72 73 74 "
    "76 80 85 86 87 93 971 972 973",
    "d’": "28 35 37",
    "de ": "41 47 49 54 71 77 82 84 974 975 976",
}
_PREPOSITION_BY_CODE = {
    code: prep for prep, codes in _PREPOSITIONS.items() for code in codes.split()
}

# Where the CSV's first address segment is not « Préfecture - <name> », the office, the
# authority and, where it is fixed, the formule d'appel are named here. Paris: residence
# permits are handled by the Préfecture de police (data/README.md); this is the one place
# the « préfet de police » rule is written.
_SPECIAL_AUTHORITIES = {
    "75": ("Préfecture de police", "le préfet de police", "Monsieur le Préfet de police"),
    "977": (
        "Représentation de l’État à Saint-Barthélemy",
        "le représentant de l’État à Saint-Barthélemy",
        "",
    ),
    "978": (
        "Représentation de l’État à Saint-Martin",
        "le représentant de l’État à Saint-Martin",
        "",
    ),
}

_POSTCODE = re.compile(r"\b\d{5}\b")
_PARENTHESIS = re.compile(r"\s*\(([^)]*)\)")


@record
class Departement:
    """One row of the table, with names ready for a letter and cleaned-up default addresses."""

    code: str
    nom: str
    tribunal: str  # « Tribunal administratif de Montreuil »
    tribunal_siege: str  # « siège : Basse-Terre » for overseas courts, else ""
    tribunal_adresse: str  # a usable default, or "" when the data is missing or uncertain
    tribunal_adresse_source: str  # the CSV value as it is, for the person to check
    prefecture: str  # « Préfecture de la Seine-Saint-Denis »
    prefecture_adresse: str
    prefecture_adresse_source: str
    autorite: str  # « le préfet de la Seine-Saint-Denis »: the party in the référé
    in_scope: bool  # the CESEDA applies, maybe with adaptations: documents are produced
    scope: str  # a key of SCOPES
    # The formule d'appel the office requires (« Monsieur le Préfet de police » in Paris);
    # "" where the person chooses it.
    formule: str
    prefecture_conflict: bool  # two directories disagree on the préfecture's address
    # The name and the court as the CSV writes them, for a table that shows the data as
    # published (the site's court finder).
    nom_source: str
    tribunal_source: str

    @property
    def hors_champ_message(self) -> str:
        """The msgid explaining why no document is produced here ("" when in scope)."""
        return OUT_OF_SCOPE.get(self.scope, "")

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "nom": self.nom,
            "tribunal": self.tribunal,
            "tribunal_siege": self.tribunal_siege,
            "tribunal_adresse": self.tribunal_adresse,
            "tribunal_adresse_source": self.tribunal_adresse_source,
            "prefecture": self.prefecture,
            "prefecture_adresse": self.prefecture_adresse,
            "prefecture_adresse_source": self.prefecture_adresse_source,
            "autorite": self.autorite,
            "in_scope": self.in_scope,
            "scope": self.scope,
            "formule": self.formule,
            "prefecture_conflict": self.prefecture_conflict,
        }


def normalise_code(value: str) -> str:
    """« 93 », « 2a », « 971 », « 1 », « 01 » → the table's code (« 01 », « 2A »…); else ""."""
    code = (value or "").strip().upper()
    if code.isdigit() and len(code) == 1:
        code = "0" + code
    return code if code in _rows() else ""


def lookup(value: str) -> Departement | None:
    code = normalise_code(value)
    return _departement(code) if code else None


def all_departements() -> tuple[Departement, ...]:
    return tuple(map(_departement, _rows()))


def forget() -> None:
    """Read the CSV again on next use: for a site build that reloads after an edit."""
    _rows.cache_clear()
    _departement.cache_clear()


def usable_address(raw: str) -> str:
    """The CSV address when it can go on an envelope as it is, else "" for the person to fill.

    A note in parentheses is dropped; what remains must be a single address with a postcode.
    Several addresses joined by « / » or « ; » are ambiguous: the person must choose.
    """
    address = _PARENTHESIS.sub("", raw).strip()
    if not address or any(mark in address for mark in (" / ", ";", ":", "—")):
        return ""
    return address if _POSTCODE.search(address) else ""


def _prefecture(code: str, nom: str, raw: str) -> tuple[str, str, str, str]:
    """(name, address, authority, formule) from the CSV's « Préfecture - Ain, 45, avenue… »."""
    first, _, rest = raw.partition(", ")
    if code in _SPECIAL_AUTHORITIES:
        name, authority, formule = _SPECIAL_AUTHORITIES[code]
        return name, usable_address(rest), authority, formule
    of = _PREPOSITION_BY_CODE.get(code, "de ")
    authority = f"le préfet {of}{nom}"
    if first.startswith("Préfecture"):
        return f"Préfecture {of}{nom}", usable_address(rest), authority, ""
    # Overseas collectivities outside the CESEDA: keep the CSV's own name for the office.
    return first, usable_address(rest), authority, ""


@cache
def _rows() -> dict[str, dict[str, str]]:
    """The CSV's rows by département code, as written in the file."""
    with _DATA.open(encoding="utf-8", newline="") as file:
        return {row["departement_code"]: row for row in csv.DictReader(file)}


@cache
def _departement(code: str) -> Departement:
    """One row made ready for letters, on first use: a person's documents need one
    département, and preparing all 109 added 15 ms (Pyodide under Node) to their first
    request."""
    raw_row = _rows()[code]
    # Names and addresses go into letters: give them the letters' typographic apostrophe.
    row = {key: value.replace("'", "’") for key, value in raw_row.items()}
    tribunal, _, siege = row["tribunal_administratif"].partition(" (")
    prefecture, prefecture_adresse, autorite, formule = _prefecture(
        code, row["departement_nom"], row["prefecture_adresse"]
    )
    scope = _SCOPE_BY_CODE.get(code, "ceseda")
    in_scope = scope not in OUT_OF_SCOPE
    return Departement(
        code=code,
        nom=row["departement_nom"],
        tribunal=tribunal,
        tribunal_siege=siege.rstrip(")"),
        tribunal_adresse=usable_address(row["ta_adresse"]),
        tribunal_adresse_source=raw_row["ta_adresse"],
        prefecture=prefecture,
        prefecture_adresse=prefecture_adresse,
        prefecture_adresse_source=raw_row["prefecture_adresse"],
        autorite=autorite if in_scope else "",
        in_scope=in_scope,
        scope=scope,
        formule=formule,
        prefecture_conflict=code in PREFECTURE_CONFLICTS,
        nom_source=raw_row["departement_nom"],
        tribunal_source=raw_row["tribunal_administratif"],
    )
