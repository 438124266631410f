"""SARIF 2.1.0 in: :func:`from_sarif` and :func:`load_sarif`.

Any tool's SARIF 2.1.0 log becomes one GitLab report. The rule id is the primary identifier,
of type ``semgrep_id``/``bandit_test_id`` for those scanners (so imported findings match
secscan's own), else ``<tool name lowercased, non-alphanumerics as _>_id``. Severity comes
from ``gitlabSeverity``, else a ``security-severity`` property (a score in GitHub's bands, or a
severity name as semgrep writes), else the result's level, else its rule's default level
(error -> High, warning -> Medium, note -> Low, none -> Info; SARIF's default is warning).
Results that are no findings (``kind`` pass/notApplicable/informational), suppressed ones
(a suppression whose status is not ``rejected``), and those without a rule or a physical
location are left out and counted in ``scan.messages``.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..errors import ReportError
from ..identity import assign_ids
from ..io import read_report
from ..model import (
    DESCRIPTION_MAX,
    NAME_MAX,
    Identifier,
    Link,
    Location,
    Message,
    Report,
    ReportType,
    Scan,
    ScannerRef,
    Severity,
    Signature,
    ToolDetails,
    Tracking,
    TrackingItem,
    Vulnerability,
    clip,
    now,
    schema_url,
)
from ..parse import as_line, as_text, bad_input, listed, parse_time
from ..process import drop_exact_duplicates, sort_vulnerabilities, unique_identifiers
from .model import (
    _NODE_TYPES,
    _PROP_COLUMN,
    _PROP_IDENTIFIERS,
    _PROP_SCANNER,
    _PROP_SEVERITY,
    _PROP_TYPE,
    FINGERPRINTS,
    SARIF_VERSION,
    _web_uri,
)

#: SARIF level -> GitLab severity (import)
LEVEL_SEVERITY = {"error": Severity.HIGH, "warning": Severity.MEDIUM, "note": Severity.LOW, "none": Severity.INFO}
#: GitHub's ``security-severity`` bands, highest first (import)
_SCORE_BANDS = ((9.0, Severity.CRITICAL), (7.0, Severity.HIGH), (4.0, Severity.MEDIUM), (0.1, Severity.LOW))
_ALGORITHMS = {key: algorithm for algorithm, key in FINGERPRINTS.items()}
#: scanner id -> the primary identifier type secscan's own analyzer gives its rules
PRIMARY_TYPES = {"semgrep": "semgrep_id", "bandit": "bandit_test_id"}
#: tool names (as slugs) that are one scanner under another name
_ALIASES = {"semgrep_oss": "semgrep", "semgrep_pro": "semgrep", "semgrep_code": "semgrep"}
#: result kinds that are not findings (SARIF 3.27.9)
_NOT_FINDINGS = {"pass", "notApplicable", "informational"}
#: GitLab's code_flows detail holds at most this many flows
MAX_CODE_FLOWS = 10
#: secret detection findings need a commit; GitLab's analyzer writes this one outside git history
NO_COMMIT = "0000000"
_CWE = re.compile(r"^(?:external/cwe/)?cwe[-_: ]?\s*0*(\d+)\b", re.IGNORECASE)
_CWE_URL = re.compile(r"^https?://cwe\.mitre\.org/data/definitions/(\d+)\.html?$", re.IGNORECASE)
_OWASP = re.compile(r"^OWASP[-: ]\s*(A\d{1,2}:\d{4})(?:\s*-\s*(.+))?$", re.IGNORECASE)


@dataclass(frozen=True)
class SarifImport:
    """What :func:`from_sarif` made of a SARIF log: the report and how each result was used.

    ``results`` = ``converted`` + ``skipped_no_location`` + ``skipped_no_rule`` + ``suppressed``
    + ``not_findings`` + ``duplicates``."""

    report: Report
    results: int = 0
    converted: int = 0
    skipped_no_location: int = 0
    skipped_no_rule: int = 0
    suppressed: int = 0
    not_findings: int = 0
    duplicates: int = 0
    #: the messages ``report.scan.messages`` carries (what was left out and why)
    messages: tuple[Message, ...] = ()


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def _uri_path(uri: str) -> tuple[str | None, bool]:
    """(decoded path, is it absolute) of a URI reference; None for a non-file URL."""
    parts = urlsplit(uri)
    if parts.scheme.lower() == "file":
        return unquote(parts.path), True
    if len(parts.scheme) > 1:  # http: and the like are no project files (one letter: a drive)
        return None, False
    path = unquote(uri)
    return path, _is_absolute(path)


def _is_absolute(path: str) -> bool:
    return path.startswith("/") or bool(re.match(r"^[A-Za-z]:[/\\]", path))


def _positive(value: Any) -> int | None:
    line = as_line(value)
    return line if line and line >= 1 else None


def _region_lines(physical: dict[str, Any]) -> tuple[int | None, int | None, int | None, int | None]:
    region = _obj(physical.get("region"))
    start = _positive(region.get("startLine"))
    if start is None:
        return None, None, None, None
    end = _positive(region.get("endLine"))
    return start, max(start, end or start), _positive(region.get("startColumn")), _positive(region.get("endColumn"))


def _message_text(message: Any, rule: dict[str, Any]) -> str:
    message = _obj(message)
    text = as_text(message.get("text")) or as_text(message.get("markdown"))
    if not text and message.get("id"):
        template = _obj(_obj(rule.get("messageStrings")).get(message["id"]))
        text = as_text(template.get("text"))
    for n, argument in enumerate(listed(message.get("arguments"))):
        text = text.replace(f"{{{n}}}", as_text(argument))
    return text.strip()


def _severity_name(value: Any) -> Severity | None:
    """A ``security-severity`` value: a score in GitHub's bands, or a severity name."""
    text = as_text(value).strip()
    if not text:
        return None
    try:
        score = float(text)
    except ValueError:
        try:
            return Severity.parse(text)
        except ValueError:
            return None
    return next((severity for bound, severity in _SCORE_BANDS if score >= bound), Severity.INFO)


