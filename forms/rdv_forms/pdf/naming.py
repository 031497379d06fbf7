"""File and bookmark names for the exhibits, as Télérecours citoyens wants them.

Article R. 414-5 of the code de justice administrative (wording of décret n° 2020-1245 of
9 October 2020): each exhibit is sent as a separate file, whose name « porte un intitulé
commençant par le numéro d'ordre affecté à la pièce qu'il contient par l'inventaire détaillé »
and describes its content. Télérecours' own documentation adds: at most 80 characters, no
accented or special characters (« % », « / », « & »…), no « . », hyphens and underscores
allowed; bookmarks read « PJ1_nom de la pièce ». Sources: `cja-r414-5` and
`telerecours-pieces` in content/sources.yml (the article and the documentation as quoted by
https://e-signum.tawk.help/article/modalites-juridictions-administratives, and
https://www.telerecours.fr/faq/verser-des-pieces/).
"""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 80
ALLOWED = re.compile(r"[A-Za-z0-9_-]+")
# Letters that have no decomposition into a base letter and an accent.
LETTERS = str.maketrans(
    {
        "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH",
        "ı": "i", "ŋ": "ng", "Ŋ": "NG", "ħ": "h", "Ħ": "H", "ə": "e", "Ə": "E", "ɛ": "e",
        "Ɛ": "E", "ɔ": "o", "Ɔ": "O", "ƒ": "f", "ŀ": "l", "Ŀ": "L", "ĸ": "k",
    }
)  # fmt: skip


def ascii_words(text: str) -> str:
    """« Relevé d’appels 15/10 (n° 3) » → « Releve-d-appels-15-10-n-3 »."""
    text = unicodedata.normalize("NFKD", text.translate(LETTERS)).translate(LETTERS)
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"[^A-Za-z0-9_]+", "-", text)
    return re.sub(r"[-_]{2,}", "-", text).strip("-_")


def is_valid(filename: str) -> bool:
    """Within the rules: ≤ 80 characters, ASCII letters, digits, - and _, one dot before
    the extension, starting with the exhibit's number."""
    stem, dot, extension = filename.rpartition(".")
    return bool(
        dot
        and len(filename) <= MAX_LENGTH
        and ALLOWED.fullmatch(stem)
        and ALLOWED.fullmatch(extension)
        and stem[:1].isdigit()
    )


def exhibit_filename(number: int, title: str, extension: str = "pdf") -> str:
    """« 03-captures-ecran.pdf » from a number and any title (a person's own, even hostile)."""
    prefix = f"{number:02d}-"
    room = MAX_LENGTH - len(prefix) - len(extension) - 1
    words = ascii_words(title).lower()[:room].strip("-_") or "piece"
    return f"{prefix}{words}.{extension}"


def bookmark(number: int, filename: str) -> str:
    """« PJ3_captures-ecran » for the exhibit whose file is « 03-captures-ecran.pdf »."""
    stem = filename.rpartition(".")[0] if "." in filename else filename
    description = re.sub(r"^\d+[-_]?", "", stem)
    name = f"PJ{number}_{ascii_words(description)}".rstrip("_")
    return name[:MAX_LENGTH].rstrip("-_")
