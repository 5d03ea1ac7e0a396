"""The numbered project list, followed over all its pages, with a status read per row."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from statistics import median
from typing import Any, TypeVar

from checks.document import Project
from parsers.language import vocabulary as vocab
from parsers.language.printed_numbers import NUMBER, NotANumber, parse_amount, parse_count
from parsers.language.thai_text import join_wrapped_lines
from parsers.language.vocabulary import compact
from parsers.layout.columns import assign_by_words, assign_in_order, named_nearest
from parsers.layout.geometry import Box
from parsers.layout.page import PageContent, Word
from parsers.layout.printed_forms import breaks_its_form, misread_form, prints_separators
from parsers.layout.tables import Cell, Table
from parsers.layout.tolerances import TOLERANCES
from parsers.sections.doubt import unsure_cell_words
from parsers.sections.near_copies import near_copy
from parsers.sections.parse_warnings import WarningLog
from parsers.sections.summary_tables import dimension_of

SECTION = "projects"
OCR_SECTION = "ocr"
N = TypeVar("N", int, float)  # a figure read from a cell: a count or an amount
DOUBTFUL_MARK = "doubtful"  # parsers.ocr.boxes: a box neither clearly ticked nor empty
STATUS_DOUBT = "a status box neither clearly ticked nor empty"
STATUS_UNKNOWN = "status unknown"  # read from an image: why, then this (`ocr:` warnings)
OWN_FIGURES = ("dimension", "budget", "disbursed")  # what a wrapped name's row lacks
PROJECT_KEYS = {k: v for k, v in vocab.PROJECT_COLUMNS.items() if k != "status"}

# What a printed project row looks like as a line of text (see `looks_like_project_row`).
SEQUENCE_NUMBER = re.compile(r"^\d+$")  # a bare integer: "1." or "๑)" start list items
AMOUNT = re.compile(r"^\d{1,3}(?:,\d{3})*\.\d{2}$|^\d+\.\d{2}$")  # 1,234.00 / 0.00
# A row prints its dimension and two amounts (and perhaps a number in its name); the summary
# tables' rows print six figures or more side by side.
MOST_FIGURES_AFTER_SEQUENCE = 4
# One such line outside the grids read is enough to doubt the page: a single missed row
# changes every count and sum checked against the list.
FEWEST_ROW_LINES = 1
# A table of at least this many rows none of whose status cells holds anything drawn (neither
# a box nor a tick) was not read: the producer draws its boxes in a way the parser cannot see.
FEWEST_ROWS_FOR_BLANK_STATUS = 2


@dataclass
class ProjectRow:
    seq: int | None
    name: str
    dimension: int | None
    budget: float | None
    disbursed: float | None
    status: str | None
    remark: str | None
    page: int
    marks: int
    status_read: bool = True  # False: its status cells could not be read (unknown, not unmarked)
    # Its name holds a word read doubtfully from an image (kept: a name is never null), and an
    # `ocr:` warning names it.
    name_doubted: bool = field(default=False, compare=False)
    # Where it is printed: (cell or None for the whole row, page, box), as read
    # (parsers.layout.places).
    places: list[tuple[str | None, int, Box]] = field(default_factory=list, compare=False)

    def to_dict(self) -> Project:
        return {
            "seq": self.seq,
            "name": self.name,
            "dimension": self.dimension,
            "budget": self.budget,
            "disbursed": self.disbursed,
            "status": self.status,
            "remark": self.remark,
            "page": self.page,
        }


@dataclass(frozen=True)
class ProjectColumns:
    header_rows: int
    keys: dict[str, int]  # seq, name, dimension, budget, disbursed, remark
    statuses: dict[int, str]  # status column → status


def project_columns(table: Table) -> ProjectColumns:
    header_rows = table.header_row_count()
    labels = table.column_labels(header_rows)
    keys = assign_in_order(labels, PROJECT_KEYS)
    statuses: dict[int, str] = {}
    for column, label in enumerate(labels):
        if column in keys.values():
            continue
        status = assign_by_words([label], vocab.STATUS_HEADERS)
        if status:
            statuses[column] = next(iter(status))
    if table.read_from_image:  # labels misread: the columns left by the labels nearest theirs
        group = status_group(table, header_rows)
        found = {status: column for column, status in statuses.items()}
        found |= named_nearest(labels, {**keys, **found}, vocab.STATUS_HEADERS, group)
        statuses = {column: status for status, column in found.items()}
        outside = [column for column in range(len(labels)) if column not in group]
        keys |= named_nearest(labels, {**keys, **found}, PROJECT_KEYS, outside)
        keys |= unlabelled_name(table, header_rows, keys, set(statuses))
        keys |= unlabelled_dimension(table, header_rows, keys, set(statuses))
    return ProjectColumns(header_rows, keys, statuses)


# A name's cell holds words: this many Thai letters at least (a figure, a dimension, a mark
# read as a letter hold fewer).
NAME_LETTERS = 4
THAI_LETTER = re.compile("[\u0e01-\u0e2e]")


def unlabelled_name(
    table: Table, header_rows: int, keys: dict[str, int], statuses: set[int]
) -> dict[str, int]:
    """Read from an image, the name's column whose label was misread (รายการโครงการ read 8):
    the one unnamed column printed after the row number's and before the first figures'
    (the dimension's, or the budget's), where most cells hold words."""
    end = keys.get("dimension", keys.get("budget"))
    if "name" in keys or end is None:
        return {}
    named = set(keys.values()) | statuses
    between = [c for c in range(keys.get("seq", -1) + 1, end) if c not in named]
    if len(between) != 1:
        return {}
    texts = [
        compact(cell_text(table, row, between[0])) for row in range(header_rows, len(table.rows))
    ]
    filled = [text for text in texts if text]
    worded = [text for text in filled if len(THAI_LETTER.findall(text)) >= NAME_LETTERS]
    if not filled or len(worded) * 2 <= len(filled):
        return {}
    return {"name": between[0]}


# A dimension cell holds its number alone: 1 to 4.
DIMENSION_CELL = re.compile(r"[1-4๑-๔]")


def unlabelled_dimension(
    table: Table, header_rows: int, keys: dict[str, int], statuses: set[int]
) -> dict[str, int]:
    """Read from an image, the dimension's column whose label was lost (a small font's มิติ
    read as nothing): the one unnamed column printed between the name's and the budget's,
    where most cells hold a dimension number and none holds anything else that long."""
    if "dimension" in keys or "name" not in keys or "budget" not in keys:
        return {}
    named = set(keys.values()) | statuses
    between = [c for c in range(keys["name"] + 1, keys["budget"]) if c not in named]
    if len(between) != 1:
        return {}
    rows = range(header_rows, len(table.rows))
    texts = [compact(cell_text(table, row, between[0])) for row in rows]
    filled = [text for text in texts if text]
    numbers = [text for text in filled if DIMENSION_CELL.fullmatch(text)]
    if not filled or len(numbers) * 2 <= len(filled) or any(len(t) > 2 for t in filled):
        return {}
    return {"dimension": between[0]}


def status_group(table: Table, header_rows: int) -> range:
    """The columns under the header cell printed สถานะ over several columns, or none."""
    for row in range(header_rows):
        for cell in table.rows[row]:
            spans = cell.first < cell.last and not table.spans_all(cell)
            if spans and any(word in cell.compact for word in vocab.PROJECT_COLUMNS["status"]):
                return range(cell.first, cell.last + 1)
    return range(0)


def page_warning(warnings: WarningLog, page: int, text: str) -> None:
    """`projects: page N: …`: the page is not vouched for (the list is not read whole)."""
    warnings.add(page, SECTION, f"page {page}: {text}")


def cell_ink(cell: Cell | None) -> float:
    """The ink drawn in a status cell besides its box's outline (parsers.layout.page.Mark.ink)."""
    return sum(mark.ink for mark in cell.marks) if cell is not None else 0.0


