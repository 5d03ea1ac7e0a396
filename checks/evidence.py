"""What a PDF says beyond the contract document: where sections are printed, marks per row."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PROJECT_WARNING_PREFIX = "projects:"


@dataclass
class Evidence:
    """Layout facts the parser saw, needed to give findings their pages and mark counts.

    `section_pages` maps a section (memo, report, dimensions, plan_budget, ordinance_budget,
    disbursement, status_summary, projects, narrative) to the 1-based pages printing it;
    `checkbox_marks` maps the index of a project row whose status is null to the number of
    marks found in its status cells. `project_list_complete` is None when unknown: it is then
    taken from the document (a list with rows and no `projects:` parse warning).
    """

    section_pages: dict[str, list[int]] = field(default_factory=dict)
    checkbox_marks: dict[int, int] = field(default_factory=dict)
    project_list_complete: bool | None = None

    def pages_of(self, section: str) -> list[int]:
        return list(self.section_pages.get(section.removesuffix("_total"), []))

    def to_dict(self) -> dict[str, Any]:
        return {
            "section_pages": {k: list(v) for k, v in self.section_pages.items()},
            "checkbox_marks": {str(k): v for k, v in self.checkbox_marks.items()},
            "project_list_complete": self.project_list_complete,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Evidence:
        data = data or {}
        return cls(
            section_pages={k: list(v) for k, v in data.get("section_pages", {}).items()},
            checkbox_marks={int(k): v for k, v in data.get("checkbox_marks", {}).items()},
            project_list_complete=data.get("project_list_complete"),
        )


def evidence_from_document(doc: dict[str, Any]) -> Evidence:
    """The little the document itself tells: the project list's pages."""
    pages = sorted({row["page"] for row in doc.get("projects") or [] if row.get("page")})
    return Evidence(section_pages={"projects": pages} if pages else {})


def project_list_usable(doc: dict[str, Any], evidence: Evidence) -> bool:
    """May figures be checked against the project list? Only when it was read whole."""
    if not doc.get("projects"):
        return False
    if evidence.project_list_complete is not None:
        return evidence.project_list_complete
    return not any(
        str(w.get("message", "")).startswith(PROJECT_WARNING_PREFIX)
        for w in doc.get("parse_warnings") or []
    )
