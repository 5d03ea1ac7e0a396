"""The words Thai places are named with, as the municipalities and subdistrict administrations
print them: counted over the 1,108 that pythainlp's copy of the Thai Wikipedia's titles names
(its corpus, shipped in the package). A place read from an image holding a word no place
holds, where a look-alike of it is a word many places hold, was misread: ทำศาลา for ท่าศาลา
(ท่า begins 27 places, ทำ none), read with full confidence at 150 dpi. Pure; the list is read
once per process, and only for a report read from images.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from parsers.language import vocabulary as vocab
from parsers.language.misreadings import near_variants
from parsers.language.text_quality import segment
from parsers.language.vocabulary import compact

# A look-alike held by this many places at least is a common place word. Each of the 966
# places judged against the others' words (tests/test_ocr_text_doubt.py): 2 doubted (บึงบา,
# หนองบัวบาน).
COMMON_PLACE_WORD = 20
TITLES = "wikipedia_titles_th.txt"


def place_of(name: str) -> str | None:
    """An organisation's name without its kind (เทศบาลตำบลท่าศาลา: ท่าศาลา), or None."""
    kind = vocab.org_kind_of(name)
    return compact(name).removeprefix(kind.prefix) if kind is not None else None


@cache
def place_words() -> Counter[str]:
    """How many places of the organisations Wikipedia names hold each word."""
    from pythainlp.corpus import get_corpus

    places = {place for title in get_corpus(TITLES) if (place := place_of(title))}
    return Counter(word for place in places for word in set(segment(place)))


def unknown_place_words(place: str, counts: Counter[str] | None = None) -> list[str]:
    """The words of a place no place holds, a look-alike of which many places hold (`counts`:
    the places' words, place_words() by default)."""
    counts = place_words() if counts is None else counts
    return [
        word
        for word in segment(compact(place))
        if counts[word] == 0
        and any(counts[variant] >= COMMON_PLACE_WORD for _, variant in near_variants(word))
    ]
