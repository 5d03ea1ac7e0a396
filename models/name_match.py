"""Organisation names read from images, matched when a report is loaded (issue 19).

OCR may misread a letter of a name ("…กาฬสินธ์" for "…กาฬสินธุ์"), and a misread name would
make a second organisation, with its own current reports and findings. So a name read from a
page's image is compared with the names raingan holds: those of organisations named by a
report read from a text layer, and the registry's (`raingan organisations import`). Within a
letter or two (name and province together, abbreviations expanded, white space ignored; the
name alone when no province was read) of exactly one of them, it is taken as that name, with
an `ocr:` warning; otherwise it is kept as read, with a warning. The report keeps the name as
read beside the name taken.

A field read too doubtfully to be given is null in the document (parsers.sections.doubt), and its
reading is in the document's warnings (parsers.sections.forgotten_readings). A province or district
so read is compared as it was read (never stored). A name so read is matched the same way and
taken only as a known name; otherwise the report has no organisation, with a warning.

`raingan parse` never does this: a parse is a function of the PDF alone; matching depends on
what the database holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein
from sqlmodel import Session, col, exists, select

from checks.document import ParseWarning, ReportDocument
from checks.evidence import Evidence, EvidenceJson, figure_place, pages_read_from_images
from models.registry import district_key, name_key, province_key
from models.rows import OrganisationKey
from models.tables import Organisation, RegisteredOrganisation, Report, stored_id
from parsers.language.vocabulary import compact, expand_abbreviations, is_province
from parsers.sections.forgotten_readings import doubtful_reading

# "A letter or two": edits (a letter or mark added, dropped or changed) between a name read
# and a known one, name and province counted together.
MAX_EDITS = 2
ORGANIZATION_PLACE = figure_place("report", "organization")


@dataclass(frozen=True)
class KnownName:
    """A name raingan holds: an organisation a report read from a text layer names (its id),
    or a registry entry (no id until a report names it)."""

    name: str
    province: str | None
    district: str | None = None
    organisation_id: int | None = None

    @property
    def keys(self) -> tuple[str, str]:
        return name_key(self.name), province_key(self.province)

    @property
    def shown(self) -> str:
        """The name as a warning says it, with its province."""
        return f'"{self.name}"' + (f" ({self.province})" if self.province else "")

    @property
    def listed(self) -> str:
        """The name among others: with its district too (two of one province may share it)."""
        places = ", ".join(place for place in (self.district, self.province) if place)
        return f'"{self.name}"' + (f" ({places})" if places else "")

    @property
    def source(self) -> str:
        return "from a text layer" if self.organisation_id is not None else "in the registry"

    def organisation(self) -> OrganisationKey:
        """The organisation a report taken as this name belongs to: a registry entry's name in
        full (reports print อบต. as องค์การบริหารส่วนตำบล), places without their prefix."""
        if self.organisation_id is not None:
            return OrganisationKey(self.name, self.province, self.district)
        district = district_key(self.district) or None
        return OrganisationKey(
            expand_abbreviations(self.name), province_key(self.province), district
        )


@dataclass(frozen=True)
class NameReading:
    """How a report's organisation name was read, and the known name it was taken as."""

    read: OrganisationKey
    from_image: bool = False
    page: int | None = None  # where the name was read, when known
    matched: KnownName | None = None  # None: kept as read
    near: tuple[KnownName, ...] = field(default=())  # known names in reach, when not one
    exact: bool = False  # read exactly as a name raingan holds: nothing to say
    # Read too doubtfully to be given (null in the document): a known name, or no organisation.
    doubtful: bool = False

    def organisation(self) -> OrganisationKey | None:
        if self.matched is not None:
            return self.matched.organisation()
        return None if self.doubtful else self.read

    def warning(self) -> ParseWarning | None:
        """The `ocr:` warning the stored report gets; None for a name read as printed, or read
        exactly as a name raingan holds."""
        if not self.from_image or self.exact:
            return None
        how = " with low confidence" if self.doubtful else ""
        read = f"organisation name read from its image{how}, {self.shown_read}"
        not_taken = "no organisation given" if self.doubtful else "kept as read"
        if self.matched is not None:
            message = (
                f"{read}, taken as {self.matched.shown}, the one name {self.matched.source}"
                f" within {MAX_EDITS} letters of it"
            )
        elif self.near:
            names = ", ".join(known.listed for known in self.near)
            message = (
                f"{read}, {not_taken}: more than one name raingan holds is within"
                f" {MAX_EDITS} letters of it: {names}"
            )
        else:
            message = (
                f"{read}, {not_taken}: no name raingan holds is within {MAX_EDITS} letters of it"
            )
        return {"page": self.page, "message": f"ocr: {message}"}

    @property
    def shown_read(self) -> str:
        """The name as read; a doubtful one with the province it was compared in (the document
        has neither, or not both)."""
        shown = f'"{self.read.name}"'
        if self.doubtful and self.read.province:
            shown += f" ({self.read.province})"
        return shown


def name_pages(evidence: Evidence) -> set[int]:
    return {int(box[0]) for box in evidence.boxes_of(ORGANIZATION_PLACE)}


def name_read_from_image(document: ReportDocument, evidence: Evidence) -> bool:
    """Was the report's organisation name read from a page's image? The page it was read on
    says; where the evidence does not tell it, any page read from its image but the memo
    (the name is read from the report pages, never the memo)."""
    images = pages_read_from_images(document)
    if not images:
        return False
    pages = name_pages(evidence)
    if pages:
        return bool(pages & images)
    return bool(images - set(evidence.pages_of("memo")))


