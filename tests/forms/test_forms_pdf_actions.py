"""The browser's file actions (issue 20): `exhibits` (first wheel), and `pdf` and `pack`
(rdv_forms.pdf.actions, in the wheel the browser fetches on demand), called as the worker
calls them: `api.handle_binary(request, pieces)` → (JSON reply, file).

Runs on the host, and in Pyodide with the two wheels the site ships
(tests/test_pyodide_node.py); what needs pypdf or qpdf runs on the host only.
"""

import io
import json
import shutil
import subprocess
import sys
import zipfile

import pytest
from formsupport import EXAMPLE, TODAY, persona
from piecesupport import piece, png

if sys.platform == "emscripten":  # pragma: no cover - the first wheel alone has no PDF code
    pytest.importorskip("rdv_forms.pdf", reason="the PDF wheel is not loaded")

from rdv_forms import api

ANSWERS = json.loads(EXAMPLE.read_text(encoding="utf-8"))
PNG = png(30, 60, opaque=True)[0]
JPEG = piece("photo-progressive.jpg")
PDF = piece("lettre-3-pages-objstm.pdf")
ALWAYS = {
    "refere-mesures-utiles.pdf",
    "bordereau-des-pieces.pdf",
    "02-releve-des-demarches.pdf",
    "00-dossier-complet-a-imprimer.pdf",
}


def request(action: str, lang: str = "fr", **fields) -> str:
    return json.dumps({"action": action, "lang": lang, "today": TODAY.isoformat(), **fields})


def call(action: str, pieces=(), lang: str = "fr", **fields):
    reply, data = api.handle_binary(request(action, lang, **fields), list(pieces))
    return json.loads(reply), data


def given(name: str, data: bytes, number: int | None = None) -> dict:
    return {"name": name, "number": number, "data": data}


# case → (pieces, files expected besides ALWAYS: name → pages)
PACKS = {
    "files named like the attempts' proofs": (
        [
            given("capture_2026-10-05.png", PNG),
            given("capture_2026-10-06.png", PNG),
            given("lrar_2026-10-14.pdf", PDF),
        ],
        {"03-captures-ecran.pdf": 2, "05-lettre-recommandee.pdf": 3},
    ),
    "files given an exhibit's number": (
        [given("titre.jpg", JPEG, 1), given("photo.png", PNG, 3), given("courriel.pdf", PDF, 4)],
        {"01-titre-de-sejour.pdf": 1, "03-captures-ecran.pdf": 1, "04-courriel.pdf": 3},
    ),
    "no file at all": ([], {}),
    "bytes as a bytearray and a memoryview": (
        [given("a.png", bytearray(PNG), 3), given("b.jpg", memoryview(JPEG), 3)],
        {"03-captures-ecran.pdf": 2},
    ),
}


@pytest.mark.parametrize(("pieces", "expected"), PACKS.values(), ids=PACKS.keys())
def test_pack_gives_the_zip_and_its_listing(pieces, expected):
    reply, data = call("pack", pieces, answers=ANSWERS)
    assert reply["ok"], reply
    archive = zipfile.ZipFile(io.BytesIO(data["zip"]))
    names = set(archive.namelist())
    assert names == ALWAYS | set(expected)
    listed = {f["name"]: f for f in reply["files"]}
    assert set(listed) == names
    for name in names:
        content = archive.read(name)
        assert content.startswith(b"%PDF-"), name
        assert content.rstrip().endswith(b"%%EOF"), name
        assert listed[name]["size"] == len(content)
    for name, pages in expected.items():
        assert listed[name]["pages"] == pages, name
    assert reply["zip"] == {"name": "dossier-refere-mesures-utiles.zip", "size": len(data["zip"])}
    given_numbers = {int(name[:2]) for name in expected}
    exhibits = call("exhibits", answers=ANSWERS)[0]["exhibits"]
    missing = {e["number"] for e in exhibits} - given_numbers - {2}  # 2: the log, made here
    assert {m["number"] for m in reply["missing"]} == missing


