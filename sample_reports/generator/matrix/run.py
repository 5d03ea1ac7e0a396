"""Run cases in parallel: make each, parse it, score it against its truth; tables per factor.

    .venv/bin/python -m sample_reports.generator.matrix --n 1000 [--seed 1] [--jobs 2]
        [--worst DIR] [--slice]

The last line reads `matrix: N cases, wrong W, false findings F, fields X%, statuses Y%`
(fields and statuses of the text-layer cases) for a script to read.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import shutil
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sample_reports.generator.marks import MarkStyle
from sample_reports.generator.matrix.cases import Case, Maker, Scan, draw_case, scanned_at
from sample_reports.generator.matrix.score import Score, score_document

WORST_KEPT = 20


@dataclass
class Outcome:
    case: Case
    score: Score | None  # None: the case could not be made (see `error`)
    make_seconds: float = 0.0
    parse_seconds: float = 0.0
    error: str | None = None
    folder: str | None = None

    @property
    def badness(self) -> tuple[int, int, int, int]:
        s = self.score
        if s is None:
            return (0, 0, 0, 0)
        return (s.wrong, s.findings_false, s.silent, s.null)


def parse_document(pdf: Path) -> tuple[dict[str, Any], Any]:
    """What `raingan parse --json` prints for the file, OCR on, and the parse's evidence."""
    from parsers import Limits, Rejected, parse_report
    from parsers.safety.damage import damage_is_rejection

    try:
        with damage_is_rejection():
            parsed = parse_report(pdf.read_bytes(), filename=pdf.name, limits=Limits())
    except Rejected as rejected:
        return {"rejected": {"code": str(rejected.code), "reason": str(rejected)}}, None
    return parsed.document, parsed.evidence


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def run_case(case: Case, workdir: Path) -> Outcome:
    from sample_reports.generator.matrix.produce import NotMade, make_case

    folder = workdir / case.name
    folder.mkdir(parents=True, exist_ok=True)
    outcome = Outcome(case, None, folder=str(folder))
    started = time.perf_counter()
    try:
        made = make_case(case, folder)
    except NotMade as not_made:
        outcome.error = f"not made: {not_made}"
        return outcome
    except Exception as error:  # a generator fault: reported, never scored
        outcome.error = f"generator: {type(error).__name__}: {error}"
        (folder / "generator-error.txt").write_text(traceback.format_exc())
        return outcome
    outcome.make_seconds = time.perf_counter() - started
    started = time.perf_counter()
    try:
        parsed, evidence = parse_document(made.pdf)
    except Exception as error:  # the parser crashed: a wrong answer
        parsed = {"rejected": {"code": "crash", "reason": f"{type(error).__name__}: {error}"}}
        evidence = None
        (folder / "parse-error.txt").write_text(traceback.format_exc())
    outcome.parse_seconds = time.perf_counter() - started
    outcome.score = score_document(
        made.truth,
        parsed,
        may_reject=case.is_scan and "crash" not in str(parsed),
        evidence=evidence,
    )
    write_json(folder / "truth.json", made.truth)
    write_json(folder / "parsed.json", parsed)
    write_json(folder / "case.json", {**asdict(case), "levels": case.levels()})
    return outcome


