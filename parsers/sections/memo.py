"""The memo page (บันทึกข้อความ): header fields by their labels, then the signature blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from checks.document import Memo, Person
from parsers.language import vocabulary as vocab
from parsers.language.thai_dates import parse_thai_date
from parsers.language.thai_text import join_wrapped_lines
from parsers.language.vocabulary import compact, one_of
from parsers.language.vocabulary_match import skeleton, with_marks
from parsers.layout.page import PageContent, Word
from parsers.layout.tolerances import TOLERANCES

LEADER = re.compile(r"[.…_·]{3,}")  # dotted leaders the form prints after a label


def spaced_one_of(words: tuple[str, ...]) -> str:
    """`one_of(words)`, with white space allowed between any two letters: a label matched as
    its compact text, however a font's spacing or a line's wrap cut it (โท ร.)."""
    return "(?:" + "|".join(r"\s*".join(map(re.escape, word)) for word in words) + ")"


PHONE_SPLIT = re.compile(rf"\s*{spaced_one_of(vocab.PHONE_LABELS)}\s*")
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


def label_of(text: str) -> tuple[str, str] | None:
    """(field, the value run into its label) when compact `text` is a label or starts with one."""
    for field, labels in vocab.MEMO_FIELDS.items():
        for label in labels:
            if text == label or (len(label) > 3 and text.startswith(label)):
                return field, text[len(label) :]
    return None


LABEL_WORDS = 3  # a label a font's spacing split into words is matched over this many


def label_run(words: list[Word], start: int) -> tuple[str, int, str] | None:
    """(field, words it takes, value run into it) for a label at words[start]: the words'
    compact text, so that a space a font set inside a label (ส่วน ราชการ) does not matter. A
    shortest run that reads as a label wins."""
    text = ""
    for count, word in enumerate(words[start : start + LABEL_WORDS], 1):
        text += compact(word.text)
        found = label_of(text)
        if found:
            return found[0], count, found[1]
    return None


# The form prints the reference's label at the start of the line holding the date's (ที่ …
# วันที่ …). Read from an image, that label may lose its marks and its space (ที่ read ที, or
# ทีนฐ62445/882 glued to the number): there, and only there, its letters are the label where
# they carry a mark, as no agency's code does. Unfound, the reference ran into the agency.
LINE_STARTED_BY = {"date": "reference"}


def label_by_letters(words: list[Word], values: dict[str, list[str]]) -> tuple[str, str] | None:
    """(field, value run into it) for the line's first word read from an image, where it holds
    by its letters the label that starts a line holding another label found in it."""
    first = words[0]
    if first.confidence is None:
        return None
    later = {run[0] for at in range(1, len(words)) if (run := label_run(words, at))}
    for field in (LINE_STARTED_BY[key] for key in later & LINE_STARTED_BY.keys()):
        if field in values:
            continue
        for label in vocab.MEMO_FIELDS[field]:
            rest = after_marked_letters(label, compact(first.text))
            if rest is not None:
                return field, rest
    return None


def after_marked_letters(label: str, text: str) -> str | None:
    """The text after the label's letters, where it starts with them bearing a mark at least
    (ที, ที่, ทิ for ที่; never ท alone); None otherwise."""
    bare, _ = skeleton(label)
    letters, where = skeleton(text)
    if not bare or not letters.startswith(bare):
        return None
    end = where[len(bare) - 1] + 1
    marked = with_marks(text, end)
    return text[marked:] if marked > end else None


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
        taken = 0  # words of the line still to go into the label found
        for position, word in enumerate(line.words):
            run = label_run(line.words, position) if not taken else None
            misread = label_by_letters(line.words, values) if position == 0 and not run else None
            if misread:
                run = (misread[0], 1, misread[1])
            if run and run[0] not in values:
                current, taken, rest = run
                values[current] = [rest] if rest else []
            elif current and not taken:
                values[current].append(word.text)
            taken = max(taken - 1, 0)
            label_alone = misread is not None and not misread[1]  # says nothing of the value
            if current and words_of is not None and not label_alone:
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


def is_name_line(text: str) -> bool:
    return text.startswith("(") and text.endswith(")")


def signature_blocks(lines: list[TextLine]) -> list[Person]:
    """Names in parentheses, each with the position printed under it."""
    signatories: list[Person] = []
    for index, line in enumerate(lines):
        text = line.text.strip()
        if not is_name_line(text):
            continue
        name = " ".join(text[1:-1].split())
        signatories.append({"name": name, "position": position_under(lines, index)})
    return signatories


def position_lines(lines: list[TextLine], name_index: int) -> list[TextLine]:
    """Lines right under a name, until a gap, a note, or the next name."""
    name_line = lines[name_index]
    height = name_line.bottom - name_line.top
    found: list[TextLine] = []
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
        found.append(line)
        previous = line
    return found


def position_under(lines: list[TextLine], name_index: int) -> str | None:
    return " ".join(line.text.strip() for line in position_lines(lines, name_index)) or None


# --- Signature blocks read from an image ----------------------------------------------------
# A signature or a stamp drawn over a block can leave its name unread, or half read: then no
# other block may take its place (contract: the author first), so each block is read only
# where every line of the signature area is accounted for, and a doubtful word leaves its name
# or position null (parsers.sections.doubt warns of both).
CLOSING = ("จึงเรียนมา",)  # the memo's closing sentence: the signature blocks follow it
SURE_WORD_LETTERS = 4  # a line with a sure word this long is text, not a drawing's remains
UNREAD_SIGNATURES = "signatories"  # `words_of` key: the words of blocks that were not read


def thai_letters(text: str) -> int:
    return sum("\u0e01" <= ch <= "\u0e2e" for ch in text)


def is_junk(word: Word) -> bool:
    """What a signature or a stamp leaves read as a word: unsure, hardly a letter."""
    return word.doubtful and thai_letters(word.text) < 2


def trimmed(line: TextLine) -> TextLine:
    """The line without the junk around a name in parentheses (a comma read from a stroke
    after it); any other line as read."""
    words = list(line.words)
    while words and is_junk(words[0]) and any(w.text.startswith("(") for w in words[1:]):
        words.pop(0)
    while words and is_junk(words[-1]) and any(w.text.endswith(")") for w in words[:-1]):
        words.pop()
    return TextLine(words)


# Words a signatory's position holds: a line with one, however unsurely read, is a block's.
POSITION_WORDS = ("ผู้อำนวยการ", "หัวหน้า", "ปลัด", "นายก", "หัวหน้าสำนักปลัด")


# A line this long in Thai letters is text however unsurely read: what a signature or a stamp
# leaves reads as a few letters (a position misread, ผู้อำนวยการ as ผู ว้านวยการ, is text).
TEXT_LETTERS = 10


def is_text(line: TextLine) -> bool:
    """A line that says something: a word read surely and long enough to be one, a position's
    word (matched without its marks), or many letters."""
    return (
        any(
            not word.doubtful and thai_letters(word.text) >= SURE_WORD_LETTERS
            for word in line.words
        )
        or holds_position_word(line)
        or thai_letters(line.text) >= TEXT_LETTERS
    )


def after_closing(lines: list[TextLine]) -> list[TextLine] | None:
    """The lines after the memo's closing sentence (its letters matched without their marks,
    which a scan loses), or None where it was not read."""
    closings = [skeleton(word)[0] for word in CLOSING]
    for index, line in enumerate(lines):
        letters = skeleton(compact(line.text))[0]
        if any(letters.startswith(closing) for closing in closings):
            return lines[index + 1 :]
    return None


def sure_text(words: list[Word]) -> str | None:
    """The words' text, or None where one of them was read doubtfully."""
    if any(word.doubtful for word in words):
        return None
    return " ".join(word.text for word in words) or None


