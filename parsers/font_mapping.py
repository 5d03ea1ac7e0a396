"""Per-font glyph decisions: which letter each glyph of a document's fonts really draws.

A glyph's text comes from its font's ToUnicode entry, and some producers get entries wrong for
a whole font: Word exports of TH Sarabun map the SARA AA glyph to SARA AM (every า reads ำ),
LibreOffice maps the SARA UU glyph to a tone mark (ข้อม้ล), fonts leave glyphs without an
entry (`(cid:N)`) or map a vowel to nothing (สาธารณสข). Every decision here is taken per font
and glyph (its character code), over the whole document, never word by word: the contract
forbids correcting what is printed.
- A glyph without text: its name in the embedded font program (uni0E31, saraithai …), else
  a glyph of the same outline in another font of the document whose letter is known.
- A glyph whose ToUnicode text is shared with other glyphs of its font, for a text that a known
  confusion involves (AMBIGUOUS_READINGS): the reading, kept or swapped, that makes more of the
  font's text read as dictionary words. The decision needs the whole document's text, so it
  is taken once every page is read (`decide_ambiguous`), and pages that hold such glyphs keep
  their chars until then.
Only fonts that show these signs cost anything beyond one dict lookup per char.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pdfminer.pdffont import PDFCIDFont, PDFFont
from pdfminer.pdftypes import resolve1

from parsers.actual_text import Char
from parsers.text_quality import dictionary_counts
from parsers.thai_text import repair_thai

logger = logging.getLogger(__name__)

# --- Known confusions (data) --------------------------------------------------------------
# A text that several glyphs of one font map to, and what one of those glyphs may really be,
# with the name of the repair (counted per page in PageContent.repairs):
# - SARA AM: Word exports of TH Sarabun map the SARA AA glyph to it as well;
# - tone marks: LibreOffice maps the SARA UU glyph to the tone mark of its cluster.
AMBIGUOUS_READINGS: dict[str, tuple[str, str]] = {
    "\u0e33": ("\u0e32", "sara_aa_remapped"),
    "\u0e48": ("\u0e39", "sara_uu_remapped"),
    "\u0e49": ("\u0e39", "sara_uu_remapped"),
}
# A swapped reading is taken only when it makes more letters of the font's text read as
# dictionary words than this, per occurrence of the glyph: a right swap turns a word back into
# a word (1.6 to 3.1 letters per glyph on the staged samples), a wrong one breaks words
# (from -4 to -0.1): the threshold sits between them.
SWAP_GAIN_PER_GLYPH = 0.75
# Repair kinds of glyphs recovered without any text of their own.
GLYPH_NAME = "glyph_name"
OUTLINE_MATCH = "outline_match"
# What pdfminer gives a glyph without Unicode, and what a ToUnicode entry of nothing gives.
UNMAPPED_PREFIX = "(cid:"
EMPTY_TEXTS = frozenset({"", "\x00", "\ufffd"})
# Glyph names that say nothing about the letter (subsetters' and producers' own names).
ANONYMOUS_NAME_PREFIXES = ("glyph", "gid", "cid", ".notdef", "index")


FONT_REPAIRS = frozenset(
    {GLYPH_NAME, OUTLINE_MATCH, *(repair for _, repair in AMBIGUOUS_READINGS.values())}
)
Run = list[tuple[int, str]]  # one page's glyphs of one font: (code, text), in drawing order


@dataclass
class GlyphRepairs:
    chars: list[Char]  # the chars, those of repaired glyphs with their new text
    repairs: Counter[str] = field(default_factory=Counter)  # by kind
    undecided: bool = False  # a glyph waits for a decision over the whole document's text
    unreadable: int = 0  # glyphs still without any text


def is_unmapped(text: str) -> bool:
    return text in EMPTY_TEXTS or text.startswith(UNMAPPED_PREFIX)


@dataclass
class FontGlyphs:
    """What is known about one font of the document."""

    font: PDFFont
    to_unicode: dict[int, str]
    fixes: dict[int, tuple[str, str]] = field(default_factory=dict)  # code → (text, repair)
    undecided: dict[int, tuple[str, str]] = field(default_factory=dict)  # code → alternative
    tried: set[int] = field(default_factory=set)  # unmapped codes already looked at
    _program: Any = None  # the embedded font program (fontTools), read on demand
    _program_read: bool = False

    def program(self) -> Any:
        if not self._program_read:
            self._program_read = True
            self._program = read_font_program(self.font)
        return self._program


def unicode_entries(font: PDFFont) -> dict[int, str]:
    unicode_map = getattr(font, "unicode_map", None)
    return dict(getattr(unicode_map, "cid2unichr", None) or {})


def ambiguous_codes(to_unicode: dict[int, str]) -> dict[int, tuple[str, str]]:
    """Codes whose text other codes of the font share, for a text a known confusion involves."""
    counts = Counter(to_unicode.values())
    return {
        code: AMBIGUOUS_READINGS[text]
        for code, text in to_unicode.items()
        if text in AMBIGUOUS_READINGS and counts[text] > 1
    }


# --- Embedded font programs (fontTools, imported only when a font needs it) ---------------


class BareCff:
    """A bare CFF program (FontFile3 /Type1C) with the two calls used here of a TTFont."""

    def __init__(self, data: bytes):
        from fontTools.cffLib import CFFFontSet

        cff = CFFFontSet()
        cff.decompile(io.BytesIO(data), None)
        self.top = cff[cff.fontNames[0]]

    def getGlyphOrder(self) -> list[str]:
        return list(self.top.charset)

    def getGlyphSet(self) -> Any:
        return self.top.CharStrings

    def __contains__(self, table: str) -> bool:
        return False  # no cmap: a CID-keyed or encoded CFF is reached by glyph order


def read_font_program(font: PDFFont) -> Any:
    """The font's embedded TrueType/OpenType/CFF program (fontTools), or None."""
    descriptor = resolve1(getattr(font, "descriptor", None) or {})
    for key in ("FontFile2", "FontFile3"):
        stream = resolve1(descriptor.get(key))
        if stream is None:
            continue
        try:
            from fontTools.ttLib import TTFont

            data = stream.get_data()
            if key == "FontFile3" and not data.startswith((b"OTTO", b"\x00\x01\x00\x00")):
                return BareCff(data)
            return TTFont(io.BytesIO(data), lazy=True)
        except Exception as error:  # a damaged program: no names, no outlines
            logger.debug("font program of %s unreadable: %s", font.fontname, error)
            return None
    return None


