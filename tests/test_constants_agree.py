"""What is declared once stays once: the document's sections, the rounds, the CLI's choices.

The contract document's keys and sections are declared in `parsers.sections.document_shape`; the
parser builds the document in that order and `models` stores and reads back those sections. The CLI
offers the outputs' formats and resolutions from `raingan.pipeline.outputs.choices` without
loading the outputs. A few copies stay, for start-up speed (`raingan --help` loads no models,
pandas or pythainlp): the user roles, the statuses of files not loaded and the Buddhist era's
offset, each held to its original here. The rounds have a third copy, frozen in the first
migration: it is held to `models.tables` with the migrations' other lists in
`tests/test_models_schema.py`.
"""

from __future__ import annotations

import subprocess
import sys

from models.engine import make_engine, session_factory
from models.migrate import ensure_schema
from models.originals import OriginalsStore
from models.read import read_document
from models.rows import LISTED, SINGLE
from parsers import parse_report
from parsers.sections.document_shape import (
    DOCUMENT_KEYS,
    LISTED_SECTIONS,
    ROUNDS,
    SINGLE_SECTIONS,
    total_key,
)
from raingan.contract import report_schema
from raingan.pipeline import Status, Workspace, default_parser, ingest_file
from tests.contract import SAMPLES_DIR

SAMPLE = SAMPLES_DIR / "reference-chromium.pdf"


def schema_properties() -> dict:
    return report_schema()["properties"]


def test_the_document_keys_are_the_contracts_in_its_order() -> None:
    schema = report_schema()
    assert tuple(schema["properties"]) == DOCUMENT_KEYS
    assert tuple(schema["required"]) == DOCUMENT_KEYS


def test_the_listed_sections_are_the_contracts_lists_with_a_total() -> None:
    properties = schema_properties()
    totals = {key for key in properties if key.endswith("_total")}
    assert totals == {total_key(section) for section in LISTED_SECTIONS}
    for section in LISTED_SECTIONS:
        assert properties[section]["type"] == "array", section


def test_the_single_sections_are_objects_the_contract_lets_be_null() -> None:
    properties = schema_properties()
    for section in SINGLE_SECTIONS:
        assert set(properties[section]["type"]) == {"object", "null"}, section


def test_the_rounds_are_the_contracts() -> None:
    report = schema_properties()["report"]["properties"]
    assert (*ROUNDS, None) == tuple(report["round_months"]["enum"])


def test_the_stored_tables_are_those_of_the_sections() -> None:
    assert tuple(LISTED) == LISTED_SECTIONS
    assert tuple(SINGLE) == SINGLE_SECTIONS


def test_a_parsed_report_has_the_keys_in_order_and_reads_back_section_by_section(
    tmp_path,
) -> None:
    parsed = parse_report(SAMPLE.read_bytes(), filename=SAMPLE.name).document
    assert tuple(parsed) == DOCUMENT_KEYS
    engine = make_engine(f"sqlite:///{tmp_path / 'raingan.sqlite'}")
    ensure_schema(engine)
    sessions = session_factory(engine)
    workspace = Workspace(sessions, OriginalsStore(str(tmp_path / "originals")), default_parser())
    outcome = ingest_file(SAMPLE, workspace)
    assert outcome.status == Status.LOADED and outcome.report_id is not None
    with sessions() as session:
        stored = read_document(session, outcome.report_id)
    engine.dispose()
    assert tuple(stored) == DOCUMENT_KEYS
    for section in LISTED_SECTIONS:
        assert parsed[section], section  # the sample prints every listed table
        assert stored[section] == parsed[section], section
        assert stored[total_key(section)] == parsed[total_key(section)], section
    for section in SINGLE_SECTIONS:
        assert parsed[section] is not None, section
        assert stored[section] == parsed[section], section


def test_the_cli_roles_are_the_users_table() -> None:
    from models.tables import USER_ROLES
    from raingan.cli.users import ROLES

    assert ROLES == USER_ROLES


def test_the_rejected_statuses_are_the_source_statuses_but_loaded() -> None:
    from models.statuses import SourceStatus
    from raingan.cli.rejected import STATUSES

    not_loaded = tuple(s.value for s in SourceStatus if s is not SourceStatus.LOADED)
    assert not_loaded == STATUSES


def test_the_cli_buddhist_era_offset_is_the_parsers() -> None:
    from parsers.language.thai_dates import BUDDHIST_ERA_OFFSET
    from raingan.cli.finding_filters import BUDDHIST_ERA_OFFSET as COPY

    assert COPY == BUDDHIST_ERA_OFFSET


def test_the_findings_formats_are_a_table_the_exports_and_a_page() -> None:
    from raingan.cli.findings import FORMATS
    from raingan.pipeline.outputs.findings_table import EXPORTS

    assert len(set(FORMATS)) == len(FORMATS)
    assert set(FORMATS) == {"table", *EXPORTS, "html"}


def test_the_rejected_formats_are_a_table_and_the_exports() -> None:
    from raingan.cli.rejected import FORMATS
    from raingan.pipeline.outputs.rejected_table import EXPORTS

    assert len(set(FORMATS)) == len(FORMATS)
    assert set(FORMATS) == {"table", *EXPORTS}


def test_the_cli_offers_its_choices_without_loading_the_outputs() -> None:
    """The point of the light module: the commands' options cost no pandas and no database
    layer to show."""
    heavy = (
        "pandas",
        "pyarrow",
        "sqlalchemy",
        "pypdfium2",
        "models.tables",
        "raingan.pipeline.outputs.findings_table",
        "raingan.pipeline.outputs.html_report",
        "raingan.pipeline.outputs.evidence_images",
    )
    commands = ("findings", "rejected", "report", "evidence", "users", "finding_filters")
    program = "\n".join(
        [
            "import sys",
            *(f"import raingan.cli.{command}" for command in commands),
            f"print(','.join(m for m in {heavy!r} if m in sys.modules))",
        ]
    )
    loaded = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == ""
