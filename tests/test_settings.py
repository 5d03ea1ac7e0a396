"""Settings are checked once, before any command runs: a bad value is one line naming its
variable (exit 2); raingan, Prefect and pythainlp keep their data in `RAINGAN_HOME`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from raingan.cli import app
from raingan.settings import SettingsError, library_homes, load_settings
from tests.commands import raingan
from tests.contract import SAMPLES_DIR

SAMPLE_PDF = SAMPLES_DIR / "findings-sequence.pdf"

BAD_VALUES = {
    "RAINGAN_MAX_PAGES": ("abc", "'abc' is not a positive whole number"),
    "RAINGAN_MAX_BYTES": ("-5", "'-5' is not a positive whole number"),
    "RAINGAN_MAX_SECONDS": ("0", "'0' is not a positive number"),
    "RAINGAN_DATABASE_URL": ("not a url", "'not a url' is not an SQLAlchemy URL"),
    "RAINGAN_HOME": ("bad\x00home", "is not a usable folder"),
}
# Every command and group, with arguments it would accept.
COMMANDS = [
    ["parse", str(SAMPLE_PDF)],
    ["text", str(SAMPLE_PDF)],
    ["schema"],
    ["ingest", str(SAMPLE_PDF)],
    ["reparse"],
    ["nightly", "--inbox", "/tmp"],
    ["backfill", "/tmp", "--dry-run"],
    ["audit"],
    ["serve"],
    ["status"],
    ["db", "current"],
]


@pytest.mark.parametrize("variable", sorted(BAD_VALUES))
def test_a_bad_value_raises_an_error_naming_its_variable(variable):
    value, problem = BAD_VALUES[variable]
    with pytest.raises(SettingsError) as caught:
        load_settings({variable: value})
    assert caught.value.variable == variable
    assert str(caught.value).startswith(f"{variable}: ")
    assert problem in str(caught.value)


def test_good_values_and_empty_ones_are_read():
    settings = load_settings(
        {
            "RAINGAN_HOME": "/srv/raingan",
            "RAINGAN_DATABASE_URL": "postgresql+psycopg://u@db:5432/raingan",
            "RAINGAN_STORE": "",  # empty: unset
            "RAINGAN_MAX_PAGES": "20",
            "RAINGAN_MAX_SECONDS": "2.5",
        }
    )
    assert settings.home == Path("/srv/raingan")
    assert settings.database_url == "postgresql+psycopg://u@db:5432/raingan"
    assert settings.store == "/srv/raingan/originals"
    assert (settings.limits.max_pages, settings.limits.max_seconds) == (20, 2.5)


@pytest.mark.parametrize("value", ["off", "0", "no", "false", " OFF "])
def test_ocr_can_be_switched_off(value):
    assert load_settings({"RAINGAN_OCR": value}).limits.ocr is False


@pytest.mark.parametrize("value", ["on", "1", "yes", "true", ""])
def test_ocr_is_on_when_asked_or_not_said(value):
    assert load_settings({"RAINGAN_OCR": value}).limits.ocr is True
    assert load_settings({}).limits.ocr is True


def test_an_ocr_switch_that_is_neither_on_nor_off_is_an_error():
    with pytest.raises(SettingsError) as caught:
        load_settings({"RAINGAN_OCR": "maybe"})
    assert caught.value.variable == "RAINGAN_OCR"
    assert str(caught.value).startswith("RAINGAN_OCR: ")
    assert "maybe" in str(caught.value)


def test_a_mapping_is_read_alone_not_with_the_process_environment(monkeypatch):
    monkeypatch.setenv("RAINGAN_STORE", "s3://elsewhere")
    monkeypatch.setenv("RAINGAN_MAX_PAGES", "abc")
    assert load_settings({}).store == str(Path("~/.raingan/originals").expanduser().resolve())


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_every_command_says_a_bad_setting_in_one_line(command):
    run = CliRunner().invoke(app, command, env={"RAINGAN_MAX_PAGES": "abc"})
    assert run.exit_code == 2
    assert run.stderr == "error: RAINGAN_MAX_PAGES: 'abc' is not a positive whole number\n"
    assert run.stdout == ""


@pytest.mark.slow
@pytest.mark.parametrize("variable", ["RAINGAN_DATABASE_URL", "RAINGAN_MAX_PAGES"])
def test_the_command_says_a_bad_setting_in_one_line(tmp_path, variable):
    value, problem = BAD_VALUES[variable]
    run = raingan("parse", str(SAMPLE_PDF), home=tmp_path, **{variable: value})
    assert run.returncode == 2
    assert run.stderr == f"error: {variable}: {problem}\n"


def test_prefect_and_pythainlp_keep_their_data_in_the_home_unless_told(tmp_path):
    assert library_homes(tmp_path, {}) == {
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PYTHAINLP_DATA": str(tmp_path / "pythainlp-data"),
    }
    assert library_homes(tmp_path, {"PREFECT_HOME": "/p", "PYTHAINLP_DATA_DIR": "/t"}) == {}


def test_pythainlp_writes_nothing_when_the_home_cannot_be_made(tmp_path):
    (tmp_path / "a-file").write_text("")
    homes = library_homes(tmp_path / "a-file" / "home" / ".raingan", {})
    assert homes["PYTHAINLP_READ_ONLY"] == "1"
    assert "PYTHAINLP_READ_ONLY" not in library_homes(tmp_path / "new" / ".raingan", {})


def parse_with_home(home: Path) -> subprocess.CompletedProcess[str]:
    """`raingan parse` with `$HOME` = `home` and no RAINGAN_HOME."""
    environment = {"HOME": str(home), "PATH": "/usr/bin:/bin", "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "raingan", "parse", str(SAMPLE_PDF)],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        cwd="/",
    )


@pytest.mark.slow
def test_parse_works_with_a_home_that_cannot_be_written(tmp_path):
    """`$HOME` below a file: nothing can be made there, not even by root."""
    (tmp_path / "a-file").write_text("")
    run = parse_with_home(tmp_path / "a-file" / "home")
    assert run.returncode == 0, run.stderr
    assert "SEQUENCE" in run.stdout
    assert run.stderr == ""


@pytest.mark.slow
def test_parse_writes_nothing_in_home_but_raingans_folder(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    run = parse_with_home(home)
    assert run.returncode == 0, run.stderr
    assert [p.name for p in home.iterdir()] == [".raingan"]


# Refused up front: what used to make every file fail, or a run fail without a word ----------

REFUSED_UP_FRONT = {
    "RAINGAN_MAX_MEMORY_MB": ("99999999999999999999", "is over what this system allows ("),
    "RAINGAN_NOTIFY": ("bogus", "URL 1 is not one Apprise can send to"),
    "RAINGAN_STORE": ("nosuchproto://x", "'nosuchproto' is not a protocol fsspec knows"),
    "RAINGAN_HOME": ("/etc/passwd", "is not a folder that is or can be made writable"),
    "RAINGAN_HARD_LINKS": ("sometimes", "'skip' or 'read'"),
    "RAINGAN_MAX_SECONDS_TOTAL": ("0", "'0' is not a positive number"),
}


@pytest.mark.parametrize("variable", sorted(REFUSED_UP_FRONT))
def test_a_setting_no_run_could_use_is_refused_naming_it(variable):
    value, problem = REFUSED_UP_FRONT[variable]
    with pytest.raises(SettingsError) as caught:
        load_settings({variable: value})
    assert caught.value.variable == variable
    assert problem in str(caught.value)
    run = CliRunner().invoke(app, ["ingest", str(SAMPLE_PDF)], env={variable: value})
    assert run.exit_code == 2
    assert run.stderr.startswith(f"error: {variable}: ") and run.stderr.count("\n") == 1
    assert run.stdout == ""


def test_settings_a_run_can_use_are_taken(tmp_path):
    settings = load_settings(
        {
            "RAINGAN_MAX_MEMORY_MB": "2048",
            "RAINGAN_NOTIFY": "json://127.0.0.1:9/hook, mailto://u:p@example.org",
            "RAINGAN_STORE": "memory://originals",
            "RAINGAN_HOME": str(tmp_path / "not-yet" / "home"),  # can be made
            "RAINGAN_HARD_LINKS": "READ",
        }
    )
    assert settings.limits.max_memory_mb == 2048
    assert settings.store == "memory://originals"
    assert settings.read_hard_links is True
    assert not (tmp_path / "not-yet").exists()  # checked, not made
    assert load_settings({}).read_hard_links is False


def test_a_known_protocol_is_taken_though_its_package_is_not_installed_here():
    assert load_settings({"RAINGAN_STORE": "gcs://bucket/originals"}).store.startswith("gcs://")
    with pytest.raises(SettingsError, match="RAINGAN_ARCHIVE: 'nosuch' is not a protocol"):
        load_settings({"RAINGAN_ARCHIVE": "simplecache::nosuch://bucket"})


@pytest.mark.slow
def test_a_memory_limit_past_the_system_is_one_line_not_a_traceback(tmp_path):
    run = raingan(
        "ingest", str(SAMPLE_PDF), home=tmp_path, RAINGAN_MAX_MEMORY_MB="99999999999999999999"
    )
    assert run.returncode == 2
    assert run.stderr.startswith("error: RAINGAN_MAX_MEMORY_MB: '99999999999999999999' is over")
    assert "Traceback" not in run.stderr and run.stderr.count("\n") == 1
