"""Evidence on the page: a finding drawn over the pages of the stored original.

`evidence_outlines` (pure) says what to draw: the printed figure a finding names in red, what
it was checked against in amber, each a box the parse noted (`checks.evidence`: from the text
layer today, from OCR later; it makes no difference here). `render_evidence` draws them with
a Thai caption over pdfplumber's picture of each page involved.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from checks.catalogue import QUANTITIES, RATIOS, Quantity, Rule
from checks.evidence import Evidence, figure_place, row_place
from checks.figures import figure, section_rows
from checks.identity import finding_key
from models.engine import SessionFactory
from models.originals import OriginalsStore
from models.read import findings_of, read_for_checks
from models.tables import Finding, Report, SourceFile, stored_id

RED = "red"  # the figure the finding names
AMBER = "amber"  # what it was checked against
COLOURS: dict[str, tuple[int, int, int]] = {RED: (220, 0, 0), AMBER: (255, 165, 0)}
FILL_ALPHA = 40  # a light wash inside each outline: the figure stays readable
STROKE_POINTS = 1.2  # the outline's width, in PDF points
PAD_POINTS = 1.5  # the outline is drawn this far outside the box: it strikes through nothing
DEFAULT_RESOLUTION = 110  # dpi: an A4 page about 910 × 1290 pixels
CAPTION_POINTS = 10.0  # the caption's text size, in PDF points (scaled with the page)
# Fonts that print Thai and Latin (Debian's fonts-thai-tlwg), then Thai only (Noto Sans Thai:
# Latin letters and digits as boxes, the generator's copy last): the first found is used.
THAI_FONTS = (
    "/usr/share/fonts/truetype/tlwg/Loma.ttf",
    "/usr/share/fonts/truetype/tlwg/Garuda.ttf",
    "/usr/share/fonts/opentype/tlwg/Loma.otf",
    "/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf",
    str(Path(__file__).parents[2] / "sample_reports/generator/fonts/NotoSansThai-Regular.ttf"),
)
RULE_NAMES: dict[str, str] = {
    "STATUS_COUNT": "จำนวนตามสถานะ",
    "DIMENSION_COUNT": "จำนวนโครงการตามมิติ",
    "AMOUNT_SUM": "ผลรวมงบประมาณ",
    "TOTAL_ROW": "แถวรวม",
    "PERCENT": "ร้อยละ",
    "CROSS_TABLE": "ตัวเลขต่างตาราง",
    "CHECKBOX": "ช่องสถานะ",
    "SEQUENCE": "ลำดับโครงการ",
    "METADATA": "ข้อมูลบันทึกข้อความ",
}


@dataclass(frozen=True)
class Outline:
    page: int  # 1-based
    box: tuple[float, float, float, float]  # x0, top, x1, bottom: PDF points, top-left origin
    colour: str  # RED or AMBER


# --- What to draw (pure) -------------------------------------------------------------------


def evidence_outlines(
    document: dict[str, Any], evidence: Evidence, finding: dict[str, Any], occurrence: int = 0
) -> list[Outline]:
    """The boxes to draw for a finding: red where its figure is printed, amber where what it
    was checked against is. `occurrence` tells apart findings of one key (two SEQUENCE breaks
    at one number), as `checks.identity` does. Places the parse did not note are left out."""
    red, amber = places_of(document, evidence, finding, occurrence)
    return [
        Outline(int(box[0]), (box[1], box[2], box[3], box[4]), colour)
        for colour, places in ((AMBER, amber), (RED, red))
        for place in places
        for box in evidence.boxes_of(place)
    ]


def places_of(
    doc: dict[str, Any], evidence: Evidence, finding: dict[str, Any], occurrence: int
) -> tuple[list[str], list[str]]:
    """(red places, amber places) of a finding, by rule."""
    rule, field = Rule(finding["rule"]), finding["field"]
    section, key = field.split(".", 1)
    dimension = finding.get("dimension")
    printed = [figure_place(section, key, dimension)]
    if rule in (Rule.STATUS_COUNT, Rule.DIMENSION_COUNT, Rule.AMOUNT_SUM):
        return printed, list_places(doc, quantity_of(field, dimension), dimension)
    if rule is Rule.TOTAL_ROW:
        rows = section.removesuffix("_total")
        return printed, [
            figure_place(rows, key, row["dimension"]) for row in section_rows(doc, rows)
        ]
    if rule is Rule.CROSS_TABLE:
        return printed, other_printings(doc, field, dimension)
    if rule is Rule.PERCENT:
        return printed, percent_terms(doc, section, key, dimension)
    if rule is Rule.CHECKBOX:
        index = nth(unmarked_rows(doc, evidence, finding.get("seq")), occurrence)
        return row_or_none(index), row_or_none(index, "status")
    if rule is Rule.SEQUENCE:
        index = nth(sequence_breaks(doc, finding.get("seq")), occurrence)
        return row_or_none(index, "seq"), row_or_none(index)
    if rule is Rule.METADATA:
        return printed, [figure_place("report", report_key_of(doc, key, finding["expected"]))]
    return printed, []


def quantity_of(field: str, dimension: int | None) -> Quantity | None:
    for quantity in QUANTITIES:
        if quantity.per_dimension == (dimension is not None) and any(
            printed.field == field for printed in quantity.printed
        ):
            return quantity
    return None


def in_scope(doc: dict[str, Any], dimension: int | None) -> Iterator[tuple[int, dict[str, Any]]]:
    for index, row in enumerate(doc.get("projects") or []):
        if dimension is None or row.get("dimension") == dimension:
            yield index, row


def list_places(doc: dict[str, Any], quantity: Quantity | None, dimension: int | None) -> list[str]:
    """The project rows a figure was counted or summed from (checks.tally): the rows with the
    status counted, or the cells of the amounts summed."""
    what = quantity.tally if quantity else None
    if what is None:
        return []
    if what == "count":
        return [row_place(index) for index, _ in in_scope(doc, dimension)]
    if what.startswith("status:"):
        status = what.removeprefix("status:")
        return [row_place(i) for i, row in in_scope(doc, dimension) if row.get("status") == status]
    return [row_place(index, what) for index, _ in in_scope(doc, dimension)]


def other_printings(doc: dict[str, Any], field: str, dimension: int | None) -> list[str]:
    """The figure a CROSS_TABLE finding was compared with: the same quantity printed first."""
    quantity = quantity_of(field, dimension)
    for printed in quantity.printed if quantity else ():
        if (
            printed.field != field
            and figure(doc, printed.section, printed.key, dimension) is not None
        ):
            return [figure_place(printed.section, printed.key, dimension)]
    return []


def percent_terms(doc: dict[str, Any], section: str, key: str, dimension: int | None) -> list[str]:
    """The printed figures a percentage is computed from (checks.percentages)."""
    for ratio in RATIOS:
        if (ratio.section, ratio.key) == (section, key):
            terms = (ratio.numerator, ratio.denominator)
            return [figure_place(section, term, dimension) for term in terms]
    if (section, key) == ("status_summary", "implementation_pct"):  # in progress: half weight
        scored = ("completed", "minimum_projects", "in_progress")
        return [figure_place(section, term) for term in scored]
    if (section, key) == ("narrative", "disbursed_pct"):
        planned = (
            figure_place("dimensions_total", "budget_planned")
            if isinstance(doc.get("dimensions_total"), dict)
            else figure_place("plan_budget_total", "budget")
        )
        return [figure_place("narrative", "disbursed"), planned]
    return []


def unmarked_rows(doc: dict[str, Any], evidence: Evidence, seq: int | None) -> list[int]:
    """The rows a CHECKBOX finding at `seq` can be (checks.project_rows)."""
    unread = set(evidence.unread_status_rows)
    return [
        index
        for index, row in enumerate(doc.get("projects") or [])
        if row.get("seq") == seq and row.get("status") is None and index not in unread
    ]


def sequence_breaks(doc: dict[str, Any], seq: int | None) -> list[int]:
    """The rows numbered `seq` that break the order 1, 2, … (checks.project_rows)."""
    breaks, previous = [], 0
    for index, row in enumerate(doc.get("projects") or []):
        number = row.get("seq")
        if number is None:
            previous += 1
            continue
        if number != previous + 1 and number == seq:
            breaks.append(index)
        previous = number
    return breaks


def nth(indices: list[int], occurrence: int) -> int | None:
    if not indices:
        return None
    return indices[min(occurrence, len(indices) - 1)]


def row_or_none(index: int | None, cell: str | None = None) -> list[str]:
    return [] if index is None else [row_place(index, cell)]


def report_key_of(doc: dict[str, Any], memo_key: str, expected: Any) -> str:
    """The report's figure a memo field was compared with (checks.metadata)."""
    if memo_key == "agency":
        return "organization"
    if memo_key == "date":
        return "data_as_of"
    report = doc.get("report") or {}
    return "round_months" if report.get("round_months") == expected else "fiscal_year"


