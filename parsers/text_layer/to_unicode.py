"""A font's ToUnicode map read fast, as pdfminer reads it, where it is written the usual way.

pdfminer reads a ToUnicode CMap with its PostScript parser, in Python, token by token: about a
tenth of the PDFium reader's time over the samples went to it. Every producer seen writes the
same few forms (a header, `def`s, one codespace range, `beginbfchar` and `beginbfrange` blocks
of hex strings, the usual trailer): `read_to_unicode` reads exactly those, token by token with
one pattern, doing what pdfminer's `CMapParser` does with each (the same `FileUnicodeMap`, its
entries added by its own `add_cid2unichr` in the same order, so that the cap on a map's entries,
`parsers.safety.inflation`, counts them alike), and gives up (None) at anything else: pdfminer
then reads the map itself. `font_of` loads a font with its map so read.
"""

from __future__ import annotations

import re
from typing import Any

from pdfminer.cmapdb import FileUnicodeMap
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psparser import KWD, LIT, PSLiteral

# One token of a ToUnicode CMap, after any whitespace: a hex string of whole bytes, a
# dictionary's brackets, a name (no `#` escape), a literal string (no escape, no parenthesis),
# an unsigned integer, or a keyword; each ending where pdfminer's tokenizer ends it. Anything
# else (comments, arrays, escapes, reals, signs) matches nothing, and the map is left to
# pdfminer.
DELIMITER = rb"\s#/%\[\]()<>{}"
TOKEN = re.compile(
    rb"\s*(?:<(?P<hex>(?:[0-9A-Fa-f]{2})*)>"
    rb"|(?P<dictionary><<|>>)"
    rb"|/(?P<name>[^" + DELIMITER + rb"]*)"
    rb"|\((?P<string>[^()\\]*)\)"
    rb"|(?P<integer>[0-9]+)(?![^" + DELIMITER + rb"])"
    rb"|(?P<keyword>[A-Za-z][^" + DELIMITER + rb"]*))"
)
TRAILING_SPACE = re.compile(rb"\s*")
# Keywords after which pdfminer's CMapParser drops every operand read so far.
CLEARING = frozenset(
    {
        b"begincodespacerange",
        b"endcodespacerange",
        b"beginbfchar",
        b"beginbfrange",
        b"begincidrange",
        b"begincidchar",
        b"beginnotdefrange",
        b"endnotdefrange",
    }
)
# Keywords that ask for what is not read here (another CMap, CIDs): left to pdfminer.
NOT_READ = frozenset({b"usecmap", b"endcidrange", b"endcidchar"})
LARGEST_CODE = 0xFFFFFFFF  # pdfminer packs a range's codes as four bytes


class NotUsual(Exception):
    """A map written otherwise than `read_to_unicode` reads: pdfminer reads it."""


def read_to_unicode(data: bytes) -> FileUnicodeMap | None:
    """The map pdfminer's CMapParser makes of `data`, or None where it is not written in the
    usual forms (`TOKEN`)."""
    try:
        return CMapReading(data).run()
    except NotUsual:
        return None