def glyph_name(program: Any, font: PDFFont, code: int) -> str | None:
    """The name of the glyph drawn for `code`: through the CID-to-glyph mapping of a CID font
    (Identity: the CID is the glyph index), or the embedded cmap of a simple font."""
    try:
        order = program.getGlyphOrder()
        if isinstance(font, PDFCIDFont) or "cmap" not in program:
            return order[code] if 0 <= code < len(order) else None
        for table in program["cmap"].tables:
            for candidate in (code, 0xF000 + code):
                if candidate in table.cmap:
                    return str(table.cmap[candidate])
    except Exception as error:
        logger.debug("glyph name of %s/%d unreadable: %s", font.fontname, code, error)
    return None


def letter_of_name(name: str) -> str | None:
    """uni0E31, u0E31, saraithai … → the letter, per the Adobe Glyph List; None when the name
    is anonymous or names no Thai letter. A suffix (.alt, .small) names a variant of it."""
    if name.lower().startswith(ANONYMOUS_NAME_PREFIXES):
        return None
    from fontTools.agl import toUnicode

    text = toUnicode(name.split(".")[0])
    return text if text and all("\u0e00" <= char <= "\u0e7f" for char in text) else None


def outline_hash(program: Any, name: str) -> str | None:
    """A digest of the glyph's outline with composites decomposed; None for an empty glyph."""
    try:
        from fontTools.pens.recordingPen import DecomposingRecordingPen

        glyphs = program.getGlyphSet()
        pen = DecomposingRecordingPen(glyphs)
        glyphs[name].draw(pen)
    except Exception as error:
        logger.debug("outline of %s unreadable: %s", name, error)
        return None
    if not pen.value:
        return None
    return hashlib.sha1(repr(pen.value).encode()).hexdigest()


# --- The document's fonts -----------------------------------------------------------------


