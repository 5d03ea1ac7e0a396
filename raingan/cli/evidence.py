"""`raingan evidence`: a finding drawn on the pages of the stored original, as PNG files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from raingan.cli.console import ExitCode, console, fail, fail_with
from raingan.pipeline.outputs.choices import EVIDENCE_RESOLUTION as DEFAULT_RESOLUTION


def evidence(
    finding_id: Annotated[
        str,
        typer.Argument(
            help="A finding's id, as `raingan findings` lists it, or its first 6+ digits."
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", file_okay=False, help="The folder to write into.")
    ] = Path("."),
    resolution: Annotated[
        int, typer.Option(min=36, max=600, help="Pixels per inch of the pictures.")
    ] = DEFAULT_RESOLUTION,
) -> None:
    """Write a PNG of each page a finding involves: the printed figure boxed in red, the
    rows or cells it was checked against in amber, and a caption (reported, expected, rule)."""
    from raingan.cli.database import open_for_reading
    from raingan.cli.stored_findings import resolve_finding_id
    from raingan.pipeline.outputs.evidence_images import FindingNotFound, write_evidence

    stored = open_for_reading()
    finding_id = resolve_finding_id(stored.sessions, finding_id)
    try:
        written = write_evidence(stored.sessions, stored.store, finding_id, output, resolution)
    except FindingNotFound as error:
        raise fail(f"error: {error}", ExitCode.USAGE) from None  # as `raingan review` does
    except Exception as error:
        raise fail_with(f"could not draw the evidence of {finding_id}", error) from None
    for path in written:
        console.print(str(path), highlight=False, soft_wrap=True)
