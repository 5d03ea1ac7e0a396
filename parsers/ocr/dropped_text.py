"""Printed text beside a drawing that Tesseract's page layout left out, found by its ink and
read again.

Tesseract's automatic layout takes a region beside a stamp's remains or a signature for a
picture and reads none of it: a signatory's name and position vanish without a doubt, and the
next block takes their place. Ink in rows of letters that no word read covers, near what was
taken out as drawn (parsers.ocr.drawings), is read again, each run of it as a block of its
own. Elsewhere nothing is: a table's label found so would be read as a table's, alone, where
its rows were left unread."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from parsers.ocr.engine import Engine, TextPiece

Rect = tuple[int, int, int, int]  # left, top, right, bottom, in pixels


@dataclass(frozen=True)
class DropSettings:
    """Sizes in the page's median letter height."""

    covered_margin: float = 0.5  # ink this near a word read belongs to it (its marks)
    smallest_letter: float = 0.6  # smaller ink is a mark or a dot, not a letter
    tallest_letter: float = 2.5  # taller ink is a drawing's, not a letter's
    letter_gap: float = 1.2  # letters of a run stand at most this far apart
    fewest_letters: int = 3  # a run of fewer letters is a drawing's remains
    read_margin: float = 0.4  # room kept around a run read again
    beside_drawing: float = 6.0  # a run this near a drawing's ink is read again (a position
    # is printed two lines under the signature over its name)


DROPS = DropSettings()


def covered(shape: tuple[int, ...], lines: list[list[TextPiece]], margin: int) -> np.ndarray:
    """Where the words read stand, each box widened by `margin` pixels."""
    mask = np.zeros(shape[:2], np.uint8)
    for line in lines:
        for piece in line:
            mask[
                max(0, piece.top - margin) : piece.bottom + margin,
                max(0, piece.left - margin) : piece.right + margin,
            ] = 1
    return mask


def letter_height(stats: np.ndarray) -> float:
    return float(np.median(stats[1:, cv2.CC_STAT_HEIGHT])) if len(stats) > 1 else 0.0


def unread_letters(ink: np.ndarray, lines: list[list[TextPiece]]) -> tuple[np.ndarray, float]:
    """A mask of the letter-sized ink no word read covers, and the page's letter height."""
    count, _labels, stats, centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    letter = letter_height(stats)
    mask = np.zeros(ink.shape, np.uint8)
    if count < 2 or letter <= 0:
        return mask, letter
    read = covered(ink.shape, lines, round(DROPS.covered_margin * letter))
    heights = stats[:, cv2.CC_STAT_HEIGHT]
    sized = (heights >= DROPS.smallest_letter * letter) & (heights <= DROPS.tallest_letter * letter)
    xs = np.clip(centres[:, 0].astype(int), 0, ink.shape[1] - 1)
    ys = np.clip(centres[:, 1].astype(int), 0, ink.shape[0] - 1)
    unread = sized & (read[ys, xs] == 0)
    unread[0] = False
    for index in np.flatnonzero(unread):
        left, top, width, height, _area = stats[index]
        mask[top : top + height, left : left + width] = 1
    return mask, letter


def dropped_runs(ink: np.ndarray, drawn: np.ndarray, lines: list[list[TextPiece]]) -> list[Rect]:
    """Runs of unread letters side by side on a row, each at least `fewest_letters` wide,
    that come near what was drawn."""
    if not drawn.any():
        return []
    mask, letter = unread_letters(ink, lines)
    if not mask.any():
        return []
    near = round(DROPS.beside_drawing * letter)
    beside = cv2.dilate(drawn, cv2.getStructuringElement(cv2.MORPH_RECT, (near, near))) > 0
    reach = max(1, round(DROPS.letter_gap * letter))
    joined = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (reach, 1)))
    _count, _labels, stats, _centres = cv2.connectedComponentsWithStats(joined, connectivity=8)
    margin = round(DROPS.read_margin * letter)
    height, width = ink.shape[:2]
    runs = []
    for left, top, run_width, run_height, _area in stats[1:]:
        wide = run_width - reach >= DROPS.fewest_letters * letter
        if wide and beside[top : top + run_height, left : left + run_width].any():
            runs.append(
                (
                    max(0, left - margin),
                    max(0, top - margin),
                    min(width, left + run_width + margin),
                    min(height, top + run_height + margin),
                )
            )
    return runs


def read_dropped_text(
    engine: Engine, ink: np.ndarray, drawn: np.ndarray, lines: list[list[TextPiece]]
) -> list[list[TextPiece]]:
    """The lines of the runs of text beside `drawn` (a drawing's ink taken out of `ink`) that
    the page's layout left out, read in the engine's current image (`ink`, which `lines`
    were read from)."""
    runs = dropped_runs(ink, drawn, lines)
    if not runs:
        return []
    read = covered(ink.shape, lines, 0)
    found: list[list[TextPiece]] = []
    for run in runs:
        for line in engine.read(run):
            # Only what was left out: a piece over a word read already is that word again.
            kept = [piece for piece in line if not overlaps_read(piece, read)]
            if kept:
                found.append(kept)
    return found


def overlaps_read(piece: TextPiece, read: np.ndarray) -> bool:
    return bool(read[piece.top : piece.bottom, piece.left : piece.right].any())
