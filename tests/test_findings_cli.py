"""`raingan findings` and `raingan review` on the sample reports, on SQLite and PostgreSQL:
every export carries the reference report's ten findings, the filters select, and a review
stays with its finding through reparse and supersession."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from checks import RULES_VERSION
from checks.catalogue import RULE_WORDS, Rule
from checks.identity import finding_ids
from models import OriginalsStore
from raingan.cli import app
from raingan.pipeline import Status, default_parser, ingest_paths
from raingan.pipeline.database import open_sessions
from raingan.pipeline.workspace import Workspace
from tests.commands import raingan
from tests.contract import copy_samples, reference_document
from tests.databases import KINDS, a_database, query

pytestmark = pytest.mark.slow  # real parses of sample PDFs

REFERENCES = ("reference-chromium.pdf", "reference-libreoffice.pdf")  # one supersedes the other
OTHERS = ("findings-percent.pdf", "findings-sequence.pdf", "sao-nonsung-2565-r6.pdf")
REFERENCE_ORGANISATION = "องค์การบริหารส่วนจังหวัดกาฬสินธุ์"
KEY = ("field", "dimension", "seq", "reported", "expected")


@dataclass
class Archive:
    """A raingan home and database holding the sample reports."""

    home: Path
    url: str

    @property
    def env(self) -> dict[str, str]:
        return {"RAINGAN_HOME": str(self.home), "RAINGAN_DATABASE_URL": self.url}

    def run(self, *args: str) -> str:
        result = CliRunner().invoke(app, list(args), env=self.env)
        assert result.exit_code == 0, result.output
        return result.output

    def export(self, tmp_path: Path, output_format: str, *args: str) -> bytes:
        path = tmp_path / f"findings.{output_format}"
        self.run("findings", "--format", output_format, "-o", str(path), *args)
        return path.read_bytes()

    def rows(self, *args: str) -> list[dict]:
        return json.loads(self.run("findings", "--format", "json", *args))


def load_samples(home: Path, url: str, names: tuple[str, ...]) -> Archive:
    inbox = home.parent / "inbox"
    copy_samples(inbox, names)
    summary = ingest_paths(
        [inbox],
        Workspace(open_sessions(url), OriginalsStore(str(home / "originals")), default_parser()),
    )
    assert summary.count(Status.LOADED) == len(names)
    return Archive(home, url)


@pytest.fixture(params=KINDS)
def database_url(request, tmp_path) -> Iterator[str]:
    with a_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture(scope="module", params=KINDS)
def archive(request, tmp_path_factory) -> Iterator[Archive]:
    """The samples loaded once per kind of database (the tests here only read)."""
    home = tmp_path_factory.mktemp(request.param) / "home"
    with a_database(request.param, home.parent) as url:
        yield load_samples(home, url, all_samples())


def all_samples() -> tuple[str, ...]:
    return (*REFERENCES, *OTHERS)


def reference_key() -> list[tuple]:
    return sorted(finding_key(f) for f in reference_document()["findings"])


def finding_key(row: dict) -> tuple:
    return tuple(row[key] for key in KEY)


def reference_args() -> tuple[str, ...]:
    return ("--organisation", "บริหารส่วนจังหวัด กาฬสินธุ์", "--year", "2566")


# Every format -------------------------------------------------------------------------------


def test_json_lists_the_reference_reports_ten_findings_with_every_column(archive):
    rows = archive.rows(*reference_args())
    assert sorted(finding_key(row) for row in rows) == reference_key()
    row = rows[0]
    for column in (
        "id", "organization", "province", "org_type", "fiscal_year", "round_months", "rule",
        "severity", "field", "dimension", "seq", "reported", "expected", "pages", "message",
        "source_file", "sha256", "review_status", "review_note",
    ):  # fmt: skip
        assert column in row
    assert {r["organization"] for r in rows} == {REFERENCE_ORGANISATION}
    assert {r["org_type"] for r in rows} == {"อบจ."}
    assert {r["review_status"] for r in rows} == {"open"}
    assert len({r["sha256"] for r in rows}) == 1  # the current reference only
    assert all(isinstance(r["pages"], list) and r["pages"] for r in rows)


def test_csv_starts_with_a_bom_and_round_trips_the_thai(archive, tmp_path):
    data = archive.export(tmp_path, "csv", *reference_args())
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert set(frame["organization"]) == {REFERENCE_ORGANISATION}
    found = sorted(
        (r.field, int(r.dimension) if r.dimension else None, None, int(r.reported),
         int(r.expected))
        for r in frame.itertuples()
    )  # fmt: skip
    assert found == reference_key()


def test_xlsx_has_three_sheets_and_round_trips_the_thai(archive, tmp_path):
    data = archive.export(tmp_path, "xlsx", *reference_args())
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["findings", "reports", "rules"]
    sheet = workbook["findings"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == sheet.dimensions
    header, *body = list(sheet.iter_rows(values_only=True))
    rows = [dict(zip(header, values, strict=True)) for values in body]
    assert {row["organization"] for row in rows} == {REFERENCE_ORGANISATION}
    assert sorted(finding_key(row) for row in rows) == reference_key()
    organisation_column = header.index("organization") + 1
    width = sheet.column_dimensions[openpyxl.utils.get_column_letter(organisation_column)].width
    assert width >= len(REFERENCE_ORGANISATION)
    reports = list(workbook["reports"].iter_rows(values_only=True))
    assert reports[1][:5] == (REFERENCE_ORGANISATION, "กาฬสินธุ์", "อบจ.", 1, 10)
    rules = {row[0]: row for row in workbook["rules"].iter_rows(values_only=True)}
    counted = dict(zip(rules["rule"], rules["AMOUNT_SUM"], strict=True))
    assert counted["findings"] == 4 and counted["open"] == 4 and counted["reports"] == 1
    assert counted["name"] == RULE_WORDS[Rule.AMOUNT_SUM].name  # the catalogue's Thai words
    assert counted["compared"] == RULE_WORDS[Rule.AMOUNT_SUM].compared


def test_parquet_splits_reported_and_expected_into_typed_columns(archive, tmp_path):
    table = pq.read_table(io.BytesIO(archive.export(tmp_path, "parquet")))
    schema = table.schema
    assert schema.field("reported_number").type == pa.float64()
    assert schema.field("reported_text").type == pa.string()
    assert schema.field("expected_number").type == pa.float64()
    assert schema.field("fiscal_year").type == pa.int64()
    assert schema.field("pages").type == pa.list_(pa.int64())
    assert schema.field("data_as_of").type == pa.date32()
    rows = table.to_pylist()
    reference = [r for r in rows if r["organization"] == REFERENCE_ORGANISATION]
    assert (
        sorted(
            (r["field"], r["dimension"], r["seq"], r["reported_number"], r["expected_number"])
            for r in reference
        )
        == reference_key()
    )
    assert all(r["reported_text"] is None for r in reference)


def test_the_table_fits_80_columns_and_keeps_names_and_ids_whole(archive):
    run = raingan("findings", *reference_args(), COLUMNS="80", **archive.env)
    assert run.returncode == 0, run.stderr
    assert "…" not in run.stdout
    assert all(cell_len(line) <= 80 for line in run.stdout.splitlines())
    ids = {row["id"] for row in archive.rows(*reference_args())}
    assert all(finding_id in run.stdout for finding_id in ids)
    wide = raingan("findings", *reference_args(), COLUMNS="200", **archive.env)
    assert REFERENCE_ORGANISATION in wide.stdout
    assert "10 findings" in wide.stdout


def test_one_report_by_hash_prefix_shows_reported_beside_expected(archive):
    sha256 = archive.rows(*reference_args())[0]["sha256"]
    run = raingan("findings", "--report", sha256[:10], COLUMNS="200", **archive.env)
    assert run.returncode == 0, run.stderr
    line = next(line for line in run.stdout.splitlines() if "narrative.unable" in line)
    assert line.split()[1:3] == ["0", "8"]
    assert len(archive.rows("--report", sha256[:10])) == 10
    unknown = raingan("findings", "--report", "zz", **archive.env)
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1


# Filters ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), {"STATUS_COUNT", "DIMENSION_COUNT", "AMOUNT_SUM", "PERCENT", "SEQUENCE"}),
        (("--type", "เทศบาล"), {"PERCENT"}),
        (("--type", "เทศบาลตำบล"), {"PERCENT"}),
        (("--type", "อบต."), {"SEQUENCE"}),
        (("--type", "เทศบาลนคร"), set()),
        (("--province", "นครปฐม"), {"SEQUENCE"}),
        (("--year", "2568"), {"PERCENT"}),
        (("--round", "12"), set()),
        (("--rule", "AMOUNT_SUM"), {"AMOUNT_SUM"}),
        (("--severity", "warning"), {"SEQUENCE"}),
        (("--review", "open"), {"STATUS_COUNT", "DIMENSION_COUNT", "AMOUNT_SUM", "PERCENT",
                                "SEQUENCE"}),
        (("--review", "confirmed"), set()),
        # An unknown rules version is refused (tests/test_cli_questions.py), never empty.
        (("--rules-version", RULES_VERSION), {"STATUS_COUNT", "DIMENSION_COUNT", "AMOUNT_SUM",
                                              "PERCENT", "SEQUENCE"}),
    ],
)  # fmt: skip
def test_each_filter_selects(archive, args, expected):
    assert {row["rule"] for row in archive.rows(*args)} == expected


def test_superseded_reports_are_left_out_unless_asked_for(archive):
    current = archive.rows("--organisation", "กาฬสินธุ์", "--rule", "STATUS_COUNT")
    every = archive.rows("--organisation", "กาฬสินธุ์", "--rule", "STATUS_COUNT",
                         "--include-superseded")  # fmt: skip
    assert len(current) == 4 and len(every) == 8
    assert sum(row["superseded"] for row in every) == 4


def test_newest_report_first(archive):
    dates = [row["data_as_of"] for row in archive.rows()]
    assert dates == sorted(dates, reverse=True)


def test_two_findings_with_one_key_get_two_ids(archive):
    sequence = archive.rows("--rule", "SEQUENCE")
    at_seven = [row["id"] for row in sequence if row["seq"] == 7]
    assert len(at_seven) == 2 and len(set(at_seven)) == 2
    assert [row["id"] for row in sequence] == finding_ids(sequence[0]["sha256"], sequence)


def test_a_bad_choice_is_a_usage_error(archive):
    run = raingan("findings", "--type", "อำเภอ", **archive.env)
    assert run.returncode == 2 and run.stderr.count("\n") == 1
    assert "เทศบาล" in raingan("findings", "--help", COLUMNS="200").stdout


# Reviews ------------------------------------------------------------------------------------


def test_a_review_keeps_history_and_survives_reparse_and_supersession(database_url, tmp_path):
    archive = load_samples(tmp_path / "home", database_url, (REFERENCES[0], OTHERS[1]))
    before = archive.rows()
    target = next(row for row in before if row["field"] == "narrative.unable")

    archive.run("review", target["id"], "--status", "confirmed", "--note", "ตรวจแล้ว [b]")
    shown = archive.run("review", target["id"], "--status", "explained", "--by", "นายสมชาย")
    assert "explained" in shown and "confirmed" in shown  # the history, oldest first
    events = query(database_url, "SELECT status, reviewed_by FROM review_events ORDER BY id")
    assert events[0][0] == "confirmed" and events[1] == ("explained", "นายสมชาย")
    assert events[0][1]  # the OS user

    archive.run("reparse", "--all")
    after = archive.rows()
    assert [row["id"] for row in after] == [row["id"] for row in before]
    reviewed = next(row for row in after if row["id"] == target["id"])
    assert (reviewed["review_status"], reviewed["review_note"]) == ("explained", None)
    assert [r["id"] for r in archive.rows("--review", "explained")] == [target["id"]]

    load_samples(tmp_path / "home", database_url, (REFERENCES[1],))  # the same report again
    every = archive.rows("--include-superseded", "--review", "explained")
    assert len(every) == 2 and target["id"] in [row["id"] for row in every]
    (resent,) = archive.rows("--review", "explained")  # its same finding took the review over
    assert resent["id"] != target["id"] and resent["field"] == target["field"]


def test_reviewing_an_unknown_finding_is_a_usage_error(database_url, tmp_path):
    archive = load_samples(tmp_path / "home", database_url, (OTHERS[2],))
    result = CliRunner().invoke(
        app, ["review", "0123456789abcdef", "--status", "confirmed"], env=archive.env
    )
    assert result.exit_code == 2
    assert query(database_url, "SELECT COUNT(*) FROM review_events") == [(0,)]


def test_a_review_survives_raingan_audit_and_carries_over_to_new_rules(home):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from flows.audit import FINDINGS_KEY, audit
    from tests.databases import home_database_url

    archive = load_samples(home, home_database_url(home), (REFERENCES[0],))
    target = archive.rows()[0]
    archive.run("review", target["id"], "--status", "dismissed", "--note", "อ่านผิดหน้า")

    archive.run("audit")  # the same rules again: the findings are stored anew
    audit(rules_version="1-review-test")  # new rules: the same findings stand

    rows = archive.rows()
    assert {row["rules_version"] for row in rows} == {"1-review-test"}
    reviewed = next(row for row in rows if row["id"] == target["id"])
    assert (reviewed["review_status"], reviewed["review_note"]) == ("dismissed", "อ่านผิดหน้า")
    earlier = archive.rows("--rules-version", RULES_VERSION, "--review", "dismissed")
    assert [row["id"] for row in earlier] == [target["id"]]

    with get_client(sync_client=True) as client:
        key = ArtifactFilterKey(any_=[FINDINGS_KEY])
        artifact = client.read_artifacts(artifact_filter=ArtifactFilter(key=key), limit=1)[0]
    table = artifact.data if isinstance(artifact.data, list) else json.loads(artifact.data)
    shown = next(row for row in table if row["id"] == target["id"])
    assert shown["review_status"] == "dismissed" and len(table) == 10