@dataclass(frozen=True)
class StatusInk:
    """The ink of a table's status cells: the least any holds (its emptiest box), and the
    most any holds above that. A row whose boxes are all alike is judged against these."""

    emptiest: float
    most: float

    @classmethod
    def of(cls, table: Table, columns: ProjectColumns) -> StatusInk:
        inks = [
            cell_ink(table.cell_at(row, column))
            for row in range(columns.header_rows, len(table.rows))
            for column in columns.statuses
        ]
        if not inks:
            return cls(0.0, 0.0)
        return cls(min(inks), max(inks) - min(inks))


@dataclass(frozen=True)
class BoxReading:
    marked: list[str]  # the statuses whose boxes are marked
    undecided: bool = False  # a box neither clearly marked nor clearly empty: no status


def read_boxes(table: Table, row: int, columns: ProjectColumns, levels: StatusInk) -> BoxReading:
    """Which of the row's boxes are marked, by the ink drawn inside each (never by its outline).

    Each box's ink is taken above the row's emptiest box, when some box stands out from it
    (by `alike_share` of the row's most ink: less is a device's pixel snapping, or a mark on
    a heavier decoration every box carries); otherwise, above the table's emptiest box. A box
    is marked from `marked_share` of the most any box holds so (of the row; against the table,
    at least the most of the table), empty up to `empty_share`, undecided in between: the row
    then has no status, and is not accused."""
    inks = {column: cell_ink(table.cell_at(row, column)) for column in columns.statuses}
    if not inks:
        return BoxReading([])
    floor, top = min(inks.values()), max(inks.values())
    if top - floor >= max(TOLERANCES.ink_speck, TOLERANCES.alike_share * top):
        base, scale = floor, top - floor  # some box stands out from the others of its row
    else:
        base, scale = levels.emptiest, max(top - levels.emptiest, levels.most)
        if top - base < TOLERANCES.ink_speck:
            return BoxReading([])  # every box as empty as the table's emptiest
    above = [inks[column] - base for column in columns.statuses]
    return marked_against(above, scale, columns)


