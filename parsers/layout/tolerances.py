"""How far apart things may be drawn and still be read as one, declared once (as pdfplumber's
`TableSettings` does): rules, text clusters, words, lines, marks and borderless tables.

Text tolerances are in ems of the text (its font size or a word's height), never in fixed points,
so that they hold at any type size; rules and marks are drawn at fixed sizes, in points.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Tolerances:
    # --- Ruling lines (points): borders are drawn a fraction of a point wide and off by as much.
    snap: float = 2.0  # segments this close are collinear; ends this close join
    thin: float = 2.5  # a rectangle thinner than this is a line
    min_rule: float = 4.0  # shorter segments are glyph parts or check marks, not borders
    inside_slack: float = 0.5  # a word's centre this far outside a cell is still in it

    # --- Marks that may tick a status box (points).
    mark_max: float = 30.0  # anything larger is a table, a logo or a signature
    mark_min: float = 2.0  # anything smaller (in both directions) is a speck
    filled_box_min: float = 3.0  # an inked rectangle narrower than this is a rule, not a box
    ink_min: float = 1.0  # a stroke shorter than this (per direction) draws no tick
    hairline: float = 0.5  # a stroke drawn with no width given counts as this wide
    # A status box is judged by the ink inside it (parsers.layout.page.Mark.ink, square points, as
    # dark as black) against the other boxes of its row (parsers.sections.project_list.read_boxes).
    # A tick is about 10 points of stroke, a filled square 20 square points or more.
    ink_speck: float = 1.0  # less ink than this above an empty box is nothing
    # Boxes whose ink differs by less than this share of the row's most are alike: Chromium
    # snaps a 6-pixel square to 7 (a third more ink), a decoration may outweigh a tick.
    alike_share: float = 0.35
    marked_share: float = 0.6  # marked from this share of the most ink a box holds
    empty_share: float = 0.2  # empty up to this share; in between, undecided

    # --- Glyph clusters, words and lines (ems of the font size).
    zero_advance_em: float = 0.05  # a glyph narrower than this advances nothing: a mark
    mark_reach_em: float = 0.35  # a mark sits within its base's box, or this close beside it
    mark_lookback: int = 32  # bases searched backwards for a mark drawn out of order
    # Fake bold draws each glyph twice a fraction of a point apart: copies of one glyph this
    # close (points, as pdfplumber's `dedupe_chars` default) that overlap by over half its width.
    duplicate_glyph: float = 1.0
    line_em: float = 0.35  # baselines closer than this are one line
    word_gap_em: float = 0.2  # a wider gap separates words (a space is ~0.25–0.33 em)
    non_starter_reach_em: float = 1.0  # what cannot start a word joins the word this close
    # ... without a space between, across a gap this narrow (a wider one may be the edge of a
    # column: a label wrapped before SARA AA, สาม / ารถ, set beside the last column's การ)
    non_starter_gap_em: float = 0.4

    # --- Tables printed without rules (ems of a word's height).
    phrase_gap_em: float = 0.4  # words closer than this are one phrase: a space is ~0.3 em
    # ... or one word space of the page's font, this close (a space is one glyph's advance,
    # alike to a hundredth of an em every time; wide in Umpush, 0.5 em, and Tlwg Typo, 0.6)
    space_match_em: float = 0.03
    space_ceiling_em: float = 1.0  # a gap between words of a line this wide may be a space
    bold_space_ratio: float = 1.3  # a line's own space may be this much wider than the page's
    min_spaces: int = 5  # gaps needed to measure a page's word space
    row_gap_em: float = 1.5  # a vertical gap wider than this ends a table
    margin_em: float = 0.5  # the inferred box reaches this far beyond the table's text
    cross_em: float = 0.05  # a phrase crosses a boundary when it reaches this far past it
    gap_steps_per_em: int = 4  # vertical gaps are alike when they round to the same quarter em
    min_figures: int = 2  # figures set apart in one line make it a figure row

    # --- The memo's signature blocks (line heights).
    position_gap_lines: float = 1.2  # a wider gap under a name ends the position printed there


TOLERANCES = Tolerances()


@dataclass(frozen=True, slots=True)
class OcrTolerances:
    """Pages read from their images (parsers.ocr): lengths in points unless said otherwise."""

    dpi: float = 300.0  # pages are rendered at this resolution to be read
    # A scan coarser than this is not read: Thai marks are a pixel or two (90 dpi reads at
    # about 50% mean confidence; 200 dpi reads 99% of the figures).
    min_scan_dpi: float = 150.0
    # ... measured from the image (its pixels over its width), which is whole pixels over a
    # page size in points: a 150-dpi A4 scan measures 149.98 or 150.10 dpi, one fitted to a
    # page a little wider than the scanner's glass a few per cent less. This share is allowed.
    scan_dpi_slack: float = 0.03
    # A scan coarser than this is brought up to `dpi` by 1.7 times or more, its strokes' edges
    # blurred over pixels Otsu's threshold takes for ink: its table cells are read with each
    # stroke cut where its grey is half-way between its core, the darkest within
    # `stroke_core` points of it, and the paper (150 dpi: 72% to 92% of one report's fields;
    # at 200 and 300 dpi grey Otsu's ink reads as well or better, and in black and white at
    # 200 dpi as well on the whole, with a sequence number's 7 read as ร on one sample).
    blurred_below_dpi: float = 175.0
    stroke_core: float = 1.0
    max_skew: float = 3.0  # degrees a scan may be turned by (scanners: up to about 2)
    skew_step: float = 0.5  # degrees: the coarse search step (then a fifth of it)
    # A ruling line is at least this long: longer than a status box's side (about 10 pt),
    # shorter than the narrowest column (about 20 pt) and than a row (about 14 pt).
    min_rule_h: float = 16.0
    min_rule_v: float = 11.0
    cell_margin: float = 1.5  # read a cell this far inside its rules
    # A status box: a square component this size inside a status cell.
    box_min: float = 6.0
    box_max: float = 22.0
    box_squareness: float = 0.8  # the shorter side over the longer one
    box_inner: float = 0.2  # its inside starts this share of its side in from its outline
    # The share of a box's inside that is ink: below `empty_ink` it is clearly empty, above
    # `ticked_ink` clearly ticked; in between it is doubtful (null, an `ocr:` warning).
    empty_ink: float = 0.04
    ticked_ink: float = 0.12
    speck: float = 1.2  # ink smaller than this (both ways) is noise
    # Recognition confidence (0–100): a page whose words average below `page_confidence` is
    # not read (image-only); a figure with a character below `figure_confidence` is doubtful.
    page_confidence: float = 55.0
    figure_confidence: float = 70.0
    # A cell the Thai model read as a few letters, or unsurely, is read again as figures (it
    # reads a lone "4" as ฮู); that reading is taken when it is this sure and a figure.
    short_cell: int = 3
    sure_figure: float = 85.0
    # Drawn, not printed (parsers.ocr.page_from_image.without_drawings), in heights of the
    # page's median letter: a signature's stroke is `drawing_width` wide and `stroke_height`
    # tall or more; a stamp's ring `drawing_height` tall. Ink whose darkest grey is lighter
    # than the printed text's by `lighter_ink` levels (of 255) is a stamp pad's or a pencil's.
    drawing_height: float = 4.0
    drawing_width: float = 8.0
    stroke_height: float = 1.5
    lighter_ink: int = 60
    speckle_letters: int = 3  # a line of words this short read unsurely is a drawing's remains
    seconds_per_page: float = 10.0  # the time limit grows by this for each page read so


OCR_TOLERANCES = OcrTolerances()
