"""Thai text read from page images: right, or null with an `ocr:` warning, never a near miss
(contract 1.1). Tesseract drops the marks over and under Thai letters with full confidence;
where the ink shows them (in a word's box, or standing in the gap where the reader cut a word
in two), the word is doubtful, and so is the text field it is in: the report's organisation,
its reporter, the memo's lines, a project's remark, the problems. A level is one of the levels
e-PlanNACC prints, or null. The closing summary's counts are each read from their own line,
even when a bullet was lost and two lines run together.

The scans are cases of the round-trip matrix (seed 1, scanned at 300 dpi grey), which read
such text wrong before: marks set apart by a font without mark positioning (ผิวผ อง), marks
drawn high (พิมพ์ทอง read พิมพทอง), a bullet lost between two counts (0 read 5, 1 read 100).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from parsers import Limits, parse_report
from parsers.language.look_alikes import CONFUSED
from parsers.language.misreadings import misread_beside_places, misread_subject, misread_words
from parsers.language.place_names import place_of, place_words, unknown_place_words
from parsers.language.text_quality import segment
from parsers.layout.page import PageContent, Word
from parsers.report import forget_places_read_otherwise
from parsers.sections.doubt import (
    UNREAD_TEXT,
    forget_misread_place_names,
    forget_places_spelt_otherwise,
    forget_unknown_provinces,
    forget_unread_texts,
    forget_years_read_otherwise,
    misread_year,
    readable_lines,
    spell_kind_as_printed,
    unknown_provinces,
    unsure_words,
)
from parsers.sections.parse_warnings import WarningLog
from parsers.sections.project_list import ProjectRow
from parsers.sections.report_text import narrative, problems, report_identity, reporter
from sample_reports.generator.matrix.cases import Case, draw_case, scanned_at
from sample_reports.generator.matrix.produce import make_case
from sample_reports.generator.matrix.score import score_document
from sample_reports.generator.vocabulary import MEMO_SUBJECTS as GENERATOR_SUBJECTS
from sample_reports.generator.vocabulary import PLACES

# --- a doubtful word nulls the running text's field it is in ---------------------------------


def image_line(row: int, *texts: str | tuple[str, bool]) -> list[Word]:
    words, x = [], 40.0
    for item in texts:
        text, doubtful = (item, False) if isinstance(item, str) else item
        words.append(
            Word(
                x,
                100.0 + 20 * row,
                x + 8 * len(text),
                114.0 + 20 * row,
                text=text,
                confidence=90.0,
                doubtful=doubtful,
            )
        )
        x += 8 * len(text) + 6
    return words


def image_page(*lines: list[Word]) -> PageContent:
    return PageContent(2, 595.0, 842.0, list(lines), read_from_image=90.0)


def test_a_doubtful_word_of_the_running_text_is_flagged_and_a_label_is_not():
    page = image_page(
        image_line(0, ("องค์การบริหารส่วนตำบลวังนำเย็น", True), "อำเภอ", "เมือง", "จังหวัด", "สระแก้ว"),
        image_line(1, ("ตำแหน่ง", True), "นักจัดการงานทั่วไปชำนาญการ"),
    )
    lines = readable_lines(page, WarningLog())
    assert UNREAD_TEXT in lines[0].split()[0]
    assert UNREAD_TEXT not in lines[1]  # a label as printed: read whatever its confidence


@pytest.mark.parametrize(
    ("read", "given"),
    [("ปานกลาง", "ปานกลาง"), ("มากที่สุด", "มากที่สุด"), ("สมมากทีสุด", None), ("น", None)],
)
def test_a_level_read_from_an_image_is_a_level_printed_or_null(read, given):
    page = image_page(
        image_line(0, "สรุปผลการขับเคลื่อนแผนฯ"),
        image_line(1, "-", "มีการนำแผนฯ", "ไปปฏิบัติ", "ระดับ", read, "ร้อยละ", "54.29"),
    )
    warnings = WarningLog()
    document = {"narrative": narrative(readable_lines(page, warnings)), "problems": []}
    forget_unread_texts(document, warnings)
    assert document["narrative"]["level"] == given
    assert document["narrative"]["implementation_pct"] == 54.29
    messages = [w["message"] for w in warnings.to_list()]
    assert (given is None) == any(m.startswith("ocr: narrative.level") for m in messages)


def test_fields_with_a_flagged_word_are_null_with_a_warning_and_the_others_kept():
    document = {
        "report": {
            "organization": f"เทศบาลตาบลบ{UNREAD_TEXT} านโป ง",
            "district": "เมือง",
            "reporter": {"name": f"นางสาวกิตติพงษ พิมพทอง{UNREAD_TEXT}", "position": "ปลัด"},
            "data_as_of": None,
        },
        "narrative": None,
        "problems": ["งบประมาณไม่เพียงพอ", f"บุคลากรมีภารกิจหลายดำน{UNREAD_TEXT}"],
    }
    warnings = WarningLog()
    forget_unread_texts(document, warnings)
    assert document["report"]["organization"] is None
    assert document["report"]["reporter"] == {"name": None, "position": "ปลัด"}
    assert document["report"]["district"] == "เมือง"
    assert document["problems"] == []
    messages = [w["message"] for w in warnings.to_list()]
    for about in ("report.organization", "report.reporter.name", "problems"):
        assert any(m.startswith(f"ocr: {about}") for m in messages), about
    assert not any(UNREAD_TEXT in m for m in messages)


def test_counts_run_together_where_a_bullet_was_lost_are_each_read_from_their_line():
    lines = [
        "สรุปผลการขับเคลื่อนแผนฯ",
        "- อยู่ระหว่างดำเนินการ 0 โครงการ",
        "ดำเนินการแล้วเสร็จ 5 โครงการ",
        "- ไม่สามารถดำเนินการได้ 1 โครงการ",
        "การเบิกจ่ายงบประมาณ 23,356.45 บาท คิดเป็นร้อยละ 33.07",
        "มีการนำแผนฯ ไปปฏิบัติ ระดับ มากที่สุด ร้อยละ 100.00",
    ]
    read = narrative(lines)
    assert read is not None
    assert (read["in_progress"], read["completed"], read["unable"]) == (0, 5, 1)
    assert (read["disbursed"], read["disbursed_pct"]) == (23356.45, 33.07)
    assert (read["level"], read["implementation_pct"]) == ("มากที่สุด", 100.0)


def test_an_item_holding_more_figures_than_it_prints_is_not_read():
    """Matrix cases scanned at 150 dpi (seed 7): a bullet and a label misread ran two counts
    into one item (3 taken for 0: a false STATUS_COUNT); an amount cut at its comma made its
    second half the percentage (262.17 %: a false PERCENT). Null with a warning, never one of
    the figures at a guess."""
    lines = [
        "สรุปผลการขับเคลื่อนแผนฯ",
        "- รอการรายงาน 3 โครงการ อยู่ระ ะหวางดำเนินการ 0 โครงการ",
        "- ดำเนินการแล้วเสร็จ 5 โครงการ",
        "- เบิกจ่ายงบประมาณ 819 262.17 บาท คิดเป็นร้อยละ 45.20",
    ]
    warnings = WarningLog()
    read = narrative(lines, warnings=warnings)
    assert read is not None
    assert (read["pending_report"], read["in_progress"], read["completed"]) == (None, None, 5)
    assert (read["disbursed"], read["disbursed_pct"]) == (None, None)
    messages = [w["message"] for w in warnings.to_list()]
    assert len(messages) == 2 and all("more figures than its line prints" in m for m in messages)


def identity(organization: str, district: str, province: str) -> dict:
    return {"organization": organization, "district": district, "province": province}


READ_AT = {"organization": [0], "district": [0], "province": [0]}


def test_provinces_read_from_an_image_are_of_the_77_or_null():
    """The committed scans read ภาพสินธุ์, …จังหวัดกาฬสินธุ and เมืองกาฬสินธุ with full
    confidence: none a province's name; a district named after no province stays as read."""
    misread = identity("องค์การบริหารส่วนจังหวัดกาฬสินธุ", "เมืองกาฬสินธุ", "ภาพสินธุ์")
    warnings = WarningLog()
    forget_unknown_provinces(misread, READ_AT, {0}, warnings)
    assert misread == identity(None, None, None)
    assert len(warnings.to_list()) == 3
    right = identity("เทศบาลเมืองพล", "เมืองพล", "ขอนแก่น")
    forget_unknown_provinces(right, READ_AT, {0}, WarningLog())
    assert right == identity("เทศบาลเมืองพล", "เมืองพล", "ขอนแก่น")
    printed = identity("องค์การบริหารส่วนจังหวัดวังน้ำเย็น", "วังน้ำเย็น", "วังน้ำเย็น")
    forget_unknown_provinces(printed, READ_AT, set(), WarningLog())  # a text layer: as printed
    assert printed["province"] == "วังน้ำเย็น"


