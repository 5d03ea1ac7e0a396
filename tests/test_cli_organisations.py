"""`raingan organisations`: every organisation raingan knows, what each filed and its open
findings; `--missing YEAR ROUND`; `organisations import FILE.csv`, the registry with codes, to
which reports attach by normalised name, province and district. On SQLite and PostgreSQL,
through the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from models import OriginalsStore
from raingan.cli import app
from raingan.pipeline import Status, default_parser, ingest_paths
from raingan.pipeline.database import open_sessions
from raingan.pipeline.workspace import Workspace
from tests.contract import copy_samples
from tests.databases import KINDS, a_database, query

pytestmark = pytest.mark.slow  # real parses of sample PDFs

SAMPLES = (
    "reference-chromium.pdf",  # อบจ.กาฬสินธุ์ 2566/6, ten findings
    "reference-libreoffice.pdf",  # the same report again: 2566/6 filed twice
    "findings-percent.pdf",  # เทศบาลตำบลยางตลาด, กาฬสินธุ์, 2568/6, four findings
    "sao-nonsung-2565-r6.pdf",  # องค์การบริหารส่วนตำบลโนนสูง, อุดรธานี, 2565/6
    "findings-amount-sum.pdf",  # เทศบาลเมืองหาดใหญ่, สงขลา, 2566/12, five findings
    "sao-bangphra-2566-r6.pdf",  # องค์การบริหารส่วนตำบลบางพระ, ชลบุรี, 2566/6
)
PAO = "องค์การบริหารส่วนจังหวัดกาฬสินธุ์"

# A registry as the government's list writes it: abbreviations, prefixed provinces and
# districts, two โนนสูง of one province told apart by district, one that never filed.
REGISTRY = """\
code,name,province,district,org_type
6400001,อบจ.กาฬสินธุ์,จังหวัดกาฬสินธุ์,อำเภอเมืองกาฬสินธุ์,
6460102,อบต.โนนสูง,จังหวัดอุดรธานี,อำเภอหนองหาน,อบต.
6460101,อบต. โนนสูง,จังหวัดอุดรธานี,อำเภอเมืองอุดรธานี,อบต.
6901234,ทม.หาดใหญ่,สงขลา,หาดใหญ่,
7000001,ทต.ไม่เคยส่ง,กาฬสินธุ์,,
"""


@dataclass
class Archive:
    home: Path
    url: str

    def invoke(self, *args: str) -> tuple[int, str, str]:
        env = {"RAINGAN_HOME": str(self.home), "RAINGAN_DATABASE_URL": self.url, "COLUMNS": "200"}
        result = CliRunner().invoke(app, list(args), env=env)
        return result.exit_code, result.stdout, result.stderr

    def run(self, *args: str) -> str:
        code, out, err = self.invoke(*args)
        assert code == 0, err
        return out

    def known(self, *args: str) -> dict[str, dict]:
        rows = json.loads(self.run("organisations", "--format", "json", *args))
        return {row["name"]: row for row in rows}

    def refused(self, *args: str) -> str:
        code, out, err = self.invoke(*args)
        assert (code, out) == (2, ""), (code, out, err)
        (line,) = err.strip().splitlines()
        return line


def load(home: Path, url: str) -> Archive:
    inbox = home.parent / "inbox"
    copy_samples(inbox, SAMPLES)
    summary = ingest_paths(
        [inbox],
        Workspace(open_sessions(url), OriginalsStore(str(home / "originals")), default_parser()),
    )
    assert summary.count(Status.LOADED) == len(SAMPLES)
    return Archive(home, url)


@pytest.fixture(scope="module", params=KINDS)
def loaded(request, tmp_path_factory) -> Iterator[Archive]:
    home = tmp_path_factory.mktemp(request.param) / "home"
    with a_database(request.param, home.parent) as url:
        yield load(home, url)


@pytest.fixture
def archive(loaded: Archive) -> Archive:
    """The samples loaded once per kind of database, each test starting without a registry
    (a test that imports one, or reviews, changes the archive)."""
    execute(loaded.url, "DELETE FROM organisation_registry")
    return loaded


def execute(url: str, sql: str) -> None:
    from sqlalchemy import text

    from models.engine import make_engine

    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(sql))
    finally:
        engine.dispose()


def test_every_organisation_with_what_it_filed_and_its_open_findings(archive, tmp_path):
    known = archive.known()
    assert set(known) == {
        PAO,
        "เทศบาลตำบลยางตลาด",
        "องค์การบริหารส่วนตำบลโนนสูง",
        "เทศบาลเมืองหาดใหญ่",
        "องค์การบริหารส่วนตำบลบางพระ",
    }
    pao = known[PAO]
    assert (pao["org_type"], pao["province"], pao["district"]) == ("อบจ.", "กาฬสินธุ์", "เมืองกาฬสินธุ์")
    assert (pao["filed"], pao["last_filed"], pao["open_findings"]) == (["2566/6×2"], "2566/6", 10)
    assert known["เทศบาลเมืองหาดใหญ่"]["open_findings"] == 5
    assert all(row["code"] is None and not row["in_registry"] for row in known.values())

    finding = json.loads(archive.run("findings", "--format", "json", "--year", "2568"))[0]["id"]
    archive.run("review", finding, "--status", "confirmed")
    assert archive.known()["เทศบาลตำบลยางตลาด"]["open_findings"] == 3
    execute(archive.url, f"DELETE FROM review_events WHERE finding_id = '{finding}'")

    table = archive.run("organisations", "--province", "กาฬสินธุ์")
    assert PAO in table and "2566/6×2" in table and "หาดใหญ่" not in table
    assert table.rstrip().endswith("2 organisations")
    archive.run("organisations", "-o", str(tmp_path / "known.csv"))
    csv = (tmp_path / "known.csv").read_text(encoding="utf-8-sig")
    assert csv.startswith("code,name,org_type,province,district,in_registry")


def test_missing_lists_those_that_filed_before_but_not_in_that_round(archive):
    missing = archive.known("--missing", "2566", "12")
    # หาดใหญ่ filed 2566/12; ยางตลาด filed only later (2568).
    assert set(missing) == {PAO, "องค์การบริหารส่วนตำบลโนนสูง", "องค์การบริหารส่วนตำบลบางพระ"}
    assert set(archive.known("--missing", "2568", "6")) == set(archive.known()) - {
        "เทศบาลตำบลยางตลาด"
    }
    said = archive.run("organisations", "--missing", "2566", "12", "--type", "อบต.")
    assert said.rstrip().endswith("2 organisations that filed before but not in 2566, 12 months")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("2023", "12"), "error: --missing 2023 is not a Buddhist-era year; fiscal years are"),
        (("66", "6"), "error: --missing 66 is not a Buddhist-era year"),
        (("2590", "6"), "error: --missing 2590 is outside the data: the reports stored are of"),
        (("2566", "3"), "error: --missing ROUND is one of 6, 12, not 3"),
    ],
)
def test_a_round_the_data_cannot_have_is_refused(archive, args, said):
    assert archive.refused("organisations", "--missing", *args).startswith(said)


def test_the_registry_gives_codes_and_reports_attach_by_name_province_and_district(
    archive, tmp_path
):
    registry = tmp_path / "registry.csv"
    registry.write_text(REGISTRY, encoding="utf-8")
    said = " ".join(archive.run("organisations", "import", str(registry)).split())
    assert said == (
        "5 organisations in the registry; 3 of them named in reports; "
        "2 organisations named in reports are not in it"
    )
    rows = json.loads(archive.run("organisations", "--format", "json"))
    by_code = {row["code"]: row for row in rows if row["code"]}
    assert set(by_code) == {"6400001", "6460102", "6460101", "6901234", "7000001"}
    assert (by_code["6400001"]["filed"], by_code["6400001"]["open_findings"]) == (["2566/6×2"], 10)
    assert by_code["6460101"]["filed"] == ["2565/6"]  # เมืองอุดรธานี, as the report says
    assert by_code["6460102"]["filed"] == []  # the other โนนสูง
    assert by_code["6901234"]["org_type"] == "เทศบาลเมือง"  # from the name
    assert (by_code["7000001"]["seen_in_reports"], by_code["7000001"]["filed"]) == (False, [])
    unlisted = {row["name"] for row in rows if row["code"] is None}
    assert unlisted == {"เทศบาลตำบลยางตลาด", "องค์การบริหารส่วนตำบลบางพระ"}
    assert len(rows) == 7

    missing = json.loads(
        archive.run("organisations", "--missing", "2566", "12", "--format", "json")
    )
    assert {row["code"] for row in missing} == {"6400001", "6460101", None}

    registry.write_text("รหัส,ชื่อ,จังหวัด\n6400001,อบจ.กาฬสินธุ์,กาฬสินธุ์\n", encoding="utf-8-sig")
    archive.run("organisations", "import", str(registry))  # Thai headers; replaces the list
    assert query(archive.url, "SELECT code FROM organisation_registry") == [("6400001",)]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("code,name\n1,อบต.หนึ่ง\n", "no column province in the header line"),
        ("code,name,province\n1,อบต.หนึ่ง,ตาก\n1,อบต.สอง,ตาก\n", "line 3: code 1 is on line 2 too"),
        ("code,name,province\n1,,ตาก\n", "line 2: no name"),
        ("code,name,province,org_type\n1,อบต.หนึ่ง,ตาก,อำเภอ\n", "line 2: type 'อำเภอ' is not"),
        ("", "the file is empty"),
    ],
)
def test_a_registry_that_cannot_be_read_is_refused_and_the_old_one_stays(
    archive, tmp_path, text, said
):
    registry = tmp_path / "registry.csv"
    registry.write_text(REGISTRY, encoding="utf-8")
    archive.run("organisations", "import", str(registry))
    registry.write_text(text, encoding="utf-8")
    assert archive.refused("organisations", "import", str(registry)).startswith(
        f"error: {registry}: {said}"
    )
    assert query(archive.url, "SELECT COUNT(*) FROM organisation_registry") == [(5,)]


def test_a_registry_not_in_utf8_is_refused(archive, tmp_path):
    registry = tmp_path / "registry.csv"
    registry.write_bytes("code,name,province\n1,อบต.หนึ่ง,ตาก\n".encode("cp874"))
    assert archive.refused("organisations", "import", str(registry)) == (
        f"error: {registry}: not UTF-8 text"
    )
