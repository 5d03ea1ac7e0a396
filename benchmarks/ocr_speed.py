"""OCR speed: each scanned sample parsed with its pages read from their images, beside the
parse of its digital twin (`reference-libreoffice.pdf`, the same report with a text layer).

Seconds per report (wall clock, and this process's CPU time: steadier on a busy machine), per
page read from its image (every page the parser read so, or tried to: its `ocr:` warnings), and
per such page over the twin's parse (what OCR added). Tesseract runs on one thread: the engine
sets OMP_THREAD_LIMIT=1 unless it is set already (it matters only for a libtesseract built with
OpenMP, as Debian's is; the one bundled in tesserocr's wheels has none), so no run with it
unset is needed.

    .venv/bin/python benchmarks/ocr_speed.py [--repeat 1] [FILES...]
"""

from __future__ import annotations

import argparse
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from parsers import Rejected, parse_report
from parsers.ocr.engine import engine_missing, opened_engine

SAMPLES = Path(__file__).resolve().parents[1] / "sample_reports"
TWIN = SAMPLES / "reference-libreoffice.pdf"
# A page read from its image, or tried and found unreadable: time spent on OCR either way.
OCR_PAGE = re.compile(r"^ocr: page \d+( read from its image|: its image could not be read)")


def scanned_samples() -> list[Path]:
    """The samples whose truth is what OCR must read (`NAME.ocr-expected.json`)."""
    return [
        truth.with_name(truth.name.replace(".ocr-expected.json", ".pdf"))
        for truth in sorted(SAMPLES.glob("*.ocr-expected.json"))
    ]


@dataclass
class Timing:
    seconds: float = float("inf")  # wall clock, the best of the runs
    cpu: float = float("inf")  # this process's CPU time (Tesseract runs in it): steadier on a
    # busy machine
    document: dict | None = None
    rejection: str | None = None


def timed_parse(path: Path, repeat: int) -> Timing:
    """The best times of `repeat` parses; the document, or the rejection."""
    data = path.read_bytes()
    timing = Timing()
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            timing.document = parse_report(data, filename=path.name).document
        except Rejected as rejected:
            timing.rejection = str(rejected)
        timing.seconds = min(timing.seconds, time.perf_counter() - started)
        timing.cpu = min(timing.cpu, time.process_time() - cpu_started)
    return timing


def ocr_pages(document: dict) -> int:
    return sum(1 for w in document["parse_warnings"] if OCR_PAGE.match(w["message"]))


def engine_opening() -> float:
    """Seconds to open the engine (both models loaded), paid once per document read."""
    started = time.perf_counter()
    with opened_engine():
        return time.perf_counter() - started


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("files", nargs="*", type=Path)
    arguments.add_argument("--repeat", type=int, default=1)
    options = arguments.parse_args()
    missing = engine_missing()
    if missing is not None:
        raise SystemExit(f"cannot read images here: {missing}")
    files = options.files or scanned_samples()
    opening = engine_opening()
    print(
        f"OMP_THREAD_LIMIT={os.environ.get('OMP_THREAD_LIMIT')}; engine opened in {opening:.2f} s"
    )
    print(
        f"{'file':36} {'pages':>5} {'OCR':>4} {'s/report':>9} {'CPU s':>6}"
        f" {'s/OCR page':>10} {'+s/OCR page':>11}"
    )
    twin = timed_parse(TWIN, max(options.repeat, 3))
    pages = twin.document["source"]["pages"] if twin.document else 0
    name = f"{TWIN.name} (twin)"
    print(f"{name:36} {pages:5d} {0:4d} {twin.seconds:9.2f} {twin.cpu:6.2f}")
    total_seconds = total_extra = 0.0
    total_ocr = 0
    for path in files:
        timing = timed_parse(path, options.repeat)
        if timing.document is None:
            print(f"{path.name:36} rejected: {timing.rejection}")
            continue
        read = ocr_pages(timing.document)
        pages = timing.document["source"]["pages"]
        line = f"{path.name:36} {pages:5d} {read:4d} {timing.seconds:9.2f} {timing.cpu:6.2f}"
        if read:
            # Over the twin's parse: what reading the pages from their images added.
            extra = timing.seconds - twin.seconds
            line += f" {timing.seconds / read:10.2f} {extra / read:11.2f}"
            total_seconds, total_extra = total_seconds + timing.seconds, total_extra + extra
            total_ocr += read
        print(line)
    if total_ocr:
        print(
            f"\n{total_ocr} pages read from their images: {total_seconds / total_ocr:.2f} s per"
            f" page (report time over OCR pages), {total_extra / total_ocr:.2f} s per page over"
            f" the twin's parse ({twin.seconds:.2f} s per report)"
        )


if __name__ == "__main__":
    main()
