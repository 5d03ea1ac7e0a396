"""Package members loaded when first asked for (PEP 562), as Prefect's `_public_api` does.

A package declares which of its submodules defines each public name; importing the package
then costs nothing, and a name's submodule is imported on first use. It lives in the core
because every layer may import the core (`parsers`, `models` and `raingan.pipeline` use it).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_members(
    package: str, public_api: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module `__getattr__` and `__dir__` of `package`, whose `public_api` maps each public
    name to the submodule (relative to the package) that defines it."""
    namespace = vars(sys.modules[package])

    def __getattr__(name: str) -> Any:
        submodule = public_api.get(name)
        if submodule is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{submodule}"), name)
        namespace[name] = value  # once loaded, an ordinary attribute
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(public_api))

    return __getattr__, __dir__
