"""Assemble one language's booklet as a single HTML document, from the pages Pelican read.

The document must come out byte-identical whichever (sub)site assembles it, because its hash
is the cache key: links are resolved against a fixed site root, never the site being written.
"""

import gettext
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import jinja2
import segno
from babel.core import UnknownLocaleError
from babel.dates import format_date
from bs4 import BeautifulSoup
from markupsafe import Markup
from pelican.contents import Page

logger = logging.getLogger(__name__)

# Pelican joins `{filename}` links to the site URL it is given: with this one they come out
# absolute and recognisable, whichever site reads the page.
SITE_ROOT = "https://site.invalid"


@dataclass(frozen=True)
class Chapter:
    """One guide page as the booklet prints it."""

    slug: str
    lang: str
    dir: str
    title: str
    html: Markup
    sources: tuple[dict, ...]
    translated: bool  # False when the page is the source-language text standing in
    courts: bool  # the table of courts follows its text, as on the site


@dataclass(frozen=True)
class BlankModel:
    kind: str
    title: str
    html: Markup


def public_url(base: str, lang: str, source_lang: str) -> str:
    """The online guide of `lang`: the QR code's payload. The source language is at the root."""
    prefix = "" if lang == source_lang else f"{lang}/"
    return f"{base.rstrip('/')}/{prefix}"


def qr_svg(url: str, title: str) -> Markup:
    """Inline SVG of a QR code for `url`, drawn locally by segno (nothing is fetched)."""
    code = segno.make(url, error="m", micro=False)
    return Markup(code.svg_inline(scale=1, border=4, omitsize=True, title=title))


def select_pages(pages, lang: str, source_lang: str, exclude: set[str]) -> list:
    """The published pages of `lang` in guide order; an untranslated page falls back to the source.

    This mirrors I18N_UNTRANSLATED_PAGES = "keep": the booklet holds what that language's
    site shows. Order comes from the `Order` metadata, ties broken by slug.
    """
    by_slug: dict[str, object] = {}
    for page in pages:
        if page.metadata.get("status", "published") != "published" or page.slug in exclude:
            continue
        if page.lang == lang or (page.lang == source_lang and page.slug not in by_slug):
            by_slug[page.slug] = page
    return sorted(by_slug.values(), key=_order_key)


def _order_key(page) -> tuple[float, str]:
    try:
        return float(getattr(page, "order", 1000)), page.slug
    except (TypeError, ValueError):
        return 1000.0, page.slug


def online_address(path: str, *, lang: str, base: str, languages, source_lang: str) -> str:
    """The online guide's address for a site path, in `lang` unless the path names a language.

    Every language uses the same slugs, so a link to another page of the site (the print page,
    say) goes to that page in the booklet's own language.
    """
    first, _, rest = path.partition("/")
    if first in languages and first != source_lang:
        return public_url(base, first, source_lang) + rest
    return public_url(base, lang, source_lang) + path


def site_path(href: str, page_url: str) -> str | None:
    """`href` as a path from the site root (with any #fragment), or None if it leaves the site."""
    if href.startswith(SITE_ROOT + "/"):
        return href[len(SITE_ROOT) + 1 :]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    resolved = urljoin(f"{SITE_ROOT}/{page_url}", href)
    return resolved[len(SITE_ROOT) + 1 :] if resolved.startswith(SITE_ROOT + "/") else None


def _strip_index(path: str) -> str:
    return path[: -len("index.html")] if path.endswith("index.html") else path


def rewrite_fragment(
    html: str,
    *,
    prefix: str,
    page_url: str,
    anchors: dict[str, str],
    online: Callable[[str], str],
) -> BeautifulSoup:
    """Make a page's HTML safe to concatenate with the others and useful on paper.

    Ids get a `prefix--` so pages cannot clash; links to a page of the booklet become
    #anchors (the CSS prints their page number); other links of the site become absolute
    addresses of the online guide in the booklet's language (or plain text when `online`
    gives "", in a build without a public address); outside links keep their address,
    which the CSS prints after the text when the text is something else.
    """
    soup = BeautifulSoup(html, "html.parser")
    seen = set()
    for tag in soup.find_all(id=True):
        anchor = f"{prefix}--{tag['id']}"
        if anchor in seen:
            # A page's own duplicate id (the HTML checker reports it on the site): links go
            # to the first, as in a browser, and WeasyPrint is spared a second anchor.
            del tag["id"]
            continue
        seen.add(anchor)
        tag["id"] = anchor
    for link in soup.find_all("a", href=True):
        href = link["href"].strip()
        if href.startswith(("mailto:", "tel:")):
            continue
        if href.startswith("#"):
            link["href"] = f"#{prefix}--{href[1:]}" if len(href) > 1 else f"#{prefix}"
            link["class"] = [*link.get("class", []), "internal"]
            continue
        path = site_path(href, page_url)
        if path is not None:
            target, _, fragment = path.partition("#")
            slug = anchors.get(_strip_index(target))
            if slug is not None:
                link["href"] = f"#{slug}--{fragment}" if fragment else f"#{slug}"
                link["class"] = [*link.get("class", []), "internal"]
                continue
            address = online(target)
            if not address:
                # No public address to print (see booklets.public_base): the text alone.
                del link["href"]
                continue
            href = address + (f"#{fragment}" if fragment else "")
            link["href"] = href
        if link.get_text(" ", strip=True) != href:
            link["class"] = [*link.get("class", []), "external"]
    return soup