def test_a_district_read_otherwise_elsewhere_is_null():
    """Case 704 scanned at 300 dpi grey (ReportLab, Noto Serif: NIKHAHIT and MAI THO drawn
    over each other, one blob) read วังน้ำเย็น as วังน้าเย็น in the district's line, with
    full confidence: both are words. Other lines read its letters as วังนำเย็น twice,
    วังน้๊าเย็น, and once as the district. The readings disagree: null."""
    lines = [
        "อำเภอ วังน้าเย็น จังหวัดสระแก้ว",
        "องค์การบริหารส่วนตำบลวังนำเย็น",
        "รายงานขององค์การบริหารส่วนตำบลวังน้๊าเย็น",
        "ขององค์การบริหารส่วนตำบลวังน้าเย็น วังนำเย็น",
    ]
    misread = identity("องค์การบริหารส่วนตำบลวังนำเย็น", "วังน้าเย็น", "สระแก้ว")
    warnings = WarningLog()
    forget_places_spelt_otherwise(misread, lines, READ_AT, {0, 1, 2, 3}, warnings)
    assert misread["district"] is None and len(warnings.to_list()) == 1
    # Read as most other lines read it, or printed in a text layer: kept.
    lines[1:3] = ["องค์การบริหารส่วนตำบลวังน้าเย็น", "รายงานขององค์การบริหารส่วนตำบลวังน้าเย็น"]
    right = identity("องค์การบริหารส่วนตำบลวังน้าเย็น", "วังน้าเย็น", "สระแก้ว")
    forget_places_spelt_otherwise(right, lines, READ_AT, {0, 1, 2, 3}, WarningLog())
    assert right["district"] == "วังน้าเย็น"
    printed = identity("องค์การบริหารส่วนตำบลวังนำเย็น", "วังน้าเย็น", "สระแก้ว")
    forget_places_spelt_otherwise(printed, ["วังน้าเย็น", "วังนำเย็น"], READ_AT, set(), WarningLog())
    assert printed["district"] == "วังน้าเย็น"


