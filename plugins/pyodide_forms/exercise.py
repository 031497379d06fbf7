"""Run inside Pyodide: every request the site's form sends, so that every standard-library
module the forms need gets imported. `EXAMPLES` (JSON answers) is set by the caller."""

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


def used_stdlib_files(examples) -> list[str]:
    for request in requests(examples):
        api.handle(request if isinstance(request, str) else json.dumps(request))
    files = set()
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None) or ""
        if path.startswith(STDLIB):
            files.add(path[len(STDLIB) :])
    return sorted(files)


RESULT = json.dumps(used_stdlib_files(json.loads(EXAMPLES)))  # noqa: F821 - set by the caller
