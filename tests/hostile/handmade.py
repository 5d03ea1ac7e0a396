"""Hand-built damaged PDFs, one for each kind of exception damage made pdfminer or pdfplumber
raise (issue 13): each is a tiny PDF written object by object, so that the damage is exact."""

from __future__ import annotations

from collections.abc import Callable

TEXT = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET"
HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def stream(data: bytes, entries: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), entries, data)


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF of `objects` (object 1 the catalogue), with a classic cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def one_page(
    content: bytes = TEXT, font: bytes = HELVETICA, page: bytes = b"", extra: tuple[bytes, ...] = ()
) -> bytes:
    """A one-page PDF: catalogue 1, pages 2, page 3, content 4, font 5, then `extra` (6, …)."""
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> /XObject << /X0 6 0 R >> >> %s >>" % page,
            stream(content),
            font,
            *extra,
        ]
    )


def ascii85_content() -> bytes:
    """A content stream in ASCII85 with letters outside its alphabet (`Non-Ascii85 digit`)."""
    data = b"87cURD]i,vwxy~>"
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            stream(data, b"/Filter /ASCII85Decode"),
        ]
    )


def odd_dictionary() -> bytes:
    """A dictionary with a key and no value (`Invalid dictionary construct`)."""
    return one_page(b"/P << /MCID >> BDC " + TEXT + b" EMC")


def invalid_octal() -> bytes:
    """A string with the octal escape \\777, over 255 (`Invalid octal`)."""
    return one_page(b"BT /F1 12 Tf 72 720 Td (a\\777b) Tj ET")


def font_descends_from_itself() -> bytes:
    """A Type0 font whose DescendantFonts is itself (RecursionError)."""
    return one_page(
        font=b"<< /Type /Font /Subtype /Type0 /BaseFont /Loop /Encoding /Identity-H "
        b"/DescendantFonts [5 0 R] >>"
    )


def forms_nested(depth: int = 500) -> bytes:
    """Form XObjects each drawing the next, `depth` deep (RecursionError)."""
    forms = []
    for level in range(depth):
        number = 6 + level
        inner = b"/X0 %d 0 R" % (number + 1) if level < depth - 1 else b""
        body = b"/X0 Do" if level < depth - 1 else TEXT
        forms.append(
            stream(
                body,
                b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
                b"/Resources << /Font << /F1 5 0 R >> /XObject << %s >> >>" % inner,
            )
        )
    return one_page(content=b"/X0 Do", extra=tuple(forms))


def object_stream_inside_itself() -> bytes:
    """An object stream that the cross-reference stream says is stored inside itself."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream(TEXT),
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    # Object 5 (the font) is in object stream 5: itself. Object 6 is the xref stream.
    offsets.append(len(out))  # placeholder for 5, never written as a plain object
    xref_offset = len(out)
    rows = [bytes([0, 0, 0, 0xFF, 0xFF])]
    rows += [bytes([1]) + offset.to_bytes(2, "big") + b"\x00\x00" for offset in offsets[:4]]
    rows.append(bytes([2, 0, 5, 0, 0]))  # 5: in object stream 5, index 0
    rows.append(bytes([1]) + xref_offset.to_bytes(2, "big") + b"\x00\x00")
    data = b"".join(rows)
    out += b"6 0 obj\n%s\nendobj\n" % stream(data, b"/Type /XRef /Size 7 /W [1 2 2] /Root 1 0 R")
    out += b"startxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(out)


def rotate_not_a_number() -> bytes:
    """`/Rotate /Ninety` (TypeError in pdfplumber)."""
    return one_page(page=b"/Rotate /Ninety")


def parent_cycle() -> bytes:
    """A page whose /Parent is itself, and no MediaBox to inherit (TypeError)."""
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 3 0 R /Contents 4 0 R >>",
            stream(TEXT),
        ]
    )


def type3_font_without_bbox() -> bytes:
    """A Type3 font with neither FontDescriptor nor FontBBox (KeyError `FontBBox`)."""
    return one_page(
        font=b"<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0] "
        b"/CharProcs << >> /Encoding << /Differences [0 /a] >> /FirstChar 0 /LastChar 0 "
        b"/Widths [500] /Resources << >> >>"
    )


def tounicode_range_ends_in_name() -> bytes:
    """A ToUnicode CMap whose bfrange ends in a name, not a code (ValueError)."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
        b"1 begincodespacerange <00> <FF> endcodespacerange "
        b"1 beginbfrange <41> /Z <0041> endbfrange "
        b"1 beginbfrange <00> <05> /foo endbfrange endcmap end end"
    )
    return one_page(
        font=b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        extra=(stream(cmap),),
    )


def mediabox_not_numbers() -> bytes:
    """A MediaBox holding a dictionary: pdfplumber refuses the page, and again on closing."""
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [3 0 R 0 595 842] /Contents 4 0 R >>",
            stream(TEXT),
        ]
    )


# Each hand-built file, by what it shows.
HANDMADE: dict[str, Callable[[], bytes]] = {
    "ascii85-non-digit": ascii85_content,
    "odd-dictionary": odd_dictionary,
    "invalid-octal": invalid_octal,
    "font-descends-from-itself": font_descends_from_itself,
    "forms-nested-500": forms_nested,
    "object-stream-inside-itself": object_stream_inside_itself,
    "rotate-ninety": rotate_not_a_number,
    "parent-cycle": parent_cycle,
    "type3-font-without-bbox": type3_font_without_bbox,
    "tounicode-bfrange-name": tounicode_range_ends_in_name,
    "mediabox-not-numbers": mediabox_not_numbers,
}
