"""Write .br and .gz next to every compressible file, so hosts can serve them as they are.

Brotli at its best quality takes seconds on the 8.6 MB Pyodide wasm, so every result is
cached by content hash and an unchanged file costs one hash on the next build.
"""

import gzip
import hashlib
import logging
import os
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli
from pelican import signals

logger = logging.getLogger(__name__)

DEFAULTS = {
    "suffixes": [
        ".html",
        ".css",
        ".js",
        ".mjs",
        ".json",
        ".wasm",
        ".svg",
        ".webmanifest",
        ".whl",
        ".txt",
        ".xml",
        ".zip",
    ],
    # Smaller files gain nothing worth a second file.
    "minimum_size": 1024,
    "cache_dir": ".cache/precompress",
    "site_lang": "fr",
}


def settings_for(pelican_settings) -> dict:
    merged = {**DEFAULTS, **pelican_settings.get("PRECOMPRESS", {})}
    unknown = set(merged) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"PRECOMPRESS: unknown keys {sorted(unknown)}")
    if not all(s.startswith(".") for s in merged["suffixes"]):
        raise ValueError("PRECOMPRESS['suffixes'] must look like '.js'")
    return merged


def _compressed(data: bytes, encoding: str, cache: Path) -> bytes:
    key = cache / f"{hashlib.sha256(data).hexdigest()}.{encoding}"
    if key.exists():
        return key.read_bytes()
    if encoding == "br":
        result = brotli.compress(data, quality=11)
    else:
        result = gzip.compress(data, compresslevel=9, mtime=0)
    cache.mkdir(parents=True, exist_ok=True)
    temporary = key.with_name(f"{key.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    temporary.write_bytes(result)
    temporary.replace(key)
    return result


def compress_file(path: Path, cache: Path) -> int:
    """Write path.br and path.gz when they are smaller; return how many were written."""
    data = path.read_bytes()
    written = 0
    for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
        result = _compressed(data, encoding, cache)
        target = path.with_name(path.name + suffix)
        if len(result) < len(data):
            target.write_bytes(result)
            shutil.copystat(path, target)
            written += 1
        else:
            target.unlink(missing_ok=True)
    return written


def compress_tree(output: Path, config: dict, cache: Path) -> int:
    files = [
        p
        for p in output.rglob("*")
        if p.is_file()
        and p.suffix in config["suffixes"]
        and p.stat().st_size >= config["minimum_size"]
    ]
    with ThreadPoolExecutor() as pool:  # brotli and zlib release the GIL
        return sum(pool.map(lambda p: compress_file(p, cache), files))


def on_finalized(pelican):
    settings = pelican.settings
    config = settings_for(settings)
    if settings["DEFAULT_LANG"] != config["site_lang"]:
        return  # the main site finishes last and compresses every language at once
    root = Path(settings["PATH"]).resolve().parent
    written = compress_tree(Path(settings["OUTPUT_PATH"]), config, root / config["cache_dir"])
    logger.info("precompress: wrote %d compressed files", written)


def register():
    signals.finalized.connect(on_finalized)
