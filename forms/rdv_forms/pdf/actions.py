"""The API actions whose result is a file: `pdf` (one document) and `pack` (the filing pack).

Called by `rdv_forms.api.handle_binary`, which parses the request and catches what is not
foreseen here. They live in rdv_forms.pdf, so the browser gets them with the PDF code, in
the wheel it fetches when a person first asks for a PDF or adds a file (issue 20).

Each returns (JSON-able reply, file): the file travels beside the JSON, never inside it
(no base64), so the browser can hand its buffer over without copying it. Nothing is kept
once they return: the person's files live only in the request and in the pack made here.
"""

from __future__ import annotations

from typing import Any

from ..analysis import refere_block
from ..api import _answers, _failure, _RequestError, _today
from ..documents.model import plain
from ..documents.registry import REGISTRY, NotProduced, make, unknown_kind
from ..i18n import echo, msg
from ..render import UnsupportedCharacters
from ..render.pdf import render_pdf
from .dossier import Given, PackError, build_pack
from .fonts import MissingGlyphs
from .pieces import Unreadable

Reply = tuple[dict[str, Any], Any]


def pdf(request: dict[str, Any], lang: str, pieces) -> Reply:
    """`{action: "pdf", kind, answers}` → `{ok, kind, title, name, size}` and the PDF."""
    today = _today(request)
    kind = request.get("kind")
    if not isinstance(kind, str) or kind not in REGISTRY:
        raise _RequestError("kind", "type_inconnu", unknown_kind(echo(kind)))
    blank = request.get("blank") is True
    answers, errors = _answers(request, today, required=not blank)
    if errors:
        return {"ok": False, "errors": [error.to_dict(lang) for error in errors]}, None
    block = None if blank or kind != "refere" else refere_block(answers)
    if block is not None:
        failure = _failure("decision_anterieure", block.code, block.message, lang)
        return {**failure, "in_scope": True, "refere_allowed": False}, None
    try:
        document = make(kind, answers, blank=blank, today=today)
        data = render_pdf(document)
    except NotProduced as refusal:
        failure = _failure(refusal.path, refusal.msgid, refusal.message, lang)
        return {**failure, "in_scope": refusal.msgid != "hors_champ"}, None
    except UnsupportedCharacters as refusal:  # a name the PDF's font cannot draw
        return _failure("", "caracteres_pdf", refusal.message, lang), None
    name = document.filename_for("pdf")
    reply = {"ok": True, "kind": document.kind, "title": document.title, "name": name}
    return {**reply, "size": len(data)}, data


def pack(request: dict[str, Any], lang: str, pieces) -> Reply:
    """`{action: "pack", answers}` and the pieces → `{ok, files, missing, zip}` and
    `{"zip": bytes}`; a file that cannot go in gives `{ok: false, errors: [{…, file}]}`."""
    today = _today(request)
    answers, errors = _answers(request, today)
    if errors:
        return {"ok": False, "errors": [error.to_dict(lang) for error in errors]}, None
    block = refere_block(answers)  # the pack is the petition's: the same rule
    if block is not None:
        failure = _failure("decision_anterieure", block.code, block.message, lang)
        return {**failure, "in_scope": True, "refere_allowed": False}, None
    given = [_given(item) for item in pieces]
    try:
        made = build_pack(answers, given, today=today)
    except NotProduced as refusal:
        failure = _failure(refusal.path, refusal.msgid, refusal.message, lang)
        return {**failure, "in_scope": refusal.msgid != "hors_champ"}, None
    except Unreadable as problem:
        failure = _failure("pieces", "piece_illisible", problem.message, lang)
        failure["errors"][0]["file"] = problem.file
        return failure, None
    except PackError as problem:
        return _failure("pieces", "piece_sans_place", problem.message, lang), None
    except MissingGlyphs as missing:
        message = UnsupportedCharacters(missing.characters).message
        return _failure("", "caracteres_pdf", message, lang), None
    del given  # the pack holds what it needs of the files
    archive = made.zip
    reply = {
        "ok": True,
        "files": [
            {"name": name, "size": len(data), "pages": made.file_pages.get(name)}
            for name, data in made.files
        ],
        "missing": [
            {"number": exhibit.number, "description": plain(exhibit.description)}
            for exhibit in made.missing
        ],
        "zip": {"name": made.zip_name, "size": len(archive)},
    }
    return reply, {"zip": archive}


def _given(item: Any) -> Given:
    """One piece from the request: a dict (Python callers, the worker's conversion) whose
    `data` is bytes or a browser buffer (Pyodide's JsProxy of a Uint8Array)."""
    fields: dict[str, Any] = item if isinstance(item, dict) else {}
    name, number = fields.get("name"), fields.get("number")
    data: Any = fields.get("data")
    if not isinstance(data, bytes | bytearray | memoryview) and hasattr(data, "to_bytes"):
        data = data.to_bytes()
    elif isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if (
        not isinstance(name, str)
        or not name
        or not (number is None or (isinstance(number, int) and not isinstance(number, bool)))
        or not isinstance(data, bytes)
    ):
        raise _RequestError(
            "pieces",
            "requete_invalide",
            msg("La requête n’est pas un objet JSON valide : envoyez un objet { … }."),
        )
    return Given(name, data, number)


__all__ = ["pack", "pdf"]
