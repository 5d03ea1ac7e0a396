"""Figures read from page images too doubtfully to be read (contract 1.1): null with an `ocr:`
warning, never a guess, so that no finding comes from them. The tables' cells are settled where
they are read (parsers.project_list, parsers.summary_tables); here, the running text and the
memo."""

from __future__ import annotations

from typing import Any

from parsers.numbers import UNREAD_FIGURE
from parsers.page import PageContent, Word
from parsers.warnings import WarningLog


def readable_lines(page: PageContent, warnings: WarningLog) -> list[str]:
    """The page's lines as text; a figure read from its image with too little confidence is
    masked (the running text's readers then find no number there: null, not a guess)."""
    texts = []
    for line in page.lines:
        words = []
        for word in line:
            in_table = any(g.box.contains_point(word.x_mid, word.y_mid) for g in page.grids)
            if word.doubtful and not in_table and any(ch.isdigit() for ch in word.text):
                warnings.add(
                    page.number,
                    "ocr",
                    f"page {page.number}: '{word.text}' read with low confidence",
                )
                words.append(UNREAD_FIGURE)
            else:
                words.append(word.text)
        texts.append(" ".join(words))
    return texts


# The memo's figures (its date, the phone number), and the field each is read from: read from
# an image with too little confidence, they are null, never a guess. (The reference is an
# identifier, read as text like the names.)
MEMO_FIGURES = {"date": "date", "phone": "agency"}


def forget_doubtful_memo_figures(
    memo: dict[str, Any], words: dict[str, list[Word]], page: int, warnings: WarningLog
) -> None:
    for key, field_name in MEMO_FIGURES.items():
        read = [w for w in words.get(field_name, []) if any(ch.isdigit() for ch in w.text)]
        if memo.get(key) is not None and any(word.doubtful for word in read):
            shown = " ".join(word.text for word in read)
            warnings.add(page, "ocr", f"memo.{key}: '{shown}' read with low confidence")
            memo[key] = None
