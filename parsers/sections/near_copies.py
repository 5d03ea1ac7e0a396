"""The memo read from its image, checked against what the report's text layer prints.

A report filed as usual has a scanned memo and printed report pages: the organisation's name
is printed in the text layer and appears again in the memo (its agency, the addressee's
title: นายกองค์การบริหารส่วนตำบลแม่ริม). A memo text read from the image that holds the name
a letter or two off (แมริม, a tone mark lost) is a misreading, never a second spelling the
report chose: it is null with an `ocr:` warning (contract 1.1), not corrected, and no
METADATA finding comes of it. So is one that holds a chief executive's or a clerk's title a
letter or two off (นายกเทศบนตรี: `vocabulary.HEAD_TITLES`). Also here: a phone number and a
name no printed form allows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from checks.document import Memo, MemoField
from parsers.language.person_names import misread_names
from parsers.language.vocabulary import compact, org_kind_of
from parsers.sections.parse_warnings import WarningLog

# "A letter or two": edits between a printed name and the nearest stretch of a memo text.
MAX_EDITS = 2
# Shorter names are too near too many stretches of text to say anything.
MIN_NAME_LENGTH = 4
# The memo's texts that may name the organisation.
NAMING_TEXTS: tuple[MemoField, ...] = ("agency", "addressee", "subject")
# Digits a Thai telephone number has: a landline (0-4381-1247), a mobile, or an extension.
PHONE_DIGITS = frozenset({1, 2, 3, 4, 5, 9, 10})
PHONE_PARTS = re.compile(r"\s*[,/]\s*")
# How a Thai number's digits are grouped when printed with separators: a landline
# (0-4381-1247, 02-123-4567, 043-811247, 043-811-247), a mobile (081-234-5678, 08-1234-5678,
# 081-2345678). A range of lines may follow (0-4381-1247-8). A number grouped otherwise lost a
# separator read from an image (07544-1013 for 0-7544-1013), or a digit moved.
PHONE_GROUPINGS = frozenset(
    {(1, 4, 4), (2, 3, 4), (2, 7), (3, 6), (3, 3, 3), (3, 3, 4), (2, 4, 4), (3, 7)}
)
PHONE_RANGE_DIGITS = frozenset({1, 2})
PHONE_GROUPS = re.compile(r"[\s.-]+")


def names_and_places(organization: str | None, district: str | None = None) -> list[str]:
    """The organisation's name as printed and its place (the name without its kind's prefix:
    the mayor's title names the place, not the municipality), and the district's name."""
    names = []
    if organization:
        name, kind = compact(organization), org_kind_of(organization)
        names += [name, name.removeprefix(kind.prefix) if kind else name]
    names += [compact(district)] if district else []
    return [text for text in dict.fromkeys(names) if len(text) >= MIN_NAME_LENGTH]


def near_copy(name: str, text: str) -> str | None:
    """The stretch of `text` that is `name` a letter or two off, or None (absent, or exact)."""
    if name in text or len(text) < MIN_NAME_LENGTH:
        return None
    # Here, not above: only text read from images is compared, and a parse of a text layer
    # need not load rapidfuzz.
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.fuzz import partial_ratio_alignment

    aligned = partial_ratio_alignment(name, text)
    if aligned is None:
        return None
    stretch = text[aligned.dest_start : aligned.dest_end]
    edits = Levenshtein.distance(name, stretch, score_cutoff=MAX_EDITS + 1)
    return stretch if 0 < edits <= MAX_EDITS and edits < len(name) // 3 else None


def forget_near_copies(
    memo: Memo,
    printed: Iterable[str],
    page: int,
    warnings: WarningLog,
    named: str = "the report names",
) -> None:
    """Null each memo text read from the image that holds a printed name (or a title,
    `named` then says so) a letter or two off."""
    names = list(printed)
    for key in NAMING_TEXTS:
        text = compact(str(memo.get(key) or ""))
        for name in names:
            stretch = near_copy(name, text)
            if stretch is not None:
                warnings.add(
                    page,
                    "ocr",
                    f"memo.{key}: '{stretch}' read with low confidence: {named} '{name}'",
                )
                memo[key] = None
                break


def phone_fits(phone: str) -> bool:
    return misshapen_phone(phone) is None


def misshapen_phone(phone: str) -> str | None:
    """Why a phone field is no Thai number as printed: a number with more or fewer digits
    than one has, or grouped as none is printed; None where each number fits."""
    parts = [part for part in PHONE_PARTS.split(phone) if part]
    if not parts or any(sum(ch.isdigit() for ch in part) not in PHONE_DIGITS for part in parts):
        return "has digits no telephone number has"
    if not all(grouped_as_printed(part) for part in parts):
        return "is grouped as no telephone number is printed"
    return None


def grouped_as_printed(number: str) -> bool:
    """An unbroken number, or one grouped as Thai telephone numbers are printed."""
    groups = tuple(len(group) for group in PHONE_GROUPS.split(number.strip()) if group)
    if len(groups) <= 1:
        return True
    if groups in PHONE_GROUPINGS:
        return True
    return groups[:-1] in PHONE_GROUPINGS and groups[-1] in PHONE_RANGE_DIGITS


def forget_misshapen_phone(memo: Memo, page: int, warnings: WarningLog) -> None:
    """Null a phone number with digits no Thai number has (a digit lost: 0-725-1311), or
    grouped as none is printed (a separator lost: 07544-1013)."""
    phone = memo.get("phone")
    why = misshapen_phone(phone) if phone is not None else None
    if why is not None:
        warnings.add(page, "ocr", f"memo.phone: '{phone}' {why}")
        memo["phone"] = None


def forget_misspelt_names(memo: Memo) -> None:
    """Null a signatory's name misread as the known names show, or spelt as no name is
    (person_names.misread_names); parsers.sections.doubt.
    forget_unread_signatories then warns of it."""
    for signatory in memo.get("signatories") or []:
        name = signatory.get("name")
        if name is not None and misread_names(name):
            signatory["name"] = None
