"""Which lines of running text run on into the next: a text wrapped at the page's margin.

A producer wraps a line when its next word does not fit before the right margin (LibreOffice
prints ผู้รายงาน … ตำแหน่ง นักวิเคราะห์นโยบายและแผน ปฏิบัติ / การ over two lines). So a line runs
on into the next line of its page when that line's first word would not have fitted at its
end, and the next line follows it closely. Whether the next line opens something of its own (a
title, a numbered item) is for the reader of the text to say (parsers.sections.report_text).
"""

from __future__ import annotations

from parsers.layout.page import PageContent, Word

# The next line starts within this many of the line's heights below it (a line's spacing;
# a footer or a block set apart is not a continuation).
MAX_GAP_LINES = 1.0


def right_edge(page: PageContent) -> float:
    """Where the page's lines end at the most: its text mirrored about the page's middle (a
    margin as wide as the left one), or further where a line reaches further."""
    starts = [line[0].x0 for line in page.lines if line]
    ends = [line[-1].x1 for line in page.lines if line]
    if not starts:
        return page.width
    return max(page.width - min(starts), max(ends))


def runs_on(line: list[Word], following: list[Word], edge: float) -> bool:
    """The line was cut at the margin and `following` carries on its text."""
    if not line or not following:
        return False
    height = max(word.height for word in line)
    close = following[0].top - line[-1].bottom < MAX_GAP_LINES * height
    return close and line[-1].x1 + following[0].width > edge


def run_on_lines(pages: list[PageContent]) -> set[int]:
    """Indices (over the pages' lines in order, as the report's running text is read) of the
    lines that run on into the next one."""
    found: set[int] = set()
    offset = 0
    for page in pages:
        edge = right_edge(page)
        for index, (line, following) in enumerate(zip(page.lines, page.lines[1:], strict=False)):
            if runs_on(line, following, edge):
                found.add(offset + index)
        offset += len(page.lines)
    return found
