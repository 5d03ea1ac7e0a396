"""Per-font glyph decisions: which letter each glyph of a document's fonts really draws.

A glyph's text comes from its font's ToUnicode entry, and some producers get entries wrong for
a whole font: Word exports of TH Sarabun map the SARA AA glyph to SARA AM (every า reads ำ),
LibreOffice maps the SARA UU glyph to a tone mark (ข้อม้ล), fonts leave glyphs without an
entry (`(cid:N)`) or map a vowel to nothing (สาธารณสข). Every decision here is taken per font
and glyph (its character code), over the whole document, never word by word: the contract
forbids correcting what is printed.
- A glyph without text: its name in the embedded font program (uni0E31, saraithai …), else
  a glyph of the same outline in another font of the document whose letter is known, else
  (once the document is read, with the swaps below taken) the letter its font's words read
  as, among those its advance and ink allow (parsers.text_layer.glyph_guess). A glyph the ToUnicode
  leaves out that advances nothing has no text even where pdfminer reads one through the
  font's encoding (LibreOffice's raised tone mark in น้ำ reads a zero-width `0`).
- A glyph whose ToUnicode text is shared with other glyphs of its font, for a text that a known
  confusion involves (AMBIGUOUS_READINGS): the reading, kept or swapped, that makes more of the
  font's text read as dictionary words. The decision needs the whole document's text, so it
  is taken once every page is read (`decide_ambiguous`), and pages that hold such glyphs keep
  their chars until then.
- Word's one-code form of the same error: the font's only SARA AM code (no code says SARA AA)
  draws SARA AA, and a true SARA AM is drawn as a NIKHAHIT glyph whose entry says a space, a
  zero-width space or nothing, then that code. The swapped reading reads that code as SARA AA
  and each such NIKHAHIT glyph (a glyph that advances nothing, reads as no letter and is drawn
  just before the code, tone marks aside) as NIKHAHIT, so that NIKHAHIT + SARA AA composes
  to SARA AM again; it is judged as the other swaps are.
- A mark glyph whose text contradicts where it is drawn (parsers.text_layer.mark_geometry:
WeasyPrint's
  low MAI EK read as SARA UU, its raised MAI THO as nothing): the mark of its side (above its
  font's letters, or under the baseline) its font's words read as, decided as a glyph without
  text is (glyph_guess); none clearly: its text is kept and its pages are called damaged.
Only fonts that show these signs cost anything beyond one dict lookup per char.
"""

from __future__ import annotations

import hashlib
import io
import logging
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from pdfminer.pdffont import PDFCIDFont, PDFFont
from pdfminer.pdftypes import resolve1

from parsers.language.text_quality import dictionary_counts
from parsers.language.thai_text import (
    NIKHAHIT,
    SARA_AA,
    SARA_AM,
    TONE_MARKS,
    map_pua,
    repair_thai,
    says_sara_am,
)
from parsers.language.vocabulary import ZERO_WIDTH_REMOVAL
from parsers.layout.tolerances import TOLERANCES
from parsers.text_layer.actual_text import Char
from parsers.text_layer.glyph_guess import candidates, guess_letters, worth_guessing
from parsers.text_layer.mark_geometry import (
    MARKS_DRAWN,
    X_HEIGHT_LETTERS,
    contradicts,
    drawn_class,
    suspect_codes,
    x_height,
)

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
# Texts one code of a font may carry for two letters when the font has no code for the other
# (Word's one-code SARA AA: the SARA AA glyph says SARA AM, a SARA AM is NIKHAHIT + it).
ONE_CODE_TEXTS = frozenset({SARA_AM})
# Repair kind of a NIKHAHIT glyph read as no letter, read as NIKHAHIT (one-code SARA AA).
NIKHAHIT_REMAPPED = "nikhahit_remapped"
# A swapped reading is taken only when it makes more letters of the font's text read as
# dictionary words than this, per occurrence of the glyph: a right swap turns a word back into
# a word (1.6 to 3.1 letters per glyph on the staged samples), a wrong one breaks words
# (from -4 to -0.1): the threshold sits between them.
SWAP_GAIN_PER_GLYPH = 0.75
# Repair kinds of glyphs recovered without any text of their own.
GLYPH_NAME = "glyph_name"
OUTLINE_MATCH = "outline_match"
GLYPH_GUESS = "glyph_guess"  # a glyph nothing names, read as its font's words say (glyph_guess)
# A mark glyph whose text contradicts where it is drawn (parsers.text_layer.mark_geometry), read as
# the mark of its class that its font's words say, as a glyph without text is (glyph_guess).
MARK_REMAPPED = "mark_remapped"
# What pdfminer gives a glyph without Unicode, and what a ToUnicode entry of nothing gives.
UNMAPPED_PREFIX = "(cid:"
EMPTY_TEXTS = frozenset({"", "\x00", "\ufffd"})
# Glyph names that say nothing about the letter (subsetters' and producers' own names).
ANONYMOUS_NAME_PREFIXES = ("glyph", "gid", "cid", ".notdef", "index")


