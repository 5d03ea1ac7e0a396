"""Prefect flows and their tasks: thin shells over the services in `raingan.pipeline`."""
