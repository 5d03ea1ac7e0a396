"""PDFium page → the same objects pdfplumber gives, for pages where the two provably agree.

pdfplumber interprets every content stream in Python (pdfminer's layout objects); PDFium
does it in C, in a fraction of the time. This module asks PDFium (pypdfium2's raw API) for a
page's glyph origins and matrices, paths and images, and builds from them the dicts
`parsers.text_layer.page_reader.PageView` holds, as pdfminer would have made them.

PDFium gives no character codes, applies /ActualText, leaves out glyphs that draw nothing
and drops glyphs it takes for duplicates. Its text page reads a span's text for the span's glyphs
only through the marks its text objects carry, so those marks are removed from the page in
memory first (`unmark_spans`): it then gives the span's glyphs, as pdfminer does, and both
readers' chars take the span's text later alike (`parsers.text_layer.actual_text`). A text
object of one glyph it leaves out gives that glyph's place itself (`in_stream_order`). The
codes come from a scan of the content stream (`parsers.text_layer.actual_text`'s
scanner, a regex pass, decoded by pdfminer's fonts): each glyph's code, its text as pdfminer
reads it and its advance and descent from the same font, which pdfplumber's chars would carry.
Where the scan and PDFium do not count the same glyphs, or PDFium reads the page otherwise
than pdfminer would (`Handover`), the page goes to the careful reader. What each reader
reads, and why a page is handed over, is declared here once (`READERS`, `Handover`).
PDFium caps nothing it inflates: a page's font programs and glyphs are counted against the
parser's limits before PDFium loads it (`refuse_font_bombs`, `GlyphScanner`).
"""

from __future__ import annotations

import copy
import ctypes
import re
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from itertools import repeat
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdftypes import PDFObjRef, resolve1

from parsers.layout.page_objects import (
    PdfBox,
    PdfChar,
    PdfCurve,
    PdfImage,
    PdfLine,
    PdfRect,
    PdfShape,
)
from parsers.layout.tolerances import TOLERANCES
from parsers.safety.inflation import CAPS, MEGABYTE, capped, over
from parsers.safety.limits import Limits
from parsers.safety.pdfium_lock import PDFIUM_LOCK
from parsers.text_layer.actual_text import (
    MAX_FORM_DEPTH,
    SCANNED_SPANS,
    PdfResources,
    SpanScanner,
    dict_of,
    inline_image_end,
    literal_end,
    resources_of,
    scanned_spans,
    string_bytes,
)

PDFIUM, PDFMINER = "pdfium", "pdfminer"


@dataclass(frozen=True)
class Reader:
    name: str
    reads: str


# What each reader reads: the one place that says so (`raingan text --quality` names them).
READERS: dict[str, Reader] = {
    PDFIUM: Reader(
        PDFIUM,
        "glyph origins, matrices and font sizes, paths (lines, rects, curves: stroke, fill,"
        " colours), images; from PDFium, in C, /ActualText spans unmarked. Each glyph's code"
        " from a scan of the content stream, its text, advance and descent from pdfminer's"
        " font; a small shape's colour in a tint as the stream writes it",
    ),
    PDFMINER: Reader(
        PDFMINER,
        "everything, interpreting the content stream in Python (pdfplumber): the pages PDFium"
        " reads otherwise (Handover); the reference reader in tests",
    ),
}


class Handover(StrEnum):
    """Why a page goes to the careful reader: where PDFium's reading differs or may differ
    from pdfminer's."""

    ACTUAL_TEXT = "an /ActualText span PDFium would not unmark"  # it reads the span's text
    GLYPH_COUNT = "PDFium and the content stream count different glyphs"  # a mark drawn twice
    LEFT_OUT = "PDFium leaves out a text object of several glyphs"  # blank, or a bold copy
    TEXT_STATE = "text scaled or raised (Tz, Ts)"  # box arithmetic PDFium does not expose
    FONT_KIND = "a Type 3 or vertical font"  # boxes pdfminer draws its own way
    FRACTIONAL_WIDTHS = "glyphs placed after one of a fractional width"  # PDFium truncates
    FORM_XOBJECT = "a form XObject"  # objects in another space
    PAGE_BOX = "a turned or offset page box"  # coordinates pdfplumber shifts
    TINTED_MARK = "a small shape in a colour the stream does not say plainly"  # sc, cs, patterns
    GLYPH_ORDER = "PDFium orders the glyphs otherwise"  # not even by its objects' order
    CONTENT_SYNTAX = "content syntax pdfminer refuses"  # the careful reader says it is damaged
    PDFIUM_FAILED = "PDFium could not read the page"


@dataclass
class PageObjects:
    """A page's objects as pdfplumber names them (dicts with the keys the parser reads)."""

    chars: list[PdfChar]
    lines: list[PdfLine]
    rects: list[PdfRect]
    curves: list[PdfCurve]
    images: list[PdfImage]


class PdfiumDocument:
    """The same bytes opened by PDFium, beside pdfplumber's document (pages share numbers).
    Each call into PDFium holds `PDFIUM_LOCK` (one thread at a time in a process)."""

    def __init__(self, data: bytes) -> None:
        with PDFIUM_LOCK:
            self.pdf = pdfium.PdfDocument(data)
        # What each glyph gives its chars, for each font key given (`CharReader.glyph`): read
        # once a document, not once a page.
        self._glyph_facts: dict[FontKey, dict[Glyph, GlyphFacts]] = {}

    def close(self) -> None:
        with PDFIUM_LOCK:
            self.pdf.close()

    def read(
        self, index: int, height: float, glyphs: PageGlyphs, font_key: FontKey = id
    ) -> PageObjects | Handover:
        """Page `index` (0-based) as pdfplumber would give it, or why it cannot be; call
        `refuse_font_bombs` on its resources first. Each char carries its glyph as
        (`font_key(font)`, code): the document's fonts' `DocumentFonts.key`, which analyses a
        font at its first glyph; by default the font's id (the same key, nothing analysed)."""
        with PDFIUM_LOCK:
            try:
                page = self.pdf[index]
            except Exception:
                return Handover.PDFIUM_FAILED
            try:
                facts = self._glyph_facts.setdefault(font_key, {})
                return read_objects(page.raw, height, glyphs, font_key, facts)
            finally:
                page.close()


# --- Glyph codes: the content stream scanned, decoded by pdfminer's fonts ----------------

Glyph = tuple[Any, int]  # (pdfminer font, character code)
# A font's key in the document's fonts (`DocumentFonts.key`): chars carry (key, code) as `glyph`.
FontKey = Callable[[Any], int]


@dataclass(frozen=True)
class StreamPattern:
    """A pattern over a content stream, with the bytes any match of it holds: a stream holding
    none of them is passed over by a substring test, in C, rather than by the pattern, which
    starts with a look-behind and so is tried at every byte (2 ms a page of ReportLab's)."""

    pattern: re.Pattern[bytes]
    literals: tuple[bytes, ...]

    def search(self, data: bytes) -> bool:
        return self.may_match(data) and self.pattern.search(data) is not None

    def may_match(self, data: bytes) -> bool:
        return any(literal in data for literal in self.literals)


