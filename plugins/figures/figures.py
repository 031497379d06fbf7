"""Pictures of the guide, drawn in the language of the page that shows them.

In a page's Markdown, a line of its own

    [[figure:NAME]]

becomes a `<figure>` made by the template `theme/templates/figures/NAME.html`, with its
caption (`<figcaption>`) and, for a drawing, its text alternative (`aria-label`). The
pictures:

- `preuve-rdv`: a good proof screenshot of a préfecture's booking site (the address bar,
  the « plus de plage horaire libre » message, the date and time), with a numbered legend;
- `preuve-anef`: the same for an error on ANEF;
- `parcours`: the journey in five steps, from the attempts to the appointment.

Why this way:

- Their words are interface text like any other: the templates call `_()`, pybabel
  extracts them with the theme's other strings, and each page gets the catalog of its own
  language. A template exports its `caption` with `{% set %}`.
- Words that need translating are HTML next to the drawing, never SVG text: WeasyPrint
  draws SVG text glyph by glyph, without the shaping Arabic and Persian need, while HTML
  text is shaped, wraps and takes the page's direction in the browser and the booklets
  alike. So the journey mirrors in a right-to-left language through the stylesheets'
  logical properties, and the screenshots keep the French website as it is.
- Inline, not files: the booklets print page content as it is, the site sends no extra
  request, and nothing needs caching offline. Only presentation attributes are used (no
  `style`, which the site's CSP forbids), and no `id`, so a page may show a picture twice.
- Each picture must stay small: one over `max_bytes` is an error.
"""

import gettext
import logging
import re
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape
from pelican import signals
from pelican.contents import Page

logger = logging.getLogger(__name__)

DEFAULTS = {
    # code -> {"name": ..., "dir": "ltr" | "rtl"}: the direction of each page's language.
    "languages": {"fr": {"name": "Français", "dir": "ltr"}},
    # The language the templates' msgids are written in (no catalog needed).
    "source_lang": "fr",
    # Folder of the templates, under the theme's templates folder; `_NAME.html` files hold
    # shared macros and are not pictures.
    "templates": "figures",
    # The paragraph Markdown makes of a marker line.
    "marker": r"<p>\[\[figure:([a-z0-9-]+)\]\]</p>",
    # Largest picture, in bytes of HTML (the guide's pages must stay light).
    "max_bytes": 20_000,
    # font-family of the French text drawn in the screenshots: system fonts in a browser,
    # the booklets' Noto or DejaVu (fontconfig names) in WeasyPrint.
    "svg_font": "'Noto Sans', 'DejaVu Sans', 'Segoe UI', Roboto, Arial, sans-serif",
}


def settings_for(pelican_settings) -> dict:
    """Merge FIGURES over DEFAULTS and validate it, so a bad value fails at start-up."""
    merged = {**DEFAULTS, **pelican_settings.get("FIGURES", {})}
    unknown = set(merged) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"FIGURES: unknown keys {sorted(unknown)}")
    for code, meta in merged["languages"].items():
        if meta.get("dir") not in ("ltr", "rtl"):
            raise ValueError(f"FIGURES['languages'][{code!r}] needs dir ltr|rtl")
    if merged["source_lang"] not in merged["languages"]:
        raise ValueError(f"FIGURES: source_lang {merged['source_lang']!r} is not a language")
    try:
        re.compile(merged["marker"])
    except re.error as error:
        raise ValueError(f"FIGURES['marker'] is not a regular expression: {error}") from error
    if not isinstance(merged["max_bytes"], int) or merged["max_bytes"] < 1000:
        raise ValueError("FIGURES['max_bytes'] must be an integer >= 1000")
    if not isinstance(merged["svg_font"], str) or '"' in merged["svg_font"]:
        raise ValueError("FIGURES['svg_font'] must be a font-family list without '\"'")
    if not names(pelican_settings, merged):
        raise ValueError(f"FIGURES: no templates in {templates_folder(pelican_settings, merged)}")
    return merged


def templates_folder(pelican_settings, config) -> Path:
    return Path(pelican_settings["THEME"]) / "templates" / config["templates"]


def names(pelican_settings, config) -> list[str]:
    """The pictures a page may ask for: one per template."""
    folder = templates_folder(pelican_settings, config)
    return sorted(p.stem for p in folder.glob("*.html") if not p.stem.startswith("_"))


def plain(text) -> str:
    """`text` as a plain string: _() marks a translation safe, but it must be escaped like
    any text before it goes into an attribute."""
    return "".join(str(text))


@cache
def environment(theme: str, lang: str, translated: bool, mo_stamp: float) -> jinja2.Environment:
    """A Jinja environment on the theme's templates with `lang`'s catalog installed.

    One per language and build process; `mo_stamp` (the compiled catalog's mtime) makes an
    edited catalog load again under --autoreload. The catalogs plugin compiles the .mo
    files at `initialized`, before any page is read.
    """
    del mo_stamp  # only part of the cache key
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(theme) / "templates")),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    if translated:
        translations = gettext.translation("messages", str(Path(theme) / "translations"), [lang])
    else:
        translations = gettext.NullTranslations()
    env.install_gettext_translations(translations, newstyle=True)
    env.globals["plain"] = plain
    return env


def render(settings, config, name: str, lang: str) -> Markup:
    """The `<figure>` of picture `name` in `lang`."""
    theme = str(settings["THEME"])
    translated = lang != config["source_lang"]
    mo = Path(theme) / "translations" / lang / "LC_MESSAGES" / "messages.mo"
    if translated and not mo.exists():
        logger.warning("figures: no compiled catalog for %s; pictures stay in French", lang)
        translated = False
    env = environment(theme, lang, translated, mo.stat().st_mtime if translated else 0.0)
    direction = config["languages"].get(lang, {}).get("dir", "ltr")
    module = env.get_template(f"{config['templates']}/{name}.html").make_module(
        {"lang": lang, "dir": direction, "font_ltr": config["svg_font"]}
    )
    figure = (
        f'<figure class="figure figure--{name}">\n{str(module).strip()}\n'
        f"<figcaption>{escape(plain(module.caption))}</figcaption>\n</figure>"
    )
    size = len(figure.encode("utf-8"))
    if size > config["max_bytes"]:
        logger.error(
            "figures: %s in %s is %d bytes, more than %d", name, lang, size, config["max_bytes"]
        )
    return Markup(figure)


def on_content_object_init(content):
    if not isinstance(content, Page) or "[[figure:" not in (content._content or ""):
        return
    config = settings_for(content.settings)
    known = set(names(content.settings, config))
    lang = content.lang or config["source_lang"]

    def replace(match):
        name = match.group(1)
        if name not in known:
            logger.error(
                "figures: %s asks for unknown picture %r (known: %s)",
                content.source_path,
                name,
                ", ".join(sorted(known)),
            )
            return match.group(0)
        return render(content.settings, config, name, lang)

    content._content = re.sub(config["marker"], replace, content._content)


def check_settings(pelican):
    settings_for(pelican.settings)


def register():
    signals.initialized.connect(check_settings)
    signals.content_object_init.connect(on_content_object_init)
