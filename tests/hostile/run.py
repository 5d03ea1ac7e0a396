"""`raingan parse` on each damaged file, as a user runs it, and a table of how each kind ended.

    python -m tests.hostile.run --count 200 --max-seconds 30     (`make hostile`)

Each file is parsed by its own `raingan parse FILE --json` process under an address-space
limit, timed, and measured: its peak RSS is the largest of what `wait4` reports for it (it
includes the children it waited for) and of the RSS of its process tree, sampled while it
runs (a parse child of a fork server is not its child). A file ends well when the command
exits 0 (parsed) or 3 with one line on stderr (`rejected: CODE: …`); anything else (exit 1,
a traceback, a signal, over the time limit) is a failure, and the command exits 1.

Then the inbox races (`tests.hostile.inbox_races`): files swapped for a link, for another file
or for a FIFO, hard-linked to a secret, or removed, between listing and reading; each must be
skipped with its reason while the report beside it loads.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import psutil

from tests.hostile.inbox_races import races_table, run_races
from tests.hostile.mutations import SEED, Case, hostile_cases

ADDRESS_SPACE = 3_000_000_000  # bytes: a runaway file must not take the machine down
STARTUP_SECONDS = 60.0  # over --max-seconds before the process is killed: imports on a busy CI
SAMPLE_EVERY = 0.05  # seconds between RSS samples of the process tree


@dataclass(frozen=True)
class Ending:
    case: Case
    how: str  # "parsed", "rejected: corrupt_pdf", or what went wrong
    ok: bool
    seconds: float
    peak_rss: int  # bytes
    stderr: str


def limit_address_space() -> None:  # in the child, before exec
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def tree_rss(process: psutil.Process) -> int:
    """The largest RSS among the process and its descendants now."""
    largest = 0
    try:
        for member in [process, *process.children(recursive=True)]:
            largest = max(largest, member.memory_info().rss)
    except psutil.Error:  # a member ended while it was read
        pass
    return largest


def ending(case: Case, returncode: int | None, stderr: str) -> tuple[str, bool]:
    lines = stderr.splitlines()
    if returncode is None:
        return "killed: over the time limit", False
    if "Traceback" in stderr:
        return f"traceback (exit {returncode})", False
    if returncode == 0:
        return "parsed", True
    if returncode == 3 and len(lines) == 1 and lines[0].startswith("rejected: "):
        return "rejected: " + lines[0].split(":")[1].strip(), True
    if returncode == 3:
        return f"rejected, but {len(lines)} lines on stderr", False
    if returncode < 0:
        return f"killed by signal {-returncode}", False
    return f"exit {returncode}: " + (lines[-1] if lines else ""), False


def parse_in_child(case: Case, folder: Path, max_seconds: float) -> Ending:
    """`raingan parse` on `case`, in a process of its own; how it ended."""
    path = folder / case.name
    path.write_bytes(case.data)
    stderr_path = folder / f"{case.name}.stderr"
    command = [sys.executable, "-m", "raingan", "parse", str(path), "--json"]
    command += ["--max-seconds", f"{max_seconds:g}"]
    environment = {**os.environ, "RAINGAN_HOME": str(folder / "home"), "COLUMNS": "80"}
    started = time.monotonic()
    with stderr_path.open("wb") as stderr:
        child = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=environment,
            preexec_fn=limit_address_space,
        )
        watched, peak, returncode = psutil.Process(child.pid), 0, None
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                returncode = os.waitstatus_to_exitcode(status)
                peak = max(peak, usage.ru_maxrss * 1024)  # kilobytes on Linux
                break
            peak = max(peak, tree_rss(watched))
            if time.monotonic() - started > max_seconds + STARTUP_SECONDS:
                kill_tree(watched)
                os.wait4(child.pid, 0)
                break
            time.sleep(SAMPLE_EVERY)
        child.returncode = returncode if returncode is not None else -9  # Popen: reaped
    seconds = time.monotonic() - started
    text = stderr_path.read_text(errors="replace")
    how, ok = ending(case, returncode, text)
    path.unlink()
    return Ending(case, how, ok, seconds, peak, text)


def kill_tree(process: psutil.Process) -> None:
    for member in [*process.children(recursive=True), process]:
        with contextlib.suppress(psutil.Error):  # it ended meanwhile
            member.kill()


def run_cases(cases: Iterable[Case], max_seconds: float, workers: int = 1) -> list[Ending]:
    """Each case parsed by its own process, `workers` at a time (more make each one slower)."""
    with (
        tempfile.TemporaryDirectory(prefix="raingan-hostile-") as folder,
        ThreadPoolExecutor(workers) as pool,
    ):
        return list(
            pool.map(partial(parse_in_child, folder=Path(folder), max_seconds=max_seconds), cases)
        )


def table(endings: list[Ending]) -> str:
    """A Markdown table: per kind of damage, how the files ended, the worst time and memory."""
    rows = ["| what was tried | files | how they ended | worst time | worst peak RSS |"]
    rows.append("| --- | ---: | --- | ---: | ---: |")
    kinds: dict[str, list[Ending]] = {}
    for item in endings:
        kinds.setdefault(group(item.case.kind), []).append(item)
    for kind, items in [*kinds.items(), ("all", endings)]:
        counted = Counter(item.how for item in items)
        how = ", ".join(f"{name} {count}" for name, count in sorted(counted.items()))
        seconds = max(item.seconds for item in items)
        megabytes = max(item.peak_rss for item in items) / 1_048_576
        name = f"**{kind}**" if kind == "all" else kind
        rows.append(f"| {name} | {len(items)} | {how} | {seconds:.1f} s | {megabytes:.0f} MB |")
    return "\n".join(rows)


def group(kind: str) -> str:
    """The hand-built files share one row; each mutation has its own."""
    return "hand-built (issue 13's exceptions)" if kind.startswith("hand-built") else kind


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument(
        "--count", type=int, default=int(os.environ.get("HOSTILE_COUNT", "200")), help="files"
    )
    options.add_argument("--seed", type=int, default=SEED)
    options.add_argument("--max-seconds", type=float, default=30.0, help="raingan's limit")
    options.add_argument("--workers", type=int, default=1, help="files parsed at once")
    args = options.parse_args(argv)
    endings = run_cases(hostile_cases(args.count, args.seed), args.max_seconds, args.workers)
    print(table(endings))
    failures = [item for item in endings if not item.ok]
    for item in failures:
        print(f"FAILED {item.case.name} ({item.case.kind}): {item.how}", file=sys.stderr)
    races = run_races()
    print()
    print(races_table(races))
    lost = [race for race in races if not race.ok]
    for race in lost:
        print(f"FAILED inbox race {race.race.name}: {race.how}", file=sys.stderr)
    return 1 if failures or lost else 0


if __name__ == "__main__":
    sys.exit(main())
