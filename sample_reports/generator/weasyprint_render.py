"""Report -> the same HTML as html_render -> PDF through WeasyPrint (Pango and HarfBuzz).

WeasyPrint draws a check box input itself: an unchecked one as an outline (two nested squares
filled even-odd), a checked one as that outline with a filled square inside. HarfBuzz draws
every SARA AM as NIKHAHIT + SARA AA, and WeasyPrint gives each glyph the text of the first
cluster it drew it in: the NIKHAHIT glyph none, the SARA AA glyph า, or ำ when a font's first
SARA AA was a SARA AM's (Word's one-code SARA AA error: every า of that font reads ำ).
"""

from __future__ import annotations

from pathlib import Path

from sample_reports.generator.html_render import HtmlStyle, report_html
from sample_reports.generator.layout import Layout
from sample_reports.generator.marks import MarkStyle
from sample_reports.generator.model import Report

DEFAULT_FONT = "Loma"
LATIN_FONT = "DejaVu Sans"  # TLWG fonts carry Latin letters, but not ☑ ☐ ✓
# TLWG fonts' own line boxes are tall (Loma's about 1.6 em): the summary page would not fit.
LINE_HEIGHT = "1.3"
# Stamped in the file as created and modified (WeasyPrint writes no date of its own): a fixed
# time, as html_render.pin_print_dates gives Chromium's prints, so that a rebuild is the same.
PRINT_TIME = "2023-03-20T09:00:00+07:00"


def render(
    report: Report,
    layout: Layout,
    out: Path,
    *,
    font_family: str = DEFAULT_FONT,
    latin_family: str = LATIN_FONT,
    body_pt: float = 11,
    table_pt: float = 9,
    line_height: str = LINE_HEIGHT,
    marks: MarkStyle | None = None,
    empty_boxes: bool = True,
) -> None:
    """Print the report with WeasyPrint. By default each status cell holds a check box input,
    checked or not, as a web form prints; `marks` prints another style (html_render)."""
    style = HtmlStyle(
        font_family,
        latin_family,
        body_pt=body_pt,
        table_pt=table_pt,
        line_height=line_height,
        marks=marks,
        empty_boxes=empty_boxes,
    )
    print_html(report_html(report, layout, style), out)


def print_html(html: str, out: Path) -> None:
    import weasyprint

    document = weasyprint.HTML(string=html).render()
    document.metadata.created = document.metadata.modified = PRINT_TIME
    document.write_pdf(out)
