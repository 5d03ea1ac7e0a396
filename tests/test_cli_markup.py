"""Text from a PDF or a file name is shown as it is: never read as rich markup or emoji codes."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from raingan.cli.console import say_error
from sample_reports.generator.bulk import bulk_reports, write_report
from tests.commands import raingan
from tests.contract import SAMPLES_DIR

pytestmark = pytest.mark.slow  # a `raingan` process per test

MARKUP = "[/bold] [link=https://example.invalid]คลิก[/link] :smile:"


def test_markup_in_a_pdf_is_printed_as_text(tmp_path):
    """A report drawn with reportlab whose memo subject ends in markup."""
    _, report = next(bulk_reports(1, seed=0))
    assert report.memo is not None
    report.memo = dataclasses.replace(report.memo, subject=f"{report.memo.subject} {MARKUP}")
    write_report("markup", report, tmp_path)
    run = raingan("parse", str(tmp_path / "markup.pdf"), home=tmp_path / "home")
    assert run.returncode == 0, run.stderr
    assert MARKUP in run.stdout
    text = raingan("text", str(tmp_path / "markup.pdf"), home=tmp_path / "home")
    assert text.returncode == 0, text.stderr
    for part in MARKUP.split():  # the PDF wraps the subject: its parts, on lines of their own
        assert part in text.stdout


def test_markup_in_a_file_name_is_printed_as_text(tmp_path):
    name = "[bold]report[red] [link=mailto:a@example.invalid]x :smile:.pdf"  # no "/" in a name
    shutil.copy(SAMPLES_DIR / "findings-sequence.pdf", tmp_path / name)
    run = raingan("parse", str(tmp_path / name), home=tmp_path / "home")
    assert run.returncode == 0, run.stderr
    assert name in run.stdout


def test_an_error_is_one_line_whatever_it_holds(capsys):
    """A file name with a line break and an ANSI escape, markup and a long message."""
    name = "a\nb\x1b[2J[bold]:smile:.pdf"
    say_error(f"error: could not parse {name}: KeyError: " + "x" * 300)
    err = capsys.readouterr().err
    assert (
        err == "error: could not parse a b\\x1b[2J[bold]:smile:.pdf: KeyError: " + "x" * 300 + "\n"
    )
