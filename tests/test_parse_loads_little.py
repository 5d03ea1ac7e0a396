"""`raingan parse` loads only what a parse needs (issue 23, item 4), beyond
`tests/test_parse_startup.py`'s list: not pydantic, which typer (0.29) builds an adapter of for
every option that is not a flag, though the command's options are plain numbers and a path
(`raingan.cli.plain_options` reads those); and a plain option is read as typer's adapter reads
it, word for word, a bad value refused in the same words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
from typer.models import ArgumentInfo, OptionInfo
from typer.testing import CliRunner

from raingan.cli.app import app
from raingan.cli.plain_options import PlainRuntimeParam
from tests.test_parse_startup import NOT_FOR_A_PARSE, SAMPLE, modules_imported_by_parse

# typer's coercion through pydantic, and pydantic itself (0.1 s of a small report's process).
NOT_FOR_A_PLAIN_COMMAND = ("pydantic", "pydantic_core", "typer._adapters", "annotated_types")


def test_parse_of_a_sample_pdfium_reads_whole_loads_no_pydantic(tmp_path):
    imported, document = modules_imported_by_parse(tmp_path / "home", SAMPLE)
    assert document["findings"]  # it parsed
    top_level = {name.split(".")[0] for name in imported}
    assert "pypdfium2" in top_level  # the child's imports are in the log
    unwanted = [name for name in NOT_FOR_A_PLAIN_COMMAND if name in imported]
    unwanted += sorted(top_level & set(NOT_FOR_A_PARSE))
    assert not unwanted, unwanted


# Texts a user may give an option: well formed, spaced, signed, grouped, in Thai digits, words.
GIVEN = (
    "12", " 12 ", "12\n", "-3", "+4", "-0", "1_0", "1__0", "_1", "2.0", "2.00", "2.", "2.5",
    ".5", "1e3", "1E3", "1.0e1", "1_0.5", "0x10", "", " ", "abc", "nan", "-inf", "Infinity",
    "๑๒", "١٢", "99999999999999999999999", "0", "1", "true", "True", " yes ", "Y", "on",
    "off", "F", "no", "maybe", "2", "t", "ไทย",
)  # fmt: skip


def typer_reading(annotation: type, given: str) -> Any:
    """What typer's own (pydantic) coercion makes of `given`: the value, or its error's words."""
    from pydantic import ValidationError
    from typer._adapters import build_leaf_adapter
    from typer._display import get_error_msg

    try:
        return build_leaf_adapter(annotation, OptionInfo()).validate_python(given)
    except ValidationError as error:
        return get_error_msg(error)


def plain_reading(annotation: type, given: str) -> Any:
    coercion = PlainRuntimeParam(parameter_info=OptionInfo(), annotation=annotation)
    try:
        return coercion.coerce(given, param=None, ctx=None)
    except typer.BadParameter as error:
        return error.message


@pytest.mark.parametrize("annotation", [int, float, bool, str], ids=lambda kind: kind.__name__)
def test_a_plain_option_is_read_as_typer_reads_it(annotation):
    differ = {
        given: (plain, typers)
        for given in GIVEN
        if (plain := plain_reading(annotation, given))
        != (typers := typer_reading(annotation, given))
        and not (plain != plain and typers != typers)  # nan
    }
    assert not differ, differ


def test_a_path_is_checked_as_typer_checks_it(tmp_path):
    file = tmp_path / "report.pdf"
    file.write_bytes(b"%PDF-1.4")
    info = ArgumentInfo(exists=True, dir_okay=False)
    coercion = PlainRuntimeParam(parameter_info=info, annotation=Path)
    assert coercion.coerce(str(file), param=None, ctx=None) == file
    for given, words in [(tmp_path / "none.pdf", "does not exist"), (tmp_path, "is a directory")]:
        with pytest.raises(typer.BadParameter, match=words):
            coercion.coerce(str(given), param=None, ctx=None)


def test_the_command_refuses_a_bad_option_in_typer_s_words(tmp_path):
    runner = CliRunner()
    given = tmp_path / "missing.pdf"
    run = runner.invoke(app, ["parse", str(given), "--json"])
    assert run.exit_code == 2 and "does not exist" in run.output
    run = runner.invoke(app, ["parse", str(SAMPLE), "--max-pages", "many"])
    assert run.exit_code == 2 and "valid integer" in run.output
