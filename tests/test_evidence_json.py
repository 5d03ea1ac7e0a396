"""The evidence's JSON form is what `checks.evidence.EvidenceJson` says: the evidence stored
beside each sample (`sample_reports/*.evidence.json`, what the generator wrote) and the
evidence the parser gives a real report, written by `Evidence.to_dict`, have only its keys,
each value of its declared type. `models` stores and reads the evidence by this type."""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path
from typing import Any

import pytest

from checks.evidence import Evidence, EvidenceJson
from parsers import parse_report
from tests.contract import SAMPLES_DIR

STORED = sorted(SAMPLES_DIR.glob("*.evidence.json"))


def conforms(value: object, hint: Any) -> bool:
    """Is `value` of the type `hint` (JSON's kinds: unions, lists, dicts, numbers, text)?"""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is type(None):
        return value is None
    if origin in (typing.Union, types.UnionType):
        return any(conforms(value, arm) for arm in args)
    if origin is list:
        return isinstance(value, list) and all(conforms(item, args[0]) for item in value)
    if origin is dict:
        return isinstance(value, dict) and all(
            conforms(key, args[0]) and conforms(item, args[1]) for key, item in value.items()
        )
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return type(value) is hint


def wrong_entries(data: dict[str, object]) -> dict[str, object]:
    hints = typing.get_type_hints(EvidenceJson)
    return {key: value for key, value in data.items() if not conforms(value, hints.get(key))}


def test_the_check_itself_can_fail():
    assert wrong_entries({"checkbox_marks": {"3": "2"}, "other": 1}) == {
        "checkbox_marks": {"3": "2"},
        "other": 1,
    }


@pytest.mark.parametrize("path", STORED, ids=[path.name for path in STORED])
def test_each_samples_stored_evidence_is_of_its_type(path: Path):
    assert wrong_entries(json.loads(path.read_text(encoding="utf-8"))) == {}


def test_the_parsers_evidence_as_json_is_of_its_type():
    pdf = SAMPLES_DIR / "reference-chromium.pdf"
    evidence = parse_report(pdf.read_bytes(), filename=pdf.name).evidence
    data = evidence.to_dict()
    assert {"section_pages", "checkbox_marks", "project_list_complete", "boxes"} <= set(data)
    assert wrong_entries(dict(data)) == {}
    assert Evidence.from_dict(data) == evidence