def signature_blocks_from_image(
    lines: list[TextLine], words_of: dict[str, list[Word]] | None
) -> list[Person]:
    """The signature blocks of a memo read from its image, in order. A block whose name a
    signature or a stamp hid, known by its position's line, keeps its place with its name
    null (`nameless_blocks`); none is given where a line of the signature area is neither a
    name in parentheses, a position, nor a note: its words then go in `words_of`."""
    area = after_closing(lines)
    if area is None:  # where the blocks start is not known: none is given
        if words_of is not None:
            words_of[UNREAD_SIGNATURES] = [word for line in lines for word in line.words]
        return []
    area = [line for line in map(trimmed, area) if line.words]
    signatories: list[Person] = []
    unread: list[TextLine] = []  # lines since the last name's block
    unknown: list[Word] = []
    taken: set[int] = set()
    for index, line in enumerate(area):
        text = line.text.strip()
        if index in taken or ENDORSEMENT_NOTE.match(compact(text)):
            continue
        if is_name_line(text):
            signatories += nameless_blocks(unread, unknown)
            unread = []
            under = position_lines(area, index)
            taken.update(range(index + 1, index + 1 + len(under)))
            name = sure_text(line.words)
            signatories.append(
                {
                    "name": " ".join(name[1:-1].split()) if name else None,
                    "position": sure_text([word for below in under for word in below.words]),
                }
            )
        elif is_text(line) or "(" in text or ")" in text:
            unread.append(line)
    signatories += nameless_blocks(unread, unknown)
    if unknown:
        if words_of is not None:
            words_of[UNREAD_SIGNATURES] = unknown
        return []
    return signatories


