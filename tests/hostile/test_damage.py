"""Damage is a rejection, a bug is not: each hand-built damaged file is `corrupt_pdf`, in the
pipeline and on the command line, in one line, while an exception raised in raingan's own
code, even when pdfminer called it, stays an internal error (exit 1)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pdfplumber
import pytest
from pdfminer.converter import PDFPageAggregator
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfplumber.utils.exceptions import PdfminerException

from parsers import Rejected, RejectionCode
from parsers.language.vocabulary import compact
from parsers.safety.damage import as_rejection, damage_is_rejection
from raingan.pipeline.ingestion.parsing import default_parser
from tests.commands import raingan
from tests.contract import SAMPLES_DIR
from tests.hostile.handmade import HANDMADE, one_page, parent_cycle

REFERENCE_PDF = SAMPLES_DIR / "reference-chromium.pdf"

# What each hand-built file makes the libraries raise, as the rejection's reason says it.
REASONS = {
    "ascii85-non-digit": "Non-Ascii85 digit",
    "odd-dictionary": "Invalid dictionary construct",
    "invalid-octal": "Invalid octal",
    "font-descends-from-itself": "RecursionError",
    "forms-nested-500": "RecursionError",
    "object-stream-inside-itself": "RecursionError",
    "rotate-ninety": "TypeError",
    "parent-cycle": "TypeError",
    "type3-font-without-bbox": "KeyError: 'FontBBox'",
    "tounicode-bfrange-name": "the PDF cannot be read",
    "mediabox-not-numbers": "the page tree cannot be read (TypeError: float()",
}


def test_every_hand_built_file_has_its_reason():
    assert set(REASONS) == set(HANDMADE)


@pytest.mark.parametrize("name", sorted(HANDMADE))
def test_a_damaged_file_is_rejected_as_corrupt_by_the_pipeline_parser(name):
    with pytest.raises(Rejected) as caught:
        default_parser().parse(HANDMADE[name](), f"{name}.pdf")
    assert caught.value.code is RejectionCode.CORRUPT_PDF
    assert REASONS[name] in caught.value.reason
    assert "\n" not in caught.value.reason


def test_the_rejection_keeps_the_library_exception_as_its_cause():
    with pytest.raises(Rejected) as caught:
        default_parser().parse(HANDMADE["type3-font-without-bbox"](), "font.pdf")
    assert isinstance(caught.value.__cause__, PdfminerException | KeyError)


def test_an_exception_raised_in_our_code_is_not_damage():
    """A TypeError, of the kinds damage raises in pdfminer (`/Rotate /Ninety`), raised by
    raingan's own code is a bug: its place, not its type, tells."""
    with pytest.raises(TypeError), damage_is_rejection():
        compact(None)  # type: ignore[arg-type]  # a bug: raingan calls its own code wrongly


class BrokenDevice(PDFPageAggregator):
    """raingan code that pdfminer calls back, with a bug in it."""

    def render_char(self, *args: object) -> float:  # type: ignore[override]
        raise ZeroDivisionError("a bug in a callback")


def test_a_bug_in_code_pdfminer_calls_back_is_not_damage():
    """pdfminer's frames are outside, raingan's innermost: a bug, even wrapped as pdfplumber
    wraps what pdfminer raises."""
    with pdfplumber.open(REFERENCE_PDF) as pdf:
        page = pdf.pages[0]
        device = BrokenDevice(pdf.rsrcmgr, laparams=None)
        with pytest.raises(PdfminerException) as caught, damage_is_rejection():
            try:
                PDFPageInterpreter(pdf.rsrcmgr, device).process_page(page.page_obj)
            except Exception as error:
                raise PdfminerException(error) from error
    assert isinstance(caught.value.__cause__, ZeroDivisionError)  # passed on, not rejected


def test_memory_errors_and_rejections_are_not_turned_into_corrupt_pdf():
    assert as_rejection(MemoryError()) is None
    assert as_rejection(Rejected(RejectionCode.TOO_LARGE, "over")) is None


@pytest.mark.slow
def test_parse_on_a_damaged_file_says_one_line_and_logs_the_library_warnings(tmp_path):
    path = tmp_path / "cycle.pdf"
    path.write_bytes(parent_cycle())  # pdfminer warns twice, then pdfplumber fails
    run = raingan("parse", str(path), home=tmp_path / "home")
    assert run.returncode == 3
    assert run.stdout == ""
    assert run.stderr.startswith("rejected: corrupt_pdf: the page tree cannot be read (TypeError: ")
    assert run.stderr.count("\n") == 1
    log = (tmp_path / "home" / "raingan.log").read_text()
    assert "MediaBox missing" in log
    assert "damaged PDF" in log


@pytest.mark.slow
def test_text_on_a_damaged_file_says_one_line(tmp_path):
    path = tmp_path / "octal.pdf"
    path.write_bytes(HANDMADE["invalid-octal"]())
    run = raingan("text", str(path), home=tmp_path / "home")
    assert run.returncode == 3
    assert run.stdout == ""
    assert run.stderr.startswith("rejected: corrupt_pdf: ")
    assert run.stderr.count("\n") == 1


@pytest.mark.slow
def test_a_long_rejection_is_one_line_on_a_narrow_pipe(tmp_path):
    """stderr is a pipe of 80 columns: the line is longer and still not wrapped."""
    path = tmp_path / "long.pdf"
    keys = b" ".join(b"/Key%d" % n for n in range(40))
    path.write_bytes(one_page(b"/P << " + keys + b" /MCID >> BDC EMC"))
    run = raingan("parse", str(path), home=tmp_path / "home", COLUMNS="80")
    assert run.returncode == 3
    assert run.stderr.count("\n") == 1
    assert len(run.stderr) > 120


@pytest.mark.slow
def test_a_bug_in_raingan_still_exits_1_in_one_line(tmp_path):
    """A genuine bug (the document assembly calls the checks wrongly) on a valid file."""
    script = textwrap.dedent(
        f"""
        import sys
        import checks
        import parsers.report
        from raingan.cli import main

        parsers.report.assemble = lambda pages, source: checks.find_inconsistencies(None)
        sys.argv = ["raingan", "parse", {str(REFERENCE_PDF)!r}]
        main()
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={"RAINGAN_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 1, run.stderr
    assert run.stderr.startswith(f"error: could not parse {REFERENCE_PDF.name}: ")
    assert run.stderr.count("\n") == 1
    assert "Traceback" not in run.stderr
