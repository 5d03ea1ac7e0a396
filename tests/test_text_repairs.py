"""Mark-level repairs of a text layer, on the generated samples (issue 11, part 3): tone marks
emitted after SARA AM, identical marks doubled, fake bold, LibreOffice's two-glyph SARA AM.
Each page's repairs are counted by kind (`PageContent.repairs`), one per defect shown."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from pdfplumber.utils import dedupe_chars

from parsers.language.thai_text import COMBINING_MARKS, SARA_AM, TONE_MARKS, Repair
from parsers.language.vocabulary import compact
from parsers.layout.page import PageContent
from parsers.layout.tolerances import TOLERANCES
from parsers.text_layer.clusters import merge_marks
from parsers.text_layer.page_reader import overlapping_copies, read_page, without_fake_bold
from parsers.text_layer.text_lines import chars_to_lines
from tests.contract import SAMPLES_DIR

MARK_AFTER_SARA_AM = SAMPLES_DIR / "textlayer-mark-after-sara-am.pdf"
WANGNAMYEN = SAMPLES_DIR / "textlayer-mark-after-sara-am-wangnamyen.pdf"
DOUBLED_MARKS = SAMPLES_DIR / "textlayer-doubled-marks.pdf"
FAKE_BOLD = SAMPLES_DIR / "textlayer-fake-bold.pdf"
LIBREOFFICE = SAMPLES_DIR / "reference-libreoffice.pdf"
CLEAN = SAMPLES_DIR / "reference-reportlab.pdf"

TONE_AFTER_SARA_AM = re.compile(f"{SARA_AM}[{TONE_MARKS}]")
DOUBLED = re.compile(f"([{COMBINING_MARKS}])\\1")


@cache
def raw_texts(path: Path) -> tuple[str, ...]:
    """Each page's glyph texts as the PDF gives them, in content-stream order."""
    with pdfplumber.open(path) as pdf:
        return tuple("".join(char["text"] for char in page.chars) for page in pdf.pages)


@cache
def pages(path: Path) -> tuple[PageContent, ...]:
    with pdfplumber.open(path) as pdf:
        return tuple(read_page(page) for page in pdf.pages)


def all_lines(path: Path) -> list[str]:
    return [line for page in pages(path) for line in page.line_texts()]


# --- Tone marks after SARA AM -------------------------------------------------------------------
@pytest.mark.parametrize("path", [MARK_AFTER_SARA_AM, WANGNAMYEN], ids=lambda p: p.stem)
def test_tone_marks_emitted_after_sara_am_read_before_it(path: Path) -> None:
    assert any(TONE_AFTER_SARA_AM.search(text) for text in raw_texts(path))  # the defect
    assert not any(TONE_AFTER_SARA_AM.search(line) for line in all_lines(path))


@pytest.mark.parametrize("path", [MARK_AFTER_SARA_AM, WANGNAMYEN], ids=lambda p: p.stem)
def test_each_tone_mark_after_sara_am_is_counted_on_its_page(path: Path) -> None:
    for raw, page in zip(raw_texts(path), pages(path), strict=True):
        expected = len(TONE_AFTER_SARA_AM.findall(raw))
        assert page.repairs.get(Repair.MARK_AFTER_SARA_AM, 0) == expected, page.number


def test_the_status_tables_header_reads_as_printed() -> None:
    """ขั้นตำ่ in the header hid the status table: it reads ขั้นต่ำ now."""
    assert any("ขั้นตำ่" in text for text in raw_texts(MARK_AFTER_SARA_AM))
    assert any("โครงการขั้นต่ำ" in compact(line) for line in all_lines(MARK_AFTER_SARA_AM))


def test_the_organisations_name_reads_with_its_tone_mark_before_sara_am() -> None:
    lines = [compact(line) for line in all_lines(WANGNAMYEN)]
    assert sum("วังน้ำเย็น" in line for line in lines) >= 5
    assert not any("วังนำ้เย็น" in line for line in lines)


# --- Doubled marks ------------------------------------------------------------------------------
def test_marks_drawn_twice_read_once_and_are_counted_per_page() -> None:
    for raw, page in zip(raw_texts(DOUBLED_MARKS), pages(DOUBLED_MARKS), strict=True):
        assert DOUBLED.search(raw), page.number  # every page shows the defect
        assert not any(DOUBLED.search(line) for line in page.line_texts())
        assert page.repairs.get(Repair.DOUBLED_MARK) == len(DOUBLED.findall(raw))
        assert Repair.FAKE_BOLD not in page.repairs