def nameless_blocks(unread: list[TextLine], unknown: list[Word]) -> list[Person]:
    """The blocks of lines read between two names (or after the last), apart where a gap
    wider than a position's separates them: each holding a position's word is a block whose
    name was not read (name and position null: what was read of it may be the hidden name's
    remains). Any other leaves the blocks unknown: its words go in `unknown`."""
    blocks: list[list[TextLine]] = []
    for line in unread:
        if blocks and not apart(blocks[-1][-1], line):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    found: list[Person] = []
    for block in blocks:
        if any(holds_position_word(line) for line in block):
            found.append({"name": None, "position": None})
        else:
            unknown += [word for line in block for word in line.words]
    return found


def apart(above: TextLine, below: TextLine) -> bool:
    height = above.bottom - above.top
    return below.top - above.bottom > TOLERANCES.position_gap_lines * height


def holds_position_word(line: TextLine) -> bool:
    letters = skeleton(compact(line.text))[0]
    return any(skeleton(word)[0] in letters for word in POSITION_WORDS)


def read_memo(page: PageContent, words_of: dict[str, list[Word]] | None = None) -> Memo:
    """The memo's fields; the words of each header field put in `words_of` when given."""
    lines = [TextLine(words) for words in page.lines if words]
    fields, body_start = header_fields(lines, words_of)
    agency, phone = split_phone(fields.get("agency", ""))
    date = parse_thai_date(fields.get("date", ""))
    body = lines[body_start:]
    if page.read_from_image is not None:
        signatories = signature_blocks_from_image(body, words_of)
    else:
        signatories = signature_blocks(body)
    return {
        "agency": agency or None,
        "phone": phone or None,
        "reference": fields.get("reference") or None,
        "date": date.isoformat() if date else None,
        "subject": fields.get("subject") or None,
        "addressee": fields.get("addressee") or None,
        "signatories": signatories,
    }


def split_phone(agency: str) -> tuple[str, str]:
    parts = PHONE_SPLIT.split(agency, maxsplit=1)
    if len(parts) == 2:
        return parts[0].strip(), "".join(parts[1].split())
    return agency.strip(), ""
