"""sample_reports/README.md: the corpus at a glance, written from the catalogue and the
committed expected documents (tests check that it is current)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from sample_reports.generator.catalogue import (
    REJECTS,
    SAMPLES,
    SAMPLES_DIR,
    Sample,
    expected_path,
    ocr_expected_path,
)

INDEX = SAMPLES_DIR / "README.md"
HEADER = """# Sample reports

Made by `sample_reports/generator` (`make samples`, or `.venv/bin/python -m
sample_reports.generator [--only NAME-GLOB]` from the repository root; fixed seeds, byte-identical
rebuilds). Beside each `NAME.pdf`: `NAME.expected.json`, the contract document a parser must
print for it (built from the generator's data model; findings from `checks`), and
`NAME.evidence.json` (`checks.Evidence`: the pages of each section, the marks of rows with no
status). Files to reject have `{"rejected": {"code": ...}}` instead. Scans (producer `… +
scan`) have two documents: `NAME.expected.json` without OCR (`RAINGAN_OCR=off`, or no
Tesseract) and `NAME.ocr-expected.json` with it; their evidence is the one read with OCR; the
table gives the pages and findings with OCR, then without. Many more reports for
benchmarks: `.venv/bin/python -m sample_reports.generator.bulk --n N --out DIR [--seed S]`.
This file is generated: do not edit.

| file | producer | pages | findings | what it exercises |
| --- | --- | --- | --- | --- |
"""


def finding_summary(findings: list[dict]) -> str:
    if not findings:
        return "0"
    rules = Counter(f["rule"] for f in findings)
    return f"{len(findings)} ({', '.join(f'{rule} {n}' for rule, n in rules.items())})"


def read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def sample_line(sample: Sample) -> str:
    document = read(expected_path(sample.name))
    producer, findings = sample.producer.value, finding_summary(document.get("findings", []))
    if sample.filing is not None:
        without = document
        document = read(ocr_expected_path(sample.name))
        producer += " + scan"
        findings = f"{finding_summary(document['findings'])}; without OCR: " + (
            f"rejected: `{without['rejected']['code']}`" if "rejected" in without else findings
        )
    return (
        f"| {sample.name}.pdf | {producer} | {document['source']['pages']} "
        f"| {findings} | {sample.description} |\n"
    )


def index_markdown() -> str:
    lines = [HEADER]
    lines += [sample_line(sample) for sample in SAMPLES]
    for reject in REJECTS:
        lines.append(
            f"| {reject.name}.pdf | {reject.kind} | - | rejected: `{reject.code}` "
            f"| {reject.description} |\n"
        )
    return "".join(lines)


def write_index() -> None:
    INDEX.write_text(index_markdown(), encoding="utf-8")
