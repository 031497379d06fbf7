"""Compile gettext catalogs (.po → .mo) with Babel before any template is rendered.

The .mo files are build products: only the .po sources are versioned, so translators
never have to run a tool and a stale .mo can never ship.
"""

import logging
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from pelican import signals

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Each catalog: a folder holding <lang>/LC_MESSAGES/<domain>.po, relative to the
    # project root. The forms package's catalogs are compiled here too, before its wheel
    # is built, so the browser and the command line ship the same translations.
    "catalogs": [{"directory": "theme/translations", "domain": "messages"}],
}


def settings_for(pelican_settings):
    """Merge CATALOGS over DEFAULTS and check it, so a typo fails at start-up."""
    merged = {**DEFAULTS, **pelican_settings.get("CATALOGS", {})}
    unknown = set(merged) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"CATALOGS: unknown keys {sorted(unknown)}")
    for entry in merged["catalogs"]:
        if not isinstance(entry, dict) or set(entry) != {"directory", "domain"}:
            raise ValueError(f"CATALOGS: each catalog needs a directory and a domain: {entry}")
    return merged


def compile_catalog(po_path: Path) -> Path:
    """Write the .mo next to the .po when the .po is newer; return the .mo path."""
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return mo_path
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=po_path.parent.parent.name)
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    if fuzzy:
        logger.warning("catalogs: %s has %d fuzzy entries", po_path, len(fuzzy))
    with mo_path.open("wb") as handle:
        write_mo(handle, catalog)
    return mo_path


def compile_all(root: Path, config) -> list[Path]:
    compiled = []
    for entry in config["catalogs"]:
        base = (root / entry["directory"]).resolve()
        if not base.is_dir():
            raise ValueError(f"CATALOGS: {base} is not a folder")
        for po_path in sorted(base.glob(f"*/LC_MESSAGES/{entry['domain']}.po")):
            compiled.append(compile_catalog(po_path))
    return compiled


def on_initialized(pelican):
    # Subsites re-run `initialized`; compile_catalog is idempotent, so that is cheap.
    config = settings_for(pelican.settings)
    root = Path(pelican.settings.get("PROJECT_ROOT", Path(pelican.settings["PATH"]).parent))
    compile_all(root, config)


def register():
    signals.initialized.connect(on_initialized)
