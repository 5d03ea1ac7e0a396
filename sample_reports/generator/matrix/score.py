"""A parse compared with its truth, field by field and cell by cell, and findings by key.

Every figure and text of the truth is one place (`dimensions[d2].budget_spent`,
`projects[p4#17].status` …). A place is *right* when the parse has the same value, *null*
when the parse has none for it, and *wrong* otherwise; a place the parse has and the truth
lacks (an extra project row, a memo where none is printed) is wrong. A null is *silent* when
no warning names its section, its page, or the page's reading (`ocr:`, `text:`).
Findings compare as multisets of (rule, field, dimension, seq). A finding the truth lacks is
still *justified* when the truth's own printed figures, read only as far as the parse read
them (its nulls null, its unread rows left out), give it under the parse's evidence: with a
list not read, the checks blame the summary the list would have arbitrated (CROSS_TABLE), and
that disagreement is printed. Any other finding the truth lacks is false: it came of a misread.

A wrong *text* place is *doubtful*, not wrong, when an `ocr:` warning names it precisely:
its row by page and printed number, and its key (`ocr: page 3: row 17: name '…' read with low
confidence (…)`). The contract keeps a project's name a string, so a name read doubtfully
from an image keeps its text and says so; the reader did not pass a near miss off as what is
printed. Only project texts (DOUBTABLE_TEXTS: names, remarks) count so: a figure or a status
read wrong is wrong whatever the warnings say (a doubtful one must be null).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

TABLE_SECTIONS = ("dimensions", "plan_budget", "ordinance_budget", "disbursement")
RECORD_SECTIONS = ("status_summary", "narrative")
PERSON_KEYS = ("name", "position")
MEMO_KEYS = ("agency", "phone", "reference", "date", "subject", "addressee")
REPORT_KEYS = ("organization", "fiscal_year", "round_months", "data_as_of", "district", "province")
PROJECT_KEYS = ("seq", "name", "dimension", "budget", "disbursed", "status", "remark")
# Project texts a warning that names them precisely makes doubtful rather than wrong.
DOUBTABLE_TEXTS = ("name", "remark")
AMOUNT_TOLERANCE = 0.005
WRONG_SHOWN = 40  # the wrong places a case keeps for its report


@dataclass(frozen=True)
class Place:
    section: str
    path: str
    page: int | None = None
    row: Any = field(default=None, compare=False)  # a project row's printed number

    @property
    def key(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    @property
    def is_status(self) -> bool:
        return self.section == "projects" and self.key == "status"

    @property
    def is_doubtable_text(self) -> bool:
        return self.section == "projects" and self.key in DOUBTABLE_TEXTS


@dataclass
class Score:
    right: int = 0
    null: int = 0
    silent: int = 0  # nulls no warning names
    wrong: int = 0
    doubtful: int = 0  # text places read wrong that an `ocr:` warning names precisely
    status_right: int = 0
    status_null: int = 0
    status_wrong: int = 0
    figure_right: int = 0  # places whose printed value is a number (statuses are not)
    figure_null: int = 0
    figure_wrong: int = 0
    findings_true: int = 0
    findings_false: int = 0
    findings_missed: int = 0
    findings_justified: int = 0  # not the truth's, but given by its printed figures as read
    rejected: str | None = None  # the parse's rejection code, if it refused the file
    wrong_places: list[str] = field(default_factory=list)
    doubtful_places: list[str] = field(default_factory=list)
    false_findings: list[str] = field(default_factory=list)

    @property
    def fields(self) -> int:
        return self.right + self.null + self.doubtful + self.wrong

    @property
    def statuses(self) -> int:
        return self.status_right + self.status_null + self.status_wrong

    @property
    def figures(self) -> int:
        return self.figure_right + self.figure_null + self.figure_wrong


def person_places(prefix: str, person: dict[str, Any] | None) -> Iterator[tuple[str, Any]]:
    for key in PERSON_KEYS:
        yield f"{prefix}.{key}", None if person is None else person.get(key)


def memo_places(memo: dict[str, Any] | None) -> Iterator[tuple[Place, Any]]:
    if memo is None:
        return
    for key in MEMO_KEYS:
        yield Place("memo", f"memo.{key}"), memo.get(key)
    for index, signatory in enumerate(memo.get("signatories") or []):
        for path, value in person_places(f"memo.signatories[{index}]", signatory):
            yield Place("memo", path), value


def report_places(report: dict[str, Any] | None) -> Iterator[tuple[Place, Any]]:
    report = report or {}
    for key in REPORT_KEYS:
        yield Place("report", f"report.{key}"), report.get(key)
    for path, value in person_places("report.reporter", report.get("reporter")):
        yield Place("report", path), value


def table_places(doc: dict[str, Any]) -> Iterator[tuple[Place, Any]]:
    for section in TABLE_SECTIONS:
        for row in doc.get(section) or []:
            for key, value in row.items():
                if key != "dimension":
                    yield Place(section, f"{section}[d{row.get('dimension')}].{key}"), value
        for key, value in (doc.get(f"{section}_total") or {}).items():
            yield Place(section, f"{section}_total.{key}"), value
    for section in RECORD_SECTIONS:
        for key, value in (doc.get(section) or {}).items():
            yield Place(section, f"{section}.{key}"), value


def row_seqs(projects: list[dict[str, Any]]) -> list[Any]:
    """Each row's number to place it by: as read, or, where it was read null (a doubtful
    figure), the one its neighbours give it (`numbers_between`: the rows are the printed rows
    there, their numbers unknown, not rows the truth lacks)."""
    seqs = [row.get("seq") for row in projects]
    index = 0
    while index < len(projects):
        if seqs[index] is not None:
            index += 1
            continue
        end = index
        while end < len(projects) and seqs[end] is None:
            end += 1
        before = projects[index - 1] if index > 0 else None
        after = projects[end] if end < len(projects) else None
        seqs[index:end] = numbers_between(projects[index:end], before, after)
        index = end
    return seqs


def numbers_between(
    run: list[dict[str, Any]], before: dict[str, Any] | None, after: dict[str, Any] | None
) -> list[int | None]:
    """The numbers a run of rows read without them has between its neighbours: the numbers
    the row before and the row after leave, where they leave exactly as many as the run has
    rows; at the list's start or end, those next to the one neighbour (none below 1). A
    neighbour must be on the run's pages (rows the numbering has no room for stay unplaced)."""
    unplaced: list[int | None] = [None] * len(run)
    sides = [n for n in (before, after) if n is not None]
    if not sides or not all(is_number(n.get("seq")) for n in sides):
        return unplaced
    pages = {row.get("page") for row in run}
    if not any(n.get("page") in pages for n in sides):
        return unplaced
    first = before["seq"] + 1 if before is not None else sides[0]["seq"] - len(run)
    if first < 1 or (after is not None and after["seq"] - first != len(run)):
        return unplaced
    return list(range(first, first + len(run)))


