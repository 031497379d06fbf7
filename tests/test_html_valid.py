"""Every page of output/ is valid HTML according to the Nu HTML Checker (vnu)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from support import html_files

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# vnu reads the files from disk, where the origin is opaque, so it wrongly reports every
# same-origin stylesheet as blocked by the CSP. The browser tests check the CSP for real.
FILE_ORIGIN_NOISE = "Resource violates Content Security Policy"
# vnu also rejects every hash-allowed inline script that spans several lines, though its
# hash is right (a one-line script with the same kind of hash passes). test_origins.py
# checks each inline script's hash against its page's CSP, and Chromium enforces it.
MULTILINE_HASH_NOISE = "Inline script violates Content Security Policy"


def vnu_problems(paths: list[Path]) -> list[str]:
    if not shutil.which("java"):
        pytest.fail("java is missing: run `make test`, which installs it")
    assert VNU.exists(), "node_modules/vnu-jar is missing: run `make test`"
    result = subprocess.run(
        [
            "java",
            "-Xss4m",
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{m.get('url', '')}:{m.get('lastLine')}: {m['type']}: {m['message']}"
        for m in messages
        if (m["type"] in ("error", "non-document-error") or m.get("subType") == "warning")
        and not m["message"].startswith((FILE_ORIGIN_NOISE, MULTILINE_HASH_NOISE))
    ]


def test_every_page_is_valid_html(site):
    assert vnu_problems(html_files(site)) == []
