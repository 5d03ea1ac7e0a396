"""Report -> HTML as the e-PlanNACC web system prints it -> PDF through headless Chromium.

Bordered tables, the project table's header repeated on every page, status boxes as real
`<input type="checkbox" checked>` (Chromium prints them as vector paths), one explicit page
break after each laid-out page so that the PDF has exactly the layout's pages.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import tempfile
from dataclasses import dataclass
from html import escape
from pathlib import Path

from sample_reports.generator import wording as w
from sample_reports.generator.layout import Layout, Page, PageKind
from sample_reports.generator.marks import GLYPHS, MarkStyle
from sample_reports.generator.model import (
    STATUSES,
    BudgetTable,
    DimensionRow,
    DimensionTotal,
    Memo,
    Report,
    Signature,
)
from sample_reports.generator.producers import Producer
from sample_reports.generator.thai import amount, count, pct, plain

CHROMIUM = "chromium"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)
HANDWRITING_FONT = "Purisa"


@dataclass(frozen=True)
class HtmlStyle:
    font_family: str
    latin_family: str  # the Thai font's Latin letters are missing or poor: a matching one
    body_pt: float  # memo and cover text
    table_pt: float  # summary and project tables
    line_height: str = "normal"  # TH Sarabun-style fonts have tall line boxes: set tighter
    # How status cells are marked: None, the web system's `<input type="checkbox" checked>`
    # in marked cells only; or a marks.MarkStyle drawn in HTML (glyphs, CSS boxes, SVG).
    marks: MarkStyle | None = None
    # With marks None: an unchecked input in every unmarked cell too (a web form as printed).
    empty_boxes: bool = False


HTML_STYLES: dict[Producer, HtmlStyle] = {
    Producer.CHROMIUM: HtmlStyle("Noto Sans Thai", "Noto Sans", body_pt=11, table_pt=9),
    # A TH Sarabun-style font: small for its size, so printed larger, as offices do.
    Producer.CHROMIUM_PUA: HtmlStyle(
        "Laksaman", "Liberation Serif", body_pt=13, table_pt=10.5, line_height="1.1"
    ),
}


def e(text: object) -> str:
    return escape(str(text), quote=False)


def signature_squiggle(name: str) -> str:
    """A pen stroke that looks like a signature, the same for the same name."""
    digest = hashlib.sha256(name.encode()).digest()
    points = [(8 + i * 14, 14 + (digest[i] % 16) - 8) for i in range(8)]
    path = f"M {points[0][0]} {points[0][1]} " + " ".join(
        f"Q {x - 7} {y + (digest[i + 8] % 20) - 10} {x} {y}" for i, (x, y) in enumerate(points[1:])
    )
    return (
        '<svg class="squiggle" width="120" height="28" viewBox="0 0 120 28">'
        f'<path d="{path}" fill="none" stroke="#1a237e" stroke-width="1.4"/></svg>'
    )


def signature_block(signature: Signature, side: str, handwritten: str | None) -> str:
    note = (
        f'<div class="note">{e(signature.note)}</div>'
        if signature.note
        else '<div class="gap"></div>'
    )
    positions = "".join(f"<div>{e(line)}</div>" for line in signature.person.position_lines)
    date = f'<div class="note">{e(handwritten)}</div>' if handwritten else ""
    return (
        f'<div class="signature {side}">{note}{signature_squiggle(signature.person.name)}'
        f"<div>({e(signature.person.name)})</div>{positions}{date}</div>"
    )


def memo_page(memo: Memo) -> str:
    head = w.memo_head(memo)
    body = "".join(f'<p class="indent">{e(w.memo_text(memo, text))}</p>' for text in memo.body)
    signatures = []
    for index, signature in enumerate(memo.signatures):
        last = index == len(memo.signatures) - 1
        side = "right" if index % 2 == 0 else "left"
        signatures.append(signature_block(signature, side, memo.handwritten_date if last else None))
    return f"""
