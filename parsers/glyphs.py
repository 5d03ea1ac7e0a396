"""pdfplumber chars → clusters (a base letter with its marks) → words and lines.

pdfplumber's `page.chars` are in content-stream order (no layout analysis), which is the order
a producer shaped them in: each zero-width Thai mark follows its base. pdfplumber's own
`extract_words`/`extract_text` sort by x, which puts the next letter before a mark drawn at the
right edge of its base (`นํ้า` comes out as `นํา้`). So marks are merged into their base first,
keeping the base's geometry, and only whole clusters are then placed by position.

Chromium marks each cluster whose glyphs do not map one-to-one to Unicode with a
`/Span <</ActualText (…)>> BDC … EMC` sequence; fonts shaped by OpenType (Noto Sans Thai, Sarabun)
give such glyphs no Unicode at all (U+0000). pdfplumber only reads ActualText from the structure
tree, so when a page has glyphs without Unicode (U+0000, U+FFFD, `(cid:N)`, a PUA code point the
PUA table does not know) its content stream is scanned for those spans: a regex scan, a few ms a
page, counting glyphs per text operator exactly as pdfminer makes chars.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, NamedTuple

from pdfminer.pdftypes import resolve1
from pdfminer.utils import decode_text

from parsers.thai_text import (
    COMBINING_MARKS,
    MARK_RANK,
    PUA_TO_THAI,
    ZERO_WIDTH,
    map_pua,
    repair_thai,
)

Char = dict[str, Any]

# --- Tolerances, relative to font size (never fixed points) ----------------------------------
ZERO_ADVANCE_EM = 0.05  # a glyph narrower than this advances nothing: a mark
MARK_REACH_EM = 0.35  # a mark sits within its base's box, or this close beside it
MARK_LOOKBACK = 32  # bases searched backwards for a mark drawn out of order
LINE_TOLERANCE_EM = 0.35  # baselines closer than this are one line
WORD_GAP_EM = 0.2  # a horizontal gap wider than this separates words (a space is ~0.25–0.33 em)
NON_STARTER_REACH_EM = 1.0  # what cannot start a word stays with the word this close before it

# --- What each glyph text is (data) ----------------------------------------------------------
# Single-character texts that attach to the preceding base, with the mark they stand for.
MARK_TEXTS: dict[str, str] = {mark: mark for mark in COMBINING_MARKS} | {
    pua: thai for pua, thai in PUA_TO_THAI.items() if thai in COMBINING_MARKS
}
# Glyphs that carry no Unicode: pdfminer gives "(cid:N)", Chromium's ToUnicode gives U+0000.
UNMAPPED_TEXTS = frozenset({"", "\x00", "\ufffd"})
# Texts that need a look beyond "an ordinary one-character base".
ZERO_WIDTH_CHARS = frozenset(ZERO_WIDTH)
SPECIAL_TEXTS = (
    frozenset(MARK_TEXTS) | frozenset(PUA_TO_THAI) | UNMAPPED_TEXTS | ZERO_WIDTH_CHARS | {" "}
)
# Glyphs with no proper Unicode, worth reading the content stream's /ActualText for: unmapped,
# or Private Use Area code points the PUA table does not know.
UNMAPPED_GLYPH = re.compile("[\x00\ufffd]|\\(cid:\\d+\\)")
PUA_CHAR = re.compile("[\ue000-\uf8ff]")
# A mark's place in the cluster's text: vowels, then tone marks, then a zero-width space that
# may stand for a lost NIKHAHIT (kept last so thai_text can rebuild SARA AM from it).
ZERO_WIDTH_MARK = "\u200b"
# No Thai word starts with these: SARA A, SARA AA, SARA AM, LAKKHANGYAO, combining marks.
NON_STARTERS = frozenset("\u0e30\u0e32\u0e33\u0e45" + COMBINING_MARKS)
CLUSTER_RANK = MARK_RANK | {ZERO_WIDTH_MARK: 2, "": 2}


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    words: tuple[Word, ...]


# --- Clusters ----------------------------------------------------------------------------------
def font_size(char: Char) -> float:
    return char.get("size") or (char["bottom"] - char["top"]) or 1.0


def has_zero_advance(char: Char) -> bool:
    return char["x1"] - char["x0"] < ZERO_ADVANCE_EM * font_size(char)


def attached_text(char: Char) -> str | None:
    """What `char` adds to the base before it, or None when it is a base itself."""
    text = char["text"]
    if text in MARK_TEXTS:
        return MARK_TEXTS[text]
    zero_advance = has_zero_advance(char)
    if text.isspace() or text in ZERO_WIDTH_CHARS:
        return ZERO_WIDTH_MARK if zero_advance else None
    if text in UNMAPPED_TEXTS or text.startswith("(cid:"):
        return "" if zero_advance else None  # an unnamed mark variant: its text is lost
    mapped = map_pua(text)
    return mapped if mapped[0] in MARK_TEXTS else None


def can_carry(base: Char, mark: Char) -> bool:
    """A base for `mark`: not a space, and level with it."""
    return (
        mark["top"] < base["bottom"] and mark["bottom"] > base["top"] and not base["text"].isspace()
    )


def base_for(mark: Char, bases: list[Char]) -> int | None:
    """Index of the base `mark` is drawn on: the most recent base whose box holds the mark's
    centre (usually the last one; a recent one when marks were drawn after later letters), else
    the last base when the mark lies just beside it."""
    centre = (mark["x0"] + mark["x1"]) / 2
    last = len(bases) - 1
    for index in range(last, max(-1, last - MARK_LOOKBACK), -1):
        base = bases[index]
        if base["x0"] <= centre <= base["x1"] and can_carry(base, mark):
            return index
    if last < 0 or not can_carry(bases[last], mark):
        return None
    reach = MARK_REACH_EM * font_size(bases[last])
    return last if bases[last]["x0"] - reach <= centre <= bases[last]["x1"] + reach else None


def with_text(char: Char, text: str) -> Char:
    return {**char, "text": text}


def cluster(base: Char, marks: list[tuple[str, Char]]) -> Char:
    """The base with its marks' text appended in the standard order; the base's geometry."""
    ordered = sorted(marks, key=lambda mark: CLUSTER_RANK.get(mark[0], 0))
    merged = with_text(base, base["text"] + "".join(text for text, _ in ordered))
    spacing = [char["x1"] for _, char in marks if not has_zero_advance(char)]
    if spacing:
        merged["x1"] = max(base["x1"], *spacing)
    return merged


def merge_marks(chars: Sequence[Char], page: Any | None = None) -> list[Char]:
    """A page's chars (content-stream order) → one char per cluster, marks merged into bases.

    With `page` (a pdfplumber page), Chromium's /ActualText spans replace the text of their
    glyphs when the page has glyphs without proper Unicode. Chars are not modified; merged
    clusters are new dicts, other chars are passed through.
    """
    if page is not None and has_suspect_glyphs(chars):
        chars = apply_actual_text(chars, page)
    bases: list[Char] = []
    marks: dict[int, list[tuple[str, Char]]] = {}
    for char in chars:
        text = char["text"]
        if len(text) == 1 and text not in SPECIAL_TEXTS:
            bases.append(char)  # the common case: an ordinary letter, digit or space
            continue
        mark = attached_text(char)
        index = base_for(char, bases) if mark is not None else None
        if index is not None:
            marks.setdefault(index, []).append((mark or "", char))
        elif text and text not in UNMAPPED_TEXTS:
            mapped = map_pua(text)
            bases.append(char if mapped == text else with_text(char, mapped))
    for index, its_marks in marks.items():
        bases[index] = cluster(bases[index], its_marks)
    return bases


# --- ActualText ------------------------------------------------------------------------------
def has_suspect_glyphs(chars: Sequence[Char]) -> bool:
    """Any glyph without proper Unicode: unmapped, U+FFFD, U+0000 or an unknown PUA code."""
    texts = "".join(char["text"] for char in chars)
    if UNMAPPED_GLYPH.search(texts) or "" in (char["text"] for char in chars):
        return True
    return any(pua not in PUA_TO_THAI for pua in PUA_CHAR.findall(texts))


def apply_actual_text(chars: Sequence[Char], page: Any) -> list[Char]:
    """Each /ActualText span's glyphs → one char carrying the span's text over their union box.

    The chars are left as they are when the content stream cannot be matched glyph for glyph
    with them (a cropped page, an unreadable stream).
    """
    try:
        found = actual_text_spans(page)
    except Exception:  # a stream pdfminer could render but this scanner cannot read
        return list(chars)
    if found is None or found[1] != len(chars):
        return list(chars)
    spans = found[0]
    result: list[Char] = []
    done = 0
    for start, end, text in spans:
        result.extend(chars[done:start])
        if text and end > start:  # an empty ActualText says its glyphs are no text
            result.append(span_char(chars[start:end], text))
        done = end
    result.extend(chars[done:])
    return result


def span_char(glyphs: Sequence[Char], text: str) -> Char:
    first = glyphs[0]
    return {
        **first,
        "text": text,
        "x0": min(g["x0"] for g in glyphs),
        "x1": max(g["x1"] for g in glyphs),
        "top": min(g["top"] for g in glyphs),
        "bottom": max(g["bottom"] for g in glyphs),
    }


# Content-stream tokens that matter for counting glyphs and marked content; numbers and other
# operators are skipped by the scan. Literal strings with nested parentheses fall back to
# `literal_end`.
DELIMITED = rb"(?<![^\s\[\]()<>{}/%])"
NOT_REGULAR = rb"(?![^\s\[\]()<>{}/%])"
TOKEN = re.compile(
    rb"(?=[(</%BEDTQq'\"])"  # a quick test of the first byte: re tries alternatives one by one
    # One string shown by Tj, the commonest case (Chromium shows one glyph per Tj), as one token.
    rb"(?:(?P<shown>(?:\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\s]*>)\s*Tj)" + NOT_REGULAR + rb"|"
    rb"(?P<string>\((?:[^()\\]|\\.)*\))"
    rb"|(?P<open>\()"
    rb"|(?P<hex><[0-9A-Fa-f\s]*>)"
    rb"|(?P<name>/[^\s/\[\]()<>{}%]*)"
    rb"|(?P<comment>%[^\r\n]*)"
    rb"|" + DELIMITED + rb"(?P<op>BDC|BMC|EMC|DP|Tf|Tj|TJ|Do|BI|q|Q|'|\")" + NOT_REGULAR + rb")",
    re.DOTALL,
)
ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|.)", re.DOTALL)
ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
INLINE_IMAGE_END = re.compile(rb"\sEI(?=\s|$)")
SHOW_TEXT = frozenset({b"Tj", b"TJ", b"'", b'"'})
MAX_FORM_DEPTH = 8


def unescape(body: bytes) -> bytes:
    def replace(match: re.Match[bytes]) -> bytes:
        code = match.group(1)
        if code[:1].isdigit():
            return bytes([int(code, 8) & 0xFF])
        if code in (b"\r\n", b"\n", b"\r"):
            return b""  # a line continuation
        return ESCAPES.get(code, code)

    return ESCAPE.sub(replace, body)


def literal_end(data: bytes, start: int) -> int:
    """End (exclusive) of the literal string opening at `start`, nested parentheses allowed."""
    depth, index = 0, start
    while index < len(data):
        byte = data[index]
        if byte == 0x5C:  # backslash
            index += 2
            continue
        depth += byte == 0x28
        depth -= byte == 0x29
        index += 1
        if depth == 0:
            return index
    return len(data)


def string_bytes(token: bytes) -> bytes:
    if token[:1] == b"<":
        digits = b"".join(token[1:-1].split())
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
    return unescape(token[1:-1])


def tokens(data: bytes) -> Iterator[tuple[str | None, bytes]]:
    """(kind, bytes) of the tokens that matter; inline images and comments skipped."""
    position = 0
    while True:
        for match in TOKEN.finditer(data, position):
            kind = match.lastgroup
            if kind == "open":  # a literal string with nested parentheses
                position = literal_end(data, match.start())
                yield "string", data[match.start() : position]
                break
            if kind == "op" and match.group() == b"BI":
                position = inline_image_end(data, match.end())
                break
            if kind != "comment":
                yield kind, match.group()
        else:
            return


class SpanScanner:
    """Walks a page's content stream as pdfminer does, counting the glyphs each text operator
    shows and noting which of them lie inside a marked-content sequence with /ActualText."""

    def __init__(self, rsrcmgr: Any) -> None:
        self.rsrcmgr = rsrcmgr
        self.glyphs = 0
        self.spans: list[tuple[int, int, str]] = []
        self.open_spans: list[tuple[int, str] | None] = []  # per BDC/BMC: (start, text) or None
        self.counts: dict[tuple[Any, bytes], int] = {}  # (font, string token) → glyphs

    def scan(self, data: bytes, resources: dict, depth: int = 0) -> None:
        fonts = dict_of(resources.get("Font"))
        font, saved_fonts = None, []
        strings: list[bytes] = []
        names: list[bytes] = []
        actual: str | None = None
        for kind, token in tokens(data):
            if kind == "shown":
                self.glyphs += self.count(font, token[: token.rindex(b"Tj")].rstrip())
                strings, names, actual = [], [], None
                continue
            if kind == "name":
                names.append(token)
                continue
            if kind != "op":
                if names and names[-1] == b"/ActualText" and actual is None:
                    actual = decode_text(string_bytes(token))
                else:
                    strings.append(token)
                continue
            if token in SHOW_TEXT:
                self.glyphs += sum(self.count(font, string) for string in strings)
            elif token == b"Tf" and names:
                font = self.font(fonts, names[-1])
            elif token == b"q":
                saved_fonts.append(font)
            elif token == b"Q" and saved_fonts:
                font = saved_fonts.pop()
            elif token == b"BDC":
                self.begin(actual if actual is not None else property_text(resources, names))
            elif token == b"BMC":
                self.begin(None)
            elif token == b"EMC":
                self.end()
            elif token == b"Do" and names:
                self.form(resources, names[-1], depth)
            strings, names, actual = [], [], None

    def count(self, font: Any, token: bytes) -> int:
        key = (font, token)
        if key not in self.counts:
            self.counts[key] = glyph_count(font, string_bytes(token))
        return self.counts[key]

    def begin(self, text: str | None) -> None:
        # An outer ActualText replaces everything inside it, inner spans included.
        inside_span = any(span is not None for span in self.open_spans)
        self.open_spans.append(None if inside_span or text is None else (self.glyphs, text))

    def end(self) -> None:
        if not self.open_spans:
            return
        span = self.open_spans.pop()
        if span is not None:
            start, text = span
            self.spans.append((start, self.glyphs, text))

    def font(self, fonts: dict, name: bytes) -> Any:
        spec = fonts.get(name[1:].decode("latin-1"))
        if spec is None:
            return self.rsrcmgr.get_font(None, {})
        objid = getattr(spec, "objid", None)
        return self.rsrcmgr.get_font(objid, dict_of(spec))

    def form(self, resources: dict, name: bytes, depth: int) -> None:
        xobject = resolve1(dict_of(resources.get("XObject")).get(name[1:].decode("latin-1")))
        if depth >= MAX_FORM_DEPTH or xobject is None or not hasattr(xobject, "get_data"):
            return
        subtype = resolve1(xobject.get("Subtype"))
        if getattr(subtype, "name", None) != "Form" or "BBox" not in xobject:
            return
        own = resolve1(xobject.get("Resources"))
        self.scan(xobject.get_data(), dict_of(own) if own else resources, depth + 1)


def dict_of(value: Any) -> dict:
    value = resolve1(value)
    return value if isinstance(value, dict) else {}


def glyph_count(font: Any, data: bytes) -> int:
    """Glyphs one string shows: pdfminer makes one char per code its font decodes."""
    if font is None:
        return 0  # pdfminer shows nothing before the first Tf
    codes = font.decode(data)
    return len(codes) if hasattr(codes, "__len__") else sum(1 for _ in codes)


def property_text(resources: dict, names: list[bytes]) -> str | None:
    """/Tag /Name BDC: the ActualText of a property list named in the resources."""
    if len(names) < 2:
        return None
    properties = dict_of(dict_of(resources.get("Properties")).get(names[-1][1:].decode("latin-1")))
    text = resolve1(properties.get("ActualText"))
    return decode_text(text) if isinstance(text, bytes) else None


def inline_image_end(data: bytes, position: int) -> int:
    end = INLINE_IMAGE_END.search(data, data.find(b"ID", position) + 2)
    return end.end() if end else len(data)


def actual_text_spans(page: Any) -> tuple[list[tuple[int, int, str]], int] | None:
    """(first glyph, end glyph, text) of each /ActualText span and the page's glyph count;
    None when the page's own content stream names no ActualText."""
    page_obj = page.page_obj
    data = b"".join(stream.get_data() for stream in page_obj.contents)
    if b"ActualText" not in data:
        return None
    scanner = SpanScanner(page.pdf.rsrcmgr)
    scanner.scan(data, dict_of(page_obj.resources))
    return sorted(scanner.spans), scanner.glyphs


