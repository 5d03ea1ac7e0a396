"""Comparing contract documents as the contract says people compare them.

Thai text ignores white space; finding messages are free text; parse warnings are compared
by page only. What remains must be equal field for field.
"""

from __future__ import annotations

from typing import Any


def comparable(value: Any, *, drop_pages: bool = False) -> Any:
    if isinstance(value, str):
        return "".join(value.split())
    if isinstance(value, list):
        return [comparable(item, drop_pages=drop_pages) for item in value]
    if isinstance(value, dict):
        return {
            key: comparable(item, drop_pages=drop_pages)
            for key, item in value.items()
            if key != "message" and not (drop_pages and key in ("page", "pages"))
        }
    return value


def comparable_document(doc: dict[str, Any], *, layout: bool = True) -> dict[str, Any]:
    """The document as tests compare it; without `layout`, no source, pages or warnings."""
    doc = dict(doc)
    doc["parse_warnings"] = sorted(
        (w["page"] is None, w["page"] or 0) for w in doc.get("parse_warnings", [])
    )
    if not layout:
        doc.pop("source", None)
        doc.pop("parse_warnings", None)
    return comparable(doc, drop_pages=not layout)


def differences(actual: Any, expected: Any, path: str = "") -> list[str]:
    """Where two comparable documents differ, as readable paths (for assertion messages)."""
    if isinstance(actual, dict) and isinstance(expected, dict):
        found = []
        for key in sorted(set(actual) | set(expected)):
            found += differences(actual.get(key), expected.get(key), f"{path}.{key}")
        return found
    if isinstance(actual, list) and isinstance(expected, list):
        if len(actual) != len(expected):
            return [f"{path}: {len(actual)} items, expected {len(expected)}"]
        found = []
        for index, (a, e) in enumerate(zip(actual, expected, strict=True)):
            found += differences(a, e, f"{path}[{index}]")
        return found
    return [] if actual == expected else [f"{path}: {actual!r} != {expected!r}"]
