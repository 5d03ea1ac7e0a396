"""Where raingan keeps its data, read from the environment when asked (no state at import).

- `RAINGAN_HOME`: the raingan home folder, `~/.raingan` by default, so that a Prefect worker
  finds the same data whatever its working directory. It holds raingan's state, and, unless
  their own variables say otherwise, Prefect's (`PREFECT_HOME`) and pythainlp's data
  (`PYTHAINLP_DATA`): `library_homes` gives them, for the CLI to set before either is imported.
- `RAINGAN_DATABASE_URL`: an SQLAlchemy URL; by default an SQLite file in the home folder.
  Production: `postgresql+psycopg://user:password@host:5432/raingan`.
- `RAINGAN_STORE`: where originals are kept by content hash, a folder or an fsspec URL
  (`s3://bucket/raingan`); by default `originals/` in the home folder.
- `RAINGAN_INBOX`, `RAINGAN_QUARANTINE`, `RAINGAN_ARCHIVE`: the folders the deployments of
  `raingan serve` read (the nightly's inbox and quarantine, the backfill's archive); by default
  `inbox/`, `quarantine/` and `archive/` in the home folder.
- `RAINGAN_REPORT_DIR`: where the nightly run writes the day's HTML audit report
  (`audit-YYYY-MM-DD.html`); by default `reports/` in the home folder.
- `RAINGAN_MAX_PAGES`, `RAINGAN_MAX_BYTES`, `RAINGAN_MAX_SECONDS`, `RAINGAN_MAX_SECONDS_TOTAL`
  (the whole document, pages read from their images included), `RAINGAN_MAX_MEMORY_MB` (the
  parsing process's address space, within what the system allows), `RAINGAN_MAX_STREAM_MB`,
  `RAINGAN_MAX_PAGE_CHARACTERS`, `RAINGAN_MAX_TOUNICODE_ENTRIES` (caps on what pdfminer may
  inflate), as `parsers.safety.limits.ENVIRONMENT` lists them: the parser's limits, each a positive
  number.
- `RAINGAN_HARD_LINKS`: `skip` (the default) skips an inbox file that has other hard links (one
  may be /etc/passwd under another name); `read` reads it.
- `RAINGAN_NOTIFY`: Apprise URLs told when a run fails (`raingan.pipeline.operations.notify`).

Every value is checked when the settings are read, before any work starts, by plain functions
(a settings library cost `raingan parse` a sixth of its time): a bad one raises
`SettingsError`, whose message names the variable (`RAINGAN_MAX_PAGES: 'abc' is not a positive
number`): a home that is not a folder that can be written, a store whose protocol fsspec does
not know, a notification URL Apprise cannot parse. An empty variable counts as unset.
"""

from __future__ import annotations

import os
import re
import resource
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from parsers.safety.limits import ENVIRONMENT as LIMIT_VARIABLES
from parsers.safety.limits import OCR_OFF, OCR_VARIABLE, Limits, limits_from_env

PREFIX = "RAINGAN_"
DEFAULT_HOME = "~/.raingan"
DATABASE_FILE = "raingan.sqlite"
STORE_FOLDER = "originals"
REPORT_FOLDER = "reports"  # the nightly run's HTML audit reports
# The deployments' folders: setting → folder in the home when its variable is unset.
DEPLOYMENT_FOLDERS = {"inbox": "inbox", "quarantine": "quarantine", "archive": "archive"}
# Libraries that write under $HOME unless told otherwise: their variable → folder in the home.
LIBRARY_HOMES = {"PREFECT_HOME": "prefect", "PYTHAINLP_DATA": "pythainlp-data"}
# A library variable that already says where, though not by the name above.
ALREADY_SET_BY = {"PYTHAINLP_DATA": ("PYTHAINLP_DATA_DIR",)}  # both set is an error in pythainlp
PYTHAINLP_READ_ONLY = "PYTHAINLP_READ_ONLY"
SHOWN_CHARACTERS = 60  # of a bad value, in its error message
MEGABYTE = 1_048_576
LARGEST_RLIMIT = 2**63 - 1  # what setrlimit takes (a C long), in bytes


class HardLinks(StrEnum):
    """What becomes of an inbox file that has other hard links (`RAINGAN_HARD_LINKS`)."""

    SKIP = "skip"
    READ = "read"


class SettingsError(ValueError):
    """A bad value in the environment; the message starts with the variable's name."""

    def __init__(self, variable: str, problem: str) -> None:
        super().__init__(f"{variable}: {problem}")
        self.variable = variable


