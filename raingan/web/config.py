"""How the workbench signs people in: its own login form (passwords in the database), or a
reverse proxy's header (`RAINGAN_WEB_AUTH=proxy`, single sign-on), trusted only from the
addresses configured; and the key its session cookies are signed with."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

AUTH_VARIABLE = "RAINGAN_WEB_AUTH"
HEADER_VARIABLE = "RAINGAN_WEB_USER_HEADER"
PROXIES_VARIABLE = "RAINGAN_WEB_TRUSTED_PROXIES"
SECRET_VARIABLE = "RAINGAN_WEB_SECRET"
AUTH_MODES = ("password", "proxy")
DEFAULT_HEADER = "X-Remote-User"
DEFAULT_PROXIES = ("127.0.0.1", "::1")
SECRET_FILE = "web-secret"  # in the raingan home: sessions survive a restart


class WebConfigError(ValueError):
    pass


@dataclass(frozen=True)
class WebConfig:
    auth: str = "password"
    user_header: str = DEFAULT_HEADER
    trusted_proxies: tuple[str, ...] = DEFAULT_PROXIES
    secret: str = ""

    @property
    def by_proxy(self) -> bool:
        return self.auth == "proxy"


def web_config(home: Path, env: Mapping[str, str] | None = None) -> WebConfig:
    """The workbench's settings from the environment; a bad one is a WebConfigError."""
    env = os.environ if env is None else env
    auth = env.get(AUTH_VARIABLE) or "password"
    if auth not in AUTH_MODES:
        raise WebConfigError(f"{AUTH_VARIABLE} is one of {', '.join(AUTH_MODES)}, not {auth!r}")
    proxies = tuple(
        address.strip()
        for address in (env.get(PROXIES_VARIABLE) or ",".join(DEFAULT_PROXIES)).split(",")
        if address.strip()
    )
    return WebConfig(
        auth=auth,
        user_header=env.get(HEADER_VARIABLE) or DEFAULT_HEADER,
        trusted_proxies=proxies,
        secret=env.get(SECRET_VARIABLE) or kept_secret(home / SECRET_FILE),
    )


def kept_secret(path: Path) -> str:
    """The signing key kept in `path`, made (readable by its owner only) the first time."""
    if path.is_file():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(32)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(secret)
    return secret
