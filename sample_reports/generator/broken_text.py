"""The broken text layer of real Thai PDFs, and proof that a sample really has it.

Chromium printing a TH Sarabun-style font (TLWG Laksaman) writes the glyphs HarfBuzz chose:
tone marks and upper vowels shifted into the Private Use Area (U+F700-U+F71A), SARA AM as
NIKHAHIT + SARA AA, and marks in visual rather than logical order. pdfplumber's chars show
all three; this module checks that they are there, so the sample keeps testing the repair.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

PUA = range(0xF700, 0xF71B)
NIKHAHIT, SARA_AA = "\u0e4d", "\u0e32"
UPPER_OR_LOWER_VOWELS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a")
TONE_MARKS = frozenset("\u0e48\u0e49\u0e4a\u0e4b\u0e4c")
PUA_TONES = frozenset(chr(c) for c in (*range(0xF705, 0xF70F), *range(0xF713, 0xF718)))


@dataclass
class BrokenText:
    pua: int = 0
    split_sara_am: int = 0
    tone_before_vowel: int = 0


def broken_text_of(path: Path) -> BrokenText:
    found = BrokenText()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            text = "".join(char["text"] for char in page.chars)
            found.pua += sum(1 for char in text if ord(char) in PUA)
            found.split_sara_am += text.count(NIKHAHIT + SARA_AA)
            found.tone_before_vowel += sum(
                1
                for a, b in itertools.pairwise(text)
                if (a in TONE_MARKS or a in PUA_TONES) and b in UPPER_OR_LOWER_VOWELS
            )
    return found


def require_broken_text_layer(path: Path) -> BrokenText:
    """Fail loudly unless the PDF's text layer has PUA marks, split SARA AM and reordering."""
    found = broken_text_of(path)
    if not (found.pua and found.split_sara_am and found.tone_before_vowel):
        raise RuntimeError(f"{path.name}: the text layer is not broken as intended: {found}")
    return found
