"""Reading any GitLab Secure report (14.x and 15.x, every report type) into the report model.

Parsing is lenient where GitLab is (unknown fields are kept, an unknown severity is ``Unknown``,
a 14.x report without ``scan.analyzer`` names its scanner as analyzer) and strict where the data
would be unusable: every vulnerability needs at least one identifier with a type and a value, and
a location object. Errors name the JSON path.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import ReportError
from .io import read_report
from .model import (
    TIME_FORMAT,
    Flag,
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
    now,
)

_VULN_FIELDS = {
    "id", "category", "name", "description", "severity", "confidence", "solution", "scanner",
    "location", "identifiers", "links", "tracking", "flags", "raw_source_code_extract", "details",
}  # fmt: skip
_LOCATION_FIELDS = {"file", "start_line", "end_line", "class", "method"}
_REPORT_FIELDS = {"version", "schema", "scan", "vulnerabilities"}


def load_report(path: Path | str) -> Report:
    """Read and parse the report file at ``path`` (errors name the file)."""
    return report_from_dict(read_report(Path(path)), str(path))


def report_from_dict(document: Any, source: str = "report", assumed_type: str | None = None) -> Report:
    """Parse a report document; :class:`ReportError` naming ``source`` and the JSON path if unusable.

    ``assumed_type`` is the report type of an old report with neither ``scan`` nor ``category``."""
    if not isinstance(document, dict):
        raise ReportError(f"{source}: not a Secure report (expected a JSON object at the top level)")
    vulns_raw = document.get("vulnerabilities")
    if not isinstance(vulns_raw, list):
        raise ReportError(f"{source}: $.vulnerabilities is missing or not a list")
    return report_from_parts(document, lambda: vulns_raw, source, assumed_type)


def report_from_parts(
    head: dict[str, Any],
    findings: Callable[[], Iterable[Any]],
    source: str = "report",
    assumed_type: str | None = None,
) -> Report:
    """Parse a report given as its top-level fields (``head``; its ``vulnerabilities`` is not
    read) and ``findings()``, which yields the raw findings in order: a report read a finding at a
    time is never all in memory as JSON objects. ``findings`` is called once, or twice for an old
    report without ``scan`` (whose findings' categories name its type)."""
    scan_raw = head.get("scan")
    if not isinstance(scan_raw, dict):
        # reports before 14.x have no scan object: the findings' category names the type
        listed = [v for v in findings() if isinstance(v, dict)]
        scan_raw = {"type": _type_from_categories(listed, source, assumed_type)}
        scanners = {json.dumps(v.get("scanner"), sort_keys=True) for v in listed}
        if len(scanners) == 1:
            scan_raw["scanner"] = json.loads(scanners.pop())
        del listed
    scan = scan_from_dict(scan_raw, source)
    parse = FindingParser(scan, source)
    return report_from_head(head, scan, tuple(parse(item, n) for n, item in enumerate(findings())))


def scan_from_dict(raw: dict[str, Any], source: str = "report") -> Scan:
    """A report's ``scan`` object; :class:`ReportError` when its ``type`` is not a report type."""
    return _scan(raw, _report_type(raw.get("type"), source))


def report_from_head(head: dict[str, Any], scan: Scan, vulns: tuple[Vulnerability, ...]) -> Report:
    """The report made of its top-level fields, its parsed ``scan`` and its parsed findings."""
    extra = {k: v for k, v in head.items() if k not in _REPORT_FIELDS}
    if extra.get("remediations") == []:
        del extra["remediations"]
    return Report(
        scan=scan,
        vulnerabilities=vulns,
        version=str(head.get("version") or ""),
        schema=str(head.get("schema") or ""),
        extra=extra,
    )


class FindingParser:
    """Parses the findings of one report, one at a time, in the context of its scan: a finding
    that names no category has the scan's type, one that names no scanner was found by the
    scan's. Findings of one rule repeat its identifiers: each is built once."""

    def __init__(self, scan: Scan, source: str = "report"):
        self.context = self.context_of(scan)
        self._source = source
        self._shared: dict[Any, Identifier | None] = {}

    @staticmethod
    def context_of(scan: Scan) -> tuple[str, ScannerRef]:
        """What parsing a finding takes from its scan: the report type and the scanner."""
        return scan.type.value, ScannerRef(id=scan.scanner.id, name=scan.scanner.name)

    def __call__(self, raw: Any, n: int) -> Vulnerability:
        report_type, scanner = self.context
        return vulnerability_from_dict(
            raw, f"{self._source}: $.vulnerabilities[{n}]", report_type, scanner, self._shared
        )


def _type_from_categories(vulns: list[Any], source: str, assumed_type: str | None) -> str:
    categories = {v.get("category") for v in vulns if isinstance(v, dict)} - {None}
    if len(categories) == 1 and (category := categories.pop()) in {t.value for t in ReportType}:
        return category
    if assumed_type and not categories:
        return assumed_type
    raise ReportError(
        f"{source}: $.scan is missing and the findings' categories do not name one report type; "
        "a Secure report needs a scan object with its type (or give the type, e.g. --type secret_detection)"
    )


def _report_type(value: Any, source: str) -> ReportType:
    try:
        return ReportType(value)
    except ValueError:
        known = ", ".join(t.value for t in ReportType)
        raise ReportError(f"{source}: $.scan.type {value!r} is not a report type ({known})") from None


def as_text(value: Any) -> str:
    """A JSON value as text: strings unchanged, ``None`` empty, anything else ``str()``."""
    return value if isinstance(value, str) else ("" if value is None else str(value))


def as_line(value: Any) -> int | None:
    """A JSON value as a line number: integers (not booleans), else ``None``."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _tool(raw: Any, fallback: ToolDetails | None = None) -> ToolDetails:
    if not isinstance(raw, dict):
        return fallback or ToolDetails(id="unknown", name="unknown", version="unknown", vendor="unknown")
    vendor = raw.get("vendor")
    return ToolDetails(
        id=as_text(raw.get("id")) or "unknown",
        name=as_text(raw.get("name")) or as_text(raw.get("id")) or "unknown",
        version=as_text(raw.get("version")) or "unknown",
        vendor=as_text(vendor.get("name")) if isinstance(vendor, dict) else "unknown",
        url=as_text(raw.get("url")) or None,
    )


def parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value[:19], TIME_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def _scan(raw: dict[str, Any], report_type: ReportType) -> Scan:
    scanner = _tool(raw.get("scanner"))
    messages = tuple(
        Message(as_text(m.get("level")) or "info", as_text(m.get("value")))
        for m in raw.get("messages") or ()
        if isinstance(m, dict)
    )
    primary = tuple(i for i in (_identifier(x) for x in raw.get("primary_identifiers") or ()) if i is not None)
    return Scan(
        analyzer=_tool(raw.get("analyzer"), scanner),
        scanner=scanner,
        type=report_type,
        start_time=parse_time(raw.get("start_time")) or now(),
        end_time=parse_time(raw.get("end_time")) or now(),
        status=raw.get("status") if raw.get("status") in ("success", "failure") else "success",
        messages=messages,
        primary_identifiers=primary,
    )


def _identifier(raw: Any) -> Identifier | None:
    if not isinstance(raw, dict):
        return None
    kind, value = as_text(raw.get("type")), as_text(raw.get("value"))
    if not kind or not value:
        return None
    return Identifier(
        type=kind, name=as_text(raw.get("name")) or value, value=value, url=as_text(raw.get("url")) or None
    )


_TEXT_OR_NONE = frozenset((str, type(None)))


def _shared_identifier(raw: Any, shared: dict[Any, Identifier | None] | None) -> Identifier | None:
    if shared is None or not isinstance(raw, dict):
        return _identifier(raw)
    key = (raw.get("type"), raw.get("name"), raw.get("value"), raw.get("url"))
    if not _TEXT_OR_NONE.issuperset(map(type, key)):  # 1, 1.0 and True are equal keys
        return _identifier(raw)
    if key not in shared:
        shared[key] = _identifier(raw)
    return shared[key]


def _location(raw: dict[str, Any]) -> Location:
    return Location(
        file=as_text(raw.get("file")),
        start_line=as_line(raw.get("start_line")),
        end_line=as_line(raw.get("end_line")),
        class_name=as_text(raw.get("class")) or None,
        method=as_text(raw.get("method")) or None,
        extra={k: v for k, v in raw.items() if k not in _LOCATION_FIELDS},
    )


def _tracking(raw: Any) -> Tracking | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("items"), list):
        return None
    items = []
    for item in raw["items"]:
        if not isinstance(item, dict):
            continue
        signatures = []
        for sig in item.get("signatures") or ():
            if isinstance(sig, dict) and (algorithm := sig.get("algorithm")) and (value := sig.get("value")):
                signatures.append(Signature(as_text(algorithm), as_text(value)))
        items.append(
            TrackingItem(
                file=as_text(item.get("file")),
                line_start=as_line(item.get("line_start")) or 0,
                line_end=as_line(item.get("line_end")) or 0,
                signatures=tuple(signatures),
            )
        )
    return Tracking(items=tuple(items), type=as_text(raw.get("type")) or "source") if items else None


def _severity(value: Any) -> Severity:
    try:
        return Severity.parse(as_text(value))
    except ValueError:
        return Severity.UNKNOWN


def vulnerability_from_dict(
    raw: Any,
    where: str,
    report_type: str = "sast",
    scanner: ScannerRef | None = None,
    shared: dict[Any, Identifier | None] | None = None,
) -> Vulnerability:
    """One finding; ``scanner`` stands in when it names none (default: ``unknown``). ``shared``
    caches identifiers across the findings of one report (they are immutable)."""
    if not isinstance(raw, dict):
        raise ReportError(f"{where}: not an object")
    identifiers = tuple(filter(None, (_shared_identifier(x, shared) for x in raw.get("identifiers") or ())))
    if not identifiers:
        raise ReportError(f"{where}.identifiers: needs at least one identifier with a type and a value")
    location = raw.get("location")
    if not isinstance(location, dict):
        raise ReportError(f"{where}.location: missing or not an object")
    own = raw.get("scanner") if isinstance(raw.get("scanner"), dict) else {}
    if own.get("id") or scanner is None:
        scanner = ScannerRef(id=as_text(own.get("id")) or "unknown", name=as_text(own.get("name")) or "unknown")
    links = raw.get("links")
    if links:
        links = tuple(
            Link(url=as_text(link.get("url")), name=as_text(link.get("name")) or None)
            for link in links
            if isinstance(link, dict) and link.get("url")
        )
    flags = raw.get("flags")
    if flags:
        flags = tuple(
            Flag(
                origin=as_text(f.get("origin")), description=as_text(f.get("description")), type=as_text(f.get("type"))
            )
            for f in flags
            if isinstance(f, dict) and f.get("type")
        )
    return Vulnerability(
        identifiers=identifiers,
        location=_location(location),
        scanner=scanner,
        # 14.x reports carry the title in ``message``
        name=as_text(raw.get("name")) or as_text(raw.get("message")),
        description=as_text(raw.get("description")),
        severity=_severity(raw.get("severity")),
        confidence=as_text(raw.get("confidence")) or None,
        solution=as_text(raw.get("solution")) or None,
        links=links or (),
        tracking=_tracking(raw.get("tracking")),
        flags=flags or (),
        raw_source_code_extract=as_text(raw.get("raw_source_code_extract")) or None,
        category=as_text(raw.get("category")) or report_type,
        id=as_text(raw.get("id")),
        details=raw["details"] if isinstance(raw.get("details"), dict) else {},
        extra={k: v for k, v in raw.items() if k not in _VULN_FIELDS and k != "message"},
    )
