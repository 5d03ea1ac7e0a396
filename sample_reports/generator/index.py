"""sample_reports/README.md: the corpus at a glance, written from the catalogue and the
committed expected documents (tests check that it is current)."""

from __future__ import annotations

import json
from collections import Counter

from sample_reports.generator.catalogue import REJECTS, SAMPLES, SAMPLES_DIR, expected_path

INDEX = SAMPLES_DIR / "README.md"
HEADER = """# Sample reports

Made by `sample_reports/generator` (`make samples`, or `.venv/bin/python -m
sample_reports.generator [--only NAME-GLOB]` from the repository root; fixed seeds, byte-identical
rebuilds). Beside each `NAME.pdf`: `NAME.expected.json`, the contract document a parser must
print for it (built from the generator's data model; findings from `checks`), and
`NAME.evidence.json` (`checks.Evidence`: the pages of each section, the marks of rows with no
status). Files to reject have `{"rejected": {"code": ...}}` instead. Many more reports for
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


def index_markdown() -> str:
    lines = [HEADER]
    for sample in SAMPLES:
        document = json.loads(expected_path(sample.name).read_text(encoding="utf-8"))
        lines.append(
            f"| {sample.name}.pdf | {sample.producer.value} | {document['source']['pages']} "
            f"| {finding_summary(document['findings'])} | {sample.description} |\n"
        )
    for reject in REJECTS:
        lines.append(
            f"| {reject.name}.pdf | {reject.kind} | - | rejected: `{reject.code}` "
            f"| {reject.description} |\n"
        )
    return "".join(lines)


def write_index() -> None:
    INDEX.write_text(index_markdown(), encoding="utf-8")
