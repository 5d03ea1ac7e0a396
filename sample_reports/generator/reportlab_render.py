"""Report -> PDF drawn with reportlab: another font, other column widths and header wrapping
than the browser's print, check-mark glyphs (or drawn boxes) in the status cells, and the
project list on landscape pages. Tables are ruled, or (the borderless producer) drawn with no
line at all: text, header shading and the status check boxes only.

reportlab draws code points as given (no shaping): the text layer is plain Unicode Thai.
Each page is drawn where the layout says; a page whose content does not fit raises.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from sample_reports.generator import thai_fonts
from sample_reports.generator import wording as w
from sample_reports.generator.layout import Layout, Page, PageKind
from sample_reports.generator.marks import GLYPHS, WINGDINGS_DRAWS, MarkStyle
from sample_reports.generator.model import STATUSES, BudgetTable, Memo, ProjectRow, Report
from sample_reports.generator.producers import (
    BORDERLESS_PRODUCERS,
    BUNDLED_FONT_PRODUCERS,
    Producer,
)
from sample_reports.generator.thai import COMBINING, amount, count, pct, plain
from sample_reports.generator.verify import LayoutMismatch

TLWG = Path("/usr/share/fonts/truetype/tlwg")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
BUNDLED = Path(__file__).with_name("fonts")
PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGIN = 36.0
HEADER_FILL = (0.9, 0.92, 0.95)
INK = (0.1, 0.14, 0.5)  # the pen of handwritten notes


@dataclass(frozen=True)
class FontSet:
    thai: str
    thai_bold: str
    latin: str  # for what the Thai font lacks (digits, Latin letters)
    latin_bold: str
    handwriting: str | None  # None: notes in the text fonts (the bundled font has no '.')
    mark_font: str | None  # a font with ☑ ☐ ✓, None: marks are drawn as paths


def register(name: str, path: Path) -> str:
    if name not in pdfmetrics.getRegisteredFontNames():
        if not path.exists():
            raise FileNotFoundError(f"font {path} is missing (make samples installs it)")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


@cache
def fonts_for(producer: Producer, thai_font: str | None = None) -> FontSet:
    """The producer's fonts, or a Thai family of `thai_fonts` (its key) for all text."""
    if thai_font is not None:
        return family_fonts(thai_fonts.thai_font(thai_font))
    if producer in BUNDLED_FONT_PRODUCERS:
        thai = register("NotoSansThai", BUNDLED / "NotoSansThai-Regular.ttf")
        bold = register("NotoSansThai-Bold", BUNDLED / "NotoSansThai-Bold.ttf")
        handwriting = thai if producer == Producer.BULK else None
        return FontSet(thai, bold, "Helvetica", "Helvetica-Bold", handwriting, None)
    garuda = register("Garuda", TLWG / "Garuda.ttf")
    garuda_bold = register("Garuda-Bold", TLWG / "Garuda-Bold.ttf")
    purisa = register("Purisa", TLWG / "Purisa.ttf")
    dejavu = register("DejaVuSans", DEJAVU)
    return FontSet(garuda, garuda_bold, garuda, garuda_bold, purisa, dejavu)


def family_fonts(font: thai_fonts.ThaiFont) -> FontSet:
    thai = register_face(font.family, font.regular)
    bold = register_face(f"{font.family} Bold", font.bold)
    latin, latin_bold = thai, bold
    if not font.has_latin:
        latin = register("DejaVuSans", thai_fonts.LATIN_REGULAR)
        latin_bold = register("DejaVuSans-Bold", thai_fonts.LATIN_BOLD)
    purisa = register("Purisa", TLWG / "Purisa.ttf")
    return FontSet(
        thai, bold, latin, latin_bold, purisa, register("DejaVuSans", thai_fonts.SYMBOLS)
    )


def register_face(name: str, path: Path) -> str:
    """`name` for the font at `path`, as a face of its own: reportlab embeds a face once, so a
    file other fonts here also register (the Word-like export's Laksaman) gets its own
    PostScript name."""
    if name not in pdfmetrics.getRegisteredFontNames():
        from fontTools.ttLib import TTFont as FontFile

        font = FontFile(str(path), recalcTimestamp=False)
        postscript = "Face-" + name.replace(" ", "")  # never the file's own PostScript name
        font["name"].setName(postscript, 6, 3, 1, 0x409)
        font["name"].setName(postscript, 6, 1, 0, 0)
        data = io.BytesIO()
        font.save(data)
        data.seek(0)
        pdfmetrics.registerFont(TTFont(name, data))
    return name


