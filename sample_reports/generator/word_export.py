"""A word processor's PDF export in a TH Sarabun-style font, with one text-layer defect of real
Thai government PDFs written into it (issue 11, part 3).

The pages are laid out and drawn as reportlab_render draws them, in TLWG Laksaman (Debian's
clone of TH Sarabun). Each defect is then put into the PDF the way the real ones are:
- while drawing, as the glyphs a word processor emits: tone marks after SARA AM (นำ้),
  identical marks doubled (หน่่วย), bold faked by drawing each glyph twice a fraction of a point
  apart, zero-width spaces between words, titles set letter by letter (แ ผ น ป ฏิ บั ติ);
- afterwards, with pikepdf, in the fonts themselves: the SARA AA glyph's ToUnicode entry says
  SARA AM; glyphs with no ToUnicode entry at all, read as (cid:N), while the embedded font
  program still names them; SARA U mapped to nothing in one font while a twin font of the same
  outlines maps it; a memo page whose font maps no Thai glyph at all (unusable);
- both: Word's one-code SARA AA error, as real exports in TH Sarabun have it: every SARA AM is
  drawn as NIKHAHIT + SARA AA (the NIKHAHIT before any tone mark, as Uniscribe and HarfBuzz
  order it), then the font's one SARA AA code is mapped to SARA AM and the NIKHAHIT glyph's
  entry to a space, a zero-width space or nothing (`nikhahit_maps_to`).
Every defect but the last can be repaired, so the expected document is the report's own; the
last leaves the memo page unusable (the catalogue marks it so).
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

import pdfplumber
import pikepdf
from fontTools.ttLib import TTFont as FontFile
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from sample_reports.generator import reportlab_render as rr
from sample_reports.generator import wording as w
from sample_reports.generator.layout import Layout, PageKind
from sample_reports.generator.model import Report
from sample_reports.generator.producers import Producer

LAKSAMAN = rr.TLWG / "Laksaman.ttf"
LAKSAMAN_BOLD = rr.TLWG / "Laksaman-Bold.ttf"
ZWSP = "\u200b"
SARA_AA, SARA_AM, SARA_U, NIKHAHIT = "\u0e32", "\u0e33", "\u0e38", "\u0e4d"
TONE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b"
UPPER_MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c"
# The glyphs left without a ToUnicode entry in the glyph-names sample: frequent vowels.
UNMAPPED = "\u0e31\u0e34\u0e38"  # MAI HAN-AKAT, SARA I, SARA U
FAKE_BOLD_OFFSET = 0.3  # points between the two strokes of a fake bold glyph
TITLE_SIZE = 14  # bold text this large is a title (memo and cover titles)
LETTER_GAP = 0.3  # of the font size, between the letters of a letter-spaced title


class Defect(StrEnum):
    SARA_AA = "sara-aa"
    SARA_AA_ONE_CODE = "sara-aa-one-code"
    MARK_AFTER_SARA_AM = "mark-after-sara-am"
    DOUBLED_MARKS = "doubled-marks"
    FAKE_BOLD = "fake-bold"
    ZERO_WIDTH_SPACES = "zero-width-spaces"
    LETTER_SPACED_TITLES = "letter-spaced-titles"
    CID_GLYPH_NAMES = "cid-glyph-names"
    VANISHING_VOWEL = "vanishing-vowel"
    UNUSABLE_PAGE = "unusable-page"


# --- what the word processor emits ------------------------------------------------------


def mark_after_sara_am(text: str) -> str:
    """น้ำ -> นำ้: the tone mark emitted after SARA AM, as it sits above it on the page."""
    return re.sub(f"([{TONE_MARKS}]){SARA_AM}", rf"{SARA_AM}\1", text)


def doubled_marks(text: str) -> str:
    """หน่วย -> หน่่วย: every upper vowel and tone mark drawn twice, on the same spot."""
    return re.sub(f"([{UPPER_MARKS}])", r"\1\1", text)


def zero_width_spaces(text: str) -> str:
    """A zero-width space between each two adjacent Thai words."""
    words = rr.thai_words(text)
    out = list(words[:1])
    for previous, word in itertools.pairwise(words):
        if any(map(rr.is_thai, previous[-1:])) and any(map(rr.is_thai, word[:1])):
            out.append(ZWSP)
        out.append(word)
    return "".join(out)


def split_sara_am(text: str) -> str:
    """น้ำ -> น + NIKHAHIT + ้ + SARA AA: SARA AM drawn in two glyphs, the NIKHAHIT first."""
    return re.sub(f"([{TONE_MARKS}]*){SARA_AM}", rf"{NIKHAHIT}\1{SARA_AA}", text)


# What a one-code export's NIKHAHIT glyph maps to ("": no entry at all, read as (cid:N)).
NIKHAHIT_MAPPINGS = (" ", ZWSP, "")

TEXT_DEFECTS: dict[Defect, Callable[[str], str]] = {
    Defect.SARA_AA_ONE_CODE: split_sara_am,
    Defect.MARK_AFTER_SARA_AM: mark_after_sara_am,
    Defect.DOUBLED_MARKS: doubled_marks,
    Defect.ZERO_WIDTH_SPACES: zero_width_spaces,
}


class WordWriter(rr.Writer):
    """Draws as a word processor exports: the text as emitted, fake bold, spaced titles."""

    def __init__(self, canvas: Canvas, fonts: rr.FontSet, defect: Defect):
        super().__init__(canvas, fonts)
        self.defect = defect
        self.fake_bold = defect == Defect.FAKE_BOLD

    def runs(self, text: str, bold: bool) -> list[tuple[str, str]]:
        return super().runs(text, bold and not self.fake_bold)

    def draw(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        bold: bool = False,
        align: str = "left",
        font: str | None = None,
    ) -> None:
        if font is not None:  # handwriting and check marks: not the word processor's text
            super().draw(x, y, text, size, bold, align, font)
            return
        if self.defect == Defect.LETTER_SPACED_TITLES and bold and size >= TITLE_SIZE:
            self.draw_spaced(x, y, text, size, align)
            return
        text = TEXT_DEFECTS.get(self.defect, lambda t: t)(text)
        super().draw(x, y, text, size, bold, align)
        if bold and self.fake_bold:
            super().draw(x + FAKE_BOLD_OFFSET, y, text, size, bold, align)

    def draw_spaced(self, x: float, y: float, text: str, size: float, align: str) -> None:
        """Each letter (with its marks) placed on its own, a wide gap after it."""
        gap = LETTER_GAP * size
        letters = rr.clusters(text)
        total = sum(self.width(letter, size, True) for letter in letters)
        total += gap * (len(letters) - 1)
        if align == "center":
            x -= total / 2
        elif align == "right":
            x -= total
        for letter in letters:
            if not letter.isspace():
                super().draw(x, y, letter, size, True)
            x += self.width(letter, size, True) + gap


# --- fonts ----------------------------------------------------------------------------------


@cache
def font_with_zero_width_space(path: Path, postscript_name: str | None = None) -> bytes:
    """The font with an empty, zero-width glyph for U+200B, as Thai word processors' fonts have
    (and, for a second copy of it, another PostScript name: reportlab embeds a face once)."""
    font = FontFile(str(path), recalcTimestamp=False)  # no date of today in the font
    if postscript_name:
        font["name"].setName(postscript_name, 6, 3, 1, 0x409)
        font["name"].setName(postscript_name, 6, 1, 0, 0)
    name = "uni200B"
    if name not in font.getGlyphOrder():
        from fontTools.pens.ttGlyphPen import TTGlyphPen

        font.setGlyphOrder([*font.getGlyphOrder(), name])
        font["glyf"][name] = TTGlyphPen(None).glyph()
        font["hmtx"][name] = (0, 0)
        font["maxp"].numGlyphs += 1
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[0x200B] = name
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def register_word_font(name: str, path: Path, postscript_name: str | None = None) -> str:
    if name not in pdfmetrics.getRegisteredFontNames():
        data = font_with_zero_width_space(path, postscript_name)
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
    if pdfmetrics.getFont(name).fontName != name:
        raise RuntimeError(f"{name}: reportlab took it for another font of the same face")
    return name


@dataclass(frozen=True)
class WordFonts:
    memo: rr.FontSet  # the pages of `memo_kinds`
    report: rr.FontSet  # the others
    damaged: tuple[str, ...]  # the registered fonts whose ToUnicode the defect rewrites
    memo_kinds: frozenset[PageKind] = frozenset({PageKind.MEMO, PageKind.CLOSING})

    def for_page(self, kind: PageKind) -> rr.FontSet:
        return self.memo if kind in self.memo_kinds else self.report


def word_fonts(defect: Defect) -> WordFonts:
    regular = register_word_font("WordSarabun", LAKSAMAN)
    bold = register_word_font("WordSarabun-Bold", LAKSAMAN_BOLD)
    purisa = rr.register("Purisa", rr.TLWG / "Purisa.ttf")
    dejavu = rr.register("DejaVuSans", rr.DEJAVU)
    word = rr.FontSet(regular, bold, regular, bold, purisa, dejavu)
    if defect == Defect.VANISHING_VOWEL:
        # The same font embedded twice (as when a document is pasted together): the report
        # pages' copy maps SARA U to nothing, the memo's copy maps it right.
        twin = register_word_font("WordSarabun-Twin", LAKSAMAN, "Laksaman-Regular")
        report = rr.FontSet(twin, bold, twin, bold, purisa, dejavu)
        return WordFonts(word, report, (twin,))
    if defect == Defect.UNUSABLE_PAGE:
        # Only the memo is the word processor's; the rest is the system's print (Garuda).
        report = rr.fonts_for(Producer.REPORTLAB)
        return WordFonts(word, report, (regular, bold), frozenset({PageKind.MEMO}))
    return WordFonts(word, word, (regular, bold))


def resource_names(canvas: Canvas, fonts: Iterable[str]) -> set[str]:
    """The page-resource names (/F3+0 …) of every subset reportlab made of these fonts."""
    names = set()
    for name in fonts:
        font = pdfmetrics.getFont(name)
        state = font.state.get(canvas._doc)
        for subset in range(len(state.subsets) if state else 0):
            names.add(font.getSubsetInternalName(subset, canvas._doc).lstrip("/"))
    return names


# --- the fonts' ToUnicode and programs, rewritten -----------------------------------------

BFCHAR = re.compile(r"<([0-9A-Fa-f]{2})> <((?:[0-9A-Fa-f]{4})*)>")


def to_unicode_entries(font: pikepdf.Dictionary) -> dict[int, str]:
    cmap = font.ToUnicode.read_bytes().decode("ascii")
    return {
        int(code, 16): bytes.fromhex(dst).decode("utf-16-be") for code, dst in BFCHAR.findall(cmap)
    }


def write_to_unicode(font: pikepdf.Dictionary, entries: dict[int, str]) -> None:
    """A ToUnicode CMap of `entries` (code -> text, "" for a glyph that maps to nothing)."""
    lines = [
        f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>" for code, text in entries.items()
    ]
    chunks = [lines[i : i + 100] for i in range(0, len(lines), 100)]
    body = "".join(
        f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n" for chunk in chunks
    )
    name = str(font.BaseFont).lstrip("/")
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        f"/CIDSystemInfo\n<< /Registry ({name})\n/Ordering ({name})\n/Supplement 0\n>> def\n"
        f"/CMapName /{name} def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
        f"{body}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )
    font.ToUnicode.write(cmap.encode("ascii"))


def remap(font: pikepdf.Dictionary, change: Callable[[str], str | None]) -> None:
    """Each entry's text through `change` (None: the entry is dropped, the glyph unmapped)."""
    entries = {}
    for code, text in to_unicode_entries(font).items():
        changed = change(text)
        if changed is not None:
            entries[code] = changed
    write_to_unicode(font, entries)


