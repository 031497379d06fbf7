"""Ship the forms to the browser: our Pyodide runtime, the rdv_forms wheel, and its lock file.

Everything is served from the site's own origin: the runtime is copied from the npm
package pinned in package-lock.json, and the wheel is registered in a Pyodide lock file
with pyodide-build's CLI so that `loadPackage` checks its sha256 before installing it.
"""

import base64
import fnmatch
import glob
import hashlib
import importlib.util
import json
import logging
import marshal
import os
import re
import shutil
import subprocess
import sys
import tempfile
import types
import zipfile
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

logger = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
LOCKFILE = "pyodide-lock.json"

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
    # Ship .pyc instead of .py (wheel and standard library), stored uncompressed so the
    # HTTP compression works on it: Python then skips compiling at every page load.
    "compile_pyc": True,
    # Optimisation level of the wheel's bytecode: 2 leaves docstrings (and asserts) out,
    # about 13 KB brotli of the first visit. rdv_forms reads no __doc__ and asserts
    # nothing at run time (tests/test_pyodide_node.py runs the forms from this wheel).
    "pyc_optimize": 2,
    # Keep the columns in the wheel's line tables? Python 3.13 records the line and the
    # columns of every instruction: about 32 KB brotli of the first visit for rdv_forms.
    # Without columns, tracebacks keep their line numbers and only lose the ^^^ markers.
    "pyc_columns": False,
    # Left out of the wheel the browser loads with the form: the PDF code and its fonts
    # (~100 KB) are only for a person who asks for a PDF (issue 20), and would not fit the
    # first-visit budget; the filing pack's command line is for help-desk laptops. The
    # wheel built for the command line keeps them.
    # Also left out: what only the command line, type checkers and readers of the
    # sources use (the JSON Schemas are generated for the CLI and for people; the page gets
    # its answers skeleton from the `schema` action's data, given at build time).
    "browser_exclude": [
        "rdv_forms/pdf/*",
        "rdv_forms/render/pdf.py",
        "rdv_forms/dossier.py",
        "rdv_forms/locale/*/LC_MESSAGES/rdv_forms_pdf.mo",
        "rdv_forms/cli.py",
        "rdv_forms/__main__.py",
        "rdv_forms/schema/*",
        "rdv_forms/*/README.md",
        "rdv_forms/py.typed",
    ],
    # Parts of rdv_forms the browser fetches only when a request needs them (issue 20). Each
    # is a wheel of its own, made of files `browser_exclude` leaves out of the first one
    # (`include`: each pattern must also be in `browser_exclude`), registered in the same
    # lock file and installed over the first wheel by the worker. `actions`: the API actions
    # that need it; `formats`: the `generate` formats that need it. The page gets this table
    # (without `include`) and its worker loads the feature before such a request.
    "features": {
        "pdf": {
            "package_name": "rdv-forms-pdf",
            "include": [
                "rdv_forms/pdf/*",
                "rdv_forms/render/pdf.py",
                "rdv_forms/locale/*/LC_MESSAGES/rdv_forms_pdf.mo",
            ],
            "actions": ["pdf", "pack"],
            "formats": ["pdf"],
        },
    },
    # Where the features' wheels go, under the runtime folder: the service worker precaches
    # the runtime folder's own files only (plugins/offline: `pyodide/*/*`), so a feature is
    # downloaded by the people who use it, then cached (scripts/build-sw.mjs).
    "features_dir": "on-demand",
    # Ship only the standard-library modules that booting and the forms import (found by
    # running every request of the form inside Pyodide), instead of all 2.4 MB of it.
    "slim_stdlib": True,
    # Answers files the stdlib probe runs the forms with, relative to the project root.
    "probe_examples": ["forms/examples/*.json"],
    # The form's scripts, under the theme's static folder. The build bundles each with the
    # modules it imports into one minified file of the same name (`bundle_script`).
    "bundled_scripts": ["js/form.js", "js/forms-worker.js"],
    # Always kept in the slim standard library, whatever the probe saw.
    "stdlib_keep": [
        "encodings/__init__.py",
        "encodings/aliases.py",
        "encodings/utf_8.py",
        "encodings/ascii.py",
        "encodings/latin_1.py",
        "encodings/cp437.py",
    ],
}


