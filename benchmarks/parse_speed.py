"""Parse speed over sample_reports/ beside pdfplumber's bare cost, side by side in one run.

The bare cost opens the same files and reads every page's `chars` (and nothing else): what any
pdfplumber-based reader pays. Each file is timed bare, read (its pages as the parser sees
them, `parsers.text_layer.reading.read_pages`) and parsed (`parse_report`), each with PDFium where
it reads a page as pdfplumber would (the default) and with the careful reader alone, taking turns
so that the ratios hold on a noisy machine; and the share of pages each reader took. Then
whole processes: `raingan parse --json FILE` beside a process that only opens FILE with
pdfplumber and reads its chars, in turns, for the files given with --process.

Targets (issue 23): reading ≤ 0.15 × bare, whole process ≤ 0.35 × on the 150-project sample
and the reference, parse over all samples ≤ 0.5 ×. The scanned samples are left out
(`benchmarks/ocr_speed.py` measures them), and OCR is off.

An editable install has no bytecode of raingan's own modules, and where PYTHONDONTWRITEBYTECODE
is set none is written: each `raingan parse` then compiles the parser from source, which an
installed raingan does not (pdfplumber, in site-packages, was compiled when installed). With
--compiled the processes run with bytecode kept in a cache of their own (PYTHONPYCACHEPREFIX),
written by a first run that is not timed.

With --cpu the in-process runs are timed by the process's CPU time rather than the wall
clock: on a machine shared with other work (both cores busy), a run's CPU time moves far less
than its wall time, and the ratios with it. Whole processes are timed both ways, their CPU time
being the process's and its children's (the parse child). `--process` given no files leaves out
the whole processes, `--processes-only` the runs in process; `--baseline DIR ...` times the
`raingan parse` of other checkouts (`git archive REV | tar -x -C DIR`) in the same turns.

    .venv/bin/python benchmarks/parse_speed.py [--repeat 3] [--cpu] [--compiled]
        [--process FILE ...] [--processes-only] [--baseline DIR ...] [FILES...]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pdfplumber

from parsers import Limits, Rejected, parse_report
from parsers.text_layer.font_mapping import DocumentFonts
from parsers.text_layer.opening import open_pdf
from parsers.text_layer.page_reader import pdfium_objects
from parsers.text_layer.pdfium_reader import PDFIUM, PDFMINER, PdfiumDocument
from parsers.text_layer.reading import read_pages

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_reports"
RAINGAN = Path(sys.executable).with_name("raingan")
# The 150-project sample (165 projects, 18 pages) and the reference report, printed by ReportLab.
PROCESS_FILES = ("town-mahasarakham-2568-r12.pdf", "reference-reportlab.pdf")
WITHOUT_OCR = Limits(ocr=False)
BARE_PROCESS = (
    "import io, sys, pdfplumber\n"
    "with pdfplumber.open(sys.argv[1]) as pdf:\n"
    "    for page in pdf.pages:\n"
    "        page.chars\n"
    "        page.close()\n"
)
COLUMNS = ("bare", "objects", "read", "read careful", "parse", "parse careful")
WIDTHS = (7, 6, 7, 6, 7)  # of the ratio columns after `bare`


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


def read(data: bytes, reader: str) -> Counter[str]:
    """The pages as the parser sees them; how many each reader took."""
    with open_pdf(data, WITHOUT_OCR) as pdf:
        return Counter(page.reader for page in read_pages(pdf, data, reader))


def parse(data: bytes, reader: str, name: str) -> None:
    parse_report(data, filename=name, limits=WITHOUT_OCR, reader=reader)


def objects(data: bytes) -> None:
    """The page reading alone: each page's objects from PDFium (chars with their glyphs,
    paths, images), as `bare_cost` reads pdfplumber's chars; careful pages not read."""
    with open_pdf(data, WITHOUT_OCR) as pdf:
        fonts, pdfium = DocumentFonts(pdf), PdfiumDocument(data)
        for page in pdf.pages:
            pdfium_objects(page, fonts, pdfium)
            page.close()
        pdfium.close()


def runs_of(data: bytes, name: str) -> dict[str, Callable[[], object]]:
    return {
        "bare": lambda: bare_cost(data),
        "objects": lambda: objects(data),
        "read": lambda: read(data, PDFIUM),
        "read careful": lambda: read(data, PDFMINER),
        "parse": lambda: parse(data, PDFIUM, name),
        "parse careful": lambda: parse(data, PDFMINER, name),
    }


