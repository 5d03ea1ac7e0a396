"""The summary tables and the status table: found by their header words, read by column."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import pairwise

from checks.document import FigureValue
from checks.evidence import figure_place
from parsers.language import vocabulary as vocab
from parsers.language.printed_numbers import NotANumber, parse_amount, parse_count, parse_number
from parsers.language.vocabulary import compact
from parsers.layout.columns import assign_in_order, named_nearest
from parsers.layout.places import Places, text_box
from parsers.layout.printed_forms import (
    breaks_its_form,
    misread_form,
    prints_separators,
    several_numbers,
)
from parsers.layout.tables import Cell, Table
from parsers.sections.parse_warnings import WarningLog

# A row's figures by the contract's key (the vocabulary's column names), and a table as read:
# its rows, one per dimension, and its total row (parsers.sections.typed_document types them).
Figures = dict[str, FigureValue]
TableRead = tuple[list[Figures], Figures | None]

COUNT_KEYS = frozenset({"projects_planned", "projects_done", "projects"})
COUNT_KEYS |= {"minimum_projects", "total_projects", "in_ordinance", "in_progress"}
COUNT_KEYS |= {"completed", "unable"}
PERCENT_KEYS = frozenset({"pct_projects", "pct_budget", "implementation_pct"})
TEXT_KEYS = frozenset({"level"})


def header_text(table: Table) -> str:
    return table.header_text()


def has_any(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


def classify(table: Table, title: str) -> str | None:
    """Which section a ruled table prints, from its header words (and the title above it)."""
    head = header_text(table)
    section = section_by_headers(head, vocab.SECTION_HEADERS)
    if section is None and table.read_from_image:
        section = section_by_columns(table_labels(table), vocab.SECTION_COLUMNS_READ_FROM_IMAGE)
    if section is None and table.read_from_image and len(column_pairs(table_labels(table))) > 1:
        section = "budget_by_dimension"  # its dimension labels misread: known by its pairs
    if section is None and table.read_from_image and most_labels_of_status_summary(head):
        return "status_summary"  # the two labels it is known by misread (ขั้นต่ำ read ขั้นถ่า)
    if section != "budget_by_dimension":
        return section
    context = title + head
    if has_any(context, vocab.ORDINANCE_WORDS):
        return "ordinance_budget"
    if has_any(context, vocab.PLAN_BUDGET_TITLE):
        return "plan_budget"
    return None


def section_by_headers(head: str, headers: dict[str, tuple[tuple[str, ...], ...]]) -> str | None:
    """The first section whose every group of header words has one in the header."""
    return next(
        (
            section
            for section, groups in headers.items()
            if all(has_any(head, words) for words in groups)
        ),
        None,
    )


def section_by_columns(
    labels: list[str], headers: dict[str, tuple[tuple[str, ...], ...]]
) -> str | None:
    """The first section each of whose groups of header words labels a column of its own (a
    box of running text holding them all is no such table)."""
    return next(
        (section for section, groups in headers.items() if columns_of_their_own(labels, groups)),
        None,
    )


def columns_of_their_own(labels: list[str], groups: tuple[tuple[str, ...], ...]) -> bool:
    """Each group has a column whose label holds one of its words, no two the same column
    (the groups with the fewest such columns placed first)."""
    candidates = [
        {column for column, label in enumerate(labels) if has_any(label, words)} for words in groups
    ]
    taken: set[int] = set()
    for columns in sorted(candidates, key=len):
        free = sorted(columns - taken)
        if not free:
            return False
        taken.add(free[0])
    return True


def most_labels_of_status_summary(head: str) -> bool:
    """More than half the status table's column labels in a header (the project list's
    header holds three of them: its status columns')."""
    columns = vocab.STATUS_SUMMARY_COLUMNS
    return 2 * sum(has_any(head, words) for words in columns.values()) > len(columns)


def table_labels(table: Table) -> list[str]:
    return table.column_labels(table.header_row_count())


def figure_kind(key: str) -> str:
    """The printed form a key's figure keeps (parsers.layout.printed_forms)."""
    if key in COUNT_KEYS:
        return "count"
    if key in PERCENT_KEYS:
        return "percent"
    return "text" if key in TEXT_KEYS else "amount"