def _strings(value: Any) -> list[str]:
    return [as_text(v) for v in (value if isinstance(value, list) else [value]) if isinstance(v, (str, int))]


def _as_cwe(text: str) -> str:
    """``89`` or ``CWE-89``: a CWE reference either way."""
    return text if _CWE.match(text) else f"CWE-{text}"


def _taxonomy_identifiers(rule: dict[str, Any], result: dict[str, Any]) -> list[Identifier]:
    """CWE and OWASP identifiers from tags, ``cwe`` properties, CWE taxa and a CWE help URL."""
    found: list[Identifier] = []
    texts = []
    for holder in (rule, result):
        props = _obj(holder.get("properties"))
        texts += _strings(props.get("tags")) + [_as_cwe(c) for c in _strings(props.get("cwe"))]
    references = [_obj(r.get("target")) for r in listed(rule.get("relationships"))] + listed(result.get("taxa"))
    for ref in map(_obj, references):
        if as_text(_obj(ref.get("toolComponent")).get("name")).upper() == "CWE" and ref.get("id"):
            texts.append(_as_cwe(as_text(ref["id"])))
    for text in texts:
        if m := _CWE.match(text.strip()):
            found.append(Identifier.cwe(int(m.group(1))))
        elif m := _OWASP.match(text.strip()):
            title = (m.group(2) or "").strip()
            found.append(
                Identifier(type="owasp", name=f"{m.group(1)} - {title}" if title else m.group(1), value=m.group(1))
            )
    if m := _CWE_URL.match(as_text(rule.get("helpUri"))):
        found.append(Identifier.cwe(int(m.group(1))))
    return found


