"""`raingan web` driven as a browser drives it (Starlette's test client), over real sample
PDFs ingested into SQLite and PostgreSQL: who may open and change what, the pages, the
filters in the URL, the exports and the originals."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from starlette.testclient import TestClient

from checks.catalogue import RULE_WORDS, Rule
from models import OriginalsStore
from models.engine import SessionFactory
from models.load import utc_now
from models.read import FindingSelection, finding_rows
from models.users import add_user
from models.workbench import Query, findings_page
from raingan.pipeline import Status, default_parser, ingest_paths
from raingan.pipeline.database import open_sessions
from raingan.pipeline.workspace import Workspace
from raingan.web.app import create_app
from raingan.web.auth import FIRST_DELAY_SECONDS
from raingan.web.config import WebConfig
from tests.contract import copy_samples
from tests.databases import KINDS, a_database

pytestmark = pytest.mark.slow  # real parses of sample PDFs

REFERENCES = ("reference-chromium.pdf", "reference-libreoffice.pdf")  # one supersedes the other
OTHERS = ("findings-percent.pdf", "sao-nonsung-2565-r6.pdf", "sao-bangphra-2566-r6.pdf")
REJECTED = "reject-docx.pdf"
SCRIPT_PROJECT = "โครงการ <script>alert(1)</script> ทดสอบ"
REFERENCE_ORGANISATION = "องค์การบริหารส่วนจังหวัดกาฬสินธุ์"
REFERENCE_PROVINCE = "กาฬสินธุ์"
PASSWORDS = {"vera": "viewer-pass", "anna": "auditor-pass", "adam": "admin-pass"}
ROLES = {"vera": "viewer", "anna": "auditor", "adam": "admin"}
SECRET = "a test key, not a secret"


def pdf_with_a_script_in_a_project_name(folder: Path) -> Path:
    """A generated report (reportlab) whose first project's name holds a <script> tag."""
    from sample_reports.generator.bulk import bulk_reports, write_report

    _, report = next(bulk_reports(1, seed=0))
    assert report.projects
    report.projects[0] = dataclasses.replace(report.projects[0], name=SCRIPT_PROJECT)
    write_report("script-in-a-name", report, folder)
    return folder / "script-in-a-name.pdf"


@dataclass
class Served:
    """A database holding the samples, its originals, and the workbench over them."""

    url: str
    sessions: SessionFactory
    store: OriginalsStore
    home: Path

    def client(self, config: WebConfig | None = None) -> TestClient:
        config = config or WebConfig(secret=SECRET)
        workspace = Workspace(self.sessions, self.store, default_parser())
        return TestClient(create_app(workspace, config))

    def signed_in(self, name: str) -> TestClient:
        client = self.client()
        answer = client.post(
            "/login",
            data={"username": name, "password": PASSWORDS[name]},
            follow_redirects=False,
        )
        assert answer.status_code == 303, answer.text
        return client


@pytest.fixture(scope="module", params=KINDS)
def served(request, tmp_path_factory) -> Iterator[Served]:
    home = tmp_path_factory.mktemp(request.param) / "home"
    inbox = home.parent / "inbox"
    copy_samples(inbox, (*REFERENCES, *OTHERS, REJECTED))
    pdf_with_a_script_in_a_project_name(inbox)
    with a_database(request.param, home.parent) as url:
        sessions = open_sessions(url)
        store = OriginalsStore(str(home / "originals"))
        summary = ingest_paths([inbox], Workspace(sessions, store, default_parser()))
        assert summary.count(Status.LOADED) == len(REFERENCES) + len(OTHERS) + 1
        assert summary.count(Status.REJECTED) == 1
        with sessions() as session:
            for name, role in ROLES.items():
                add_user(session, name, role, PASSWORDS[name], now=utc_now())
            session.commit()
        yield Served(url, sessions, store, home)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def current_rows(served: Served, **selection: object) -> list[dict]:
    with served.sessions() as session:
        return finding_rows(session, FindingSelection(**selection))  # type: ignore[arg-type]


def reference_sha256(served: Served) -> str:
    """The current reference report's file (the later of the two loaded)."""
    rows = current_rows(served, organisation=REFERENCE_ORGANISATION)
    assert rows
    return str(rows[0]["sha256"])