# Text state that moves pdfminer's boxes in ways PDFium's public API does not report.
SCALED_OR_RAISED = StreamPattern(
    re.compile(rb"(?<![^\s\]\[)>])T[zs](?![^\s\[\]/(<%])"), (b"Tz", b"Ts")
)
# Content syntax pdfminer's parser raises on even when not strict, where PDFium reads on: an
# octal escape over 255, and a dictionary (or an inline image's parameters) with an odd number
# of items. A page holding it goes to the careful reader, which rejects the file `corrupt_pdf`.
# A dictionary's strings are read whole, so that a hex string's closing `>` before the
# dictionary's `>>` (LibreOffice's `<</ActualText<FEFF0E38>>>`) ends the string, not the
# dictionary; a dictionary inside one is one item, its own items counted too.
OCTAL_OVER_255 = re.compile(rb"\\[4-7][0-7]{2}")
PDF_STRING = rb"\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\s]*>"
# One piece of a dictionary's body, taken whole (an atomic group: one way to read each byte,
# so a body that never closes is given up in linear time).
BODY_PIECE = rb"(?>" + PDF_STRING + rb"|[^<>]|<(?!<)|>(?!>))"
INNER_DICTIONARY = rb"<<" + BODY_PIECE + rb"*?>>"
DICTIONARY = StreamPattern(
    re.compile(
        rb"<<((?:(?>" + INNER_DICTIONARY + rb")|" + BODY_PIECE + rb")*?)>>"
        # (BI's left delimiter looked for behind it: both branches starting with a literal
        # byte, re skips at once to a `<` or a `B`)
        rb"|BI(?<![^\s]BI)(?=\s)(.*?)(?<=\s)ID(?=\s)",
        re.DOTALL,
    ),
    (b"<<", b"BI"),
)
DICTIONARY_ITEM = re.compile(
    INNER_DICTIONARY
    + rb"|/[^\s/\[\]()<>{}%]*|"
    + PDF_STRING
    + rb"|\[[^\]]*\]|[-+.0-9]+|true|false|null",
    re.DOTALL,
)
# The letters whose text PDFium and pdfminer read alike from any map: Thai consonants, Latin
# letters and digits (`CharReader.chars` pairs glyphs by them).
PAIRED_LETTERS = frozenset(
    [chr(code) for code in range(0x0E01, 0x0E2F)]
    + [chr(code) for code in range(0x30, 0x3A)]
    + [chr(code) for code in range(0x41, 0x5B)]
    + [chr(code) for code in range(0x61, 0x7B)]
)
# Character and word spacing: a glyph shown after another may sit further than its advance.
SPACED = StreamPattern(re.compile(rb"(?<![^\s\]\[)>])T[cw](?![^\s\[\]/(<%])"), (b"Tc", b"Tw"))
# A glyph that starts within this share of an em of where the glyph before it ends may be
# shown by the next text operator with no move between (PDFium's offset carries over).
CONTINUING_EM = 0.05


@dataclass
class PageGlyphs:
    """Each glyph a page's content stream shows, whether the stream spaces glyphs, whether any
    lies in an /ActualText span, how many glyphs each text-showing operator shows (those
    showing any: PDFium makes one text object of each) and whether a text-positioning operator
    came before it (its first glyph starts where the stream says, not where the glyph before
    it ended), and the stream itself."""

    codes: list[Glyph]
    spaced: bool
    spans: bool = False
    runs: list[int] = field(default_factory=list)
    moved: list[bool] = field(default_factory=list)
    stream: bytes = b""


class GlyphScanner(SpanScanner):
    """`SpanScanner`, also keeping each glyph's font and code, in drawing order."""

    def __init__(self, rsrcmgr: Any) -> None:
        super().__init__(rsrcmgr)
        self.glyph_codes: list[Glyph] = []
        self.runs: list[int] = []
        self.moved: list[bool] = []
        self.moving = False  # a text-positioning operator since the last glyph shown
        self.decoded: dict[tuple[Any, bytes], list[Glyph]] = {}  # a string's, once a page
        self.fonts: dict[int, Any] = {}  # the fonts of the glyphs shown, by their ids
        # The careful reader's cap on a page's chars (`parsers.safety.inflation`), which PDFium
        # lacks: checked here, before PDFium builds a text page of millions of glyphs.
        self.max_glyphs = current_limits().max_page_characters

    def show(self, glyphs: int) -> None:
        self.glyphs += glyphs  # `SpanScanner.show`, inline: once a glyph for Chromium
        if glyphs:
            self.runs.append(glyphs)
            self.moved.append(self.moving)
            self.moving = False

    def move(self) -> None:
        self.moving = True

    def count(self, font: Any, token: bytes) -> int:
        key = (font, token)
        shown = self.decoded.get(key)
        if shown is None:
            codes = [] if font is None else font.decode(string_bytes(token))
            shown = self.decoded[key] = [(font, code) for code in codes]
            if shown:
                self.fonts[id(font)] = font
        if len(self.glyph_codes) + len(shown) > self.max_glyphs:
            raise over("max_page_characters", "one page draws", self.max_glyphs, " characters")
        self.glyph_codes.extend(shown)
        return len(shown)


def page_glyphs(page: Any) -> PageGlyphs | Handover:
    """Each glyph a pdfplumber page's content stream shows, as pdfminer would make its chars."""
    page_obj = page.page_obj
    data = b"".join(stream.get_data() for stream in page_obj.contents)
    if SCALED_OR_RAISED.search(data):
        return Handover.TEXT_STATE
    if refused_syntax(data):
        return Handover.CONTENT_SYNTAX
    scanner = GlyphScanner(page.pdf.rsrcmgr)
    scanner.scan(data, resources_of(page_obj.resources))
    # The same scan `actual_text_spans` makes (the page's spans, read by either reader).
    setattr(page, SCANNED_SPANS, scanned_spans(scanner) if b"ActualText" in data else None)
    if any(is_drawn_otherwise(font) for font in scanner.fonts.values()):
        return Handover.FONT_KIND
    spans = bool(scanner.spans)
    return PageGlyphs(
        scanner.glyph_codes, SPACED.search(data), spans, scanner.runs, scanner.moved, data
    )


def refused_syntax(data: bytes) -> bool:
    if OCTAL_OVER_255.search(data):
        return True
    if not DICTIONARY.may_match(data):
        return False
    for match in DICTIONARY.pattern.finditer(data):
        body = match.group(1) if match.group(1) is not None else match.group(2)
        if has_odd_items(body):
            return True
    return False


def has_odd_items(body: bytes) -> bool:
    """Whether a dictionary's body, or that of a dictionary inside it, holds an odd number of
    items (pdfminer's `Invalid dictionary construct`)."""
    items = DICTIONARY_ITEM.findall(body)
    if len(items) % 2:
        return True
    return any(item[:2] == b"<<" and has_odd_items(item[2:-2]) for item in items)


def is_drawn_otherwise(font: Any) -> bool:
    return bool(font.is_vertical()) or type(font).__name__ == "PDFType3Font"


def has_fractional_width(font: Any, code: int) -> bool:
    """PDFium keeps a font's widths as whole units of 1/1000 em (truncated) and places the
    glyphs after one by them; pdfminer by the width as written."""
    units = round(font.char_width(code) / font.hscale, 6)
    return not float(units).is_integer()


def glyph_text(font: Any, code: int) -> str:
    """A glyph's text as pdfminer reads it (`(cid:N)` where its font gives none)."""
    try:
        return str(font.to_unichr(code))
    except PDFUnicodeNotDefined:  # what pdfminer's converter reads then (handle_undefined_char)
        return f"(cid:{code})"


def page_box_handover(page: Any) -> Handover | None:
    """pdfplumber's frame is PDFium's only on an unturned page whose boxes start at 0, 0."""
    mediabox = tuple(float(v) for v in page.mediabox)
    if page.rotation or mediabox[:2] != (0.0, 0.0) or tuple(page.bbox) != mediabox:
        return Handover.PAGE_BOX
    return None


