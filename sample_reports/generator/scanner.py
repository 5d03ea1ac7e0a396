"""Pages as an office scanner makes them: a signed, stamped, slightly skewed image per page.

Each page of a printed PDF is rendered in grey with pypdfium2 at the scanner's resolution;
ink goes on the paper first (a handwritten signature above the signer's printed name, a round
organisation stamp beside it), then the scanner's own marks: a skew, a darker and unevenly lit
background, sensor noise, and JPEG compression (grey) or a threshold (black and white). Each
image fills a page of the original size with no text layer, unless `junk_layer` leaves one
as a bad OCR pass does: invisible lines of Latin junk over the Thai lines.

Everything is seeded by the scanner's `seed` and the page number: rebuilds are byte-identical.
numpy, Pillow and pypdfium2 come with the core's dependencies (pandas, pdfplumber); reportlab
and pikepdf with the samples' extra.
"""

from __future__ import annotations

import contextlib
import io
import math
import random
import re
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pdfplumber
import pypdfium2
from PIL import Image, ImageDraw, ImageFilter

if TYPE_CHECKING:  # reportlab: the samples' extra, imported where a PDF is written
    from reportlab.pdfgen.canvas import Canvas

MODES = ("grey", "bw")
MAX_SKEW_DEGREES = 2.0
# Ink as it prints on a grey scan (the fraction of light it lets through): a blue ballpoint
# is dark, a red stamp pad mid-grey.
SIGNATURE_INK = 0.22
STAMP_INK = 0.5
JUNK_FONT = "Helvetica"  # a standard font: nothing embedded, nothing Thai


@dataclass(frozen=True)
class Scanner:
    """A scanner's settings. `background` and `unevenness` are fractions of white: the paper's
    darkening everywhere, and the extra darkening of a gentle gradient across the page."""

    dpi: int = 300
    mode: str = "grey"  # "grey": a JPEG per page; "bw": thresholded, a 1-bit image per page
    skew_degrees: float = 0.0
    jpeg_quality: int = 75
    background: float = 0.0
    unevenness: float = 0.0
    noise_sigma: float = 0.0  # in grey levels (0-255)
    softness: float = 0.0  # the optics' blur, a Gaussian radius in pixels (JPEGs smaller too)
    seed: int = 0
    threshold: int = 150  # "bw": darker than this is black

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode {self.mode!r}: one of {MODES}")
        if abs(self.skew_degrees) > MAX_SKEW_DEGREES:
            raise ValueError(f"skew {self.skew_degrees}° beyond ±{MAX_SKEW_DEGREES}°")
        if not 0 <= self.background + self.unevenness < 0.5:
            raise ValueError("the paper would be darker than the ink")

    def scan(
        self,
        pdf: Path,
        pages: Sequence[int],
        out: Path,
        *,
        signed: Mapping[int, str] | None = None,
        junk_layer: bool = False,
    ) -> None:
        """`out` = the 1-based `pages` of `pdf` scanned, in order. `signed` maps a page to the
        printed name its signer signs above (the stamp goes beside it)."""
        signed = signed or {}
        scanned: list[ScannedPage] = []
        document = pypdfium2.PdfDocument(pdf)
        document.init_forms()  # a printer prints a form's fields (an AcroForm check box) too
        try:
            with pdfplumber.open(pdf) as text:
                for number in pages:
                    page = text.pages[number - 1]
                    ink = (
                        signing_places(page, signed[number], self.dpi) if number in signed else None
                    )
                    image = self.scanned_image(document[number - 1], number, ink)
                    lines = text_lines(page) if junk_layer else []
                    scanned.append(ScannedPage(image, (page.width, page.height), lines, number))
        finally:
            document.close()
        write_pdf(scanned, out, self)

    def scanned_image(
        self, page: pypdfium2.PdfPage, number: int, ink: SigningPlaces | None
    ) -> Image.Image:
        rng = np.random.default_rng([self.seed, number])
        grey = page.render(scale=self.dpi / 72, grayscale=True).to_pil().convert("L")
        if ink is not None:
            grey = with_ink(grey, ink, rng, self.dpi)
        grey = grey.rotate(
            self.skew_degrees, resample=Image.Resampling.BICUBIC, fillcolor=255, expand=False
        )
        if self.softness:
            grey = grey.filter(ImageFilter.GaussianBlur(self.softness))
        pixels = np.asarray(grey, dtype=np.float32) * self.paper(grey.size)
        if self.noise_sigma:
            pixels += rng.standard_normal(pixels.shape, dtype=np.float32) * self.noise_sigma
        pixels = np.clip(np.rint(pixels), 0, 255).astype(np.uint8)
        if self.mode == "bw":
            return Image.fromarray(pixels >= self.threshold)
        return Image.fromarray(pixels, mode="L")

    def paper(self, size: tuple[int, int]) -> np.ndarray:
        """The light the paper reflects (1 = white): darker overall, darker still towards one
        corner and at the far edge, as a lid that does not close flat lights it."""
        width, height = size
        x = np.linspace(0.0, 1.0, width, dtype=np.float32)[None, :]
        y = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None]
        gradient = 0.6 * x * (0.4 + 0.6 * y) + 0.4 * np.clip((x - 0.85) / 0.15, 0, 1) ** 2
        return 1.0 - self.background - self.unevenness * gradient


