"""The Secure report model: frozen dataclasses that serialise to GitLab's report format (15.2.1)."""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

SCHEMA_VERSION = "15.2.1"
_SCHEMA_BASE = f"https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v{SCHEMA_VERSION}/dist/"
SCHEMA_URL = _SCHEMA_BASE + "sast-report-format.json"


def schema_url(report_type: str) -> str:
    """The URL of GitLab's schema file for ``report_type`` (API fuzzing uses the DAST schema)."""
    name = {"api_fuzzing": "dast"}.get(report_type, report_type).replace("_", "-")
    return f"{_SCHEMA_BASE}{name}-report-format.json"


TIME_FORMAT = "%Y-%m-%dT%H:%M:%S"
NAME_MAX = 255
DESCRIPTION_MAX = 1024 * 1024
SOLUTION_MAX = 7000


class Severity(str, enum.Enum):
    """GitLab's severity levels; ``rank`` orders them from least to most severe."""

    INFO = "Info"
    UNKNOWN = "Unknown"
    LOW = "Low"
    MEDIUM = "Medium"
    HIGH = "High"
    CRITICAL = "Critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Case-insensitive lookup; raises ValueError naming the allowed values."""
        member = _SEVERITY_BY_NAME.get(str(value).strip().lower())
        if member is not None:
            return member
        allowed = ", ".join(m.value for m in cls)
        raise ValueError(f"unknown severity {value!r} (allowed: {allowed})")


_SEVERITY_RANK = {
    Severity.INFO: 0,
    Severity.UNKNOWN: 1,
    Severity.LOW: 2,
    Severity.MEDIUM: 3,
    Severity.HIGH: 4,
    Severity.CRITICAL: 5,
}


_SEVERITY_BY_NAME = {member.value.lower(): member for member in Severity}


class ReportType(str, enum.Enum):
    """The report types of GitLab Secure (``scan.type``); each has its own schema."""

    SAST = "sast"
    SECRET_DETECTION = "secret_detection"
    DEPENDENCY_SCANNING = "dependency_scanning"
    CONTAINER_SCANNING = "container_scanning"
    DAST = "dast"
    API_FUZZING = "api_fuzzing"
    COVERAGE_FUZZING = "coverage_fuzzing"


def _drop_empty(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


@dataclass(frozen=True, slots=True)
class Vendor:
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name}


@dataclass(frozen=True, slots=True)
class ToolDetails:
    """The ``scan.analyzer`` or ``scan.scanner`` object."""

    id: str
    name: str
    version: str
    vendor: str
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _drop_empty(
            {
                "id": self.id,
                "name": self.name,
                "url": self.url,
                "vendor": {"name": self.vendor},
                "version": self.version,
            }
        )


@dataclass(frozen=True, slots=True)
class Identifier:
    """A rule or weakness a finding is an instance of (``type``, ``name``, ``value``, optional ``url``).
    The first identifier of a finding is its primary identifier: the rule's own id, never a CWE."""

    type: str
    name: str
    value: str
    url: str | None = None

    @classmethod
    def cwe(cls, number: int | str) -> Identifier:
        n = str(number).upper().removeprefix("CWE-").strip()
        return cls(
            type="cwe",
            name=f"CWE-{n}",
            value=n,
            url=f"https://cwe.mitre.org/data/definitions/{n}.html",
        )

    @property
    def is_cwe_or_wasc(self) -> bool:
        return self.type.lower() in ("cwe", "wasc")

    def to_dict(self) -> dict[str, Any]:
        return _drop_empty({"type": self.type, "name": self.name, "value": self.value, "url": self.url})


@dataclass(frozen=True, slots=True)
class Link:
    """A reference URL of a finding, with an optional name."""

    url: str
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _drop_empty({"name": self.name, "url": self.url})


@dataclass(frozen=True, slots=True)
class Location:
    """A location. SAST fields are typed; the other report types' fields (``dependency``,
    ``image``, ``commit``, ``hostname``, ...) are kept as they were read in ``extra``.
    Columns are not part of GitLab's format; they only refine the report id."""

    file: str = ""
    start_line: int | None = None
    end_line: int | None = None
    class_name: str | None = None
    method: str | None = None
    start_column: int | None = None  # 1-based, as in SARIF and semgrep
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return _drop_empty(
            {
                "file": self.file,
                "start_line": self.start_line,
                "end_line": self.end_line,
                "class": self.class_name,
                "method": self.method,
                **self.extra,
            }
        )


@dataclass(frozen=True, slots=True)
class Signature:
    """A tracking signature: ``algorithm`` (``scope_offset``, ``location``, ``hash``) and its ``value``."""

    algorithm: str
    value: str

    def to_dict(self) -> dict[str, Any]:
        return {"algorithm": self.algorithm, "value": self.value}


@dataclass(frozen=True, slots=True)
class TrackingItem:
    """Where a finding's tracking signatures were computed (file and lines) and the signatures."""

    file: str
    line_start: int
    line_end: int
    signatures: tuple[Signature, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line_start": self.line_start,
            "line_end": self.line_end,
            "signatures": [s.to_dict() for s in self.signatures],
        }


