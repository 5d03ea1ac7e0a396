"""Where raingan keeps its data, read from the environment when asked (no state at import).

- `RAINGAN_HOME`: the raingan home folder, `~/.raingan` by default, so that a Prefect worker
  finds the same data whatever its working directory.
- `RAINGAN_DATABASE_URL`: an SQLAlchemy URL; by default an SQLite file in the home folder.
  Production: `postgresql+psycopg://user:password@host:5432/raingan`.
- `RAINGAN_STORE`: where originals are kept by content hash, a folder or an fsspec URL
  (`s3://bucket/raingan`); by default `originals/` in the home folder.
- `RAINGAN_MAX_PAGES`, `RAINGAN_MAX_BYTES`, `RAINGAN_MAX_SECONDS`: the parser's limits.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from parsers.limits import Limits, limits_from_env

DATABASE_FILE = "raingan.sqlite"
STORE_FOLDER = "originals"


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    store: str
    limits: Limits

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        home = Path(env.get("RAINGAN_HOME") or "~/.raingan").expanduser().resolve()
        return cls(
            home=home,
            database_url=env.get("RAINGAN_DATABASE_URL") or f"sqlite:///{home / DATABASE_FILE}",
            store=env.get("RAINGAN_STORE") or str(home / STORE_FOLDER),
            limits=limits_from_env(env),
        )


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """The settings the environment gives now."""
    return Settings.from_env(env)
