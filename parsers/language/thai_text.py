"""Thai text as PDFs give it → standard Unicode, per the contract's Normalisation section.

Fonts without OpenType Thai tables (TH Sarabun–style fonts, Word exports, TLWG fonts shaped by
HarfBuzz) draw shifted tone marks and descender-less letters with Private Use Area glyphs, and
text extraction hands those code points back. Other producers split SARA AM into NIKHAHIT +
SARA AA, emit marks in drawing order (a tone mark after SARA AM: นำ้), draw a mark twice (หน่่วย),
or lose the NIKHAHIT of SARA AM to a space. All of this is repaired here, and each repair is
counted by kind for the text-quality report; spelling is never touched, and NFKC is never applied
(it splits SARA AM).

pythainlp's `normalize` does the reordering and de-duplication too, but not only them: it also
rewrites LAKKHANGYAO as SARA AA (กๅ → กา) and SARA E + SARA E as SARA AE, deletes repeated
vowels that are printed (นานาาา → นานา, even across a space: ก า า → ก า, which letter-spaced
titles hit), keeps only the last of two different tone marks (ก่้ → ก้), and drops marks at the
start of a text. Each of those changes what is printed, which the contract forbids, so the two
repairs it would add here are kept as the small explicit rules below.
"""

from __future__ import annotations

import re
from collections import Counter
from enum import StrEnum
from functools import lru_cache

from pythainlp.util import thai_digit_to_arabic_digit

from parsers.language.vocabulary import ZERO_WIDTH, ZERO_WIDTH_REMOVAL

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

# --- Patterns ----------------------------------------------------------------------------------
# Nothing printed starts with a combining mark or SARA AM: a space before one is an artefact.
SPACE_BEFORE_MARK = re.compile(rf"[\s{ZERO_WIDTH}]+(?=[{COMBINING_MARKS}{SARA_AM}])")
# SARA AM whose NIKHAHIT became a (zero-width) space, as MS Word exports and Royal Gazette PDFs
# give it: ด าเนินการ, น้ า. No Thai word starts with SARA AA, so this never joins real words.
LOST_NIKHAHIT = re.compile(rf"([{CONSONANTS}][{TONE_MARKS}]?)[\s{ZERO_WIDTH}]+{SARA_AA}")
# NIKHAHIT + (tone mark) + SARA AA is SARA AM drawn in two glyphs: ตํ่า → ต่ำ.
SPLIT_SARA_AM = re.compile(rf"{NIKHAHIT}([{TONE_MARKS}]*)[\s{ZERO_WIDTH}]*{SARA_AA}")
MARK_RUN = re.compile(rf"[{COMBINING_MARKS}]{{2,}}")
# A tone mark sits above SARA AM's NIKHAHIT, so some producers emit it after SARA AM (นำ้, ตำ่);
# in Unicode it comes before (น้ำ, ต่ำ). Nothing follows SARA AM within its cluster.
MARK_AFTER_SARA_AM = re.compile(rf"{SARA_AM}([{TONE_MARKS}]+)")
# The same mark twice in a row (หน่่วย, นัักวิชาการ): a cluster never carries one mark twice,
# so the second is a glyph drawn twice on the same spot.
DOUBLED_MARK = re.compile(rf"([{COMBINING_MARKS}])\1+")


class Repair(StrEnum):
    """The kinds of text-layer repair, as counted per page (`PageContent.repairs`' keys)."""

    PUA = "pua"  # a Private Use Area glyph read as the Thai letter it draws
    NIKHAHIT_SARA_AA = "nikhahit_sara_aa"  # NIKHAHIT + SARA AA composed to SARA AM
    LOST_NIKHAHIT = "lost_nikhahit"  # SARA AM rebuilt from a space + SARA AA (ด าเนิน)
    MARK_AFTER_SARA_AM = "mark_after_sara_am"  # นำ้ → น้ำ
    REORDERED = "reordered"  # a cluster's marks put in the standard order (ท่ี → ที่)
    DOUBLED_MARK = "doubled_mark"  # หน่่วย → หน่วย
    SPACE_BEFORE_MARK = "space_before_mark"  # a space before a combining mark dropped
    ZERO_WIDTH = "zero_width"  # a zero-width space or joiner dropped
    FAKE_BOLD = "fake_bold"  # a glyph drawn twice a fraction of a point apart, read once


