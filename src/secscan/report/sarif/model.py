"""SARIF 2.1.0 out: the format's vocabulary (shared with :mod:`.parse`) and :func:`to_sarif`.

Out: one SARIF ``run`` per real scanner of a report (``vulnerability.scanner``), its rules keyed
by primary identifier value, results in the report's order, and GitHub code scanning's
conventions (``security-severity``, ``external/cwe/cwe-<n>`` tags, ``%SRCROOT%``-relative URIs).
Fields SARIF has no place for travel in property bags, so that a SARIF file secscan wrote reads
back into the same findings:

- result ``properties``: ``gitlabId`` (the report id), ``gitlabSeverity`` and
  ``gitlabIdentifiers`` (every identifier, primary first);
- ``gitlabStartColumn`` for a column SARIF cannot hold (below 1: bandit's 0-based offsets);
- rule ``properties.gitlabIdentifierType``, driver ``properties.gitlabScannerId``;
- tracking signatures as ``partialFingerprints`` ``scopeOffset/v1``, ``location/v1``, ``hash/v1``.
  GitLab's finding UUID is not written: it depends on the GitLab project id, which a report
  does not hold (``gitlabId`` is the project-independent report id).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..model import (
    DESCRIPTION_MAX,
    NAME_MAX,
    Report,
    Scan,
    Severity,
    Suppression,
    ToolDetails,
    Vulnerability,
    clip,
    format_time,
)
from ..parse import as_line, as_text
from ..process import sort_key

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"

#: GitLab severity -> GitHub's ``security-severity`` score (a number as a string). Each value
#: sits inside GitHub's band for the level: critical >= 9.0, high 7.0-8.9, medium 4.0-6.9,
#: low 0.1-3.9; Info and Unknown are 0.0 (GitHub shows no security severity).
SECURITY_SEVERITY = {Severity.CRITICAL: "9.5", Severity.HIGH: "8.0", Severity.MEDIUM: "5.5", Severity.LOW: "2.0"}
#: GitLab severity -> SARIF level (anything else: ``note``)
LEVELS = {Severity.CRITICAL: "error", Severity.HIGH: "error", Severity.MEDIUM: "warning"}
#: tracking signature algorithm -> ``partialFingerprints`` key
FINGERPRINTS = {"scope_offset": "scopeOffset/v1", "location": "location/v1", "hash": "hash/v1"}
_NODE_TYPES = ("source", "propagation", "sink")

_PROP_ID = "gitlabId"
_PROP_SEVERITY = "gitlabSeverity"
_PROP_IDENTIFIERS = "gitlabIdentifiers"
_PROP_TYPE = "gitlabIdentifierType"
_PROP_SCANNER = "gitlabScannerId"
_PROP_COLUMN = "gitlabStartColumn"

_URI_SAFE = ":/?#[]@!$&'()*+,;=%~"


def _web_uri(url: str | None) -> str | None:
    """``url`` as a valid URI (characters outside RFC 3986 percent-encoded) if it is http(s)."""
    if not url or not re.match(r"^https?://[^\s/]", url, re.IGNORECASE):
        return None
    return quote(url.strip(), safe=_URI_SAFE)


def _artifact(file: str) -> dict[str, Any]:
    if file.startswith("/"):  # not project-relative: an absolute file URI, no base
        return {"uri": "file://" + quote(file, safe="/")}
    return {"uri": quote(file, safe="/"), "uriBaseId": SRCROOT}


def _region(start: int | None, end: int | None, start_column: int | None = None, end_column: int | None = None,
            snippet: str | None = None) -> dict[str, Any] | None:  # fmt: skip
    if not start or start < 1:
        return None
    region: dict[str, Any] = {"startLine": start}
    if start_column and start_column >= 1:
        region["startColumn"] = start_column
    region["endLine"] = max(start, end or start)
    if end_column and end_column >= 1 and start_column:
        region["endColumn"] = end_column
    if snippet:
        region["snippet"] = {"text": snippet}
    return region


def _physical(file: str, region: dict[str, Any] | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _artifact(file)}
    if region:
        physical["region"] = region
    return {"physicalLocation": physical}


def _sarif_code_flows(details: Mapping[str, Any]) -> list[dict[str, Any]]:
    """GitLab ``code_flows`` details -> SARIF ``codeFlows`` (one thread flow per flow; the
    node type is the thread flow location's ``kinds``)."""
    flows = []
    for entry in details.values():
        if not isinstance(entry, dict) or entry.get("type") != "code-flows":
            continue
        for flow in entry.get("items") or ():
            locations = []
            for node in flow if isinstance(flow, list) else ():
                where = node.get("file_location") if isinstance(node, dict) else None
                if not isinstance(where, dict) or not as_text(where.get("file_name")):
                    continue
                region = _region(
                    as_line(where.get("line_start")), as_line(where.get("line_end")),
                    as_line(where.get("column_start")), as_line(where.get("column_end")),
                )  # fmt: skip
                location: dict[str, Any] = {"location": _physical(where["file_name"], region)}
                if node.get("node_type") in _NODE_TYPES:
                    location["kinds"] = [node["node_type"]]
                locations.append(location)
            if locations:
                flows.append({"threadFlows": [{"locations": locations}]})
    return flows


def _message(vuln: Vulnerability) -> str:
    name, description = clip(vuln.name.strip(), NAME_MAX), vuln.description.strip()
    if description and description != name:
        text = f"{name}\n\n{description}" if name else description
    else:
        text = name
    return clip(text, DESCRIPTION_MAX) or vuln.primary_identifier.value


def _fingerprints(vuln: Vulnerability) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in vuln.tracking.items if vuln.tracking else ():
        for signature in item.signatures:
            key = FINGERPRINTS.get(signature.algorithm)
            if key and signature.value:
                found.setdefault(key, signature.value)
    return found


def _result(vuln: Vulnerability, rule_index: int, suppression: Suppression | None) -> dict[str, Any]:
    loc = vuln.location
    result: dict[str, Any] = {
        "ruleId": vuln.primary_identifier.value,
        "ruleIndex": rule_index,
        "level": LEVELS.get(vuln.severity, "note"),
        "message": {"text": _message(vuln)},
    }
    if loc.file:
        region = _region(loc.start_line, loc.end_line, loc.start_column, snippet=vuln.raw_source_code_extract)
        result["locations"] = [_physical(loc.file, region)]
    if fingerprints := _fingerprints(vuln):
        result["partialFingerprints"] = fingerprints
    if flows := _sarif_code_flows(vuln.details):
        result["codeFlows"] = flows
    if suppression is not None:
        result["suppressions"] = [{"kind": suppression.kind, "justification": suppression.justification}]
    result["properties"] = {
        _PROP_ID: vuln.id,
        _PROP_SEVERITY: vuln.severity.value,
        _PROP_IDENTIFIERS: [i.to_dict() for i in vuln.identifiers],
    }
    if loc.start_column is not None and loc.start_column < 1:  # no SARIF column (they start at 1)
        result["properties"][_PROP_COLUMN] = loc.start_column
    return result


def _rule(rule_id: str, vulns: Sequence[Vulnerability]) -> dict[str, Any]:
    first = vulns[0]
    severity = max((v.severity for v in vulns), key=lambda s: s.rank)
    cwes = sorted({int(i.value) for v in vulns for i in v.identifiers if i.type.lower() == "cwe" and i.value.isdigit()})
    urls = [link.url for link in first.links] + [i.url for i in first.identifiers if i.url]
    help_uri = next((u for u in map(_web_uri, urls) if u), None)
    name = clip(first.name.strip(), NAME_MAX) or rule_id
    rule: dict[str, Any] = {"id": rule_id}
    if name != rule_id:
        rule["name"] = name
    rule["shortDescription"] = {"text": name}
    rule["fullDescription"] = {"text": clip(first.description.strip() or name, DESCRIPTION_MAX)}
    if help_uri:
        rule["helpUri"] = help_uri
    if first.solution and first.solution.strip():
        rule["help"] = {"text": first.solution.strip()}
    rule["defaultConfiguration"] = {"level": LEVELS.get(severity, "note")}
    rule["properties"] = {
        "tags": ["security", *(f"external/cwe/cwe-{n}" for n in cwes)],
        "security-severity": SECURITY_SEVERITY.get(severity, "0.0"),
        _PROP_TYPE: first.primary_identifier.type,
    }
    return rule


def _driver(name: str, details: ToolDetails | None) -> dict[str, Any]:
    driver: dict[str, Any] = {"name": name}
    if details is not None:
        if details.version and details.version != "unknown":
            driver["version"] = details.version
        if uri := _web_uri(details.url):
            driver["informationUri"] = uri
        if details.vendor and details.vendor != "unknown":
            driver["organization"] = details.vendor
    return driver


def _invocation(scan: Scan) -> dict[str, Any]:
    return {
        "executionSuccessful": scan.status == "success",
        "startTimeUtc": format_time(scan.start_time) + "Z",
        "endTimeUtc": format_time(scan.end_time) + "Z",
    }


def _run(
    driver: dict[str, Any],
    rules: list[dict[str, Any]],
    results: list[dict[str, Any]],
    report: Report,
    converter: ToolDetails,
    source_root: str | None,
) -> dict[str, Any]:
    root: dict[str, Any] = {
        "description": {"text": "The root of the scanned project: every result's file is relative to it."}
    }
    if source_root:
        root = {"uri": Path(source_root).resolve().as_uri().rstrip("/") + "/", **root}
    return {
        "tool": {"driver": {**driver, "rules": rules}},
        "conversion": {"tool": {"driver": _driver(converter.name, converter)}},
        "invocations": [_invocation(report.scan)],
        "originalUriBaseIds": {SRCROOT: root},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }


def to_sarif(
    report: Report,
    suppressed: Sequence[Suppression] = (),
    *,
    tool_name: str | None = None,
    scanners: Mapping[str, ToolDetails] | None = None,
    source_root: str | Path | None = None,
) -> dict[str, Any]:
    """The SARIF 2.1.0 log of ``report``: one run per real scanner (sorted by scanner id), its
    rules sorted by id, its results in the report's order followed by the ``suppressed``
    findings (inline ignores) with their justification. Same report, same SARIF.

    ``scanners`` maps a scanner id to its details (version, URL, vendor) for ``tool.driver``;
    without an entry, a scanner's details come from ``report.scan.scanner`` when that names it,
    else only its name is written. ``tool_name`` names the tool that wrote the SARIF
    (``conversion.tool``; default: ``report.scan.analyzer``). ``source_root`` (an absolute
    directory) becomes the ``%SRCROOT%`` URI; without it the base is described, not located.
    A report without findings gives one run of ``report.scan.scanner`` with no results."""
    known = dict(scanners or {})
    converter = report.scan.analyzer if tool_name is None else replace(report.scan.analyzer, name=tool_name)
    root = str(source_root) if source_root else None
    findings: dict[str, list[tuple[Vulnerability, Suppression | None]]] = {}
    for vuln in report.vulnerabilities:
        findings.setdefault(vuln.scanner.id, []).append((vuln, None))
    for suppression in sorted(suppressed, key=lambda s: sort_key(s.vulnerability)):
        findings.setdefault(suppression.vulnerability.scanner.id, []).append((suppression.vulnerability, suppression))

    runs = []
    for scanner_id, items in sorted(findings.items()):
        details = known.get(scanner_id) or (report.scan.scanner if report.scan.scanner.id == scanner_id else None)
        by_rule: dict[str, list[Vulnerability]] = {}
        for vuln, _ in items:
            by_rule.setdefault(vuln.primary_identifier.value, []).append(vuln)
        rule_ids = sorted(by_rule)
        index = {rule_id: n for n, rule_id in enumerate(rule_ids)}
        driver = _driver(items[0][0].scanner.name or scanner_id, details)
        driver["properties"] = {_PROP_SCANNER: scanner_id}
        runs.append(
            _run(
                driver,
                [_rule(rule_id, by_rule[rule_id]) for rule_id in rule_ids],
                [_result(v, index[v.primary_identifier.value], s) for v, s in items],
                report,
                converter,
                root,
            )
        )
    if not runs:
        scanner = report.scan.scanner
        driver = _driver(scanner.name, scanner)
        driver["properties"] = {_PROP_SCANNER: scanner.id}
        runs.append(_run(driver, [], [], report, converter, root))
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": runs}