def read_value(key: str, text: str) -> FigureValue:
    if key in TEXT_KEYS:
        return text.strip() or None
    if key in COUNT_KEYS:
        return parse_count(text)
    if key in PERCENT_KEYS:
        return parse_number(text)
    return parse_amount(text)


def unsure_level(cell: Cell) -> bool:
    """A level read from an image that is not one of the levels printed, or read doubtfully."""
    return cell.read_from_image and (cell.doubtful or compact(cell.text) not in vocab.LEVEL_WORDS)


def figure_cells(table: Table, row: int, columns: Iterable[int]) -> list[Cell]:
    """The row's cells under `columns` (a merged cell once for each column it covers)."""
    return [cell for column in columns if (cell := table.cell_at(row, column)) is not None]


def unfit_figures(table: Table, row: int, columns: Iterable[int]) -> set[int]:
    """Ids of the row's cells whose figure cannot be told apart from another's: one cell read
    for two figures (a merged cell across their columns), or a cell of two numbers. In a
    grid inferred from the layout (parsers.layout.borderless), a cell of two numbers means the row's
    figures do not fit its columns at all: then every cell of the row is unfit."""
    cells = figure_cells(table, row, columns)
    counts = Counter(id(cell) for cell in cells)
    unfit = {id(cell) for cell in cells if counts[id(cell)] > 1 or several_numbers(cell)}
    if table.grid.inferred and any(several_numbers(cell) for cell in table.rows[row]):
        unfit |= set(counts)
    return unfit


def read_values(
    table: Table,
    row: int,
    columns: dict[str, int],
    section: str,
    warnings: WarningLog,
    unfit: set[int] | None = None,
) -> Figures:
    """The row's figures under `columns`; `unfit`: the cells whose figures cannot be told
    apart (unfit_figures; found from `columns` when not given), read as null with a warning."""
    figures = [column for key, column in columns.items() if key not in TEXT_KEYS]
    unfit = unfit_figures(table, row, figures) if unfit is None else unfit
    separators = table.read_from_image and prints_separators(table)
    values: Figures = {}
    for key, column in columns.items():
        cell = table.cell_at(row, column)
        text = cell.text if cell else ""
        values[key] = None
        if cell is not None and cell.doubtful and key not in TEXT_KEYS:
            warnings.add(table.page, "ocr", f"{section}.{key}: '{text}' read with low confidence")
            continue
        if key in TEXT_KEYS and cell is not None and unsure_level(cell):
            warnings.add(table.page, "ocr", f"{section}.{key}: '{text}' is no level read surely")
            continue
        if misread_form(cell, figure_kind(key), separators):
            warnings.add(
                table.page, "ocr", f"{section}.{key}: '{text}' is not printed as its column's"
            )
            continue
        if cell is not None and id(cell) in unfit and key not in TEXT_KEYS:
            warnings.add(
                table.page,
                section,
                f"{key}: '{text}' not read: its row's figures do not fit the columns",
            )
            continue
        if breaks_its_form(cell, figure_kind(key)):
            warnings.add(table.page, section, f"{key}: '{text}' is not printed as its column's")
            continue
        try:
            values[key] = read_value(key, text)
        except NotANumber:
            if cell is not None and cell.read_from_image:
                warnings.add(table.page, "ocr", f"{section}.{key}: '{text}' read as no number")
            else:
                warnings.add(table.page, section, f"{key}: '{text}' is not a number")
    return values


def note_cells(
    places: Places | None,
    table: Table,
    row: int,
    columns: dict[str, int],
    section: str,
    dimension: int | None,
) -> None:
    """Where each figure of the row was read: the words of its cell. The document keeps the
    first row of a dimension printed twice (checks.figures) and the last total row."""
    if places is None:
        return
    for key, column in columns.items():
        cell = table.cell_at(row, column)
        if cell is not None:
            place = figure_place(section, key, dimension)
            box = text_box(cell.lines, cell.box)
            places.put(place, table.page, box, keep_first=dimension is not None)


def dimension_of(text: str) -> int | None:
    match = vocab.DIMENSION_NUMBER.search(compact(text))
    if not match:
        return None
    return int(match.group(1) or match.group(2))


def is_total_row(table: Table, row: int) -> bool:
    return any(compact(cell.text).startswith(vocab.TOTAL_ROW_WORDS) for cell in table.rows[row])


