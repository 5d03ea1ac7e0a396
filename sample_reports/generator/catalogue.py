"""The sample corpus: every file in sample_reports/, how it is made and what it holds.

Importable without Chromium, fonts or reportlab: tests rebuild every expected document from
this list and compare it with the committed one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checks import Evidence
from sample_reports.generator.expected import (
    expected_document,
    filed_expected_document,
    ocr_expected_document,
    rejected_document,
)
from sample_reports.generator.layout import Layout, plan_layout
from sample_reports.generator.model import DateStyle, Report
from sample_reports.generator.mutations import (
    MarkRow,
    MemoDatedBefore,
    Mutation,
    Omit,
    Renumber,
    SetFigure,
    SetMemo,
    Shift,
    mutated,
)
from sample_reports.generator.producers import GEOMETRIES, Producer
from sample_reports.generator.reference import ROWS_PER_PAGE as REFERENCE_ROWS_PER_PAGE
from sample_reports.generator.reference import reference_report
from sample_reports.generator.scanner import Scanner
from sample_reports.generator.synthetic import Place, Spec, synthetic_report
from sample_reports.generator.vocabulary import PLACES
from sample_reports.generator.wording import STATUS_COLUMNS

SAMPLES_DIR = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Filing:
    """A printed report as an office files it: its `pages` (every page when empty) signed,
    stamped and scanned by `scanner`, the others as printed; `junk_layer`: the scanner's
    software left an invisible layer of Latin OCR junk over each scanned page."""

    scanner: Scanner
    pages: tuple[int, ...] = ()  # 1-based
    junk_layer: bool = False

    def scanned(self, page_count: int) -> tuple[int, ...]:
        return self.pages or tuple(range(1, page_count + 1))


@dataclass(frozen=True)
class Sample:
    """A report to parse: its data model, its producer and how its pages are laid out; with a
    `filing`, the producer's print is scanned and the scan is the sample."""

    name: str
    producer: Producer
    description: str
    base: Callable[[], Report]
    mutations: tuple[Mutation, ...] = ()
    closing_on_last_list_page: bool = False
    rows_per_page: tuple[int, ...] | None = None  # follow an original's page breaks
    options: dict[str, Any] = field(default_factory=dict)  # the renderer's (marks, passwords)
    unusable_pages: tuple[int, ...] = ()  # text layers damaged beyond repair (read as null)
    filing: Filing | None = None

    def report(self) -> Report:
        return mutated(self.base(), self.mutations)

    def printed_layout(self, report: Report | None = None) -> Layout:
        """The pages as the producer prints them (a filing's digital twin)."""
        report = report or self.report()
        image_pages = (1,) if self.producer == Producer.SCANNED_MEMO else ()
        return plan_layout(
            report,
            GEOMETRIES[self.producer],
            closing_on_last_list_page=self.closing_on_last_list_page,
            image_pages=image_pages,
            rows_per_page=self.rows_per_page,
            unusable_pages=self.unusable_pages,
        )

    def layout(self, report: Report | None = None) -> Layout:
        """The pages of the sample's PDF: a filing's scanned pages are images (or, under a junk
        layer, pages whose text layer is unusable)."""
        printed = self.printed_layout(report)
        if self.filing is None:
            return printed
        scanned = frozenset(self.filing.scanned(printed.page_count))
        if self.filing.junk_layer:
            return dataclasses.replace(printed, unusable_pages=printed.unusable_pages | scanned)
        return dataclasses.replace(printed, image_pages=printed.image_pages | scanned)

    def scanned_pages(self) -> tuple[int, ...]:
        return self.filing.scanned(self.layout().page_count) if self.filing else ()

    def expected(self, source: dict[str, Any]) -> tuple[dict[str, Any], Evidence]:
        """The document a parser gives without OCR, and the sample's evidence. A filing's
        evidence is its digital twin's, what OCR reads (without OCR a fully scanned report
        is rejected and has none)."""
        report = self.report()
        if self.filing is None:
            return expected_document(report, self.layout(report), source)
        document = filed_expected_document(report, self.layout(report), source)
        return document, self.ocr_expected(source)[1]

    def ocr_expected(self, source: dict[str, Any]) -> tuple[dict[str, Any], Evidence]:
        """A filing's document when OCR reads its scanned pages: its digital twin's."""
        if self.filing is None:
            raise ValueError(f"{self.name}: no scanned pages, one expected document")
        report = self.report()
        printed = self.printed_layout(report)
        return ocr_expected_document(report, printed, source, self.scanned_pages())


