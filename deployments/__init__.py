"""raingan's Prefect deployments (`prefect.yaml`), shipped with the package as data: `raingan
serve` finds them through `importlib.resources`, with no checkout or working directory."""