# --- Words and lines -----------------------------------------------------------------------------
class Placed(NamedTuple):
    """A cluster with what placing it needs, read from its dict once."""

    baseline: float
    x0: float
    x1: float
    size: float
    text: str
    char: Char


def baseline(char: Char) -> float:
    """The baseline in top-down page coordinates (the text matrix's origin)."""
    matrix = char.get("matrix")
    if matrix is None or "y0" not in char:
        return char["bottom"]
    return char["bottom"] - (matrix[5] - char["y0"])


def place(char: Char) -> Placed:
    return Placed(baseline(char), char["x0"], char["x1"], font_size(char), char["text"], char)


def make_word(members: list[Placed]) -> Word | None:
    text = repair_thai("".join(member.text for member in members))
    if not text:
        return None
    return Word(
        text=text,
        x0=members[0].x0,
        x1=max(member.x1 for member in members),
        top=min(member.char["top"] for member in members),
        bottom=max(member.char["bottom"] for member in members),
        size=max(member.size for member in members),
    )


def split_words(row: list[Placed]) -> Iterator[list[Placed]]:
    """One line's clusters, left to right → words, split at spaces and at wide gaps, but never
    before what cannot start a Thai word (SARA AA, SARA AM, a mark): `ด าเนินการ` is one word
    whose NIKHAHIT was lost to a space, which thai_text then rebuilds."""
    word: list[Placed] = []
    right = size = 0.0
    space: Placed | None = None  # a space since the last cluster
    for member in row:
        if member.text.isspace():
            space = space or member
            continue
        gap = member.x0 - right
        em = size if size > member.size else member.size
        if word and (space is not None or gap > WORD_GAP_EM * em):
            if member.text[0] in NON_STARTERS and gap <= NON_STARTER_REACH_EM * em:
                if space:
                    word.append(space)  # kept: thai_text reads it as the lost NIKHAHIT
            else:
                yield word
                word = []
        space = None
        if word:
            right = member.x1 if member.x1 > right else right
            size = member.size if member.size > size else size
        else:
            right, size = member.x1, member.size
        word.append(member)
    if word:
        yield word


