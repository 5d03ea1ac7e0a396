"""Naming a table's columns from its header labels, whatever the wrapping or widths.

Keys are matched left to right in the order the report prints them: each column takes the
next key one of whose words its label contains. Order resolves labels that alone are
ambiguous (two columns both headed ตามแผน, the first for projects, the second for budget).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def assign_in_order(labels: Sequence[str], keys: Mapping[str, tuple[str, ...]]) -> dict[str, int]:
    """Column index of each key found; labels and words are compact (no white space)."""
    ordered = list(keys.items())
    found: dict[str, int] = {}
    position = 0
    for column, label in enumerate(labels):
        for offset, (key, words) in enumerate(ordered[position:]):
            if any(word in label for word in words):
                found[key] = column
                position += offset + 1
                break
    return found


def assign_by_words(labels: Sequence[str], keys: Mapping[str, tuple[str, ...]]) -> dict[str, int]:
    """Column index of each key, each label matched against every key (first key wins)."""
    found: dict[str, int] = {}
    for column, label in enumerate(labels):
        for key, words in keys.items():
            if key not in found and any(word in label for word in words):
                found[key] = column
                break
    return found
