"""SARIF 2.1.0 out and in: Microsoft's multitool validates what secscan writes, real scanners'
SARIF (semgrep, a ShiftLeft taint log) reads into schema-valid GitLab reports."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest
from conftest import FIXTURES, SHARED, official_schema, scanner
from jsonschema import Draft7Validator, Draft202012Validator

from secscan.analyzers.semgrep.analyzer import BUNDLED_RULES, identifiers_from_metadata, rule_severity
from secscan.common.config import Config
from secscan.common.engine.pipeline import scan, select
from secscan.common.engine.registry import discover
from secscan.report import ReportError, validate
from secscan.report.identity import assign_ids
from secscan.report.model import (
    Identifier,
    Link,
    Location,
    Report,
    ReportType,
    Scan,
    ScannerRef,
    Severity,
    Signature,
    Suppression,
    ToolDetails,
    Tracking,
    TrackingItem,
    Vulnerability,
)
from secscan.report.process import sort_vulnerabilities
from secscan.report.sarif import from_sarif, load_sarif, to_sarif

TAINT_SARIF = SHARED / "reference" / "reports" / "defectdojo" / "sarif" / "taint-python-report.sarif"
MULTI_RUN = FIXTURES / "sarif" / "multi-run.sarif"
SEMGREP_PROJECT = FIXTURES / "sarif" / "semgrep-project"
MIXED = FIXTURES / "projects" / "mixed"
SEMGREP_RULES = [BUNDLED_RULES / "python" / "sql-injection.yaml", BUNDLED_RULES / "python" / "yaml-load-unsafe.yaml"]
T0 = datetime(2024, 5, 1, 10, 0, 0, tzinfo=UTC)
SECSCAN = ToolDetails(
    id="secscan", name="secscan", version="0.1.0", vendor="secscan", url="https://github.com/secscan/secscan"
)


# --- validation helpers -------------------------------------------------------------------------


@cache
def sarif_schema(multitool: str) -> dict:
    """The SARIF 2.1.0 JSON schema the multitool's npm package ships beside its binary."""
    found = sorted(Path(multitool).resolve().parents[1].glob("*/sarif-2.1.0.json"))
    assert found, f"no sarif-2.1.0.json beside {multitool}; use the npm package @microsoft/sarif-multitool"
    return json.loads(found[0].read_text(encoding="utf-8"))


def multitool_validate(multitool: str, path: Path) -> tuple[list[str], list[str]]:
    """(errors, warnings) of ``sarif-multitool validate``, read from the SARIF log it writes.

    Its exit status is 0 even when it finds errors, so the log is what counts."""
    log = path.with_name(path.stem + ".validation.sarif")
    proc = subprocess.run(
        [multitool, "validate", "--output", str(log), str(path)], capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, f"sarif-multitool validate failed: {proc.stdout}{proc.stderr}"
    errors, warnings = [], []
    for run in json.loads(log.read_text(encoding="utf-8-sig"))["runs"]:
        for invocation in run.get("invocations", []):
            assert invocation.get("executionSuccessful", True), invocation
            errors += [
                n["message"]["text"]
                for n in invocation.get("toolExecutionNotifications", [])
                if n.get("level") == "error"
            ]
        defaults = {
            r["id"]: r.get("defaultConfiguration", {}).get("level", "warning")
            for r in run["tool"]["driver"].get("rules", [])
        }
        for result in run.get("results", []):
            level = result.get("level") or defaults.get(result["ruleId"], "warning")
            where = result.get("properties", {}).get("jsonPath") or next(
                iter(result["message"].get("arguments", [])), "?"
            )
            text = f"{result['ruleId']} at {where}"
            (errors if level == "error" else warnings if level == "warning" else []).append(text)
    return errors, warnings


def assert_valid_sarif(multitool: str, document: dict, path: Path) -> list[str]:
    """Write ``document``, check it against the SARIF schema and with the multitool (which misses
    some schema errors, e.g. an unknown ``level``); return the multitool's warnings."""
    schema_errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in Draft202012Validator(sarif_schema(multitool)).iter_errors(document)
    ]
    assert schema_errors == []
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    errors, warnings = multitool_validate(multitool, path)
    assert errors == []
    return warnings


def assert_valid_gitlab(report: Report) -> dict:
    document = report.to_dict()
    assert validate(document, report.scan.type.value) == []
    assert sorted(e.message for e in Draft7Validator(official_schema()).iter_errors(document)) == []
    return document


