"""Figures read from page images too doubtfully to be read (contract 1.1): null with an `ocr:`
warning, never a guess, so that no finding comes from them. The tables' cells are settled where
they are read (parsers.sections.project_list, parsers.sections.summary_tables); here, the running
text and the memo, and which words of a text cell are doubtful (a project's name keeps its text:
warned)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Literal, TypedDict, get_args

from checks.document import Memo, MemoField, Narrative, Report
from parsers.language import vocabulary as vocab
from parsers.language.misreadings import misread_beside_places, misread_subject, misread_words
from parsers.language.place_names import place_of, unknown_place_words
from parsers.language.printed_numbers import UNREAD_FIGURE
from parsers.language.vocabulary import compact
from parsers.language.vocabulary_match import by_letters, known_words, skeleton, spelt_stretches
from parsers.layout.page import PageContent, Word
from parsers.layout.tables import lines_text
from parsers.sections.forgotten_readings import DOUBTFUL, forgotten_text
from parsers.sections.memo import UNREAD_SIGNATURES
from parsers.sections.near_copies import forget_misshapen_phone, forget_misspelt_names
from parsers.sections.parse_warnings import WarningLog

# What stands in a line of running text after a Thai word read from an image too doubtfully
# to be given (a low confidence, marks its ink holds and its text lacks): the text field it
# falls in is then null with an `ocr:` warning (forget_unread_texts), never a near miss.
UNREAD_TEXT = "\u2048"  # ⁈


def readable_lines(page: PageContent, warnings: WarningLog) -> list[str]:
    """The page's lines as text; a figure read from its image with too little confidence is
    masked (the running text's readers then find no number there: null, not a guess), and a
    doubtful word of text flagged (UNREAD_TEXT)."""
    texts = []
    for line in page.lines:
        words = []
        for word in line:
            in_table = any(g.box.contains_point(word.x_mid, word.y_mid) for g in page.grids)
            if word.doubtful and not in_table and any(ch.isdigit() for ch in word.text):
                warnings.add(
                    page.number,
                    "ocr",
                    f"page {page.number}: '{word.text}' read with low confidence",
                )
                words.append(UNREAD_FIGURE)
            elif word.doubtful and not in_table and not is_known_word(word.text):
                words.append(word.text + UNREAD_TEXT)
            else:
                words.append(word.text)
        texts.append(" ".join(closed_words_checked(words, page.read_from_image is not None)))
    return texts


def is_known_word(text: str) -> bool:
    """A label or title as printed: the readers match it whatever its confidence."""
    return compact(text) in known_words()


# Words a label is followed by that are one of a closed vocabulary: read from an image, a word
# that is none of them is doubtful (น อย, สมมากทีสุด for a level).
CLOSED_AFTER = {label: vocab.LEVEL_WORDS for label in vocab.NARRATIVE_LINES["level"]}


def closed_words_checked(words: list[str], from_image: bool) -> list[str]:
    """The line's words, a word after a label of CLOSED_AFTER that is none of its words
    flagged (UNREAD_TEXT), for a line read from an image."""
    if not from_image:
        return words
    checked = list(words)
    for index, word in enumerate(words[:-1]):
        closed = CLOSED_AFTER.get(compact(word).rstrip(UNREAD_TEXT))
        following = compact(words[index + 1]).rstrip(UNREAD_TEXT)
        if closed is not None and following not in closed:
            checked[index + 1] = words[index + 1].rstrip(UNREAD_TEXT) + UNREAD_TEXT
    return checked


# The running text's fields (report pages): the report's identity's, the reporter's, the
# closing summary's level.
ReportText = Literal["organization", "district", "province"]
PersonText = Literal["name", "position"]
REPORT_TEXTS: tuple[ReportText, ...] = get_args(ReportText)
PERSON_TEXTS: tuple[PersonText, ...] = get_args(PersonText)


class RunningTexts(TypedDict, total=False):
    """The working copy's sections read from the running text (lines of the report pages),
    as the document types them; the document's other sections may be there too."""

    report: Report
    narrative: Narrative | None
    problems: list[str]


def warn_forgotten(read: str | None, shown: str, warnings: WarningLog) -> None:
    warnings.add(None, DOUBTFUL, forgotten_text(shown, str(read).replace(UNREAD_TEXT, "")))


def forget(report: Report, key: ReportText, shown: str, warnings: WarningLog) -> None:
    """Null a text of the report's identity, saying what was read (forgotten_readings)."""
    warn_forgotten(report[key], shown, warnings)
    report[key] = None


def flagged(text: str | None) -> bool:
    return UNREAD_TEXT in str(text or "")


def forget_unread_texts(document: RunningTexts, warnings: WarningLog) -> None:
    """Null the running text's fields holding a word read doubtfully from an image (the
    problems, a list: none given), each with an `ocr:` warning; nothing else keeps the flag
    (only the readers of the running text put it: these sections are all that can hold it)."""
    report = document.get("report")
    for key in REPORT_TEXTS:
        if report is not None and flagged(report.get(key)):
            forget(report, key, f"report.{key}", warnings)
    narrative = document.get("narrative")
    if narrative is not None and flagged(narrative.get("level")):
        warn_forgotten(narrative["level"], "narrative.level", warnings)
        narrative["level"] = None
    reporter = report.get("reporter") if report is not None else None
    for field in PERSON_TEXTS:
        if reporter is not None and flagged(reporter.get(field)):
            warn_forgotten(reporter[field], f"report.reporter.{field}", warnings)
            reporter[field] = None
    problems = document.get("problems") or []
    unread = [p for p in problems if UNREAD_TEXT in p or UNREAD_FIGURE in p]
    if unread:  # an item's number unread runs two items together: none is given
        shown = " / ".join(p.replace(UNREAD_TEXT, "") for p in unread)
        warnings.add(None, "ocr", f"problems: '{shown}' read with low confidence: none given")
        document["problems"] = []
    clear_flags(document)


def clear_flags(value: object) -> object:
    """The document without UNREAD_TEXT wherever else a flagged word went (a date's month)."""
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = clear_flags(item)
    elif isinstance(value, list):
        return [clear_flags(item) for item in value]
    elif isinstance(value, str):
        return value.replace(UNREAD_TEXT, "")
    return value


# Where a province is read in the report's identity: the province itself, the name of a
# provincial administration (its prefix and a province's name), a district named after its
# province (เมือง and the province's name).
PROVINCE_OF: dict[ReportText, Callable[[str], str | None]] = {
    "province": compact,
    "organization": vocab.province_named_in,
    "district": vocab.province_in_district,
}


def spell_kind_as_printed(
    report: Report, where: dict[str, list[int]], from_images: Collection[int]
) -> None:
    """Read from a page's image, an organisation's name whose kind was read with other marks
    (เทศบาลตาบล for เทศบาลตำบล) names its kind as printed: the kinds are a closed list
    (vocabulary.ORG_TYPES), as a table's labels are (vocabulary_match)."""
    read = report.get("organization")
    from_an_image = any(index in from_images for index in where.get("organization", ()))
    if not read or not from_an_image or vocab.org_kind_of(read) is not None:
        return
    letters = skeleton(read)[0]
    for kind in vocab.ORG_TYPES:
        spelt = by_letters(kind.prefix, read)
        if spelt is not None and letters.startswith(skeleton(kind.prefix)[0]):
            report["organization"] = spelt
            return


def forget_unknown_provinces(
    report: Report,
    where: dict[str, list[int]],
    from_images: Collection[int],
    warnings: WarningLog,
) -> None:
    """Read from a page's image, a province is one of the 77, or the field that gives it is
    null with an `ocr:` warning: the closed list a misread letter falls out of (ภาพสินธุ์,
    กาฬสินธุ and เมืองกาฬสินธุ without their last mark, all read with full confidence)."""
    for key, province_of in PROVINCE_OF.items():
        if not any(index in from_images for index in where.get(key, ())):
            continue  # printed in the text layer: not misread (nor rapidfuzz loaded to say so)
        read = str(report.get(key) or "").replace(UNREAD_TEXT, "")
        province = province_of(read) if read else None
        if province is not None and not vocab.is_province(province):
            forget(report, key, f"report.{key}", warnings)


PLACE_NAMES: tuple[ReportText, ...] = ("organization", "district")


def forget_places_spelt_otherwise(
    report: Report,
    lines: list[str],
    where: dict[str, list[int]],
    from_images: Collection[int],
    warnings: WarningLog,
) -> None:
    """Read from a page's image, a district's name is printed again in other lines (the
    organisation's name, the heading, the closing lines), and the readings must agree: where
    more of the other lines read its letters with other marks than with its own (วังน้าเย็น
    read once, วังนำเย็น and วังน้๊าเย็น elsewhere: a reading of ReportLab's overlapping
    NIKHAHIT and MAI THO), the district is null with an `ocr:` warning. Both may be words."""
    read = str(report.get("district") or "").replace(UNREAD_TEXT, "")
    own = where.get("district", ())
    if not read or not any(index in from_images for index in own):
        return
    others = [
        stretch.replace(UNREAD_TEXT, "")
        for index in from_images
        if index not in own and index < len(lines)
        for stretch in spelt_stretches(read, lines[index])
    ]
    if sum(stretch != read for stretch in others) > sum(stretch == read for stretch in others):
        forget(report, "district", "report.district", warnings)


def forget_years_read_otherwise(
    report: Report,
    where: dict[str, list[int]],
    from_images: Collection[int],
    lines: list[str],
    warnings: WarningLog,
) -> None:
    """Read from a page's image, the fiscal year is printed again in the headings that name
    the round with it (the summary's, each list page's), and the readings must agree: where
    one reads another year (the title's ๒๕๖๕ read 2515 in Purisa, whose ๖ reads as ๑ to the
    digits' shapes and as ๒ to Tesseract, the heading's 2565 read right), the year is null
    with an `ocr:` warning."""
    year = report.get("fiscal_year")
    if year is None or not any(index in from_images for index in where.get("fiscal_year", ())):
        return
    headings = (lines[index] for index in from_images if index < len(lines))
    read = {int(m.group(1)) for line in headings for m in vocab.YEAR_AND_ROUND.finditer(line)}
    if read - {year}:
        warn_forgotten(str(year), "report.fiscal_year", warnings)
        report["fiscal_year"] = None


def forget_misread_place_names(
    report: Report,
    where: dict[str, list[int]],
    from_images: Collection[int],
    warnings: WarningLog,
) -> None:
    """Read from a page's image, an organisation's or a district's name whose words show a
    misreading (misread_beside_places: เทศบาลตำบลเภาะคา for เกาะคา), or whose place holds a
    word no place holds beside a look-alike many do (place_names: ทำศาลา for ท่าศาลา), is null
    with an `ocr:` warning: the checks that name the organisation never take a second
    spelling of it."""
    for key in PLACE_NAMES:
        read = str(report.get(key) or "").replace(UNREAD_TEXT, "")
        from_an_image = any(index in from_images for index in where.get(key, ()))
        if from_an_image and read and misread_place_name(key, read):
            forget(report, key, f"report.{key}", warnings)


def misread_place_name(key: ReportText, read: str) -> bool:
    place = place_of(read) if key == "organization" else read
    return bool(misread_beside_places(read) or (place and unknown_place_words(place)))


# The memo's figures (its date, the phone number), and the field each is read from: read from
# an image with too little confidence, they are null, never a guess.
MEMO_FIGURES: dict[MemoField, str] = {"date": "date", "phone": "agency"}
# The memo's texts: read from an image, a word of one read unsurely, or with marks its ink
# holds and its text lacks (parsers.ocr.marks), leaves it null, never a near miss
# (สำนักปลัดเทศบาล read สานักปลัดเทศบาล). The agency's field holds the phone number too:
# its figures are the phone's.
MEMO_TEXTS: tuple[MemoField, ...] = ("agency", "reference", "subject", "addressee")
PLACE_TEXTS: tuple[MemoField, ...] = ("agency", "addressee")  # an organisation and its place
# A phone number is digits and what separates them; anything else in it was read from
# another line (the reference's ที่ … run into it where its label was not read).
PHONE = re.compile(r"[\d๐-๙][\d๐-๙,/-]*")
# A reference's number: digits and separators, a letter after a slash (/ว 123), an agency's
# code run into it (มท0810.2); not ๆ for ๗, nor a mark on a digit, nor a lone letter before
# the digits (ฒ4546 for 74546: a digit read as its look-alike).
NUMBER = r"[\d๐-๙][\d๐-๙.-]*"
REFERENCE_NUMBER = re.compile(rf"(?:[ก-ฮ]{{2,}}\.?)?{NUMBER}(?:/(?:[ก-ฮ]\.?)?(?:{NUMBER})?)*")


def read_from_image(words: dict[str, list[Word]]) -> bool:
    return any(word.confidence is not None for field in words.values() for word in field)


def forget_doubtful_memo_figures(
    memo: Memo, words: dict[str, list[Word]], page: int, warnings: WarningLog
) -> None:
    for key, field_name in MEMO_FIGURES.items():
        read = [w for w in words.get(field_name, []) if any(ch.isdigit() for ch in w.text)]
        if memo.get(key) is not None and any(word.doubtful for word in read):
            shown = " ".join(word.text for word in read)
            warnings.add(page, "ocr", f"memo.{key}: '{shown}' read with low confidence")
            memo[key] = None
    if not read_from_image(words):
        return
    forget_doubtful_memo_texts(memo, words, page, warnings)
    phone = memo.get("phone")
    if phone is not None and not PHONE.fullmatch(phone):
        warnings.add(page, "ocr", f"memo.phone: '{phone}' is no phone number: other text run in")
        memo["phone"] = None
    forget_misshapen_phone(memo, page, warnings)
    forget_misread_positions(memo)
    forget_misspelt_names(memo)
    forget_unread_signatories(memo, words, page, warnings)


def forget_misread_positions(memo: Memo) -> None:
    """Null a signatory's position read from an image that shows a misreading the reader was
    sure of (`misread_words`: หัวหน้าสำนักปลัด ทรบ, ผู้ านวยการ): a position is words of the
    dictionary. forget_unread_signatories then warns of it."""
    for signatory in memo.get("signatories") or []:
        if misread_position(str(signatory.get("position") or "")):
            signatory["position"] = None


def misread_position(position: str) -> list[str]:
    """A position's words that show it misread: as the dictionary shows (`misread_words`), or
    a province none of the 77 (ปลัดองค์การบริหารส่วนจังหวัดกาฬสินธุ)."""
    return misread_words(position) or unknown_provinces(position)


# A reference's letters are an agency's code (ชบ, มท, ว): consonants, maybe a dot; a vowel or
# a mark in it was read from a speck or a stroke (ชูป for ชบ).
AGENCY_CODE = re.compile(r"[\u0e01-\u0e2e.]+|[^\u0e00-\u0e7f]+")


def is_agency_code(text: str) -> bool:
    return bool(AGENCY_CODE.fullmatch(text))


def unsure_words(key: str, words: list[Word]) -> list[str]:
    """The words of a memo text field read doubtfully (its label and, in the agency's field,
    the phone's figures aside); in the reference, a number with what no number holds, or an
    agency's code with a vowel or a mark."""
    labels = {compact(label) for label in vocab.MEMO_FIELDS.get(key, ())}
    unsure = []
    for word in words:
        figure = any(ch.isdigit() for ch in word.text)
        if compact(word.text) in labels or (key == "agency" and figure):
            continue
        misread = key == "reference" and not (
            REFERENCE_NUMBER.fullmatch(word.text) if figure else is_agency_code(word.text)
        )
        if word.doubtful or misread:
            unsure.append(word.text)
    return unsure


def misread_year(text: str) -> list[str]:
    """The numbers a text prints as its fiscal year that are none (2462 for 2562)."""
    return [n for n in vocab.NUMBER_AS_YEAR.findall(text) if not vocab.YEAR_DIGITS.fullmatch(n)]


def unknown_provinces(text: str) -> list[str]:
    """The provinces a text read from an image names that are none of the 77 (กาฬสินธุ
    without its last mark, นครครีธรรมราช): a closed list a misread letter falls out of."""
    return [name for name in vocab.provinces_named(text) if not vocab.is_province(name)]


def forget_doubtful_memo_texts(
    memo: Memo, words: dict[str, list[Word]], page: int, warnings: WarningLog
) -> None:
    for key in MEMO_TEXTS:
        text = str(memo.get(key) or "")
        unsure = (
            unsure_words(key, words.get(key, []))
            or misread_year(text)
            or unknown_provinces(text)
            or (misread_beside_places(text) if key in PLACE_TEXTS else [])
            or (misread_subject(text) if key == "subject" else [])
        )
        if memo.get(key) is not None and unsure:
            shown = " ".join(unsure)
            warnings.add(page, "ocr", f"memo.{key}: '{shown}' read with low confidence")
            memo[key] = None


def unsure_cell_words(lines: list[list[Word]]) -> list[str]:
    """The words of a table cell read from an image doubtfully (a low confidence, or marks its
    ink holds and its text lacks: parsers.ocr.marks), and those its text shows misread
    (`misread_words`). A text cell keeps its text where the contract wants one (a project's
    name is never null): these are named in a warning."""
    unsure = [word.text for line in lines for word in line if word.doubtful]
    if unsure:
        return unsure
    return misread_words(lines_text(lines))


def forget_unread_signatories(
    memo: Memo, words: dict[str, list[Word]], page: int, warnings: WarningLog
) -> None:
    """Say which signatories' names and positions were too doubtful to give (parsers.sections.memo
    left them null), and that none is given where a block could not be read at all."""
    unread = words.get(UNREAD_SIGNATURES)
    if unread:
        shown = " ".join(word.text for word in unread)
        warnings.add(
            page,
            "ocr",
            f"memo.signatories: a signature block was not read ('{shown}'): none is given, "
            "so that no other takes its place",
        )
    for index, signatory in enumerate(memo.get("signatories") or []):
        for key in ("name", "position"):
            if signatory.get(key) is None:
                warnings.add(
                    page, "ocr", f"memo.signatories[{index}].{key}: read with low confidence"
                )
