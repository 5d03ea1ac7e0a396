"""Parsing in a child process, killed when a parse overruns: the parser checks its time limit
between pages, but one pathological page (a million path objects, a runaway font) could still
stall a whole batch.

One child parses file after file, so that what the parser builds lazily (fonts, dictionaries)
is built once; a child that overran or died is replaced for the next file. It forks from a
server that has the parser imported already. A process keeps its idle children between tasks
(`reused_child`): a Dask worker or the nightly flow starts one child and feeds it every batch,
rather than one per batch (about 0.05 s each). A child whose address space has grown past half
the memory limit is replaced before its next file, so that each file has the room the limit
gives. Where a process may not have children (a daemonic Dask worker), files are parsed
in-process under the parser's own limit.

The child parses under an address-space limit (RLIMIT_AS, `Limits.max_memory_mb`), set before
each parse: a parse that would outgrow it gets a MemoryError, answered as `too_large` naming
the limit, and the child exits (its heap may be in pieces); one that overruns its time is
killed and `too_large` names the time limit. Pages read from their images (OCR) grow the
parser's time limit as it goes: the child tells the parent each extension
(`parsers.safety.limits.EXTRA_TIME`), and the parent waits that much longer.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from multiprocessing.connection import Connection
from typing import Any

from parsers.safety.limits import EXTRA_TIME, VARIABLE_OF, Limits, time_overrun
from parsers.safety.rejection import Rejected, RejectionCode
from raingan.pipeline.ingestion.heap import freeze_startup_heap
from raingan.pipeline.ingestion.log_file import keep_logs_in_home
from raingan.pipeline.ingestion.parsing import Parser

MEGABYTE = 1_048_576

GRACE_SECONDS = 5.0  # over the parser's own limit, for it to stop by itself first
# A child that served files is replaced once its address space passes this share of the limit.
RETIRE_AT_SHARE = 0.5
# The whole parser (`parsers` alone loads lazily), and what unpickling a request imports.
PRELOADED = [
    "parsers.report",
    "checks",
    "raingan.pipeline.ingestion.parsing",
    "raingan.pipeline.ingestion.isolated_parse",
]


# The child's message while a parse runs: ("extend", seconds), the time limit grown by so much.
EXTEND = "extend"


class ChildDied(RuntimeError):
    """The child parsing a file died without an answer (out of memory, a crash in C code)."""


def hard_limit(max_seconds: float) -> float:
    return max_seconds + GRACE_SECONDS


class ParseChild:
    """A child process that parses on request; use it as a context manager."""

    def __init__(self, seconds: float, start_method: str = "forkserver") -> None:
        """`start_method` "fork" for a single parse in a small process (the CLI's `parse`: no
        second interpreter to start); the fork server otherwise, clean of the parent's state."""
        self.seconds = seconds
        self.start_method = start_method
        self.process: Any = None
        self.pipe: Connection | None = None
        self.served = 0  # files the running child has answered for

    def wrap(self, parser: Parser) -> Parser:
        """The same parser, each parse done in this child (under the parser's limits)."""
        limits = parser.isolate_under
        parse = partial(self.parse, parser.parse, limits=limits)
        return replace(parser, parse=parse, isolate_under=None)

    def parse(self, parse: Any, data: bytes, filename: str, limits: Limits | None = None) -> Any:
        """`parse(data, filename)` in the child: its result, or what it raised."""
        if multiprocessing.current_process().daemon:  # no children allowed here
            return parse(data, filename)
        memory = limits.max_memory_mb * MEGABYTE if limits is not None else None
        if memory is not None and self.outgrown(memory):
            self.close()
        pipe = self.started()
        try:
            pipe.send((parse, data, filename, memory))
            succeeded, value = self.answer(pipe, limits)
        except BaseException:
            self.close()  # not in step with its requests any more (interrupted, unpicklable)
            raise
        self.served += 1
        if succeeded:
            return value
        if isinstance(value, OutOfMemory):
            self.close()  # it exits by itself; wait for it
            raise Rejected(RejectionCode.TOO_LARGE, out_of_memory(limits))
        raise value

    def answer(self, pipe: Connection, limits: Limits | None) -> tuple[bool, Any]:
        """The child's answer, waited for until the hard limit, grown by each extension the
        child announces but never past the whole document's cap and its grace; the child
        killed and the parse rejected `too_large` past it."""
        started = time.monotonic()
        cap = hard_limit(limits.max_seconds_total) if limits is not None else float("inf")
        extra = 0.0
        while True:
            remaining = started + min(self.seconds + extra, cap) - time.monotonic()
            if remaining <= 0 or not pipe.poll(remaining):
                self.close()
                raise Rejected(RejectionCode.TOO_LARGE, self.overran(limits, extra))
            try:
                message = pipe.recv()
            except (EOFError, ConnectionResetError):
                exit_code = self.close()
                raise ChildDied(f"the parsing process died ({how_it_ended(exit_code)})") from None
            if message[0] == EXTEND:
                extra += message[1]
                continue
            return message

    def overran(self, limits: Limits | None, extra: float = 0.0) -> str:
        waited = self.seconds + extra
        if limits is None:
            return f"parsing did not finish within {waited:g} s"
        waited = min(waited, hard_limit(limits.max_seconds_total))
        overran = time_overrun(limits, extra).removesuffix(")")
        return f"parsing did not finish within {overran}; stopped after {waited:g} s)"

    def outgrown(self, memory: int) -> bool:
        """Whether the child, having parsed files, now holds over `RETIRE_AT_SHARE` of the
        address space a parse may have (a fragmented heap, a cache grown large)."""
        if not self.served or self.process is None or not self.process.is_alive():
            return False
        import psutil  # here: `raingan parse` runs one file in a new child and never asks

        try:
            return psutil.Process(self.process.pid).memory_info().vms > RETIRE_AT_SHARE * memory
        except psutil.Error:
            return False

    def started(self) -> Connection:
        if self.pipe is None or self.process is None or not self.process.is_alive():
            self.close()
            context: Any = multiprocessing.get_context(self.start_method)
            if self.start_method == "forkserver":
                context.set_forkserver_preload(PRELOADED)
            pipe, child_end = context.Pipe()
            self.process = context.Process(target=serve_parses, args=(child_end,), daemon=True)
            self.process.start()
            child_end.close()
            self.pipe = pipe
            self.served = 0
        return self.pipe

    def close(self) -> int | None:
        """Stop the child (killed: it may be stuck); its exit code."""
        exit_code = None
        if self.process is not None:
            if self.process.is_alive():
                self.process.kill()
            self.process.join()
            exit_code = self.process.exitcode
        if self.pipe is not None:
            self.pipe.close()
        self.process = self.pipe = None
        self.served = 0
        return exit_code

    def __enter__(self) -> ParseChild:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class OutOfMemory(Exception):
    """The child's answer when a parse outgrew its address space."""


