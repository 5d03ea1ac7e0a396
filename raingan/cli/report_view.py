"""A parsed report shown to a person in the terminal: memo, tables, statuses, findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from rich.console import Console
from rich.table import Table
from rich.text import Text

from checks.catalogue import STATUS_LABELS
from checks.document import ReportDocument

# A project's status, or None when its row shows no mark or several.
STATUS_WORDS: list[tuple[str | None, str]] = [
    *STATUS_LABELS.items(),
    (None, "(no mark / several marks)"),
]


def plain(value: object, style: str = "") -> Text:
    """Text from a PDF or a file name as it is: never read as rich markup (`[/bold]`,
    `[link=…]`) nor emoji codes (`:smile:`)."""
    return Text(str(value), style=style)


def show_report(console: Console, doc: ReportDocument) -> None:
    report, memo = doc["report"], doc["memo"]
    console.print(plain(report["organization"] or "?", "bold"))
    console.print(
        plain(
            f"fiscal year {report['fiscal_year']}, {report['round_months']}-month round, "
            f"data as of {report['data_as_of']} — {doc['source']['file']}, "
            f"{doc['source']['pages']} pages"
        )
    )
    if memo:
        console.print(plain(f"memo {memo['reference']} of {memo['date']}: {memo['subject']}"))
        for person in memo["signatories"]:
            console.print(plain(f"  signed: {person['name']} ({person['position']})"))
    else:
        console.print("memo: none")
    console.print(dimensions_table(doc))
    console.print(status_table(doc))
    for warning in doc["parse_warnings"]:
        console.print(
            Text.assemble(
                ("warning", "yellow"), plain(f" p.{warning['page']}: {warning['message']}")
            )
        )
    console.print(findings_table(doc))


def dimensions_table(doc: ReportDocument) -> Table:
    table = Table(title="Dimensions (มิติ)")
    for column in ("dim", "planned", "done", "budget", "spent", "% projects", "% budget"):
        table.add_column(column, justify="right")
    # Each row's figures by column name; the total row's dimension shown as รวม.
    total: Mapping[str, object] = {"dimension": "รวม", **(doc["dimensions_total"] or {})}
    rows: list[Mapping[str, object]] = [*doc["dimensions"], total]
    for row in rows:
        table.add_row(
            *(
                plain(row.get(k, ""))
                for k in (
                    "dimension",
                    "projects_planned",
                    "projects_done",
                    "budget_planned",
                    "budget_spent",
                    "pct_projects",
                    "pct_budget",
                )
            )
        )
    return table


def status_table(doc: ReportDocument) -> Table:
    counts = Counter(project["status"] for project in doc["projects"])
    # Read by status name (STATUS_WORDS); a table or summary not printed has none.
    summary: Mapping[str, object] = doc["status_summary"] or {}
    narrative: Mapping[str, object] = doc["narrative"] or {}
    table = Table(title=f"Project statuses ({len(doc['projects'])} rows in the list)")
    for column in ("status", "project list", "status table", "narrative"):
        table.add_column(column)
    for status, word in STATUS_WORDS:
        table.add_row(
            plain(word),
            plain(counts.get(status, 0)),
            plain(summary.get(status, "") if status else ""),
            plain(narrative.get(status, "") if status else ""),
        )
    return table


def findings_table(doc: ReportDocument) -> Table:
    table = Table(title=f"Findings ({len(doc['findings'])})")
    for column in ("rule", "field", "dim", "seq", "reported", "expected", "pages"):
        table.add_column(column)
    for f in doc["findings"]:
        style = "red" if f["severity"] == "error" else "yellow"
        table.add_row(
            plain(f["rule"], style),
            plain(f["field"]),
            plain("" if f["dimension"] is None else f["dimension"]),
            plain("" if f["seq"] is None else f["seq"]),
            plain(f["reported"]),
            plain(f["expected"]),
            plain(",".join(map(str, f["pages"]))),
        )
    return table
