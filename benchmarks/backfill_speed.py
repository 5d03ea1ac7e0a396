"""The backfill on Dask beside the same work done sequentially, in one run.

    .venv/bin/python benchmarks/backfill_speed.py --n 1000 [--workers 2] [--seed 0]

N bulk-generated reports (`sample_reports.generator.bulk`, cached outside the repository in
~/.cache/raingan-bench) are loaded twice into new SQLite databases, one run after the other in
this one invocation, so that the ratios hold on a machine shared with other work:

- *sequential*: `raingan.pipeline.ingest_paths` in one process, no Prefect, no Dask;
- *backfill*: `raingan backfill` with a local Dask cluster of `--workers` processes and Prefect
  in ephemeral mode (its temporary server is one of the processes measured).

For each: wall time, reports per minute, pages per second, and CPU-seconds per report summed
over every process of the run. Parses run in child processes forked by a fork server, which
its parent never reaps: this script makes itself their subreaper (Linux `prctl`), so every
descendant, orphaned or not, is reaped here and `RUSAGE_CHILDREN` counts all of their CPU.

Per process group (the sequential process, each Dask worker, the rest of the backfill: the flow,
its nannies, the Prefect server), psutil samples the process tree twice a second: the CPU of
each process as last seen (a share of the exact total: what ends between two samples is
missed) and the proportional set size (PSS: pages a fork shares with its parent counted once)
of the group, a worker with its fork server and parse child: its peak in each quarter of the
run (flat: the last three about equal; the first holds the worker's start).
"""

from __future__ import annotations

import argparse
import ctypes
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


PR_SET_CHILD_SUBREAPER = 36  # <linux/prctl.h>
SAMPLE_SECONDS = 0.5
REAP_SECONDS = 60  # for what outlives a run (a fork server ends when its parent has gone)
REST = "rest"  # the backfill's processes that are not workers


@dataclass
class Group:
    """A set of processes measured together: the last CPU seen of each, memory over time."""

    cpu: dict[int, float] = field(default_factory=dict)  # pid -> user + system seconds
    role: dict[int, str] = field(default_factory=dict)  # pid -> what the process is
    memory: list[tuple[float, int]] = field(default_factory=list)  # (moment, PSS bytes)

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu.values())

    def cpu_by_role(self) -> dict[str, float]:
        by_role: dict[str, float] = {}
        for pid, seconds in self.cpu.items():
            by_role[self.role[pid]] = by_role.get(self.role[pid], 0.0) + seconds
        return by_role


@dataclass
class Measured:
    seconds: float
    cpu_seconds: float  # exact: every process of the run, reaped here
    returncode: int
    groups: dict[str, Group] = field(default_factory=dict)


def become_subreaper() -> None:
    """Orphaned descendants (a fork server, its parse children) are re-parented to this
    process instead of init, so that they are reaped here and their CPU counted."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")


def reap_everything_left() -> None:
    """Wait for every descendant still running (re-parented here) and reap it."""
    import psutil

    deadline = time.monotonic() + REAP_SECONDS
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return  # no child left
        if pid:
            continue
        if time.monotonic() > deadline:
            for child in psutil.Process().children():
                child.kill()
            deadline = float("inf")
        time.sleep(0.05)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(command: list[str], env: dict[str, str], name: str) -> Measured:
    """Run a command to its end; its wall time, the CPU time of all its descendants, and what
    the sampler saw of each group."""
    cpu_before, started = children_cpu(), time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    groups: dict[str, Group] = {}
    done = threading.Event()
    sampler = threading.Thread(target=sample_tree, args=(name, groups, done, started))
    sampler.start()
    returncode = process.wait()
    seconds = time.perf_counter() - started
    reap_everything_left()
    done.set()
    sampler.join()
    return Measured(seconds, children_cpu() - cpu_before, returncode, groups)


def sample_tree(name: str, groups: dict[str, Group], done: threading.Event, started: float):
    """Until `done`: each process under this script (the run, and what it orphaned), put in
    its group when first seen; each process's CPU, each group's PSS."""
    import psutil

    group_of: dict[int, str] = {}
    while not done.is_set():
        moment = time.perf_counter() - started
        memory: dict[str, int] = {}
        for process in psutil.Process().children(recursive=True):
            try:
                group = group_of.setdefault(process.pid, group_for(process, name, group_of))
                times = process.cpu_times()
                pss = process.memory_full_info().pss
            except psutil.Error:
                continue
            measured = groups.setdefault(group, Group())
            measured.cpu[process.pid] = times.user + times.system
            if process.pid not in measured.role:
                measured.role[process.pid] = role_of(process)
            memory[group] = memory.get(group, 0) + pss
        for group, pss in memory.items():
            groups[group].memory.append((moment, pss))
        done.wait(SAMPLE_SECONDS)


def group_for(process, name: str, group_of: dict[int, str]) -> str:
    """A Dask worker is a group of its own, with what it starts (its fork server, its parse
    child); the sequential run is one group; the rest of the backfill another."""
    if name == "sequential":
        return name
    if is_dask_worker(process.cmdline()):
        return f"worker {sum(group.startswith('worker') for group in set(group_of.values())) + 1}"
    return group_of.get(process.ppid(), REST)


def role_of(process) -> str:
    """What a process is, from its command line (a parse child is forked by a fork server)."""
    cmdline = " ".join(process.cmdline())
    if "forkserver" in cmdline:
        parent = " ".join(process.parent().cmdline()) if process.parent() else ""
        return "parse child" if "forkserver" in parent else "fork server"
    if "resource_tracker" in cmdline:
        return "resource tracker"
    if "prefect.server" in cmdline:
        return "Prefect server"
    return "main"


def is_dask_worker(cmdline: list[str]) -> bool:
    # LocalCluster's nannies spawn each worker with multiprocessing's spawn entry point.
    joined = " ".join(cmdline)
    return "spawn_main" in joined and "resource_tracker" not in joined


SEQUENTIAL = """
import sys
from models import OriginalsStore, ensure_schema, make_engine, session_factory
from raingan.pipeline import Workspace, default_parser, ingest_paths
from raingan.settings import load_settings
settings = load_settings()
engine = make_engine(settings.database_url)
ensure_schema(engine)
workspace = Workspace(session_factory(engine), OriginalsStore(settings.store),
                      default_parser(settings.limits))
