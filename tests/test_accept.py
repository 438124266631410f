"""Reading a report a finding at a time gives what reading it whole gives: the same fields, the
same findings, the same schema verdict and errors (every reference report, plus broken copies)."""

from __future__ import annotations

import json

import pytest
from conftest import SHARED

from secscan.report import accept as accept_module
from secscan.report.accept import accept_report
from secscan.report.errors import ReportError
from secscan.report.jsontext import split_report
from secscan.report.parse import report_from_dict
from secscan.report.schema import SCHEMA_FILES, is_valid, is_valid_finding, report_type_of, validate, validate_finding

REPORTS = sorted((SHARED / "reference" / "reports").rglob("*.json"))


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    """A report without scan times gets "now": two parses must agree even across a second."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_split_report_matches_a_whole_parse(path):
    text = path.read_text(encoding="utf-8-sig")
    document = json.loads(text)
    split = split_report(text)
    if not isinstance(document, dict) or not isinstance(document.get("vulnerabilities"), list):
        assert split is None
        return
    head, spans = split
    assert head == {k: v for k, v in document.items() if k != "vulnerabilities"}
    assert [json.loads(text[s:e]) for s, e in spans] == document["vulnerabilities"]


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_finding_by_finding_validation_equals_whole_report_validation(path):
    document = json.loads(path.read_text(encoding="utf-8-sig"))
    if not isinstance(document, dict) or not isinstance(document.get("vulnerabilities"), list):
        return
    kind = report_type_of(document) or "sast"
    if kind not in SCHEMA_FILES:
        return
    head = {**document, "vulnerabilities": []}
    findings = document["vulnerabilities"]
    assert is_valid(document, kind) == (is_valid(head, kind) and all(is_valid_finding(f, kind) for f in findings))
    pieces = validate(head, kind) + [e for n, f in enumerate(findings) for e in validate_finding(f, kind, n)]
    assert sorted(pieces, key=lambda e: (e.path, e.message)) == validate(document, kind)


def test_accepted_reports_equal_whole_parses_and_keep_each_finding_as_written(tmp_path):
    checked = 0
    for path in REPORTS:
        try:
            accepted = accept_report(path)
        except ReportError:
            continue
        document = json.loads(path.read_text(encoding="utf-8-sig"))
        assert accepted.report == report_from_dict(document, str(path))
        assert [json.loads(t) for t in accepted.raw] == document["vulnerabilities"]
        checked += 1
    assert checked >= 20


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"version": "15.2.1", "vulnerabilities": [1,]}', "not valid JSON"),
        ('{"version": "15.2.1", "vulnerabilities": [] ', "not valid JSON"),
        ('{"version": "15.2.1", "vulnerabilities": {}}', r"\$.vulnerabilities is missing or not a list"),
        ("[]", "not a GitLab Secure report or SARIF log"),
        ('{"results": [{"check_id": "x"}], "errors": []}', "semgrep's own JSON output"),
    ],
)
def test_broken_documents_are_refused_with_the_reason(tmp_path, text, message):
    path = tmp_path / "report.json"
    path.write_text(text)
    with pytest.raises(ReportError, match=message):
        accept_report(path)


def test_a_15x_report_with_an_invalid_finding_is_refused_naming_its_path(tmp_path):
    source = SHARED / "reference" / "reports" / "gitlab-rails" / "spec" / "fixtures" / "security_reports" / "master"
    document = json.loads((source / "gl-sast-report-semgrep-for-bandit.json").read_text())
    document["version"] = "15.2.1"
    document["scan"]["analyzer"] = document["scan"]["scanner"]
    document["vulnerabilities"][0]["identifiers"][0]["value"] = 506  # a number where GitLab wants a string
    path = tmp_path / "report.json"
    path.write_text(json.dumps(document))
    with pytest.raises(
        ReportError, match=r"\$\.vulnerabilities\[0\]\.identifiers\[0\]\.value: 506 is not of type 'string'"
    ):
        accept_report(path)
    document["version"] = "14.0.4"  # deprecated: accepted with a warning that quotes the same error
    path.write_text(json.dumps(document))
    [warning] = accept_report(path).warnings
    assert "identifiers[0].value: 506 is not of type 'string'" in warning and "ingested" in warning


def test_a_schema_error_quoting_a_huge_value_is_clipped_in_the_message(tmp_path):
    source = SHARED / "reference" / "reports" / "gitlab-rails" / "spec" / "fixtures" / "security_reports" / "master"
    document = json.loads((source / "gl-sast-report-semgrep-for-bandit.json").read_text())
    document["version"] = "15.2.1"
    document["scan"]["analyzer"] = document["scan"]["scanner"]
    document["vulnerabilities"][0]["identifiers"][0]["value"] = ["x" * 50] * 2000  # 100 kB quoted back
    path = tmp_path / "report.json"
    path.write_text(json.dumps(document))
    with pytest.raises(ReportError) as refused:
        accept_report(path)
    message = str(refused.value)
    assert "identifiers[0].value" in message and "…" in message
    assert len(message) < 1000


def _two_scanner_report() -> dict:
    """A 14.x report (accepted with warnings, like the odd layouts below) whose second finding
    names no scanner (it was found by the scan's) and no category (it has the scan's type)."""
    source = SHARED / "reference" / "reports" / "gitlab-rails" / "spec" / "fixtures" / "security_reports" / "master"
    document = json.loads((source / "gl-sast-report-semgrep-for-bandit.json").read_text())
    document["version"] = "15.2.1"
    document["scan"]["analyzer"] = document["scan"]["scanner"]
    second = json.loads(json.dumps(document["vulnerabilities"][0]))
    second["location"]["start_line"] = second["location"].get("start_line", 1) + 10
    second.pop("scanner")
    second.pop("category", None)  # so it takes the scan's type
    second["id"] = "00000000-0000-0000-0000-000000000002"
    document["vulnerabilities"].append(second)
    document["version"] = "14.0.4"
    return document


@pytest.mark.parametrize(
    "arrange",
    [
        "scan last",  # as GitLab's analyzers write it: the findings are parsed as they are decoded
        "scan first",
        "a finding holds a 'scan' key of its own",  # the guess at the scan is wrong: read again
        "a finding holds a 'scan' string",
        "no scan",
    ],
)
def test_findings_get_their_scan_wherever_the_report_writes_it(tmp_path, monkeypatch, arrange):
    read_again = []
    parse_again = accept_module._parse_again
    monkeypatch.setattr(accept_module, "_parse_again", lambda *a: read_again.append(1) or parse_again(*a))
    document = _two_scanner_report()
    scan = document.pop("scan")
    if arrange == "scan last":
        document["scan"] = scan
    elif arrange == "scan first":
        document = {"scan": scan, **document}
    elif arrange == "a finding holds a 'scan' key of its own":
        document = {"scan": scan, **document}
        document["vulnerabilities"][-1]["details"] = {
            "scan": {"type": "dast", "scanner": {"id": "zap", "name": "ZAP", "vendor": {"name": "x"}, "version": "1"}}
        }
    elif arrange == "a finding holds a 'scan' string":
        document["scan"] = scan
        document["vulnerabilities"][-1]["description"] = 'see "scan": {"type": "dast"}'
    path = tmp_path / "report.json"
    path.write_text(json.dumps(document))
    accepted = accept_report(path, report_type="sast")
    assert accepted.report == report_from_dict(document, str(path), "sast")
    # decoded once when the scan was guessed right, read again when it was not
    assert bool(read_again) == (arrange in ("a finding holds a 'scan' key of its own", "no scan"))
    if arrange != "no scan":
        assert accepted.report.vulnerabilities[1].scanner.id == scan["scanner"]["id"]
        assert accepted.report.vulnerabilities[-1].category == "sast"
