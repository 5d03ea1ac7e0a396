"""The dictionary-word share (`parsers.language.text_quality`) segments text with newmm over
`WordPaths`, not over the trie pythainlp builds of its word list (0.4 s of CPU in each process
that measures a page's text: a damaged page's, a Chromium report's): the same tokens, for the
real report's text and every word of the list, and pythainlp's trie left unbuilt by a parse.
"""

from __future__ import annotations

import json
import subprocess
import sys

from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize
from pythainlp.util import Trie

from parsers.language import text_quality
from parsers.language.text_quality import THAI_RUN, WordPaths, segment, word_paths
from tests.contract import REFERENCE_TEXT, SAMPLES_DIR

# A Chromium report: its glyphs read through /ActualText are measured (`settle_pages`).
MEASURED_SAMPLE = SAMPLES_DIR / "reference-chromium.pdf"


def trie_tokens(run: str) -> list[str]:
    """newmm over pythainlp's own trie of its word list (what `segment` gave before)."""
    return list(word_tokenize(run, engine="newmm"))


def test_the_reference_reports_runs_segment_as_over_pythainlps_trie():
    runs = sorted(set(THAI_RUN.findall(REFERENCE_TEXT.read_text(encoding="utf-8"))))
    assert len(runs) > 200
    assert [segment(run) for run in runs] == [trie_tokens(run) for run in runs]


def test_every_word_and_its_beginnings_are_found_as_the_trie_finds_them():
    words = sorted(thai_words())
    trie, paths = Trie(words), word_paths()
    assert len(paths) == len(trie)
    for word in words[::3]:
        for text, start in ((word + "ก", 0), ("ก" + word + "ะ", 1), (word[:-1], 0)):
            assert paths.prefixes(text, start) == trie.prefixes(text, start), (text, start)


def test_words_glued_together_segment_alike():
    """Runs of several words and stray letters, as a damaged layer's text reads."""
    words = sorted(thai_words())
    runs = [
        words[i] + words[(i * 7) % len(words)] + "ะ" + words[(i * 13) % len(words)]
        for i in range(0, len(words), 97)
    ]
    assert [segment(run) for run in runs] == [trie_tokens(run) for run in runs]


def test_words_are_taken_stripped_as_the_trie_takes_them():
    paths = WordPaths([" กา ", "กาก", "", "  "])
    assert len(paths) == 2
    assert paths.prefixes("กากา") == ["กา", "กาก"] == Trie([" กา ", "กาก"]).prefixes("กากา")
    assert paths.prefixes("กากา", 2) == ["กา"]
    assert paths.prefixes("ขา") == []


def test_texts_that_begin_no_word_are_kept_a_bounded_number(monkeypatch):
    monkeypatch.setattr(text_quality, "DEAD_ENDS", 3)
    paths = WordPaths(["กา", "กาก"])
    for text in ("ข", "ค", "ฆ", "ง", "จ", "ข"):
        assert paths.prefixes(text + "า") == []
        assert paths.prefixes("กา" + text) == ["กา"]
        assert len(paths.dead_ends) <= 3
    assert paths.prefixes("กาก") == ["กา", "กาก"]


def test_a_parse_that_measures_text_builds_no_pythainlp_trie():
    """In a process of its own: what `raingan parse` of a Chromium report pays."""
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from parsers import Limits, parse_report\n"
        "from pythainlp.tokenize import word_dict_trie\n"
        "from parsers.text_layer.opening import open_pdf\n"
        "from parsers.text_layer.reading import read_pages\n"
        "data = Path(sys.argv[1]).read_bytes()\n"
        "with open_pdf(data, Limits(ocr=False)) as pdf:\n"
        "    pages = read_pages(pdf, data)\n"
        "parse_report(data, filename='x.pdf', limits=Limits(ocr=False))\n"
        "print(json.dumps([[p.dictionary_share for p in pages],"
        " word_dict_trie.cache_info().currsize]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(MEASURED_SAMPLE)],
        capture_output=True,
        text=True,
        check=True,
    )
    shares, tries_built = json.loads(done.stdout.splitlines()[-1])
    assert all(share is not None and share > 0.9 for share in shares)  # measured, and sound
    assert tries_built == 0