def name_glyphs(font: pikepdf.Dictionary, source: Path) -> None:
    """Give the embedded subset's glyphs the names the original font has for them (a subset
    as reportlab writes it has none), so that an unmapped glyph can be told by its name."""
    program = font.FontDescriptor.FontFile2
    subset = FontFile(io.BytesIO(program.read_bytes()), recalcTimestamp=False)
    original = FontFile(str(source))
    names_of = original.getBestCmap()
    code_to_glyph = subset["cmap"].getcmap(1, 0).cmap
    renamed = {
        code_to_glyph[code]: names_of[ord(text)]
        for code, text in to_unicode_entries(font).items()
        if code in code_to_glyph and len(text) == 1 and ord(text) in names_of
    }
    xml = io.StringIO()
    subset.saveXML(xml)
    text = re.sub(
        r'"(glyph\d{5})"', lambda m: f'"{renamed.get(m.group(1), m.group(1))}"', xml.getvalue()
    )
    named = FontFile(recalcTimestamp=False)
    named.importXML(io.StringIO(text))
    named["post"].formatType = 2.0
    named["post"].extraNames = []
    named["post"].mapping = {}
    out = io.BytesIO()
    named.save(out)
    program.write(out.getvalue())


def fonts_by_resource(pdf: pikepdf.Pdf, names: set[str]) -> list[pikepdf.Dictionary]:
    """The font dictionaries behind these resource names, each once."""
    found: dict[tuple[int, int], pikepdf.Dictionary] = {}
    for page in pdf.pages:
        for key, font in page.Resources.get("/Font", {}).items():
            if key.lstrip("/") in names and "/ToUnicode" in font:
                found[font.objgen] = font
    return list(found.values())


