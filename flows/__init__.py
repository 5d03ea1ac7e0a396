"""Prefect flows: thin shells over the plain pipeline in `raingan.ingest` and `flows.inbox`."""
