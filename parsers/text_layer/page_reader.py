"""pdfplumber page → PageContent: the only module that touches pdfplumber's page objects.

Each page is read once (characters, lines, rects, curves, images, widgets) and closed:
pdfplumber otherwise keeps about 4 MB per page.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise, permutations
from typing import Any, TypeVar, cast

from pdfminer.pdfinterp import PDFPageInterpreter
from pdfplumber.page import PDFPageAggregatorWithMarkedContent
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.text import dedupe_chars

from parsers.language import vocabulary as vocab
from parsers.language.text_quality import dictionary_share
from parsers.language.thai_text import Repair
from parsers.layout.geometry import find_grids, segments_from_objects
from parsers.layout.orientation import UPRIGHT, reading_direction, turn_all, turned_size
from parsers.layout.page import Mark, PageContent, Word
from parsers.layout.page_objects import (
    PdfAnnot,
    PdfChar,
    PdfCurve,
    PdfImage,
    PdfLine,
    PdfObject,
    PdfRect,
    PdfShape,
)
from parsers.layout.tolerances import TOLERANCES
from parsers.safety.rejection import Rejected
from parsers.text_layer.clusters import MARK_TEXTS, UNMAPPED_TEXTS, font_size, merge_marks
from parsers.text_layer.font_mapping import FONT_REPAIRS, DocumentFonts
from parsers.text_layer.pdfium_reader import (
    PDFIUM,
    PDFMINER,
    Handover,
    PageObjects,
    PdfiumDocument,
    page_box_handover,
    page_glyphs,
    refuse_font_bombs,
)
from parsers.text_layer.text_lines import chars_to_lines
from parsers.text_layer.widgets import widget_marks

Found = TypeVar("Found", bound=PdfObject)  # chars, shapes, images or annots: each kept its kind


def read_page(page: Any, fonts: DocumentFonts | None = None) -> PageContent:
    """One page, by the careful reader (pdfplumber). `fonts` holds the decisions about the
    document's fonts: pass the same one for every page of a document, then call settle_pages
    once all are read."""
    fonts = fonts if fonts is not None else DocumentFonts()
    try:
        return page_content(PageView.of(page, fonts), page.page_number, fonts, page)
    finally:
        page.close()


def read_page_fast(page: Any, fonts: DocumentFonts, pdfium: PdfiumDocument) -> PageContent:
    """One page by PDFium where it reads it as pdfplumber would, else by the careful reader;
    the page says which read it and why not PDFium (parsers.text_layer.pdfium_reader)."""
    try:
        read = pdfium_objects(page, fonts, pdfium)
    except Rejected:  # past a cap PDFium lacks (`refuse_font_bombs`, glyphs)
        raise
    except Exception:  # a stream it cannot scan: the careful reader says what is wrong with it
        read = Handover.PDFIUM_FAILED
    if isinstance(read, Handover):
        content = read_page(page, fonts)
        content.reader, content.handover = PDFMINER, str(read)
        return content
    try:
        view = PageView.of_objects(read, page.annots, float(page.width), float(page.height))
        content = page_content(view, page.page_number, fonts, page)
    finally:
        page.close()
    content.reader = PDFIUM
    return content


def pdfium_objects(
    page: Any, fonts: DocumentFonts, pdfium: PdfiumDocument
) -> PageObjects | Handover:
    """The page's objects from PDFium, each char with its glyph (font key, code) as
    `chars_with_glyphs` gives the careful reader's; or why PDFium cannot read it."""
    refuse_font_bombs(page.page_obj.resources)
    reason = page_box_handover(page)
    if reason is not None:
        return reason
    glyphs = page_glyphs(page)
    if isinstance(glyphs, Handover):
        return glyphs
    return pdfium.read(page.page_number - 1, float(page.height), glyphs, fonts.key)