summary = ingest_paths([sys.argv[1]], workspace)
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


def peaks_by_quarter(group: Group, seconds: float) -> str:
    """The group's peak PSS in each quarter of the run, MiB: flat when the last three agree.
    Peaks, not medians: between two parses a process returns memory to the system (Dask sets
    MALLOC_TRIM_THRESHOLD_), so a median depends on when the samples fell."""
    quarters = [
        [pss for moment, pss in group.memory if seconds * q / 4 <= moment < seconds * (q + 1) / 4]
        for q in range(4)
    ]
    return ", ".join(f"{max(q) / 2**20:.0f}" if q else "-" for q in quarters)


def group_lines(measured: Measured, n: int) -> list[str]:
    lines = []
    for name in sorted(measured.groups):
        group = measured.groups[name]
        lines.append(
            f"  {name:<11} CPU-s {group.cpu_seconds:>7.1f} ({group.cpu_seconds / n:.3f} per report,"
            f" {len(group.cpu)} processes); peak PSS MiB by quarter: "
            + peaks_by_quarter(group, measured.seconds)
        )
        roles = sorted(group.cpu_by_role().items(), key=lambda item: -item[1])
        lines.append("    " + ", ".join(f"{role} {seconds:.1f}" for role, seconds in roles))
    sampled = sum(group.cpu_seconds for group in measured.groups.values())
    share = sampled / measured.cpu_seconds if measured.cpu_seconds else 0.0
    lines.append(f"  sampled CPU: {share:.0%} of the exact total")
    return lines


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--n", type=int, default=1000, help="reports in the corpus")
    arguments.add_argument("--workers", type=int, default=2, help="Dask worker processes")
    arguments.add_argument("--seed", type=int, default=0)
    options = arguments.parse_args()

    become_subreaper()
    folder = corpus(options.n, options.seed)
    pages = page_count(folder)
    print(f"corpus: {options.n} reports, {pages} pages, in {folder}", flush=True)
    results = {}
    with tempfile.TemporaryDirectory(prefix="raingan-bench-") as scratch:
        command = [sys.executable, "-c", SEQUENTIAL, str(folder)]
        env = fresh_env(Path(scratch) / "sequential")
        results["sequential"] = run_measured(command, env, "sequential")
        command = [str(BIN / "raingan"), "backfill", str(folder)]
        command += ["--workers", str(options.workers)]
        env = fresh_env(Path(scratch) / "backfill")
        results["backfill"] = run_measured(command, env, "backfill")

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
    rate = options.n / backfill.seconds * 60
    print(f"backfill: {rate:.0f} reports a minute on {options.workers} workers (target >= 300)")
    print(f"backfill speed-up on {options.workers} workers: {speedup:.2f}x (target >= 1.7x)")
    print(f"CPU-seconds per report, backfill / sequential: {cpu_ratio:.2f} (target <= 1.10)")
    for name, measured in results.items():
        print(f"{name}, by process group (a worker with its fork server and parse child):")
        print("\n".join(group_lines(measured, options.n)))
    n = options.n
    summary = {
        "n": n,
        "pages": pages,
        "workers": options.workers,
        "reports_per_minute": round(rate, 1),
        "speedup": round(speedup, 3),
        "cpu_ratio": round(cpu_ratio, 3),
        **{f"{name}_seconds": round(m.seconds, 1) for name, m in results.items()},
        **{
            f"{name}_cpu_per_report": round(m.cpu_seconds / options.n, 3)
            for name, m in results.items()
        },
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
