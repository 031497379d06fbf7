"""JSON in, JSON out: the stable façade the browser's Web Worker calls through Pyodide.

    handle('{"action": "check", "answers": {...}, "lang": "en", "today": "2026-11-22"}')

Actions: `check`, `generate`, `kinds`, `courts`, `schema`, `exhibits`; `warm_up()` prepares
a runtime before a memory snapshot. Every answer is a JSON object with
`ok`; a malformed request gives `{"ok": false, "errors": [...]}`, never an exception.

    handle_binary('{"action": "pack", "answers": {...}}', [{"name": …, "number": …, "data": …}])

answers the actions whose result is a file (`pdf`, `pack`) with the JSON reply and the
file's bytes, and the others like `handle`. Those actions live in rdv_forms.pdf.actions,
which the browser fetches only when a person asks for a PDF (plugins/pyodide_forms).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from . import courts
from .analysis import analyse, refere_block
from .answers import (
    FORMAT_VERSION,
    MAX_LENGTHS,
    MAX_SOURCE_BYTES,
    MOYEN_FIELDS,
    Answers,
    InvalidAnswers,
    Parsed,
    json_schema,
    read,
)
from .documents.model import plain
from .documents.registry import KINDS, REGISTRY, NotProduced, listing, make, unknown_kind
from .exhibits import moyen_of
from .i18n import LANGUAGES, Message, echo, msg, normalise_language
from .render import ALL_FORMATS, FORMATS, UnsupportedCharacters, render
from .render.mailto import mailto_or_none
from .render.text import render_text, text_of

API_VERSION = 1
# The largest request: the answers' own cap and room for the rest of the request.
MAX_REQUEST_CHARS = MAX_SOURCE_BYTES + 100_000


class _RequestError(Exception):
    def __init__(self, path: str, msgid: str, message: Message):
        super().__init__(msgid)
        self.error = (path, msgid, message)


def handle(request_json: str) -> str:
    """Answer one request; the reply is always a JSON object with `ok`."""
    return _dispatch(request_json, ACTIONS, None)[0]


def handle_binary(request_json: str, pieces: Iterable[Any] = ()) -> tuple[str, Any]:
    """(JSON reply, file) for any action, the file being None but for `pdf` and `pack`.

    `pieces`: the files a person gives, each a mapping with `name`, `number` (an exhibit's,
    or None) and `data` (bytes, or a browser buffer with `to_bytes()`). The `pack` file is a
    dict {"zip": bytes}; the `pdf` file is the PDF's bytes.
    """
    return _dispatch(request_json, {**ACTIONS, **BINARY_ACTIONS}, pieces)


def _dispatch(request_json: str, actions: dict, pieces: Iterable[Any] | None) -> tuple[str, Any]:
    lang = "fr"
    if isinstance(request_json, str | bytes) and len(request_json) > MAX_REQUEST_CHARS:
        message = msg(
            "Requête trop volumineuse (%(taille)s caractères pour %(max)s au plus).",
            taille=len(request_json),
            max=MAX_REQUEST_CHARS,
        )
        return _reply(_failure("", "requete_trop_grosse", message, lang)), None
    try:
        request = json.loads(request_json)
        if not isinstance(request, dict):
            raise ValueError("not an object")
    except (ValueError, TypeError, RecursionError):
        message = msg("La requête n’est pas un objet JSON valide : envoyez un objet { … }.")
        return _reply(_failure("", "requete_invalide", message, lang)), None
    lang = normalise_language(request.get("lang") if isinstance(request.get("lang"), str) else "")
    action = request.get("action")
    try:
        if not isinstance(action, str) or action not in actions:
            raise _RequestError(
                "action",
                "action_inconnue",
                msg(
                    "Action inconnue « %(action)s » : choisissez parmi %(choix)s.",
                    action=echo(action),
                    choix=", ".join(actions),
                ),
            )
        if action in BINARY_ACTIONS:
            from .pdf import actions as binary  # the browser's second wheel

            reply, data = getattr(binary, action)(request, lang, pieces or ())
            return _reply(reply), data
        return _reply(actions[action](request, lang)), None
    except _RequestError as error:
        return _reply(_failure(*error.error, lang)), None
    except Exception as error:  # the worker must always get an answer it can show
        message = msg(
            "Erreur interne (%(detail)s) : réessayez, puis signalez le problème aux bénévoles qui "
            "maintiennent ce guide.",
            detail=type(error).__name__,
        )
        return _reply(_failure("", "erreur_interne", message, lang)), None


def _reply(data: dict[str, Any]) -> str:
    return json.dumps({"api": API_VERSION, **data}, ensure_ascii=False)


def _failure(path: str, msgid: str, message: Message, lang: str) -> dict[str, Any]:
    return {"ok": False, "errors": [{"path": path, "id": msgid, "message": message.render(lang)}]}


def _today(request: dict[str, Any]) -> date:
    value = request.get("today")
    if value in (None, ""):
        return date.today()
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise _RequestError(
            "today",
            "date_invalide",
            msg(
                "Date du jour « %(valeur)s » invalide : utilisez la forme AAAA-MM-JJ.",
                valeur=echo(value),
            ),
        ) from None


def _answers(request: dict[str, Any], today: date, *, required: bool = True):
    parsed = _read(request, today, required=required)
    return parsed.answers, parsed.errors


def _read(request: dict[str, Any], today: date, *, required: bool = True) -> Parsed:
    raw = request.get("answers")
    if raw is None and not required:
        return Parsed(Answers(), [])
    if not isinstance(raw, dict):
        raise _RequestError(
            "answers",
            "reponses_manquantes",
            msg("Les réponses manquent : envoyez-les dans « answers », sous forme d’objet JSON."),
        )
    return read(raw, today=today)


def _check(request: dict[str, Any], lang: str) -> dict[str, Any]:
    """Errors, the analysis (its `verdict` says `ready`, `draft`, `refere_allowed` and why)
    and `format`: the version read, whether it was migrated, the questions still to ask."""
    today = _today(request)
    parsed = _read(request, today)
    analysis = analyse(parsed.answers, today=today)
    return {
        "ok": True,
        "errors": [error.to_dict(lang) for error in parsed.errors],
        "analysis": analysis.to_dict(lang),
        "in_scope": analysis.in_scope,
        "format": {
            "version": FORMAT_VERSION,
            "version_read": parsed.version_read,
            "migrated": parsed.migrated,
            "pending": list(analysis.pending),
            # What a page saves: version 2, the migrated answers included.
            "answers": parsed.answers.to_dict() if not parsed.errors else None,
        },
    }


def _generate(request: dict[str, Any], lang: str) -> dict[str, Any]:
    today = _today(request)
    kind = request.get("kind")
    if not isinstance(kind, str) or kind not in REGISTRY:
        raise _RequestError("kind", "type_inconnu", unknown_kind(echo(kind)))
    formats = request.get("formats", ["text", "html"])
    if not isinstance(formats, list) or not formats:
        formats = [formats]
    for fmt in formats:
        if not isinstance(fmt, str) or fmt not in ALL_FORMATS:
            raise _RequestError(
                "formats",
                "format_inconnu",
                msg(
                    "Format inconnu « %(format)s » : choisissez parmi %(choix)s.",
                    format=echo(fmt),
                    choix=", ".join(ALL_FORMATS),
                ),
            )
    blank = request.get("blank") is True
    answers, errors = _answers(request, today, required=not blank)
    if errors:
        return {"ok": False, "errors": [error.to_dict(lang) for error in errors]}
    block = None if blank or kind != "refere" else refere_block(answers)
    if block is not None:
        # A prior refusal or removal order (or not knowing) and nobody named to advise.
        failure = _failure("decision_anterieure", block.code, block.message, lang)
        return {**failure, "in_scope": True, "refere_allowed": False}
    try:
        document = make(kind, answers, blank=blank, today=today)
    except NotProduced as refusal:
        failure = _failure(refusal.path, refusal.msgid, refusal.message, lang)
        return {**failure, "in_scope": refusal.msgid != "hors_champ"}
    except InvalidAnswers as invalid:  # pragma: no cover - answers were parsed above
        return {"ok": False, "errors": [error.to_dict(lang) for error in invalid.errors]}
    reply: dict[str, Any] = {
        "ok": True,
        "kind": document.kind,
        "title": document.title,
        "filename": document.filename,
        "files": {fmt: document.filename_for(fmt) for fmt in formats},
        "errors": [],
    }
    if document.subject:
        # What the person typed is isolated (FSI … PDI), as in the text: a right-to-left
        # name must not carry the French around it along in the mail app's subject line.
        reply["subject"] = text_of(document.subject)
        # For a mailto: link: the text without its « À » and « Objet » lines.
        reply["body"] = render_text(document, headers=False)
        to = answers.prefecture.courriel_service_etrangers if document.kind == "email" else ""
        reply["mailto"] = mailto_or_none(to, reply["subject"], reply["body"])
    for fmt in formats:
        # The preview sits under the document card's <h3>.
        try:
            output = render(document, fmt, heading_level=4)
        except UnsupportedCharacters as refusal:  # a name the PDF's font cannot draw
            return _failure("", "caracteres_pdf", refusal.message, lang)
        if isinstance(output, bytes):  # the ODT and the PDF: JSON carries them in base64
            reply[f"{fmt}_base64"] = base64.b64encode(output).decode("ascii")
        else:
            reply[fmt] = output
    return reply


def _kinds(request: dict[str, Any], lang: str) -> dict[str, Any]:
    today = _today(request)
    answers, _errors = _answers(request, today, required=False)
    return {"ok": True, "kinds": listing(answers, today=today, lang=lang)}


def _courts(request: dict[str, Any], lang: str) -> dict[str, Any]:
    notice = msg(
        "Adresses tirées d’annuaires publics (%(annee)s) : vérifiez-les sur le site du tribunal "
        "ou de la préfecture. Une adresse manquante ou incertaine est laissée vide : complétez-la.",
        annee=courts.DATA_DATE,
    )
    rows = []
    for departement in courts.all_departements():
        row = departement.to_dict()
        if not departement.in_scope:
            row["hors_champ"] = msg(
                departement.hors_champ_message, territoire=departement.nom
            ).render(lang)
        rows.append(row)
    return {
        "ok": True,
        "data_date": courts.DATA_DATE,
        "notice": notice.render(lang),
        "departements": rows,
    }


def _schema(request: dict[str, Any], lang: str) -> dict[str, Any]:
    return {
        "ok": True,
        "schema": json_schema(),
        "max_lengths": MAX_LENGTHS,
        "format_version": FORMAT_VERSION,
        # Which fields of an attempt go with which kind (the others are hidden and empty).
        "attempt_fields": {moyen: list(names) for moyen, names in MOYEN_FIELDS.items()},
    }


def _exhibits(request: dict[str, Any], lang: str) -> dict[str, Any]:
    """The inventory's exhibits, for a page that puts the person's files in them (cheap: no
    PDF code). A blocked référé answers like `generate` does for the petition."""
    today = _today(request)
    answers, errors = _answers(request, today)
    if errors:
        return {"ok": False, "errors": [error.to_dict(lang) for error in errors]}
    block = refere_block(answers)
    if block is not None:
        failure = _failure("decision_anterieure", block.code, block.message, lang)
        return {**failure, "in_scope": True, "refere_allowed": False}
    try:
        bordereau = make("bordereau", answers, today=today)
    except NotProduced as refusal:
        failure = _failure(refusal.path, refusal.msgid, refusal.message, lang)
        return {**failure, "in_scope": refusal.msgid != "hors_champ"}
    rows = [
        {
            "number": exhibit.number,
            "label": exhibit.label,
            "description": plain(exhibit.description),
            "filename": exhibit.filename,
            "moyen": moyen_of(exhibit),
        }
        for exhibit in bordereau.exhibits
    ]
    return {"ok": True, "exhibits": rows}


ACTIONS = {
    "check": _check,
    "generate": _generate,
    "kinds": _kinds,
    "courts": _courts,
    "schema": _schema,
    "exhibits": _exhibits,
}
# Answered by `handle_binary` only, with rdv_forms.pdf.actions: action → feature's name.
BINARY_ACTIONS = {"pdf": "pdf", "pack": "pdf"}


def warm_up() -> None:
    """Run every action once on blank answers, in every language.

    The browser calls this in a throwaway runtime just before it takes a memory snapshot:
    what is imported and cached here is in the snapshot, so the next visit starts warm.
    Only blank answers ever reach that runtime, so the snapshot holds nobody's data.
    """
    requests: list[dict[str, Any]] = [
        {"action": action, "answers": {}, "lang": lang}
        for lang in LANGUAGES
        for action in ("check", "kinds")
    ]
    requests += [
        {"action": "generate", "kind": kind, "blank": True, "formats": list(FORMATS)}
        for kind in KINDS
    ]
    requests.append({"action": "courts"})
    for request in requests:
        reply = json.loads(handle(json.dumps(request)))
        if not reply["ok"]:
            raise RuntimeError(f"warm-up request failed: {request} → {reply['errors']}")
