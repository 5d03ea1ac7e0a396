"""The audit as one static HTML page: the flagged reports' findings (filtered and sorted in
the page by a little inline JavaScript), each with its evidence picture embedded as a PNG data
URI, and counts per rule and per province. It needs no server, no network and no CDN.

The rows are `findings_table`'s (the same query as `raingan findings`); the pictures are
`evidence_images`' at a modest resolution, so that the file stays small. Everything that comes
from the data is HTML-escaped.
"""

from __future__ import annotations

import base64
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from html import escape
from pathlib import Path
from typing import Any, Literal

from checks.catalogue import RULE_WORDS, Rule
from checks.identity import NOT_REVIEWED
from models.engine import SessionFactory
from models.originals import OriginalsStore
from models.read import FindingRow, FindingSelection
from raingan.pipeline.outputs.choices import REPORT_RESOLUTION
from raingan.pipeline.outputs.evidence_images import (
    FindingNotFound,
    caption_lines,
    outlines_of,
    render_evidence,
    stored_finding,
)
from raingan.pipeline.outputs.finding_words import THAI, finding_place, report_identity
from raingan.pipeline.outputs.findings_table import read_findings, shown

# What a page counts, said on it: the nightly summary and its artifact count current reports.
CURRENT_FINDINGS = "findings, current reports only"
WITH_SUPERSEDED = "superseded reports included"
NO_BOXES = (
    "no picture: the report was stored before raingan kept where figures are printed "
    "(run `raingan reparse`)"
)
FONTS = (
    '"Noto Sans Thai", "Sarabun", "Loma", "Garuda", "TH Sarabun New", "Leelawadee UI", '
    '"Tahoma", "Thonburi", sans-serif'
)


@dataclass(frozen=True)
class Pictures:
    """A finding's evidence: PNG bytes by page, or why there is none."""

    pages: dict[int, bytes]
    missing: str | None = None


PALETTE = 64  # colours: a page's picture in 64 keeps the print and the outlines, at half the size


def png_of(image: Any) -> bytes:
    buffer = io.BytesIO()
    image.quantize(colors=PALETTE).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def evidence_of(
    sessions: SessionFactory,
    store: OriginalsStore,
    rows: list[FindingRow],
    resolution: int = REPORT_RESOLUTION,
) -> dict[str, Pictures]:
    """Each row's finding drawn over its pages; each original read once."""
    originals: dict[str, bytes] = {}
    pictures: dict[str, Pictures] = {}
    for row in rows:
        finding_id = row["id"]
        if finding_id in pictures:
            continue
        try:
            with sessions() as session:
                stored = stored_finding(session, finding_id)
            outlines = outlines_of(stored)
            if not outlines:
                pictures[finding_id] = Pictures({}, NO_BOXES)
                continue
            if stored.sha256 not in originals:
                originals[stored.sha256] = store.get(stored.sha256)
            images = render_evidence(
                originals[stored.sha256], outlines, caption_lines(stored.finding), resolution
            )
            pictures[finding_id] = Pictures({page: png_of(image) for page, image in images.items()})
        except FindingNotFound as error:
            pictures[finding_id] = Pictures({}, f"no picture: {error}")
        except Exception as error:  # a missing original, a PDF that no longer opens
            pictures[finding_id] = Pictures({}, f"no picture: {type(error).__name__}: {error}")
    return pictures


# The page ----------------------------------------------------------------------------------

COLUMNS = (
    ("report", "รายงาน"),
    ("province", "จังหวัด"),
    ("rule", "กฎ"),
    ("severity", "ระดับ"),
    ("field", "ช่อง"),
    ("reported", "ระบุไว้"),
    ("expected", "ที่ควรเป็น"),
    ("pages", "หน้า"),
    ("message", "ข้อความ"),
    ("review", "การตรวจทาน"),
    ("evidence", "หลักฐาน"),
)

STYLE = f"""
body {{ font-family: {FONTS}; margin: 1.5em; color: #222; }}
h1 {{ font-size: 1.4em; }} h2 {{ font-size: 1.15em; margin-top: 1.5em; }}
table {{ border-collapse: collapse; margin: .5em 0; }}
th, td {{ border: 1px solid #bbb; padding: .3em .5em; vertical-align: top; text-align: left; }}
th {{ background: #eee; }}
#findings th {{ cursor: pointer; user-select: none; }}
#findings th[aria-sort=ascending]::after {{ content: " ▲"; }}
#findings th[aria-sort=descending]::after {{ content: " ▼"; }}
tr[hidden] {{ display: none; }}
td.num {{ text-align: right; }}
.error {{ color: #b00000; font-weight: bold; }} .warning {{ color: #a06000; }}
.small {{ color: #666; font-size: .85em; }}
img.evidence {{ width: 260px; border: 1px solid #999; cursor: zoom-in; display: block; }}
img.evidence.large {{ width: 900px; max-width: 90vw; cursor: zoom-out; }}
.controls {{ margin: 1em 0; display: flex; gap: 1em; flex-wrap: wrap; align-items: center; }}
.controls input {{ width: 22em; }}
"""