def marked_against(above: list[float], scale: float, columns: ProjectColumns) -> BoxReading:
    """The status cells whose ink above the floor is `marked_share` of `scale` or more; the
    row undecided when one lies between `empty_share` and that."""
    marked = [
        status
        for ink, status in zip(above, columns.statuses.values(), strict=True)
        if ink >= TOLERANCES.marked_share * scale
    ]
    undecided = any(
        TOLERANCES.empty_share * scale < ink < TOLERANCES.marked_share * scale for ink in above
    )
    return BoxReading(marked, undecided)


def row_inks(table: Table, row: int, columns: ProjectColumns) -> list[float]:
    return [cell_ink(table.cell_at(row, column)) for column in columns.statuses]


def above_floor(inks: list[float], emptiest: float) -> list[float]:
    """A row's inks above its emptiest cell when some cell stands out (what every cell of
    the row carries, an outline, is no mark); otherwise above the table's emptiest."""
    floor, top = min(inks), max(inks)
    if top - floor >= max(TOLERANCES.ink_speck, TOLERANCES.alike_share * top):
        return [ink - floor for ink in inks]
    return [max(0.0, ink - emptiest) for ink in inks]


def typical_mark(table: Table, columns: ProjectColumns, emptiest: float) -> float:
    """The ink of a mark as this table draws it: the median of its rows' most marked cell
    (a row marks one cell; a few unmarked rows do not move the median)."""
    tops = [
        max(above_floor(inks, emptiest))
        for row in range(columns.header_rows, len(table.rows))
        if (inks := row_inks(table, row, columns))
    ]
    tops = [top for top in tops if top >= TOLERANCES.ink_speck]
    return float(median(tops)) if tops else 0.0


def read_image_marks(
    table: Table, row: int, columns: ProjectColumns, levels: StatusInk, typical: float
) -> BoxReading:
    """Which of a row's status cells read from an image are marked: a cell's ink above the
    row's emptiest is measured against the larger of the row's most and the table's typical
    mark. Marked from `marked_share` of it, empty up to `empty_share`; in between (a faint
    mark, a speck of the scan as large as a mark's piece) the row is undecided."""
    inks = row_inks(table, row, columns)
    if not inks:
        return BoxReading([])
    above = above_floor(inks, levels.emptiest)
    scale = max(max(above), typical)
    if scale < TOLERANCES.ink_speck:
        return BoxReading([])
    return marked_against(above, scale, columns)


def image_status_doubt(reading: BoxReading, doubtful: bool) -> str | None:
    """Why a row's status read from an image is unknown (exactly one clearly marked cell is
    a status; contract 1.1: anything else is null, never a guess), or None."""
    if doubtful:
        return STATUS_DOUBT
    if reading.undecided:
        return "a status mark neither clearly made nor clearly absent"
    if not reading.marked:
        return "no status cell clearly marked"
    if len(reading.marked) > 1:
        return f"{len(reading.marked)} status cells marked"
    return None


