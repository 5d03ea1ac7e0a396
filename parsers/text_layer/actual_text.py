"""Chromium's /ActualText spans, read from a page's content stream.

Chromium marks each cluster whose glyphs do not map one-to-one to Unicode with a
`/Span <</ActualText (…)>> BDC … EMC` sequence; fonts shaped by OpenType (Noto Sans Thai, Sarabun)
give such glyphs no Unicode at all (U+0000). pdfplumber only reads ActualText from the structure
tree, so when a page has glyphs without Unicode (U+0000, U+FFFD, `(cid:N)`, a PUA code point the
PUA table does not know) its content stream is scanned for those spans: a regex scan, a few ms a
page, counting glyphs per text operator exactly as pdfminer makes chars.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import product
from typing import Any, TypedDict, cast

from pdfminer.pdftypes import resolve1
from pdfminer.utils import decode_text

from parsers.language.thai_text import PUA_TO_THAI
from parsers.layout.page_objects import PdfChar
from parsers.text_layer.to_unicode import font_of

Char = PdfChar  # a pdfplumber char (or the PDFium reader's, made alike)

# A PDF dictionary as pdfminer gives it (a font, a font map, an XObject's): its values are PDF
# objects of any kind (numbers, names, strings, arrays, dictionaries, streams, indirect
# references), narrowed where read (`dict_of`, `resolve1`, isinstance).
PdfDict = dict[str, object]


class PdfResources(TypedDict, total=False):
    """The entries of a resource dictionary that raingan reads: the fonts and forms a content
    stream names, its property lists (here), and patterns (for their fonts: the PDFium
    reader's `font_programs`). Each a PDF object, maybe an indirect reference."""

    Font: object
    XObject: object
    Pattern: object
    Properties: object


# Glyphs with no proper Unicode, worth reading the content stream's /ActualText for: unmapped,
# or Private Use Area code points the PUA table does not know.
UNMAPPED_GLYPH = re.compile("[\x00\ufffd]|\\(cid:\\d+\\)")
PUA_CHAR = re.compile("[\ue000-\uf8ff]")


def has_suspect_glyphs(chars: Sequence[Char]) -> bool:
    """Any glyph without proper Unicode: unmapped, U+FFFD, U+0000 or an unknown PUA code."""
    each = [char["text"] for char in chars]
    texts = "".join(each)
    if UNMAPPED_GLYPH.search(texts) or "" in each:
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
# `literal_end`. Every branch of the pattern starts with a literal byte, its group (if any)
# after it, so that re skips at once to the bytes that can start a token (a lookaround first
# makes it try every byte of the stream, twice the time); an operator is delimited on its left
# by a look behind its end.
REGULAR = rb"[^\s\[\]()<>{}/%]"  # a byte that is neither whitespace nor a delimiter
NOT_REGULAR = rb"(?!" + REGULAR + rb")"
LITERAL_REST = rb"(?:[^()\\]|\\.)*\)"  # a literal string after its `(`, no nested one
HEX_REST = rb"[0-9A-Fa-f\s]*>"  # a hex string after its `<`
OPERATORS = (
    *(b"BDC", b"BMC", b"EMC", b"DP", b"Tf", b"Tj", b"TJ", b"Do", b"BI", b"BT"),
    *(b"Td", b"TD", b"Tm", b"T*", b"q", b"Q", b"'", b'"'),
)


def operator_branch(operator: bytes) -> bytes:
    """`operator` as a token: no regular byte just before it, nor just after it."""
    escaped = re.escape(operator)
    return escaped + rb"(?<!" + REGULAR + escaped + rb")" + NOT_REGULAR


TOKEN = re.compile(
    # A text-positioning operator and one string shown by Tj after it, as one token: Chromium
    # places each glyph so (`9.49 0 Td <0056> Tj`).
    rb"T[dDm*](?<!" + REGULAR + rb"T[dDm*])\s*"
    rb"(?P<moved>\("
    + LITERAL_REST
    + rb"|<"
    + HEX_REST
    + rb")\s*Tj"
    + NOT_REGULAR
    # One string shown by Tj, the commonest case (Chromium shows one glyph per Tj), as one token.
    + rb"|\((?P<shown_literal>"
    + LITERAL_REST
    + rb")\s*Tj"
    + NOT_REGULAR
    + rb"|<(?P<shown_hex>"
    + HEX_REST
    + rb")\s*Tj"
    + NOT_REGULAR
    + rb"|\((?P<string>"
    + LITERAL_REST
    + rb")"
    rb"|\((?P<open>)"
    rb"|<(?P<hex>" + HEX_REST + rb")"
    rb"|/(?P<name>[^\s/\[\]()<>{}%]*)"
    rb"|%(?P<comment>[^\r\n]*)"
    rb"|" + b"|".join(operator_branch(operator) for operator in OPERATORS),
    re.DOTALL,
)
ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|.)", re.DOTALL)
ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
INLINE_IMAGE_END = re.compile(rb"\sEI(?=\s|$)")
SHOW_TEXT = frozenset({b"Tj", b"TJ", b"'", b'"'})
# Where the next glyph starts, as the stream says it (not where the glyph before it ended).
TEXT_MOVES = frozenset({b"BT", b"Td", b"TD", b"Tm", b"T*"})
MOVING_SHOWS = frozenset({b"'", b'"'})  # to the next line, then shown
MAX_FORM_DEPTH = 8


