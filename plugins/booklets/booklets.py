"""Printable booklets of the guide: for each language an A4 PDF, an A5 booklet, and the A5
booklet imposed for saddle-stitch printing, all laid out by WeasyPrint.

Why a Generator, and why the main site lays out every language:

- The print page shows the page count and size of each PDF, so the PDFs must exist before
  any page is written. A Generator's `generate_context` runs once the pages are read and
  before anything is written; `finalized` would come after the print page is on disk.
- pelican-i18n-subsites builds one language after another, each in its own Pelican run, and
  starts them from the main site's `get_writer`, after the main site's contexts. Laying out
  each language in its own run would make the booklets serial. But every run reads all of
  content/pages/, every language included, so the main site's generator can assemble every
  language's booklet and lay out the stale ones in parallel, in a process pool.
- Sites share no memory (state stays on each generator, as `--autoreload` needs): they share
  the cache. Each subsite assembles its own language's booklet again, gets the same HTML and
  the same key, and finds its PDFs in the cache. Each run copies only its own language into
  its own output folder, in `generate_output`, once i18n-subsites has cleaned that folder.
"""

import logging
import multiprocessing
import re
import shutil
import site
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from babel.numbers import format_decimal
from guide.guide import load_sources, page_sources
from guide.guide import settings_for as guide_settings
from pelican import signals
from pelican.generators import Generator

from . import render, source
from .cache import Store, digest, toolchain

logger = logging.getLogger(__name__)

PLUGIN_FOLDER = Path(__file__).resolve().parent

DEFAULTS = {
    # code -> {"name": native name, "dir": "ltr" | "rtl"}: one set of booklets per language.
    "languages": {"fr": {"name": "Français", "dir": "ltr"}},
    # The language the guide is written in, served at the site root: a page missing from a
    # translation is printed in this language, as the site shows it.
    "source_lang": "fr",
    # The slug of the page that lists the PDFs (left out of the booklets), and the folder of
    # each language's output that holds them.
    "page_slug": "imprimer",
    "output_dir": "imprimer",
    "filename": "guide-{lang}-{kind}.pdf",
    # Other slugs left out of the booklets.
    "exclude_slugs": [],
    # Glossary pages: printed last, after the blank documents, the attempts log and the
    # table of courts; links to them print no page number.
    "glossary_slugs": ["glossaire"],
    # The table of courts follows the page rendered with this template, as on the site;
    # without such a page it is an appendix.
    "courts_template": "courts",
    # rdv_forms kinds printed blank, in this order; None means rdv_forms.KINDS.
    "forms": None,
    # Empty rows of the attempts log, and lines of a "Notes" page. The log must fit on one
    # page in every language and format (booklet.css sizes its rows): 16 rows do on A5 in
    # Arabic, whose bilingual headings are the tallest.
    "attempt_rows": 16,
    "notes_lines": 24,
    # Page formats: kind -> page size, base font size and margins (inner is the fold side).
    "formats": {
        "a4": {
            "size": "A4",
            "font_size": "10.5pt",
            "top": "18mm",
            "bottom": "18mm",
            "inner": "22mm",
            "outer": "18mm",
        },
        "a5": {
            "size": "A5",
            "font_size": "8.5pt",
            "top": "13mm",
            "bottom": "14mm",
            "inner": "15mm",
            "outer": "11mm",
        },
    },
    # The format imposed two-up on A4 landscape for saddle-stitch; "" for none.
    "imposed_from": "a5",
    "stylesheet": "theme/static/css/booklet.css",
    "template": "booklet.html",
    # WeasyPrint's PDF options. PDF/UA-1 tags the structure for screen readers and sets the
    # language and title display it requires; it renders here without a warning, but no
    # validator (veraPDF, PAC) runs offline to confirm the claim. The imposed booklet stays
    # untagged: its pages no longer follow the reading order.
    "pdf_options": {"pdf_variant": "pdf/ua-1"},
    # Built PDFs, relative to the project root; entries kept per language.
    "cache_dir": ".cache/booklets",
    "cache_keep": 3,
    # Processes laying out booklets at once; 0 means one per CPU.
    "workers": 0,
}

_FORMAT_KEYS = {"size", "font_size", "top", "bottom", "inner", "outer"}
_CSS_VALUE = re.compile(r"^[A-Za-z0-9. ]+$")