SCRIPT = """
(function () {
  var table = document.getElementById("findings");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var text = document.getElementById("filter");
  var rule = document.getElementById("rule-filter");
  var review = document.getElementById("review-filter");
  var count = document.getElementById("shown");
  function apply() {
    var words = text.value.trim().toLowerCase();
    var shownRows = 0;
    rows.forEach(function (row) {
      var show = (!words || row.textContent.toLowerCase().indexOf(words) >= 0)
        && (!rule.value || row.dataset.rule === rule.value)
        && (!review.value || row.dataset.review === review.value);
      row.hidden = !show;
      if (show) { shownRows += 1; }
    });
    count.textContent = String(shownRows);
  }
  [text, rule, review].forEach(function (control) {
    control.addEventListener("input", apply);
    control.addEventListener("change", apply);
  });
  function key(row, index) {
    var cell = row.cells[index];
    return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
    header.addEventListener("click", function () {
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
        other.removeAttribute("aria-sort");
      });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = key(a, index), y = key(b, index);
        var nx = parseFloat(x), ny = parseFloat(y);
        var order = (!isNaN(nx) && !isNaN(ny) && String(nx) === x && String(ny) === y)
          ? nx - ny : x.localeCompare(y, "th");
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  document.querySelectorAll("img.evidence").forEach(function (image) {
    image.addEventListener("click", function () { image.classList.toggle("large"); });
  });
  apply();
})();
"""


def text(value: Any) -> str:
    """A value from the data, as a person reads it, HTML-escaped."""
    return escape(shown(value), quote=True)


def rule_title(rule: str) -> str:
    """A rule's Thai name and what it compares (the catalogue's words), for a hover."""
    words = RULE_WORDS[Rule(rule)]
    return f"{words.name}: {words.compared}"


def evidence_cell(pictures: Pictures | None) -> str:
    if pictures is None:
        return '<td class="small">no picture asked for</td>'
    if not pictures.pages:
        return f'<td class="small no-evidence">{escape(pictures.missing or "", quote=True)}</td>'
    images = "".join(
        f'<img class="evidence" alt="page {page}" title="page {page}" '
        f'src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}">'
        for page, png in sorted(pictures.pages.items())
    )
    return f"<td>{images}</td>"


def finding_row(row: FindingRow, pictures: Pictures | None) -> str:
    rule = str(row["rule"])
    review = str(row["review_status"])
    note = f'<div class="small">{text(row["review_note"])}</div>' if row["review_note"] else ""
    cells = [
        f'<td data-sort="{text(row["organization"])}">{escape(report_identity(row, THAI))}'
        f'<div class="small">{text(row["source_file"])} · {text(row["sha256"])[:12]}</div></td>',
        f"<td>{text(row['province'])}</td>",
        f'<td title="{escape(rule_title(rule), quote=True)}">{text(rule)}</td>',
        f'<td class="{text(row["severity"])}">{text(row["severity"])}</td>',
        f"<td>{escape(finding_place(row, THAI))}</td>",
        f'<td class="num reported">{text(row["reported"])}</td>',
        f'<td class="num expected">{text(row["expected"])}</td>',
        f"<td>{text(row['pages'])}</td>",
        f"<td>{text(row['message'])}</td>",
        f'<td>{text(review)}{note}<div class="small">{text(row["id"])}</div></td>',
        evidence_cell(pictures),
    ]
    return (
        f'<tr class="finding" data-id="{text(row["id"])}" data-rule="{text(rule)}" '
        f'data-review="{text(review)}">' + "".join(cells) + "</tr>"
    )


def counts_table(
    table_id: str,
    heading: str,
    counts: list[tuple[str, int, int]],
    title: Callable[[str], str] = str,
) -> str:
    """Findings and reports per name; `title` says more of a name on hover."""
    lines = [
        f'<table id="{table_id}"><thead><tr><th>{heading}</th><th>ข้อสังเกต (findings)</th>'
        "<th>รายงาน (reports)</th></tr></thead><tbody>"
    ]
    for name, findings, reports in counts:
        lines.append(
            f'<tr><td title="{escape(title(name), quote=True)}">{escape(name)}</td>'
            f'<td class="num">{findings}</td>'
            f'<td class="num">{reports}</td></tr>'
        )
    lines.append("</tbody></table>")
    return "\n".join(lines)


def counted(rows: list[FindingRow], key: Literal["rule", "province"]) -> list[tuple[str, int, int]]:
    findings: Counter[str] = Counter()
    reports: dict[str, set[str]] = {}
    for row in rows:
        name = shown(row[key]) or "(not read)"
        findings[name] += 1
        reports.setdefault(name, set()).add(row["sha256"])
    return [(name, findings[name], len(reports[name])) for name in sorted(findings)]


