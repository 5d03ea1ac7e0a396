"""What a case's report prints: a consistent synthetic report, then 0 to 5 printed figures made
to disagree. The findings of the truth come from the checks run on the printed figures."""

from __future__ import annotations

import random

from sample_reports.generator.matrix.cases import Case
from sample_reports.generator.model import Report
from sample_reports.generator.mutations import (
    MarkRow,
    MemoDatedBefore,
    Mutation,
    Renumber,
    SetMemo,
    Shift,
    mutated,
)
from sample_reports.generator.synthetic import Place, Spec, drawn_style, synthetic_report
from sample_reports.generator.vocabulary import PLACES


def spec_of(case: Case, rng: random.Random) -> Spec:
    return Spec(
        seed=rng.randrange(2**31),
        kind=case.kind,
        place=Place(*PLACES[case.place]),
        fiscal_year=case.fiscal_year,
        round_months=case.round_months,
        n_projects=case.n_projects,
        memo=case.memo,
        **drawn_style(rng),  # type: ignore[arg-type]
        dash_disbursed=rng.choice((0, 0, 0, 1)) if case.n_projects > 2 else 0,
        cents=rng.random() < 0.3,
        location_line=rng.random() < 0.9,
    )


def shift(
    report: Report, section: str, key: str, delta: float, dimension: int | None = None
) -> Shift:
    """Print `section.key` off by `delta`, or by `-delta` where that would print a negative
    figure (no report prints a count or an amount below zero)."""
    value = printed_value(report, section, key, dimension)
    if value is not None and value + delta < 0:
        delta = -delta
    return Shift(section, key, delta, dimension=dimension)


def printed_value(report: Report, section: str, key: str, dimension: int | None) -> float | None:
    target = getattr(report, section.removesuffix("_total"))
    if target is None:
        return None
    if section.endswith("_total"):
        target = target.total
    elif dimension is not None:
        target = next(row for row in target.rows if row.dimension == dimension)
    return getattr(target, key)


def mutation_choices(report: Report, rng: random.Random) -> list[Mutation]:
    """Printed figures that disagree, of the kinds auditors meet."""
    dimension = rng.randint(1, 4)
    choices: list[Mutation] = [
        shift(report, "status_summary", "completed", rng.choice((-1, 1))),
        shift(report, "status_summary", "total_projects", rng.choice((-2, 3))),
        shift(report, "narrative", "pending_report", rng.choice((-2, 2))),
        shift(report, "narrative", "disbursed", 250.0),
        shift(report, "dimensions", "projects_planned", 1, dimension=dimension),
        shift(report, "dimensions", "budget_spent", -1000.0, dimension=dimension),
        shift(report, "dimensions_total", "pct_budget", 1.5),
        shift(report, "disbursement_total", "disbursed", 1000.0),
        shift(report, "ordinance_budget_total", "budget", 500.0),
        shift(report, "plan_budget", "budget", 2000.0, dimension=dimension),
    ]
    rows = report.projects or []
    if len(rows) > 3:
        row = rows[rng.randrange(len(rows))]
        choices.append(MarkRow(row.seq, rng.choice(((), (0, 2), (1, 2)))))
        index = rng.randrange(1, len(rows))
        choices.append(Renumber(index, rows[index].seq + rng.choice((1, -1))))
    if report.memo is not None:
        choices.append(MemoDatedBefore(rng.randint(3, 20)))
        choices.append(SetMemo("subject", report.memo.subject.replace("6 เดือน", "12 เดือน")))
    return choices


def case_report(case: Case) -> Report:
    """The report the case prints, reproducible from (seed, index)."""
    rng = random.Random(f"raingan-matrix-content:{case.seed}:{case.index}")
    report = synthetic_report(spec_of(case, rng))
    if case.mutations == 0:
        return report
    chosen = rng.sample(mutation_choices(report, rng), case.mutations)
    # A row is marked by its printed number: before any row is numbered otherwise.
    return mutated(report, tuple(sorted(chosen, key=lambda m: isinstance(m, Renumber))))
