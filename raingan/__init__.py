"""raingan: ingest, check and load e-PlanNACC progress reports."""

__version__ = "0.1.0"
