"""Rebuild every sample PDF, its expected document and its evidence, with fixed seeds.

.venv/bin/python -m sample_reports.generator [--only NAME-GLOB ...]
.venv/bin/python -m sample_reports.generator --pending --out DIR [--only NAME-GLOB ...]

The second form builds the samples the catalogue marks `pending` (producers the parser does
not read yet) into DIR, outside the corpus; the first, the corpus itself, skips them.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
import time
from pathlib import Path

from sample_reports.generator.build import build_reject, build_sample
from sample_reports.generator.catalogue import PENDING_SAMPLES, REJECTS, SAMPLES, SAMPLES_DIR
from sample_reports.generator.index import write_index


def selected(name: str, patterns: list[str]) -> bool:
    return not patterns or any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sample_reports.generator")
    parser.add_argument("--only", action="append", default=[], help="name glob, repeatable")
    parser.add_argument("--pending", action="store_true", help="build the pending samples only")
    parser.add_argument("--out", type=Path, help="folder to write to (with --pending)")
    args = parser.parse_args(argv)
    if args.pending != (args.out is not None):
        parser.error("--pending and --out go together: pending samples stay out of the corpus")
    if args.pending:
        args.out.mkdir(parents=True, exist_ok=True)
    folder = args.out if args.pending else SAMPLES_DIR
    started = time.perf_counter()
    for sample in PENDING_SAMPLES if args.pending else SAMPLES:
        if selected(sample.name, args.only):
            t0 = time.perf_counter()
            document = build_sample(sample, folder)
            pages, findings = document["source"]["pages"], len(document["findings"])
            print(
                f"{sample.name}.pdf  {sample.producer.value:13} {pages:3} pages"
                f"  {findings:2} findings  {time.perf_counter() - t0:5.1f}s",
                flush=True,
            )
    for reject in () if args.pending else REJECTS:
        if selected(reject.name, args.only):
            build_reject(reject)
            print(f"{reject.name}.pdf  rejected: {reject.code}", flush=True)
    if not args.pending:
        write_index()
    print(f"done in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
