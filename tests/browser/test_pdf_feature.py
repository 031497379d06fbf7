"""The PDF feature's plumbing in Debian's Chromium (issue 20): the page's `python` object
(theme/static/js/form/python.js) asks the forms worker for a filing pack made from a PNG,
a JPEG and a PDF; the worker fetches the second wheel (rdv-forms-pdf) on that first use,
the service worker keeps it, and the same works again once the server is stopped.

The page does not expose its `python` object, and production pages get no test hook: the
test connects python.js's own source to a forms worker of its own (python_in_page.py).
The form's UI for files is tested with the form itself (tests/browser/test_pack*.py).
"""

import base64
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from python_in_page import with_python
from test_offline import Server, wait_offline_ready

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "forms"))
from piecesupport import PIECES, png  # noqa: E402

pytestmark = pytest.mark.browser

ANSWERS = json.loads((ROOT / "forms" / "examples" / "answers-renouvellement.json").read_text())

# name → (the file's bytes, how its exhibit is chosen: a number, or the attempts' kind).
PIECES_GIVEN = {
    "capture.png": (png(40, 80)[0], "internet"),
    "titre.jpg": ((PIECES / "photo-progressive.jpg").read_bytes(), 1),
    "lrar.pdf": ((PIECES / "lettre-3-pages-objstm.pdf").read_bytes(), "lrar"),
}
# What the zip holds besides one file per exhibit given.
ALWAYS = {
    "refere-mesures-utiles.pdf",
    "bordereau-des-pieces.pdf",
    "02-releve-des-demarches.pdf",
    "00-dossier-complet-a-imprimer.pdf",
}

# The page's python object asks for the exhibits, then for the pack; returns what it got.
SCRIPT = with_python("""
  const [answers, given] = arg;
  const statuses = [];
  python.onFeature((message) => statuses.push([message.state, message.bytes ?? null]));
  const { exhibits } = await python.call({ action: "exhibits", answers });
  const before = python.featureState("pdf");
  const pieces = given.map(([name, choice, b64]) => {
    const exhibit = exhibits.find((e) => e.moyen === choice);
    const number = typeof choice === "number" ? choice : exhibit.number;
    return { name, number, data: fromBase64(b64) };
  });
  const reply = await python.call({ action: "pack", answers }, { pieces });
  const zip = toBase64(reply.data.zip);
  delete reply.data;
  const petition = await python.call({ action: "pdf", kind: "refere", answers });
  const pdf = new Uint8Array(petition.data);
  const heic = new Uint8Array([0, 0, 0, 24, ...new TextEncoder().encode("ftypheic"), 0, 0]);
  const refused = await python.call(
    { action: "pack", answers },
    { pieces: [{ name: "photo.heic", number: 3, data: heic.buffer }] },
  );
  return {
    pdf: [petition.ok, petition.size, pdf.byteLength, String.fromCharCode(...pdf.slice(0, 5))],
    refused: refused.errors,
    exhibits,
    before,
    after: python.featureState("pdf"),
    statuses,
    transferred: pieces.every((p) => p.data.byteLength === 0),
    reply,
    zip,
  };
""")


def pack_in(page) -> dict:
    given = [
        [name, choice, base64.b64encode(data).decode()]
        for name, (data, choice) in PIECES_GIVEN.items()
    ]
    return page.evaluate(SCRIPT, [ANSWERS, given])


def cached_urls(page) -> dict[str, list[str]]:
    return page.evaluate(
        """async () => {
            const out = {};
            for (const name of await caches.keys()) {
              out[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
            }
            return out;
        }"""
    )