def is_thai(char: str) -> bool:
    return "\u0e00" <= char <= "\u0e7f"


OPENING = ("(", '"', "“", "/")
CLOSING = (")", '"', "”", "/", ",", ".")


@lru_cache(maxsize=65536)
def thai_words(text: str) -> tuple[str, ...]:
    """Words to break lines between; brackets and quotes stay with the word they enclose."""
    from pythainlp.tokenize import word_tokenize

    words: list[str] = []
    glue_next = False
    for token in word_tokenize(text, engine="newmm", keep_whitespace=True):
        if words and (glue_next or (token in CLOSING and not words[-1].isspace())):
            words[-1] += token
        else:
            words.append(token)
        glue_next = token in OPENING and not token.isspace()
    return tuple(words)


def clusters(word: str) -> list[str]:
    """A word cut into pieces that never start with a combining mark."""
    pieces: list[str] = []
    for char in word:
        if pieces and char in COMBINING:
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


class Writer:
    """Draws mixed Thai/Latin text in runs of the right font, measures and wraps it."""

    def __init__(self, canvas: Canvas | None, fonts: FontSet):
        self.canvas = canvas
        self.fonts = fonts

    def runs(self, text: str, bold: bool) -> list[tuple[str, str]]:
        thai = self.fonts.thai_bold if bold else self.fonts.thai
        latin = self.fonts.latin_bold if bold else self.fonts.latin
        if thai == latin:
            return [(thai, text)]
        runs: list[tuple[str, str]] = []
        for char in text:
            font = thai if is_thai(char) else latin
            if char == " " and runs:
                font = runs[-1][0]
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + char)
            else:
                runs.append((font, char))
        return runs

    def width(self, text: str, size: float, bold: bool = False) -> float:
        return sum(pdfmetrics.stringWidth(t, f, size) for f, t in self.runs(text, bold))

    def draw(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        bold: bool = False,
        align: str = "left",
        font: str | None = None,
    ) -> None:
        runs = [(font, text)] if font else self.runs(text, bold)
        total = sum(pdfmetrics.stringWidth(t, f, size) for f, t in runs)
        if align == "center":
            x -= total / 2
        elif align == "right":
            x -= total
        for run_font, run_text in runs:
            self.canvas.setFont(run_font, size)
            self.canvas.drawString(x, y, run_text)
            x += pdfmetrics.stringWidth(run_text, run_font, size)

    def wrap(self, text: str, size: float, width: float, bold: bool = False) -> list[str]:
        """Greedy line filling at Thai word boundaries (and spaces), as a word processor does."""
        lines: list[str] = []
        for part in text.split("\n"):
            tokens = thai_words(part) if any(is_thai(c) for c in part) else re.split("( )", part)
            line = ""
            for token in tokens:
                if self.width((line + token).rstrip(), size, bold) <= width:
                    line += token
                    continue
                if line.strip():
                    lines.append(line.strip())
                line = token.lstrip()
                while self.width(line, size, bold) > width:  # a word wider than the cell
                    pieces, head = clusters(line), ""
                    while pieces and self.width(head + pieces[0], size, bold) <= width:
                        head += pieces.pop(0)
                    if not head:
                        head = pieces.pop(0)
                    lines.append(head)
                    line = "".join(pieces)
            if line.strip():
                lines.append(line.strip())
        return lines or [""]


@dataclass
class Cell:
    text: str = ""
    span: int = 1
    rowspan: int = 1
    align: str = "left"
    bold: bool = False
    header: bool = False
    mark: bool | None = None  # a status cell: marked or not
    lines: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TableStyle:
    size: float
    leading: float
    pad: float
    # ballot: ☑/☐; check: ✓ when marked; vector: drawn boxes; or a marks.MarkStyle value
    mark_style: str = "ballot"
    ruled: bool = True  # False: no cell edges (header cells keep their shading)
    top_aligned: bool = False  # text from the top of the cell (as text exports print), not centred