def page_content(
    view: PageView, number: int, fonts: DocumentFonts, page: Any | None
) -> PageContent:
    """A page's objects, read by either reader, → the page as the parser sees it."""
    text = page_text(view.chars, fonts, page)
    horizontals, verticals = segments_from_objects(view.lines, view.rects)
    cover = scan_cover(view)
    return PageContent(
        number=number,
        width=view.width,
        height=view.height,
        lines=text.lines,
        grids=find_grids(horizontals, verticals),
        marks=glyph_marks(text.chars) + drawn_marks(view) + widget_marks(view.annots),
        repairs=dict(text.repairs),
        unreadable_glyphs=text.unreadable,
        unsettled_chars=view.chars if text.undecided else None,
        turn=view.turn,
        scan_cover=cover,
        scan_dpi=scan_dpi(view) if cover >= vocab.SCAN_COVER else None,
        junk_layer=is_junk_layer(text.lines, cover),
    )


def scan_cover(view: PageView) -> float:
    """The share of the page the largest image covers (a scanned page: nearly all of it)."""
    area = view.width * view.height
    if not view.images or area <= 0:
        return 0.0
    return min(1.0, image_area(largest_image(view)) / area)


def largest_image(view: PageView) -> PdfImage:
    return max(view.images, key=image_area)


def image_area(image: PdfObject) -> float:
    return float((image["x1"] - image["x0"]) * (image["bottom"] - image["top"]))


def scan_dpi(view: PageView) -> float | None:
    """The resolution the page's largest image was scanned at: its pixels over its inches."""
    if not view.images:
        return None
    image = largest_image(view)
    width_inches = (image["x1"] - image["x0"]) / 72
    pixels = (image.get("srcsize") or (0, 0))[0]
    return pixels / width_inches if width_inches > 0 and pixels else None


def is_junk_layer(lines: list[list[Word]], cover: float) -> bool:
    """Text over a scan that is next to no Thai: a bad OCR pass left invisible Latin junk
    over a Thai report (contract 1.1: such a layer is unusable, the page read as an image)."""
    if cover < vocab.SCAN_COVER:
        return False
    letters = [ch for line in lines for word in line for ch in word.text if ch.isalpha()]
    if not letters:
        return False
    thai = sum(1 for ch in letters if "\u0e00" <= ch <= "\u0e7f")
    return thai / len(letters) < vocab.THAI_SHARE_OF_A_REPORT


@dataclass
class PageText:
    chars: list[PdfChar]  # the page's chars, repaired, before marks are merged into clusters
    lines: list[list[Word]]
    repairs: Counter[str]
    unreadable: int  # glyphs left without any text
    undecided: bool  # a glyph whose font waits for a decision over the whole document
    misread_marks: int = 0  # mark glyphs whose text contradicts their drawing, undecided


def page_text(chars: list[PdfChar], fonts: DocumentFonts, page: Any | None = None) -> PageText:
    """The page's chars as read → its lines, with every repair, counted by kind. Without
    `page` (a page read again once its document's fonts are decided), no /ActualText."""
    repairs: Counter[str] = Counter()
    chars = without_fake_bold(chars, repairs)
    glyphs = fonts.repair(chars)
    repairs.update(glyphs.repairs)
    lines = [
        [Word(w.x0, w.top, w.x1, w.bottom, w.text) for w in line.words]
        for line in chars_to_lines(merge_marks(glyphs.chars, page=page, repairs=repairs), repairs)
    ]
    return PageText(
        glyphs.chars, lines, repairs, glyphs.unreadable, glyphs.undecided, glyphs.misread_marks
    )


def settle_pages(pages: list[PageContent], fonts: DocumentFonts) -> None:
    """Once every page is read: the per-font decisions that need the whole document's text,
    the lines of the pages they concern read again, and each page showing damage measured."""
    unsettled = [page for page in pages if page.unsettled_chars is not None]
    if unsettled:
        fonts.decide_ambiguous(page.unsettled_chars or [] for page in unsettled)
        for page in unsettled:
            text = page_text(page.unsettled_chars or [], fonts)
            page.lines, page.repairs = text.lines, dict(text.repairs)
            page.unreadable_glyphs = text.unreadable
            page.misread_marks = text.misread_marks
            page.unsettled_chars = None
    for page in pages:
        if page.dictionary_share is None and shows_damage(page):
            measure_text(page)


def shows_damage(page: PageContent) -> bool:
    """Glyphs repaired per font, or left without text: the page's text is worth measuring."""
    if page.unreadable_glyphs > 0 or page.misread_marks > 0:
        return True
    return any(kind in FONT_REPAIRS for kind in page.repairs)


