"""`raingan report`: one static HTML page of the findings, checked in a real headless Chromium
(Debian's `chromium` and `chromium-driver`, driven by selenium): the reference report's ten
findings, the counts, a picture per finding whose report kept its boxes, and the filters."""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from checks.catalogue import RULE_WORDS, Rule
from raingan.pipeline.outputs.findings_table import COLUMNS, shown
from raingan.pipeline.outputs.html_report import NO_BOXES, Pictures, html_report
from tests.commands import raingan
from tests.contract import SAMPLES_DIR, reference_document

pytestmark = pytest.mark.slow  # real parses of sample PDFs and a browser

REFERENCE = "reference-chromium.pdf"
WITHOUT_BOXES = "findings-percent.pdf"  # its stored evidence is erased: as if parsed long ago
REFERENCE_ORGANISATION = "องค์การบริหารส่วนจังหวัดกาฬสินธุ์"
INSTALL = "sudo apt-get install -y chromium chromium-driver"


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """The reference and one report of findings loaded; the latter stored without boxes."""
    home = tmp_path_factory.mktemp("report") / "home"
    for name in (REFERENCE, WITHOUT_BOXES):
        loaded = raingan("ingest", str(SAMPLES_DIR / name), home=home)
        assert loaded.returncode == 0, loaded.stderr
    with sqlite3.connect(home / "raingan.sqlite") as database:
        database.execute(
            "UPDATE report_documents SET evidence = '{}' WHERE report_id IN ("
            "SELECT r.id FROM reports r JOIN source_files s ON s.id = r.source_file_id "
            "WHERE s.original_name = ?)",
            (WITHOUT_BOXES,),
        )
    return home


@pytest.fixture(scope="module")
def page(home) -> Path:
    path = home.parent / "audit.html"
    made = raingan("report", "-o", str(path), home=home)
    assert made.returncode == 0, made.stderr
    assert str(path) in made.stdout and "findings" in made.stdout
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium is None or driver is None:
        pytest.fail(f"headless Chromium is needed for this test: run  {INSTALL}")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1400,1000")
    session = webdriver.Chrome(options=options, service=Service(executable_path=driver))
    try:
        yield session
    finally:
        session.quit()


def visible_rows(browser: Any) -> list[Any]:
    return [
        row
        for row in browser.find_elements(By.CSS_SELECTOR, "#findings tbody tr")
        if row.is_displayed()
    ]


def counts(browser: Any, table: str) -> dict[str, tuple[int, int]]:
    found = {}
    for row in browser.find_elements(By.CSS_SELECTOR, f"#{table} tbody tr"):
        name, findings, reports = (cell.text for cell in row.find_elements(By.TAG_NAME, "td"))
        found[name] = (int(findings), int(reports))
    return found


def test_the_page_shows_the_reference_findings_counts_and_pictures(page, browser):
    browser.get(page.as_uri())
    reference = [
        row
        for row in visible_rows(browser)
        if REFERENCE_ORGANISATION in row.find_element(By.CSS_SELECTOR, "td").text
    ]
    expected = sorted(
        (f["rule"], shown(f["reported"]), shown(f["expected"]))
        for f in reference_document()["findings"]
    )
    shown_rows = sorted(
        (
            row.get_attribute("data-rule"),
            row.find_element(By.CSS_SELECTOR, "td.reported").text,
            row.find_element(By.CSS_SELECTOR, "td.expected").text,
        )
        for row in reference
    )
    assert shown_rows == expected
    # Each rule is named in Thai, with what it compared, from the rule catalogue.
    for row in reference:
        words = RULE_WORDS[Rule(row.get_attribute("data-rule"))]
        rule_cell = row.find_elements(By.TAG_NAME, "td")[2]
        assert rule_cell.get_attribute("title") == f"{words.name}: {words.compared}"
    # Each reference finding has its picture, decoded by the browser (a real PNG).
    for row in reference:
        images = row.find_elements(By.CSS_SELECTOR, "img.evidence")
        assert images, row.get_attribute("data-id")
        for image in images:
            assert image.get_attribute("src").startswith("data:image/png;base64,")
            assert browser.execute_script("return arguments[0].naturalWidth", image) > 100
    # The other report's findings say why they have none.
    others = [row for row in visible_rows(browser) if row not in reference]
    assert others
    for row in others:
        assert not row.find_elements(By.CSS_SELECTOR, "img")
        assert row.find_element(By.CSS_SELECTOR, "td.no-evidence").text == NO_BOXES
    # The counts: per rule, and per province, as many as the rows show.
    all_rows = visible_rows(browser)
    per_rule = counts(browser, "rule-counts")
    assert sum(findings for findings, _ in per_rule.values()) == len(all_rows)
    for rule, (findings, _) in per_rule.items():
        assert findings == sum(1 for r in all_rows if r.get_attribute("data-rule") == rule)
    per_province = counts(browser, "province-counts")
    assert per_province == {"กาฬสินธุ์": (len(all_rows), 2)}  # both samples are of one province
    assert browser.find_element(By.ID, "shown").text == str(len(all_rows))