class DocumentFonts:
    """Every font of one document, and the decisions taken about their glyphs."""

    def __init__(self, pdf: Any | None = None):
        self.pdf = pdf  # pdfplumber PDF: its other fonts are where outlines are matched
        self.fonts: dict[int, FontGlyphs] = {}
        self._known_outlines: dict[str, str] | None = None

    def key(self, font: PDFFont) -> int:
        """The font's key (chars carry it as `glyph` = (key, code)), analysed on first sight."""
        key = id(font)
        if key not in self.fonts:
            to_unicode = unicode_entries(font)
            self.fonts[key] = FontGlyphs(font, to_unicode, undecided=ambiguous_codes(to_unicode))
        return key

    def repair(self, chars: list[Char]) -> GlyphRepairs:
        """Chars with their fonts' glyph fixes applied, counted by kind."""
        result = GlyphRepairs(chars=[])
        for char in chars:
            glyph = char.get("glyph")
            if glyph is not None:
                font, code = self.fonts[glyph[0]], glyph[1]
                if code not in font.tried and is_unmapped(char["text"]):
                    self.recover(font, code)
                fix = font.fixes.get(code)
                if fix is not None:
                    result.repairs[fix[1]] += 1
                    char = {**char, "text": fix[0]}
                result.undecided = result.undecided or code in font.undecided
            if is_unmapped(char["text"]):
                result.unreadable += 1
            result.chars.append(char)
        return result

    def recover(self, font: FontGlyphs, code: int) -> None:
        """The letter of a glyph without text: by its name, else by its outline."""
        font.tried.add(code)
        program = font.program()
        if program is None:
            return
        name = glyph_name(program, font.font, code)
        if name is None:
            return
        letter = letter_of_name(name)
        if letter is not None:
            font.fixes[code] = (letter, GLYPH_NAME)
            return
        digest = outline_hash(program, name)
        letter = self.known_outlines().get(digest) if digest else None
        if letter is not None:
            font.fixes[code] = (letter, OUTLINE_MATCH)

    def known_outlines(self) -> dict[str, str]:
        """Outline digest → letter, for every glyph of the document's fonts whose ToUnicode
        entry is one Thai letter (built once, when a glyph first needs it)."""
        if self._known_outlines is None:
            known: dict[str, str] = {}
            for font in self.all_fonts():
                program = font.program()
                if program is None:
                    continue
                for code, text in font.to_unicode.items():
                    if len(text) != 1 or not "\u0e01" <= text <= "\u0e5b":
                        continue
                    name = glyph_name(program, font.font, code)
                    digest = outline_hash(program, name) if name else None
                    if digest:
                        known.setdefault(digest, text)
            self._known_outlines = known
        return self._known_outlines

    def all_fonts(self) -> Iterator[FontGlyphs]:
        """Every font named in the document's pages' resources (not only those read so far)."""
        if self.pdf is None:
            yield from list(self.fonts.values())
            return
        manager = self.pdf.rsrcmgr
        seen: set[int] = set()
        for page in self.pdf.pages:
            resources = resolve1(page.page_obj.resources or {})
            for ref in (resolve1(resources.get("Font")) or {}).values():
                spec = resolve1(ref)
                if not isinstance(spec, dict):
                    continue
                objid = getattr(ref, "objid", None)
                try:
                    font = manager.get_font(objid, spec)
                except Exception:
                    continue
                if id(font) not in seen:
                    seen.add(id(font))
                    yield self.fonts[self.key(font)]

    # --- decisions that need the document's text --------------------------------------

    def decide_ambiguous(self, pages_chars: Iterable[list[Char]]) -> None:
        """For each undecided glyph: keep its text or take the alternative, whichever makes
        more of its font's text (over every page) read as dictionary words."""
        texts: dict[int, list[Run]] = {}
        for chars in pages_chars:
            per_font: dict[int, Run] = {}
            for char in chars:
                glyph = char.get("glyph")
                if glyph is not None and self.fonts[glyph[0]].undecided:
                    per_font.setdefault(glyph[0], []).append((glyph[1], char["text"]))
            for key, glyphs in per_font.items():
                texts.setdefault(key, []).append(glyphs)
        for key, font in self.fonts.items():
            runs = texts.get(key, [])
            for code, (alternative, repair) in sorted(font.undecided.items()):
                if swap_reads_better(runs, code, alternative):
                    font.fixes[code] = (alternative, repair)
                    runs = [[(c, alternative if c == code else t) for c, t in run] for run in runs]
            font.undecided = {}


def font_text(runs: list[Run], code: int, reading: str | None) -> list[str]:
    """A font's text, page by page, with glyph `code` read as `reading` (None: as mapped)."""
    return [
        repair_thai("".join(reading if reading is not None and c == code else t for c, t in run))
        for run in runs
    ]


def swap_reads_better(runs: list[Run], code: int, alternative: str) -> bool:
    """Decisions already taken for the font's other glyphs are in `runs`."""
    occurrences = sum(1 for run in runs for c, _ in run if c == code)
    if not occurrences:
        return False
    kept, _ = dictionary_counts(font_text(runs, code, None))
    swapped, _ = dictionary_counts(font_text(runs, code, alternative))
    return swapped - kept > SWAP_GAIN_PER_GLYPH * occurrences