def _own_identifiers(value: Any) -> list[Identifier]:
    """The ``gitlabIdentifiers`` secscan wrote, if well-formed."""
    out = []
    for raw in listed(value):
        raw = _obj(raw)
        if not (as_text(raw.get("type")) and as_text(raw.get("value"))):
            return []
        url = as_text(raw.get("url"))
        out.append(Identifier(raw["type"], as_text(raw.get("name")) or raw["value"], raw["value"], url or None))
    return out


def _unique(identifiers: Iterable[Identifier]) -> tuple[Identifier, ...]:
    seen: dict[tuple[str, str], Identifier] = {}
    for ident in identifiers:
        seen.setdefault((ident.type, ident.value), ident)
    return tuple(seen.values())


class _Run:
    """One SARIF run being read: its tool, rules, and how its file URIs become project paths."""

    def __init__(self, run: dict[str, Any], where: str, source: str, project_root: str | None):
        driver = _obj(_obj(run.get("tool")).get("driver"))
        name = as_text(driver.get("name")).strip()
        if not name:
            raise ReportError(f"{source}: {where}.tool.driver.name is missing; a SARIF run must name its tool")
        self.run = run
        slug = _slug(name) or "sarif"
        self.scanner_id = as_text(_obj(driver.get("properties")).get(_PROP_SCANNER)) or _ALIASES.get(slug, slug)
        self.scanner = ScannerRef(id=self.scanner_id, name=name)
        version = next(
            (as_text(driver.get(k)) for k in ("version", "semanticVersion", "dottedQuadFileVersion") if driver.get(k)),
            "",
        )
        self.tool = ToolDetails(
            id=self.scanner_id,
            name=name,
            version=version or "unknown",
            vendor=as_text(driver.get("organization")) or name,
            url=_web_uri(as_text(driver.get("informationUri"))),
        )
        self.primary_type = PRIMARY_TYPES.get(self.scanner_id, f"{self.scanner_id.replace('-', '_')}_id")
        self.components = [driver] + [_obj(e) for e in listed(_obj(run.get("tool")).get("extensions"))]
        self.rules: dict[str, dict[str, Any]] = {}
        for component in self.components:
            for rule in map(_obj, listed(component.get("rules"))):
                if rule_id := as_text(rule.get("id")):
                    self.rules.setdefault(rule_id, rule)
        self.bases = _obj(run.get("originalUriBaseIds"))
        self.roots = [r.rstrip("/") for r in [project_root, *self._working_directories()] if r and r.rstrip("/")]

    def _working_directories(self) -> list[str]:
        found = []
        for invocation in map(_obj, listed(self.run.get("invocations"))):
            path, absolute = _uri_path(as_text(_obj(invocation.get("workingDirectory")).get("uri")))
            if path and absolute:
                found.append(path)
        return found

    def rule_of(self, result: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """The result's rule id and descriptor (``ruleId``, ``rule.id``, or by index)."""
        ref = _obj(result.get("rule"))
        rule_id = as_text(result.get("ruleId")) or as_text(ref.get("id"))
        index = as_line(result.get("ruleIndex"))
        index = index if index is not None else as_line(ref.get("index"))
        component = as_line(_obj(ref.get("toolComponent")).get("index"))
        descriptor: dict[str, Any] = {}
        if index is not None and index >= 0:
            rules = (
                listed(self.components[component + 1].get("rules"))
                if component is not None and 0 <= component < len(self.components) - 1
                else listed(self.components[0].get("rules"))
            )
            descriptor = _obj(rules[index]) if index < len(rules) else {}
        if not descriptor and rule_id:
            descriptor = self.rules.get(rule_id) or self.rules.get(rule_id.split("/", 1)[0], {})
        return rule_id or as_text(descriptor.get("id")), descriptor

    def path(self, artifact: dict[str, Any]) -> str | None:
        """A project-relative path for an ``artifactLocation`` (``file://``, ``uriBaseId`` and
        the project root or the run's working directory stripped)."""
        uri, base = as_text(artifact.get("uri")), as_text(artifact.get("uriBaseId"))
        index = as_line(artifact.get("index"))
        if not uri and index is not None and 0 <= index < len(listed(self.run.get("artifacts"))):
            location = _obj(_obj(self.run["artifacts"][index]).get("location"))
            uri, base = as_text(location.get("uri")), base or as_text(location.get("uriBaseId"))
        if not uri:
            return None
        path, absolute = _uri_path(uri)
        if path is None:
            return None
        relative = None if absolute else path
        for _ in range(8):  # resolve the chain of bases (a base may refer to another) up to an absolute one
            entry = _obj(self.bases.get(base)) if base and not absolute else {}
            prefix, prefix_absolute = (
                _uri_path(as_text(entry.get("uri"))) if as_text(entry.get("uri")) else (None, False)
            )
            if prefix is None:
                break
            path, absolute = posixpath.join(prefix, path), prefix_absolute
            if not absolute:
                relative = path
            base = as_text(entry.get("uriBaseId"))
        if absolute:
            for root in self.roots:
                if path.startswith(root + "/"):
                    return posixpath.normpath(path[len(root) + 1 :])
            if relative is None:
                return path
            path = relative
        path = posixpath.normpath(path)
        return None if path in (".", "") else path

    def file_location(self, location: Any) -> tuple[str, tuple[int | None, ...], dict[str, Any]] | None:
        physical = _obj(_obj(location).get("physicalLocation"))
        path = self.path(_obj(physical.get("artifactLocation")))
        return (path, _region_lines(physical), physical) if path else None


def _code_flows(result: dict[str, Any], run: _Run) -> dict[str, Any] | None:
    """SARIF ``codeFlows`` -> GitLab's ``code_flows`` detail: each thread flow one flow, its
    nodes typed by their ``kinds`` (source/sink/propagation), else first source, last sink."""
    flows = []
    for code_flow in map(_obj, listed(result.get("codeFlows"))):
        for thread in map(_obj, listed(code_flow.get("threadFlows"))):
            nodes = []
            for step in map(_obj, listed(thread.get("locations"))):
                found = run.file_location(step.get("location"))
                if found is None or found[1][0] is None:
                    continue
                path, (start, end, column_start, column_end), _ = found
                where: dict[str, Any] = {
                    "type": "file-location",
                    "file_name": path,
                    "line_start": start,
                    "line_end": end,
                }
                if column_start and column_end:
                    where.update(column_start=column_start, column_end=column_end)
                kinds = [k for k in _strings(step.get("kinds")) if k in _NODE_TYPES]
                nodes.append(
                    {"type": "code-flow-node", "node_type": kinds[0] if kinds else None, "file_location": where}
                )
            for n, node in enumerate(nodes):
                if node["node_type"] is None:
                    node["node_type"] = (
                        "source" if n == 0 and len(nodes) > 1 else "sink" if n == len(nodes) - 1 else "propagation"
                    )
            if nodes:
                flows.append(nodes)
    if not flows:
        return None
    return {"name": "Code flows", "type": "code-flows", "items": flows[:MAX_CODE_FLOWS]}


def _is_suppressed(result: dict[str, Any]) -> bool:
    return any(_obj(s).get("status") != "rejected" for s in listed(result.get("suppressions")))


def is_sarif(document: Any) -> bool:
    """Does this parsed JSON document look like a SARIF log (a ``runs`` list, no GitLab
    ``vulnerabilities``)?"""
    return isinstance(document, dict) and isinstance(document.get("runs"), list) and "vulnerabilities" not in document


def _parse_document(document: Any, source: str) -> dict[str, Any]:
    if isinstance(document, (bytes, str)):
        try:
            document = json.loads(document)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            where = (
                f" (line {exc.lineno}, column {exc.colno}: {exc.msg})" if isinstance(exc, json.JSONDecodeError) else ""
            )
            raise ReportError(f"{source}: not valid JSON{where}; a SARIF log is a UTF-8 JSON file") from None
    if isinstance(document, dict) and "vulnerabilities" in document and "runs" not in document:
        raise ReportError(f"{source}: a GitLab Secure report, not a SARIF log; read it as a report instead")
    if not isinstance(document, dict) or not isinstance(document.get("runs"), list) or "version" not in document:
        raise ReportError(
            f'{source}: not a SARIF log (expected a JSON object with "version": "2.1.0" and a "runs" list); '
            "export the scanner's results as SARIF 2.1.0"
        )
    if document["version"] != SARIF_VERSION:
        raise ReportError(
            f"{source}: SARIF version {document['version']!r} is not supported; secscan reads SARIF {SARIF_VERSION} "
            f"(upgrade it with `sarif-multitool rewrite {source} --sarif-output-version Current -o NEW.sarif`)"
        )
    return document


def _report_type(report_type: str, source: str) -> ReportType:
    allowed = (ReportType.SAST, ReportType.SECRET_DETECTION)
    try:
        kind = ReportType(report_type)
    except ValueError:
        kind = None
    if kind not in allowed:
        names = " or ".join(t.value for t in allowed)
        raise ReportError(f"{source}: SARIF can be read as a {names} report, not {report_type!r}; choose one of those")
    return kind


def _scan_tool(tools: list[ToolDetails]) -> ToolDetails:
    distinct = list({(t.id, t.name, t.version): t for t in tools}.values())
    if len(distinct) == 1:
        return distinct[0]
    names = ", ".join(sorted({t.name for t in distinct})) or "no run"
    return ToolDetails(
        id="sarif", name=clip(f"SARIF {SARIF_VERSION} log ({names})", NAME_MAX), version=SARIF_VERSION, vendor="SARIF"
    )


def _times(runs: list[dict[str, Any]]) -> tuple[datetime, datetime]:
    invocations = [_obj(i) for run in runs for i in listed(run.get("invocations"))]
    starts = [t for t in (parse_time(i.get("startTimeUtc")) for i in invocations) if t]
    ends = [t for t in (parse_time(i.get("endTimeUtc")) for i in invocations) if t]
    start, end = (min(starts) if starts else None), (max(ends) if ends else None)
    if start is None and end is None:
        start = end = now()
    start, end = start or end, end or start
    return start, max(start, end)


def from_sarif(
    document: Any,
    source: str,
    report_type: str = "sast",
    *,
    project_root: str | Path | None = None,
    level_severity: Mapping[str, Severity] | None = None,
) -> SarifImport:
    """One schema-valid GitLab report from a SARIF 2.1.0 log (a parsed dict, or its JSON text).

    Every run's results become findings whose ``scanner`` is that run's tool. File URIs are made
    project-relative: ``file://`` and ``uriBaseId`` resolved, then ``project_root`` (or a run's
    ``invocations[].workingDirectory``) stripped. ``report_type`` is ``sast`` or
    ``secret_detection`` (commit: the run's ``versionControlProvenance`` revision, else
    ``0000000``). ``level_severity`` maps SARIF levels (``error``, ``warning``, ``note``,
    ``none``) to severities for results that state no severity of their own, over the default
    (:data:`LEVEL_SEVERITY`). Raises :class:`ReportError` naming ``source`` and the fix when the
    input is not JSON, not SARIF, or not version 2.1.0."""
    levels = {**LEVEL_SEVERITY, **(level_severity or {})}
    doc = _parse_document(document, source)
    kind = _report_type(report_type, source)
    root = str(project_root) if project_root else None
    if root:
        root = _uri_path(root)[0] if root.startswith("file:") else os.path.abspath(root)
    vulns: list[Vulnerability] = []
    counts = dict.fromkeys(("results", "skipped_no_location", "skipped_no_rule", "suppressed", "not_findings"), 0)
    tools: list[ToolDetails] = []
    primary: list[Identifier] = []
    failed: list[str] = []
    for n, raw_run in enumerate(doc["runs"]):
        if not isinstance(raw_run, dict):
            raise ReportError(f"{source}: $.runs[{n}] is not an object; a SARIF run is a JSON object")
        with bad_input(f"{source}: $.runs[{n}]"):
            run = _Run(raw_run, f"$.runs[{n}]", source, root)
            tools.append(run.tool)
            if any(_obj(i).get("executionSuccessful") is False for i in listed(raw_run.get("invocations"))):
                failed.append(run.tool.name)
            for rule_id, rule in run.rules.items():
                rule_type = as_text(_obj(rule.get("properties")).get(_PROP_TYPE)) or run.primary_type
                primary.append(Identifier(rule_type, rule_id, rule_id))
            provenance = next(iter(listed(raw_run.get("versionControlProvenance"))), None)
            commit = as_text(_obj(provenance).get("revisionId"))
        for m, result in enumerate(listed(raw_run.get("results"))):
            if not isinstance(result, dict):
                raise ReportError(
                    f"{source}: $.runs[{n}].results[{m}] is not an object; a SARIF result is a JSON object"
                )
            counts["results"] += 1
            with bad_input(f"{source}: $.runs[{n}].results[{m}]"):
                outcome = _read_result(result, run, kind, commit or NO_COMMIT, levels)
            if isinstance(outcome, str):
                counts[outcome] += 1
            else:
                vulns.append(outcome)
    kept = drop_exact_duplicates(assign_ids(vulns, kind.value))
    counts["duplicates"] = len(vulns) - len(kept)
    absolute_paths = sum(1 for v in kept if _is_absolute(v.location.file))
    primary.extend(v.primary_identifier for v in kept)
    messages = _import_messages(source, {**counts, "absolute_paths": absolute_paths}, failed)
    start, end = _times(doc["runs"])
    tool = _scan_tool(tools)
    report = Report(
        scan=Scan(
            analyzer=tool,
            scanner=tool,
            type=kind,
            start_time=start,
            end_time=end,
            status="failure" if failed else "success",
            messages=messages,
            primary_identifiers=tuple(unique_identifiers(primary)),
        ),
        vulnerabilities=tuple(sort_vulnerabilities(kept)),
        schema=schema_url(kind.value),
    )
    return SarifImport(report=report, converted=len(kept), messages=messages, **counts)


def _read_result(
    result: dict[str, Any], run: _Run, kind: ReportType, commit: str, levels: Mapping[str, Severity]
) -> Vulnerability | str:
    """The finding a SARIF result gives, or the name of the count it adds to when it gives none."""
    if as_text(result.get("kind")) in _NOT_FINDINGS:
        return "not_findings"
    if _is_suppressed(result):
        return "suppressed"
    rule_id, rule = run.rule_of(result)
    if not rule_id:
        return "skipped_no_rule"
    found = next(filter(None, (run.file_location(loc) for loc in listed(result.get("locations")))), None)
    if found is None:
        return "skipped_no_location"
    return _vulnerability(result, rule_id, rule, run, found, kind, commit, levels)


def _vulnerability(
    result: dict[str, Any],
    rule_id: str,
    rule: dict[str, Any],
    run: _Run,
    found: tuple[str, tuple[int | None, ...], dict[str, Any]],
    kind: ReportType,
    commit: str,
    levels: Mapping[str, Severity],
) -> Vulnerability:
    path, (start, end, column, _), physical = found
    props, rule_props = _obj(result.get("properties")), _obj(rule.get("properties"))
    rule_type = as_text(rule_props.get(_PROP_TYPE)) or run.primary_type
    identifiers = _own_identifiers(props.get(_PROP_IDENTIFIERS)) or [
        Identifier(rule_type, rule_id, rule_id),
        *_taxonomy_identifiers(rule, result),
    ]
    name = as_text(_obj(rule.get("shortDescription")).get("text")).strip() or (
        as_text(rule.get("name")).strip() if rule.get("name") != rule_id else ""
    )
    message = _message_text(result.get("message"), rule)
    description = message.removeprefix(f"{name}\n\n") if name else message
    name = name or message.split("\n", 1)[0].split(". ", 1)[0].strip() or rule_id
    help_uri = _web_uri(as_text(rule.get("helpUri")))
    fingerprints = _obj(result.get("partialFingerprints"))
    signatures = tuple(
        Signature(_ALGORITHMS[k], as_text(v)) for k, v in fingerprints.items() if k in _ALGORITHMS and as_text(v)
    )
    location = Location(
        file=path,
        start_line=start,
        end_line=end,
        start_column=column if column is not None else as_line(props.get(_PROP_COLUMN)),
        extra={"commit": {"sha": commit}} if kind is ReportType.SECRET_DETECTION else {},
    )
    tracking = (
        Tracking(items=(TrackingItem(file=path, line_start=start or 0, line_end=end or 0, signatures=signatures),))
        if signatures
        else None
    )
    flows = _code_flows(result, run)
    snippet = as_text(_obj(_obj(physical.get("region")).get("snippet")).get("text"))
    return Vulnerability(
        identifiers=_unique(identifiers),
        location=location,
        scanner=run.scanner,
        name=clip(name, NAME_MAX),
        description=clip(description, DESCRIPTION_MAX),
        severity=_severity(result, rule, props, rule_props, levels),
        links=(Link(url=help_uri),) if help_uri else (),
        tracking=tracking,
        raw_source_code_extract=snippet.rstrip("\n") or None,
        category=kind.value,
        details={"code_flows": flows} if flows else {},
    )


def _severity(
    result: dict[str, Any],
    rule: dict[str, Any],
    props: dict[str, Any],
    rule_props: dict[str, Any],
    levels: Mapping[str, Severity],
) -> Severity:
    try:
        return Severity.parse(as_text(props[_PROP_SEVERITY]))
    except (KeyError, ValueError):
        pass
    for value in (props.get("security-severity"), rule_props.get("security-severity")):
        if (severity := _severity_name(value)) is not None:
            return severity
    level = as_text(result.get("level")) or as_text(_obj(rule.get("defaultConfiguration")).get("level")) or "warning"
    return levels.get(level, Severity.MEDIUM)


#: counts that leave results out of the report -> (message level, what the message says)
_LEFT_OUT = {
    "skipped_no_location": ("warn", "SARIF result(s) without a file location were left out (a finding needs a file)"),
    "skipped_no_rule": (
        "warn",
        "SARIF result(s) without a rule id were left out (the rule is a finding's primary identifier)",
    ),
    "suppressed": ("info", "suppressed SARIF result(s) were left out"),
    "not_findings": (
        "info",
        "SARIF result(s) of kind pass, notApplicable or informational are no findings and were left out",
    ),
    "duplicates": ("info", "SARIF result(s) repeating another (same rule, same place) were left out"),
    "absolute_paths": (
        "warn",
        "finding(s) keep an absolute path outside the project; pass the project root to make them relative",
    ),
}


def _import_messages(source: str, counts: Mapping[str, int], failed: list[str]) -> tuple[Message, ...]:
    messages = [Message("fatal", f"{source}: {name} reported that its run did not complete") for name in failed]
    for key, (level, text) in _LEFT_OUT.items():
        if counts.get(key):
            messages.append(Message(level, f"{source}: {counts[key]} {text}"))
    return tuple(messages)


def load_sarif(path: str | Path, report_type: str = "sast", *, project_root: str | Path | None = None) -> SarifImport:
    """Read the SARIF file at ``path`` and convert it with :func:`from_sarif` (errors name the file)."""
    return from_sarif(read_report(Path(path)), str(path), report_type, project_root=project_root)