def caption_lines(finding: dict[str, Any]) -> list[str]:
    """What the picture shows, in Thai: the rule, reported beside expected, the message."""
    rule = finding["rule"]
    return [
        f"{rule} ({RULE_NAMES.get(rule, rule)}):  ระบุไว้ {finding['reported']}  |  "
        f"ที่ควรเป็น {finding['expected']}",
        str(finding.get("message") or ""),
        "กรอบแดง: ตัวเลขที่พิมพ์ไว้  |  กรอบเหลือง: สิ่งที่ใช้ตรวจสอบ",
    ]


# --- Drawing ---------------------------------------------------------------------------------


def thai_font(size: int) -> Any:
    """A font that prints Thai (PIL's own prints boxes for it)."""
    from PIL import ImageFont

    for path in THAI_FONTS:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def padded(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = box
    return (x0 - PAD_POINTS, top - PAD_POINTS, x1 + PAD_POINTS, bottom + PAD_POINTS)


def render_evidence(
    pdf: bytes,
    outlines: list[Outline],
    caption: list[str],
    resolution: int = DEFAULT_RESOLUTION,
) -> dict[int, Any]:
    """Page number → a PIL image of the page at `resolution`, outlines and caption drawn."""
    import pdfplumber

    images: dict[int, Any] = {}
    scale = resolution / 72
    with pdfplumber.open(BytesIO(pdf)) as document:
        for number in sorted({outline.page for outline in outlines}):
            if not 1 <= number <= len(document.pages):
                continue
            picture = document.pages[number - 1].to_image(resolution=resolution)
            for outline in outlines:
                if outline.page == number:
                    rgb = COLOURS[outline.colour]
                    picture.draw_rect(
                        padded(outline.box),
                        fill=(*rgb, FILL_ALPHA),
                        stroke=rgb,
                        stroke_width=max(1, round(STROKE_POINTS * scale)),
                    )
            image = picture.annotated.convert("RGB")
            marked = [o.box for o in outlines if o.page == number]
            draw_caption(image, caption, scale, marked)
            images[number] = image
    return images


def draw_caption(
    image: Any, lines: list[str], scale: float, marked: list[tuple[float, float, float, float]]
) -> None:
    """The caption on a white band across the page's top or foot, whichever hides no outline
    and the less print: the picture keeps the page's size."""
    from PIL import ImageDraw

    size = max(8, round(CAPTION_POINTS * scale))
    font = thai_font(size)
    draw = ImageDraw.Draw(image)
    wrapped = [part for line in lines for part in wrap(line, font, image.width - 2 * size)]
    band = round(len(wrapped) * size * 1.6 + size)
    y = caption_top(image, band, [(box[1] * scale, box[3] * scale) for box in marked])
    draw.rectangle((0, y, image.width, y + band), fill=(255, 255, 255), outline=(120, 120, 120))
    for index, line in enumerate(wrapped):
        draw.text((size, y + size // 2 + index * size * 1.6), line, fill=(0, 0, 0), font=font)


def caption_top(image: Any, band: int, marked: list[tuple[float, float]]) -> int:
    """Where the caption band goes: the top or the foot, not over an outline, over less ink."""
    from PIL import ImageStat

    sides = []
    for y in (0, image.height - band):
        covers_outline = any(top < y + band and bottom > y for top, bottom in marked)
        region = image.crop((0, y, image.width, y + band)).convert("L")
        ink = 255 - ImageStat.Stat(region).mean[0]
        sides.append((covers_outline, ink, y))
    return min(sides)[2]


def wrap(text: str, font: Any, width: float) -> list[str]:
    """Lines no wider than `width`: cut at spaces, or anywhere in a long Thai run."""
    lines: list[str] = []
    current = ""
    for char in text:
        if font.getlength(current + char) > width and current:
            cut = current.rfind(" ")
            head, current = (current[:cut], current[cut + 1 :]) if cut > 0 else (current, "")
            lines.append(head)
        current += char
    return [*lines, current] if current or not lines else lines


# --- From a finding's id to its pictures ---------------------------------------------------


class FindingNotFound(LookupError):
    pass


@dataclass(frozen=True)
class StoredFinding:
    finding_id: str
    sha256: str
    source_file: str
    finding: dict[str, Any]
    occurrence: int
    document: dict[str, Any]
    evidence: Evidence


def stored_finding(session: Session, finding_id: str) -> StoredFinding:
    """A stored finding by its id (checks.identity), under its report's current rules
    version when stored under several, with the report's document and evidence."""
    found = session.exec(
        select(Finding, Report, SourceFile)
        .join(Report, col(Report.id) == Finding.report_id)
        .join(SourceFile, col(SourceFile.id) == Report.source_file_id)
        .where(Finding.finding_id == finding_id.strip().lower())
    ).all()
    if not found:
        raise FindingNotFound(f"no finding {finding_id}")
    row, report, source = max(found, key=lambda f: f[0].rules_version == f[1].rules_version)
    report_id = stored_id(report.id)
    document, evidence = read_for_checks(session, report_id)
    siblings = findings_of(session, report_id, row.rules_version)  # by ordinal
    position = ordinals(session, row).index(row.ordinal)
    finding = siblings[position]
    key = finding_key(finding)
    occurrence = sum(1 for f in siblings[:position] if finding_key(f) == key)
    return StoredFinding(
        finding_id=row.finding_id,
        sha256=source.sha256,
        source_file=source.original_name,
        finding=finding,
        occurrence=occurrence,
        document=document,
        evidence=evidence,
    )


def ordinals(session: Session, row: Finding) -> list[int]:
    """The ordinals of a report's findings under one rules version, in order."""
    statement = (
        select(Finding.ordinal)
        .where(Finding.report_id == row.report_id, Finding.rules_version == row.rules_version)
        .order_by(col(Finding.ordinal))
    )
    return list(session.exec(statement).all())


def write_evidence(
    sessions: SessionFactory,
    store: OriginalsStore,
    finding_id: str,
    directory: Path,
    resolution: int = DEFAULT_RESOLUTION,
) -> list[Path]:
    """A PNG of each page a finding involves, in `directory`; their paths, by page."""
    with sessions() as session:
        stored = stored_finding(session, finding_id)
    outlines = evidence_outlines(
        stored.document, stored.evidence, stored.finding, stored.occurrence
    )
    if not outlines:
        raise FindingNotFound(
            f"finding {finding_id}: the parse noted no place for it (a report parsed before "
            "raingan kept where figures are printed: run `raingan reparse`)"
        )
    images = render_evidence(
        store.get(stored.sha256), outlines, caption_lines(stored.finding), resolution
    )
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for page, image in images.items():
        path = directory / f"{stored.finding_id}-page{page}.png"
        image.save(path)
        written.append(path)
    return written
