"""The vulnerability database on a real SQLite file and a real PostgreSQL server: migrations,
GitLab identity, ingest rules (moves, dedupe, idempotency, no longer detected), triage, all or nothing."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import SHARED, new_postgres_database, run_cli
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import DBAPIError

from secscan.report.accept import accept_report, load_report
from secscan.report.compare import match_keys
from secscan.report.errors import ReportError
from secscan.report.identity import gitlab_finding_uuid
from secscan.store import IngestOptions, StoreError, ingest, open_store
from secscan.store.db import downgrade, head_revision, migrate
from secscan.store.models import Base, Finding, History, Scan, Vulnerability
from secscan.store.triage import VulnFilter, change_state, history, list_vulnerabilities, ref_findings

REPORTS = SHARED / "reference" / "reports"
RAILS = REPORTS / "gitlab-rails" / "spec" / "fixtures" / "security_reports" / "master"
BANDIT = RAILS / "gl-sast-report-bandit.json"
SEMGREP_FOR_BANDIT = RAILS / "gl-sast-report-semgrep-for-bandit.json"
DOJO_SAST = REPORTS / "defectdojo" / "gitlab_sast"


def counts(store) -> dict[str, int]:
    with store.session() as session:
        return {
            model.__tablename__: session.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (Scan, Vulnerability, Finding, History)
        }


def opts(**kw) -> IngestOptions:
    return IngestOptions(**{"project": "demo", "ref": "main", "default_branch": True, **kw})


# --- migrations ------------------------------------------------------------------------------


def test_migrations_create_the_models_schema_and_go_down_and_up_again(database_url):
    store = open_store(database_url)
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == head_revision()
        # the migrations build exactly the tables the models declare
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    downgrade(store.engine, "base")
    assert set(inspect(store.engine).get_table_names()) <= {"alembic_version"}
    migrate(store.engine)
    assert {"projects", "scans", "vulnerabilities", "identifiers", "findings", "history"} <= set(
        inspect(store.engine).get_table_names()
    )
    store.close()


def test_history_is_append_only_in_the_database_itself(database_url):
    with open_store(database_url) as store:
        ingest(store, [accept_report(BANDIT)], opts())
        for statement in ("UPDATE history SET author = 'mallory'", "DELETE FROM history"):
            with pytest.raises(DBAPIError, match="append-only"):
                with store.engine.begin() as connection:
                    connection.execute(text(statement))
        assert counts(store)["history"] == 1


def test_an_unusable_database_url_is_one_clear_error(tmp_path):
    with pytest.raises(StoreError, match="not a database URL"):
        open_store("not a url")
    with pytest.raises(StoreError, match=r"cannot open the database .*SECSCAN_DATABASE_URL"):
        open_store("postgresql+psycopg://someone:secret@127.0.0.1:1/nothing")
    try:
        open_store("postgresql+psycopg://someone:secret@127.0.0.1:1/nothing")
    except StoreError as exc:
        assert "secret" not in str(exc)


# --- identity ------------------------------------------------------------------------------------


def test_match_keys_give_gitlabs_finding_uuid_for_every_reference_finding():
    checked = 0
    for path in sorted(REPORTS.rglob("*.json")):
        try:
            report = accept_report(path).report
        except ReportError:  # refused reports are tested elsewhere
            continue
        for vuln in report.vulnerabilities:
            kind = report.scan.type.value
            assert match_keys(vuln, kind).uuid("42") == gitlab_finding_uuid(vuln, "42", kind)
            checked += 1
    assert checked > 50


def test_stored_vulnerabilities_carry_gitlabs_uuid_with_the_project_id(database_url):
    report = load_report(DOJO_SAST / "gl-sast-report-cwe_v15.json")
    with open_store(database_url) as store:
        ingest(store, [accept_report(DOJO_SAST / "gl-sast-report-cwe_v15.json")], opts(project_id="278964"))
        stored = {r.uuid for r in list_vulnerabilities(store)}
    assert stored == {gitlab_finding_uuid(v, "278964", "sast") for v in report.vulnerabilities}


# --- ingest rules --------------------------------------------------------------------------------


def test_the_same_finding_from_bandit_and_semgrep_is_one_vulnerability(database_url):
    with open_store(database_url) as store:
        result = ingest(store, [accept_report(SEMGREP_FOR_BANDIT), accept_report(BANDIT)], opts())
        assert (result.new, result.merged) == (1, 1)
        [record] = list_vulnerabilities(store)
        assert record.scanner == "bandit" and record.primary_identifier == "bandit_test_id:B506"
        [row] = ref_findings(store, "demo", "main")
        assert "semgrep: semgrep_id bandit.B506" in json.dumps(row.finding.details)


def test_reingesting_the_same_report_changes_nothing(database_url):
    with open_store(database_url) as store:
        first = ingest(store, [accept_report(DOJO_SAST / "gl-sast-report-confidence_v15.json")], opts())
        before = counts(store)
        states = {r.id: (r.state, r.last_seen_at) for r in list_vulnerabilities(store)}
        again = ingest(store, [accept_report(DOJO_SAST / "gl-sast-report-confidence_v15.json")], opts())
        assert first.new == 8 and again.new == 0 and again.reports[0].skipped.startswith("already ingested")
        assert counts(store) == before
        assert {r.id: (r.state, r.last_seen_at) for r in list_vulnerabilities(store)} == states


def test_dismissed_stays_dismissed_and_resolved_reopens_when_detected_again(database_url):
    path = DOJO_SAST / "gl-sast-report-confidence_v15.json"
    with open_store(database_url) as store:
        ingest(store, [accept_report(path)], opts(pipeline="1"))
        first, second = [r.id for r in list_vulnerabilities(store)][:2]
        change_state(
            store, "dismiss", VulnFilter(ids=(first,)), author="alice", reason="false_positive", comment="fixture"
        )
        change_state(store, "resolve", VulnFilter(ids=(second,)), author="bob")
        result = ingest(store, [accept_report(path)], opts(pipeline="2"))
        assert (result.new, result.seen_again, result.reopened) == (0, 8, 1)
        by_id = {r.id: r for r in list_vulnerabilities(store)}
        assert by_id[first].state == "dismissed" and by_id[first].dismissal_reason == "false_positive"
        assert by_id[second].state == "detected"
        events = [(e.event, e.author, e.from_state, e.to_state) for e in history(store, second)]
        assert events == [
            ("created", "secscan ingest", None, "detected"),
            ("state_changed", "bob", "detected", "resolved"),
            ("state_changed", "secscan ingest", "resolved", "detected"),
        ]
        dismissed = history(store, first)[1]
        assert (dismissed.author, dismissed.reason, dismissed.comment) == ("alice", "false_positive", "fixture")


def _without_first_finding(src: Path, dest: Path) -> Path:
    document = json.loads(src.read_text())
    document["vulnerabilities"] = document["vulnerabilities"][1:]
    dest.write_text(json.dumps(document))
    return dest


def test_no_longer_detected_is_flagged_on_the_default_branch_only_and_cleared_when_seen(database_url, tmp_path):
    full = DOJO_SAST / "gl-sast-report-confidence_v15.json"
    partial = _without_first_finding(full, tmp_path / "partial.json")
    with open_store(database_url) as store:
        ingest(store, [accept_report(full)], opts(pipeline="1"))
        ingest(store, [accept_report(partial)], opts(ref="feature", default_branch=False))
        assert list_vulnerabilities(store, VulnFilter(no_longer_detected=True)) == []
        result = ingest(store, [accept_report(partial)], opts(pipeline="2"))
        [gone] = list_vulnerabilities(store, VulnFilter(no_longer_detected=True))
        assert result.no_longer_detected == 1 and gone.state == "detected"  # the state is left alone
        result = ingest(store, [accept_report(full)], opts(pipeline="3"))
        assert result.detected_again == 1
        assert list_vulnerabilities(store, VulnFilter(no_longer_detected=True)) == []
        assert [e.event for e in history(store, gone.id)] == ["created", "no_longer_detected", "detected_again"]


def test_a_report_is_stored_all_or_nothing(database_url):
    """A database fault half-way through (a real trigger refusing findings) leaves nothing behind."""
    with open_store(database_url) as store:
        with store.engine.begin() as connection:
            if store.dialect == "postgresql":
                connection.execute(
                    text(
                        "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql "
                        "AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$"
                    )
                )
                connection.execute(
                    text("CREATE TRIGGER refuse BEFORE INSERT ON findings FOR EACH ROW EXECUTE FUNCTION refuse()")
                )
            else:
                connection.execute(
                    text("CREATE TRIGGER refuse BEFORE INSERT ON findings BEGIN SELECT RAISE(ABORT, 'disk full'); END")
                )
        with pytest.raises(DBAPIError, match="disk full"):
            ingest(store, [accept_report(DOJO_SAST / "gl-sast-report-confidence_v15.json")], opts())
        assert counts(store) == {"scans": 0, "vulnerabilities": 0, "findings": 0, "history": 0}


def test_hostile_strings_are_stored_and_read_back(database_url, tmp_path):
    document = json.loads((DOJO_SAST / "gl-sast-report-1-vuln_v15.json").read_text())
    vuln = document["vulnerabilities"][0]
    vuln.update(name="nul\x00 [bold]x[/bold] \x1b[31m" + "n" * 10_000, category="secret_detection")
    vuln["location"]["file"] = "../../etc/pass\x00wd"
    vuln["identifiers"][0]["type"] = "t" * 400  # longer than any VARCHAR(255)
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(document))
    accepted = accept_report(path)
    assert any("leaves the project directory" in w for w in accepted.warnings)
    with open_store(database_url) as store:
        ingest(store, [accepted], opts())
        [record] = list_vulnerabilities(store)
        assert record.name.startswith("nul\ufffd [bold]x[/bold] \x1b[31m") and len(record.name) > 10_000
        assert record.file == "../../etc/pass\ufffdwd"
        [row] = ref_findings(store, "demo", "main")
        assert row.finding.name == vuln["name"]  # the finding's JSON keeps the original text


# --- a finding that moves keeps its vulnerability (real scans with tracking signatures) ---------

APP = """\
import subprocess

