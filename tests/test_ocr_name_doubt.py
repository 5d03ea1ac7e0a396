"""Project names read from page images: the contract keeps a name a string (never null), so a
name holding a word read doubtfully (a low confidence, marks its ink holds and its text lacks)
keeps its text and gets an `ocr:` warning naming its row; a name read cleanly gets none. The
matrix's scorer counts a text place read wrong that such a warning names as doubtful, not
wrong; never a figure or a status.

The scans are cases of the round-trip matrix (seed 1) scanned at 300 dpi grey.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from parsers import Limits, parse_report
from parsers.language.misreadings import misread_words
from parsers.sections.doubt import (
    forget_misread_positions,
    forget_unread_signatories,
)
from parsers.sections.parse_warnings import WarningLog
from sample_reports.generator.matrix.cases import draw_case, scanned_at
from sample_reports.generator.matrix.produce import make_case
from sample_reports.generator.matrix.score import PROJECT_KEYS, score_document

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_LIKE = ROOT / "sample_reports" / "findings-sequence.expected.json"
NAME_WARNING = re.compile(r"^ocr: page (\d+): row (\d+): name '")

# --- the scorer --------------------------------------------------------------------------------


def reference_document() -> dict:
    return json.loads(REFERENCE_LIKE.read_text(encoding="utf-8"))


def name_warning(row: dict) -> dict:
    page, seq = row["page"], row["seq"]
    message = f"ocr: page {page}: row {seq}: name '{row['name']}' read with low confidence ('x')"
    return {"page": page, "message": message}


def test_a_name_read_wrong_that_a_warning_names_is_doubtful_not_wrong():
    truth = reference_document()
    parsed = copy.deepcopy(truth)
    row = parsed["projects"][4]
    row["name"] = row["name"].replace("ำ", "า") + "ก"
    assert (score_document(truth, parsed).wrong, score_document(truth, parsed).doubtful) == (1, 0)
    parsed["parse_warnings"] = [name_warning(row)]
    score = score_document(truth, parsed)
    assert (score.wrong, score.doubtful, score.wrong_places) == (0, 1, [])
    assert score.fields == score_document(truth, truth).fields


def test_a_warning_naming_another_row_or_page_leaves_the_name_wrong():
    truth = reference_document()
    parsed = copy.deepcopy(truth)
    row = parsed["projects"][4]
    row["name"] += "ก"
    other = parsed["projects"][5]
    elsewhere = {**row, "page": row["page"] + 1}
    parsed["parse_warnings"] = [name_warning(other), name_warning(elsewhere)]
    assert (score_document(truth, parsed).wrong, score_document(truth, parsed).doubtful) == (1, 0)


def test_a_figure_or_status_read_wrong_stays_wrong_whatever_the_warnings_say():
    truth = reference_document()
    parsed = copy.deepcopy(truth)
    row = parsed["projects"][4]
    row["budget"] += 10
    row["status"] = "completed" if row["status"] != "completed" else "unable"
    seq, page = row["seq"], row["page"]
    parsed["parse_warnings"] = [
        {
            "page": page,
            "message": f"ocr: page {page}: row {seq}: {key} '1' read with low confidence",
        }
        for key in ("budget", "status")
    ]
    score = score_document(truth, parsed)
    assert (score.wrong, score.status_wrong, score.doubtful) == (2, 1, 0)


# --- scans the matrix made ---------------------------------------------------------------------


def name_warnings(document: dict) -> set[tuple[int, int]]:
    """(page, row) of every name an `ocr:` warning calls doubtful."""
    found = set()
    for warning in document.get("parse_warnings") or []:
        match = NAME_WARNING.match(warning["message"])
        if match:
            found.add((int(match.group(1)), int(match.group(2))))
    return found


def squeezed(text: str | None) -> str:
    return "".join((text or "").split())


def read_scan(seed: int, index: int, tmp_path: Path) -> tuple[dict, dict]:
    case = scanned_at(draw_case(seed, index), "300-grey")
    made = make_case(case, tmp_path)
    parsed = parse_report(made.pdf.read_bytes(), filename=made.pdf.name, limits=Limits())
    return made.truth, parsed.document


def names_by_row(document: dict) -> dict[tuple[int, int], str]:
    return {(row["page"], row["seq"]): row["name"] for row in document["projects"]}


# (seed, index) of matrix cases scanned at 300 dpi grey whose names Tesseract misread with
# full confidence: Tlwg Typo through reportlab (marks set apart: ส งเสริม; SARA AM read SARA AA:
# จัดทา) and through Chromium (marks dropped in the ink's count), beside names read cleanly.
SCANNED = [(1, 0), (1, 8)]


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "index"), SCANNED)
def test_a_scanned_name_read_wrong_is_warned_and_a_clean_one_is_not(seed, index, tmp_path):
    truth, parsed = read_scan(seed, index, tmp_path)
    printed, read, warned = names_by_row(truth), names_by_row(parsed), name_warnings(parsed)
    compared = read.keys() & printed.keys()
    misread = {key for key in compared if squeezed(read[key]) != squeezed(printed[key])}
    clean = compared - misread
    assert misread and clean, "the case no longer shows both: choose another"
    assert sorted(misread - warned) == []
    assert sorted(clean & warned) == []
    score = score_document(truth, parsed, may_reject=True)
    assert [place for place in score.wrong_places if ".name" in place] == []
    assert score.doubtful >= len(misread)


# --- the dictionary's test of a text the reader was sure of -----------------------------------

# Names as Tesseract read them from the matrix's scans with full confidence, and the word that
# shows each misread: a piece that is no word, or one letter or mark from a longer word.
MISREAD = [
    ("มาตรการส งเสริมและพัฒนาศักยภาพสมาชิกสภาท องถิ น", "ง"),
    ("โครงการมอบอานาจและกระจายอ“นาจการตัดสินใจ", "จ"),
    ("กิจกรรมจัดทาคู่มือการปฏิบัติงานและมาตรฐานการให้บริการ", "ทา"),
    ("มาตรการเผยแพร่ข้อมูลการจัดซื่อจัดจ้าง", "ซื่อ"),
    ("มาตรการบริหารจัดการความเสียงการทุจริต", "เสียง"),
    ("มาตรการปลูกผังวิถีคิดแยกแยะผลประโยชน์ส่วนตน", "ผัง"),
    ("กิจกรรมสร้างภูมิคุ้มคันทางสังคมให้เด็กและเยาวชน", "คัน"),  # ค is taken for ก and ด
    ("โครงการจัดทำแผนภารตรวจสอบภายในประจำปี", "ภาร"),
    ("โครงการมอบอำนาจและกระจายอำนาจการตัดสินใจเพื่อปองกันการทุจริต", "ปอง"),  # ป้อง
    ("กิจกรรมเฝ้าระวังการทุจริตโดยภาคประชาชน ประจาปีงบประมาณ 2568", "จา"),
    # Purisa scanned at 200 dpi grey: its vowels, and its MAI HAN-AKAT's tail as a tone mark.
    ("โครงการจัดให้มีช่องทางแจ้งเบาะแสการทูจริต", "ทู"),
    ("มาตรการปลูกฝั่งวิถีคิดแยกแยะผลประโยชน์ส่วนตนและผลประโยชน์ส่วนรวม", "ฝั่ง"),
    ("โครงการฝีกอบรมประมวลจริยธรรมสำหรับผู้บริหารและพนักงาน", "ฝีก"),
    ("กิจกรรมเป็ดเผยข้อมูลสาธารณะและวิเคราะห์ผลการจัดซื้อจัดจ้างประจำปี", "เป็ด"),
]


@pytest.mark.parametrize(("read", "shown"), MISREAD)
def test_a_name_read_wrong_with_full_confidence_shows_a_misread_word(read, shown):
    assert shown in misread_words(read)


def committed_names() -> set[str]:
    """Every project name of the committed samples' truths and of the reference report."""
    files = [*ROOT.glob("sample_reports/**/*.expected.json"), REFERENCE_LIKE]
    files.append(ROOT / "docs" / "contract" / "reference.expected.json")
    return {
        row["name"]
        for path in files
        for row in json.loads(path.read_text(encoding="utf-8")).get("projects") or []
        if row.get("name")
    }


