"""Damaged PDFs made from the committed samples, with fixed seeds: case `i` of seed `s` is the
same file on every machine. Byte-level mutations damage the file as a disk or a transfer
would; structural ones (pikepdf) keep the file well-formed and damage what its objects say,
as a broken PDF writer would. The hand-built files (`handmade.py`) and the bombs (`bombs.py`)
come first.
"""

from __future__ import annotations

import functools
import io
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from tests.hostile.bombs import BOMBS
from tests.hostile.handmade import HANDMADE

SAMPLES = Path(__file__).resolve().parents[2] / "sample_reports"
SEED = 13
MIN_SAMPLE_BYTES = 1024  # the not-a-PDF samples (empty, a PNG) have nothing to damage
ATTEMPTS = 5
UNTOUCHED = ("/Type", "/Length")  # pikepdf writes /Length itself


@dataclass(frozen=True)
class Case:
    name: str  # a file name, unique within a run
    kind: str  # what was tried, a row of the table
    data: bytes


def samples() -> list[Path]:
    return sorted(
        p for p in SAMPLES.glob("*.pdf") if p.stat().st_size >= MIN_SAMPLE_BYTES and not scanned(p)
    )


def scanned(sample: Path) -> bool:
    """A scanned sample (`NAME.ocr-expected.json`): each of its pages is read from its image,
    seconds a page, and the time limit grows by 10 s a page (a mutated scan of 9 pages may
    take most of a minute); OCR's own tests parse them. Kept out so the run stays fast."""
    return sample.with_suffix(".ocr-expected.json").exists()


# Byte-level mutations: (data, rng) -> damaged bytes.


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randint(len(data) // 10, len(data) * 95 // 100)]


def delete_span(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 4000) :]


def duplicate_span(data: bytes, rng: random.Random) -> bytes:
    start, length, at = rng.randrange(len(data)), rng.randint(1, 4000), rng.randrange(len(data))
    return data[:at] + data[start : start + length] + data[at:]


# PDF tokens a damaged writer swaps for one another.
TOKENS = [b"obj", b"endobj", b"stream", b"endstream", b" R", b">>", b"<<", b"[", b"]", b"/Length"]


def swap_tokens(data: bytes, rng: random.Random) -> bytes:
    out = data
    for _ in range(rng.randint(1, 6)):
        old, new = rng.choice(TOKENS), rng.choice(TOKENS)
        found = out.find(old, rng.randrange(len(out)))
        if found >= 0:
            out = out[:found] + new + out[found + len(old) :]
    return out


def change_digits(data: bytes, rng: random.Random) -> bytes:
    """Digits changed: object numbers, lengths, offsets in the cross-reference table."""
    out = bytearray(data)
    digits = b"0123456789"
    for _ in range(rng.randint(1, 20)):
        at = rng.randrange(len(out))
        while at < len(out) and out[at] not in digits:
            at += 1
        if at < len(out):
            out[at] = rng.choice(digits)
    return bytes(out)


# Structural mutations: (pdf, rng) -> None, on pikepdf's objects.


def dictionaries(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    return [obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream)]


def some_key(obj: pikepdf.Object, rng: random.Random) -> str | None:
    keys = sorted(k for k in obj.keys() if k not in UNTOUCHED)  # noqa: SIM118 (a stream too)
    return rng.choice(keys) if keys else None


def refer_to_itself(pdf: pikepdf.Pdf, rng: random.Random) -> None:
    """A value that is its own dictionary: a font that descends from itself, a cycle."""
    obj = rng.choice(dictionaries(pdf))
    key = some_key(obj, rng) or "/Parent"
    obj[key] = pikepdf.Array([obj]) if rng.random() < 0.5 else obj


WRONG_VALUES: list[Callable[[], object]] = [
    lambda: pikepdf.Name("/Ninety"),
    lambda: pikepdf.String("x"),
    lambda: -1,
    lambda: 2**40,
    lambda: 1.5,
    lambda: pikepdf.Array([]),
    lambda: pikepdf.Array([pikepdf.Name("/A"), 1]),
    lambda: pikepdf.Dictionary(),
    lambda: False,
]


def wrong_type(pdf: pikepdf.Pdf, rng: random.Random) -> None:
    for _ in range(rng.randint(1, 5)):
        obj = rng.choice(dictionaries(pdf))
        key = some_key(obj, rng)
        if key is not None:
            obj[key] = rng.choice(WRONG_VALUES)()