@dataclass(frozen=True)
class Reject:
    """A file that must be rejected with `code`; `kind` names how rejects.py makes it."""

    name: str
    kind: str
    code: str
    description: str

    def expected(self) -> dict[str, Any]:
        return rejected_document(self.code)


def place(name: str) -> Place:
    return next(Place(*entry) for entry in PLACES if entry[0] == name)


def synthetic(**spec: Any) -> Callable[[], Report]:
    """A base builder for a synthetic report; `place` is given by name."""
    frozen = Spec(place=place(spec.pop("place")), **spec)
    return lambda: synthetic_report(frozen)


REFERENCE_SAMPLES: tuple[Sample, ...] = (
    Sample(
        "reference-chromium",
        Producer.CHROMIUM,
        "the reference as the web system prints it: Noto Sans Thai, checkbox inputs as paths",
        reference_report,
        rows_per_page=REFERENCE_ROWS_PER_PAGE,
    ),
    Sample(
        "reference-reportlab",
        Producer.REPORTLAB,
        "the reference drawn with reportlab: Garuda, ☑/☐ glyphs, landscape project list",
        reference_report,
    ),
    Sample(
        "reference-pua",
        Producer.CHROMIUM_PUA,
        "the reference in Laksaman: PUA marks, NIKHAHIT + SARA AA, marks out of order",
        reference_report,
    ),
    Sample(
        "reference-borderless",
        Producer.BORDERLESS,
        "the reference with no ruling lines: columns and rows from the text, boxes drawn as paths",
        reference_report,
        options={"marks": "vector"},
    ),
    Sample(
        "reference-scanned-memo",
        Producer.SCANNED_MEMO,
        "the reference filed with its signed memo scanned (page 1 an image, memo null)",
        reference_report,
        rows_per_page=REFERENCE_ROWS_PER_PAGE,
    ),
)