def test_a_pdf_given_goes_in_unchanged():
    _reply, data = call("pack", [given("lrar_2026-10-14.pdf", PDF)], answers=ANSWERS)
    assert zipfile.ZipFile(io.BytesIO(data["zip"])).read("05-lettre-recommandee.pdf") == PDF


def test_exhibits_name_the_files_of_the_pack():
    reply, data = call("exhibits", answers=ANSWERS)
    assert reply["ok"]
    exhibits = reply["exhibits"]
    assert [e["number"] for e in exhibits] == list(range(1, len(exhibits) + 1))
    assert data is None
    pieces = [given(f"{e['number']}.png", PNG, e["number"]) for e in exhibits]
    names = set(
        zipfile.ZipFile(io.BytesIO(call("pack", pieces, answers=ANSWERS)[1]["zip"])).namelist()
    )
    assert {e["filename"] for e in exhibits} <= names
    moyens = {e["moyen"]: e["filename"] for e in exhibits if e["moyen"]}
    assert moyens["internet"] == "03-captures-ecran.pdf"
    assert moyens["lrar"] == "05-lettre-recommandee.pdf"


# case → (action, request fields, pieces, error id, path)
REFUSALS = {
    "a format the pack cannot take": (
        "pack", {"answers": ANSWERS}, [given("photo.heic", b"\0\0\0\x18ftypheic" + bytes(40))],
        "piece_illisible", "pieces",
    ),
    "an empty file": ("pack", {"answers": ANSWERS}, [given("vide.jpg", b"", 3)],
                      "piece_illisible", "pieces"),
    "a cut JPEG": ("pack", {"answers": ANSWERS}, [given("coupe.jpg", JPEG[:200], 3)],
                   "piece_illisible", "pieces"),
    "a file no exhibit takes": ("pack", {"answers": ANSWERS}, [given("inconnu.png", PNG)],
                                "piece_sans_place", "pieces"),
    "an exhibit that does not exist": ("pack", {"answers": ANSWERS}, [given("a.png", PNG, 99)],
                                       "piece_sans_place", "pieces"),
    "a piece without its bytes": ("pack", {"answers": ANSWERS}, [{"name": "a.png", "number": 1}],
                                  "requete_invalide", "pieces"),
    "a piece numbered with a string": ("pack", {"answers": ANSWERS}, [given("a.png", PNG, "3")],
                                       "requete_invalide", "pieces"),
    "a pack without answers": ("pack", {}, [], "reponses_manquantes", "answers"),
    "a blocked référé (pack)": ("pack", {"answers": persona("oqtf-sans-conseil")}, [],
                                "decision_anterieure", "decision_anterieure"),
    "a blocked référé (exhibits)": ("exhibits", {"answers": persona("oqtf-sans-conseil")}, [],
                                    "decision_anterieure", "decision_anterieure"),
    "a blocked référé (pdf)": ("pdf", {"kind": "refere", "answers": persona("oqtf-sans-conseil")},
                               [], "decision_anterieure", "decision_anterieure"),
    "out of scope (exhibits)": ("exhibits", {"answers": persona("hors-champ-polynesie")}, [],
                                "hors_champ", "departement"),
    "an unknown kind of document": ("pdf", {"kind": "roman", "answers": ANSWERS}, [],
                                    "type_inconnu", "kind"),
    "a date that is not one": ("pdf", {"kind": "lettre", "answers": ANSWERS, "today": "hier"},
                               [], "date_invalide", "today"),
}  # fmt: skip


@pytest.mark.parametrize(
    ("action", "fields", "pieces", "error_id", "path"), REFUSALS.values(), ids=REFUSALS.keys()
)
@pytest.mark.parametrize("lang", ["fr", "en", "ar"])
def test_refusals_are_replies_in_the_request_language(action, fields, pieces, error_id, path, lang):
    reply, data = call(action, pieces, lang=lang, **fields)
    assert data is None
    assert reply["ok"] is False
    (error,) = reply["errors"]
    assert (error["id"], error["path"]) == (error_id, path)
    assert error["message"]
    if lang != "fr":  # the same refusal, translated
        french = call(action, pieces, lang="fr", **fields)[0]["errors"][0]["message"]
        assert error["message"] != french
    if error_id == "piece_illisible":
        assert error["file"] == pieces[0]["name"]


