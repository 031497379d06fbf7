"""French typography and grammar for the generated documents: dates, amounts, lists, agreement.

Nothing here depends on the machine's locale: month names and rules are written out, so the
output is the same on a build server, a volunteer's laptop and in the browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, time

NBSP = "\u00a0"  # espace insécable: before « : », after « n° »
NNBSP = "\u202f"  # espace fine insécable: before ; ! ?, inside « », thousands, before €

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

FEMININE, MASCULINE, NEUTRAL = "Mme", "M.", ""


def day_number(day: int) -> str:
    """« 1er » for the first day of the month, the number otherwise."""
    return "1er" if day == 1 else str(day)


def date_longue(d: date) -> str:
    """« 1er décembre 2026 »."""
    return f"{day_number(d.day)} {MONTHS[d.month - 1]} {d.year}"


def date_avec_jour(d: date) -> str:
    """« lundi 5 octobre 2026 »: the weekday shows a judge that attempts were on different days."""
    return f"{WEEKDAYS[d.weekday()]} {date_longue(d)}"


def heure(t: time) -> str:
    """« 8 h 55 », « 14 h »: the French way of writing a time in running text."""
    if t.minute == 0:
        return f"{t.hour}{NBSP}h"
    return f"{t.hour}{NBSP}h{NBSP}{t.minute:02d}"


def periode(start: date, end: date) -> str:
    """« du 5 au 20 octobre 2026 », « du 28 décembre 2026 au 2 janvier 2027 », « le 5 … »."""
    if start == end:
        return f"le {date_longue(start)}"
    if start.year != end.year:
        return f"du {date_longue(start)} au {date_longue(end)}"
    if start.month != end.month:
        return f"du {day_number(start.day)} {MONTHS[start.month - 1]} au {date_longue(end)}"
    return f"du {day_number(start.day)} au {date_longue(end)}"


def mois(d: date) -> str:
    """« octobre 2026 »."""
    return f"{MONTHS[d.month - 1]} {d.year}"


def nombre(n: int) -> str:
    """« 1 500 »: groups of three digits separated by a narrow no-break space."""
    sign, digits = ("-", str(-n)) if n < 0 else ("", str(n))
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return sign + NNBSP.join(groups)


def montant(euros: int) -> str:
    """« 100 € », « 1 500 € »."""
    return f"{nombre(euros)}{NNBSP}€"


def pluriel(n: int, singulier: str, pluriel_: str | None = None) -> str:
    """« 1 jour », « 0 jour », « 16 jours »: in French, 0 and 1 take the singular."""
    word = singulier if n <= 1 else (pluriel_ or singulier + "s")
    return f"{nombre(n)} {word}"


def quantite(n: int, singulier: str, pluriel_: str | None = None, *, feminin: bool = False) -> str:
    """« un courriel », « une lettre recommandée », « 5 tentatives »."""
    if n == 1:
        return f"{'une' if feminin else 'un'} {singulier}"
    return pluriel(n, singulier, pluriel_)


def enumeration(items: Sequence[str], conjonction: str = "et") -> str:
    """« a, b et c »."""
    items = [item for item in items if item]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjonction} {items[-1]}"


def accord(civilite: str, feminin: str, masculin: str, neutre: str) -> str:
    """Pick the wording that agrees with the civilité; a neutral rewording when it is unknown.

    The neutral wording is a different sentence, never « né(e) » or « né·e »: those marks are
    hard to read aloud and look careless in a letter to a préfet or a judge.
    """
    if civilite == FEMININE:
        return feminin
    if civilite == MASCULINE:
        return masculin
    return neutre


_TYPO_RULES = (
    (re.compile(r" ([:])"), NBSP + r"\1"),
    (re.compile(r" ([;!?])"), NNBSP + r"\1"),
    (re.compile(r"« "), "«" + NNBSP),
    (re.compile(r" »"), NNBSP + "»"),
    (re.compile(r"\bn° "), "n°" + NBSP),
    (re.compile(r" €"), NNBSP + "€"),
    (re.compile(r"'"), "’"),
)


def typographie(text: str) -> str:
    """Apply French spacing and apostrophes to wording written with plain spaces.

    Only the documents' own wording goes through this, never a user's answer: a user may
    type an e-mail address or a URL where « : » must stay as it is.
    """
    for pattern, replacement in _TYPO_RULES:
        text = pattern.sub(replacement, text)
    return text


# Names starting with an h that is aspirated keep « de » whole (« de Haguenau »); before any
# other h (muet: « d’Hyères ») and before a vowel, « de » becomes « d’ ».
H_ASPIRE = ("haguenau", "hambourg", "hazebrouck", "hayange", "hendaye", "hongrie", "honfleur")
# Names that start with an article: « de » contracts with it (« du Havre », « des Sables »).
ARTICLES = {"le ": "du ", "les ": "des "}
# Départements and bars named with an article (« barreau de la Seine-Saint-Denis »), for a
# name typed without it.
ARTICLE_DE = {
    "seine-saint-denis": "de la ",
    "val-de-marne": "du ",
    "val-d’oise": "du ",
    "val-d'oise": "du ",
    "hauts-de-seine": "des ",
    "essonne": "de l’",
    "yvelines": "des ",
}
_VOWELS = "aeiouyàâäéèêëîïôöùûüœæ"


def de(nom: str) -> tuple[str, str]:
    """« de » before a place name, elided or contracted: (wording, name).

    ("d’", "Ajaccio"), ("de ", "Lyon"), ("du ", "Havre") for « Le Havre », ("de la ",
    "Seine-Saint-Denis"). The name stays apart: it is what the person typed, isolated in the
    documents, while the particle is the documents' own wording.
    """
    name = " ".join(nom.split())
    lower = name.lower()
    for article, contracted in ARTICLES.items():
        if lower.startswith(article) and len(name) > len(article):
            return contracted, name[len(article) :]
    if lower in ARTICLE_DE:
        return ARTICLE_DE[lower], name
    if lower.startswith(("la ", "l’", "l'")):
        return "de ", name
    first = lower[:1]
    if first in _VOWELS or (first == "h" and not lower.startswith(H_ASPIRE)):
        return "d’", name
    return "de ", name


def a(nom: str) -> tuple[str, str]:
    """« à » before a town's name, contracted with its article: ("au ", "Havre") for « Le
    Havre », ("aux ", "Abymes") for « Les Abymes », ("à ", "Montreuil"). As `de`, the name
    stays apart."""
    name = " ".join(nom.split())
    lower = name.lower()
    for article, contracted in {"le ": "au ", "les ": "aux "}.items():
        if lower.startswith(article) and len(name) > len(article):
            return contracted, name[len(article) :]
    return "à ", name


def capitalise(text: str) -> str:
    """Upper-case the first letter only (« le préfet » → « Le préfet »)."""
    return text[:1].upper() + text[1:]


def ascii_slug(text: str, max_length: int = 40) -> str:
    """« Aïssatou DIALLO » → « aissatou-diallo »: for file names Télérecours and e-mail accept."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_text = ascii_text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].strip("-")


def join_nonempty(parts: Iterable[str], separator: str = ", ") -> str:
    return separator.join(part for part in parts if part)