CONSISTENT_SAMPLES: tuple[Sample, ...] = (
    Sample(
        "tambon-banhaet-2567-r12",
        Producer.REPORTLAB,
        "เทศบาลตำบล, 12-month round, remarks, memo in Arabic digits (20 มี.ค. 67 style), ✓ marks",
        synthetic(
            seed=101,
            kind="tambon",
            place="บ้านแฮด",
            fiscal_year=2567,
            round_months=12,
            n_projects=24,
            date_style=DateStyle.ARABIC_ABBR_SHORT,
            thai_digits=False,
            remarks=0.3,
        ),
        closing_on_last_list_page=True,
        options={"marks": "check"},
    ),
    Sample(
        "sao-nonsung-2565-r6",
        Producer.CHROMIUM,
        "องค์การบริหารส่วนตำบล, a handful of projects, memo date ๒๐ มี.ค. ๖๖ style, agency as อบต.",
        synthetic(
            seed=102,
            kind="sao",
            place="โนนสูง",
            fiscal_year=2565,
            round_months=6,
            n_projects=5,
            date_style=DateStyle.THAI_ABBR_SHORT,
            abbreviated_agency=True,
        ),
        closing_on_last_list_page=True,
    ),
    Sample(
        "town-mahasarakham-2568-r12",
        Producer.REPORTLAB,
        "เทศบาลเมือง, 165 long-named projects over 10+ pages, remarks, satang, a '-' cell",
        synthetic(
            seed=103,
            kind="town",
            place="มหาสารคาม",
            fiscal_year=2568,
            round_months=12,
            n_projects=165,
            date_style=DateStyle.THAI_ABBR_FULL,
            abbreviated_agency=True,
            long_names=True,
            remarks=0.15,
            half_weight_in_progress=True,
            misspelt_disbursement=False,
            dash_disbursed=1,
            cents=True,
        ),
    ),
    Sample(
        "pao-nakhonphanom-2566-r12-no-memo",
        Producer.REPORTLAB,
        "องค์การบริหารส่วนจังหวัด, filed without a memo page, no อำเภอ/จังหวัด line",
        synthetic(
            seed=104,
            kind="pao",
            place="นครพนม",
            fiscal_year=2566,
            round_months=12,
            n_projects=40,
            memo=False,
            location_line=False,
        ),
    ),
    Sample(
        "sao-bangphra-2566-r6",
        Producer.CHROMIUM,
        "องค์การบริหารส่วนตำบล printed by the browser: 60 long-named projects, remarks",
        synthetic(
            seed=105,
            kind="sao",
            place="บางพระ",
            fiscal_year=2566,
            round_months=6,
            n_projects=60,
            long_names=True,
            remarks=0.2,
        ),
    ),
    Sample(
        "owner-password",
        Producer.REPORTLAB,
        "เทศบาลตำบล with an owner (permissions) password only: opens and parses normally",
        synthetic(
            seed=106,
            kind="tambon",
            place="แม่ริม",
            fiscal_year=2567,
            round_months=6,
            n_projects=30,
            date_style=DateStyle.ARABIC_FULL,
            thai_digits=False,
        ),
        options={"owner_password": "permissions-only"},
    ),
)

