"""The parser's working copy of the document made the typed contract document
(`checks.document.ReportDocument`), once, when it is whole; and so is a document rebuilt
from the database's rows (`models.read`).

The sections are read into plain dicts by the names of their fields (the vocabulary's
columns, the memo's labels), and what was read doubtfully is nulled by name
(`parsers.sections.doubt`): neither can name a `TypedDict`'s keys literally. So every value
is checked here against the kind its `TypedDict` declares (walking the types, so that the
kinds are declared once, in `checks.document`), the one place where the loose copy becomes
the typed one. A value of another kind is the parser's bug: it raises, never passes as
another kind. Each record is rebuilt in the contract's key order, so that the document
prints the same bytes whatever order it was filled in.
"""

from __future__ import annotations

import types
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Union, cast, get_args, get_origin, get_type_hints, is_typeddict

from checks.document import BudgetRow, DimensionRow, DisbursementRow, Finding, ReportDocument

Fields = Mapping[str, object]
# A summary table's row leads with its dimension, then its figures in the total row's order
# (its type extends the total's, so its own key is declared last).
TABLE_ROWS = (DimensionRow, BudgetRow, DisbursementRow)


class NotOfItsKind(TypeError):
    """A field of the working copy holds a value of another kind than the contract's."""


def fields(value: object, where: str) -> Fields:
    if not isinstance(value, dict):
        raise NotOfItsKind(f"{where}: an object expected, not {value!r}")
    return value


def items(value: object, where: str) -> Sequence[object]:
    if not isinstance(value, list):
        raise NotOfItsKind(f"{where}: a list expected, not {value!r}")
    return value


@cache
def kinds_of(kind: type) -> dict[str, object]:
    """A TypedDict's keys and the kind each holds (read once per type: a list has hundreds)."""
    return get_type_hints(kind)


@cache
def key_order(kind: type) -> list[str]:
    """The record's keys in the contract's order."""
    keys = list(kinds_of(kind))
    if kind in TABLE_ROWS:
        keys.remove("dimension")
        return ["dimension", *keys]
    return keys


def typed_record(value: object, kind: type, where: str) -> dict[str, object]:
    read = fields(value, where)
    hints = kinds_of(kind)
    missing = kind.__required_keys__ - read.keys()  # type: ignore[attr-defined]
    unknown = read.keys() - hints.keys()
    if missing or unknown:
        raise NotOfItsKind(f"{where}: keys {sorted(missing)} missing, {sorted(unknown)} unknown")
    return {
        key: typed_value(read[key], hints[key], f"{where}.{key}")
        for key in key_order(kind)
        if key in read
    }


def scalar_fits(value: object, kind: object) -> bool:
    """A number or text of the kind declared; an int is a float too (as printed: 490000)."""
    if isinstance(value, bool):
        return False
    if kind is float:
        return isinstance(value, int | float)
    return kind in (int, str) and isinstance(value, cast(type, kind))


def typed_value(value: object, kind: object, where: str) -> object:
    union = get_origin(kind) in (Union, types.UnionType)
    options = get_args(kind) if union else (kind,)
    if value is None:
        if type(None) in options:
            return None
        raise NotOfItsKind(f"{where}: never null")
    for option in options:
        if is_typeddict(option):
            return typed_record(value, cast(type, option), where)
        if get_origin(option) is list:
            (item_kind,) = get_args(option)
            listed = items(value, where)
            return [typed_value(item, item_kind, f"{where}[{i}]") for i, item in enumerate(listed)]
        if scalar_fits(value, option):
            return value
    raise NotOfItsKind(f"{where}: {value!r} is not {kind}")


def typed_document(draft: Fields) -> ReportDocument:
    """The working copy, whole, as the contract's document, in the contract's key order (the
    walk's result is what ReportDocument declares: checked key by key above)."""
    return cast(ReportDocument, typed_record(draft, ReportDocument, "document"))


def finding(value: object) -> Finding:
    """A finding read back from the database, as the parser's are typed."""
    return cast(Finding, typed_record(value, Finding, "finding"))
