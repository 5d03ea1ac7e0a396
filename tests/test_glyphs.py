"""Chars → clusters → words and lines, on real PDFs (fixtures made by fixtures/make_fixtures.py
with reportlab and with Chromium) and on hand-made chars for the geometry rules."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from parsers.language.thai_text import repair_thai
from parsers.language.vocabulary import compact
from parsers.text_layer.actual_text import SpanScanner, actual_text_spans
from parsers.text_layer.clusters import merge_marks
from parsers.text_layer.text_lines import chars_to_lines, chars_to_words
from tests.contract import reference_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPORTLAB_PDF = FIXTURES / "reportlab_thai.pdf"
CHROMIUM_PDF = FIXTURES / "chromium_thai.pdf"
CHROMIUM_MEMO_PDF = FIXTURES / "chromium_memo.pdf"  # the reference memo's first 8 lines

# What each line of reportlab_thai.pdf must read as (what is drawn: make_fixtures.py).
REPORTLAB_EXPECTED = [
    "ที่ ป่า ปิ่น ฟื้น ญุ ฐุ น้ำ ต่ำ ทำ ธุ์ 20 มีนาคม 2566",  # Unicode, unshaped
    "ป่า ปิ่น ญุ ฐุ ก่า ธุ์",  # pre-shaped Private Use Area glyphs
    "ทำ ต่ำ น้ำ กำหนด",  # SARA AM drawn as NIKHAHIT + SARA AA
    "ที่ ธุ์ กาฬสินธุ์",  # marks out of order
    "ดำเนินการ ตำบล น้ำ",  # NIKHAHIT mapped to a (zero-width) space, as Word exports do
]
# Both lines of chromium_thai.pdf (Noto Sans Thai, then Laksaman) print these words.
CHROMIUM_EXPECTED = "ที่นี่ ป่า ปิ่น ฟื้น ญุ ฐุ น้ำ ต่ำ ทำ ธุ์ กาฬสินธุ์ 20 มีนาคม 2566"


def page_lines(path: Path, with_page: bool = True) -> list[str]:
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        clusters = merge_marks(page.chars, page=page if with_page else None)
        return [line.text for line in chars_to_lines(clusters)]


# --- Real PDFs ---------------------------------------------------------------------------------
def test_reportlab_pdf_reads_as_repaired_text() -> None:
    assert page_lines(REPORTLAB_PDF) == REPORTLAB_EXPECTED
    assert page_lines(REPORTLAB_PDF, with_page=False) == REPORTLAB_EXPECTED  # no ActualText


def test_pdfplumber_alone_gives_the_broken_text() -> None:
    """What this module is for: pdfplumber's own text of the same page is not the contract's."""
    with pdfplumber.open(REPORTLAB_PDF) as pdf:
        text = pdf.pages[0].extract_text()
    assert "ด าเนินการ" in text and "ท่ี" in text and "ทํา" in text


def test_chromium_pdf_reads_through_actual_text() -> None:
    assert page_lines(CHROMIUM_PDF) == [CHROMIUM_EXPECTED, CHROMIUM_EXPECTED]


def test_chromium_print_of_the_reference_memo_reads_as_its_text() -> None:
    printed = [line.strip() for line in reference_text().splitlines()]
    memo = [line for line in printed if line][:8]
    lines = page_lines(CHROMIUM_MEMO_PDF)
    assert lines[:2] == [
        "บันทึกข้อความ",
        "ส่วนราชการ กองยุทธศาสตร์และงบประมาณ องค์การบริหารส่วนจังหวัดกาฬสินธุ์ โทร.",
    ]
    assert "วันที่ 20 มีนาคม 2566" in lines
    assert compact("".join(lines)) == compact(repair_thai("".join(memo)))


def test_without_actual_text_chromium_opentype_marks_are_lost() -> None:
    noto, laksaman = page_lines(CHROMIUM_PDF, with_page=False)
    assert laksaman == CHROMIUM_EXPECTED  # PUA glyphs: the table is enough
    assert noto != CHROMIUM_EXPECTED  # mark glyphs carry U+0000: only ActualText has them
    assert compact(noto).startswith("ทีนี")


def test_page_chars_come_in_content_stream_order() -> None:
    """merge_marks relies on it: in Chromium's น้ำ the tone mark is drawn right of the start
    of SARA AA, yet page.chars gives it before SARA AA."""
    with pdfplumber.open(CHROMIUM_PDF) as pdf:
        chars = pdf.pages[0].chars
    texts = [char["text"] for char in chars]
    laksaman_nam = next(i for i in range(len(texts) - 3) if texts[i : i + 4] == ["น", "ํ", "้", "า"])
    tone, sara_aa = chars[laksaman_nam + 2], chars[laksaman_nam + 3]
    assert tone["x0"] > sara_aa["x0"]


def test_actual_text_spans_match_the_page_chars_glyph_for_glyph() -> None:
    with pdfplumber.open(CHROMIUM_PDF) as pdf:
        page = pdf.pages[0]
        spans, glyphs = actual_text_spans(page)
        assert glyphs == len(page.chars)
        texts = [text for _, _, text in spans]
        assert texts.count("ที่") == texts.count("นี่") == 2  # ที่นี่: one span per cluster
        first = texts.index("ที่")
        assert texts[first + 1] == "นี่" and spans[first][1] == spans[first + 1][0]  # adjacent
        for start, end, _ in spans:
            assert all(char["tag"] == "Span" for char in page.chars[start:end])


def test_pages_without_actual_text_have_no_spans() -> None:
    with pdfplumber.open(REPORTLAB_PDF) as pdf:
        assert actual_text_spans(pdf.pages[0]) is None


def test_a_cropped_page_falls_back_to_the_chars_as_they_are() -> None:
    with pdfplumber.open(CHROMIUM_PDF) as pdf:
        page = pdf.pages[0]
        half = page.crop((0, 0, page.width, page.height / 2))
        chars = half.chars
        assert merge_marks(chars, page=half) == merge_marks(chars)


def test_clusters_keep_their_base_geometry_and_inputs_are_untouched() -> None:
    with pdfplumber.open(REPORTLAB_PDF) as pdf:
        chars = pdf.pages[0].chars
        before = [dict(char) for char in chars]
        clusters = merge_marks(chars)
    assert chars == before
    by_position = {(c["x0"], c["top"]): c for c in chars if c["x1"] - c["x0"] > 0.5}
    merged = [c for c in clusters if len(c["text"]) > 1]
    assert merged
    for cluster in merged:
        base = by_position[(cluster["x0"], cluster["top"])]
        assert cluster["text"].startswith(base["text"]) or base["text"] in "\uf700\uf70f"
        for key in ("x0", "x1", "top", "bottom", "fontname", "size", "upright"):
            assert cluster[key] == base[key]


# --- Geometry rules on hand-made chars ---------------------------------------------------------
def char(text: str, x0: float, width: float, top: float = 100.0, size: float = 10.0) -> dict:
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + width,
        "top": top,
        "bottom": top + size,
        "size": size,
        "upright": True,
    }


def test_a_mark_drawn_after_later_letters_joins_the_base_it_sits_on() -> None:
    chars = [char("ท", 0, 6), char("น", 6, 6), char("ร", 12, 6), char("ี", 4, 0), char("่", 4.2, 0)]
    assert [c["text"] for c in merge_marks(chars)] == ["ที่", "น", "ร"]


def test_a_mark_just_before_the_letter_it_follows_is_that_letter_s() -> None:
    """HarfBuzz puts a Noto Looped Thai mark's origin up to 0.17 em before its base's left
    edge (its ink lies to the right): inside the letter before, but the mark follows its base."""
    chars = [char("บ", 0, 6), char("ร", 6, 5), char("ิ", 4.5, 0)]
    assert [c["text"] for c in merge_marks(chars)] == ["บ", "ริ"]


def test_a_mark_far_from_any_base_stays_on_its_own() -> None:
    chars = [char("ก", 0, 6), char("่", 80, 0)]
    assert [c["text"] for c in merge_marks(chars)] == ["ก", "่"]


def test_zero_width_glyphs_without_unicode_are_dropped_others_kept() -> None:
    chars = [char("ก", 0, 6), char("\x00", 5, 0), char("(cid:7)", 6, 6)]
    assert [c["text"] for c in merge_marks(chars)] == ["ก", "(cid:7)"]


def test_a_zero_width_space_is_a_lost_nikhahit_a_wide_one_separates_words() -> None:
    lost = [char("ด", 0, 6), char(" ", 6, 0), char("า", 6, 5), char("ว", 11, 6)]
    assert [w.text for w in chars_to_words(merge_marks(lost))] == ["ดำว"]
    spaced = [char("ก", 0, 6), char(" ", 6, 3), char("ข", 9, 6)]
    assert [w.text for w in chars_to_words(merge_marks(spaced))] == ["ก", "ข"]


def test_nothing_that_cannot_start_a_word_starts_one() -> None:
    """A gap before SARA AA is no word break; a space there is a lost NIKHAHIT (Word)."""
    spaced = [char("ด", 0, 6), char(" ", 6, 3), char("า", 9, 5), char("ว", 14, 6)]
    assert [w.text for w in chars_to_words(spaced)] == ["ดำว"]
    gapped = [char("ต", 0, 6), char("า", 9, 5), char("บ", 14, 6), char("ล", 20, 6)]
    assert [w.text for w in chars_to_words(gapped)] == ["ตาบล"]  # one word, spelt as drawn
    far = [char("ก", 0, 6), char("า", 30, 5)]
    assert [w.text for w in chars_to_words(far)] == ["ก", "า"]


@pytest.mark.parametrize(("size", "words"), [(10.0, ["ก", "ข"]), (40.0, ["กข"])])
def test_word_gaps_are_relative_to_font_size(size: float, words: list[str]) -> None:
    width = size / 2
    chars = [char("ก", 0, width, size=size), char("ข", width + 3, width, size=size)]
    assert [w.text for w in chars_to_words(chars)] == words


@pytest.mark.parametrize(("size", "lines"), [(10.0, 2), (40.0, 1)])
def test_line_grouping_tolerance_is_relative_to_font_size(size: float, lines: int) -> None:
    chars = [char("ก", 0, 5, top=100, size=size), char("ข", 50, 5, top=105, size=size)]
    assert len(chars_to_lines(chars)) == lines


def test_lines_run_top_to_bottom_and_words_left_to_right_whatever_the_char_order() -> None:
    chars = [
        char("ค", 40, 6, top=130),
        char("ข", 20, 6, top=100),
        char("ง", 60, 6, top=130),
        char("ก", 0, 6, top=100),
    ]
    lines = chars_to_lines(chars)
    assert [line.text for line in lines] == ["ก ข", "ค ง"]
    first = lines[0]
    assert (first.x0, first.x1, first.top, first.bottom) == (0, 26, 100, 110)
    assert [(w.text, w.x0, w.x1) for w in first.words] == [("ก", 0, 6), ("ข", 20, 26)]


def test_words_are_repaired_text() -> None:
    chars = [char("ก", 0, 6), char("\uf711", 5, 0), char("า", 6, 5), char("๒", 11, 5)]
    assert [w.text for w in chars_to_words(merge_marks(chars))] == ["กำ2"]


def test_rotated_chars_are_left_out_of_lines() -> None:
    chars = [char("ก", 0, 6), {**char("ข", 0, 6, top=300), "upright": False}]
    assert [line.text for line in chars_to_lines(chars)] == ["ก"]


# --- The content-stream scanner on hand-written streams ------------------------------------------
class OneByteFont:
    def decode(self, data: bytes) -> list[int]:
        return list(data)


class TwoByteFont:
    def decode(self, data: bytes) -> tuple[int, ...]:
        return tuple(data[i : i + 2] for i in range(0, len(data) - 1, 2))


class FakeResourceManager:
    def get_font(self, objid: object, spec: dict) -> object:
        return TwoByteFont() if spec.get("Wide") else OneByteFont()


RESOURCES = {"Font": {"F1": {}, "F2": {"Wide": True}}}


def scan(stream: bytes) -> tuple[list[tuple[int, int, str]], int]:
    scanner = SpanScanner(FakeResourceManager())
    scanner.scan(stream, RESOURCES)
    return sorted(scanner.spans), scanner.glyphs


def test_scanner_counts_glyphs_per_string_and_font() -> None:
    stream = b"BT /F1 12 Tf (abc) Tj [(de) -250 (f)] TJ /F2 9 Tf <00410042> Tj (gh) ' ET"
    assert scan(stream) == ([], 3 + 3 + 2 + 1)


def test_scanner_reads_actual_text_spans_nested_and_adjacent() -> None:
    stream = (
        b"BT /F1 12 Tf (x) Tj"
        b" /Span <</ActualText <FEFF0E170E350E48>>> BDC (abc) Tj EMC"
        b" /Span<</ActualText (n)>>BDC (d) Tj /Span <</ActualText (inner)>> BDC (e) Tj EMC EMC"
        b" /P <</MCID 3>> BDC (f) Tj EMC ET"
    )
    assert scan(stream) == ([(1, 4, "ที่"), (4, 6, "n")], 7)  # inner span: part of the outer


def test_scanner_survives_strings_images_comments_and_graphics_state() -> None:
    stream = (
        b"BT /F1 12 Tf"
        b" /Span <</ActualText (\\(a\\) EMC)>> BDC (p\\)q (nested (deep) ) r) Tj EMC"  # 22 glyphs
        b" q /F2 9 Tf Q (s) Tj"  # Q restores the one-byte font: 1 glyph
        b" % a comment with (unbalanced EMC\n"
        b" BI /W 1 /H 1 /BPC 8 /CS /G ID \x00EMC)(\xff EI"
        b" (t) Tj ET"
    )
    assert scan(stream) == ([(0, 22, "(a) EMC")], 24)


# --- Mark-level repairs on hand-made chars (issue 11) -----------------------------------------
def test_a_zero_advance_sara_am_before_sara_aa_is_its_nikhahit() -> None:
    """LibreOffice draws SARA AM as NIKHAHIT + SARA AA and maps the NIKHAHIT glyph to the whole
    vowel: ด ำ(zero advance) า reads ดำา; the glyph's own advance says it is the NIKHAHIT."""
    split = [char("ด", 0, 6), char("ำ", 6, 0), char("า", 6, 5), char("เ", 11, 4)]
    assert [w.text for w in chars_to_words(merge_marks(split))] == ["ดำเ"]
    toned = [char("น", 0, 6), char("้", 6, 0), char("ำ", 6, 0), char("า", 6, 5)]
    assert [w.text for w in chars_to_words(merge_marks(toned))] == ["น้ำ"]
    tone_between = [char("ต", 0, 6), char("ำ", 6, 0), char("่", 5.8, 0), char("า", 6, 5)]
    assert [w.text for w in chars_to_words(merge_marks(tone_between))] == ["ต่ำ"]