# --- What PDFium inflates uncapped --------------------------------------------------------

# PDFium inflates each embedded font program a page uses whole, as it loads the page, with no
# cap of its own: a FontFile2 of 1.5 MB inflating to 1.5 GB took the parse child past its
# address-space limit, and PDFium aborts the process then (no rejection says why). So a page's
# programs are inflated first by pdfminer under the stream cap, and counted: for every page
# when the document is opened (`parsers.text_layer.opening`), whichever reader reads it, since
# PDFium may load any page later (to read it from its image, to draw a finding's picture); and by
# the PDFium reader again before it loads one, which hands the page to the careful reader
# where pdfminer cannot inflate a program (PDFium's inflating it would then be unmeasured).
FONT_FILES = ("FontFile", "FontFile2", "FontFile3")
# Set on pdfminer's stream object (one a document for each object number) once measured: each
# program is inflated once a document, and not kept (a copy of the stream is decoded).
INFLATED_SIZE = "_raingan_inflated_size"


def current_limits() -> Limits:
    """The caps of the document being read (`parsers.text_layer.opening.open_pdf`), or the
    defaults."""
    return CAPS.get() or Limits()


def refuse_font_bombs(resources: Any) -> None:
    """`too_large` where one program a page of these resources uses, or the page's together,
    inflate past the stream cap (`Limits.max_stream_mb`): PDFium would hold them all while it
    reads the page."""
    limits = current_limits()
    total = 0
    for program in font_programs(resources_of(resources)):
        total += inflated_size(program, limits)
        if total > limits.max_stream_mb * MEGABYTE:
            raise over(
                "max_stream_mb",
                "the embedded fonts of one page decompress to",
                limits.max_stream_mb,
                " MB",
            )


def inflated_size(stream: Any, limits: Limits) -> int:
    size = getattr(stream, INFLATED_SIZE, None)
    if size is None:
        if stream.data is not None:  # pdfminer has inflated it already
            size = len(stream.data)
        else:
            with capped(limits):  # every filter stops at the cap (`parsers.safety.inflation`)
                size = len(copy.copy(stream).get_data())
        setattr(stream, INFLATED_SIZE, size)
    return int(size)


def font_programs(
    resources: PdfResources, depth: int = 0, seen: set[int] | None = None
) -> Iterator[Any]:
    """Each embedded font program PDFium may load with a page of these resources: its fonts'
    (a composite font's descendants' too), and those its forms, patterns and Type 3 fonts name
    in their own resources. Each indirect object visited once (a form may name itself)."""
    seen = set() if seen is None else seen
    if depth > MAX_FORM_DEPTH:
        return
    for value in dict_of(resources.get("Font")).values():
        font = dict_of(unseen(value, seen))
        parts = [font, *(dict_of(part) for part in list_of(font.get("DescendantFonts")))]
        for part in parts:
            descriptor = dict_of(part.get("FontDescriptor"))
            for key in FONT_FILES:
                program = unseen(descriptor.get(key), seen)
                if program is not None and hasattr(program, "get_data"):
                    yield program
        yield from nested_programs(font, depth, seen)  # a Type 3 font's glyphs
    for holder in (resources.get("XObject"), resources.get("Pattern")):
        for value in dict_of(holder).values():
            owner = unseen(value, seen)
            yield from nested_programs(getattr(owner, "attrs", owner), depth, seen)


def nested_programs(owner: Any, depth: int, seen: set[int]) -> Iterator[Any]:
    if isinstance(owner, dict) and "Resources" in owner:
        yield from font_programs(resources_of(owner["Resources"]), depth + 1, seen)


def unseen(value: Any, seen: set[int]) -> Any:
    """The object a value refers to, or None when the same indirect object was met before."""
    if isinstance(value, PDFObjRef):
        if value.objid in seen:
            return None
        seen.add(value.objid)
    return resolve1(value)


def list_of(value: Any) -> list[Any]:
    value = resolve1(value)
    return value if isinstance(value, list) else []


# --- PDFium's objects ---------------------------------------------------------------------


def read_objects(
    raw_page: Any,
    height: float,
    glyphs: PageGlyphs,
    font_key: FontKey,
    glyph_facts: dict[Glyph, GlyphFacts],
) -> PageObjects | Handover:
    """The page's objects; its page objects are taken by their addresses (`by_address`).
    `glyph_facts`: what the document's glyphs give their chars, read so far (`CharReader`)."""
    page, object_at = address_of(raw_page), OBJECT_AT
    objects = [object_at(page, i) for i in range(pdfium_c.FPDFPage_CountObjects(raw_page))]
    kinds = [OBJECT_TYPE(obj) for obj in objects]
    if pdfium_c.FPDF_PAGEOBJ_FORM in kinds:
        return Handover.FORM_XOBJECT
    texts = [obj for obj, kind in zip(objects, kinds, strict=True) if kind == TEXT_OBJECT]
    if glyphs.spans and not unmark_spans(texts):
        return Handover.ACTUAL_TEXT
    out = OutParameters()
    chars = read_chars(
        raw_page, height, glyphs, texts, CharReader(height, out, font_key, glyph_facts)
    )
    if isinstance(chars, Handover):
        return chars
    lines: list[PdfLine] = []
    rects: list[PdfRect] = []
    curves: list[PdfCurve] = []
    images: list[PdfImage] = []
    paths: list[tuple[Paint, list[PdfShape]]] = []  # each path object's paint, its shapes
    by_kind: dict[str, list[Any]] = {"line": lines, "rect": rects, "curve": curves}
    for obj, kind in zip(objects, kinds, strict=True):
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            painted = path_shapes(obj, height, out)
            paths.append(painted)
            for shape in painted[1]:
                by_kind[shape.pop("object_type")].append(shape)
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images.append(image_of(obj, height))
    tinted = any(is_tinted_mark(shape) for shape in [*rects, *curves, *lines])
    if tinted and not paint_tinted_marks(paths, glyphs.stream):
        return Handover.TINTED_MARK
    return PageObjects(chars, lines, rects, curves, images)


TEXT_OBJECT = pdfium_c.FPDF_PAGEOBJ_TEXT
ACTUAL_TEXT_KEY = b"ActualText"


def unmark_spans(texts: list[int]) -> bool:
    """Remove, from the loaded page only, each mark of these text objects (their addresses)
    whose properties hold /ActualText: PDFium's text page reads a span's text for its glyphs
    through them alone (CPDF_TextPage::PreMarkedContent), and gives the glyphs once they are
    gone. False where PDFium would not remove one."""
    count, mark_at, value_type, remove = COUNT_MARKS, MARK_AT, MARK_VALUE_TYPE, REMOVE_MARK
    for obj in texts:
        for index in reversed(range(count(obj))):  # removing one renumbers those after it
            mark = mark_at(obj, index)
            if value_type(mark, ACTUAL_TEXT_KEY) == pdfium_c.FPDF_OBJECT_UNKNOWN:
                continue
            if not remove(obj, mark):
                return False
    return True


