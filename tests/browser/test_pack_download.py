"""The filing pack and the documents' PDFs from the form, in Debian's Chromium: files added
in « Vos preuves » (a PNG that is an attempt's proof, a JPEG with EXIF that creates an
attempt, a PDF given an exhibit by hand), the pack's files and sizes shown before the
download, the zip's names as Télérecours citoyens wants them, every PDF readable by pypdf,
download links revoked after use and on leaving, and the PDF feature fetched only once a
file is added or a PDF asked for.
"""

import io
import os
import sys
import zipfile
from pathlib import Path

import pytest
from interview import form_url, persona, translated, walk
from proof_files import jpeg, pdf, png, tiff
from pypdf import PdfReader
from test_pack_pieces import (
    PERSONA,
    STORAGE,
    add_files,
    camera_photo,
    piece,
    write,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "forms"))
from rdv_forms.pdf.naming import is_valid  # noqa: E402

PDF_WHEEL = "rdv_forms_pdf-"
# Every object URL the page makes and revokes, told on the console for the test to count.
TRACK_URLS = """(() => {
  const create = URL.createObjectURL, revoke = URL.revokeObjectURL;
  URL.createObjectURL = (blob) => {
    const url = create(blob);
    console.debug(`object-url created ${url}`);
    return url;
  };
  URL.revokeObjectURL = (url) => {
    console.debug(`object-url revoked ${url}`);
    revoke(url);
  };
})();"""


@pytest.fixture
def urls(page):
    """{"created": [...], "revoked": [...]}: the object URLs of the test's pages."""
    seen = {"created": [], "revoked": []}

    def record(message):
        words = message.text.split()
        if len(words) == 3 and words[0] == "object-url":
            seen[words[1]].append(words[2])

    page.on("console", record)
    page.add_init_script(TRACK_URLS)
    return seen


def wait_python(page) -> None:
    page.wait_for_selector('#runtime-status[data-state="ready"]', timeout=180_000)


def fetched_pdf_feature(page) -> bool:
    return any(PDF_WHEEL in url for url in page.requests)


def to_documents(page, served_site, tmp_path, lang="fr"):
    """The persona's answers, three proofs added on the attempts step, then the documents.

    Returns the three files' names: (PNG proof of a logged attempt, JPEG that makes a new
    attempt, PDF whose exhibit is chosen by hand)."""
    answers = persona(PERSONA)
    page.goto(form_url(served_site, lang))
    walk(page, answers, until="tentatives")
    wait_python(page)
    assert not fetched_pdf_feature(page), "the PDF feature is fetched before any file"
    proof = answers["tentatives"][0]["preuve"]  # an ANEF attempt's screenshot
    files = [
        write(tmp_path, proof, png(size=(360, 800))),
        write(tmp_path, "capture-ccc.jpg", jpeg(tiff("2026:11:27 10:05:00"), size=(300, 600))),
        write(tmp_path, "titre-de-sejour.pdf", pdf("Titre de sejour")),
    ]
    add_files(page, files)
    # The exhibits come from rdv_forms: the PNG's is its attempt's (ANEF, n° 3).
    page.wait_for_selector("#pieces-list select")
    exhibit = piece(page, proof).locator(".piece__exhibit").inner_text()
    assert exhibit.startswith(translated(lang, "Pièce {exhibit}, avec sa tentative du {date}.")[:5])
    # The JPEG makes an attempt at the CCC: its exhibit becomes the CCC's (n° 4).
    make = translated(lang, "Créer une tentative avec ce fichier")
    piece(page, "capture-ccc.jpg").get_by_role("button", name=make).click()
    page.locator("#log-moyen").select_option("ccc")
    page.locator("#log-resultat").fill("Pas de réponse")
    page.locator("#log-save").click()
    exhibit = piece(page, "capture-ccc.jpg").locator(".piece__exhibit").inner_text()
    if lang == "fr":
        assert exhibit.startswith("Pièce 4 \u2068(Échanges avec le centre de contact citoyens")
        assert exhibit.endswith(")\u2069, avec sa tentative du 27/11/2026.")
    # The PDF: the person's residence permit, exhibit n° 1, chosen from the list.
    piece(page, "titre-de-sejour.pdf").locator("select").select_option("1")
    walk(page, answers)
    page.wait_for_selector('#documents[data-state="done"]', timeout=180_000)
    return proof, "capture-ccc.jpg", "titre-de-sejour.pdf"


