"""Per-font glyph decisions (parsers.text_layer.font_mapping) on the generated Word exports whose
fonts map glyphs wrongly or not at all (issue 11, part 3)."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from typer.testing import CliRunner

from parsers import parse_report
from parsers.language.text_quality import LOW_SHARE, dictionary_share
from parsers.language.thai_text import COMBINING_MARKS, TONE_MARKS, repair_thai
from parsers.layout.page import PageContent
from parsers.safety.limits import Limits
from parsers.text_layer.font_mapping import (
    GLYPH_NAME,
    NIKHAHIT_REMAPPED,
    OUTLINE_MATCH,
    DocumentFonts,
    FontGlyphs,
    ambiguous_codes,
    letter_of_name,
)
from parsers.text_layer.opening import open_pdf
from parsers.text_layer.page_reader import read_page, settle_pages
from parsers.text_layer.reading import read_text_layer
from raingan.cli import app
from tests.comparison import comparable_document, differences

SAMPLES = Path(__file__).resolve().parents[1] / "sample_reports"
SARA_AA, SARA_AM = "\u0e32", "\u0e33"


def read(name: str) -> tuple[list[PageContent], DocumentFonts]:
    with open_pdf((SAMPLES / f"{name}.pdf").read_bytes(), Limits()) as pdf:
        fonts = DocumentFonts(pdf)
        pages = [read_page(page, fonts) for page in pdf.pages]
        settle_pages(pages, fonts)
    return pages, fonts


def text_of(pages: list[PageContent]) -> str:
    return "\n".join(line for page in pages for line in page.line_texts())


def raw_text(path: Path) -> str:
    """The text of the word processor's fonts as pdfplumber reads it, no repair (not the
    handwritten notes, in another font)."""
    from sample_reports.generator.word_export import page_texts

    return "\n".join(page_texts(path))


@pytest.mark.parametrize("name", ["textlayer-sara-aa", "textlayer-sara-aa-thamai"])
def test_the_sara_aa_glyph_read_as_sara_am_is_read_as_sara_aa_again(name):
    pages, _ = read(name)
    text = text_of(pages)
    assert "ข้อความ" in text and "องค์การบริหารส่วน" in text
    assert "ข้อควำม" not in text and "กำร" not in text
    assert "ประจำปี" in text  # the real SARA AM glyph keeps its reading
    assert all(page.repairs.get("sara_aa_remapped", 0) > 0 for page in pages)


def test_the_decision_is_per_font_and_glyph_not_per_word():
    _, fonts = read("textlayer-sara-aa")
    swapped = {
        (key, code)
        for key, font in fonts.fonts.items()
        for code, (text, _) in font.fixes.items()
        if text == SARA_AA
    }
    # One glyph in each of the two damaged fonts (regular and bold); SARA AM's own glyph in
    # each still maps to SARA AM, and no other font is touched.
    assert len(swapped) == 2
    for key, code in swapped:
        font = fonts.fonts[key]
        assert font.to_unicode[code] == SARA_AM
        assert SARA_AM in {font.to_unicode[c] for c in font.to_unicode if c != code}


def test_a_sound_document_gets_no_font_repair():
    pages, fonts = read("reference-reportlab")
    assert not any(font.fixes for font in fonts.fonts.values())
    assert all(page.dictionary_share is None for page in pages)  # never measured: no damage


def test_glyphs_without_unicode_take_their_letter_from_the_font_programs_glyph_names():
    pages, _ = read("textlayer-cid-glyph-names")
    text = text_of(pages)
    assert "(cid:" not in text
    assert "ยุทธศาสตร์" in text and "บริหาร" in text and "จังหวัด" in text
    assert all(page.repairs.get(GLYPH_NAME, 0) > 0 for page in pages)


def test_a_vowel_mapped_to_nothing_is_matched_by_its_outline_in_another_copy_of_the_font():
    pages, _ = read("textlayer-vanishing-vowel")
    text = text_of(pages)
    assert "การทุจริต" in text and "การทจริต" not in text
    assert "กาฬสินธุ์" in text
    assert sum(page.repairs.get(OUTLINE_MATCH, 0) for page in pages) > 0
    # The memo's copy of the font maps SARA U itself: nothing to repair on the memo page.
    assert OUTLINE_MATCH not in pages[0].repairs


def test_a_font_without_names_or_twins_cannot_be_recovered():
    pages, _ = read("textlayer-unusable-page")
    assert pages[0].unreadable_glyphs > 100
    assert not pages[0].repairs


@pytest.mark.parametrize(
    ("name", "letter"),
    [
        ("uni0E31", "\u0e31"),
        ("uni0E34.small", "\u0e34"),
        ("saraithai", "\u0e34"),
        ("glyph00012", None),
        ("A", None),
    ],
)
def test_glyph_names_are_read_by_the_adobe_glyph_list(name, letter):
    assert letter_of_name(name) == letter


def test_the_text_command_reads_the_fonts_as_the_parser_does():
    pages = read_text_layer((SAMPLES / "textlayer-sara-aa.pdf").read_bytes())
    assert "ข้อความ" in text_of(pages)


# --- Word's one-code SARA AA: one code says SARA AM, a SARA AM is NIKHAHIT + that code -------

ONE_CODE = "textlayer-sara-aa-one-code"
NIKHAHIT = "\u0e4d"
NIKHAHIT_MAPPINGS = {"space": " ", "zero-width-space": "\u200b", "no-entry": ""}


def test_the_one_code_form_reads_as_its_text_says():
    """นำยกเทศมนตรีเมืองยำงตลำด in the layer: every า read ำ, the real ำ read after a space."""
    raw = raw_text(SAMPLES / f"{ONE_CODE}.pdf")
    assert "นำยกเทศมนตรีเมืองยำงตลำด" in raw and SARA_AA not in raw
    pages, _ = read(ONE_CODE)
    memo = "\n".join(pages[0].line_texts())
    assert "เรียน นายกเทศมนตรีเมืองยางตลาด" in memo
    assert "บันทึกข้อความ" in memo and "ส่วนราชการ" in memo
    assert "ดำเนินการ" in memo and "ประจำปีงบประมาณ" in memo  # the SARA AM drawn in two glyphs
    text = text_of(pages)
    assert "ำร" not in text and "นำยก" not in text and " ำ" not in text
    for page in pages:
        assert page.repairs.get("sara_aa_remapped", 0) > 0, page.number
        assert page.repairs.get(NIKHAHIT_REMAPPED, 0) > 0, page.number
        assert page.dictionary_share is not None and page.dictionary_share >= 0.98


def test_the_one_code_decision_is_per_font_and_glyph():
    """In each damaged font (regular, bold) its one SARA AM code is read as SARA AA, and the
    zero-advance glyph mapped to a space that precedes it where SARA AM is printed, as
    NIKHAHIT; nothing else of any font changes."""
    _, fonts = read(ONE_CODE)
    decided = {
        (key, code): text
        for key, font in fonts.fonts.items()
        for code, (text, repair) in font.fixes.items()
    }
    assert sorted(decided.values()) == [SARA_AA, SARA_AA, NIKHAHIT, NIKHAHIT]
    for (key, code), text in decided.items():
        font = fonts.fonts[key]
        mapped = list(font.to_unicode.values())
        assert mapped.count(SARA_AM) == 1 and SARA_AA not in mapped
        assert font.to_unicode[code] == (SARA_AM if text == SARA_AA else " ")


def test_the_one_code_pages_score_high_in_raingan_text():
    path = SAMPLES / f"{ONE_CODE}.pdf"
    result = CliRunner().invoke(app, ["text", "--quality", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    shares = [int(share) for share in re.findall(r"(\d+)% of its Thai text", result.output)]
    assert len(shares) == 5 and min(shares) >= 98
    assert result.output.count(NIKHAHIT_REMAPPED) == 5
    # The same layer read without the one-code decision scores as the issue measured it.
    with pdfplumber.open(path) as pdf:
        raw_shares = [dictionary_share([page.extract_text()]) for page in pdf.pages]
    assert all(share is not None and share < LOW_SHARE for share in raw_shares)


@pytest.mark.parametrize("nikhahit", NIKHAHIT_MAPPINGS.values(), ids=NIKHAHIT_MAPPINGS.keys())
def test_every_nikhahit_mapping_of_the_one_code_form_parses_to_the_report(tmp_path, nikhahit):
    """The NIKHAHIT glyph mapped to a space, a zero-width space or nothing: the sample's
    report drawn each way parses field for field to its document."""
    from sample_reports.generator import word_export
    from sample_reports.generator.build import source_of
    from sample_reports.generator.catalogue import SAMPLES as CATALOGUE

    sample = next(s for s in CATALOGUE if s.name == ONE_CODE)
    report = sample.report()
    layout = sample.layout(report)
    pdf = tmp_path / f"{ONE_CODE}.pdf"
    word_export.render(report, layout, pdf, defect="sara-aa-one-code", nikhahit_maps_to=nikhahit)
    raw = raw_text(pdf)
    assert SARA_AA not in raw and NIKHAHIT not in raw
    assert ("(cid:" in raw) == (nikhahit == "")
    expected, evidence = sample.expected(source_of(pdf, layout))
    result = parse_report(pdf.read_bytes(), filename=pdf.name, limits=Limits(ocr=False))
    problems = differences(comparable_document(result.document), comparable_document(expected))
    assert not problems, "\n".join(problems[:20])
    assert result.evidence.checkbox_marks == evidence.checkbox_marks
    pages = read_text_layer(pdf.read_bytes(), quality=True)
    assert all((page.dictionary_share or 0) >= 0.98 for page in pages)
    assert all(page.unreadable_glyphs == 0 for page in pages)


class StubFont:
    """What the per-font decisions ask of a pdfminer font: its name and glyph widths."""

    fontname = "Stub"

    def __init__(self, zero_width: set[int]):
        self.zero_width = zero_width

    def char_width(self, code: int) -> float:
        return 0.0 if code in self.zero_width else 0.5


MEMO = (
    "ข้าพเจ้า นายกเทศมนตรีตำบลบ้านแฮด ขอรายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต"
    " ประจำปีงบประมาณ ๒๕๖๗ โครงการน้ำสะอาด ค่าธรรมเนียม การกำกับติดตาม ผลการดำเนินการ"
)


def one_code_glyphs(text: str, nikhahit_first: bool) -> tuple[dict[int, str], list[int], set[int]]:
    """The text as Word's one-code export draws it: (ToUnicode entries, codes drawn, codes of
    marks, which advance nothing). SARA AA is one code mapped to SARA AM; a SARA AM is
    NIKHAHIT (mapped to a space) + that code, the NIKHAHIT before the tone mark (Uniscribe,
    HarfBuzz) or after it."""
    split = NIKHAHIT + r"\1" + SARA_AA if nikhahit_first else r"\1" + NIKHAHIT + SARA_AA
    drawn = re.sub(f"([{TONE_MARKS}]?){SARA_AM}", split, text)
    codes = {letter: code for code, letter in enumerate(sorted(set(drawn)), 1)}
    entries = {code: letter for letter, code in codes.items()}
    entries[codes[SARA_AA]] = SARA_AM
    entries[codes[NIKHAHIT]] = " "
    marks = {code for letter, code in codes.items() if letter in COMBINING_MARKS}
    return entries, [codes[letter] for letter in drawn], marks


@pytest.mark.parametrize("nikhahit_first", [True, False], ids=["nikhahit-tone", "tone-nikhahit"])
def test_the_one_code_decision_reads_the_text_back_whatever_the_marks_order(nikhahit_first):
    entries, drawn, marks = one_code_glyphs(MEMO, nikhahit_first)
    fonts = DocumentFonts()
    fonts.fonts[1] = FontGlyphs(StubFont(marks), entries, undecided=ambiguous_codes(entries))
    chars = [{"text": entries[code], "glyph": (1, code)} for code in drawn]
    as_mapped = repair_thai("".join(char["text"] for char in chars))
    assert "นำยกเทศมนตรี" in as_mapped and "ประจำปี" in as_mapped
    fonts.decide_ambiguous([chars])
    repaired = fonts.repair(chars).chars
    assert repair_thai("".join(char["text"] for char in repaired)) == repair_thai(MEMO)


def test_a_space_glyph_that_advances_is_never_read_as_nikhahit():
    """The same text with the NIKHAHIT glyph given an advance: SARA AA is still decided (the
    dictionary gains), but the glyph before SARA AM keeps its text."""
    entries, drawn, marks = one_code_glyphs(MEMO, nikhahit_first=True)
    nikhahit = next(code for code, text in entries.items() if text == " " and code in marks)
    fonts = DocumentFonts()
    font = FontGlyphs(StubFont(marks - {nikhahit}), entries, undecided=ambiguous_codes(entries))
    fonts.fonts[1] = font
    fonts.decide_ambiguous([[{"text": entries[code], "glyph": (1, code)} for code in drawn]])
    assert nikhahit not in font.fixes
    assert sorted(text for text, _ in font.fixes.values()) == [SARA_AA]
