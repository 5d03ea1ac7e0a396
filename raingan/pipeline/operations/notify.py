"""Failures reach an operator: a message to `RAINGAN_NOTIFY` when a run ends Failed (files
failed in it) or crashes.

`RAINGAN_NOTIFY` holds one or more Apprise URLs (Apprise comes with Prefect), separated by
spaces or commas: `mailto://user:password@example.org`, `tgram://bot-token/chat-id`,
`json://host:port/path` for a webhook of one's own. Unset, nothing is sent. The URLs may hold
secrets: they are never logged.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

NOTIFY_VARIABLE = "RAINGAN_NOTIFY"
BODY_LIMIT = 4000  # characters: chat services refuse long messages


class NotifyError(ValueError):
    """`RAINGAN_NOTIFY` holds something Apprise cannot send to."""


def notify_urls(env: Mapping[str, str] | None = None) -> list[str]:
    value = (os.environ if env is None else env).get(NOTIFY_VARIABLE) or ""
    return [url for url in re.split(r"[\s,]+", value) if url]


def send(title: str, body: str, env: Mapping[str, str] | None = None) -> bool:
    """Send the message to every `RAINGAN_NOTIFY` URL; False when none is set or a send
    failed, `NotifyError` for a URL Apprise does not know."""
    urls = notify_urls(env)
    if not urls:
        return False
    import apprise  # only when there is something to send: it loads many plugins

    targets = apprise.Apprise()
    for number, url in enumerate(urls, start=1):
        if not targets.add(url):
            raise NotifyError(f"{NOTIFY_VARIABLE}: URL {number} is not one Apprise can send to")
    return bool(targets.notify(title=title, body=body[:BODY_LIMIT]))
