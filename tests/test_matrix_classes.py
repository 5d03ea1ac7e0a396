"""Classes of misreading the round-trip matrix found (issue 18), each tried on generated
variants across fonts and layouts, not only on the case that showed it: figures of unruled
tables set close by a wide font or a narrow column, memo labels a font spaced or a line
wrapped, and status marks drawn as filled dots or kept in AcroForm check box fields."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pdfminer.psparser import PSLiteral

from parsers import parse_report
from parsers.layout.borderless import band_of
from parsers.layout.geometry import Box, Grid
from parsers.layout.page import Word
from parsers.layout.tables import Cell, Table
from parsers.sections.memo import TextLine, header_fields, split_phone
from parsers.sections.parse_warnings import WarningLog
from parsers.sections.summary_tables import read_values
from parsers.text_layer.widgets import check_box_state, widget_marks
from sample_reports.generator import reportlab_render
from sample_reports.generator.marks import MarkStyle
from sample_reports.generator.matrix.cases import Case, Maker, draw_case
from sample_reports.generator.matrix.produce import make_case
from sample_reports.generator.matrix.score import Score, score_document

FONTS = ("sawasdee", "tlwg-typo", "umpush", "purisa", "waree")
SUMMARY_SECTIONS = ("dimensions", "plan_budget", "ordinance_budget", "disbursement")


def made_and_parsed(case: Case, folder: Path) -> tuple[dict[str, Any], dict[str, Any], Score]:
    made = make_case(case, folder)
    parsed = parse_report(made.pdf.read_bytes(), filename=made.pdf.name)
    score = score_document(made.truth, parsed.document, evidence=parsed.evidence)
    return made.truth, parsed.document, score


def variant(seed: int, index: int, **factors: Any) -> Case:
    """The matrix's case (seed, index) drawn by reportlab, text layer clean, with `factors`."""
    case = draw_case(seed, index)
    return dataclasses.replace(case, maker=Maker.REPORTLAB, scan=None, defect=None, **factors)


# --- 1. Figures of unruled tables ------------------------------------------------------------
def words(*spans: tuple[str, float, float]) -> list[Word]:
    return [Word(x0, 100.0, x1, 108.19, text) for text, x0, x1 in spans]


def test_two_figures_set_a_space_apart_are_two_phrases():
    """Sawasdee sets a count a space (0.39 em) before the next column's amount."""
    band = band_of(words(("2", 123.6, 128.4), ("35", 180.9, 190.5), ("1,610,000.00", 193.7, 242.8)))
    assert [p.text for p in band.phrases] == ["2", "35", "1,610,000.00"]


def test_words_of_one_phrase_stay_one():
    band = band_of(words(("มิติที่", 38.5, 53.2), ("2", 56.2, 60.9), ("35", 120.0, 129.6)))
    assert [p.text for p in band.phrases] == ["มิติที่ 2", "35"]
    ranged = band_of(words(("2566", 291.8, 310.0), ("-", 313.2, 316.0), ("กันยายน", 319.0, 350.0)))
    assert [p.text for p in ranged.phrases] == ["2566 - กันยายน"]


@pytest.mark.parametrize("font", FONTS)
@pytest.mark.parametrize("narrow", [None, 0.55, 0.45])
@pytest.mark.parametrize(("seed", "index", "size"), [(2, 52, 1.15), (8, 14, 0.85)])
def test_unruled_tables_read_no_figure_wrong(font, narrow, seed, index, size, tmp_path):
    """Every figure of an unruled report is right, or null with a warning that names it. (8,
    14): wide columns under narrow labels, group labels over the gaps between them; a row
    number set a space before a short project name."""
    case = variant(seed, index, font=font, size=size, ruled=False, narrow=narrow, n_projects=12)
    score = made_and_parsed(case, tmp_path)[2]
    assert score.wrong == 0, score.wrong_places
    assert score.findings_false == 0, score.false_findings
    assert score.silent == 0


def test_the_case_that_showed_it_reads_whole(tmp_path):
    """seed 2, index 52: Sawasdee, unruled; `35 1,610,000.00` read as 351,610,000."""
    case = variant(2, 52, font="sawasdee", size=1.15, ruled=False, narrow=None)
    truth, document, score = made_and_parsed(case, tmp_path)
    for section in SUMMARY_SECTIONS:
        assert document[section] == truth[section]
        assert document[f"{section}_total"] == truth[f"{section}_total"]
    assert score.wrong == score.null == score.findings_false == 0