def test_a_fiscal_year_read_otherwise_in_the_headings_is_null():
    """Case 503 scanned at 200 dpi grey (WeasyPrint, Purisa) read the title's ๒๕๖๕ as 2515:
    the digits' shapes read Purisa's ๖ as ๑, and Tesseract reads it as ๒. The summary's
    heading, which names the round with the year, read 2565. The readings disagree: null. A
    project's name may name another year (never with the report's round): not a heading."""
    lines = [
        "แผนปฏิบัติการป้องกันการทุจริต",
        "ประจำปีงบประมาณ พ.ศ. 2515",
        "รายงานผลการนำแผนไปปฏิบัติ ประจำปีงบประมาณ พ.ศ. 2565 รอบ 12 เดือน",
        "1 โครงการอบรมคุณธรรม ประจำปีงบประมาณ พ.ศ. 2566",
    ]
    misread = report_identity(lines, where := {})
    assert misread["fiscal_year"] == 2515
    warnings = WarningLog()
    forget_years_read_otherwise(misread, where, {0, 1, 2, 3}, lines, warnings)
    assert misread["fiscal_year"] is None
    assert [w["message"] for w in warnings.to_list()] == [
        "ocr: report.fiscal_year: '2515' read with low confidence"
    ]
    lines[1] = "ประจำปีงบประมาณ พ.ศ. 2565"  # read right: the project's 2566 is no heading
    right = report_identity(lines, where := {})
    forget_years_read_otherwise(right, where, {0, 1, 2, 3}, lines, WarningLog())
    assert right["fiscal_year"] == 2565
    lines[1] = "ประจำปีงบประมาณ พ.ศ. 2515"  # printed so in a text layer: as printed
    printed = report_identity(lines, where := {})
    forget_years_read_otherwise(printed, where, set(), lines, WarningLog())
    assert printed["fiscal_year"] == 2515


# --- scans the matrix made -------------------------------------------------------------------

# (seed, index) of matrix cases scanned at 300 dpi grey: Tlwg Typo through reportlab (marks
# set apart, in the gaps: memo lines, names, the level; the organisation and the problems),
# Word's export in Laksaman (marks drawn high: the reporter's name; remarks, a signature block
# hidden), WeasyPrint in Umpush (a bullet lost in the closing summary: two false findings),
# ReportLab in Noto Serif (the district read วังน้าเย็น, other lines reading it otherwise).
SCANNED = [(1, 0), (1, 3), (1, 5), (1, 6), (1, 704)]


def is_project_name(place: str) -> bool:
    where = place.split(":")[0]
    return where.startswith("projects[") and where.endswith(".name")


def misread_and_false(case: Case, folder: Path) -> tuple[list[str], list[str]]:
    """The case made, parsed and scored: its places read wrong but project names (a string in
    the contract, never null: only those may be misread, and are warned of), its false
    findings."""
    made = make_case(case, folder)
    parsed = parse_report(made.pdf.read_bytes(), filename=made.pdf.name, limits=Limits())
    score = score_document(made.truth, parsed.document, may_reject=True, evidence=parsed.evidence)
    return [p for p in score.wrong_places if not is_project_name(p)], score.false_findings


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "index"), SCANNED)
def test_scanned_text_is_right_or_null_and_no_finding_is_false(seed, index, tmp_path):
    case = scanned_at(draw_case(seed, index), "300-grey")
    assert misread_and_false(case, Path(tmp_path)) == ([], [])


def test_a_row_whose_number_was_read_null_is_scored_as_its_printed_row():
    def row(seq: int | None, name: str) -> dict:
        return {
            "seq": seq,
            "name": name,
            "dimension": 1,
            "budget": 100.0,
            "disbursed": 0.0,
            "status": "completed",
            "remark": None,
            "page": 3,
        }

    truth = {"projects": [row(4, "ก"), row(5, "ข"), row(6, "ค")], "findings": []}
    parsed = {
        "projects": [row(4, "ก"), row(None, "ข"), row(6, "ค")],
        "findings": [],
        "parse_warnings": [{"page": 3, "message": "ocr: page 3: row 5: number '5' …"}],
    }
    score = score_document(truth, parsed)
    assert score.wrong == 0 and score.wrong_places == []
    assert score.null == 1  # its number: unknown, not wrong
    # Several rows in a run, over a page break (matrix case 14 at 150 dpi: rows 21–23 of a
    # page, numbers read doubtfully): the numbers their neighbours leave, as many as the rows.
    numbered = list(zip(range(20, 25), [4, 5, 5, 5, 5], strict=True))
    truth = {"projects": [row(n, "ก") | {"page": p} for n, p in numbered], "findings": []}
    read = [row(None if 20 < n < 24 else n, "ก") | {"page": p} for n, p in numbered]
    score = score_document(truth, {"projects": read, "findings": [], "parse_warnings": []})
    assert (score.wrong, score.null) == (0, 3)
    # Rows the numbering has no room for (two unnumbered rows where three are printed) stay
    # unplaced: read, but not as the rows printed there.
    fewer = read[:1] + read[2:]
    assert score_document(truth, {"projects": fewer, "findings": [], "parse_warnings": []}).wrong
    # At the list's start, its first rows not read at all: the two read without numbers
    # before row 24 are rows 22 and 23 (matrix case 338 at 150 dpi: row 1 unread, row 2
    # without its number).
    start = [read[2], read[3], read[4]]
    score = score_document(truth, {"projects": start, "findings": [], "parse_warnings": []})
    assert score.wrong == 0


