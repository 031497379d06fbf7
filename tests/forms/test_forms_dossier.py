"""The filing pack: the person's files read, named for Télérecours, packed, and refused
clearly when they cannot be used (HEIC, a truncated JPEG, an encrypted PDF…)."""

from __future__ import annotations

import io
import json
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib

import pytest
import rdv_forms
from formsupport import EXAMPLE, PERSONAS, TODAY, persona
from piecesupport import chunk, piece, png

if sys.platform == "emscripten":  # pragma: no cover - the shipped wheel leaves PDF out
    pytest.importorskip("rdv_forms.pdf", reason="the PDF package is not in the browser's wheel")

from pypdf import PdfReader
from rdv_forms.answers import load_answers
from rdv_forms.cli import main
from rdv_forms.documents.registry import NotProduced
from rdv_forms.french import date_longue
from rdv_forms.pdf import naming
from rdv_forms.pdf.dossier import COMBINED, Given, PackError, build_pack
from rdv_forms.pdf.pieces import Unreadable, pdf_page_count, read_jpeg, read_png
from rdv_forms.pdf.writer import Page, write

# ------------------------------------------------------------------------------ file names

HOSTILE_TITLES = [
    "Relevé n° 3.2 (copie) — « urgent » & signé",
    "../../etc/passwd",
    "C:\\Windows\\system32\\con.pdf",
    "a" * 300,
    "",
    "   ",
    "....",
    "%00%2e%2e/",
    "NUL\x00byte",
    "émoji 🙂 ünïcødé ßtraße Łódź Şahin Nguyễn",
    "حلب دمشق",
    "\u202egnp.exe",
    "PJ1_déjà-nommé.pdf",
    "-_-_-",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
@pytest.mark.parametrize("number", [1, 9, 10, 123])
def test_any_title_gives_a_file_name_within_the_rules(number, title):
    name = naming.exhibit_filename(number, title)
    assert naming.is_valid(name), name
    assert name.startswith(f"{number:02d}-")
    assert name.count(".") == 1 and name.endswith(".pdf")
    assert len(name) <= 80


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Relevé n° 3.2 (copie)", "03-releve-n-3-2-copie.pdf"),
        ("Łódź Şahin Nguyễn", "03-lodz-sahin-nguyen.pdf"),
        ("Straße œuvre", "03-strasse-oeuvre.pdf"),
        ("حلب", "03-piece.pdf"),
    ],
)
def test_titles_become_readable_ascii(title, expected):
    assert naming.exhibit_filename(3, title) == expected


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("01-titre-de-sejour.pdf", True),
        ("1_titre.pdf", True),
        ("12-captures_ecran-octobre.pdf", True),
        ("01-titre-de-séjour.pdf", False),  # accent
        ("01-titre de sejour.pdf", False),  # space
        ("01-titre.de.sejour.pdf", False),  # dots before the extension
        ("01-titre&sejour.pdf", False),  # special character
        ("titre-01.pdf", False),  # does not start with its number
        ("01-titre", False),  # no extension
        ("01-" + "a" * 73 + ".pdf", True),  # 80 characters
        ("01-" + "a" * 74 + ".pdf", False),  # 81
    ],
)
def test_the_rules_table(name, valid):
    assert naming.is_valid(name) is valid


@pytest.mark.parametrize(
    ("number", "filename", "bookmark"),
    [
        (1, "01-titre-de-sejour.pdf", "PJ1_titre-de-sejour"),
        (3, "03-captures-ecran.pdf", "PJ3_captures-ecran"),
        (12, "12-justificatifs-emploi.pdf", "PJ12_justificatifs-emploi"),
    ],
)
def test_bookmark_names(number, filename, bookmark):
    assert naming.bookmark(number, filename) == bookmark


@pytest.mark.parametrize("name", [*PERSONAS, None])
def test_every_inventory_file_name_follows_the_rules(name):
    try:
        document = (
            rdv_forms.make("bordereau", blank=True, today=TODAY)
            if name is None
            else rdv_forms.make("bordereau", persona(name), today=TODAY)
        )
    except NotProduced:
        pytest.skip("no inventory for this persona")
    for exhibit in document.exhibits:
        assert naming.is_valid(exhibit.filename), exhibit.filename
        assert exhibit.filename.startswith(f"{exhibit.number:02d}-")


# -------------------------------------------------------------------------------- images


def inflate(image) -> bytes:
    return zlib.decompress(image.data)