def unescape(body: bytes) -> bytes:
    if b"\\" not in body:  # most strings hold no escape
        return body
    return ESCAPE.sub(unescaped, body)


def unescaped(match: re.Match[bytes]) -> bytes:
    """One escape's bytes: looked up (a string of octal escapes, as Thai text in a simple
    font is written, makes one call here per glyph), else worked out."""
    known = UNESCAPED.get(match.group())
    return known if known is not None else escaped_bytes(match.group(1))


def escaped_bytes(code: bytes) -> bytes:
    """What `\\code` stands for (`ESCAPE`'s group)."""
    if code[:1].isdigit():
        return bytes([int(code, 8) & 0xFF])
    if code in (b"\r\n", b"\n", b"\r"):
        return b""  # a line continuation
    return ESCAPES.get(code, code)


def escape_table() -> dict[bytes, bytes]:
    """Every escape `ESCAPE` matches → its bytes: octal codes of one to three digits, a line
    continuation, and a backslash before any other byte (`\\8`, `\\9`, which int() refuses,
    left to `escaped_bytes`)."""
    octal = [
        "".join(digits).encode()
        for length in (1, 2, 3)
        for digits in product("01234567", repeat=length)
    ]
    others = [bytes([byte]) for byte in range(256) if not bytes([byte]).isdigit()]
    return {b"\\" + code: escaped_bytes(code) for code in [*octal, *others, b"\r\n"]}