def finding_of(served: Served, source_file: str, index: int) -> str:
    """The id of one finding of a sample (each test that reviews takes its own)."""
    rows = [row for row in current_rows(served) if row["source_file"] == source_file]
    return str(rows[index]["id"])


def history_of(served: Served, finding_id: str) -> list:
    from models.reviews import review_history

    with served.sessions() as session:
        return review_history(session, finding_id)


def listed_ids(html: str) -> list[str]:
    return re.findall(r'<tr data-id="([0-9a-f]+)"', html)


# Who may open what ----------------------------------------------------------------------------


def test_without_a_session_every_page_leads_to_the_login_page(served):
    client = served.client()
    sha256 = reference_sha256(served)
    finding = current_rows(served)[0]["id"]
    for path in (
        "/",
        "/findings?province=กาฬสินธุ์",
        "/findings.csv",
        "/findings.xlsx",
        f"/findings/{finding}",
        f"/reports/{sha256}",
        f"/reports/{sha256}/original.pdf",
        "/rejected",
    ):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303, path
        assert answer.headers["location"].startswith("/login?next="), path
    posted = client.post(f"/findings/{finding}/review", data={"status": "confirmed"})
    assert posted.url.path == "/login" and 'name="password"' in posted.text
    # The login page and the static files are all that is open.
    assert client.get("/login").status_code == 200
    assert client.get("/static/htmx.min.js").status_code == 200
    font = client.get("/static/thai-font.ttf")
    assert font.status_code == 200 and font.content[:4] == b"\x00\x01\x00\x00"  # TrueType


def test_a_session_cookie_is_signed_http_only_and_same_site_lax(served):
    client = served.client()
    answer = client.post(
        "/login", data={"username": "anna", "password": PASSWORDS["anna"]}, follow_redirects=False
    )
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert "secure" not in cookie  # served over plain HTTP here
    assert client.get("/findings").status_code == 200
    # A cookie signed with another key is no session.
    other = served.client(WebConfig(secret="another key"))
    other.cookies.update(client.cookies)
    assert other.get("/findings", follow_redirects=False).status_code == 303
    # Behind a trusted proxy that says HTTPS, the cookie is Secure.
    behind = served.client(WebConfig(secret=SECRET, trusted_proxies=("testclient",)))
    secure = behind.post(
        "/login",
        data={"username": "anna", "password": PASSWORDS["anna"]},
        headers={"X-Forwarded-Proto": "https"},
        follow_redirects=False,
    )
    assert "secure" in secure.headers["set-cookie"].lower()


def test_a_wrong_password_is_answered_slowly_and_more_slowly_each_time(served):
    client = served.client()
    waits = []
    for _ in range(2):
        started = time.monotonic()
        answer = client.post("/login", data={"username": "vera", "password": "wrong"})
        waits.append(time.monotonic() - started)
        assert answer.status_code == 401 and 'id="login-failed"' in answer.text
    assert waits[0] >= FIRST_DELAY_SECONDS
    assert waits[1] >= 2 * FIRST_DELAY_SECONDS
    unknown = client.post("/login", data={"username": "nobody", "password": "x"})
    assert unknown.status_code == 401
    assert client.get("/findings", follow_redirects=False).status_code == 303


