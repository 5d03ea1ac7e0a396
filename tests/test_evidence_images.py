"""Evidence on the page: the boxes the parse keeps lie on the printed figures and the rows they
were checked against, on real sample PDFs; the pictures and `raingan evidence` draw them."""

from __future__ import annotations

import re
import sqlite3
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2
import pytest
from PIL import Image

from checks import Compared, PlacedFinding, placed_findings
from checks.evidence import Evidence
from checks.identity import finding_ids
from parsers import ParsedReport, parse_report
from parsers.language.printed_numbers import numbers_in
from raingan.pipeline.outputs.evidence_images import (
    AMBER,
    RED,
    Outline,
    caption_lines,
    evidence_outlines,
    render_evidence,
    thai_font,
)
from tests.commands import raingan
from tests.contract import SAMPLES_DIR

REFERENCES = sorted(SAMPLES_DIR.glob("reference-*.pdf"))
FINDING_SAMPLES = sorted(SAMPLES_DIR.glob("findings-*.pdf"))
ROW = re.compile(r"^projects\[(\d+)\](?:\.(\w+))?$")
FIGURE = re.compile(r"^(\w+?)(?:\[(\d+)\])?\.(\w+)$")
NUMBER_RULES = {"STATUS_COUNT", "DIMENSION_COUNT", "AMOUNT_SUM", "TOTAL_ROW", "PERCENT"}


@cache
def parsed(pdf: Path) -> ParsedReport:
    return parse_report(pdf.read_bytes(), filename=pdf.name)


def placed(result: ParsedReport) -> list[PlacedFinding]:
    """The parse's findings with the places their checks compared, in the contract's order."""
    found = placed_findings(result.document, result.evidence)
    assert [p.finding for p in found] == result.document["findings"]
    return found


def compared_at(result: ParsedReport, field: str) -> tuple[dict[str, Any], Compared]:
    """The first finding naming `field`, and what its check compared."""
    found = next(p for p in placed(result) if p.finding["field"] == field)
    return found.finding, found.compared


@cache
def opened(pdf: Path) -> Any:
    """Each sample opened once: pdfplumber reads a page's objects once, then crops are cheap."""
    return pdfplumber.open(pdf)


def printed_text(pdf: Path, page: int, box: list[float] | tuple[float, ...]) -> str:
    return opened(pdf).pages[page - 1].crop(tuple(box)).extract_text() or ""


def value_at(document: dict[str, Any], place: str) -> Any:
    """What the document says is printed at a place: a row's number, a cell's or a figure's
    value (None for a place that prints no single value: a row's status cells)."""
    row = ROW.match(place)
    if row:
        project = document["projects"][int(row.group(1))]
        cell = row.group(2)
        return project["seq"] if cell in (None, "seq") else project.get(cell)
    section, dimension, key = FIGURE.match(place).groups()  # type: ignore[union-attr]
    if dimension is None:
        return (document.get(section) or {}).get(key)
    return next(r[key] for r in document[section] if r["dimension"] == int(dimension))


def assert_prints(pdf: Path, evidence: Evidence, place: str, value: Any) -> None:
    """The place's first box (a row's own page) crops to text that prints `value`."""
    boxes = evidence.boxes_of(place)
    assert boxes, f"no box for {place}"
    page, *box = boxes[0]
    text = printed_text(pdf, int(page), box)
    readings = (text, text[::-1])  # pdfplumber reads a page turned upside down backwards
    if isinstance(value, int | float) and not isinstance(value, bool):
        numbers = [n for reading in readings for n in numbers_in(reading)]
        assert any(abs(number - value) < 0.005 for number in numbers), (place, text)
    elif value is not None:
        words = "".join(str(value).split())[:4]
        assert any(words in "".join(reading.split()) for reading in readings), (place, text)


@pytest.mark.parametrize("pdf", REFERENCES, ids=lambda p: p.stem)
def test_the_reference_findings_are_boxed_where_they_are_printed(pdf):
    result = parsed(pdf)
    document, evidence = result.document, result.evidence
    assert len(document["findings"]) == 10
    for found in placed(result):
        finding, red, amber = found.finding, found.compared.printed, found.compared.against
        assert red and amber, finding["field"]
        for place in red:
            assert_prints(pdf, evidence, place, finding["reported"])
        for place in amber:
            assert_prints(pdf, evidence, place, value_at(document, place))
        outlines = evidence_outlines(evidence, found.compared)
        assert {o.colour for o in outlines} == {RED, AMBER}


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_the_boxes_of_a_turned_page_are_where_it_is_displayed(degrees, tmp_path):
    """A page read turned (parsers.layout.orientation) has its boxes turned back: pdfplumber crops
    and draws the page as displayed."""
    document = pypdfium2.PdfDocument((SAMPLES_DIR / "reference-reportlab.pdf").read_bytes())
    for index in (1, 4, 6):  # the summary tables, a page of the list, the narrative
        document[index].set_rotation(degrees)
    pdf = tmp_path / f"turned-{degrees}.pdf"
    document.save(pdf)
    result = parse_report(pdf.read_bytes(), filename=pdf.name)
    for found in placed(result):
        finding, red, amber = found.finding, found.compared.printed, found.compared.against
        for place in red:
            assert_prints(pdf, result.evidence, place, finding["reported"])
        for place in amber:
            assert_prints(pdf, result.evidence, place, value_at(result.document, place))


def test_status_counts_are_checked_against_the_rows_with_that_status():
    result = parsed(SAMPLES_DIR / "reference-chromium.pdf")
    document = result.document
    finding, compared = compared_at(result, "status_summary.unable")
    unable = [i for i, row in enumerate(document["projects"]) if row["status"] == "unable"]
    assert compared.printed == ("status_summary.unable",)
    assert compared.against == tuple(f"projects[{i}]" for i in unable)
    assert len(compared.against) == finding["expected"]


