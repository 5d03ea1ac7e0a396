"""Glyphs of a font that nothing names: the letter their font's words read as.

Some producers leave a glyph without any text: LibreOffice gives its ToUnicode entry only to
the first glyph of a cluster drawn in several, so a SARA AA first drawn as the second half of a
SARA AM (ring + SARA AA), or a tone mark raised above that ring, has no entry at all, and every
later use of it reads `(cid:N)` (ม(cid:3)ก for มาก) or, in a simple font, the font encoding's
character for its code (a zero-width `0` in น้ำ). When neither its name in the embedded font
nor an outline of the document gives its letter (parsers.text_layer.font_mapping), the glyph is read
as each letter its geometry allows (a glyph that advances nothing is a mark: above the baseline an
upper vowel or tone mark, below it a lower vowel; one that advances is a spacing letter the
font has no other code for), over every use of it in the document, and the letter is taken
only when it makes clearly more of the font's text read as dictionary words than leaving the
glyph unread, and than any other letter. Decided per font and glyph, never word by word.
A font most of whose text has no letter (a font that maps no Thai glyph) is not guessed at:
one glyph at a time cannot make its words, and its page is left to be called unusable.
"""

from __future__ import annotations

from collections.abc import Iterable

from parsers.language.text_quality import dictionary_counts
from parsers.language.thai_text import (
    ABOVE_VOWELS,
    BELOW_VOWELS,
    CONSONANTS,
    THANTHAKHAT,
    TONE_MARKS,
    repair_thai,
)

Run = list[tuple[int, str]]  # one page's glyphs of one font: (code, text), in drawing order

# What a glyph may be, by its geometry (LAKKHANGYAO, ฯ and ๆ left out: rare, and ๅ is
# SARA AA's twin in the dictionary's eyes).
UPPER_MARKS = ABOVE_VOWELS + TONE_MARKS + THANTHAKHAT
LOWER_MARKS = BELOW_VOWELS
SPACING_LETTERS = CONSONANTS + "\u0e30\u0e32\u0e33\u0e40\u0e41\u0e42\u0e43\u0e44"
# A letter is taken when it adds this many letters of dictionary words per use of the glyph
# over leaving it unread (as a swapped reading must: parsers.text_layer.font_mapping), and this many
# more than the next best letter, so that a glyph two letters read alike is left unread.
GAIN_PER_GLYPH = 0.75
MARGIN_PER_GLYPH = 0.5
# Guessed only in a font whose glyphs mostly read (at most this share of its uses unread) and
# mostly read as Thai (a Latin font's unread glyph is not made a Thai letter).
MAX_UNREAD_SHARE = 0.25
MIN_THAI_SHARE = 0.5
MAX_GUESSED = 8  # glyphs guessed per font, the most used first (each costs a few segmentations)


def candidates(advances: bool, ink: tuple[float, float] | None, mapped: Iterable[str]) -> str:
    """The letters a glyph may be: `ink` is its outline's (yMin, yMax) in ems (None: unknown);
    `mapped`, the texts of the font's other codes (a spacing letter has one glyph a font)."""
    if advances:
        taken = set(mapped)
        return "".join(letter for letter in SPACING_LETTERS if letter not in taken)
    if ink is None:
        return UPPER_MARKS + LOWER_MARKS
    low, high = ink
    if high <= 0:
        return LOWER_MARKS
    return UPPER_MARKS if low > 0 else UPPER_MARKS + LOWER_MARKS


def font_text(runs: list[Run], readings: dict[int, str]) -> list[str]:
    return [repair_thai("".join(readings.get(c, t) for c, t in run)) for run in runs]


def unread_share(runs: list[Run], unread: Iterable[int]) -> float:
    codes = set(unread)
    total = sum(len(run) for run in runs)
    missing = sum(1 for run in runs for c, _ in run if c in codes)
    return missing / total if total else 1.0


def thai_share(runs: list[Run], unread: Iterable[int]) -> float:
    """The share of the font's read glyphs (not spaces) that are Thai."""
    codes = set(unread)
    read = [t for run in runs for c, t in run if c not in codes and t.strip()]
    return sum(1 for t in read if "\u0e01" <= t[:1] <= "\u0e5b") / len(read) if read else 0.0


def words_with(runs: list[Run], codes: Iterable[int]) -> list[Run]:
    """The stretches of the runs between spaces that hold one of `codes`: all the text a
    reading of them changes (a word of Thai never spans a space; an unread glyph that its
    font's encoding reads as a space is not one)."""
    wanted = set(codes)
    found: list[Run] = []
    for run in runs:
        stretch: Run = []
        for glyph in [*run, (-1, " ")]:
            if glyph[1].isspace() and glyph[0] not in wanted:
                if any(c in wanted for c, _ in stretch):
                    found.append(stretch)
                stretch = []
            else:
                stretch.append(glyph)
    return found


def worth_guessing(runs: list[Run], unread: Iterable[int]) -> bool:
    """A font whose glyphs mostly read, as Thai: one unread glyph can make its words."""
    codes = set(unread)
    return unread_share(runs, codes) <= MAX_UNREAD_SHARE and thai_share(runs, codes) >= (
        MIN_THAI_SHARE
    )


def guess_letters(
    runs: list[Run], letters: dict[int, str], readings: dict[int, str]
) -> dict[int, str]:
    """For each unread code (`letters`: code → the letters it may be), the letter its font's
    words read as, when one clearly does. `readings`: codes read otherwise than their text
    for the comparison (a SARA AM ring as NIKHAHIT); each letter taken joins them."""
    if not letters or not worth_guessing(runs, letters):
        return {}
    runs = words_with(runs, letters)
    uses = {code: sum(1 for run in runs for c, _ in run if c == code) for code in letters}
    readings = dict(readings)
    guessed: dict[int, str] = {}
    for code in sorted(letters, key=lambda c: -uses[c])[:MAX_GUESSED]:
        if not uses[code]:
            continue
        kept, _ = dictionary_counts(font_text(runs, readings))
        scores = sorted(
            (
                (dictionary_counts(font_text(runs, readings | {code: letter}))[0], letter)
                for letter in letters[code]
            ),
            reverse=True,
        )
        if not scores:
            continue
        best, letter = scores[0]
        runner_up = scores[1][0] if len(scores) > 1 else kept
        if best - kept > GAIN_PER_GLYPH * uses[code] and (
            best - runner_up > MARGIN_PER_GLYPH * uses[code]
        ):
            guessed[code] = letter
            readings[code] = letter
    return guessed