def layout_cells(rows: list[list[Cell]], widths: list[float]) -> list[list[tuple[int, Cell]]]:
    """Give each cell its starting column, skipping the columns of rowspans from above."""
    taken: dict[tuple[int, int], bool] = {}
    placed = []
    for r, row in enumerate(rows):
        col, out = 0, []
        for cell in row:
            while taken.get((r, col)):
                col += 1
            out.append((col, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.span):
                    taken[(r + dr, col + dc)] = True
            col += cell.span
        if col > len(widths):
            raise ValueError("a table row has more cells than columns")
        placed.append(out)
    return placed


def draw_table(
    writer: Writer,
    x: float,
    top: float,
    widths: list[float],
    rows: list[list[Cell]],
    style: TableStyle,
    draw: bool = True,
) -> float:
    """Draw a table from `top` down (bordered unless the style is not ruled); return its
    bottom. `draw=False` only measures."""
    placed = layout_cells(rows, widths)
    starts = [x + sum(widths[:i]) for i in range(len(widths) + 1)]
    heights = [style.leading + 2 * style.pad] * len(rows)
    for r, row in enumerate(placed):
        for col, cell in row:
            inner = starts[col + cell.span] - starts[col] - 2 * style.pad
            if cell.align == "right":  # figures never wrap: a cell too narrow is a bug
                if writer.width(cell.text, style.size, cell.bold) > inner + style.pad:
                    raise LayoutMismatch(f"{cell.text} does not fit its column")
                cell.lines = [cell.text]
            else:
                cell.lines = (
                    writer.wrap(cell.text, style.size, inner, cell.bold) if cell.text else []
                )
            if cell.rowspan == 1:
                needed = max(1, len(cell.lines)) * style.leading + 2 * style.pad
                heights[r] = max(heights[r], needed)
    for r, row in enumerate(placed):
        for _col, cell in row:
            if cell.rowspan > 1:
                needed = max(1, len(cell.lines)) * style.leading + 2 * style.pad
                have = sum(heights[r : r + cell.rowspan])
                if have < needed:
                    heights[r + cell.rowspan - 1] += needed - have
    tops = [top - sum(heights[:r]) for r in range(len(rows) + 1)]
    if draw:
        for r, row in enumerate(placed):
            for col, cell in row:
                draw_cell(writer, starts, tops, r, col, cell, style)
    return tops[-1]


def draw_cell(
    writer: Writer,
    starts: list[float],
    tops: list[float],
    r: int,
    col: int,
    cell: Cell,
    style: TableStyle,
) -> None:
    canvas = writer.canvas
    left, right = starts[col], starts[col + cell.span]
    top, bottom = tops[r], tops[r + cell.rowspan]
    if style.ruled or cell.header:
        canvas.setLineWidth(0.6)
        canvas.setStrokeColorRGB(0, 0, 0)
        if cell.header:
            canvas.setFillColorRGB(*HEADER_FILL)
        stroke = 1 if style.ruled else 0
        canvas.rect(left, bottom, right - left, top - bottom, stroke=stroke, fill=int(cell.header))
        canvas.setFillColorRGB(0, 0, 0)
    middle = (top + bottom) / 2
    if cell.mark is not None:
        draw_mark(writer, (left + right) / 2, middle, cell.mark, style)
        return
    if style.top_aligned:
        block_top = top - style.pad
    else:
        block_top = middle + len(cell.lines) * style.leading / 2
    baseline = block_top - style.leading + (style.leading - style.size) / 2 + 1.5
    for i, line in enumerate(cell.lines):
        y = baseline - i * style.leading
        if cell.align == "center":
            writer.draw((left + right) / 2, y, line, style.size, cell.bold, "center")
        elif cell.align == "right":
            writer.draw(right - style.pad, y, line, style.size, cell.bold, "right")
        else:
            writer.draw(left + style.pad, y, line, style.size, cell.bold)


# The renderer's first names for three styles.
LEGACY_MARKS = {
    "ballot": MarkStyle.BALLOT_GLYPHS,
    "vector": MarkStyle.VECTOR_TICK,
    "check": MarkStyle.BARE_TICK,
}


def draw_mark(writer: Writer, x: float, y: float, marked: bool, style: TableStyle) -> None:
    canvas, fonts = writer.canvas, writer.fonts
    mark = LEGACY_MARKS.get(style.mark_style) or MarkStyle(style.mark_style)
    if fonts.mark_font is None and mark not in VECTOR_MARKS | {MarkStyle.ACROFORM}:
        mark = MarkStyle.VECTOR_TICK  # the bundled font has no mark glyphs
    if mark in GLYPHS:
        glyph = GLYPHS[mark].marked if marked else GLYPHS[mark].empty
        if glyph:
            size = style.size * 1.3
            font = fonts.latin if glyph.isascii() else fonts.mark_font
            if glyph in WINGDINGS_DRAWS:
                font = register_wingdings()
            writer.draw(x, y - size * 0.35, glyph, size, align="center", font=font)
        return
    if mark == MarkStyle.ACROFORM:
        acroform_box(canvas, x, y, marked, style.size)
        return
    VECTOR_DRAWERS[mark](canvas, x, y, marked, style.size)


@cache
def register_wingdings() -> str:
    """A symbol font as Word's Wingdings is: its boxes at private-use codes (U+F0A8, U+F0FE),
    made from DejaVu Sans's ☐ and ☑ (Debian ships no Wingdings)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont as FontFile

    font = FontFile(str(thai_fonts.SYMBOLS), recalcTimestamp=False)
    cmap = font.getBestCmap()
    options = subset.Options()
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(drawn) for drawn in WINGDINGS_DRAWS.values()])
    subsetter.subset(font)
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap = {ord(code): cmap[ord(drawn)] for code, drawn in WINGDINGS_DRAWS.items()}
    font["name"].setName("Wingdings", 1, 3, 1, 0x409)
    font["name"].setName("Wingdings-Regular", 6, 3, 1, 0x409)
    data = io.BytesIO()
    font.save(data)
    data.seek(0)
    pdfmetrics.registerFont(TTFont("Wingdings", data))
    return "Wingdings"


def outlined_box(canvas: Canvas, x: float, y: float, side: float) -> None:
    canvas.setLineWidth(0.8)
    canvas.rect(x - side / 2, y - side / 2, side, side, stroke=1, fill=0)


def ticked_box(canvas: Canvas, x: float, y: float, marked: bool, side: float) -> None:
    outlined_box(canvas, x, y, side)
    if marked:
        path = canvas.beginPath()
        path.moveTo(x - side * 0.32, y)
        path.lineTo(x - side * 0.08, y - side * 0.3)
        path.lineTo(x + side * 0.36, y + side * 0.34)
        canvas.setLineWidth(1.4)
        canvas.drawPath(path, stroke=1, fill=0)


def crossed_box(canvas: Canvas, x: float, y: float, marked: bool, side: float) -> None:
    outlined_box(canvas, x, y, side)
    if marked:
        inner = side * 0.32
        canvas.setLineWidth(1.2)
        canvas.line(x - inner, y - inner, x + inner, y + inner)
        canvas.line(x - inner, y + inner, x + inner, y - inner)


def filled_box(canvas: Canvas, x: float, y: float, marked: bool, side: float) -> None:
    """An outline, and a filled square inside when marked (as WeasyPrint prints a check box)."""
    outlined_box(canvas, x, y, side)
    if marked:
        inner = side * 0.56
        canvas.rect(x - inner / 2, y - inner / 2, inner, inner, stroke=0, fill=1)


VECTOR_DRAWERS: dict[MarkStyle, Callable[[Canvas, float, float, bool, float], None]] = {
    MarkStyle.VECTOR_TICK: ticked_box,
    MarkStyle.VECTOR_CROSS: crossed_box,
    MarkStyle.VECTOR_FILLED: filled_box,
}
VECTOR_MARKS = frozenset(VECTOR_DRAWERS)


def acroform_box(canvas: Canvas, x: float, y: float, marked: bool, side: float) -> None:
    """An AcroForm check box field: its look lives in the widget's appearance streams."""
    size = side * 1.2
    name = f"status_{canvas.getPageNumber()}_{round(x)}_{round(y)}"
    canvas.acroForm.checkbox(
        name=name,
        x=x - size / 2,
        y=y - size / 2,
        size=size,
        checked=marked,
        buttonStyle="check",
        borderWidth=0.8,
        borderColor=None,
        fillColor=None,
        textColor=None,
        forceBorder=True,
    )


def narrowest(writer: Writer, cell: Cell, style: TableStyle) -> float:
    """The narrowest a body cell prints: a figure or Latin text whole, Thai at its widest word."""
    if cell.mark is not None:
        return style.size * 1.3
    if cell.align == "right" or not any(is_thai(char) for char in cell.text):
        return writer.width(cell.text, style.size, cell.bold)
    words = thai_words(cell.text)
    return max((writer.width(word, style.size, cell.bold) for word in words), default=0.0)


def narrowed(
    writer: Writer,
    narrow: float | None,
    widths: list[float],
    rows: list[list[Cell]],
    style: TableStyle,
    fill: int | None = None,
) -> list[float]:
    """Columns at `narrow` of their width, as offices squeeze a table: header labels wrap
    (mid-word where a word is wider than its column), body figures never do. Column `fill`
    takes what the others leave of the table's width."""
    if narrow is None:
        return widths
    needed = [0.0] * len(widths)
    for row in layout_cells(rows, widths):
        for col, cell in row:
            if cell.span == 1 and not cell.header:
                width = narrowest(writer, cell, style) + 2 * style.pad + 1
                needed[col] = max(needed[col], width)
    out = [max(width * narrow, need) for width, need in zip(widths, needed, strict=True)]
    if fill is not None:
        out[fill] += sum(widths) - sum(out)
    return out


# --- pages ------------------------------------------------------------------------------


@dataclass
class Context:
    writer: Writer
    report: Report
    mark_style: str
    ruled: bool = True
    top_aligned: bool = False
    narrow: float | None = None  # every column this much narrower, down to its figures
    narrow_summary: float | None = None  # the summary tables' (None: as `narrow`)
    status_columns: tuple[str, ...] = w.STATUS_COLUMNS  # versions of the system word them
    narrative_pending: str = w.NARRATIVE_PENDING
    column_scale: float = 1.0  # the project list's columns other than the name, and the
    # disbursement table's, this much wider (the name column takes what is left)
    page_number: int = 0
    size_scale: float = 1.0  # the tables' type, larger or smaller than the producer's own

    def table_style(self, size: float, leading: float, pad: float) -> TableStyle:
        scale = self.size_scale
        return TableStyle(
            size * scale, leading * scale, pad, self.mark_style, self.ruled, self.top_aligned
        )

    def columns(
        self,
        widths: list[float],
        rows: list[list[Cell]],
        style: TableStyle,
        fill: int | None = None,
    ) -> list[float]:
        """The project list's columns (the one with a `fill` column) or a summary table's."""
        summary = self.narrow if self.narrow_summary is None else self.narrow_summary
        narrow = self.narrow if fill is not None else summary
        return narrowed(self.writer, narrow, widths, rows, style, fill)

    @property
    def canvas(self) -> Canvas:
        return self.writer.canvas

    def require(self, y: float, what: str) -> None:
        if y < MARGIN - 2:
            raise LayoutMismatch(f"page {self.page_number}: {what} does not fit")


def squiggle(canvas: Canvas, x: float, y: float, name: str) -> None:
    digest = hashlib.sha256(name.encode()).digest()
    canvas.setStrokeColorRGB(*INK)
    canvas.setLineWidth(1.1)
    path = canvas.beginPath()
    path.moveTo(x - 45, y)
    for i in range(6):
        x1 = x - 45 + i * 16
        path.curveTo(x1 + 4, y + digest[i] % 14, x1 + 10, y - digest[i + 6] % 10, x1 + 16, y)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.setStrokeColorRGB(0, 0, 0)


def labelled(ctx: Context, y: float, label: str, value: str, size: float, width: float) -> float:
    """`label value`, the value wrapped under the label's line; returns the next baseline."""
    writer = ctx.writer
    writer.draw(MARGIN, y, label, size, bold=True)
    indent = writer.width(label + " ", size, bold=True)
    lines = writer.wrap(value, size, width - indent)
    for i, line in enumerate(lines):
        writer.draw(MARGIN + indent, y - i * size * 1.5, line, size)
    return y - len(lines) * size * 1.5


def paragraph(ctx: Context, y: float, text: str, size: float, width: float, indent: float) -> float:
    writer = ctx.writer
    first = writer.wrap(text, size, width - indent)[0]
    writer.draw(MARGIN + indent, y, first, size)
    rest = text[len(first) :].strip() if text.startswith(first) else ""
    y -= size * 1.5
    for line in writer.wrap(rest, size, width) if rest else []:
        writer.draw(MARGIN, y, line, size)
        y -= size * 1.5
    return y


def memo_page(ctx: Context, memo: Memo) -> None:
    writer, canvas = ctx.writer, ctx.canvas
    canvas.setPageSize(PORTRAIT)
    page_w, page_h = PORTRAIT
    width = page_w - 2 * MARGIN
    size = 12.5
    head = w.memo_head(memo)
    y = page_h - MARGIN - 20
    writer.draw(page_w / 2, y, w.MEMO_TITLE, 20, bold=True, align="center")
    y -= 34
    y = labelled(ctx, y, "ส่วนราชการ", f"{head['agency']} โทร. {head['phone']}", size, width)
    writer.draw(MARGIN, y, "ที่", size, bold=True)
    writer.draw(MARGIN + writer.width("ที่ ", size, True), y, head["reference"], size)
    date_x = MARGIN + width * 0.48
    writer.draw(date_x, y, "วันที่", size, bold=True)
    writer.draw(date_x + writer.width("วันที่ ", size, True), y, head["date"], size)
    y -= size * 1.5
    y = labelled(ctx, y, "เรื่อง", head["subject"], size, width)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, y + size * 0.9, page_w - MARGIN, y + size * 0.9)
    y -= 4
    y = labelled(ctx, y, "เรียน", head["addressee"], size, width)
    y -= 4
    for text in memo.body:
        y = paragraph(ctx, y, w.memo_text(memo, text), size, width, indent=60)
    y = paragraph(ctx, y, memo.closing, size, width, indent=60)
    for index, signature in enumerate(memo.signatures):
        centre = MARGIN + width * (0.7 if index % 2 == 0 else 0.28)
        y -= 8
        if signature.note:
            writer.draw(centre - 20, y, signature.note, size, font=writer.fonts.handwriting)
            y -= size * 1.4
        squiggle(canvas, centre, y - 2, signature.person.name)
        y -= size * 1.8
        writer.draw(centre, y, f"({signature.person.name})", size, align="center")
        for line in signature.person.position_lines:
            y -= size * 1.45
            writer.draw(centre, y, line, size, align="center")
        y -= size * 1.45
    if memo.handwritten_date:
        writer.draw(
            MARGIN + width * 0.2, y, memo.handwritten_date, size, font=writer.fonts.handwriting
        )
        y -= size * 1.45
    ctx.require(y, "the memo")


