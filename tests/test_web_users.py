"""`raingan users`: who may use `raingan web`, kept in the database (SQLite and PostgreSQL);
a password comes from standard input or the terminal, never from an argument, and is kept
as an argon2 hash."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from models.users import signed_in
from raingan.cli import app
from raingan.pipeline.database import open_sessions
from tests.databases import KINDS, a_database, query

PASSWORD = "ยาวพอ correct horse"


@pytest.fixture(params=KINDS)
def env(request, tmp_path) -> Iterator[dict[str, str]]:
    with a_database(request.param, tmp_path) as url:
        open_sessions(url)  # the schema, as `raingan ingest` makes it
        yield {"RAINGAN_HOME": str(tmp_path / "home"), "RAINGAN_DATABASE_URL": url}


def users(env: dict[str, str], *args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["users", *args], env=env, input=stdin)
    return result.exit_code, result.output


def test_users_are_added_listed_given_roles_and_disabled(env):
    code, said = users(env, "add", "anna", "--role", "auditor", stdin=f"{PASSWORD}\n")
    assert code == 0 and "added anna (auditor)" in said
    stored = query(env["RAINGAN_DATABASE_URL"], "SELECT name, role, password_hash FROM users")
    assert [(name, role) for name, role, _ in stored] == [("anna", "auditor")]
    assert stored[0][2].startswith("$argon2id$") and PASSWORD not in stored[0][2]
    sessions = open_sessions(env["RAINGAN_DATABASE_URL"])
    with sessions() as session:
        assert signed_in(session, "anna", PASSWORD) is not None
        assert signed_in(session, "anna", "wrong") is None

    assert users(env, "add", "proxy-user", "--no-password")[0] == 0
    assert users(env, "set-role", "anna", "admin")[0] == 0
    assert users(env, "disable", "proxy-user")[0] == 0
    code, listed = users(env, "list")
    assert code == 0
    rows = [line.split() for line in listed.splitlines() if line.strip().startswith(("anna", "p"))]
    assert rows == [
        ["anna", "admin", "active", "password"],
        ["proxy-user", "viewer", "disabled", "proxy", "only"],
    ]
    with sessions() as session:
        assert signed_in(session, "proxy-user", "") is None


def test_bad_names_roles_and_passwords_are_usage_errors(env):
    assert users(env, "add", "anna", "--role", "auditor", stdin=f"{PASSWORD}\n")[0] == 0
    for args, stdin in (
        (("add", "anna"), f"{PASSWORD}\n"),  # there already
        (("add", "bob", "--role", "boss"), f"{PASSWORD}\n"),
        (("add", "two words"), f"{PASSWORD}\n"),
        (("add", "carol"), "\n"),  # an empty password
        (("set-role", "nobody", "viewer"), None),
        (("disable", "nobody"), None),
    ):
        code, said = users(env, *args, stdin=stdin)
        assert code == 2, (args, said)
        assert said.startswith("error: ") and "Traceback" not in said
    # A password is never an argument: there is no such option.
    code, _ = users(env, "add", "dave", "--password", PASSWORD)
    assert code == 2
    names = [row[0] for row in query(env["RAINGAN_DATABASE_URL"], "SELECT name FROM users")]
    assert names == ["anna"]