def read_chars(
    raw_page: Any, height: float, glyphs: PageGlyphs, texts: list[int], reader: CharReader
) -> list[PdfChar] | Handover:
    """The page's chars (`texts`: its text objects' addresses, in the page's order)."""
    text_page = pdfium_c.FPDFText_LoadPage(raw_page)
    if not text_page:
        return Handover.PDFIUM_FAILED
    try:
        address = address_of(text_page)
        by_object, count = chars_by_object(address, pdfium_c.FPDFText_CountChars(text_page))
        ordered = in_stream_order(address, by_object, count, texts, glyphs)
        if isinstance(ordered, Handover):
            return ordered
        return reader.chars(address, ordered, glyphs)
    finally:
        pdfium_c.FPDFText_ClosePage(text_page)


# (char index in PDFium's text page, or LEFT_OUT_GLYPH; its text object's address; whether it
# is the first of an object placed by a text-positioning operator: `places_off`)
Placed = tuple[int, int, bool]
LEFT_OUT_GLYPH = -1  # a glyph the text page leaves out, placed from its text object


def chars_by_object(text_page: int, count: int) -> tuple[dict[int, list[int]], int]:
    """The text page's chars (of `count`) that are glyphs, not generated (PDFium's spaces and
    line ends), grouped by the address of their text object, in order; and how many."""
    generated, object_at = IS_GENERATED, TEXT_OBJECT_ADDRESS
    by_object: dict[int, list[int]] = {}
    glyphs = 0
    for index in range(count):
        if generated(text_page, index):
            continue
        glyphs += 1
        address = object_at(text_page, index)
        found = by_object.get(address)
        if found is None:
            by_object[address] = [index]
        else:
            found.append(index)
    return by_object, glyphs


def in_stream_order(
    text_page: int,
    by_object: dict[int, list[int]],
    count: int,
    addresses: list[int],
    glyphs: PageGlyphs,
) -> list[Placed] | Handover:
    """Each glyph the stream shows, in its order: its char in PDFium's text page and the
    address of its text object (`Placed`; `addresses`: the page's text objects, in order).

    PDFium's text page sorts the text objects of a line by where they start (a mark drawn back
    over its consonant by a text object of its own, as Chromium draws, comes before it), but
    keeps each object's glyphs together and in order; and it leaves out an object whose glyphs
    draw nothing (a space shown alone) or that repeats the one before (fake bold). The page's
    objects are in the stream's order, one for each operator that shows glyphs (`runs`): each
    object gives its glyphs there, a left-out one of one glyph its glyph from the object alone
    (`LEFT_OUT_GLYPH`); one of several is handed over (`LEFT_OUT`). A glyph whose text is
    several letters gives one char for each (`first_of_each_glyph`). `by_object`: the text
    page's `count` glyphs by their objects (`chars_by_object`), taken from as they are placed."""
    runs = glyphs.runs
    if len(runs) != len(addresses):  # operators and objects not one for one: the text page's glyphs
        return by_objects_order(by_object, addresses, count == len(glyphs.codes))
    placed: list[Placed] = []
    start = 0  # the object's first glyph in the stream
    for address, run, moved in zip(addresses, runs, glyphs.moved, strict=True):
        found = by_object.pop(address, None)
        if found is None:
            if run != 1:
                return Handover.LEFT_OUT
            found = [LEFT_OUT_GLYPH]
        elif len(found) > run:
            firsts = first_of_each_glyph(text_page, found, glyphs.codes[start : start + run])
            if firsts is None:
                return Handover.GLYPH_COUNT
            found = firsts
        elif len(found) < run:  # a glyph dropped (drawn again on the spot: a doubled mark)
            return Handover.GLYPH_COUNT
        placed.append((found[0], address, moved))
        if len(found) > 1:  # (Chromium draws a text object for each glyph: most have one)
            placed.extend(zip(found[1:], repeat(address), repeat(False)))
        start += run
    return Handover.GLYPH_ORDER if by_object else placed


def first_of_each_glyph(text_page: int, found: list[int], codes: list[Glyph]) -> list[int] | None:
    """One text object's chars, the first of each glyph's: PDFium's text page gives a glyph
    whose text is several letters (LibreOffice's ้ำ, one glyph) one char for each. A glyph
    takes as many chars as pdfminer's text has letters where PDFium's are those letters, else
    one; None where they do not add up to the object's chars."""
    unicode_of = UNICODE_OF
    firsts: list[int] = []
    position = 0
    for font, code in codes:
        if position >= len(found):
            return None
        firsts.append(found[position])
        text = glyph_text(font, code)
        letters = found[position : position + len(text)]
        same = len(text) > 1 and [unicode_of(text_page, i) for i in letters] == list(map(ord, text))
        position += len(text) if same else 1
    return firsts if position == len(found) else None


def by_objects_order(
    by_object: dict[int, list[int]], addresses: list[int], counted_alike: bool
) -> list[Placed] | Handover:
    """The text page's glyphs, each object's together, in the page's order of the objects."""
    if not counted_alike:
        return Handover.GLYPH_COUNT
    placed: list[Placed] = []
    for address in addresses:
        placed.extend((index, address, False) for index in by_object.pop(address, ()))
    return Handover.GLYPH_ORDER if by_object else placed


# What a glyph's text object gives every glyph in it, read once per object: its matrix's a, b,
# c, d, font size, whether it is straight (b = c = 0: neither turned nor skewed, the common
# case), upright (as pdfminer's LTChar says it), and e, f (where its first glyph starts:
# PDFium's text page gives the same floats). A plain tuple: one is made for every glyph of a
# page that draws each glyph as its own text object (Chromium).
TextObject = tuple[float, float, float, float, float, bool, bool, float, float]
# What a glyph gives every char of it, read once a document (`CharReader.glyph`): its text,
# width and descent per unit of font size, whether its width has a fraction, its key as chars
# carry it (`glyph`), and its text's code point where that is a letter both readers read alike
# (`PAIRED_LETTERS`), else -1.
GlyphFacts = tuple[str, float, float, bool, tuple[int, int], int]


def address_of(pointer: Any) -> int:
    """A PDFium handle (a ctypes pointer) as its address, an int: an object's identity, and
    what the functions below take."""
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


