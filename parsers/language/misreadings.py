"""What a text read from an image shows misread, from its words alone.

Tesseract reads Thai with full confidence where it swapped a letter or a mark for its
look-alike, or dropped a tone mark or a THANTHAKHAT. Read right, a project's name, a remark or a
position is words of the dictionary; a run that is not, or that reads as fewer or longer words
with one letter changed as readers confuse them, shows a misreading. Pure: the sections doubt
the fields these name (parsers.sections.doubt), and the page reader reads such a cell again
(parsers.ocr.cell_rereading).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from parsers.language import vocabulary as vocab
from parsers.language.look_alikes import CONFUSED
from parsers.language.text_quality import (
    THAI_RUN,
    dictionary,
    rarer_look_alike,
    segment,
    word_frequencies,
)
from parsers.language.thai_dates import THAI_MONTHS
from parsers.language.thai_text import CONSONANTS

# A tone mark and SARA AA read for SARA AM, its NIKHAHIT taken for the tone (ผู้อ้านวยการ for
# ผู้อำนวยการ), and SARA AM read for them (คำนิยม).
CONFUSED_RUNS = (("่า", "ำ"), ("ำ", "่า"), ("้า", "ำ"), ("ำ", "้า"))
TONE_MARKS = "่้"
# What a tone mark is written after (a letter, or the vowel over or under it), the reader
# dropping it: ป้อง read ปอง.
VOWELS_OVER_UNDER = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39"
TONE_BEARERS = frozenset(VOWELS_OVER_UNDER + CONSONANTS)
# A hand-like font's MAI HAN-AKAT has a tail a reader takes for a tone mark over it (ปลูกฝั่ง
# for ปลูกฝัง, Purisa at 200 dpi): such a tone mark taken away is a variant too. Measured on
# the 495 project names of the generator, the samples and the reference: none more doubted as
# printed, and every one with a tone mark put over a MAI HAN-AKAT doubted (911).
MAI_HAN_AKAT = "\u0e31"
# THANTHAKHAT, small and high, is lost beside a rule or a tone mark's place (ร้องทุกข for
# ร้องทุกข์, องคการ); it is written over a silenced letter or the vowel under or over it.
THANTHAKHAT = "\u0e4c"
SILENCE_BEARERS = frozenset("\u0e34\u0e38" + CONSONANTS)
MARKS_AFTER = tuple(TONE_MARKS + VOWELS_OVER_UNDER + THANTHAKHAT)  # none is put back before one


def misread_words(text: str) -> list[str]:
    """The words of a text read from an image that show a misreading although the reader was
    sure of them: a piece that is no word of the dictionary (มิซอบ, ส งเสริม), or a run that
    reads as fewer words, all of the dictionary, with one letter or mark taken for another
    (จัดซื่อจัดจ้าง for จัดซื้อจัดจ้าง, ประจาปี for ประจำปี). Read right, a project's name
    is words of the dictionary (its place names in their syllables)."""
    letters = ABBREVIATION.sub(" ", text)
    in_runs = [word for run in THAI_RUN.findall(letters) for word in misread_in_run(run)]
    return misread_abbreviations(text) + in_runs


# A dotted abbreviation (อบต., ทม. after a space; ป.ป.ช. anywhere): letters that are no word,
# printed so.
ABBREVIATION = re.compile(
    r"(?<![\u0e01-\u0e4e])(?:[\u0e01-\u0e2e]{1,4}\.)+|(?:[\u0e01-\u0e2e]\.){2,}"
)


ORG_ABBREVIATIONS = tuple(a for kind in vocab.ORG_TYPES for a in kind.abbreviations)  # อบต.


@lru_cache(maxsize=1)
def known_abbreviations() -> frozenset[str]:
    """Every dotted abbreviation the vocabulary holds: organisations' kinds, agencies, the
    Buddhist era and the months."""
    months = (abbreviation for _, abbreviation in THAI_MONTHS)
    return frozenset((*ORG_ABBREVIATIONS, *vocab.AGENCY_ABBREVIATIONS, vocab.BUDDHIST_ERA, *months))


def misread_abbreviations(text: str) -> list[str]:
    """The dotted abbreviations no list holds that a look-alike letter away are one that a
    list holds (ป.ป.ซ. for ป.ป.ช.)."""
    known = known_abbreviations()
    return [
        found
        for found in ABBREVIATION.findall(text)
        if found not in known and any(variant in known for _, variant in near_variants(found))
    ]


def misread_beside_places(text: str) -> list[str]:
    """The words of a text naming a place read from an image (a memo's agency, its addressee)
    that show a misreading: a THANTHAKHAT lost (นายกเทศมนตรีตำบลกันทรลักษ for
    …กันทรลักษ์), or a common word made rare (misread_place_word). A place's name may be in
    no dictionary, and made of short words whose look-alikes join into others (ท่าไม้รวก): a
    look-alike doubted 123 of the 1,110 organisations Wikipedia names, a THANTHAKHAT put back
    one."""
    letters = ABBREVIATION.sub(" ", text)
    runs = THAI_RUN.findall(letters)
    silenced = [word for run in runs for word in silenced_in_run(run)]
    places = [word for run in runs for word in segment(run) if misread_place_word(word)]
    return undotted_abbreviations(text) + silenced + places


# A place's word read from an image that a reader's slip made of a common word: one never seen
# in the corpus, no word of the dictionary, a look-alike away from a common one (เภาะคา for
# เกาะคา), or a rare one with a mark lost (สวางแดนดิน for สว่างแดนดิน, a tone mark vanished
# in a 150-dpi black-and-white scan). Common: COMMON_WORD occurrences at least, and
# MARK_LOST_BY times the rare one's; rare: RARE_PLACE_WORD at most. Measured on the 1,108
# organisations pythainlp's Wikipedia titles name: none doubted (a look-alike of a rare word,
# without the mark's limit, doubted 104; ตาว, ดาว's look-alike, is 14 times in the corpus).
COMMON_WORD = 1000
RARE_PLACE_WORD = 20
MARK_LOST_BY = 100


@lru_cache(maxsize=1 << 12)
def misread_place_word(word: str) -> bool:
    counts = word_frequencies()
    seen = counts.get(word, 0)
    never_seen = seen == 0 and word not in dictionary()
    for _, variant in near_variants(word):
        common = counts.get(variant, 0)
        if common < COMMON_WORD or variant not in dictionary():
            continue
        mark_lost = len(variant) > len(word) and seen <= RARE_PLACE_WORD
        if never_seen or (mark_lost and common >= MARK_LOST_BY * max(seen, 1)):
            return True
    return False


# An organisation named in running text (a memo's subject): from its kind's word to the year's
# words or the end; its place's name may be in no dictionary.
ORG_NAMED = re.compile(
    rf"{vocab.one_of(vocab.ORG_NAME_STARTS)}.*?(?=\s*{vocab.one_of(vocab.TITLE_YEAR_WORDS)}|$)"
)


def misread_subject(text: str) -> list[str]:
    """The words of a memo's subject read from an image that show a misreading: its own words
    as the dictionary shows (`misread_words`: ดำเนินการบ้องกัน for ดำเนินการป้องกัน, a riser's
    tone touching it), an organisation it names as a place's name does
    (`misread_beside_places`)."""
    named = " ".join(ORG_NAMED.findall(text))
    return misread_words(ORG_NAMED.sub(" ", text)) + (misread_beside_places(named) if named else [])


def undotted_abbreviations(text: str) -> list[str]:
    """An organisation's abbreviation printed without its dot (ทม บางพระ for ทม.บางพระ): the
    dot, a speck, is what a reader loses."""
    undotted = {abbreviation.rstrip(".") for abbreviation in ORG_ABBREVIATIONS}
    return [word for word in text.split() if word in undotted]


@lru_cache(maxsize=1 << 12)
def silenced_in_run(run: str) -> tuple[str, ...]:
    """The word of the run that lost its THANTHAKHAT: put back, the run reads as fewer
    words, all of the dictionary."""
    words = dictionary()
    tokens = segment(run)
    for index, variant in silenced_variants(run):
        read = segment(variant)
        if len(read) < len(tokens) and all(token in words for token in read):
            return (token_at(tokens, index),)
    return ()


@lru_cache(maxsize=1 << 14)
def misread_in_run(run: str) -> tuple[str, ...]:
    words = dictionary()
    unknown = tuple(token for token in segment(run) if token not in words)
    return unknown or look_alike_in_run(run)


@lru_cache(maxsize=1 << 14)
def look_alike_in_run(run: str) -> tuple[str, ...]:
    """The word of the run that reads better with one letter or mark changed as a reader
    confuses them: the run then reads as fewer words of the dictionary, a longer one through
    that letter, or a common word for a rare one."""
    words = dictionary()
    tokens = segment(run)
    better: list[tuple[int, str]] = []  # the variants that read better: how many words, where
    for index, variant in near_variants(run):
        read = segment(variant)
        if not all(token in words for token in read):
            continue
        fewer = len(read) < len(tokens) and (run[index], variant[index]) not in ONLY_BESIDE_COMMON
        longer = longer_word_through(tokens, read, index)
        if fewer or longer or rarer_than_its_look_alike(tokens, read):
            better.append((len(read), token_at(tokens, index)))
    if better:  # the word whose change reads best (จัดซื่อ: ซื่อ, not จัด read อัด)
        return (min(better, key=lambda found: found[0])[1],)
    for index, variant in paired_variants(run):
        read = segment(variant)
        if longer_word_through(tokens, read, index) and all(token in words for token in read):
            return (token_at(tokens, index),)
    return ()


PAIRED_WITHIN = 2  # letters apart: a syllable's letter and its mark misread together


def paired_variants(run: str) -> Iterator[tuple[int, str]]:
    """Where and how the run reads with two letters or marks of one syllable changed
    (จัดชื่อ for จัดซื้อ: the word through them then reads longer)."""
    for index, variant in near_variants(run):
        for other, twice in near_variants(variant):
            if 0 < abs(other - index) <= PAIRED_WITHIN:
                yield index, twice


# Look-alikes taken only where the word read is rare beside the other (ปลิด for ปลัด), not
# where the other joins a longer word: การติดต่อ, right, read with ตัด makes การตัดต่อ.
ONLY_BESIDE_COMMON = frozenset({("\u0e34", "\u0e31"), ("\u0e31", "\u0e34")})


def rarer_than_its_look_alike(tokens: list[str], variant: list[str]) -> bool:
    """The run and its variant are the same words but one, and that one was read as a rare
    word whose look-alike is common (ภาร for การ: text_quality.rarer_look_alike)."""
    if len(tokens) != len(variant):
        return False
    changed = [(a, b) for a, b in zip(tokens, variant, strict=True) if a != b]
    return len(changed) == 1 and rarer_look_alike(*changed[0])


# A letter misread breaks the long word it is in (โปร่งใส read ความโปร่ง ไส): the variant's
# word through that letter is LONGER_BY letters longer than the word read there, at least.
# Measured on the generator's names with single look-alike misreads and on the reference's
# text: 3 doubts right text, 4 none more than before.
LONGER_BY = 4


def longer_word_through(tokens: list[str], variant: list[str], index: int) -> bool:
    """The variant reads a longer word through the letter at `index` than the run does."""
    return len(token_at(variant, index)) >= len(token_at(tokens, index)) + LONGER_BY


def token_at(tokens: list[str], index: int) -> str:
    """The token of a run's segmentation that holds its character at `index`."""
    start = 0
    for token in tokens:
        if start <= index < start + len(token):
            return token
        start += len(token)
    return tokens[-1]


def near_variants(run: str) -> Iterator[tuple[int, str]]:
    """Where and how the run reads with one letter or mark changed as a reader confuses them
    (CONFUSED, CONFUSED_RUNS), or with a tone mark or a THANTHAKHAT put back."""
    for index, char in enumerate(run):
        before, after = run[:index], run[index + 1 :]
        for other in CONFUSED.get(char, ""):
            yield index, before + other + after
        for misread, printed in CONFUSED_RUNS:
            if run.startswith(misread, index):
                yield index, before + printed + run[index + len(misread) :]
        if char in TONE_BEARERS and not after.startswith(tuple(TONE_MARKS + VOWELS_OVER_UNDER)):
            yield from ((index, before + char + tone + after) for tone in TONE_MARKS)
        if char in TONE_MARKS and before.endswith(MAI_HAN_AKAT):
            yield index, before + after
    yield from silenced_variants(run)


def silenced_variants(run: str) -> Iterator[tuple[int, str]]:
    """Where and how the run reads with a THANTHAKHAT put back."""
    for index, char in enumerate(run):
        before, after = run[:index], run[index + 1 :]
        if char in SILENCE_BEARERS and not after.startswith(MARKS_AFTER):
            yield index, before + char + THANTHAKHAT + after