def test_the_filters_and_the_sort_work_in_the_page(page, browser):
    browser.get(page.as_uri())
    everything = len(visible_rows(browser))
    percent = [r for r in visible_rows(browser) if r.get_attribute("data-rule") == "PERCENT"]
    assert 0 < len(percent) < everything
    Select(browser.find_element(By.ID, "rule-filter")).select_by_value("PERCENT")
    assert {r.get_attribute("data-rule") for r in visible_rows(browser)} == {"PERCENT"}
    assert len(visible_rows(browser)) == len(percent)
    assert browser.find_element(By.ID, "shown").text == str(len(percent))
    Select(browser.find_element(By.ID, "rule-filter")).select_by_value("")
    assert len(visible_rows(browser)) == everything
    box = browser.find_element(By.ID, "filter")
    box.send_keys(REFERENCE_ORGANISATION)  # Thai typed in, matched in the Thai text
    assert len(visible_rows(browser)) == 10
    box.clear()
    box.send_keys("no such organisation")
    assert visible_rows(browser) == []
    box.clear()
    box.send_keys(" ")  # clear() fires no input event: type to apply it
    assert len(visible_rows(browser)) == everything
    header = browser.find_element(By.CSS_SELECTOR, '#findings th[data-column="rule"]')
    header.click()
    rules = [r.get_attribute("data-rule") for r in visible_rows(browser)]
    assert rules == sorted(rules)
    header.click()
    rules = [r.get_attribute("data-rule") for r in visible_rows(browser)]
    assert rules == sorted(rules, reverse=True)


def test_the_page_is_one_file_utf8_with_thai_fonts_and_no_network(page):
    html = page.read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in html
    assert "Noto Sans Thai" in html and "Loma" in html
    assert REFERENCE_ORGANISATION in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html and "<link" not in html
    assert page.stat().st_size < 3_000_000  # pictures at 60 dpi keep it light


def test_everything_from_the_data_is_escaped():
    hostile = '<script>alert("x")</script>'
    row: dict[str, Any] = {column: None for column in COLUMNS}
    row.update(
        id='1"><b>x',
        organization=hostile,
        province="<i>จังหวัด</i>",
        rule="PERCENT",
        severity="error",
        field="narrative.<b>",
        reported="<img src=x onerror=alert(1)>",
        expected="&amp;",
        pages=[1],
        message=hostile,
        source_file="<a href='x'>.pdf",
        sha256="0" * 64,
        review_status="open",
        review_note="<u>note</u>",
    )
    html = html_report([row], {row["id"]: Pictures({}, "<no picture>")})
    body = html.split("<body>", 1)[1].split("<script>", 1)[0]
    assert "<script>alert" not in body and "<img src=x" not in body and "<i>" not in body
    assert "<b>" not in body and "<u>" not in body and "<a href" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert "&amp;amp;" in body and "&lt;no picture&gt;" in body


def test_the_filters_of_raingan_findings_select_the_reports_rows(home, tmp_path):
    path = tmp_path / "percent.html"
    made = raingan("report", "-o", str(path), "--rule", "PERCENT", "--year", "2568", home=home)
    assert made.returncode == 0, made.stderr
    html = path.read_text(encoding="utf-8")
    assert html.count('<tr class="finding"') == 4
    assert html.count('data-rule="PERCENT"') == 4
    assert REFERENCE_ORGANISATION not in html
    bad = raingan("report", "-o", str(path), "--rule", "NOPE", home=home)
    assert bad.returncode == 2 and "--rule" in bad.stderr
