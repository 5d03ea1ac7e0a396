"""The text layer: a file opened as a PDF (refused before any page is read when it cannot
be a report), each page read once into a `PageContent` (PDFium, or pdfplumber where
PDFium reads otherwise), its fonts' glyphs mapped to the letters they draw, marks merged
into their letters, letters into words and lines, AcroForm check boxes.

A sibling of `ocr`, which builds the same pages from images; neither imports the other.
"""