def identity(v: Vulnerability) -> tuple:
    loc = v.location
    return (v.id, v.scanner.id, v.identifiers, loc.file, loc.start_line, loc.end_line, loc.start_column, v.severity)


# --- a report built by hand ---------------------------------------------------------------------

FLOW = {
    "name": "Code flows",
    "type": "code-flows",
    "items": [
        [
            {
                "type": "code-flow-node",
                "node_type": "source",
                "file_location": {
                    "type": "file-location",
                    "file_name": "app/views.py",
                    "line_start": 10,
                    "line_end": 10,
                },
            },
            {
                "type": "code-flow-node",
                "node_type": "propagation",
                "file_location": {
                    "type": "file-location",
                    "file_name": "app/db.py",
                    "line_start": 3,
                    "line_end": 4,
                    "column_start": 5,
                    "column_end": 9,
                },
            },
            {
                "type": "code-flow-node",
                "node_type": "sink",
                "file_location": {
                    "type": "file-location",
                    "file_name": "app/views.py",
                    "line_start": 14,
                    "line_end": 14,
                },
            },
        ]
    ],
}


def finding(
    scanner_id: str, rule: str, file: str, line: int | None, severity: Severity, *extra: Identifier, **kw
) -> Vulnerability:
    kinds = {"semgrep": "semgrep_id", "bandit": "bandit_test_id", "pyflow": "pyflow_rule_id"}
    return Vulnerability(
        identifiers=(Identifier(kinds[scanner_id], rule, rule), *extra),
        location=Location(
            file=file, start_line=line, end_line=kw.pop("end", line), start_column=kw.pop("column", None)
        ),
        scanner=ScannerRef(scanner_id, {"semgrep": "Semgrep", "bandit": "Bandit", "pyflow": "pyflow"}[scanner_id]),
        severity=severity,
        name=kw.pop("name", f"Rule {rule}"),
        description=kw.pop("description", f"What {rule} found."),
        **kw,
    )


def hand_report(vulns: list[Vulnerability], scanner_details: ToolDetails = SECSCAN) -> Report:
    return Report(
        scan=Scan(analyzer=SECSCAN, scanner=scanner_details, type=ReportType.SAST, start_time=T0, end_time=T0),
        vulnerabilities=tuple(sort_vulnerabilities(assign_ids(vulns))),
    )


@pytest.fixture(scope="module")
def sample() -> tuple[Report, list[Suppression]]:
    tracking = Tracking(
        items=(
            TrackingItem(
                file="app/views.py",
                line_start=14,
                line_end=14,
                signatures=(
                    Signature("scope_offset", "app/views.py|search[0]:4"),
                    Signature("location", "app/views.py:14"),
                    Signature("hash", "4f1e0c6f0c1b8b7e"),
                ),
            ),
        )
    )
    vulns = [
        finding(
            "semgrep",
            "python.web.sql-injection",
            "app/views.py",
            14,
            Severity.CRITICAL,
            Identifier.cwe(89),
            Identifier("owasp", "A03:2021 - Injection", "A03:2021"),
            column=12,
            tracking=tracking,
            details={"code_flows": FLOW},
            links=(Link("https://owasp.org/Top10/A03_2021-Injection/"),),
            solution="Pass values as query parameters.",
            raw_source_code_extract="    db.execute(q)",
        ),
        finding("bandit", "B602", "app/views.py", 9, Severity.HIGH, Identifier.cwe(78), end=11),
        finding("bandit", "B506", "app/views.py", 13, Severity.MEDIUM, Identifier.cwe(20)),
        finding("semgrep", "python.lang.md5", "lib/crypto.py", 3, Severity.LOW, Identifier.cwe(327)),
        finding("pyflow", "pyflow.note", "README.md", None, Severity.INFO),
        finding("pyflow", "pyflow.unknown", "lib/other.py", 7, Severity.UNKNOWN),
    ]
    report = hand_report(vulns)
    ignored = assign_ids([finding("bandit", "B307", "app/calc.py", 17, Severity.MEDIUM, Identifier.cwe(95))])[0]
    return report, [Suppression(ignored, "sandboxed: the expression comes from our own config")]