def per_dimension_rows(
    table: Table,
    keys: dict[str, tuple[str, ...]],
    section: str,
    warnings: WarningLog,
    places: Places | None = None,
) -> TableRead:
    """Rows of a table with one row per dimension and a total row (รวม)."""
    header_rows = table.header_row_count()
    labels = table.column_labels(header_rows)
    columns = assign_in_order(labels, {"dimension": vocab.DIMENSION_WORDS, **keys})
    dimension_column = columns.pop("dimension", None)
    if dimension_column is None and table.read_from_image and columns:
        # Its label misread (a loopless font's มิติ read ลิ): the dimension is printed just
        # before the figures; the rows are placed by what it says (placed_dimensions).
        dimension_column = max(0, min(columns.values()) - 1)
    missing = [key for key in keys if key not in columns]
    if missing:
        warnings.add(table.page, section, f"columns not found: {', '.join(missing)}")
    read: list[tuple[int, int | None, Figures]] = []  # (row, dimension as labelled, …)
    total = None
    for row in range(header_rows, len(table.rows)):
        values = read_values(table, row, columns, section, warnings)
        if is_total_row(table, row):
            note_cells(places, table, row, columns, f"{section}_total", None)
            total = {key: values.get(key) for key in keys}
            continue
        cell = table.cell_at(row, dimension_column) if dimension_column is not None else None
        dimension = dimension_of(cell.compact) if cell else None
        if dimension is not None or (table.read_from_image and prints_figures(table, row, columns)):
            read.append((row, dimension, {key: values.get(key) for key in keys}))
    rows: list[Figures] = []
    labelled = [dimension for _row, dimension, _values in read]
    placed = (
        placed_dimensions(labelled, True, total is not None) if table.read_from_image else labelled
    )
    for (row, _dimension, values), dimension in zip(read, placed, strict=True):
        if dimension is None:
            continue
        note_cells(places, table, row, columns, section, dimension)
        rows.append({"dimension": dimension, **values})
    warn_unplaced(table, section, labelled, placed, warnings)
    return rows, total


def prints_figures(table: Table, row: int, columns: dict[str, int]) -> bool:
    """Does a row print anything in its figures' columns? Read from an image, such a row is a
    dimension's whatever its label reads, even nothing: it takes a place (placed_dimensions)."""
    return any(
        (cell := table.cell_at(row, column)) is not None and cell.text.strip()
        for column in columns.values()
    )


def placed_dimensions(
    labelled: list[int | None], all_found: bool = True, total_found: bool = True
) -> list[int | None]:
    """The dimension of each row of a table read from an image, as labelled (None: its label
    misread). The dimensions are printed one per row, in order, so a row's dimension is at
    least its place (each row above it is a dimension) and leaves room for the rows below it,
    up to the rows there are (one more where a row may be missing). Labels that all fit
    their places so, read in order, are trusted, though a row missed above them moves them
    from their places; otherwise only a label that agrees with its place is. A row whose
    label is misread is the one its place gives, but only while every label read agrees with
    its place and no row may be missing (`all_found`): else it is left out, never guessed; so
    is the last one where no total was found (it may be the total, its รวม misread)."""
    most = len(labelled) + (0 if all_found else 1)  # one more where a row may be missing
    read = [(place, label) for place, label in enumerate(labelled, 1) if label is not None]
    fits = all(place <= label <= most - len(labelled) + place for place, label in read)
    in_sequence = all(b - a >= q - p for (p, a), (q, b) in pairwise(read))
    trusted = fits and in_sequence
    in_place = all_found and all(label == place for place, label in read)
    last = len(labelled)
    return [
        (place if in_place and (total_found or place < last) else None)
        if label is None
        else (label if trusted or label == place else None)
        for place, label in enumerate(labelled, 1)
    ]


def warn_unplaced(
    table: Table,
    section: str,
    labelled: list[int | None],
    placed: list[int | None],
    warnings: WarningLog,
) -> None:
    """Say which rows of a table read from an image were left out (placed_dimensions)."""
    unplaced = [
        f"row {place} ({'label unread' if label is None else f'labelled {label}'})"
        for place, (label, dimension) in enumerate(zip(labelled, placed, strict=True), 1)
        if dimension is None
    ]
    if unplaced:
        warnings.add(
            table.page,
            "ocr",
            f"{section}: {', '.join(unplaced)} not read: its rows are not in the order of "
            "their dimensions as read, so its dimension is not known",
        )


