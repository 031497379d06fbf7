"""Run inside Pyodide: every request the site's form sends, so that every standard-library
module the forms need gets imported. `EXAMPLES` (JSON answers) is set by the caller.

The features loaded on demand (the PDF wheel) are run too: they get no standard library of
their own, so what they import must be in the slim one (and in the first-visit budget)."""

import json
import sys

import rdv_forms
from rdv_forms import api

STDLIB = "/lib/python313.zip/"


def requests(examples):
    yield {"action": "courts"}
    yield {"action": "schema"}
    yield {"action": "nope"}
    yield "{not json"
    for lang in ("fr", "en", "ar"):
        for answers in [*examples, {"version": 1, "personne": {"nom": "\u202e"}}]:
            yield {"action": "check", "answers": answers, "lang": lang, "today": "2026-11-22"}
            yield {"action": "kinds", "answers": answers, "lang": lang}
            for kind in rdv_forms.KINDS:
                for blank in (False, True):
                    yield {
                        "action": "generate",
                        "kind": kind,
                        "answers": answers,
                        "lang": lang,
                        "formats": ["text", "html", "odt"],
                        "blank": blank,
                    }


def feature_requests(examples):
    for answers in examples:
        for kind in rdv_forms.KINDS:
            yield {"action": "pdf", "kind": kind, "answers": answers, "lang": "en"}, []
        yield (
            {"action": "pack", "answers": answers, "lang": "ar"},
            [
                {"name": "capture.png", "number": 3, "data": tiny_png()},
                {"name": "lettre.pdf", "number": None, "data": b"%PDF-1.4 nothing"},
            ],
        )
        yield {"action": "pack", "answers": answers}, []


def tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\0" + b"\xff" * 6 + b"\0" + b"\x00" * 6)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def used_stdlib_files(examples) -> list[str]:
    for request in requests(examples):
        api.handle(request if isinstance(request, str) else json.dumps(request))
    if hasattr(api, "handle_binary"):
        for request, pieces in feature_requests(examples):
            reply, _data = api.handle_binary(json.dumps(request), pieces)
            if '"erreur_interne"' in reply:  # an import missing from the slim library, say
                raise RuntimeError(f"{request['action']}: {reply}")
    files = set()
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None) or ""
        if path.startswith(STDLIB):
            files.add(path[len(STDLIB) :])
    return sorted(files)


RESULT = json.dumps(used_stdlib_files(json.loads(EXAMPLES)))  # noqa: F821 - set by the caller
