"""Thai text repair: the contract's Normalisation rules, one example test per rule, and
properties (idempotent; well-formed Thai text left unchanged)."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pythainlp.util import normalize

from parsers.language.thai_text import (
    PUA_TO_THAI,
    Repair,
    join_wrapped_lines,
    normalise_digits,
    repair_thai,
)
from parsers.language.vocabulary import compact
from tests.contract import reference_document, reference_text

# --- Private Use Area ----------------------------------------------------------------------------
# HarfBuzz's Thai fallback shaper, Windows PUA, variant by variant (hb-ot-shaper-thai.cc).
TONES_AND_THANTHAKHAT = "่้๊๋์"
HARFBUZZ_WINDOWS_PUA = {
    **{chr(0xF705 + i): mark for i, mark in enumerate(TONES_AND_THANTHAKHAT)},  # down-left
    **{chr(0xF70A + i): mark for i, mark in enumerate(TONES_AND_THANTHAKHAT)},  # down
    **{chr(0xF713 + i): mark for i, mark in enumerate(TONES_AND_THANTHAKHAT)},  # left
    **{chr(0xF701 + i): vowel for i, vowel in enumerate("ิีึื")},  # left
    "\uf710": "ั",
    "\uf711": "ํ",
    "\uf712": "็",
    **{chr(0xF718 + i): vowel for i, vowel in enumerate("ฺุู")},  # down
    "\uf700": "ฐ",  # without descender
    "\uf70f": "ญ",
}


def test_the_whole_windows_pua_range_is_mapped_as_harfbuzz_defines_it() -> None:
    assert set(HARFBUZZ_WINDOWS_PUA) == {chr(c) for c in range(0xF700, 0xF71B)}
    for pua, thai in HARFBUZZ_WINDOWS_PUA.items():
        assert repair_thai("ก" + pua) == "ก" + thai, hex(ord(pua))
        assert PUA_TO_THAI[pua] == thai


def test_the_mac_pua_range_is_mapped_to_thai() -> None:
    for code in range(0xF884, 0xF89F):
        assert "\u0e01" <= PUA_TO_THAI[chr(code)] <= "\u0e4e", hex(code)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("ป\uf705า", "ป่า"),  # tone mark shifted down-left under the tall ป
        ("ป\uf701\uf713น", "ปิ่น"),  # vowel and tone shifted left
        ("ก\uf70aา", "ก่า"),  # tone shifted down (no upper vowel)
        ("\uf70fุ", "ญุ"),  # YO YING without its descender
        ("\uf700ุ", "ฐุ"),  # THO THAN without its descender
        ("ธ\uf70eุ", "ธุ์"),  # shifted THANTHAKHAT, then reordered after the lower vowel
        ("\uf71bุ", "ฎุ"),  # TLWG: DO CHADA without descender
        ("\uf881", "ฤๅ"),  # TLWG/SIPA ligature
        ("ก\uf88b", "ก่"),  # Mac PUA
    ],
)
def test_pua_glyphs_become_thai_letters(printed: str, expected: str) -> None:
    assert repair_thai(printed) == expected


# --- SARA AM -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("ทํา", "ทำ"),  # NIKHAHIT + SARA AA
        ("ตํ่า", "ต่ำ"),  # with the tone mark between them (the contract's example)
        ("ต่ํา", "ต่ำ"),  # tone mark first
        ("น้ํา", "น้ำ"),
        ("กําหนด", "กำหนด"),
        ("ด าเนินการ", "ดำเนินการ"),  # NIKHAHIT lost to a space (Word exports)
        ("ต าบล", "ตำบล"),
        ("น้ า", "น้ำ"),
        ("ประจ าปี", "ประจำปี"),
        ("ก\u200bาหนด", "กำหนด"),  # zero-width space where the NIKHAHIT was (Royal Gazette)
        ("ทํ\u200bา", "ทำ"),
    ],
)
def test_sara_am_is_rebuilt(printed: str, expected: str) -> None:
    assert repair_thai(printed) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ทา สี",  # SARA AA after a consonant: a different word, not a broken SARA AM
        "กา ทา",
        "การ",
        "นำ",
        "ข้อ 1 ให้",
        "ก ข ค",
        "ตาม ที่",
        '“ข้อความ” กับ "quotes"',  # quotes kept as printed
        "ﬁ ｱ ①",  # no NFKC: compatibility characters stay
        "ฤๅษี",
    ],
)
def test_legitimate_text_is_left_alone(text: str) -> None:
    assert repair_thai(text) == text


def test_sara_am_is_never_split() -> None:
    assert repair_thai("ดำเนินการ") == "ดำเนินการ"
    assert "\u0e4d" not in repair_thai("ดำเนินการ")


# --- Mark order, spaces, digits --------------------------------------------------------------
@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("ธ์ุ", "ธุ์"),  # lower vowel before THANTHAKHAT
        ("ท่ี", "ที่"),  # upper vowel before tone mark
        ("ก้ั", "กั้"),
        ("กาฬสินธ์ุ", "กาฬสินธุ์"),
        ("ปุ่ม", "ปุ่ม"),
    ],
)
def test_marks_follow_consonant_vowel_tone_order(printed: str, expected: str) -> None:
    assert repair_thai(printed) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("ที ่", "ที่"),
        ("ก ุ", "กุ"),
        ("ซึ ่ง", "ซึ่ง"),
        ("ก \u200b่", "ก่"),
    ],
)
def test_no_space_before_a_combining_mark(printed: str, expected: str) -> None:
    assert repair_thai(printed) == expected


# --- Marks emitted after SARA AM, marks doubled (issue 11) ---------------------------------------
@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("นำ้", "น้ำ"),
        ("ขั้นตำ่", "ขั้นต่ำ"),
        ("วังนำ้เย็น", "วังน้ำเย็น"),
        ("คำ้ประกัน", "ค้ำประกัน"),
        ("นำ้้", "น้ำ"),  # emitted after SARA AM and doubled
    ],
)
def test_a_tone_mark_after_sara_am_goes_before_it(printed: str, expected: str) -> None:
    assert repair_thai(printed) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("หน่่วย", "หน่วย"),
        ("นัักวิชาการ", "นักวิชาการ"),
        ("วิิสััยทััศน์์", "วิสัยทัศน์"),
        ("ที่ี่", "ที่"),  # each mark doubled in turn: vowel, tone, vowel, tone
        ("กุุ", "กุ"),
    ],
)
def test_identical_marks_doubled_are_read_once(printed: str, expected: str) -> None:
    assert repair_thai(printed) == expected


@pytest.mark.parametrize(
    "printed",
    [
        "ก่้",  # two different tone marks: both printed, neither is dropped (pythainlp keeps one)
        "นานาาา",  # SARA AA repeated is printed so, not a mark drawn twice
        "ตา า",  # SARA AA either side of a space: pythainlp drops one
        "ฤๅษี กๅ",  # LAKKHANGYAO stays (pythainlp reads it SARA AA after other letters)
        "เเปลก",  # SARA E twice stays as printed (pythainlp makes it SARA AE)
    ],
)
def test_what_pythainlp_normalize_would_also_change_is_left_as_printed(printed: str) -> None:
    assert normalize(printed) != printed  # why thai_text keeps its own two rules
    assert repair_thai(printed) == printed


@pytest.mark.parametrize("printed", ["นำ้", "ขั้นตำ่", "หน่่วย", "วิิสััยทััศน์์", "ท่ี"])
def test_the_rules_agree_with_pythainlp_normalize_where_it_keeps_what_is_printed(
    printed: str,
) -> None:
    assert repair_thai(printed) == normalize(printed)


@pytest.mark.parametrize(
    ("printed", "kinds"),
    [
        ("นำ้", {"mark_after_sara_am": 1}),
        ("วิิสััยทััศน์์", {"doubled_mark": 4}),
        ("ท่ี ธ์ุ", {"reordered": 2}),
        ("ตํ่า", {"nikhahit_sara_aa": 1}),
        ("ด าเนินการ", {"lost_nikhahit": 1}),
        ("ที ่", {"space_before_mark": 1}),
        ("องค์การ\u200bบริหาร", {"zero_width": 1}),
        ("น้ำ ที่ ดำเนินการ", {}),
    ],
)
def test_repairs_are_counted_by_kind(printed: str, kinds: dict[str, int]) -> None:
    repairs: Counter[str] = Counter()
    repair_thai(printed, repairs)
    assert dict(repairs) == kinds
    assert set(repairs) <= {kind.value for kind in Repair}


def test_white_space_is_folded_and_trimmed() -> None:
    assert repair_thai("  ส่วนราชการ \t กอง\n\nยุทธศาสตร์\u00a0 ") == "ส่วนราชการ กอง ยุทธศาสตร์"


def test_zero_width_characters_are_removed() -> None:
    assert repair_thai("องค์การ\u200bบริหาร\ufeff") == "องค์การบริหาร"


@pytest.mark.parametrize(
    ("printed", "expected"),
    [("๒๕๖๖", "2566"), ("๐-๔๓๘๑-๑๒๔๗", "0-4381-1247"), ("๑,๔๕๖,๔๐๐.๐๐", "1,456,400.00")],
)
def test_thai_digits_become_arabic(printed: str, expected: str) -> None:
    assert normalise_digits(printed) == expected
    assert repair_thai(printed) == expected


def test_repair_of_a_whole_memo_line() -> None:
    printed = " เรื่อง  รายงานการก\uf711ากับติดตาม ประจ าปีงบประมาณ ๒๕๖๖ รอบ ๖ เดือน "
    assert repair_thai(printed) == "เรื่อง รายงานการกำกับติดตาม ประจำปีงบประมาณ 2566 รอบ 6 เดือน"


def all_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in all_strings(item)]
    return []


def test_the_reference_report_text_needs_nothing_but_digits_and_spacing() -> None:
    text = reference_text()
    for line in text.splitlines():
        assert repair_thai(line) == normalise_digits(" ".join(line.split()))


def test_every_text_of_the_expected_reference_document_is_already_repaired() -> None:
    texts = all_strings(reference_document())
    assert len(texts) > 100
    assert [text for text in texts if repair_thai(text) != text] == []


# --- Joining wrapped lines, comparing ----------------------------------------------------------
@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["โครงการส่งเสริมการบริหารงาน", "ตามหลักธรรมาภิบาล"],
            "โครงการส่งเสริมการบริหารงานตามหลักธรรมาภิบาล",
        ),
        (["นักวิเคราะห์นโยบายและแผน", "ปฏิบัติการ "], "นักวิเคราะห์นโยบายและแผนปฏิบัติการ"),
        (["ประจำปีงบประมาณ", "๒๕๖๖"], "ประจำปีงบประมาณ 2566"),
        (["รอบ 6", "เดือน"], "รอบ 6 เดือน"),
        (["(พ.ศ. 2566-2570)", "องค์การ"], "(พ.ศ. 2566-2570) องค์การ"),
        (["ต่างๆ", "ที่เกี่ยวข้อง"], "ต่างๆ ที่เกี่ยวข้อง"),  # MAIYAMOK is not a letter
        (["Anti-", "Corruption"], "Anti- Corruption"),
        (["", "  ", "ผู้อำนวยการ", ""], "ผู้อำนวยการ"),
        ([], ""),
    ],
)
def test_wrapped_lines_are_joined(lines: list[str], expected: str) -> None:
    assert join_wrapped_lines(lines) == expected


def test_compact_removes_all_white_space() -> None:
    assert compact(" ข้อมูล ณ\tวันที่\n ๒๐ \u200b") == "ข้อมูลณวันที่๒๐"
    assert compact("ผู้อำนวยการ กอง") == compact("ผู้อำนวยการกอง")


# --- Properties ----------------------------------------------------------------------------------
CONSONANTS = [chr(c) for c in range(0x0E01, 0x0E2F)]
LEAD_VOWELS = list("เแโใไ")
UPPER_VOWELS = list("ัิีึื็")
LOWER_VOWELS = list("ุู")
TONES = list("่้๊๋")
FOLLOW_VOWELS = list("าะำ")
ANY_CHARS = (
    CONSONANTS
    + LEAD_VOWELS
    + UPPER_VOWELS
    + LOWER_VOWELS
    + TONES
    + FOLLOW_VOWELS
    + list("์ํฺ๎ๅๆฯ๐๑๒๕๙0123456789 .,-/()\n\t\u00a0\u200bAbZ")
    + list(PUA_TO_THAI)
)


@st.composite
def clusters(draw: st.DrawFn) -> str:
    """A well-formed Thai cluster: lead vowel? consonant, upper or lower vowel?, tone mark?,
    follow vowel? (SARA AM only without a vowel above)."""
    lead = draw(st.sampled_from(["", *LEAD_VOWELS]))
    vowel = draw(st.sampled_from(["", *UPPER_VOWELS, *LOWER_VOWELS]))
    tone = draw(st.sampled_from(["", *TONES, "์"]))
    follows = ["", "า", "ะ"] + (["ำ"] if vowel == "" and tone != "์" else [])
    return lead + draw(st.sampled_from(CONSONANTS)) + vowel + tone + draw(st.sampled_from(follows))


words = st.lists(clusters(), min_size=1, max_size=6).map("".join)
clean_texts = st.lists(
    st.one_of(words, st.from_regex(r"[0-9]{1,6}(\.[0-9]{2})?", fullmatch=True)),
    min_size=1,
    max_size=8,
).map(" ".join)


@given(st.text(alphabet=ANY_CHARS, max_size=40))
def test_repair_is_idempotent(text: str) -> None:
    once = repair_thai(text)
    assert repair_thai(once) == once


@given(clean_texts)
def test_clean_thai_text_is_unchanged(text: str) -> None:
    assert repair_thai(text) == text


@given(st.text(alphabet=ANY_CHARS, max_size=40))
def test_repaired_text_holds_no_pua_thai_digits_or_stray_space(text: str) -> None:
    repaired = repair_thai(text)
    assert not any(char in PUA_TO_THAI for char in repaired)
    assert not any("๐" <= char <= "๙" for char in repaired)
    assert "\u0e4d\u0e32" not in repaired
    assert repaired == repaired.strip()
    assert "  " not in repaired and "\n" not in repaired


@given(st.lists(words, max_size=5))
def test_joined_lines_compare_equal_to_the_lines(lines: list[str]) -> None:
    assert compact(join_wrapped_lines(lines)) == compact("".join(lines))