def doubtful_box(table: Table, row: int, columns: ProjectColumns) -> bool:
    """A status box read from an image neither clearly ticked nor clearly empty: the row's
    status is unknown (contract 1.1), never a guess."""
    cells = [table.cell_at(row, column) for column in columns.statuses]
    return any(mark.kind == DOUBTFUL_MARK for cell in cells if cell for mark in cell.marks)


def cell_text(table: Table, row: int, column: int | None) -> str:
    if column is None:
        return ""
    cell = table.cell_at(row, column)
    return cell.text if cell else ""


def read_number(
    read: Callable[[str], N | None],
    cell: Cell | None,
    what: str,
    seq: Any,
    page: int,
    warnings: WarningLog,
) -> N | None:
    """A cell's number. Read from an image: null with an `ocr:` warning when the reading is
    doubtful or is no number (only that figure is unknown, the list is still read whole)."""
    text = cell.text if cell else ""
    if cell is not None and cell.doubtful:
        doubt(warnings, page, f"row {seq}: {what} '{text}' read with low confidence")
        return None
    try:
        return read(text)
    except NotANumber:
        if cell is not None and cell.read_from_image:
            doubt(warnings, page, f"row {seq}: {what} '{text}' read as no number")
        else:
            page_warning(warnings, page, f"row {seq}: {what} '{text}' is not a number")
        return None


def doubt(warnings: WarningLog, page: int, text: str) -> None:
    """`ocr: page N: …`: one figure or box read from an image is unknown, nothing else."""
    warnings.add(page, OCR_SECTION, f"page {page}: {text}")


def key_cell(table: Table, row: int, keys: dict[str, int], key: str) -> Cell | None:
    column = keys.get(key)
    return table.cell_at(row, column) if column is not None else None


def read_amount(
    table: Table, row: int, keys: dict[str, int], key: str, seq: int | None, warnings: WarningLog
) -> float | None:
    cell = key_cell(table, row, keys, key)
    if cell is not None and breaks_its_form(cell, "amount"):  # a column misread
        page_warning(warnings, table.page, f"row {seq}: {key} '{cell.text}' is no amount")
        return None
    if cell is not None and misread_form(
        cell, "amount", table.read_from_image and prints_separators(table)
    ):
        doubt(warnings, table.page, f"row {seq}: {key} '{cell.text}' not printed as an amount")
        return None
    return read_number(parse_amount, cell, key, seq, table.page, warnings)


def read_dimension(
    table: Table, row: int, keys: dict[str, int], seq: int | None, warnings: WarningLog
) -> int | None:
    cell = key_cell(table, row, keys, "dimension")
    if cell is not None and cell.doubtful:
        doubt(warnings, table.page, f"row {seq}: dimension '{cell.text}' read with low confidence")
        return None
    return dimension_of(cell.compact) if cell else None


def read_project_rows(
    table: Table, columns: ProjectColumns, warnings: WarningLog, previous: ProjectRow | None
) -> list[ProjectRow]:
    rows: list[ProjectRow] = []
    keys = columns.keys
    levels = StatusInk.of(table, columns)
    # Read from an image: a row's status is its one clearly marked cell, anything else unknown.
    on_image = table.read_from_image
    typical = typical_mark(table, columns, levels.emptiest) if on_image else 0.0
    for row in range(columns.header_rows, len(table.rows)):
        seq_text = cell_text(table, row, keys.get("seq"))
        name = cell_text(table, row, keys.get("name"))
        if not seq_text.strip() and not (on_image and holds_own_figures(table, row, keys)):
            last = rows[-1] if rows else previous
            if name and last is not None:  # a row broken over a page: its name continues
                last.name = join_wrapped_lines([last.name, name])
                last.places.append((None, table.page, row_box(table, row)))
                warn_doubtful_name(last, key_cell(table, row, keys, "name"), warnings)
            continue
        seq_cell = key_cell(table, row, keys, "seq")
        if seq_text.strip():
            seq = read_number(parse_count, seq_cell, "number", seq_text, table.page, warnings)
        else:  # a row of its own whose number the image lost
            doubt(warnings, table.page, f"row after {row_after(rows, previous)}: number unread")
            seq = None

        if on_image:
            boxes = read_image_marks(table, row, columns, levels, typical)
        else:
            boxes = read_boxes(table, row, columns, levels)
        marks = len(boxes.marked)
        status = boxes.marked[0] if marks == 1 else None
        # With a status column missing, a row may be ticked there too: one tick found is no
        # status (it may be one of two), and no tick found is no empty row.
        status_read = not missing_status_columns(columns)
        if not status_read:
            status = None
        if on_image:
            reason = image_status_doubt(boxes, doubtful_box(table, row, columns))
            if reason is not None and status_read:
                doubt(warnings, table.page, f"row {seq_text}: {reason}: {STATUS_UNKNOWN}")
                status, status_read = None, False
        elif boxes.undecided:
            page_warning(
                warnings,
                table.page,
                f"row {seq_text}: status boxes neither clearly marked nor clearly empty",
            )
            status, status_read = None, False
        if not on_image and doubtful_box(table, row, columns):
            doubt(warnings, table.page, f"row {seq_text}: {STATUS_DOUBT}")
            status, status_read = None, False
        rows.append(
            ProjectRow(
                seq=seq,
                name=name,
                dimension=read_dimension(table, row, keys, seq, warnings),
                budget=read_amount(table, row, keys, "budget", seq, warnings),
                disbursed=read_amount(table, row, keys, "disbursed", seq, warnings),
                status=status,
                remark=read_remark(table, row, keys, seq_text, warnings),
                page=table.page,
                marks=marks,
                status_read=status_read,
                places=row_places(table, row, columns),
            )
        )
        warn_doubtful_name(rows[-1], key_cell(table, row, keys, "name"), warnings, seq_text)
    return rows