def is_number(value: Any) -> bool:
    return isinstance(value, int)


def project_places(projects: list[dict[str, Any]]) -> Iterator[tuple[Place, Any]]:
    """Rows by page and printed number (and which repeat of it): a row missed on one page
    does not shift the rows after it."""
    seen: Counter[tuple[Any, Any]] = Counter()
    for row, seq in zip(projects, row_seqs(projects), strict=True):
        key = (row.get("page"), seq)
        seen[key] += 1
        label = f"projects[p{key[0]}#{key[1]}/{seen[key]}]"
        for name in PROJECT_KEYS:
            place = Place("projects", f"{label}.{name}", row.get("page"), seq)
            yield place, row.get(name)


def places(doc: dict[str, Any]) -> dict[Place, Any]:
    found: dict[Place, Any] = {}
    for place, value in (
        *memo_places(doc.get("memo")),
        *report_places(doc.get("report")),
        *table_places(doc),
        *project_places(doc.get("projects") or []),
    ):
        found[place] = value
    found[Place("problems", "problems")] = tuple(doc.get("problems") or ()) or None
    return found


def same(truth: Any, parsed: Any) -> bool:
    if isinstance(truth, bool) or isinstance(parsed, bool):
        return truth == parsed
    if isinstance(truth, int | float) and isinstance(parsed, int | float):
        return abs(truth - parsed) < AMOUNT_TOLERANCE
    if isinstance(truth, str) and isinstance(parsed, str):  # white space carries no meaning
        return "".join(truth.split()) == "".join(parsed.split())  # (contract: normalisation)
    return bool(truth == parsed)


def warned(place: Place, warnings: list[dict[str, Any]]) -> bool:
    for warning in warnings:
        message = str(warning.get("message", ""))
        if message.startswith((f"{place.section}:", "ocr:", "text:")) or place.section in message:
            return True
        if place.page is not None and warning.get("page") == place.page:
            return True
    return False


def named_precisely(place: Place, value: Any, warnings: list[dict[str, Any]]) -> bool:
    """An `ocr:` warning names the text place: its page, and its row's printed number and key
    (`page 3: row 17: name `), or, its row's number unread, its key and the text as read."""
    if not place.is_doubtable_text:
        return False
    by_number = f"page {place.page}: row {place.row}: {place.key} "
    by_text = f": {place.key} '{value}'"
    for warning in warnings:
        message = str(warning.get("message", ""))
        if not message.startswith(f"ocr: page {place.page}: row "):
            continue
        if (place.row is not None and by_number in message) or by_text in message:
            return True
    return False


def finding_keys(doc: dict[str, Any]) -> Counter[tuple[Any, ...]]:
    return Counter(
        (f.get("rule"), f.get("field"), f.get("dimension"), f.get("seq"))
        for f in doc.get("findings") or []
    )


