"""Options of a plain type read without pydantic.

typer (0.29) reads every value that is not a flag's through a pydantic `TypeAdapter`, built when
the parameter is first processed, even an option left out; a `parser=` is wrapped in one too, so
its public API has no way around it. Importing pydantic for that is about 0.15 s of CPU, a
seventh of a whole `raingan parse` of the reference report. A parameter of a plain type (a
whole number, a number, a text, a truth value, a path) is read here as the adapter reads it,
with typer's own checks of a path (exists, a file, readable …) and pydantic's words for a bad
value; any other (a choice, a date, a list, bounds) keeps typer's.
`tests/test_parse_loads_little.py` holds the two readings equal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typer import BadParameter

try:  # typer 0.29's own checks of a path (exists, a file …), which need no pydantic
    from typer._param_types import coerce_cli_path
except ImportError:  # another typer: it reads a path itself
    coerce_cli_path = None  # type: ignore[assignment]

# pydantic's lax reading of a text as a whole number: digits, `_` between them, and a
# fraction of zeros ("2.0"); a number of any kind is what `float` reads, in ASCII digits only.
WHOLE_NUMBER = re.compile(r"[+-]?\d(?:_?\d)*(?:\.0+)?")
NOT_A_WHOLE_NUMBER = "Input should be a valid integer, unable to parse string as an integer"
NOT_A_NUMBER = "Input should be a valid number, unable to parse string as a number"
NOT_A_TRUTH = "Input should be a valid boolean, unable to interpret input"
# The words pydantic reads as a truth value (in any case; an empty text is false, as typer has it).
TRUTH = {
    **dict.fromkeys(("1", "on", "t", "true", "y", "yes"), True),
    **dict.fromkeys(("", "0", "off", "f", "false", "n", "no"), False),
}


def whole_number(text: str) -> int:
    stripped = text.strip()
    if not stripped.isascii() or not WHOLE_NUMBER.fullmatch(stripped):
        raise ValueError(NOT_A_WHOLE_NUMBER)
    return int(stripped.partition(".")[0])


def number(text: str) -> float:
    if not text.isascii():
        raise ValueError(NOT_A_NUMBER)
    try:
        return float(text)
    except ValueError:
        raise ValueError(NOT_A_NUMBER) from None


def truth(text: str) -> bool:
    try:
        return TRUTH[text.strip().lower()]
    except KeyError:
        raise ValueError(NOT_A_TRUTH) from None


# Each plain type and how a text given for it is read (a path apart: typer checks it).
READ_AS: dict[type, Any] = {int: whole_number, float: number, str: str, bool: truth}


@dataclass(frozen=True)
class PlainRuntimeParam:
    """A parameter's coercion as typer 0.29 asks it of its `RuntimeParam` (`coerce`), for one
    value of a plain type: a value left out stays None."""

    parameter_info: Any
    annotation: Any  # a type of READ_AS or a Path

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None:
            return None
        if is_path(self.annotation):  # given as a path, typer checks it without pydantic
            given = value if isinstance(value, self.annotation) else self.annotation(value)
            return coerce_cli_path(
                given, self.parameter_info, path_type=self.annotation, param=param, ctx=ctx
            )
        if not isinstance(value, str):  # a default, given as a value
            return self.annotation(value)
        try:
            return READ_AS[self.annotation](value)
        except ValueError as error:
            raise BadParameter(str(error), ctx=ctx, param=param) from None


def is_path(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, Path)


def is_plain(param: Any) -> bool:
    """One value of a plain type, nothing asked of it that typer's adapter does beyond reading."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or getattr(param, "multiple", True) or getattr(param, "nargs", 0) != 1:
        return False
    annotation, info = descriptor.annotation, descriptor.parameter_info
    path = is_path(annotation) and info.path_type is None and coerce_cli_path is not None
    plain = annotation in READ_AS or path
    return plain and info.parser is None and info.min is None and info.max is None


def read_plainly(params: list[Any]) -> list[Any]:
    """`params`, each plain one read without pydantic. Set where typer 0.29 keeps a parameter's
    coercion until it builds it on first use (`_runtime_param`, None until then): another typer
    has no such attribute, or no `type_descriptor`, and reads every value itself, unharmed."""
    for param in params:
        if getattr(param, "_runtime_param", False) is None and is_plain(param):
            descriptor = param.type_descriptor
            param._runtime_param = PlainRuntimeParam(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
            )
    return params
