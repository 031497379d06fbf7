"""`python -m rdv_forms dossier`: the filing pack from the command line, for help desks.

    python -m rdv_forms dossier --answers reponses.json \\
        --pieces capture_2026-10-05.png 1=passeport.jpg lrar.pdf --output dossier/

writes into the folder the petition, the inventory, one PDF per exhibit named as
Télérecours citoyens wants, a combined PDF to print, and a zip of all of them. A file named
like an attempt's « preuve » goes to that attempt's exhibit; `N=FILE` puts a file in
exhibit N of the inventory. The work is done by `rdv_forms.pdf.dossier`; this module reads
and writes files and says what happened, in the person's language.
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path

from .i18n import msg, msg_pdf

TARGET = re.compile(r"(\d{1,3})=(.+)", re.DOTALL)
MAX_PIECE_BYTES = 64 * 1024 * 1024  # far above a phone photo; stops `/dev/zero` and mistakes


def run(options: argparse.Namespace, lang: str, today: date) -> int:
    from . import cli
    from .answers import parse
    from .documents.registry import NotProduced
    from .pdf.dossier import PackError, build_pack
    from .pdf.fonts import MissingGlyphs
    from .pdf.pieces import Unreadable
    from .render.pdf import UnsupportedCharacters

    if options.answers is None:
        raise cli._Usage(
            msg_pdf("La commande dossier a besoin des réponses : indiquez-les avec --answers.")
        )
    if not options.output:
        raise cli._Usage(
            msg_pdf("Indiquez avec --output le dossier où écrire les fichiers du dépôt.")
        )
    answers, errors = parse(cli._read(options.answers), today=today)
    if errors:
        cli._report(errors, lang)
        return cli.INVALID
    given = [_given(argument) for argument in options.pieces or []]
    try:
        pack = build_pack(answers, given, today=today)
    except NotProduced as refusal:
        cli._say(refusal.message.render(lang))
        return cli.INVALID
    except (Unreadable, PackError) as problem:
        cli._say(problem.message.render(lang))
        return cli.INVALID
    except MissingGlyphs as missing:
        cli._say(UnsupportedCharacters(missing.characters).message.render(lang))
        return cli.INVALID
    folder = Path(options.output)
    files = [*pack.files, (pack.zip_name, pack.zip)]
    _write_all(folder, files, force=getattr(options, "force", False))
    cli._say(msg_pdf("Dossier de dépôt écrit dans %(dossier)s :", dossier=str(folder)).render(lang))
    for name, data in files:
        cli._say(f"  {name}  {_size(len(data))}")
    for exhibit in pack.missing:
        cli._say(
            msg_pdf(
                "Attention : pièce n° %(numero)s sans fichier (%(fichier)s) : ajoutez-la avant "
                "le dépôt, ou donnez son fichier avec --pieces %(numero)s=FICHIER.",
                numero=exhibit.number,
                fichier=exhibit.filename,
            ).render(lang)
        )
    return cli.OK


def _given(argument: str):
    """`FILE` or `N=FILE`; a file whose own name looks like `N=…` still wins if it exists."""
    from . import cli
    from .pdf.dossier import Given

    number = None
    match = TARGET.fullmatch(argument)
    path = argument
    if match and not Path(argument).exists():
        number, path = int(match.group(1)), match.group(2)
    try:
        with Path(path).open("rb") as file:
            data = file.read(MAX_PIECE_BYTES + 1)
    except FileNotFoundError:
        raise cli._Usage(
            msg_pdf(
                "Fichier introuvable : %(chemin)s. Vérifiez le chemin indiqué après --pieces.",
                chemin=path,
            )
        ) from None
    except OSError as error:
        raise cli._Usage(
            msg(
                "Impossible de lire %(chemin)s (%(detail)s) : vérifiez que c’est un fichier et que "
                "vous avez le droit de le lire.",
                chemin=path,
                detail=error.strerror or type(error).__name__,
            )
        ) from None
    if len(data) > MAX_PIECE_BYTES:
        raise cli._Usage(
            msg_pdf(
                "%(chemin)s dépasse %(max)s Mo : réduisez-le (une photo ou une capture suffit).",
                chemin=path,
                max=MAX_PIECE_BYTES // (1024 * 1024),
            )
        )
    return Given(Path(path).name, data, number)


def _write_all(folder: Path, files: list[tuple[str, bytes]], *, force: bool) -> None:
    from . import cli

    try:
        folder.mkdir(parents=True, exist_ok=True)
        clashes = [name for name, _ in files if (folder / name).exists()]
        if clashes and not force:
            raise cli._Usage(
                msg_pdf(
                    "%(dossier)s contient déjà %(fichier)s : choisissez un dossier vide avec "
                    "--output, ou ajoutez --force pour remplacer les fichiers.",
                    dossier=str(folder),
                    fichier=clashes[0],
                )
            )
        for name, data in files:
            (folder / name).write_bytes(data)
    except OSError as error:
        raise cli._Usage(
            msg_pdf(
                "Impossible d’écrire dans %(dossier)s (%(detail)s) : choisissez un autre dossier "
                "avec --output.",
                dossier=str(folder),
                detail=error.strerror or type(error).__name__,
            )
        ) from None


def _size(count: int) -> str:
    if count < 1024 * 1024:
        return f"{max(1, round(count / 1024))} Ko"
    return f"{count / (1024 * 1024):.1f} Mo".replace(".", ",")