def settings_for(pelican_settings) -> dict:
    """Merge BOOKLETS over DEFAULTS and validate it, so a bad value fails at start-up."""
    from weasyprint import DEFAULT_OPTIONS

    merged = {**DEFAULTS, **pelican_settings.get("BOOKLETS", {})}
    unknown = set(merged) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"BOOKLETS: unknown keys {sorted(unknown)}")
    for code, meta in merged["languages"].items():
        if meta.get("dir") not in ("ltr", "rtl") or not meta.get("name"):
            raise ValueError(f"BOOKLETS['languages'][{code!r}] needs a name and dir ltr|rtl")
    if merged["source_lang"] not in merged["languages"]:
        raise ValueError(f"BOOKLETS: source_lang {merged['source_lang']!r} is not a language")
    for kind, page in merged["formats"].items():
        if set(page) != _FORMAT_KEYS or not all(_CSS_VALUE.match(str(v)) for v in page.values()):
            raise ValueError(
                f"BOOKLETS['formats'][{kind!r}] needs exactly {sorted(_FORMAT_KEYS)}, "
                "each a plain CSS value such as A5 or 12mm"
            )
    if merged["imposed_from"] and merged["imposed_from"] not in merged["formats"]:
        raise ValueError(f"BOOKLETS: imposed_from {merged['imposed_from']!r} is not a format")
    if not all(field in merged["filename"] for field in ("{lang}", "{kind}")):
        raise ValueError("BOOKLETS['filename'] must contain {lang} and {kind}")
    for key, minimum in (("attempt_rows", 1), ("notes_lines", 1), ("cache_keep", 1)):
        if not isinstance(merged[key], int) or merged[key] < minimum:
            raise ValueError(f"BOOKLETS[{key!r}] must be an integer >= {minimum}")
    if not isinstance(merged["workers"], int) or merged["workers"] < 0:
        raise ValueError("BOOKLETS['workers'] must be an integer >= 0 (0: one per CPU)")
    if merged["forms"] is not None and not all(isinstance(k, str) for k in merged["forms"]):
        raise ValueError("BOOKLETS['forms'] must be None or a list of rdv_forms kinds")
    unknown_options = set(merged["pdf_options"]) - set(DEFAULT_OPTIONS)
    if unknown_options:
        raise ValueError(f"BOOKLETS['pdf_options']: not WeasyPrint options {unknown_options}")
    if not (project_root(pelican_settings) / merged["stylesheet"]).is_file():
        raise ValueError(f"BOOKLETS: no stylesheet at {merged['stylesheet']}")
    public_base(pelican_settings)
    return merged


def project_root(pelican_settings) -> Path:
    return Path(pelican_settings["PATH"]).resolve().parent


def public_base(pelican_settings) -> str:
    """PUBLIC_URL, checked: every booklet prints it and encodes it in its QR code.

    An empty PUBLIC_URL (a development build) gives "": the booklets then print no address
    and no QR code, rather than one that only works on the machine that built them. Any
    other value must be an http(s) address.
    """
    url = (pelican_settings.get("PUBLIC_URL") or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            f"BOOKLETS: PUBLIC_URL {url!r} is not an http(s) address; the booklets print it "
            "as a QR code (publishconf.py reads it from RDV_PUBLIC_URL)"
        )
    return url.rstrip("/")


NO_PUBLIC_URL = (
    "booklets: no PUBLIC_URL: the booklets print no address and no QR code of the online "
    "guide (build with publishconf.py and RDV_PUBLIC_URL=https://... to print them)"
)


def page_css(page: dict) -> str:
    """The @page rules of one format. Inner margins sit on the fold side of each page:
    :left and :right pages swap in a right-to-left booklet, so no rule needs its direction."""
    return (
        f"@page {{ size: {page['size']}; margin-top: {page['top']}; "
        f"margin-bottom: {page['bottom']}; }}\n"
        f"@page :right {{ margin-left: {page['inner']}; margin-right: {page['outer']}; }}\n"
        f"@page :left {{ margin-left: {page['outer']}; margin-right: {page['inner']}; }}\n"
        f":root {{ font-size: {page['font_size']}; }}\n"
    )


@dataclass(frozen=True)
class Booklet:
    """One language's booklet, assembled and ready to lay out."""

    lang: str
    key: str
    jobs: tuple[render.Job, ...]  # folder left empty: filled with the staging folder
    files: dict[str, str]  # kind -> file name, in the order the print page lists them
    html: str
    inputs: dict[str, str]  # input -> its hash; the key hashes them all


def _forms_folder() -> Path | None:
    try:
        import rdv_forms
    except ImportError:
        return None
    return Path(rdv_forms.__file__).resolve().parent


