"""Development settings: a multilingual guide made of pages, with relative URLs.

Only UPPERCASE constants live here; each plugin reads its own namespaced dict.
"""

SITENAME = "Rendez-vous en préfecture impossible : que faire ?"
SITEURL = ""
# The address printed on booklets and QR codes; publishconf.py reads it from RDV_PUBLIC_URL.
# Empty here: a development build's booklets print no address and no QR code (it warns),
# never one that only works on the machine that built them.
PUBLIC_URL = ""
AUTHOR = "Guide RDV préfecture"
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
LOCALE = ("C.UTF-8",)

PATH = "content"
# Markdown only: the reStructuredText reader would also warn about languages docutils lacks.
READERS = {"rst": None}
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = []
# Deployment headers for Netlify / Cloudflare Pages, at the root of output/.
STATIC_PATHS = ["../deploy/_headers"]
EXTRA_PATH_METADATA = {"../deploy/_headers": {"path": "_headers"}}
THEME = "theme"

# A guide, not a blog: pages only, nothing dated, no feeds or taxonomies.
DIRECT_TEMPLATES = []
PAGINATED_TEMPLATES = {}
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
ARCHIVES_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAG_SAVE_AS = ""
ARTICLE_SAVE_AS = ""
ARTICLE_LANG_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""

# Every language uses the French slug, so /etape-1-preuves/ and /en/etape-1-preuves/
# are the same page and the language switcher never needs a lookup table.
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{slug}/"
PAGE_LANG_SAVE_AS = "{slug}/index.html"
PAGE_ORDER_BY = "order"
SLUGIFY_SOURCE = "basename"

# Relative URLs let output/ work from any sub-path of any static host.
RELATIVE_URLS = True
DELETE_OUTPUT_DIRECTORY = True
OUTPUT_RETENTION = []
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.attr_list": {},
        "markdown.extensions.def_list": {},
        "markdown.extensions.tables": {},
        "markdown.extensions.admonition": {},
        "markdown.extensions.md_in_html": {},
        "markdown.extensions.sane_lists": {},
        "markdown.extensions.smarty": {"smart_quotes": False},
    },
    "output_format": "html5",
}

# The languages of the site. French is the source and lives at /.
LANGUAGES = {
    "fr": {"name": "Français", "dir": "ltr"},
    "en": {"name": "English", "dir": "ltr"},
    "es": {"name": "Español", "dir": "ltr"},
    "pt": {"name": "Português", "dir": "ltr"},
    "ru": {"name": "Русский", "dir": "ltr"},
    "ar": {"name": "العربية", "dir": "rtl"},
    "fa": {"name": "دری / فارسی", "dir": "rtl"},
}

PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "pelican.plugins.i18n_subsites",
    "catalogs",
    "guide",
    "courts",
    "pyodide_forms",
    "models",
    "figures",
    "offline",
    "booklets",
    "precompress",  # last: it compresses what every other plugin wrote
]

JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    "trim_blocks": True,
    "lstrip_blocks": True,
}
I18N_TEMPLATES_LANG = "fr"
I18N_UNTRANSLATED_PAGES = "keep"
I18N_SUBSITES = {code: {"DEFAULT_LANG": code} for code in LANGUAGES if code != DEFAULT_LANG}

CATALOGS = {
    "catalogs": [
        {"directory": "theme/translations", "domain": "messages"},
        {"directory": "forms/rdv_forms/locale", "domain": "rdv_forms"},
    ],
}

FORMS = {
    "package_dir": "forms",
    "runtime_lang": DEFAULT_LANG,
}

# Rendered per language: the web app manifest names the guide in the visitor's language;
# the offline page is what the service worker shows for a page not on the device.
TEMPLATE_PAGES = {
    "extra/manifest.webmanifest": "manifest.webmanifest",
    "extra/hors-ligne.html": "hors-ligne/index.html",
}

OFFLINE = {
    "cache_id": "rdv-prefecture",
    "site_lang": DEFAULT_LANG,
}

PRECOMPRESS = {"site_lang": DEFAULT_LANG}

GUIDE = {
    "languages": LANGUAGES,
    "updated_format": "%d/%m/%Y",
    "toc_min_headings": 3,
}

# The court finder (plugins/courts) shows rdv_forms' table of courts and its rules
# (forms/rdv_forms/courts.py): nothing to set here but, if needed, the template variable.
COURTS = {}

# Pictures drawn per language from theme/templates/figures/ (plugins/figures):
# `[[figure:NAME]]` on a line of its own in a page.
FIGURES = {
    "languages": LANGUAGES,
    "source_lang": DEFAULT_LANG,
}

# Printable booklets (plugins/booklets); the QR codes point to PUBLIC_URL.
BOOKLETS = {
    "languages": LANGUAGES,
    "source_lang": DEFAULT_LANG,
}
