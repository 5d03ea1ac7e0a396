"""The contract document's TypedDicts (`checks.document`) cannot drift from the JSON Schema:
walking both from the top, every object the schema declares has a TypedDict with exactly its
keys, and the keys the schema requires are the TypedDict's required keys. A key added to one
side only fails here."""

from __future__ import annotations

import inspect
import json
import types
import typing
from typing import Any, get_args, get_origin, get_type_hints, is_typeddict

import pytest

from checks import document
from checks.document import ReportDocument
from parsers.sections.typed_document import NotOfItsKind, typed_document
from raingan.contract import report_schema
from tests.contract import reference_document

Schema = dict[str, Any]


def resolve(node: Schema, schema: Schema) -> Schema:
    """`node` with its `$ref` followed (`#/$defs/…`) and a `oneOf` of an object or null read
    as the object."""
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].removeprefix("#/$defs/")]
    if "oneOf" in node:
        objects = [resolve(branch, schema) for branch in node["oneOf"]]
        node = next(branch for branch in objects if "object" in kinds(branch))
    return node


def kinds(node: Schema) -> list[str]:
    kind = node.get("type", [])
    return kind if isinstance(kind, list) else [kind]


def without_none(hint: Any) -> Any:
    """`X | None` → X (the schema says null with its `type`, checked by the contract tests)."""
    if get_origin(hint) in (typing.Union, types.UnionType):
        rest = [arg for arg in get_args(hint) if arg is not type(None)]
        return rest[0] if len(rest) == 1 else hint
    return hint


def schema_keys(node: Schema) -> set[str]:
    """An object's keys: those it describes and those it requires (some objects only list
    their required keys, and a finding requires `reported`/`expected` without describing
    them)."""
    return set(node.get("properties", {})) | set(node.get("required", []))


def typed_objects(
    typed: Any, node: Schema, schema: Schema, where: str
) -> list[tuple[str, Any, Schema]]:
    """Every (place, TypedDict, schema object) pair under `typed` and `node`, depth first."""
    typed, node = without_none(typed), resolve(node, schema)
    if get_origin(typed) is list:
        assert "array" in kinds(node), f"{where}: a list in the types, not in the schema"
        return typed_objects(get_args(typed)[0], node["items"], schema, f"{where}[]")
    if not is_typeddict(typed):
        assert "object" not in kinds(node), f"{where}: an object in the schema, not a TypedDict"
        return []
    pairs = [(where, typed, node)]
    hints = get_type_hints(typed)
    for key, described in node.get("properties", {}).items():
        if key in hints:
            pairs += typed_objects(hints[key], described, schema, f"{where}.{key}")
    return pairs


SCHEMA = report_schema()
PAIRS = typed_objects(ReportDocument, SCHEMA, SCHEMA, "document")
# Each section's TypedDict and its schema object, by where it is in the document.
EACH_SECTION = pytest.mark.parametrize(
    ("typed", "node"), [(t, n) for _, t, n in PAIRS], ids=[place for place, _, _ in PAIRS]
)


@EACH_SECTION
def test_each_typed_section_has_the_schemas_keys(typed: Any, node: Schema):
    assert set(get_type_hints(typed)) == schema_keys(node)


@EACH_SECTION
def test_each_typed_section_requires_what_the_schema_requires(typed: Any, node: Schema):
    assert set(typed.__required_keys__) == set(node.get("required", []))
    assert set(typed.__optional_keys__) == schema_keys(node) - set(node.get("required", []))


def test_every_typed_dict_of_the_module_is_a_part_of_the_document():
    """A section type the walk never reaches is one the schema does not have."""
    declared = {
        value
        for _, value in inspect.getmembers(document, is_typeddict)
        if value.__module__ == document.__name__
    }
    reached = {typed for _, typed, _ in PAIRS}
    assert declared - reached == set(), "TypedDicts with no object of the schema"


def test_the_walk_reaches_every_object_of_the_schema():
    """Every place, from the document down to a memo's signatories and a project row: the
    walk itself cannot silently stop short."""
    places = {place for place, _, _ in PAIRS}
    assert {
        "document",
        "document.source",
        "document.memo",
        "document.memo.signatories[]",
        "document.report",
        "document.report.reporter",
        "document.dimensions[]",
        "document.dimensions_total",
        "document.plan_budget[]",
        "document.plan_budget_total",
        "document.ordinance_budget[]",
        "document.ordinance_budget_total",
        "document.disbursement[]",
        "document.disbursement_total",
        "document.status_summary",
        "document.projects[]",
        "document.narrative",
        "document.parse_warnings[]",
        "document.findings[]",
    } == places


def test_the_reference_document_is_typed_as_it_is_key_for_key():
    """The parser's working copy, and a document read back from the database, are typed by
    `typed_document`: the contract's reference document comes out the same, in the same key
    order (so `raingan parse --json` prints the same bytes)."""
    reference = reference_document()
    typed = typed_document(reference)
    assert json.dumps(typed, ensure_ascii=False) == json.dumps(reference, ensure_ascii=False)


@pytest.mark.parametrize(
    ("section", "key", "value"),
    [("status_summary", "completed", "19"), ("narrative", "level", 3), ("report", "reporter", [])],
)
def test_a_value_of_another_kind_is_the_parsers_bug(section: str, key: str, value: object):
    document = reference_document()
    document[section][key] = value
    with pytest.raises(NotOfItsKind):
        typed_document(document)


def test_the_memos_field_names_are_its_types_keys_but_the_signatories():
    """`MemoField` names the memo's fields by literal (the parser nulls them, `models` flattens
    them into columns by these names): exactly the `Memo` keys that hold one text each."""
    hints = get_type_hints(document.Memo)
    assert set(document.MEMO_KEYS) == set(hints) - {"signatories"}
    assert {key: hints[key] for key in document.MEMO_KEYS} == dict.fromkeys(
        document.MEMO_KEYS, str | None
    )
