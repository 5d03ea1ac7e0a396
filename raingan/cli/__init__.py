"""The `raingan` command (typer): one module per command group, the app in `app.py`."""

from raingan.cli.app import app, main

__all__ = ["app", "main"]
