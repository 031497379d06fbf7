"""Translatable messages (validation, verdicts, warnings, command line): gettext, French first.

The documents themselves are always French: they go to a French préfecture and court. What is
translated is what the tool says *to the person*. French is the source language: every msgid
is the French text, and `locale/<lang>/LC_MESSAGES/rdv_forms.po` holds the translations.

Messages are built lazily as `Message` values, so one check can be shown in several languages,
and they are marked for extraction with `msg(...)`, `msg_n(...)` and `N_(...)`:

    pybabel extract -k msg -k msg_n:1,2 -k N_ --no-default-keywords ... forms/rdv_forms
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path

from . import french
from .records import field, record

DOMAIN = "rdv_forms"
PDF_DOMAIN = "rdv_forms_pdf"  # msg_pdf(): shipped with rdv_forms.pdf
SOURCE_LANGUAGE = "fr"
LANGUAGES = ("fr", "en", "es", "pt", "ru", "ar", "fa")
# Catalogs are opened by path, not through `gettext.translation` and `importlib.resources`:
# those import `locale` and four `importlib` modules to find a file whose place we know,
# and in the browser that import is paid by the person's first request.
_LOCALE_DIR = Path(__file__).with_name("locale")

_EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def N_(msgid: str) -> str:
    """Mark a module-level string for extraction; it is translated where it is shown."""
    return msgid


@record
class Message:
    """A message to show to the person, translated only when rendered."""

    msgid: str
    params: Mapping[str, object] = field(default_factory=dict)
    plural: str | None = None
    n: int | None = None

    def render(self, lang: str = SOURCE_LANGUAGE) -> str:
        catalog = translator(lang)
        if self.plural is not None:
            template = catalog.ngettext(self.msgid, self.plural, self.n or 0)
        else:
            template = catalog.gettext(self.msgid)
        values = {key: format_param(value, lang) for key, value in self.params.items()}
        return template % values if values or "%(" in template else template

    def __str__(self) -> str:
        return self.render(SOURCE_LANGUAGE)


ECHO_LENGTH = 40
# What must never be shown back: C0 and C1 controls, bidi marks, embeddings, overrides and
# isolates (U+202E turns « fdp.exe » into « exe.pdf »), zero-width characters, lone
# surrogates (a reply holding one cannot be encoded as UTF-8) and non-characters.
_UNSHOWABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff"
    "\ud800-\udfff\ufff9-\ufffb\ufffe\uffff]"
)


def echo(value: object, limit: int = ECHO_LENGTH) -> str:
    """What the person sent, fit to be quoted in a message: unshowable characters become
    « ? », and anything longer than `limit` characters is cut with « … ».

    Only strings and small numbers are quoted; other JSON values are named by their shape.
    A huge integer is never converted: past 4,300 digits `str()` itself raises.
    """
    if isinstance(value, bool) or value is None:
        text = {True: "true", False: "false", None: "null"}[value]
    elif isinstance(value, int):
        text = str(value) if value.bit_length() <= 64 else "…"
    elif isinstance(value, float):
        text = repr(value)
    elif isinstance(value, str):
        text = _UNSHOWABLE.sub("?", value[: limit + 1])
    elif isinstance(value, list | tuple):
        text = "[…]"
    elif isinstance(value, Mapping):
        text = "{…}"
    else:
        text = type(value).__name__
    return text if len(text) <= limit else text[:limit] + "…"


def msg(msgid: str, **params: object) -> Message:
    return Message(msgid, params)


def msg_n(singular: str, plural: str, n: int, **params: object) -> Message:
    return Message(singular, {"n": n, **params}, plural, n)


def msg_pdf(msgid: str, **params: object) -> Message:
    """A message of the PDF feature and the filing pack. Its translations are in their own
    catalogs (domain `rdv_forms_pdf`), which the browser gets with the PDF code, when a
    person asks for a PDF: the first visit does not download them."""
    return Message(msgid, params)


def format_param(value: object, lang: str) -> str:
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, tuple | list):
        comma = "، " if lang in ("ar", "fa") else ", "
        return comma.join(format_param(item, lang) for item in value)
    if isinstance(value, date):
        return format_date(value, lang)
    if isinstance(value, int) and not isinstance(value, bool):
        if lang == "fr":
            return french.nombre(value)
        return f"{value:,}" if lang == "en" else str(value)
    return str(value)


def format_date(d: date, lang: str) -> str:
    """French and English spell the month; other languages get day/month/year in digits,
    which every reader knows and which keeps its order inside right-to-left text."""
    if lang == "en":
        return f"{d.day} {_EN_MONTHS[d.month - 1]} {d.year}"
    if lang == "fr":
        return french.date_longue(d)
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


class _SourceLanguage(gettext.NullTranslations):
    """The msgids as they are, with the French plural rule (0 and 1 are singular)."""

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return msgid1 if n <= 1 else msgid2


def normalise_language(lang: str | None) -> str:
    """« en-GB » → « en »; anything unknown falls back to French, the source language."""
    code = (lang or SOURCE_LANGUAGE).replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else SOURCE_LANGUAGE


@cache
def translator(lang: str | None) -> gettext.NullTranslations:
    """The compiled catalog for `lang`, read from the package; the French source if missing."""
    catalog_file = _LOCALE_DIR / normalise_language(lang) / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with catalog_file.open("rb") as file:
            catalog = gettext.GNUTranslations(file)
    except OSError:
        # No compiled catalog (a source checkout before `pybabel compile`): show French.
        return _SourceLanguage()
    # A message missing from the catalog may be the PDF feature's; else it is shown in
    # French, with the French plural rule.
    catalog.add_fallback(_PdfCatalog(normalise_language(lang)))
    return catalog


class _PdfCatalog(_SourceLanguage):
    """The PDF feature's catalog, opened the first time one of its messages is shown: in
    the browser it arrives with the PDF code, after the forms' own catalog was read."""

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang
        self.catalog: gettext.NullTranslations | None = None

    def _open(self) -> gettext.NullTranslations | None:
        if self.catalog is None:
            path = _LOCALE_DIR / self.lang / "LC_MESSAGES" / f"{PDF_DOMAIN}.mo"
            try:
                with path.open("rb") as file:
                    catalog = gettext.GNUTranslations(file)
            except OSError:
                return None
            catalog.add_fallback(_SourceLanguage())
            self.catalog = catalog
        return self.catalog

    def gettext(self, message: str) -> str:
        catalog = self._open()
        return catalog.gettext(message) if catalog is not None else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        catalog = self._open()
        if catalog is None:
            return super().ngettext(msgid1, msgid2, n)
        return catalog.ngettext(msgid1, msgid2, n)
