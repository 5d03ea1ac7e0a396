"""Files shipped inside the package: a Thai font with Latin digits, so that evidence captions
and web pages print Thai and figures alike whatever fonts the machine or the viewer has.

Laksaman (TH Sarabun New, the typeface of Thai government documents) from fonts-tlwg,
unaltered, under GPL-2+ with the font exception: `Laksaman.LICENSE.txt` and `GPL-2.txt` ship
beside it. Package data, so an installed wheel carries it too.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

THAI_FONT_FILE = "Laksaman.ttf"
THAI_FONT_FAMILY = "Laksaman"  # the family name inside the file (for CSS @font-face)


def thai_font_path() -> Path:
    """The shipped Thai font (TrueType): Thai letters, Latin and Thai digits."""
    path = Path(str(files(__name__).joinpath(THAI_FONT_FILE)))
    if not path.is_file():  # a broken install: say so rather than print boxes
        raise FileNotFoundError(f"raingan's Thai font is missing: {path}")
    return path