def read_dimensions(table: Table, warnings: WarningLog, places: Places | None = None) -> TableRead:
    return per_dimension_rows(table, vocab.DIMENSION_COLUMNS, "dimensions", warnings, places)


def read_disbursement(
    table: Table, warnings: WarningLog, places: Places | None = None
) -> TableRead:
    return per_dimension_rows(table, vocab.DISBURSEMENT_COLUMNS, "disbursement", warnings, places)


def read_budget_by_dimension(
    table: Table, section: str, warnings: WarningLog, places: Places | None = None
) -> TableRead:
    """The transposed tables: a pair of columns (โครงการ, งบประมาณ) per dimension, one row."""
    header_rows = table.header_row_count()
    labels = table.column_labels(header_rows)
    pairs = column_pairs(labels, alternating=table.read_from_image)
    if header_rows >= len(table.rows) or not pairs:
        warnings.add(table.page, section, "no figures under the header")
        return [], None
    row = header_rows
    rows, total = [], None
    unfit = unfit_figures(table, row, [column for pair in pairs for column in pair[:2]])
    read: list[tuple[dict[str, int], int | None, Figures]] = []
    for projects_col, budget_col, label in pairs:
        values = read_values(table, row, {"projects": projects_col}, section, warnings, unfit)
        values |= read_values(table, row, {"budget": budget_col}, section, warnings, unfit)
        pair = {"projects": projects_col, "budget": budget_col}
        if has_any(label, vocab.TOTAL_ROW_WORDS):
            note_cells(places, table, row, pair, f"{section}_total", None)
            total = values
        else:
            read.append((pair, dimension_of(label.split(vocab.PAIR_PROJECTS)[0]), values))
    labelled = [dimension for _pair, dimension, _values in read]
    if table.read_from_image:
        # A pair of columns not found (its header misread) may be any dimension's.
        paired = {column for pair in pairs for column in pair[:2]}
        placed = placed_dimensions(labelled, len(paired) == table.column_count, total is not None)
        warn_unplaced(table, section, labelled, placed, warnings)
    else:
        placed = [label or index for index, label in enumerate(labelled, 1)]
    for (pair, _label, values), dimension in zip(read, placed, strict=True):
        if dimension is not None:
            note_cells(places, table, row, pair, section, dimension)
            rows.append({"dimension": dimension, **values})
    return rows, total


def column_pairs(labels: list[str], alternating: bool = False) -> list[tuple[int, int, str]]:
    """(projects column, budget column, the pair's label) for each dimension and the total.
    `alternating` (a table read from an image): the column after a projects column is its
    budget column whatever its label reads (งบประมาณ read จบมบประมาณ)."""
    pairs = []
    pending: int | None = None
    for column, label in enumerate(labels):
        projects, budget = vocab.PAIR_PROJECTS, vocab.PAIR_BUDGET
        if label.endswith(projects) or (projects in label and budget not in label):
            pending = column
        elif pending is not None and (budget in label or (alternating and column == pending + 1)):
            pairs.append((pending, column, labels[pending]))
            pending = None
    return pairs


def read_status_summary(
    table: Table, warnings: WarningLog, places: Places | None = None
) -> Figures | None:
    header_rows = table.header_row_count()
    labels = table.column_labels(header_rows)
    columns = assign_in_order(labels, vocab.STATUS_SUMMARY_COLUMNS)
    if table.read_from_image:
        columns |= named_nearest(labels, columns, vocab.STATUS_SUMMARY_COLUMNS)
    missing = [key for key in vocab.STATUS_SUMMARY_COLUMNS if key not in columns]
    if missing and table.read_from_image:  # a header misread: say which figures are unknown
        warnings.add(table.page, "status_summary", f"columns not found: {', '.join(missing)}")
    if header_rows >= len(table.rows):
        warnings.add(table.page, "status_summary", "no figures under the header")
        return None
    values = read_values(table, header_rows, columns, "status_summary", warnings)
    note_cells(places, table, header_rows, columns, "status_summary", None)
    return {key: values.get(key) for key in vocab.STATUS_SUMMARY_COLUMNS}
