"""`raingan organisations`: every organisation raingan knows (the registry's and those the
reports name), what each filed and its open findings; `--missing YEAR ROUND` those that filed
before but not in that round; `organisations import FILE.csv` loads the registry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.table import Table

from raingan.cli import finding_filters as filters
from raingan.cli.console import ExitCode, console, fail, fail_with
from raingan.cli.help import MARKUP, Command, Group, examples
from raingan.cli.output import format_of, write_out
from raingan.cli.report_view import plain

if TYPE_CHECKING:
    from models.engine import SessionFactory
    from models.registry import KnownOrganisation, OrganisationRow

FORMATS = ("table", "csv", "json")

organisations_app = typer.Typer(
    name="organisations",
    cls=Group,
    rich_markup_mode=MARKUP,
    invoke_without_command=True,
)


@organisations_app.callback(
    epilog=examples(
        "raingan organisations --province กาฬสินธุ์",
        "raingan organisations --missing 2566 12",
        "raingan organisations import registry.csv",
    )
)
def organisations(
    ctx: typer.Context,
    missing: Annotated[
        tuple[int, int] | None,
        typer.Option(
            metavar="YEAR ROUND",
            help="Only those that filed an earlier round but not this one (e.g. 2566 12).",
        ),
    ] = None,
    province: filters.Province = None,
    org_type: filters.OrgType = None,
    output_format: Annotated[
        str | None,
        typer.Option("--format", help=f"{filters.listed(FORMATS)} [the extension of -o]."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (.csv .json .txt).")
    ] = None,
) -> None:
    """List every organisation raingan knows: the registry's (`organisations import`) and
    those the reports name, with type, province, district, the rounds filed (year/months),
    the last one, and the open findings of its current reports.

    A report is attached to a registry entry by its name (abbreviations expanded), province
    and, when needed, district; without a registry, organisations are told apart by name and
    province. A year or round the data cannot have is an error (exit 2)."""
    if ctx.invoked_subcommand is not None:
        return
    from raingan.cli.database import open_for_reading

    filters.check_choice("--type", org_type, filters.ORG_TYPE_NAMES)
    if missing is not None:
        filters.check_choice("--missing ROUND", missing[1], filters.ROUNDS)
    chosen = format_of(output_format, output, FORMATS)
    sessions = open_for_reading().sessions
    if missing is not None:
        filters.check_against_data(sessions, missing[0], None, option="--missing")
    rows = [known.as_row() for known in selected(read_known(sessions), missing, province, org_type)]
    if chosen == "table":
        show_table(rows, output, missing)
        return

    write_out(export(rows, chosen), output)


def read_known(sessions: SessionFactory) -> list[KnownOrganisation]:
    from models.registry import known_organisations

    try:
        with sessions() as session:
            return known_organisations(session)
    except Exception as error:
        raise fail_with("cannot read the organisations", error) from None


def selected(
    known: list[KnownOrganisation],
    missing: tuple[int, int] | None,
    province: str | None,
    org_type: str | None,
) -> list[KnownOrganisation]:
    from models.registry import missing_in, province_key
    from parsers.language.vocabulary import ORG_TYPE_GROUPS

    if missing is not None:
        known = missing_in(known, *missing)
    if province is not None:
        part = province_key(province)
        known = [k for k in known if part in province_key(k.province)]
    if org_type is not None:
        known = [k for k in known if k.org_type in ORG_TYPE_GROUPS[org_type]]
    return known


def export(rows: list[OrganisationRow], output_format: str) -> bytes:
    if output_format == "json":
        return (json.dumps(rows, ensure_ascii=False, indent=2) + "\n").encode()
    import pandas as pd

    frame = pd.DataFrame(rows)
    if not rows:
        frame = pd.DataFrame(columns=list(COLUMNS))
    frame["filed"] = frame["filed"].map(" ".join)
    return frame.to_csv(index=False).encode("utf-8-sig")


COLUMNS = (
    "code",
    "name",
    "org_type",
    "province",
    "district",
    "in_registry",
    "seen_in_reports",
    "filed",
    "last_filed",
    "open_findings",
)


def show_table(
    rows: list[OrganisationRow], output: Path | None, missing: tuple[int, int] | None
) -> None:
    from rich.console import Console

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for column in ("code", "organisation", "province / district", "filed (year/months)"):
        table.add_column(column, overflow="fold")
    table.add_column("open findings", justify="right")
    for row in rows:
        table.add_row(
            plain(row["code"] or ""),
            plain(f"{row['name']}\n{row['org_type'] or ''}"),
            plain(f"{row['province'] or ''}\n{row['district'] or ''}"),
            plain(" ".join(row["filed"]) or "nothing filed"),
            str(row["open_findings"]),
        )
    what = "organisations"
    if missing is not None:
        what += f" that filed before but not in {missing[0]}, {missing[1]} months"
    if output is not None:
        with output.open("w", encoding="utf-8") as file:
            Console(file=file, width=console.width, emoji=False, color_system=None).print(table)
        return
    console.print(table)
    console.print(plain(f"{len(rows)} {what}"), soft_wrap=True)


@organisations_app.command(
    "import",
    cls=Command,
    epilog=examples("raingan organisations import registry.csv"),
)
def import_registry(
    registry: Annotated[
        Path,
        typer.Argument(
            exists=True, dir_okay=False, help="The registry as CSV (UTF-8): a header line first."
        ),
    ],
) -> None:
    """Load the registry of local administrative organisations (it replaces the one loaded
    before). Columns, by header: `code`, `name`, `province` (required), `district`,
    `org_type` (อบจ., อบต., เทศบาลนคร, เทศบาลเมือง, เทศบาลตำบล, กรุงเทพมหานคร, เมืองพัทยา;
    from the name when empty). Thai headers รหัส, ชื่อ, จังหวัด, อำเภอ, ประเภท are read too."""
    from models.load import utc_now
    from models.registry import RegistryError, read_registry, replace_registry
    from raingan.cli.database import open_for_loading

    try:
        entries = read_registry(registry.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise fail(f"error: {registry}: not UTF-8 text", ExitCode.USAGE) from None
    except RegistryError as error:
        raise fail(f"error: {registry}: {error}", ExitCode.USAGE) from None
    sessions = open_for_loading().sessions
    try:
        with sessions() as session:
            replace_registry(session, entries, utc_now())
            session.commit()
    except Exception as error:
        raise fail_with(f"cannot load the registry {registry}", error) from None
    known = read_known(sessions)
    matched = sum(1 for k in known if k.in_registry and k.organisation_ids)
    unmatched = sum(1 for k in known if not k.in_registry)
    console.print(
        plain(
            f"{len(entries)} organisations in the registry; {matched} of them named in reports; "
            f"{unmatched} organisations named in reports are not in it"
        ),
        soft_wrap=True,
    )
