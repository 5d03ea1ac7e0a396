"""Auditors' questions as plain SQL, the same text on SQLite and PostgreSQL.

They are the README's examples, and the tests run them word for word on both databases.
They read `current_reports` (superseded reports left out) and the typed tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session


@dataclass(frozen=True)
class AuditorQuery:
    question: str
    sql: str


STATUS_TABLE_VERSUS_PROJECT_LIST = AuditorQuery(
    "Every 12-month report of fiscal year 2566 whose status table disagrees with its project "
    "list, by organisation type",
    """\
WITH listed AS (
  SELECT report_id,
         COUNT(*) AS total_projects,
         SUM(CASE WHEN status = 'in_progress' THEN 1 ELSE 0 END) AS in_progress,
         SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) AS completed,
         SUM(CASE WHEN status = 'unable' THEN 1 ELSE 0 END) AS unable
  FROM projects
  GROUP BY report_id
)
SELECT r.org_type, r.organisation_name, r.province,
       s.total_projects, l.total_projects AS listed_total_projects,
       s.in_progress, l.in_progress AS listed_in_progress,
       s.completed, l.completed AS listed_completed,
       s.unable, l.unable AS listed_unable
FROM current_reports AS r
JOIN status_summaries AS s ON s.report_id = r.id
JOIN listed AS l ON l.report_id = r.id
WHERE r.fiscal_year = 2566 AND r.round_months = 12
  AND (s.total_projects <> l.total_projects OR s.in_progress <> l.in_progress
       OR s.completed <> l.completed OR s.unable <> l.unable)
ORDER BY r.org_type, r.organisation_name, r.province""",
)

SPENDING_BY_PROVINCE = AuditorQuery(
    "Planned and spent budget of fiscal year 2566 (12-month reports) by province",
    """\
SELECT r.province,
       COUNT(*) AS reports,
       SUM(d.budget_planned) AS budget_planned,
       SUM(d.budget_spent) AS budget_spent,
       ROUND(100.0 * SUM(d.budget_spent) / NULLIF(SUM(d.budget_planned), 0), 2) AS pct_spent
FROM current_reports AS r
JOIN dimension_results AS d ON d.report_id = r.id AND d.is_total
WHERE r.fiscal_year = 2566 AND r.round_months = 12
GROUP BY r.province
ORDER BY r.province""",
)

SIX_MONTHS_BUT_NO_TWELVE = AuditorQuery(
    "Organisations that filed the 6-month report of fiscal year 2566 but no 12-month report",
    """\
SELECT o.org_type, o.name, o.province
FROM organisations AS o
WHERE EXISTS (SELECT 1 FROM current_reports AS r
              WHERE r.organisation_id = o.id AND r.fiscal_year = 2566 AND r.round_months = 6)
  AND NOT EXISTS (SELECT 1 FROM current_reports AS r
                  WHERE r.organisation_id = o.id AND r.fiscal_year = 2566
                    AND r.round_months = 12)
ORDER BY o.org_type, o.name, o.province""",
)

AUDITOR_QUERIES: tuple[AuditorQuery, ...] = (
    STATUS_TABLE_VERSUS_PROJECT_LIST,
    SPENDING_BY_PROVINCE,
    SIX_MONTHS_BUT_NO_TWELVE,
)


def run_query(session: Session, query: AuditorQuery) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in session.connection().execute(text(query.sql)).all()]