UNESCAPED = escape_table()


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
    """(kind, bytes) of the tokens that matter; inline images and comments skipped. A string
    shown by Tj is given as the string alone (kind "shown"; "moved" where a text-positioning
    operator came just before it)."""
    position = 0
    while True:
        for match in TOKEN.finditer(data, position):
            kind = match.lastgroup or "op"  # (an operator's branch has no group)
            if kind == "moved":
                yield kind, match.group(kind)
                continue
            if kind == "shown_literal" or kind == "shown_hex":  # the string, from its start
                yield "shown", data[match.start() : match.end(kind)]
                continue
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

    def scan(self, data: bytes, resources: PdfResources, depth: int = 0) -> None:
        fonts = dict_of(resources.get("Font"))
        named: dict[bytes, Any] = {}  # this stream's fonts by name (`font`)
        font, saved_fonts = None, []
        strings: list[bytes] = []
        names: list[bytes] = []
        actual: str | None = None
        show, move, count = self.show, self.move, self.count
        for kind, token in tokens(data):
            if kind == "shown" or kind == "moved":  # (Chromium: once a glyph)
                if kind == "moved":
                    move()
                show(count(font, token))
                if strings or names or actual is not None:
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
                if token in MOVING_SHOWS:
                    move()
                show(sum(count(font, string) for string in strings))
            elif token in TEXT_MOVES:
                move()
            elif token == b"Tf" and names:
                font = named.get(names[-1]) or self.font(fonts, names[-1], named)
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

    def show(self, glyphs: int) -> None:
        """One text-showing operator's glyphs."""
        self.glyphs += glyphs

    def move(self) -> None:
        """A text-positioning operator (BT, Td, TD, Tm, T*, or ' and " before they show)."""

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

    def font(self, fonts: PdfDict, name: bytes, named: dict[bytes, Any]) -> Any:
        """The font a Tf names. One pdfminer caches (an indirect object) is kept in `named`
        for the stream's next Tf of it: the same object, without resolving its dictionary
        again (Chromium sets the font before each glyph). One it does not (a direct
        dictionary) is made anew each time, as before."""
        spec = fonts.get(name[1:].decode("latin-1"))
        if spec is None:
            return self.rsrcmgr.get_font(None, {})
        objid = getattr(spec, "objid", None)
        font = font_of(self.rsrcmgr, objid, dict_of(spec))  # its ToUnicode map read fast
        if objid and self.rsrcmgr.caching:
            named[name] = font
        return font

    def form(self, resources: PdfResources, name: bytes, depth: int) -> None:
        xobject = resolve1(dict_of(resources.get("XObject")).get(name[1:].decode("latin-1")))
        if depth >= MAX_FORM_DEPTH or xobject is None or not hasattr(xobject, "get_data"):
            return
        subtype = resolve1(xobject.get("Subtype"))
        if getattr(subtype, "name", None) != "Form" or "BBox" not in xobject:
            return
        own = resolve1(xobject.get("Resources"))
        self.scan(xobject.get_data(), resources_of(own) if own else resources, depth + 1)


def dict_of(value: object) -> PdfDict:
    value = resolve1(value)
    return value if isinstance(value, dict) else {}


def resources_of(value: object) -> PdfResources:
    """A resource dictionary, or an empty one (any PDF dictionary is one whose entries may be
    any of PdfResources': nothing of it is taken for more)."""
    return cast(PdfResources, dict_of(value))


def glyph_count(font: Any, data: bytes) -> int:
    """Glyphs one string shows: pdfminer makes one char per code its font decodes."""
    if font is None:
        return 0  # pdfminer shows nothing before the first Tf
    codes = font.decode(data)
    return len(codes) if hasattr(codes, "__len__") else sum(1 for _ in codes)


def property_text(resources: PdfResources, names: list[bytes]) -> str | None:
    """/Tag /Name BDC: the ActualText of a property list named in the resources."""
    if len(names) < 2:
        return None
    properties = dict_of(dict_of(resources.get("Properties")).get(names[-1][1:].decode("latin-1")))
    text = resolve1(properties.get("ActualText"))
    return decode_text(text) if isinstance(text, bytes) else None


def inline_image_end(data: bytes, position: int) -> int:
    """Where the inline image whose BI ends at `position` ends: after the EI that follows its
    ID; the stream's end without one (its data was searched from the stream's start then, and
    an EI before the BI sent the scan back to it, for ever)."""
    start = data.find(b"ID", position)
    if start < 0:
        return len(data)
    end = INLINE_IMAGE_END.search(data, start + 2)
    return end.end() if end else len(data)


Spans = tuple[list[tuple[int, int, str]], int] | None  # `actual_text_spans`
# Set on a pdfplumber page whose stream was scanned already (the PDFium reader's
# `page_glyphs`, with a SpanScanner of its own): its spans, not scanned again.
SCANNED_SPANS = "_raingan_actual_text_spans"


def actual_text_spans(page: Any) -> Spans:
    """(first glyph, end glyph, text) of each /ActualText span and the page's glyph count;
    None when the page's own content stream names no ActualText."""
    if hasattr(page, SCANNED_SPANS):
        return cast(Spans, getattr(page, SCANNED_SPANS))
    page_obj = page.page_obj
    data = b"".join(stream.get_data() for stream in page_obj.contents)
    if b"ActualText" not in data:
        return None
    scanner = SpanScanner(page.pdf.rsrcmgr)
    scanner.scan(data, resources_of(page_obj.resources))
    return scanned_spans(scanner)


def scanned_spans(scanner: SpanScanner) -> Spans:
    return sorted(scanner.spans), scanner.glyphs
