"""One lock for every call into PDFium in a process.

PDFium must not be called from two threads at once, not even on two documents (pypdfium2's
docs: it "would crash or corrupt the process"); a web server drawing a finding's picture
(pdfplumber's `to_image`, which renders with pypdfium2) and a page of the original at once
died of SIGSEGV. Every PDFium caller holds this lock around what it asks of PDFium: opening
and closing a document, loading, reading or rendering a page, freeing its bitmaps. It is held
per call, never around a whole parse: a parse child has a single thread and never waits, and
an uncontended acquire costs well under a microsecond. Re-entrant, because callers nest (the
workbench holds it around `render_evidence`, which holds it around each picture).

It lives in the pure core, the lowest layer with a PDFium caller
(`parsers.text_layer.pdfium_reader`, `parsers.ocr`), so that everything above (`raingan.pipeline`,
`raingan.web`) can share it.
"""

from __future__ import annotations

import threading

PDFIUM_LOCK = threading.RLock()
