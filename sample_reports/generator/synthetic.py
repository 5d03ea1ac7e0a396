"""Synthetic reports from a seed: consistent by construction (every table computed from the
project list), for organisations, years and rounds other than the reference's."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sample_reports.generator import vocabulary as v
from sample_reports.generator.model import (
    STATUSES,
    BudgetRow,
    BudgetTable,
    BudgetTotal,
    DateStyle,
    DimensionRow,
    DimensionsTable,
    DimensionTotal,
    DisbursementRow,
    DisbursementTable,
    DisbursementTotal,
    Memo,
    Narrative,
    Person,
    ProjectRow,
    Report,
    Signature,
    StatusSummary,
)
from sample_reports.generator.thai import BUDDHIST_ERA_OFFSET

DIMENSIONS = (1, 2, 3, 4)
DIMENSION_SHARE = (0.3, 0.4, 0.15, 0.15)
# Status weights (pending, in progress, completed, unable) by round: half-way, most is pending.
STATUS_WEIGHTS = {6: (0.45, 0.15, 0.3, 0.1), 12: (0.05, 0.12, 0.73, 0.1)}
BUDGETS = (5000, 10000, 15000, 20000, 30000, 40000, 50000, 80000, 100000, 150000, 250000)


@dataclass(frozen=True)
class Place:
    name: str  # the organisation's own name: บ้านแฮด, มหาสารคาม …
    district: str
    province: str
    province_code: str  # the letters of a memo number: ขก …
    phone: str


@dataclass(frozen=True)
class Spec:
    """What a synthetic report is like; everything else comes from the seed."""

    seed: int
    kind: str  # a key of vocabulary.ORG_KINDS
    place: Place
    fiscal_year: int
    round_months: int
    n_projects: int
    memo: bool = True
    date_style: DateStyle = DateStyle.THAI_FULL
    thai_digits: bool = True
    abbreviated_agency: bool = False
    long_names: bool = False
    remarks: float = 0.0  # share of rows with a remark
    half_weight_in_progress: bool = False  # implementation_pct counts in-progress as half
    misspelt_disbursement: bool = True
    dash_disbursed: int = 0  # rows whose disbursement is printed as "-"
    cents: bool = False  # budgets with satang
    location_line: bool = True  # the cover's อำเภอ … จังหวัด … line
    # Named after its place whatever its kind: a sample made when the generator still named a
    # provincial administration after a town (its text-layer defect needs the town's letters).
    named_after_place: bool = False


def drawn_style(rng: random.Random) -> dict[str, object]:
    """How a report drawn at random writes itself (its `Spec` fields besides what it reports),
    for the bulk reports and the round-trip matrix alike."""
    return {
        "date_style": rng.choice(list(DateStyle)),
        "thai_digits": rng.random() < 0.7,
        "abbreviated_agency": rng.random() < 0.3,
        "long_names": rng.random() < 0.3,
        "remarks": rng.choice((0.0, 0.0, 0.1, 0.3)),
        "half_weight_in_progress": rng.random() < 0.3,
        "misspelt_disbursement": rng.random() < 0.7,
    }


def place_name(spec: Spec) -> str:
    """What the organisation is named after: its town or subdistrict, or its province."""
    after_province = v.ORG_KINDS[spec.kind].named_after_province and not spec.named_after_place
    return spec.place.province if after_province else spec.place.name


def organisation(spec: Spec) -> str:
    return v.ORG_KINDS[spec.kind].prefix + place_name(spec)


def gregorian(fiscal_year: int) -> int:
    return fiscal_year - BUDDHIST_ERA_OFFSET


def data_as_of(spec: Spec, rng: random.Random) -> dt.date:
    year = gregorian(spec.fiscal_year)
    start = dt.date(year, 3, 15) if spec.round_months == 6 else dt.date(year, 9, 20)
    return start + dt.timedelta(days=rng.randint(0, 20))


def project_name(spec: Spec, dimension: int, rng: random.Random, used: set[str]) -> str:
    org = organisation(spec)
    for _ in range(50):
        prefix = rng.choice(v.NAME_PREFIXES)
        topic = rng.choice(v.TOPICS[dimension])
        name = f"{prefix}{topic}"
        if spec.long_names and rng.random() < 0.6:
            name += "และ" + rng.choice(v.TOPICS[dimension])
        if rng.random() < (0.6 if spec.long_names else 0.3):
            name += rng.choice(v.NAME_SUFFIXES).format(org=org, year=spec.fiscal_year)
        if name not in used:
            used.add(name)
            return name
    name = f"{name} ครั้งที่ {len(used)}"
    used.add(name)
    return name


def dimension_of_rows(n: int, rng: random.Random) -> list[int]:
    """Dimensions in printed order (1s first, then 2s …), each present when n allows."""
    counts = [max(1 if n >= len(DIMENSIONS) else 0, round(n * share)) for share in DIMENSION_SHARE]
    while sum(counts) > n:
        counts[counts.index(max(counts))] -= 1
    while sum(counts) < n:
        counts[rng.randrange(len(counts))] += 1
    return [d for d, c in zip(DIMENSIONS, counts, strict=True) for _ in range(c)]


def budget(spec: Spec, rng: random.Random) -> float:
    if rng.random() < 0.45:
        return 0.0
    value = float(rng.choice(BUDGETS))
    if spec.cents and rng.random() < 0.4:
        value += rng.randint(1, 99) * 10.5
    return round(value, 2)


def disbursed(status: str, planned: float, rng: random.Random) -> float:
    if planned == 0 or status in ("pending_report", "unable"):
        return 0.0
    share = rng.uniform(0.6, 1.0) if status == "completed" else rng.uniform(0.1, 0.5)
    return round(planned * share, 2)


def project_rows(spec: Spec, rng: random.Random) -> list[ProjectRow]:
    used: set[str] = set()
    rows = []
    weights = STATUS_WEIGHTS[spec.round_months]
    for seq, dimension in enumerate(dimension_of_rows(spec.n_projects, rng), 1):
        status = rng.choices(STATUSES, weights)[0]
        planned = budget(spec, rng)
        remark = rng.choice(v.REMARKS[status]) if rng.random() < spec.remarks else None
        rows.append(
            ProjectRow(
                seq=seq,
                name=project_name(spec, dimension, rng, used),
                dimension=dimension,
                budget=planned,
                disbursed=disbursed(status, planned, rng),
                marks=(STATUSES.index(status),),
                remark=remark,
            )
        )
    for row in rng.sample(rows, spec.dash_disbursed):
        row.disbursed = None
    return rows


def percent(numerator: float, denominator: float) -> float:
    return 0.0 if denominator == 0 else round(100 * numerator / denominator, 2)


def level_of(pct: float) -> str:
    return next(label for threshold, label in v.LEVELS if pct >= threshold)


@dataclass
class Tables:
    dimensions: DimensionsTable
    plan_budget: BudgetTable
    ordinance_budget: BudgetTable
    disbursement: DisbursementTable
    status_summary: StatusSummary
    narrative: Narrative


def summary_tables(spec: Spec, rows: list[ProjectRow], rng: random.Random) -> Tables:
    """Every summary figure computed from the project list: a consistent report."""
    dim_rows, plan_rows, ord_rows, disb_rows = [], [], [], []
    for d in DIMENSIONS:
        mine = [row for row in rows if row.dimension == d]
        planned = len(mine)
        done = sum(1 for row in mine if row.status == "completed")
        plan_budget = round(sum(row.budget for row in mine), 2)
        funded = [row for row in mine if row.budget]
        ordinance = round(sum(row.budget for row in funded) * rng.choice((1.0, 1.0, 0.9)), 2)
        spent = round(sum(row.disbursed or 0.0 for row in mine), 2)  # the system sums "-" as 0
        dim_rows.append(
            DimensionRow(
                d,
                planned,
                done,
                plan_budget,
                ordinance,
                spent,
                percent(done, planned),
                percent(spent, plan_budget),
            )
        )
        plan_rows.append(BudgetRow(d, planned, plan_budget))
        ord_rows.append(BudgetRow(d, len(funded), ordinance))
        disb_rows.append(DisbursementRow(d, plan_budget, ordinance, spent))

    def total(key: str, source: list) -> float | int | None:
        values = [getattr(row, key) for row in source]
        if any(value is None for value in values):
            return None
        summed = sum(values)
        return round(summed, 2) if isinstance(summed, float) else summed

    spent_total = total("budget_spent", dim_rows)
    planned_total = total("budget_planned", dim_rows)
    done_total = total("projects_done", dim_rows)
    dimensions = DimensionsTable(
        dim_rows,
        DimensionTotal(
            len(rows),
            done_total,
            planned_total,
            total("budget_ordinance", dim_rows),
            spent_total,
            percent(done_total, len(rows)),
            None if spent_total is None else percent(spent_total, planned_total),
        ),
    )
    counts = {status: sum(1 for row in rows if row.status == status) for status in STATUSES}
    minimum = max(1, round(len(rows) * rng.uniform(0.6, 0.8)))
    score = counts["completed"] + (counts["in_progress"] / 2 if spec.half_weight_in_progress else 0)
    implementation = percent(score, minimum)
    level = level_of(implementation)
    status_summary = StatusSummary(
        minimum,
        len(rows),
        total("projects", ord_rows),
        counts["in_progress"],
        counts["completed"],
        counts["unable"],
        implementation,
        level,
    )
    narrative = Narrative(
        len(rows),
        counts["pending_report"],
        counts["in_progress"],
        counts["completed"],
        counts["unable"],
        spent_total,
        None if spent_total is None else percent(spent_total, planned_total),
        level,
        implementation,
    )
    return Tables(
        dimensions,
        BudgetTable(plan_rows, BudgetTotal(len(rows), planned_total)),
        BudgetTable(ord_rows, BudgetTotal(total("projects", ord_rows), total("budget", ord_rows))),
        DisbursementTable(
            disb_rows,
            DisbursementTotal(planned_total, total("ordinance", disb_rows), spent_total),
            misspelt_header=spec.misspelt_disbursement,
        ),
        status_summary,
        narrative,
    )


def person(rng: random.Random, position_lines: tuple[str, ...], used: set[str]) -> Person:
    while True:
        name = f"{rng.choice(v.TITLES)}{rng.choice(v.GIVEN_NAMES)} {rng.choice(v.FAMILY_NAMES)}"
        if name not in used:
            used.add(name)
            return Person(name, position_lines)


def memo(spec: Spec, as_of: dt.date, rng: random.Random) -> Memo:
    kind = v.ORG_KINDS[spec.kind]
    org = organisation(spec)
    place = place_name(spec)
    unit = rng.choice(kind.units)
    agency_org = f"{kind.abbreviation}{place}" if spec.abbreviated_agency else org
    used: set[str] = set()
    author = person(rng, (unit.head,), used)
    deputy = person(rng, (f"{kind.clerk}{place}",), used)
    chief = person(rng, (f"{kind.chief}{place}",), used)
    subject = rng.choice(v.MEMO_SUBJECTS).format(year=spec.fiscal_year, months=spec.round_months)
    first, last = ("ตุลาคม", "มีนาคม") if spec.round_months == 6 else ("ตุลาคม", "กันยายน")
    period = f"{first} {spec.fiscal_year - 1} - {last} {spec.fiscal_year}"
    return Memo(
        agency=f"{unit.name} {agency_org}",
        phone=spec.place.phone,
        reference=f"{spec.place.province_code} {rng.randint(50000, 79999)}/{rng.randint(1, 999)}",
        date=as_of + dt.timedelta(days=rng.randint(0, 12)),
        date_style=spec.date_style,
        subject=subject,
        addressee=f"{kind.chief}{place}",
        body=(
            f"ตามที่{org}ได้จัดทำแผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ {spec.fiscal_year}"
            " เพื่อเป็นกรอบแนวทางในการดำเนินการป้องกันและปราบปรามการทุจริตและประพฤติมิชอบ นั้น",
            f"{unit.name}ได้ติดตามผลการดำเนินงานตามแผนดังกล่าว รอบ {spec.round_months} เดือน"
            f" ({period}) และรายงานผลในระบบ e-PlanNACC เรียบร้อยแล้ว รายละเอียดตามเอกสารที่แนบ",
        ),
        closing=rng.choice(("จึงเรียนมาเพื่อโปรดทราบ", "จึงเรียนมาเพื่อโปรดทราบและพิจารณา")),
        signatures=(
            Signature(author),
            Signature(deputy, rng.choice(v.ENDORSEMENTS)),
            Signature(chief, rng.choice(("ทราบ", "ทราบ/อนุมัติ"))),
        ),
        handwritten_date=None,
        thai_digits=spec.thai_digits,
    )


def synthetic_report(spec: Spec) -> Report:
    rng = random.Random(spec.seed)
    kind = v.ORG_KINDS[spec.kind]
    as_of = data_as_of(spec, rng)
    rows = project_rows(spec, rng)
    tables = summary_tables(spec, rows, rng)
    reporter_used: set[str] = set()
    unit = kind.units[0]
    return Report(
        organization=organisation(spec),
        fiscal_year=spec.fiscal_year,
        round_months=spec.round_months,
        data_as_of=as_of,
        district=spec.place.district if spec.location_line else None,
        province=spec.place.province if spec.location_line else None,
        office_lines=(unit.name, f"โทร. {spec.place.phone}"),
        reporter=person(rng, (rng.choice(v.REPORTER_POSITIONS),), reporter_used),
        memo=memo(spec, as_of, rng) if spec.memo else None,
        dimensions=tables.dimensions,
        plan_budget=tables.plan_budget,
        ordinance_budget=tables.ordinance_budget,
        disbursement=tables.disbursement,
        status_summary=tables.status_summary,
        projects=rows,
        narrative=tables.narrative,
        problems=rng.sample(v.PROBLEMS, rng.randint(1, 3)),
    )