@dataclass(frozen=True)
class Environment:
    """The `RAINGAN_*` variables that are not limits, each checked (`read_environment`)."""

    home: Path
    database_url: str | None = None
    store: str | None = None
    report_dir: Path | None = None
    inbox: str | None = None
    quarantine: str | None = None
    archive: str | None = None
    hard_links: HardLinks = HardLinks.SKIP
    notify: str | None = None


def usable_folder(home: Path) -> Path:
    try:
        return home.expanduser().resolve()
    except (OSError, RuntimeError, ValueError) as error:
        raise ValueError(f"{shown(str(home))} is not a usable folder ({error})") from None


def writable_home(value: str) -> Path:
    """The home a user sets must be a folder that is, or can be made, writable (checked, never
    made here: a command that only reads creates nothing)."""
    home = Path(value)
    folder = usable_folder(home)
    # The default (no RAINGAN_HOME) may be unwritable: `raingan parse` needs no home.
    if home != Path(DEFAULT_HOME) and not can_create(folder):
        raise ValueError(f"{shown(str(home))} is not a folder that is or can be made writable")
    return folder


def folder_or_url(value: str) -> str:
    """A local folder made absolute; an fsspec URL (`s3://bucket/inbox`) as it is, if fsspec
    knows its protocol and can load what serves it."""
    if "://" in value or "::" in value:
        return known_protocol(value)
    return str(usable_folder(Path(value)))


def hard_links_word(value: str) -> HardLinks:
    try:
        return HardLinks(value.strip().lower())
    except ValueError:
        words = " or ".join(repr(word.value) for word in HardLinks)
        raise ValueError(f"Input should be {words}") from None


def apprise_urls(value: str) -> str:
    refused = apprise_refuses(value)
    if refused is not None:
        raise ValueError(f"URL {refused} is not one Apprise can send to")
    return value


def usable_report_dir(value: str) -> Path:
    return usable_folder(Path(value))


def parseable_url(url: str) -> str:
    from sqlalchemy.engine import make_url  # only when a URL is given
    from sqlalchemy.exc import ArgumentError

    try:
        make_url(url)
    except (ArgumentError, ValueError):
        raise ValueError(f"{shown(url)} is not an SQLAlchemy URL") from None
    return url


# Each `Environment` field's check of its variable's value, in the order they are checked
# (the first bad one is said); a field whose variable is unset keeps its default.
CHECKS: dict[str, Callable[[str], Any]] = {
    "home": writable_home,
    "database_url": parseable_url,
    "store": folder_or_url,
    "report_dir": usable_report_dir,
    "inbox": folder_or_url,
    "quarantine": folder_or_url,
    "archive": folder_or_url,
    "hard_links": hard_links_word,
    "notify": apprise_urls,
}
# The home is checked even when unset: the default must be a usable folder too.
DEFAULTS = {"home": DEFAULT_HOME}


def known_protocol(url: str) -> str:
    """`url` if fsspec knows each protocol it names (`simplecache::s3://…` names two). A known
    protocol whose package is not installed (s3fs) is the deployment's to add, and says so
    when used."""
    import fsspec  # only for a URL

    known = set(fsspec.available_protocols())
    for part in url.split("::"):
        protocol = part.split("://", 1)[0] if "://" in part else part
        if protocol not in known:
            raise ValueError(f"{shown(protocol)} is not a protocol fsspec knows")
    return url


def notify_urls(value: str) -> list[str]:
    """The URLs `RAINGAN_NOTIFY` holds, separated by spaces or commas."""
    return [url for url in re.split(r"[\s,]+", value) if url]


@lru_cache(maxsize=8)
def apprise_refuses(value: str) -> int | None:
    """The number of the first URL in `value` Apprise cannot parse; None when it takes all.
    (Apprise takes half a second to load: only when a value is set, once per value.)"""
    urls = notify_urls(value)
    if not urls:
        return None
    import apprise

    targets = apprise.Apprise()
    return next((n for n, url in enumerate(urls, start=1) if not targets.add(url)), None)


def shown(value: str) -> str:
    """A bad value as an error message quotes it: short, on one line."""
    text = repr(value)
    return text if len(text) <= SHOWN_CHARACTERS else text[: SHOWN_CHARACTERS - 1] + "…'"


def raingan_values(env: Mapping[str, str]) -> dict[str, str]:
    """The `RAINGAN_*` values `env` sets, by field (`RAINGAN_HOME` → `home`), names in any
    case; an empty value is unset."""
    prefix = PREFIX.lower()
    return {
        name.lower().removeprefix(prefix): value
        for name, value in env.items()
        if name.lower().startswith(prefix) and value
    }