<div class="memo">
  <h1>{w.MEMO_TITLE}</h1>
  <p><b>ส่วนราชการ</b> {e(head["agency"])} โทร. {e(head["phone"])}</p>
  <p class="split"><span><b>ที่</b> {e(head["reference"])}</span>
     <span><b>วันที่</b> {e(head["date"])}</span></p>
  <p><b>เรื่อง</b> {e(head["subject"])}</p>
  <p><b>เรียน</b> {e(head["addressee"])}</p>
  {body}
  <p class="indent">{e(memo.closing)}</p>
  {"".join(signatures)}
</div>"""


def figures(*values: str) -> str:
    return "".join(f"<td class='n'>{e(value)}</td>" for value in values)


def dimension_figures(row: DimensionRow | DimensionTotal) -> str:
    return figures(
        count(row.projects_planned),
        count(row.projects_done),
        amount(row.budget_planned),
        amount(row.budget_ordinance),
        amount(row.budget_spent),
        pct(row.pct_projects),
        pct(row.pct_budget),
    )


def dimensions_table(report: Report) -> str:
    table = report.dimensions
    if table is None:
        return ""
    groups = "".join(
        f'<th colspan="{span}">{e(label)}</th>' for label, span in w.DIMENSIONS_HEADER_GROUPS
    )
    subs = "".join(f"<th>{e(label)}</th>" for label in w.DIMENSIONS_SUBHEADERS)
    rows = []
    for n, row in enumerate(table.rows):
        org = ""
        if n == 0:
            org = f'<td rowspan="{len(table.rows)}" class="org">{e(report.organization)}</td>'
        rows.append(f"<tr>{org}<td class='c'>{row.dimension}</td>{dimension_figures(row)}</tr>")
    rows.append(
        f"<tr class='total'><td colspan='2' class='c'>รวม</td>{dimension_figures(table.total)}</tr>"
    )
    return f"""
<table class="grid summary">
  <tr><th colspan="9" class="title">{e(w.dimensions_title(report))}</th></tr>
  <tr><th rowspan="2">ชื่อ อปท.</th><th rowspan="2">มิติ</th>{groups}</tr>
  <tr>{subs}</tr>
  {"".join(rows)}
</table>"""


def budget_table(title: str, table: BudgetTable | None) -> str:
    if table is None:
        return ""
    heads = "".join(f'<th colspan="2">มิติที่ {row.dimension}</th>' for row in table.rows)
    heads += f'<th colspan="2">รวม {len(table.rows)} มิติ</th>'
    subs = "<th>โครงการ</th><th>งบประมาณ</th>" * (len(table.rows) + 1)
    cells = "".join(
        f"<td class='n'>{count(row.projects)}</td><td class='n'>{amount(row.budget)}</td>"
        for row in [*table.rows, table.total]
    )
    return f"""
<p class="table-title">{e(title)}</p>
<table class="grid summary"><tr>{heads}</tr><tr>{subs}</tr><tr>{cells}</tr></table>"""


def disbursement_table(report: Report) -> str:
    table = report.disbursement
    if table is None:
        return ""
    word = w.dimension_word(table.misspelt_header)
    heads = f"<th>{word}</th>" + "".join(f"<th>{e(h)}</th>" for h in w.DISBURSEMENT_HEADERS)
    rows = "".join(
        f"<tr><td>{word}ที่ {row.dimension}</td>"
        f"{figures(amount(row.plan), amount(row.ordinance), amount(row.disbursed))}</tr>"
        for row in table.rows
    )
    t = table.total
    rows += (
        f"<tr class='total'><td>รวม {len(table.rows)} {word}</td>"
        f"{figures(amount(t.plan), amount(t.ordinance), amount(t.disbursed))}</tr>"
    )
    return f"""
