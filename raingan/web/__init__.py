"""`raingan web`: the auditors' workbench, server-rendered (Starlette, Jinja2, htmx)."""