@pytest.mark.parametrize("pdf", FINDING_SAMPLES, ids=lambda p: p.stem)
def test_every_rule_boxes_its_figure_and_what_it_was_checked_against(pdf):
    result = parsed(pdf)
    document, evidence = result.document, result.evidence
    assert document["findings"]
    for found in placed(result):
        finding, red, amber = found.finding, found.compared.printed, found.compared.against
        assert red and amber, finding
        rule = finding["rule"]
        for place in red:
            if rule in NUMBER_RULES or rule == "CROSS_TABLE":
                assert_prints(pdf, evidence, place, finding["reported"])
            elif rule in ("CHECKBOX", "SEQUENCE"):
                assert_prints(pdf, evidence, place, finding["seq"])
            else:  # METADATA: the memo field it names
                assert evidence.boxes_of(place), place
        for place in amber:
            if rule == "CHECKBOX":  # the row's status cells: as many as the status columns
                assert len(evidence.boxes_of(place)) == 4, place
            elif rule != "METADATA":
                assert_prints(pdf, evidence, place, value_at(document, place))
            else:
                assert evidence.boxes_of(place), place


def test_the_boxes_survive_the_evidence_json_and_older_evidence_has_none():
    evidence = parsed(SAMPLES_DIR / "reference-chromium.pdf").evidence
    assert Evidence.from_dict(evidence.to_dict()) == evidence
    assert "boxes" not in Evidence(section_pages={"memo": [1]}).to_dict()
    assert Evidence.from_dict({"section_pages": {}}).boxes == {}


def red_pixels(image: Image.Image, box: tuple[float, ...], scale: float) -> int:
    x0, top, x1, bottom = (round(v * scale) for v in box)
    region = image.crop((x0 - 4, top - 4, x1 + 4, bottom + 4)).convert("RGB")
    data = region.tobytes()
    pixels = zip(data[0::3], data[1::3], data[2::3], strict=True)
    return sum(1 for r, g, b in pixels if r > 180 and g < 60 and b < 60)


def test_the_pictures_have_the_pages_size_and_red_where_the_figure_is():
    pdf = SAMPLES_DIR / "reference-chromium.pdf"
    result = parsed(pdf)
    finding, compared = compared_at(result, "narrative.unable")
    outlines = evidence_outlines(result.evidence, compared)
    images = render_evidence(pdf.read_bytes(), outlines, caption_lines(finding), resolution=90)
    assert sorted(images) == sorted({o.page for o in outlines})
    with pdfplumber.open(pdf) as document:
        for number, image in images.items():
            page = document.pages[number - 1]
            size = page.to_image(resolution=90).original.size  # pdfplumber's own rounding
            assert image.size == size
            assert abs(size[1] - page.height * 90 / 72) <= 1
    red: list[Outline] = [o for o in outlines if o.colour == RED]
    assert red and all(red_pixels(images[o.page], o.box, 90 / 72) > 20 for o in red)


def test_raingan_evidence_draws_a_stored_finding(tmp_path):
    home = tmp_path / "home"
    pdf = SAMPLES_DIR / "reference-chromium.pdf"
    ingested = raingan("ingest", str(pdf), home=home)
    assert ingested.returncode == 0, ingested.stderr
    with sqlite3.connect(home / "raingan.sqlite") as database:
        stored = database.execute(
            "SELECT finding_id, field, dimension FROM findings ORDER BY ordinal"
        ).fetchall()
    document = parsed(pdf).document
    sha256 = document["source"]["sha256"]
    assert [row[0] for row in stored] == finding_ids(sha256, document["findings"])
    finding_id = next(row[0] for row in stored if row[1] == "dimensions.budget_spent")
    out = tmp_path / "evidence"
    drawn = raingan("evidence", finding_id, "-o", str(out), "--resolution", "72", home=home)
    assert drawn.returncode == 0, drawn.stderr
    _, compared = compared_at(parsed(pdf), "dimensions.budget_spent")
    outlines = evidence_outlines(parsed(pdf).evidence, compared)
    pages = sorted({o.page for o in outlines})
    assert 2 in pages and len(pages) > 1  # the summary table's page, and the list's
    written = [out / f"{finding_id}-page{n}.png" for n in pages]
    assert sorted(out.glob("*.png")) == written
    assert drawn.stdout.split() == [str(p) for p in written]
    with pdfplumber.open(pdf) as source:
        image = Image.open(written[0])
        assert image.size == source.pages[1].to_image(resolution=72).original.size
    (red,) = [o.box for o in outlines if o.colour == RED]
    assert red_pixels(image, red, 1.0) > 10


def test_raingan_evidence_says_so_for_an_unknown_finding(tmp_path):
    home = tmp_path / "home"
    assert raingan("db", "upgrade", home=home).returncode == 0
    missing = raingan("evidence", "0123456789abcdef", "-o", str(tmp_path), home=home)
    assert missing.returncode == 2  # a usage error, as for `raingan review`
    assert missing.stderr.strip() == "error: no finding 0123456789abcdef"


def test_the_caption_font_prints_digits_and_thai_not_boxes():
    """A font without a glyph draws every missing character as the same box: the caption's
    digits and Thai letters are each drawn differently."""
    font = thai_font(20)
    for characters in ("0123456789", "กขคงจฉชซ", "ABCDEF"):
        shapes = {bytes(font.getmask(character)) for character in characters}
        assert len(shapes) == len(characters), characters