def settings_for(pelican_settings) -> dict:
    """Merge FORMS over DEFAULTS and validate it at start-up."""
    merged = {**DEFAULTS, **pelican_settings.get("FORMS", {})}
    unknown = set(merged) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"FORMS: unknown keys {sorted(unknown)}")
    if not isinstance(merged["runtime_files"], list | tuple) or not merged["runtime_files"]:
        raise ValueError("FORMS['runtime_files'] must be a non-empty list")
    if merged["pyc_optimize"] not in (0, 1, 2):
        raise ValueError("FORMS['pyc_optimize'] must be 0, 1 or 2")
    if not isinstance(merged["pyc_columns"], bool):
        raise ValueError("FORMS['pyc_columns'] must be True or False")
    validate_features(merged)
    return merged


FEATURE_KEYS = {"package_name", "include", "actions", "formats"}


def validate_features(config: dict) -> None:
    """A feature's wheel must hold only files the first wheel leaves out, under a name of
    its own, and say which requests need it: anything else is a mistake in FORMS."""
    features, folder = config["features"], config["features_dir"]
    if not isinstance(features, dict):
        raise ValueError("FORMS['features'] must map a feature's name to its settings")
    if not isinstance(folder, str) or not re.fullmatch(r"[a-z0-9-]+", folder):
        raise ValueError("FORMS['features_dir'] must be a folder name (a-z, 0-9, -)")
    names = {config["package_name"]}
    for name, feature in features.items():
        where = f"FORMS['features'][{name!r}]"
        if not isinstance(feature, dict) or set(feature) != FEATURE_KEYS:
            raise ValueError(f"{where} must have exactly the keys {sorted(FEATURE_KEYS)}")
        package = feature["package_name"]
        if not isinstance(package, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", package):
            raise ValueError(f"{where}['package_name'] must be a distribution name like a-b")
        if package in names:
            raise ValueError(f"{where}['package_name'] {package!r} is already used")
        names.add(package)
        if not feature["include"] or not all(isinstance(p, str) for p in feature["include"]):
            raise ValueError(f"{where}['include'] must list file patterns")
        stray = [p for p in feature["include"] if p not in config["browser_exclude"]]
        if stray:
            raise ValueError(
                f"{where}['include'] {stray} must also be in FORMS['browser_exclude']: "
                "a file in both wheels would be installed twice"
            )
        for key in ("actions", "formats"):
            if not isinstance(feature[key], list) or not all(
                isinstance(item, str) for item in feature[key]
            ):
                raise ValueError(f"{where}[{key!r}] must be a list of names")


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


def without(wheel: Path, target: Path, patterns: tuple[str, ...]) -> None:
    """Copy `wheel` without the files matching `patterns` (fnmatch), nor their RECORD lines."""

    def left_out(name: str) -> bool:
        return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)

    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            if left_out(info.filename):
                continue
            data = source.read(info)
            if info.filename.endswith(".dist-info/RECORD"):
                lines = data.decode("utf-8").splitlines(keepends=True)
                kept = [line for line in lines if not left_out(line.split(",", 1)[0])]
                data = "".join(kept).encode("utf-8")
            out.writestr(info, data)


def py_compile(path: Path, exclude: tuple[str, ...] = (), optimize: int = 0) -> None:
    """Compile .py to .pyc in an archive, or in a folder's archives, with pyodide-build.

    Archives are stored uncompressed so that brotli, on the wire, does the compressing.
    The host interpreter compiles, so it must be Pyodide's Python minor version (3.13).
    `pyodide py-compile` has no optimisation option, but it compiles with the running
    interpreter's level, which PYTHONOPTIMIZE sets.
    """
    excluded = [arg for name in exclude for arg in ("--exclude", name)]
    subprocess.run(
        [
            str(pyodide_cli()),
            "py-compile",
            "--silent",
            "--compression-level",
            "0",
            *excluded,
            str(path),
        ],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONOPTIMIZE": str(optimize)} if optimize else None,
    )


def probe_stdlib(root: Path, runtime: Path, stdlib: Path, examples: Path) -> list[str]:
    """The standard-library files Pyodide imported while serving every form request."""
    result = subprocess.run(
        [
            "node",
            "--stack-size=4000",
            str(HERE / "probe.mjs"),
            str(runtime),
            str(stdlib),
            str(HERE / "exercise.py"),
            str(examples),
        ],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout)


