"""Light parts of the core load without the PDF and Thai-language libraries: `parsers` loads
its members lazily, so settings and vocabulary stay cheap to import (each checked in a fresh
interpreter, where nothing else has loaded them)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("pdfplumber", "pdfminer", "pythainlp")


def modules_after(statement: str) -> set[str]:
    """Top-level packages loaded in a fresh interpreter after running `statement`."""
    script = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in json.loads(run.stdout)}


@pytest.mark.parametrize(
    "statement",
    [
        "import parsers.safety.limits",
        "import parsers.language.vocabulary",
        "import raingan.settings",
        # The loader finds a name read doubtfully in the warnings, without the parser's libraries.
        "import parsers.sections.forgotten_readings",
        "import models.name_match",
    ],
)
def test_light_modules_do_not_load_the_pdf_and_thai_libraries(statement: str) -> None:
    assert modules_after(statement).isdisjoint(HEAVY)


def test_the_parser_is_still_importable_from_the_package() -> None:
    loaded = modules_after("from parsers import parse_report, Rejected, PARSER_VERSION")
    assert {"pdfplumber", "pythainlp"} <= loaded


def test_the_package_names_its_members_and_refuses_others() -> None:
    import parsers

    assert callable(parsers.parse_report)
    assert set(parsers.__all__) <= set(dir(parsers))
    with pytest.raises(AttributeError):
        _ = parsers.no_such_member  # type: ignore[attr-defined]