def dimensions_rows(report: Report) -> list[list[Cell]]:
    table = report.dimensions
    h = {"header": True, "align": "center", "bold": True}
    rows = [
        [Cell(w.dimensions_title(report), span=9, **h)],
        [Cell("ชื่อ อปท.", rowspan=2, **h), Cell("มิติ", rowspan=2, **h)]
        + [Cell(label, span=span, **h) for label, span in w.DIMENSIONS_HEADER_GROUPS],
        [Cell(label, **h) for label in w.DIMENSIONS_SUBHEADERS],
    ]
    for n, row in enumerate(table.rows):
        first = (
            [Cell(report.organization, rowspan=len(table.rows), align="center")] if n == 0 else []
        )
        rows.append(
            [
                *first,
                Cell(str(row.dimension), align="center"),
                Cell(count(row.projects_planned), align="right"),
                Cell(count(row.projects_done), align="right"),
                Cell(amount(row.budget_planned), align="right"),
                Cell(amount(row.budget_ordinance), align="right"),
                Cell(amount(row.budget_spent), align="right"),
                Cell(pct(row.pct_projects), align="right"),
                Cell(pct(row.pct_budget), align="right"),
            ]
        )
    t = table.total
    rows.append(
        [
            Cell("รวม", span=2, align="center", bold=True),
            Cell(count(t.projects_planned), align="right", bold=True),
            Cell(count(t.projects_done), align="right", bold=True),
            Cell(amount(t.budget_planned), align="right", bold=True),
            Cell(amount(t.budget_ordinance), align="right", bold=True),
            Cell(amount(t.budget_spent), align="right", bold=True),
            Cell(pct(t.pct_projects), align="right", bold=True),
            Cell(pct(t.pct_budget), align="right", bold=True),
        ]
    )
    return rows