@dataclass(frozen=True)
class SigningPlaces:
    """Where the ink goes on a page, in pixels: the signature's box and the stamp's circle."""

    signature: tuple[float, float, float, float]  # left, top, right, bottom
    stamp_centre: tuple[float, float]
    stamp_radius: float


@dataclass(frozen=True)
class TextLine:
    """A printed line, in PDF points from the page's top: where the junk layer writes."""

    x0: float
    x1: float
    bottom: float
    height: float


@dataclass(frozen=True)
class ScannedPage:
    image: Image.Image
    size: tuple[float, float]  # the original page's, in points
    lines: list[TextLine]  # the printed lines a bad OCR pass covers with junk
    number: int


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def signing_places(page: pdfplumber.page.Page, signer: str, dpi: int) -> SigningPlaces:
    """The signature above the printed "(name)" line, the stamp beside that signature block
    (the name line and the position under it), on whichever side has room."""
    lines = page.extract_text_lines()
    index = next(
        (i for i, line in enumerate(lines) if compact(f"({signer})") in compact(line["text"])),
        None,
    )
    if index is None:
        raise ValueError(f"page {page.page_number}: no printed name ({signer}) to sign above")
    name = lines[index]
    block = lines[index : index + 2]  # the name and the first line of the position
    height = name["bottom"] - name["top"]
    scale = dpi / 72
    block_left = min(line["x0"] for line in block)
    block_right = max(line["x1"] for line in block)
    radius = 3.3 * height  # a stamp some 3 cm across
    gap = 0.8 * height
    centre_x = block_left - gap - radius
    if centre_x - radius < 0.5 * gap:  # no room on the left: the right side
        centre_x = block_right + gap + radius
    centre_y = (name["top"] + block[-1]["bottom"]) / 2
    signature = (
        name["x0"] - 0.3 * height,
        name["top"] - 1.9 * height,
        name["x1"] + 0.3 * height,
        name["top"] - 0.15 * height,
    )
    left, top, right, bottom = (v * scale for v in signature)
    return SigningPlaces(
        (left, top, right, bottom), (centre_x * scale, centre_y * scale), radius * scale
    )


def text_lines(page: pdfplumber.page.Page) -> list[TextLine]:
    return [
        TextLine(line["x0"], line["x1"], line["bottom"], line["bottom"] - line["top"])
        for line in page.extract_text_lines()
    ]


# Ink --------------------------------------------------------------------------------------


def with_ink(
    page: Image.Image, places: SigningPlaces, rng: np.random.Generator, dpi: int
) -> Image.Image:
    """The page with a stamp and a signature on it: ink darkens what is under it."""
    stamp = Image.new("L", page.size, 255)
    draw_stamp(ImageDraw.Draw(stamp), places.stamp_centre, places.stamp_radius, rng, dpi)
    signature = Image.new("L", page.size, 255)
    draw_signature(ImageDraw.Draw(signature), places.signature, rng, dpi)
    light = np.asarray(page, dtype=np.float32) / 255
    for layer, ink in ((stamp, STAMP_INK), (signature, SIGNATURE_INK)):
        coverage = 1 - np.asarray(layer, dtype=np.float32) / 255
        if layer is stamp:  # a stamp pad inks unevenly: lighter patches
            coverage *= mottle(page.size, rng)
        light *= 1 - coverage * (1 - ink)
    return Image.fromarray(np.clip(np.rint(light * 255), 0, 255).astype(np.uint8), mode="L")


