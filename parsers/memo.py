"""The memo page (บันทึกข้อความ): header fields by their labels, then the signature blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from parsers import vocabulary as vocab
from parsers.page import PageContent, Word
from parsers.thai_dates import parse_thai_date
from parsers.thai_text import join_wrapped_lines
from parsers.tolerances import TOLERANCES
from parsers.vocabulary import compact, one_of

LEADER = re.compile(r"[.…_·]{3,}")  # dotted leaders the form prints after a label
PHONE_SPLIT = re.compile(rf"\s*{one_of(vocab.PHONE_LABELS)}\s*")
# What is written under a signature besides the position: a note, initials, a short date.
ENDORSEMENT_NOTE = re.compile(
    rf"^(?:{one_of(vocab.ENDORSEMENT_STARTS)}\S*|{one_of(vocab.ENDORSEMENT_WORDS)}"
    r"|(?:[ก-ฮ]{1,3}\.){1,4}|[\d๐-๙]{1,2}[./][\d๐-๙]{1,2}[./][\d๐-๙]{2,4})$"
)


@dataclass
class TextLine:
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


# A memo whose title could not be read (a scan) is known by its form: these of its field
# labels starting lines near the top of the page.
MEMO_FORM_LABELS = ("agency", "subject", "addressee")
HEAD_LINES = 6  # the title is among the page's first lines
FORM_LINES = 12  # and the form's fields among these


def is_memo_page(page: PageContent) -> bool:
    texts = page.line_texts()
    head = "".join(compact(text) for text in texts[:HEAD_LINES])
    if any(title in head for title in vocab.MEMO_TITLE):
        return True
    starts = [compact(text) for text in texts[:FORM_LINES]]
    return all(
        any(line.startswith(vocab.MEMO_FIELDS[field]) for line in starts)
        for field in MEMO_FORM_LABELS
    )


def label_at(word: Word) -> str | None:
    """The memo field a word labels, if it is one of the labels (possibly run into its value)."""
    text = compact(word.text)
    for field, labels in vocab.MEMO_FIELDS.items():
        for label in labels:
            if text == label or (len(label) > 3 and text.startswith(label)):
                return field
    return None


def strip_leaders(text: str) -> str:
    return " ".join(LEADER.sub(" ", text).split())


def header_fields(
    lines: list[TextLine], words_of: dict[str, list[Word]] | None = None
) -> tuple[dict[str, str], int]:
    """Each label's value (running to the next label), and the index of the first body line;
    the words each field was read from (its label's too) put in `words_of` when given."""
    values: dict[str, list[str]] = {}
    current: str | None = None
    for index, line in enumerate(lines):
        for word in line.words:
            field = label_at(word)
            if field and field not in values:
                current = field
                rest = compact(word.text)[len(vocab.MEMO_FIELDS[field][0]) :]
                values[field] = [rest] if rest else []
            elif current:
                values[current].append(word.text)
            if current and words_of is not None:
                words_of.setdefault(current, []).append(word)
        if current == "subject":
            values["subject"].append("\n")
        if current == "addressee":
            return {k: strip_leaders(join_parts(v)) for k, v in values.items()}, index + 1
    return {k: strip_leaders(join_parts(v)) for k, v in values.items()}, len(lines)


def join_parts(parts: list[str]) -> str:
    """Words of one field; a field wrapped over lines ("\\n" markers) joined as cells are."""
    text = " ".join(parts)
    return join_wrapped_lines([chunk.strip() for chunk in text.split("\n") if chunk.strip()])


def signature_blocks(lines: list[TextLine]) -> list[dict[str, Any]]:
    """Names in parentheses, each with the position printed under it."""
    signatories = []
    for index, line in enumerate(lines):
        text = line.text.strip()
        if not (text.startswith("(") and text.endswith(")")):
            continue
        name = " ".join(text[1:-1].split())
        signatories.append({"name": name, "position": position_under(lines, index)})
    return signatories


def position_under(lines: list[TextLine], name_index: int) -> str | None:
    """Lines right under a name, until a gap, a note, or the next name."""
    name_line = lines[name_index]
    height = name_line.bottom - name_line.top
    parts: list[str] = []
    previous = name_line
    for line in lines[name_index + 1 :]:
        text = line.text.strip()
        gap = line.top - previous.bottom
        if (
            text.startswith("(")
            or ENDORSEMENT_NOTE.match(compact(text))
            or gap > TOLERANCES.position_gap_lines * height
        ):
            break
        parts.append(text)
        previous = line
    return " ".join(parts) or None


def read_memo(page: PageContent, words_of: dict[str, list[Word]] | None = None) -> dict[str, Any]:
    """The memo's fields; the words of each header field put in `words_of` when given."""
    lines = [TextLine(words) for words in page.lines if words]
    fields, body_start = header_fields(lines, words_of)
    agency, phone = split_phone(fields.get("agency", ""))
    date = parse_thai_date(fields.get("date", ""))
    return {
        "agency": agency or None,
        "phone": phone or None,
        "reference": fields.get("reference") or None,
        "date": date.isoformat() if date else None,
        "subject": fields.get("subject") or None,
        "addressee": fields.get("addressee") or None,
        "signatories": signature_blocks(lines[body_start:]),
    }


def split_phone(agency: str) -> tuple[str, str]:
    parts = PHONE_SPLIT.split(agency, maxsplit=1)
    if len(parts) == 2:
        return parts[0].strip(), "".join(parts[1].split())
    return agency.strip(), ""