def run_cases(
    cases: list[Case],
    jobs: int,
    workdir: Path,
    progress: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    if jobs <= 1:
        outcomes = []
        for case in cases:
            outcomes.append(run_case(case, workdir))
            if progress:
                progress(outcomes[-1])
        return outcomes
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = [pool.submit(run_case, case, workdir) for case in cases]
        outcomes = []
        for future in futures:
            outcomes.append(future.result())
            if progress:
                progress(outcomes[-1])
    return outcomes


@dataclass
class Totals:
    cases: int = 0
    made: int = 0
    seconds: float = 0.0
    score: Score = field(default_factory=Score)

    def add(self, outcome: Outcome) -> None:
        self.cases += 1
        if outcome.score is None:
            return
        self.made += 1
        self.seconds += outcome.make_seconds + outcome.parse_seconds
        for name in (
            "right",
            "null",
            "silent",
            "doubtful",
            "wrong",
            "status_right",
            "status_null",
            "status_wrong",
            "figure_right",
            "figure_null",
            "figure_wrong",
            "findings_true",
            "findings_false",
            "findings_missed",
            "findings_justified",
        ):
            setattr(self.score, name, getattr(self.score, name) + getattr(outcome.score, name))


def percent(part: int, whole: int) -> str:
    return "-" if whole == 0 else f"{100 * part / whole:.1f}"


def totals_row(level: str, totals: Totals) -> list[str]:
    s = totals.score
    found = s.findings_true + s.findings_false
    expected = s.findings_true + s.findings_missed
    return [
        level,
        str(totals.cases),
        str(totals.cases - totals.made),
        percent(s.right, s.fields),
        str(s.null),
        str(s.silent),
        str(s.doubtful),
        str(s.wrong),
        percent(s.figure_right, s.figures),
        percent(s.status_right, s.statuses),
        str(s.status_null),
        str(s.status_wrong),
        percent(s.findings_true, found),
        percent(s.findings_true, expected),
        str(s.findings_justified),
        str(s.findings_false),
        "-" if totals.made == 0 else f"{totals.seconds / totals.made:.1f}",
    ]


HEADER = [
    "level",
    "cases",
    "unmade",
    "fields%",
    "null",
    "silent",
    "doubtful",
    "wrong",
    "figures%",
    "status%",
    "st.null",
    "st.wrong",
    "precision",
    "recall",
    "justified",
    "false",
    "s/case",
]


def table_text(title: str, rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in [HEADER, *rows]) for i in range(len(HEADER))]
    lines = [f"## {title}", ""]
    lines.append("| " + " | ".join(h.ljust(w) for h, w in zip(HEADER, widths, strict=True)) + " |")
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
    return "\n".join(lines)


def factor_tables(outcomes: Iterable[Outcome]) -> str:
    by_factor: dict[str, dict[str, Totals]] = defaultdict(lambda: defaultdict(Totals))
    everything = Totals()
    for outcome in outcomes:
        everything.add(outcome)
        for factor, level in outcome.case.levels().items():
            by_factor[factor][level].add(outcome)
    parts = [table_text("all cases", [totals_row("all", everything)])]
    for factor, levels in by_factor.items():
        rows = [totals_row(level, totals) for level, totals in sorted(levels.items())]
        parts.append(table_text(factor, rows))
    return "\n\n".join(parts)


def summary_line(outcomes: list[Outcome]) -> str:
    """The run in a line: wrongs and false findings over all cases; the share read right of
    text-layer cases, and of scanned ones apart when there are some."""
    text, scans = Totals(), Totals()
    wrong = false = 0
    for outcome in outcomes:
        if outcome.score is not None:
            wrong += outcome.score.wrong
            false += outcome.score.findings_false
            (scans if outcome.case.is_scan else text).add(outcome)
    line = f"matrix: {len(outcomes)} cases, wrong {wrong}, false findings {false}, "
    line += shares(text.score)
    if scans.cases:
        line += f"; scans: {shares(scans.score, figures=True)}"
    return line


def shares(score: Score, *, figures: bool = False) -> str:
    """Fields and statuses read right; with `figures`, the printed numbers apart (the scans'
    targets are set on statuses and figures, issue 19)."""
    figure_share = f"figures {percent(score.figure_right, score.figures)}%, " if figures else ""
    return (
        f"fields {percent(score.right, score.fields)}%, {figure_share}"
        f"statuses {percent(score.status_right, score.statuses)}%"
    )


def keep_worst(outcomes: list[Outcome], worst: Path | None, workdir: Path) -> None:
    """Copy the worst cases (and every unmade one's error) to `worst`, with a summary."""
    if worst is None:
        return
    worst.mkdir(parents=True, exist_ok=True)
    ranked = sorted((o for o in outcomes if o.score), key=lambda o: o.badness, reverse=True)
    kept = [o for o in ranked[:WORST_KEPT] if any(o.badness) or len(outcomes) <= WORST_KEPT]
    kept += [o for o in outcomes if o.error]
    for outcome in kept:
        if outcome.folder:
            shutil.copytree(outcome.folder, worst / outcome.case.name, dirs_exist_ok=True)
    write_json(worst / "outcomes.json", [outcome_record(o) for o in outcomes])


def outcome_record(outcome: Outcome) -> dict[str, Any]:
    score = None if outcome.score is None else asdict(outcome.score)
    return {
        "case": outcome.case.name,
        "drawn": asdict(outcome.case),
        "levels": outcome.case.levels(),
        "error": outcome.error,
        "make_seconds": round(outcome.make_seconds, 2),
        "parse_seconds": round(outcome.parse_seconds, 2),
        "score": score,
    }