def test_a_problem_whose_number_lost_its_point_still_starts_its_item():
    lines = [
        "ปัญหา อุปสรรค ข้อเสนอแนะ",
        "1. ควรจัดให้มีการประชุมติดตามผลการดำเนินงานทุกไตรมาส",
        "2 บุคลากรมีภารกิจหลายด้าน ทำให้ดำเนินการไม่ทันตามกำหนด",
        "3 เห็นควรเร่งรัดการดำเนินงานให้เป็นไปตามแผนดำเนินงาน",
    ]
    assert problems(lines) == [
        "ควรจัดให้มีการประชุมติดตามผลการดำเนินงานทุกไตรมาส",
        "บุคลากรมีภารกิจหลายด้าน ทำให้ดำเนินการไม่ทันตามกำหนด",
        "เห็นควรเร่งรัดการดำเนินงานให้เป็นไปตามแผนดำเนินงาน",
    ]


def test_problems_with_an_item_number_unread_are_none_with_a_warning():
    document = {"problems": ["ควรประชาสัมพันธ์ให้มากขึ้น ⁇ บุคลากรมีภารกิจหลายด่าน"]}
    warnings = WarningLog()
    forget_unread_texts(document, warnings)
    assert document["problems"] == []
    assert any(w["message"].startswith("ocr: problems") for w in warnings.to_list())


# --- texts the matrix showed read wrong with full confidence ---------------------------------


@pytest.mark.parametrize(
    ("text", "misread"),
    [
        ("ดำเนินการแล้วบางสวน", ["สวน"]),  # บางส่วน, its MAI EK lost
        ("ไม่เด้รับการจัดสรรงบประมาณ", ["เด้"]),  # ได้รับ, SARA AI read SARA E
        ("ประชาชนให้ความสนใจ เขารวมกจกรรมนอย", ["กจ"]),  # marks lost
        ("ดำเนินการแล้วบางส่วน", []),
        ("ไม่ได้รับการจัดสรรงบประมาณ", []),
        ("ดำเนินการร่วมกับป.ป.ช. จังหวัด", []),  # an abbreviation is letters, printed so
        ("ประสานงานกับ อบต.บ้านแฮ", []),
        # SARA AM's NIKHAHIT read as MAI THO (case 928: a Word export's memo read from its image)
        ("ผู้อ้านวยการกองยุทธศาสตร์และงบประมาณ", ["อ้า"]),
        ("ผู้อำนวยการกองยุทธศาสตร์และงบประมาณ", []),
    ],
)
def test_a_text_read_from_an_image_shows_a_misreading_or_reads_as_printed(text, misread):
    assert misread_words(text) == misread


def test_a_problem_read_from_an_image_that_shows_a_misreading_gives_none():
    lines = [
        "ปัญหา อุปสรรค ข้อเสนอแนะ",
        "1. ประชาชนให้ความสนใจ เขารวมกจกรรมนอย ควรประชาสัมพันธ์ให้มากขึ้น",
        "2. บุคลากรมีภารกิจหลายด้าน ทำให้ดำเนินการไม่ทันตามกำหนด",
    ]
    printed = problems(lines)
    assert len(printed) == 2 and not any(UNREAD_TEXT in item for item in printed)
    document = {"problems": problems(lines, from_images=range(len(lines)))}
    warnings = WarningLog()
    forget_unread_texts(document, warnings)
    assert document["problems"] == []
    assert any(w["message"].startswith("ocr: problems") for w in warnings.to_list())


@pytest.mark.parametrize(
    ("subject", "misread"),
    [
        ("รายงานผลการดำเนินงาน ประจำปีงบประมาณ 2462 รอบ 12 เดือน", ["2462"]),  # no fiscal year
        ("รายงานผลการดำเนินงาน ประจำปีงบประมาณ 2562 รอบ 12 เดือน", []),
        ("รายงานผล ประจำปีงบประมาณ พ.ศ. 2566", []),
        ("รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต", []),
        # Sawasdee by ReportLab, 150 and 300 dpi grey: ป's MAI THO touches its ascender, read บ้
        ("รายงานการกำกับติดตามการดำเนินการบ้องกันการทุจริต ประจำปีงบประมาณ 2560 รอบ 12 เดือน", ["บ้อง"]),
        ("รายงานผลการดาเนินงานตามแผนปฏิบัติการป้องกันการทุจริต", ["ดา"]),
        # an organisation named: its place judged as places are (ท่าไม้รวก is no word's misreading)
        ("รายงานผลตามแผนปฏิบัติการป้องกันการทุจริตของเทศบาลตำบลท่าไม้รวก ประจำปีงบประมาณ 2566", []),
        ("รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริตขององค์การบริหารส่วนตำบลโป่งน้ำร้อน", []),
        ("ขอส่งรายงานผลการดำเนินการตามแผนปฏิบัติการป้องกันการทุจริต (ระยะ 6 เดือน)", []),
    ],
)
def test_a_subject_read_from_an_image_shows_a_misreading_by_its_year_or_words(subject, misread):
    assert misread_year(subject) + misread_subject(subject) == misread


@pytest.mark.parametrize("template", GENERATOR_SUBJECTS)
def test_no_subject_the_generator_prints_shows_a_misreading(template):
    for year in range(2555, 2575):
        for months in (6, 12):
            assert misread_subject(template.format(year=year, months=months)) == []