def check_pack(result: dict, folder: Path) -> None:
    reply = result["reply"]
    assert reply["ok"], reply
    numbers = {e["moyen"]: e["number"] for e in result["exhibits"] if e["moyen"]}
    by_number = {e["number"]: e["filename"] for e in result["exhibits"]}
    expected = ALWAYS | {by_number[1], by_number[numbers["internet"]], by_number[numbers["lrar"]]}
    archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(result["zip"])))
    assert set(archive.namelist()) == expected
    assert {f["name"] for f in reply["files"]} == expected
    assert reply["zip"]["size"] == len(base64.b64decode(result["zip"]))
    assert result["transferred"], "the pieces' ArrayBuffers must have moved to the worker"
    assert result["after"] == "ready"
    for name in archive.namelist():
        data = archive.read(name)
        assert data.startswith(b"%PDF-"), name
        assert data.rstrip().endswith(b"%%EOF"), name
        (folder / name).write_bytes(data)
        check = subprocess.run(["qpdf", "--check", folder / name], capture_output=True, text=True)
        assert check.returncode == 0, (name, check.stdout[-500:], check.stderr[-500:])
    size = result["pdf"][1]
    assert result["pdf"] == [True, size, size, "%PDF-"]
    (refusal,) = result["refused"]
    assert (refusal["id"], refusal["file"]) == ("piece_illisible", "photo.heic")
    assert "format not supported (HEIC)" in refusal["message"]  # in the request's language
    lrar = by_number[numbers["lrar"]]
    assert archive.read(lrar) == PIECES_GIVEN["lrar.pdf"][0]  # a PDF goes in unchanged


def test_pack_through_the_worker_then_offline(site, fresh_context, tmp_path):
    if not shutil.which("qpdf"):
        pytest.fail("qpdf is missing: apt-get install qpdf (see /work/shared/TOOLCHAIN.md)")
    server = Server(site)
    try:
        page = fresh_context.new_page()
        page.set_default_timeout(120_000)
        page.goto(server.url + "formulaire/")
        wait_offline_ready(page)
        page.wait_for_selector('#runtime-status[data-state="ready"]', timeout=120_000)
        precached = [u for name, urls in cached_urls(page).items() if "precache" in name
                     for u in urls]  # fmt: skip
        assert any("rdv_forms-1.0.0" in u for u in precached)
        assert not any("on-demand" in u for u in precached)

        first = pack_in(page)
        check_pack(first, tmp_path)
        assert first["before"] == "absent"
        assert [state for state, _ in first["statuses"]] == ["loading", "ready"]
        assert first["statuses"][-1][1] > 100_000  # the wheel's bytes
        kept = [u for urls in cached_urls(page).values() for u in urls if "on-demand" in u]
        assert len(kept) == 1 and kept[0].endswith(".whl"), kept
    finally:
        server.stop()

    page.reload()
    page.wait_for_selector('#runtime-status[data-state="ready"]', timeout=120_000)
    again = pack_in(page)
    check_pack(again, tmp_path)
    assert [state for state, _ in again["statuses"]] == ["loading", "ready"]


def test_a_prepared_device_makes_a_pack_offline_without_having_used_it(site, fresh_context,
                                                                        tmp_path):  # fmt: skip
    """« Préparer cet appareil » stores the PDF wheel (and counts it in the size it shows
    first): a help desk's device makes a pack offline though nobody made one online."""
    listing = json.loads((site / "offline-files.json").read_text(encoding="utf-8"))
    assert any(f["url"].endswith(".whl") and "/on-demand/" in f["url"] for f in listing["files"])
    server = Server(site)
    try:
        page = fresh_context.new_page()
        page.set_default_timeout(120_000)
        page.goto(server.url + "imprimer/")
        wait_offline_ready(page)
        button = page.locator("#prepare-device")
        button.click()
        page.wait_for_selector('#prepare-device[data-state="confirm"]')
        size = f"{listing['bytes'] / 1e6:.1f}".replace(".", ",")
        assert size in page.locator("#prepare-device-status").inner_text()
        button.click()
        page.wait_for_selector(
            '#prepare-device[data-state="done"]', state="attached", timeout=300_000
        )
        kept = [u for name, urls in cached_urls(page).items() if name.endswith("-features")
                for u in urls]  # fmt: skip
        assert len(kept) == 1 and "/on-demand/" in kept[0], kept
    finally:
        server.stop()
    page.goto(server.url + "formulaire/")
    page.wait_for_selector('#runtime-status[data-state="ready"]', timeout=120_000)
    offline = pack_in(page)
    check_pack(offline, tmp_path)
    assert [state for state, _ in offline["statuses"]] == ["loading", "ready"]
