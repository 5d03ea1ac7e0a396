"""What each page's reading says about itself, as `parse_warnings`: read from its image, its
image unreadable, an image not read (OCR off or missing), a damaged text layer; and why a
document none of whose pages could be read is rejected."""

from __future__ import annotations

from parsers.language.text_quality import LOW_SHARE, quality_summary
from parsers.layout.page import PageContent
from parsers.ocr.document import ImageReading
from parsers.sections.parse_warnings import WarningLog

# What a page's misread marks are called in its `text:` warning.
MISREAD_MARKS = "mark glyphs read as a text their drawing contradicts, left as printed"


def warn_page(page: PageContent, images: ImageReading, warnings: WarningLog) -> None:
    """One warning for a page not read from a usable text layer: read from its image, its
    image unreadable, an image not read (OCR off or missing), or a damaged text layer."""
    if page.read_from_image is not None:
        confidence = page.read_from_image
        text = f"page {page.number} read from its image (mean confidence {confidence:.0f}%)"
        warnings.add(page.number, "ocr", text)
    elif page.number in images.unreadable:
        warnings.add(page.number, "ocr", f"page {page.number}: {unreadable(images, page)}")
    elif not page.has_text:
        warnings.add(page.number, "page", "an image without a text layer: not read")
    else:
        warn_text_quality(page, warnings)


def why_nothing_read(images: ImageReading, memo_read: bool = False) -> str:
    """The `no_text_layer` reason: no usable text layer (or only the memo's), and why images
    did not help."""
    no_layer = "no page has a usable text layer (a scan)"
    if memo_read:
        no_layer = "no page of the report has a usable text layer (a scan; only its memo has one)"
    if images.switched_off:
        return f"{no_layer}, and reading pages from their images is switched off (RAINGAN_OCR)"
    if images.missing is not None:
        return f"{no_layer}, and pages cannot be read from their images: {images.missing.reason}"
    if images.unreadable:
        why = next(iter(images.unreadable.values()))
        return f"{no_layer}, and no page image could be read well enough ({why})"
    return no_layer


def unreadable(images: ImageReading, page: PageContent) -> str:
    why = images.unreadable[page.number]
    return f"its image could not be read well enough, not read ({why})"


def warn_text_quality(page: PageContent, warnings: WarningLog) -> None:
    """A `text:` warning for a page whose text layer was measured low
    (parsers.language.text_quality), or holds mark glyphs whose text contradicts their drawing and
    could not be read otherwise (so that checks comparing its text stand back): unusable ones are
    not read at all, as an image-only page is."""
    if page.junk_layer:
        text = "the text layer is unusable, not read (Latin text over a scanned image, no Thai)"
        warnings.add(page.number, "text", f"page {page.number}: {text}")
        return
    share = page.dictionary_share
    low = share is not None and share < LOW_SHARE
    if not low and not page.misread_marks:
        return
    quality = quality_summary(share, page.repairs)
    if page.misread_marks:
        quality = f"{page.misread_marks} {MISREAD_MARKS}; {quality}"
    if page.unusable:
        warnings.add(
            page.number,
            "text",
            f"page {page.number}: the text layer is unusable, not read ({quality})",
        )
    else:
        warnings.add(page.number, "text", f"page {page.number}: a damaged text layer ({quality})")
