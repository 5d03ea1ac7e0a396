"""The Thai font families Debian ships (fonts-thai-tlwg, fonts-tlwg-laksaman, fonts-noto-core),
declared once: where each one's files are, its CSS name, and what it lacks.

Noto's Thai families hold no Latin letters or digits: a renderer pairs them with a Latin font.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

TLWG = Path("/usr/share/fonts/truetype/tlwg")
NOTO = Path("/usr/share/fonts/truetype/noto")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


@dataclass(frozen=True)
class ThaiFont:
    family: str  # the CSS / fontconfig family name
    regular: Path
    bold: Path
    has_latin: bool = True  # Latin letters and digits
    looped: bool = True  # Thai letters with loops (the traditional form)

    @property
    def key(self) -> str:
        return self.family.lower().replace(" ", "-")


def tlwg(family: str, stem: str | None = None, looped: bool = True) -> ThaiFont:
    stem = stem or family.replace(" ", "")
    return ThaiFont(family, TLWG / f"{stem}.ttf", TLWG / f"{stem}-Bold.ttf", looped=looped)


def noto(family: str, stem: str, looped: bool) -> ThaiFont:
    return ThaiFont(
        family,
        NOTO / f"{stem}-Regular.ttf",
        NOTO / f"{stem}-Bold.ttf",
        has_latin=False,
        looped=looped,
    )


THAI_FONTS: tuple[ThaiFont, ...] = (
    tlwg("Garuda"),
    tlwg("Kinnari"),
    tlwg("Loma"),
    tlwg("Norasi"),
    tlwg("Sawasdee"),
    tlwg("Umpush"),
    tlwg("Waree"),
    tlwg("Purisa"),
    tlwg("Tlwg Typo"),
    tlwg("Laksaman"),
    noto("Noto Sans Thai", "NotoSansThai", looped=False),
    noto("Noto Serif Thai", "NotoSerifThai", looped=True),
    noto("Noto Looped Thai", "NotoLoopedThai", looped=True),
)
FONTS_BY_KEY = {font.key: font for font in THAI_FONTS}
LATIN_REGULAR = DEJAVU / "DejaVuSans.ttf"  # Latin letters and digits for Noto's Thai fonts
LATIN_BOLD = DEJAVU / "DejaVuSans-Bold.ttf"
SYMBOLS = DEJAVU / "DejaVuSans.ttf"  # ☐ ☑ ☒ ✓ ✔ ✗ ●: no Thai family has them


def thai_font(key: str) -> ThaiFont:
    try:
        return FONTS_BY_KEY[key]
    except KeyError:
        raise ValueError(f"unknown Thai font {key!r}: one of {sorted(FONTS_BY_KEY)}") from None
