"""The filters `raingan findings` and `raingan report` share: each option declared once, and
the selection they make, checked before the database is opened."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from checks.catalogue import SEVERITY
from checks.identity import NOT_REVIEWED, ReviewStatus
from parsers.language.vocabulary import ORG_TYPE_GROUPS
from parsers.sections.document_shape import ROUNDS
from raingan.cli.console import ExitCode, fail

if TYPE_CHECKING:
    from models.engine import SessionFactory
    from models.read import FindingSelection

RULE_NAMES = tuple(rule.value for rule in SEVERITY)
SEVERITY_NAMES = tuple(dict.fromkeys(SEVERITY.values()))
VERDICT_NAMES = tuple(status.value for status in ReviewStatus)  # what `raingan review` records
REVIEW_NAMES = (NOT_REVIEWED, *VERDICT_NAMES)
ORG_TYPE_NAMES = tuple(ORG_TYPE_GROUPS)


def listed(values: tuple[Any, ...]) -> str:
    return ", ".join(str(value) for value in values)


Organisation = Annotated[
    str | None, typer.Option(help="Organisations whose name contains this (spaces ignored).")
]
OrgType = Annotated[
    str | None, typer.Option("--type", help=f"Kind of organisation: {listed(ORG_TYPE_NAMES)}.")
]
Province = Annotated[str | None, typer.Option(help="Provinces whose name contains this.")]
Year = Annotated[int | None, typer.Option(help="Fiscal year (e.g. 2566).")]
Round = Annotated[int | None, typer.Option("--round", help="The 6- or 12-month round.")]
RuleName = Annotated[str | None, typer.Option(help=f"One rule: {listed(RULE_NAMES)}.")]
Severity = Annotated[str | None, typer.Option(help=listed(SEVERITY_NAMES) + ".")]
Review = Annotated[str | None, typer.Option(help=f"Review status: {listed(REVIEW_NAMES)}.")]
RulesVersion = Annotated[
    str | None, typer.Option(help="Findings of this rules version (default: the newest).")
]
IncludeSuperseded = Annotated[
    bool, typer.Option("--include-superseded", help="Reports replaced by a later one too.")
]
OneReport = Annotated[
    str | None,
    typer.Option("--report", help="One report, by the sha256 of its file (a prefix is enough)."),
]


def check_choice(option: str, value: Any, allowed: tuple[Any, ...]) -> None:
    if value is not None and value not in allowed:
        raise fail(f"error: {option} is one of {listed(allowed)}, not {value!r}", ExitCode.USAGE)


def finding_selection(
    organisation: str | None,
    org_type: str | None,
    province: str | None,
    year: int | None,
    round_months: int | None,
    rule: str | None,
    severity: str | None,
    review: str | None,
    rules_version: str | None,
    include_superseded: bool,
    report: str | None,
) -> FindingSelection:
    """The selection the options make; a value outside its choices is a usage error."""
    from models.read import FindingSelection

    check_choice("--type", org_type, ORG_TYPE_NAMES)
    check_choice("--round", round_months, ROUNDS)
    check_choice("--rule", rule, RULE_NAMES)
    check_choice("--severity", severity, SEVERITY_NAMES)
    check_choice("--review", review, REVIEW_NAMES)
    return FindingSelection(
        organisation=organisation,
        org_types=ORG_TYPE_GROUPS[org_type] if org_type else None,
        province=province,
        fiscal_year=year,
        round_months=round_months,
        rule=rule,
        severity=severity,
        review_status=review,
        rules_version=rules_version,
        include_superseded=include_superseded or report is not None,
        sha256_prefix=report,
    )


# Questions the data cannot answer ---------------------------------------------------------------

BUDDHIST_ERA_OFFSET = 543  # 2023 CE is 2566 BE
GREGORIAN_YEARS = range(1900, 2200)  # a year here is Gregorian: no Thai fiscal year is
SHORT_YEARS = range(0, 100)  # `66`: the last two digits of a Buddhist-era year
SHORT_CENTURY = 2500


def be_year_for(year: int) -> int | None:
    """The Buddhist-era year someone who typed `year` most likely meant; None if it is one."""
    if year in GREGORIAN_YEARS:
        return year + BUDDHIST_ERA_OFFSET
    if year in SHORT_YEARS:
        return SHORT_CENTURY + year
    return None


def year_problem(option: str, year: int, first: int | None, last: int | None) -> str | None:
    """Why no stored report can be of fiscal year `year` (data from `first` to `last`, None
    when empty); None when it can."""
    meant = be_year_for(year)
    covered = f"the reports stored are of {first}–{last}" if first is not None else ""
    if meant is not None:
        hint = f"fiscal years are Buddhist-era: did you mean {option} {meant}?"
        return f"{option} {year} is not a Buddhist-era year; {hint}" + (
            f" ({covered})" if covered else ""
        )
    if first is not None and last is not None and not first <= year <= last:
        return f"{option} {year} is outside the data: {covered}"
    return None


def rules_version_problem(version: str, known: tuple[str, ...]) -> str | None:
    if version in known:
        return None
    stored = listed(known) if known else "none yet"
    return f"--rules-version {version!r} is unknown; the stored rules versions: {stored}"


def check_against_data(
    sessions: SessionFactory, year: int | None, rules_version: str | None, option: str = "--year"
) -> None:
    """A year or rules version that no stored report has is a usage error (exit 2), so that
    an empty answer is never read as a clean one."""
    if year is None and rules_version is None:
        return
    from models.read import stored_range

    with sessions() as session:
        stored = stored_range(session)
    problems = [
        None if year is None else year_problem(option, year, stored.first_year, stored.last_year),
        None
        if rules_version is None
        else rules_version_problem(rules_version, stored.rules_versions),
    ]
    for problem in problems:
        if problem is not None:
            raise fail(f"error: {problem}", ExitCode.USAGE)
