"""Organisations: the government's registry of local administrative organisations (codes,
names, provinces), and every organisation raingan knows with what it filed.

A report carries no code. An organisation seen in reports is the registry entry with the same
keys: its name with abbreviations expanded (อบต. → องค์การบริหารส่วนตำบล), its province and,
where two entries of one province share a name, its district, each without its prefix
(จังหวัด, อำเภอ) and with white space ignored. Without a registry, organisations are those
the reports name, by name and province.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypedDict

from sqlalchemy import delete, exists
from sqlmodel import Session, col, func, select

from models.tables import Finding, Organisation, RegisteredOrganisation, Report, ReviewEvent
from parsers.language.vocabulary import (
    ORG_TYPES,
    compact,
    expand_abbreviations,
    org_type_of,
)

PROVINCE_PREFIXES = ("จังหวัด", "จ.")
DISTRICT_PREFIXES = ("อำเภอ", "อ.", "เขต")


def without_prefix(value: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if value.startswith(prefix) and len(value) > len(prefix):
            return value[len(prefix) :]
    return value


def name_key(name: str) -> str:
    return compact(expand_abbreviations(compact(name)))


def province_key(province: str | None) -> str:
    return without_prefix(compact(province or ""), PROVINCE_PREFIXES)


def district_key(district: str | None) -> str:
    return without_prefix(compact(district or ""), DISTRICT_PREFIXES)


@dataclass(frozen=True)
class RegistryEntry:
    """One line of a registry file, checked."""

    code: str
    name: str
    province: str
    district: str | None = None
    org_type: str | None = None


# The columns of a registry file: each by its name, or one of the Thai headers the Department
# of Local Administration's lists use (compared with white space and case ignored).
COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("code", "รหัส", "รหัสอปท.", "รหัสองค์กรปกครองส่วนท้องถิ่น"),
    "name": ("name", "ชื่อ", "ชื่ออปท.", "ชื่อองค์กรปกครองส่วนท้องถิ่น"),
    "province": ("province", "จังหวัด"),
    "district": ("district", "อำเภอ", "อำเภอ/เขต"),
    "org_type": ("org_type", "type", "ประเภท", "ประเภทอปท."),
}
REQUIRED = ("code", "name", "province")
ORG_TYPE_LABELS = tuple(kind.label for kind in ORG_TYPES)


class RegistryError(ValueError):
    """A registry file raingan cannot load: the message names the line or the column."""


def column_of(header: str) -> str | None:
    wanted = compact(header).lower()
    return next(
        (name for name, aliases in COLUMNS.items() if wanted in (a.lower() for a in aliases)),
        None,
    )


def read_registry(text: str) -> list[RegistryEntry]:
    """The entries of a registry in CSV (a header line, then one organisation a line);
    `RegistryError` for a missing column, an empty required cell, an unknown type or a code
    given twice."""
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    if not rows:
        raise RegistryError("the file is empty: expected a header line (code,name,province…)")
    header = [column_of(cell) for cell in rows[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise RegistryError(f"no column {', '.join(missing)} in the header line")
    entries: list[RegistryEntry] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: cell.strip() for name, cell in zip(header, row, strict=False) if name}
        for name in REQUIRED:
            if not cells.get(name):
                raise RegistryError(f"line {line}: no {name}")
        code = cells["code"]
        if code in seen:
            raise RegistryError(f"line {line}: code {code} is on line {seen[code]} too")
        seen[code] = line
        org_type = cells.get("org_type") or None
        if org_type is not None and org_type not in ORG_TYPE_LABELS:
            allowed = ", ".join(ORG_TYPE_LABELS)
            raise RegistryError(f"line {line}: type {org_type!r} is not one of {allowed}")
        entries.append(
            RegistryEntry(
                code, cells["name"], cells["province"], cells.get("district") or None, org_type
            )
        )
    return entries


def replace_registry(session: Session, entries: list[RegistryEntry], now: datetime) -> None:
    """The registry becomes `entries` (a new list replaces the old one whole)."""
    session.exec(delete(RegisteredOrganisation))
    session.add_all(
        RegisteredOrganisation(
            code=entry.code,
            name=entry.name,
            org_type=entry.org_type or org_type_of(expand_abbreviations(entry.name)),
            district=entry.district,
            province=entry.province,
            name_key=name_key(entry.name),
            province_key=province_key(entry.province),
            district_key=district_key(entry.district),
            imported_at=now,
        )
        for entry in entries
    )
    session.flush()


def registry_size(session: Session) -> int:
    return session.exec(select(func.count()).select_from(RegisteredOrganisation)).one()


# Every organisation raingan knows ----------------------------------------------------------


class OrganisationRow(TypedDict):
    """An organisation as `raingan organisations` lists and exports it; the keys, in this
    order, are the export's columns."""

    code: str | None
    name: str
    org_type: str | None
    province: str | None
    district: str | None
    in_registry: bool
    seen_in_reports: bool
    filed: list[str]  # `filed_round`s, the earliest first
    last_filed: str | None  # `2566/12`
    open_findings: int


