"""A content-addressed store of built booklets, kept outside output/.

DELETE_OUTPUT_DIRECTORY empties output/ on every build, so the PDFs live in
`<cache_dir>/<key>/` and are copied into output/. The key hashes everything that can change a
booklet: its HTML and CSS, the fonts fontconfig can pick, the code that lays it out and the
settings. An entry is complete once its meta.json exists: it is written last, in a staging
folder that is renamed into place, so an interrupted build never leaves a half entry behind.
"""

import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

META = "meta.json"


def digest(*parts) -> str:
    """sha256 of JSON-serialisable parts, independent of dict order."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def files_digest(folder: Path, patterns=("*.py", "*.csv", "*.json", "*.po")) -> str:
    """sha256 of the files under `folder` matching `patterns`, names included."""
    sha = hashlib.sha256()
    paths = sorted({p for pattern in patterns for p in folder.rglob(pattern)})
    for path in paths:
        if "__pycache__" in path.parts:
            continue
        sha.update(path.relative_to(folder).as_posix().encode())
        sha.update(hashlib.sha256(path.read_bytes()).digest())
    return sha.hexdigest()


def fonts_digest() -> str:
    """sha256 of the installed fonts as fontconfig lists them (file, family, style, size).

    Any installed font can be picked as a fallback for a missing glyph, so all of them count.
    """
    try:
        listing = subprocess.run(
            ["fc-list", "--format", "%{file}|%{family}|%{style}\\n"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return "no fc-list"
    lines = []
    for line in sorted(set(listing.splitlines())):
        path = line.partition("|")[0]
        size = os.path.getsize(path) if os.path.exists(path) else -1
        lines.append(f"{line}|{size}")
    return digest(lines)


@cache
def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def toolchain(plugin_folder: Path, forms_folder: Path | None) -> dict[str, str]:
    """What lays the booklets out, beside their HTML and CSS."""
    return {
        "weasyprint": _version("weasyprint"),
        "pypdf": _version("pypdf"),
        "segno": _version("segno"),
        "rdv-forms": _version("rdv-forms"),
        "forms": files_digest(forms_folder) if forms_folder else "absent",
        "plugin": files_digest(plugin_folder, ("*.py",)),
        "fonts": fonts_digest(),
    }


class Store:
    """Booklet entries under `root`, each a folder named by its key."""

    def __init__(self, root: Path, keep: int):
        self.root = root
        self.keep = keep

    def folder(self, key: str) -> Path:
        return self.root / key

    def get(self, key: str) -> dict | None:
        """The entry's meta.json, or None when the booklet must be built."""
        meta = self.folder(key) / META
        if not meta.is_file():
            return None
        os.utime(meta)  # prune() keeps the entries used last
        return json.loads(meta.read_text(encoding="utf-8"))

    def staging(self, key: str) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{key[:12]}-", dir=self.root))

    def commit(self, key: str, staging: Path, meta: dict) -> dict:
        """Move a finished staging folder into place, then forget old entries of its language."""
        (staging / META).write_text(json.dumps(meta, indent=2, ensure_ascii=False), "utf-8")
        try:
            staging.rename(self.folder(key))
        except OSError:  # another build committed the same key first: keep that one
            shutil.rmtree(staging, ignore_errors=True)
        self.prune(meta["lang"])
        return meta

    def discard(self, staging: Path) -> None:
        shutil.rmtree(staging, ignore_errors=True)

    def entries(self, lang: str) -> list[tuple[float, Path, dict]]:
        """(last use, folder, meta) of the entries of `lang`, the last used first."""
        found = []
        for meta_path in self.root.glob(f"*/{META}"):
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
                used = meta_path.stat().st_mtime
            except (OSError, ValueError):
                continue
            if meta.get("lang") == lang:
                found.append((used, meta_path.parent, meta))
        return sorted(found, key=lambda entry: entry[0], reverse=True)

    def latest(self, lang: str) -> dict | None:
        """The meta of the entry of `lang` used last, to tell what changed since."""
        entries = self.entries(lang)
        return entries[0][2] if entries else None

    def prune(self, lang: str) -> None:
        """Keep the `keep` entries of `lang` used last: the cache must not grow with every edit."""
        for _, folder, _ in self.entries(lang)[self.keep :]:
            shutil.rmtree(folder, ignore_errors=True)
