"""A memo read from its image, checked against what the report's text layer prints
(parsers.sections.near_copies): a memo text holding the organisation's printed name a letter or two
off is null and warned, as are a phone number with digits no Thai number has and a name spelt as
no name is. The readings are Tesseract's, from the round-trip matrix's `unusable-page` cases
(a Word export whose memo page has no usable text layer, read from its image)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers import Limits, parse_report
from parsers.language.look_alikes import CONFUSED
from parsers.language.person_names import misread_names
from parsers.language.vocabulary import HEAD_TITLES, compact
from parsers.sections.near_copies import (
    forget_near_copies,
    misshapen_phone,
    names_and_places,
    near_copy,
)
from parsers.sections.parse_warnings import WarningLog
from sample_reports.generator.matrix.cases import draw_case
from sample_reports.generator.matrix.produce import make_case
from sample_reports.generator.matrix.score import score_document
from sample_reports.generator.vocabulary import ORG_KINDS, PLACES

# (printed organisation, memo text as Tesseract read it, the stretch that is the name misread)
MISREAD = [
    ("องค์การบริหารส่วนตำบลแม่ริม", "นายกองค์การบริหารส่วนตำบลแมริม", "องค์การบริหารส่วนตำบลแมริม"),
    ("เทศบาลตำบลวังน้ำเย็น", "นายกเทศมนตรีตำบลวังนำเย็น", "วังนำเย็น"),
    ("เทศบาลตำบลสว่างแดนดิน", "นายกเทศมนตรีตำบลสวางแดนดิน", "สวางแดนดิน"),
]
# Memo texts read right: the name whole, or not named at all.
READ_RIGHT = [
    ("เทศบาลตำบลวังน้ำเย็น", "นายกเทศมนตรีตำบลวังน้ำเย็น"),
    ("องค์การบริหารส่วนจังหวัดกาฬสินธุ์", "สำนักปลัดองค์การบริหารส่วนจังหวัดกาฬสินธุ์"),
    ("องค์การบริหารส่วนจังหวัดกาฬสินธุ์", "รายงานการกำกับติดตามการป้องกันการทุจริต ประจำปีงบประมาณ"),
    ("องค์การบริหารส่วนตำบลนาดี", "นายกองค์การบริหารส่วนตำบลนาดี"),
]


@pytest.mark.parametrize(("organization", "read", "stretch"), MISREAD)
def test_a_memo_text_holding_the_printed_name_a_letter_off_is_null_and_warned(
    organization, read, stretch
):
    memo = {"agency": None, "addressee": read, "subject": None}
    warnings = WarningLog()
    forget_near_copies(memo, names_and_places(organization), 1, warnings)
    assert memo["addressee"] is None
    [warning] = warnings.to_list()
    assert warning["message"].startswith(f"ocr: memo.addressee: '{stretch}'")


def test_a_memo_text_holding_the_district_a_letter_off_is_null_where_the_name_was_doubted():
    """Case 320 scanned at 300 dpi grey (Waree): the organisation's own reading was doubted
    (null), its district read ด่านขุนทด; the addressee read นายกเทศมนตรีเมืองดานขุนทด."""
    memo = {"agency": None, "addressee": "นายกเทศมนตรีเมืองดานขุนทด", "subject": None}
    warnings = WarningLog()
    forget_near_copies(memo, names_and_places(None, "ด่านขุนทด"), 1, warnings)
    assert memo["addressee"] is None
    [warning] = warnings.to_list()
    assert warning["message"].startswith("ocr: memo.addressee: 'ดานขุนทด'")
    right = {"agency": None, "addressee": "นายกเทศมนตรีเมืองด่านขุนทด", "subject": None}
    forget_near_copies(right, names_and_places(None, "ด่านขุนทด"), 1, WarningLog())
    assert right["addressee"] == "นายกเทศมนตรีเมืองด่านขุนทด"


@pytest.mark.parametrize(("organization", "read"), READ_RIGHT)
def test_a_memo_text_naming_the_organisation_as_printed_is_kept(organization, read):
    assert all(near_copy(name, compact(read)) is None for name in names_and_places(organization))


def addressees() -> list[str]:
    """Every chief executive and clerk the generator addresses or signs as, of every place."""
    titles = [title for kind in ORG_KINDS.values() for title in (kind.chief, kind.clerk)]
    return [f"{title}{place}" for title in titles for place, *_ in PLACES]


def test_a_memo_text_holding_a_title_a_letter_off_is_null_and_warned():
    """นายกเทศบนตรี for นายกเทศมนตรี: every look-alike misreading of a title's letters in every
    addressee the generator prints is a near copy of a title; the addressees as printed are
    none."""
    misread = 0
    for addressee in addressees():
        assert all(near_copy(title, compact(addressee)) is None for title in HEAD_TITLES)
        title = next(title for title in HEAD_TITLES if addressee.startswith(title))
        for index, char in enumerate(title):
            for other in CONFUSED.get(char, ""):
                read = other.join((addressee[:index], addressee[index + 1 :]))
                memo = {"agency": None, "addressee": read, "subject": None}
                forget_near_copies(memo, HEAD_TITLES, 1, WarningLog(), "the title is")
                assert memo["addressee"] is None, read
                misread += 1
    assert misread > 500


def test_a_phone_number_with_a_digit_lost_does_not_fit():
    assert misshapen_phone("0-725-1311") == "has digits no telephone number has"  # 0-3725-1311
    assert misshapen_phone("0-834-1501") == "has digits no telephone number has"  # 0-3834-1501


# Thai numbers as offices print them: landlines, mobiles, a range of lines, two numbers, an
# extension's short number, and the same unbroken or with Thai digits.
PRINTED_PHONES = [
    "0-3725-1311",
    "0-4381-1247, 0-4381-1248",
    "0-4381-1247-8",
    "0 4381 1247",
    "02-123-4567",
    "043-811247",
    "043-811-247",
    "043811247",
    "08-1234-5678",
    "081-234-5678",
    "081-2345678",
    "0812345678",
    "0-4381-1247/1248",
    "1234",
    "๐-๔๓๘๑-๑๒๔๗",
]


@pytest.mark.parametrize("phone", PRINTED_PHONES)
def test_a_phone_number_as_printed_fits(phone):
    assert misshapen_phone(phone) is None


def test_a_phone_number_with_a_separator_lost_does_not_fit():
    """Tesseract lost a hyphen of 0-7544-1013 (Waree, 200 dpi grey): the digits are all there,
    grouped as no number is printed. (A separator lost may leave a form that is printed:
    081-2345678 from 081-234-5678. That is the right number still.)"""
    for lost in ("07544-1013", "0-75441013", "04381-1247-8", "02123-4567", "0812-345678"):
        assert misshapen_phone(lost) == "is grouped as no telephone number is printed", lost


def test_a_name_whose_first_letter_is_silent_is_no_name():
    """ณ์ฐวุฒิ, ณ์ชูวุฒิ: ณัฐวุฒิ with its MAI HAN-AKAT read loose as a THANTHAKHAT (a memo's
    signatory, a report's reporter: Noto Serif Thai, 300 dpi grey)."""
    for misread in (
        "นายณ์ฐวุฒิ สายสุวรรณ",
        "นางสาวณ์ฐวุฒิ คำภู",
        "นางณ์ฐวุฒิ ใจดี",
        "นายณ์ชูวุฒิ บุญมา",
        "นาย ิวิสาขา บุญมา",
        "นายณ์ สุขดี",  # a part too short to judge by the known names
    ):
        assert misread_names(misread), misread
    for name in ("นายณัฐวุฒิ สายสุวรรณ", "นางสาววิสาขา ภารประดิษฐ์", "นายสุปัทม์ ทองรัตน์"):
        assert not misread_names(name), name


# Matrix cases (seed 1) whose memo page is read from its image: before parsers.sections.near_copies,
# 183 read the phone 0-725-1311 and the addressee วังนำเย็น; 499 the addressee สวางแดนดิน and a
# signatory นางสาวณ์ฐวุฒิ, each wrong and unwarned.
UNUSABLE_MEMO_CASES = [(1, 183), (1, 499)]


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "index"), UNUSABLE_MEMO_CASES)
def test_a_memo_read_from_its_image_has_no_wrong_place(seed, index, tmp_path: Path):
    case = draw_case(seed, index)
    assert case.defect == "unusable-page", "the draw changed: choose other cases"
    made = make_case(case, tmp_path)
    parsed = parse_report(made.pdf.read_bytes(), filename=made.pdf.name, limits=Limits())
    score = score_document(made.truth, parsed.document)
    assert score.wrong_places == []
    assert score.right > 0.9 * score.fields