def budget_rows(table: BudgetTable) -> list[list[Cell]]:
    h = {"header": True, "align": "center", "bold": True}
    heads = [Cell(f"มิติที่ {row.dimension}", span=2, **h) for row in table.rows]
    heads.append(Cell(f"รวม {len(table.rows)} มิติ", span=2, **h))
    subs = [
        Cell(label, **h) for _ in range(len(table.rows) + 1) for label in ("โครงการ", "งบประมาณ")
    ]
    values = [
        cell
        for row in [*table.rows, table.total]
        for cell in (
            Cell(count(row.projects), align="right"),
            Cell(amount(row.budget), align="right"),
        )
    ]
    return [heads, subs, values]


def disbursement_rows(report: Report) -> list[list[Cell]]:
    table = report.disbursement
    word = w.dimension_word(table.misspelt_header)
    h = {"header": True, "align": "center", "bold": True}
    rows = [[Cell(word, **h)] + [Cell(label, **h) for label in w.DISBURSEMENT_HEADERS]]
    for row in table.rows:
        rows.append(
            [
                Cell(f"{word}ที่ {row.dimension}"),
                Cell(amount(row.plan), align="right"),
                Cell(amount(row.ordinance), align="right"),
                Cell(amount(row.disbursed), align="right"),
            ]
        )
    t = table.total
    rows.append(
        [
            Cell(f"รวม {len(table.rows)} {word}", bold=True),
            Cell(amount(t.plan), align="right", bold=True),
            Cell(amount(t.ordinance), align="right", bold=True),
            Cell(amount(t.disbursed), align="right", bold=True),
        ]
    )
    return rows