def table_of(*cells: tuple[str, ...], inferred: bool = True) -> Table:
    """One body row of cells, each given as its words, in a grid of as many columns."""
    xs = [float(50 * i) for i in range(len(cells) + 1)]
    grid = Grid(Box(0, 0, xs[-1], 20), [0.0, 20.0], xs, [], inferred=inferred)
    row = [
        Cell(i, i, Box(xs[i], 0, xs[i + 1], 20), [[Word(xs[i], 5, xs[i] + 9, 15, w) for w in ws]])
        for i, ws in enumerate(cells)
    ]
    return Table(2, grid, [row])


def test_a_cell_of_two_figures_is_null_with_a_warning():
    warnings = WarningLog()
    table = table_of(("35", "1,610,000.00"), ("24.00",), inferred=False)
    values = read_values(table, 0, {"projects": 0, "budget": 1}, "plan_budget", warnings)
    assert values == {"projects": None, "budget": 24.0}
    assert "35 1,610,000.00" in warnings.to_list()[0]["message"]


def test_in_an_inferred_grid_a_row_whose_figures_do_not_fit_is_not_read():
    """`2 0.00 2` in one column: the columns after it hold their neighbours' figures."""
    warnings = WarningLog()
    table = table_of(("4",), ("2", "0.00", "2"), ("5,000.00",))
    columns = {"projects": 0, "budget": 2}
    assert read_values(table, 0, columns, "plan_budget", warnings) == dict.fromkeys(columns)
    assert len(warnings.entries) == 2


def test_one_cell_read_for_two_figures_is_null():
    """A figure merged across two columns (`351,610,000.00`) belongs to neither."""
    warnings = WarningLog()
    table = table_of(("351,610,000.00",))
    values = read_values(table, 0, {"projects": 0, "budget": 0}, "plan_budget", warnings)
    assert values == {"projects": None, "budget": None}


@pytest.mark.parametrize(
    ("projects", "budget", "read"),
    [
        ("1,610,000.00", "24.00", {"projects": None, "budget": 24.0}),  # an amount as a count
        ("35", "24", {"projects": 35, "budget": None}),  # a count as an amount
        ("35", "-", {"projects": 35, "budget": None}),  # a blank is null, and no misreading
        ("35", "1,610,000.00", {"projects": 35, "budget": 1610000.0}),
    ],
)
def test_a_figure_not_printed_as_its_column_prints_is_null(projects, budget, read):
    warnings = WarningLog()
    table = table_of((projects,), (budget,), inferred=False)
    values = read_values(table, 0, {"projects": 0, "budget": 1}, "plan_budget", warnings)
    assert values == read
    texts = (projects, budget)
    unread = [text for value, text in zip(read.values(), texts, strict=True) if value is None]
    assert len(warnings.entries) == len([text for text in unread if text != "-"])


@pytest.mark.parametrize(("text", "read"), [("62.50", 62.5), ("8", None), ("0.00", 0.0)])
def test_a_percentage_prints_two_decimals(text, read):
    """A count that strayed into a percentage's column (a group label read as a column)."""
    table = table_of((text,), inferred=False)
    assert read_values(table, 0, {"pct_projects": 0}, "dimensions", WarningLog()) == {
        "pct_projects": read
    }


# --- 2. Memo labels ----------------------------------------------------------------------------
def test_a_phone_label_with_a_space_inside_is_still_cut():
    agency = "กองยุทธศาสตร์และงบประมาณ องค์การบริหารส่วนจังหวัดเกาะคา โท ร. 0-5428-1055"
    assert split_phone(agency) == (
        "กองยุทธศาสตร์และงบประมาณ องค์การบริหารส่วนจังหวัดเกาะคา",
        "0-5428-1055",
    )
    assert split_phone("สำนักปลัด โทรศัพท์ 0 4381 1247")[1] == "043811247"


def line_of(*texts: str) -> TextLine:
    return TextLine([Word(10.0 * i, 0, 10.0 * i + 9, 10, text) for i, text in enumerate(texts)])


def test_a_label_a_font_split_into_words_is_a_label():
    lines = [
        line_of("ส่วน", "ราชการ", "สำนักปลัด", "โทร.", "0-4381-1247"),
        line_of("ที่", "กส", "51007/", "วัน", "ที่", "20", "มีนาคม", "2566"),
        line_of("เรื่อง", "รายงาน"),
        line_of("เรียน", "นายก"),
    ]
    fields, body = header_fields(lines)
    assert fields == {
        "agency": "สำนักปลัด โทร. 0-4381-1247",
        "reference": "กส 51007/",
        "date": "20 มีนาคม 2566",
        "subject": "รายงาน",
        "addressee": "นายก",
    }
    assert body == 4