def test_pack_lists_its_files_then_downloads_a_zip_named_for_telerecours(
    page, served_site, tmp_path, urls
):
    to_documents(page, served_site, tmp_path)
    assert page.locator("#pack-pieces > li").count() == 3
    page.locator("#pack-make").click()
    page.wait_for_selector("#pack-result:not([hidden])", timeout=180_000)
    assert fetched_pdf_feature(page)
    listed = {
        item.locator("bdi").inner_text(): int(item.get_attribute("data-bytes"))
        for item in page.locator("#pack-files > li").all()
    }
    link = page.locator("#pack-download")
    shown_zip = int(link.get_attribute("data-bytes"))
    zip_url = link.get_attribute("href")
    assert link.inner_text().startswith("Télécharger le dossier (.zip, ")
    with page.expect_download() as started:
        link.click()
    download = started.value
    data = Path(download.path()).read_bytes()
    assert len(data) == shown_zip
    assert download.suggested_filename == link.get_attribute("download")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = {info.filename: info.file_size for info in archive.infolist()}
        contents = {name: archive.read(name) for name in names}
    assert names == listed
    exhibits = sorted(name for name in names if name[:1].isdigit())
    assert exhibits == [
        "00-dossier-complet-a-imprimer.pdf",
        "01-titre-de-sejour.pdf",
        "02-releve-des-demarches.pdf",
        "03-captures-anef.pdf",
        "04-centre-contact-citoyens.pdf",
    ]
    assert all(is_valid(name) for name in exhibits)
    assert {"refere-mesures-utiles.pdf", "bordereau-des-pieces.pdf"} <= set(names)
    # The person's PDF goes in byte for byte.
    assert contents["01-titre-de-sejour.pdf"] == pdf("Titre de sejour")
    for name, content in contents.items():
        reader = PdfReader(io.BytesIO(content))
        assert len(reader.pages) >= 1, name
    # One page per picture, in exhibits 3 and 4.
    assert len(PdfReader(io.BytesIO(contents["03-captures-anef.pdf"])).pages) == 1
    assert len(PdfReader(io.BytesIO(contents["04-centre-contact-citoyens.pdf"])).pages) == 1
    combined = PdfReader(io.BytesIO(contents[exhibits[0]]), strict=True)
    bookmarks = {b.title: combined.get_destination_page_number(b) for b in combined.outline}
    assert "PJ3_captures-anef" in bookmarks and "PJ1_titre-de-sejour" in bookmarks
    # The person's PDF is printed with its own page, copied in by Pyodide (pdf/importer.py).
    assert combined.pages[bookmarks["PJ1_titre-de-sejour"]].extract_text() == "Titre de sejour"
    # After the download, the zip leaves the page: its link is revoked and gone.
    page.wait_for_function("() => !document.getElementById('pack-download').hasAttribute('href')")
    assert zip_url in urls["created"] and zip_url in urls["revoked"]
    assert page.locator("#pack-result").is_hidden()
    assert page.locator("#pack-status").inner_text().startswith("Dossier téléchargé.")


@pytest.mark.parametrize("kind", ["refere", "bordereau"])
def test_a_document_card_gives_its_pdf(page, served_site, tmp_path, kind, urls):
    answers = persona(PERSONA)
    page.goto(form_url(served_site, "fr"))
    walk(page, answers)
    wait_python(page)
    page.wait_for_selector('#documents[data-state="done"]', timeout=180_000)
    assert not fetched_pdf_feature(page), "the PDF feature is fetched before any PDF is asked"
    card = page.locator(f'#documents section.document[data-kind="{kind}"]')
    card.get_by_role("button", name="Préparer le PDF").click()
    link = card.locator('[data-action="pdf-download"]')
    link.wait_for(state="visible", timeout=180_000)
    assert fetched_pdf_feature(page)
    with page.expect_download() as started:
        link.click()
    data = Path(started.value.path()).read_bytes()
    assert int(link.get_attribute("data-bytes")) == len(data)
    text = "".join(page_.extract_text() for page_ in PdfReader(io.BytesIO(data)).pages)
    assert answers["personne"]["nom"] in text
    # The link goes once used; the button is back to make it again.
    card.get_by_role("button", name="Préparer le PDF").wait_for(state="visible")
    assert link.is_hidden()
    assert started.value.suggested_filename not in page.url


