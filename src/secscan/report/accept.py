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
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import ReportError
from .io import decode_json, decode_text, last_value_of, paused_gc, read_bytes, split_report
from .model import Report, Scan, Vulnerability
from .parse import FindingParser, report_from_dict, report_from_head, report_from_parts, scan_from_dict
from .sarif import from_sarif, is_sarif
from .schema import is_valid, is_valid_finding, report_type_of, validate, validate_finding

SUPPORTED_MAJOR = 15
#: schema errors quoted in one message
_QUOTED = 3
#: characters quoted of each (an error can quote a whole finding back)
_QUOTE_CHARS = 200
#: invalid findings whose errors are listed (the others are counted)
_LISTED = 20


@dataclass(frozen=True)
class AcceptedReport:
    """A report ready to be stored or compared."""

    source: str
    report: Report
    digest: str  #: sha256 of the file's bytes
    format: str  #: "gitlab" or "sarif"
    warnings: tuple[str, ...] = ()
    #: a GitLab report's findings as the file wrote them (JSON text), parallel to ``report.vulnerabilities``
    raw: Sequence[str] = ()


class FindingTexts(Sequence[str]):
    """The JSON text of each finding, cut from the report's text when asked for (the text is held
    once, not once more in pieces)."""

    def __init__(self, text: str, spans: list[tuple[int, int]]):
        self._text, self._spans = text, spans

    def __len__(self) -> int:
        return len(self._spans)

    def __getitem__(self, n):  # type: ignore[override]
        if isinstance(n, slice):
            return [self[i] for i in range(*n.indices(len(self)))]
        start, end = self._spans[n]
        return self._text[start:end]


def _quote(errors: list) -> str:
    first = "; ".join(_clip(str(e)) for e in errors[:_QUOTED])
    return first + (f" (and {len(errors) - _QUOTED} more)" if len(errors) > _QUOTED else "")


def _clip(text: str) -> str:
    return text if len(text) <= _QUOTE_CHARS else text[: _QUOTE_CHARS - 1] + "…"


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
    digest = hashlib.sha256(raw).hexdigest()
    text = decode_text(raw, source)
    del raw
    early = _EarlyParse.of(text, source, report_type)
    split = split_report(text, early)
    if split is None:  # SARIF, or not a report: parse it whole to say which, or what is wrong
        document = decode_json(text, source)
        if is_sarif(document):
            imported = from_sarif(document, source, report_type or "sast")
            warnings = [f"{source}: {m.value}" for m in imported.report.scan.messages if m.level != "info"]
            return AcceptedReport(source, imported.report, digest, "sarif", tuple(warnings))
        if not isinstance(document, dict) or "vulnerabilities" not in document:
            raise ReportError(f"{source}: not a GitLab Secure report or SARIF log{_native_hint(document)}")
        report_from_dict(document, source, report_type)  # raises what makes it unusable
        raise ReportError(f"{source}: not a GitLab Secure report")  # pragma: no cover - split_report accepts the rest
    head, spans = split
    kind = _kind(head, report_type)
    texts = FindingTexts(text, spans)
    scan = early.confirm(head, kind, source) if early is not None else None
    if scan is not None:
        report, invalid = report_from_head(head, scan, tuple(early.parsed)), early.invalid
    else:
        if early is not None:
            early.parsed.clear()
        report, invalid = _parse_again(head, kind, texts, source, report_type)
    warnings = _schema_warnings(source, head, kind, invalid, texts, strict)
    warnings.extend(_location_warnings(report, source))
    return AcceptedReport(source, report, digest, "gitlab", tuple(warnings), texts)


class _EarlyParse:
    """Checks and parses each finding while :func:`split_report` decodes it to find its end, so
    a big report's findings are decoded once, not twice. Their context (the report type and the
    scan's scanner) is in the top-level ``scan`` object, which real reports write after the
    findings: it is guessed from the last ``"scan"`` key in the text, and the work is kept only
    when the guess turns out right (:meth:`confirm`); otherwise the findings are read again."""

    def __init__(self, scan: Scan, kind: str, source: str):
        self.kind = kind
        self.parse = FindingParser(scan, source)
        self.parsed: list[Vulnerability] = []
        self.invalid: list[int] = []
        self.failed = False

    @classmethod
    def of(cls, text: str, source: str, report_type: str | None) -> _EarlyParse | None:
        """``None`` when the text has no ``scan`` object to guess from."""
        raw = last_value_of(text, "scan")
        if not isinstance(raw, dict):
            return None
        try:
            scan = scan_from_dict(raw, source)
        except ReportError:
            return None
        return cls(scan, _kind({"scan": raw}, report_type), source)

    def __call__(self, n: int, finding: object) -> None:
        if self.failed:
            return
        try:
            self.parsed.append(self.parse(finding, n))
        except ReportError:  # raised again, in its place among the report's errors, when read again
            self.failed = True
            self.parsed.clear()
            return
        if not is_valid_finding(finding, self.kind):
            self.invalid.append(n)

    def confirm(self, head: dict, kind: str, source: str) -> Scan | None:
        """The report's scan when the findings were parsed in its context (the guess was right);
        ``None`` when they must be read again."""
        if self.failed or kind != self.kind or not isinstance(head.get("scan"), dict):
            return None
        try:
            scan = scan_from_dict(head["scan"], source)
        except ReportError:
            return None
        return scan if FindingParser.context_of(scan) == self.parse.context else None


def _kind(head: dict, report_type: str | None) -> str:
    """The report type whose schema checks the findings: ``scan.type``, else the one given, else sast."""
    return report_type_of(head) or report_type or "sast"


def _parse_again(
    head: dict, kind: str, texts: Sequence[str], source: str, report_type: str | None
) -> tuple[Report, list[int]]:
    """Parse the findings from their texts: each decoded in turn and checked against the schema."""
    invalid: list[int] = []

    def findings():
        invalid.clear()
        for n, finding_text in enumerate(texts):
            finding = json.loads(finding_text)
            if not is_valid_finding(finding, kind):
                invalid.append(n)
            yield finding

    return report_from_parts(head, findings, source, assumed_type=report_type), invalid


def _schema_warnings(
    source: str, head: dict, kind: str, invalid: list[int], texts: Sequence[str], strict: bool
) -> list[str]:
    """GitLab's rule: a 15.x report (or any with ``strict``) with a schema error is refused; an
    older or unknown version is accepted with a warning quoting its errors."""
    version = head.get("version")
    head_errors = (
        [] if is_valid({**head, "vulnerabilities": []}, kind) else validate({**head, "vulnerabilities": []}, kind)
    )
    if not head_errors and not invalid:
        if _major(version) != SUPPORTED_MAJOR:
            return [f"{source}: version {version or '(none)'} is deprecated; GitLab supports 15.x report schemas"]
        return []
    errors = head_errors + [e for n in invalid[:_LISTED] for e in validate_finding(json.loads(texts[n]), kind, n)]
    more = f" and {len(invalid) - _LISTED} more invalid findings" if len(invalid) > _LISTED else ""
    if strict or _major(version) == SUPPORTED_MAJOR:
        why = (
            "--strict refuses any schema error"
            if strict
            else f"version {version} is validated strictly, as GitLab does"
        )
        raise ReportError(
            f"{source}: fails the {kind} report schema ({why}): {_quote(errors)}{more}; "
            "fix the report or the tool that wrote it (`secscan report validate` lists every error)"
        )
    return [
        f"{source}: version {version or '(none)'} is not a supported 15.x schema version and the report has "
        f"{len(errors)} schema error(s){more} ({_quote(errors)}); ingested because its data is usable"
    ]


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