def drop_key(pdf: pikepdf.Pdf, rng: random.Random) -> None:
    for _ in range(rng.randint(1, 5)):
        obj = rng.choice(dictionaries(pdf))
        key = some_key(obj, rng)
        if key is not None:
            del obj[key]


def streams(pdf: pikepdf.Pdf) -> list[pikepdf.Stream]:
    return [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream)]


def damage_stream_content(pdf: pikepdf.Pdf, rng: random.Random) -> None:
    """A content stream, font program or ToUnicode map with damaged insides, re-compressed."""
    for _ in range(rng.randint(1, 3)):
        stream = rng.choice(streams(pdf))
        try:
            content = stream.read_bytes()
        except pikepdf.PdfError:
            continue
        if content:
            mutation = rng.choice([flip_bytes, delete_span, duplicate_span, swap_tokens])
            stream.write(mutation(content, rng))


FILTERS = ["/ASCII85Decode", "/ASCIIHexDecode", "/LZWDecode", "/RunLengthDecode", "/DCTDecode"]


def wrong_filter(pdf: pikepdf.Pdf, rng: random.Random) -> None:
    stream = rng.choice(streams(pdf))
    stream.Filter = pikepdf.Name(rng.choice(FILTERS))


BYTE_MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "bytes: flipped": flip_bytes,
    "bytes: truncated": truncate,
    "bytes: span deleted": delete_span,
    "bytes: span duplicated": duplicate_span,
    "bytes: tokens swapped": swap_tokens,
    "bytes: digits changed": change_digits,
}
STRUCTURAL_MUTATIONS: dict[str, Callable[[pikepdf.Pdf, random.Random], None]] = {
    "objects: refer to themselves": refer_to_itself,
    "objects: values of the wrong type": wrong_type,
    "objects: keys dropped": drop_key,
    "objects: stream insides damaged": damage_stream_content,
    "objects: wrong stream filter": wrong_filter,
}
KINDS = [*BYTE_MUTATIONS, *STRUCTURAL_MUTATIONS]


def mutate_structure(
    data: bytes, mutation: Callable[[pikepdf.Pdf, random.Random], None], rng: random.Random
) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        mutation(pdf, rng)
        out = io.BytesIO()
        pdf.save(out, static_id=True)  # the same bytes on every run
        return out.getvalue()


@functools.cache
def opens_with_pikepdf(path: Path) -> bool:
    try:
        pikepdf.open(path).close()
    except (pikepdf.PasswordError, pikepdf.PdfError):  # a password; a sample already broken
        return False
    return True


def mutated(index: int, seed: int, sources: list[Path]) -> Case:
    """Mutation case `index`: the kinds in turn, each on a sample the seed picks."""
    rng = random.Random(seed * 1_000_003 + index)
    kind = KINDS[index % len(KINDS)]
    if kind in STRUCTURAL_MUTATIONS:
        sources = [p for p in sources if opens_with_pikepdf(p)]
    source = sources[rng.randrange(len(sources))]
    data = source.read_bytes()
    if kind in BYTE_MUTATIONS:
        return Case(f"{index:04d}-{source.stem}.pdf", kind, BYTE_MUTATIONS[kind](data, rng))
    for _attempt in range(ATTEMPTS):  # pikepdf refuses to write a few: draw again
        try:
            damaged = mutate_structure(data, STRUCTURAL_MUTATIONS[kind], rng)
        except (pikepdf.PdfError, KeyError, ValueError, TypeError, RuntimeError):
            continue
        return Case(f"{index:04d}-{source.stem}.pdf", kind, damaged)
    return Case(f"{index:04d}-{source.stem}.pdf", "bytes: flipped", flip_bytes(data, rng))


def hostile_cases(count: int, seed: int = SEED) -> Iterator[Case]:
    """`count` damaged files: the hand-built ones and the bombs first, then mutations of the
    samples."""
    handmade = [
        Case(f"handmade-{name}.pdf", f"hand-built: {name}", build())
        for name, build in HANDMADE.items()
    ] + [Case(f"bomb-{name}.pdf", f"bomb: {name}", build()) for name, build in BOMBS.items()]
    yield from handmade[:count]
    sources = samples()
    for index in range(max(0, count - len(handmade))):
        yield mutated(index, seed, sources)
