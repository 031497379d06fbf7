"""The features the browser loads on demand (issue 20: the PDF code), as the build ships them.

plugins/pyodide_forms builds a second wheel, rdv-forms-pdf, of what the first one leaves
out; pyodide-build's CLI registers both in one lock file. The service worker must not
precache it (only those who ask for a PDF download it) but must cache it on first use, and
« Préparer cet appareil » must store it too. The first-visit budget never counts it
(tests/test_budget.py, bench/transfer.py).
"""

import fnmatch
import hashlib
import html
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
# Appended: first in the path, bench/booklets.py would shadow the booklets plugin for every
# site build of the session, down to the booklet workers it spawns.
sys.path.append(str(ROOT / "bench"))
from pyodide_forms.pyodide_forms import (  # noqa: E402
    DEFAULTS,
    LOCKFILE,
    add_wheels_to_lockfile,
    build_browser_wheels,
    build_wheel,
    settings_for,
)
from transfer import feature_assets, figures, runtime_assets  # noqa: E402

PDF = DEFAULTS["features"]["pdf"]
# package → (folder under the runtime, its dependencies in the lock file)
PACKAGES = {
    "rdv-forms": ("", []),
    "rdv-forms-pdf": ("on-demand/", ["rdv-forms"]),
}


def runtime_of(site: Path) -> Path:
    (runtime,) = (site / "pyodide").iterdir()
    return runtime


def lock_of(site: Path) -> dict:
    return json.loads((runtime_of(site) / LOCKFILE).read_text("utf-8"))


