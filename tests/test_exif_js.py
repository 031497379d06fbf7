"""The page's EXIF reader (theme/static/js/form/exif.js), run by Node on files made here:
the date and time an attempt is prefilled with, and null for anything else."""

import base64
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from proof_files import corrupt_png, heic, jpeg, pdf, png, tiff

ROOT = Path(__file__).resolve().parent.parent
MODULE = ROOT / "theme" / "static" / "js" / "form" / "exif.js"
WHEN = {"date": "2026-11-03", "heure": "09:14"}

# (case, file bytes, what the reader finds)
CASES = [
    ("jpeg, Intel byte order", jpeg(tiff("2026:11:03 09:14:27")), WHEN),
    ("jpeg, Motorola byte order", jpeg(tiff("2026:11:03 09:14:27", little=False)), WHEN),
    ("jpeg with an orientation too", jpeg(tiff("2026:11:03 09:14:59", orientation=6)), WHEN),
    ("jpeg without Exif", jpeg(), None),
    ("jpeg, Exif without the date", jpeg(tiff(None)), None),
    ("jpeg, clock never set", jpeg(tiff("0000:00:00 00:00:00")), None),
    ("jpeg, 31 February", jpeg(tiff("2026:02:31 10:00:00")), None),
    ("jpeg, 25 o'clock", jpeg(tiff("2026:11:03 25:00:00")), None),
    ("jpeg, not a date", jpeg(tiff("le 3 novembre 2026")), None),
    ("jpeg cut inside its Exif", jpeg(tiff("2026:11:03 09:14:27"))[:40], None),
    ("png eXIf", png(tiff("2026:11:03 09:14:00")), WHEN),
    ("png eXIf after Exif\\0\\0", png(tiff("2026:11:03 09:14:00"), prefix=True), WHEN),
    ("png eXIf, Motorola", png(tiff("2026:11:03 09:14:00", little=False)), WHEN),
    ("png without eXIf", png(), None),
    ("png cut short", corrupt_png(), None),
    ("heic", heic(), None),
    ("pdf", pdf(), None),
    ("text", b"Bonjour", None),
    ("empty", b"", None),
    ("Exif pointing past the end", jpeg(b"II*\x00\xff\xff\x00\x00"), None),
]

RUNNER = """
import { takenAt } from %s;
let input = "";
for await (const part of process.stdin) input += part;
const bytes = (data) => new Uint8Array(Buffer.from(data, "base64"));
const results = JSON.parse(input).map((data) => takenAt(bytes(data)));
console.log(JSON.stringify(results));
"""


@pytest.fixture(scope="module")
def read_all():
    node = shutil.which("node")
    if not node:
        pytest.fail("node is missing: it comes with `make setup`")
    files = [base64.b64encode(data).decode() for _, data, _ in CASES]
    done = subprocess.run(
        [node, "--input-type=module", "-e", RUNNER % json.dumps(MODULE.as_uri())],
        input=json.dumps(files),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.parametrize("index", range(len(CASES)), ids=[case for case, _, _ in CASES])
def test_taken_at(read_all, index):
    assert read_all[index] == CASES[index][2]
