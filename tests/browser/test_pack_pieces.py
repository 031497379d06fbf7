"""« Vos preuves » in the attempts step, in Debian's Chromium: the files a person adds
(re-encoded, dated from EXIF or the file's time), attempts prefilled from them, clear
errors for files the browser cannot read, and nothing kept anywhere once they leave.

These need no Python: they hold before the forms worker is ready and without the PDF
feature. The pack and the PDFs are in test_pack_download.py.
"""

import io
import os
from datetime import datetime
from pathlib import Path

import pytest
from interview import form_url, persona, translated, walk
from PIL import Image, ImageDraw, ImageFilter
from proof_files import corrupt_png, heic, jpeg, pdf, png, tiff

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PERSONA = "anef-renouvellement-prefete"
# 14 October 2026, 16:25:00 on the device's clock: a file's modification time.
MTIME = datetime(2026, 10, 14, 16, 25).timestamp()


def screenshot(lines: int = 60) -> bytes:
    """A phone screenshot: 1080 × 2400, text on white, as PNG (about what Android gives)."""
    image = Image.new("RGB", (1080, 2400), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1080, 90), fill=(20, 60, 120))
    draw.text((40, 30), "16:25  Prefecture - prise de rendez-vous", fill="white")
    for row in range(lines):
        draw.text((40, 140 + row * 36), f"Aucun creneau disponible ({row})" * 2, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def camera_photo() -> bytes:
    """A 12-megapixel photo of a letter, as a phone's camera saves it (several MB)."""
    grain = Image.effect_noise((4000, 3000), 60).filter(ImageFilter.GaussianBlur(1.5))
    image = Image.merge("RGB", (grain, grain, grain.point(lambda v: v * 0.9)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    os.utime(path, (MTIME, MTIME))
    return path


def at_attempts(page, served_site: str, lang: str = "fr") -> None:
    """The attempts step, the earlier steps answered and the persona's attempts logged."""
    page.goto(form_url(served_site, lang))
    walk(page, persona(PERSONA), until="tentatives")


def add_files(page, paths: list[Path]) -> None:
    before = page.locator("#pieces-list > li").count()
    page.locator("#pieces-input").set_input_files([str(path) for path in paths])
    page.wait_for_function(
        "(before) => document.querySelectorAll('#pieces-list > li').length > before"
        " || !document.getElementById('pieces-errors').hidden",
        arg=before,
    )


def piece(page, name: str):
    return page.locator("#pieces-list > li").filter(has=page.locator("bdi", has_text=name))


# (file name, content, kind of item, [width, height] after re-encoding or None, taken text)
FILES = [
    (
        "capture-exif.jpg",
        jpeg(tiff("2026:11:03 09:14:27"), size=(60, 30)),
        [60, 30],
        "Prise le 03/11/2026 à 09:14 (date enregistrée dans la photo).",
    ),
    (
        "photo-tournee.jpg",  # EXIF orientation 6: the camera was held upright
        jpeg(tiff("2026:11:04 18:02:00", orientation=6), size=(60, 30)),
        [30, 60],
        "Prise le 04/11/2026 à 18:02 (date enregistrée dans la photo).",
    ),
    (
        "capture-png-exif.png",
        png(tiff("2026:10:30 07:45:10", little=False)),
        [40, 20],
        "Prise le 30/10/2026 à 07:45 (date enregistrée dans la photo).",
    ),
    (
        "capture-sans-date.png",
        png(),
        [40, 20],
        "Fichier du 14/10/2026 à 16:25 (date du fichier : vérifiez-la sur la capture).",
    ),
    (
        "ecran-telephone.png",
        screenshot(),
        [900, 2000],
        "Fichier du 14/10/2026 à 16:25 (date du fichier : vérifiez-la sur la capture).",
    ),
    (
        "photo-lettre.jpg",
        camera_photo(),
        None,  # its size depends on how far it must shrink to fit: checked below
        "Fichier du 14/10/2026 à 16:25 (date du fichier : vérifiez-la sur la capture).",
    ),
    ("accuse-reception.pdf", pdf(), None, None),
]


def test_each_file_is_listed_reencoded_and_dated(page, served_site, tmp_path):
    at_attempts(page, served_site)
    add_files(page, [write(tmp_path, name, data) for name, data, _, _ in FILES])
    assert page.locator("#pieces-errors").is_hidden()
    assert page.locator("#pieces-list > li").count() == len(FILES)
    for name, data, pixels, taken in FILES:
        item = piece(page, name)
        size = int(item.get_attribute("data-bytes"))
        if name.endswith(".pdf"):  # a PDF is kept byte for byte
            assert size == len(data)
            assert item.locator(".piece__thumb--pdf").count() == 1
            continue
        width, height = map(int, item.get_attribute("data-pixels").split("x"))
        if pixels:
            assert [width, height] == pixels, name
        assert max(width, height) <= 2000, name
        assert size <= 230_000, name
        assert item.locator("canvas.piece__thumb").count() == 1
        assert item.locator(".piece__taken").inner_text() == taken
    # The camera's photo: several megabytes, a few hundred kilobytes once re-encoded, its
    # shape kept (4:3).
    photo = piece(page, "photo-lettre.jpg")
    assert len(FILES[-2][1]) > 2_000_000
    width, height = map(int, photo.get_attribute("data-pixels").split("x"))
    assert abs(width / height - 4 / 3) < 0.01


# (file, what the editor is prefilled with: date, time)
PREFILLS = [
    ("capture-exif.jpg", ("2026-11-03", "09:14")),  # EXIF DateTimeOriginal
    ("capture-sans-date.png", ("2026-10-14", "16:25")),  # no EXIF: the file's time
]


@pytest.mark.parametrize(("name", "expected"), PREFILLS, ids=[name for name, _ in PREFILLS])
def test_a_picture_prefills_an_attempt_the_person_confirms(
    page, served_site, tmp_path, name, expected
):
    data = {file: content for file, content, _, _ in FILES}[name]
    at_attempts(page, served_site)
    rows = page.locator("#log-table tbody tr").count()
    add_files(page, [write(tmp_path, name, data)])
    piece(page, name).get_by_role("button", name="Créer une tentative avec ce fichier").click()
    year, month, day = expected[0].split("-")  # dates read and shown as dd/mm/yyyy
    shown = f"{day}/{month}/{year}"
    values = [page.locator(f"#log-{key}").input_value() for key in ("date", "heure", "preuve")]
    assert values == [shown, expected[1], name]
    assert page.locator("#log-date").evaluate("el => el === document.activeElement")
    # Nothing added until the person says so.
    assert page.locator("#log-table tbody tr").count() == rows
    page.locator("#log-moyen").select_option("internet")
    page.locator("#log-resultat").fill("Aucun créneau disponible")
    page.locator("#log-save").click()
    assert page.locator("#log-table tbody tr").count() == rows + 1
    row = page.locator("#log-table tbody tr", has_text=name)
    assert row.locator("td").nth(0).inner_text() == shown
    assert row.locator("td").nth(1).inner_text() == expected[1]
    # Now the file is that attempt's proof: no second attempt from it.
    assert piece(page, name).get_by_role("button", name="Créer une tentative").count() == 0


def test_prefill_never_overwrites_an_attempt_being_typed(page, served_site, tmp_path):
    at_attempts(page, served_site)
    add_files(page, [write(tmp_path, "capture-exif.jpg", FILES[0][1])])
    page.locator("#log-date").fill("20/11/2026")
    page.locator("#log-resultat").fill("typed by hand")
    piece(page, "capture-exif.jpg").get_by_role("button", name="Créer une tentative").click()
    assert page.locator("#log-date").input_value() == "20/11/2026"
    assert page.locator("#log-resultat").input_value() == "typed by hand"
    assert page.locator("#pieces-errors").inner_text() == (
        "Une tentative est déjà en cours de saisie dans le journal : "
        "ajoutez-la ou annulez-la d'abord."
    )


def test_same_names_stay_apart(page, served_site, tmp_path):
    """A phone's picker may name every photo « image.jpg »: each stays its own proof."""
    at_attempts(page, served_site)
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    add_files(page, [write(first, "image.jpg", jpeg()), write(second, "image.jpg", jpeg())])
    names = page.locator("#pieces-list bdi").all_inner_texts()
    assert names == ["image.jpg", "image-2.jpg"]


UNREADABLE = "« {file} » ne peut pas être lu : l'image est abîmée, ou dans un format que ce navigateur ne connaît pas. Ajoutez une capture d'écran de cette image."  # noqa: E501
HEIC = "« {file} » est une photo au format HEIC, que ce navigateur ne sait pas lire. Ajoutez une capture d'écran de cette photo. Sur iPhone, pour les prochaines photos : Réglages > Appareil photo > Formats > « Le plus compatible »."  # noqa: E501
NOT_IMAGE = "« {file} » n'est ni une image ni un PDF. Ajoutez des captures d'écran, des photos ou des fichiers PDF."  # noqa: E501
BAD_PDF = "« {file} » n'est pas un PDF lisible. Ouvrez-le sur votre appareil pour vérifier, ou ajoutez une capture d'écran à la place."  # noqa: E501
EMPTY = "« {file} » est vide."

# (language, file name, content, the message, in French)
BAD = [
    ("fr", "capture-abimee.png", corrupt_png(), UNREADABLE),
    ("ar", "capture-abimee.png", corrupt_png(), UNREADABLE),
    ("fr", "IMG_0042.HEIC", heic(), HEIC),
    ("fa", "IMG_0042.HEIC", heic(), HEIC),
    ("fr", "photo-iphone.jpg", heic(), HEIC),  # named .jpg, HEIC inside
    ("fr", "notes.txt", b"rendez-vous ?", NOT_IMAGE),
    ("fr", "recu.pdf", b"<html>not a pdf</html>", BAD_PDF),
    ("fr", "vide.png", b"", EMPTY),
]


@pytest.mark.parametrize(
    ("lang", "name", "data", "message"), BAD, ids=[f"{lang}-{name}" for lang, name, _, _ in BAD]
)
def test_a_file_the_browser_cannot_read_is_named_and_nothing_else_is_lost(
    page, served_site, tmp_path, lang, name, data, message
):
    at_attempts(page, served_site, lang)
    rows = page.locator("#log-table tbody tr").count()
    add_files(page, [write(tmp_path, "capture-exif.jpg", FILES[0][1])])
    add_files(page, [write(tmp_path, name, data), write(tmp_path, "recu-ok.pdf", pdf())])
    assert page.locator("#pieces-errors li").all_inner_texts() == [
        translated(lang, message).replace("{file}", name)
    ]
    names = page.locator("#pieces-list bdi").all_inner_texts()
    assert names == ["capture-exif.jpg", "recu-ok.pdf"]
    assert page.locator("#log-table tbody tr").count() == rows
    assert page.locator("section.step:not([hidden])").get_attribute("data-step") == "tentatives"
    nom = page.locator('[name="personne.nom"]').input_value()
    assert nom == persona(PERSONA)["personne"]["nom"]


STORAGE = """async () => {
    const out = [JSON.stringify(localStorage), JSON.stringify(sessionStorage), document.cookie];
    out.push(JSON.stringify(await indexedDB.databases()));
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) out.push(request.url);
    }
    const root = await navigator.storage.getDirectory();
    for await (const name of root.keys()) out.push(`opfs:${name}`);
    return out.join("\\n");
}"""


def test_files_are_never_stored_and_quitting_drops_them(page, served_site, tmp_path):
    at_attempts(page, served_site)
    add_files(
        page,
        [write(tmp_path, "capture-secrete.jpg", FILES[0][1]), write(tmp_path, "lettre.pdf", pdf())],
    )
    stored = page.evaluate(STORAGE)
    assert "capture-secrete" not in stored and "lettre" not in stored
    # The private file system holds only the runtime's own memory snapshot (forms-worker.js).
    opfs = [line for line in stored.splitlines() if line.startswith("opfs:")]
    assert all(line.startswith("opfs:rdv-forms-") for line in opfs), opfs
    page.locator("#clear-and-leave").click()
    page.locator("dialog.leave-dialog[open] .button--warning").click()
    page.wait_for_url(lambda url: "formulaire" not in url)
    assert "capture-secrete" not in page.evaluate(STORAGE)
    # Back: whether Chromium restores the page from its back-forward cache or loads it
    # again, no file is there.
    page.go_back(wait_until="commit")
    page.wait_for_selector("#pieces-list", state="attached")
    page.wait_for_function("() => document.readyState === 'complete'")
    assert page.locator("#pieces-list > li").count() == 0
    assert page.locator("#pack-pieces > li").count() == 0


def test_leaving_the_page_drops_the_files(page, served_site, tmp_path):
    """pagehide empties the lists, so the back-forward cache keeps no file."""
    at_attempts(page, served_site)
    add_files(page, [write(tmp_path, "capture-exif.jpg", FILES[0][1])])
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pagehide', {persisted: true}))")
    assert page.locator("#pieces-list > li").count() == 0
    assert page.locator("#pieces-list").is_hidden()


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_no_sideways_scroll_at_360_px(page, served_site, tmp_path, lang):
    page.set_viewport_size({"width": 360, "height": 800})
    at_attempts(page, served_site, lang)
    long_name = "Capture_d_ecran_2026-11-03_a_09.14.27_prefecture-de-la-seine-saint-denis.png"
    add_files(
        page,
        [
            write(tmp_path, long_name, FILES[2][1]),
            write(tmp_path, "accuse-reception.pdf", pdf()),
            write(tmp_path, "IMG_0042.HEIC", heic()),
        ],
    )
    # The section and everything in it within the screen (the page as a whole is the
    # attempts step's business: its log table is checked by the journey's tests).
    outside = page.evaluate(
        """() => [document.getElementById("pieces"), ...document.querySelectorAll("#pieces *")]
            .map((el) => [el, el.getBoundingClientRect()])
            .filter(([el, box]) => box.width && (box.left < -0.5 || box.right > 360.5))
            .map(([el, box]) => `${el.tagName}.${el.className} ${box.left}..${box.right}`)"""
    )
    assert outside == []
    assert page.evaluate(
        "(el => el.scrollWidth <= el.clientWidth)(document.getElementById('pieces'))"
    )
    assert page.locator("#pieces-errors li").count() == 1
    shots = Path(os.environ.get("RDV_SCREENSHOTS", tmp_path))
    for part in ("#h-pieces", "#pieces-list"):
        page.locator(part).evaluate("el => el.scrollIntoView({block: 'start'})")
        page.screenshot(path=str(shots / f"pieces-360-{lang}-{part[1:]}.png"))