def test_to_sarif_follows_sarif_and_github_conventions(sample, sarif_multitool, tmp_path):
    report, suppressed = sample
    doc = to_sarif(
        report,
        suppressed,
        scanners={"bandit": ToolDetails("bandit", "Bandit", "1.7.9", "PyCQA", "https://github.com/PyCQA/bandit")},
    )
    assert_valid_sarif(sarif_multitool, doc, tmp_path / "sample.sarif")
    assert doc["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json" and doc["version"] == "2.1.0"
    runs = {run["tool"]["driver"]["name"]: run for run in doc["runs"]}
    assert list(runs) == ["Bandit", "pyflow", "Semgrep"]  # one run per real scanner, by scanner id
    bandit, semgrep = runs["Bandit"], runs["Semgrep"]
    assert bandit["tool"]["driver"]["version"] == "1.7.9" and "version" not in semgrep["tool"]["driver"]
    assert bandit["tool"]["driver"]["informationUri"] == "https://github.com/PyCQA/bandit"
    assert [r["id"] for r in bandit["tool"]["driver"]["rules"]] == ["B307", "B506", "B602"]
    for run in doc["runs"]:
        assert run["originalUriBaseIds"]["%SRCROOT%"]["description"]["text"]
        for result in run["results"]:
            assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    sql_rule = next(r for r in semgrep["tool"]["driver"]["rules"] if r["id"] == "python.web.sql-injection")
    assert sql_rule["properties"]["tags"] == ["security", "external/cwe/cwe-89"]
    assert sql_rule["properties"]["security-severity"] == "9.5"
    assert sql_rule["defaultConfiguration"] == {"level": "error"}
    assert sql_rule["helpUri"] == "https://owasp.org/Top10/A03_2021-Injection/"
    assert sql_rule["help"] == {"text": "Pass values as query parameters."}
    sql = next(r for r in semgrep["results"] if r["ruleId"] == "python.web.sql-injection")
    assert sql["level"] == "error"
    assert sql["message"]["text"] == "Rule python.web.sql-injection\n\nWhat python.web.sql-injection found."
    assert sql["locations"] == [{"physicalLocation": {
        "artifactLocation": {"uri": "app/views.py", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 14, "startColumn": 12, "endLine": 14, "snippet": {"text": "    db.execute(q)"}},
    }}]  # fmt: skip
    assert sql["partialFingerprints"] == {
        "scopeOffset/v1": "app/views.py|search[0]:4",
        "location/v1": "app/views.py:14",
        "hash/v1": "4f1e0c6f0c1b8b7e",
    }
    steps = sql["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [s["kinds"] for s in steps] == [["source"], ["propagation"], ["sink"]]
    assert steps[1]["location"]["physicalLocation"]["region"] == {
        "startLine": 3,
        "startColumn": 5,
        "endLine": 4,
        "endColumn": 9,
    }
    vuln = next(v for v in report.vulnerabilities if v.primary_identifier.value == "python.web.sql-injection")
    assert sql["properties"]["gitlabId"] == vuln.id and sql["properties"]["gitlabSeverity"] == "Critical"
    assert sql["properties"]["gitlabIdentifiers"][1] == Identifier.cwe(89).to_dict()
    # the inline-ignored finding is in its scanner's run, with its justification
    ignored = [r for r in bandit["results"] if "suppressions" in r]
    assert [(r["ruleId"], r["suppressions"]) for r in ignored] == [
        ("B307", [{"kind": "inSource", "justification": "sandboxed: the expression comes from our own config"}])
    ]
    # a finding without a line has no region
    readme = next(r for r in runs["pyflow"]["results"] if r["ruleId"] == "pyflow.note")
    assert readme["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "README.md", "uriBaseId": "%SRCROOT%"}
    }


@pytest.mark.parametrize(
    ("severity", "level", "score", "back"),
    [
        (Severity.CRITICAL, "error", "9.5", Severity.CRITICAL),
        (Severity.HIGH, "error", "8.0", Severity.HIGH),
        (Severity.MEDIUM, "warning", "5.5", Severity.MEDIUM),
        (Severity.LOW, "note", "2.0", Severity.LOW),
        (Severity.INFO, "note", "0.0", Severity.INFO),
        (Severity.UNKNOWN, "note", "0.0", Severity.INFO),
    ],
)
def test_severity_maps_to_level_and_security_severity_and_back(severity, level, score, back):
    doc = to_sarif(hand_report([finding("semgrep", "r", "a.py", 1, severity)]))
    result, rule = doc["runs"][0]["results"][0], doc["runs"][0]["tool"]["driver"]["rules"][0]
    assert (result["level"], rule["defaultConfiguration"]["level"], rule["properties"]["security-severity"]) == (
        level,
        level,
        score,
    )
    # another tool's SARIF has no gitlabSeverity: the security-severity score decides
    del result["properties"]
    assert from_sarif(doc, "x.sarif").report.vulnerabilities[0].severity == back
    # nor a score: the level decides
    del rule["properties"]["security-severity"]
    expected = {"error": Severity.HIGH, "warning": Severity.MEDIUM, "note": Severity.LOW}[level]
    assert from_sarif(doc, "x.sarif").report.vulnerabilities[0].severity == expected


def test_to_sarif_is_deterministic_and_handles_an_empty_report(sample, sarif_multitool, tmp_path):
    report, suppressed = sample
    first = json.dumps(to_sarif(report, suppressed), ensure_ascii=False)
    again = json.dumps(to_sarif(report, list(reversed(suppressed))), ensure_ascii=False)
    assert first == again
    empty = to_sarif(hand_report([]), tool_name="secscan sast")
    assert [(run["tool"]["driver"]["name"], run["results"]) for run in empty["runs"]] == [("secscan", [])]
    assert empty["runs"][0]["conversion"]["tool"]["driver"]["name"] == "secscan sast"
    assert_valid_sarif(sarif_multitool, empty, tmp_path / "empty.sarif")
    back = from_sarif(empty, "empty.sarif")
    assert back.report.vulnerabilities == () and back.results == 0
    assert_valid_gitlab(back.report)


def test_round_trip_keeps_identities_locations_severities_tracking_and_code_flows(sample, sarif_multitool, tmp_path):
    report, suppressed = sample
    doc = to_sarif(report, suppressed)
    assert_valid_sarif(sarif_multitool, doc, tmp_path / "round.sarif")
    back = from_sarif(json.loads((tmp_path / "round.sarif").read_text(encoding="utf-8")), "round.sarif")
    assert sorted(map(identity, back.report.vulnerabilities)) == sorted(map(identity, report.vulnerabilities))
    assert (back.results, back.converted, back.suppressed) == (
        len(report.vulnerabilities) + 1,
        len(report.vulnerabilities),
        1,
    )
    assert [m.value for m in back.messages] == ["round.sarif: 1 suppressed SARIF result(s) were left out"]
    by_id = {v.id: v for v in back.report.vulnerabilities}
    for original in report.vulnerabilities:
        copy = by_id[original.id]
        assert copy.tracking == original.tracking
        assert copy.details == original.details
        assert copy.name == original.name and copy.description == original.description
    assert {v.scanner for v in back.report.vulnerabilities} == {v.scanner for v in report.vulnerabilities}
    assert assert_valid_gitlab(back.report)["vulnerabilities"][0]["details"]["code_flows"] == FLOW


# --- other tools' SARIF -------------------------------------------------------------------------


def test_shiftleft_taint_report_becomes_a_valid_gitlab_report():
    imported = load_sarif(TAINT_SARIF)
    report = imported.report
    document = assert_valid_gitlab(report)
    # 11 results; the two taint-idor results share rule and place (two sinks of one source): one finding
    assert (imported.results, imported.converted, imported.duplicates) == (11, 10, 1)
    assert (imported.skipped_no_location, imported.skipped_no_rule, imported.suppressed, imported.not_findings) == (
        0,
        0,
        0,
        0,
    )
    assert Counter(v.severity for v in report.vulnerabilities) == {
        Severity.HIGH: 8,
        Severity.MEDIUM: 1,
        Severity.LOW: 1,
    }
    assert Counter(v.primary_identifier.value for v in report.vulnerabilities) == {
        "taint-xmli": 7, "taint-basic-xss": 1, "taint-idor": 1, "taint-file-write": 1,
    }  # fmt: skip
    # file:///home/damien/dd/... made relative to the run's working directory
    assert {v.location.file for v in report.vulnerabilities} >= {"dojo/tools/veracode/parser.py", "dojo/forms.py"}
    assert not any(v.location.file.startswith("/") for v in report.vulnerabilities)
    xss = next(v for v in report.vulnerabilities if v.primary_identifier.value == "taint-basic-xss")
    # no level on the result: its rule's default level (warning); the CWE from the rule's help URL
    assert xss.severity == Severity.MEDIUM and Identifier.cwe(80) in xss.identifiers
    assert xss.primary_identifier == Identifier("python_security_analysis_id", "taint-basic-xss", "taint-basic-xss")
    assert xss.name == "Improper Neutralization of Script-Related HTML Tags in a Web Page (Basic XSS)."
    assert xss.location == Location(file="dojo/templatetags/display_tags.py", start_line=72, end_line=72)
    scan_ = document["scan"]
    assert scan_["scanner"]["id"] == "python_security_analysis" and scan_["scanner"]["version"] == "1.0.0-scan"
    assert scan_["start_time"] == "2021-03-08T15:46:16"
    assert [m["value"] for m in scan_["messages"]] == [
        f"{TAINT_SARIF}: 1 SARIF result(s) repeating another (same rule, same place) were left out"
    ]
    assert len(scan_["primary_identifiers"]) == 4
    assert document["vulnerabilities"] == sorted(
        document["vulnerabilities"],
        key=lambda v: (-Severity(v["severity"]).rank, v["location"]["file"], v["location"]["start_line"]),
    )


def test_multi_run_log_counts_what_it_leaves_out_and_converts_code_flows(sarif_multitool, tmp_path):
    # the fixture is deliberately imperfect: the multitool flags the result that names no rule
    shutil.copy(MULTI_RUN, tmp_path / "multi.sarif")
    errors, _ = multitool_validate(sarif_multitool, tmp_path / "multi.sarif")
    assert [e.split(" ")[0] for e in errors] == ["SARIF1010"]

    imported = load_sarif(MULTI_RUN)
    report = imported.report
    document = assert_valid_gitlab(report)
    assert (imported.results, imported.converted) == (9, 5)
    assert (
        imported.skipped_no_location,
        imported.skipped_no_rule,
        imported.suppressed,
        imported.not_findings,
        imported.duplicates,
    ) == (1, 1, 1, 1, 0)
    levels = {m.value.split(": ", 1)[1]: m.level for m in imported.messages}
    assert levels == {
        "1 SARIF result(s) without a file location were left out (a finding needs a file)": "warn",
        "1 SARIF result(s) without a rule id were left out (the rule is a finding's primary identifier)": "warn",
        "1 suppressed SARIF result(s) were left out": "info",
        "1 SARIF result(s) of kind pass, notApplicable or informational are no findings and were left out": "info",
        "1 finding(s) keep an absolute path outside the project; pass the project root to make them relative": "warn",
    }
    assert report.scan.messages == imported.messages
    got = {
        (
            v.scanner.id,
            v.primary_identifier.type,
            v.primary_identifier.value,
            v.location.file,
            v.location.start_line,
            v.severity,
        )
        for v in report.vulnerabilities
    }
    assert got == {
        ("codeql", "codeql_id", "py/sql-injection", "src/app.py", 14, Severity.HIGH),  # security-severity 8.8
        (
            "codeql",
            "codeql_id",
            "py/command-line-injection",
            "src/run.py",
            9,
            Severity.CRITICAL,
        ),  # rejected suppression: kept
        ("bandit", "bandit_test_id", "B602", "src/run.py", 9, Severity.MEDIUM),
        ("bandit", "bandit_test_id", "B602", "src/café menu.py", 4, Severity.HIGH),
        (
            "bandit",
            "bandit_test_id",
            "B602",
            "/opt/vendor/lib/tool.py",
            30,
            Severity.MEDIUM,
        ),  # no level: SARIF's default
    }
    sql = next(v for v in report.vulnerabilities if v.primary_identifier.value == "py/sql-injection")
    assert sql.name == "SQL query built from user-controlled sources"
    assert sql.description == "This SQL query depends on a [user-provided value](1)."
    assert sql.location.start_column == 20 and sql.tracking is None  # CodeQL's fingerprints are not secscan's
    assert [i.value for i in sql.identifiers] == ["py/sql-injection", "89"]
    flow = sql.details["code_flows"]["items"][0]
    assert [(n["node_type"], n["file_location"]["file_name"], n["file_location"]["line_start"]) for n in flow] == [
        ("source", "src/app.py", 10), ("propagation", "src/app.py", 11), ("sink", "src/app.py", 14),
    ]  # fmt: skip
    assert flow[0]["file_location"] == {
        "type": "file-location",
        "file_name": "src/app.py",
        "line_start": 10,
        "line_end": 10,
        "column_start": 12,
        "column_end": 19,
    }
    cmd = next(v for v in report.vulnerabilities if v.primary_identifier.value == "py/command-line-injection")
    assert [i.value for i in cmd.identifiers] == ["py/command-line-injection", "78", "88"]
    assert [n["node_type"] for n in cmd.details["code_flows"]["items"][0]] == ["sink", "source"]  # explicit kinds win
    bandit = next(v for v in report.vulnerabilities if v.location.file == "src/run.py" and v.scanner.id == "bandit")
    assert bandit.raw_source_code_extract == "subprocess.call(cmd, shell=True)"
    assert bandit.links == (
        Link("https://bandit.readthedocs.io/en/1.7.9/plugins/b602_subprocess_popen_with_shell_equals_true.html"),
    )
    assert Identifier.cwe(78) in bandit.identifiers
    # two tools: the scan names the SARIF log; each finding keeps its run's tool
    assert (document["scan"]["scanner"]["id"], document["scan"]["scanner"]["name"]) == (
        "sarif",
        "SARIF 2.1.0 log (Bandit, CodeQL)",
    )
    assert (document["scan"]["start_time"], document["scan"]["end_time"]) == (
        "2024-05-01T09:59:00",
        "2024-05-01T10:02:30",
    )
    declared = {(i["type"], i["value"]) for i in document["scan"]["primary_identifiers"]}
    assert declared == {
        ("codeql_id", "py/sql-injection"),
        ("codeql_id", "py/command-line-injection"),
        ("bandit_test_id", "B602"),
    }
    # an explicit project root also strips other absolute paths
    rooted = load_sarif(MULTI_RUN, project_root="/opt/vendor")
    assert "lib/tool.py" in {v.location.file for v in rooted.report.vulnerabilities}
    assert not any("absolute path" in m.value for m in rooted.messages)


def one_result(rule: dict, result: dict) -> dict:
    """A minimal SARIF log: one tool, one rule ``r``, one result of it."""
    location = {"physicalLocation": {"artifactLocation": {"uri": "a.py"}, "region": {"startLine": 1}}}
    return {"version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "T", "rules": [{"id": "r", **rule}]}},
        "results": [{"ruleId": "r", "message": {"text": "m"}, "locations": [location], **result}],
    }]}  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "result", "expected"),
    [
        ({"properties": {"tags": ["security", "external/cwe/cwe-079"]}}, {}, {("cwe", "79")}),
        ({"properties": {"cwe": "CWE-89: Improper Neutralization of Special Elements"}}, {}, {("cwe", "89")}),
        ({}, {"properties": {"cwe": ["22", "CWE-23"]}}, {("cwe", "22"), ("cwe", "23")}),
        ({"relationships": [{"target": {"id": "CWE-352", "toolComponent": {"name": "CWE"}}}]}, {}, {("cwe", "352")}),
        ({}, {"taxa": [{"id": "611", "toolComponent": {"name": "CWE"}}]}, {("cwe", "611")}),
        ({"helpUri": "https://cwe.mitre.org/data/definitions/918.html"}, {}, {("cwe", "918")}),
        ({"properties": {"tags": ["OWASP-A01:2021 - Broken Access Control"]}}, {}, {("owasp", "A01:2021")}),
        ({"properties": {"tags": ["security", "maintainability", "CWE"]}}, {}, set()),
    ],
)
def test_cwe_and_owasp_are_read_from_every_place_tools_put_them(rule, result, expected):
    vuln = from_sarif(one_result(rule, result), "x.sarif").report.vulnerabilities[0]
    assert vuln.primary_identifier == Identifier("t_id", "r", "r")
    assert {(i.type, i.value) for i in vuln.identifiers[1:]} == expected


