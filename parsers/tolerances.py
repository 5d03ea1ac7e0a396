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

    # --- Tables printed without rules (ems of a word's height).
    phrase_gap_em: float = 0.4  # words closer than this are one phrase: a space is ~0.3 em
    row_gap_em: float = 1.5  # a vertical gap wider than this ends a table
    margin_em: float = 0.5  # the inferred box reaches this far beyond the table's text
    cross_em: float = 0.05  # a phrase crosses a boundary when it reaches this far past it
    gap_steps_per_em: int = 4  # vertical gaps are alike when they round to the same quarter em
    min_figures: int = 2  # figures set apart in one line make it a figure row

    # --- The memo's signature blocks (line heights).
    position_gap_lines: float = 1.2  # a wider gap under a name ends the position printed there


TOLERANCES = Tolerances()