<p class="table-title">{w.DISBURSEMENT_TITLE}</p>
<table class="grid summary narrow"><tr>{heads}</tr>{rows}</table>"""


def status_table(report: Report) -> str:
    s = report.status_summary
    if s is None:
        return ""
    heads = "".join(f"<th>{e(h)}</th>" for h in w.STATUS_HEADERS)
    values = (
        count(s.minimum_projects),
        count(s.total_projects),
        count(s.in_ordinance),
        count(s.in_progress),
        count(s.completed),
        count(s.unable),
        pct(s.implementation_pct),
        plain(s.level),
    )
    cells = "".join(f"<td class='c'>{e(v)}</td>" for v in values)
    return f"""
<p class="table-title">{e(w.STATUS_TITLE)}</p>
<table class="grid summary"><tr>{heads}</tr><tr>{cells}</tr></table>"""


def summary_page(report: Report) -> str:
    title = "<br>".join(e(line) for line in w.cover_title(report))
    office = "".join(f"<div>{e(line)}</div>" for line in report.office_lines)
    location = w.location_line(report)
    location_html = f'<p class="location">{e(location)}</p>' if location else ""
    return f"""
<div class="cover">
  <h2>{title}</h2>
  <div class="office"><div class="org">{e(report.organization)}</div>{office}</div>
  {location_html}
</div>
{dimensions_table(report)}
{budget_table(w.PLAN_BUDGET_TITLE, report.plan_budget)}
{budget_table(w.ORDINANCE_BUDGET_TITLE, report.ordinance_budget)}
{disbursement_table(report)}
{status_table(report)}
<p class="asof">{e(w.data_as_of_line(report))}</p>"""


def project_header() -> str:
    first = "".join(f'<th rowspan="2">{e(h)}</th>' for h in w.PROJECT_HEADERS)
    statuses = "".join(f"<th class='st'>{e(h)}</th>" for h in w.STATUS_COLUMNS)
    return (
        f"<thead><tr>{first}<th colspan='4'>{w.STATUS_GROUP}</th>"
        f"<th rowspan='2'>{w.REMARK_HEADER}</th></tr><tr>{statuses}</tr></thead>"
    )


CHECKED = '<input type="checkbox" checked>'
UNCHECKED = '<input type="checkbox">'
# Inside a CSS box (class "mk"): a tick or a cross as an SVG path, or a filled square.
SVG_MARKS = {
    MarkStyle.VECTOR_TICK: "M2 5.4 L4.2 7.8 L8.2 2.4",
    MarkStyle.VECTOR_CROSS: "M2.6 2.6 L7.4 7.4 M7.4 2.6 L2.6 7.4",
}
FILLED_SQUARE = '<span class="in"></span>'


def inner_mark(style: MarkStyle) -> str:
    if style == MarkStyle.VECTOR_FILLED:
        return FILLED_SQUARE
    return (
        '<svg viewBox="0 0 10 10"><path fill="none" stroke="#000" stroke-width="1.3"'
        f' d="{SVG_MARKS[style]}"/></svg>'
    )


def status_mark(marked: bool, style: HtmlStyle) -> str:
    """What a status cell prints (the contents of its `td.box`)."""
    if style.marks is None:
        if marked:
            return CHECKED
        return UNCHECKED if style.empty_boxes else ""
    if style.marks in GLYPHS:
        glyphs = GLYPHS[style.marks]
        text = glyphs.marked if marked else glyphs.empty
        return f'<span class="gl">{e(text)}</span>' if text else ""
    if style.marks in SVG_MARKS or style.marks == MarkStyle.VECTOR_FILLED:
        return f'<span class="mk">{inner_mark(style.marks) if marked else ""}</span>'
    raise ValueError(f"{style.marks}: not a mark style HTML prints")


def project_rows(report: Report, page: Page, style: HtmlStyle) -> str:
    rows = []
    for index in page.rows:
        row = report.projects[index]
        boxes = "".join(
            f"<td class='box'>{status_mark(column in row.marks, style)}</td>"
            for column in range(len(STATUSES))
        )
        rows.append(
            f"<tr><td class='c'>{row.seq}</td><td>{e(row.name)}</td>"
            f"<td class='c'>{row.dimension}</td>"
            f"{figures(amount(row.budget), amount(row.disbursed))}"
            f"{boxes}<td>{e(row.remark or '')}</td></tr>"
        )
    return "".join(rows)


def closing_block(report: Report) -> str:
    parts = [f'<p class="asof">{e(w.data_as_of_line(report))}</p>']
    reporter = w.reporter_line(report)
    if reporter:
        parts.append(f"<p>{e(reporter)}</p>")
    if report.problems:
        parts.append(f"<p class='heading'>{w.PROBLEMS_TITLE}</p>")
        parts += [f"<p class='item'>{e(line)}</p>" for line in w.problem_lines(report)]
    if report.narrative is not None:
        parts.append(f"<p class='heading'>{w.NARRATIVE_TITLE}</p>")
        parts += [f"<p class='item'>{e(line)}</p>" for line in w.narrative_lines(report.narrative)]
    return f'<div class="closing">{"".join(parts)}</div>'


def projects_page(report: Report, page: Page, style: HtmlStyle) -> str:
    closing = closing_block(report) if page.closing else ""
    return f"""
