"""Ship the forms to the browser: our Pyodide runtime, the rdv_forms wheel, and its lock file.

Everything is served from the site's own origin: the runtime is copied from the npm
package pinned in package-lock.json, and the wheel is registered in a Pyodide lock file
with pyodide-build's CLI so that `loadPackage` checks its sha256 before installing it.
"""

import hashlib
import json
import logging
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

logger = logging.getLogger(__name__)

DEFAULTS = {
    # The rdv_forms source distribution, relative to the project root.
    "package_dir": "forms",
    # The distribution name in the lock file; the browser calls loadPackage(package_name).
    "package_name": "rdv-forms",
    # The npm package holding the Pyodide core.
    "pyodide_dir": "node_modules/pyodide",
    # Where the runtime, the wheel and the lock file go, under the main site's output.
    "output_dir": "pyodide",
    # Only the core the forms need: no console pages, no source maps, no TypeScript types.
    "runtime_files": ["pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip"],
    # Built wheels are kept here between builds, keyed by a hash of the package sources.
    "cache_dir": ".cache/pyodide-forms",
    # The runtime is shared by every language: only this language's site writes it.
    "runtime_lang": "fr",
    # Drop every lock-file entry the forms do not need (the full file is ~125 KB).
    "prune_lockfile": True,
}


def settings_for(pelican_settings) -> dict:
    """Merge FORMS over DEFAULTS and validate it at start-up."""
    merged = {**DEFAULTS, **pelican_settings.get("FORMS", {})}
    unknown = set(merged) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"FORMS: unknown keys {sorted(unknown)}")
    if not isinstance(merged["runtime_files"], list | tuple) or not merged["runtime_files"]:
        raise ValueError("FORMS['runtime_files'] must be a non-empty list")
    return merged


def project_root(pelican_settings) -> Path:
    return Path(pelican_settings["PATH"]).resolve().parent


def sources_digest(package_dir: Path) -> str:
    """Hash every file that ends up in the wheel, so an unchanged package is not rebuilt."""
    digest = hashlib.sha256()
    for path in sorted(package_dir.rglob("*")):
        relative = path.relative_to(package_dir).as_posix()
        if path.is_file() and not any(
            part in ("build", "__pycache__") or part.endswith(".egg-info")
            for part in path.relative_to(package_dir).parts
        ):
            digest.update(relative.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_wheel(package_dir: Path, cache_dir: Path) -> Path:
    """Build the pure-Python wheel once per source state, with the venv's own setuptools."""
    target = cache_dir / sources_digest(package_dir)
    wheels = sorted(target.glob("*.whl"))
    if wheels:
        return wheels[0]
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as build_dir:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--quiet",
                "--no-deps",
                "--no-build-isolation",
                "--wheel-dir",
                build_dir,
                str(package_dir),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        (wheel,) = Path(build_dir).glob("*.whl")
        shutil.move(wheel, target / wheel.name)
    shutil.rmtree(package_dir / "build", ignore_errors=True)
    return target / wheel.name


def pyodide_cli() -> Path:
    """pyodide-build's CLI from the same virtual environment as Pelican."""
    return Path(sys.executable).with_name("pyodide")


def add_wheel_to_lockfile(source_lock: Path, wheel: Path, output_lock: Path) -> None:
    subprocess.run(
        [
            str(pyodide_cli()),
            "lockfile",
            "add-wheels",
            "--input",
            str(source_lock),
            "--output",
            str(output_lock),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        text=True,
    )


def prune_lockfile(lock: dict, keep: str) -> dict:
    """Keep only `keep` and the packages it depends on, transitively."""
    packages = lock["packages"]
    wanted, queue = set(), [keep]
    while queue:
        name = queue.pop()
        if name not in wanted:
            wanted.add(name)
            queue.extend(packages[name].get("depends", []))
    return {**lock, "packages": {name: packages[name] for name in sorted(wanted)}}


class PyodideFormsGenerator(Generator):
    """Writes /pyodide/ (runtime, wheel, lock file) and tells templates where it is."""

    def generate_context(self):
        self.config = settings_for(self.settings)
        self.root = project_root(self.settings)
        self.context["FORMS_RUNTIME_DIR"] = self.config["output_dir"]
        self.context["FORMS_PACKAGE"] = self.config["package_name"]
        # The form page is rendered with the package's own limits and court table, so it
        # works before Python is ready in the browser and can never disagree with it.
        from rdv_forms import answers, courts

        self.context["FORMS_MAX_LENGTHS"] = answers.MAX_LENGTHS
        self.context["FORMS_COURTS"] = courts.all_departements()

    def generate_output(self, writer):
        if self.settings["DEFAULT_LANG"] != self.config["runtime_lang"]:
            return  # the other languages link to the shared runtime
        config, root = self.config, self.root
        runtime = root / config["pyodide_dir"]
        if not (runtime / "pyodide-lock.json").exists():
            raise RuntimeError(f"{runtime} is missing: run `npm ci` (make setup)")
        destination = Path(self.output_path) / config["output_dir"]
        destination.mkdir(parents=True, exist_ok=True)
        for name in config["runtime_files"]:
            shutil.copy2(runtime / name, destination / name)
        wheel = build_wheel(root / config["package_dir"], root / config["cache_dir"])
        shutil.copy2(wheel, destination / wheel.name)
        lock_path = destination / "pyodide-lock.json"
        add_wheel_to_lockfile(runtime / "pyodide-lock.json", destination / wheel.name, lock_path)
        lock = json.loads(lock_path.read_text(encoding="utf-8"))
        if config["prune_lockfile"]:
            lock = prune_lockfile(lock, config["package_name"])
        lock_path.write_text(json.dumps(lock, separators=(",", ":")), encoding="utf-8")
        logger.info("pyodide_forms: wrote %s with %s", destination, wheel.name)


def get_generators(pelican):
    return PyodideFormsGenerator


def register():
    signals.get_generators.connect(get_generators)
