"""The round-trip matrix: reports raingan has never seen, made at random with a truth the parser
never sees. A fixed slice runs here; `make matrix` runs any number.

The invariant: no figure wrong (each is right, or null with a warning) and no finding the
truth lacks.
"""

from __future__ import annotations

import ast
import copy
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from checks import Evidence, find_inconsistencies
from sample_reports.generator.marks import MarkStyle
from sample_reports.generator.matrix.cases import SLICE_MAKERS, Maker, draw_case
from sample_reports.generator.matrix.run import run_matrix, summary_line
from sample_reports.generator.matrix.score import PROJECT_KEYS, score_document
from sample_reports.generator.thai_fonts import THAI_FONTS

ROOT = Path(__file__).resolve().parents[1]
SLICE_SEED = 18
SLICE_SIZE = 60
REFERENCE_LIKE = ROOT / "sample_reports" / "findings-sequence.expected.json"


@pytest.fixture(scope="module")
def slice_outcomes():
    return run_matrix(SLICE_SIZE, SLICE_SEED, jobs=2, in_slice=True)


@pytest.mark.slow
def test_slice_is_made_whole(slice_outcomes):
    unmade = [f"{o.case.name}: {o.error}" for o in slice_outcomes if o.error]
    assert not unmade


def cases_with(outcomes, count: str, detail: str) -> dict:
    """The cases whose score has any `count`, with their levels and the score's `detail`."""
    return {
        o.case.name: (o.case.levels(), getattr(o.score, detail))
        for o in outcomes
        if o.score and getattr(o.score, count)
    }


@pytest.mark.slow
def test_slice_reads_no_figure_wrong(slice_outcomes):
    wrong = cases_with(slice_outcomes, "wrong", "wrong_places")
    assert not wrong, summary_line(slice_outcomes)


@pytest.mark.slow
def test_slice_accuses_no_report_of_what_it_does_not_print(slice_outcomes):
    false = cases_with(slice_outcomes, "findings_false", "false_findings")
    assert not false, summary_line(slice_outcomes)


@pytest.mark.slow
def test_slice_spans_every_producer_it_draws(slice_outcomes):
    makers = {o.case.maker for o in slice_outcomes}
    assert makers == set(SLICE_MAKERS)
    assert any(o.case.defect for o in slice_outcomes)
    assert len({o.case.font for o in slice_outcomes}) >= 8
    assert len({o.case.marks for o in slice_outcomes}) >= 6


def test_a_case_is_reproducible_from_seed_and_index():
    assert draw_case(7, 123) == draw_case(7, 123)
    assert draw_case(7, 123) != draw_case(7, 124)


def test_every_factor_level_is_drawn():
    cases = [draw_case(3, index) for index in range(3000)]
    assert {case.maker for case in cases} == set(Maker)
    assert {case.font for case in cases} == {font.key for font in THAI_FONTS}
    assert {case.marks for case in cases} == set(MarkStyle)
    scans = Counter(case.scan.level.split("-")[0] for case in cases if case.scan)
    assert set(scans) == {"150", "200", "300"}
    assert {case.n_projects for case in cases} >= {1, 200}
    assert {case.mutations for case in cases} == set(range(6))


def reference_document() -> dict:
    return json.loads(REFERENCE_LIKE.read_text(encoding="utf-8"))


def test_the_scorer_counts_a_figure_read_wrong():
    truth = reference_document()
    parsed = copy.deepcopy(truth)
    parsed["dimensions"][1]["budget_spent"] += 10
    parsed["projects"][4]["status"] = (
        "completed" if truth["projects"][4]["status"] != "completed" else "unable"
    )
    score = score_document(truth, parsed)
    assert (score.wrong, score.status_wrong, score.null) == (2, 1, 0)


def test_the_scorer_counts_figures_apart_from_texts_and_statuses():
    """Issue 19's targets are on statuses and figures: a printed number's place counts as a
    figure, a text's or a status's does not."""
    truth = reference_document()
    parsed = copy.deepcopy(truth)
    right = score_document(truth, parsed)
    assert 0 < right.figures == right.figure_right < right.right - right.statuses
    parsed["dimensions"][1]["budget_spent"] = None
    parsed["projects"][2]["budget"] += 1
    parsed["projects"][3]["name"] += "ก"
    score = score_document(truth, parsed)
    assert (score.figure_null, score.figure_wrong, score.wrong) == (1, 1, 2)
    assert score.figures == right.figures