@pytest.mark.parametrize("font", FONTS)
def test_memo_reads_as_printed_in_each_font(font, tmp_path):
    """seed 2, index 94: Tlwg Typo wrapped the agency line inside โทร."""
    case = variant(2, 94, font=font)
    truth, document, _ = made_and_parsed(case, tmp_path)
    assert document["memo"] == truth["memo"]


# --- 3. Status marks ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("font", "marks", "ruled", "narrow"),
    [
        ("waree", MarkStyle.DOT, True, 0.7),
        ("garuda", MarkStyle.DOT, False, 0.55),
        ("tlwg-typo", MarkStyle.DOT, True, None),
        ("purisa", MarkStyle.ACROFORM, True, 0.45),
        ("sawasdee", MarkStyle.ACROFORM, False, 0.45),
        ("umpush", MarkStyle.ACROFORM, True, None),
    ],
)
def test_every_status_reads_in_dots_and_form_fields(font, marks, ruled, narrow, tmp_path):
    case = variant(2, 34, font=font, marks=marks, ruled=ruled, narrow=narrow, n_projects=12)
    truth, document, score = made_and_parsed(case, tmp_path)
    assert [p["status"] for p in document["projects"]] == [p["status"] for p in truth["projects"]]
    assert score.status_null == score.status_wrong == 0


def filled_circle(canvas: Any, x: float, y: float, marked: bool, side: float) -> None:
    if marked:
        canvas.circle(x, y, side * 0.3, stroke=0, fill=1)


@pytest.mark.parametrize("font", ["waree", "tlwg-typo"])
def test_a_dot_drawn_as_a_filled_circle_marks_its_box(font, tmp_path, monkeypatch):
    """The e-PlanNACC printout's dot drawn as a path, not as the glyph ●."""
    glyphs = {style: g for style, g in reportlab_render.GLYPHS.items() if style != MarkStyle.DOT}
    monkeypatch.setattr(reportlab_render, "GLYPHS", glyphs)
    monkeypatch.setitem(reportlab_render.VECTOR_DRAWERS, MarkStyle.DOT, filled_circle)
    case = variant(2, 34, font=font, marks=MarkStyle.DOT, ruled=False, narrow=None, n_projects=8)
    truth, document, score = made_and_parsed(case, tmp_path)
    with pdfplumber.open(tmp_path / f"{case.name}.pdf") as pdf:
        assert not any("●" in page.extract_text() for page in pdf.pages)
    assert [p["status"] for p in document["projects"]] == [p["status"] for p in truth["projects"]]
    assert score.status_null == score.status_wrong == 0


def name(text: str) -> PSLiteral:
    return PSLiteral(text)


@pytest.mark.parametrize(
    ("data", "state"),
    [
        ({"FT": name("Btn"), "AS": name("Yes"), "V": name("Yes")}, "Yes"),
        ({"FT": name("Btn"), "AS": name("Off")}, "Off"),
        ({"FT": name("Btn"), "V": name("On")}, "On"),  # no appearance state: the value
        ({"Parent": {"FT": name("Btn"), "V": name("1")}}, "1"),  # a kid of its field
        ({"Parent": {"FT": name("Btn"), "V": name("Yes")}, "AS": name("Off")}, "Off"),
        ({"FT": name("Btn"), "Ff": 1 << 16, "AS": name("Yes")}, None),  # a push button
        ({"FT": name("Tx"), "V": b"Yes"}, None),  # a text field
        ({"Subtype": name("Link")}, None),
    ],
)
def test_a_check_box_state_is_its_appearance_state_or_its_value(data, state):
    assert check_box_state(data) == state


def test_widgets_become_marks_ticked_or_not():
    annot = {"x0": 1.0, "top": 2.0, "x1": 10.0, "bottom": 11.0}
    on = {**annot, "data": {"FT": name("Btn"), "V": name("Yes")}}
    off = {**annot, "data": {"FT": name("Btn"), "AS": name("Off")}}
    link = {**annot, "data": {"Subtype": name("Link")}}
    assert [m.kind for m in widget_marks([on, off, link])] == ["widget_on", "widget_off"]
    assert widget_marks([on])[0].ink > 0
    assert widget_marks([off])[0].ink == 0