def test_secret_detection_import_needs_a_commit():
    imported = load_sarif(MULTI_RUN, "secret_detection")
    assert {v.location.extra["commit"]["sha"] for v in imported.report.vulnerabilities} == {"0000000"}
    assert validate(imported.report.to_dict(), "secret_detection") == []


# --- real scanners ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_scan(tmp_path_factory):
    """secscan's pipeline with every installed analyzer on the mixed fixture project, plus a file
    whose finding an inline ignore silences."""
    target = tmp_path_factory.mktemp("sarif-scan") / "project"
    shutil.copytree(MIXED, target, symlinks=True)
    (target / "app" / "calc.py").write_text(
        "def calc(expr):\n    return eval(expr)  # secscan: ignore[B307] trusted input only\n"
    )
    config = Config.load(env={}, target=target)
    installed, _ = discover()
    return scan(config, select(installed, config))


def test_real_scan_exports_valid_sarif_and_reads_back(real_scan, sarif_multitool, tmp_path):
    result = real_scan
    assert result.failed == [] and result.report.vulnerabilities and result.suppressed
    details = {
        run.analyzer.metadata.scanner.id: run.analyzer.metadata.scanner_details(run.scanner_version)
        for run in result.runs
    }
    doc = to_sarif(result.report, result.suppressed, scanners=details, source_root=result.config.target)
    assert_valid_sarif(sarif_multitool, doc, tmp_path / "secscan.sarif")
    assert doc == to_sarif(result.report, result.suppressed, scanners=details, source_root=result.config.target)
    drivers = {run["tool"]["driver"]["name"]: run["tool"]["driver"] for run in doc["runs"]}
    assert {"Bandit", "Semgrep"} <= set(drivers)
    assert all(d["version"] == details[d["properties"]["gitlabScannerId"]].version for d in drivers.values())
    assert doc["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == result.config.target.as_uri() + "/"
    results = [r for run in doc["runs"] for r in run["results"]]
    assert len(results) == len(result.report.vulnerabilities) + len(result.suppressed)
    assert any(r.get("suppressions") == [{"kind": "inSource", "justification": "trusted input only"}] for r in results)

    back = from_sarif(doc, "secscan.sarif")
    assert sorted(map(identity, back.report.vulnerabilities)) == sorted(map(identity, result.report.vulnerabilities))
    assert back.suppressed == len(result.suppressed)
    assert_valid_gitlab(back.report)


@pytest.fixture(scope="module")
def semgrep_outputs(tmp_path_factory):
    """One real semgrep run on the fixture project writing its JSON and its SARIF."""
    out = tmp_path_factory.mktemp("semgrep-sarif")
    target = out / "project"
    shutil.copytree(SEMGREP_PROJECT, target)
    args = [scanner("semgrep"), "scan", "--metrics=off", "--disable-version-check", "--no-rewrite-rule-ids"]
    args += ["--quiet", "--json", f"--sarif-output={out / 'semgrep.sarif'}"]
    for rules in SEMGREP_RULES:
        args += ["--config", str(rules)]
    proc = subprocess.run([*args, "app.py"], cwd=target, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout), out / "semgrep.sarif"


def test_real_semgrep_sarif_reads_as_the_same_findings_as_its_json(semgrep_outputs):
    native, sarif_path = semgrep_outputs
    imported = load_sarif(sarif_path)
    assert_valid_gitlab(imported.report)
    assert imported.results == imported.converted == len(native["results"]) == 2
    expected = set()
    for r in native["results"]:
        metadata = r["extra"]["metadata"]
        idents = {
            (i.type, i.value)
            for i in identifiers_from_metadata(r["check_id"], metadata)
            if i.type in ("semgrep_id", "cwe", "owasp")
        }
        severity = rule_severity(metadata, r["extra"]["severity"])
        expected.add(
            (
                r["check_id"],
                r["path"],
                r["start"]["line"],
                r["end"]["line"],
                r["start"]["col"],
                severity,
                frozenset(idents),
            )
        )
    got = {
        (
            v.primary_identifier.value,
            v.location.file,
            v.location.start_line,
            v.location.end_line,
            v.location.start_column,
            v.severity,
            frozenset((i.type, i.value) for i in v.identifiers),
        )
        for v in imported.report.vulnerabilities
    }
    assert got == expected
    assert {v.scanner.id for v in imported.report.vulnerabilities} == {"semgrep"}
    assert imported.report.scan.scanner.version == native["version"]


# --- hostile input ------------------------------------------------------------------------------

HOSTILE_NAME = 'Bad \x00\x07\x1b[31mred\x1b[0m \u202eevil\u202c 🐍 "quoted" <b>&amp;'
HOSTILE_FILES = ["src/dír with spaces/ünïcödé 🐍.py", "src/100% #1?.py", "src/a\\b;c=d.py", "日本/コード.py"]


def test_hostile_strings_survive_both_directions(sarif_multitool, tmp_path):
    long_text = "x" * (2 * 1024 * 1024) + "\n\ttail"
    vulns = [
        finding(
            "semgrep",
            f"rule.{n}",
            file,
            3 + n,
            Severity.HIGH,
            name=HOSTILE_NAME * 10,
            description=long_text if n == 0 else HOSTILE_NAME,
        )
        for n, file in enumerate(HOSTILE_FILES)
    ]
    report = hand_report(vulns)
    doc = to_sarif(report)
    assert_valid_sarif(sarif_multitool, doc, tmp_path / "hostile.sarif")
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]]
    assert all(u.isascii() and " " not in u for u in uris)
    back = from_sarif((tmp_path / "hostile.sarif").read_bytes(), "hostile.sarif")
    assert sorted(map(identity, back.report.vulnerabilities)) == sorted(map(identity, report.vulnerabilities))
    assert {v.location.file for v in back.report.vulnerabilities} == set(HOSTILE_FILES)
    assert all(v.name == (HOSTILE_NAME * 10)[:254] + "…" for v in back.report.vulnerabilities)
    descriptions = sorted((v.description for v in back.report.vulnerabilities), key=len)
    assert descriptions[:3] == [HOSTILE_NAME] * 3  # control characters and all
    assert (
        descriptions[3].startswith("x" * 100_000) and len(descriptions[3]) <= 1024 * 1024
    )  # clipped to GitLab's limit
    assert_valid_gitlab(back.report)


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("{not json", "bad.sarif: not valid JSON (line 1, column 2"),
        ([1, 2], "bad.sarif: not a SARIF log"),
        ({"version": "2.1.0"}, "bad.sarif: not a SARIF log"),
        (
            {"version": "15.2.1", "scan": {}, "vulnerabilities": []},
            "bad.sarif: a GitLab Secure report, not a SARIF log",
        ),
        (
            {"version": "1.0.0", "runs": []},
            "bad.sarif: SARIF version '1.0.0' is not supported; secscan reads SARIF 2.1.0",
        ),
        ({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}, "bad.sarif: $.runs[0].tool.driver.name is missing"),
        (
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": ["oops"]}]},
            "bad.sarif: $.runs[0].results[0] is not an object",
        ),
    ],
)
def test_bad_input_is_one_clear_error_naming_the_source(document, expected):
    with pytest.raises(ReportError) as info:
        from_sarif(document, "bad.sarif")
    assert str(info.value).startswith(expected) and "\n" not in str(info.value)