def test_a_viewer_reads_but_cannot_review(served):
    viewer = served.signed_in("vera")
    finding = finding_of(served, "findings-percent.pdf", 0)
    page = viewer.get(f"/findings/{finding}")
    assert page.status_code == 200 and 'id="review"' not in page.text
    answer = viewer.post(
        f"/findings/{finding}/review",
        data={"status": "confirmed", "note": "", "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert answer.status_code == 403
    assert history_of(served, finding) == []


def test_a_post_without_its_csrf_token_is_refused(served):
    auditor = served.signed_in("anna")
    finding = finding_of(served, "findings-percent.pdf", 1)
    for data in ({"status": "confirmed"}, {"status": "confirmed", "csrf_token": "forged"}):
        answer = auditor.post(f"/findings/{finding}/review", data=data, follow_redirects=False)
        assert answer.status_code == 403
    assert auditor.post("/logout", follow_redirects=False).status_code == 403
    assert history_of(served, finding) == []


def test_only_a_stored_original_is_ever_read(served):
    client = served.signed_in("vera")
    sha256 = reference_sha256(served)
    for path in (
        f"/reports/{'0' * 64}/original.pdf",
        f"/reports/{sha256[:12]}/original.pdf",
        "/reports/..%2F..%2F..%2Fetc%2Fpasswd/original.pdf",
        "/reports/%2e%2e/original.pdf",
        f"/reports/{sha256}/pages/999.png",
        f"/reports/{'f' * 64}",
        "/findings/not-an-id",
        "/findings/0123456789abcdef",
    ):
        answer = client.get(path)
        assert answer.status_code == 404, path
        assert b"root:" not in answer.content
    original = client.get(f"/reports/{sha256}/original.pdf")
    assert original.status_code == 200
    assert hashlib.sha256(original.content).hexdigest() == sha256
    assert original.headers["content-disposition"].startswith("attachment")


def test_an_original_gone_from_the_store_is_not_found_not_an_error(served, tmp_path):
    elsewhere = dataclasses.replace(served, store=OriginalsStore(str(tmp_path / "empty")))
    client = elsewhere.signed_in("vera")
    sha256 = reference_sha256(served)
    for path in (f"/reports/{sha256}/original.pdf", f"/reports/{sha256}/pages/1.png"):
        answer = client.get(path)
        assert answer.status_code == 404, path
        assert "not in the originals store" in answer.text


def test_a_script_in_a_project_name_is_shown_as_text(served):
    client = served.signed_in("vera")
    reports = client.get("/reports?province=")
    assert reports.status_code == 200
    with served.sessions() as session:
        from sqlmodel import select

        from models.tables import Project, Report, SourceFile

        sha256 = session.exec(
            select(SourceFile.sha256)
            .join(Report, Report.source_file_id == SourceFile.id)  # type: ignore[arg-type]
            .join(Project, Project.report_id == Report.id)  # type: ignore[arg-type]
            .where(Project.name == SCRIPT_PROJECT)
        ).one()
    page = client.get(f"/reports/{sha256}")
    assert "โครงการ &lt;script&gt;alert(1)&lt;/script&gt; ทดสอบ" in page.text
    assert "<script>alert" not in page.text


# The pages ------------------------------------------------------------------------------------


def test_facets_count_and_narrow_and_the_url_keeps_the_view(served):
    client = served.signed_in("vera")
    everything = client.get("/findings")
    total = len(current_rows(served))
    assert f'<span id="total">{total}</span>' in everything.text
    link = re.search(r'<a href="([^"]+)" data-facet="rule" data-value="PERCENT">', everything.text)
    assert link, "no rule facet"
    narrowed = client.get(link.group(1).replace("&amp;", "&"))
    expected = current_rows(served, rule="PERCENT")
    assert 0 < len(expected) < total
    assert sorted(listed_ids(narrowed.text)) == sorted(row["id"] for row in expected)
    assert "rule=PERCENT" in str(narrowed.url)  # the view is in its URL
    # Every facet of the narrowed view counts within it.
    years = re.search(r'<ul id="facet-year">(.*?)</ul>', narrowed.text, re.S)
    assert years
    counted = sum(int(n) for n in re.findall(r"</a> (\d+)</li>", years.group(1)))
    assert counted == len(expected)
    # Filters named like `raingan findings`'s options, combined.
    both = client.get(f"/findings?province={REFERENCE_PROVINCE}&rule=AMOUNT_SUM&review=open")
    amounts = current_rows(served, province=REFERENCE_PROVINCE, rule="AMOUNT_SUM")
    assert sorted(listed_ids(both.text)) == sorted(row["id"] for row in amounts)
    assert client.get("/findings?round=7").status_code == 400


def test_search_ignores_spaces_and_the_order_of_stacked_marks(served):
    client = served.signed_in("vera")
    expected = sorted(
        row["id"] for row in current_rows(served, organisation=REFERENCE_ORGANISATION)
    )
    spaced = "องค์การ บริหาร ส่วนจังหวัด"
    marks_swapped = "กาฬสินธ" + "\u0e38\u0e4c"[::-1]  # the tone mark typed before the vowel
    for typed in (spaced, marks_swapped, "กาฬสินธุ์"):
        page = client.get("/findings", params={"q": typed})
        assert sorted(listed_ids(page.text)) == expected, typed
    none = client.get("/findings", params={"q": "ไม่มีองค์กรนี้"})
    assert listed_ids(none.text) == []


def test_pages_are_sorted_and_do_not_overlap(served):
    with served.sessions() as session:
        first = findings_page(session, Query(sort="rule", page=1, page_size=4))
        second = findings_page(session, Query(sort="rule", page=2, page_size=4))
    assert len(first.rows) == 4 and first.total == len(current_rows(served))
    assert not {row["finding_id"] for row in first.rows} & {r["finding_id"] for r in second.rows}
    rules = [row["rule"] for row in first.rows + second.rows]
    assert rules == sorted(rules)


def test_a_finding_is_explained_reviewed_and_reopened(served):
    auditor = served.signed_in("anna")
    row = next(
        row
        for row in current_rows(served, organisation=REFERENCE_ORGANISATION)
        if row["rule"] == "AMOUNT_SUM"
    )
    page = auditor.get(f"/findings/{row['id']}")
    assert RULE_WORDS[Rule.AMOUNT_SUM].compared in page.text
    assert '<td class="number" id="expected">34,000.00</td>' in page.text
    assert f'src="/findings/{row["id"]}/evidence/' in page.text  # the picture …
    assert f'src="/reports/{row["sha256"]}/pages/' in page.text  # … beside the page
    picture = re.search(r'src="(/findings/[^"]+\.png)"', page.text)
    assert picture
    image = auditor.get(picture.group(1))
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    for status, note in (("confirmed", "ตรวจแล้ว หน้า 2"), ("open", "เปิดอีกครั้ง")):
        answer = auditor.post(
            f"/findings/{row['id']}/review",
            data={"status": status, "note": note, "csrf_token": csrf_of(page.text)},
        )
        assert answer.status_code == 200
        assert f'<td id="review-status">{status}</td>' in answer.text
        assert note in answer.text
    history = re.search(r'<table id="history">(.*?)</table>', answer.text, re.S)
    assert history and history.group(1).count("anna") == 2
    assert " น.</td>" in history.group(1)  # Bangkok's clock, as Thai offices write it
    assert re.search(r"25\d\d ", history.group(1))  # the Buddhist-era year


def test_pictures_asked_for_at_once_are_each_drawn(served):
    """A browser asks for a finding's picture and its page at once, and colleagues do too;
    PDFium draws both and is not thread-safe: drawn at once, they crashed the server (SIGSEGV).
    Here six clients ask for them together, three times each."""
    row = current_rows(served, organisation=REFERENCE_ORGANISATION)[0]
    page = served.signed_in("anna").get(f"/findings/{row['id']}").text
    paths = re.findall(r'src="(/(?:findings|reports)/[^"]+\.png)"', page)
    assert len(paths) >= 2

    def three_times(path: str) -> list[tuple[int, bytes]]:
        client = served.signed_in("anna")
        return [(answer.status_code, answer.content[:4]) for answer in map(client.get, [path] * 3)]

    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = [a for drawn in pool.map(three_times, paths * 3) for a in drawn]
    assert answers == [(200, b"\x89PNG")] * len(answers)


def test_exports_carry_the_filtered_view(served):
    client = served.signed_in("vera")
    expected = sorted(row["id"] for row in current_rows(served, province=REFERENCE_PROVINCE))
    csv = client.get("/findings.csv", params={"province": REFERENCE_PROVINCE})
    assert csv.status_code == 200 and csv.content.startswith(b"\xef\xbb\xbf")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("id,organization,province")
    assert sorted(line.split(",")[0] for line in lines[1:]) == expected
    xlsx = client.get("/findings.xlsx", params={"province": REFERENCE_PROVINCE})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True)) == expected
    searched = client.get("/findings.csv", params={"q": "กาฬสินธุ์"})  # in one organisation's name
    named = current_rows(served, organisation=REFERENCE_ORGANISATION)
    lines = searched.content.decode("utf-8-sig").splitlines()
    assert sorted(line.split(",")[0] for line in lines[1:]) == sorted(row["id"] for row in named)


