"""The initial schema: source files, organisations, reports and every part of a report.

Value lists in CHECK constraints are spelled out here as they were at this revision (a later
change to the application's lists needs a migration of its own).

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The value lists as they were at this revision.
SOURCE_STATUSES = ("loaded", "rejected", "failed")
REJECTION_CODES = (
    "not_pdf",
    "corrupt_pdf",
    "encrypted_pdf",
    "no_text_layer",
    "not_a_report",
    "too_large",
)
ORG_TYPES = (
    "อบจ.",
    "อบต.",
    "เทศบาลนคร",
    "เทศบาลเมือง",
    "เทศบาลตำบล",
    "กรุงเทพมหานคร",
    "เมืองพัทยา",
)
PROJECT_STATUSES = ("pending_report", "in_progress", "completed", "unable")
RULES = (
    "STATUS_COUNT",
    "DIMENSION_COUNT",
    "AMOUNT_SUM",
    "TOTAL_ROW",
    "PERCENT",
    "CROSS_TABLE",
    "CHECKBOX",
    "SEQUENCE",
    "METADATA",
)
SEVERITIES = ("error", "warning")
ROUNDS = (6, 12)


def one_of(column: str, values: tuple, name: str) -> sa.CheckConstraint:
    allowed = ", ".join(repr(value) for value in values)
    return sa.CheckConstraint(f"{column} IS NULL OR {column} IN ({allowed})", name=op.f(name))


# Reports that no later report of the same organisation, fiscal year and round replaces,
# with the organisation's type beside them.
CURRENT_REPORTS = """
CREATE VIEW current_reports AS
SELECT r.*, o.org_type AS org_type
FROM reports AS r
LEFT JOIN organisations AS o ON o.id = r.organisation_id
WHERE r.superseded_by_id IS NULL
"""


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("org_type", sa.String(length=32), nullable=True),
        sa.Column("district", sa.Text(), nullable=True),
        sa.Column("province", sa.Text(), nullable=True),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("province_key", sa.Text(), nullable=False),
        one_of("org_type", ORG_TYPES, "ck_organisations_org_type"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
        sa.UniqueConstraint(
            "name_key", "province_key", name=op.f("uq_organisations_name_key_province_key")
        ),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "source_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("original_name", sa.Text(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("rejection_code", sa.String(length=32), nullable=True),
        sa.Column("rejection_reason", sa.Text(), nullable=True),
        sa.Column("failure", sa.Text(), nullable=True),
        sa.Column("parser_version", sa.String(length=32), nullable=True),
        sa.CheckConstraint(
            "(status = 'rejected') = (rejection_code IS NOT NULL)",
            name=op.f("ck_source_files_rejected_has_code"),
        ),
        one_of("rejection_code", REJECTION_CODES, "ck_source_files_rejection_code"),
        one_of("status", SOURCE_STATUSES, "ck_source_files_status"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_files")),
        sa.UniqueConstraint("sha256", name=op.f("uq_source_files_sha256")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_file_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("organisation_name", sa.Text(), nullable=True),
        sa.Column("fiscal_year", sa.Integer(), nullable=True),
        sa.Column("round_months", sa.Integer(), nullable=True),
        sa.Column("data_as_of", sa.Date(), nullable=True),
        sa.Column("district", sa.Text(), nullable=True),
        sa.Column("province", sa.Text(), nullable=True),
        sa.Column("has_memo", sa.Boolean(), nullable=False),
        sa.Column("memo_agency", sa.Text(), nullable=True),
        sa.Column("memo_phone", sa.Text(), nullable=True),
        sa.Column("memo_reference", sa.Text(), nullable=True),
        sa.Column("memo_date", sa.Date(), nullable=True),
        sa.Column("memo_subject", sa.Text(), nullable=True),
        sa.Column("memo_addressee", sa.Text(), nullable=True),
        sa.Column("has_reporter", sa.Boolean(), nullable=False),
        sa.Column("reporter_name", sa.Text(), nullable=True),
        sa.Column("reporter_position", sa.Text(), nullable=True),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.Column("parser_version", sa.String(length=32), nullable=False),
        sa.Column("rules_version", sa.String(length=32), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.Column("superseded_by_id", sa.Integer(), nullable=True),
        one_of("round_months", ROUNDS, "ck_reports_round_months"),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_reports_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["source_file_id"],
            ["source_files.id"],
            name=op.f("fk_reports_source_file_id_source_files"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["superseded_by_id"], ["reports.id"], name=op.f("fk_reports_superseded_by_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
        sa.UniqueConstraint("source_file_id", name=op.f("uq_reports_source_file_id")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_reports_group",
        "reports",
        ["organisation_id", "fiscal_year", "round_months"],
        unique=False,
    )
    op.create_index(
        "uq_reports_current",
        "reports",
        ["organisation_id", "fiscal_year", "round_months"],
        unique=True,
        sqlite_where=sa.text("superseded_by_id IS NULL"),
        postgresql_where=sa.text("superseded_by_id IS NULL"),
    )
    op.create_table(
        "dimension_results",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("is_total", sa.Boolean(), nullable=False),
        sa.Column("dimension", sa.Integer(), nullable=True),
        sa.Column("projects_planned", sa.Integer(), nullable=True),
        sa.Column("projects_done", sa.Integer(), nullable=True),
        sa.Column(
            "budget_planned", sa.Numeric(precision=14, scale=2, asdecimal=False), nullable=True
        ),
        sa.Column(
            "budget_ordinance", sa.Numeric(precision=14, scale=2, asdecimal=False), nullable=True
        ),
        sa.Column(
            "budget_spent", sa.Numeric(precision=14, scale=2, asdecimal=False), nullable=True
        ),
        sa.Column(
            "pct_projects", sa.Numeric(precision=10, scale=4, asdecimal=False), nullable=True
        ),
        sa.Column("pct_budget", sa.Numeric(precision=10, scale=4, asdecimal=False), nullable=True),
        sa.CheckConstraint(
            "(is_total AND dimension IS NULL) OR (NOT is_total AND dimension IS NOT NULL)",
            name=op.f("ck_dimension_results_total_has_no_dimension"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_dimension_results_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", "ordinal", name=op.f("pk_dimension_results")),
    )
    op.create_table(
        "disbursements",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("is_total", sa.Boolean(), nullable=False),
        sa.Column("dimension", sa.Integer(), nullable=True),
        sa.Column("plan", sa.Numeric(precision=14, scale=2, asdecimal=False), nullable=True),
        sa.Column("ordinance", sa.Numeric(precision=14, scale=2, asdecimal=False), nullable=True),
        sa.Column("disbursed", sa.Numeric(precision=14, scale=2, asdecimal=False), nullable=True),
        sa.CheckConstraint(
            "(is_total AND dimension IS NULL) OR (NOT is_total AND dimension IS NOT NULL)",
            name=op.f("ck_disbursements_total_has_no_dimension"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_disbursements_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", "ordinal", name=op.f("pk_disbursements")),
    )
    op.create_table(
        "narratives",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("total_projects", sa.Integer(), nullable=True),
        sa.Column("pending_report", sa.Integer(), nullable=True),
        sa.Column("in_progress", sa.Integer(), nullable=True),
        sa.Column("completed", sa.Integer(), nullable=True),
        sa.Column("unable", sa.Integer(), nullable=True),
        sa.Column("disbursed", sa.Numeric(precision=14, scale=2, asdecimal=False), nullable=True),
        sa.Column(
            "disbursed_pct", sa.Numeric(precision=10, scale=4, asdecimal=False), nullable=True
        ),
        sa.Column("level", sa.Text(), nullable=True),
        sa.Column(
            "implementation_pct", sa.Numeric(precision=10, scale=4, asdecimal=False), nullable=True
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_narratives_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", name=op.f("pk_narratives")),
    )
    op.create_table(
        "ordinance_budgets",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("is_total", sa.Boolean(), nullable=False),
        sa.Column("dimension", sa.Integer(), nullable=True),
        sa.Column("projects", sa.Integer(), nullable=True),
        sa.Column("budget", sa.Numeric(precision=14, scale=2, asdecimal=False), nullable=True),
        sa.CheckConstraint(
            "(is_total AND dimension IS NULL) OR (NOT is_total AND dimension IS NOT NULL)",
            name=op.f("ck_ordinance_budgets_total_has_no_dimension"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_ordinance_budgets_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", "ordinal", name=op.f("pk_ordinance_budgets")),
    )
    op.create_table(
        "parse_warnings",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_parse_warnings_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", "ordinal", name=op.f("pk_parse_warnings")),
    )
    op.create_table(
        "plan_budgets",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("is_total", sa.Boolean(), nullable=False),
        sa.Column("dimension", sa.Integer(), nullable=True),
        sa.Column("projects", sa.Integer(), nullable=True),
        sa.Column("budget", sa.Numeric(precision=14, scale=2, asdecimal=False), nullable=True),
        sa.CheckConstraint(
            "(is_total AND dimension IS NULL) OR (NOT is_total AND dimension IS NOT NULL)",
            name=op.f("ck_plan_budgets_total_has_no_dimension"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_plan_budgets_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", "ordinal", name=op.f("pk_plan_budgets")),
    )
    op.create_table(
        "problems",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_problems_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", "ordinal", name=op.f("pk_problems")),
    )
    op.create_table(
        "projects",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("dimension", sa.Integer(), nullable=True),
        sa.Column("budget", sa.Numeric(precision=14, scale=2, asdecimal=False), nullable=True),
        sa.Column("disbursed", sa.Numeric(precision=14, scale=2, asdecimal=False), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("remark", sa.Text(), nullable=True),
        sa.Column("page", sa.Integer(), nullable=False),
        one_of("status", PROJECT_STATUSES, "ck_projects_status"),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_projects_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", "ordinal", name=op.f("pk_projects")),
    )
    op.create_table(
        "report_checks",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("rules_version", sa.String(length=32), nullable=False),
        sa.Column("checked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_report_checks_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", "rules_version", name=op.f("pk_report_checks")),
    )
    op.create_table(
        "report_documents",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column(
            "document",
            sa.JSON(none_as_null=True).with_variant(
                postgresql.JSONB(none_as_null=True, astext_type=sa.Text()), "postgresql"
            ),
            nullable=False,
        ),
        sa.Column(
            "evidence",
            sa.JSON(none_as_null=True).with_variant(
                postgresql.JSONB(none_as_null=True, astext_type=sa.Text()), "postgresql"
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_report_documents_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", name=op.f("pk_report_documents")),
    )
    op.create_table(
        "signatories",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("position", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_signatories_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", "ordinal", name=op.f("pk_signatories")),
    )
    op.create_table(
        "status_summaries",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("minimum_projects", sa.Integer(), nullable=True),
        sa.Column("total_projects", sa.Integer(), nullable=True),
        sa.Column("in_ordinance", sa.Integer(), nullable=True),
        sa.Column("in_progress", sa.Integer(), nullable=True),
        sa.Column("completed", sa.Integer(), nullable=True),
        sa.Column("unable", sa.Integer(), nullable=True),
        sa.Column(
            "implementation_pct", sa.Numeric(precision=10, scale=4, asdecimal=False), nullable=True
        ),
        sa.Column("level", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_status_summaries_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", name=op.f("pk_status_summaries")),
    )
    op.create_table(
        "findings",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("rules_version", sa.String(length=32), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=32), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("dimension", sa.Integer(), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column(
            "reported",
            sa.JSON(none_as_null=True).with_variant(
                postgresql.JSONB(none_as_null=True, astext_type=sa.Text()), "postgresql"
            ),
            nullable=True,
        ),
        sa.Column(
            "expected",
            sa.JSON(none_as_null=True).with_variant(
                postgresql.JSONB(none_as_null=True, astext_type=sa.Text()), "postgresql"
            ),
            nullable=True,
        ),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column(
            "pages",
            sa.JSON(none_as_null=True).with_variant(
                postgresql.JSONB(none_as_null=True, astext_type=sa.Text()), "postgresql"
            ),
            nullable=False,
        ),
        one_of("rule", RULES, "ck_findings_rule"),
        one_of("severity", SEVERITIES, "ck_findings_severity"),
        sa.ForeignKeyConstraint(
            ["report_id", "rules_version"],
            ["report_checks.report_id", "report_checks.rules_version"],
            name=op.f("fk_findings_report_id_rules_version_report_checks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", "rules_version", "ordinal", name=op.f("pk_findings")),
    )
    op.create_index("ix_findings_rule", "findings", ["rule"], unique=False)
    op.execute(CURRENT_REPORTS)


def downgrade() -> None:
    op.execute("DROP VIEW current_reports")
    op.drop_index("ix_findings_rule", table_name="findings")
    op.drop_table("findings")
    op.drop_table("status_summaries")
    op.drop_table("signatories")
    op.drop_table("report_documents")
    op.drop_table("report_checks")
    op.drop_table("projects")
    op.drop_table("problems")
    op.drop_table("plan_budgets")
    op.drop_table("parse_warnings")
    op.drop_table("ordinance_budgets")
    op.drop_table("narratives")
    op.drop_table("disbursements")
    op.drop_table("dimension_results")
    op.drop_index(
        "uq_reports_current",
        table_name="reports",
        sqlite_where=sa.text("superseded_by_id IS NULL"),
        postgresql_where=sa.text("superseded_by_id IS NULL"),
    )
    op.drop_index("ix_reports_group", table_name="reports")
    op.drop_table("reports")
    op.drop_table("source_files")
    op.drop_table("organisations")
