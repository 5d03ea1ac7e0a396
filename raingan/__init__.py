"""raingan: ingest, check and load e-PlanNACC progress reports."""

# The one version: pyproject.toml reads it (dynamic), `raingan --version` prints it, and
# CHANGELOG.md says what each release changed and what an operator must do after it.
__version__ = "0.1.0"