@pytest.mark.parametrize(("name", "where"), PACKAGES.items(), ids=PACKAGES.keys())
def test_the_lock_file_has_each_wheel_with_its_sha256(site, name, where):
    folder, depends = where
    package = lock_of(site)["packages"][name]
    wheel = runtime_of(site) / package["file_name"]
    assert package["file_name"].startswith(folder)
    assert "/" not in package["file_name"][len(folder) :]
    assert package["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert package["depends"] == depends
    assert package["name"] == name and package["imports"] == ["rdv_forms"]
    assert wheel.name.endswith("-cp313-none-any.whl")  # compiled by py-compile


def test_the_lock_file_holds_nothing_else(site):
    assert set(lock_of(site)["packages"]) == set(PACKAGES)


def test_the_pages_lock_is_the_shipped_one(site):
    page = (site / "formulaire" / "index.html").read_text("utf-8")
    (attribute,) = re.findall(r'data-lock="([^"]+)"', page)
    shipped = json.loads(html.unescape(attribute))
    assert shipped == lock_of(site)


def wheel_names(path: Path) -> set[str]:
    return set(zipfile.ZipFile(path).namelist())


def test_the_two_wheels_share_no_file_and_the_pdf_one_holds_the_pdf_code(site):
    packages = lock_of(site)["packages"]
    first = wheel_names(runtime_of(site) / packages["rdv-forms"]["file_name"])
    second = wheel_names(runtime_of(site) / packages["rdv-forms-pdf"]["file_name"])
    assert not first & second
    code = {n for n in second if not n.startswith("rdv_forms_pdf-1.0.0.dist-info/")}
    sources = {n.removesuffix("c") if n.endswith(".pyc") else n for n in code}  # as built
    assert sources and all(any(fnmatch.fnmatchcase(n, p) for p in PDF["include"]) for n in sources)
    for wanted in ("rdv_forms/pdf/actions.pyc", "rdv_forms/pdf/dossier.pyc",
                   "rdv_forms/render/pdf.pyc", "rdv_forms/pdf/fonts/serif.ttf",
                   "rdv_forms/locale/en/LC_MESSAGES/rdv_forms_pdf.mo"):  # fmt: skip
        assert wanted in second
    assert not any(n.endswith(".py") for n in first | second)
    assert "rdv_forms/exhibits.pyc" in first  # the `exhibits` action needs no PDF code


def test_the_service_worker_does_not_precache_the_pdf_wheel_but_caches_it_on_use(site):
    sw = (site / "sw.js").read_text("utf-8")
    precached = re.findall(r'url:"([^"]+)"', sw)
    assert any(re.fullmatch(r"pyodide/[0-9a-f]{12}/rdv_forms-1\.0\.0-cp313-none-any\.whl", u)
               for u in precached)  # fmt: skip
    assert not any("on-demand" in u or "rdv_forms_pdf" in u for u in precached)
    assert '"rdv-prefecture-features"' in sw or "rdv-prefecture-features" in sw


def test_preparing_a_device_stores_the_pdf_wheel_and_counts_its_size(site):
    listing = json.loads((site / "offline-files.json").read_text("utf-8"))
    (wheel,) = feature_assets(site)
    url = wheel.relative_to(site).as_posix()
    entry = next(f for f in listing["files"] if f["url"] == url)
    assert entry["bytes"] == wheel.stat().st_size
    assert listing["bytes"] == sum(f["bytes"] for f in listing["files"])


def test_the_first_visit_does_not_count_the_pdf_feature(site):
    features = feature_assets(site)
    assert features and not set(features) & set(runtime_assets(site))
    measured = figures(site)
    assert measured["PDF feature, on first use"] > 50_000
    assert measured["first document, first visit"] == (
        measured["form page before Python"] + measured["Python runtime and forms"]
    )


def test_the_cli_registers_both_wheels(tmp_path):
    """What the build does, on its own: pyodide-build's `lockfile add-wheels` writes both
    entries, the second one's path in its folder and its dependency on the first."""
    full = build_wheel(ROOT / "forms", ROOT / DEFAULTS["cache_dir"])
    wheels = build_browser_wheels(DEFAULTS, full, tmp_path)
    add_wheels_to_lockfile(
        ROOT / DEFAULTS["pyodide_dir"] / LOCKFILE, wheels, tmp_path, tmp_path / LOCKFILE
    )
    packages = json.loads((tmp_path / LOCKFILE).read_text("utf-8"))["packages"]
    for name, (folder, depends) in PACKAGES.items():
        entry = packages[name]
        wheel = tmp_path / entry["file_name"]
        assert entry["file_name"].startswith(folder) and wheel.exists()
        assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
        assert entry["depends"] == depends
    check = subprocess.run(
        [sys.executable, "-m", "zipfile", "-t", str(wheels[1])], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr


def feature(**changes) -> dict:
    return {"FORMS": {"features": {"pdf": {**PDF, **changes}}}}


# case → (settings, words of the error)
BAD_SETTINGS = {
    "not a table": ({"FORMS": {"features": ["pdf"]}}, "must map"),
    "a key too many": (feature(size=3), "exactly the keys"),
    "a key missing": ({"FORMS": {"features": {"pdf": {"package_name": "x"}}}}, "exactly the keys"),
    "the first wheel's name": (feature(package_name="rdv-forms"), "already used"),
    "not a distribution name": (feature(package_name="Rdv Forms"), "distribution name"),
    "nothing to include": (feature(include=[]), "must list file patterns"),
    "a file the first wheel keeps": (feature(include=["rdv_forms/api.py"]), "browser_exclude"),
    "actions not a list": (feature(actions="pdf"), "list of names"),
    "a folder with a slash": ({"FORMS": {"features_dir": "a/b"}}, "folder name"),
}  # fmt: skip


@pytest.mark.parametrize(("settings", "words"), BAD_SETTINGS.values(), ids=BAD_SETTINGS.keys())
def test_wrong_feature_settings_stop_the_build_at_start_up(settings, words):
    with pytest.raises(ValueError, match=words):
        settings_for(settings)


def test_the_default_settings_are_valid():
    assert settings_for({})["features"]["pdf"]["package_name"] == "rdv-forms-pdf"