def mottle(size: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    coarse = rng.uniform(0.55, 1.0, (max(size[1] // 24, 1), max(size[0] // 24, 1)))
    image = Image.fromarray((coarse * 255).astype(np.uint8), mode="L").resize(
        size, Image.Resampling.BILINEAR
    )
    return np.asarray(image, dtype=np.float32) / 255


def pen_width(dpi: int, points: float) -> int:
    return max(1, round(points * dpi / 72))


def bezier(points: np.ndarray, steps: int = 24) -> np.ndarray:
    """A smooth curve through `points` (Catmull-Rom, as cubic Bézier segments)."""
    padded = np.vstack([points[:1], points, points[-1:]])
    t = np.linspace(0.0, 1.0, steps)[:, None]
    segments = []
    for i in range(1, len(padded) - 2):
        p0, p1, p2, p3 = padded[i - 1 : i + 3]
        c1, c2 = p1 + (p2 - p0) / 6, p2 - (p3 - p1) / 6
        segments.append(
            (1 - t) ** 3 * p1 + 3 * (1 - t) ** 2 * t * c1 + 3 * (1 - t) * t**2 * c2 + t**3 * p2
        )
    return np.vstack(segments)


def draw_signature(
    draw: ImageDraw.ImageDraw,
    box: tuple[float, float, float, float],
    rng: np.random.Generator,
    dpi: int,
) -> None:
    """A hurried signature: a looped stroke (a prolate trochoid, its loops of uneven size)
    rising across the box, a shorter second one, a flourish under both and a dot."""
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    t = np.linspace(0.0, 1.0, 600)
    loops = int(rng.integers(3, 6))
    swell = 1 + 0.3 * np.interp(t, np.linspace(0, 1, 6), rng.uniform(-1, 1, 6))
    first = np.column_stack(
        [
            left + width * (0.04 + 0.58 * t) - width * 0.05 * np.sin(2 * math.pi * loops * t),
            top
            + height * (0.55 - 0.15 * t)
            - height * 0.38 * swell * np.cos(2 * math.pi * loops * t),
        ]
    )
    second_x = left + width * np.linspace(0.64, 0.93, 5)
    second_y = top + height * (0.55 + 0.3 * np.sin(np.linspace(0, 3 * math.pi, 5)))
    second = bezier(np.column_stack([second_x, second_y + rng.normal(0, height * 0.05, 5)]))
    flourish = bezier(
        np.array(
            [
                [left + width * 0.02, bottom - 0.05 * height],
                [left + width * 0.45, bottom + 0.05 * height],
                [left + width * 0.9, bottom - 0.2 * height],
                [left + width * 1.0, bottom - 0.45 * height],
            ]
        )
    )
    for stroke, points in ((first, 0.9), (second, 0.8), (flourish, 0.6)):
        line = [(float(x), float(y)) for x, y in stroke]
        draw.line(line, fill=0, width=pen_width(dpi, points), joint="curve")
    dot_x, dot_y = left + width * 0.98, top + height * 0.2
    r = pen_width(dpi, 0.8)
    draw.ellipse((dot_x - r, dot_y - r, dot_x + r, dot_y + r), fill=0)


def draw_stamp(
    draw: ImageDraw.ImageDraw,
    centre: tuple[float, float],
    radius: float,
    rng: np.random.Generator,
    dpi: int,
) -> None:
    """An organisation's round stamp: two rings, marks like letters around the ring between
    them, an emblem in the middle and a line of small marks under it."""
    cx, cy = centre
    ring = pen_width(dpi, 1.4)
    for r in (radius, radius * 0.68):
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=0, width=ring)
    glyph = radius * 0.12
    band = radius * 0.84
    for k in range(28):
        angle = math.pi * (0.15 + 1.7 * k / 27) + math.pi / 2  # round the ring, a gap below
        gx, gy = cx + band * math.cos(angle), cy + band * math.sin(angle)
        draw_glyph(draw, (gx, gy), glyph, angle, rng, pen_width(dpi, 0.7))
    emblem = radius * 0.3
    draw.ellipse(
        (cx - emblem, cy - emblem * 1.2, cx + emblem, cy + emblem * 0.8), outline=0, width=ring
    )
    for k in range(8):
        angle = 2 * math.pi * k / 8
        draw.line(
            (
                cx,
                cy - emblem * 0.2,
                cx + emblem * 0.8 * math.cos(angle),
                cy - emblem * 0.2 + emblem * 0.8 * math.sin(angle),
            ),
            fill=0,
            width=pen_width(dpi, 0.6),
        )
    for k in range(6):
        gx = cx - radius * 0.4 + k * radius * 0.16
        draw_glyph(
            draw, (gx, cy + radius * 0.45), glyph * 0.8, math.pi / 2, rng, pen_width(dpi, 0.6)
        )


def draw_glyph(
    draw: ImageDraw.ImageDraw,
    centre: tuple[float, float],
    size: float,
    angle: float,
    rng: np.random.Generator,
    width: int,
) -> None:
    """A mark the size of a letter: a small loop and a stroke or two, upright to the ring."""
    cx, cy = centre
    up = (math.cos(angle), math.sin(angle))  # towards the ring's outside
    along = (-up[1], up[0])

    def at(u: float, v: float) -> tuple[float, float]:
        return (cx + size * (u * along[0] + v * up[0]), cy + size * (u * along[1] + v * up[1]))

    loop = size * 0.25
    lx, ly = at(-0.3, -0.4)
    draw.ellipse((lx - loop, ly - loop, lx + loop, ly + loop), outline=0, width=width)
    strokes = int(rng.integers(1, 3))
    for _ in range(strokes):
        u = float(rng.uniform(-0.4, 0.5))
        draw.line((at(u, -0.6), at(u + float(rng.uniform(-0.2, 0.3)), 0.6)), fill=0, width=width)


# The PDF ----------------------------------------------------------------------------------


@contextlib.contextmanager
def without_ascii85() -> Iterator[None]:
    """reportlab wraps image streams in ASCII85 by default: a quarter more bytes for nothing."""
    from reportlab import rl_config

    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def write_pdf(pages: list[ScannedPage], out: Path, scanner: Scanner) -> None:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    with without_ascii85():
        canvas = Canvas(str(out), invariant=1)
        for page in pages:
            canvas.setPageSize(page.size)
            canvas.drawImage(ImageReader(encoded(page.image, scanner)), 0, 0, *page.size)
            if page.lines:
                write_junk(canvas, page, scanner.seed)
            canvas.showPage()
        canvas.save()
    if scanner.mode == "bw":
        to_one_bit(out, [page.image for page in pages])


def encoded(image: Image.Image, scanner: Scanner) -> io.BytesIO:
    """A grey page as a JPEG (reportlab embeds it as it is); a black-and-white one as an 8-bit
    grey image that `to_one_bit` replaces afterwards."""
    buffer = io.BytesIO()
    if scanner.mode == "grey":
        image.save(buffer, format="JPEG", quality=scanner.jpeg_quality, optimize=True)
    else:
        image.convert("L").save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


def to_one_bit(path: Path, images: list[Image.Image]) -> None:
    """Each page's image stream replaced by its 1-bit, Flate-compressed original."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page, image in zip(pdf.pages, images, strict=True):
            (stream,) = (page.Resources.XObject[name] for name in page.Resources.XObject)
            packed = np.packbits(np.asarray(image, dtype=bool), axis=1).tobytes()
            stream.write(zlib.compress(packed, 9), filter=pikepdf.Name.FlateDecode)
            stream.BitsPerComponent = 1
            stream.ColorSpace = pikepdf.Name.DeviceGray
        pdf.save(path, deterministic_id=True, fix_metadata_version=False)


# The junk layer ---------------------------------------------------------------------------

CONFUSED = "lI1|0Oormnclhbeaitsuvwkfjy"


def junk_word(rng: random.Random) -> str:
    """A word as a Latin OCR pass reads Thai: letters it confuses, numbers with O for 0."""
    kind = rng.random()
    if kind < 0.2:
        digits = "".join(rng.choice("0O1l2345689") for _ in range(rng.randint(1, 4)))
        return f"{digits}.{rng.choice('0O')}{rng.choice('0O')}" if rng.random() < 0.5 else digits
    if kind < 0.3:
        return rng.choice(["Tlie", "rcport", "nnd", "tlie", "ol", "wliich", "~", "'", "|", ".."])
    word = "".join(rng.choice(CONFUSED) for _ in range(rng.randint(1, 8)))
    return word.capitalize() if rng.random() < 0.15 else word


def write_junk(canvas: Canvas, page: ScannedPage, seed: int) -> None:
    """Invisible text (render mode 3) over each printed line, as wide as the line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    rng = random.Random(f"{seed}-{page.number}")
    height = page.size[1]
    for line in page.lines:
        size = max(line.height * 0.9, 4.0)
        words = " ".join(junk_word(rng) for _ in range(max(1, round((line.x1 - line.x0) / 30))))
        natural = stringWidth(words, JUNK_FONT, size)
        text = canvas.beginText()
        text.setTextRenderMode(3)
        text.setFont(JUNK_FONT, size)
        text.setHorizScale(100 * (line.x1 - line.x0) / natural)
        text.setTextOrigin(line.x0, height - line.bottom + 0.2 * line.height)
        text.textLine(words)
        canvas.drawText(text)
