"""Which files a command names: files, folders (recursively) and globs, each file once.

A folder (an inbox) is untrusted: only regular files are read. A symbolic link found inside a
folder is skipped with its reason (a link to /etc/passwd must not end in the originals store),
unless `RAINGAN_FOLLOW_LINKS=inside` allows links whose target is a regular file inside the
folder; FIFOs, sockets and devices are always skipped (reading a FIFO would wait for ever). A
file named on the command line is the user's own choice and is followed if it is a link.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

GLOB_CHARACTERS = frozenset("*?[")
FOLLOW_LINKS_VARIABLE = "RAINGAN_FOLLOW_LINKS"

# What a file that is not a regular file is, by its mode, in a reason's words.
SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


class FollowLinks(StrEnum):
    """Which symbolic links inside a folder or an inbox are followed."""

    NEVER = "never"
    INSIDE = "inside"  # those whose target is a regular file inside the same folder


def follow_links_setting(env: Mapping[str, str] | None = None) -> FollowLinks:
    """`RAINGAN_FOLLOW_LINKS` (`never` by default, or `inside`)."""
    value = (os.environ if env is None else env).get(FOLLOW_LINKS_VARIABLE) or FollowLinks.NEVER
    try:
        return FollowLinks(value.strip().lower())
    except ValueError:
        allowed = ", ".join(FollowLinks)
        raise ValueError(f"{FOLLOW_LINKS_VARIABLE}={value!r}: expected one of {allowed}") from None


@dataclass(frozen=True)
class Skipped:
    """A directory entry that is not read, and why."""

    path: Path
    reason: str


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    hidden_skipped: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    # Files in a folder (or a glob's) whose name and bytes both say they are not PDFs.
    not_pdf_skipped: int = 0


PDF_SUFFIX = ".pdf"


def says_not_pdf(path: Path) -> bool:
    """A folder's file whose name and bytes agree that it is not a PDF (README.md, a .docx):
    left out and counted, not recorded as a rejection. A file named .pdf, or with no
    extension, is never left out here: the parser checks its bytes and says why it refuses.
    The bytes are read as the parser reads them (`%PDF-` within the first 1024), without
    following a link or waiting on a FIFO swapped in since the listing; a file that cannot be
    read so is kept, for ingest to say what happened."""
    if not path.suffix or path.suffix.lower() == PDF_SUFFIX:
        return False
    from parsers.text_layer.opening import MAGIC_WINDOW, PDF_MAGIC

    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return False
        head = os.read(descriptor, MAGIC_WINDOW)
    except OSError:
        return False
    finally:
        os.close(descriptor)
    return PDF_MAGIC not in head


@dataclass
class FolderListing:
    """What walking a folder found: regular files, hidden files, entries skipped."""

    files: list[Path] = field(default_factory=list)
    hidden: int = 0
    skipped: list[Skipped] = field(default_factory=list)


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file or a folder is; None for those two."""
    return next((kind for is_kind, kind in SPECIAL_KINDS if is_kind(mode)), None)


def link_reason(link: Path, root: Path, follow: FollowLinks) -> str | None:
    """Why a symbolic link inside `root` is skipped; None when it may be followed."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # dangling, or a loop
        return f"a symbolic link to {os.readlink(link)!s} that leads nowhere"
    if follow == FollowLinks.NEVER:
        return f"a symbolic link to {target}: links are not followed ({FOLLOW_LINKS_VARIABLE})"
    if not target.is_relative_to(root.resolve()):
        return f"a symbolic link to {target}, outside {root}"
    if not stat.S_ISREG(target.stat().st_mode):
        return f"a symbolic link to {target}, not a regular file"
    return None


def walk_folder(root: Path, follow: FollowLinks) -> FolderListing:
    """Every entry under `root`, never following a link into another folder, sorted by path.
    Hidden files and folders (.git, .DS_Store) are counted and left out."""
    listing = FolderListing()
    pending = [root]
    while pending:
        folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                path = Path(entry.path)
                hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
                try:
                    mode = entry.stat(follow_symlinks=False).st_mode
                except FileNotFoundError:  # removed while we looked
                    continue
                if stat.S_ISDIR(mode):
                    pending.append(path)
                elif hidden:
                    listing.hidden += 1
                elif stat.S_ISREG(mode):
                    listing.files.append(path)
                elif stat.S_ISLNK(mode):
                    reason = link_reason(path, root, follow)
                    if reason is None:
                        listing.files.append(path)
                    else:
                        listing.skipped.append(Skipped(path, reason))
                else:
                    listing.skipped.append(Skipped(path, f"{special_kind(mode)}, not a file"))
    listing.files.sort()
    listing.skipped.sort(key=lambda skipped: skipped.path)
    return listing


def discover(paths: Iterable[str | Path], follow: FollowLinks | None = None) -> Discovery:
    """Every file named, inside a folder named (recursively), or matching a glob, once each,
    in a stable order. Hidden files and folders inside folders are skipped and counted; links
    and special files are skipped with their reason; files of a folder or a glob whose name
    and bytes say they are not PDFs are counted and left out (`says_not_pdf`); every other
    file is kept, PDF or not: it is for the parser to refuse."""
    follow = follow or follow_links_setting()
    found = Discovery()
    seen: dict[Path, Path] = {}  # each file read, by where it resolves: the name taken

    def add(path: Path) -> None:
        resolved = path.resolve()
        if resolved not in seen:
            seen[resolved] = path
            found.files.append(path)
        elif path != seen[resolved]:  # a link to a file listed already: said, not dropped
            reason = f"the same file as {seen[resolved]}, which is read once"
            found.skipped.append(Skipped(path, reason))

    for given in map(str, paths):
        named = Path(given)
        matches = [named] if named.exists() or named.is_symlink() else []
        if not matches and GLOB_CHARACTERS & set(given):
            matches = [Path(match) for match in sorted(glob.glob(given, recursive=True))]
        if not matches:
            found.missing.append(given)
        for path in matches:
            if path.is_symlink() and path is not named:  # a glob's match: as if in a folder
                reason = link_reason(path, path.parent, follow)
                if reason:
                    found.skipped.append(Skipped(path, reason))
                    continue
            if path.is_dir():
                listing = walk_folder(path, follow)
                found.hidden_skipped += listing.hidden
                found.skipped.extend(listing.skipped)
                for inner in listing.files:
                    if says_not_pdf(inner):
                        found.not_pdf_skipped += 1
                    else:
                        add(inner)
                continue
            kind = special_kind(path.stat().st_mode) if path.exists() else "a dangling link"
            if kind:
                found.skipped.append(Skipped(path, f"{kind}, not a file"))
            elif path is not named and says_not_pdf(path):  # a glob's match, as in a folder
                found.not_pdf_skipped += 1
            else:
                add(path)
    return found
