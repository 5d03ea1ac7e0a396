"""The workbench's pages: login, the overview, findings (list, one, its review, exports,
pictures), reports (list, one, its original and its pages) and rejected files."""

from __future__ import annotations

import asyncio
import io
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from models.read import FindingRow, RejectedSelection, ReportNotFound, read_document
from models.reviews import UnknownFinding, record_review, review_history
from models.tables import REVIEW_STATUSES, stored_id
from models.users import AUDITOR
from models.users import signed_in as password_matches
from models.workbench import (
    FACETS,
    SORTS,
    ReportsQuery,
    earlier_versions,
    finding_row,
    findings_page,
    missing_filers,
    overview,
    rejected_count,
    report_by_sha256,
    reports_page,
    selected_finding_ids,
)
from parsers.safety.pdfium_lock import PDFIUM_LOCK
from raingan.web.app import Who, page, signed_in, workbench_of
from raingan.web.params import BadParameter, given, query_of, url_of

if TYPE_CHECKING:
    from checks.document import ReportDocument

SHA256 = re.compile(r"[0-9a-f]{64}")
FINDING_ID = re.compile(r"[0-9a-f]{6,64}")
PAGE_DPI = 110  # the original page beside the evidence picture: as large as the picture
ZOOM_DPI = 220  # the page opened on its own, to read small print
PNG = "image/png"


# Signing in ----------------------------------------------------------------------------------


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path on this site only (never another host)."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


async def login_form(request: Request) -> Response:
    return page(request, None, "login.html", {"next": safe_next(request.query_params.get("next"))})


async def login(request: Request) -> Response:
    """Sign in with a name and password; a wrong one is answered only after a wait that
    grows with each failure in a row (for that name, and for that address)."""
    workbench = workbench_of(request)
    form = await request.form()
    name, password = str(form.get("username", "")).strip(), str(form.get("password", ""))
    target = safe_next(str(form.get("next", "")))

    def check() -> Any:
        with workbench.sessions() as db:
            return password_matches(db, name, password)

    account = await run_in_threadpool(check) if name and password else None
    if account is None:
        address = request.client.host if request.client else "unknown"
        await asyncio.sleep(workbench.failed_logins.delay(f"user:{name}", f"address:{address}"))
        context = {"next": target, "failed": True, "username": name}
        return page(request, None, "login.html", context, status_code=401)
    workbench.failed_logins.forget(f"user:{name}")
    response = RedirectResponse(target, status_code=303)
    workbench.cookies.start(response, request, account.name)
    return response


@signed_in(changes=True)
def logout(request: Request, who: Who, form: FormData | None) -> Response:
    response = RedirectResponse("/login", status_code=303)
    workbench_of(request).cookies.end(response)
    return response


async def thai_font(request: Request) -> Response:
    """The shipped Thai font with Latin digits: pages never depend on the viewer's fonts."""
    from raingan.assets import thai_font_path

    return FileResponse(thai_font_path(), media_type="font/ttf")


# The overview --------------------------------------------------------------------------------


@signed_in()
def overview_page(request: Request, who: Who, form: FormData | None) -> Response:
    with workbench_of(request).sessions() as db:
        tallies = overview(db)
        latest, missing = missing_filers(db)
        rejected = rejected_count(db)
    context = {"tallies": tallies, "latest": latest, "missing": missing, "rejected": rejected}
    return page(request, who, "overview.html", context)


# Findings ------------------------------------------------------------------------------------


def checked_params(request: Request) -> dict[str, str]:
    try:
        return given(request.query_params)
    except BadParameter as error:
        raise HTTPException(400, str(error)) from None