def read_environment(env: Mapping[str, str] | None) -> Environment:
    """The checked variables: of the process or of `env`. Plain functions, not a settings
    library: `raingan parse` checks them too, and pydantic-settings took a sixth of its time."""
    given = {**DEFAULTS, **raingan_values(os.environ if env is None else env)}
    checked: dict[str, Any] = {}
    for field, check in CHECKS.items():
        if field in given:
            try:
                checked[field] = check(given[field])
            except ValueError as error:
                raise SettingsError(f"{PREFIX}{field.upper()}", str(error)) from None
    return Environment(**checked)


def positive_number(variable: str, value: str, cast: Any) -> None:
    try:
        number = cast(value)
    except (TypeError, ValueError):
        number = None
    if number is None or not number > 0 or number != number or number == float("inf"):
        kind = "whole number" if cast is int else "number"
        raise SettingsError(variable, f"{shown(value)} is not a positive {kind}")


OCR_ON = frozenset({"on", "1", "yes", "true"})
MEMORY_VARIABLE = "RAINGAN_MAX_MEMORY_MB"


def within_address_space(value: str) -> None:
    """The parsing process's memory limit must be one the system lets it set: at most the hard
    limit on its address space, and a number setrlimit takes."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    largest = LARGEST_RLIMIT if hard == resource.RLIM_INFINITY else hard
    if int(value) * MEGABYTE > largest:
        most = f"{largest // MEGABYTE:,} MB"
        raise SettingsError(
            MEMORY_VARIABLE, f"{shown(value)} is over what this system allows ({most})"
        )


def checked_limits(env: Mapping[str, str]) -> Limits:
    """The parser's limits; each one the environment sets must be a positive number."""
    present = {name: value for name, value in env.items() if name in LIMIT_VARIABLES and value}
    for variable, value in present.items():
        positive_number(variable, value, LIMIT_VARIABLES[variable][1])
    memory = present.get(MEMORY_VARIABLE)
    if memory is not None:
        within_address_space(memory)
    ocr = env.get(OCR_VARIABLE, "").strip().lower()
    if ocr and ocr not in OCR_OFF | OCR_ON:
        raise SettingsError(OCR_VARIABLE, f"{shown(ocr)} is neither on nor off")
    return limits_from_env({**present, OCR_VARIABLE: ocr})


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    store: str
    limits: Limits
    report_dir: Path  # the nightly run's HTML audit reports
    inbox: str  # a folder or an fsspec URL, as the flows take them
    quarantine: str
    archive: str
    read_hard_links: bool = False  # RAINGAN_HARD_LINKS=read

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """The settings `env` (the process's environment by default) gives; `SettingsError`
        names the first variable with a bad value."""
        checked = read_environment(env)
        home = checked.home
        return cls(
            home=home,
            database_url=checked.database_url or f"sqlite:///{home / DATABASE_FILE}",
            store=checked.store or str(home / STORE_FOLDER),
            limits=checked_limits(os.environ if env is None else env),
            report_dir=checked.report_dir or home / REPORT_FOLDER,
            inbox=checked.inbox or str(home / DEPLOYMENT_FOLDERS["inbox"]),
            quarantine=checked.quarantine or str(home / DEPLOYMENT_FOLDERS["quarantine"]),
            archive=checked.archive or str(home / DEPLOYMENT_FOLDERS["archive"]),
            read_hard_links=checked.hard_links == HardLinks.READ,
        )


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """The settings the environment gives now."""
    return Settings.from_env(env)


def library_homes(home: Path, env: Mapping[str, str]) -> dict[str, str]:
    """The variables to set so that Prefect and pythainlp keep their data in raingan's home:
    those the environment does not set already. When the home cannot be written (a read-only
    `$HOME`), pythainlp is told not to write at all: it makes its folder on import, and
    raingan downloads none of its data."""
    variables = {
        variable: str(home / folder)
        for variable, folder in LIBRARY_HOMES.items()
        if not any(env.get(name) for name in (variable, *ALREADY_SET_BY.get(variable, ())))
    }
    if not can_create(home) and not env.get(PYTHAINLP_READ_ONLY):
        variables[PYTHAINLP_READ_ONLY] = "1"
    return variables


def can_create(folder: Path) -> bool:
    """Whether `folder` is a writable folder, or its nearest existing parent is one."""
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return folder.is_dir() and os.access(folder, os.W_OK)
