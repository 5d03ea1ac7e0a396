"""How much of a page's Thai text reads as dictionary words: a measure of a text layer's health.

The share is taken over Thai letters, not words: the letters of tokens that are words of
pythainlp's word list (`thai_words()`), out of all Thai letters and all glyphs that carry no
letter at all (`(cid:N)`, U+0000, U+FFFD), which count as unreadable text. Segmentation is
pythainlp's newmm, which costs a few ms per page (see measure_share's callers: it is only run
where a page shows signs of damage, and always for `raingan text --quality`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any, cast

# Thresholds, from the share measured on every page of the committed samples (188 pages with
# Thai text: lowest 0.904, on a page of labels wrapped mid-word; 5th percentile 0.969; median
# 0.994), the staged damaged pages before repair (0.80 to 0.88: every า read ำ, vowels read
# (cid:N)) and a page whose font maps no Thai glyph (0.02):
# - below UNUSABLE_SHARE a page is unusable: what little reads as words is chance, and its
#   figures and names cannot be trusted; far below the damaged-but-repairable pages;
# - below LOW_SHARE a page gets a `text:` warning with its share and repairs: under every sound
#   page by a margin of 0.05, above the pages the known defects leave unrepaired.
UNUSABLE_SHARE = 0.5
LOW_SHARE = 0.85
# Runs of Thai letters and marks (digits and ฯ ๆ ฿ are not words of the list).
THAI_RUN = re.compile("[\u0e01-\u0e3a\u0e40-\u0e4e]+")
# What a glyph without Unicode reads as.
UNREADABLE_GLYPH = re.compile("\\(cid:\\d+\\)|[\x00\ufffd]")


@cache
def dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


@cache
def word_frequencies() -> dict[str, int]:
    """How often each word occurs in the Thai National Corpus (pythainlp's copy)."""
    from pythainlp.corpus import tnc

    return dict(tnc.word_freqs())


# A word of the dictionary read from an image may still be a misreading: a rare word one
# look-alike letter away from a common one (ภาร for การ, ปลิด for ปลัด, เผ้า for เฝ้า). Rare:
# fewer occurrences in the corpus than RARE_WORD; common: COMMONER_BY times as many at least.
# Measured in the corpus: งาม (5,752) is no rare word beside งาน, แพน (634) is 8.6 times
# rarer than แผน: both kept.
RARE_WORD = 1000
COMMONER_BY = 10


def rarer_look_alike(read: str, other: str) -> bool:
    """`read` is a rare word and `other`, a look-alike, a common one."""
    counts = word_frequencies()
    seen = counts.get(read, 0)
    return seen < RARE_WORD and counts.get(other, 0) >= COMMONER_BY * max(seen, 1)


def segment(run: str) -> list[str]:
    """newmm over pythainlp's default dictionary, which is thai_words(), given as `WordPaths`
    (the same words, and the same tokens, as the trie pythainlp builds of them)."""
    from pythainlp.tokenize import word_tokenize

    return list(word_tokenize(run, custom_dict=cast(Any, word_paths()), engine="newmm"))


DEAD_ENDS = 1 << 16  # texts kept that begin no word (`WordPaths`): a few MB at most


class WordPaths:
    """A word list as newmm reads its trie: newmm asks a trie only for `prefixes` (and whether
    it holds any word), and this gives the same lists as pythainlp's `Trie` of the same words.
    That trie makes a node object for each of thai_words()'s 180,000 prefixes in Python, 0.4 s
    of CPU in a process that measures a page's text (a damaged page's, a Chromium report's);
    here the words are sorted (a fiftieth of it), and whether a text is a word, or begins one,
    is looked up by bisection the first time it is asked and kept (what is kept is at most
    the trie's own paths, and the last DEAD_ENDS texts found to begin no word)."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = sorted({word.strip() for word in words} - {""})  # as Trie.add strips
        self.known: dict[str, bool] = {}  # a word's beginning → whether it is a word
        self.dead_ends: set[str] = set()  # texts that begin no word

    def __len__(self) -> int:
        return len(self.words)

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """The words that `text` holds from `start`, shortest first (`Trie.prefixes`)."""
        found = []
        known, dead_ends = self.known, self.dead_ends
        for end in range(start + 1, len(text) + 1):
            piece = text[start:end]
            is_word = known.get(piece)
            if is_word is None:
                if piece in dead_ends:
                    break
                is_word = self.look_up(piece)
                if is_word is None:  # no word goes on this way
                    if len(dead_ends) >= DEAD_ENDS:  # a worker's memory stays flat
                        dead_ends.clear()
                    dead_ends.add(piece)
                    break
                known[piece] = is_word
            if is_word:
                found.append(piece)
        return found

    def look_up(self, piece: str) -> bool | None:
        """True: a word; False: the beginning of one only; None: neither. The first word
        from `piece` on in sorted order begins with it where any does."""
        words = self.words
        index = bisect_left(words, piece)
        if index == len(words) or not words[index].startswith(piece):
            return None
        return words[index] == piece


@cache
def word_paths() -> WordPaths:
    """thai_words() as `WordPaths`, made once per process."""
    from pythainlp.corpus import thai_words

    return WordPaths(thai_words())


def thai_letters(texts: Iterable[str]) -> list[str]:
    return [run for text in texts for run in THAI_RUN.findall(text)]


@lru_cache(maxsize=1 << 16)
def dictionary_letters(run: str) -> int:
    """How many letters of a run of Thai text fall in words of the word list (cached: a
    document repeats its runs, and the per-font decisions read the same text twice)."""
    words = dictionary()
    return sum(len(token) for token in segment(run) if token in words)


def dictionary_counts(texts: Iterable[str]) -> tuple[int, int]:
    """(Thai letters in dictionary words, Thai letters and letterless glyphs in all)."""
    texts = list(texts)
    runs = thai_letters(texts)
    unreadable = sum(len(UNREADABLE_GLYPH.findall(text)) for text in texts)
    return sum(map(dictionary_letters, runs)), sum(map(len, runs)) + unreadable


def dictionary_share(texts: Iterable[str]) -> float | None:
    """The share of Thai text (0..1) that reads as dictionary words; None when there is none.

    Glyphs that carry no letter count as Thai text that is not a word: a page of `(cid:N)`
    reads as 0, not as "no Thai text".
    """
    in_words, total = dictionary_counts(texts)
    return in_words / total if total else None


def quality_summary(share: float | None, repairs: dict[str, int]) -> str:
    """`93% of its Thai text reads as dictionary words; repairs: sara_aa_remapped 412`."""
    said = (
        "no Thai text"
        if share is None
        else f"{share:.0%} of its Thai text reads as dictionary words"
    )
    done = ", ".join(f"{kind} {count}" for kind, count in sorted(repairs.items()) if count)
    return f"{said}; repairs: {done}" if done else said
