"""The closing block's reporter line wrapped at the margin (issue 18: LibreOffice prints
ผู้รายงาน … ตำแหน่ง นักวิเคราะห์นโยบายและแผน ปฏิบัติ / การ), read on generated variants: its
wrapped lines joined as the contract joins a wrapped text, and a line that only comes close to
the margin never joined to the title below it."""

from __future__ import annotations

import dataclasses

import pytest

from parsers import parse_report
from parsers.layout.line_wrap import runs_on
from parsers.layout.page import Word
from parsers.sections.report_text import reporter
from sample_reports.generator.matrix import produce
from sample_reports.generator.matrix.cases import Case, Maker, as_made, draw_case
from sample_reports.generator.matrix.score import score_document
from sample_reports.generator.model import Person, Report

LONG_NAME = "นางสาวกิตติพงษ์ศักดิ์ เกียรติประเสริฐวงศ์"
# (seed, index, maker, size, reporter or None for the case's own): the matrix's case, and
# reporters whose line LibreOffice and reportlab's large type wrap at different places.
VARIANTS: list[tuple[int, int, Maker, float, Person | None]] = [
    (1, 161, Maker.LIBREOFFICE, 1.0, None),  # the case that showed it: ปฏิบัติ / การ
    (1, 7, Maker.LIBREOFFICE, 1.0, Person(LONG_NAME, ("นักวิเคราะห์นโยบายและแผน ปฏิบัติการ",))),
    (1, 4, Maker.LIBREOFFICE, 1.0, Person(LONG_NAME, ("นักวิเคราะห์นโยบายและแผนชำนาญการพิเศษ",))),
    (1, 9, Maker.LIBREOFFICE, 1.0, Person("นายสมชาย พิมพ์ทอง", ("นักจัดการงานทั่วไปชำนาญการ",))),
    # reportlab draws the line whole, past the margin: the title below it is not joined
    (2, 3, Maker.REPORTLAB, 1.15, Person(LONG_NAME, ("นักวิเคราะห์นโยบายและแผนชำนาญการพิเศษ",))),
    (3, 7, Maker.REPORTLAB, 0.85, None),
]


def closing_case(seed: int, index: int, maker: Maker, size: float) -> Case:
    case = dataclasses.replace(draw_case(seed, index), scan=None, defect=None, maker=maker)
    return dataclasses.replace(as_made(case), size=size)


def with_reporter(person: Person | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cases' reports print `person` as their reporter (their truth with it)."""
    if person is None:
        return
    drawn = produce.case_report

    def case_report(case: Case) -> Report:
        return dataclasses.replace(drawn(case), reporter=person)

    monkeypatch.setattr(produce, "case_report", case_report)


@pytest.mark.parametrize(("seed", "index", "maker", "size", "person"), VARIANTS)
def test_a_wrapped_reporter_reads_whole(seed, index, maker, size, person, tmp_path, monkeypatch):
    with_reporter(person, monkeypatch)
    made = produce.make_case(closing_case(seed, index, maker, size), tmp_path)
    parsed = parse_report(made.pdf.read_bytes(), filename=made.pdf.name).document
    assert parsed["report"]["reporter"] == made.truth["report"]["reporter"]
    score = score_document(made.truth, parsed)
    assert score.wrong == 0, score.wrong_places


def words(*spans: tuple[str, float, float], top: float) -> list[Word]:
    return [Word(x0, top, x1, top + 13.0, text) for text, x0, x1 in spans]


REPORTER_LINE = words(
    ("ชื่อ", 42.6, 60.0), ("ผู้รายงาน", 80.0, 120.0), ("ตำแหน่ง", 300.0, 330.0),
    ("นักวิเคราะห์นโยบายและแผน", 335.0, 470.0), ("ปฏิบัติ", 474.0, 535.8), top=69.0,
)  # fmt: skip


def test_a_line_runs_on_when_the_next_ones_first_word_would_not_fit():
    edge = 552.7
    assert runs_on(REPORTER_LINE, words(("การ", 42.6, 62.6), top=88.3), edge)
    assert not runs_on(REPORTER_LINE, words(("การ", 42.6, 55.0), top=88.3), edge)  # it fitted
    assert not runs_on(REPORTER_LINE, words(("การ", 42.6, 62.6), top=120.0), edge)  # set apart


def test_a_title_or_an_item_below_a_full_line_is_not_its_continuation():
    lines = [
        "ชื่อ - สกุล ผู้รายงาน นางสาวปิยะนุช แก้วประเสริฐ ตำแหน่ง นักวิเคราะห์นโยบายและแผน ปฏิบัติ",
        "การ",
        "ปัญหา อุปสรรค ข้อเสนอแนะ",
        "1. งบประมาณไม่เพียงพอ",
    ]
    wrapped = reporter(lines, {0})
    assert wrapped == {
        "name": "นางสาวปิยะนุช แก้วประเสริฐ",
        "position": "นักวิเคราะห์นโยบายและแผน ปฏิบัติการ",
    }
    full = [lines[0] + "การ", *lines[2:]]
    assert reporter(full, {0, 1}) == wrapped  # the title below is not joined, nor the item
    assert reporter(lines[:1] + lines[2:], {0}) == {
        "name": "นางสาวปิยะนุช แก้วประเสริฐ",
        "position": "นักวิเคราะห์นโยบายและแผน ปฏิบัติ",
    }
