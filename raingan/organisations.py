"""Kinds of Thai local administrative organisation, declared once.

Used to expand the abbreviations memos use (อบจ., ทต. …) and to classify an
organisation by its name. Longer prefixes come first so that
"เทศบาลตำบล" is not mistaken for a bare "เทศบาล".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OrgType:
    label: str  # the short label auditors group by
    prefix: str  # how a full name starts
    abbreviations: tuple[str, ...]


ORG_TYPES: tuple[OrgType, ...] = (
    OrgType("อบจ.", "องค์การบริหารส่วนจังหวัด", ("อบจ.",)),
    OrgType("อบต.", "องค์การบริหารส่วนตำบล", ("อบต.",)),
    OrgType("เทศบาลนคร", "เทศบาลนคร", ("ทน.",)),
    OrgType("เทศบาลเมือง", "เทศบาลเมือง", ("ทม.",)),
    OrgType("เทศบาลตำบล", "เทศบาลตำบล", ("ทต.",)),
    OrgType("กรุงเทพมหานคร", "กรุงเทพมหานคร", ("กทม.",)),
    OrgType("เมืองพัทยา", "เมืองพัทยา", ()),
)


def org_type_of(name: str | None) -> str | None:
    """The label of the kind of organisation a full name denotes, if any."""
    if not name:
        return None
    compact = "".join(name.split())
    for org_type in ORG_TYPES:
        if compact.startswith(org_type.prefix):
            return org_type.label
    return None


def expand_abbreviations(text: str) -> str:
    """Replace อบจ./อบต./ทต./ทม./ทน. with the full words they stand for."""
    for org_type in ORG_TYPES:
        for abbreviation in org_type.abbreviations:
            text = text.replace(abbreviation, org_type.prefix)
    return text