FINDINGS_SAMPLES: tuple[Sample, ...] = (
    Sample(
        "findings-status-count",
        Producer.REPORTLAB,
        "STATUS_COUNT: the status table and the closing summary miscount statuses",
        synthetic(
            seed=201,
            kind="tambon",
            place="ท่าศาลา",
            fiscal_year=2566,
            round_months=12,
            n_projects=35,
        ),
        mutations=(
            Shift("status_summary", "in_progress", 1),
            Shift("status_summary", "total_projects", 1),
            Shift("narrative", "pending_report", -2),
            Shift("narrative", "unable", 1),
        ),
    ),
    Sample(
        "findings-dimension-count",
        Producer.REPORTLAB,
        "DIMENSION_COUNT: per-dimension and total project counts off (and their percentages)",
        synthetic(
            seed=202, kind="sao", place="หนองบัว", fiscal_year=2567, round_months=6, n_projects=28
        ),
        mutations=(
            Shift("dimensions", "projects_planned", 1, dimension=2),
            Shift("dimensions", "projects_done", 2, dimension=1),
            Shift("plan_budget", "projects", -1, dimension=3),
            Shift("plan_budget_total", "projects", 2),
        ),
    ),
    Sample(
        "findings-amount-sum",
        Producer.CHROMIUM,
        "AMOUNT_SUM: budgets and spending that disagree with the project list",
        synthetic(
            seed=203, kind="town", place="หาดใหญ่", fiscal_year=2566, round_months=12, n_projects=32
        ),
        mutations=(
            Shift("plan_budget", "budget", 10000.0, dimension=1),
            Shift("disbursement", "plan", -5000.0, dimension=2),
            Shift("dimensions_total", "budget_spent", 100.0),
            Shift("narrative", "disbursed", 1500.5),
        ),
    ),
    Sample(
        "findings-total-row",
        Producer.REPORTLAB,
        "TOTAL_ROW: ordinance totals that are not the sum of their rows",
        synthetic(
            seed=204, kind="pao", place="ลำปาง", fiscal_year=2567, round_months=12, n_projects=26
        ),
        mutations=(
            Shift("ordinance_budget_total", "budget", 20000.0),
            Shift("ordinance_budget_total", "projects", 1),
            Shift("dimensions_total", "budget_ordinance", -1000.0),
        ),
    ),
    Sample(
        "findings-percent",
        Producer.REPORTLAB,
        "PERCENT: percentages that do not follow from their own printed figures",
        synthetic(
            seed=205,
            kind="tambon",
            place="ยางตลาด",
            fiscal_year=2568,
            round_months=6,
            n_projects=22,
        ),
        mutations=(
            SetFigure("dimensions", "pct_projects", 12.5, dimension=1),
            SetFigure("dimensions_total", "pct_budget", 99.99),
            SetFigure("status_summary", "implementation_pct", 7.77),
            SetFigure("narrative", "implementation_pct", 7.77),
            SetFigure("narrative", "disbursed_pct", 50.0),
        ),
    ),
    Sample(
        "findings-cross-table-no-list",
        Producer.REPORTLAB,
        "CROSS_TABLE: no project list printed, and the tables disagree with each other",
        synthetic(
            seed=206, kind="sao", place="ปากช่อง", fiscal_year=2567, round_months=12, n_projects=20
        ),
        mutations=(
            Omit("projects"),
            Shift("plan_budget", "projects", 1, dimension=2),
            Shift("ordinance_budget", "budget", 5000.0, dimension=1),
            Shift("narrative", "completed", 1),
            SetFigure("narrative", "level", "ปานกลาง"),
            Shift("narrative", "implementation_pct", 3.0),
        ),
    ),
    Sample(
        "findings-checkbox",
        Producer.CHROMIUM,
        "CHECKBOX in the browser print: one row with no box checked, one with two",
        synthetic(
            seed=207, kind="town", place="ชุมแพ", fiscal_year=2566, round_months=6, n_projects=18
        ),
        mutations=(MarkRow(4, ()), MarkRow(11, (1, 2))),
    ),
    Sample(
        "findings-checkbox-glyphs",
        Producer.REPORTLAB,
        "CHECKBOX with ☑/☐ glyphs: rows with no mark and with two marks",
        synthetic(
            seed=208,
            kind="tambon",
            place="เชียงคาน",
            fiscal_year=2565,
            round_months=12,
            n_projects=25,
        ),
        mutations=(MarkRow(2, ()), MarkRow(9, (0, 2)), MarkRow(21, (2, 3))),
    ),
    Sample(
        "findings-sequence",
        Producer.REPORTLAB,
        "SEQUENCE: project numbers with a gap and a repeat",
        synthetic(
            seed=209, kind="sao", place="สามพราน", fiscal_year=2566, round_months=6, n_projects=30
        ),
        mutations=(Renumber(5, 7), Renumber(20, 20)),
        options={"marks": "check"},
    ),
    Sample(
        "findings-metadata",
        Producer.CHROMIUM,
        "METADATA: memo of another year, round and organisation, dated before the data",
        synthetic(
            seed=210,
            kind="pao",
            place="พระนครศรีอยุธยา",
            fiscal_year=2567,
            round_months=6,
            n_projects=16,
        ),
        mutations=(
            SetMemo(
                "subject",
                "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ 2566 รอบ 12 เดือน",
            ),
            SetMemo("agency", "กองยุทธศาสตร์และงบประมาณ องค์การบริหารส่วนจังหวัดอ่างทอง"),
            MemoDatedBefore(12),
        ),
    ),
)

# Samples the parser does not read yet: staged outside the corpus (`make samples` skips them;
# `python -m sample_reports.generator --pending --out DIR` builds them into DIR). A name leaves
# this set, and its files enter sample_reports/, once the parser reads it field for field.
PENDING: frozenset[str] = frozenset()
# Of today's column widths: the project list's, and the summary tables' (which squeezed as
# much would stack their long labels eight lines deep and not fit the page).
NARROW_SCALES = ((0.7, 0.8), (0.55, 0.7), (0.45, 0.6))


