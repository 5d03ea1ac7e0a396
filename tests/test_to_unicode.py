"""The PDFium reader's fast reads (session 38, issue 23) give exactly what they replace: a
font's ToUnicode map read as pdfminer's CMapParser reads it, or left to it; a path's segments
read from PDFium's array as its getters give them."""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pdfminer.cmapdb import CMapParser, FileUnicodeMap
from pdfminer.pdftypes import PDFStream, resolve1

from parsers.safety.inflation import capped
from parsers.safety.limits import Limits
from parsers.safety.rejection import Rejected
from parsers.text_layer.pdfium_reader import (
    COUNT_SEGMENTS,
    OBJECT_AT,
    OBJECT_TYPE,
    OutParameters,
    address_of,
    path_segments,
    segments_lie_in_memory,
    segments_one_by_one,
)
from parsers.text_layer.to_unicode import font_of, read_to_unicode

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "sample_reports"
# One sample of each producer: ReportLab, Chromium (Skia), WeasyPrint, LibreOffice.
PRODUCERS = (
    "reference-reportlab.pdf",
    "reference-chromium.pdf",
    "reference-weasyprint.pdf",
    "reference-libreoffice.pdf",
)
HEADER = (
    b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n"
    b"<< /Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n"
    b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
    b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
)
TRAILER = b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"


def pdfminer_map(data: bytes) -> FileUnicodeMap:
    unicode_map = FileUnicodeMap()
    CMapParser(unicode_map, io.BytesIO(data)).run()
    return unicode_map


def same_map(fast: FileUnicodeMap, slow: FileUnicodeMap) -> bool:
    """The same entries in the same order (a later one replaces an earlier), the same attrs."""
    return list(fast.cid2unichr.items()) == list(slow.cid2unichr.items()) and (
        fast.attrs == slow.attrs
    )


def sample_maps() -> list[bytes]:
    maps = []
    for name in PRODUCERS:
        with pdfplumber.open(SAMPLES_DIR / name) as pdf:
            for objid in pdf.doc.xrefs[0].get_objids():
                try:
                    obj = pdf.doc.getobj(objid)
                except Exception:
                    continue
                if isinstance(obj, dict) and "ToUnicode" in obj:
                    stream = resolve1(obj["ToUnicode"])
                    if isinstance(stream, PDFStream):
                        maps.append(stream.get_data())
    return maps


MAPS = sample_maps()


def test_every_producers_map_is_read_fast_as_pdfminer_reads_it():
    assert len(MAPS) >= 8
    for data in MAPS:
        fast = read_to_unicode(data)
        assert fast is not None
        assert same_map(fast, pdfminer_map(data))


@pytest.mark.parametrize(
    "body",
    [
        # a range of codes counted up in the text's last bytes; one reaching past 0x00FF
        b"2 beginbfrange\n<0010> <0012> <0E01>\n<00FE> <0101> <D800DC00>\nendbfrange\n",
        # a no-break space does not replace a space given to the same code before it
        b"2 beginbfchar\n<0001> <0020>\n<0001> <00A0>\nendbfchar\n",
        # a code mapped to nothing, to several letters; later entries replace earlier ones
        b"3 beginbfchar\n<0002> <>\n<0003> <0E410E32>\n<0002> <0E01>\nendbfchar\n",
        # blocks one after another with no whitespace between the strings
        b"1 beginbfchar\n<0004><0041>\nendbfchar\n1 beginbfrange\n<05><06><0042>\nendbfrange\n",
        # a range whose last code comes before its first: nothing
        b"1 beginbfrange\n<0009> <0007> <0041>\nendbfrange\n",
    ],
)
def test_the_usual_forms_read_fast_are_pdfminers_map(body):
    data = HEADER + body + TRAILER
    fast = read_to_unicode(data)
    assert fast is not None
    assert same_map(fast, pdfminer_map(data))


@pytest.mark.parametrize(
    "body",
    [
        b"/Adobe-Japan1-UCS2 usecmap\n",  # another CMap
        b"1 beginbfrange\n<0001> <0003> [<0041> <0042> <0043>]\nendbfrange\n",  # an array
        b"% a comment\n1 beginbfchar\n<0001> <0041>\nendbfchar\n",
        b"1 beginbfchar\n<0001> <0041> <0002>\nendbfchar\n",  # a code without its text
        b"1 beginbfrange\n<01> <0003> <0041>\nendbfrange\n",  # codes of two lengths
        b"1 beginbfrange\n<0001> <0003> <>\nendbfrange\n",  # a range of no text
        b"1 beginbfrange\n<0000> <0010> <FFFFFFFF>\nendbfrange\n",  # counted past 4 bytes
        b"1 begincidchar\n<0001> 5\nendcidchar\n",  # CIDs, not text
        b"1 beginbfchar\n<0 001> <0041>\nendbfchar\n",  # whitespace inside a hex string
        b"1 beginbfchar\n<001> <0041>\nendbfchar\n",  # an odd number of digits
        b"/Name#20 /X def\n",  # an escaped name
        b"(a\\)b) pop\n",  # an escape in a literal string
    ],
)
def test_any_other_form_is_left_to_pdfminer(body):
    assert read_to_unicode(HEADER + body + TRAILER) is None