def by_address(function: Any, restype: Any, *argtypes: Any) -> Any:
    """The same PDFium function, taking (and giving) its pointers as plain ints (`ADDRESS`):
    pypdfium2's typed pointers cost a conversion on every call, a third of a microsecond, and
    these are called once or more per glyph or path segment. Each is a getter of a few
    instructions (or a mark's removal), called with `PDFIUM_LOCK` held: it keeps the GIL
    (PYFUNCTYPE), which releasing and taking again would cost more than the call itself."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    if address is None:  # a loaded library's function has an address
        raise ImportError(f"PDFium lacks {function.__name__}")
    return ctypes.PYFUNCTYPE(restype, *argtypes)(address)


ADDRESS, INT = ctypes.c_void_p, ctypes.c_int  # (ADDRESS gives None for a null pointer)
OBJECT_AT = by_address(pdfium_c.FPDFPage_GetObject, ADDRESS, ADDRESS, INT)
OBJECT_TYPE = by_address(pdfium_c.FPDFPageObj_GetType, INT, ADDRESS)
COUNT_MARKS = by_address(pdfium_c.FPDFPageObj_CountMarks, INT, ADDRESS)
MARK_AT = by_address(pdfium_c.FPDFPageObj_GetMark, ADDRESS, ADDRESS, ctypes.c_ulong)
MARK_VALUE_TYPE = by_address(
    pdfium_c.FPDFPageObjMark_GetParamValueType, INT, ADDRESS, ctypes.c_char_p
)
REMOVE_MARK = by_address(pdfium_c.FPDFPageObj_RemoveMark, INT, ADDRESS, ADDRESS)
# The getters below write to out-parameters: (object, the addresses of each)
GET_MATRIX = by_address(pdfium_c.FPDFPageObj_GetMatrix, INT, ADDRESS, ADDRESS)
FONT_SIZE = by_address(pdfium_c.FPDFTextObj_GetFontSize, INT, ADDRESS, ADDRESS)
DRAW_MODE = by_address(pdfium_c.FPDFPath_GetDrawMode, INT, ADDRESS, ADDRESS, ADDRESS)
STROKE_WIDTH = by_address(pdfium_c.FPDFPageObj_GetStrokeWidth, INT, ADDRESS, ADDRESS)
STROKE_COLOUR = by_address(pdfium_c.FPDFPageObj_GetStrokeColor, INT, *[ADDRESS] * 5)
FILL_COLOUR = by_address(pdfium_c.FPDFPageObj_GetFillColor, INT, *[ADDRESS] * 5)
BOUNDS = by_address(pdfium_c.FPDFPageObj_GetBounds, INT, *[ADDRESS] * 5)
PIXEL_SIZE = by_address(pdfium_c.FPDFImageObj_GetImagePixelSize, INT, *[ADDRESS] * 3)
COUNT_SEGMENTS = by_address(pdfium_c.FPDFPath_CountSegments, INT, ADDRESS)
TEXT_OBJECT_ADDRESS = by_address(pdfium_c.FPDFText_GetTextObject, ADDRESS, ADDRESS, INT)
IS_GENERATED = by_address(pdfium_c.FPDFText_IsGenerated, INT, ADDRESS, INT)
UNICODE_OF = by_address(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint, ADDRESS, INT)
# (text page, char index, x, y: the addresses of two c_doubles)
CHAR_ORIGIN = by_address(pdfium_c.FPDFText_GetCharOrigin, INT, ADDRESS, INT, ADDRESS, ADDRESS)
SEGMENT_AT = by_address(pdfium_c.FPDFPath_GetPathSegment, ADDRESS, ADDRESS, INT)
SEGMENT_TYPE = by_address(pdfium_c.FPDFPathSegment_GetType, INT, ADDRESS)
# (segment, x, y: the addresses of two c_floats)
SEGMENT_POINT = by_address(pdfium_c.FPDFPathSegment_GetPoint, INT, ADDRESS, ADDRESS, ADDRESS)
SEGMENT_CLOSES = by_address(pdfium_c.FPDFPathSegment_GetClose, INT, ADDRESS)


# Six C floats as Python floats, in one call (a matrix: indexing a ctypes array six times
# costs twice as much).
SIX_FLOATS = struct.Struct("6f").unpack_from


class OutParameters:
    """The out-parameters PDFium's getters write to, made once a page (`PDFIUM_LOCK` is held
    while a page is read: one reader at a time), and their addresses: a ctypes value made
    for each call cost more than the call (FS_MATRIX: 7 µs, the call by address 0.4 µs)."""

    def __init__(self) -> None:
        self.floats = (ctypes.c_float * 6)()  # a matrix (FS_MATRIX: six floats), or a box
        self.uints = (ctypes.c_uint * 4)()  # a colour's r, g, b, a
        self.ints = (ctypes.c_int * 2)()  # a path's fill mode and whether it is stroked
        floats, uints, ints = (ctypes.addressof(v) for v in (self.floats, self.uints, self.ints))
        self.float_at = tuple(floats + i * ctypes.sizeof(ctypes.c_float) for i in range(6))
        self.uint_at = tuple(uints + i * ctypes.sizeof(ctypes.c_uint) for i in range(4))
        self.int_at = tuple(ints + i * ctypes.sizeof(ctypes.c_int) for i in range(2))

    def matrix(self, obj: int) -> tuple[float, ...] | None:
        """A page object's matrix (a, b, c, d, e, f); None where PDFium gives none."""
        if not GET_MATRIX(obj, self.float_at[0]):
            return None
        return SIX_FLOATS(self.floats)

    def float_of(self, getter: Any, obj: int) -> float:
        """A getter's one float (a font size, a stroke width); 0 where it gives none."""
        return self.floats[0] if getter(obj, self.float_at[0]) else 0.0

    def colour(self, getter: Any, obj: int) -> tuple[float, ...] | None:
        """A path's stroke or fill colour (STROKE_COLOUR, FILL_COLOUR) as RGB from 0 to 1."""
        if not getter(obj, *self.uint_at):
            return None
        rgb = self.uints
        return (rgb[0] / 255, rgb[1] / 255, rgb[2] / 255)

    def draw_mode(self, obj: int) -> tuple[int, bool]:
        """A path's fill mode (FPDF_FILLMODE_…) and whether it is stroked."""
        if not DRAW_MODE(obj, *self.int_at):
            return pdfium_c.FPDF_FILLMODE_NONE, False
        return self.ints[0], bool(self.ints[1])


