"""Help that reads well: text rendered as written (Markdown, so `[cores]` is no markup tag),
flags without a `<bool>` type, and an example under every command."""

from __future__ import annotations

from typing import Any, Literal

from typer.core import TyperCommand, TyperGroup, TyperOption

from raingan.cli.plain_options import read_plainly

MARKUP: Literal["markdown"] = "markdown"


def shown_and_read(params: list[Any]) -> list[Any]:
    return read_plainly(without_flag_types(params))


def without_flag_types(params: list[Any]) -> list[Any]:
    """A flag takes no value, but typer shows its type (`<bool>`): show none."""
    for param in params:
        if isinstance(param, TyperOption) and param.is_flag:
            param.metavar = ""
    return params


class Command(TyperCommand):
    def get_params(self, ctx: Any) -> list[Any]:
        return shown_and_read(super().get_params(ctx))


class Group(TyperGroup):
    def get_params(self, ctx: Any) -> list[Any]:
        return shown_and_read(super().get_params(ctx))


def examples(*command_lines: str) -> str:
    """An epilog that shows `command_lines` as typed, one a paragraph (typer joins lines)."""
    title = "Example:" if len(command_lines) == 1 else "Examples:"
    return "\n\n".join([title, *(f"`{line}`" for line in command_lines)])
