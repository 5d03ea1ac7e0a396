"""The backfill on Dask beside the same work done sequentially, in one run.

    .venv/bin/python benchmarks/backfill_speed.py --n 1000 [--workers 2] [--seed 0]

N bulk-generated reports (`sample_reports.generator.bulk`, cached outside the repository in
~/.cache/raingan-bench) are loaded twice into new SQLite databases:

- *sequential*: `raingan.pipeline.ingest_paths` in one process, no Prefect, no Dask;
- *backfill*: `raingan backfill` with a local Dask cluster of `--workers` processes and Prefect
  in ephemeral mode (its temporary server is one of the processes measured).

For each: wall time, reports per minute, pages per second, and CPU-seconds per report summed
over every process (RUSAGE_CHILDREN of this script, which runs each as a child and does
nothing else meanwhile: the flow, the Dask scheduler and workers, the Prefect server, all
reaped). For the backfill, each worker's resident memory is sampled every second: its peak in
each quarter of the run (flat: the last three about equal; the first holds the worker's start).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "raingan-bench"
BIN = Path(sys.executable).parent


def corpus(n: int, seed: int) -> Path:
    """N bulk reports (PDFs only), generated once and kept."""
    folder = CACHE / f"bulk-{n}-seed{seed}"
    done = folder / ".complete"
    if not done.exists():
        from sample_reports.generator.bulk import generate

        made = folder.with_name(folder.name + ".tmp")
        made.mkdir(parents=True, exist_ok=True)
        print(f"generating {n} reports into {folder} ...", flush=True)
        generate(n, made, seed=seed)
        for extra in made.glob("*.json"):
            extra.unlink()
        made.rename(folder)
        done.touch()
    return folder


def page_count(folder: Path) -> int:
    import pypdfium2

    total = 0
    for path in folder.glob("*.pdf"):
        document = pypdfium2.PdfDocument(str(path))
        total += len(document)
        document.close()
    return total


@dataclass
class Measured:
    seconds: float
    cpu_seconds: float
    returncode: int
    worker_rss: dict[int, list[tuple[float, int]]] = field(default_factory=dict)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(command: list[str], env: dict[str, str], sample_workers: bool) -> Measured:
    """Run a command to its end; its wall time and the CPU time of its whole process tree."""
    cpu_before, started = children_cpu(), time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    samples: dict[int, list[tuple[float, int]]] = {}
    sampler = threading.Thread(target=sample_rss, args=(process.pid, samples), daemon=True)
    if sample_workers:
        sampler.start()
    returncode = process.wait()
    seconds = time.perf_counter() - started
    return Measured(seconds, children_cpu() - cpu_before, returncode, samples)


def sample_rss(pid: int, samples: dict[int, list[tuple[float, int]]]) -> None:
    """Every second, the resident memory of each Dask worker process under `pid`."""
    import psutil

    started = time.perf_counter()
    try:
        root = psutil.Process(pid)
        while root.is_running() and root.status() != psutil.STATUS_ZOMBIE:
            for child in root.children(recursive=True):
                try:
                    if is_dask_worker(child.cmdline()):
                        rss = child.memory_info().rss
                        samples.setdefault(child.pid, []).append((time.perf_counter(), rss))
                except psutil.Error:
                    continue
            time.sleep(1.0)
    except psutil.Error:
        pass
    for series in samples.values():  # times from the start of the run
        series[:] = [(moment - started, rss) for moment, rss in series]


def is_dask_worker(cmdline: list[str]) -> bool:
    # LocalCluster's nannies spawn each worker with multiprocessing's spawn entry point.
    joined = " ".join(cmdline)
    return "spawn_main" in joined and "resource_tracker" not in joined


SEQUENTIAL = """
import sys
from models import OriginalsStore, ensure_schema, make_engine, session_factory
from raingan.pipeline import default_parser, ingest_paths
from raingan.settings import load_settings
settings = load_settings()
engine = make_engine(settings.database_url)
ensure_schema(engine)
summary = ingest_paths([sys.argv[1]], session_factory=session_factory(engine),
                       store=OriginalsStore(settings.store), parser=default_parser(settings.limits))
