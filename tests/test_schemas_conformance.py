"""secscan's own report schemas (schemas/*.json) must accept and reject exactly what
GitLab's official 15.2.1 Secure report schemas accept and reject.

The official schemas and the real reports written by other tools live outside the
project, in ../shared/reference (third-party data, never copied into the project).
They are required: when ../shared is missing these tests fail, they do not skip.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

REPO_ROOT = Path(__file__).resolve().parents[1]
SCHEMAS_DIR = REPO_ROOT / "schemas"
SHARED_DIR = REPO_ROOT.parent / "shared"
OFFICIAL_DIR = SHARED_DIR / "reference" / "gitlab-schemas" / "15.2.1"
REPORTS_DIR = SHARED_DIR / "reference" / "reports"

MISSING_SHARED = (
    f"reference data not found: expected GitLab's 15.2.1 schemas in {OFFICIAL_DIR} and "
    f"reference reports under {REPORTS_DIR} (the shared directory sits next to the repository "
    f"root, {REPO_ROOT}); restore ../shared to run the schema conformance tests"
)

# report type -> (secscan schema file, official schema file)
REPORT_TYPES: dict[str, tuple[str, str]] = {
    "sast": ("sast-report.json", "sast-report-format.json"),
    "secret_detection": ("secret-detection-report.json", "secret-detection-report-format.json"),
    "dependency_scanning": (
        "dependency-scanning-report.json",
        "dependency-scanning-report-format.json",
    ),
    "container_scanning": (
        "container-scanning-report.json",
        "container-scanning-report-format.json",
    ),
    "dast": ("dast-report.json", "dast-report-format.json"),
    "coverage_fuzzing": ("coverage-fuzzing-report.json", "coverage-fuzzing-report-format.json"),
}

# scan.type values that belong to another report type's schema
SCAN_TYPE_ALIASES = {
    "container_scanning_for_registry": "container_scanning",
    "api_fuzzing": "dast",
}

VALID_TIME = "2024-05-01T12:00:00"


# --------------------------------------------------------------------------- helpers


def _load_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


_validators: dict[tuple[str, str], Draft7Validator] = {}


def ours(report_type: str) -> Draft7Validator:
    key = ("ours", report_type)
    if key not in _validators:
        path = SCHEMAS_DIR / REPORT_TYPES[report_type][0]
        assert path.is_file(), f"secscan schema missing: {path}"
        _validators[key] = Draft7Validator(_load_json(path))
    return _validators[key]


def official(report_type: str) -> Draft7Validator:
    key = ("official", report_type)
    if key not in _validators:
        path = OFFICIAL_DIR / REPORT_TYPES[report_type][1]
        if not path.is_file():
            pytest.fail(f"{MISSING_SHARED} (missing {path})")
        _validators[key] = Draft7Validator(_load_json(path))
    return _validators[key]


def _errors(validator: Draft7Validator, doc: Any) -> list:
    return sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path])


def _describe(errors: list, limit: int = 15) -> str:
    lines = [f"  at /{'/'.join(str(p) for p in e.absolute_path)}: {e.message[:200]}" for e in errors[:limit]]
    if len(errors) > limit:
        lines.append(f"  ... and {len(errors) - limit} more")
    return "\n".join(lines) or "  (no errors)"


def _error_regions(errors: list, depth: int = 3) -> set[tuple]:
    """Where in the document errors are, cut to a depth below which the schemas'
    internal structure (oneOf/allOf placement) may legitimately differ."""
    return {tuple(e.absolute_path)[:depth] for e in errors}


def assert_same_verdict(report_type: str, doc: Any, label: str) -> bool:
    """Validate `doc` with both schemas; fail unless they agree. Returns the verdict."""
    theirs = _errors(official(report_type), doc)
    mine = _errors(ours(report_type), doc)
    if not theirs:
        assert not mine, (
            f"{label}: secscan's {report_type} schema rejects a document the official "
            f"15.2.1 schema accepts; secscan errors:\n{_describe(mine)}"
        )
    else:
        assert mine, (
            f"{label}: secscan's {report_type} schema accepts a document the official "
            f"15.2.1 schema rejects; official errors:\n{_describe(theirs)}"
        )
        assert _error_regions(mine) == _error_regions(theirs), (
            f"{label}: both schemas reject the document, but not the same parts of it.\n"
            f"official errors:\n{_describe(theirs)}\nsecscan errors:\n{_describe(mine)}"
        )
    return not theirs


# ----------------------------------------------------------------- reference reports


def classify(path: Path, doc: Any) -> str:
    """Report type of a reference file: scan.type when present, else path, else content."""
    if isinstance(doc, dict) and isinstance(doc.get("scan"), dict):
        scan_type = doc["scan"].get("type")
        scan_type = SCAN_TYPE_ALIASES.get(scan_type, scan_type)
        if scan_type in REPORT_TYPES:
            return scan_type
    lowered = path.as_posix().lower()
    for needle, report_type in (
        ("secret", "secret_detection"),
        ("dep_scan", "dependency_scanning"),
        ("dependency", "dependency_scanning"),
        ("container", "container_scanning"),
        ("fuzz", "coverage_fuzzing"),
        ("dast", "dast"),
    ):
        if needle in lowered:
            return report_type
    vulns = doc.get("vulnerabilities") if isinstance(doc, dict) else None
    locations = [
        v.get("location")
        for v in (vulns if isinstance(vulns, list) else [])
        if isinstance(v, dict) and isinstance(v.get("location"), dict)
    ]
    if any("commit" in loc for loc in locations):
        return "secret_detection"
    if any("dependency" in loc and "image" in loc for loc in locations):
        return "container_scanning"
    if any("dependency" in loc for loc in locations):
        return "dependency_scanning"
    if any("crash_type" in loc for loc in locations):
        return "coverage_fuzzing"
    if any("hostname" in loc for loc in locations):
        return "dast"
    # scanner-native outputs (bandit, semgrep) are SAST tools' results
    return "sast"


def _discover_reports() -> list:
    files = (
        sorted(p for p in REPORTS_DIR.rglob("*.json") if p.is_file() and p.suffix.lower() != ".sarif")
        if REPORTS_DIR.is_dir()
        else []
    )
    if not files:
        # keep one failing case instead of an empty (silently skipped) parametrization
        return [pytest.param(None, id="reference-reports-missing")]
    return [pytest.param(p, id=p.relative_to(REPORTS_DIR).as_posix()) for p in files]


REFERENCE_REPORTS = _discover_reports()


def _load_report(path: Path | None) -> tuple[str, Any]:
    if path is None:
        pytest.fail(MISSING_SHARED)
    doc = _load_json(path)
    return classify(path, doc), doc


def repair(doc: Any) -> Any:
    """Fix the scan-level gaps that make most real reports schema-invalid (pre-15 reports
    have no scan.analyzer; QA expectations carry placeholder times) so the vulnerabilities
    themselves get compared. Returns None when there is no scan object to repair."""
    if not (isinstance(doc, dict) and isinstance(doc.get("scan"), dict)):
        return None
    fixed = copy.deepcopy(doc)
    scan = fixed["scan"]
    if "analyzer" not in scan and isinstance(scan.get("scanner"), dict):
        scan["analyzer"] = copy.deepcopy(scan["scanner"])
    for key in ("start_time", "end_time"):
        scan[key] = VALID_TIME
    return fixed


def test_shared_reference_data_present():
    assert OFFICIAL_DIR.is_dir(), MISSING_SHARED
    assert REPORTS_DIR.is_dir(), MISSING_SHARED
    missing = [off for _, off in REPORT_TYPES.values() if not (OFFICIAL_DIR / off).is_file()]
    assert not missing, f"{MISSING_SHARED}; missing official schema files: {missing}"


@pytest.mark.parametrize("path", REFERENCE_REPORTS)
def test_reference_report_verdicts_agree(path):
    report_type, doc = _load_report(path)
    assert_same_verdict(report_type, doc, f"{path.relative_to(REPORTS_DIR)} as {report_type}")


@pytest.mark.parametrize("path", REFERENCE_REPORTS)
def test_repaired_reference_report_verdicts_agree(path):
    report_type, doc = _load_report(path)
    fixed = repair(doc)
    if fixed is None:
        # no scan object: nothing to repair, both schemas must still agree on the original
        assert_same_verdict(report_type, doc, f"{path.relative_to(REPORTS_DIR)} as {report_type}")
        return
    assert_same_verdict(report_type, fixed, f"{path.relative_to(REPORTS_DIR)} (scan repaired) as {report_type}")


def test_oracle_has_accepting_cases():
    """Every reference report is invalid as published; make sure the repaired ones give the
    comparison real documents that the official schema accepts, so agreement is not vacuous."""
    if REFERENCE_REPORTS[0].values[0] is None:
        pytest.fail(MISSING_SHARED)
    accepted = []
    for param in REFERENCE_REPORTS:
        report_type, doc = _load_report(param.values[0])
        fixed = repair(doc)
        if fixed is not None and not _errors(official(report_type), fixed):
            assert not _errors(ours(report_type), fixed), param.id
            accepted.append((report_type, param.id))
    types = {t for t, _ in accepted}
    assert len(accepted) >= 10, f"too few accepted reference reports: {accepted}"
    assert {"sast", "secret_detection", "dependency_scanning"} <= types, types


# ------------------------------------------------------------------- our schema files


@pytest.mark.parametrize("report_type", sorted(REPORT_TYPES))
def test_schema_is_valid_draft7(report_type):
    path = SCHEMAS_DIR / REPORT_TYPES[report_type][0]
    schema = _load_json(path)
    Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["$id"] == f"https://secscan.dev/schemas/{path.name}"
    assert schema.get("title") and schema.get("description")

    def walk(node, where="#"):
        if isinstance(node, dict):
            if "$ref" in node:
                assert str(node["$ref"]).startswith("#/"), f"{path.name}: external $ref at {where}"
            assert node.get("additionalProperties", True) is not False, (
                f"{path.name}: additionalProperties false at {where} (GitLab allows unknown keys)"
            )
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(schema)
    # each schema accepts only its own scan.type values
    accepted_types = set(schema["definitions"]["scan"]["properties"]["type"]["enum"])
    expected = {report_type} | {a for a, t in SCAN_TYPE_ALIASES.items() if t == report_type}
    assert accepted_types == expected


# ------------------------------------------------------------------ synthetic documents


def _identifier(**extra):
    return {"type": "bandit_test_id", "name": "Bandit Test ID B602", "value": "B602", **extra}


def minimal_report(report_type: str) -> dict:
    """Smallest report of the given type that GitLab 15.2.1 accepts."""
    scan_type = report_type
    location: dict = {
        "sast": {"file": "app/main.py", "start_line": 3, "end_line": 3},
        "secret_detection": {"file": "config.py", "start_line": 1, "commit": {"sha": "0000000"}},
        "dependency_scanning": {
            "file": "requirements.txt",
            "dependency": {"package": {"name": "django"}, "version": "2.0.1"},
        },
        "container_scanning": {
            "image": "registry.example.com/app:1.0",
            "operating_system": "debian:12",
            "dependency": {"package": {"name": "openssl"}, "version": "3.0.11"},
        },
        "dast": {"hostname": "http://localhost:8080", "method": "GET", "path": "/", "param": ""},
        "coverage_fuzzing": {"crash_type": "Heap-buffer-overflow", "crash_state": "f\ng\n"},
    }[report_type]
    tool = {
        "id": "secscan-test",
        "name": "secscan test",
        "version": "1.0.0",
        "vendor": {"name": "secscan"},
    }
    scan = {
        "analyzer": dict(tool, url="https://secscan.dev"),
        "scanner": dict(tool),
        "type": scan_type,
        "start_time": VALID_TIME,
        "end_time": VALID_TIME,
        "status": "success",
    }
    if report_type == "dast":
        scan["scanned_resources"] = [{"method": "GET", "url": "http://localhost:8080/", "type": "url"}]
    return {
        "version": "15.2.1",
        "scan": scan,
        "vulnerabilities": [{"id": "3b0d1f9e", "identifiers": [_identifier()], "location": location}],
    }


def _set(path: str, value: Any) -> Callable[[dict], None]:
    """Mutation that sets a '/'-separated path (integers index lists)."""

    def mutate(doc: dict) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split("/")]
        node = doc
        for key in parents:
            node = node[key]
        node[last] = value

    mutate.__name__ = f"set {path}"
    return mutate


def _del(path: str) -> Callable[[dict], None]:
    def mutate(doc: dict) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split("/")]
        node = doc
        for key in parents:
            node = node[key]
        del node[last]

    return mutate


def _noop(doc: dict) -> None:
    return None


V0 = "vulnerabilities/0"
LONG = "x" * 256
SYNTHETIC_CASES = [
    # (id, report type, mutation, expected verdict)
    ("sast-minimal", "sast", _noop, True),
    ("secret-minimal", "secret_detection", _noop, True),
    ("dependency-minimal", "dependency_scanning", _noop, True),
    ("container-minimal", "container_scanning", _noop, True),
    ("dast-minimal", "dast", _noop, True),
    ("fuzzing-minimal", "coverage_fuzzing", _noop, True),
    # requested sast mutations
    ("missing-scan", "sast", _del("scan"), False),
    ("missing-version", "sast", _del("version"), False),
    ("missing-vulnerabilities", "sast", _del("vulnerabilities"), False),
    ("time-with-fraction", "sast", _set("scan/start_time", "2024-05-01T12:00:00.123"), False),
    ("time-with-zone-z", "sast", _set("scan/end_time", "2024-05-01T12:00:00Z"), False),
    ("time-with-offset", "sast", _set("scan/end_time", "2024-05-01T12:00:00+00:00"), False),
    ("severity-lowercase", "sast", _set(f"{V0}/severity", "critical"), False),
    ("severity-critical", "sast", _set(f"{V0}/severity", "Critical"), True),
    ("identifier-url-javascript", "sast", _set(f"{V0}/identifiers/0", _identifier(url="javascript:alert(1)")), False),
    ("identifier-url-placeholder", "sast", _set(f"{V0}/identifiers/0", _identifier(url="<url>")), False),
    ("identifier-url-ftp", "sast", _set(f"{V0}/identifiers/0", _identifier(url="ftp://ftp.example.com/rule")), True),
    ("identifiers-empty", "sast", _set(f"{V0}/identifiers", []), False),
    ("identifier-empty-value", "sast", _set(f"{V0}/identifiers/0", _identifier(value="")), False),
    (
        "cwe-value-not-string",
        "sast",
        _set(f"{V0}/identifiers/0", {"type": "cwe", "name": "CWE-89", "value": 89}),
        False,
    ),
    ("name-256-chars", "sast", _set(f"{V0}/name", LONG), False),
    ("name-255-chars", "sast", _set(f"{V0}/name", LONG[:255]), True),
    ("description-over-1MiB", "sast", _set(f"{V0}/description", "d" * (1048576 + 1)), False),
    ("solution-over-7000", "sast", _set(f"{V0}/solution", "s" * 7001), False),
    ("unknown-top-level-property", "sast", _set("x_secscan", {"anything": [1, 2]}), True),
    ("unknown-scan-property", "sast", _set("scan/x_secscan", True), True),
    ("unknown-vulnerability-property", "sast", _set(f"{V0}/confidence", "High"), True),
    ("unknown-location-property", "sast", _set(f"{V0}/location/column", 7), True),
    ("missing-analyzer-vendor-name", "sast", _set("scan/analyzer/vendor", {}), False),
    ("missing-scanner-vendor-name", "sast", _set("scan/scanner/vendor", {}), False),
    ("missing-analyzer", "sast", _del("scan/analyzer"), False),
    ("analyzer-url-not-http", "sast", _set("scan/analyzer/url", "secscan.dev"), False),
    ("scanner-url-free-text", "sast", _set("scan/scanner/url", "see docs"), True),
    ("version-two-parts", "sast", _set("version", "15.2"), False),
    ("schema-not-http", "sast", _set("schema", "file:///tmp/schema.json"), False),
    ("schema-https", "sast", _set("schema", "https://secscan.dev/schemas/sast-report.json"), True),
    ("status-unknown", "sast", _set("scan/status", "ok"), False),
    ("scan-type-of-other-report", "sast", _set("scan/type", "dast"), False),
    ("message-level-error", "sast", _set("scan/messages", [{"level": "error", "value": "x"}]), False),
    ("message-empty-value", "sast", _set("scan/messages", [{"level": "fatal", "value": ""}]), False),
    ("message-fatal", "sast", _set("scan/messages", [{"level": "fatal", "value": "analyzer bandit failed"}]), True),
    ("primary-identifiers", "sast", _set("scan/primary_identifiers", [_identifier()]), True),
    ("primary-identifier-bad-url", "sast", _set("scan/primary_identifiers", [_identifier(url="<url>")]), False),
    ("option-null-value", "sast", _set("scan/options", [{"name": "SEARCH_MAX_DEPTH", "value": None}]), True),
    ("option-source-unknown", "sast", _set("scan/options", [{"name": "A", "value": 1, "source": "cli"}]), False),
    ("missing-id", "sast", _del(f"{V0}/id"), False),
    ("empty-id", "sast", _set(f"{V0}/id", ""), False),
    ("missing-location", "sast", _del(f"{V0}/location"), False),
    ("start-line-string", "sast", _set(f"{V0}/location/start_line", "3"), False),
    ("link-ok", "sast", _set(f"{V0}/links", [{"url": "https://cwe.mitre.org/data/definitions/89.html"}]), True),
    ("link-no-scheme", "sast", _set(f"{V0}/links", [{"url": "cwe.mitre.org"}]), False),
    ("link-missing-url", "sast", _set(f"{V0}/links", [{"name": "doc"}]), False),
    (
        "flag-ok",
        "sast",
        _set(
            f"{V0}/flags", [{"type": "flagged-as-likely-false-positive", "origin": "vet", "description": "test file"}]
        ),
        True,
    ),
    (
        "flag-unknown-type",
        "sast",
        _set(f"{V0}/flags", [{"type": "flagged-as-noise", "origin": "vet", "description": "x"}]),
        False,
    ),
    (
        "tracking-ok",
        "sast",
        _set(
            f"{V0}/tracking",
            {
                "type": "source",
                "items": [
                    {
                        "file": "app/main.py",
                        "line_start": 3,
                        "line_end": 3,
                        "signatures": [
                            {"algorithm": "scope_offset", "value": "app/main.py|run[0]:2"},
                            {"algorithm": "location", "value": "app/main.py:3"},
                            {"algorithm": "hash", "value": "abc"},
                        ],
                    }
                ],
            },
        ),
        True,
    ),
    (
        "tracking-other-algorithm",
        "sast",
        _set(
            f"{V0}/tracking",
            {"type": "source", "items": [{"signatures": [{"algorithm": "scope_offset_compressed", "value": "v"}]}]},
        ),
        True,
    ),
    ("tracking-type-not-source", "sast", _set(f"{V0}/tracking", {"type": "hash", "items": []}), False),
    (
        "tracking-no-signatures",
        "sast",
        _set(f"{V0}/tracking", {"type": "source", "items": [{"file": "a.py", "signatures": []}]}),
        False,
    ),
    (
        "tracking-signature-no-value",
        "sast",
        _set(f"{V0}/tracking", {"type": "source", "items": [{"signatures": [{"algorithm": "hash"}]}]}),
        False,
    ),
    (
        "details-ok",
        "sast",
        _set(
            f"{V0}/details",
            {
                "snippet": {"name": "Snippet", "type": "code", "value": "eval(x)", "lang": "python"},
                "flow": {
                    "name": "Flow",
                    "type": "code-flows",
                    "items": [
                        [
                            {
                                "type": "code-flow-node",
                                "node_type": "source",
                                "file_location": {"type": "file-location", "file_name": "a.py", "line_start": 1},
                            }
                        ]
                    ],
                },
                "nested": {
                    "name": "Nested",
                    "type": "named-list",
                    "items": {"n": {"name": "N", "type": "value", "value": 3}},
                },
            },
        ),
        True,
    ),
    ("details-unknown-kind", "sast", _set(f"{V0}/details", {"x": {"name": "X", "type": "blob"}}), False),
    ("details-missing-name", "sast", _set(f"{V0}/details", {"x": {"type": "text", "value": "v"}}), False),
    (
        "details-column-without-pair",
        "sast",
        _set(
            f"{V0}/details",
            {"loc": {"name": "L", "type": "file-location", "file_name": "a.py", "line_start": 1, "column_start": 2}},
        ),
        False,
    ),
    (
        "cvss-v3-ok",
        "sast",
        _set(f"{V0}/cvss_vectors", [{"vendor": "NVD", "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]),
        True,
    ),
    (
        "cvss-v2-ok",
        "sast",
        _set(f"{V0}/cvss_vectors", [{"vendor": "NVD", "vector": "AV:N/AC:L/Au:N/C:P/I:P/A:P"}]),
        True,
    ),
    ("cvss-garbage", "sast", _set(f"{V0}/cvss_vectors", [{"vendor": "NVD", "vector": "CVSS:9.9/high"}]), False),
    (
        "remediation-missing-diff",
        "sast",
        _set("remediations", [{"fixes": [{"id": "3b0d1f9e"}], "summary": "upgrade"}]),
        False,
    ),
    (
        "remediation-ok",
        "sast",
        _set("remediations", [{"fixes": [{"id": "3b0d1f9e"}], "summary": "upgrade", "diff": "ZGlmZg=="}]),
        True,
    ),
    # other report types
    ("secret-missing-commit-sha", "secret_detection", _set(f"{V0}/location/commit", {}), False),
    ("secret-missing-commit", "secret_detection", _del(f"{V0}/location/commit"), False),
    ("secret-empty-commit-sha", "secret_detection", _set(f"{V0}/location/commit/sha", ""), False),
    ("dependency-missing-package-name", "dependency_scanning", _set(f"{V0}/location/dependency/package", {}), False),
    ("dependency-missing-version", "dependency_scanning", _del(f"{V0}/location/dependency/version"), False),
    ("dependency-missing-file", "dependency_scanning", _del(f"{V0}/location/file"), False),
    ("dependency-empty-file", "dependency_scanning", _set(f"{V0}/location/file", ""), False),
    ("dependency-scan-type-sast", "dependency_scanning", _set("scan/type", "sast"), False),
    ("container-for-registry", "container_scanning", _set("scan/type", "container_scanning_for_registry"), True),
    ("container-missing-image", "container_scanning", _del(f"{V0}/location/image"), False),
    ("container-empty-os", "container_scanning", _set(f"{V0}/location/operating_system", ""), False),
    (
        "container-long-default-branch-image",
        "container_scanning",
        _set(f"{V0}/location/default_branch_image", LONG),
        False,
    ),
    ("dast-api-fuzzing", "dast", _set("scan/type", "api_fuzzing"), True),
    ("dast-missing-scanned-resources", "dast", _del("scan/scanned_resources"), False),
    (
        "dast-evidence-ok",
        "dast",
        _set(
            f"{V0}/evidence",
            {
                "summary": "leak",
                "request": {"headers": [{"name": "Accept", "value": "*/*"}], "method": "GET", "url": "http://h/"},
                "response": {"headers": [], "reason_phrase": "OK", "status_code": 200},
            },
        ),
        True,
    ),
    (
        "dast-evidence-status-string",
        "dast",
        _set(f"{V0}/evidence", {"response": {"headers": [], "reason_phrase": "OK", "status_code": "200"}}),
        False,
    ),
    ("dast-asset-unknown-type", "dast", _set(f"{V0}/assets", [{"type": "har", "name": "n", "url": "u"}]), False),
    ("fuzzing-empty-location", "coverage_fuzzing", _set(f"{V0}/location", {}), True),
    ("fuzzing-crash-type-number", "coverage_fuzzing", _set(f"{V0}/location/crash_type", 11), False),
    ("fuzzing-scan-type-sast", "coverage_fuzzing", _set("scan/type", "sast"), False),
]


@pytest.mark.parametrize(
    "report_type, mutate, expected_valid",
    [pytest.param(t, m, e, id=name) for name, t, m, e in SYNTHETIC_CASES],
)
def test_synthetic_document(report_type, mutate, expected_valid):
    doc = minimal_report(report_type)
    mutate(doc)
    verdict = assert_same_verdict(report_type, doc, "synthetic document")
    assert verdict is expected_valid, (
        f"expected the document to be {'valid' if expected_valid else 'invalid'}; "
        f"official errors:\n{_describe(_errors(official(report_type), doc))}"
    )


@pytest.mark.parametrize("report_type", sorted(REPORT_TYPES))
def test_each_schema_rejects_other_scan_types(report_type):
    for other in sorted(REPORT_TYPES):
        if other == report_type:
            continue
        doc = minimal_report(report_type)
        doc["scan"]["type"] = other
        assert assert_same_verdict(report_type, doc, f"scan.type {other}") is False