def measure_text(page: PageContent) -> PageContent:
    page.dictionary_share = dictionary_share(page.line_texts())
    return page


@dataclass
class PageView:
    """A page's objects, read once, in the frame where its text reads left to right."""

    width: float
    height: float
    chars: list[PdfChar]
    lines: list[PdfLine]
    rects: list[PdfRect]
    curves: list[PdfCurve]
    images: list[PdfImage]
    annots: list[PdfAnnot]
    turn: str = UPRIGHT  # how the page was turned into this frame (parsers.layout.orientation)

    @classmethod
    def of(cls, page: Any, fonts: DocumentFonts | None = None) -> PageView:
        chars = chars_with_glyphs(page, fonts) if fonts is not None else page.chars
        objects = PageObjects(chars, page.lines, page.rects, page.curves, page.images)
        return cls.of_objects(objects, page.annots, float(page.width), float(page.height))

    @classmethod
    def of_objects(
        cls, objects: PageObjects, annots: list[PdfAnnot], width: float, height: float
    ) -> PageView:
        """The objects of either reader, turned so that the page's text reads left to right."""
        turn = reading_direction(objects.chars)

        def turned(found: list[Found]) -> list[Found]:
            return turn_all(found, turn, width, height)

        return cls(
            *turned_size(turn, width, height),
            chars=turned(objects.chars),
            lines=turned(objects.lines),
            rects=turned(objects.rects),
            curves=turned(objects.curves),
            images=turned(objects.images),
            annots=turned(annots),
            turn=turn,
        )