def holds_own_figures(table: Table, row: int, keys: dict[str, int]) -> bool:
    """Does a row without a number print a dimension or an amount? A name wrapped onto a
    row of its own prints neither: such a row is a project whose number was not read."""
    return any(cell_text(table, row, keys.get(key)).strip() for key in OWN_FIGURES)


def row_after(rows: list[ProjectRow], previous: ProjectRow | None) -> str:
    """The printed number of the last row read before, to name a row without one."""
    last = rows[-1] if rows else previous
    return str(last.seq) if last is not None and last.seq is not None else "an unnumbered row"


def warn_doubtful_name(
    row: ProjectRow, cell: Cell | None, warnings: WarningLog, seq_text: str = ""
) -> None:
    """A name read from an image with a doubtful word keeps its text (the contract's name is
    never null) and gets one `ocr:` warning naming its row (on the row's page) and the words
    in doubt, so that no one takes a near miss for what is printed."""
    if row.name_doubted or cell is None or not cell.read_from_image:
        return
    unsure = unsure_cell_words(cell.lines)
    if not unsure:
        return
    seq = row.seq if row.seq is not None else seq_text.strip()
    doubt(
        warnings,
        row.page,
        f"row {seq}: name '{row.name}' read with low confidence ('{' '.join(unsure)}')",
    )
    row.name_doubted = True


def names_near(rows: list[ProjectRow], name: str) -> tuple[int, list[tuple[ProjectRow, str]]]:
    """How many rows' names hold `name` (the organisation's place, as read elsewhere), and the
    rows whose names hold it a letter or two off, each with the stretch that does."""
    exact, near = 0, []
    for row in rows:
        text = compact(row.name)
        exact += name in text
        stretch = near_copy(name, text)
        if stretch is not None:
            near.append((row, stretch))
    return exact, near


def doubt_names_near(near: list[tuple[ProjectRow, str]], name: str, warnings: WarningLog) -> None:
    """Names read from images that print `name` a letter or two off (ขุมแพ for ชุมแพ) get an
    `ocr:` warning, as a doubtful word does."""
    for row, stretch in near:
        if row.name_doubted:
            continue
        seq = row.seq if row.seq is not None else ""
        doubt(
            warnings,
            row.page,
            f"row {seq}: name '{row.name}' read with low confidence ('{stretch}': the "
            f"organisation reads '{name}')",
        )
        row.name_doubted = True


def read_remark(
    table: Table, row: int, keys: dict[str, int], seq: str, warnings: WarningLog
) -> str | None:
    """A row's remark; read from an image with a doubtful word, or one its text shows misread
    (`unsure_cell_words`, as a name's: a remark is words of the dictionary), null with an
    `ocr:` warning."""
    cell = key_cell(table, row, keys, "remark")
    text = cell.text.strip() if cell is not None else ""
    if cell is not None and text and cell.read_from_image and unsure_cell_words(cell.lines):
        doubt(warnings, table.page, f"row {seq}: remark '{text}' read with low confidence")
        return None
    return text or None