def test_names_as_printed_are_seldom_doubted():
    names = committed_names()
    doubted = sorted(name for name in names if misread_words(name))
    assert len(names) > 300
    # A place name the dictionary cuts to a lone letter (บ้านแฮด), a typo printed (ภมณ), a
    # word one tone mark from a longer one (มาใช้).
    assert len(doubted) <= 0.01 * len(names), doubted


def test_a_memo_signatory_position_showing_a_misreading_is_null_and_warned():
    memo = {
        "signatories": [
            {"name": "นายสมชาย ใจดี", "position": "หัวหน้าสำนักปลัด ทรบ"},  # ทราบ run in
            {"name": "นางสาวสมหญิง ดีใจ", "position": "ผู้ านวยการกองยุทธศาสตร์และงบประมาณ"},
            {"name": "นายสมศักดิ์ รักดี", "position": "ปลัดองค์การบริหารส่วนตำบล"},
        ]
    }
    forget_misread_positions(memo)
    warnings = WarningLog()
    forget_unread_signatories(memo, {}, 1, warnings)
    assert [s["position"] for s in memo["signatories"]] == [None, None, "ปลัดองค์การบริหารส่วนตำบล"]
    messages = [w["message"] for w in warnings.to_list()]
    assert messages == [
        f"ocr: memo.signatories[{index}].position: read with low confidence" for index in (0, 1)
    ]


def test_a_first_row_read_without_its_number_is_scored_as_its_printed_row():
    """Matrix case 80 (seed 1, a 200-dpi Word scan): row 1's number was doubtful (null, with
    its warning); it was scored as a row the report does not print, its places all wrong."""
    truth = reference_document()
    parsed = copy.deepcopy(truth)
    first = parsed["projects"][0]
    first["seq"] = None
    first["name"] += "ก"  # and its name misread, warned with the number unread
    message = f"ocr: page {first['page']}: row ฮุ: name '{first['name']}' read with low confidence"
    parsed["parse_warnings"] = [{"page": first["page"], "message": message}]
    score = score_document(truth, parsed)
    assert (score.wrong, score.null, score.doubtful) == (0, 1, 1), score.wrong_places
    # A row without a number before row 1: the numbering has no room for it, a row made up.
    parsed = copy.deepcopy(truth)
    made_up = {**parsed["projects"][0], "seq": None}
    parsed["projects"].insert(0, made_up)
    printed = [key for key in PROJECT_KEYS if made_up[key] is not None]
    assert score_document(truth, parsed).wrong == len(printed) > 0