@dataclass(frozen=True, slots=True)
class Tracking:
    """A finding's tracking data (``type`` ``source``): one item per place, most precise first."""

    items: tuple[TrackingItem, ...]
    type: str = "source"

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "items": [i.to_dict() for i in self.items]}


@dataclass(frozen=True, slots=True)
class Flag:
    """A flag a tool set on a finding (e.g. ``flagged-as-likely-false-positive``), with its origin."""

    origin: str
    description: str
    type: str = "flagged-as-likely-false-positive"

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "origin": self.origin, "description": self.description}


@dataclass(frozen=True, slots=True)
class ScannerRef:
    """The per-vulnerability ``scanner`` field: which real scanner found it."""

    id: str
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}


@dataclass(frozen=True, slots=True)
class Vulnerability:
    """One finding. ``id`` is filled by :func:`secscan.report.identity.assign_ids`."""

    identifiers: tuple[Identifier, ...]
    location: Location
    scanner: ScannerRef
    name: str = ""
    description: str = ""
    severity: Severity = Severity.UNKNOWN
    confidence: str | None = None
    solution: str | None = None
    links: tuple[Link, ...] = ()
    tracking: Tracking | None = None
    flags: tuple[Flag, ...] = ()
    raw_source_code_extract: str | None = None
    category: str = "sast"
    id: str = ""
    #: GitLab ``details`` (named fields: code flows, provenance, ...), JSON-ready
    details: Mapping[str, Any] = field(default_factory=dict, compare=False)
    #: fields of a report secscan read that the model does not type (``cve``, ``evidence``, ...),
    #: written back unchanged
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def primary_identifier(self) -> Identifier:
        return self.identifiers[0]

    @property
    def cwes(self) -> frozenset[int]:
        """The CWE numbers among the identifiers."""
        return frozenset(int(i.value) for i in self.identifiers if i.type == "cwe" and i.value.isdigit())

    def with_(self, **changes: Any) -> Vulnerability:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "category": self.category,
            "name": clip(self.name, NAME_MAX),
            "description": clip(self.description, DESCRIPTION_MAX),
            "severity": self.severity.value,
            "confidence": self.confidence,
            "solution": clip(self.solution or "", SOLUTION_MAX),
            "scanner": self.scanner.to_dict(),
            "location": self.location.to_dict(),
            "identifiers": [i.to_dict() for i in self.identifiers],
            "links": [link.to_dict() for link in self.links],
            "tracking": self.tracking.to_dict() if self.tracking else None,
            "flags": [f.to_dict() for f in self.flags],
            "raw_source_code_extract": self.raw_source_code_extract,
            "details": dict(self.details),
        }
        return {**self.extra, **_drop_empty(d)}


@dataclass(frozen=True, slots=True)
class Suppression:
    """A finding an inline ignore comment silenced: left out of the GitLab report, listed with
    its justification in SARIF output (``suppressions``)."""

    vulnerability: Vulnerability
    justification: str
    kind: str = "inSource"  # SARIF suppression kind


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, the last one an ellipsis when it was cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class Message:
    """A ``scan.messages`` entry: ``level`` (``info``, ``warn``, ``fatal``) and the text."""

    level: str  # info | warn | fatal
    value: str
    #: the project-relative file the message is about (kept by the result cache; not written)
    file: str | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "value": self.value}


@dataclass(frozen=True, slots=True)
class Scan:
    """A report's ``scan`` object: analyzer, scanner, type, times, status, messages and the primary
    identifiers of the rules that ran."""

    analyzer: ToolDetails
    scanner: ToolDetails
    type: ReportType
    start_time: datetime
    end_time: datetime
    status: str = "success"  # success | failure
    messages: tuple[Message, ...] = ()
    primary_identifiers: tuple[Identifier, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "analyzer": self.analyzer.to_dict(),
            "scanner": self.scanner.to_dict(),
            "type": self.type.value,
            "start_time": format_time(self.start_time),
            "end_time": format_time(self.end_time),
            "status": self.status,
        }
        if self.messages:
            d["messages"] = [m.to_dict() for m in self.messages]
        if self.primary_identifiers:
            d["primary_identifiers"] = [i.to_dict() for i in self.primary_identifiers]
        return d


@dataclass(frozen=True, slots=True)
class Report:
    """A GitLab Secure report: its ``scan``, its findings (``vulnerabilities``), the schema version
    and any other top-level fields (``extra``, kept as read)."""

    scan: Scan
    vulnerabilities: tuple[Vulnerability, ...]
    version: str = SCHEMA_VERSION
    schema: str = SCHEMA_URL
    #: top-level fields of a report secscan read that the model does not type
    #: (``remediations``, ``dependency_files``, ...), written back unchanged
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "schema": self.schema,
            "scan": self.scan.to_dict(),
            "vulnerabilities": [v.to_dict() for v in self.vulnerabilities],
            "remediations": [],
            **self.extra,
        }


def format_time(moment: datetime) -> str:
    """UTC ``YYYY-MM-DDTHH:MM:SS``: no zone suffix, no fraction (GitLab's pattern)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime(TIME_FORMAT)


def now() -> datetime:
    """The current UTC time, or ``SOURCE_DATE_EPOCH`` when set (reproducible reports)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(UTC).replace(microsecond=0)