def status_rows(report: Report) -> list[list[Cell]]:
    s = report.status_summary
    h = {"header": True, "align": "center", "bold": True}
    values = (
        count(s.minimum_projects),
        count(s.total_projects),
        count(s.in_ordinance),
        count(s.in_progress),
        count(s.completed),
        count(s.unable),
        pct(s.implementation_pct),
        plain(s.level),
    )
    return [
        [Cell(label, **h) for label in w.STATUS_HEADERS],
        [Cell(v, align="center") for v in values],
    ]


def summary_page(ctx: Context) -> None:
    writer, report = ctx.writer, ctx.report
    ctx.canvas.setPageSize(PORTRAIT)
    page_w, page_h = PORTRAIT
    width = page_w - 2 * MARGIN
    y = page_h - MARGIN - 14
    for line in w.cover_title(report):
        writer.draw(page_w / 2, y, line, 14, bold=True, align="center")
        y -= 20
    y -= 4
    writer.draw(page_w / 2, y, report.organization, 11, bold=True, align="center")
    for line in report.office_lines:
        y -= 15
        writer.draw(page_w / 2, y, line, 10.5, align="center")
    location = w.location_line(report)
    if location:
        y -= 19
        writer.draw(page_w / 2, y, location, 11, bold=True, align="center")
    y -= 12
    style = ctx.table_style(size=8, leading=10.5, pad=2.5)
    if report.dimensions is not None:
        rows = dimensions_rows(report)
        widths = ctx.columns([78, 24] + [(width - 102) / 7] * 7, rows, style)
        y = draw_table(writer, MARGIN, y, widths, rows, style)
        y -= 6
    for title, table in (
        (w.PLAN_BUDGET_TITLE, report.plan_budget),
        (w.ORDINANCE_BUDGET_TITLE, report.ordinance_budget),
    ):
        if table is None:
            continue
        y -= 11
        writer.draw(MARGIN, y, title, 9.5, bold=True)
        y -= 5
        columns = 2 * (len(table.rows) + 1)
        rows = budget_rows(table)
        widths = ctx.columns([width / columns] * columns, rows, style)
        y = draw_table(writer, MARGIN, y, widths, rows, style)
        y -= 4
    if report.disbursement is not None:
        y -= 11
        writer.draw(MARGIN, y, w.DISBURSEMENT_TITLE, 9.5, bold=True)
        y -= 5
        widths = [column * ctx.column_scale for column in DISBURSEMENT_WIDTHS]
        rows = disbursement_rows(report)
        y = draw_table(writer, MARGIN, y, ctx.columns(widths, rows, style), rows, style)
        y -= 4
    if report.status_summary is not None:
        y -= 11
        writer.draw(MARGIN, y, w.STATUS_TITLE, 9.5, bold=True)
        y -= 5
        rows = status_rows(report)
        y = draw_table(writer, MARGIN, y, ctx.columns([width / 8] * 8, rows, style), rows, style)
    y -= 14
    writer.draw(MARGIN, y, w.data_as_of_line(report), 9)
    ctx.require(y, "the summary tables")


