"""`raingan web`: the auditors' workbench in a browser, over the database the settings name."""

from __future__ import annotations

from typing import Annotated

import typer

from raingan.cli.console import ExitCode, console, fail

DEFAULT_PORT = 8000


def web(
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0: every interface).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = DEFAULT_PORT,
) -> None:
    """Serve the workbench until Ctrl-C: overview, findings with facets and search, each
    finding beside its original page, reviews, reports, rejected files, CSV and XLSX exports.

    People sign in with a name and password (`raingan users add`), or, with
    RAINGAN_WEB_AUTH=proxy, as the user a reverse proxy names in RAINGAN_WEB_USER_HEADER
    (X-Remote-User), trusted only from RAINGAN_WEB_TRUSTED_PROXIES (127.0.0.1,::1).
    """
    import uvicorn

    from raingan.cli.database import open_for_loading
    from raingan.settings import load_settings
    from raingan.web.app import create_app
    from raingan.web.config import WebConfigError, web_config

    opened = open_for_loading()  # a fresh home's database is made: its pages are empty until loaded
    try:
        config = web_config(load_settings().home)
    except (WebConfigError, OSError) as error:
        raise fail(f"error: {error}", ExitCode.USAGE) from None
    app = create_app(opened, config)
    console.print(f"raingan web: http://{host}:{port}/ (Ctrl-C stops it)", highlight=False)
    uvicorn.run(
        app,
        host=host,
        port=port,
        # The peer's own address decides whether a proxy is trusted (raingan.web.auth reads
        # X-Forwarded-Proto itself): uvicorn would replace it with X-Forwarded-For.
        proxy_headers=False,
        log_level="warning",
    )