def edits(read: tuple[str, str], known: tuple[str, str]) -> int:
    """Edits between two (name, province) keys, counted up to one past MAX_EDITS; a province
    not read counts for nothing (the name alone decides)."""
    pairs = zip(read, known, strict=True) if read[1] else [(read[0], known[0])]
    total = 0
    for a, b in pairs:
        total += Levenshtein.distance(a, b, score_cutoff=MAX_EDITS)
        if total > MAX_EDITS:
            return MAX_EDITS + 1
    return total


def nearest(
    read: OrganisationKey, known: Iterable[KnownName]
) -> tuple[KnownName | None, tuple[KnownName, ...], bool]:
    """The known name a name read is taken as (None when there is none, or several), the
    names within reach (`representatives`), and whether it was read exactly so.

    Names compare by their keys; one organisation may be known twice (from a report and
    from the registry), and is one name then. Of several names in reach, the one read
    exactly (and only it) is the answer."""
    keys = (name_key(read.name), province_key(read.province))
    groups: dict[tuple[str, str], list[KnownName]] = {}
    distance: dict[tuple[str, str], int] = {}
    for name in known:
        edited = edits(keys, name.keys)
        if edited <= MAX_EDITS:
            groups.setdefault(name.keys, []).append(name)
            distance[name.keys] = edited
    near = tuple(name for group in groups.values() for name in representatives(group))
    exact = [group for key, group in groups.items() if distance[key] == 0]
    if len(exact) == 1:
        chosen = one_of(exact[0], read)
        return chosen, near, chosen is not None
    if len(groups) != 1 or exact:
        return None, near, False
    return one_of(next(iter(groups.values())), read), near, False


def representatives(group: list[KnownName]) -> list[KnownName]:
    """A set of keys as its names: the organisation reports name, else each registry entry
    (two of one province and name differ by district)."""
    organisations = [name for name in group if name.organisation_id is not None]
    return organisations[:1] or group


def one_of(group: Sequence[KnownName], read: OrganisationKey) -> KnownName | None:
    """Of the known names with one set of keys: the organisation reports name (the first),
    else the one registry entry (or the one in the district read)."""
    organisations = [name for name in group if name.organisation_id is not None]
    if organisations:
        return min(organisations, key=lambda name: name.organisation_id or 0)
    if len(group) == 1:
        return group[0]
    district = district_key(read.district)
    in_district = [name for name in group if district_key(name.district) == district]
    return in_district[0] if len(in_district) == 1 else None


def known_names(session: Session) -> list[KnownName]:
    """The organisations some report read from a text layer names, and the registry."""
    from_text = exists().where(
        col(Report.organisation_id) == Organisation.id,
        col(Report.organisation_name_from_image).is_(False),
    )
    organisations = session.exec(select(Organisation).where(from_text)).all()
    registry = session.exec(select(RegisteredOrganisation)).all()
    return [
        *(KnownName(o.name, o.province, o.district, stored_id(o.id)) for o in organisations),
        *(KnownName(entry.name, entry.province, entry.district) for entry in registry),
    ]


def doubtful_name(document: ReportDocument) -> OrganisationKey | None:
    """The organisation a report names whose name was read too doubtfully to be given: the
    name as read, with its province and district as `compared` (None: not so)."""
    report = document["report"]
    name = None if report.get("organization") else doubtful_reading(document, ORGANIZATION_PLACE)
    if not name:
        return None
    return compared(OrganisationKey(name, report.get("province"), report.get("district")), document)


def compared(read: OrganisationKey, document: ReportDocument) -> OrganisationKey:
    """A name read from an image as it is compared with known names: with the province and
    district it was read in, those the parse gave null as doubtful as they were read (a
    province read a letter off still tells two organisations of one name apart), but for a
    province that is none of the 77 (it tells nothing: the name is compared alone)."""
    province, district = (
        given or doubtful_reading(document, figure_place("report", key))
        for key, given in (("province", read.province), ("district", read.district))
    )
    if province is not None and not is_province(province):
        province = None
    return OrganisationKey(read.name, province, district)


def read_name(
    session: Session,
    printed: OrganisationKey | None,
    document: ReportDocument,
    evidence: EvidenceJson,
) -> NameReading | None:
    """How the organisation name of a report being loaded was read (`printed`: as the
    document gives it), and what it is taken as; None for a report that names none."""
    read = printed or doubtful_name(document)
    if read is None:
        return None
    doubtful = printed is None
    facts = Evidence.from_dict(evidence)
    if not doubtful and not name_read_from_image(document, facts):
        return NameReading(read)
    page = min(name_pages(facts), default=None)
    matched, near, exact = nearest(compared(read, document), known_names(session))
    as_printed = matched is not None and same_organisation(read, matched.organisation())
    if exact and as_printed and not doubtful:
        return NameReading(read, True, page, exact=True)  # as printed: nothing to take
    return NameReading(read, True, page, matched, () if matched else near, doubtful=doubtful)


def same_organisation(a: OrganisationKey, b: OrganisationKey) -> bool:
    """The keys `models.load` gives an organisation."""
    return (compact(a.name), compact(a.province or "")) == (
        compact(b.name),
        compact(b.province or ""),
    )