@pytest.mark.parametrize("kind", ["refere", "bordereau", "journal", "lettre", "email"])
def test_pdf_gives_one_document(kind):
    reply, data = call("pdf", kind=kind, answers=ANSWERS)
    assert reply["ok"], reply
    assert reply["name"].endswith(".pdf") and reply["kind"] == kind
    assert reply["size"] == len(data)
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def test_a_blank_pdf_needs_no_answers():
    reply, data = call("pdf", kind="refere", blank=True)
    assert reply["ok"] and data.startswith(b"%PDF-")


@pytest.mark.parametrize("action", ["pdf", "pack"])
def test_the_json_api_does_not_answer_the_file_actions(action):
    reply = json.loads(api.handle(request(action, answers=ANSWERS)))
    assert reply["errors"][0]["id"] == "action_inconnue"


@pytest.mark.parametrize("action", ["check", "kinds", "exhibits"])
def test_handle_binary_answers_the_json_actions_like_handle(action):
    reply, data = api.handle_binary(request(action, answers=ANSWERS))
    assert data is None
    assert json.loads(reply) == json.loads(api.handle(request(action, answers=ANSWERS)))


@pytest.mark.host_only
def test_pypdf_and_qpdf_read_every_pdf_of_the_pack(tmp_path):
    from pypdf import PdfReader

    pieces = [given("capture_2026-10-05.png", PNG), given("titre.jpg", JPEG, 1),
              given("lrar_2026-10-14.pdf", PDF)]  # fmt: skip
    reply, data = call("pack", pieces, answers=ANSWERS)
    archive = zipfile.ZipFile(io.BytesIO(data["zip"]))
    exhibits = call("exhibits", answers=ANSWERS)[0]["exhibits"]
    for name in archive.namelist():
        content = archive.read(name)
        reader = PdfReader(io.BytesIO(content), strict=True)
        pages = {f["name"]: f["pages"] for f in reply["files"]}[name]
        assert len(reader.pages) == pages, name
        (tmp_path / name).write_bytes(content)
        if shutil.which("qpdf") is None:
            pytest.fail("qpdf is missing: apt-get install qpdf")
        check = subprocess.run(["qpdf", "--check", tmp_path / name], capture_output=True)
        assert check.returncode == 0, (name, check.stdout[-400:])
    combined = PdfReader(io.BytesIO(archive.read("00-dossier-complet-a-imprimer.pdf")))
    titles = [item.title for item in combined.outline]
    assert titles[:2] == ["Requete", "Bordereau"]
    assert titles[2:] == [f"PJ{e['number']}_{e['filename'][3:-4]}" for e in exhibits]
    text = PdfReader(io.BytesIO(archive.read("refere-mesures-utiles.pdf"))).pages[0].extract_text()
    assert ANSWERS["personne"]["nom"] in text


def test_nothing_of_a_pack_is_kept_once_it_is_answered():
    """The worker drops the reply and the file once sent: Python must then hold none of the
    person's files nor of the pack (caches of code and fonts, warmed by a first pack, may stay)."""
    import gc
    import tracemalloc

    big = png(500, 700, opaque=True)[0]
    pieces = [given(f"capture-{i}.png", big, 3) for i in range(4)]
    call("pack", pieces, answers=ANSWERS)  # imports, font caches
    gc.collect()
    tracemalloc.start()
    try:
        reply, data = call("pack", pieces, answers=ANSWERS)
        assert reply["ok"] and len(data["zip"]) > 1_000_000
        del reply, data
        gc.collect()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak > 2_000_000  # the pack was made while tracing
    assert current < 300_000, f"{current} bytes still held after the reply"
