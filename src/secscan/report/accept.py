"""Accepting other tools' report files the way GitLab does before it stores them.

GitLab validates a report whose ``version`` it supports against that version's schema and
refuses it on any error; a deprecated or unknown version is checked too, but ingested with
warnings when its data can be used. secscan supports the 15.x versions (validated against the
bundled 15.2.1 schemas, which are a superset of the earlier 15.x ones) and treats any other
version as deprecated. ``strict`` refuses on any schema error whatever the version.

SARIF 2.1.0 logs are accepted too: they are converted (:mod:`.sarif`), which yields a
schema-valid report by construction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .errors import ReportError
from .io import decode_json, paused_gc, read_bytes
from .model import Report
from .parse import report_from_dict
from .sarif import from_sarif, is_sarif
from .schema import is_valid, report_type_of, validate

SUPPORTED_MAJOR = 15
#: schema errors quoted in one message
_QUOTED = 3


@dataclass(frozen=True)
class AcceptedReport:
    """A report ready to be stored or compared."""

    source: str
    report: Report
    digest: str  #: sha256 of the file's bytes
    format: str  #: "gitlab" or "sarif"
    warnings: tuple[str, ...] = ()
    #: a GitLab report's findings as the file wrote them, parallel to ``report.vulnerabilities``
    raw: tuple[dict, ...] = ()


def _quote(errors: list) -> str:
    first = "; ".join(str(e) for e in errors[:_QUOTED])
    return first + (f" (and {len(errors) - _QUOTED} more)" if len(errors) > _QUOTED else "")


def _major(version: object) -> int | None:
    head = str(version or "").split(".", 1)[0]
    return int(head) if head.isdigit() else None


def _location_warnings(report: Report, source: str) -> list[str]:
    warnings = []
    for n, vuln in enumerate(report.vulnerabilities):
        file = vuln.location.file or ""
        if file.startswith(("/", "\\")) or (len(file) > 1 and file[1] == ":"):
            problem = "is an absolute path"
        elif ".." in file.replace("\\", "/").split("/"):
            problem = "leaves the project directory ('..')"
        else:
            continue
        warnings.append(
            f"{source}: $.vulnerabilities[{n}].location.file {file!r} {problem}; "
            "report paths should be relative to the project root (stored as given)"
        )
    return warnings


def accept_report(path: Path | str, *, strict: bool = False, report_type: str | None = None) -> AcceptedReport:
    """Read, check and parse a Secure report or SARIF log; :class:`ReportError` (one line naming
    the file, the JSON path and the fix) when it cannot be used.

    ``report_type`` is the type of a SARIF log's findings (default ``sast``) and of an old report
    that names none (no ``scan`` and no ``category``)."""
    with paused_gc():
        return _accept(str(path), strict, report_type)


def _accept(source: str, strict: bool, report_type: str | None) -> AcceptedReport:
    raw = read_bytes(Path(source))
    document = decode_json(raw, source)
    digest = hashlib.sha256(raw).hexdigest()
    del raw
    if is_sarif(document):
        imported = from_sarif(document, source, report_type or "sast")
        warnings = [f"{source}: {m.value}" for m in imported.report.scan.messages if m.level != "info"]
        return AcceptedReport(source, imported.report, digest, "sarif", tuple(warnings))
    if not isinstance(document, dict) or "vulnerabilities" not in document:
        hint = _native_hint(document)
        raise ReportError(f"{source}: not a GitLab Secure report or SARIF log{hint}")
    kind = report_type_of(document) or "sast"
    warnings: list[str] = []
    version = document.get("version")
    if not is_valid(document, kind):
        errors = validate(document, kind)
        major = _major(version)
        if strict or major == SUPPORTED_MAJOR:
            why = "--strict refuses any schema error" if strict else f"version {version} is validated strictly, as GitLab does"
            raise ReportError(
                f"{source}: fails the {kind} report schema ({why}): {_quote(errors)}; "
                "fix the report or the tool that wrote it (`secscan report validate` lists every error)"
            )
        warnings.append(
            f"{source}: version {version or '(none)'} is not a supported 15.x schema version and the report has "
            f"{len(errors)} schema error(s) ({_quote(errors)}); ingested because its data is usable"
        )
    elif _major(version) != SUPPORTED_MAJOR:
        warnings.append(f"{source}: version {version or '(none)'} is deprecated; GitLab supports 15.x report schemas")
    report = report_from_dict(document, source, assumed_type=report_type)
    warnings.extend(_location_warnings(report, source))
    return AcceptedReport(source, report, digest, "gitlab", tuple(warnings), tuple(document["vulnerabilities"]))


def _native_hint(document: object) -> str:
    """Name the likely cause when a scanner's own JSON output is given instead of a report."""
    if not isinstance(document, dict):
        return " (expected a JSON object)"
    results = document.get("results")
    first = results[0] if isinstance(results, list) and results and isinstance(results[0], dict) else {}
    if "check_id" in first or ("results" in document and "paths" in document):
        return " (this is semgrep's own JSON output: scan with `secscan sast`, or run semgrep with --sarif)"
    if "test_id" in first or "metrics" in document:
        return " (this is bandit's own JSON output: scan with `secscan sast`, or run bandit with -f sarif)"
    return " (it has no vulnerabilities list and no SARIF runs)"
