"""Accepting other tools' report files the way GitLab does before it stores them.

GitLab validates a report whose ``version`` it supports against that version's schema and
refuses it on any error; a deprecated or unknown version is checked too, but ingested with
warnings when its data can be used. secscan supports the 15.x versions (validated against the
bundled 15.2.1 schemas, which are a superset of the earlier 15.x ones) and treats any other
version as deprecated. ``strict`` refuses on any schema error whatever the version.

SARIF 2.1.0 logs are accepted too: they are converted (:mod:`.sarif`), which yields a
schema-valid report by construction.

This is the one reader of report files: every command that reads one (``report validate``,
``summary``, ``convert``, ``merge``, ``diff``, ``policy check``, ``vulns ingest``) reads it with
:func:`read_file` and :func:`document_format` (and, but for ``validate``, :func:`accept_report`),
so each recognises the same formats and refuses the same input the same way (:mod:`.jsontext`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import ReportError
from .io import ReportFile, paused_gc, read_file
from .jsontext import decode_json, last_value_of, split_report
from .model import Report, Scan, Vulnerability
from .parse import FindingParser, report_from_dict, report_from_head, report_from_parts, scan_from_dict
from .sarif import SarifImport, from_sarif, is_sarif
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
    #: how a SARIF log's results were used (``None`` for a GitLab report)
    sarif: SarifImport | None = None


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


_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


def path_problem(file: str) -> str | None:
    """What is wrong with a finding's file as a project-relative path (absolute, a URI, or
    leaving the project with ``..``), or ``None``: ingest, SARIF export and conversion all warn."""
    if file.startswith(("/", "\\")) or (len(file) > 1 and file[1] == ":" and file[0].isalpha()):
        return "is an absolute path"
    if _URI.match(file):
        return "is a URI, not a path"
    if ".." in file.replace("\\", "/").split("/"):
        return "leaves the project directory ('..')"
    return None


def path_warnings(vulns: Sequence[Vulnerability], source: str) -> list[str]:
    """A warning naming each finding whose file is not a project-relative path (:func:`path_problem`)."""
    return [
        f"{source}: $.vulnerabilities[{n}].location.file {vuln.location.file!r} {problem}; "
        "report paths should be relative to the project root (kept as given)"
        for n, vuln in enumerate(vulns)
        if (problem := path_problem(vuln.location.file or ""))
    ]


def document_format(document: object, source: str) -> str:
    """``"sarif"`` or ``"gitlab"``: the format of a parsed report file; :class:`ReportError`
    naming the likely cause (a scanner's own JSON output, say) when it is neither."""
    if is_sarif(document):
        return "sarif"
    if not isinstance(document, dict) or "vulnerabilities" not in document:
        raise ReportError(f"{source}: not a GitLab Secure report or SARIF log{_native_hint(document)}")
    return "gitlab"


def accept_report(
    path: Path | str,
    *,
    strict: bool = False,
    report_type: str | None = None,
    project_root: str | Path | None = None,
    lenient: bool = False,
) -> AcceptedReport:
    """Read, check and parse a Secure report or SARIF log; :class:`ReportError` (one line naming
    the file, the JSON path and the fix) when it cannot be used.

    ``report_type`` is the type of a SARIF log's findings (default ``sast``) and of a report
    that names none (no ``scan.type`` and no ``category``; without it the type is read from the
    findings' location shape, with a warning). ``project_root``: what absolute SARIF paths are
    made relative to. ``lenient`` reads a 15.x report with schema errors too, with a warning
    (commands that only read: ``report summary``, ``merge``, ``convert``)."""
    with paused_gc():
        try:
            return _accept(read_file(path), strict, report_type, project_root, lenient)
        except RecursionError:  # a structure nested deep enough to exhaust a checker's stack
            raise ReportError(f"{path}: nested too deeply to be a report") from None


def load_report(path: Path | str) -> Report:
    """The report in the file at ``path``, read as :func:`accept_report` reads it for commands
    that only read (``lenient``: a 15.x report with schema errors too); for ``--baseline`` files
    and programs that want the findings of a report or SARIF log without storing it."""
    return accept_report(path, lenient=True).report


def _accept(
    file: ReportFile, strict: bool, report_type: str | None, project_root: str | Path | None, lenient: bool
) -> AcceptedReport:
    source, text = file.source, file.text
    early = _EarlyParse.of(text, source, report_type)
    split = split_report(text, early, source)
    if split is None:  # SARIF, or not a report: parse it whole to say which, or what is wrong
        document = decode_json(text, source)
        if document_format(document, source) == "sarif":
            imported = from_sarif(document, source, report_type or "sast", project_root=project_root)
            warnings = [f"{source}: {m.value}" for m in imported.report.scan.messages if m.level != "info"]
            return AcceptedReport(
                source, imported.report, file.digest, "sarif", (*file.warnings, *warnings), sarif=imported
            )
        report_from_dict(document, source, report_type)  # raises what makes it unusable
        raise ReportError(f"{source}: not a GitLab Secure report")  # pragma: no cover - split_report accepts the rest
    head, spans = split
    texts = FindingTexts(text, spans)
    warnings = list(file.warnings)
    scan = early.confirm(head, _kind(head, report_type), source) if early is not None else None
    if scan is not None:
        report, invalid = report_from_head(head, scan, tuple(early.parsed)), early.invalid
    else:
        if early is not None:
            early.parsed.clear()
        report, invalid = _parse_again(head, texts, source, report_type, warnings)
    warnings.extend(_schema_warnings(source, head, report.scan.type.value, invalid, texts, strict, lenient))
    warnings.extend(path_warnings(report.vulnerabilities, source))
    return AcceptedReport(source, report, file.digest, "gitlab", tuple(warnings), texts)


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
    head: dict, texts: Sequence[str], source: str, report_type: str | None, warnings: list[str]
) -> tuple[Report, list[int]]:
    """Parse the findings from their texts (the report type found first when the report names
    none), then check each against its type's schema."""
    report = report_from_parts(head, lambda: map(json.loads, texts), source, report_type, warnings)
    kind = report.scan.type.value
    return report, [n for n, finding_text in enumerate(texts) if not is_valid_finding(json.loads(finding_text), kind)]


def _schema_warnings(
    source: str, head: dict, kind: str, invalid: list[int], texts: Sequence[str], strict: bool, lenient: bool
) -> list[str]:
    """GitLab's rule: a 15.x report (or any with ``strict``) with a schema error is refused; an
    older or unknown version (or any with ``lenient``) is accepted with a warning quoting its errors."""
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
    if strict or (_major(version) == SUPPORTED_MAJOR and not lenient):
        why = (
            "--strict refuses any schema error"
            if strict
            else f"version {version} is validated strictly, as GitLab does"
        )
        raise ReportError(
            f"{source}: fails the {kind} report schema ({why}): {_quote(errors)}{more}; "
            "fix the report or the tool that wrote it (`secscan report validate` lists every error)"
        )
    which = "" if _major(version) == SUPPORTED_MAJOR else " is not a supported 15.x schema version and the report"
    return [
        f"{source}: version {version or '(none)'}{which} has {len(errors)} schema error(s){more} "
        f"({_quote(errors)}); {'read' if lenient else 'ingested'} because its data is usable"
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