def run_matrix(
    n: int,
    seed: int,
    jobs: int,
    *,
    indices: Iterable[int] | None = None,
    in_slice: bool = False,
    scan_level: str | None = None,
    worst: Path | None = None,
    progress: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Cases 0..n-1 of `seed` (or just `indices`), made, parsed and scored on `jobs` cores;
    with `scan_level`, every case scanned at that level."""
    chosen = range(n) if indices is None else indices
    cases = [draw_case(seed, index, in_slice=in_slice) for index in chosen]
    if scan_level is not None:
        cases = [scanned_at(case, scan_level) for case in cases]
    with tempfile.TemporaryDirectory(prefix="raingan-matrix-") as tmp:
        outcomes = run_cases(cases, jobs, Path(tmp), progress)
        keep_worst(outcomes, worst, Path(tmp))
    return outcomes


def outcome_from_record(record: dict[str, Any]) -> Outcome:
    drawn = dict(record["drawn"])
    drawn["maker"] = Maker(drawn["maker"])
    drawn["marks"] = MarkStyle(drawn["marks"])
    drawn["scan"] = Scan(**drawn["scan"]) if drawn["scan"] else None
    score = Score(**record["score"]) if record["score"] else None
    return Outcome(
        Case(**drawn),
        score,
        record["make_seconds"],
        record["parse_seconds"],
        record["error"],
    )


def read_outcomes(path: Path) -> list[Outcome]:
    """The outcomes a run has written so far (`--worst DIR`: DIR/outcomes.jsonl)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [outcome_from_record(json.loads(line)) for line in lines if line.strip()]


def print_tables(outcomes: list[Outcome], how: str) -> None:
    print(factor_tables(outcomes))
    print()
    unmade = [o for o in outcomes if o.error]
    print(f"unmade {len(unmade)} (layouts that did not print as planned, generator faults)")
    print(how)
    print(summary_line(outcomes))


def print_progress(outcome: Outcome) -> None:
    s = outcome.score
    verdict = (
        outcome.error
        if s is None
        else f"wrong {s.wrong} doubtful {s.doubtful} null {s.null} "
        f"false {s.findings_false} missed {s.findings_missed}"
    )
    print(f"{outcome.case.name} {outcome.case.maker.value:11} {verdict}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sample_reports.generator.matrix")
    parser.add_argument("--n", type=int, required=True, help="how many cases")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=multiprocessing.cpu_count())
    parser.add_argument("--worst", type=Path, help="a folder for the worst cases' files")
    parser.add_argument("--slice", action="store_true", help="only what `make test` draws")
    parser.add_argument("--quiet", action="store_true", help="no line per case on stderr")
    parser.add_argument(
        "--only", type=int, nargs="+", help="run just these case indices (with --worst)"
    )
    parser.add_argument(
        "--scan", metavar="LEVEL", help="every case scanned at LEVEL (200-grey, 150-bw-memo, …)"
    )
    parser.add_argument(
        "--tables", type=Path, help="print the tables of a run's outcomes.jsonl, run nothing"
    )
    args = parser.parse_args(argv)
    if args.tables:
        outcomes = read_outcomes(args.tables)
        print_tables(outcomes, f"from {args.tables}")
        return 0
    started = time.perf_counter()
    outcomes = run_matrix(
        args.n,
        args.seed,
        args.jobs,
        indices=args.only,
        in_slice=args.slice,
        scan_level=args.scan,
        worst=args.worst,
        progress=progress_writer(args.worst, args.quiet),
    )
    print_tables(
        outcomes, f"in {time.perf_counter() - started:.0f}s on {args.jobs} jobs, seed {args.seed}"
    )
    return 0


def progress_writer(worst: Path | None, quiet: bool) -> Callable[[Outcome], None]:
    """A line per case on stderr (unless quiet), and each outcome appended to
    worst/outcomes.jsonl as it comes, so that a long run can be read before it ends."""
    if worst is not None:
        worst.mkdir(parents=True, exist_ok=True)
        (worst / "outcomes.jsonl").write_text("")

    def report(outcome: Outcome) -> None:
        if not quiet:
            print_progress(outcome)
        if worst is not None:
            with (worst / "outcomes.jsonl").open("a", encoding="utf-8") as out:
                out.write(json.dumps(outcome_record(outcome), ensure_ascii=False) + "\n")

    return report
