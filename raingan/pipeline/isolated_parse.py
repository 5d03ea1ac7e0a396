"""Parsing in a child process, killed when a parse overruns: the parser checks its time limit
between pages, but one pathological page (a million path objects, a runaway font) could still
stall a whole batch.

One child parses file after file, so that what the parser builds lazily (fonts, dictionaries)
is built once; a child that overran or died is replaced for the next file. It forks from a
server that has the parser imported already. Where a process may not have children (a
daemonic Dask worker), files are parsed in-process under the parser's own limit.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import replace
from functools import partial
from multiprocessing.connection import Connection
from typing import Any

from parsers.rejection import Rejected, RejectionCode
from raingan.pipeline.heap import freeze_startup_heap
from raingan.pipeline.parser import Parsed, Parser

GRACE_SECONDS = 5.0  # over the parser's own limit, for it to stop by itself first
PRELOADED = ["parsers.report", "checks"]  # the whole parser (`parsers` alone loads lazily)


class ChildDied(RuntimeError):
    """The child parsing a file died without an answer (out of memory, a crash in C code)."""


def hard_limit(max_seconds: float) -> float:
    return max_seconds + GRACE_SECONDS


class ParseChild:
    """A child process that parses on request; use it as a context manager."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.process: Any = None
        self.pipe: Connection | None = None

    def wrap(self, parser: Parser) -> Parser:
        """The same parser, each parse done in this child."""
        return replace(parser, parse=partial(self.parse, parser.parse))

    def parse(self, parse: Any, data: bytes, filename: str) -> Parsed:
        if multiprocessing.current_process().daemon:  # no children allowed here
            return parse(data, filename)
        pipe = self.started()
        pipe.send((parse, data, filename))
        if not pipe.poll(self.seconds):
            self.close()
            raise Rejected(
                RejectionCode.TOO_LARGE, f"parsing did not finish within {self.seconds:g} s"
            )
        try:
            succeeded, value = pipe.recv()
        except EOFError:
            exit_code = self.close()
            raise ChildDied(f"the parsing process died (exit code {exit_code})") from None
        if succeeded:
            return value
        raise value

    def started(self) -> Connection:
        if self.pipe is None or self.process is None or not self.process.is_alive():
            self.close()
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOADED)
            pipe, child_end = context.Pipe()
            self.process = context.Process(target=serve_parses, args=(child_end,), daemon=True)
            self.process.start()
            child_end.close()
            self.pipe = pipe
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
        return exit_code

    def __enter__(self) -> ParseChild:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def serve_parses(pipe: Connection) -> None:
    """In the child: parse what is asked until the parent hangs up; send back the result or
    the exception the parse raised."""
    freeze_startup_heap()
    while True:
        try:
            parse, data, filename = pipe.recv()
        except EOFError:
            return
        try:
            outcome = (True, parse(data, filename))
        except Exception as error:
            outcome = (False, error)
        try:
            pipe.send(outcome)
        except Exception as error:  # an exception that does not pickle: say what it was
            pipe.send((False, RuntimeError(f"{type(error).__name__}: {error}")))