def is_figure(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def tally_place(score: Score, place: Place, verdict: str, printed: Any) -> None:
    """Count the verdict; statuses and figures (`printed` a number) apart too."""
    if place.is_status:
        setattr(score, f"status_{verdict}", getattr(score, f"status_{verdict}") + 1)
    elif is_figure(printed):
        setattr(score, f"figure_{verdict}", getattr(score, f"figure_{verdict}") + 1)
    setattr(score, verdict, getattr(score, verdict) + 1)


def null_where_unread(truth: dict[str, Any] | None, parsed: dict[str, Any] | None) -> Any:
    """`truth`'s record with the keys `parsed` has null (or lacks) set null."""
    if truth is None or parsed is None:
        return None
    return {key: value if parsed.get(key) is not None else None for key, value in truth.items()}


def row_key_sequence(rows: list[dict[str, Any]]) -> list[tuple[Any, Any, int]]:
    seen: Counter[tuple[Any, Any]] = Counter()
    keys = []
    for row, seq in zip(rows, row_seqs(rows), strict=True):
        key = (row.get("page"), seq)
        seen[key] += 1
        keys.append((*key, seen[key]))
    return keys


def masked_truth(truth: dict[str, Any], parsed: dict[str, Any]) -> dict[str, Any]:
    """The truth read only as far as the parse read it, its rows in the parse's order, with
    the parse's warnings (the checks stand back where they say a section was not read whole)."""
    masked = dict(truth)
    masked["parse_warnings"] = parsed.get("parse_warnings") or []
    masked["memo"] = null_where_unread(truth.get("memo"), parsed.get("memo"))
    if masked["memo"] is not None:
        masked["memo"]["signatories"] = truth["memo"].get("signatories")
    masked["report"] = null_where_unread(truth.get("report"), parsed.get("report"))
    for section in TABLE_SECTIONS:
        read = {row.get("dimension"): row for row in parsed.get(section) or []}
        masked[section] = [
            null_where_unread(row, read.get(row.get("dimension")))
            for row in truth.get(section) or []
            if row.get("dimension") in read
        ]
        total = f"{section}_total"
        masked[total] = null_where_unread(truth.get(total), parsed.get(total))
    for section in RECORD_SECTIONS:
        masked[section] = null_where_unread(truth.get(section), parsed.get(section))
    rows = truth.get("projects") or []
    truth_rows = dict(zip(row_key_sequence(rows), rows, strict=True))
    parsed_rows = parsed.get("projects") or []
    masked["projects"] = [
        null_where_unread(truth_rows[key], row)
        for key, row in zip(row_key_sequence(parsed_rows), parsed_rows, strict=True)
        if key in truth_rows
    ]
    return masked


def justified_findings(
    truth: dict[str, Any], parsed: dict[str, Any], evidence: Any
) -> Counter[tuple[Any, ...]]:
    """Findings the truth's printed figures give as far as the parse read them."""
    from checks import find_inconsistencies

    masked = masked_truth(truth, parsed)
    return finding_keys({"findings": find_inconsistencies(masked, evidence)})


def score_document(
    truth: dict[str, Any],
    parsed: dict[str, Any],
    *,
    may_reject: bool = False,
    evidence: Any = None,
) -> Score:
    """`may_reject`: a refusal is a right answer (a scan no page of which could be read);
    otherwise refusing a report the truth has is one wrong answer, its places null."""
    score = Score()
    if "rejected" in parsed:
        score.rejected = str(parsed["rejected"].get("code"))
        if not may_reject:
            score.wrong += 1
            score.wrong_places.append(f"rejected {score.rejected}: {parsed['rejected']}")
        parsed = {}
    truth_places, parsed_places = places(truth), places(parsed)
    warnings = parsed.get("parse_warnings") or []
    for place, expected in truth_places.items():
        value = parsed_places.get(place)
        if place not in parsed_places or (value is None and expected is not None):
            verdict = "null"
            score.silent += not warned(place, warnings)
        elif same(expected, value):
            verdict = "right"
        elif named_precisely(place, value, warnings):
            verdict = "doubtful"
            if len(score.doubtful_places) < WRONG_SHOWN:
                score.doubtful_places.append(f"{place.path}: {expected!r} read {value!r}")
        else:
            verdict = "wrong"
            if len(score.wrong_places) < WRONG_SHOWN:
                score.wrong_places.append(f"{place.path}: {expected!r} read {value!r}")
        tally_place(score, place, verdict, expected)
    for place in parsed_places.keys() - truth_places.keys():
        if parsed_places[place] is not None:
            tally_place(score, place, "wrong", parsed_places[place])
            if len(score.wrong_places) < WRONG_SHOWN:
                score.wrong_places.append(
                    f"{place.path}: not printed, read {parsed_places[place]!r}"
                )
    expected_findings, found = finding_keys(truth), finding_keys(parsed)
    justified = expected_findings
    if found - expected_findings and evidence is not None:
        justified = expected_findings | justified_findings(truth, parsed, evidence)
    score.findings_true = sum((expected_findings & found).values())
    score.findings_justified = sum(((found - expected_findings) & justified).values())
    score.findings_false = sum((found - justified).values())
    score.findings_missed = sum((expected_findings - found).values())
    score.false_findings = [" ".join(map(str, key)) for key in (found - justified)]
    return score