def is_thai_text(text: str) -> bool:
    return any(rr.is_thai(char) for char in text)


FONT_DEFECTS: dict[Defect, Callable[[pikepdf.Dictionary], None]] = {
    Defect.SARA_AA: lambda font: remap(font, lambda t: SARA_AM if t == SARA_AA else t),
    Defect.CID_GLYPH_NAMES: lambda font: remap(font, lambda t: None if t in UNMAPPED else t),
    Defect.VANISHING_VOWEL: lambda font: remap(font, lambda t: "" if t == SARA_U else t),
    Defect.UNUSABLE_PAGE: lambda font: remap(font, lambda t: None if is_thai_text(t) else t),
}


def one_code_sara_aa(nikhahit_maps_to: str) -> Callable[[pikepdf.Dictionary], None]:
    """The SARA AA glyph's entry says SARA AM; the NIKHAHIT glyph's says `nikhahit_maps_to`
    ("": the entry is dropped)."""
    if nikhahit_maps_to not in NIKHAHIT_MAPPINGS:
        raise ValueError(f"nikhahit_maps_to: one of {NIKHAHIT_MAPPINGS!r}")
    changes = {SARA_AA: SARA_AM, NIKHAHIT: nikhahit_maps_to or None}
    return lambda font: remap(font, lambda t: changes.get(t, t))


