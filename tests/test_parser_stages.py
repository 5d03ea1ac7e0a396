"""`parsers/` is grouped by stage (issue 22 §4): the package's own modules at the top, every
other module in one stage, each stage a light subpackage that says what it is, and the stages'
import contract naming them all, so that a new stage cannot escape the contract."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARSERS = ROOT / "parsers"
# The whole parse and the package's own: everything else belongs to a stage.
PACKAGE_MODULES = {"report", "page_warnings", "versions", "lazy_members"}
STAGES = {"sections", "text_layer", "ocr", "layout", "safety", "language"}


def stages() -> set[str]:
    return {init.parent.name for init in PARSERS.glob("*/__init__.py")}


def test_the_top_level_holds_the_package_and_its_stages_only() -> None:
    flat = {path.stem for path in PARSERS.glob("*.py")} - {"__init__"}
    assert flat == PACKAGE_MODULES, f"modules outside a stage: {sorted(flat - PACKAGE_MODULES)}"
    assert stages() == STAGES
    assert not [init for init in PARSERS.glob("*/*/__init__.py")], "stages are one level deep"


def test_each_stage_says_what_it_is_and_loads_nothing() -> None:
    for stage in sorted(STAGES):
        tree = ast.parse((PARSERS / stage / "__init__.py").read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"parsers/{stage}/__init__.py says nothing of its stage"
        imports = [
            node
            for node in tree.body
            if isinstance(node, ast.Import | ast.ImportFrom)
            and not (isinstance(node, ast.ImportFrom) and node.module == "__future__")
        ]
        assert not imports, f"parsers/{stage}/__init__.py imports at load"


def test_no_module_is_named_as_the_standard_library_names_one() -> None:
    names = {path.stem for path in PARSERS.rglob("*.py")} | stages()
    assert not names & sys.stdlib_module_names, sorted(names & sys.stdlib_module_names)


def test_the_stage_contract_places_every_stage() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found = [
        contract
        for contract in config["tool"]["importlinter"]["contracts"]
        if contract.get("containers") == ["parsers"]
    ]
    assert len(found) == 1, "pyproject.toml has not one import-linter contract inside parsers"
    [contract] = found
    named = {name.strip() for layer in contract["layers"] for name in re.split("[|:]", layer)}
    assert named == stages() | (PACKAGE_MODULES - {"versions", "lazy_members"})
