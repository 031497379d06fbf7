"""The documents' wording, read from the files in `rdv_forms/wording/` (one per document kind).

Python chooses which paragraph applies; the words themselves live in those TOML files, where
a jurist can edit them (see `wording/README.md`). A paragraph is a table of variants: `je`
and `tiers` (the person's voice and the lawyer's), `feminin`/`masculin`/`neutre`, `un` and
`plusieurs`, or a single `texte`. A paragraph is named by its file and its table,
« refere.demande », « commun.urgence.emploi ».

A file is read the first time one of its paragraphs is asked for, then kept for the process:
a référé made in the browser reads refere, commun, pieces and citations, nothing else. The
wheel holds each file compiled to JSON (forms/setup.py), which the browser reads with the
`json` it loads anyway; `tomllib` is only needed in a source tree.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

# Read through the module's path, as courts.py and i18n.py do: `importlib.resources` would
# import more of the standard library in the browser for nothing.
FOLDER = Path(__file__).resolve().parent.parent / "wording"

# What the voice fills by itself (writing.Voice), and where the appointment is asked for
# (Writer.en_prefecture), in every paragraph; the other placeholders are the document's.
VOICE_PLACEHOLDERS = frozenset({"r", "R", "e", "la", "en_prefecture"})
VOICES = ("je", "tiers")
GENDERS = ("feminin", "masculin", "neutre")


class WordingError(LookupError):
    """A paragraph, a variant or a placeholder the code asks for is not in the wording files."""


@cache
def load(name: str) -> dict:
    """One wording file, parsed once per process."""
    compiled = FOLDER / f"{name}.json"
    if compiled.exists():
        return json.loads(compiled.read_text(encoding="utf-8"))
    path = FOLDER / f"{name}.toml"
    if not path.exists():
        raise WordingError(f"no wording file {name}.toml in {FOLDER}")
    import tomllib  # a source tree: the wheel has the compiled .json

    return tomllib.loads(path.read_text(encoding="utf-8"))


def entry(ref: str) -> dict[str, str]:
    """The variants of paragraph `ref` (« refere.demande »)."""
    name, _, path = ref.partition(".")
    node: object = load(name)
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            raise WordingError(f"no paragraph [{path}] in {name}.toml ({ref})")
        node = node[part]
    if not isinstance(node, dict) or not all(isinstance(v, str) for v in node.values()):
        raise WordingError(f"[{path}] in {name}.toml is a group, not a paragraph ({ref})")
    return node


def template(ref: str, variant: str) -> str:
    """The wording of one variant; « texte » stands for every variant when it is the only one.

    Every lookup goes through here, so the tests can record which paragraphs are used.
    """
    variants = entry(ref)
    if variant in variants:
        return variants[variant]
    if "texte" in variants:
        return variants["texte"]
    raise WordingError(f"paragraph {ref} has no variant {variant!r} (it has {', '.join(variants)})")


def paragraphs(name: str) -> dict[str, dict[str, str]]:
    """Every paragraph of one file, by its full name: for the tests and for review."""
    found: dict[str, dict[str, str]] = {}

    def walk(prefix: str, node: dict) -> None:
        if all(isinstance(v, str) for v in node.values()):
            found[prefix] = node
            return
        for key, value in node.items():
            if not isinstance(value, dict):
                raise WordingError(f"{prefix}.{key} mixes wording and paragraphs")
            walk(f"{prefix}.{key}", value)

    for key, value in load(name).items():
        walk(f"{name}.{key}", value)
    return found


def files() -> tuple[str, ...]:
    return tuple(
        sorted({path.stem for pattern in ("*.toml", "*.json") for path in FOLDER.glob(pattern)})
    )
