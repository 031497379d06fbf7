"""Replace `[[document:KIND]]` markers in pages with the blank document from rdv_forms.

The model pages and the booklets show the very text the forms generate, in blank mode,
so there is no second copy of a letter to keep in sync with the generators.
"""

import logging
import re
from functools import cache

from pelican import signals
from pelican.contents import Page

logger = logging.getLogger(__name__)

DEFAULTS = {
    # The paragraph Markdown makes of a marker line.
    "marker": r"<p>\[\[document:([a-z_]+)\]\]</p>",
}


def settings_for(pelican_settings) -> dict:
    merged = {**DEFAULTS, **pelican_settings.get("MODELS", {})}
    unknown = set(merged) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"MODELS: unknown keys {sorted(unknown)}")
    try:
        re.compile(merged["marker"])
    except re.error as error:
        raise ValueError(f"MODELS['marker'] is not a regular expression: {error}") from error
    return merged


@cache
def blank_document_html(kind: str) -> str:
    """The document with blanks, rendered once per build process (it never depends on lang)."""
    import rdv_forms

    return rdv_forms.render(rdv_forms.make(kind, None, blank=True), "html")


def on_content_object_init(content):
    if not isinstance(content, Page) or "[[document:" not in (content._content or ""):
        return
    config = settings_for(content.settings)
    import rdv_forms

    def replace(match):
        kind = match.group(1)
        if kind not in rdv_forms.KINDS:
            logger.error("models: %s asks for unknown document %r", content.source_path, kind)
            return match.group(0)
        return (
            f'<div class="model-document" id="modele-{kind}" lang="fr" dir="ltr">'
            f"{blank_document_html(kind)}</div>"
        )

    content._content = re.sub(config["marker"], replace, content._content)


def register():
    signals.content_object_init.connect(on_content_object_init)
