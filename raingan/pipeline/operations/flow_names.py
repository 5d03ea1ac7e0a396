"""raingan's Prefect flow names, declared once: the flows take them in `@flow(name=...)`,
`raingan status` reads their runs by them, and a test holds deployments/prefect.yaml to them."""

from __future__ import annotations

NIGHTLY = "nightly-ingest"
BACKFILL = "backfill"
BACKFILL_RUN = "backfill-run"  # one run of a backfill's files, started by `backfill`
AUDIT = "audit"

# Deployment name in deployments/prefect.yaml -> the flow it runs.
DEPLOYMENTS = {"nightly": NIGHTLY, "backfill": BACKFILL, "audit": AUDIT}
# The flows an operator runs (a deployment each), in the order `raingan status` shows them.
FLOWS = tuple(DEPLOYMENTS.values())
NIGHTLY_DEPLOYMENT = f"{NIGHTLY}/nightly"  # Prefect's "flow/deployment" name
