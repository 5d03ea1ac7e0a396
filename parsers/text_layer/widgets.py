"""AcroForm check boxes: a status cell marked by a form field, not by the page's content.

A check box field is drawn by its widget's appearance streams, which pdfplumber does not read
as page content: the page shows no glyph or path in the cell. Its state is the widget's
appearance state /AS (the name of the appearance shown, /Off when unticked), or where a
widget gives none, the field's value /V (on the widget or on the field it is a kid of). Any
state but /Off is ticked: producers name the on state /Yes, /On, /1 or as they like.
"""

from __future__ import annotations

from typing import Literal, TypedDict

from pdfminer.pdftypes import resolve1

from parsers.layout.page import Mark
from parsers.layout.page_objects import PdfAnnot

OFF = "Off"
PUSH_BUTTON = 1 << 16  # field flag (PDF 32000-1, table 226): a button that keeps no state
WIDGET_ON, WIDGET_OFF = "widget_on", "widget_off"


class FieldEntries(TypedDict, total=False):
    """What a widget takes from the fields it is a kid of, where it does not say it itself:
    PDF objects as pdfminer gives them (a name, a number), maybe indirect references."""

    FT: object  # the field's type: /Btn for a button
    Ff: object  # its flags
    V: object  # its value


INHERITED: tuple[Literal["FT", "Ff", "V"], ...] = ("FT", "Ff", "V")


def widget_marks(annots: list[PdfAnnot]) -> list[Mark]:
    """One mark per check box widget of the page, ticked or not (as Mark kinds)."""
    marks = []
    for annot in annots:
        state = check_box_state(annot.get("data") or {})
        if state is None:
            continue
        kind = WIDGET_OFF if state == OFF else WIDGET_ON
        marks.append(Mark(annot["x0"], annot["top"], annot["x1"], annot["bottom"], kind))
    return marks


def check_box_state(data: dict[str, object]) -> str | None:
    """The state of a check box widget's field (a name, `Off` when unticked); None for any
    other annotation: a link, a text field, a push button."""
    field = inherited(data)
    if field.get("FT") is not None and name_of(field["FT"]) != "Btn":
        return None
    if int(resolve1(field.get("Ff")) or 0) & PUSH_BUTTON:
        return None
    for state in (data.get("AS"), field.get("V")):
        if state is not None and name_of(state):
            return name_of(state)
    return None


def inherited(data: dict[str, object]) -> FieldEntries:
    """The widget's own entries over those of the fields it is a kid of (FT, Ff, V)."""
    chain: list[dict[str, object]] = []
    node: object = data
    seen: set[int] = set()
    while isinstance(node, dict) and id(node) not in seen:
        seen.add(id(node))
        chain.append(node)
        node = resolve1(node.get("Parent"))
    field: FieldEntries = {}
    for entries in reversed(chain):
        for key in INHERITED:
            if key in entries:
                field[key] = entries[key]
    return field


def name_of(value: object) -> str:
    """A PDF name as text (pdfminer gives PSLiteral objects, or bytes for a string)."""
    value = resolve1(value)
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return str(getattr(value, "name", value)).lstrip("/")