import yaml


def load(path):
    with open(path) as fh:
        return yaml.load(fh)


def run(cmd):
    return subprocess.call(cmd, shell=True)
"""


@pytest.fixture(scope="module")
def moved_reports(tmp_path_factory) -> tuple[Path, Path]:
    """bandit (through secscan, which adds tracking signatures) before and after 30 lines were
    inserted at the top of the file."""
    root = tmp_path_factory.mktemp("moved")
    out = []
    for n, source in enumerate((APP, "# header\n" * 30 + APP)):
        project = root / f"p{n}"
        project.mkdir()
        (project / "app.py").write_text(textwrap.dedent(source))
        report = root / f"report{n}.json"
        proc = run_cli("run", "bandit", str(project), "-o", str(report))
        assert proc.returncode == 0, proc.stderr
        out.append(report)
    return out[0], out[1]


def test_a_moved_finding_keeps_its_vulnerability_state_and_history(database_url, moved_reports):
    before, after = moved_reports
    lines = sorted(v.location.start_line for v in load_report(before).vulnerabilities)
    moved = sorted(v.location.start_line for v in load_report(after).vulnerabilities)
    assert len(lines) == 3 and moved == [line + 30 for line in lines]  # B404 import, B506 yaml.load, B602 shell
    with open_store(database_url) as store:
        ingest(store, [accept_report(before)], opts(pipeline="1"))
        ids = sorted(r.id for r in list_vulnerabilities(store))
        change_state(store, "confirm", VulnFilter(ids=(ids[0],)), author="carol")
        result = ingest(store, [accept_report(after)], opts(pipeline="2"))
        assert (result.new, result.seen_again, result.no_longer_detected) == (0, 3, 0)
        records = {r.id: r for r in list_vulnerabilities(store)}
        assert sorted(records) == ids and records[ids[0]].state == "confirmed"
        assert sorted(r.start_line for r in records.values()) == moved


# --- concurrency (PostgreSQL) ------------------------------------------------------------------


def _ingest_process(url: str, report: Path, pipeline: str) -> subprocess.Popen:
    code = (
        "import sys; from secscan.store import open_store, ingest, IngestOptions; "
        "from secscan.report.accept import accept_report; "
        "s = open_store(sys.argv[1]); "
        "ingest(s, [accept_report(sys.argv[2])], IngestOptions(project='demo', ref='main', pipeline=sys.argv[3]))"
    )
    return subprocess.Popen([sys.executable, "-c", code, url, str(report), pipeline], stderr=subprocess.PIPE, text=True)


def test_concurrent_ingests_on_postgresql_lose_nothing(postgres_server):
    url = new_postgres_database(postgres_server)
    usable = [
        DOJO_SAST / f"gl-sast-report-{name}_v15.json" for name in ("confidence", "cwe", "multiple-cwe-fabricated")
    ]
    # every report twice, all at once: distinct reports add up, the same report is stored once
    procs = [_ingest_process(url, p, "7") for p in usable for _ in range(2)]
    for proc in procs:
        assert proc.wait(timeout=120) == 0, proc.stderr.read()
    with open_store(url) as store:
        assert counts(store)["scans"] == len(usable)
        stored = {r.uuid for r in list_vulnerabilities(store)}
    union = set()
    for path in usable:
        report = accept_report(path).report
        union |= {match_keys(v, "sast").uuid("") for v in report.vulnerabilities}
    assert stored == union and len(union) > 8


def test_a_failed_default_branch_scan_flags_nothing_as_no_longer_detected(database_url, tmp_path):
    full = DOJO_SAST / "gl-sast-report-confidence_v15.json"
    failed = json.loads(full.read_text())
    failed["vulnerabilities"] = []
    failed["scan"]["status"] = "failure"
    path = tmp_path / "failed.json"
    path.write_text(json.dumps(failed))
    with open_store(database_url) as store:
        ingest(store, [accept_report(full)], opts(pipeline="1"))
        assert ingest(store, [accept_report(path)], opts(pipeline="2")).no_longer_detected == 0
