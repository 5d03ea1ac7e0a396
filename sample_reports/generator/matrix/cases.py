"""A round-trip case drawn at random from (seed, index): what the report says and how it is made.

Each factor is drawn independently of the others. Where a producer cannot vary a factor (the
Word-like export draws in its TH Sarabun-style font, HTML tables are not squeezed), the case
records what the producer really did, so that the tables per factor level stay honest.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from enum import StrEnum

from sample_reports.generator.marks import GLYPHS, MarkStyle
from sample_reports.generator.thai_fonts import THAI_FONTS
from sample_reports.generator.vocabulary import ORG_KINDS, PLACES


class Maker(StrEnum):
    """The producers the matrix draws from."""

    REPORTLAB = "reportlab"  # a canvas: fonts, marks, ruled or not, squeezed columns
    CHROMIUM = "chromium"  # HTML printed by headless Chromium
    WEASYPRINT = "weasyprint"  # the same HTML through Pango and HarfBuzz
    LIBREOFFICE = "libreoffice"  # an ODF document converted by soffice
    WORD_EXPORT = "word-export"  # a word processor's export with a damaged text layer


# Producers a clean checkout has after `make test` (pip packages, Debian's Chromium): the slice
# that `make test` runs draws only these.
SLICE_MAKERS = (Maker.REPORTLAB, Maker.CHROMIUM, Maker.WEASYPRINT, Maker.WORD_EXPORT)
# The Word-like export's defects (sample_reports.generator.word_export.Defect values); a case
# draws one at DEFECT_SHARE, and the Word-like export makes it.
DEFECT_SHARE = 0.25
TEXT_DEFECTS: tuple[str, ...] = (
    "sara-aa",
    "sara-aa-one-code",  # its NIKHAHIT mapped to a space, a zero-width space or nothing
    "mark-after-sara-am",
    "doubled-marks",
    "fake-bold",
    "zero-width-spaces",
    "letter-spaced-titles",
    "cid-glyph-names",
    "vanishing-vowel",
    "unusable-page",
)
SIZES = (0.85, 1.0, 1.15)  # the tables' type, against the producer's own
NARROW = (None, None, 0.7, 0.55, 0.45)  # the project list's columns, of their width
SCAN_DPI = (150, 200, 300)
SCAN_SHARE = 0.1
SCAN_MODES = ("grey", "bw")


@dataclass(frozen=True)
class Scan:
    """How an office scanned the printed report: the memo only (the usual filing) or all."""

    dpi: int
    mode: str
    skew: float
    jpeg_quality: int
    noise: float
    unevenness: float
    memo_only: bool

    @property
    def level(self) -> str:
        return f"{self.dpi}-{self.mode}{'-memo' if self.memo_only else ''}"


@dataclass(frozen=True)
class Case:
    seed: int
    index: int
    # content
    kind: str
    place: int  # index into vocabulary.PLACES
    fiscal_year: int
    round_months: int
    n_projects: int
    memo: bool
    mutations: int  # how many printed figures are made to disagree
    # how it is made
    maker: Maker
    font: str  # a thai_fonts key
    size: float
    marks: MarkStyle
    narrow: float | None
    ruled: bool
    closing_on_list: bool
    defect: str | None
    scan: Scan | None

    @property
    def name(self) -> str:
        return f"case-{self.seed}-{self.index:05d}"

    @property
    def is_scan(self) -> bool:
        return self.scan is not None

    def levels(self) -> dict[str, str]:
        """The case's level of each factor, as the tables print them."""
        return {
            "producer": self.maker.value,
            "font": self.font,
            "size": f"{self.size:g}",
            "marks": self.marks.value,
            "layout": layout_level(self),
            "defect": self.defect or "none",
            "scan": self.scan.level if self.scan else "none",
            "projects": projects_level(self.n_projects),
            "kind": self.kind,
            "mutations": str(self.mutations),
        }


def layout_level(case: Case) -> str:
    width = "wide" if case.narrow is None else f"narrow-{case.narrow:g}"
    return f"{width}{'' if case.ruled else '-unruled'}"


def projects_level(n: int) -> str:
    return next(label for top, label in PROJECT_BANDS if n <= top)


PROJECT_BANDS = ((1, "1"), (10, "2-10"), (40, "11-40"), (100, "41-100"), (200, "101-200"))


def draw_projects(rng: random.Random, most: int) -> int:
    """1 to `most` projects, small lists more often (as a six-month round files them)."""
    band = rng.choices(((1, 10), (11, 40), (41, 100), (101, 200)), (3, 4, 2, 1))[0]
    return min(most, rng.randint(*band))


def draw_scan(rng: random.Random) -> Scan:
    return Scan(
        dpi=rng.choice(SCAN_DPI),
        mode=rng.choices(SCAN_MODES, (3, 1))[0],
        skew=round(rng.uniform(-2.0, 2.0), 2),
        jpeg_quality=rng.randint(30, 90),
        noise=round(rng.uniform(0.0, 4.0), 1),
        unevenness=round(rng.uniform(0.0, 0.15), 2),
        memo_only=rng.random() < 0.6,
    )