class CharReader:
    """Chars as pdfminer makes them (LTChar): PDFium gives each glyph's origin, and its text
    object's matrix and font size; the content stream's scan its font and code, hence its
    text, advance and descent. One loop over a page's glyphs: it is the reader's hot path, so
    what a text object or a glyph gives is read once and the loop calls no function of its
    own for a glyph neither turned nor skewed. `glyphs`: what each glyph gives, kept by the
    document for all its pages (`PdfiumDocument.read`), for the same `font_key`."""

    def __init__(
        self,
        height: float,
        out: OutParameters,
        font_key: FontKey,
        glyphs: dict[Glyph, GlyphFacts],
    ) -> None:
        self.height = height
        self._out = out
        self._font_key = font_key
        self._font_keys: dict[int, int] = {}  # by the font's id
        self._objects: dict[int, TextObject] = {}
        self._glyphs = glyphs

    def object_state(self, key: int) -> TextObject:
        """The text object's matrix (a, b, c, d, e, f: the text page's chars carry the same)
        and font size, read once per object (`key`: its address)."""
        state = self._objects.get(key)
        if state is None:
            out = self._out
            if not GET_MATRIX(key, out.float_at[0]):
                raise ValueError("a text object without a matrix")  # the careful reader's
            a, b, c, d, e, f = SIX_FLOATS(out.floats)  # `OutParameters.matrix`, inline
            size = out.floats[0] if FONT_SIZE(key, out.float_at[0]) else 0.0  # `float_of`
            state = (a, b, c, d, size, b == 0 and c == 0, a * d > 0 and b * c <= 0, e, f)
            self._objects[key] = state
        return state

    def glyph(self, glyph: Glyph) -> GlyphFacts:
        """What a glyph gives its chars (`GlyphFacts`), read once a document."""
        known = self._glyphs.get(glyph)
        if known is None:
            font, code = glyph
            font_key = self._font_keys.get(id(font))
            if font_key is None:
                font_key = self._font_keys[id(font)] = self._font_key(font)
            text = glyph_text(font, code)
            known = self._glyphs[glyph] = (
                text,
                font.char_width(code),
                font.get_descent(),
                has_fractional_width(font, code),
                (font_key, code),
                ord(text) if text in PAIRED_LETTERS else -1,
            )
        return known

    def chars(
        self, text_page: int, ordered: list[Placed], glyphs: PageGlyphs
    ) -> list[PdfChar] | Handover:
        """The page's chars (`text_page`: the address of PDFium's); FRACTIONAL_WIDTHS where
        PDFium placed a glyph off by the fraction of the width of the glyph before it
        (`places_off`)."""
        height = self.height
        point = (ctypes.c_double * 2)()
        x_ref = ctypes.addressof(point)
        y_ref = x_ref + ctypes.sizeof(ctypes.c_double)
        origin, unicode_of = CHAR_ORIGIN, UNICODE_OF
        objects, known_glyphs = self._objects, self._glyphs
        object_state, glyph_facts = self.object_state, self.glyph
        chars: list[PdfChar] = []
        append = chars.append
        fraction: tuple[Any, ...] | None = None  # (line, object, end) of a fractional glyph
        for (index, key, moved), glyph in zip(ordered, glyphs.codes, strict=True):
            known = known_glyphs.get(glyph)
            if known is None:
                known = glyph_facts(glyph)
            text, width, descent, fractional, glyph_key, letter = known
            state = objects.get(key)
            if state is None:
                state = object_state(key)
            a, b, c, d, size, straight, upright, e, f = state
            if index != LEFT_OUT_GLYPH:  # (one the text page left out starts where its object does)
                # Glyphs are paired with the stream's codes by their order (`in_stream_order`);
                # a letter's own text in PDFium, from the same font, checks the pairing (marks
                # are left out: a producer's map may give a mark the text of another, read
                # alike by neither).
                if letter >= 0 and unicode_of(text_page, index) != letter:
                    return Handover.GLYPH_ORDER
                origin(text_page, index, x_ref, y_ref)
                e, f = point[0], point[1]
            if fraction is not None or fractional:
                line = (a, b, c, d, f) if straight else (a, b, c, d)
                if fraction is not None and places_off(
                    fraction, (line, key, moved), e, size, glyphs
                ):
                    return Handover.FRACTIONAL_WIDTHS
            advance = width * size
            fraction = (line, key, e + a * advance) if fractional else None
            if not straight:
                char = char_dict(text, (a, b, c, d, e, f), advance, descent * size, size, height)
                char["glyph"] = glyph_key
                append(char)
                continue
            # `char_dict` for b = c = 0, inline: the same arithmetic, in the same order.
            x0, x1 = e, a * advance + e
            y0, y1 = d * (descent * size) + f, d * (descent * size + size) + f
            x0, x1 = (x1 if x1 < x0 else x0), (x1 if x1 > x0 else x0)  # as min(), max()
            y0, y1 = (y1 if y1 < y0 else y0), (y1 if y1 > y0 else y0)
            tall = y1 - y0
            append(
                {
                    "text": text,
                    "x0": x0,
                    "x1": x1,
                    "y0": y0,
                    "y1": y1,
                    "top": height - y1,
                    "bottom": height - y0,
                    "width": x1 - x0,
                    "height": tall,
                    "size": tall,
                    "matrix": (a, b, c, d, e, f),
                    "upright": upright,
                    "glyph": glyph_key,
                }
            )
        return chars


def places_off(
    fraction: tuple[Any, ...],
    glyph: tuple[tuple[Any, ...], int, bool],
    x: float,
    size: float,
    glyphs: PageGlyphs,
) -> bool:
    """Whether PDFium placed this glyph (its line, text object, and whether a text-positioning
    operator placed it) off: it follows one of a fractional width on its line, in the same text
    object, or where the next operator would show it with no move between (it starts where
    that one ends; any glyph on the line where the stream spaces glyphs). A glyph on another
    line, or placed anew by the stream (Chromium's Td before each glyph), is not."""
    on_line, in_object, end = fraction
    line, key, moved = glyph
    if on_line != line:
        return False
    if in_object == key:
        return True
    if moved:  # where the stream's own numbers put it, whatever the glyph before it
        return False
    if glyphs.spaced:
        return True
    return len(line) == 4 or abs(x - end) <= CONTINUING_EM * size


