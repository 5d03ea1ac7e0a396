"""Report -> an ODF text document (odfpy) -> PDF through LibreOffice (`soffice --headless
--convert-to pdf`), in TLWG Laksaman, as offices that type their reports print them.

Each laid-out page starts a new page (with the portrait or the landscape page style); tables
are ODF tables with merged header cells; status cells hold ☑/☐ glyphs (DejaVu Sans). LibreOffice
lays the text out and shapes it itself (its own line breaking, its own text layer). It writes
the conversion's date and a random document id into the PDF: both are removed afterwards so
that a rebuild is byte-identical.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from odf import teletype
from odf.opendocument import OpenDocumentText
from odf.style import (
    FontFace,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TabStop,
    TabStops,
    TextProperties,
)
from odf.table import CoveredTableCell, Table, TableColumn, TableRow
from odf.table import TableCell as OdfCell
from odf.text import P, Span

from sample_reports.generator import wording as w
from sample_reports.generator.layout import Layout, Page, PageKind
from sample_reports.generator.model import BudgetTable, Report
from sample_reports.generator.reportlab_render import (
    PROJECT_WIDTHS,
    Cell,
    budget_rows,
    dimensions_rows,
    disbursement_rows,
    project_cells,
    status_rows,
)

SOFFICE = "soffice"
THAI_FONT = "Laksaman"
MARK_FONT = "DejaVu Sans"
HANDWRITING_FONT = "Purisa"
PORTRAIT = ("21cm", "29.7cm")
LANDSCAPE = ("29.7cm", "21cm")
MARGIN_CM = 1.5
HEADER_FILL = "#e6ebf2"


@dataclass(frozen=True)
class Sizes:
    memo: float = 13.0  # a TH Sarabun-style font is small for its size: offices print it large
    title: float = 18.0
    cover: float = 13.0
    table: float = 9.0
    projects: float = 11.0
    closing: float = 13.0


SIZES = Sizes()


class Document:
    """An ODF text document with the few styles a report needs, made on demand."""

    def __init__(self) -> None:
        self.odt = OpenDocumentText()
        self.styles: dict[str, Style] = {}
        for name in (THAI_FONT, MARK_FONT, HANDWRITING_FONT):
            self.odt.fontfacedecls.addElement(
                FontFace(
                    name=name, fontfamily=name, fontfamilygeneric="roman", fontpitch="variable"
                )
            )
        for name, (width, height) in (("Portrait", PORTRAIT), ("Landscape", LANDSCAPE)):
            layout = PageLayout(name=f"{name}Layout")
            layout.addElement(
                PageLayoutProperties(
                    pagewidth=width,
                    pageheight=height,
                    printorientation=name.lower(),
                    margintop=f"{MARGIN_CM}cm",
                    marginbottom=f"{MARGIN_CM}cm",
                    marginleft=f"{MARGIN_CM}cm",
                    marginright=f"{MARGIN_CM}cm",
                )
            )
            self.odt.automaticstyles.addElement(layout)
            self.odt.masterstyles.addElement(MasterPage(name=name, pagelayoutname=layout))
        self.body = self.odt.text

    def style(self, name: str, family: str, *properties, **attributes) -> Style:
        if name not in self.styles:
            style = Style(name=name, family=family, **attributes)
            for prop in properties:
                style.addElement(prop)
            self.odt.automaticstyles.addElement(style)
            self.styles[name] = style
        return self.styles[name]

    def paragraph_style(
        self,
        size: float,
        bold: bool = False,
        align: str = "start",
        font: str = THAI_FONT,
        master: str | None = None,
        indent_cm: float = 0.0,
        left_cm: float = 0.0,
        tab_cm: float | None = None,
    ) -> Style:
        name = "P" + "-".join(
            str(part) for part in (size, bold, align, font, master, indent_cm, left_cm, tab_cm)
        )
        weight = "bold" if bold else "normal"
        text = TextProperties(
            fontname=font,
            fontnamecomplex=font,
            fontnameasian=font,
            fontsize=f"{size}pt",
            fontsizecomplex=f"{size}pt",
            fontsizeasian=f"{size}pt",
            fontweight=weight,
            fontweightcomplex=weight,
            fontweightasian=weight,
            language="th",
            country="TH",
            languagecomplex="th",
            countrycomplex="TH",
        )
        paragraph = ParagraphProperties(
            textalign=align,
            textindent=f"{indent_cm}cm",
            marginleft=f"{left_cm}cm",
            margintop="0cm",
            marginbottom="0cm",
            lineheight="90%",  # TH Sarabun-style fonts have very tall line boxes
        )
        if tab_cm is not None:
            stops = TabStops()
            stops.addElement(TabStop(position=f"{tab_cm}cm"))
            paragraph.addElement(stops)
        attributes = {"masterpagename": master} if master else {}
        return self.style(name, "paragraph", paragraph, text, **attributes)

    def p(self, text: str, size: float, parent=None, **style) -> P:
        element = P(stylename=self.paragraph_style(size, **style))
        teletype.addTextToElement(element, text)
        (parent if parent is not None else self.body).addElement(element)
        return element

    def new_page(self, landscape: bool) -> None:
        """An empty paragraph that starts a page of that orientation."""
        master = "Landscape" if landscape else "Portrait"
        self.body.addElement(P(stylename=self.paragraph_style(2, master=master)))

    def cell_style(self, header: bool) -> Style:
        properties = {"border": "0.5pt solid #000000", "padding": "0.06cm"}
        if header:
            properties["backgroundcolor"] = HEADER_FILL
        return self.style(
            f"Cell{int(header)}",
            "table-cell",
            TableCellProperties(verticalalign="middle", **properties),
        )

    def table(
        self, widths_cm: list[float], rows: list[list[Cell]], size: float, mark_size: float = 0
    ) -> None:
        number = len(self.styles)
        table_style = self.style(
            f"Table{number}",
            "table",
            TableProperties(width=f"{sum(widths_cm):.3f}cm", align="left"),
        )
        table = Table(name=f"Table{number}", stylename=table_style)
        for i, width in enumerate(widths_cm):
            column = self.style(
                f"Col{number}-{i}",
                "table-column",
                TableColumnProperties(columnwidth=f"{width:.3f}cm"),
            )
            table.addElement(TableColumn(stylename=column))
        covered: set[tuple[int, int]] = set()
        for r, row in enumerate(rows):
            odf_row = TableRow()
            col = 0
            for cell in row:
                while (r, col) in covered:
                    odf_row.addElement(CoveredTableCell())
                    col += 1
                attributes = {}
                if cell.span > 1:
                    attributes["numbercolumnsspanned"] = cell.span
                if cell.rowspan > 1:
                    attributes["numberrowsspanned"] = cell.rowspan
                odf_cell = OdfCell(stylename=self.cell_style(cell.header), **attributes)
                self.fill(odf_cell, cell, size, mark_size)
                odf_row.addElement(odf_cell)
                for dr in range(cell.rowspan):
                    for dc in range(cell.span):
                        if dr or dc:
                            covered.add((r + dr, col + dc))
                for _ in range(1, cell.span):
                    odf_row.addElement(CoveredTableCell())
                col += cell.span
            while (r, col) in covered:
                odf_row.addElement(CoveredTableCell())
                col += 1
            table.addElement(odf_row)
        self.body.addElement(table)

    def fill(self, odf_cell: OdfCell, cell: Cell, size: float, mark_size: float) -> None:
        if cell.mark is not None:
            paragraph = P(stylename=self.paragraph_style(size, align="center"))
            mark = Span(
                stylename=self.style(
                    "Mark",
                    "text",
                    TextProperties(
                        fontname=MARK_FONT,
                        fontnamecomplex=MARK_FONT,
                        fontsize=f"{mark_size}pt",
                        fontsizecomplex=f"{mark_size}pt",
                    ),
                ),
                text="☑" if cell.mark else "☐",
            )
            paragraph.addElement(mark)
            odf_cell.addElement(paragraph)
            return
        align = {"left": "start", "right": "end", "center": "center"}[cell.align]
        self.p(cell.text, size, odf_cell, bold=cell.bold or cell.header, align=align)

    def save(self, path: Path) -> None:
        self.odt.save(str(path))


# --- pages ----------------------------------------------------------------------------------

TEXT_WIDTH_CM = 21 - 2 * MARGIN_CM
LANDSCAPE_WIDTH_CM = 29.7 - 2 * MARGIN_CM


def memo_page(doc: Document, report: Report) -> None:
    memo, s = report.memo, SIZES.memo
    head = w.memo_head(memo)
    doc.p(w.MEMO_TITLE, SIZES.title + 6, bold=True, align="center")
    doc.p(f"ส่วนราชการ {head['agency']} โทร. {head['phone']}", s)
    doc.p(f"ที่ {head['reference']}\tวันที่ {head['date']}", s, tab_cm=TEXT_WIDTH_CM * 0.48)
    doc.p(f"เรื่อง {head['subject']}", s)
    doc.p(f"เรียน {head['addressee']}", s)
    for text in memo.body:
        doc.p(w.memo_text(memo, text), s, indent_cm=2.0, align="justify")
    doc.p(memo.closing, s, indent_cm=2.0)
    for index, signature in enumerate(memo.signatures):
        left = TEXT_WIDTH_CM * (0.45 if index % 2 == 0 else 0.0)
        block = {"left_cm": left, "align": "center"}
        note = signature.note or ""
        doc.p(note, s, font=HANDWRITING_FONT, left_cm=left)
        doc.p(f"({signature.person.name})", s, **block)
        for line in signature.person.position_lines:
            doc.p(line, s, **block)
    if memo.handwritten_date:
        doc.p(memo.handwritten_date, s, font=HANDWRITING_FONT, left_cm=TEXT_WIDTH_CM * 0.2)


def budget_table(doc: Document, title: str, table: BudgetTable | None) -> None:
    if table is None:
        return
    doc.p(title, SIZES.table + 1, bold=True)
    pairs = len(table.rows) + 1
    doc.table([1.4, TEXT_WIDTH_CM / pairs - 1.4] * pairs, budget_rows(table), SIZES.table)


def summary_page(doc: Document, report: Report) -> None:
    for line in w.cover_title(report):
        doc.p(line, SIZES.cover + 1, bold=True, align="center")
    doc.p(report.organization, SIZES.cover, bold=True, align="center")
    for line in report.office_lines:
        doc.p(line, SIZES.table + 1, align="center")
    location = w.location_line(report)
    if location:
        doc.p(location, SIZES.cover - 1, bold=True, align="center")
    if report.dimensions is not None:
        widths = [2.3, 0.8, 1.4, 1.7, 2.5, 2.5, 2.3, 1.7, 1.7]  # cm: amounts get room
        doc.table(widths, dimensions_rows(report), SIZES.table)
    budget_table(doc, w.PLAN_BUDGET_TITLE, report.plan_budget)
    budget_table(doc, w.ORDINANCE_BUDGET_TITLE, report.ordinance_budget)
    if report.disbursement is not None:
        doc.p(w.DISBURSEMENT_TITLE, SIZES.table + 1, bold=True)
        doc.table([3.2, 3.9, 3.9, 3.9], disbursement_rows(report), SIZES.table)
    if report.status_summary is not None:
        doc.p(w.STATUS_TITLE, SIZES.table + 1, bold=True)
        doc.table([TEXT_WIDTH_CM / 8] * 8, status_rows(report), SIZES.table)
    doc.p(w.data_as_of_line(report), SIZES.table + 1)


def project_rows(report: Report, page: Page) -> list[list[Cell]]:
    h = {"header": True, "align": "center", "bold": True}
    rows = [
        [Cell(label, rowspan=2, **h) for label in w.PROJECT_HEADERS]
        + [Cell(w.STATUS_GROUP, span=4, **h), Cell(w.REMARK_HEADER, rowspan=2, **h)],
        [Cell(label, **h) for label in w.STATUS_COLUMNS],
    ]
    for index in page.rows:
        row = report.projects[index]
        rows.append(project_cells(row))
    return rows


def projects_page(doc: Document, report: Report, page: Page) -> None:
    doc.p(w.projects_title(report), SIZES.projects + 3, bold=True, align="center")
    scale = LANDSCAPE_WIDTH_CM / sum(PROJECT_WIDTHS)
    widths = [width * scale for width in PROJECT_WIDTHS]
    doc.table(widths, project_rows(report, page), SIZES.projects, mark_size=SIZES.projects)
    if page.closing:
        closing_block(doc, report)


def closing_block(doc: Document, report: Report) -> None:
    s = SIZES.closing
    doc.p(w.data_as_of_line(report), s)
    reporter = w.reporter_line(report)
    if reporter:
        doc.p(reporter, s)
    if report.problems:
        doc.p(w.PROBLEMS_TITLE, s + 1, bold=True)
        for line in w.problem_lines(report):
            doc.p(line, s, left_cm=0.7)
    if report.narrative is not None:
        doc.p(w.NARRATIVE_TITLE, s + 1, bold=True)
        for line in w.narrative_lines(report.narrative):
            doc.p(line, s, left_cm=0.7)


def odf_document(report: Report, layout: Layout) -> Document:
    doc = Document()
    for page in layout.pages:
        doc.new_page(landscape=page.kind == PageKind.PROJECTS)
        if page.kind == PageKind.MEMO:
            memo_page(doc, report)
        elif page.kind == PageKind.SUMMARY:
            summary_page(doc, report)
        elif page.kind == PageKind.PROJECTS:
            projects_page(doc, report, page)
        else:
            closing_block(doc, report)
    return doc


# --- LibreOffice ----------------------------------------------------------------------------


def convert(odt: Path, workdir: Path) -> Path:
    if shutil.which(SOFFICE) is None:
        raise FileNotFoundError("soffice is missing (make samples installs libreoffice-writer)")
    profile = workdir / "profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(workdir),
            str(odt),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return odt.with_suffix(".pdf")


def without_dates(source: Path, out: Path, title: str) -> None:
    """The PDF without its conversion date, XMP packet and checksum; its id from its content."""
    with pikepdf.open(source) as pdf:
        if "/Metadata" in pdf.Root:
            del pdf.Root.Metadata
        for key in ("/DocChecksum", "/ID"):  # LibreOffice's, over the dated file; random
            if key in pdf.trailer:
                del pdf.trailer[key]
        info = pdf.trailer.get("/Info")
        if info is not None:
            for key in ("/CreationDate", "/ModDate"):
                if key in info:
                    del info[key]
            info.Title = title
        pdf.save(out, deterministic_id=True, fix_metadata_version=False)


def render(report: Report, layout: Layout, out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="raingan-lo-") as tmp:
        workdir = Path(tmp)
        odt = workdir / f"{out.stem}.odt"
        odf_document(report, layout).save(odt)
        pdf = convert(odt, workdir)
        without_dates(pdf, out, w.projects_title(report))
