"""Marks printed floating above their letter.

A PDF producer that does not position Thai marks (ReportLab, a word processor's export without
the font's mark positioning) draws every tone mark and THANTHAKHAT at the height it takes over
an upper vowel, even where there is none: สร้าง prints its MAI THO high above the RO RUA, with
paper between. Tesseract, trained on marks set down over a bare letter, leaves such a mark out
(สราง). Set down where a shaping engine sets it, as near its letter as the page's upper vowels
sit to theirs, the mark is read.

This module finds such marks in a table cell's or a line's grey and sets them down, nothing
else: a mark over an upper vowel, or one already near its letter, stays where it is. What is
read from the moved ink is only taken where two readings of it agree and show no misreading
(`parsers.ocr.cell_rereading`)."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

LETTER_HEIGHT_RANK = 0.75  # the body's height: this rank of the components' heights
BASE_HEIGHT = 0.6  # of the body's height: a letter on the line (a mark is shorter)
SMALLEST_MARK = 4  # pixels of ink: less is a speck
ABOVE_WITHIN = 1.3  # of the body's height: a mark's bottom this far above its letter's top
LOW_RANK = 0.25  # the rank of the marks' gaps over their letters that upper vowels give
SET_GAP = 0.12  # of the body's height: a mark's gap over its letter, where no vowel shows it
HALO = 1  # pixels of a mark's grey fringe moved with it
FLOATING = 0.4  # of the body's height: paper under a mark this tall, it floats


@dataclass(frozen=True)
class Blob:
    """A connected piece of ink: its box in pixels and its label in the labelled image."""

    label: int
    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def middle(self) -> float:
        return self.left + self.width / 2


def blobs_of(grey: np.ndarray) -> tuple[list[Blob], np.ndarray]:
    """The ink's connected pieces (Otsu's threshold on the cell) and the labelled image."""
    _, ink = cv2.threshold(grey, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    blobs = [
        Blob(label, *(int(v) for v in stats[label][:4]))
        for label in range(1, count)
        if stats[label][4] >= SMALLEST_MARK
    ]
    return blobs, labels


def body_height(blobs: list[Blob]) -> float:
    heights = sorted(blob.height for blob in blobs)
    return float(heights[int(LETTER_HEIGHT_RANK * (len(heights) - 1))]) if heights else 0.0


def under(mark: Blob, blobs: list[Blob], body: float) -> list[Blob]:
    """The pieces below a mark, across its middle, nearest first."""
    found = [
        blob
        for blob in blobs
        if blob.left <= mark.middle <= blob.right
        and 0 <= blob.top - mark.bottom <= ABOVE_WITHIN * body
    ]
    return sorted(found, key=lambda blob: blob.top)


def stands_on(mark: Blob, other: Blob, letter: Blob) -> bool:
    """Is another mark between the mark and its letter, across any part of it (a tone mark
    over an upper vowel, whose strokes may be two pieces: ื)?"""
    across = other.left < mark.right and mark.left < other.right
    return other is not mark and across and mark.bottom <= other.top + 1 and other.top < letter.top


def set_gap(marks: list[Blob], letters: list[Blob], body: float) -> float:
    """How far above its letter a mark set by a shaping engine sits: as near as the cell's
    lower marks over a letter (upper vowels), never farther than SET_GAP of the body."""
    gaps = [below[0].top - mark.bottom for mark in marks if (below := under(mark, letters, body))]
    lowest = float(np.percentile(gaps, LOW_RANK * 100)) if gaps else body
    return min(lowest, SET_GAP * body)


def marks_set_down(grey: np.ndarray) -> np.ndarray | None:
    """The grey (a cell's, a line's) with each mark floating over a bare letter set down over
    it, as near as the upper vowels sit; None where no mark floats."""
    blobs, labels = blobs_of(grey)
    body = body_height(blobs)
    letters = [blob for blob in blobs if blob.height >= BASE_HEIGHT * body]
    marks = [blob for blob in blobs if blob.height < BASE_HEIGHT * body]
    gap = set_gap(marks, letters, body)
    moved = grey.copy()
    count = 0
    for mark in marks:
        below = under(mark, letters, body)
        if not below or any(stands_on(mark, other, below[0]) for other in marks):
            continue
        paper = below[0].top - mark.bottom
        if paper < FLOATING * body or paper < 2 * gap:
            continue
        move_blob(moved, grey, labels, mark, round(paper - gap))
        count += 1
    return moved if count else None


def move_blob(moved: np.ndarray, grey: np.ndarray, labels: np.ndarray, blob: Blob, dy: int) -> None:
    """Paper where the blob was, its ink `dy` pixels lower (darkest wins where ink meets). The
    paper covers the blob's grey fringe too (a pixel around it), which could read as a mark."""
    rows = slice(max(0, blob.top - HALO), blob.bottom + HALO)
    columns = slice(max(0, blob.left - HALO), blob.right + HALO)
    mask = labels[rows, columns] == blob.label
    fringe = cv2.dilate(mask.astype(np.uint8), np.ones((2 * HALO + 1,) * 2, np.uint8)) > 0
    ink = grey[rows, columns].copy()
    moved[rows, columns][fringe] = np.uint8(np.median(grey))  # the paper
    target = moved[rows.start + dy : rows.stop + dy, columns]
    shown = fringe[: target.shape[0]]
    target[shown] = np.minimum(target[shown], ink[: target.shape[0]][shown])
