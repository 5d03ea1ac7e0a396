"""Words read by OCR matched to the words reports print (parsers.language.vocabulary: headers,
titles, labels) despite a letter or two misread: "รยรายงาน" is "รอรายงาน". Used on text read from
images only; a text layer's words must match as printed."""

from __future__ import annotations

from collections import Counter
from functools import cache

from parsers.language import vocabulary as vocab

# Up to one misread letter per this many letters of the word; shorter words must be exact.
LETTERS_PER_EDIT = 5
SHORTEST_APPROXIMATE = 6


# In a table's header cells, which hold labels only, shorter words may be approximate too.
SHORTEST_IN_HEADERS = 5


def allowed_edits(word: str, shortest: int = SHORTEST_APPROXIMATE) -> int:
    return len(word) // LETTERS_PER_EDIT if len(word) >= shortest else 0


def closest_occurrence(word: str, text: str) -> tuple[int, int, int]:
    """(edits, start, end) of the substring of `text` nearest `word` (Sellers' algorithm:
    an edit distance where the match may start and end anywhere in the text)."""
    previous = [(0, j) for j in range(len(text) + 1)]  # (edits, start) ending before text[j]
    for i, letter in enumerate(word, 1):
        current = [(i, 0)]
        for j, other in enumerate(text, 1):
            options = (
                (previous[j - 1][0] + (letter != other), previous[j - 1][1]),
                (previous[j][0] + 1, previous[j][1]),
                (current[j - 1][0] + 1, current[j - 1][1]),
            )
            current.append(min(options))
        previous = current
    edits, end = min((cost, j) for j, (cost, _start) in enumerate(previous))
    return edits, previous[end][1], end


@cache
def known_words() -> tuple[str, ...]:
    """Every word a header, title or label is known by, longest first."""
    groups = [
        *vocab.STATUS_HEADERS.values(),
        *vocab.PROJECT_COLUMNS.values(),
        *vocab.DIMENSION_COLUMNS.values(),
        *vocab.DISBURSEMENT_COLUMNS.values(),
        *vocab.STATUS_SUMMARY_COLUMNS.values(),
        *vocab.NARRATIVE_LINES.values(),
        *vocab.MEMO_FIELDS.values(),
        vocab.TOTAL_ROW_WORDS,
        vocab.DIMENSION_WORDS,
        (vocab.PAIR_PROJECTS, vocab.PAIR_BUDGET),
        vocab.SECTION_TITLES,
        vocab.ORDINANCE_WORDS,
        vocab.MEMO_TITLE,
        vocab.REPORTER,
        vocab.REPORTER_POSITION,
        vocab.ORG_NAME_STARTS,
        (vocab.DISTRICT_WORD, vocab.PROVINCE_WORD, vocab.MONTHS_WORD),
        vocab.LEVEL_WORDS,
    ]
    words = {word for group in groups for word in group}
    return tuple(sorted(words, key=len, reverse=True))


def missing_letters(word: str, text: str) -> int:
    """How many of the word's letters the text lacks: no fewer edits can make it contain it
    (a cheap bound that spares most texts the full comparison)."""
    return sum((Counter(word) - Counter(text)).values())


# Marks written above or below a Thai letter: OCR drops and confuses them most (ขั้นต่ำ read
# ขันตำ), so a word is also found by its letters alone.
THAI_MARKS = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)
SHORTEST_SKELETON = 3  # letters without their marks: shorter skeletons match too much


# SARA AM is a NIKHAHIT (a mark) over SARA AA: a loopless font's small ring is lost, and ต่ำ
# reads ต่า. Without its marks, SARA AM is the SARA AA left.
WITHOUT_MARKS = {"\u0e33": "\u0e32"}


def skeleton(text: str) -> tuple[str, list[int]]:
    """The text's letters without white space or marks, and where each is in the text."""
    where = [i for i, ch in enumerate(text) if not ch.isspace() and ch not in THAI_MARKS]
    return "".join(WITHOUT_MARKS.get(text[i], text[i]) for i in where), where


def by_letters(word: str, text: str) -> str | None:
    """The text with the word written in, where the word's letters appear without its marks."""
    bare, _ = skeleton(word)
    if len(bare) < SHORTEST_SKELETON:
        return None
    letters, where = skeleton(text)
    start = letters.find(bare)
    if start < 0:
        return None
    end = with_marks(text, where[start + len(bare) - 1] + 1)
    return text[: where[start]] + word + text[end:]


def with_marks(text: str, end: int) -> int:
    """Where a stretch of the text ending at `end` ends with its last letter's marks."""
    while end < len(text) and text[end] in THAI_MARKS:
        end += 1
    return end