@signed_in()
def findings_list(request: Request, who: Who, form: FormData | None) -> Response:
    kept = checked_params(request)
    query = query_of(kept)
    with workbench_of(request).sessions() as db:
        found = findings_page(db, query)
    pages = max(1, -(-found.total // query.page_size))
    context = {
        "found": found,
        "query": query,
        "kept": kept,
        "pages": pages,
        "facets": FACETS,
        "sorts": SORTS,
        "url": lambda path="/findings", **changes: url_of(path, kept, **changes),
    }
    return page(request, who, "findings.html", context)


def export_rows(request: Request) -> list[FindingRow]:
    """The rows of the filtered view, as `raingan findings` exports them (every page)."""
    from models.read import finding_rows

    query = query_of(checked_params(request))
    with workbench_of(request).sessions() as db:
        rows = finding_rows(db, query.selection)
        if query.search:
            wanted = selected_finding_ids(db, query)
            rows = [row for row in rows if row["id"] in wanted]
    return rows


def download(body: bytes, name: str, media_type: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type=media_type, headers=headers)


@signed_in()
def findings_csv(request: Request, who: Who, form: FormData | None) -> Response:
    from raingan.pipeline.outputs.findings_table import EXPORTS

    body = EXPORTS["csv"](export_rows(request))
    return download(body, "findings.csv", "text/csv; charset=utf-8")


@signed_in()
def findings_xlsx(request: Request, who: Who, form: FormData | None) -> Response:
    from raingan.pipeline.outputs.findings_table import EXPORTS

    body = EXPORTS["xlsx"](export_rows(request))
    media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return download(body, "findings.xlsx", media)


def checked_finding_id(request: Request) -> str:
    finding_id = str(request.path_params["finding_id"]).lower()
    if not FINDING_ID.fullmatch(finding_id):
        raise HTTPException(404, "no such finding")
    return finding_id


@signed_in()
def finding_page(request: Request, who: Who, form: FormData | None) -> Response:
    from checks.catalogue import RULE_WORDS, Rule

    finding_id = checked_finding_id(request)
    with workbench_of(request).sessions() as db:
        row = finding_row(db, finding_id)
        history = review_history(db, finding_id) if row else []
    if row is None:
        raise HTTPException(404, "no such finding")
    context = {
        "row": row,
        "history": history,
        "rule_words": RULE_WORDS.get(Rule(row["rule"])),
        "statuses": REVIEW_STATUSES,
        "may_review": who.may(AUDITOR),
        "pictures": evidence_pages(request, finding_id),
    }
    return page(request, who, "finding.html", context)


def evidence_pages(request: Request, finding_id: str) -> dict[int, bool]:
    """The pages a finding's picture is drawn on (True), or only named (False: the parse
    noted no place for it, so the page is shown alone)."""
    from raingan.pipeline.outputs.evidence_images import (
        FindingNotFound,
        outlines_of,
        stored_finding,
    )

    try:
        with workbench_of(request).sessions() as db:
            stored = stored_finding(db, finding_id)
    except FindingNotFound:
        return {}
    try:
        drawn = {outline.page for outline in outlines_of(stored)}
    except FindingNotFound:  # stored under another rules version: today's checks lack it
        drawn = set()
    named = set(stored.finding.get("pages") or [])
    return {number: number in drawn for number in sorted(drawn | named)}


@signed_in(AUDITOR, changes=True)
def review(request: Request, who: Who, form: FormData | None) -> Response:
    """Record a verdict (or reopen) with a note, by the signed-in user, now."""
    finding_id = checked_finding_id(request)
    status = str(form.get("status", "")) if form else ""
    note = str(form.get("note", "")).strip() if form else ""
    if status not in REVIEW_STATUSES:
        raise HTTPException(400, f"status is one of {', '.join(REVIEW_STATUSES)}")
    try:
        with workbench_of(request).sessions() as db:
            record_review(
                db,
                finding_id,
                status,
                note=note or None,
                reviewed_by=who.account.name,
                now=datetime.now(UTC).replace(tzinfo=None),
            )
            db.commit()
    except UnknownFinding:
        raise HTTPException(404, "no such finding") from None
    return RedirectResponse(f"/findings/{finding_id}", status_code=303)


@signed_in()
def evidence_png(request: Request, who: Who, form: FormData | None) -> Response:
    """A finding drawn over one of its pages (red: the figure; amber: what it was checked
    against), with its Thai caption."""
    from raingan.pipeline.outputs.evidence_images import (
        FindingNotFound,
        caption_lines,
        outlines_of,
        render_evidence,
        stored_finding,
    )

    finding_id, number = checked_finding_id(request), int(request.path_params["page"])
    workbench = workbench_of(request)
    try:
        with workbench.sessions() as db:
            stored = stored_finding(db, finding_id)
        outlines = [outline for outline in outlines_of(stored) if outline.page == number]
    except FindingNotFound:
        raise HTTPException(404, "no such finding, or none drawn under today's rules") from None
    if not outlines:
        raise HTTPException(404, "nothing drawn on that page")
    original = original_of(request, stored.sha256)
    # PDFium (pypdfium2, and pdfplumber's pictures drawn with it) must not be called from two
    # threads at once, and Starlette runs these pages in a thread pool: a test run's server
    # died of SIGSEGV drawing a finding's picture and its page together. One picture at a
    # time, under the process's one PDFium lock, PNG encoding included and bitmaps freed in it.
    with PDFIUM_LOCK:
        images = render_evidence(original, outlines, caption_lines(stored.finding))
        png = png_bytes(images[number])
        del images  # PDFium's bitmaps freed here, under the lock
    return Response(png, media_type=PNG)


def original_of(request: Request, sha256: str) -> bytes:
    """The stored original's bytes; 404 when the store no longer holds it (or holds it damaged)."""
    try:
        return workbench_of(request).store.get(sha256)
    except (OSError, ValueError):
        raise HTTPException(404, "the original is not in the originals store") from None


def png_bytes(image: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


# Reports -------------------------------------------------------------------------------------


def stored_report(request: Request) -> tuple[Any, Any]:
    """The report whose file has the sha256 in the path: 404 for anything else (a path, a
    prefix, an unknown hash): only stored originals are ever read."""
    sha256 = str(request.path_params["sha256"]).lower()
    if not SHA256.fullmatch(sha256):
        raise HTTPException(404, "no such report")
    with workbench_of(request).sessions() as db:
        found = report_by_sha256(db, sha256)
    if found is None:
        raise HTTPException(404, "no such report")
    return found


@signed_in()
def reports_list(request: Request, who: Who, form: FormData | None) -> Response:
    kept = checked_params(request)
    with_findings = request.query_params.get("findings")
    if with_findings not in (None, "", "some", "none"):
        raise HTTPException(400, "findings is some or none")
    query = ReportsQuery(query_of(kept).selection, with_findings or None, query_of(kept).page)
    with workbench_of(request).sessions() as db:
        rows, total = reports_page(db, query)
    if with_findings:
        kept["findings"] = with_findings
    context = {
        "rows": rows,
        "total": total,
        "query": query,
        "pages": max(1, -(-total // query.page_size)),
        "url": lambda path="/reports", **changes: url_of(path, kept, **changes),
    }
    return page(request, who, "reports.html", context)


@signed_in()
def report_page(request: Request, who: Who, form: FormData | None) -> Response:
    from models.read import FindingSelection, finding_rows, organisation_of, shown_name

    report, source = stored_report(request)
    with workbench_of(request).sessions() as db:
        try:
            document = read_document(db, stored_id(report.id))
        except ReportNotFound:
            raise HTTPException(404, "no such report") from None
        selection = FindingSelection(sha256_prefix=source.sha256, include_superseded=True)
        findings = finding_rows(db, selection)
        earlier = earlier_versions(db, report)
        name = shown_name(report, organisation_of(db, report))
    context = {
        "report": report,
        "name": name,
        "source": source,
        "document": document,
        "findings": findings,
        "earlier": earlier,
        "sections": sections_of(document),
    }
    return page(request, who, "report.html", context)


# The document's tables in the order printed, titled as the catalogue names them.
SECTIONS = (
    "dimensions",
    "plan_budget",
    "ordinance_budget",
    "disbursement",
    "status_summary",
    "projects",
    "narrative",
)


def sections_of(
    document: ReportDocument,
) -> list[tuple[str, str, list[str], list[list[object]]]]:
    """Each section of the document as a table: its key, a title, its columns, its rows (the
    total row last)."""
    from checks.catalogue import SECTION_LABELS
    from checks.figures import section_block, section_rows

    tables = []
    for key in SECTIONS:
        title = SECTION_LABELS.get(key, key)
        single = section_block(document, key)
        rows = section_rows(document, key) or ([single] if single else [])
        total = section_block(document, f"{key}_total")
        rows = [*rows, total] if total else rows
        if not rows:
            continue
        columns = list(dict.fromkeys(name for row in rows for name in row))
        tables.append((key, title, columns, [[row.get(name) for name in columns] for row in rows]))
    return tables


@signed_in()
def original_pdf(request: Request, who: Who, form: FormData | None) -> Response:
    _, source = stored_report(request)
    data = original_of(request, source.sha256)
    name = re.sub(r"[^\w.\-]", "_", source.original_name) or "original.pdf"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(data, media_type="application/pdf", headers=headers)


@signed_in()
def page_png(request: Request, who: Who, form: FormData | None) -> Response:
    """One page of the stored original, rendered (pypdfium2); `?zoom=1` at a larger size."""
    import pypdfium2

    _, source = stored_report(request)
    number = int(request.path_params["page"])
    data = original_of(request, source.sha256)
    dpi = ZOOM_DPI if request.query_params.get("zoom") else PAGE_DPI
    with PDFIUM_LOCK:  # as `evidence_png`'s
        document = pypdfium2.PdfDocument(data)
        try:
            if not 1 <= number <= len(document):
                raise HTTPException(404, "no such page")
            png = png_bytes(document[number - 1].render(scale=dpi / 72).to_pil())
        finally:
            document.close()
    return Response(png, media_type=PNG)


# Rejected files ------------------------------------------------------------------------------


@signed_in()
def rejected_list(request: Request, who: Who, form: FormData | None) -> Response:
    from raingan.pipeline.outputs.rejected_table import read_rejected

    rows = read_rejected(workbench_of(request).sessions, RejectedSelection())
    number = request.query_params.get("page", "1")
    current = int(number) if number.isdigit() and int(number) > 0 else 1
    size = 50
    context = {
        "rows": rows[(current - 1) * size : current * size],
        "total": len(rows),
        "page": current,
        "pages": max(1, -(-len(rows) // size)),
    }
    return page(request, who, "rejected.html", context)