class CMapReading:
    """pdfminer's CMapParser over the tokens `TOKEN` reads: its operand stack (never flushed:
    pdfminer's parser reads the whole stream as one object), `begincmap` … `endcmap`, and what
    each keyword does inside them."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.map = FileUnicodeMap()
        self.stack: list[object] = []
        self.dictionaries: list[list[object]] = []  # the stacks of the dictionaries opened
        self.in_cmap = True  # as pdfminer: some maps have no `begincmap`

    def run(self) -> FileUnicodeMap:
        data, match, end = self.data, TOKEN.match, len(self.data)
        position = 0
        while position < end:
            token = match(data, position)
            if token is None:
                if TRAILING_SPACE.match(data, position).end() == end:  # type: ignore[union-attr]
                    break
                raise NotUsual
            position = token.end()
            kind = token.lastgroup
            if kind == "hex":
                self.stack.append(bytes.fromhex(token.group("hex").decode()))
            elif kind == "integer":
                self.stack.append(int(token.group("integer")))
            elif kind == "string":
                self.stack.append(token.group("string"))
            elif kind == "name":
                self.stack.append(LIT(token.group("name").decode("utf-8")))
            elif kind == "dictionary":
                self.bracket(token.group("dictionary"))
            else:
                self.keyword(token.group("keyword"))
        if self.dictionaries:
            raise NotUsual  # pdfminer would have dropped an unclosed dictionary's contents
        return self.map

    def bracket(self, bracket: bytes) -> None:
        if bracket == b"<<":
            self.dictionaries.append(self.stack)
            self.stack = []
            return
        if not self.dictionaries or len(self.stack) % 2:
            raise NotUsual
        items, self.stack = self.stack, self.dictionaries.pop()
        keys = [key for key in items[::2] if isinstance(key, PSLiteral)]
        if len(keys) != len(items) // 2:
            raise NotUsual  # pdfminer reads a key of another kind as its text
        self.stack.append(
            {name_of(key): value for key, value in zip(keys, items[1::2], strict=True)}
        )

    def keyword(self, word: bytes) -> None:
        if word in (b"true", b"false"):
            self.stack.append(word == b"true")
            return
        if self.dictionaries or word in NOT_READ:
            raise NotUsual
        if word == b"begincmap":
            self.in_cmap = True
            self.stack = []
        elif word == b"endcmap":
            self.in_cmap = False
        elif not self.in_cmap:
            return  # dropped, as pdfminer drops it
        elif word == b"def":
            self.define()
        elif word in CLEARING:
            self.stack = []
        elif word == b"endbfchar":
            self.add_chars(self.take_all())
        elif word == b"endbfrange":
            self.add_ranges(self.take_all())
        else:
            self.stack.append(KWD(word))  # kept on the stack, as pdfminer keeps an unknown one

    def take_all(self) -> list[object]:
        operands, self.stack = self.stack, []
        return operands

    def define(self) -> None:
        """`/key value def`: one of the map's attributes (pdfminer's `set_attr`)."""
        if len(self.stack) < 2 or not isinstance(self.stack[-2], PSLiteral):
            raise NotUsual
        key, value = self.stack[-2:]
        del self.stack[-2:]
        assert isinstance(key, PSLiteral)
        self.map.set_attr(name_of(key), value)

    def add_chars(self, operands: list[object]) -> None:
        """`<code> <text>` pairs (pdfminer reads the codes of any length as one number)."""
        if len(operands) % 2 or not all(isinstance(operand, bytes) for operand in operands):
            raise NotUsual
        add = self.map.add_cid2unichr
        for code, text in zip(operands[::2], operands[1::2], strict=True):
            assert isinstance(code, bytes) and isinstance(text, bytes)
            add(int.from_bytes(code, "big"), text)

    def add_ranges(self, operands: list[object]) -> None:
        """`<first> <last> <text>` triples: each code of the range takes the text after the one
        before it (its last four bytes counted up, as pdfminer packs them)."""
        if len(operands) % 3 or not all(isinstance(operand, bytes) for operand in operands):
            raise NotUsual
        add = self.map.add_cid2unichr
        for index in range(0, len(operands), 3):
            first, last, text = operands[index : index + 3]
            assert isinstance(first, bytes) and isinstance(last, bytes)
            assert isinstance(text, bytes)
            if len(first) != len(last) or not text:
                raise NotUsual  # pdfminer skips it with a warning, or packs an empty text
            start, end = int.from_bytes(first, "big"), int.from_bytes(last, "big")
            prefix, counted = text[:-4], text[-4:]
            base, width = int.from_bytes(counted, "big"), len(counted)
            if base + max(end - start, 0) > LARGEST_CODE:
                raise NotUsual  # pdfminer fails packing it
            for offset in range(end - start + 1):
                add(start + offset, prefix + (base + offset).to_bytes(4, "big")[-width:])


def name_of(literal: PSLiteral) -> str:
    name = literal.name
    return name if isinstance(name, str) else str(name, "utf-8")


def font_of(manager: Any, objid: object, spec: dict[str, object]) -> Any:
    """`manager.get_font(objid, spec)` (pdfminer's resource manager), the font's ToUnicode map
    read by `read_to_unicode` where it reads it: the font is made by pdfminer with an empty
    map stream in its place (the same branch of its code), then given the map. A map that
    cannot be read so, or fails to inflate, is left to pdfminer, which says what is wrong."""
    cached = getattr(manager, "_cached_fonts", None)
    if objid and cached is not None and objid in cached:
        return manager.get_font(objid, spec)
    stream = resolve1(spec.get("ToUnicode"))
    if not isinstance(stream, PDFStream):
        return manager.get_font(objid, spec)
    try:
        unicode_map = read_to_unicode(stream.get_data())
    except Exception:  # a stream that fails to inflate: pdfminer meets it again where it did
        unicode_map = None
    if unicode_map is None:
        return manager.get_font(objid, spec)
    font = manager.get_font(objid, {**spec, "ToUnicode": PDFStream({}, b"")})
    font.unicode_map = unicode_map
    return font
