"""An inbox that fights back: a file is read only if it is still the regular file that was
listed. Each race is staged between listing and opening by
`raingan.pipeline.ingestion.inbox.before_open` (or, for quarantine, while the file is being
parsed), never by sleeping. Hard links are skipped unless allowed; the bytes of a file that is
not a PDF are never kept; names whose readable forms used to collide are two entries; the
migration re-keys the ledger."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text

from models import migrate
from models.engine import make_engine
from models.originals import OriginalsStore
from raingan.pipeline import Status, default_parser, ingest_paths
from raingan.pipeline.ingestion import inbox as inbox_module
from raingan.pipeline.ingestion.discovery import FollowLinks
from raingan.pipeline.ingestion.inbox import InboxFile, ingest_batch, list_inbox, new_files
from raingan.pipeline.workspace import Workspace
from tests.contract import SAMPLES_DIR, copy_samples
from tests.databases import on_both, query

pytest_plugins = ("tests.database_fixtures",)

LOADS = "findings-percent.pdf"
LOADS_TOO = "sao-bangphra-2566-r6.pdf"
SECRET = b"root:x:0:0:a secret outside the inbox\n"


def stored_contents(store: OriginalsStore) -> list[bytes]:
    return [path.read_bytes() for path in Path(store.location).rglob("*") if path.is_file()]


def swap_before_opening(monkeypatch, name: str, swap) -> list[str]:
    """Run `swap()` just before the inbox entry `name` is opened; the names opened, in order."""
    seen: list[str] = []

    def hook(file: InboxFile) -> None:
        seen.append(file.path)
        if file.path == name:
            swap()

    monkeypatch.setattr(inbox_module, "before_open", hook)
    return seen


def atomic_symlink(target: Path, at: Path) -> None:
    """`ln -s target tmp && mv -T tmp at`: the name now leads elsewhere, in one step."""
    temporary = at.with_name(at.name + ".tmp")
    temporary.symlink_to(target)
    os.replace(temporary, at)


@pytest.fixture
def workspace(tmp_path, database):
    return Workspace(
        database.sessions, OriginalsStore(str(tmp_path / "originals")), default_parser()
    )


@on_both("empty_database_url")
def test_a_file_swapped_for_a_link_after_listing_is_skipped_never_followed(
    database, workspace, tmp_path, monkeypatch
):
    inbox = tmp_path / "inbox"
    copy_samples(inbox, [LOADS])
    (inbox / "zz.pdf").write_bytes((SAMPLES_DIR / LOADS_TOO).read_bytes())
    secret = tmp_path / "passwd"
    secret.write_bytes(SECRET)
    files = list_inbox(str(inbox), follow=FollowLinks.NEVER)
    assert [file.skipped for file in files] == [None, None]  # both regular when listed
    opened = swap_before_opening(
        monkeypatch, "zz.pdf", lambda: atomic_symlink(secret, inbox / "zz.pdf")
    )
    quarantine = tmp_path / "quarantine"
    outcomes = ingest_batch(files, workspace, quarantine=str(quarantine))
    assert opened == [LOADS, "zz.pdf"]
    by_name = {outcome.name: outcome for outcome in outcomes}
    assert by_name[LOADS].status == Status.LOADED
    assert by_name["zz.pdf"].status == Status.SKIPPED
    assert "symbolic link" in by_name["zz.pdf"].message
    assert SECRET not in stored_contents(workspace.store)
    assert not quarantine.exists()  # a skipped entry is never copied
    origins = [row[0] for row in query(database.url, "SELECT origin FROM source_files")]
    assert origins == [str(inbox / LOADS)]  # nothing recorded with origin /…/passwd
    ledger = dict(query(database.url, "SELECT path, outcome FROM inbox_entries"))
    assert ledger == {LOADS: "loaded", "zz.pdf": "skipped"}


@on_both("empty_database_url")
def test_a_file_replaced_by_another_or_changed_after_listing_is_skipped(
    database, workspace, tmp_path, monkeypatch
):
    inbox = tmp_path / "inbox"
    copy_samples(inbox, [LOADS, LOADS_TOO])
    files = list_inbox(str(inbox), follow=FollowLinks.NEVER)
    other = tmp_path / "other.pdf"
    other.write_bytes(SECRET)

    def swap() -> None:
        os.replace(other, inbox / LOADS)  # another regular file under the listed name
        with (inbox / LOADS_TOO).open("ab") as grown:  # the same file, grown since
            grown.write(b"%% appended")

    swap_before_opening(monkeypatch, LOADS, swap)
    outcomes = {o.name: o for o in ingest_batch(files, workspace)}
    assert outcomes[LOADS].status == Status.SKIPPED
    assert "another file was put in its place" in outcomes[LOADS].message
    assert outcomes[LOADS_TOO].status == Status.SKIPPED
    assert "changed since it was listed" in outcomes[LOADS_TOO].message
    assert stored_contents(workspace.store) == []


@on_both("empty_database_url")
def test_a_file_removed_after_listing_is_skipped_and_quarantine_goes_on(
    database, workspace, tmp_path, monkeypatch
):
    inbox = tmp_path / "inbox"
    copy_samples(inbox, [LOADS, LOADS_TOO])
    (inbox / "notes.pdf").write_bytes(b"not a PDF at all")
    files = list_inbox(str(inbox), follow=FollowLinks.NEVER)
    swap_before_opening(monkeypatch, LOADS, lambda: (inbox / LOADS).unlink())
    quarantine = tmp_path / "quarantine"
    outcomes = {o.name: o for o in ingest_batch(files, workspace, quarantine=str(quarantine))}
    assert outcomes[LOADS].status == Status.SKIPPED
    assert outcomes[LOADS].message == "no longer there: removed since it was listed"
    assert outcomes[LOADS_TOO].status == Status.LOADED
    assert outcomes["notes.pdf"].status == Status.REJECTED
    assert (quarantine / "notes.pdf").read_bytes() == b"not a PDF at all"
    assert not (quarantine / LOADS).exists()


@on_both("empty_database_url")
def test_quarantine_copies_what_was_read_not_what_the_name_holds_after(
    database, workspace, tmp_path
):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "refused.pdf").write_bytes(b"first bytes, not a PDF")
    secret = tmp_path / "passwd"
    secret.write_bytes(SECRET)
    files = list_inbox(str(inbox), follow=FollowLinks.NEVER)
    parser = workspace.parser

    def parse_then_swap(data: bytes, filename: str):
        atomic_symlink(secret, inbox / "refused.pdf")  # while the file is being parsed
        return parser.parse(data, filename)

    swapping = workspace.parsing_with(replace(parser, parse=parse_then_swap))
    quarantine = tmp_path / "quarantine"
    (outcome,) = ingest_batch(files, swapping, quarantine=str(quarantine))
    assert outcome.status == Status.REJECTED and outcome.rejection_code == "not_pdf"
    assert (quarantine / "refused.pdf").read_bytes() == b"first bytes, not a PDF"


@on_both("empty_database_url")
def test_a_hard_link_is_skipped_unless_allowed_and_not_pdf_bytes_are_never_kept(
    database, workspace, tmp_path
):
    inbox = tmp_path / "inbox"
    copy_samples(inbox, [LOADS])
    secret = tmp_path / "passwd"
    secret.write_bytes(SECRET)
    os.link(secret, inbox / "passwd.pdf")
    files = list_inbox(str(inbox), follow=FollowLinks.NEVER)
    outcomes = {o.name: o for o in ingest_batch(files, workspace)}
    assert outcomes["passwd.pdf"].status == Status.SKIPPED
    assert "2 hard links" in outcomes["passwd.pdf"].message
    assert "RAINGAN_HARD_LINKS=read" in outcomes["passwd.pdf"].message
    assert outcomes[LOADS].status == Status.LOADED

    os.utime(inbox / "passwd.pdf", (1, 1))  # a new ledger entry: read it, as allowed
    files = list_inbox(str(inbox), follow=FollowLinks.NEVER)
    outcomes = {o.name: o for o in ingest_batch(files, workspace, hard_links=True)}
    rejected = outcomes["passwd.pdf"]
    assert (rejected.status, rejected.rejection_code) == (Status.REJECTED, "not_pdf")
    assert SECRET not in stored_contents(workspace.store)  # its bytes are not kept
    assert len(stored_contents(workspace.store)) == 1
    rows = query(database.url, "SELECT sha256, original_name, rejection_code FROM source_files")
    import hashlib

    assert (hashlib.sha256(SECRET).hexdigest(), "passwd.pdf", "not_pdf") in rows


@on_both("empty_database_url")
def test_raingan_ingest_of_a_folder_skips_hard_links_and_keeps_no_bytes_of_non_pdfs(
    database, workspace, tmp_path
):
    folder = tmp_path / "folder"
    copy_samples(folder, [LOADS])
    secret = tmp_path / "passwd"
    secret.write_bytes(SECRET)
    os.link(secret, folder / "passwd.pdf")
    (folder / "text.pdf").write_bytes(b"plain text under a PDF's name")
    summary = ingest_paths([folder], workspace, read_hard_links=False)
    by_name = {outcome.name: outcome for outcome in summary.outcomes}
    assert by_name["passwd.pdf"].status == Status.SKIPPED
    assert by_name["text.pdf"].rejection_code == "not_pdf"
    assert by_name[LOADS].status == Status.LOADED
    assert stored_contents(workspace.store) == [(SAMPLES_DIR / LOADS).read_bytes()]
    # The file named on the command line is the user's choice: read, though hard-linked.
    named = ingest_paths([folder / "passwd.pdf"], workspace, read_hard_links=False)
    assert named.outcomes[0].rejection_code == "not_pdf"


# Names that cannot collide ------------------------------------------------------------------

TEXT_NAME = "c-\\xff.pdf"  # a backslash, an x and two f's, as text
BYTE_NAME = os.fsdecode(b"c-\xff.pdf")  # the byte 0xFF


@on_both("empty_database_url")
def test_names_that_read_the_same_before_are_two_entries(database, workspace, tmp_path):
    from models.names import readable_name

    assert readable_name(TEXT_NAME) == "c-\\\\xff.pdf"
    assert readable_name(BYTE_NAME) == "c-\\xff.pdf"
    assert readable_name("a\u0085b") == "a\\u0085b" != readable_name(os.fsdecode(b"a\x85b"))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / TEXT_NAME).write_bytes(b"one not-PDF, 22 bytes.")
    (inbox / BYTE_NAME).write_bytes(b"two not-PDF, 22 bytes.")
    for name in (TEXT_NAME, BYTE_NAME):
        os.utime(inbox / name, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    files = list_inbox(str(inbox), follow=FollowLinks.NEVER)
    assert len({file.key for file in files}) == 2
    outcomes = ingest_batch(files, workspace)
    assert sorted(o.status for o in outcomes) == [Status.REJECTED, Status.REJECTED]
    assert len(query(database.url, "SELECT path FROM inbox_entries")) == 2
    assert new_files(database.sessions, list_inbox(str(inbox), follow=FollowLinks.NEVER)) == []


OLD_ROWS = [  # (path as revision 0004 wrote it, its raw bytes when kept)
    ("back\\slash.pdf", None),
    ("caf\\xe9.pdf", b"caf\xe9.pdf"),
    ("plain.pdf", None),
]


@on_both("empty_database_url")
def test_the_migration_re_keys_the_ledger_as_the_code_lists_names_now(empty_database_url, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    names = {"back\\slash.pdf": "back\\slash.pdf", "caf\\xe9.pdf": os.fsdecode(b"caf\xe9.pdf")}
    names["plain.pdf"] = "plain.pdf"
    for name in names.values():
        (inbox / name).write_bytes(b"x")
    listed = {file.url: file for file in list_inbox(str(inbox), follow=FollowLinks.NEVER)}
    engine = make_engine(empty_database_url)
    migrate.upgrade(engine, "0004")
    with engine.begin() as connection:
        for old_path, raw in OLD_ROWS:
            file = listed[str(inbox / names[old_path])]
            connection.execute(
                text(
                    "INSERT INTO inbox_entries (inbox, path, path_bytes, size_bytes, version,"
                    " outcome, findings, first_seen, last_seen) VALUES (:inbox, :path, :raw,"
                    " :size, :version, 'rejected', 0, '2024-01-01', '2024-01-01')"
                ),
                {
                    "inbox": str(inbox),
                    "path": old_path,
                    "raw": raw,
                    "size": file.size_bytes,
                    "version": file.version,
                },
            )
    migrate.upgrade(engine)
    rows = dict(query(empty_database_url, "SELECT path, path_bytes FROM inbox_entries"))
    assert set(rows) == {"back\\\\slash.pdf", "caf\\xe9.pdf", "plain.pdf"}
    assert bytes(rows["back\\\\slash.pdf"]) == b"back\\slash.pdf"
    from models.engine import session_factory

    assert new_files(session_factory(engine), list(listed.values())) == []  # all known
    migrate.downgrade(engine, "0004")
    back = {row[0] for row in query(empty_database_url, "SELECT path FROM inbox_entries")}
    assert back == {path for path, _raw in OLD_ROWS}
    engine.dispose()
