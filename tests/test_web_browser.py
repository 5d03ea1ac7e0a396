"""The workbench as an auditor uses it: `raingan web`'s application served by uvicorn, over
real sample PDFs in SQLite and PostgreSQL, driven in Debian's headless Chromium (selenium):
log in, click a facet, search, open a finding, review it, reopen it, export the view and
download the original."""

from __future__ import annotations

import hashlib
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By

from models import OriginalsStore
from models.load import utc_now
from models.read import FindingSelection, finding_rows
from models.users import add_user
from raingan.pipeline import Status, default_parser, ingest_paths
from raingan.pipeline.database import open_sessions
from raingan.pipeline.workspace import Workspace
from raingan.web.app import create_app
from raingan.web.config import WebConfig
from tests import test_html_report
from tests.contract import copy_samples
from tests.databases import KINDS, a_database

browser = test_html_report.browser  # the fixture: Debian's headless Chromium, driven as there

pytestmark = pytest.mark.slow  # real parses of sample PDFs, a server and a browser

SAMPLES = ("reference-chromium.pdf", "findings-percent.pdf")
REFERENCE_ORGANISATION = "องค์การบริหารส่วนจังหวัดกาฬสินธุ์"
WAIT_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(params=KINDS)
def site(request, tmp_path) -> Iterator[tuple[str, Any]]:
    """The workbench served on a free port over the samples; its address and sessions."""
    home = tmp_path / "home"
    copy_samples(tmp_path / "inbox", SAMPLES)
    with a_database(request.param, tmp_path) as url:
        sessions = open_sessions(url)
        store = OriginalsStore(str(home / "originals"))
        workspace = Workspace(sessions, store, default_parser())
        summary = ingest_paths([tmp_path / "inbox"], workspace)
        assert summary.count(Status.LOADED) == len(SAMPLES)
        with sessions() as session:
            add_user(session, "anna", "auditor", "anna-pass", now=utc_now())
            session.commit()
        # A key of its own: the browser (one for the module) keeps the other site's cookie.
        app = create_app(workspace, WebConfig(secret=secrets.token_hex(16)))
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + WAIT_SECONDS
        while not server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        try:
            yield f"http://127.0.0.1:{port}", sessions
        finally:
            server.should_exit = True
            thread.join(WAIT_SECONDS)


@pytest.fixture
def downloads(browser, tmp_path) -> Path:
    """Where the browser saves what it downloads, without asking."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    where = {"behavior": "allow", "downloadPath": str(folder)}
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", where)
    return folder


def wait_for(condition: Any, what: str) -> Any:
    """Poll `condition` until it holds; an element htmx swapped out mid-look is "not yet"."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        try:
            found = condition()
        except (StaleElementReferenceException, NoSuchElementException):
            found = None
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"waited {WAIT_SECONDS} s for {what}")


def downloaded(folder: Path, suffix: str) -> Path:
    """The file of that suffix the browser finished downloading into `folder`."""
    return wait_for(
        lambda: next((path for path in folder.glob(f"*{suffix}")), None), f"a {suffix} download"
    )


def total_shown(browser: Any) -> int:
    return int(browser.find_element(By.ID, "total").text)


def test_an_auditor_reviews_a_finding_and_takes_the_view_and_the_original_away(
    site, browser, downloads
):
    address, sessions = site
    with sessions() as session:
        every = finding_rows(session, FindingSelection())
    browser.get(f"{address}/findings")
    assert "/login" in browser.current_url  # no session: the login page
    browser.find_element(By.NAME, "username").send_keys("anna")
    browser.find_element(By.NAME, "password").send_keys("anna-pass")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait_for(lambda: browser.find_elements(By.ID, "findings"), "the findings list")
    assert total_shown(browser) == len(every)

    # A facet narrows the list, and the URL says so.
    browser.find_element(By.CSS_SELECTOR, 'a[data-facet="rule"][data-value="AMOUNT_SUM"]').click()
    amounts = [row for row in every if row["rule"] == "AMOUNT_SUM"]
    wait_for(lambda: "rule=AMOUNT_SUM" in browser.current_url, "the facet's URL")
    wait_for(lambda: total_shown(browser) == len(amounts), "the narrowed list")

    # A search with spaces where the name has none.
    search = browser.find_element(By.NAME, "q")
    search.send_keys("องค์การ บริหาร ส่วนจังหวัด")
    search.submit()
    wait_for(lambda: "q=" in browser.current_url, "the search's URL")
    ours = [row for row in amounts if row["organization"] == REFERENCE_ORGANISATION]
    wait_for(lambda: total_shown(browser) == len(ours), "the searched list")

    # Open a finding: its picture beside the original page, both drawn by the browser.
    view = browser.current_url
    browser.find_element(By.CSS_SELECTOR, "a.finding-link").click()
    wait_for(lambda: browser.find_elements(By.ID, "review"), "the finding page")
    for image in browser.find_elements(By.CSS_SELECTOR, ".pictures img"):
        loaded = wait_for(
            lambda image=image: browser.execute_script("return arguments[0].naturalWidth", image),
            "a picture",
        )
        assert loaded > 300
    assert browser.find_elements(By.CSS_SELECTOR, "img.evidence")
    assert browser.find_elements(By.CSS_SELECTOR, "img.original")

    # Review it, then reopen it, each with a note.
    for status, note in (("confirmed", "ตรวจแล้ว"), ("open", "ขอดูอีกครั้ง")):
        browser.find_element(By.NAME, "note").send_keys(note)
        browser.find_element(By.ID, f"review-{status}").click()
        wait_for(
            lambda status=status: browser.find_element(By.ID, "review-status").text == status,
            f"the status {status}",
        )
        assert note in browser.find_element(By.ID, "history").text
    assert browser.find_element(By.ID, "history").text.count("anna") == 2

    # Export the view it came from, then download the report's original.
    browser.get(view)
    browser.find_element(By.ID, "export-csv").click()
    csv = downloaded(downloads, ".csv").read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf")
    assert sorted(line.split(b",")[0].decode() for line in csv.splitlines()[1:]) == sorted(
        row["id"] for row in ours
    )
    browser.get(f"{address}/reports/{ours[0]['sha256']}")
    browser.find_element(By.ID, "original").click()
    original = downloaded(downloads, ".pdf")
    assert hashlib.sha256(original.read_bytes()).hexdigest() == ours[0]["sha256"]
