"""Command line, for volunteers and tests.

    python -m rdv_forms refere --answers reponses.json --format odt --output requete.odt
    python -m rdv_forms lettre --blank
    python -m rdv_forms check --answers reponses.json --lang en

Exit status: 0 done; 1 the answers are invalid or the document cannot be made for them;
2 the command itself is wrong (unknown kind, unreadable file…). Never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from . import __version__
from .analysis import analyse, refere_block
from .answers import FORMAT_VERSION, MAX_SOURCE_BYTES, InvalidAnswers, parse, read
from .documents.registry import KINDS, NotProduced, make, unknown_kind
from .i18n import Message, msg, msg_n, normalise_language
from .render import ALL_FORMATS, UnsupportedCharacters, render

OK, INVALID, USAGE = 0, 1, 2


class _Usage(Exception):
    def __init__(self, message: Message):
        super().__init__(message.msgid)
        self.message = message


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own messages are English-only
        raise _Usage(
            msg(
                "Commande incorrecte (%(detail)s) : lancez « python -m rdv_forms --help ».",
                detail=message,
            )
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m rdv_forms",
        description="Documents pour obtenir un rendez-vous en préfecture (référé mesures utiles).",
    )
    parser.add_argument("command", help=f"check, dossier, ou un document : {', '.join(KINDS)}")
    parser.add_argument(
        "--answers",
        metavar="FICHIER.json",
        help="réponses (format version 2 ; un fichier de version 1 est migré)",
    )
    parser.add_argument("--format", default="text", help="text, html, odt ou pdf (text par défaut)")
    parser.add_argument("--output", metavar="CHEMIN", help="fichier à écrire (sinon la sortie)")
    parser.add_argument("--force", action="store_true", help="remplacer --output s’il existe")
    parser.add_argument("--blank", action="store_true", help="modèle à remplir à la main")
    parser.add_argument(
        "--pieces",
        nargs="+",
        metavar="[N=]FICHIER",
        help="dossier : images (JPEG, PNG) et PDF des pièces ; N= choisit la pièce n° N",
    )
    parser.add_argument("--lang", default="fr", help="langue des messages : fr ou en")
    parser.add_argument("--today", metavar="AAAA-MM-JJ", help="date du jour (pour les tests)")
    parser.add_argument("--version", action="version", version=f"rdv_forms {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    lang = _language(arguments)
    try:
        options = build_parser().parse_args(arguments)
        return _run(options, lang)
    except _Usage as usage:
        _say(usage.message.render(lang))
        return USAGE
    except BrokenPipeError:  # `… | head`: the reader has seen enough
        return OK
    except Exception as error:  # a volunteer must get a sentence, not a traceback
        _say(
            msg(
                "Erreur interne (%(detail)s) : réessayez, puis signalez le problème aux "
                "bénévoles qui maintiennent ce guide.",
                detail=type(error).__name__,
            ).render(lang)
        )
        return USAGE


def _language(arguments: list[str]) -> str:
    """--lang is read first, so that even a wrong command is explained in that language."""
    for index, argument in enumerate(arguments):
        if argument == "--lang" and index + 1 < len(arguments):
            return normalise_language(arguments[index + 1])
        if argument.startswith("--lang="):
            return normalise_language(argument.split("=", 1)[1])
    return "fr"


def _run(options: argparse.Namespace, lang: str) -> int:
    today = _today(options.today)
    if options.command == "dossier":  # the filing pack: PDFs, loaded only for it
        from .dossier import run

        return run(options, lang, today)
    if options.command != "check" and options.command not in KINDS:
        raise _Usage(unknown_kind(options.command))
    if options.format not in ALL_FORMATS:
        raise _Usage(
            msg(
                "Format inconnu « %(format)s » : choisissez parmi %(choix)s.",
                format=options.format,
                choix=", ".join(ALL_FORMATS),
            )
        )
    if options.answers is None and not (options.blank and options.command != "check"):
        raise _Usage(
            msg(
                "Indiquez un fichier de réponses avec --answers, ou demandez un modèle vierge "
                "avec --blank."
            )
        )
    if options.command == "check":  # always with --answers (checked above)
        return _check(_read(options.answers), today, lang)
    source = _read(options.answers) if options.answers else None
    answers = None
    if source is not None:
        answers, errors = parse(source, today=today)
        if errors:
            _report(errors, lang)
            return INVALID
        block = refere_block(answers) if options.command == "refere" else None
        if block is not None:
            _say(block.message.render(lang))
            return INVALID
    try:
        document = make(options.command, answers, blank=options.blank, today=today)
    except NotProduced as refusal:
        _say(refusal.message.render(lang))
        return INVALID
    except InvalidAnswers as invalid:  # pragma: no cover - parsed above
        _report(invalid.errors, lang)
        return INVALID
    try:
        output = render(document, options.format)
    except UnsupportedCharacters as refusal:  # a name the PDF's font cannot draw
        _say(refusal.message.render(lang))
        return INVALID
    _write(output, options.output, lang, force=options.force)
    return OK


def _today(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        if len(value) != 10:
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise _Usage(
            msg(
                "Date du jour « %(valeur)s » invalide : utilisez la forme AAAA-MM-JJ.", valeur=value
            )
        ) from None


def _read(path: str) -> bytes:
    """The file's bytes, at most MAX_SOURCE_BYTES of them: `--answers /dev/zero` must not
    fill the memory, so no more than one byte past the limit is ever read."""
    try:
        with Path(path).open("rb") as file:
            data = file.read(MAX_SOURCE_BYTES + 1)
        if len(data) > MAX_SOURCE_BYTES:
            raise _Usage(
                msg(
                    "Le fichier %(chemin)s dépasse %(max)s octets : ce n’est pas un fichier de "
                    "réponses enregistré par le formulaire.",
                    chemin=path,
                    max=MAX_SOURCE_BYTES,
                )
            )
        return data
    except FileNotFoundError:
        raise _Usage(
            msg(
                "Fichier introuvable : %(chemin)s. Vérifiez le chemin indiqué après --answers.",
                chemin=path,
            )
        ) from None
    except OSError as error:
        raise _Usage(
            msg(
                "Impossible de lire %(chemin)s (%(detail)s) : vérifiez que c’est un fichier et que "
                "vous avez le droit de le lire.",
                chemin=path,
                detail=error.strerror or type(error).__name__,
            )
        ) from None


def _write(output: str | bytes, path: str | None, lang: str, *, force: bool = False) -> None:
    data = output.encode("utf-8") if isinstance(output, str) else output
    if path is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    if not force and Path(path).exists() and not _may_replace(path, lang):
        raise _Usage(
            msg(
                "%(chemin)s existe déjà et n’a pas été remplacé : choisissez un autre nom avec "
                "--output, ou ajoutez --force pour le remplacer.",
                chemin=path,
            )
        )
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise _Usage(
            msg(
                "Impossible d’écrire %(chemin)s (%(detail)s) : choisissez un autre emplacement "
                "avec --output.",
                chemin=path,
                detail=error.strerror or type(error).__name__,
            )
        ) from None
    _say(msg("Document écrit : %(chemin)s", chemin=path).render(lang))


def _may_replace(path: str, lang: str) -> bool:
    """Ask before replacing a file, when someone is there to answer; otherwise, do not."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return False
    yes = msg("oui").render(lang).strip().lower()
    question = msg("%(chemin)s existe déjà. Le remplacer ? (%(oui)s/non) ", chemin=path, oui=yes)
    print(question.render(lang), end="", file=sys.stderr, flush=True)
    try:
        answer = sys.stdin.readline().strip().lower()
    except (OSError, UnicodeDecodeError):
        return False
    return bool(answer) and answer in (yes, yes[:1], "oui", "o")


