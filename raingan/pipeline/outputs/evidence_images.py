"""Evidence on the page: a finding drawn over the pages of the stored original.

`evidence_outlines` (pure) says what to draw: the places the check compared (`checks.Compared`:
the printed figure the finding names in red, what it was compared with in amber), each at the
boxes the parse noted (`checks.evidence`: from the text layer or from OCR; it makes no
difference here). `render_evidence` draws them with a Thai caption over pdfplumber's picture of
each page involved. Nothing here works out again what a rule compared: the checks say it.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from checks import RULES_VERSION, Compared, compared_of
from checks.catalogue import RULE_WORDS, Rule
from checks.document import Finding as ContractFinding
from checks.evidence import Evidence
from checks.identity import finding_key
from models.engine import SessionFactory
from models.originals import OriginalsStore
from models.read import findings_of, read_for_checks
from models.tables import Finding, Report, SourceFile, stored_id
from parsers.safety.pdfium_lock import PDFIUM_LOCK
from raingan.assets import thai_font_path
from raingan.pipeline.outputs.choices import EVIDENCE_RESOLUTION as DEFAULT_RESOLUTION

RED = "red"  # the figure the finding names
AMBER = "amber"  # what it was checked against
COLOURS: dict[str, tuple[int, int, int]] = {RED: (220, 0, 0), AMBER: (255, 165, 0)}
FILL_ALPHA = 40  # a light wash inside each outline: the figure stays readable
STROKE_POINTS = 1.2  # the outline's width, in PDF points
PAD_POINTS = 1.5  # the outline is drawn this far outside the box: it strikes through nothing
CAPTION_POINTS = 10.0  # the caption's text size, in PDF points (scaled with the page)
LEGEND = "กรอบแดง: ตัวเลขที่พิมพ์ไว้  |  กรอบเหลือง: สิ่งที่ใช้ตรวจสอบ"


@dataclass(frozen=True)
class Outline:
    page: int  # 1-based
    box: tuple[float, float, float, float]  # x0, top, x1, bottom: PDF points, top-left origin
    colour: str  # RED or AMBER


# --- What to draw (pure) -------------------------------------------------------------------


def evidence_outlines(evidence: Evidence, compared: Compared) -> list[Outline]:
    """The boxes to draw for what a check compared: red where the figure it names is printed,
    amber where what it was compared with is. Places the parse did not note are left out."""
    return [
        Outline(int(box[0]), (box[1], box[2], box[3], box[4]), colour)
        for colour, places in ((AMBER, compared.against), (RED, compared.printed))
        for place in places
        for box in evidence.boxes_of(place)
    ]


def caption_lines(finding: ContractFinding) -> list[str]:
    """What the picture shows, in Thai: the rule, reported beside expected, the message, what
    the rule compares."""
    rule = Rule(finding["rule"])
    words = RULE_WORDS[rule]
    return [
        f"{rule} ({words.name}):  ระบุไว้ {finding['reported']}  |  ที่ควรเป็น {finding['expected']}",
        str(finding.get("message") or ""),
        words.compared,
        LEGEND,
    ]


# --- Drawing ---------------------------------------------------------------------------------


def thai_font(size: int) -> Any:
    """The shipped Thai font, whose Latin digits print as digits whatever fonts the machine
    has (PIL's own, and Noto Sans Thai, print boxes for some of the caption)."""
    from PIL import ImageFont

    return ImageFont.truetype(str(thai_font_path()), size)


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
            with PDFIUM_LOCK:  # pdfplumber renders with PDFium (`parsers.safety.pdfium_lock`)
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
    """A stored finding, and where its check looked: None when today's checks (another rules
    version than the one it was stored under) no longer make it."""

    finding_id: str
    sha256: str
    source_file: str
    finding: ContractFinding
    evidence: Evidence
    compared: Compared | None


def stored_finding(session: Session, finding_id: str) -> StoredFinding:
    """A stored finding by its id (checks.identity), under its report's current rules
    version when stored under several, with the places its check compared (the stored
    document checked again: pure and cheap)."""
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
        evidence=evidence,
        compared=compared_of(document, evidence, finding, occurrence),
    )


def ordinals(session: Session, row: Finding) -> list[int]:
    """The ordinals of a report's findings under one rules version, in order."""
    statement = (
        select(Finding.ordinal)
        .where(Finding.report_id == row.report_id, Finding.rules_version == row.rules_version)
        .order_by(col(Finding.ordinal))
    )
    return list(session.exec(statement).all())


def outlines_of(stored: StoredFinding) -> list[Outline]:
    """What to draw for a stored finding; [] when the parse noted no place for it."""
    if stored.compared is None:
        raise FindingNotFound(
            f"finding {stored.finding_id}: the checks of rules version {RULES_VERSION} no longer "
            "make it (run `raingan audit`)"
        )
    return evidence_outlines(stored.evidence, stored.compared)


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
    outlines = outlines_of(stored)
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
