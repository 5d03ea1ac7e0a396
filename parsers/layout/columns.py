"""Naming a table's columns from its header labels, whatever the wrapping or widths.

Keys are matched left to right in the order the report prints them: each column takes the
next key one of whose words its label contains. Order resolves labels that alone are
ambiguous (two columns both headed ตามแผน, the first for projects, the second for budget).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import permutations

from parsers.language.vocabulary_match import (
    SHORTEST_NEAR_SKELETON,
    closest_occurrence,
    one_edit_apart,
    skeleton,
)


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


# Read from an image, a narrow column's label wrapped over many lines may lose or confuse a
# letter in every piece (อยู่ / ระหว่า / ง read อย / ผู, / ระหวา / ง): no word is found in it.
# Columns printed under one group label (สถานะ) whose other columns were named take the keys
# left where each label is clearly nearest its key, letters compared without their marks.
THAI_LETTER = re.compile("[\u0e01-\u0e4e]")
NEAREST_SHARE = 0.5  # at most this share of a key word's letters misread, left out or added
NEAREST_MARGIN = 0.25  # the assignment taken beats any other by this, per column, on average


def assign_nearest(
    labels: Mapping[int, str], keys: Mapping[str, tuple[str, ...]]
) -> dict[str, int]:
    """Column index of each key, where the columns left (`labels`) are no more than the keys
    left and one assignment of keys to them is clearly nearest; otherwise none."""
    names = list(keys)
    if not names or not labels:
        return {}
    distance = {
        (column, name): min(word_distance(word, labels[column]) for word in keys[name])
        for column in labels
        for name in names
    }
    # A label near no key (a blank, a speck) is no column of these keys: it stays unnamed.
    columns = [c for c in labels if min(distance[c, name] for name in names) <= NEAREST_SHARE]
    if not columns or len(columns) > len(names):
        return {}
    # The assignments in which every label is near its key, nearest first.
    costs = []
    for order in permutations(names, len(columns)):
        near = [distance[pair] for pair in zip(columns, order, strict=True)]
        if max(near) <= NEAREST_SHARE:
            costs.append((sum(near), order))
    costs.sort()
    if not costs or (len(costs) > 1 and costs[1][0] - costs[0][0] < NEAREST_MARGIN * len(columns)):
        return {}
    order = costs[0][1]
    return {name: column for column, name in zip(columns, order, strict=True)}


def word_distance(word: str, label: str) -> float:
    """The share of the word's letters (without marks) to change for the label to hold it. A
    short word (มิติ: two letters) is compared with the whole label, not found inside it."""
    letters, read = skeleton(word)[0], skeleton(label)[0]
    if len(letters) < SHORTEST_NEAR_SKELETON:
        read = "".join(THAI_LETTER.findall(read))  # specks read as "=" or "|" are no letters
        return 0.0 if letters == read else NEAREST_SHARE if one_edit_apart(letters, read) else 1.0
    return closest_occurrence(letters, read)[0] / len(letters)


def named_nearest(
    labels: Sequence[str],
    found: Mapping[str, int],
    keys: Mapping[str, tuple[str, ...]],
    among: Iterable[int] | None = None,
) -> dict[str, int]:
    """The keys not `found`, each given the unnamed column (of `among`, or any) whose label,
    read from an image, is clearly nearest it (assign_nearest)."""
    named = set(found.values())
    columns = range(len(labels)) if among is None else among
    left = {column: labels[column] for column in columns if column not in named}
    missing = {key: words for key, words in keys.items() if key not in found}
    return assign_nearest(left, missing)