def _check(source: bytes, today: date, lang: str) -> int:
    parsed = read(source, today=today)
    answers, errors = parsed.answers, parsed.errors
    if errors:
        _report(errors, lang)
    else:
        print(msg("Les réponses sont valides.").render(lang))
    if parsed.migrated:
        print(
            msg(
                "Fichier au format version %(ancienne)s, lu comme version %(version)s : "
                "enregistrez-le de nouveau pour le mettre à jour.",
                ancienne=parsed.version_read,
                version=FORMAT_VERSION,
            ).render(lang)
        )
    analysis = analyse(answers, today=today)
    if analysis.pending:
        print(
            msg(
                "Questions nouvelles à compléter : %(champs)s.", champs=", ".join(analysis.pending)
            ).render(lang)
        )
    summary = analysis.summary
    if summary.count:
        print(
            msg_n(
                "Résumé : %(n)s démarche, le %(debut)s.",
                "Résumé : %(n)s démarches, du %(debut)s au %(fin)s.",
                summary.count,
                debut=summary.first,
                fin=summary.last,
            ).render(lang)
        )
    print(msg("Verdict : %(verdict)s", verdict=analysis.verdict.message).render(lang))
    for notice in analysis.notices:
        print(f"- {notice.message.render(lang)}")
    return INVALID if errors else OK


def _report(errors, lang: str) -> None:
    _say(
        msg_n(
            "Les réponses contiennent %(n)s erreur :",
            "Les réponses contiennent %(n)s erreurs :",
            len(errors),
        ).render(lang)
    )
    for error in errors:
        _say(f"- {error.path or '/'} : {error.localized(lang)}")


def _say(text: str) -> None:
    print(text, file=sys.stderr)