def narrow_sample(scale: float, summary_scale: float) -> Sample:
    percent = round(scale * 100)
    return Sample(
        f"narrow-{percent:03d}",
        Producer.NARROW,
        f"the reference, the project list's columns at {scale}x their width and the summary"
        f" tables' at {summary_scale}x: labels wrapped mid-word, in single and merged cells",
        reference_report,
        options={"narrow": scale, "narrow_summary": summary_scale},
    )


def textlayer_sample(
    defect: str,
    description: str,
    base: Callable[[], Report] = reference_report,
    suffix: str = "",
    options: dict[str, Any] | None = None,
    **fields: Any,
) -> Sample:
    return Sample(
        f"textlayer-{defect}{suffix}",
        Producer.WORD_EXPORT,
        description,
        base,
        options={"defect": defect, **(options or {})},
        **fields,
    )


PRODUCER_SAMPLES: tuple[Sample, ...] = (
    *(narrow_sample(*scales) for scales in NARROW_SCALES),
    Sample(
        "narrow-sao-nongbua-2567-r12",
        Producer.NARROW,
        "องค์การบริหารส่วนตำบล in columns at 0.5x: remarks, wrapped labels, a 12-month round",
        synthetic(
            seed=301,
            kind="sao",
            place="หนองบัว",
            fiscal_year=2567,
            round_months=12,
            n_projects=34,
            remarks=0.25,
        ),
        options={"narrow": 0.5, "narrow_summary": 0.65},
    ),
    textlayer_sample(
        "sara-aa",
        "Word export in Laksaman, its ToUnicode mapping the SARA AA glyph to SARA AM: า reads ำ",
    ),
    textlayer_sample(
        "sara-aa-one-code",
        "Word's one-code form in a report of เทศบาลเมืองยางตลาด: the font's one SARA AA code"
        " maps to SARA AM (นำยกเทศมนตรี), a SARA AM is NIKHAHIT (its entry a space) + that code",
        synthetic(
            seed=305,
            kind="town",
            place="ยางตลาด",
            fiscal_year=2567,
            round_months=12,
            n_projects=24,
        ),
        options={"nikhahit_maps_to": " "},
    ),
    textlayer_sample(
        "mark-after-sara-am",
        "tone marks emitted after SARA AM (นำ้, ขั้นตำ่), the status table's header included",
    ),
    textlayer_sample(
        "mark-after-sara-am",
        "the same in a report of เทศบาลเมืองวังน้ำเย็น: นำ้ on every page, the memo's fields too",
        synthetic(
            seed=303,
            kind="town",
            place="วังน้ำเย็น",
            fiscal_year=2567,
            round_months=12,
            n_projects=26,
        ),
        suffix="-wangnamyen",
    ),
    textlayer_sample(
        "sara-aa",
        "the same defect in a report of องค์การบริหารส่วนตำบลท่าใหม่, memo in Arabic digits",
        synthetic(
            seed=304,
            kind="sao",
            place="ท่าใหม่",
            fiscal_year=2566,
            round_months=6,
            n_projects=19,
            date_style=DateStyle.ARABIC_FULL,
            thai_digits=False,
        ),
        suffix="-thamai",
    ),
    textlayer_sample(
        "doubled-marks", "every upper vowel and tone mark drawn twice (หน่่วย, นัักวิชาการ)"
    ),
    textlayer_sample("fake-bold", "bold text as fake bold: each glyph drawn twice, 0.3 pt apart"),
    textlayer_sample("zero-width-spaces", "zero-width spaces between Thai words"),
    textlayer_sample(
        "letter-spaced-titles", "titles set letter by letter (แ ผ น ป ฏิ บั ติ) with wide gaps"
    ),
    textlayer_sample(
        "cid-glyph-names",
        "vowels with no ToUnicode entry, read as (cid:N); the font program names their glyphs",
    ),
    textlayer_sample(
        "vanishing-vowel",
        "SARA U mapped to nothing on the report pages (สาธารณสข); the memo's font, the same"
        " outlines, maps it",
    ),
    textlayer_sample(
        "unusable-page",
        "the memo in a font with no Unicode for any Thai glyph: page 1 unusable, memo null",
        unusable_pages=(1,),
    ),
    Sample(
        "status-labels-pending-result",
        Producer.REPORTLAB,
        "the pending status worded รอรายงานผล in the list header, รอรายงานผล in the summary",
        reference_report,
        options={
            "status_columns": ("รอรายงานผล", *STATUS_COLUMNS[1:]),
            "narrative_pending": "รอรายงานผล",
        },
    ),
    Sample(
        "status-labels-pending-the-report",
        Producer.REPORTLAB,
        "the pending status worded รอการรายงาน in the list header, รอรายงาน in the summary",
        synthetic(
            seed=302, kind="tambon", place="ท่าศาลา", fiscal_year=2568, round_months=6, n_projects=21
        ),
        options={
            "status_columns": ("รอการ รายงาน", *STATUS_COLUMNS[1:]),
            "narrative_pending": "รอรายงาน",
        },
    ),
    Sample(
        "reference-libreoffice",
        Producer.LIBREOFFICE,
        "the reference as an ODF document converted by LibreOffice: Laksaman, ☑/☐ glyphs",
        reference_report,
    ),
    Sample(
        "reference-weasyprint",
        Producer.WEASYPRINT,
        "the reference printed by WeasyPrint in Loma: a check box input in every status cell,"
        " an outline (two squares filled even-odd), a filled square inside when checked;"
        " SARA AM drawn as NIKHAHIT (mapped to nothing) and SARA AA",
        reference_report,
        options={"font_family": "Loma"},
    ),
    Sample(
        "textlayer-libreoffice-unnamed-glyphs",
        Producer.LIBREOFFICE,
        "LibreOffice in Laksaman: the glyphs first drawn inside a cluster (SARA AA within ำ, a"
        " tone mark raised over ำ) have no Unicode, (cid:N); each is read back per font from"
        " how it is drawn and the dictionary (repair kind glyph_guess)",
        synthetic(
            seed=1542731737,
            kind="sao",
            place="เกาะคา",
            fiscal_year=2565,
            round_months=6,
            n_projects=23,
            memo=False,
            date_style=DateStyle.ARABIC_ABBR_SHORT,
            thai_digits=False,
            abbreviated_agency=True,
            long_names=True,
            remarks=0.1,
            half_weight_in_progress=True,
            misspelt_disbursement=False,
            dash_disbursed=1,
        ),
    ),
    Sample(
        "textlayer-libreoffice-cluster-texts",
        Producer.LIBREOFFICE,
        "LibreOffice in Laksaman: a glyph's Unicode is the whole cluster it was first drawn in"
        " (the ring of น้ำ reads ้ำ in every ดำ; a SARA U first drawn under a MAI THO reads ้) and"
        " a raised tone mark reads as a space; each read back per font (glyph_guess)",
        synthetic(
            seed=20261205,
            kind="pao",
            place="วังน้ำเย็น",
            fiscal_year=2562,
            round_months=12,
            n_projects=18,
            memo=True,
            date_style=DateStyle.ARABIC_ABBR_SHORT,
            thai_digits=False,
            abbreviated_agency=False,
            long_names=True,
            remarks=0.1,
            half_weight_in_progress=False,
            misspelt_disbursement=False,
            dash_disbursed=0,
            named_after_place=True,  # วังน้ำเย็น: the first น้ำ drawn is the one it needs
        ),
    ),
    Sample(
        "textlayer-weasyprint-misdrawn-marks",
        Producer.WEASYPRINT,
        "WeasyPrint in Loma: each glyph reads as the text of the first place it was drawn, so"
        " the low MAI EK reads SARA UU (สูง for ส่ง), a text another code shares; read per font"
        " as the dictionary and the glyphs' drawing say",
        synthetic(
            seed=1088004090,
            kind="town",
            place="บ้านแฮด",
            fiscal_year=2566,
            round_months=12,
            n_projects=16,
            memo=False,
            date_style=DateStyle.ARABIC_FULL,
            abbreviated_agency=True,
            remarks=0.3,
            half_weight_in_progress=True,
            misspelt_disbursement=False,
            cents=True,
            location_line=False,
        ),
        options={"font_family": "Loma"},
    ),
    Sample(
        "findings-checkbox-weasyprint",
        Producer.WEASYPRINT,
        "CHECKBOX in WeasyPrint's check boxes, Garuda: rows with every box empty and with two"
        " and four boxes checked",
        synthetic(
            seed=211, kind="sao", place="ปากช่อง", fiscal_year=2567, round_months=6, n_projects=20
        ),
        mutations=(MarkRow(3, ()), MarkRow(8, (0, 3)), MarkRow(15, (0, 1, 2, 3))),
        options={"font_family": "Garuda"},
    ),
)

