"""Rebuild every sample PDF, its expected document and its evidence, with fixed seeds.

.venv/bin/python -m sample_reports.generator [--only NAME-GLOB ...]
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
import time

from sample_reports.generator.build import build_reject, build_sample
from sample_reports.generator.catalogue import REJECTS, SAMPLES
from sample_reports.generator.index import write_index


def selected(name: str, patterns: list[str]) -> bool:
    return not patterns or any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sample_reports.generator")
    parser.add_argument("--only", action="append", default=[], help="name glob, repeatable")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    for sample in SAMPLES:
        if selected(sample.name, args.only):
            t0 = time.perf_counter()
            document = build_sample(sample)
            pages, findings = document["source"]["pages"], len(document["findings"])
            print(
                f"{sample.name}.pdf  {sample.producer.value:13} {pages:3} pages"
                f"  {findings:2} findings  {time.perf_counter() - t0:5.1f}s",
                flush=True,
            )
    for reject in REJECTS:
        if selected(reject.name, args.only):
            build_reject(reject)
            print(f"{reject.name}.pdf  rejected: {reject.code}", flush=True)
    write_index()
    print(f"done in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