# (seed, index) of matrix cases, at the scan each was drawn with, that read a text wrong with
# full confidence: a remark (ได้รับ read เด้รับ) and a problem (marks lost) at 200 dpi in Noto
# Serif; a reporter's name in Laksaman, whose tall MAITAIKHU hid a lost THANTHAKHAT (จันทร์เพ็ญ
# read จันทรเพ็ญ); a memo's reference in Laksaman at 200 dpi, a Thai ๒ read ๗ by its shape
# against Tesseract's ๒ (262 read 762; and 26 read 76 where Tesseract read more digits); a
# summary table at 150 dpi black and white whose amounts were read as its percentages.
MISREAD_AS_DRAWN = [(1, 95), (1, 106), (1, 190), (1, 241), (1, 422)]


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "index"), MISREAD_AS_DRAWN)
def test_texts_read_wrong_with_full_confidence_are_now_right_or_null(seed, index, tmp_path):
    assert misread_and_false(draw_case(seed, index), Path(tmp_path)) == ([], [])


# Cases of the round-trip matrix (seed 1, scanned as drawn) read wrong with full confidence
# before session 34: a memo's reference ๖๓๗๒๔/๓๕๕ at 150 dpi grey, whose ๔ touched the / and
# lay under Tesseract's box of it, read ๖๓๗๒/๓๕๕ by the digits' shapes (589); an organisation
# เทศบาลตำบลเกาะคา at 300 dpi grey, its list unread, read เภาะคา: no word, a look-alike of a
# common one (850). Now each is null with an `ocr:` warning.
MISREAD_BEFORE_SESSION_34 = [(1, 589), (1, 850)]


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "index"), MISREAD_BEFORE_SESSION_34)
def test_a_digit_under_a_separators_box_and_a_place_made_no_word_are_null(seed, index, tmp_path):
    assert misread_and_false(draw_case(seed, index), Path(tmp_path)) == ([], [])


# Places read wrong before session 38, now null with an `ocr:` warning: a memo's subject read
# บ้องกัน for ป้องกัน (case 163, Sawasdee by ReportLab, the memo scanned at 150 and 300 dpi
# grey: the MAI THO touches ป's ascender); the N = 1,000 draw's one wrong place after session
# 37, a Word export whose memo page has no usable text layer, read from its image, its
# signatory's ผู้อำนวยการ read ผู้อ้านวยการ (928, as drawn).
MISREAD_BEFORE_SESSION_38 = [
    ((1, 163), "300-grey-memo"),
    ((1, 163), "150-grey-memo"),
    ((1, 928), None),
]


@pytest.mark.slow
@pytest.mark.parametrize(("drawn", "level"), MISREAD_BEFORE_SESSION_38)
def test_a_subject_and_a_position_that_show_a_misreading_are_null(drawn, level, tmp_path):
    case = draw_case(*drawn)
    case = case if level is None else scanned_at(case, level)
    assert misread_and_false(case, Path(tmp_path)) == ([], [])


# Cases of the round-trip matrix (seed 1) scanned at 150 dpi grey whose people's names and a
# project's name were read wrong with full confidence: a signatory's อรุณี ผิวผ่อง read
# อรุณ ผิวผ อง and ความเสี่ยง read ความเลี่ยง (0), the reporter's กิตติพงษ์ พิมพ์ทอง read
# กตตพงษ พมพทอง (6). Now a name is null with an `ocr:` warning, a project's name warned of.
NAMES_MISREAD_AT_150 = [(1, 0), (1, 6)]


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "index"), NAMES_MISREAD_AT_150)
def test_names_misread_at_150_dpi_are_null_or_warned_of(seed, index, tmp_path):
    made = make_case(scanned_at(draw_case(seed, index), "150-grey"), Path(tmp_path))
    parsed = parse_report(made.pdf.read_bytes(), filename=made.pdf.name, limits=Limits())
    score = score_document(made.truth, parsed.document, may_reject=True, evidence=parsed.evidence)
    assert (score.wrong_places, score.false_findings) == ([], [])
    assert score.doubtful > 0 or any(
        "name" in warning["message"] for warning in parsed.document["parse_warnings"]
    )


@pytest.mark.parametrize(
    ("read", "misread"),
    [
        ("มาตรการเผ้าระวังการทุจริต", ["เผ้า"]),  # rare beside เฝ้า
        ("โครงการส่งเสริมภารมีส่วนร่วมของประชาชน", ["ภาร"]),  # rare beside การ
        ("หัวหน้าสำนักปลิด", ["ปลิด"]),  # rare beside ปลัด
        ("มาตรการเสริมสร้างค่านิยมต่อด้านการทุจริต", ["ด้าน"]),  # ต่อต้าน, one word
        ("โครงการบริหารจัดการความเลี่ยงการทุจริต", ["เลี่ยง"]),
        ("โครงการส่งเสริมแฉะพัฒนาศักยภาพ", ["แฉะ"]),
        ("เรื่องผลประโยชน์หับซ้อน", ["หับ"]),
    ],
)
def test_a_rare_word_or_a_split_word_beside_its_common_look_alike_is_misread(read, misread):
    assert misread_words(read) == misread


