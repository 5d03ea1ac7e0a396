"""Thai text as PDFs give it → standard Unicode, per the contract's Normalisation section.

Fonts without OpenType Thai tables (TH Sarabun–style fonts, Word exports, TLWG fonts shaped by
HarfBuzz) draw shifted tone marks and descender-less letters with Private Use Area glyphs, and
text extraction hands those code points back. Other producers split SARA AM into NIKHAHIT +
SARA AA, emit marks in drawing order, or lose the NIKHAHIT of SARA AM to a space. All of this is
repaired here; spelling is never touched, and NFKC is never applied (it splits SARA AM).
"""

from __future__ import annotations

import re

from pythainlp.util import thai_digit_to_arabic_digit

# --- Private Use Area glyphs → the Thai letters they draw (data, declared once) ---------------
# HarfBuzz's Thai fallback shaper (src/hb-ot-shaper-thai.cc) names each variant twice: the
# Windows PUA (U+F700–U+F71A, also used by TH Sarabun PSK, SIPA and TLWG fonts) and the Mac PUA.
# SL = shifted left (under a tall ascender), SD = shifted down (no upper vowel above it),
# SDL = down-left, RD = base letter with its descender removed (before a lower vowel).
PUA_TO_THAI: dict[str, str] = {
    # Windows PUA
    "\uf700": "\u0e10",  # THO THAN, RD
    "\uf701": "\u0e34",  # SARA I, SL
    "\uf702": "\u0e35",  # SARA II, SL
    "\uf703": "\u0e36",  # SARA UE, SL
    "\uf704": "\u0e37",  # SARA UEE, SL
    "\uf705": "\u0e48",  # MAI EK, SDL
    "\uf706": "\u0e49",  # MAI THO, SDL
    "\uf707": "\u0e4a",  # MAI TRI, SDL
    "\uf708": "\u0e4b",  # MAI CHATTAWA, SDL
    "\uf709": "\u0e4c",  # THANTHAKHAT, SDL
    "\uf70a": "\u0e48",  # MAI EK, SD
    "\uf70b": "\u0e49",  # MAI THO, SD
    "\uf70c": "\u0e4a",  # MAI TRI, SD
    "\uf70d": "\u0e4b",  # MAI CHATTAWA, SD
    "\uf70e": "\u0e4c",  # THANTHAKHAT, SD
    "\uf70f": "\u0e0d",  # YO YING, RD
    "\uf710": "\u0e31",  # MAI HAN-AKAT, SL
    "\uf711": "\u0e4d",  # NIKHAHIT, SL
    "\uf712": "\u0e47",  # MAITAIKHU, SL
    "\uf713": "\u0e48",  # MAI EK, SL
    "\uf714": "\u0e49",  # MAI THO, SL
    "\uf715": "\u0e4a",  # MAI TRI, SL
    "\uf716": "\u0e4b",  # MAI CHATTAWA, SL
    "\uf717": "\u0e4c",  # THANTHAKHAT, SL
    "\uf718": "\u0e38",  # SARA U, SD
    "\uf719": "\u0e39",  # SARA UU, SD
    "\uf71a": "\u0e3a",  # PHINTHU, SD
    # TLWG / SIPA extras (glyph names from the fonts' post tables: uni0E0E.alt1 …)
    "\uf71b": "\u0e0e",  # DO CHADA without descender
    "\uf71c": "\u0e0f",  # TO PATAK without descender
    "\uf71d": "\u0e2c",  # LO CHULA, alternate form
    "\uf71e": "\u0e4d",  # NIKHAHIT, raised (above a tone mark)
    "\uf71f": "\u0e47",  # MAITAIKHU, raised
    "\uf720": "\u0e4e",  # YAMAKKAN, raised
    "\uf881": "\u0e24\u0e45",  # RU + LAKKHANGYAO ligature (Laksaman / TH Sarabun)
    "\uf882": "\u0e26\u0e45",  # LU + LAKKHANGYAO ligature
    # Mac PUA (same variants, Apple's code points)
    "\uf884": "\u0e31",  # MAI HAN-AKAT, SL
    "\uf885": "\u0e34",  # SARA I, SL
    "\uf886": "\u0e35",  # SARA II, SL
    "\uf887": "\u0e36",  # SARA UE, SL
    "\uf888": "\u0e37",  # SARA UEE, SL
    "\uf889": "\u0e47",  # MAITAIKHU, SL
    "\uf88a": "\u0e48",  # MAI EK, SL
    "\uf88b": "\u0e48",  # MAI EK, SD
    "\uf88c": "\u0e48",  # MAI EK, SDL
    "\uf88d": "\u0e49",  # MAI THO, SL
    "\uf88e": "\u0e49",  # MAI THO, SD
    "\uf88f": "\u0e49",  # MAI THO, SDL
    "\uf890": "\u0e4a",  # MAI TRI, SL
    "\uf891": "\u0e4a",  # MAI TRI, SD
    "\uf892": "\u0e4a",  # MAI TRI, SDL
    "\uf893": "\u0e4b",  # MAI CHATTAWA, SL
    "\uf894": "\u0e4b",  # MAI CHATTAWA, SD
    "\uf895": "\u0e4b",  # MAI CHATTAWA, SDL
    "\uf896": "\u0e4c",  # THANTHAKHAT, SL
    "\uf897": "\u0e4c",  # THANTHAKHAT, SD
    "\uf898": "\u0e4c",  # THANTHAKHAT, SDL
    "\uf899": "\u0e4d",  # NIKHAHIT, SL
    "\uf89a": "\u0e0d",  # YO YING, RD
    "\uf89b": "\u0e38",  # SARA U, SD
    "\uf89c": "\u0e39",  # SARA UU, SD
    "\uf89d": "\u0e3a",  # PHINTHU, SD
    "\uf89e": "\u0e10",  # THO THAN, RD
}
PUA_TRANSLATION = str.maketrans(PUA_TO_THAI)

