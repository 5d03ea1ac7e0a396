"""What a running-text field nulled as read too doubtfully from an image
(parsers.sections.doubt.forget) was read as: said once in its `ocr:` warning, and found there again
by `doubtful_reading`.

The parse, a function of the PDF alone, gives such a field null (contract 1.1). The loader
still matches an organisation's name so read to a name raingan holds (models.name_match), and
reads the name from the warning through this module, which loads no PDF or Thai library.
"""

from __future__ import annotations

from checks.document import ReportDocument
from parsers.sections.parse_warnings import ParseWarning

DOUBTFUL = "ocr"  # the warnings' section
MARK = "\0"  # stands for the reading while the wording is split around it


def forgotten_text(shown: str, read: str) -> str:
    """The warning's text for the field `shown` ("report.organization") read as `read`."""
    return f"{shown}: '{read}' read with low confidence"


def doubtful_reading(document: ReportDocument, shown: str) -> str | None:
    """What the field `shown` was read as before it was nulled, from the document's warnings;
    None if it was not nulled so."""
    wording = ParseWarning(None, DOUBTFUL, forgotten_text(shown, MARK)).to_dict()["message"]
    head, tail = str(wording).split(MARK)
    for warning in document.get("parse_warnings") or []:
        message = str(warning.get("message") or "")
        if len(message) > len(head + tail) and message.startswith(head) and message.endswith(tail):
            return message[len(head) : -len(tail)]
    return None