DISBURSEMENT_WIDTHS = [90.0, 110.0, 110.0, 110.0]
PROJECT_WIDTHS = [34.0, 300.0, 32.0, 72.0, 68.0, 52.0, 52.0, 52.0, 52.0, 68.0]


def project_table_rows(ctx: Context, page: Page) -> list[list[Cell]]:
    h = {"header": True, "align": "center", "bold": True}
    rows = [
        [Cell(label, rowspan=2, **h) for label in w.PROJECT_HEADERS]
        + [Cell(w.STATUS_GROUP, span=4, **h), Cell(w.REMARK_HEADER, rowspan=2, **h)],
        [Cell(label, **h) for label in ctx.status_columns],
    ]
    for index in page.rows:
        row = ctx.report.projects[index]
        rows.append(project_cells(row))
    return rows


def project_cells(row: ProjectRow) -> list[Cell]:
    """One project row as printed: number, name, dimension, amounts, a box per status, remark."""
    return [
        Cell(str(row.seq), align="center"),
        Cell(row.name),
        Cell(str(row.dimension), align="center"),
        Cell(amount(row.budget), align="right"),
        Cell(amount(row.disbursed), align="right"),
        *(Cell(mark=column in row.marks) for column in range(len(STATUSES))),
        Cell(row.remark or ""),
    ]