def test_a_sara_am_glyph_that_advances_is_left_whole() -> None:
    whole = [char("ด", 0, 6), char("ำ", 6, 5), char("า", 11, 5)]  # printed ดำา: kept as printed
    assert [w.text for w in chars_to_words(merge_marks(whole))] == ["ดำา"]
    alone = [char("ด", 0, 6), char("ำ", 6, 0), char("เ", 6, 4)]  # no SARA AA follows
    assert [w.text for w in chars_to_words(merge_marks(alone))] == ["ดำเ"]


def test_a_tone_mark_drawn_after_sara_am_reads_before_it() -> None:
    chars = [char("ต", 0, 6), char("ำ", 6, 5), char("่", 11, 0)]  # on SARA AM's right edge
    repairs: Counter[str] = Counter()
    assert [w.text for w in chars_to_words(merge_marks(chars), repairs)] == ["ต่ำ"]
    assert repairs == {"mark_after_sara_am": 1}


def test_a_mark_drawn_twice_on_one_spot_is_read_once_and_counted() -> None:
    chars = [char("ห", 0, 6), char("น", 6, 6), char("่", 12, 0), char("่", 12, 0)]
    chars += [char("ว", 12, 6), char("ย", 18, 6)]
    repairs: Counter[str] = Counter()
    assert [w.text for w in chars_to_words(merge_marks(chars), repairs)] == ["หน่วย"]
    assert repairs == {"doubled_mark": 1}


def test_pua_glyphs_are_counted_when_clustered() -> None:
    chars = [char("ป", 0, 6), char("\uf70a", 6, 0), char("า", 6, 5)]
    repairs: Counter[str] = Counter()
    assert [c["text"] for c in merge_marks(chars, repairs=repairs)] == ["ป่", "า"]
    assert repairs == {"pua": 1}