def best_of(
    repeat: int,
    runs: dict[str, Callable[[], object]],
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, float]:
    """The best time of each run, the runs taking turns `repeat` times."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeat):
        for name, run in runs.items():
            started = clock()
            run()
            best[name] = min(best[name], clock() - started)
    return best


def in_process(
    files: list[Path], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> None:
    totals: Counter[str] = Counter()
    readers: Counter[str] = Counter()
    pages_total = 0
    timed_by = "CPU time" if clock is time.process_time else "wall time"
    print(f"In process, best of {repeat} each, in turns ({timed_by}):")
    print(f"{'file':44} {'pages':>5} {'bare s':>7} objects read careful parse careful (× bare)")
    for path in files:
        data = path.read_bytes()
        pages = bare_cost(data)  # warm-up: imports, font caches
        try:
            readers += read(data, PDFIUM)
            times = best_of(repeat, runs_of(data, path.name), clock)
        except Rejected as rejection:
            print(f"{path.name:44} rejected: {rejection}")
            continue
        totals.update(times)
        pages_total += pages
        bare = times["bare"]
        ratios = " ".join(
            f"{times[c] / bare:{w}.2f}" for c, w in zip(COLUMNS[1:], WIDTHS, strict=True)
        )
        print(f"{path.name:44} {pages:5d} {bare:7.3f} {ratios}")
    bare = totals["bare"]
    per_page = 1000 * bare / pages_total
    print(f"\n{len(files)} reports, {pages_total} pages; bare {per_page:.1f} ms/page.")
    for column in COLUMNS[1:]:
        print(
            f"  {column:14} {1000 * totals[column] / pages_total:6.1f} ms/page,"
            f" ratio to bare {totals[column] / bare:.2f}"
        )
    print("  targets: objects (page reading alone) ≤ 0.15, parse ≤ 0.50 (issue 23)")
    share = ", ".join(f"{reader} {n / readers.total():.0%}" for reader, n in readers.most_common())
    print(f"  pages read by: {share} (of {readers.total()})")


def whole_processes(
    files: list[Path], repeat: int, compiled: bool = False, baselines: list[Path] | None = None
) -> None:
    """`raingan parse --json` beside a bare pdfplumber process, in turns, each timed by the wall
    clock and by its CPU time (the process's and its children's: `RUSAGE_CHILDREN`, which on a
    shared machine moves far less); with `compiled`, all keep their modules' bytecode (a first
    run of each, not timed, writes it); with `baselines`, checkouts of raingan (`git archive
    REV | tar -x -C DIR`) whose `raingan parse` runs in the same turns, for a before and after."""
    environment = {**os.environ, "RAINGAN_OCR": "off"}
    cache = tempfile.TemporaryDirectory(prefix="raingan-bytecode-") if compiled else None
    if cache is not None:
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
        environment["PYTHONPYCACHEPREFIX"] = cache.name
    compiled_or_not = "bytecode kept" if compiled else source_or_bytecode()
    print(f"\nWhole processes (best of {repeat} each, in turns; {compiled_or_not}):")
    for path in files:
        runs = process_runs(path, environment, baselines or [])
        if compiled:
            best_process_times(1, runs)
        times = best_process_times(repeat, runs)
        bare_wall, bare_cpu = times["bare"]
        for name, (wall, cpu) in times.items():
            if name == "bare":
                continue
            print(
                f"  {path.name:44} bare {bare_wall:.2f} s, {name} {wall:.2f} s:"
                f" {wall / bare_wall:.2f} × by the clock; CPU {bare_cpu:.2f} s against"
                f" {cpu:.2f} s: {cpu / bare_cpu:.2f} × (target ≤ 0.35)"
            )
    if cache is not None:
        cache.cleanup()


def process_runs(
    path: Path, environment: dict[str, str], baselines: list[Path]
) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Each process to time: its command line and its environment."""
    parse = [str(RAINGAN), "parse", "--json", str(path)]
    runs = {
        "bare": ([sys.executable, "-c", BARE_PROCESS, str(path)], environment),
        "raingan parse --json": (parse, environment),
    }
    for baseline in baselines:
        # Found before the editable install's finder: the checkout's packages are imported.
        paths = os.pathsep.join(filter(None, [str(baseline), environment.get("PYTHONPATH")]))
        runs[f"the same from {baseline.name}"] = (parse, {**environment, "PYTHONPATH": paths})
    return runs


def best_process_times(
    repeat: int, runs: dict[str, tuple[list[str], dict[str, str]]]
) -> dict[str, tuple[float, float]]:
    """The best wall time and the best CPU time of each process, taking turns `repeat` times."""
    best = dict.fromkeys(runs, (float("inf"), float("inf")))
    for _ in range(repeat):
        for name, (command, environment) in runs.items():
            wall, cpu = process_time(command, environment)
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    return best


def process_time(command: list[str], environment: dict[str, str]) -> tuple[float, float]:
    """The wall time of `command` and the CPU time (user and system) of it and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=environment)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def source_or_bytecode() -> str:
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return "raingan's modules compiled from source each run: PYTHONDONTWRITEBYTECODE"
    return "bytecode as Python keeps it"


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("files", nargs="*", type=Path)
    arguments.add_argument("--repeat", type=int, default=3)
    arguments.add_argument("--process", nargs="*", type=Path, default=None)
    arguments.add_argument(
        "--compiled", action="store_true", help="whole processes with their bytecode kept"
    )
    arguments.add_argument(
        "--cpu", action="store_true", help="time the in-process runs by CPU time, not wall time"
    )
    arguments.add_argument(
        "--baseline",
        type=Path,
        nargs="+",
        default=[],
        help="checkouts of raingan (git archive REV | tar -x -C DIR) whose `raingan parse`"
        " runs beside this one in the whole processes",
    )
    arguments.add_argument(
        "--processes-only", action="store_true", help="whole processes only, not in process"
    )
    options = arguments.parse_args()
    clock = time.process_time if options.cpu else time.perf_counter
    if not options.processes_only:
        in_process(options.files or report_files(), options.repeat, clock)
    process_files = (
        options.process
        if options.process is not None
        else [SAMPLES / name for name in PROCESS_FILES]
    )
    if process_files:
        whole_processes(process_files, options.repeat, options.compiled, options.baseline)


if __name__ == "__main__":
    main()