def says_sara_am(text: str) -> bool:
    """SARA AM, or a cluster's text ending in it: LibreOffice gives a glyph the text of the
    whole cluster it was first drawn in (the NIKHAHIT ring of น้ำ reads ้ำ)."""
    return text.lstrip(TONE_MARKS) == SARA_AM


def map_pua(text: str) -> str:
    """Private Use Area glyph code points → the Thai letters they draw."""
    return text.translate(PUA_TRANSLATION)


def order_marks(marks: str) -> str:
    """One cluster's marks: vowels first, then tone marks / THANTHAKHAT (stable)."""
    return "".join(sorted(marks, key=MARK_RANK.__getitem__))


def reorder_marks(text: str, repairs: Counter[str] | None = None) -> str:
    def ordered(match: re.Match[str]) -> str:
        marks = match.group()
        in_order = order_marks(marks)
        if repairs is not None and in_order != marks:
            repairs[Repair.REORDERED] += 1
        return in_order

    return MARK_RUN.sub(ordered, text)


def substitute(
    pattern: re.Pattern[str],
    replacement: str,
    text: str,
    repairs: Counter[str] | None,
    kind: Repair,
) -> str:
    """`pattern.sub`, counting the substitutions made under `kind`."""
    text, count = pattern.subn(replacement, text)
    if repairs is not None and count:
        repairs[kind] += count
    return text


def compose_sara_am(text: str, repairs: Counter[str] | None = None) -> str:
    """SARA AM from NIKHAHIT + SARA AA (across a tone mark), or from a space that lost it."""
    text = substitute(LOST_NIKHAHIT, rf"\1{SARA_AM}", text, repairs, Repair.LOST_NIKHAHIT)
    return substitute(SPLIT_SARA_AM, rf"\1{SARA_AM}", text, repairs, Repair.NIKHAHIT_SARA_AA)


def mark_before_sara_am(text: str, repairs: Counter[str] | None = None) -> str:
    """A tone mark emitted after SARA AM → before it: นำ้ → น้ำ, ขั้นตำ่ → ขั้นต่ำ."""
    return substitute(MARK_AFTER_SARA_AM, rf"\1{SARA_AM}", text, repairs, Repair.MARK_AFTER_SARA_AM)


def single_marks(text: str, repairs: Counter[str] | None = None) -> str:
    """Identical marks in a row → one: หน่่วย → หน่วย, วิิสััยทััศน์์ → วิสัยทัศน์."""
    return substitute(DOUBLED_MARK, r"\1", text, repairs, Repair.DOUBLED_MARK)


def without_zero_width(text: str, repairs: Counter[str] | None = None) -> str:
    kept = text.translate(ZERO_WIDTH_REMOVAL)
    if repairs is not None and len(kept) != len(text):
        repairs[Repair.ZERO_WIDTH] += len(text) - len(kept)
    return kept


def normalise_digits(text: str) -> str:
    """Thai digits → Arabic digits: ๐-๔๓๘๑-๑๒๔๗ → 0-4381-1247."""
    return thai_digit_to_arabic_digit(text)


def fold_spaces(text: str) -> str:
    """Runs of white space → one space; trimmed."""
    return " ".join(text.split())


def repair_thai(text: str, repairs: Counter[str] | None = None) -> str:
    """Text as extracted from a PDF → the contract's normalised text (idempotent).

    With `repairs`, each repair made is counted there by kind (PUA glyphs are mapped here too,
    but a page's are mapped and counted when its glyphs are clustered: parsers.text_layer.clusters).
    """
    repaired, made = repaired_once(text)
    if repairs is not None:
        for kind, count in made:
            repairs[kind] += count
    return repaired


# Words and lines recur within a document and across a backfill's (labels, status words, a
# table cell's text asked for again): each text is repaired once a process, its repairs
# counted anew wherever it is asked for.
REPAIRED_TEXTS = 1 << 14


@lru_cache(maxsize=REPAIRED_TEXTS)
def repaired_once(text: str) -> tuple[str, tuple[tuple[str, int], ...]]:
    """The text repaired, and the repairs made by kind, in the order they were first made."""
    repairs: Counter[str] = Counter()
    text = map_pua(text)
    text = substitute(SPACE_BEFORE_MARK, "", text, repairs, Repair.SPACE_BEFORE_MARK)
    text = without_zero_width(compose_sara_am(text, repairs), repairs)
    text = reorder_marks(mark_before_sara_am(text, repairs), repairs)
    return normalise_digits(fold_spaces(single_marks(text, repairs))), tuple(repairs.items())


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