FONT_REPAIRS = frozenset(
    {
        GLYPH_NAME,
        OUTLINE_MATCH,
        NIKHAHIT_REMAPPED,
        GLYPH_GUESS,
        MARK_REMAPPED,
        *(repair for _, repair in AMBIGUOUS_READINGS.values()),
    }
)
Run = list[tuple[int, str]]  # one page's glyphs of one font: (code, text), in drawing order


@dataclass
class GlyphRepairs:
    chars: list[Char]  # the chars, those of repaired glyphs with their new text
    repairs: Counter[str] = field(default_factory=Counter)  # by kind
    undecided: bool = False  # a glyph waits for a decision over the whole document's text
    unreadable: int = 0  # glyphs still without any text
    misread_marks: int = 0  # glyphs of marks whose text contradicts their drawing, undecided


class GlyphOutcome(NamedTuple):
    """What a char of one glyph, read with one text, comes to (`DocumentFonts.repair`)."""

    text: str | None  # its new text, or None: kept
    repair: str | None  # the kind of the fix that gave it
    undecided: bool  # its glyph waits for a decision over the whole document
    misread: bool  # a mark glyph whose text contradicts its drawing, undecided
    unreadable: bool  # left without any text


# A glyph whose char is kept as it is, nothing counted.
KEPT = GlyphOutcome(text=None, repair=None, undecided=False, misread=False, unreadable=False)


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
    unread: set[int] = field(default_factory=set)  # tried, nothing found: left to glyph_guess
    suspects: set[int] = field(default_factory=set)  # codes whose drawing is worth a look
    misdrawn: dict[int, str] = field(default_factory=dict)  # code → the marks it is drawn as
    undecidable: set[int] = field(default_factory=set)  # misdrawn, no mark clearly read
    _x_height: float | None = None
    _x_height_read: bool = False  # read once, whether any is found or none
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
    """Codes whose text other codes of the font share, for a text a known confusion involves;
    or that carry a ONE_CODE_TEXTS text in a font with no code for the other letter."""
    counts = Counter(to_unicode.values())
    return {
        code: AMBIGUOUS_READINGS[text]
        for code, text in to_unicode.items()
        if text in AMBIGUOUS_READINGS
        and (
            counts[text] > 1 or (text in ONE_CODE_TEXTS and not counts[AMBIGUOUS_READINGS[text][0]])
        )
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
            self.fonts[key] = FontGlyphs(
                font,
                to_unicode,
                undecided=ambiguous_codes(to_unicode),
                suspects=suspect_codes(to_unicode),
            )
        return key

    def repair(self, chars: list[Char]) -> GlyphRepairs:
        """Chars with their fonts' glyph fixes applied, counted by kind. A glyph's outcome is
        worked out at its first char on the page (which settles its font's state for it: tried,
        recovered, its drawing checked) and reused for the next chars of that glyph and text:
        a page shows each glyph hundreds of times."""
        result = GlyphRepairs(chars=[])
        kept = result.chars
        known: dict[tuple[int, int], tuple[str, GlyphOutcome]] = {}
        for char in chars:
            glyph, text = char.get("glyph"), char["text"]
            if glyph is None:
                result.unreadable += is_unmapped(text)
                kept.append(char)
                continue
            seen = known.get(glyph)
            if seen is not None and seen[0] == text:
                outcome = seen[1]
            else:
                outcome = self.glyph_outcome(glyph, text)
                known[glyph] = (text, outcome)
            if outcome is KEPT:  # most glyphs: nothing to change or count
                kept.append(char)
                continue
            if outcome.text is not None:
                char = {**char, "text": outcome.text}
            if outcome.repair is not None:
                result.repairs[outcome.repair] += 1
            result.undecided = result.undecided or outcome.undecided
            result.misread_marks += outcome.misread
            result.unreadable += outcome.unreadable
            result.chars.append(char)
        return result

    def glyph_outcome(self, glyph: tuple[int, int], text: str) -> GlyphOutcome:
        """What one char of this glyph, read with this text, comes to: its glyph recovered
        where it lacks text, its drawing checked where suspect (once each per code)."""
        font, code = self.fonts[glyph[0]], glyph[1]
        lacks_text = is_unmapped(text) or encoded_mark(font, code, text)
        if code not in font.tried and lacks_text:
            self.recover(font, code)
            # No entry, or an entry of nothing (a vowel mapped away, with no twin
            # font to match): its font's words decide. U+0000 is Chromium's /ActualText.
            if code not in font.fixes and not font.to_unicode.get(code):
                font.unread.add(code)
        if code in font.suspects:
            check_drawing(font, code)
        fix = font.fixes.get(code)
        new_text = None
        if fix is not None:
            new_text = fix[0]
        elif lacks_text and not is_unmapped(text):
            new_text = f"{UNMAPPED_PREFIX}{code})"
        outcome = GlyphOutcome(
            text=new_text,
            repair=fix[1] if fix is not None else None,
            undecided=code in font.undecided or code in font.unread or code in font.misdrawn,
            misread=code in font.undecidable,
            unreadable=is_unmapped(text if new_text is None else new_text),
        )
        return KEPT if outcome == KEPT else outcome  # the one object: `repair` tests identity

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
        """For each undecided glyph: keep its text or take the alternative (with the NIKHAHIT
        glyphs drawn before it, for SARA AA), whichever makes more of its font's text (over
        every page) read as dictionary words."""
        pages_chars = list(pages_chars)
        texts = font_runs(self, pages_chars, lambda font: bool(font.undecided))
        for key, font in self.fonts.items():
            runs = texts.get(key, [])
            for code, (alternative, repair) in sorted(font.undecided.items()):
                marks = marks_drawn_instead(font, code)
                if marks is not None:
                    # Not one known confusion but a glyph given its cluster's text (LibreOffice:
                    # a SARA U first drawn under a MAI THO reads ้): its words choose among the
                    # marks drawn where it is (decide_unread).
                    font.misdrawn[code] = marks
                    continue
                swap = {code: (alternative, repair)}
                if alternative == SARA_AA:
                    swap |= dict.fromkeys(nikhahit_codes(font, runs, code), NIKHAHIT_FIX)
                readings = {c: text for c, (text, _) in swap.items()}
                if swap_reads_better(runs, code, readings):
                    font.fixes.update(swap)
                    runs = [[(c, readings.get(c, t)) for c, t in run] for run in runs]
            font.undecided = {}
        self.decide_unread(pages_chars)  # with the fonts' swaps taken (a NIKHAHIT glyph's)

    def decide_unread(self, pages_chars: list[list[Char]]) -> None:
        """Glyphs that neither a name nor an outline gave a letter, and mark glyphs whose text
        contradicts their drawing: the letter, if any, that their font's words read as over the
        whole document (parsers.text_layer.glyph_guess). A misdrawn glyph no mark clearly reads as
        keeps its text, its pages warned about (GlyphRepairs.misread_marks)."""
        runs = font_runs(self, pages_chars, lambda font: bool(font.unread or font.misdrawn))
        for key, font in self.fonts.items():
            if not font.unread and not font.misdrawn:
                continue
            mapped = [*font.to_unicode.values(), *(text for text, _ in font.fixes.values())]
            unread = font.unread - font.fixes.keys()
            if not worth_guessing(runs.get(key, []), unread):
                unread = set()  # a font most of whose glyphs have no text: not guessed at
            letters = {code: glyph_candidates(font, code, mapped) for code in unread}
            letters |= font.misdrawn
            rings = {code: NIKHAHIT for code in sara_am_rings(font)}
            guessed = guess_letters(runs.get(key, []), letters, rings)
            for code, letter in guessed.items():
                font.fixes[code] = (letter, MARK_REMAPPED if code in font.misdrawn else GLYPH_GUESS)
            font.undecidable = font.misdrawn.keys() - guessed.keys()
            font.unread, font.misdrawn = set(), {}


def font_runs(
    fonts: DocumentFonts, pages_chars: list[list[Char]], wanted: Any
) -> dict[int, list[Run]]:
    """Each wanted font's glyphs, page by page: (code, text as fixed so far)."""
    texts: dict[int, list[Run]] = {}
    keys = {key for key, font in fonts.fonts.items() if wanted(font)}  # asked once a font
    for chars in pages_chars:
        per_font: dict[int, Run] = {}
        for char in chars:
            glyph = char.get("glyph")
            if glyph is None or glyph[0] not in keys:
                continue
            fix = fonts.fonts[glyph[0]].fixes.get(glyph[1])
            per_font.setdefault(glyph[0], []).append(
                (glyph[1], char["text"] if fix is None else fix[0])
            )
        for key, glyphs in per_font.items():
            texts.setdefault(key, []).append(glyphs)
    return texts


def advances_nothing(font: FontGlyphs, code: int) -> bool:
    return font.font.char_width(code) < TOLERANCES.zero_advance_em


def check_drawing(font: FontGlyphs, code: int) -> None:
    """Once per suspect code: a mark glyph whose text contradicts where it is drawn waits for
    the document's words (decide_unread), unless its text is decided otherwise already (a
    known confusion's swap, a name's letter)."""
    font.suspects.discard(code)
    if code in font.undecided or code in font.fixes or code not in font.to_unicode:
        return
    marks = marks_drawn_instead(font, code)
    if marks is not None:
        font.misdrawn[code] = marks


def marks_drawn_instead(font: FontGlyphs, code: int) -> str | None:
    """The marks a glyph may be when its outline contradicts its text (drawn below the
    baseline, read as a tone mark), else None."""
    drawn = drawn_class(glyph_ink(font, code), letter_height(font))
    if drawn is None or not contradicts(font.to_unicode[code], drawn):
        return None
    return MARKS_DRAWN[drawn]


def letter_height(font: FontGlyphs) -> float | None:
    """The font's x-height, from the outlines of its base letters (read once)."""
    if not font._x_height_read:  # (a font whose letters give no height is not read again)
        tops = (
            ink[1]
            for code, text in font.to_unicode.items()
            if text in X_HEIGHT_LETTERS and (ink := glyph_ink(font, code)) is not None
        )
        font._x_height = x_height(tops)
        font._x_height_read = True
    return font._x_height


def encoded_mark(font: FontGlyphs, code: int, text: str) -> bool:
    """A glyph the font's ToUnicode leaves out, which pdfminer then reads through the font's
    encoding as a spacing character (a zero-width `0`, `/` or space), although it advances
    nothing: that text is not the glyph's (a Thai letter or a combining accent from the
    encoding may be)."""
    if not font.to_unicode or code in font.to_unicode or len(text) != 1:
        return False
    spacing = not ("\u0e00" <= text <= "\u0e7f" or unicodedata.combining(text))
    return spacing and advances_nothing(font, code)


def sara_am_rings(font: FontGlyphs) -> list[int]:
    """Codes read as SARA AM that advance nothing: the NIKHAHIT ring of a SARA AM drawn in two
    glyphs (parsers.text_layer.clusters reads them so before a SARA AA)."""
    return [c for c, t in font.to_unicode.items() if says_sara_am(t) and advances_nothing(font, c)]


def glyph_candidates(font: FontGlyphs, code: int, mapped: list[str]) -> str:
    """The letters an unread glyph may be, by its advance and its ink (glyph_guess)."""
    return candidates(not advances_nothing(font, code), glyph_ink(font, code), mapped)


def glyph_ink(font: FontGlyphs, code: int) -> tuple[float, float] | None:
    """The glyph's outline from its lowest to its highest point, in ems (None: unknown)."""
    program = font.program()
    name = glyph_name(program, font.font, code) if program is not None else None
    if name is None:
        return None
    try:
        from fontTools.pens.boundsPen import BoundsPen

        glyphs = program.getGlyphSet()
        pen = BoundsPen(glyphs)
        glyphs[name].draw(pen)
        units = program["head"].unitsPerEm if "head" in program else 1000
    except Exception as error:
        logger.debug("bounds of %s unreadable: %s", name, error)
        return None
    if pen.bounds is None:
        return None
    return pen.bounds[1] / units, pen.bounds[3] / units


NIKHAHIT_FIX = (NIKHAHIT, NIKHAHIT_REMAPPED)
TONE_TEXTS = frozenset(TONE_MARKS)


def reads_as_no_letter(text: str) -> bool:
    """A space, a zero-width space, nothing, or no ToUnicode entry at all."""
    return is_unmapped(text) or not text.translate(ZERO_WIDTH_REMOVAL).strip()


def nikhahit_codes(font: FontGlyphs, runs: list[Run], code: int) -> set[int]:
    """The glyphs drawn just before `code` (tone marks between aside) that advance nothing
    and read as no letter or as NIKHAHIT: the NIKHAHIT of a SARA AM drawn in two glyphs."""
    before = {
        glyph
        for run in runs
        for index, (c, _) in enumerate(run)
        if c == code and (glyph := glyph_before(run, index)) is not None
    }
    return {c for c, text in before if is_nikhahit_glyph(font, c, text)}


def glyph_before(run: Run, index: int) -> tuple[int, str] | None:
    """The glyph drawn before run[index], tone marks skipped."""
    before = index - 1
    while before >= 0 and map_pua(run[before][1]) in TONE_TEXTS:
        before -= 1
    return run[before] if before >= 0 else None


def is_nikhahit_glyph(font: FontGlyphs, code: int, text: str) -> bool:
    return (reads_as_no_letter(text) or map_pua(text) == NIKHAHIT) and advances_nothing(font, code)


def font_text(runs: list[Run], readings: dict[int, str]) -> list[str]:
    """A font's text, page by page, with the glyphs of `readings` read so (others as mapped)."""
    return [repair_thai("".join(readings.get(c, t) for c, t in run)) for run in runs]


def swap_reads_better(runs: list[Run], code: int, readings: dict[int, str]) -> bool:
    """Decisions already taken for the font's other glyphs are in `runs`; the gain is per
    occurrence of `code`."""
    occurrences = sum(1 for run in runs for c, _ in run if c == code)
    if not occurrences:
        return False
    kept, _ = dictionary_counts(font_text(runs, {}))
    swapped, _ = dictionary_counts(font_text(runs, readings))
    return swapped - kept > SWAP_GAIN_PER_GLYPH * occurrences
