"""The ways a sample PDF is made, and each one's page geometry. Pure data: no fonts, no Chromium.

The geometry is what the layout (and so the expected document) depends on; the renderers
that use it live in html_render.py and reportlab_render.py.
"""

from __future__ import annotations

from enum import StrEnum

from sample_reports.generator.layout import Geometry


class Producer(StrEnum):
    CHROMIUM = "chromium"  # HTML printed by headless Chromium, Noto Sans Thai
    CHROMIUM_PUA = "chromium-pua"  # the same in Laksaman: PUA marks, SARA AM split, reordering
    SCANNED_MEMO = "scanned-memo"  # Chromium's pages with page 1 replaced by its image
    REPORTLAB = "reportlab"  # drawn with reportlab, TLWG Garuda, landscape project list
    BULK = "bulk"  # reportlab with the bundled font and vector marks: fast, no system fonts
    # The bulk drawing with no ruling lines at all: tables of text, shading and check boxes only.
    BORDERLESS = "reportlab-borderless"
    # reportlab with every column squeezed: header labels wrap mid-word over several lines
    NARROW = "reportlab-narrow"
    # A word processor's export in a TH Sarabun-style font (Laksaman), its text layer damaged
    # as real ones are: ToUnicode entries rewritten, marks doubled or misordered, fake bold …
    WORD_EXPORT = "word-export"
    LIBREOFFICE = "libreoffice"  # an ODF document converted by soffice --headless, Laksaman
    # The browser's HTML printed by WeasyPrint (Pango, HarfBuzz) in a TLWG font: check box
    # inputs drawn as outlines, a filled square inside the checked ones.
    WEASYPRINT = "weasyprint"


GEOMETRIES: dict[Producer, Geometry] = {
    Producer.CHROMIUM: Geometry(
        name_chars_per_line=30,
        remark_chars_per_line=8,
        lines_per_page=38,
        row_padding=0.45,
        closing_lines=16,
    ),
    Producer.CHROMIUM_PUA: Geometry(
        name_chars_per_line=36,
        remark_chars_per_line=10,
        lines_per_page=44,
        row_padding=0.45,
        closing_lines=16,
    ),
    Producer.REPORTLAB: Geometry(
        name_chars_per_line=48,
        remark_chars_per_line=10,
        lines_per_page=35,
        row_padding=0.55,
        closing_lines=15,
    ),
    Producer.BULK: Geometry(
        name_chars_per_line=44,
        remark_chars_per_line=9,
        lines_per_page=34,
        row_padding=0.55,
        closing_lines=15,
    ),
}
# Narrow columns leave the name column wider, but the header takes up to eight lines.
GEOMETRIES[Producer.NARROW] = Geometry(
    name_chars_per_line=48,
    remark_chars_per_line=10,
    lines_per_page=34,
    row_padding=0.55,
    closing_lines=15,
)
# Drawn as the reportlab producer draws (a TH Sarabun-style font is narrower than Garuda).
GEOMETRIES[Producer.WORD_EXPORT] = GEOMETRIES[Producer.REPORTLAB]
GEOMETRIES[Producer.LIBREOFFICE] = Geometry(
    name_chars_per_line=40,
    remark_chars_per_line=8,
    lines_per_page=30,
    row_padding=0.6,
    closing_lines=16,
)
GEOMETRIES[Producer.SCANNED_MEMO] = GEOMETRIES[Producer.CHROMIUM]
# Lines 1.3 ems apart (weasyprint_render.LINE_HEIGHT): the fullest list page of long names in
# the tallest TLWG font (Umpush) fills three quarters of its page.
GEOMETRIES[Producer.WEASYPRINT] = Geometry(
    name_chars_per_line=30,
    remark_chars_per_line=8,
    lines_per_page=46,
    row_padding=0.6,
    closing_lines=18,
)
GEOMETRIES[Producer.BORDERLESS] = GEOMETRIES[Producer.BULK]
# Producers drawn with the bundled font (no system fonts needed), and those with no rulings.
BUNDLED_FONT_PRODUCERS = frozenset({Producer.BULK, Producer.BORDERLESS})
BORDERLESS_PRODUCERS = frozenset({Producer.BORDERLESS})