def test_a_report_shows_its_sections_findings_earlier_version_and_original(served):
    client = served.signed_in("vera")
    sha256 = reference_sha256(served)
    page = client.get(f"/reports/{sha256}")
    assert page.status_code == 200
    assert f'href="/reports/{sha256}/original.pdf"' in page.text
    assert 'id="earlier"' in page.text  # the reference sent twice: one supersedes the other
    earlier = re.search(r'<ul id="earlier">.*?href="/reports/([0-9a-f]{64})"', page.text, re.S)
    assert earlier and earlier.group(1) != sha256
    for finding in current_rows(served, sha256_prefix=sha256):
        assert f'href="/findings/{finding["id"]}"' in page.text
    assert page.text.count('<table class="section">') >= 5


def test_the_overview_counts_link_to_their_lists_and_rejected_files_are_listed(served):
    client = served.signed_in("vera")
    overview = client.get("/")
    assert overview.status_code == 200
    province = re.search(r'<table id="by-province">(.*?)</table>', overview.text, re.S)
    assert province
    tallies = province.group(1)
    filed = [int(n) for n in re.findall(r'/reports\?province=[^"]*">(\d+)</a>', tallies)]
    assert sum(filed) >= len(OTHERS) + 1  # every current report with a province
    open_link = re.search(
        r'href="(/findings\?province=[^"]+review=open)">(\d+)<', province.group(1)
    )
    assert open_link
    listed = client.get(open_link.group(1).replace("&amp;", "&"))
    assert f'<span id="total">{open_link.group(2)}</span>' in listed.text
    assert "sao-nonsung" not in overview.text  # names, not files
    rejected = client.get("/rejected")
    assert REJECTED in rejected.text and "not_pdf" in rejected.text