def test_a_common_word_beside_a_look_alike_is_not_doubted():
    # งาม is no rare word beside งาน; ตาม is not taken for ตาย (เงินตาย is a word).
    assert misread_words("โครงการพัฒนาภูมิทัศน์ให้สวยงาม") == []
    assert misread_words("มาตรการควบคุมการเบิกจ่ายเงินตามข้อบัญญัติงบประมาณรายจ่ายประจำปี") == []


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("เทศบาลตาบลบ้านโป่ง", "เทศบาลตำบลบ้านโป่ง"),  # SARA AM's ring lost
        ("องคการบริหารสวนจังหวัดกาฬสินธุ์", "องค์การบริหารส่วนจังหวัดกาฬสินธุ์"),  # marks lost
        ("เทศบาลเมืองวังน้ำเย็น", "เทศบาลเมืองวังน้ำเย็น"),  # a kind read as printed
    ],
)
def test_an_organisations_kind_read_with_other_marks_is_spelt_as_printed(read, printed):
    report = {"organization": read}
    spell_kind_as_printed(report, {"organization": [3]}, from_images={3})
    assert report["organization"] == printed


def test_an_organisations_kind_in_a_text_layer_is_left_as_printed():
    report = {"organization": "เทศบาลตาบลบ้านโป่ง"}
    spell_kind_as_printed(report, {"organization": [3]}, from_images=set())
    assert report["organization"] == "เทศบาลตาบลบ้านโป่ง"


def test_a_problems_point_read_as_a_comma_still_numbers_its_item():
    lines = [
        "ปัญหา อุปสรรค ข้อเสนอแนะ",
        "1, งบประมาณไม่เพียงพอต่อการดำเนินโครงการตามแผน",
        "2. เห็นควรเร่งรัดการดำเนินงานให้เป็นไปตามแผนดำเนินงาน",
        "1,000 บาท ไม่เพียงพอ",
    ]
    assert problems(lines) == [
        "งบประมาณไม่เพียงพอต่อการดำเนินโครงการตามแผน",
        "เห็นควรเร่งรัดการดำเนินงานให้เป็นไปตามแผนดำเนินงาน 1,000 บาท ไม่เพียงพอ",
    ]


# --- misreadings the N = 1,000 matrix showed at 150 to 300 dpi, by class ---------------------
# Each class is tried on every project name the generator draws (its prefixes and topics) and
# on the reference's list: none as printed is doubted, every misreading of the class is.


def drawn_project_names() -> list[str]:
    from sample_reports.generator import vocabulary as drawn

    return sorted({p + t for p in drawn.NAME_PREFIXES for ts in drawn.TOPICS.values() for t in ts})


def reference_project_names() -> list[str]:
    rows = (SAMPLES / "generator" / "reference_projects.tsv").read_text(encoding="utf-8")
    return [line.split("\t")[1] for line in rows.splitlines() if not line.startswith("#")]


SAMPLES = Path(__file__).resolve().parents[1] / "sample_reports"
THANTHAKHAT = "\u0e4c"


def test_no_project_name_the_generator_draws_is_doubted_as_printed():
    assert [name for name in drawn_project_names() if misread_words(name)] == []


def test_every_name_with_a_thanthakhat_lost_is_doubted():
    # ร้องทุกข for ร้องทุกข์ (ทุกข is a word), องคการ, ศูนยข้อมูล: the mark put back, the run
    # reads as fewer words, or a longer one through it.
    names = drawn_project_names() + reference_project_names()
    lost = [
        name[:index] + name[index + 1 :]
        for name in names
        for index, char in enumerate(name)
        if char == THANTHAKHAT
    ]
    assert len(lost) > 80
    assert [name for name in lost if not misread_words(name)] == []


# How a hand-like font's marks are misread at 200 dpi (Purisa): one vowel for its look-alike,
# a tone mark read over a MAI HAN-AKAT (its tail).
PURISA_MISREADINGS = {
    "SARA U for SARA UU": lambda name: swapped(name, "\u0e39", "\u0e38"),
    "SARA UU for SARA U": lambda name: swapped(name, "\u0e38", "\u0e39"),
    "SARA II for SARA UE": lambda name: swapped(name, "\u0e36", "\u0e35"),
    "MAITAIKHU for SARA I": lambda name: swapped(name, "\u0e34", "\u0e47"),
    "MAI EK over MAI HAN-AKAT": lambda name: swapped(
        name, "\u0e31", "\u0e31\u0e48", "\u0e48\u0e49"
    ),
}


def swapped(name: str, printed: str, read: str, unless_before: str = "") -> list[str]:
    """The name with each `printed` read as `read` in turn (not where `unless_before` follows)."""
    found = []
    for index in range(len(name)):
        after = name[index + len(printed) :]
        if name.startswith(printed, index) and not (after and after[0] in unless_before):
            found.append(name[:index] + read + after)
    return found


@pytest.mark.parametrize("how", PURISA_MISREADINGS)
def test_every_name_with_a_hand_like_fonts_mark_misread_is_doubted(how):
    names = drawn_project_names() + reference_project_names()
    misread = [read for name in names for read in PURISA_MISREADINGS[how](name)]
    assert len(misread) > 5
    assert [read for read in misread if not misread_words(read)] == []


@pytest.mark.parametrize(
    ("read", "misread"),
    [
        ("โครงการสร้างความโปร่งไสในการบริหารงานบุคคล", ["ไส"]),  # โปร่งใส: a longer word
        ("โครงการจัดชื่อจัดจ้างประจำปี", ["ชื่อ"]),  # จัดซื้อ: two marks of a syllable
        ("ดำเนินการร่วมกับป.ป.ซ. จังหวัด", ["ป.ป.ซ."]),  # ป.ป.ช., an abbreviation a list holds
        ("นักวิเคราะหนโยบายและแผนชำนาญการ", ["เคราะห"]),
    ],
)
def test_a_word_that_reads_longer_or_an_abbreviation_a_list_holds_shows_a_misreading(read, misread):
    assert misread_words(read) == misread