# --- Character classes (data) ----------------------------------------------------------------
CONSONANTS = "".join(chr(c) for c in range(0x0E01, 0x0E2F))  # ก … ฮ
SARA_AA, SARA_AM, NIKHAHIT = "\u0e32", "\u0e33", "\u0e4d"
ABOVE_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47\u0e4d\u0e4e"  # incl. MAITAIKHU, YAMAKKAN
BELOW_VOWELS = "\u0e38\u0e39\u0e3a"
TONE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b"
THANTHAKHAT = "\u0e4c"
COMBINING_MARKS = ABOVE_VOWELS + BELOW_VOWELS + TONE_MARKS + THANTHAKHAT
# Within a cluster: consonant, then the upper or lower vowel, then tone mark or THANTHAKHAT.
MARK_RANK: dict[str, int] = {
    **dict.fromkeys(ABOVE_VOWELS + BELOW_VOWELS, 0),
    **dict.fromkeys(TONE_MARKS + THANTHAKHAT, 1),
}
# Letters for joining wrapped lines: consonants, vowels and marks; not digits, ฯ, ๆ, ฿ or ๏.
THAI_LETTERS = frozenset(
    CONSONANTS + "\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"
    "\u0e40\u0e41\u0e42\u0e43\u0e44\u0e45" + TONE_MARKS + THANTHAKHAT + "\u0e47\u0e4d\u0e4e"
)
# Invisible characters that only split words (U+200B ZWSP, ZWNJ, ZWJ, WORD JOINER, BOM).
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
ZERO_WIDTH_REMOVAL = str.maketrans(dict.fromkeys(ZERO_WIDTH, None))

# --- Patterns ----------------------------------------------------------------------------------
# Nothing printed starts with a combining mark or SARA AM: a space before one is an artefact.
SPACE_BEFORE_MARK = re.compile(rf"[\s{ZERO_WIDTH}]+(?=[{COMBINING_MARKS}{SARA_AM}])")
# SARA AM whose NIKHAHIT became a (zero-width) space, as MS Word exports and Royal Gazette PDFs
# give it: ด าเนินการ, น้ า. No Thai word starts with SARA AA, so this never joins real words.
LOST_NIKHAHIT = re.compile(rf"([{CONSONANTS}][{TONE_MARKS}]?)[\s{ZERO_WIDTH}]+{SARA_AA}")
# NIKHAHIT + (tone mark) + SARA AA is SARA AM drawn in two glyphs: ตํ่า → ต่ำ.
SPLIT_SARA_AM = re.compile(rf"{NIKHAHIT}([{TONE_MARKS}]*)[\s{ZERO_WIDTH}]*{SARA_AA}")
MARK_RUN = re.compile(rf"[{COMBINING_MARKS}]{{2,}}")


def map_pua(text: str) -> str:
    """Private Use Area glyph code points → the Thai letters they draw."""
    return text.translate(PUA_TRANSLATION)


def order_marks(marks: str) -> str:
    """One cluster's marks: vowels first, then tone marks / THANTHAKHAT (stable)."""
    return "".join(sorted(marks, key=MARK_RANK.__getitem__))


def reorder_marks(text: str) -> str:
    return MARK_RUN.sub(lambda m: order_marks(m.group()), text)


def compose_sara_am(text: str) -> str:
    """SARA AM from NIKHAHIT + SARA AA (across a tone mark), or from a space that lost it."""
    text = LOST_NIKHAHIT.sub(rf"\1{SARA_AM}", text)
    return SPLIT_SARA_AM.sub(rf"\1{SARA_AM}", text)


def normalise_digits(text: str) -> str:
    """Thai digits → Arabic digits: ๐-๔๓๘๑-๑๒๔๗ → 0-4381-1247."""
    return thai_digit_to_arabic_digit(text)


def fold_spaces(text: str) -> str:
    """Runs of white space → one space; trimmed."""
    return " ".join(text.split())


def repair_thai(text: str) -> str:
    """Text as extracted from a PDF → the contract's normalised text (idempotent)."""
    text = SPACE_BEFORE_MARK.sub("", map_pua(text))
    text = compose_sara_am(text).translate(ZERO_WIDTH_REMOVAL)
    return normalise_digits(fold_spaces(reorder_marks(text)))


def join_wrapped_lines(lines: list[str]) -> str:
    """A cell's lines → one text: no space where both sides are Thai letters, else one space."""
    joined = ""
    for line in lines:
        part = repair_thai(line)
        if not part:
            continue
        if joined and not (joined[-1] in THAI_LETTERS and part[0] in THAI_LETTERS):
            joined += " "
        joined += part
    return repair_thai(joined)


def compact(text: str) -> str:
    """The text without any white space, for comparisons (Thai spacing carries no meaning)."""
    return "".join(text.translate(ZERO_WIDTH_REMOVAL).split())
