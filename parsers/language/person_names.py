"""Thai person names read from page images, checked against the names people are known by.

A reader of page images takes a letter or mark for its look-alike with full confidence
(ปิยะนุช read บิยะนุช, ใจดี read ใจดิ, พิมพ์ทอง read พมพทอง). A name is no word of the
dictionary, so the dictionary cannot tell; the lists of Thai given and family names
(pythainlp's corpus) can: a name that is none of them, but a known one's letters with other
marks, or one look-alike letter away from one (look_alikes), was misread. A name that is
neither is kept as read: a list does not hold every name, and a name one other letter away
from a known one is as likely right (ไชติ, beside โชติ, signs the reference's memo).
"""

from __future__ import annotations

import re
from functools import cache

from parsers.language.look_alikes import CONFUSED
from parsers.language.misreadings import THANTHAKHAT
from parsers.language.thai_text import CONSONANTS
from parsers.language.vocabulary_match import skeleton

# A person's title, run into the name or not (the longest first: นางสาว before นาง).
TITLES = ("ว่าที่ร้อยตรี", "ว่าที่ ร.ต.", "นางสาว", "นาย", "นาง", "น.ส.", "ดร.")
TITLE = re.compile("^(?:" + "|".join(re.escape(title) for title in TITLES) + r")\s*")
NAME_PARTS = ("given", "family")
ROYAL_PARTICLE = "ณ"  # ณ อยุธยา: a family name of two parts
# Names shorter than this are too near too many others to judge by one letter.
SHORTEST_JUDGED = 3


@cache
def known_names() -> frozenset[str]:
    """Thai given names (female and male) and family names."""
    from pythainlp.corpus import thai_family_names, thai_female_names, thai_male_names

    return frozenset(thai_female_names()) | thai_male_names() | thai_family_names()


def look_alike_away(word: str) -> set[str]:
    """Every text one letter away from `word` as a reader confuses them (look_alikes)."""
    return {
        word[:i] + other + word[i + 1 :]
        for i, ch in enumerate(word)
        for other in CONFUSED.get(ch, "")
    }


@cache
def known_letters() -> frozenset[str]:
    """The known names' letters without their marks (กิตติพงษ์: กตตพงษ)."""
    return frozenset(skeleton(name)[0] for name in known_names())


def misread_names(name: str) -> list[str]:
    """The parts of a person's name (title aside) that were misread: a lone letter (a name
    split where a mark was lost: ผิวผ่อง read ผิวผ อง), or no known name but a known name's
    letters with other marks (พิมพ์ทอง read พมพทอง), or a look-alike away from one."""
    parts = [part for part in TITLE.sub("", name.strip()).split() if "." not in part]  # ranks
    if len(parts) > len(NAME_PARTS) and ROYAL_PARTICLE not in parts:
        return parts  # a given and a family name, split where a mark was lost
    return [part for part in parts if is_misread(part)]


def is_misread(part: str) -> bool:
    if len(part) == 1:
        return part != ROYAL_PARTICLE
    if starts_unspelt(part):  # however short
        return True
    known = known_names()
    if len(part) < SHORTEST_JUDGED or part in known:
        return False
    return (
        skeleton(part)[0] in known_letters()
        or not known.isdisjoint(look_alike_away(part))
        or first_letter_lost(part)
        or thanthakhat_lost_at_end(part)
    )


# How every known name starts: a consonant, or a vowel written before one (none of pythainlp's
# 21,218 starts otherwise, nor with its first letter silenced).
NAME_STARTS = frozenset(CONSONANTS + "เแโใไ")


def starts_unspelt(part: str) -> bool:
    """The name starts as no Thai word is spelt: with a mark, or its first letter silenced
    (ณ์ชูวุฒิ for ณัฐวุฒิ, a mark read loose over ณ and ฐ's tail read as ชู)."""
    return part[0] not in NAME_STARTS or part[1:2] == THANTHAKHAT


def first_letter_lost(part: str) -> bool:
    """A known name without its first letter (สมชาย read มชาย, the letter lost beside the
    title). Taken for one known name judged among the others, 1 % of the given names and none
    of the family names would be doubted so; a letter lost elsewhere, 5 %: not taken."""
    return any(letter + part in known_names() for letter in CONSONANTS)


# A name ending as no known name ends, where COMMON_ENDING known names end so with a
# THANTHAKHAT (ธรรมวงศ for ธรรมวงศ์: 108 family names end in วงศ์, none in วงศ). The last
# ENDING_LETTERS letters, or fewer.
ENDING_LETTERS = (3, 2)
COMMON_ENDING = 10


@cache
def name_endings() -> dict[str, int]:
    """How many known names end with each stretch of ENDING_LETTERS letters."""
    counts: dict[str, int] = {}
    for name in known_names():
        for letters in ENDING_LETTERS:
            counts[name[-letters:]] = counts.get(name[-letters:], 0) + 1
    return counts


def thanthakhat_lost_at_end(part: str) -> bool:
    """The name ends as no known name does, and as many end with a THANTHAKHAT after it.
    Judged on the known names themselves: 10 of the 11,843 given names, none of the family
    names, would be doubted so (อภิรัตน, a name written both ways)."""
    endings = name_endings()
    return any(
        endings.get(part[-letters:] + THANTHAKHAT, 0) >= COMMON_ENDING
        and part[-letters:] not in endings
        for letters in ENDING_LETTERS
    )
