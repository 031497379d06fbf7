"""The distribution: a pure wheel with the data, the schema and the compiled catalogs."""

import json
import shutil
import subprocess
import sys
import tomllib
import zipfile

import pytest
from formsupport import ROOT

pytestmark = pytest.mark.host_only


def test_pip_builds_a_pure_wheel_with_data_and_catalogs(tmp_path):
    # From a copy without compiled catalogs: the build itself must compile them, and must not
    # leave build/ or *.egg-info in the source tree.
    source = tmp_path / "forms"
    shutil.copytree(
        ROOT / "forms",
        source,
        ignore=shutil.ignore_patterns("*.mo", "build", "*.egg-info", "__pycache__"),
    )
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
            str(tmp_path / "dist"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        cwd=tmp_path,
    )
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    assert wheel.name == "rdv_forms-1.0.0-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "rdv_forms/data/ta_by_departement.csv",
        "rdv_forms/schema/answers-v1.schema.json",
        "rdv_forms/schema/answers-v2.schema.json",
        "rdv_forms/locale/en/LC_MESSAGES/rdv_forms.mo",
        "rdv_forms/locale/fr/LC_MESSAGES/rdv_forms.mo",
        "rdv_forms/render/odt.py",
        "rdv_forms/documents/refere.py",
    ):
        assert expected in names
    assert not any(name.endswith(".po") for name in names)  # sources, not read at run time
    # Every wording file, compiled to JSON: the same paragraphs, without tomllib at run time.
    sources = sorted((ROOT / "forms/rdv_forms/wording").glob("*.toml"))
    assert len(sources) >= 9
    with zipfile.ZipFile(wheel) as archive:
        for source in sources:
            compiled = archive.read(f"rdv_forms/wording/{source.stem}.json").decode("utf-8")
            assert json.loads(compiled) == tomllib.loads(source.read_text(encoding="utf-8"))
    assert not any(name.startswith("rdv_forms/wording/") and not name.endswith(".json")
                   for name in names)  # fmt: skip
    assert not any(name.endswith((".so", ".pyd")) for name in names)