def test_the_scorer_counts_a_null_and_whether_a_warning_names_it():
    truth = reference_document()
    parsed = copy.deepcopy(truth)
    parsed["narrative"]["disbursed"] = None
    assert (score_document(truth, parsed).null, score_document(truth, parsed).silent) == (1, 1)
    parsed["parse_warnings"] = [{"page": None, "message": "narrative: a figure not read"}]
    assert (score_document(truth, parsed).null, score_document(truth, parsed).silent) == (1, 0)


def test_the_scorer_treats_a_missed_row_as_null_and_an_extra_one_as_wrong():
    truth = reference_document()
    parsed = copy.deepcopy(truth)
    missed = parsed["projects"].pop(3)
    score = score_document(truth, parsed)
    assert (score.wrong, score.null, score.status_null) == (0, len(PROJECT_KEYS), 1)
    parsed["projects"].append({**missed, "seq": 999})
    assert score_document(truth, parsed).wrong >= 1


def test_the_scorer_ignores_white_space_in_text_as_the_contract_does():
    truth = reference_document()
    parsed = copy.deepcopy(truth)
    parsed["projects"][0]["name"] = parsed["projects"][0]["name"].replace("การ", "การ ", 1)
    assert score_document(truth, parsed).wrong == 0


def test_the_scorer_compares_findings_by_rule_field_dimension_and_seq():
    truth = reference_document()
    parsed = copy.deepcopy(truth)
    parsed["findings"].append({**truth["findings"][0], "seq": 41})
    dropped = parsed["findings"].pop(0)
    score = score_document(truth, parsed)
    assert (score.findings_false, score.findings_missed) == (1, 1)
    assert score.false_findings == [f"{dropped['rule']} projects.seq None 41"]


def test_a_refusal_is_wrong_unless_the_case_may_be_refused():
    truth = reference_document()
    refused = {"rejected": {"code": "no_text_layer"}}
    assert score_document(truth, refused).wrong == 1
    assert score_document(truth, refused, may_reject=True).wrong == 0


def test_the_truth_is_made_without_the_parser(tmp_path):
    """The truth comes from the generator's model and the checks, never from a parse: no
    module that reads a PDF is loaded (the checks' METADATA rule reads the vocabulary)."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from sample_reports.generator.matrix.cases import draw_case\n"
        "from sample_reports.generator.matrix.produce import make_case\n"
        "case = next(c for c in (draw_case(5, i) for i in range(200))\n"
        "            if c.maker.value == 'reportlab' and not c.scan and c.n_projects < 15)\n"
        f"made = make_case(case, Path({str(tmp_path)!r}))\n"
        "assert made.truth['projects'], made.truth\n"
        "loaded = sorted(m for m in sys.modules if m == 'parsers' or m.startswith('parsers.'))\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = set(ast.literal_eval(result.stdout))
    assert loaded <= {
        "parsers",
        "parsers.lazy_members",
        "parsers.language",
        "parsers.language.vocabulary",
    }


def test_a_finding_the_truths_figures_give_as_far_as_they_were_read_is_justified():
    """With the statuses unread, the checks compare the summary with the narrative: what they
    find there is printed, so it is no false finding; what no printed figure gives is."""
    truth = json.loads(
        (ROOT / "sample_reports" / "findings-status-count.expected.json").read_text("utf-8")
    )
    parsed = copy.deepcopy(truth)
    for row in parsed["projects"]:
        row["status"] = None
    parsed["parse_warnings"] = [{"page": 3, "message": "projects: page 3: statuses not read"}]
    evidence = Evidence(section_pages={"projects": [3]})
    parsed["findings"] = find_inconsistencies(parsed, evidence)
    assert {f["rule"] for f in parsed["findings"]} - {f["rule"] for f in truth["findings"]}
    score = score_document(truth, parsed, evidence=evidence)
    assert score.findings_false == 0 and score.findings_justified > 0
    parsed["findings"].append({"rule": "TOTAL_ROW", "field": "plan_budget_total.budget"})
    assert score_document(truth, parsed, evidence=evidence).findings_false == 1
