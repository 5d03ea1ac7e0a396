"""Person names read from page images (issue 18): a name that is no known Thai name but a
known one's letters with other marks, or a look-alike letter away from one, was misread,
although Tesseract was sure of it (the round-trip matrix: ปิยะนุช read บิยะนุช, ใจดี read ใจดิ,
a THANTHAKHAT lost from จันทร์เพ็ญ, พิมพ์ทอง read พมพทอง). A name near no known name is kept:
the lists do not hold every name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parsers.language.person_names import (
    TITLE,
    known_names,
    look_alike_away,
    misread_names,
    starts_unspelt,
)
from sample_reports.generator.vocabulary import FAMILY_NAMES, GIVEN_NAMES

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("read", "misread"),
    [
        ("นางบิยะนุช ใจดี", ["บิยะนุช"]),
        ("นางสาวปิยะนุช ใจดิ", ["ใจดิ"]),
        ("นางจันทรเพ็ญ ใจดี", ["จันทรเพ็ญ"]),
        ("นาง บิยะนุช ใจดิ", ["บิยะนุช", "ใจดิ"]),
        ("นางสาวกตตพงษ พมพทอง", ["กตตพงษ", "พมพทอง"]),  # marks lost, 150 dpi
        ("นางอรุณี ผิวผ อง", ["อรุณี", "ผิวผ", "อง"]),  # split where a mark was lost
        ("นางสาว มชาย ทองคำ", ["มชาย"]),  # สมชาย: the first letter lost beside the title
        ("นายจิราพร ธรรมวงศ", ["ธรรมวงศ"]),  # 108 family names end in วงศ์, none in วงศ
    ],
)
def test_a_name_one_letter_off_a_known_name_is_misread(read, misread):
    assert misread_names(read) == misread


def test_names_read_as_printed_are_not_doubted():
    printed = [f"นาย{given} {family}" for given in GIVEN_NAMES for family in FAMILY_NAMES]
    assert [name for name in printed if misread_names(name)] == []


def test_a_name_no_list_holds_and_near_none_is_kept():
    # The reference report's signatories (Kalasin PAO): most of their names are in no list.
    reference = json.loads((ROOT / "docs/contract/reference.expected.json").read_text("utf-8"))
    names = [s["name"] for s in reference["memo"]["signatories"]]
    parts = [part for name in names for part in TITLE.sub("", name).split()]
    assert len([part for part in parts if part not in known_names()]) >= 5
    # ไชติ is one vowel off โชติ, but SARA AI MAIMALAI and SARA O are no look-alikes: kept.
    assert [name for name in names if misread_names(name)] == []


def test_a_family_name_of_two_parts_is_one_name():
    assert misread_names("นายสมชาย ณ อยุธยา") == []


def test_look_alikes_away_replace_one_letter_as_a_reader_confuses_them():
    near = look_alike_away("ใจดี")
    assert {"ใจดิ", "ไจดี"} <= near
    assert "ใจดี" not in near and "ใจด" not in near


def test_no_known_name_starts_as_no_thai_word_is_spelt():
    """A mark first, or the first letter silenced: none of the 21,218 known names starts so,
    so a name read so was misread."""
    assert not [name for name in known_names() if starts_unspelt(name)]
    assert starts_unspelt("ณ์ชูวุฒิ") and starts_unspelt("\u0e34วิสาขา")