def make_line(row: list[Placed]) -> Line | None:
    row.sort(key=attrgetter("x0"))
    words = tuple(word for members in split_words(row) if (word := make_word(members)))
    if not words:
        return None
    return Line(
        text=" ".join(word.text for word in words),
        x0=words[0].x0,
        x1=max(word.x1 for word in words),
        top=min(word.top for word in words),
        bottom=max(word.bottom for word in words),
        words=words,
    )


def group_rows(placed: list[Placed]) -> list[list[Placed]]:
    """Clusters → rows of one baseline each (within a tolerance relative to font size)."""
    placed.sort(key=attrgetter("baseline"))
    rows: list[list[Placed]] = []
    anchor = reach = 0.0
    for member in placed:
        if rows and member.baseline - anchor <= max(reach, LINE_TOLERANCE_EM * member.size):
            rows[-1].append(member)
            reach = max(reach, LINE_TOLERANCE_EM * member.size)
        else:
            rows.append([member])
            anchor, reach = member.baseline, LINE_TOLERANCE_EM * member.size
    return rows


def chars_to_lines(chars: Iterable[Char]) -> list[Line]:
    """Clusters (from merge_marks) → lines top to bottom, each with its words left to right.

    Rotated (non-upright) text is left out: nothing in these reports is printed sideways, and
    its words cannot be placed on horizontal lines.
    """
    placed = [place(char) for char in chars if char.get("upright", True)]
    return [line for row in group_rows(placed) if (line := make_line(row))]


def chars_to_words(chars: Iterable[Char]) -> list[Word]:
    return [word for line in chars_to_lines(chars) for word in line.words]
