"""What `raingan` says about itself: its versions, the report schema, help that shows what was
written with an example for every command, and shell completion."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from importlib.resources import files

import pytest
from jsonschema.validators import validator_for
from typer.main import get_command
from typer.testing import CliRunner

from raingan.cli import app
from tests.commands import raingan


def command_paths(group=None, path=()) -> list[tuple[str, ...]]:
    """Every command's words after `raingan`: `("parse",)`, `("db", "upgrade")`…"""
    group = group or get_command(app)
    context = click_context(group)
    paths = []
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        sub_commands = getattr(command, "commands", None)
        paths += command_paths(command, (*path, name)) if sub_commands else [(*path, name)]
    return paths


def click_context(group):
    return group.context_class(group)


def command_at(path: tuple[str, ...]):
    command = get_command(app)
    for name in path:
        command = command.get_command(click_context(command), name)
    return command


def help_of(*path: str) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


def as_shown(text: str) -> str:
    """`text` as the help renders it: whitespace joined, Markdown's code quotes gone."""
    return " ".join(text.replace("`", "").replace("│", " ").split())


def test_version_names_the_versions_an_operator_compares_with_the_changelog():
    from checks import RULES_VERSION
    from parsers import PARSER_VERSION, SCHEMA_VERSION
    from raingan import __version__

    run = raingan("--version")
    assert run.returncode == 0, run.stderr
    assert run.stdout == (
        f"raingan {__version__} (parser {PARSER_VERSION}, rules {RULES_VERSION}, "
        f"schema {SCHEMA_VERSION})\n"
    )


def test_version_loads_neither_prefect_nor_the_database_layer():
    probe = (
        "import sys\nfrom raingan.cli import app\n"
        "try:\n    app(['--version'])\nexcept SystemExit:\n    pass\n"
        "print([m for m in ('prefect', 'models', 'sqlalchemy', 'dask') if m in sys.modules])"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert run.stdout.splitlines()[-1] == "[]", run.stderr


def test_schema_prints_the_packaged_schema_which_is_a_valid_json_schema():
    run = raingan("schema")
    assert run.returncode == 0, run.stderr
    packaged = files("raingan.contract").joinpath("report.schema.json")
    assert run.stdout == packaged.read_text(encoding="utf-8")
    schema = json.loads(run.stdout)
    validator_for(schema).check_schema(schema)


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_every_command_shows_what_its_help_says_and_an_example(path):
    shown = as_shown(help_of(*path))
    command = command_at(path)
    written = [*inspect.cleandoc(command.help or "").split("\n\n")]
    written += [param.help for param in command.params if getattr(param, "help", None)]
    assert written, "a command without help"
    for text in written:
        assert as_shown(text) in shown
    assert "<bool>" not in shown
    assert "Example" in shown and f"raingan {' '.join(path)}" in shown


def test_brackets_in_help_are_text_not_markup():
    assert "Worker processes of the local cluster [cores]." in as_shown(help_of("backfill"))
    assert "Refuse files with more pages [500]." in as_shown(help_of("parse"))


@pytest.mark.parametrize("group", [(), ("db",)], ids=["raingan", "db"])
def test_groups_show_no_bool_type(group):
    assert "<bool>" not in help_of(*group)


def test_shell_completion_can_be_installed_and_completes_commands():
    shown = help_of()
    assert "--install-completion" in shown and "--show-completion" in shown
    completing = {
        "_RAINGAN_COMPLETE": "complete_bash",
        "COMP_WORDS": "raingan db u",
        "COMP_CWORD": "2",
    }
    result = CliRunner().invoke(app, [], env=completing, prog_name="raingan")
    assert result.output.split() == ["upgrade"]


# Commands registered by name ----------------------------------------------------------------


def command_modules_loaded_by(*arguments: str) -> set[str]:
    """The `raingan.cli` command modules a fresh interpreter has loaded after `raingan
    ARGUMENTS` (whatever the command printed, the modules are the last line on stderr)."""
    from raingan.cli.app import COMMANDS

    probe = (
        "import json, sys\nfrom raingan.cli import app\n"
        f"try:\n    app({list(arguments)!r})\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    loaded = set(json.loads(run.stderr.splitlines()[-1]))
    return loaded & {registered.module for registered in COMMANDS}


def test_a_command_loads_its_own_module_and_no_other():
    assert command_modules_loaded_by("schema") == {"raingan.cli.reading"}
    assert command_modules_loaded_by("--version") == set()


def test_the_help_lists_every_registered_command_in_order():
    from raingan.cli.app import COMMANDS

    shown = help_of()
    positions = [shown.find(f"│ {registered.name} ") for registered in COMMANDS]
    assert -1 not in positions, [
        r.name for r, at in zip(COMMANDS, positions, strict=True) if at == -1
    ]
    assert positions == sorted(positions)


def test_a_mistyped_command_is_told_what_it_may_have_meant():
    result = CliRunner().invoke(app, ["findngs"], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert "No such command 'findngs'. Did you mean 'findings'" in result.output


def test_the_import_contract_names_every_command_module_as_independent():
    import tomllib
    from pathlib import Path

    from raingan.cli.app import COMMANDS

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    contracts = tomllib.loads(pyproject.read_text())["tool"]["importlinter"]["contracts"]
    [independent] = [contract for contract in contracts if contract["type"] == "independence"]
    assert sorted(independent["modules"]) == sorted({r.module for r in COMMANDS})