class GlyphRecorder(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's own device, also noting each char's font and character code (pdfplumber's
    chars carry neither), in the order the chars are made."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.glyphs: list[tuple[Any, int]] = []

    def render_char(self, *args: Any) -> float:
        self.glyphs.append((args[1], args[5]))  # (font, cid): pdfminer passes them positionally
        return float(super().render_char(*args))


def chars_with_glyphs(page: Any, fonts: DocumentFonts) -> list[PdfChar]:
    """page.chars, each with `glyph` = (font key, character code) for the per-font repairs.

    The page is laid out by GlyphRecorder in place of pdfplumber's device (pdfplumber 0.11
    caches the layout in `page._layout`); when the layout is already made, or the counts
    disagree, the chars are pdfplumber's as they are.
    """
    if hasattr(page, "_layout"):
        return list(page.chars)
    device = GlyphRecorder(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    try:
        PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    except Exception as error:
        raise PdfminerException(error) from error
    page._layout = device.get_result()
    chars = page.chars
    if len(chars) != len(device.glyphs):
        return list(chars)
    keys: dict[int, int] = {}
    for char, (font, code) in zip(chars, device.glyphs, strict=True):
        key = keys.get(id(font))
        if key is None:
            key = keys[id(font)] = fonts.key(font)
        char["glyph"] = (key, code)
    return list(chars)


# Texts never counted as copies: combining marks, and glyphs without any text.
NOT_COPIES = frozenset(MARK_TEXTS) | UNMAPPED_TEXTS


def overlapping_copies(chars: list[PdfChar]) -> int:
    """How many glyphs are drawn again on top of an identical one (same text and size, a
    fraction of a point away, overlapping by over half the glyph's width): fake bold. Marks
    are left out: a mark drawn twice on one spot is a doubled mark, which thai_text repairs,
    and a monospace font's marks (Tlwg Typo) advance a whole cell, drawn back over their base,
    so that two different marks of one text, or of none, lie on one spot (ผู้ under WeasyPrint:
    the SARA UU glyph reads as the MAI THO drawn over it). Glyphs are grouped by text, size
    and line, and only a group of two or more is sorted left to right: cheap beside reading
    the page."""
    tolerance, zero_advance_em = TOLERANCES.duplicate_glyph, TOLERANCES.zero_advance_em
    groups: dict[tuple[str, float, int], list[tuple[float, float]]] = {}
    sizes: dict[float, float] = {}  # each size rounded once: a page has a few, and many chars
    for char in chars:
        text = char["text"]
        if text in NOT_COPIES or text.isspace():
            continue
        x0, x1 = char["x0"], char["x1"]
        if x1 - x0 < zero_advance_em * font_size(char):  # `has_zero_advance`, inline
            continue
        size = sizes.get(char["size"])
        if size is None:
            size = sizes[char["size"]] = round(char["size"], 1)
        key = (text, size, round(char["top"]))
        spans = groups.get(key)
        if spans is None:
            groups[key] = [(x0, x1)]
        else:
            spans.append((x0, x1))
    copies = 0
    for spans in groups.values():
        if len(spans) < 2:
            continue
        spans.sort()
        for (x0, x1), (next_x0, _) in pairwise(spans):
            if next_x0 - x0 <= min(tolerance, (x1 - x0) / 2):  # half the glyph's width at most
                copies += 1
    return copies


class IndexedChars(list[Any]):
    """A page's chars whose `index` is a look-up: pdfplumber's `dedupe_chars` puts the chars it
    keeps back in page order with `sorted(kept, key=chars.index)`, a scan per char (O(n²):
    twice the time of reading a page of 2,700 chars, a twentieth of it this way)."""

    def __init__(self, chars: list[PdfChar]) -> None:
        super().__init__(chars)
        self.positions = {id(char): position for position, char in enumerate(chars)}

    def index(self, char: Any, *_: Any) -> int:
        return self.positions[id(char)]


def without_fake_bold(chars: list[PdfChar], repairs: Counter[str]) -> list[PdfChar]:
    """The page's chars with each fake-bold glyph read once, by pdfplumber's `dedupe_chars`,
    which runs only where overlapping copies are found (it is no cheap check itself)."""
    if not overlapping_copies(chars):
        return chars
    kept = dedupe_chars(IndexedChars(chars), tolerance=TOLERANCES.duplicate_glyph)
    repairs[Repair.FAKE_BOLD] += len(chars) - len(kept)
    return cast(list[PdfChar], list(kept))  # the same dicts (pdfplumber types them loosely)


def glyph_marks(chars: list[PdfChar]) -> list[Mark]:
    marks = []
    for char in chars:
        text = char["text"]
        if text in vocab.CHECK_GLYPHS:
            kind = "glyph"
        elif text in vocab.EMPTY_BOX_GLYPHS:
            kind = "empty_glyph"
        else:
            continue
        marks.append(Mark(char["x0"], char["top"], char["x1"], char["bottom"], kind))
    return marks


def is_small(obj: PdfObject) -> bool:
    """A status box is small: anything larger is a table, a logo or a signature."""
    width, height = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
    return bool(TOLERANCES.mark_min <= max(width, height) <= TOLERANCES.mark_max)


def color_values(color: Any) -> tuple[float, ...] | None:
    """A colour as numbers (pdfplumber gives tuples or numbers); None for a pattern or name."""
    values = tuple(color) if isinstance(color, list | tuple) else (color,)
    if not all(isinstance(v, int | float) for v in values):
        return None
    return tuple(float(v) for v in values)


def is_white(color: Any) -> bool:
    """White paper: RGB or grey near 1, or CMYK near 0 (colours come as tuples or numbers)."""
    if color is None:
        return True
    values = color_values(color)
    if values is None:
        return False  # a pattern or named colour: treat as ink
    if len(values) == 4:
        return all(v <= 0.05 for v in values)
    return all(v >= 0.95 for v in values)


def darkness(color: Any, unset: float) -> float:
    """How dark a paint is, 0 (white) to 1 (black): one minus its luminance; `unset` when no
    colour is given, 1 for a pattern or a named colour."""
    if color is None:
        return unset
    values = color_values(color)
    if values is None:
        return 1.0
    if is_white(color):
        return 0.0
    if len(values) == 4:
        c, m, y, k = values
        values = tuple((1 - v) * (1 - k) for v in (c, m, y))
    if len(values) == 3:
        red, green, blue = values
        return 1.0 - (0.2126 * red + 0.7152 * green + 0.0722 * blue)
    return 1.0 - values[0]


def box_area(obj: PdfObject) -> float:
    return float((obj["x1"] - obj["x0"]) * (obj["bottom"] - obj["top"]))


def stroke_ink(obj: PdfShape) -> float:
    """A stroke's ink: its length times its width (a hairline given no width counts as
    `TOLERANCES.hairline`), times its darkness. No colour given draws black, as PDF does."""
    points = obj.get("pts") or [(obj["x0"], obj["top"]), (obj["x1"], obj["bottom"])]
    length = sum(math.dist(a, b) for a, b in pairwise(points))
    width = max(float(obj.get("linewidth") or 0.0), TOLERANCES.hairline)
    return length * width * darkness(obj.get("stroking_color"), unset=1.0)


def fill_ink(obj: PdfShape) -> float:
    """A filled shape's ink: the area of its box times its darkness (no colour given: none,
    as `is_white` reads it)."""
    return box_area(obj) * darkness(obj.get("non_stroking_color"), unset=0.0)


def drawn_marks(page: PageView) -> list[Mark]:
    """Ticks and crosses drawn as paths, and boxes filled with ink, small enough to be marks,
    each with its ink. A box's outline is no mark: white paint, and two nested squares filled
    even-odd (a ring, as WeasyPrint draws a check box), put no ink in it."""
    marks = []
    rings = even_odd_rings([*page.curves, *page.rects])
    for curve in page.curves:
        if not is_small(curve) or id(curve) in rings:
            continue
        if is_open_stroke(curve):
            marks.append(mark_of(curve, "tick", stroke_ink(curve)))
        elif curve.get("fill") and not is_white(curve.get("non_stroking_color")):
            marks.append(mark_of(curve, "filled_box", fill_ink(curve)))
    for line in page.lines:
        ink = TOLERANCES.ink_min
        diagonal = abs(line["x1"] - line["x0"]) > ink and abs(line["bottom"] - line["top"]) > ink
        if diagonal and is_small(line):
            marks.append(mark_of(line, "tick", stroke_ink(line)))
    for rect in page.rects:
        square = min(rect["width"], rect["height"]) >= TOLERANCES.filled_box_min
        inked = rect.get("fill") and not is_white(rect.get("non_stroking_color"))
        if square and inked and is_small(rect) and id(rect) not in rings:
            marks.append(mark_of(rect, "filled_box", fill_ink(rect)))
    for image in page.images:
        if is_small(image):
            marks.append(mark_of(image, "image", None))
    return [mark for mark in marks if mark.ink > 0]


def mark_of(obj: PdfObject, kind: str, ink: float | None) -> Mark:
    return Mark(obj["x0"], obj["top"], obj["x1"], obj["bottom"], kind, ink)


def even_odd_rings(shapes: list[PdfShape]) -> set[int]:
    """The ids of small shapes filled even-odd that nest in another of the same colour, the
    gap between them no wider than a rule (`TOLERANCES.thin`): the two edges of an outline.
    Nested shapes share their centre, so only shapes with the same centre are compared."""
    by_centre: dict[tuple[float, float], list[PdfShape]] = {}
    for shape in shapes:
        if shape.get("fill") and shape.get("evenodd") and is_small(shape):
            centre = ((shape["x0"] + shape["x1"]) / 2, (shape["top"] + shape["bottom"]) / 2)
            by_centre.setdefault((round(centre[0], 1), round(centre[1], 1)), []).append(shape)
    rings: set[int] = set()
    for group in by_centre.values():
        for outer, inner in permutations(group, 2):
            if is_ring(outer, inner):
                rings.update((id(outer), id(inner)))
    return rings


def is_ring(outer: PdfShape, inner: PdfShape) -> bool:
    if outer.get("non_stroking_color") != inner.get("non_stroking_color"):
        return False
    gaps = (
        inner["x0"] - outer["x0"],
        inner["top"] - outer["top"],
        outer["x1"] - inner["x1"],
        outer["bottom"] - inner["bottom"],
    )
    return all(0 < gap <= TOLERANCES.thin for gap in gaps)


def is_open_stroke(curve: PdfShape) -> bool:
    """A tick: a stroked path that does not close on itself (a box outline does)."""
    points = curve.get("pts") or []
    if not curve.get("stroke") or len(points) < 2 or len(points) > 8:
        return False
    (x_first, y_first), (x_last, y_last) = points[0], points[-1]
    return bool(abs(x_first - x_last) + abs(y_first - y_last) > TOLERANCES.ink_min)
