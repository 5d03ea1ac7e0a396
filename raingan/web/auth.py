"""Who is asking: a signed session cookie (HttpOnly, SameSite=Lax, Secure over HTTPS) that
names the user and carries the CSRF token every changing form sends back, or a reverse
proxy's header from a trusted address. Failed logins are slowed, more for each in a row."""

from __future__ import annotations

import hmac
import secrets
import time
from collections import deque
from dataclasses import dataclass, field
from threading import Lock
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

from raingan.web.config import WebConfig

COOKIE = "raingan_session"
SESSION_SECONDS = 12 * 3600  # a working day: then sign in again
CSRF_FIELD = "csrf_token"
# Failed logins: the first waits 1 s, each further one in the window twice as long, up to 16 s.
FIRST_DELAY_SECONDS = 1.0
MAX_DELAY_SECONDS = 16.0
FAILURE_WINDOW_SECONDS = 15 * 60


@dataclass(frozen=True)
class Session:
    user: str
    csrf: str


class Sessions:
    """Session cookies signed with the configured key (itsdangerous)."""

    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self.serializer = URLSafeTimedSerializer(config.secret, salt="raingan-web-session")

    def read(self, request: Request) -> Session | None:
        if self.config.by_proxy:
            return self.from_proxy(request)
        cookie = request.cookies.get(COOKIE)
        if not cookie:
            return None
        try:
            data = self.serializer.loads(cookie, max_age=SESSION_SECONDS)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not {"user", "csrf"} <= data.keys():
            return None
        return Session(str(data["user"]), str(data["csrf"]))

    def from_proxy(self, request: Request) -> Session | None:
        """The user the reverse proxy names, only if the request comes from a trusted address.
        The CSRF token is derived from the name with the key: stable, and unguessable."""
        user = request.headers.get(self.config.user_header, "").strip()
        if not self.from_trusted_proxy(request) or not user:
            return None
        token = hmac.new(self.config.secret.encode(), user.encode(), "sha256").hexdigest()
        return Session(user, token)

    def from_trusted_proxy(self, request: Request) -> bool:
        client = request.client.host if request.client else None
        return client in self.config.trusted_proxies

    def over_https(self, request: Request) -> bool:
        """Served over HTTPS: directly, or by a trusted reverse proxy that says so."""
        forwarded = request.headers.get("x-forwarded-proto", "").lower() == "https"
        return request.url.scheme == "https" or (forwarded and self.from_trusted_proxy(request))

    def start(self, response: Response, request: Request, user: str) -> None:
        value = self.serializer.dumps({"user": user, "csrf": secrets.token_urlsafe(24)})
        response.set_cookie(
            COOKIE,
            value,
            max_age=SESSION_SECONDS,
            httponly=True,
            samesite="lax",
            secure=self.over_https(request),
        )

    @staticmethod
    def end(response: Response) -> None:
        response.delete_cookie(COOKIE, httponly=True, samesite="lax")


def csrf_matches(session: Session, form: Any) -> bool:
    given = form.get(CSRF_FIELD)
    return isinstance(given, str) and hmac.compare_digest(given, session.csrf)


@dataclass
class FailedLogins:
    """Recent failed logins by user name and by address: how long the next answer waits."""

    failures: dict[str, deque[float]] = field(default_factory=dict)
    lock: Lock = field(default_factory=Lock)

    def delay(self, *keys: str, now: float | None = None) -> float:
        """Record a failure under each key; the wait it earns (the longest of the keys')."""
        now = time.monotonic() if now is None else now
        waits = []
        with self.lock:
            for key in keys:
                times = self.failures.setdefault(key, deque())
                while times and now - times[0] > FAILURE_WINDOW_SECONDS:
                    times.popleft()
                times.append(now)
                waits.append(FIRST_DELAY_SECONDS * 2 ** (len(times) - 1))
        return min(MAX_DELAY_SECONDS, max(waits))

    def forget(self, key: str) -> None:
        with self.lock:
            self.failures.pop(key, None)
