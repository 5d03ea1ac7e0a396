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
# A word's first letter under THANTHAKHAT (a silent letter ends a syllable, never starts a
# word): ณ์ฐวุฒิ is ณัฐวุฒิ misread. A person's title may be run into the name.
SILENT_FIRST_LETTER = re.compile(r"(?:^|\s)(?:นางสาว|นาย|นาง)?[ก-ฮ]\u0e4c")


def names_and_places(organization: str | None) -> list[str]:
    """The organisation's name as printed and its place (the name without its kind's prefix:
    the mayor's title names the place, not the municipality)."""
    if not organization:
        return []
    name, kind = compact(organization), org_kind_of(organization)
    place = name.removeprefix(kind.prefix) if kind else name
    return [text for text in dict.fromkeys((name, place)) if len(text) >= MIN_NAME_LENGTH]


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
    """Each number of a phone field has as many digits as a Thai number can."""
    parts = [part for part in PHONE_PARTS.split(phone) if part]
    return bool(parts) and all(sum(ch.isdigit() for ch in part) in PHONE_DIGITS for part in parts)


def forget_misshapen_phone(memo: Memo, page: int, warnings: WarningLog) -> None:
    """Null a phone number with digits no Thai number has (a digit lost: 0-725-1311)."""
    phone = memo.get("phone")
    if phone is not None and not phone_fits(phone):
        warnings.add(page, "ocr", f"memo.phone: '{phone}' has digits no telephone number has")
        memo["phone"] = None


def forget_misspelt_names(memo: Memo) -> None:
    """Null a signatory's name spelt as no name is (SILENT_FIRST_LETTER), or misread as the
    known names show (person_names.misread_names); parsers.sections.doubt.
    forget_unread_signatories then warns of it."""
    for signatory in memo.get("signatories") or []:
        name = signatory.get("name")
        if name is not None and (SILENT_FIRST_LETTER.search(name) or misread_names(name)):
            signatory["name"] = None