def spelt_stretches(word: str, text: str) -> list[str]:
    """Each stretch of the text holding the word's letters, with the marks it holds there
    (วังน้าเย็น and วังนำเย็น both hold วังน้ำเย็น's letters)."""
    bare, _ = skeleton(word)
    if len(bare) < SHORTEST_SKELETON:
        return []
    letters, where = skeleton(text)
    stretches = []
    start = letters.find(bare)
    while start >= 0:
        end = with_marks(text, where[start + len(bare) - 1] + 1)
        stretches.append(text[where[start] : end])
        start = letters.find(bare, start + len(bare))
    return stretches


def whole_label(text: str) -> str | None:
    """A header cell's label read without its marks, whole: the known word whose letters
    alone it is, where only one word (or only the spellings of one, มิติ and มติ) has them. A
    loopless font's upper vowels are small and read as nothing: มิติ is read มต, too short to
    be found inside a longer text by its letters."""
    bare, _ = skeleton(text)
    if len(bare) < 2 or "".join(text.split()) in known_words():
        return None
    words = [word for word in known_words() if skeleton(word)[0] == bare]
    one_word = len(words) == 1 or set(words) <= set(vocab.DIMENSION_WORDS)
    if words:
        return words[0] if one_word else None
    return nearly_label(bare)


# A header cell's letters (without marks) one letter off a label's: a coarse scan reads a
# mark for another and a letter for its look-alike at once (ลำดับ read ล่าดัก: a page of the
# project list not known by its header). Taken where the label's letters are this many at
# least, and no other label's are as near.
SHORTEST_NEAR_SKELETON = 4


def nearly_label(bare: str) -> str | None:
    """The one known word whose letters without marks are one letter off `bare`'s (a letter
    misread, missing or extra), or None."""
    if len(bare) < SHORTEST_NEAR_SKELETON:
        return None
    near = {word for word, letters in known_skeletons() if one_edit_apart(letters, bare)}
    return near.pop() if len(near) == 1 else None


@cache
def known_skeletons() -> tuple[tuple[str, str], ...]:
    """Each known word with its letters without marks, where these are long enough to be
    taken one letter off."""
    pairs = ((word, skeleton(word)[0]) for word in known_words())
    return tuple((word, bare) for word, bare in pairs if len(bare) >= SHORTEST_NEAR_SKELETON)


def one_edit_apart(first: str, second: str) -> bool:
    """The two differ by exactly one letter replaced, left out or added."""
    if abs(len(first) - len(second)) > 1 or first == second:
        return False
    if len(first) == len(second):
        return sum(a != b for a, b in zip(first, second, strict=True)) == 1
    short, long = sorted((first, second), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


# SARA AM's ring read apart from its SARA AA comes out as a quote mark (ประจำ read ประจ“า,
# ลำดับ read ล“กาดับ): a quote inside a label is no letter of it.
QUOTES_READ_FOR_MARKS = frozenset("\u201c\u201d\u2018\u2019\"'")


def is_letter_read(ch: str) -> bool:
    return not ch.isspace() and ch not in QUOTES_READ_FOR_MARKS


def as_compared(text: str) -> str:
    """Text as approximate matching compares it: SARA AM as the SARA AA it holds, since its
    ring is what a scan loses or reads apart (one letter each way, indices kept)."""
    return "".join(WITHOUT_MARKS.get(ch, ch) for ch in text)


def as_printed(text: str, shortest: int = SHORTEST_APPROXIMATE) -> str:
    """OCR text with each known word (of `shortest` letters or more) it nearly contains spelled
    as printed: its letters there without their marks, or a letter in `LETTERS_PER_EDIT`
    misread. White space is not counted; a word found across spaces is written whole. In a
    header's cells (`shortest` SHORTEST_IN_HEADERS) a label read without its marks is that
    label (whole_label)."""
    whole = whole_label(text) if shortest <= SHORTEST_IN_HEADERS else None
    if whole is not None:
        return whole
    for word in known_words():
        limit = allowed_edits(word, shortest)
        if not limit or word in text.replace(" ", ""):
            continue
        found = by_letters(word, text)
        if found is not None:
            text = found
            continue
        letters = [index for index, ch in enumerate(text) if is_letter_read(ch)]
        joined = as_compared("".join(text[i] for i in letters))
        if len(letters) < len(word) - limit or missing_letters(as_compared(word), joined) > limit:
            continue
        edits, start, end = closest_occurrence(as_compared(word), joined)
        if 0 < edits <= limit and clear_match(as_compared(word), joined, start, end):
            text = text[: letters[start]] + word + text[letters[end - 1] + 1 :]
    return text


def clear_match(word: str, text: str, start: int, end: int) -> bool:
    """A known word replaces what was read only where it is clearly that word: the whole text
    (a header cell's label), or a part whose first and last letters read as printed, so that
    the match does not run over into the letters around it in a longer text
    ("รายงานผลการดำเนินงาน" is no misread "แผนการดำเนินงาน)": it holds ผลการดำเนินงาน)."""
    if start == 0 and end == len(text):
        return True
    found = text[start:end]
    return bool(found) and found[0] == word[0] and found[-1] == word[-1]
