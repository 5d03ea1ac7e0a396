"""Values held to their declared types at run time: the rows raingan reads out of a database
(its TypedDicts), checked against the data they are cast from."""

from __future__ import annotations

import types
import typing
from datetime import date, datetime
from typing import Any


def conforms(value: object, hint: Any) -> bool:
    """Is `value` of the type `hint` (classes, unions, None, list[X])? An int is a float, a
    bool neither; a datetime is no date; text, a bool and a datetime are exactly that."""
    if hint is None or hint is type(None):
        return value is None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(conforms(value, arm) for arm in typing.get_args(hint))
    if origin is list:
        (item,) = typing.get_args(hint)
        return isinstance(value, list) and all(conforms(each, item) for each in value)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is date:
        return isinstance(value, date) and not isinstance(value, datetime)
    if hint in (datetime, str, bool):
        return type(value) is hint
    return isinstance(value, hint)


def wrong_values(row: typing.Mapping[str, object], row_type: type) -> dict[str, object]:
    """The row's values that are not of their declared types."""
    hints = typing.get_type_hints(row_type)
    return {key: row[key] for key, hint in hints.items() if not conforms(row[key], hint)}
