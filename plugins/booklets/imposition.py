"""Saddle-stitch imposition: two booklet pages on each side of a sheet twice their width.

Print the sheets duplex, flipping on the short edge, stack them in order, fold the stack in
half and staple it on the fold: the pages then read in order. Page order is a pure function,
so it can be checked against a table; `impose` only moves pages with pypdf.
"""

from io import BytesIO

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)

A4_LANDSCAPE = (841.89, 595.28)  # points; A5 is 148 mm wide, so 1 mm of the sheet stays white


def padded_length(pages: int) -> int:
    """The page count of the booklet once padded: each folded sheet carries four pages."""
    return max(4, -(-pages // 4) * 4)


def saddle_stitch_order(pages: int, *, rtl: bool = False) -> list[tuple[int, int]]:
    """(left, right) 0-based page indexes for each printed side, sheet by sheet, front first.

    `pages` must be a multiple of 4. A left-to-right booklet is bound on the left, so the
    cover (page 0) is the right half of the first front; a right-to-left booklet (Arabic,
    Persian) is bound on the right and every side is mirrored.
    """
    if pages <= 0 or pages % 4:
        raise ValueError(f"a saddle-stitched booklet needs a multiple of 4 pages, not {pages}")
    sides = []
    for sheet in range(pages // 4):
        outer_low, outer_high = 2 * sheet, pages - 1 - 2 * sheet
        front = (outer_high, outer_low)
        back = (outer_low + 1, outer_high - 1)
        if rtl:
            front, back = front[::-1], back[::-1]
        sides += [front, back]
    return sides


def impose(
    booklet_pdf: bytes,
    filler_pdf: bytes,
    *,
    rtl: bool = False,
    sheet: tuple[float, float] = A4_LANDSCAPE,
) -> tuple[bytes, int]:
    """Impose `booklet_pdf` for saddle-stitch; return (PDF bytes, booklet pages incl. padding).

    Missing pages up to a multiple of 4 are copies of the first page of `filler_pdf` (a
    "Notes" page), added at the end: the booklet has no back cover to keep them before.
    The title and language of the booklet carry over; its bookmarks, links and tags cannot,
    since the pages no longer follow the reading order.
    """
    source = PdfReader(BytesIO(booklet_pdf))
    writer = PdfWriter()
    # Each booklet page becomes a form XObject drawn where it belongs on its sheet: its fonts
    # are copied once for the whole file, not once per page as merging pages would.
    forms = [_form(page, writer) for page in source.pages]
    filler = _form(PdfReader(BytesIO(filler_pdf)).pages[0], writer)
    count = padded_length(len(forms))
    forms += [filler] * (count - len(forms))
    sheet_width, sheet_height = sheet
    for left, right in saddle_stitch_order(count, rtl=rtl):
        side = writer.add_blank_page(width=sheet_width, height=sheet_height)
        names = DictionaryObject()
        drawing = []
        for index, x_start in ((left, None), (right, sheet_width / 2)):
            form, (width, height) = forms[index]
            name = f"/P{index}"
            names[NameObject(name)] = form
            x = sheet_width / 2 - width if x_start is None else x_start
            y = (sheet_height - height) / 2
            drawing.append(f"q 1 0 0 1 {x:.3f} {y:.3f} cm {name} Do Q")
        side[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): names})
        content = DecodedStreamObject()
        content.set_data("\n".join(drawing).encode("ascii"))
        side[NameObject("/Contents")] = writer._add_object(content)
    if source.metadata:
        writer.add_metadata({key: str(value) for key, value in source.metadata.items()})
    if "/Lang" in source.root_object:
        writer.root_object[NameObject("/Lang")] = TextStringObject(source.root_object["/Lang"])
    output = BytesIO()
    writer.write(output)
    return output.getvalue(), count


def _form(page: PageObject, writer: PdfWriter):
    """(reference to `page` as a form XObject in `writer`, its (width, height))."""
    box = page.mediabox
    contents = page.get_contents()  # a ContentStream is a dict: test it against None
    form = DecodedStreamObject()
    form.set_data(contents.get_data() if contents is not None else b"")
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(v) for v in box]),
            NameObject("/Resources"): page.get("/Resources", DictionaryObject()),
        }
    )
    encoded = form.flate_encode()
    return writer._add_object(encoded.clone(writer)), (float(box.width), float(box.height))