def test_a_place_in_an_organisations_name_is_doubted_for_a_thanthakhat_lost():
    # Place names are short words whose look-alikes join into others (ท่าไม้รวก): a lost
    # THANTHAKHAT, a common word made rare (below), and a province none of the 77 tell a
    # misread memo's addressee.
    assert misread_beside_places("นายกเทศมนตรีตำบลกันทรลักษ") == ["ษ"]
    assert misread_beside_places("นายกเทศมนตรีตำบลกันทรลักษ์") == []
    assert misread_beside_places("นายกเทศมนตรีตำบลท่าไม้รวก") == []
    assert unknown_provinces("นายกองค์การบริหารส่วนจังหวัดกาฬสินธุ") == ["กาฬสินธุ"]
    assert unknown_provinces("นายกองค์การบริหารส่วนจังหวัดนครครีธรรมราช") == ["นครครีธรรมราช"]
    assert unknown_provinces("นายกองค์การบริหารส่วนจังหวัดกาฬสินธุ์ โทร. 0-4381-1234") == []


def wikipedia_organisations() -> list[str]:
    """The municipalities and subdistrict administrations named by pythainlp's copy of the
    Thai Wikipedia's titles: real places, none drawn by the generator."""
    from pythainlp.corpus import get_corpus

    kinds = ("เทศบาล", "องค์การบริหารส่วนตำบล")
    return sorted(
        title for title in get_corpus("wikipedia_titles_th.txt") if title.startswith(kinds)
    )


@pytest.mark.parametrize(
    ("read", "misread"),
    [
        ("นายกเทศมนตรีเมืองสวางแดนดิน", ["สวาง"]),  # สว่าง: a tone mark lost, 150-dpi b/w
        ("เทศบาลตำบลเภาะคา", ["เภาะ"]),  # เกาะ: a word never seen, a look-alike of a common one
        ("เทศบาลตำบลเกาะคา", []),
        ("นายกเทศมนตรีเมืองสว่างแดนดิน", []),
    ],
)
def test_a_place_read_as_a_common_word_made_rare_is_misread(read, misread):
    assert misread_beside_places(read) == misread


def test_the_organisations_wikipedia_names_are_not_doubted_as_printed():
    # Their places hold rare words beside common look-alikes (แม่ตาว beside ดาว, บ้านส้อง
    # beside ส่อง): a rare word is doubted only where a mark was lost, or a look-alike of a
    # word never seen. One name reads as fewer words with a THANTHAKHAT put back.
    names = wikipedia_organisations()
    assert len(names) > 1000
    assert [name for name in names if misread_beside_places(name)] == ["เทศบาลเมืองจันทนิมิต"]


def test_a_place_holding_a_word_no_place_holds_beside_a_common_look_alike_is_misread():
    # ท่า begins 27 places of those Wikipedia names, ทำ none: ทำศาลา was read at 150 dpi.
    assert unknown_place_words("ทำศาลา") == ["ทำ"]
    assert unknown_place_words("ท่าศาลา") == []
    drawn = {name for place, district, *_ in PLACES for name in (place, district)}
    assert [name for name in drawn if unknown_place_words(name)] == []


def test_each_place_wikipedia_names_judged_by_the_others_is_seldom_doubted():
    counts = place_words()
    places = {place for name in wikipedia_organisations() if (place := place_of(name))}
    assert len(places) > 900
    doubted = [
        place
        for place in places
        if unknown_place_words(place, counts - Counter(set(segment(place))))
    ]
    assert len(doubted) <= len(places) // 200, doubted  # 2 of 966: บึงบา, หนองบัวบาน


def test_an_organisation_or_district_read_from_an_image_that_shows_a_misreading_is_none():
    report = {"organization": "เทศบาลตำบลเภาะคา", "district": "เกาะคา"}
    where = {"organization": [0], "district": [0]}
    warnings = WarningLog()
    forget_misread_place_names(report, where, [0], warnings)
    assert report == {"organization": None, "district": "เกาะคา"}
    district = {"organization": "เทศบาลตำบลท่าศาลา", "district": "ทำศาลา"}
    forget_misread_place_names(district, where, [0], WarningLog())
    assert district == {"organization": "เทศบาลตำบลท่าศาลา", "district": None}
    assert [w["message"] for w in warnings.to_list()] == [
        "ocr: report.organization: 'เทศบาลตำบลเภาะคา' read with low confidence"
    ]
    printed = {"organization": "เทศบาลตำบลเภาะคา", "district": "เกาะคา"}
    forget_misread_place_names(printed, where, [], WarningLog())
    assert printed["organization"] == "เทศบาลตำบลเภาะคา"  # a text layer prints what it prints


def test_a_reporters_position_misread_from_an_image_is_none_with_a_warning():
    lines = ["ชื่อ - สกุล ผู้รายงาน นายสมชาย ใจดี ตำแหน่ง นักวิเคราะหนโยบายและแผนชำนาญการ"]
    assert reporter(lines)["position"] == "นักวิเคราะหนโยบายและแผนชำนาญการ"
    document = {"report": {"reporter": reporter(lines, from_images=[0])}}
    warnings = WarningLog()
    forget_unread_texts(document, warnings)
    assert document["report"]["reporter"] == {"name": "นายสมชาย ใจดี", "position": None}
    assert any("report.reporter.position" in w["message"] for w in warnings.to_list())


