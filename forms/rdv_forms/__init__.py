"""rdv_forms: the letters, e-mail and référé for a préfecture appointment that cannot be booked.

    >>> import rdv_forms
    >>> answers = rdv_forms.load_answers(open("answers.json").read())
    >>> document = rdv_forms.make("refere", answers)
    >>> odt_bytes = rdv_forms.render(document, "odt")

Standard library only: the same code runs in the browser (Pyodide), at build time and on the
command line. Functions that depend on the date take `today`; left out, it is the current date.
"""

from __future__ import annotations

__version__ = "1.0.0"

from collections.abc import Mapping
from datetime import date
from typing import Any

from . import answers as _answers
from .analysis import Analysis
from .analysis import analyse as _analyse
from .answers import (
    FORMAT_VERSION,
    MAX_LENGTHS,
    Answers,
    InvalidAnswers,
    ValidationError,
    blank_answers,
    json_schema,
)
from .documents.model import Document
from .documents.registry import KINDS, NotProduced
from .documents.registry import make as _make
from .render import FORMATS, render

Source = Answers | Mapping[str, Any] | str | bytes


def _today(today: date | None) -> date:
    return today if today is not None else date.today()


def load_answers(source: str | bytes | Mapping[str, Any], *, today: date | None = None) -> Answers:
    """Parse and validate answers (JSON text or a dict); raise `InvalidAnswers` listing errors."""
    return _answers.load_answers(source, today=_today(today))


def validate(
    source: str | bytes | Mapping[str, Any], *, today: date | None = None
) -> list[ValidationError]:
    """Every problem in the answers, as `ValidationError(path, msgid, message)`; [] if none."""
    return _answers.validate(source, today=_today(today))


def make(
    kind: str, answers: Source | None = None, *, blank: bool = False, today: date | None = None
) -> Document:
    """One document of `kind` (see `KINDS`); `blank=True` gives the model to fill by hand."""
    return _make(kind, answers, blank=blank, today=_today(today))


def analyse(answers: Source, *, today: date | None = None) -> Analysis:
    """Summary of the attempts, readiness verdict and warnings (invalid values are ignored)."""
    day = _today(today)
    if not isinstance(answers, Answers):
        answers = _answers.parse(answers, today=day)[0]
    return _analyse(answers, today=day)


__all__ = [
    "FORMATS",
    "FORMAT_VERSION",
    "KINDS",
    "MAX_LENGTHS",
    "Analysis",
    "Answers",
    "Document",
    "InvalidAnswers",
    "NotProduced",
    "ValidationError",
    "__version__",
    "analyse",
    "blank_answers",
    "json_schema",
    "load_answers",
    "make",
    "render",
    "validate",
]