def row_box(table: Table, row: int) -> Box:
    return table.grid.cell_box(row, 0, table.column_count - 1)


def row_places(
    table: Table, row: int, columns: ProjectColumns
) -> list[tuple[str | None, int, Box]]:
    """The row and the cells a finding can name: its number, amounts and status cells."""
    places: list[tuple[str | None, int, Box]] = [(None, table.page, row_box(table, row))]
    cells = [(key, columns.keys.get(key)) for key in ("seq", "budget", "disbursed")]
    cells += [("status", column) for column in columns.statuses]
    for name, column in cells:
        cell = table.cell_at(row, column) if column is not None else None
        if cell is not None:
            places.append((name, table.page, cell.box))
    return places


def missing_status_columns(columns: ProjectColumns) -> bool:
    return len(set(columns.statuses.values())) < len(vocab.STATUS_HEADERS)


def missing_project_columns(columns: ProjectColumns) -> list[str]:
    missing = [
        key
        for key in ("seq", "name", "dimension", "budget", "disbursed")
        if key not in columns.keys
    ]
    if missing_status_columns(columns):
        missing.append("status")
    return missing


def status_cells_blank(table: Table, columns: ProjectColumns, rows: list[ProjectRow]) -> bool:
    """Nothing at all drawn in any status cell of a table of rows: not even an empty box."""
    if len(rows) < FEWEST_ROWS_FOR_BLANK_STATUS or not columns.statuses:
        return False
    return not any(
        cell.marks
        for row in range(columns.header_rows, len(table.rows))
        for column in columns.statuses
        if (cell := table.cell_at(row, column)) is not None
    )


def mark_status_unread(rows: list[ProjectRow]) -> None:
    for row in rows:
        if row.status is None:
            row.status_read = False


# --- Accounting for every page -------------------------------------------------------------


def looks_like_project_row(words: list[str]) -> bool:
    """A line of text that prints a project row: it begins with a sequence number (a bare
    integer), carries an amount written with two decimals (1,234.00 or 0.00), and holds at most
    MOST_FIGURES_AFTER_SEQUENCE figures after its number (the dimension, the budget, the amount
    disbursed, a number in the name). Rows of the summary tables print more figures, and the
    numbered items of the memo or the closing page end their number with a dot."""
    if not words or not SEQUENCE_NUMBER.match(words[0]):
        return False
    figures = [word for word in words[1:] if NUMBER.match(word)]
    return 0 < len(figures) <= MOST_FIGURES_AFTER_SEQUENCE and any(
        AMOUNT.match(word) for word in figures
    )


def unread_row_lines(page: PageContent, read: Iterable[Box]) -> list[str]:
    """The page's lines that look like project rows and lie outside every grid read as the
    project list (a list page read as another table is not read)."""
    boxes = list(read)
    return [
        " ".join(words)
        for line in page.lines
        if looks_like_project_row(words := [word.text for word in line])
        and not any(inside(line, box) for box in boxes)
    ]


def inside(line: list[Word], box: Box) -> bool:
    first = line[0]
    return box.contains_point(first.x_mid, first.y_mid, TOLERANCES.inside_slack)


def looks_like_unread_rows(page: PageContent, read: Iterable[Box]) -> bool:
    """Does the page carry what looks like rows of the project list that were not read?
    At least FEWEST_ROW_LINES lines that look like project rows (`looks_like_project_row`)
    outside every grid the parser read on the page as the project list."""
    return len(unread_row_lines(page, read)) >= FEWEST_ROW_LINES


def sequence_gaps(rows: list[ProjectRow], unread_pages: set[int]) -> list[tuple[int, str]]:
    """Breaks in the printed numbering that fall where rows were not read (between two rows
    printed on pages one of which is unread): the page of the row after each, and the
    numbers missing ("numbers 15–28")."""
    gaps = []
    previous, previous_page = 0, 0
    for row in rows:
        if row.seq is None:
            previous, previous_page = previous + 1, row.page
            continue
        if row.seq > previous + 1 and any(
            previous_page <= page <= row.page for page in unread_pages
        ):
            first, last = previous + 1, row.seq - 1
            gaps.append(
                (row.page, f"numbers {first}–{last}" if last > first else f"number {first}")
            )
        previous, previous_page = row.seq, row.page
    return gaps