def test_maps_changed_at_random_are_read_as_pdfminer_reads_them_or_left_to_it():
    """Samples' maps with tokens inserted, bytes cut out and lines doubled: each read fast is
    pdfminer's map, and pdfminer raises on none of them; most are still read fast."""
    rng = random.Random(38)
    pieces = [b"<0E1A>", b"<00A0>", b"<>", b"<0>", b"[", b"/N", b"(x)", b"1", b"12.5", b"<<"]
    pieces += [b">>", b"def", b"beginbfchar", b"endbfchar", b"beginbfrange", b"endbfrange"]
    pieces += [b"begincmap", b"endcmap", b"usecmap", b"%c\n", b"true", b"#", b"\x00"]
    read_fast = 0
    for _ in range(1500):
        data = bytearray(rng.choice(MAPS))
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(data) + 1)
            change = rng.random()
            if change < 0.4:
                data[at:at] = rng.choice(pieces) + rng.choice([b" ", b"", b"\n"])
            elif change < 0.7:
                del data[at : at + rng.randint(1, 8)]
            else:
                lines = bytes(data).split(b"\n")
                line = rng.randrange(len(lines))
                data = bytearray(b"\n".join([*lines[:line], lines[line], *lines[line:]]))
        fast = read_to_unicode(bytes(data))
        if fast is not None:
            read_fast += 1
            assert same_map(fast, pdfminer_map(bytes(data)))
    assert read_fast > 200


def test_the_cap_on_a_maps_entries_stops_the_fast_read_where_it_stops_pdfminer():
    data = HEADER + b"1 beginbfrange\n<0000> <FFFF> <0041>\nendbfrange\n" + TRAILER
    limits = Limits(max_tounicode_entries=1000)
    with capped(limits), pytest.raises(Rejected) as slow:
        pdfminer_map(data)
    with capped(limits), pytest.raises(Rejected) as fast:
        read_to_unicode(data)
    assert str(fast.value) == str(slow.value)


def test_a_font_loaded_with_its_map_read_fast_is_pdfminers_font():
    """`font_of` gives the font pdfminer's resource manager gives, its map read fast, cached
    under its object number as pdfminer caches it."""
    path = SAMPLES_DIR / "reference-reportlab.pdf"
    with pdfplumber.open(path) as fast_pdf, pdfplumber.open(path) as slow_pdf:
        resources = resolve1(fast_pdf.pages[1].page_obj.resources)
        mapped = 0
        for ref in resolve1(resources["Font"]).values():
            spec = resolve1(ref)
            fast: Any = font_of(fast_pdf.rsrcmgr, ref.objid, spec)
            slow: Any = slow_pdf.rsrcmgr.get_font(ref.objid, spec)
            assert type(fast) is type(slow)
            if slow.unicode_map is None:
                assert fast.unicode_map is None
            else:
                mapped += 1
                assert same_map(fast.unicode_map, slow.unicode_map)
            assert fast.widths == slow.widths and fast.descent == slow.descent
            assert fast_pdf.rsrcmgr.get_font(ref.objid, spec) is fast
    assert mapped >= 1


def test_path_segments_read_from_pdfiums_array_are_its_getters_segments():
    assert segments_lie_in_memory()  # the layout holds for the PDFium pypdfium2 brings
    out = OutParameters()
    checked = 0
    for name in (*PRODUCERS, "findings-checkbox-weasyprint.pdf", "scanned-ticks-300.pdf"):
        document = pdfium.PdfDocument(SAMPLES_DIR / name)
        try:
            for page in document:
                raw = page.raw
                for index in range(pdfium_c.FPDFPage_CountObjects(raw)):
                    obj = OBJECT_AT(address_of(raw), index)
                    if OBJECT_TYPE(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
                        continue
                    expected = segments_one_by_one(obj, COUNT_SEGMENTS(obj), out)
                    assert path_segments(obj, out) == expected
                    checked += 1
                page.close()
        finally:
            document.close()
    assert checked > 1000
