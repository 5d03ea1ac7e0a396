"""How far a long run has got: files done, rate and time left, as one log line."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Progress:
    total: int
    done: int = 0
    started: float = 0.0  # time.time() when the work began
    unit: str = "files"

    @classmethod
    def start(cls, total: int, unit: str = "files") -> Progress:
        return cls(total, 0, time.time(), unit)

    def advanced(self, count: int) -> Progress:
        return replace(self, done=self.done + count)

    def rate(self, now: float | None = None) -> float:
        """Units per second so far (0 before anything is done)."""
        elapsed = (now or time.time()) - self.started
        return self.done / elapsed if self.done and elapsed > 0 else 0.0

    def seconds_left(self, now: float | None = None) -> float | None:
        rate = self.rate(now)
        return (self.total - self.done) / rate if rate else None

    def line(self, now: float | None = None) -> str:
        share = self.done / self.total if self.total else 1.0
        left = self.seconds_left(now)
        eta = duration(left) if left is not None else "unknown"
        return (
            f"{self.done}/{self.total} {self.unit} ({share:.0%}), "
            f"{self.rate(now):.2f} {self.unit}/s, ETA {eta}"
        )


def duration(seconds: float) -> str:
    """3725 -> '1h 2m 5s'; 42.4 -> '42s'."""
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [(hours, "h"), (minutes, "m"), (seconds, "s")]
    shown = [f"{value}{unit}" for value, unit in parts if value] or ["0s"]
    return " ".join(shown)
