"""Parse speed over sample_reports/ beside pdfplumber's bare cost, in one run.

The bare cost opens the same files and reads every page's `chars` (and nothing else):
what any pdfplumber-based reader pays. Target: parse ≤ 1.5 × bare. The scanned samples are
left out (`benchmarks/ocr_speed.py` measures them), and OCR is off: a page without a usable
text layer (a scanned memo) costs seconds of Tesseract, not of the parser measured here.

    .venv/bin/python benchmarks/parse_speed.py [--repeat 3] [FILES...]
"""

from __future__ import annotations

import argparse
import io
import json
import time
from pathlib import Path

import pdfplumber

from parsers import Limits, Rejected, parse_report

SAMPLES = Path(__file__).resolve().parents[1] / "sample_reports"


def report_files() -> list[Path]:
    """The samples that are reports (not the files to reject), and not the scanned ones (with
    a `NAME.ocr-expected.json`): their time is Tesseract's, not pdfplumber's, and is measured
    apart (benchmarks/ocr_speed.py)."""
    files = []
    for expected in sorted(SAMPLES.glob("*.expected.json")):
        scanned = expected.with_name(expected.name.replace(".expected.json", ".ocr-expected.json"))
        if scanned.exists() or "rejected" in json.loads(expected.read_text(encoding="utf-8")):
            continue
        files.append(expected.with_name(expected.name.replace(".expected.json", ".pdf")))
    return files


def bare_cost(data: bytes) -> int:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            _ = page.chars
            page.close()
        return len(pdf.pages)


WITHOUT_OCR = Limits(ocr=False)


def timed(parse, data: bytes, name: str | None = None) -> float:
    started = time.perf_counter()
    parse(data) if name is None else parse(data, filename=name, limits=WITHOUT_OCR)
    return time.perf_counter() - started


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("files", nargs="*", type=Path)
    arguments.add_argument("--repeat", type=int, default=3)
    options = arguments.parse_args()
    files = options.files or report_files()
    total_bare = total_parse = 0.0
    total_pages = 0
    print(f"{'file':45} {'pages':>5} {'bare s':>8} {'parse s':>8} {'ratio':>6}")
    for path in files:
        data = path.read_bytes()
        pages = bare_cost(data)  # warm-up: imports, font caches
        bare = min(timed(bare_cost, data) for _ in range(options.repeat))
        try:
            parse = min(timed(parse_report, data, path.name) for _ in range(options.repeat))
        except Rejected as rejection:
            print(f"{path.name:45} rejected: {rejection}")
            continue
        total_bare, total_parse, total_pages = (
            total_bare + bare,
            total_parse + parse,
            total_pages + pages,
        )
        print(f"{path.name:45} {pages:5d} {bare:8.3f} {parse:8.3f} {parse / bare:6.2f}")
    print(
        f"\n{len(files)} reports, {total_pages} pages:"
        f" bare {1000 * total_bare / total_pages:.1f} ms/page,"
        f" parse {1000 * total_parse / total_pages:.1f} ms/page,"
        f" {total_parse / len(files):.3f} s/report; ratio {total_parse / total_bare:.2f}"
        " (target ≤ 1.50)"
    )


if __name__ == "__main__":
    main()