@pytest.mark.parametrize("filters", [(0,), (1,), (2,), (3,), (4,), (0, 1, 2, 3, 4)])
@pytest.mark.parametrize(("colour", "depth"), [(6, 8), (2, 16), (4, 8), (6, 16)])
def test_png_rows_are_unfiltered_exactly(filters, colour, depth):
    data, raw = png(13, 7, colour, depth, filters)
    picture = read_png(data, "capture.png")
    image = picture.image
    assert (image.width, image.height) == (13, 7)
    samples = raw[0::2] if depth == 16 else raw  # the high byte of 16-bit samples
    channels = {2: 3, 4: 2, 6: 4}[colour]
    colours = channels - (1 if colour in (4, 6) else 0)
    expected = bytearray()
    for index in range(0, len(samples), channels):
        expected += samples[index : index + colours]
    assert inflate(image) == bytes(expected)
    if colour in (4, 6):  # some pixels are see-through: a soft mask
        assert inflate(image.mask) == samples[channels - 1 :: channels]


@pytest.mark.parametrize("colour", [0, 2, 3])
def test_png_without_alpha_goes_in_as_it_is(colour):
    palette = bytes(range(48)) if colour == 3 else b""
    data, _raw = png(9, 5, colour, 8, (0, 4), palette=palette)
    image = read_png(data, "capture.png").image
    assert image.entries["DecodeParms"]["Predictor"] == 15
    assert image.mask is None


@pytest.mark.parametrize("filters", [(0,), (1,), (2,), (3,), (4,), (4, 3, 2, 1, 0)])
@pytest.mark.parametrize("colour", [4, 6])
def test_an_opaque_png_goes_in_as_it_is_with_its_alpha_dropped(filters, colour):
    data, _raw = png(11, 6, colour, 8, filters, opaque=True)
    image = read_png(data, "capture.png").image
    assert image.mask is None and image.entries["ColorSpace"][0] == "DeviceN"
    assert image.data in data  # the PNG's own compressed rows, not decoded
    seen, _raw = png(11, 6, colour, 8, filters)  # some alpha at 128: decoded, with a mask
    assert read_png(seen, "capture.png").image.mask is not None


@pytest.mark.host_only
@pytest.mark.parametrize("opaque", [True, False])
def test_png_colours_survive_into_the_pdf(opaque, tmp_path):
    """Rendered by poppler: each image pixel, blown up, keeps its colour."""
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "poppler-utils is missing: scripts/system-packages.sh installs it"
    data, raw = png(4, 4, 6, 8, (0, 1, 2, 3, 4), opaque=opaque)
    picture = read_png(data, "capture.png")
    page = Page((400, 400))
    page.image(picture.image, picture.matrix(0, 0, 400, 400))
    (tmp_path / "image.pdf").write_bytes(write([page], title="Image"))
    subprocess.run([pdftoppm, "-r", "72", str(tmp_path / "image.pdf"), str(tmp_path / "out")],
                   check=True)  # fmt: skip
    ppm = next(tmp_path.glob("out*.ppm")).read_bytes()
    header, body = ppm.split(b"\n", 3)[:3], ppm.split(b"\n", 3)[3]
    width = int(header[1].split()[0])
    for y in range(4):
        for x in range(4):
            r, g, b, alpha = raw[(y * 4 + x) * 4 : (y * 4 + x) * 4 + 4]
            at = ((y * 100 + 50) * width + x * 100 + 50) * 3
            drawn = body[at : at + 3]
            if alpha == 255:
                assert all(abs(d - e) <= 2 for d, e in zip(drawn, (r, g, b), strict=True))
            else:  # half see-through, over white paper
                blended = [round((c * alpha + 255 * (255 - alpha)) / 255) for c in (r, g, b)]
                assert all(abs(d - e) <= 3 for d, e in zip(drawn, blended, strict=True))


def test_jpeg_orientation_turns_the_page_image_upright():
    picture = read_jpeg(piece("capture-orientation-6.jpg"), "capture.jpg")
    assert picture.orientation == 6
    assert (picture.image.width, picture.image.height) == (48, 32)
    assert picture.upright_size == (32, 48)
    assert picture.image.entries["Filter"] == "DCTDecode"


def test_progressive_and_cmyk_jpegs_are_accepted():
    assert read_jpeg(piece("photo-progressive.jpg"), "p.jpg").image.width == 48
    cmyk = read_jpeg(piece("scan-cmjn.jpg"), "scan.jpg").image
    assert cmyk.entries["ColorSpace"] == "DeviceCMYK"