def how_it_ended(exit_code: int | None) -> str:
    """A dead child's exit as people read it: the signal that killed it by name (SIGABRT: a
    library in C gave up, often on memory it could not have), else its exit code."""
    if exit_code is not None and exit_code < 0:
        try:
            return f"killed by {signal.Signals(-exit_code).name}"
        except ValueError:
            pass
    return f"exit code {exit_code}"


def out_of_memory(limits: Limits | None) -> str:
    if limits is None:
        return "parsing ran out of memory"
    return (
        f"parsing needed more than the memory limit of {limits.max_memory_mb:,} MB"
        f" ({VARIABLE_OF['max_memory_mb']})"
    )


def limit_address_space(memory: int | None) -> None:
    """This process's address space at most `memory` bytes (the hard limit kept, unless it is
    lower)."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = resource.RLIM_INFINITY if memory is None else memory
    if hard != resource.RLIM_INFINITY and (soft == resource.RLIM_INFINITY or soft > hard):
        soft = hard
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def ran_out_of_memory(error: BaseException) -> bool:
    """A MemoryError, or a library's wrapper around one."""
    from parsers.safety.damage import unwrapped

    return isinstance(error, MemoryError) or isinstance(unwrapped(error), MemoryError)


def serve_parses(pipe: Connection) -> None:
    """In the child: parse what is asked until the parent hangs up; send back the result or
    the exception the parse raised. After running out of memory, it answers and exits."""
    keep_logs_in_home()  # pdfminer's warnings to the log file, not stderr (no handler here)
    freeze_startup_heap()
    EXTRA_TIME.set(announcer(pipe))
    while True:
        try:
            parse, data, filename, memory = pipe.recv()
        except EOFError:
            return
        limit_address_space(memory)
        exhausted = False
        try:
            outcome = (True, parse(data, filename))
        except Exception as error:
            exhausted = ran_out_of_memory(error)
            outcome = (False, OutOfMemory() if exhausted else error)
        limit_address_space(None)  # room to answer
        try:
            pipe.send(outcome)
        except Exception as error:  # an exception that does not pickle: say what it was
            pipe.send((False, RuntimeError(f"{type(error).__name__}: {error}")))
        if exhausted:
            return


def announcer(pipe: Connection) -> Callable[[float], None]:
    """Tells the parent each extension of the time limit, so that it waits as much longer."""

    def announce(seconds: float) -> None:
        pipe.send((EXTEND, seconds))

    return announce


class IdleChildren:
    """This process's parse children between uses, by start method: taken by one thread at a
    time, given back after, so that a process starts a child once and not per batch."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.idle: list[ParseChild] = []

    def take(self, seconds: float, start_method: str) -> ParseChild:
        with self.lock:
            for child in self.idle:
                if child.start_method == start_method:
                    self.idle.remove(child)
                    child.seconds = seconds
                    return child
        return ParseChild(seconds, start_method)

    def give_back(self, child: ParseChild) -> None:
        """Kept, unless as many are idle as there are cores: a flow that ran many tasks at
        once will not run more parses at once than that."""
        with self.lock:
            if len(self.idle) < (os.cpu_count() or 1):
                self.idle.append(child)
                return
        child.close()

    def forget(self) -> None:
        """In a forked process: the children are its parent's, not its own."""
        self.lock = threading.Lock()
        self.idle = []


IDLE_CHILDREN = IdleChildren()
os.register_at_fork(after_in_child=IDLE_CHILDREN.forget)


@contextmanager
def reused_child(seconds: float, start_method: str = "forkserver") -> Iterator[ParseChild]:
    """A parse child of this process's, kept for the next use when this one ends: alive and
    between files (`ParseChild.parse` stops one it leaves mid-parse), or stopped (it restarts
    on its next file)."""
    child = IDLE_CHILDREN.take(seconds, start_method)
    try:
        yield child
    finally:
        IDLE_CHILDREN.give_back(child)


@contextmanager
def isolated(parser: Parser, start_method: str = "forkserver") -> Iterator[Parser]:
    """`parser`, each parse in this process's reused child under the parser's limits, if it
    asks for that (`Parser.isolate_under`, as `default_parser` does); else `parser` as it is."""
    limits = parser.isolate_under
    if limits is None:
        yield parser
        return
    with reused_child(hard_limit(limits.max_seconds), start_method) as child:
        yield child.wrap(parser)