def test_a_reverse_proxy_names_the_user_only_from_a_trusted_address(served):
    trusted = WebConfig(auth="proxy", secret=SECRET, trusted_proxies=("testclient",))
    client = served.client(trusted)
    page = client.get("/findings", headers={"X-Remote-User": "anna"})
    assert page.status_code == 200 and "anna (auditor)" in page.text
    assert client.get("/findings", follow_redirects=False).status_code == 303  # no header
    unknown = client.get("/findings", headers={"X-Remote-User": "mallory"}, follow_redirects=False)
    assert unknown.status_code == 303
    elsewhere = served.client(WebConfig(auth="proxy", secret=SECRET, trusted_proxies=("10.0.0.1",)))
    refused = elsewhere.get("/findings", headers={"X-Remote-User": "adam"}, follow_redirects=False)
    assert refused.status_code == 303


def review_through_the_page(served: Served, finding_id: str, status: str, note: str) -> None:
    client = served.signed_in("anna")
    page = client.get(f"/findings/{finding_id}")
    form = {"status": status, "note": note, "csrf_token": csrf_of(page.text)}
    assert client.post(f"/findings/{finding_id}/review", data=form).status_code == 200


@pytest.fixture(params=KINDS)
def resent(request, tmp_path) -> Iterator[Served]:
    """The reference loaded, one of its findings reviewed, then the reference sent again."""
    home = tmp_path / "home"
    with a_database(request.param, tmp_path) as url:
        sessions = open_sessions(url)
        served = Served(url, sessions, OriginalsStore(str(home / "originals")), home)
        with sessions() as session:
            add_user(session, "anna", "auditor", PASSWORDS["anna"], now=utc_now())
            session.commit()
        for name in REFERENCES:
            copy_samples(tmp_path / name, (name,))
            loaded = ingest_paths(
                [tmp_path / name], Workspace(sessions, served.store, default_parser())
            )
            assert loaded.count(Status.LOADED) == 1
            if name == REFERENCES[0]:
                review_through_the_page(served, finding_of(served, name, 0), "explained", "ดูหน้า 2")
        yield served


def test_a_review_carried_to_a_resent_report_says_where_it_came_from(resent):
    client = resent.signed_in("anna")
    later = finding_of(resent, REFERENCES[1], 0)
    page = client.get(f"/findings/{later}")
    assert '<td id="review-status">explained</td>' in page.text
    carried = re.search(r'ยกมาจากรายงานฉบับก่อน: <a href="/findings/([0-9a-f]+)">', page.text)
    assert carried, "the carried review does not say where it came from"
    assert carried.group(1) != later
    older = client.get(f"/findings/{carried.group(1)}")
    assert "ดูหน้า 2" in older.text and "anna" in older.text  # the earlier history stays