assert summary.failed == 0, summary.as_dict()
"""


def fresh_env(home: Path) -> dict[str, str]:
    env = {**os.environ, "RAINGAN_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    for name in ("RAINGAN_DATABASE_URL", "RAINGAN_STORE", "PREFECT_API_URL"):
        env.pop(name, None)
    # Prefect's own database persists between runs, as it does in use (a first start spends
    # seconds creating it).
    env["PREFECT_HOME"] = str(CACHE / "prefect-home")
    (CACHE / "prefect-home").mkdir(parents=True, exist_ok=True)
    return env


def memory_report(samples: dict[int, list[tuple[float, int]]], seconds: float) -> list[str]:
    """Each worker's peak resident memory in each quarter of the run: flat when the last three
    agree (the first holds the worker's start). Peaks, not medians: between two parses a worker
    returns memory to the system (Dask sets MALLOC_TRIM_THRESHOLD_), so a median depends on
    when the samples fell."""
    lines = []
    for number, series in enumerate(samples.values(), 1):
        if not series:
            continue
        quarters = [
            [rss for moment, rss in series if seconds * q / 4 <= moment < seconds * (q + 1) / 4]
            for q in range(4)
        ]
        peaks = ", ".join(f"{max(q) / 2**20:.0f}" if q else "-" for q in quarters)
        lines.append(f"  worker {number}: peak MiB by quarter of the run: {peaks}")
    return lines


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--n", type=int, default=1000, help="reports in the corpus")
    arguments.add_argument("--workers", type=int, default=2, help="Dask worker processes")
    arguments.add_argument("--seed", type=int, default=0)
    options = arguments.parse_args()

    folder = corpus(options.n, options.seed)
    pages = page_count(folder)
    print(f"corpus: {options.n} reports, {pages} pages, in {folder}", flush=True)
    results = {}
    with tempfile.TemporaryDirectory(prefix="raingan-bench-") as scratch:
        command = [sys.executable, "-c", SEQUENTIAL, str(folder)]
        env = fresh_env(Path(scratch) / "sequential")
        results["sequential"] = run_measured(command, env, sample_workers=False)
        command = [str(BIN / "raingan"), "backfill", str(folder)]
        command += ["--workers", str(options.workers)]
        env = fresh_env(Path(scratch) / "backfill")
        results["backfill"] = run_measured(command, env, sample_workers=True)

    for name, measured in results.items():
        if measured.returncode != 0:
            print(f"{name} exited {measured.returncode}", file=sys.stderr)
            return 1
    print(f"{'run':<12}{'wall s':>9}{'reports/min':>13}{'pages/s':>9}{'CPU-s/report':>14}")
    for name, measured in results.items():
        print(
            f"{name:<12}{measured.seconds:>9.1f}{options.n / measured.seconds * 60:>13.0f}"
            f"{pages / measured.seconds:>9.1f}{measured.cpu_seconds / options.n:>14.3f}"
        )
    sequential, backfill = results["sequential"], results["backfill"]
    speedup = sequential.seconds / backfill.seconds
    cpu_ratio = backfill.cpu_seconds / sequential.cpu_seconds
    print(f"backfill speed-up on {options.workers} workers: {speedup:.2f}x (target >= 1.7x)")
    print(f"CPU-seconds per report, backfill / sequential: {cpu_ratio:.2f} (target <= 1.10)")
    print("memory per worker:")
    print("\n".join(memory_report(backfill.worker_rss, backfill.seconds)))
    summary = {
        "n": options.n,
        "pages": pages,
        "workers": options.workers,
        "speedup": round(speedup, 3),
        "cpu_ratio": round(cpu_ratio, 3),
        **{f"{name}_seconds": round(m.seconds, 1) for name, m in results.items()},
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
