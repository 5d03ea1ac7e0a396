"""The share of Thai text that reads as dictionary words (parsers.language.text_quality), the
unusable-page rule it decides, and `raingan text --quality` (issue 11, parts 3 and 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from parsers import parse_report
from parsers.language.text_quality import (
    LOW_SHARE,
    UNUSABLE_SHARE,
    dictionary_share,
    quality_summary,
)
from parsers.safety.limits import Limits
from parsers.text_layer.reading import read_text_layer
from raingan.cli import app
from tests.contract import reference_document

SAMPLES = Path(__file__).resolve().parents[1] / "sample_reports"


def test_sound_thai_reads_as_dictionary_words():
    share = dictionary_share(["ข้าพเจ้า นายกเทศมนตรี", "รายงานผลการดำเนินงาน"])
    assert share is not None and share > 0.95


def test_every_sara_aa_read_as_sara_am_lowers_the_share():
    sound = dictionary_share(["ขอรายงานผลการดำเนินการป้องกันการทุจริต ประจำปีงบประมาณ"])
    damaged = dictionary_share(["ขอรำยงำนผลกำรดำเนินกำรป้องกันกำรทุจริต ประจำปีงบประมำณ"])
    assert sound is not None and damaged is not None and damaged < sound - 0.1


def test_glyphs_without_letters_count_as_unreadable_thai_text():
    assert dictionary_share(["(cid:12)(cid:40)(cid:7) 2566"]) == 0.0
    assert dictionary_share(["ข้อมูล (cid:3)(cid:4)"]) == pytest.approx(6 / 8)
    assert dictionary_share(["2566 abc"]) is None  # no Thai text at all


def test_the_thresholds_lie_between_sound_and_unusable_pages():
    assert 0 < UNUSABLE_SHARE < LOW_SHARE < 1


@pytest.mark.parametrize("name", ["reference-reportlab", "reference-chromium", "reference-pua"])
def test_sound_samples_read_above_the_warning_threshold(name):
    pages = read_text_layer((SAMPLES / f"{name}.pdf").read_bytes(), quality=True)
    shares = [page.dictionary_share for page in pages if page.dictionary_share is not None]
    assert shares and min(shares) >= LOW_SHARE


def test_a_page_whose_font_maps_no_thai_glyph_is_unusable_and_not_read():
    data = (SAMPLES / "textlayer-unusable-page.pdf").read_bytes()
    no_ocr = Limits(ocr=False)
    document = parse_report(data, filename="textlayer-unusable-page.pdf", limits=no_ocr).document
    assert document["memo"] is None
    warnings = [w for w in document["parse_warnings"] if w["message"].startswith("text:")]
    assert [w["page"] for w in warnings] == [1]
    assert "unusable" in warnings[0]["message"]
    assert "reads as dictionary words" in warnings[0]["message"]
    assert document["report"]["organization"]  # the other pages are read as usual


def test_with_ocr_the_unusable_page_is_read_from_its_image():
    """Contract 1.1: a text layer of glyphs without letters is read from the page's image."""
    data = (SAMPLES / "textlayer-unusable-page.pdf").read_bytes()
    document = parse_report(data, filename="textlayer-unusable-page.pdf", limits=Limits()).document
    read = [w for w in document["parse_warnings"] if w["message"].startswith("ocr: page 1 read")]
    assert [w["page"] for w in read] == [1]
    memo, printed = document["memo"], reference_document()["memo"]
    assert memo is not None
    doubted = {w["message"].split(":")[1].strip() for w in document["parse_warnings"]}
    for key in ("agency", "phone", "reference", "date", "subject", "addressee"):
        # Contract 1.1: as printed, or null with an `ocr: memo.KEY` warning, never a guess.
        assert memo[key] == printed[key] or (memo[key] is None and f"memo.{key}" in doubted), key
    assert memo["date"] == printed["date"] and memo["reference"] == printed["reference"]


def test_a_repaired_document_gets_no_text_warning():
    data = (SAMPLES / "textlayer-sara-aa.pdf").read_bytes()
    document = parse_report(data, filename="textlayer-sara-aa.pdf").document
    assert not [w for w in document["parse_warnings"] if w["message"].startswith("text:")]


def test_quality_summary_names_the_share_and_each_repair():
    assert quality_summary(0.934, {"sara_aa_remapped": 12, "glyph_name": 0}) == (
        "93% of its Thai text reads as dictionary words; repairs: sara_aa_remapped 12"
    )
    assert quality_summary(None, {}) == "no Thai text"


def test_text_quality_prints_the_share_and_repairs_of_every_page():
    path = SAMPLES / "textlayer-sara-aa.pdf"
    result = CliRunner().invoke(app, ["text", "--quality", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert result.output.count("reads as dictionary words") == 7
    assert "sara_aa_remapped" in result.output


def test_text_quality_names_an_unusable_page():
    path = SAMPLES / "textlayer-unusable-page.pdf"
    result = CliRunner().invoke(app, ["text", "--quality", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "unusable" in result.output
