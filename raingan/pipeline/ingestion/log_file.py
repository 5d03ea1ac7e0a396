"""Where library warnings go: raingan's log file in its home, not stderr. The CLI sets this up
for its own process and the parse child for itself (it starts with no log handler, so pdfminer's
warnings would reach stderr through Python's last-resort handler)."""

from __future__ import annotations

import io
import logging
import logging.handlers
from pathlib import Path

LOG_FILE = "raingan.log"
LOG_BYTES = 5_000_000  # then one older file is kept: a damaged PDF can log thousands of lines
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class QuietFileHandler(logging.handlers.RotatingFileHandler):
    """A log file made when there is first something to log, in a folder made then; a file
    that cannot be written loses the records rather than saying so on stderr."""

    def _open(self) -> io.TextIOWrapper:
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        pass


def keep_logs_in(home: Path) -> None:
    """Log records of warning level and above (pdfminer's on a damaged PDF, Python warnings),
    and the parser's own notes, go to `home/raingan.log`, not to stderr. Once per process: a
    forked child keeps its parent's handler."""
    if any(isinstance(kept, QuietFileHandler) for kept in logging.getLogger().handlers):
        return
    handler = QuietFileHandler(home / LOG_FILE, maxBytes=LOG_BYTES, backupCount=1, delay=True)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logging.getLogger().addHandler(handler)
    logging.getLogger("parsers").setLevel(logging.INFO)  # which file was damaged, and how
    logging.captureWarnings(True)


def keep_logs_in_home() -> None:
    """`keep_logs_in` the home the settings give (`RAINGAN_HOME`); for a process that has no
    log handler of its own, such as the parse child."""
    from raingan.settings import load_settings

    keep_logs_in(load_settings().home)