def test_doubled_marks_read_as_the_clean_export() -> None:
    """The same report exported without the defect (tone marks after SARA AM aside, which
    that sample's own repair puts back) reads the same, line for line."""
    doubled = [compact(line) for line in all_lines(DOUBLED_MARKS)]
    assert doubled == [compact(line) for line in all_lines(MARK_AFTER_SARA_AM)]


def test_marks_doubled_on_one_spot_are_not_fake_bold() -> None:
    with pdfplumber.open(DOUBLED_MARKS) as pdf:
        assert all(overlapping_copies(page.chars) == 0 for page in pdf.pages)


# --- SARA AM drawn as NIKHAHIT + SARA AA, its NIKHAHIT glyph mapped to SARA AM (LibreOffice) ---
def test_libreoffices_sara_am_reads_once() -> None:
    """ดำาเนิน as the text layer gives it: the zero-advance glyph read as SARA AM is the
    NIKHAHIT of a SARA AM drawn in two glyphs (a tone mark may be drawn between them)."""
    raw = "".join(raw_texts(LIBREOFFICE))
    assert "ดำาเนิน" in raw and "ตำ่า" in raw
    lines = [compact(line) for line in all_lines(LIBREOFFICE)]
    assert not any(f"{SARA_AM}\u0e32" in line for line in lines)
    assert sum("ดำเนิน" in line for line in lines) >= 10
    assert any("ขั้นต่ำ" in line for line in lines)


# --- Fake bold ----------------------------------------------------------------------------------
def test_fake_bold_is_found_on_the_pages_with_bold_text_and_only_there() -> None:
    with pdfplumber.open(FAKE_BOLD) as pdf:
        assert all(overlapping_copies(page.chars) > 0 for page in pdf.pages)
    with pdfplumber.open(CLEAN) as pdf:
        assert all(overlapping_copies(page.chars) == 0 for page in pdf.pages)


def test_without_the_repair_fake_bold_reads_each_letter_twice() -> None:
    with pdfplumber.open(FAKE_BOLD) as pdf:
        page = pdf.pages[1]
        unrepaired = [line.text for line in chars_to_lines(merge_marks(page.chars))]
    assert any("โโคครรงงกกาารร" in compact(line) for line in unrepaired)
    repaired = [compact(line) for line in pages(FAKE_BOLD)[1].line_texts()]
    assert not any("กกาารร" in line for line in repaired)
    assert any("โครงการขั้นต่ำ" in line for line in repaired)


def test_each_glyph_drawn_twice_is_read_once_and_counted() -> None:
    with pdfplumber.open(FAKE_BOLD) as pdf:
        for page, content in zip(pdf.pages, pages(FAKE_BOLD), strict=True):
            removed = content.repairs[Repair.FAKE_BOLD]
            assert removed >= overlapping_copies(page.chars) > 0
            assert Repair.DOUBLED_MARK not in content.repairs  # the copies' marks went too


def test_fake_bold_is_removed_as_pdfplumber_dedupes_it_in_page_order() -> None:
    with pdfplumber.open(FAKE_BOLD) as pdf:
        chars = pdf.pages[1].chars
        repairs: Counter[str] = Counter()
        kept = without_fake_bold(chars, repairs)
        assert kept == dedupe_chars(chars, tolerance=TOLERANCES.duplicate_glyph)
        assert overlapping_copies(kept) == 0
        assert repairs == {Repair.FAKE_BOLD: len(chars) - len(kept)}


# --- The counts -----------------------------------------------------------------------------------
def test_a_clean_text_layer_needs_none_of_these_repairs() -> None:
    mark_level = {Repair.MARK_AFTER_SARA_AM, Repair.DOUBLED_MARK, Repair.FAKE_BOLD}
    for page in pages(CLEAN):
        assert not mark_level & set(page.repairs), page.number


def test_repair_counts_are_keyed_by_kind() -> None:
    kinds = {kind.value for kind in Repair}
    for path in (MARK_AFTER_SARA_AM, DOUBLED_MARKS, FAKE_BOLD, CLEAN):
        for page in pages(path):
            assert set(page.repairs) <= kinds
            assert all(count > 0 for count in page.repairs.values())