def _without_line_tables(code: types.CodeType) -> types.CodeType:
    """The same code with every instruction marked "no location".

    An empty line table is smaller still, but Python 3.13's traceback module then fails
    (StopIteration in `_get_code_position`) and any error becomes unreadable. One
    "no location" entry covers up to 8 code units, so this costs 1/16 of the bytecode.
    """
    consts = tuple(
        _without_line_tables(c) if isinstance(c, types.CodeType) else c for c in code.co_consts
    )
    table = bytearray()
    units = len(code.co_code) // 2
    while units:
        covered = min(units, 8)
        table.append(0x80 | (_NO_LOCATION << 3) | (covered - 1))
        units -= covered
    return code.replace(co_linetable=bytes(table), co_consts=consts)


_NO_LOCATION = 15  # PY_CODE_LOCATION_INFO_NONE in CPython's Objects/locations.md


def _svarint(value: int) -> bytes:
    """A signed varint of CPython's location tables (Objects/locations.md)."""
    value = (-value << 1) | 1 if value < 0 else value << 1
    out = bytearray()
    while value >= 64:
        out.append(0x40 | (value & 0x3F))
        value >>= 6
    out.append(value)
    return bytes(out)


def _lines_only(code: types.CodeType) -> types.CodeType:
    """The same code with the same line numbers (`co_lines`), and no columns."""
    consts = tuple(_lines_only(c) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    table, previous = bytearray(), code.co_firstlineno
    for start, end, line in code.co_lines():
        units = (end - start) // 2
        while units:
            covered = min(units, 8)
            if line is None:
                table.append(0x80 | (_NO_LOCATION << 3) | (covered - 1))
            else:
                table.append(0x80 | (_NO_COLUMNS << 3) | (covered - 1))
                table += _svarint(line - previous)
                previous = line
            units -= covered
    return code.replace(co_linetable=bytes(table), co_consts=consts)


_NO_COLUMNS = 13  # PY_CODE_LOCATION_INFO_NO_COLUMNS


def without_columns(wheel: Path) -> None:
    """Rewrite a compiled wheel's .pyc without columns, in place.

    A .pyc's 16-byte header is kept as py-compile wrote it. This happens before the wheels
    are registered in the lock file, so the sha256 there is the one of these bytes.
    """
    rewritten = wheel.with_name(wheel.name + ".tmp")
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(rewritten, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith(".pyc"):
                code = marshal.loads(data[16:])
                data = data[:16] + marshal.dumps(_lines_only(code))
            out.writestr(info, data)
    rewritten.replace(wheel)


def compiled_module(source: bytes, name: str) -> bytes:
    """A sourceless .pyc for zipimport: no docstrings, no asserts, no line numbers.

    That is what makes the standard library small on the wire (~0.55 MB brotli instead
    of 2.4 MB); the price is tracebacks that say "line None" inside the standard library.
    The host must be Pyodide's Python minor version, or the bytecode will not load.
    """
    code = compile(source, name, "exec", optimize=2, dont_inherit=True)
    header = importlib.util.MAGIC_NUMBER + b"\0" * 12  # flags, then unused date and size
    return header + marshal.dumps(_without_line_tables(code))


def slim_stdlib(full: Path, files: list[str], keep: list[str], target: Path, pyc: bool) -> None:
    """A zip of only `files` and `keep` (plus parent packages), stored uncompressed."""
    wanted = set(files) | set(keep)
    for name in list(wanted):
        parts = name.split("/")[:-1]
        wanted.update("/".join(parts[: i + 1]) + "/__init__.py" for i in range(len(parts)))
    with zipfile.ZipFile(full) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            name = info.filename
            if name not in wanted:
                continue
            data = source.read(info)
            if pyc and name.endswith(".py"):
                name, data = name[:-3] + ".pyc", compiled_module(data, name)
            out.writestr(name, data, zipfile.ZIP_STORED)


def pyodide_cli() -> Path:
    """pyodide-build's CLI from the same virtual environment as Pelican."""
    return Path(sys.executable).with_name("pyodide")


def add_wheels_to_lockfile(source_lock: Path, wheels: list[Path], base: Path,
                           output_lock: Path) -> None:  # fmt: skip
    """Register `wheels` with pyodide-build's CLI: it reads each wheel's name, version and
    dependencies, and writes its sha256 and its path relative to `base` (the runtime
    folder, where the worker and `loadPackage` look for them)."""
    subprocess.run(
        [
            str(pyodide_cli()),
            "lockfile",
            "add-wheels",
            "--input",
            str(source_lock),
            "--output",
            str(output_lock),
            "--base-path",
            str(base),
            *map(str, wheels),
        ],
        check=True,
        capture_output=True,
        text=True,
    )


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def feature_wheel(full: Path, folder: Path, package_name: str, requires: str,
                  patterns: tuple[str, ...]) -> Path:  # fmt: skip
    """A wheel of its own for `package_name`: the files of the full wheel `full` matching
    `patterns`, with a dist-info naming it and making it depend on `requires` (the first
    wheel, same version). Installed over the first wheel, it completes its packages."""
    version = full.name.split("-")[1]
    dist = package_name.replace("-", "_")
    info_dir = f"{dist}-{version}.dist-info"
    target = folder / f"{dist}-{version}-py3-none-any.whl"
    records, wheel_file = [], None
    with zipfile.ZipFile(full) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            if info.filename.endswith(".dist-info/WHEEL"):
                wheel_file = source.read(info)
            if not any(fnmatch.fnmatchcase(info.filename, pattern) for pattern in patterns):
                continue
            data = source.read(info)
            out.writestr(info, data)
            records.append(_record_line(info.filename, data))
        if not records or wheel_file is None:
            raise RuntimeError(f"{package_name}: no file of {full.name} matches {patterns}")
        metadata = (
            f"Metadata-Version: 2.1\nName: {package_name}\nVersion: {version}\n"
            f"Summary: Loaded on demand by the browser over {requires}\n"
            f"Requires-Dist: {requires}=={version}\n"
        ).encode()
        for name, data in ((f"{info_dir}/METADATA", metadata), (f"{info_dir}/WHEEL", wheel_file)):
            out.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)
            records.append(_record_line(name, data))
        records.append(f"{info_dir}/RECORD,,")
        record = ("\n".join(records) + "\n").encode()
        out.writestr(zipfile.ZipInfo(f"{info_dir}/RECORD", (1980, 1, 1, 0, 0, 0)), record)
    return target


def prune_lockfile(lock: dict, keep: list[str]) -> dict:
    """Keep only the packages in `keep` and the packages they depend on, transitively."""
    packages = lock["packages"]
    wanted, queue = set(), list(keep)
    while queue:
        name = queue.pop()
        if name not in wanted:
            wanted.add(name)
            queue.extend(packages[name].get("depends", []))
    return {**lock, "packages": {name: packages[name] for name in sorted(wanted)}}


def stage_runtime(config: dict, root: Path) -> Path:
    """Build the runtime folder (core, wheel, lock file, slim stdlib) once per input state.

    The folder lives in the cache, keyed by everything that goes into it, so a rebuild
    with unchanged forms and Pyodide costs a few hashes.
    """
    runtime = root / config["pyodide_dir"]
    if not (runtime / LOCKFILE).exists():
        raise RuntimeError(f"{runtime} is missing: run `make setup` (npm packages)")
    package_dir = root / config["package_dir"]
    examples = sorted(
        p for pattern in config["probe_examples"] for p in map(Path, glob.glob(str(root / pattern)))
    )
    key = hashlib.sha256()
    key.update(json.dumps(config, sort_keys=True).encode())
    key.update(sources_digest(package_dir).encode())
    for path in [runtime / LOCKFILE, Path(__file__), HERE / "exercise.py", HERE / "probe.mjs",
                 *examples]:  # fmt: skip
        key.update(hashlib.sha256(path.read_bytes()).digest())
    cache = root / config["cache_dir"]
    staged = cache / f"runtime-{key.hexdigest()[:16]}"
    if (staged / ".complete").exists():
        return staged
    shutil.rmtree(staged, ignore_errors=True)
    staged.mkdir(parents=True)
    try:
        for name in config["runtime_files"]:
            shutil.copy2(runtime / name, staged / name)
        wheels = build_browser_wheels(config, build_wheel(package_dir, cache), staged)
        add_wheels_to_lockfile(runtime / LOCKFILE, wheels, staged, staged / LOCKFILE)
        if config["compile_pyc"]:
            compile_wheels(config, staged, wheels)
        if config["prune_lockfile"]:
            keep = [config["package_name"]]
            keep += [feature["package_name"] for feature in config["features"].values()]
            lock = prune_lockfile(json.loads((staged / LOCKFILE).read_text("utf-8")), keep)
            (staged / LOCKFILE).write_text(json.dumps(lock, separators=(",", ":")), "utf-8")
        if config["slim_stdlib"]:
            build_stdlib(config, root, staged, examples)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    (staged / ".complete").touch()
    return staged


def build_browser_wheels(config: dict, full: Path, staged: Path) -> list[Path]:
    """The first wheel (without `browser_exclude`) in `staged`, each feature's wheel in
    `staged/<features_dir>/`, as built (py3-none-any): returns their paths, first one first."""
    placed = [staged / full.name]
    without(full, placed[0], tuple(config["browser_exclude"]))
    for feature in config["features"].values():
        folder = staged / config["features_dir"]
        folder.mkdir(exist_ok=True)
        placed.append(
            feature_wheel(
                full, folder, feature["package_name"], config["package_name"],
                tuple(feature["include"]),
            )
        )  # fmt: skip
    return placed


def compile_wheels(config: dict, staged: Path, wheels: list[Path]) -> None:
    """Compile every wheel alike (pyodide-build's py-compile, then no columns), and make
    the lock file follow: py-compile renames a wheel (cp313 tag) and its bytes change.

    Each wheel is compiled on its own: py-compile's folder mode only sees the wheels at the
    top of the folder, and the features' wheels are in a subfolder.
    """
    lockfile = staged / LOCKFILE
    lock = json.loads(lockfile.read_text("utf-8"))
    by_file = {package["file_name"]: package for package in lock["packages"].values()}
    for wheel in wheels:
        before = set(wheel.parent.glob("*.whl"))
        py_compile(wheel, optimize=config["pyc_optimize"])
        (compiled,) = set(wheel.parent.glob("*.whl")) - (before - {wheel})
        if not config["pyc_columns"]:
            without_columns(compiled)
        package = by_file[wheel.relative_to(staged).as_posix()]
        package["file_name"] = compiled.relative_to(staged).as_posix()
        package["sha256"] = hashlib.sha256(compiled.read_bytes()).hexdigest()
    lockfile.write_text(json.dumps(lock), "utf-8")


def build_stdlib(config: dict, root: Path, staged: Path, examples: list[Path]) -> None:
    answers = json.dumps([json.loads(p.read_text(encoding="utf-8")) for p in examples])
    with tempfile.TemporaryDirectory() as work:
        examples_file = Path(work) / "examples.json"
        examples_file.write_text(answers, encoding="utf-8")
        full = root / config["pyodide_dir"] / "python_stdlib.zip"
        files = probe_stdlib(root, staged, full, examples_file)
        slim = Path(work) / "python_stdlib.zip"
        slim_stdlib(full, files, config["stdlib_keep"], slim, config["compile_pyc"])
        # The slim library must serve every request on its own, or the build fails.
        probe_stdlib(root, staged, slim, examples_file)
        shutil.copy2(slim, staged / "python_stdlib.zip")


def boot_script() -> dict[str, str]:
    """The form page's inline boot script and the CSP source that allows exactly it.

    Inline, it starts the worker while the page is still being parsed; an external script
    would cost a request first. The CSP keeps refusing every other inline script: it names
    this one by the SHA-256 of its text, which is why the text goes in the page unchanged.
    """
    text = (HERE / "boot.js").read_text("utf-8")
    if "</script" in text.lower():
        raise ValueError("boot.js must not contain '</script': it is inlined in the page")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return {"script": text, "csp": f"'sha256-{digest}'"}


# What the page needs of the answers' JSON schema: their shape (form/answers.js builds the
# empty answers from it). Descriptions, patterns and limits would triple its bytes.
_SHAPE_KEYWORDS = frozenset({"type", "properties", "$defs", "$ref", "anyOf", "items", "enum",
                             "const", "minimum", "maximum"})  # fmt: skip


def schema_shape(schema: dict) -> dict:
    """The schema with only the keywords in `_SHAPE_KEYWORDS`, at every level."""
    if isinstance(schema, list):
        return [schema_shape(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    shape = {}
    for key, value in schema.items():
        if key in ("properties", "$defs"):  # names, each with its own schema
            shape[key] = {name: schema_shape(item) for name, item in value.items()}
        elif key in _SHAPE_KEYWORDS:
            shape[key] = schema_shape(value)
    return shape


def content_digest(folder: Path) -> str:
    """A hash of every file under `folder` (its features' subfolder included), by path."""
    digest = hashlib.sha256()
    files = [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")]
    for path in sorted(files, key=lambda p: p.relative_to(folder).as_posix()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]


class PyodideFormsGenerator(Generator):
    """Writes pyodide/<content hash>/ (runtime, wheel, lock file) and tells templates where.

    The folder name is a hash of its files, so every file in it can be cached forever
    (`immutable`) and the service worker can precache it without cache-busting requests.
    """

    def generate_context(self):
        self.config = settings_for(self.settings)
        self.root = project_root(self.settings)
        self.staged = stage_runtime(self.config, self.root)
        self.runtime_dir = f"{self.config['output_dir']}/{content_digest(self.staged)}"
        self.context["FORMS_RUNTIME_DIR"] = self.runtime_dir
        self.context["FORMS_PACKAGE"] = self.config["package_name"]
        # What the worker needs to know of each feature: its package, and which requests
        # need it (form.html gives it to the boot script).
        self.context["FORMS_FEATURES"] = {
            name: {key: feature[key] for key in ("package_name", "actions", "formats")}
            for name, feature in self.config["features"].items()
        }
        # Given to the worker with the page, so booting costs one request less.
        self.context["FORMS_LOCK"] = json.loads((self.staged / LOCKFILE).read_text("utf-8"))
        self.context["FORMS_BOOT"] = boot_script()
        # The form page is rendered with the package's own limits, court table (the API's
        # `courts` reply) and answers schema (its `schema` reply), so it works before Python
        # is ready in the browser and can never disagree with it.
        from rdv_forms import answers, api

        for name, feature in self.config["features"].items():
            wrong = [a for a in feature["actions"] if api.BINARY_ACTIONS.get(a) != name]
            if wrong:
                raise ValueError(f"FORMS['features'][{name!r}]: rdv_forms.api does not "
                                 f"answer {wrong} with this feature (BINARY_ACTIONS)")  # fmt: skip

        def reply(action: str) -> dict:
            request = {"action": action, "lang": self.settings["DEFAULT_LANG"]}
            return json.loads(api.handle(json.dumps(request)))

        self.context["FORMS_MAX_LENGTHS"] = answers.MAX_LENGTHS
        self.context["FORMS_COURTS"] = reply("courts")["departements"]
        schema = reply("schema")
        self.context["FORMS_SCHEMA"] = schema_shape(schema["schema"])
        # Each kind of attempt's own fields: the log's editor shows those and empties the others.
        self.context["FORMS_ATTEMPT_FIELDS"] = schema["attempt_fields"]

    def generate_output(self, writer):
        if self.settings["DEFAULT_LANG"] != self.config["runtime_lang"]:
            return  # the other languages link to the shared runtime
        destination = Path(self.output_path) / self.runtime_dir
        shutil.copytree(self.staged, destination, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".*"))  # fmt: skip
        logger.info("pyodide_forms: wrote %s", destination)


def bundle_script(root: Path, source: Path, output: Path) -> dict:
    """Replace the copied script `output` by one minified bundle of its module graph.

    The modules stay small and separate in the theme, for the people who read them; the
    browser gets one file, about half the bytes of the sources and no request per module.
    The copied modules go: the bundle holds them, and nothing else may load them.
    """
    result = subprocess.run(
        ["node", str(HERE / "bundle.mjs"), str(source), str(output)],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    copies = [
        output.parent / Path(module).relative_to(source.parent) for module in report["modules"]
    ]
    for copy in copies:
        if copy != output:
            copy.unlink(missing_ok=True)
    for folder in {copy.parent for copy in copies} - {output.parent}:
        if not any(folder.iterdir()):
            folder.rmdir()
    return report


def on_finalized(pelican):
    """Bundle the form's scripts once the whole site is written.

    Every language's site copies the theme's static files, so this waits for the main site,
    whose `finalized` comes after the others' (i18n_subsites), and runs before the offline
    plugin lists the files to precache and the precompress plugin compresses them.
    """
    settings = pelican.settings
    config = settings_for(settings)
    if settings["DEFAULT_LANG"] != config["runtime_lang"]:
        return
    root = project_root(settings)
    for script in config["bundled_scripts"]:
        source = root / settings["THEME"] / "static" / script
        output = Path(settings["OUTPUT_PATH"]) / settings["THEME_STATIC_DIR"] / script
        report = bundle_script(root, source, output)
        logger.info("pyodide_forms: %s bundles %d modules, %d bytes", output.name,
                    len(report["modules"]), report["bytes"])  # fmt: skip


def get_generators(pelican):
    return PyodideFormsGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(on_finalized)
