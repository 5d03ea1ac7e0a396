"""AcroForm check boxes: a status cell marked by a form field, not by the page's content.

A check box field is drawn by its widget's appearance streams, which pdfplumber does not read
as page content: the page shows no glyph or path in the cell. Its state is the widget's
appearance state /AS (the name of the appearance shown, /Off when unticked), or where a
widget gives none, the field's value /V (on the widget or on the field it is a kid of). Any
state but /Off is ticked: producers name the on state /Yes, /On, /1 or as they like.
"""

from __future__ import annotations

from typing import Any

from pdfminer.pdftypes import resolve1

from parsers.layout.page import Mark
from parsers.layout.page_objects import PdfAnnot

OFF = "Off"
PUSH_BUTTON = 1 << 16  # field flag (PDF 32000-1, table 226): a button that keeps no state
WIDGET_ON, WIDGET_OFF = "widget_on", "widget_off"


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


def check_box_state(data: dict[str, Any]) -> str | None:
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


def inherited(data: dict[str, Any]) -> dict[str, Any]:
    """The widget's own entries over those of the fields it is a kid of (FT, Ff, V)."""
    chain, node, seen = [], data, set()
    while isinstance(node, dict) and id(node) not in seen:
        seen.add(id(node))
        chain.append(node)
        node = resolve1(node.get("Parent"))
    field: dict[str, Any] = {}
    for node in reversed(chain):
        field.update({key: node[key] for key in ("FT", "Ff", "V") if key in node})
    return field


def name_of(value: Any) -> str:
    """A PDF name as text (pdfminer gives PSLiteral objects, or bytes for a string)."""
    value = resolve1(value)
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return str(getattr(value, "name", value)).lstrip("/")
