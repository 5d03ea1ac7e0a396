"""A findings list's URL and back: the query parameters are named like `raingan findings`'s
options (`organisation`, `type`, `province`, `year`, `round`, `rule`, `severity`, `review`,
`rules_version`), plus `q` (search), `sort` and `page`, so that a link shows the same view."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from models.read import FindingSelection
from models.tables import REVIEW_STATUSES, ROUNDS, RULES, SEVERITIES
from models.workbench import SORTS, Query
from parsers.language.vocabulary import ORG_TYPE_GROUPS

FILTERS = (
    "organisation",
    "type",
    "province",
    "year",
    "round",
    "rule",
    "severity",
    "review",
    "rules_version",
    "q",
)
CHOICES: dict[str, tuple[str, ...]] = {
    "type": tuple(ORG_TYPE_GROUPS),
    "round": tuple(str(months) for months in ROUNDS),
    "rule": RULES,
    "severity": SEVERITIES,
    "review": REVIEW_STATUSES,
    "sort": SORTS,
}
WHOLE_NUMBERS = ("year", "page")


class BadParameter(ValueError):
    pass


def given(params: Mapping[str, str]) -> dict[str, str]:
    """The filters, sort and page a URL gives, blank ones left out, each checked."""
    kept = {
        name: params[name].strip()
        for name in (*FILTERS, "sort", "page")
        if params.get(name, "").strip()
    }
    for name, value in kept.items():
        if name in CHOICES and value not in CHOICES[name]:
            raise BadParameter(f"{name} is one of {', '.join(CHOICES[name])}, not {value!r}")
        if name in WHOLE_NUMBERS and not value.isdigit():
            raise BadParameter(f"{name} is a whole number, not {value!r}")
    return kept


def query_of(kept: Mapping[str, str]) -> Query:
    """The workbench query the checked parameters make."""
    org_type = kept.get("type")
    selection = FindingSelection(
        organisation=kept.get("organisation"),
        org_types=ORG_TYPE_GROUPS[org_type] if org_type else None,
        province=kept.get("province"),
        fiscal_year=int(kept["year"]) if "year" in kept else None,
        round_months=int(kept["round"]) if "round" in kept else None,
        rule=kept.get("rule"),
        severity=kept.get("severity"),
        review_status=kept.get("review"),
        rules_version=kept.get("rules_version"),
    )
    return Query(
        selection=selection,
        search=kept.get("q"),
        sort=kept.get("sort", "newest"),
        page=max(1, int(kept.get("page", "1"))),
    )


def url_of(path: str, kept: Mapping[str, str], **changes: object) -> str:
    """`path` with the parameters `kept`, some changed (None removes one); any change but a
    page's starts again at page 1."""
    params = dict(kept)
    if "page" not in changes:
        params.pop("page", None)
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = str(value)
    return f"{path}?{urlencode(params)}" if params else path
