"""The README's layout table ("How the code is laid out") is whole and correct.

The table is one Markdown table of three columns (layer, package, what lives there). A package's
row names the package in backticks in its second cell (`parsers/`) and each of its modules and
subpackages in backticks in its third (`report`, `ocr/`). In those rows a lower-case bare name in
backticks is a module: anything else (`raingan serve`, `--version`, `prefect.yaml`) is prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SECTION = "## How the code is laid out"
HEADER = ("layer", "package", "what lives there")

# The packages whose modules the table must name, with every package found beneath them.
DOCUMENTED = (
    "raingan/cli",
    "raingan/web",
    "raingan/pipeline",
    "flows",
    "models",
    "parsers",
    "checks",
)

BACKTICKED = re.compile(r"`([^`]+)`")
MODULE_NAME = re.compile(r"[a-z_][a-z0-9_]*")
SUBPACKAGE_NAME = re.compile(r"([a-z_][a-z0-9_]*)/")


@dataclass(frozen=True)
class Row:
    layer: str
    paths: tuple[str, ...]  # what the package cell names: `parsers/`, `raingan/settings.py`
    description: str

    @property
    def packages(self) -> tuple[str, ...]:
        """The folders it names, without their slash: `parsers/` -> parsers."""
        return tuple(path.rstrip("/") for path in self.paths if path.endswith("/"))

    def named_modules(self) -> set[str]:
        return {name for name in BACKTICKED.findall(self.description) if is_module(name)}

    def named_subpackages(self) -> set[str]:
        found = (SUBPACKAGE_NAME.fullmatch(name) for name in BACKTICKED.findall(self.description))
        return {match.group(1) for match in found if match}


def is_module(name: str) -> bool:
    return MODULE_NAME.fullmatch(name) is not None


def section_lines(text: str) -> list[str]:
    start = text.index(SECTION + "\n") + len(SECTION) + 1
    end = text.find("\n## ", start)
    return text[start : end if end != -1 else len(text)].splitlines()


def cells(line: str) -> list[str]:
    assert line.startswith("|") and line.endswith("|"), f"not a table row: {line[:60]!r}"
    return [cell.strip() for cell in line[1:-1].split("|")]


def table_lines(text: str) -> list[str]:
    """The lines of the section's only table (the first run of lines that start with `|`)."""
    lines = section_lines(text)
    first = next(index for index, line in enumerate(lines) if line.startswith("|"))
    table = []
    for line in lines[first:]:
        if not line.startswith("|"):
            break
        table.append(line.rstrip())
    rest = lines[first + len(table) :]
    assert not any(line.startswith("|") for line in rest), "the section holds a second table"
    return table


def layout_rows(text: str) -> list[Row]:
    header, separator, *body = table_lines(text)
    assert tuple(cells(header)) == HEADER, f"the header is {cells(header)}, not {HEADER}"
    assert all(re.fullmatch(r":?-{3,}:?", cell) for cell in cells(separator)), separator
    assert len(cells(separator)) == len(HEADER)
    rows = []
    for line in body:
        layer, package, description = row_cells(line)
        rows.append(Row(layer, tuple(BACKTICKED.findall(package)), description))
    return rows


def row_cells(line: str) -> tuple[str, str, str]:
    found = cells(line)
    assert len(found) == len(HEADER), f"{len(found)} cells, not {len(HEADER)}: {line[:80]!r}"
    assert all(found[1:]), f"a row without its package or description: {line[:80]!r}"
    return found[0], found[1], found[2]


def packages_beneath(top: str) -> list[Path]:
    return sorted(init.parent for init in (ROOT / top).rglob("__init__.py"))


def documented_packages() -> list[str]:
    found = {
        package.relative_to(ROOT).as_posix()
        for top in DOCUMENTED
        for package in packages_beneath(top)
    }
    return sorted(found)


def modules_of(package: str) -> set[str]:
    return {path.stem for path in (ROOT / package).glob("*.py") if path.stem != "__init__"}


def subpackages_of(package: str) -> set[str]:
    return {path.parent.name for path in (ROOT / package).glob("*/__init__.py")}


def row_of(rows: list[Row], package: str) -> Row:
    matching = [row for row in rows if package in row.packages]
    assert matching, f"the README's layout table has no row for `{package}/`"
    assert len(matching) == 1, f"`{package}/` has {len(matching)} rows in the layout table"
    return matching[0]


def readme_rows() -> list[Row]:
    return layout_rows(README.read_text(encoding="utf-8"))


def test_every_row_names_what_exists() -> None:
    rows = readme_rows()
    assert rows, "the layout table has no rows"
    nameless = [row.description[:40] for row in rows if not row.paths]
    assert not nameless, f"rows that name no package or file: {nameless}"
    absent = sorted({path for row in rows for path in row.paths if not (ROOT / path).exists()})
    assert not absent, f"the README's layout table names what does not exist: {absent}"


def test_every_package_has_its_row() -> None:
    rows = readme_rows()
    packages = documented_packages()
    assert len(packages) >= len(DOCUMENTED)
    missing = [package for package in packages if not any(package in row.packages for row in rows)]
    assert not missing, f"packages missing from the README's layout table: {missing}"


def test_every_module_is_named_in_its_package_row() -> None:
    rows = readme_rows()
    missing = {
        package: sorted(modules_of(package) - row_of(rows, package).named_modules())
        for package in documented_packages()
    }
    missing = {package: names for package, names in missing.items() if names}
    assert not missing, f"modules missing from the README's layout table: {missing}"


def test_every_subpackage_is_named_in_its_parent_row() -> None:
    rows = readme_rows()
    missing = {
        package: sorted(subpackages_of(package) - row_of(rows, package).named_subpackages())
        for package in documented_packages()
    }
    missing = {package: names for package, names in missing.items() if names}
    assert not missing, f"subpackages missing from their parent's row: {missing}"


def test_the_table_names_no_module_that_does_not_exist() -> None:
    rows = readme_rows()
    invented = {}
    for package in documented_packages():
        row = row_of(rows, package)
        unknown = row.named_modules() - modules_of(package) - subpackages_of(package)
        unknown |= row.named_subpackages() - subpackages_of(package)
        if unknown:
            invented[package] = sorted(unknown)
    assert not invented, f"the README's layout table names modules that do not exist: {invented}"


# The parsing above, on tables that are wrong in the ways the README's once was -------------------

GOOD = """\
## How the code is laid out

| layer | package | what lives there |
| --- | --- | --- |
| core | `checks/` | the rules: `catalogue` (as data), `tally`, prose such as `raingan audit` |

Imports point one way.

## Next
"""


def test_a_well_formed_table_is_read_row_by_row() -> None:
    [row] = layout_rows(GOOD)
    assert row.layer == "core"
    assert row.packages == ("checks",)
    assert row.named_modules() == {"catalogue", "tally"}


def test_a_second_header_row_is_refused() -> None:
    broken = GOOD.replace(
        "| layer | package | what lives there |",
        "| package | what lives there |\n| --- | --- |\n| layer | package | what lives there |",
    )
    try:
        layout_rows(broken)
    except AssertionError as error:
        assert "header" in str(error)
    else:
        raise AssertionError("a table with two header rows was read")


def test_a_row_with_a_missing_cell_is_refused() -> None:
    broken = GOOD.replace("| core | `checks/` |", "| `checks/` |")
    try:
        layout_rows(broken)
    except AssertionError as error:
        assert "cells" in str(error)
    else:
        raise AssertionError("a row of two cells was read")
