"""Make the built site work offline after one visit, and installable.

Runs once the whole multilingual site is written (the main site's `finalized` fires
after every language subsite), because the service worker's precache manifest lists
content hashes of the final files.
"""

import json
import logging
import shutil
import subprocess
from pathlib import Path

from pelican import signals

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Cache names start with this, so they never collide with another site on the origin.
    "cache_id": "rdv-prefecture",
    # Precached at install: everything every language shares. Pages are cached by the
    # page script for the visitor's language, and on first use for the others.
    "precache": [
        "theme/**/*.{css,js,mjs,svg,png}",
        "pyodide/*/*.{mjs,js,wasm,zip,json,whl}",
        "manifest.webmanifest",
    ],
    # URLs whose folder name is a content hash: precached without a cache-busting query,
    # so the copy the forms already downloaded (HTTP cache) is reused, not fetched again.
    "hashed_urls": r"^pyodide/[0-9a-f]{12}/",
    # Workbox refuses files over 2 MiB by default; the Pyodide wasm is ~8.6 MB.
    "maximum_file_size": 12 * 1024 * 1024,
    # Copied from node_modules to the theme's js folder for the page's update prompt.
    "workbox_window": "node_modules/workbox-window/build/workbox-window.prod.mjs",
    "site_lang": "fr",
}


def settings_for(pelican_settings) -> dict:
    merged = {**DEFAULTS, **pelican_settings.get("OFFLINE", {})}
    unknown = set(merged) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"OFFLINE: unknown keys {sorted(unknown)}")
    if not merged["precache"]:
        raise ValueError("OFFLINE['precache'] must list glob patterns")
    return merged


def build_service_worker(root: Path, output: Path, config: dict) -> dict:
    options = {
        "globDirectory": str(output),
        "globPatterns": config["precache"],
        "swDest": str(output / "sw.js"),
        "cacheId": config["cache_id"],
        "maximumFileSizeToCacheInBytes": config["maximum_file_size"],
        "cleanupOutdatedCaches": True,
        "clientsClaim": True,
        "skipWaiting": False,  # the page asks, after the person agrees to reload
        "inlineWorkboxRuntime": True,
        "sourcemap": False,
        "mode": "production",
        # Other files carry no hash in their names: Workbox's revision is their content hash.
        "dontCacheBustURLsMatching": config["hashed_urls"],
    }
    options = {k: v for k, v in options.items() if v is not None}
    result = subprocess.run(
        ["node", str(root / "scripts" / "build-sw.mjs"), json.dumps(options)],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    for warning in report.get("warnings", []):
        logger.warning("offline: %s", warning)
    return report


def on_finalized(pelican):
    settings = pelican.settings
    config = settings_for(settings)
    if settings["DEFAULT_LANG"] != config["site_lang"]:
        return  # subsites finish first; the main site sees the complete output
    root = Path(settings["PATH"]).resolve().parent
    output = Path(settings["OUTPUT_PATH"])
    theme_js = output / settings["THEME_STATIC_DIR"] / "js"
    shutil.copy2(root / config["workbox_window"], theme_js / "workbox-window.mjs")
    report = build_service_worker(root, output, config)
    logger.info("offline: precached %s files, %.1f MB", report["count"], report["size"] / 1e6)


def register():
    signals.finalized.connect(on_finalized)