BROKEN = {
    "jpeg tronqué": (lambda: piece("photo-progressive.jpg")[:300], "abîmé ou incomplet"),
    "jpeg sans fin": (lambda: piece("photo-progressive.jpg")[:-2], "abîmé ou incomplet"),
    "png crc": (lambda: png(4, 4)[0][:-20] + b"\0" * 4 + png(4, 4)[0][-16:], "abîmé"),
    "png coupé": (lambda: png(20, 20)[0][:60], "abîmé ou incomplet"),
    "png entrelacé": (lambda: png(8, 8, interlace=1)[0], "non pris en charge (PNG Adam7)"),
    "png géant": (
        lambda: (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", 9000, 9000, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b""))
            + chunk(b"IEND", b"")
        ),
        "non pris en charge (PNG 9000 × 9000)",
    ),
    "heic": (lambda: b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0" * 64, "(HEIC)"),
    "webp": (lambda: b"RIFF\x24\0\0\0WEBPVP8 " + b"\0" * 40, "(WebP)"),
    "docx": (lambda: b"PK\x03\x04" + b"\0" * 60, "(ZIP, DOCX, ODT)"),
    "texte": (lambda: b"hello", "non pris en charge"),
    "vide": (lambda: b"", "vide"),
    "pdf chiffré": (lambda: piece("protege.pdf"), "chiffré"),
    "pdf cassé": (lambda: b"%PDF-1.7\n garbage \n%%EOF\n", "abîmé"),
    "pdf sans fin": (lambda: piece("lettre-3-pages-objstm.pdf")[:-200], "abîmé"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_unusable_files_are_refused_with_a_clear_message(case):
    make_data, expected = BROKEN[case]
    with pytest.raises((Unreadable, PackError)) as refused:
        build_pack(load(), [Given("fichier.bin", make_data(), 3)], today=TODAY)
    french = refused.value.message.render("fr")
    assert expected in french and "« fichier.bin »" in french
    assert refused.value.message.render("en") != french  # translated
    assert refused.value.message.render("ar") != french


def test_pdf_pages_are_counted_in_plain_and_compressed_object_streams():
    pages = [Page() for _ in range(4)]
    for page in pages:
        page.text(72, 700, "Page")
    assert pdf_page_count(write(pages, title="Quatre"), "x.pdf") == 4
    data = piece("lettre-3-pages-objstm.pdf")
    assert b"/ObjStm" in data
    assert pdf_page_count(data, "x.pdf") == len(PdfReader(io.BytesIO(data)).pages) == 3


# ---------------------------------------------------------------------------------- pack


def load(answers=None):
    source = answers if answers is not None else json.loads(EXAMPLE.read_text("utf-8"))
    return load_answers(source, today=TODAY)


def example_pieces():
    capture, _ = png(60, 120, 6, 8, (0, 1, 2, 3, 4))
    return [
        Given("capture_2026-10-06.png", piece("capture-orientation-6.jpg")),
        Given("capture_2026-10-05.png", capture),  # the attempt's « preuve »: exhibit 3
        Given("titre.jpg", piece("photo-progressive.jpg"), 1),
        Given("lrar_2026-10-14.pdf", piece("lettre-3-pages-objstm.pdf")),
    ]


def build_exhibits():
    return rdv_forms.make("bordereau", load(), today=TODAY).exhibits


@pytest.fixture(scope="module")
def pack():
    return build_pack(load(), example_pieces(), today=TODAY)


def files(pack) -> dict[str, bytes]:
    return dict(pack.files)


def text(data: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split()
    )


def test_the_pack_holds_the_petition_the_inventory_the_exhibits_and_the_combined_pdf(pack):
    names = list(files(pack))
    assert names[:2] == ["refere-mesures-utiles.pdf", "bordereau-des-pieces.pdf"]
    assert names[2:] == [
        "01-titre-de-sejour.pdf",
        "02-releve-des-demarches.pdf",
        "03-captures-ecran.pdf",
        "05-lettre-recommandee.pdf",
        COMBINED,
    ]
    assert all(naming.is_valid(name) for name in names[2:])
    exhibits = build_exhibits()
    given = {1, 2, 3, 5}  # 2: the attempts log, made from the answers
    assert [e.number for e in pack.missing] == [e.number for e in exhibits if e.number not in given]


def test_every_pdf_of_the_pack_opens(pack):
    for name, data in pack.files:
        assert len(PdfReader(io.BytesIO(data), strict=True).pages) >= 1, name


def test_a_given_pdf_is_kept_byte_for_byte_and_its_pages_counted(pack):
    assert files(pack)["05-lettre-recommandee.pdf"] == piece("lettre-3-pages-objstm.pdf")
    inventory = text(files(pack)["bordereau-des-pieces.pdf"])
    assert "05-lettre-recommandee.pdf 3" in inventory
    assert "03-captures-ecran.pdf 2" in inventory  # two images, one per page
    assert "04-courriel.pdf à joindre" in inventory


def test_images_are_placed_one_per_page_with_the_exhibit_and_the_attempt(pack):
    captures = PdfReader(io.BytesIO(files(pack)["03-captures-ecran.pdf"]))
    assert len(captures.pages) == 2
    first = " ".join(captures.pages[0].extract_text().split())
    assert first.startswith("Pièce n° 3 : Captures d’écran")
    assert "Image 1 sur 2" in first  # given second, but the earlier attempt comes first
    assert "Démarche du 5 octobre 2026 à 8 h 55 (site internet) : Aucun créneau" in first
    for page in captures.pages:
        assert len(page["/Resources"]["/XObject"]) == 1


def test_the_combined_pdf_has_one_bookmark_per_exhibit(pack):
    combined = PdfReader(io.BytesIO(files(pack)[COMBINED]))
    outline = [
        (item.title, combined.get_destination_page_number(item)) for item in combined.outline
    ]
    titles = [title for title, _page in outline]
    expected = [naming.bookmark(e.number, e.filename) for e in build_exhibits()]
    assert titles == ["Requete", "Bordereau", *expected]
    assert expected[:5] == [
        "PJ1_titre-de-sejour",
        "PJ2_releve-des-demarches",
        "PJ3_captures-ecran",
        "PJ4_courriel",
        "PJ5_lettre-recommandee",
    ]
    pages = [page for _title, page in outline]
    assert pages == sorted(pages) and len(set(pages)) == len(pages)
    first = dict(outline)["PJ5_lettre-recommandee"]
    lrar = [page.extract_text() for page in combined.pages[first : first + 3]]
    assert lrar == [f"Lettre recommandée, page {n}" for n in (1, 2, 3)]  # its own pages
    assert pages[pages.index(first) + 1] == first + 3
    assert len(combined.pages) == pack.file_pages[COMBINED]


def test_a_given_pdf_that_cannot_be_read_safely_gets_a_notice_page():
    """Its pages counted (the inventory's heuristic) but its cross-reference broken: the
    combined PDF names the file to print instead; the file itself is in the pack as given."""
    data = piece("lettre-3-pages-objstm.pdf")
    broken = data[: data.rindex(b"startxref")] + b"startxref\n9\n%%EOF\n"
    pack = build_pack(load(), [Given("lrar.pdf", broken, 5)], today=TODAY)
    assert files(pack)["05-lettre-recommandee.pdf"] == broken
    combined = PdfReader(io.BytesIO(files(pack)[COMBINED]), strict=True)
    outline = {o.title: combined.get_destination_page_number(o) for o in combined.outline}
    notice = combined.pages[outline["PJ5_lettre-recommandee"]].extract_text()
    assert "05-lettre-recommandee.pdf" in notice and "3 pages" in notice


def test_the_zip_holds_every_file(pack):
    with zipfile.ZipFile(io.BytesIO(pack.zip)) as archive:
        assert archive.namelist() == list(files(pack))
        for name, data in pack.files:
            assert archive.read(name) == data
    assert pack.zip_name == "dossier-refere-mesures-utiles.zip"


def test_a_file_no_attempt_names_needs_a_number():
    with pytest.raises(PackError) as refused:
        build_pack(load(), [Given("photo.jpg", piece("photo-progressive.jpg"))], today=TODAY)
    assert "« 3=photo.jpg »" in refused.value.message.render("fr")
    with pytest.raises(PackError) as refused:
        build_pack(load(), [Given("photo.jpg", piece("photo-progressive.jpg"), 42)], today=TODAY)
    assert "pièce n° 42" in refused.value.message.render("fr")


def test_a_pdf_is_not_merged_with_other_files():
    given = [
        Given("a.pdf", piece("lettre-3-pages-objstm.pdf"), 4),
        Given("b.jpg", piece("photo-progressive.jpg"), 4),
    ]
    with pytest.raises(PackError) as refused:
        build_pack(load(), given, today=TODAY)
    assert "Pièce n° 4" in refused.value.message.render("fr")


def test_the_pack_follows_the_petition_block():
    """A prior refusal with nobody named to advise: no petition, so no pack either."""
    answers = {**persona("etudiant"), "decision_anterieure": {"existe": "oui"}}
    with pytest.raises(PackError) as refused:
        build_pack(load(answers), [], today=TODAY)
    assert "OQTF" in refused.value.message.render("fr")


# --------------------------------------------------------------------------- command line


def write_pieces(folder):
    paths = []
    for given in example_pieces():
        path = folder / given.name
        path.write_bytes(given.data)
        paths.append(f"{given.number}={path}" if given.number else str(path))
    return paths


@pytest.mark.host_only
def test_the_command_line_writes_the_pack(tmp_path):
    output = tmp_path / "dossier"
    arguments = ["dossier", "--answers", str(EXAMPLE), "--today", TODAY.isoformat()]
    pieces = write_pieces(tmp_path)
    assert main([*arguments, "--pieces", *pieces, "--output", str(output)]) == 0
    written = sorted(path.name for path in output.iterdir())
    assert "dossier-refere-mesures-utiles.zip" in written
    assert "03-captures-ecran.pdf" in written and COMBINED in written
    # Again into the same folder: nothing is replaced without --force.
    assert main([*arguments, "--pieces", *pieces, "--output", str(output)]) == 2


@pytest.mark.host_only
@pytest.mark.parametrize(
    ("content", "lang", "expected"),
    [
        (b"\0\0\0\x18ftypheic\0\0\0\0" + b"\0" * 32, "en", "format not supported (HEIC)"),
        (b"\xff\xd8\xff\xe0\0\x10JFIF\0", "es", "dañado o incompleto"),
        (b"\xff\xd8\xff\xe0\0\x10JFIF\0", "ar", "تالف"),
    ],
)
def test_the_command_line_refuses_unusable_files_with_exit_1(tmp_path, capsys, content, lang,
                                                             expected):  # fmt: skip
    bad = tmp_path / "capture_2026-10-05.png"
    bad.write_bytes(content)
    arguments = ["dossier", "--answers", str(EXAMPLE), "--pieces", str(bad), "--lang", lang]
    assert main([*arguments, "--output", str(tmp_path / "out")]) == 1
    assert expected in capsys.readouterr().err
    assert not (tmp_path / "out").exists()  # nothing half-written


@pytest.mark.host_only
def test_qpdf_checks_every_pdf_of_the_pack(pack, tmp_path):
    qpdf = shutil.which("qpdf")
    assert qpdf, "qpdf is missing: scripts/system-packages.sh installs it"
    for name, data in pack.files:
        path = tmp_path / name
        path.write_bytes(data)
        result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, (name, result.stdout, result.stderr)


# ------------------------------------------------------------------------------ messages

LOCALE = EXAMPLE.parent.parent / "rdv_forms" / "locale"


def pdf_messages_in_code() -> set[str]:
    from babel.messages.extract import extract_from_dir

    return {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(LOCALE.parent), keywords={"msg_pdf": None}
        )
    }


@pytest.mark.host_only  # Babel's extraction reads the source tree
@pytest.mark.parametrize("lang", rdv_forms.i18n.LANGUAGES)
def test_the_pack_messages_are_translated_in_their_own_catalog(lang):
    """They ship with the PDF code (domain rdv_forms_pdf), not in the first visit's catalog."""
    import re

    from babel.messages.pofile import read_po

    with (LOCALE / lang / "LC_MESSAGES" / "rdv_forms_pdf.po").open("rb") as po:
        entries = {m.id: m for m in read_po(po, locale=lang) if m.id}
    assert set(entries) == pdf_messages_in_code()
    with (LOCALE / lang / "LC_MESSAGES" / "rdv_forms.po").open("rb") as po:
        assert not set(entries) & {m.id for m in read_po(po, locale=lang) if m.id}
    for message in entries.values():
        assert message.string and "fuzzy" not in message.flags
        wanted = set(re.findall(r"%\((\w+)\)s", message.id))
        assert set(re.findall(r"%\((\w+)\)s", message.string)) == wanted


# Ready with no registered letter logged (the référé alone leaves its date for the filing
# day), and with a letter logged (the référé alone bears the signature day, 20 November).
FILED_NOW = ["carte-resident-renouvellement", "anef-renouvellement-prefete"]


@pytest.mark.parametrize("name", FILED_NOW)
def test_the_pack_dates_the_petition_and_inventory_the_day_it_is_filed(name):
    """Télérecours citoyens takes the PDF as it is: a dotted date could not be filled in by
    hand, so the pack's référé and inventory bear the day the pack is made."""
    answers = load_answers(persona(name), today=TODAY)
    alone = str(rdv_forms.render(rdv_forms.make("refere", answers, today=TODAY), "text"))
    assert "date du dépôt" in alone or "le 20 novembre 2026" in alone  # made on its own
    pack = build_pack(answers, [], today=TODAY)
    day = date_longue(TODAY)
    for filename in ("refere-mesures-utiles.pdf", "bordereau-des-pieces.pdf"):
        content = text(files(pack)[filename])
        assert f"le {day}" in content, filename
        assert "date du dépôt" not in content, filename