def apply(matrix: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def char_dict(
    text: str, matrix: tuple[float, ...], advance: float, descent: float, size: float, height: float
) -> PdfChar:
    """pdfminer's LTChar for a horizontal font, as pdfplumber gives it (the same arithmetic:
    with b = c = 0 the terms left out are exact zeros)."""
    a, b, c, d, e, f = matrix
    if b == 0 and c == 0:
        x0, y0, x1, y1 = e, d * descent + f, a * advance + e, d * (descent + size) + f
    else:
        x0, y0 = apply(matrix, 0.0, descent)
        x1, y1 = apply(matrix, advance, descent + size)
    x0, x1 = min(x0, x1), max(x0, x1)
    y0, y1 = min(y0, y1), max(y0, y1)
    return {
        "text": text,
        # mypy cannot tell that a PdfBox holds no other key (PEP 728 `closed`, after 3.11)
        **box_fields(x0, y0, x1, y1, height),  # type: ignore[typeddict-item]
        "size": y1 - y0,
        "matrix": matrix,
        "upright": a * d > 0 and b * c <= 0,
    }


def box_fields(x0: float, y0: float, x1: float, y1: float, height: float) -> PdfBox:
    """A box as pdfplumber gives it: PDF coordinates (y up), and `top`, `bottom` from the top."""
    return {
        "x0": x0,
        "x1": x1,
        "y0": y0,
        "y1": y1,
        "top": height - y1,
        "bottom": height - y0,
        "width": x1 - x0,
        "height": y1 - y0,
    }


# --- Paths and images ---------------------------------------------------------------------

SEGMENT_OPERATORS = {
    pdfium_c.FPDF_SEGMENT_MOVETO: "m",
    pdfium_c.FPDF_SEGMENT_LINETO: "l",
    pdfium_c.FPDF_SEGMENT_BEZIERTO: "c",
}


NO_MATRIX = (0.0,) * 6  # what a path object without one is read with
NO_FILL, EVEN_ODD = pdfium_c.FPDF_FILLMODE_NONE, pdfium_c.FPDF_FILLMODE_ALTERNATE
# A path's paint, as its shapes carry it: stroke, fill, evenodd, linewidth, stroking_color,
# non_stroking_color (`PdfPaint`'s keys, in its order).
Paint = tuple[bool, bool, bool, float, tuple[float, ...] | None, tuple[float, ...] | None]


def path_shapes(obj: int, height: float, out: OutParameters) -> tuple[Paint, list[PdfShape]]:
    """A path object (its address) → its paint as PDFium gives it, and pdfminer's shapes (one
    per subpath): line, rect or curve dicts."""
    matrix = out.matrix(obj) or NO_MATRIX
    fill_mode, stroke = out.draw_mode(obj)
    paint: Paint = (
        stroke,
        fill_mode != NO_FILL,
        fill_mode == EVEN_ODD,
        out.float_of(STROKE_WIDTH, obj),
        out.colour(STROKE_COLOUR, obj),
        out.colour(FILL_COLOUR, obj),
    )
    shapes = []
    for operators, points in subpaths(obj, matrix, out):
        kind = classify(operators, points)
        if kind is not None:
            shapes.append(shape_dict(kind, points, paint, height))
    return paint, shapes


def subpaths(
    path: int, matrix: tuple[float, ...], out: OutParameters
) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    """Each subpath: its operators as pdfminer spells them (m, l, c, h) and its points in
    page space, one per operator (a curve's end point; `h` the subpath's start)."""
    a, b, c, d, e, f = matrix  # `apply`, inline: the same arithmetic
    operator_of = SEGMENT_OPERATORS.get
    operators = ""
    points: list[tuple[float, float]] = []
    bezier = 0
    for x, y, kind, closes in path_segments(path, out):
        operator = operator_of(kind, "?")
        if operator == "m" and operators:
            yield operators, points
            operators, points = "", []
        elif operator == "c":
            bezier = (bezier + 1) % 3
            if bezier:  # a control point: pdfminer keeps only the curve's end point
                continue
        point = (a * x + c * y + e, b * x + d * y + f)
        if closes:
            operators += operator + "h"
            points += (point, points[0] if points else point)
        else:
            operators += operator
            points.append(point)
    if operators:
        yield operators, points


# A path's segment as PDFium keeps it (CFX_Path::Point): its point's x and y as floats, its
# type (its FPDF_SEGMENT_ number) and whether it closes the subpath as a byte each, padded to
# 12 bytes; a path keeps them one after another. Read so in one call where
# `segments_lie_in_memory` (checked once, on a path made for it, against PDFium's getters):
# four calls a segment otherwise, a third of the time of reading a page's paths.
SEGMENT_RECORD = struct.Struct("=ffBB2x")
Segment = tuple[float, float, int, int]  # x, y, type, closes


def path_segments(path: int, out: OutParameters) -> list[Segment]:
    """A path object's segments (its address), from its array where its first and last lie
    as far apart as the array says, else one by one."""
    count = COUNT_SEGMENTS(path)
    if count <= 0:
        return []
    if segments_lie_in_memory():
        first = SEGMENT_AT(path, 0)
        size = SEGMENT_RECORD.size
        if first and (count == 1 or SEGMENT_AT(path, count - 1) == first + (count - 1) * size):
            return list(SEGMENT_RECORD.iter_unpack(ctypes.string_at(first, count * size)))
    return segments_one_by_one(path, count, out)


def segments_one_by_one(path: int, count: int, out: OutParameters) -> list[Segment]:
    """A path's segments by PDFium's getters (a point it does not give reads as the one before,
    the first as 0, 0)."""
    x_at, y_at = out.float_at[:2]
    xy = out.floats
    xy[0] = xy[1] = 0.0
    segments = []
    for index in range(count):
        segment = SEGMENT_AT(path, index)
        kind = SEGMENT_TYPE(segment)
        SEGMENT_POINT(segment, x_at, y_at)
        segments.append((xy[0], xy[1], kind, SEGMENT_CLOSES(segment)))
    return segments


@cache  # asked once, on the first path read
def segments_lie_in_memory() -> bool:
    """Whether `SEGMENT_RECORD` reads a path's segments as PDFium's getters give them: checked
    on a path of every kind of segment, closed, made (and destroyed) here."""
    with PDFIUM_LOCK:
        made = pdfium_c.FPDFPageObj_CreateNewPath(1.5, -2.25)
        if not made:
            return False
        try:
            pdfium_c.FPDFPath_LineTo(made, 3.125, 4.75)
            pdfium_c.FPDFPath_BezierTo(made, 5.5, 6.0, -7.25, 8.0, 9.125, 10.5)
            pdfium_c.FPDFPath_Close(made)
            pdfium_c.FPDFPath_MoveTo(made, 11.0, 12.0)
            pdfium_c.FPDFPath_LineTo(made, 13.0, 14.0)
            path = address_of(made)
            count = COUNT_SEGMENTS(path)
            size = SEGMENT_RECORD.size
            first = SEGMENT_AT(path, 0)
            if count != 7 or any(SEGMENT_AT(path, i) != first + i * size for i in range(count)):
                return False
            by_getters = segments_one_by_one(path, count, OutParameters())
            read = list(SEGMENT_RECORD.iter_unpack(ctypes.string_at(first, count * size)))
            kinds = {kind for _, _, kind, _ in by_getters}
            return read == by_getters and kinds == set(SEGMENT_OPERATORS)
        finally:
            pdfium_c.FPDFPageObj_Destroy(made)


def classify(operators: str, points: list[tuple[Any, ...]]) -> str | None:
    """pdfminer's `paint_path` for one subpath: which object it makes (None: none)."""
    if operators[:1] != "m":
        return None
    if len(operators) > 3 and operators[-2:] == "lh" and points[-2] == points[0]:
        operators = operators[:-2] + "h"
        points.pop(-2)
    if operators in ("mlh", "ml"):
        return "line"
    if operators in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        return "rect" if points[0] == points[4] and square else "curve"
    return "curve"


def shape_dict(kind: str, points: list[tuple[Any, ...]], paint: Paint, height: float) -> PdfShape:
    """One shape as pdfplumber gives it (`box_fields`, its points from the top, `PdfPaint`),
    made in one step: a page draws thousands."""
    if kind == "line":
        points = points[:2]
    if kind == "rect":  # its box from two opposite corners (min and max of two, inline)
        (ax, ay), (bx, by) = points[0], points[2]
        x0, x1 = (bx if bx < ax else ax), (bx if bx > ax else ax)
        y0, y1 = (by if by < ay else ay), (by if by > ay else ay)
    else:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    stroke, fill, evenodd, linewidth, stroking_color, non_stroking_color = paint
    return {
        "object_type": kind,
        **box_fields(x0, y0, x1, y1, height),
        "pts": [(px, height - py) for px, py in points],
        "stroke": stroke,
        "fill": fill,
        "evenodd": evenodd,
        "linewidth": linewidth,
        "stroking_color": stroking_color,
        "non_stroking_color": non_stroking_color,
    }


def image_of(obj: int, height: float) -> PdfImage:
    """An image object (its address) → pdfplumber's image: its box and pixel size."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    BOUNDS(obj, *(ctypes.addressof(v) for v in (left, bottom, right, top)))
    width, pixels_high = ctypes.c_uint(), ctypes.c_uint()
    PIXEL_SIZE(obj, ctypes.addressof(width), ctypes.addressof(pixels_high))
    box = box_fields(left.value, bottom.value, right.value, top.value, height)
    return {
        **box,  # type: ignore[typeddict-item]  # as in `char_dict`
        "srcsize": (width.value, pixels_high.value),
    }


def is_tinted_mark(shape: PdfShape) -> bool:
    """A shape small enough to be a mark in neither black nor white: its ink depends on its
    colour space, which PDFium gives only as RGB bytes."""
    size = max(shape["width"], shape["height"])
    if not TOLERANCES.mark_min <= size <= TOLERANCES.mark_max:
        return False
    return not all(
        color is not None and len(set(color)) == 1 and color[0] in (0.0, 1.0)
        for color in (shape["stroking_color"], shape["non_stroking_color"])
    )


# --- A tinted mark's colour, as the content stream writes it --------------------------------

# PDFium gives a path's colours as RGB bytes; pdfminer as the stream's numbers, and a small
# shape's ink (a status box's) is measured from them. Where a small shape is neither black nor
# white, the page's stream is read for the colours each painted path is given (`path_paints`),
# as pdfminer takes them: a grey (g, G), RGB (rg, RG) or CMYK (k, K), each from exactly as many
# numbers as it takes; anything else (a colour space, sc, scn, a pattern) leaves the colour
# unknown. Each painting operator (S, f, B … but n) of a path of two points or more makes one
# PDFium path object: the two lists are paired in order, and the pairing holds only where they
# count alike and every known colour is the one PDFium gives, to its byte.
# Operators that neither colour, save, build nor paint a path: with their operands they only
# clear the operands (text, marked content, graphics state other than colour).
PASSING_OPERATORS = (
    *(b"BT", b"ET", b"Tf", b"Td", b"TD", b"Tm", b"T*", b"Tj", b"TJ", b"'", b'"'),
    *(b"Tc", b"Tw", b"Tz", b"TL", b"Tr", b"Ts", b"d0", b"d1"),
    *(b"BDC", b"BMC", b"EMC", b"MP", b"DP", b"BX", b"EX"),
    *(b"cm", b"gs", b"w", b"J", b"j", b"M", b"d", b"ri", b"i", b"W", b"W*", b"sh", b"Do"),
)
# Operands that may come before a passing operator: a number, a name, a string, an array's
# or a dictionary's brackets (each ends at a delimiter, as the lexer's alternatives below).
NUMBER = rb"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?![^\s\[\]()<>{}/%])"  # ending at a delimiter
PASSING_OPERAND = (
    NUMBER + rb"|/[^\s\[\]()<>{}/%]*|\((?:[^()\\]|\\.)*\)|<<|>>|<[0-9A-Fa-f\s]*>|[\[\]{}]"
)
PDF_LEXEME = re.compile(
    # A run of passing operators with their operands, one match (Chromium's text is most of a
    # stream's words): it leaves the operands cleared, as each of its operators would. Each
    # step is taken whole (possessive), so that a run ending in any other word is given up in
    # one pass, and the tokens read one by one.
    rb"(?P<passing>(?:(?:(?:"
    + PASSING_OPERAND
    + rb")\s*)*+(?:"
    + b"|".join(re.escape(op) for op in sorted(PASSING_OPERATORS, key=len, reverse=True))
    + rb")(?![^\s\[\]()<>{}/%])\s*)++)"
    # A word (an operator), with the run of numbers before it if any, one match (a path's
    # coordinates are most of a stream's words); each number is followed by a delimiter, so
    # that whitespace alone parts them, and a run is taken whole (possessive).
    rb"|(?P<word>(?P<numbers>(?:" + NUMBER + rb"\s*)++)?+(?P<operator>[^\s\[\]()<>{}/%]+))"
    # A run of numbers before anything else.
    rb"|(?P<number>(?:" + NUMBER + rb"\s*)+)"
    rb"|(?P<string>\((?:[^()\\]|\\.)*\))"
    rb"|(?P<open>\()"
    rb"|(?P<name>/[^\s\[\]()<>{}/%]*)"
    rb"|(?P<comment>%[^\r\n]*)"
    rb"|(?P<other><<|>>|<[0-9A-Fa-f\s]*>|[\[\]{}<>)])",
    re.DOTALL,
)
NUMBER_START = frozenset(b"+-.0123456789")
# Colour operators: how many numbers each takes, and whether it sets the stroking colour.
COLOUR_OPERATORS = {
    b"g": (1, False),
    b"G": (1, True),
    b"rg": (3, False),
    b"RG": (3, True),
    b"k": (4, False),
    b"K": (4, True),
}
# Operators after which a colour is not plainly the stream's numbers (pdfminer keeps the colour
# where PDFium resets it to the space's first, or takes a pattern or a space's components).
UNSAID_COLOUR = {b"cs": False, b"sc": False, b"scn": False, b"CS": True, b"SC": True, b"SCN": True}
PATH_POINTS = {b"m": 1, b"l": 1, b"c": 3, b"v": 2, b"y": 2, b"re": 5}
PAINTING = frozenset({b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"})
# A shape's colour as pdfplumber gives it, pdfminer's own: a grey a number (an int 0 before
# any is set: black), RGB and CMYK tuples; None: unknown.
Colour = float | tuple[float, ...] | None
INITIAL_COLOUR: Colour = 0


def path_paints(data: bytes) -> list[tuple[Colour, Colour]] | None:
    """(stroking, non-stroking colour) of each path the stream paints, in order, as pdfminer
    gives them; None where a path of a single point is painted (PDFium may make no object), or
    a word PDFium and pdfminer read otherwise."""
    stroke: Colour = INITIAL_COLOUR
    fill: Colour = INITIAL_COLOUR
    saved: list[tuple[Colour, Colour]] = []
    operands: list[bytes | None] = []  # since the last operator: numbers, None for the others
    points = 0
    paints: list[tuple[Colour, Colour]] = []
    position = 0
    while True:
        for match in PDF_LEXEME.finditer(data, position):
            kind = match.lastgroup
            if kind == "passing":
                operands = []
                continue
            if kind != "word":
                if kind == "number":
                    operands.extend(match.group().split())
                elif kind == "open":  # a literal string with nested parentheses
                    position = literal_end(data, match.start())
                    operands.append(None)
                    break
                elif kind != "comment":
                    operands.append(None)
                continue
            numbers, token = match.group("numbers", "operator")
            if numbers:
                operands.extend(numbers.split())
            if token[0] in NUMBER_START:  # `1rg`: pdfminer reads a number and an operator,
                return None  # PDFium neither
            if token in COLOUR_OPERATORS:
                count, stroking = COLOUR_OPERATORS[token]
                numbers = said_colour(operands, count)
                stroke, fill = (numbers, fill) if stroking else (stroke, numbers)
            elif token in UNSAID_COLOUR:
                stroke, fill = (None, fill) if UNSAID_COLOUR[token] else (stroke, None)
            elif token == b"q":
                saved.append((stroke, fill))
            elif token == b"Q" and saved:
                stroke, fill = saved.pop()
            elif token in PATH_POINTS:
                points += PATH_POINTS[token]
            elif token in PAINTING or token == b"n":
                if points == 1:
                    return None
                if points and token != b"n":
                    paints.append((stroke, fill))
                points = 0
            elif token == b"BI":
                position = inline_image_end(data, match.end())
                operands = []
                break
            operands = []
        else:
            return paints


def said_colour(operands: list[bytes | None], count: int) -> Colour:
    """A colour operator's numbers as pdfminer takes them (floats: a grey's one alone, a tuple
    for the others), where it was given exactly as many numbers as it takes; None otherwise."""
    if len(operands) != count or None in operands:
        return None
    numbers = tuple(float(value) for value in operands if value is not None)
    return numbers[0] if count == 1 else numbers


def paint_tinted_marks(paths: list[tuple[Paint, list[PdfShape]]], data: bytes) -> bool:
    """Give each tinted small shape its colours as the stream writes them; False where the
    stream's paths cannot be paired with PDFium's (`paths`: each path object's paint as PDFium
    gives it, and its shapes), or a tinted shape's colour is unknown."""
    paints = path_paints(data)
    if paints is None or len(paints) != len(paths):
        return False
    for (paint, _), (stroke, fill) in zip(paths, paints, strict=True):
        if not (same_colour(paint[4], stroke) and same_colour(paint[5], fill)):
            return False
    for (_, shapes), (stroke, fill) in zip(paths, paints, strict=True):
        for shape in shapes:
            if not is_tinted_mark(shape):
                continue
            if stroke is None or fill is None:
                return False
            shape["stroking_color"], shape["non_stroking_color"] = stroke, fill
    return True


def same_colour(rgb: tuple[float, ...] | None, colour: Colour) -> bool:
    """Whether PDFium's RGB bytes are this colour of the stream's, to the byte (a CMYK colour,
    which PDFium turns to RGB its own way, and an unknown one, are not compared)."""
    if rgb is None or colour is None:
        return True
    values = colour if isinstance(colour, tuple) else (colour,)
    if len(values) == 4:
        return True
    expected = values * 3 if len(values) == 1 else values
    return len(expected) == 3 and all(
        abs(byte - min(max(value, 0.0), 1.0)) <= 1.001 / 255
        for byte, value in zip(rgb, expected, strict=True)
    )
