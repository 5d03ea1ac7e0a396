"""Many synthetic reports, fast, for benchmarks and load tests (reportlab only, no Chromium).

    .venv/bin/python -m sample_reports.generator.bulk --n 200 --out /tmp/reports [--seed 7]

Every report is of a distinct organisation, fiscal year and round, so none supersedes
another when loaded. About a third carry one or two deliberate inconsistencies. Beside each
NAME.pdf: NAME.expected.json (the contract document) and NAME.evidence.json. Uses only the
bundled font, so it runs on a machine without Thai fonts.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sample_reports.generator.build import source_of, write_json
from sample_reports.generator.expected import expected_document
from sample_reports.generator.layout import plan_layout
from sample_reports.generator.model import Report
from sample_reports.generator.mutations import MarkRow, Mutation, Renumber, Shift, mutated
from sample_reports.generator.producers import GEOMETRIES, Producer
from sample_reports.generator.synthetic import Place, Spec, drawn_style, synthetic_report
from sample_reports.generator.vocabulary import ORG_KINDS, PLACES

FISCAL_YEARS = tuple(range(2560, 2570))
ROUNDS = (6, 12)
INCONSISTENT_SHARE = 0.35


@dataclass(frozen=True)
class Identity:
    kind: str
    place: int  # index into PLACES
    fiscal_year: int
    round_months: int

    @property
    def name(self) -> str:
        return f"{self.kind}-p{self.place:02d}-{self.fiscal_year}-r{self.round_months}"


def identities(seed: int) -> list[Identity]:
    """Every organisation/year/round combination, in a seeded order."""
    every = [
        Identity(kind, place, year, months)
        for kind, place, year, months in itertools.product(
            ORG_KINDS, range(len(PLACES)), FISCAL_YEARS, ROUNDS
        )
    ]
    random.Random(seed).shuffle(every)
    return every


def random_mutations(report: Report, rng: random.Random) -> tuple[Mutation, ...]:
    """One or two printed figures that disagree, picked among the kinds auditors meet."""
    rows = report.projects or []
    choices: list[Mutation] = [
        Shift("status_summary", "completed", rng.choice((-1, 1))),
        Shift("narrative", "pending_report", rng.choice((-2, 2))),
        Shift("dimensions", "projects_planned", 1, dimension=rng.randint(1, 4)),
        Shift("disbursement_total", "disbursed", 1000.0),
        Shift("ordinance_budget_total", "budget", 500.0),
    ]
    if len(rows) > 3:
        choices += [MarkRow(rows[rng.randrange(len(rows))].seq, ()), Renumber(2, rows[2].seq + 1)]
    return tuple(rng.sample(choices, rng.randint(1, 2)))


def spec_for(identity: Identity, rng: random.Random, seed: int) -> Spec:
    return Spec(
        seed=seed,
        kind=identity.kind,
        place=Place(*PLACES[identity.place]),
        fiscal_year=identity.fiscal_year,
        round_months=identity.round_months,
        n_projects=rng.choice((rng.randint(4, 20), rng.randint(20, 60), rng.randint(60, 120))),
        memo=rng.random() < 0.85,
        **drawn_style(rng),  # type: ignore[arg-type]
        cents=rng.random() < 0.3,
    )


def bulk_reports(n: int, seed: int) -> Iterator[tuple[str, Report]]:
    every = identities(seed)
    if n > len(every):
        raise ValueError(f"at most {len(every)} distinct reports (organisation, year, round)")
    for index, identity in enumerate(every[:n]):
        rng = random.Random(seed * 1_000_003 + index)
        report = synthetic_report(spec_for(identity, rng, rng.randrange(2**31)))
        if rng.random() < INCONSISTENT_SHARE:
            report = mutated(report, random_mutations(report, rng))
        yield f"bulk-{index:05d}-{identity.name}", report


def write_report(name: str, report: Report, out: Path) -> None:
    from sample_reports.generator import reportlab_render

    layout = plan_layout(report, GEOMETRIES[Producer.BULK], closing_on_last_list_page=True)
    pdf = out / f"{name}.pdf"
    reportlab_render.render(report, layout, pdf, producer=Producer.BULK, marks="vector")
    document, evidence = expected_document(report, layout, source_of(pdf, layout))
    write_json(out / f"{name}.expected.json", document)
    write_json(out / f"{name}.evidence.json", evidence.to_dict())


def generate(n: int, out: Path, seed: int = 0) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    names = []
    for name, report in bulk_reports(n, seed):
        write_report(name, report, out)
        names.append(name)
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sample_reports.generator.bulk")
    parser.add_argument("--n", type=int, required=True, help="how many reports")
    parser.add_argument("--out", type=Path, required=True, help="a folder outside the repository")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    names = generate(args.n, args.out, args.seed)
    elapsed = time.perf_counter() - started
    each = elapsed / max(1, len(names))
    print(f"{len(names)} reports in {args.out} in {elapsed:.1f}s ({each:.3f}s each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