def test_quitting_revokes_every_link_and_drops_the_files(page, served_site, tmp_path, urls):
    names = to_documents(page, served_site, tmp_path)
    page.locator("#pack-make").click()
    page.wait_for_selector("#pack-result:not([hidden])", timeout=180_000)
    card = page.locator('#documents section.document[data-kind="lettre"]')
    card.get_by_role("button", name="Préparer le PDF").click()
    card.locator('[data-action="pdf-download"]').wait_for(state="visible", timeout=180_000)
    made = [
        page.locator("#pack-download").get_attribute("href"),
        card.locator('[data-action="pdf-download"]').get_attribute("href"),
    ]
    # The pack and the PDFs are made: still nothing of them in any storage (the service
    # worker's caches hold the site's files, the PDF wheel among them, and nothing else).
    stored = page.evaluate(STORAGE)
    zip_name = page.locator("#pack-download").get_attribute("download")
    pdf_name = card.locator('[data-action="pdf-download"]').get_attribute("download")
    for name in (*names, zip_name, pdf_name, "blob:"):
        assert name not in stored, name
    page.locator("#clear-and-leave").click()
    page.locator("dialog.leave-dialog[open] .button--warning").click()
    page.wait_for_url(lambda url: "formulaire" not in url)
    assert set(made) <= set(urls["revoked"])
    page.go_back(wait_until="commit")
    page.wait_for_selector("#pieces-list", state="attached")
    page.wait_for_function("() => document.readyState === 'complete'")
    assert page.locator("#pieces-list > li, #pack-pieces > li, #pack-files > li").count() == 0


def test_twenty_pictures_make_a_pack_under_10_mb(page, served_site, tmp_path):
    """Twenty 12-megapixel photos (grain everywhere: JPEG's worst case, far heavier than
    screenshots), each placed in the ANEF exhibit: the zip, which holds each picture twice
    (its exhibit's PDF and the combined PDF), stays under 10 MB."""
    answers = persona(PERSONA)
    page.goto(form_url(served_site, "fr"))
    walk(page, answers, until="tentatives")
    wait_python(page)
    photo = camera_photo()
    files = [write(tmp_path, f"photo-{n:02d}.jpg", photo) for n in range(20)]
    add_files(page, files)
    page.wait_for_function("() => document.querySelectorAll('#pieces-list > li').length === 20")
    for path in files:  # exhibit n° 3, the ANEF screenshots
        piece(page, path.name).locator("select").select_option("3")
    walk(page, answers)
    page.wait_for_selector('#documents[data-state="done"]', timeout=180_000)
    page.locator("#pack-make").click()
    page.wait_for_selector("#pack-result:not([hidden])", timeout=300_000)
    size = int(page.locator("#pack-download").get_attribute("data-bytes"))
    print(f"pack of 20 photos: {size} bytes")
    assert size < 10_000_000


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_pack_at_360_px(page, served_site, tmp_path, lang):
    """On a phone, in Arabic too: the pack's section, its files and sizes fit the screen."""
    page.set_viewport_size({"width": 360, "height": 800})
    to_documents(page, served_site, tmp_path, lang)
    page.locator("#pack-make").click()
    page.wait_for_selector("#pack-result:not([hidden])", timeout=180_000)
    card = page.locator('#documents section.document[data-kind="refere"]')
    card.get_by_role("button", name=translated(lang, "Préparer le PDF")).click()
    card.locator('[data-action="pdf-download"]').wait_for(state="visible", timeout=180_000)
    outside = page.evaluate(
        """() => [...document.querySelectorAll("#pack, #pack *, #documents .document__actions *")]
            .map((el) => [el, el.getBoundingClientRect()])
            .filter(([el, box]) => box.width && (box.left < -0.5 || box.right > 360.5))
            .map(([el, box]) => `${el.tagName}.${el.className} ${box.left}..${box.right}`)"""
    )
    assert outside == []
    shots = Path(os.environ.get("RDV_SCREENSHOTS", tmp_path))
    for part in ("#h-pack", "#pack-result", '#documents [data-kind="refere"] .document__actions'):
        page.locator(part).first.evaluate("el => el.scrollIntoView({block: 'start'})")
        name = part.strip("#").split()[0].replace("[", "").replace('"', "").replace("=", "-")
        page.screenshot(path=str(shots / f"pack-360-{lang}-{name}.png"))