class BookletGenerator(Generator):
    """Lays out the booklets (see the module docstring) and copies this site's into output."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.config = settings_for(self.settings)
        self.root = project_root(self.settings)
        self.store = Store(self.root / self.config["cache_dir"], self.config["cache_keep"])
        self.entry: dict | None = None

    # Assembling -------------------------------------------------------------------------

    def _shared_inputs(self) -> dict:
        """What every language's booklet uses: read once per run.

        The sources register the chapters cite is the guide plugin's, read its way.
        """
        register = load_sources(self.root / guide_settings(self.settings)["sources_file"])
        courts, courts_date = source.courts_table()
        return {
            "pages": source.guide_pages(self.context["generated_content"]),
            "register": register,
            "courts": courts,
            "courts_date": courts_date,
            "css": (self.root / self.config["stylesheet"]).read_text(encoding="utf-8"),
            "toolchain": toolchain(PLUGIN_FOLDER, _forms_folder()),
        }

    def assemble(self, lang: str, shared: dict) -> Booklet:
        """The booklet of `lang`: its HTML, the jobs that lay it out, and its cache key."""
        config = self.config
        languages = config["languages"]
        base = public_base(self.settings)
        source_lang = config["source_lang"]

        def online(path: str) -> str:
            # Without a public address, a link to another page of the site has nowhere to
            # point on paper: source.rewrite_fragment then prints its text alone.
            if not base:
                return ""
            return source.online_address(
                path, lang=lang, base=base, languages=languages, source_lang=source_lang
            )

        exclude = {config["page_slug"], *config["exclude_slugs"]}
        pages = source.select_pages(shared["pages"], lang, source_lang, exclude)
        chapters = source.chapters(
            pages,
            lang=lang,
            languages=languages,
            online=online,
            sources_of=lambda page: page_sources(page, shared["register"]),
            courts_template=config["courts_template"],
            glossaries=config["glossary_slugs"],
        )
        glossary = [c for c in chapters if c.slug in config["glossary_slugs"]]
        body = [c for c in chapters if c.slug not in config["glossary_slugs"]]
        url = source.public_url(base, lang, source_lang) if base else ""
        edition = source.edition_date(pages)
        env = source.template_environment(self.settings, lang)
        common = {
            "lang": lang,
            "dir": languages[lang]["dir"],
            "lang_name": languages[lang]["name"],
            "AUTHOR": self.settings.get("AUTHOR", ""),
            "edition": source.long_date(edition, lang),
            "edition_iso": edition.isoformat(),
        }
        html = source.render_template(
            env,
            config["template"],
            part="booklet",
            public_url=url,
            qr_svg=source.qr_svg(url, title=url) if url else "",
            chapters=body,
            glossary=glossary,
            models=source.blank_models(config["forms"], online, "".join(c.html for c in chapters)),
            courts=shared["courts"],
            courts_date=shared["courts_date"],
            courts_in_chapter=any(c.courts for c in chapters),
            attempt_rows=config["attempt_rows"],
            **common,
        )
        filler = source.render_template(
            env, config["template"], part="notes", notes_lines=config["notes_lines"], **common
        )
        return self._booklet(lang, html, filler, shared)

    def _booklet(self, lang: str, html: str, filler: str, shared: dict) -> Booklet:
        config = self.config
        rtl = config["languages"][lang]["dir"] == "rtl"
        imposed = config["imposed_from"]
        files = {}
        jobs = []
        for kind, page in config["formats"].items():
            files[kind] = config["filename"].format(lang=lang, kind=kind)
            job = render.Job(
                lang=lang,
                kind=kind,
                html=html,
                stylesheets=(page_css(page), shared["css"]),
                pdf_options=config["pdf_options"],
                folder="",
                filename=files[kind],
            )
            if kind == imposed:
                imposed_kind = f"{kind}-livret"
                files[imposed_kind] = config["filename"].format(lang=lang, kind=imposed_kind)
                job = replace(
                    job,
                    imposed_kind=imposed_kind,
                    imposed_filename=files[imposed_kind],
                    filler_html=filler,
                    rtl=rtl,
                )
            jobs.append(job)
        # Each input hashed on its own, so a rebuild can say what changed.
        inputs = {
            "html": digest(html),
            "notes": digest(filler),
            "css": digest([job.stylesheets for job in jobs]),
            "settings": digest(
                {k: v for k, v in config.items() if k not in ("workers", "cache_keep")},
                [job.pdf_options for job in jobs],
                files,
            ),
            **shared["toolchain"],
        }
        return Booklet(lang, digest(inputs), tuple(jobs), files, html, inputs)

    # Building ---------------------------------------------------------------------------

    def build(self, booklets: list[Booklet]) -> dict[str, dict]:
        """lang -> cache entry, laying out the booklets the cache does not hold."""
        entries = {}
        stale = []
        for booklet in booklets:
            meta = self.store.get(booklet.key)
            if meta is None:
                stale.append(booklet)
            else:
                entries[booklet.lang] = meta
                logger.debug("booklets: %s unchanged (%s)", booklet.lang, booklet.key[:12])
        for booklet in stale:
            previous = self.store.latest(booklet.lang)
            if previous is not None:
                changed = sorted(
                    name
                    for name, value in booklet.inputs.items()
                    if previous.get("inputs", {}).get(name) != value
                )
                logger.info("booklets: %s changed (%s)", booklet.lang, ", ".join(changed))
        if stale:
            entries |= self._lay_out(stale)
        for lang in sorted(entries):
            # Replayed from the cache too: a booklet built with warnings keeps failing the
            # build until its inputs are fixed, not only the first time.
            for warning in entries[lang]["warnings"]:
                logger.warning("booklets: %s", warning)
        return entries

    def _lay_out(self, booklets: list[Booklet]) -> dict[str, dict]:
        start = time.perf_counter()
        staging = {b.lang: self.store.staging(b.key) for b in booklets}
        jobs = [replace(job, folder=str(staging[b.lang])) for b in booklets for job in b.jobs]
        try:
            results = run_jobs(jobs, self.config["workers"])
        except BaseException:
            for folder in staging.values():
                self.store.discard(folder)
            raise
        entries = {}
        for booklet in booklets:
            mine = [r for r in results if r.lang == booklet.lang]
            folder = staging[booklet.lang]
            (folder / "booklet.html").write_text(booklet.html, encoding="utf-8")
            pages = {k: v for r in mine for k, v in r.pages.items()}
            meta = {
                "lang": booklet.lang,
                "key": booklet.key,
                "inputs": booklet.inputs,
                "built": datetime.now(UTC).isoformat(timespec="seconds"),
                "files": {
                    kind: {
                        "name": name,
                        "pages": pages[kind],
                        "bytes": (folder / name).stat().st_size,
                    }
                    for kind, name in booklet.files.items()
                },
                "seconds": {k: round(v, 2) for r in mine for k, v in r.seconds.items()},
                "warnings": [w for r in mine for w in r.warnings],
            }
            entries[booklet.lang] = self.store.commit(booklet.key, folder, meta)
        logger.info(
            "booklets: laid out %s in %.1f s",
            ", ".join(b.lang for b in booklets),
            time.perf_counter() - start,
        )
        return entries

    # Pelican's phases -------------------------------------------------------------------

    def generate_context(self):
        lang = self.settings["DEFAULT_LANG"]
        languages = self.config["languages"]
        if lang not in languages:
            return
        # The main site (the source language) assembles every language: see the docstring.
        main_site = lang == self.config["source_lang"]
        wanted = list(languages) if main_site else [lang]
        if main_site and not public_base(self.settings):
            logger.warning(NO_PUBLIC_URL)
        shared = self._shared_inputs()
        entries = self.build([self.assemble(code, shared) for code in wanted])
        self.entry = entries[lang]
        self.context["BOOKLETS_FILES"] = self._files_for_templates(lang)
        self.context["BOOKLETS_PAGE"] = next(
            (
                page
                for page in [*self.context.get("pages", []), *self.context.get("hidden_pages", [])]
                if page.slug == self.config["page_slug"]
            ),
            None,
        )
        if self.context["BOOKLETS_PAGE"] is None:
            logger.warning(
                "booklets: no page with slug %r in %s lists the PDFs",
                self.config["page_slug"],
                lang,
            )

    def _files_for_templates(self, lang: str) -> list[dict]:
        files = []
        for kind, item in self.entry["files"].items():
            megabytes = item["bytes"] / 1_000_000
            files.append(
                {
                    "kind": kind,
                    "name": item["name"],
                    "url": f"{self.config['output_dir']}/{item['name']}",
                    "pages": item["pages"],
                    "bytes": item["bytes"],
                    "size": format_decimal(max(megabytes, 0.1), format="0.0", locale=lang),
                }
            )
        return files

    def generate_output(self, writer):
        if self.entry is None:
            return
        target = Path(self.output_path) / self.config["output_dir"]
        target.mkdir(parents=True, exist_ok=True)
        folder = self.store.folder(self.entry["key"])
        for item in self.entry["files"].values():
            shutil.copyfile(folder / item["name"], target / item["name"])
        logger.info("booklets: copied %d PDFs into %s", len(self.entry["files"]), target)


def run_jobs(jobs: list[render.Job], workers: int) -> list[render.Result]:
    """Run the jobs, in parallel when there are several and more than one worker."""
    workers = min(workers or multiprocessing.cpu_count(), len(jobs))
    if workers <= 1:
        return [render.run(job) for job in jobs]
    # spawn, not fork: a forked Pelican may hold locks of threads it cannot see (and 3.14
    # stops forking by default). A spawned worker imports this plugin by name, from the
    # folder that holds it, as Pelican did.
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=site.addsitedir,
        initargs=(str(PLUGIN_FOLDER.parent),),
    ) as pool:
        return list(pool.map(render.run, jobs))


def check_settings(pelican):
    settings_for(pelican.settings)


def get_generators(pelican):
    return BookletGenerator


def register():
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(get_generators)