# The reference printed by LibreOffice (its digital twin, in a TH Sarabun-style looped font)
# and scanned as offices scan. Each has two expected documents: NAME.expected.json without
# OCR, NAME.ocr-expected.json with it. The twin keeps LibreOffice's own page breaks (the
# original's 17 rows do not fit its landscape page).
SCANNED_SAMPLES: tuple[Sample, ...] = (
    Sample(
        "scanned-reference-300",
        Producer.LIBREOFFICE,
        "the reference scanned whole at 300 dpi in grey: skew 1.2°, JPEG, a darker and uneven"
        " background, light noise; the memo signed and stamped",
        reference_report,
        filing=Filing(
            Scanner(
                dpi=300,
                skew_degrees=1.2,
                jpeg_quality=45,
                background=0.07,
                unevenness=0.12,
                noise_sigma=1.5,
                softness=0.7,
                seed=401,
            )
        ),
    ),
    Sample(
        "scanned-reference-200",
        Producer.LIBREOFFICE,
        "the reference scanned whole at 200 dpi in grey: skew -1.5°, JPEG, a darker and uneven"
        " background, noise; the memo signed and stamped",
        reference_report,
        filing=Filing(
            Scanner(
                dpi=200,
                skew_degrees=-1.5,
                jpeg_quality=60,
                background=0.08,
                unevenness=0.12,
                noise_sigma=2.0,
                softness=0.6,
                seed=405,
            )
        ),
    ),
    Sample(
        "scanned-reference-200-bw",
        Producer.LIBREOFFICE,
        "the reference scanned whole at 200 dpi in black and white (thresholded): skew -0.8°;"
        " the memo signed and stamped",
        reference_report,
        filing=Filing(
            Scanner(
                dpi=200,
                mode="bw",
                skew_degrees=-0.8,
                background=0.05,
                unevenness=0.1,
                noise_sigma=6.0,
                softness=0.5,
                seed=402,
            )
        ),
    ),
    Sample(
        "scanned-filed-as-usual",
        Producer.LIBREOFFICE,
        "the usual filing: the signed, stamped memo scanned (300 dpi grey, skew 0.6°) in front"
        " of the printed pages",
        reference_report,
        filing=Filing(
            Scanner(
                dpi=300,
                skew_degrees=0.6,
                jpeg_quality=75,
                background=0.06,
                unevenness=0.1,
                noise_sigma=1.5,
                softness=0.6,
                seed=403,
            ),
            pages=(1,),
        ),
    ),
    Sample(
        "scanned-junk-layer",
        Producer.LIBREOFFICE,
        "the reference scanned whole (300 dpi grey, skew 0.5°) under an invisible OCR layer of"
        " Latin junk: text, but nothing Thai",
        reference_report,
        filing=Filing(
            Scanner(
                dpi=300,
                skew_degrees=0.5,
                jpeg_quality=45,
                background=0.04,
                unevenness=0.06,
                noise_sigma=1.5,
                softness=0.7,
                seed=404,
            ),
            junk_layer=True,
        ),
    ),
    Sample(
        "scanned-ticks-300",
        Producer.REPORTLAB,
        "the reference ticked as the e-PlanNACC printout ticks it (a bare ✓, no box), its report"
        " pages scanned at 300 dpi in grey (skew -0.7°, JPEG, light noise), the memo as printed",
        reference_report,
        options={"marks": "bare-tick"},
        filing=Filing(
            Scanner(dpi=300, skew_degrees=-0.7, jpeg_quality=50, noise_sigma=1.5),
            pages=(2, 3, 4, 5, 6, 7),
        ),
    ),
    Sample(
        "scanned-loopless-200",
        Producer.CHROMIUM,
        "the reference as the web system prints it (Noto Sans Thai: loopless letters, DejaVu"
        " digits) scanned whole at 200 dpi in grey: skew 0.9°, JPEG, light noise",
        reference_report,
        rows_per_page=REFERENCE_ROWS_PER_PAGE,
        filing=Filing(
            Scanner(
                dpi=200,
                skew_degrees=0.9,
                jpeg_quality=60,
                background=0.06,
                unevenness=0.1,
                noise_sigma=1.5,
                softness=0.6,
                seed=406,
            )
        ),
    ),
    Sample(
        "scanned-filed-as-usual-150",
        Producer.LIBREOFFICE,
        "the usual filing with its memo scanned at 150 dpi (an office scanner's common setting)"
        " in grey: skew -0.7°, JPEG, a darker and uneven background; signed and stamped",
        reference_report,
        filing=Filing(
            Scanner(150, "grey", -0.7, jpeg_quality=60, background=0.06, unevenness=0.1, seed=407),
            pages=(1,),
        ),
    ),
)

