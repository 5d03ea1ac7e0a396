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
    known = known_names()
    if len(part) < SHORTEST_JUDGED or part in known:
        return False
    return skeleton(part)[0] in known_letters() or not known.isdisjoint(look_alike_away(part))
