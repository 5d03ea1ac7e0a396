"""A finding's stable identity: the same finding of the same file keeps its id across
`raingan reparse`, `raingan audit` and new rules versions, so reviews stay attached to it.

The id is derived from the file's content hash and the finding's key (rule, field, dimension,
seq), plus an occurrence number where one report has two findings with the same key (two
SEQUENCE breaks at one seq, two `memo.subject` findings): never from a row number.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from enum import StrEnum

from checks.document import Finding

ID_LENGTH = 16  # hex digits: 64 bits, unique enough within any archive


def finding_key(finding: Finding) -> tuple[str, str, int | None, int | None]:
    return (finding["rule"], finding["field"], finding["dimension"], finding["seq"])


def finding_ids(sha256: str, findings: Iterable[Finding]) -> list[str]:
    """One id per finding, in the order given (the contract's order)."""
    seen: Counter[tuple[str, str, int | None, int | None]] = Counter()
    ids = []
    for finding in findings:
        key = finding_key(finding)
        occurrence = seen[key]
        seen[key] += 1
        ids.append(finding_id(sha256, key, occurrence))
    return ids


def finding_id(
    sha256: str, key: tuple[str, str, int | None, int | None], occurrence: int = 0
) -> str:
    rule, field, dimension, seq = key
    text = f"{sha256}|{rule}|{field}|{dimension}|{seq}|{occurrence}"
    return hashlib.sha256(text.encode()).hexdigest()[:ID_LENGTH]


class ReviewStatus(StrEnum):
    """An auditor's verdict on a finding, recorded against its id (`raingan review`)."""

    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    EXPLAINED = "explained"


NOT_REVIEWED = "open"  # the status of a finding nobody has reviewed