def projects_page(ctx: Context, page: Page) -> None:
    writer, report = ctx.writer, ctx.report
    ctx.canvas.setPageSize(LANDSCAPE)
    page_w, page_h = LANDSCAPE
    y = page_h - MARGIN + 6
    for line in writer.wrap(w.projects_title(report), 12, page_w - 2 * MARGIN - 80, bold=True):
        y -= 16
        writer.draw(page_w / 2, y, line, 12, bold=True, align="center")
    y -= 8
    style = ctx.table_style(size=9, leading=12, pad=3)
    widths = [x * (1 if i == 1 else ctx.column_scale) for i, x in enumerate(PROJECT_WIDTHS)]
    widths[1] += (page_w - 2 * MARGIN) - sum(widths)
    if ctx.narrow is not None:  # the same columns on every page: fitted to the whole list
        whole = Page(PageKind.PROJECTS, tuple(range(len(report.projects))))
        widths = ctx.columns(widths, project_table_rows(ctx, whole), style, fill=1)
    rows = project_table_rows(ctx, page)
    bottom = draw_table(writer, MARGIN, y, widths, rows, style, draw=False)
    ctx.require(bottom, "the project rows")
    y = draw_table(writer, MARGIN, y, widths, project_table_rows(ctx, page), style)
    if page.closing:
        closing_block(ctx, y - 18, size=10)


def closing_block(ctx: Context, y: float, size: float) -> None:
    writer, report = ctx.writer, ctx.report
    step = size * 1.55
    writer.draw(MARGIN, y, w.data_as_of_line(report), size)
    reporter = w.reporter_line(report)
    if reporter:
        y -= step * 1.4
        writer.draw(MARGIN, y, reporter, size)
    if report.problems:
        y -= step * 1.6
        writer.draw(MARGIN, y, w.PROBLEMS_TITLE, size + 1, bold=True)
        for line in w.problem_lines(report):
            for part in writer.wrap(line, size, 480):
                y -= step
                writer.draw(MARGIN + 20, y, part, size)
    if report.narrative is not None:
        y -= step * 1.6
        writer.draw(MARGIN, y, w.NARRATIVE_TITLE, size + 1, bold=True)
        for line in w.narrative_lines(report.narrative, ctx.narrative_pending):
            y -= step
            writer.draw(MARGIN + 20, y, line, size)
    ctx.require(y, "the closing block")


def closing_page(ctx: Context) -> None:
    ctx.canvas.setPageSize(PORTRAIT)
    closing_block(ctx, PORTRAIT[1] - MARGIN - 14, size=11)


PAGE_DRAWERS: dict[PageKind, Callable[[Context, Page], None]] = {
    PageKind.MEMO: lambda ctx, page: memo_page(ctx, ctx.report.memo),
    PageKind.SUMMARY: lambda ctx, page: summary_page(ctx),
    PageKind.PROJECTS: projects_page,
    PageKind.CLOSING: lambda ctx, page: closing_page(ctx),
}


def render(
    report: Report,
    layout: Layout,
    out: Path,
    *,
    producer: Producer = Producer.REPORTLAB,
    marks: str = "ballot",
    owner_password: str | None = None,
    user_password: str | None = None,
    title: str | None = None,
    column_scale: float = 1.0,
    top_aligned: bool | None = None,
    narrow: float | None = None,
    narrow_summary: float | None = None,
    status_columns: tuple[str, ...] = w.STATUS_COLUMNS,
    narrative_pending: str = w.NARRATIVE_PENDING,
    thai_font: str | None = None,
    size_scale: float = 1.0,
    ruled: bool | None = None,
) -> None:
    """`top_aligned` None: borderless tables print cells from the top, ruled ones centre them.
    `thai_font`: a `thai_fonts` key for all text instead of the producer's fonts; `ruled`
    None: as the producer rules its tables."""
    encrypt = None
    if owner_password or user_password:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(
            userPassword=user_password or "",
            ownerPassword=owner_password or user_password,
            canPrint=1,
            canModify=0,
            canCopy=0,
            canAnnotate=0,
        )
    canvas = Canvas(str(out), pagesize=PORTRAIT, invariant=1, encrypt=encrypt)
    canvas.setTitle(title or w.projects_title(report))
    canvas.setAuthor("e-PlanNACC")
    if ruled is None:
        ruled = producer not in BORDERLESS_PRODUCERS
    top = not ruled if top_aligned is None else top_aligned
    ctx = Context(
        Writer(canvas, fonts_for(producer, thai_font)),
        report,
        marks,
        ruled,
        top,
        narrow=narrow,
        narrow_summary=narrow_summary,
        status_columns=status_columns,
        narrative_pending=narrative_pending,
        column_scale=column_scale,
        size_scale=size_scale,
    )
    for number, page in enumerate(layout.pages, 1):
        ctx.page_number = number
        PAGE_DRAWERS[page.kind](ctx, page)
        canvas.showPage()
    canvas.save()
