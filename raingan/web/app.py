"""The workbench as a Starlette application: its state (database, originals store, how
people sign in), who may open what, and its routes. `create_app` is what `raingan web`
serves with uvicorn and what the tests drive."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from models.engine import SessionFactory
from models.originals import OriginalsStore
from models.users import VIEWER, Account, active_user, may
from raingan.pipeline.workspace import Workspace
from raingan.web.auth import CSRF_FIELD, FailedLogins, Session, Sessions, csrf_matches
from raingan.web.config import WebConfig

HERE = Path(__file__).parent
PUBLIC_PATHS = ("/login", "/static/")


@dataclass
class Workbench:
    """What every request reads: the database, the originals, how people sign in."""

    sessions: SessionFactory
    store: OriginalsStore
    config: WebConfig
    cookies: Sessions = field(init=False)
    failed_logins: FailedLogins = field(default_factory=FailedLogins)
    templates: Jinja2Templates = field(init=False)

    def __post_init__(self) -> None:
        from raingan.web import format as formats

        self.cookies = Sessions(self.config)
        self.templates = Jinja2Templates(directory=HERE / "templates")
        filters = {
            "figure": formats.figure,
            "when": formats.when,
            "place": formats.place,
            "rule_name": formats.rule_name,
        }
        self.templates.env.filters.update(filters)

    def who(self, request: Request) -> Who | None:
        """The signed-in, enabled user making this request; None otherwise."""
        session = self.cookies.read(request)
        if session is None:
            return None
        with self.sessions() as db:
            account = active_user(db, session.user)
        return None if account is None else Who(account, session)


@dataclass(frozen=True)
class Who:
    account: Account
    session: Session

    def may(self, role: str) -> bool:
        return may(self.account.role, role)


def workbench_of(request: Request) -> Workbench:
    found: Workbench = request.app.state.workbench
    return found


Handler = Callable[[Request, Who, FormData | None], Response]


def signed_in(role: str = VIEWER, *, changes: bool = False) -> Callable[[Handler], Any]:
    """A route for users of `role` or above: anyone else is sent to the login page (no
    session) or refused (403); a route that `changes` something also needs the session's
    CSRF token in its form (403 without it)."""

    def wrap(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            workbench = workbench_of(request)
            who = await run_in_threadpool(workbench.who, request)
            if who is None:
                return to_login(request)
            form = await request.form() if changes else None
            if changes and (form is None or not csrf_matches(who.session, form)):
                return refused(request, who, "the form was not sent from this site (CSRF)")
            if not who.may(role):
                return refused(request, who, f"this needs the role {role} or above")
            return await run_in_threadpool(handler, request, who, form)

        return endpoint

    return wrap


def to_login(request: Request) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target)}", status_code=303)


def refused(request: Request, who: Who, why: str) -> Response:
    return page(request, who, "error.html", {"why": why}, status_code=403)


def page(
    request: Request,
    who: Who | None,
    template: str,
    context: Mapping[str, object],
    status_code: int = 200,
) -> Response:
    """A page of the workbench, with who is signed in and the CSRF token its forms send.
    `context`: what the template reads, by name (open: each page's own)."""
    workbench = workbench_of(request)
    context = {
        **context,
        "who": who,
        "csrf_field": CSRF_FIELD,
        "csrf_token": who.session.csrf if who else "",
        "by_proxy": workbench.config.by_proxy,
    }
    return workbench.templates.TemplateResponse(request, template, context, status_code=status_code)


def create_app(workspace: Workspace, config: WebConfig) -> Starlette:
    """The workbench over the workspace's database and originals (it parses nothing)."""
    from raingan.web import pages

    routes = [
        Route("/login", pages.login_form, methods=["GET"]),
        Route("/login", pages.login, methods=["POST"]),
        Route("/logout", pages.logout, methods=["POST"]),
        Route("/static/thai-font.ttf", pages.thai_font, methods=["GET"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        Route("/", pages.overview_page, methods=["GET"]),
        Route("/findings", pages.findings_list, methods=["GET"]),
        Route("/findings.csv", pages.findings_csv, methods=["GET"]),
        Route("/findings.xlsx", pages.findings_xlsx, methods=["GET"]),
        Route("/findings/{finding_id}", pages.finding_page, methods=["GET"]),
        Route("/findings/{finding_id}/review", pages.review, methods=["POST"]),
        Route("/findings/{finding_id}/evidence/{page:int}.png", pages.evidence_png),
        Route("/reports", pages.reports_list, methods=["GET"]),
        Route("/reports/{sha256}", pages.report_page, methods=["GET"]),
        Route("/reports/{sha256}/original.pdf", pages.original_pdf, methods=["GET"]),
        Route("/reports/{sha256}/pages/{page:int}.png", pages.page_png, methods=["GET"]),
        Route("/rejected", pages.rejected_list, methods=["GET"]),
    ]
    app = Starlette(routes=routes)
    app.state.workbench = Workbench(workspace.sessions, workspace.store, config)
    return app