def project_row(seq: int, name: str) -> ProjectRow:
    return ProjectRow(seq, name, 1, 10000.0, 0.0, "completed", None, page=3, marks=1)


ORG_NAMES = [
    "มาตรการประเมินความพึงพอใจของประชาชนต่อการให้บริการของเทศบาลตำบลเกาะคา",
    "โครงการจัดทำแผนการตรวจสอบภายในประจำปีของเทศบาลตำบลเกาะคา",
    "โครงการประชุมสภาสัญจร",
]


def test_an_organisation_read_otherwise_than_in_the_names_that_print_it_is_none():
    # เภาะคา read once in the report's header, เกาะคา in two names: one reading is wrong.
    report = {"organization": "เทศบาลตำบลเภาะคา"}
    warnings = WarningLog()
    rows = [project_row(seq, name) for seq, name in enumerate(ORG_NAMES, 1)]
    forget_places_read_otherwise(report, rows, {"organization": [0]}, [0], warnings)
    assert report["organization"] is None
    assert sum(row.name_doubted for row in rows) == 0  # the names agree with each other


def test_a_name_that_prints_the_organisation_a_letter_off_is_warned_of():
    report = {"organization": "เทศบาลตำบลเกาะคา"}
    names = [*ORG_NAMES, ORG_NAMES[1].replace("เกาะคา", "เภาะคา")]
    rows = [project_row(seq, name) for seq, name in enumerate(names, 1)]
    warnings = WarningLog()
    forget_places_read_otherwise(report, rows, {"organization": [0]}, [0], warnings)
    assert report["organization"] == "เทศบาลตำบลเกาะคา"
    assert [row.name_doubted for row in rows] == [False, False, False, True]
    assert any("row 4: name" in w["message"] for w in warnings.to_list())
    # Printed, the organisation is not read again against the names.
    printed = {"organization": "เทศบาลตำบลเภาะคา"}
    forget_places_read_otherwise(printed, rows, {"organization": [0]}, [], WarningLog())
    assert printed["organization"] == "เทศบาลตำบลเภาะคา"


PROJECTS_OF_AN_ORGANISATION = (
    "มาตรการประเมินความพึงพอใจของประชาชนต่อการให้บริการ",
    "โครงการจัดทำแผนการตรวจสอบภายในประจำปี",
)


def look_alike_places() -> list[tuple[str, str]]:
    """Every place the generator draws, each with every reading of it one look-alike away."""
    found = []
    for place in dict.fromkeys(place for place, *_ in PLACES):
        for index, char in enumerate(place):
            found += [
                (place, place[:index] + other + place[index + 1 :])
                for other in CONFUSED.get(char, "")
            ]
    return found


def test_the_organisation_and_the_names_disagree_on_no_place_unseen():
    """A place of five letters (ชุมแพ) is too short to call a stretch one letter off it a copy;
    the organisation's whole name (เทศบาลตำบลชุมแพ) is not. On every place the generator draws
    and every look-alike misreading of it: a name that misprints it is warned of, and an
    organisation misread where the names print it is none."""
    pairs = look_alike_places()
    assert len(pairs) > 100
    for place, misread in pairs:
        names = [f"{name}ของเทศบาลตำบล{place}" for name in PROJECTS_OF_AN_ORGANISATION]
        rows = [
            project_row(seq, name)
            for seq, name in enumerate([*names, names[0].replace(place, misread)], 1)
        ]
        report = {"organization": f"เทศบาลตำบล{place}"}
        forget_places_read_otherwise(report, rows, {"organization": [0]}, [0], WarningLog())
        assert report["organization"] == f"เทศบาลตำบล{place}"
        assert [row.name_doubted for row in rows] == [False, False, True], (place, misread)
        rows = [project_row(seq, name) for seq, name in enumerate(names, 1)]
        report = {"organization": f"เทศบาลตำบล{misread}"}
        forget_places_read_otherwise(report, rows, {"organization": [0]}, [0], WarningLog())
        assert report["organization"] is None, (place, misread)


def test_an_organisations_abbreviation_without_its_dot_is_a_misreading():
    assert misread_beside_places("สำนักปลัดเทศบาล ทม บางพระ") == ["ทม"]
    assert misread_beside_places("สำนักปลัดเทศบาล ทม.บางพระ") == []
    assert misread_beside_places("สำนักปลัด อบต. บางพระ") == []


def test_a_references_agency_code_with_a_vowel_was_misread():
    # ชบ read ชูป: an agency's code is consonants; its number keeps its own check.
    assert unsure_words("reference", image_line(0, "ที่", "ชูป", "57999/819")) == ["ชูป"]
    assert unsure_words("reference", image_line(0, "ที่", "ชบ", "57999/819")) == []
    assert unsure_words("reference", image_line(0, "ที่", "มท", "0808.2/ว", "1234")) == []


@pytest.mark.parametrize(
    ("number", "misread"),
    [
        ("ฒ4546/846", True),  # 74546: a digit read as a letter before the number
        ("74546/846", False),
        ("0808.2/ว1234", False),  # a circular letter: ว after the slash
        ("มท0808.2/ว", False),  # the agency's code run into its number
        ("๐๘๐๘.๒/ว", False),
    ],
)
def test_a_references_number_holds_a_letter_only_after_a_slash_or_as_its_code(number, misread):
    unsure = unsure_words("reference", image_line(0, "ที่", "นม", number))
    assert unsure == ([number] if misread else [])