<p class="list-title">{e(w.projects_title(report))}</p>
<table class="grid projects">
  <colgroup><col class="seq"><col class="name"><col class="dim"><col class="amt"><col class="amt">
  <col class="st"><col class="st"><col class="st"><col class="st"><col class="remark"></colgroup>
  {project_header()}
  <tbody>{project_rows(report, page, style)}</tbody>
</table>{closing}"""


def page_html(report: Report, page: Page, style: HtmlStyle) -> str:
    if page.kind == PageKind.MEMO:
        return memo_page(report.memo)
    if page.kind == PageKind.SUMMARY:
        return summary_page(report)
    if page.kind == PageKind.PROJECTS:
        return projects_page(report, page, style)
    return closing_block(report)


def stylesheet(style: HtmlStyle) -> str:
    return f"""
@page {{ size: A4; margin: 12mm 11mm 12mm 11mm; }}
* {{ box-sizing: border-box; }}
body {{ font-family: '{style.font_family}', '{style.latin_family}'; font-size: {style.body_pt}pt;
  margin: 0; color: #000; line-height: {style.line_height};
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
section.page {{ break-after: page; padding-top: 2mm; }}
section.page:last-child {{ break-after: auto; }}
p {{ margin: 1.5mm 0; }}
.memo h1 {{ text-align: center; font-size: {style.body_pt * 1.8}pt; margin: 4mm 0 5mm; }}
.memo .split {{ display: flex; }} .memo .split span {{ width: 50%; }}
.memo .indent {{ text-indent: 25mm; }}
.signature {{ width: 55%; text-align: center; margin-top: 3mm; }}
.signature.right {{ margin-left: 45%; }} .signature.left {{ margin-left: 0; }}
.signature .note {{ font-family: '{HANDWRITING_FONT}'; color: #1a237e; }}
.signature .gap {{ height: 2mm; }}
.squiggle {{ display: block; margin: 0 auto; }}
.cover {{ text-align: center; }}
.cover h2 {{ font-size: {style.body_pt * 1.25}pt; margin: 2mm 0 3mm; line-height: 1.35; }}
.office {{ margin-bottom: 2mm; }} .office .org {{ font-weight: bold; }}
.location {{ font-weight: bold; }}
table.grid {{ border-collapse: collapse; width: 100%; font-size: {style.table_pt}pt; }}
table.grid th, table.grid td {{ border: 0.6pt solid #000; padding: 0.6mm 1mm;
  vertical-align: middle; }}
table.grid th {{ background: #e8eef7; font-weight: bold; text-align: center; }}
table.grid th.title {{ background: #fff; font-size: {style.table_pt * 1.1}pt; }}
table.summary {{ margin-bottom: 1mm; }}
table.narrow {{ width: 75%; }}
td.n {{ text-align: right; white-space: nowrap; }} td.c {{ text-align: center; }}
td.org {{ text-align: center; }}
tr.total td {{ font-weight: bold; }}
.table-title {{ font-weight: bold; margin: 2.5mm 0 1mm; font-size: {style.table_pt * 1.1}pt; }}
.list-title {{ font-weight: bold; text-align: center; margin: 0 0 2mm; }}
table.projects {{ table-layout: fixed; }}
table.projects col.seq {{ width: 4.5%; }} table.projects col.name {{ width: 32%; }}
table.projects col.dim {{ width: 4.5%; }} table.projects col.amt {{ width: 10.5%; }}
table.projects col.st {{ width: 7%; }} table.projects col.remark {{ width: 10%; }}
table.projects thead {{ display: table-header-group; }}
table.projects tr {{ break-inside: avoid; }}
table.projects th.st {{ font-size: {style.table_pt * 0.9}pt; }}
td.box {{ text-align: center; }}
td.box input {{ width: 3.2mm; height: 3.2mm; margin: 0 0.3mm; vertical-align: middle; }}
.closing .heading {{ font-weight: bold; margin-top: 4mm; }}
.closing .item {{ margin-left: 8mm; }}
.asof {{ font-size: {style.table_pt}pt; }}
{mark_stylesheet(style)}"""


def mark_stylesheet(style: HtmlStyle) -> str:
    """The mark styles' rules; none for the web system's inputs (its samples stay as built)."""
    if style.marks is None:
        return ""
    return f"""td.box .gl {{ font-family: 'DejaVu Sans', '{style.font_family}';
  font-size: {style.table_pt * 1.3}pt; line-height: 1; }}
td.box .mk {{ display: inline-block; width: 3.2mm; height: 3.2mm; border: 0.8pt solid #000;
  vertical-align: middle; background: #fff; }}
td.box .mk svg {{ display: block; width: 100%; height: 100%; }}
td.box .mk .in {{ display: block; width: 1.6mm; height: 1.6mm; margin: 0.52mm auto 0;
  background: #000; }}
"""


def report_html(report: Report, layout: Layout, style: HtmlStyle) -> str:
    pages = "".join(
        f'<section class="page">{page_html(report, page, style)}</section>' for page in layout.pages
    )
    return (
        '<!doctype html><html lang="th"><head><meta charset="utf-8">'
        f"<title>{e(w.projects_title(report))}</title><style>{stylesheet(style)}</style></head>"
        f"<body>{pages}</body></html>"
    )


def print_html(html: str, out: Path) -> None:
    """Print `html` to `out` with headless Chromium, as a user's browser would."""
    with tempfile.TemporaryDirectory(prefix="raingan-chromium-") as tmp:
        source = Path(tmp) / "report.html"
        source.write_text(html, encoding="utf-8")
        command = [
            CHROMIUM,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp}/profile",
            f"--print-to-pdf={out}",
            source.as_uri(),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
        if result.returncode != 0 or not out.exists():
            raise RuntimeError(f"chromium failed ({result.returncode}): {result.stderr[-2000:]}")


PRINT_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}")
FIXED_DATE = b"20230320090000"


def pin_print_dates(pdf: Path) -> None:
    """Chromium stamps the time of printing: a fixed one of the same length (offsets keep)
    makes a rebuild byte-identical, so unchanged samples do not churn."""
    data = PRINT_DATE.sub(lambda m: m.group(0)[: -len(FIXED_DATE)] + FIXED_DATE, pdf.read_bytes())
    pdf.write_bytes(data)


def render(report: Report, layout: Layout, style: HtmlStyle, out: Path) -> None:
    print_html(report_html(report, layout, style), out)
    pin_print_dates(out)
