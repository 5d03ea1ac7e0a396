"""Outputs: what the database holds, shown to people. Stored findings and rejected files as
rows and exports (`findings_table`, `rejected_table`), the audit as one HTML page
(`html_report`) and a finding drawn over its original's pages (`evidence_images`). They read;
they import none of `ingestion` or `operations`."""
