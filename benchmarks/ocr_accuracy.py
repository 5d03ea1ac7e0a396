"""How well the scanned samples read with OCR, against what they print (their
`*.ocr-expected.json`): figures right, left null (doubtful) and wrong; statuses; findings.

    .venv/bin/python benchmarks/ocr_accuracy.py [NAME-GLOB]
"""

from __future__ import annotations

import fnmatch
import json
import sys
import time
from pathlib import Path
from typing import Any

from parsers import parse_report

SAMPLES = Path(__file__).resolve().parents[1] / "sample_reports"
TABLES = ("dimensions", "plan_budget", "ordinance_budget", "disbursement")
PROJECT_FIGURES = ("seq", "dimension", "budget", "disbursed")
NARRATIVE_FIGURES = ("total_projects", "pending_report", "in_progress", "completed", "unable")
NARRATIVE_FIGURES += ("disbursed", "disbursed_pct", "implementation_pct")


def figures(doc: dict[str, Any]) -> dict[tuple, Any]:
    """Every figure the document holds, by where it is."""
    found: dict[tuple, Any] = {}
    for section in TABLES:
        for row in doc.get(section) or []:
            for key, value in row.items():
                if key != "dimension":
                    found[(section, row.get("dimension"), key)] = value
        for key, value in (doc.get(f"{section}_total") or {}).items():
            found[(section, "total", key)] = value
    for key, value in (doc.get("status_summary") or {}).items():
        if key != "level":
            found[("status_summary", key)] = value
    for index, project in enumerate(doc.get("projects") or []):
        for key in PROJECT_FIGURES:
            found[("projects", index, key)] = project.get(key)
    for key in NARRATIVE_FIGURES:
        found[("narrative", key)] = (doc.get("narrative") or {}).get(key)
    return found


def finding_keys(doc: dict[str, Any]) -> list[tuple]:
    return sorted(
        (f["rule"], f["field"], f["dimension"] or 0, f["seq"] or 0) for f in doc["findings"]
    )


def measure(pdf: Path) -> dict[str, Any]:
    truth = json.loads(pdf.with_suffix("").with_suffix(".ocr-expected.json").read_text())
    started = time.perf_counter()
    doc = parse_report(pdf.read_bytes(), filename=pdf.name).document
    seconds = time.perf_counter() - started
    read, wanted = figures(doc), figures(truth)
    right = sum(1 for key, value in wanted.items() if read.get(key) == value)
    null = sum(1 for key, value in wanted.items() if read.get(key) is None and value is not None)
    statuses = sum(
        1
        for got, want in zip(doc["projects"], truth["projects"], strict=False)
        if got["status"] == want["status"]
    )
    return {
        "file": pdf.stem,
        "seconds": round(seconds, 1),
        "figures": len(wanted),
        "right": right,
        "null": null,
        "wrong": len(wanted) - right - null,
        "statuses": f"{statuses}/{len(truth['projects'])}",
        "findings": f"{len(doc['findings'])}/{len(truth['findings'])}",
        "findings_not_in_truth": len(set(finding_keys(doc)) - set(finding_keys(truth))),
    }


def main(pattern: str = "*") -> None:
    print("| file | s | figures right | null | wrong | statuses | findings | not printed so |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for truth in sorted(SAMPLES.glob("*.ocr-expected.json")):
        pdf = truth.with_name(truth.name.removesuffix(".ocr-expected.json") + ".pdf")
        if not fnmatch.fnmatch(pdf.stem, pattern):
            continue
        m = measure(pdf)
        share = m["right"] / m["figures"]
        print(
            f"| `{m['file']}` | {m['seconds']} | {m['right']}/{m['figures']} ({share:.1%}) |"
            f" {m['null']} | {m['wrong']} | {m['statuses']} | {m['findings']} |"
            f" {m['findings_not_in_truth']} |",
            flush=True,
        )


if __name__ == "__main__":
    main(*sys.argv[1:])
