"""The originals store: every ingested file kept once, by its SHA-256, as evidence.

A folder or any fsspec URL (`s3://bucket/raingan`, `memory://…`). Files are laid out as
`<root>/<first two hex digits>/<sha256>`, written under a temporary name and then moved into
place, so that a reader never sees half a file and concurrent writers of the same content
do no harm. A write killed half-way (SIGKILL) leaves its `.part` file: each run removes those
older than itself (`remove_stale_parts`).
"""

from __future__ import annotations

import hashlib
import shutil
import uuid
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Literal, TypedDict

import fsspec
from fsspec import AbstractFileSystem

READ_CHUNK = 1 << 20
PART_SUFFIX = ".part"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_of_file(path: Path) -> str:
    """The hash of a file read a chunk at a time (a file too large to read whole)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(READ_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class OriginalsStore:
    location: str

    @property
    def filesystem(self) -> tuple[AbstractFileSystem, str]:
        fs, root = fsspec.core.url_to_fs(self.location)
        return fs, root.rstrip("/")

    def path_of(self, sha256: str) -> str:
        _, root = self.filesystem
        return f"{root}/{sha256[:2]}/{sha256}"

    def has(self, sha256: str) -> bool:
        fs, _ = self.filesystem
        return fs.exists(self.path_of(sha256))

    def put(self, data: bytes, sha256: str | None = None) -> str:
        """Keep `data` (once: a file already kept is left alone); returns its hash."""
        sha256 = sha256 or sha256_of(data)
        self.place(sha256, lambda fs, temporary: fs.pipe_file(temporary, data))
        return sha256

    def put_file(self, local_path: str | Path, sha256: str) -> str:
        """Keep a local file whose hash is known, without reading it into memory."""
        self.place(sha256, lambda fs, temporary: fs.put_file(str(local_path), temporary))
        return sha256

    def put_stream(self, stream: BinaryIO, sha256: str) -> str:
        """Keep what an open file holds (from where it stands) whose hash is known, a chunk at a
        time: read from the descriptor already checked, never from a name again."""

        def copy(fs: AbstractFileSystem, temporary: str) -> None:
            with fs.open(temporary, "wb") as target:
                shutil.copyfileobj(stream, target, READ_CHUNK)

        self.place(sha256, copy)
        return sha256

    def remove_stale_parts(self, started: float) -> int:
        """Remove the `.part` files written before `started` (a POSIX time): what writes killed
        half-way left. A write under way now is younger. How many were removed."""
        fs, root = self.filesystem
        try:
            found = fs.find(root, detail=True) if fs.exists(root) else {}
        except OSError:
            return 0
        removed = 0
        for path, info in found.items():
            if path.endswith(PART_SUFFIX) and modified(info) < started:
                remove_quietly(fs, path)
                removed += 1
        return removed

    def place(self, sha256: str, write: Callable[[AbstractFileSystem, str], object]) -> None:
        fs, _ = self.filesystem
        path = self.path_of(sha256)
        if fs.exists(path):
            return
        fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
        temporary = f"{path}.{uuid.uuid4().hex}{PART_SUFFIX}"
        try:
            write(fs, temporary)
            fs.mv(temporary, path)
        except BaseException:  # a full disk, a lost connection: leave no partial file behind
            remove_quietly(fs, temporary)
            raise

    def get(self, sha256: str) -> bytes:
        fs, _ = self.filesystem
        data = fs.cat_file(self.path_of(sha256))
        if sha256_of(data) != sha256:
            raise OSError(f"the original {sha256} in the store is damaged")
        return data


def remove_quietly(fs: AbstractFileSystem, path: str) -> None:
    """Remove a file if it is there; a store that cannot even do that is already failing."""
    with suppress(Exception):
        if fs.exists(path):
            fs.rm_file(path)


class FileInfo(TypedDict, total=False):
    """What an fsspec listing (`find(detail=True)`) says of a file: the keys raingan reads.
    Every file system gives its kind and size; a version (an object store's ETag, GCS's md5Hash
    or generation) and when it was written each names its own way, and gives as it likes (a
    datetime, a POSIX time, text): those are narrowed where read."""

    type: str
    size: int | None
    ETag: object
    etag: object
    md5Hash: object
    generation: object
    mtime: object
    LastModified: object
    last_modified: object
    updated: object
    created: object


WrittenKey = Literal["mtime", "LastModified", "last_modified", "updated", "created"]
# When a file was written, by the names file systems give it, the likeliest first.
WRITTEN_KEYS: tuple[WrittenKey, ...] = (
    "mtime",
    "LastModified",
    "last_modified",
    "updated",
    "created",
)


def modified(info: FileInfo) -> float:
    """When a file an fsspec listing describes was last written (POSIX time); never if unsaid
    (then it is not taken for stale)."""
    for key in WRITTEN_KEYS:
        value = info.get(key)
        if isinstance(value, datetime):
            return value.timestamp()
        if isinstance(value, int | float):
            return float(value)
    return float("inf")
