"""Pages read from their images (contract 1.1, "Pages read from images"): Tesseract's Thai
model through tesserocr, ruling lines and status boxes from the image with OpenCV.

What OCR gives becomes the same `PageContent` the text-layer path builds, so the memo, table
and list readers are reused as they are.
"""