def retarget_dangling_links(soups: dict[str, BeautifulSoup]) -> None:
    """Point links whose #anchor no page defines to the start of their page.

    A page can link to an id that only its site template adds (the courts page's table,
    say): on paper the start of that page is the nearest place that exists.
    """
    known = set(soups) | {tag["id"] for soup in soups.values() for tag in soup.find_all(id=True)}
    for soup in soups.values():
        for link in soup.find_all("a", href=True):
            href = link["href"]
            if href.startswith("#") and href[1:] not in known:
                page = href[1:].partition("--")[0]
                if page in soups:
                    link["href"] = f"#{page}"
                else:
                    del link["href"]


def mark_glossary_links(soups: dict[str, BeautifulSoup], glossaries: set[str]) -> None:
    """Links into a glossary page become `term` links, which print no page number.

    The glossary comes last and nearly every page links to it: each of those forward
    references makes WeasyPrint lay the page out again, which cost a third of the time.
    The glossary says that an underlined word is explained there; that is enough on paper.
    """
    for slug, soup in soups.items():
        for link in soup.find_all("a", class_="internal"):
            target = link["href"][1:].partition("--")[0]
            if target in glossaries and target != slug:
                link["class"] = [c for c in link["class"] if c != "internal"] + ["term"]


def chapters(
    pages, *, lang: str, languages: dict, online, sources_of, courts_template, glossaries=()
):
    """Chapters of the booklet from the selected pages, in order."""
    anchors = {_strip_index(page.url): page.slug for page in pages}
    soups = {
        page.slug: rewrite_fragment(
            page.get_content(SITE_ROOT),
            prefix=page.slug,
            page_url=page.url,
            anchors=anchors,
            online=online,
        )
        for page in pages
    }
    retarget_dangling_links(soups)
    mark_glossary_links(soups, set(glossaries))
    return [
        Chapter(
            slug=page.slug,
            lang=page.lang,
            dir=languages.get(page.lang, {}).get("dir", "ltr"),
            title=page.title,
            html=Markup(str(soups[page.slug])),
            sources=tuple(sources_of(page)),
            translated=page.lang == lang,
            courts=getattr(page, "template", "page") == courts_template,
        )
        for page in pages
    ]


def blank_models(kinds, online, printed_html: str) -> list[BlankModel]:
    """The model documents with every answer left blank, as rdv_forms renders them.

    A kind already in `printed_html` (a guide page can show it, see the models plugin) is
    not printed twice.
    """
    import rdv_forms  # the forms package is the single source of these texts

    models = []
    for kind in rdv_forms.KINDS if kinds is None else kinds:
        if f"rdv-doc--{kind}" in printed_html:
            continue
        document = rdv_forms.make(kind, None, blank=True)
        soup = rewrite_fragment(
            rdv_forms.render(document, "html"),
            prefix=f"modele-{kind}",
            page_url="",
            anchors={},
            online=online,
        )
        retarget_dangling_links({f"modele-{kind}": soup})
        models.append(BlankModel(kind, getattr(document, "title", kind), Markup(str(soup))))
    return models


def courts_table():
    """Rows of the table of courts, from the forms package's reading of its CSV."""
    from rdv_forms import courts

    return courts.all_departements(), courts.DATA_DATE


def edition_date(pages) -> date:
    """The newest `Modified` date of the printed pages: the booklet's edition."""
    dates = [getattr(page, "modified", None) or getattr(page, "date", None) for page in pages]
    dates = [d.date() for d in dates if d is not None]
    return max(dates) if dates else date.today()


def long_date(day: date, lang: str) -> str:
    try:
        return format_date(day, format="long", locale=lang)
    except (UnknownLocaleError, ValueError):
        return day.isoformat()


def css_string(value: str) -> Markup:
    """A CSS string literal, for generated content in the booklet's <style>."""
    escaped = "".join(c if c.isalnum() or c in " .,:;-_()" else f"\\{ord(c):x} " for c in value)
    return Markup(f'"{escaped}"')


def template_environment(settings, lang: str) -> jinja2.Environment:
    """A Jinja environment on the theme's templates with `lang`'s catalog installed.

    Pelican's own environments only get their catalog just before writing, after the
    booklets are needed, so the booklet gets its own.
    """
    options = {**settings.get("JINJA_ENVIRONMENT", {}), "autoescape": True}
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(settings["THEME"]) / "templates")), **options
    )
    env.filters.update(settings.get("JINJA_FILTERS", {}))
    env.filters["css_string"] = css_string
    if lang == settings.get("I18N_TEMPLATES_LANG", lang):
        translations = gettext.NullTranslations()
    else:
        localedir = settings.get("I18N_GETTEXT_LOCALEDIR") or str(
            Path(settings["THEME"]) / "translations"
        )
        domain = settings.get("I18N_GETTEXT_DOMAIN", "messages")
        try:
            translations = gettext.translation(domain, localedir, [lang])
        except OSError:
            logger.warning("booklets: no %r catalog for %s in %s", domain, lang, localedir)
            translations = gettext.NullTranslations()
    env.install_gettext_translations(translations, newstyle=True)
    return env


def render_template(env: jinja2.Environment, name: str, **context) -> str:
    return env.get_template(name).render(**context)


def guide_pages(generated_content) -> list:
    """Every page the site read, in every language (Pelican reads all of content/pages)."""
    return [c for c in generated_content.values() if isinstance(c, Page)]