ALL_SAMPLES: tuple[Sample, ...] = (
    REFERENCE_SAMPLES + CONSISTENT_SAMPLES + FINDINGS_SAMPLES + PRODUCER_SAMPLES + SCANNED_SAMPLES
)
SAMPLES: tuple[Sample, ...] = tuple(s for s in ALL_SAMPLES if s.name not in PENDING)  # corpus
PENDING_SAMPLES: tuple[Sample, ...] = tuple(s for s in ALL_SAMPLES if s.name in PENDING)

REJECTS: tuple[Reject, ...] = (
    Reject("reject-scanned", "scanned", "no_text_layer", "the reference, every page an image"),
    Reject("reject-empty", "empty", "not_pdf", "an empty file"),
    Reject("reject-png", "png", "not_pdf", "a PNG image named .pdf"),
    Reject("reject-docx", "docx", "not_pdf", "a word-processor zip named .pdf"),
    Reject("reject-truncated", "truncated", "corrupt_pdf", "a PDF cut off at 45% of its bytes"),
    Reject("reject-user-password", "user-password", "encrypted_pdf", "needs a user password"),
    Reject("reject-agenda", "agenda", "not_a_report", "a Thai council meeting agenda"),
)


def pdf_path(name: str, folder: Path = SAMPLES_DIR) -> Path:
    return folder / f"{name}.pdf"


def expected_path(name: str, folder: Path = SAMPLES_DIR) -> Path:
    return folder / f"{name}.expected.json"


def evidence_path(name: str, folder: Path = SAMPLES_DIR) -> Path:
    return folder / f"{name}.evidence.json"


def ocr_expected_path(name: str, folder: Path = SAMPLES_DIR) -> Path:
    """A scan's document with OCR: named off the `*.expected.json` glob on purpose."""
    return folder / f"{name}.ocr-expected.json"