def test_bad_files_and_report_types_name_the_file(tmp_path):
    garbage = tmp_path / "garbage.sarif"
    garbage.write_text("<html>")
    for path, expected in ((tmp_path / "missing.sarif", "no such file"), (garbage, "not valid JSON")):
        with pytest.raises(ReportError, match=f"^{path}: {expected}"):
            load_sarif(path)
    with pytest.raises(
        ReportError, match="^x.sarif: SARIF can be read as a sast or secret_detection report, not 'dast'"
    ):
        from_sarif({"version": "2.1.0", "runs": []}, "x.sarif", "dast")


def test_sarif_export_warns_of_stored_paths_outside_the_project(tmp_path: Path):
    """Ingest warns of ``../../etc/passwd`` and ``file:///etc/passwd``; the SARIF export of the
    stored vulnerabilities warns the same way (issue 20 item 12)."""
    from conftest import run_cli

    document = json.loads(
        (SHARED / "reference/reports/defectdojo/gitlab_sast/gl-sast-report-1-vuln_v15.json").read_text()
    )
    finding = document["vulnerabilities"][0]
    document["vulnerabilities"] = [
        {**finding, "id": str(n), "location": {**finding["location"], "file": file}}
        for n, file in enumerate(["../../etc/passwd", "file:///etc/passwd"])
    ]
    report, database = tmp_path / "r.json", f"sqlite:///{tmp_path / 'db.sqlite'}"
    report.write_text(json.dumps(document))
    ingested = run_cli("vulns", "ingest", str(report), "--project", "p", "--database", database)
    assert ingested.returncode == 0, ingested.stderr
    exported = run_cli("vulns", "export", "--format", "sarif", "--project", "p", "--database", database)
    assert exported.returncode == 0, exported.stderr
    for file, problem in [("../../etc/passwd", "leaves the project directory"), ("file:///etc/passwd", "is a URI")]:
        assert f"'{file}' {problem}" in ingested.stderr
        assert f"file '{file}' {problem}" in exported.stderr
    assert exported.stderr.count("a SARIF viewer resolves it outside the project (exported as stored)") == 2
