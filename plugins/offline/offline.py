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
        # Our own offline page, one per language: shown instead of the browser's error.
        "hors-ligne/index.html",
        "*/hors-ligne/index.html",
    ],
    # URLs whose folder name is a content hash: precached without a cache-busting query,
    # so the copy the forms already downloaded (HTTP cache) is reused, not fetched again.
    "hashed_urls": r"^pyodide/[0-9a-f]{12}/",
    # Workbox refuses files over 2 MiB by default; the Pyodide wasm is ~8.6 MB.
    "maximum_file_size": 12 * 1024 * 1024,
    # Copied from node_modules to the theme's js folder for the page's update prompt.
    "workbox_window": "node_modules/workbox-window/build/workbox-window.prod.mjs",
    "site_lang": "fr",
    # What "Préparer cet appareil" caches (theme/static/js/prepare-device.js): every
    # language's pages and the booklets, listed with their sizes in this file, and the
    # forms' features, which the precache leaves out (plugins/pyodide_forms, issue 20).
    "device_list": "offline-files.json",
    "device_files": [
        "**/index.html",
        "**/*.pdf",
        "**/manifest.webmanifest",
        "pyodide/*/*/*.whl",
    ],
}


def settings_for(pelican_settings) -> dict:
    merged = {**DEFAULTS, **pelican_settings.get("OFFLINE", {})}
    unknown = set(merged) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"OFFLINE: unknown keys {sorted(unknown)}")
    if not merged["precache"]:
        raise ValueError("OFFLINE['precache'] must list glob patterns")
    return merged


def write_device_list(output: Path, config: dict) -> dict:
    """List what a help desk's device needs to work offline in every language, with sizes,
    so the page can say how much it will store before it starts. Pages are listed by the
    address a browser asks for (the folder), as the service worker's page cache keys them."""
    files = []
    for pattern in config["device_files"]:
        for path in sorted(output.glob(pattern)):
            url = path.relative_to(output).as_posix()
            if url == "index.html" or url.endswith("/index.html"):
                url = url[: -len("index.html")]
            files.append({"url": url, "bytes": path.stat().st_size})
    listing = {"files": files, "bytes": sum(f["bytes"] for f in files)}
    (output / config["device_list"]).write_text(
        json.dumps(listing, separators=(",", ":")), encoding="utf-8"
    )
    return listing


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
    listing = write_device_list(output, config)
    logger.info("offline: %s files for a prepared device", len(listing["files"]))
    report = build_service_worker(root, output, config)
    logger.info("offline: precached %s files, %.1f MB", report["count"], report["size"] / 1e6)


def register():
    signals.finalized.connect(on_finalized)
