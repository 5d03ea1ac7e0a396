"""File names as an untrusted inbox gives them: bytes in any encoding (a Thai name in TIS-620 from
a Windows machine), held by Python as text with surrogate escapes, perhaps with control
characters (an ANSI escape sequence) in them.

Neither PostgreSQL's text nor a terminal can take such a name as it is: the database keeps a
readable form (`readable_name`: bytes that are not UTF-8 written `\\xNN`, control characters
`\\xNN` below 0x80 and `\\uNNNN` above, a backslash `\\\\`), which is also what a terminal
shows, and beside it the raw bytes (`name_bytes`) whenever the readable form differs from the
name, so that the file can always be found again. The readable form is one-to-one with the
name's bytes: the text `c-\\xff.pdf` and a name holding the byte 0xFF never read the same (the
inbox ledger is keyed on it).
"""

from __future__ import annotations

import unicodedata

# Characters that would reorder or hide what a terminal shows: bidirectional overrides.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def raw_bytes(name: str) -> bytes:
    """The bytes a name stood for on disk (undecodable bytes come back as they were)."""
    try:
        return name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that no file system gave: keep it all the same
        return name.encode("utf-8", "surrogatepass")


def escaped(character: str) -> str:
    """One character of a name (bytes that are not UTF-8 held as surrogates) as it reads."""
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8: the only `\\xNN` from 0x80 up
        return f"\\x{code - 0xDC00:02x}"
    if character == "\\":  # else `\\xff` written as text would read as the byte 0xFF
        return "\\\\"
    if unicodedata.category(character) == "Cc" or character in BIDI_CONTROLS:
        return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"
    return character


def readable_name(name: str) -> str:
    """`name` as valid UTF-8 text without control characters, one-to-one with its bytes:
    undecodable bytes written `\\xNN`, control characters `\\xNN` (below 0x80) or `\\uNNNN`,
    bidirectional overrides `\\uNNNN`, a backslash `\\\\`."""
    if name.isprintable() and "\\" not in name:  # the usual case, cheaply
        return name
    text = raw_bytes(name).decode("utf-8", "surrogateescape")
    return "".join(escaped(character) for character in text)


def name_bytes(name: str) -> bytes | None:
    """The raw bytes of a name whose readable form differs from it; None for a plain name."""
    return None if readable_name(name) == name else raw_bytes(name)


def storable_text(text: str) -> str:
    """Any text (a message naming a file) as a database can hold it: surrogates written
    `\\xNN`, NUL characters (which PostgreSQL's text refuses) as `\\x00`."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = raw_bytes(text).decode("utf-8", "backslashreplace")
    return text.replace("\x00", "\\x00")