def font_change(defect: Defect, nikhahit_maps_to: str) -> Callable[[pikepdf.Dictionary], None]:
    if defect == Defect.SARA_AA_ONE_CODE:
        return one_code_sara_aa(nikhahit_maps_to)
    return FONT_DEFECTS[defect]


def damage_fonts(
    path: Path, defect: Defect, names: set[str], change: Callable[[pikepdf.Dictionary], None]
) -> None:
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        fonts = fonts_by_resource(pdf, names)
        if not fonts:
            raise RuntimeError(f"{path.name}: no font to damage for {defect}")
        for font in fonts:
            if defect == Defect.CID_GLYPH_NAMES:
                bold = "Bold" in str(font.BaseFont)
                name_glyphs(font, LAKSAMAN_BOLD if bold else LAKSAMAN)
            change(font)
        pdf.save(path, deterministic_id=True)


# --- proof that the defect is in the PDF ----------------------------------------------------


def page_texts(path: Path, font: str = "Laksaman") -> list[str]:
    """Each page's text in the word processor's font (not the handwriting or the marks)."""
    with pdfplumber.open(path) as pdf:
        return [
            "".join(char["text"] for char in page.chars if font in char["fontname"])
            for page in pdf.pages
        ]


def overlapping_duplicates(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return sum(len(page.chars) - len(page.dedupe_chars().chars) for page in pdf.pages)


def spaced_title_lines(path: Path) -> int:
    """Lines read as single letters between spaces (แ ผ น …), as a reader sees the gaps."""
    with pdfplumber.open(path) as pdf:
        lines = [line for page in pdf.pages for line in page.extract_text().splitlines()]
    return sum(1 for line in lines if re.search(r"(?:^| )\S{1,3} \S{1,3} \S{1,3} \S{1,3}", line))


def word_font_entries(path: Path) -> list[dict[int, str]]:
    """The ToUnicode entries of each of the word processor's fonts (Laksaman) in the PDF."""
    with pikepdf.open(path) as pdf:
        fonts = {
            font.objgen: font
            for page in pdf.pages
            for font in page.Resources.get("/Font", {}).values()
            if "Laksaman" in str(font.BaseFont) and "/ToUnicode" in font
        }
        return [to_unicode_entries(font) for font in fonts.values()]


# A SARA AM drawn in two glyphs, its NIKHAHIT read as a space, a zero-width space or (cid:N).
RINGED_SARA_AM = re.compile(f"(?: |{ZWSP}|\\(cid:\\d+\\))[{TONE_MARKS}]*{SARA_AM}")


def one_sara_am_code(path: Path) -> bool:
    """No font maps a code to SARA AA or NIKHAHIT, none maps two to SARA AM (a font whose
    text holds no SARA AM, a bold one, maps none), and the text shows SARA AM read after a
    NIKHAHIT that reads as no letter."""
    entries = [list(texts.values()) for texts in word_font_entries(path)]
    counts = [texts.count(SARA_AM) for texts in entries]
    no_letters = all(not {SARA_AA, NIKHAHIT} & set(texts) for texts in entries)
    ringed = bool(RINGED_SARA_AM.search("".join(page_texts(path))))
    return no_letters and ringed and max(counts, default=0) == 1


DEFECT_PRESENT: dict[Defect, Callable[[Path], bool]] = {
    Defect.SARA_AA: lambda p: SARA_AA not in "".join(page_texts(p)),
    Defect.SARA_AA_ONE_CODE: one_sara_am_code,
    Defect.MARK_AFTER_SARA_AM: lambda p: bool(
        re.search(f"{SARA_AM}[{TONE_MARKS}]", "".join(page_texts(p)))
    ),
    Defect.DOUBLED_MARKS: lambda p: bool(
        re.search(f"([{UPPER_MARKS}])\\1", "".join(page_texts(p)))
    ),
    Defect.FAKE_BOLD: lambda p: overlapping_duplicates(p) > 100,
    Defect.ZERO_WIDTH_SPACES: lambda p: "".join(page_texts(p)).count(ZWSP) > 100,
    Defect.LETTER_SPACED_TITLES: lambda p: spaced_title_lines(p) >= 4,
    Defect.CID_GLYPH_NAMES: lambda p: not any(ch in "".join(page_texts(p)) for ch in UNMAPPED),
    Defect.VANISHING_VOWEL: lambda p: (
        SARA_U not in "".join(page_texts(p, "Laksaman-Regular"))
        and SARA_U in page_texts(p, "+Laksaman")[0]
    ),
    Defect.UNUSABLE_PAGE: lambda p: sum(map(rr.is_thai, page_texts(p)[0])) == 0,
}


def require_defect(path: Path, defect: Defect) -> None:
    if not DEFECT_PRESENT[defect](path):
        raise RuntimeError(f"{path.name}: the text layer does not show {defect}")


# --- the producer ---------------------------------------------------------------------------


def render(
    report: Report, layout: Layout, out: Path, *, defect: str, nikhahit_maps_to: str = " "
) -> None:
    """`nikhahit_maps_to`: for the one-code SARA AA defect, what the NIKHAHIT glyph's
    ToUnicode entry says (a space, a zero-width space, or "" for no entry)."""
    kind = Defect(defect)
    canvas = Canvas(str(out), pagesize=rr.PORTRAIT, invariant=1)
    canvas.setTitle(w.projects_title(report))
    canvas.setAuthor("e-PlanNACC")
    canvas.setCreator("Microsoft Word (as the sample generator imitates it)")
    fonts = word_fonts(kind)
    if kind == Defect.CID_GLYPH_NAMES:
        # Give the glyphs to unmap the first codes (1 …): no standard encoding names those,
        # so a reader shows them as (cid:N) rather than as some Latin letter.
        for name in fonts.damaged:
            pdfmetrics.getFont(name).splitString(UNMAPPED, canvas._doc)
    if kind == Defect.SARA_AA_ONE_CODE:  # the same for a NIKHAHIT whose entry is dropped
        for name in fonts.damaged:
            pdfmetrics.getFont(name).splitString(NIKHAHIT, canvas._doc)
    writer = WordWriter(canvas, fonts.memo, kind)
    ctx = rr.Context(writer, report, "ballot")
    for number, page in enumerate(layout.pages, 1):
        ctx.page_number = number
        writer.fonts = fonts.for_page(page.kind)
        rr.PAGE_DRAWERS[page.kind](ctx, page)
        canvas.showPage()
    damaged = resource_names(canvas, fonts.damaged)
    canvas.save()
    if kind in FONT_DEFECTS or kind == Defect.SARA_AA_ONE_CODE:
        damage_fonts(out, kind, damaged, font_change(kind, nikhahit_maps_to))
    require_defect(out, kind)