@dataclass
class KnownOrganisation:
    """A registry entry, or an organisation the reports name, or both (matched by keys)."""

    code: str | None
    name: str
    org_type: str | None
    province: str | None
    district: str | None
    in_registry: bool
    organisation_ids: list[int] = field(default_factory=list)
    # Reports filed (superseded ones too) by (fiscal year, round).
    filed: dict[tuple[int, int], int] = field(default_factory=dict)
    open_findings: int = 0

    def last_filed(self) -> tuple[int, int] | None:
        return max(self.filed) if self.filed else None

    def as_row(self) -> OrganisationRow:
        last = self.last_filed()
        return {
            "code": self.code,
            "name": self.name,
            "org_type": self.org_type,
            "province": self.province,
            "district": self.district,
            "in_registry": self.in_registry,
            "seen_in_reports": bool(self.organisation_ids),
            "filed": [filed_round(key, count) for key, count in sorted(self.filed.items())],
            "last_filed": f"{last[0]}/{last[1]}" if last else None,
            "open_findings": self.open_findings,
        }


def filed_round(key: tuple[int, int], reports: int) -> str:
    """`2566/12`, or `2566/12×2` for a round filed twice (a correction)."""
    year, months = key
    return f"{year}/{months}" + (f"×{reports}" if reports > 1 else "")


def known_organisations(session: Session) -> list[KnownOrganisation]:
    """Every registry entry and every organisation the reports name, each once, with the
    rounds it filed (any report, superseded or not) and its open findings (current reports,
    under their rules version, never reviewed); sorted by province, type and name."""
    known = attach(
        session.exec(select(RegisteredOrganisation)).all(),
        session.exec(select(Organisation)).all(),
    )
    by_id = {org_id: entry for entry in known for org_id in entry.organisation_ids}
    rounds = select(
        Report.organisation_id, Report.fiscal_year, Report.round_months, func.count()
    ).group_by(col(Report.organisation_id), col(Report.fiscal_year), col(Report.round_months))
    for org_id, year, months, count in session.exec(rounds).all():
        if org_id in by_id and year is not None and months is not None:
            filed = by_id[org_id].filed
            filed[(year, months)] = filed.get((year, months), 0) + count
    for org_id, count in open_findings(session):
        if org_id in by_id:
            by_id[org_id].open_findings += count
    return sorted(
        known, key=lambda k: (province_key(k.province), k.org_type or "", name_key(k.name))
    )


def attach(
    registry: Iterable[RegisteredOrganisation], organisations: Iterable[Organisation]
) -> list[KnownOrganisation]:
    """The registry's entries, each with the organisations of the reports whose keys are its
    own (the district decides between entries of one province with one name); organisations
    that match no entry, or one entry of several that the district cannot tell apart, stand
    alone, without a code."""
    entries: dict[tuple[str, str], list[KnownOrganisation]] = {}
    districts: dict[int, str] = {}
    known: list[KnownOrganisation] = []
    for row in registry:
        entry = KnownOrganisation(
            row.code, row.name, row.org_type, row.province, row.district, in_registry=True
        )
        entries.setdefault((row.name_key, row.province_key), []).append(entry)
        districts[id(entry)] = row.district_key
        known.append(entry)
    for organisation in organisations:
        keys = (name_key(organisation.name), province_key(organisation.province))
        candidates = entries.get(keys, [])
        if len(candidates) > 1:
            district = district_key(organisation.district)
            candidates = [c for c in candidates if districts[id(c)] == district]
        if len(candidates) == 1:
            candidates[0].organisation_ids.append(organisation_id(organisation))
            continue
        known.append(
            KnownOrganisation(
                None,
                organisation.name,
                organisation.org_type,
                organisation.province,
                organisation.district,
                in_registry=False,
                organisation_ids=[organisation_id(organisation)],
            )
        )
    return known


def organisation_id(organisation: Organisation) -> int:
    if organisation.id is None:
        raise ValueError("an organisation without an id: it was never flushed")
    return organisation.id


def open_findings(session: Session) -> list[tuple[int, int]]:
    """Per organisation: the findings of its current reports, under each report's rules
    version, that nobody has reviewed."""
    reviewed = exists().where(col(ReviewEvent.finding_id) == Finding.finding_id)
    statement = (
        select(Report.organisation_id, func.count())
        .join(
            Finding,
            (col(Finding.report_id) == Report.id)
            & (col(Finding.rules_version) == Report.rules_version),
        )
        .where(col(Report.superseded_by_id).is_(None), col(Report.organisation_id).is_not(None))
        .where(~reviewed)
        .group_by(col(Report.organisation_id))
    )
    return [(org, count) for org, count in session.exec(statement).all() if org is not None]


def missing_in(
    known: list[KnownOrganisation], fiscal_year: int, round_months: int
) -> list[KnownOrganisation]:
    """Those that filed an earlier round but not this one."""
    wanted = (fiscal_year, round_months)
    return [k for k in known if wanted not in k.filed and any(f < wanted for f in k.filed)]