def scanned_at(case: Case, level: str) -> Case:
    """The case scanned at `level` (`200-grey`, `150-bw-memo`: a Scan.level) whatever it drew;
    the scanner's other settings drawn from the case's own stream. For measuring one setting."""
    dpi, mode, *memo = level.split("-")
    if mode not in SCAN_MODES or int(dpi) not in SCAN_DPI or memo not in ([], ["memo"]):
        raise ValueError(f"no scan level {level!r}: DPI-MODE[-memo], DPI of {SCAN_DPI}")
    drawn = draw_scan(random.Random(f"raingan-matrix-scan:{case.seed}:{case.index}"))
    scan = dataclasses.replace(drawn, dpi=int(dpi), mode=mode, memo_only=bool(memo))
    return dataclasses.replace(
        case, scan=scan, memo=case.memo or bool(memo), n_projects=min(case.n_projects, 30)
    )


def html_mark_styles() -> frozenset[MarkStyle]:
    """The mark styles html_render prints besides its check box input (no Wingdings: a
    browser has no such font)."""
    from sample_reports.generator import html_render

    if "marks" not in {field.name for field in dataclasses.fields(html_render.HtmlStyle)}:
        return frozenset()
    drawn = set(GLYPHS) | set(html_render.SVG_MARKS) | {MarkStyle.VECTOR_FILLED, MarkStyle.INPUT}
    return frozenset(drawn - {MarkStyle.WINGDINGS})


def draw_case(seed: int, index: int, *, in_slice: bool = False) -> Case:
    """The case (seed, index): every factor drawn from its own stream of one generator."""
    rng = random.Random(f"raingan-matrix:{seed}:{index}")
    makers = SLICE_MAKERS if in_slice else tuple(Maker)
    maker = rng.choice(makers)
    memo = rng.random() < 0.8
    # The slice in `make test` holds no scan: pages read from their images still misread
    # (the scanned-reports issue); `make matrix` draws them.
    scan = draw_scan(rng) if rng.random() < SCAN_SHARE else None
    if in_slice:
        scan = None
    if scan is not None and scan.memo_only and not memo:
        scan = dataclasses.replace(scan, memo_only=False)
    case = Case(
        seed=seed,
        index=index,
        kind=rng.choice(sorted(ORG_KINDS)),
        place=rng.randrange(len(PLACES)),
        fiscal_year=rng.randint(2560, 2569),
        round_months=rng.choice((6, 12)),
        # A scanned case is read page by page from its images: kept short.
        n_projects=draw_projects(rng, 30 if scan or in_slice else 200),
        memo=memo,
        mutations=rng.choices(range(6), (4, 3, 2, 1, 1, 1))[0],
        maker=maker,
        font=rng.choice(THAI_FONTS).key,
        size=rng.choice(SIZES),
        marks=rng.choice(list(MarkStyle)),
        narrow=rng.choice(NARROW),
        ruled=rng.random() < 0.8,
        closing_on_list=rng.random() < 0.5,
        defect=rng.choice(TEXT_DEFECTS[1:]) if rng.random() < DEFECT_SHARE else None,
        scan=scan,
    )
    return as_made(case, html_mark_styles())


# What each producer does its own way, whatever the case drew.
HTML_MAKERS = (Maker.CHROMIUM, Maker.WEASYPRINT)
FIXED_BY_MAKER: dict[Maker, dict[str, object]] = {
    Maker.WORD_EXPORT: {
        "font": "laksaman",
        "marks": MarkStyle.BALLOT_GLYPHS,
        "size": 1.0,
        "narrow": None,
        "ruled": True,
    },
    Maker.LIBREOFFICE: {
        "font": "laksaman",
        "marks": MarkStyle.BALLOT_GLYPHS,
        "size": 1.0,
        "narrow": None,
        "ruled": True,
    },
    Maker.CHROMIUM: {"narrow": None, "ruled": True},
    Maker.WEASYPRINT: {"narrow": None, "ruled": True},
}
# The mark styles the HTML producers print (html_render.HtmlStyle.marks); the rest become
# their own check box input.
HTML_INPUT_MARKS = {
    Maker.CHROMIUM: MarkStyle.VECTOR_TICK,
    Maker.WEASYPRINT: MarkStyle.VECTOR_FILLED,
}


def as_made(case: Case, html_marks: frozenset[MarkStyle] = frozenset()) -> Case:
    """The case as its producer can make it: factors it cannot vary take its own value. A
    text-layer defect is the Word-like export's: drawing one makes the case that export."""
    maker = Maker.WORD_EXPORT if case.defect is not None else case.maker
    if maker == Maker.WORD_EXPORT and case.defect is None:
        maker = Maker.REPORTLAB
    changes: dict[str, object] = {"maker": maker, **FIXED_BY_MAKER.get(maker, {})}
    marks = changes.get("marks", case.marks)
    if maker in HTML_MAKERS and marks not in html_marks:
        changes["marks"] = MarkStyle.INPUT  # what HTML cannot draw: the form's own input
    elif maker not in HTML_MAKERS and marks == MarkStyle.INPUT:
        changes["marks"] = MarkStyle.ACROFORM  # a form's check box, in a PDF's own terms
    if case.defect == "unusable-page" and not case.memo:
        changes["defect"] = "sara-aa"  # the page left unusable is the memo's
    return dataclasses.replace(case, **changes)  # type: ignore[arg-type]