def options(values: list[str], everything: str) -> str:
    return f'<option value="">{everything}</option>' + "".join(
        f'<option value="{escape(value, quote=True)}">{escape(value)}</option>' for value in values
    )


def html_report(
    rows: list[FindingRow],
    pictures: dict[str, Pictures],
    *,
    title: str = "raingan audit",
    generated: datetime | None = None,
    counted_what: str = CURRENT_FINDINGS,
) -> str:
    """The page, as text (UTF-8 when written). Its summary line says what it counts
    (`counted_what`: whose findings, of which reports)."""
    when = (generated or datetime.now()).isoformat(sep=" ", timespec="minutes")
    reports = len({row["sha256"] for row in rows})
    rules = sorted({str(row["rule"]) for row in rows})
    reviews = sorted({str(row["review_status"]) for row in rows})
    headers = "".join(f'<th data-column="{key}">{label}</th>' for key, label in COLUMNS)
    body = "\n".join(finding_row(row, pictures.get(row["id"])) for row in rows)
    summary = (
        f"{len(rows)} findings in {reports} reports ({escape(counted_what)}) · made {escape(when)}"
    )
    return f"""<!DOCTYPE html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<h1>{escape(title)}</h1>
<p id="summary">{summary}</p>
<h2>ตามกฎ (per rule)</h2>
{counts_table("rule-counts", "กฎ (rule)", counted(rows, "rule"), rule_title)}
<h2>ตามจังหวัด (per province)</h2>
{counts_table("province-counts", "จังหวัด (province)", counted(rows, "province"))}
<h2>ข้อสังเกต (findings)</h2>
<div class="controls">
<label>ค้นหา <input id="filter" type="search" placeholder="organisation, field, id…"></label>
<label>กฎ <select id="rule-filter">{options(rules, "ทุกกฎ (all rules)")}</select></label>
<label>การตรวจทาน <select id="review-filter">{options(reviews, "ทั้งหมด (all)")}</select></label>
<span><span id="shown">{len(rows)}</span> / {len(rows)} shown</span>
</div>
<table id="findings">
<thead><tr>{headers}</tr></thead>
<tbody>
{body}
</tbody>
</table>
<script>{SCRIPT}</script>
</body>
</html>
"""


@dataclass(frozen=True)
class WrittenReport:
    path: Path
    findings: int
    reports: int
    pictures: int


def write_html_report(
    sessions: SessionFactory,
    store: OriginalsStore,
    rows: list[FindingRow],
    path: Path,
    *,
    title: str = "raingan audit",
    resolution: int = REPORT_RESOLUTION,
    counted_what: str = CURRENT_FINDINGS,
) -> WrittenReport:
    """The page of `rows` (from `findings_table.read_findings`) with their evidence, at
    `path` (its folder made if need be)."""
    pictures = evidence_of(sessions, store, rows, resolution)
    page = html_report(rows, pictures, title=title, counted_what=counted_what)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return WrittenReport(
        path=path,
        findings=len(rows),
        reports=len({row["sha256"] for row in rows}),
        pictures=sum(1 for p in pictures.values() if p.pages),
    )


def counted_what(selection: FindingSelection) -> str:
    """What a page of the findings `selection` selects counts, in its summary's words."""
    review = f"{selection.review_status} " if selection.review_status is not None else ""
    if selection.include_superseded:
        return f"{review}findings, {WITH_SUPERSEDED}"
    return f"{review}{CURRENT_FINDINGS}"


def report_folder(default: Path, report_dir: str | None) -> Path:
    """The folder `--report-dir` names, else the setting's (`RAINGAN_REPORT_DIR`)."""
    return Path(report_dir).expanduser().resolve() if report_dir else default


def day_report_path(folder: Path, day: date) -> Path:
    return folder / f"audit-{day.isoformat()}.html"


def write_day_report(
    sessions: SessionFactory, store: OriginalsStore, folder: Path, day: date
) -> WrittenReport:
    """The nightly run's page: the open findings (not yet reviewed) of the current reports
    loaded that day (local midnight on), in `folder/audit-YYYY-MM-DD.html`; a second run that
    day writes it again, with both runs' reports. Not every open finding of the archive: each
    costs a picture (about 0.5 s), and the archive's are `raingan report`'s to draw."""
    midnight = datetime.combine(day, time.min).astimezone(UTC).replace(tzinfo=None)
    selection = FindingSelection(review_status=NOT_REVIEWED, loaded_since=midnight)
    rows = read_findings(sessions, selection)
    return write_html_report(
        sessions,
        store,
        rows,
        day_report_path(folder, day),
        title=f"raingan audit {day.isoformat()}: open findings",
        counted_what=f"open findings of the current reports loaded on {day.isoformat()}",
    )
