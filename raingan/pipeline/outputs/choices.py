"""What a person may ask the outputs for: the export formats and the pictures' resolutions.

Light to import (no pandas, no PDF renderer): the CLI's options offer these choices and
defaults without loading the outputs that use them.
"""

from __future__ import annotations

# The files a listing exports to (`findings_table.EXPORTS`, `rejected_table.EXPORTS`).
EXPORT_FORMATS = ("csv", "xlsx", "parquet", "json")
EVIDENCE_RESOLUTION = 110  # dpi: an A4 page about 910 × 1290 pixels
REPORT_RESOLUTION = 60  # dpi: an A4 page about 500 × 700 pixels, some 10 kB as a PNG
