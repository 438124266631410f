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


# --- the one reader's JSON rules (issue 20 items 6, 7, 9; issue 14 item 18) ---------------------

SAST_15 = SHARED / "reference" / "reports" / "defectdojo" / "gitlab_sast" / "gl-sast-report-1-vuln_v15.json"


def _written(tmp_path, text: str, name: str = "report.json"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _finding(location: dict) -> dict:
    return {"id": "1", "identifiers": [{"type": "rule", "name": "rule", "value": "r1"}], "location": location}


def test_a_lone_surrogate_is_replaced_with_a_warning_naming_its_path(tmp_path):
    text = SAST_15.read_text().replace('"name": "', '"name": "\\ud800 ', 1)
    accepted = accept_report(_written(tmp_path, text), lenient=True)
    assert accepted.report.vulnerabilities[0].name.startswith("\ufffd ")
    assert any("$.vulnerabilities[0].name: a lone UTF-16 surrogate" in w for w in accepted.warnings)
    # what is stored is the finding's text as written: it holds no surrogate either
    assert "\\ud800" not in accepted.raw[0] and json.loads(accepted.raw[0])["name"].startswith("\ufffd")
    accepted.report.vulnerabilities[0].name.encode("utf-8")  # renderable


def test_a_surrogate_pair_is_kept(tmp_path):
    text = SAST_15.read_text().replace('"name": "', '"name": "\\ud83d\\ude00 ', 1)
    accepted = accept_report(_written(tmp_path, text), lenient=True)
    assert accepted.report.vulnerabilities[0].name.startswith("\U0001f600 ")
    assert not any("lone UTF-16 surrogate" in w for w in accepted.warnings)


@pytest.mark.parametrize(
    "edit, path",
    [
        (lambda t: t[: t.rindex("}")] + ', "vulnerabilities": []}', "$.vulnerabilities"),
        (lambda t: t.replace('"location": {', '"location": {"file": "x", ', 1), "$.vulnerabilities[0].location.file"),
        (lambda t: t.replace('"version": ', '"version": "15.0.0", "version": ', 1), "$.version"),
    ],
    ids=["two-vulnerabilities-arrays", "nested", "top-level"],
)
def test_duplicate_keys_are_refused_naming_the_key_and_path(tmp_path, edit, path):
    report = _written(tmp_path, edit(SAST_15.read_text()))
    with pytest.raises(
        ReportError, match=rf"{report}: {path.replace('$', '[$]').replace('[0]', '.0.')} is given twice"
    ):
        accept_report(report)


@pytest.mark.parametrize(
    "edit, message",
    [
        (
            lambda t: t.replace('"start_line": ', '"start_line": ' + "9" * 5000 + ', "x": ', 1),
            "a number of 5000 digits",
        ),
        (
            lambda t: t.replace('"start_line": ', '"start_line": 9223372036854775808, "x": ', 1),
            r"\$.vulnerabilities\[0\].location.start_line: a number of 19 digits is no line number",
        ),
        (lambda t: t.replace('"location": {', '"d": ' + "[" * 1000 + "]" * 1000 + ', "location": {', 1), "deep"),
        (
            lambda t: t.replace('"location": {', '"d": ' + "[" * 100 + "]" * 100 + ', "location": {', 1),
            r"\$.vulnerabilities\[0\] nests objects and arrays more than 64 deep",
        ),
        (
            lambda t: t.replace('"start_line": ', '"start_line": NaN, "x": ', 1),
            r"NaN is not a JSON number",
        ),
        (
            lambda t: t.replace('"location": {', '"score": -Infinity, "location": {', 1),
            r"-Infinity is not a JSON number",
        ),
        (
            lambda t: t.replace('"location": {', '"score": 1e400, "location": {', 1),
            r"1e400 is not a JSON number",
        ),
    ],
    ids=["5000-digit-integer", "line-2**63", "nesting-1000", "nesting-100", "nan", "minus-infinity", "1e400"],
)
def test_malformed_numbers_and_nesting_are_one_line_input_errors(tmp_path, edit, message):
    with pytest.raises(ReportError, match=message) as caught:
        accept_report(_written(tmp_path, edit(SAST_15.read_text())))
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "location, kind, why",
    [
        ({"hostname": "https://x.test", "method": "GET", "path": "/a", "param": ""}, "dast", "hostname"),
        ({"method": "GET", "path": "/a"}, "dast", "method + path"),
        (
            {"image": "debian:12", "operating_system": "debian:12", "dependency": {"package": {"name": "openssl"}}},
            "container_scanning",
            "image + operating_system + dependency",
        ),
        (
            {"file": "requirements.txt", "dependency": {"package": {"name": "django"}, "version": "1.0"}},
            "dependency_scanning",
            "dependency + file",
        ),
        ({"file": "a.py", "commit": {"sha": "0000000"}}, "secret_detection", "commit"),
        ({"file": "a.py", "start_line": 1}, "sast", "file + start_line"),
    ],
)
def test_a_report_without_scan_type_is_read_by_its_locations_shape(tmp_path, location, kind, why):
    for head in ({}, {"scan": {"status": "success"}}):
        report = _written(tmp_path, json.dumps({**head, "version": "15.0.0", "vulnerabilities": [_finding(location)]}))
        accepted = accept_report(report, lenient=True)
        assert accepted.report.scan.type.value == kind
        assert any(
            f"read as a {kind} report because every finding's location has {why}" in w for w in accepted.warnings
        )


def test_a_report_whose_type_cannot_be_told_suggests_the_type_its_findings_look_like(tmp_path):
    mixed = [_finding({"hostname": "h", "method": "GET", "path": "/"}), _finding({"nothing": 1})]
    with pytest.raises(ReportError, match=r"\$.scan.type is missing and the findings' locations look like dast; "
                       r"give the type, e.g. --type dast"):  # fmt: skip
        accept_report(_written(tmp_path, json.dumps({"version": "15.0.0", "vulnerabilities": mixed})))
    with pytest.raises(ReportError, match="nothing in the findings tells the type; give it with --type"):
        accept_report(_written(tmp_path, json.dumps({"version": "15.0.0", "vulnerabilities": []})))
    # an explicit --type wins over the shape
    dast = _written(tmp_path, json.dumps({"version": "15.0.0", "vulnerabilities": [mixed[0]]}))
    assert accept_report(dast, report_type="sast", lenient=True).report.scan.type.value == "sast"
