"""Reading any GitLab Secure report (14.x and 15.x, every report type) into the report model.

Parsing is lenient where GitLab is (unknown fields are kept, an unknown severity is ``Unknown``,
a 14.x report without ``scan.analyzer`` names its scanner as analyzer) and strict where the data
would be unusable: every vulnerability needs at least one identifier with a type and a value, and
a location object. Errors name the JSON path.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from .errors import ReportError
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
    clip,
    now,
)

_VULN_FIELDS = {
    "id", "category", "name", "description", "severity", "confidence", "solution", "scanner",
    "location", "identifiers", "links", "tracking", "flags", "raw_source_code_extract", "details",
}  # fmt: skip
_LOCATION_FIELDS = {"file", "start_line", "end_line", "class", "method"}
_REPORT_FIELDS = {"version", "schema", "scan", "vulnerabilities"}


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
    warnings: list[str] | None = None,
) -> Report:
    """Parse a report given as its top-level fields (``head``; its ``vulnerabilities`` is not
    read) and ``findings()``, which yields the raw findings in order: a report read a finding at a
    time is never all in memory as JSON objects. ``findings`` is called once, or twice for a
    report whose ``scan.type`` is missing (:func:`infer_type` reads the findings for it); the
    warning saying how the type was found is appended to ``warnings``."""
    scan_raw = head.get("scan")
    if not isinstance(scan_raw, dict) or "type" not in scan_raw:
        raw_findings = [v for v in findings() if isinstance(v, dict)]
        kind, how = infer_type(raw_findings, source, assumed_type)
        if how and warnings is not None:
            warnings.append(how)
        if isinstance(scan_raw, dict):
            scan_raw = {**scan_raw, "type": kind}
        else:  # reports before 14.x have no scan object
            scan_raw = {"type": kind}
            scanners = {json.dumps(v.get("scanner"), sort_keys=True) for v in raw_findings}
            if len(scanners) == 1:
                scan_raw["scanner"] = json.loads(scanners.pop())
        del raw_findings
    scan = scan_from_dict(scan_raw, source)
    parse = FindingParser(scan, source)
    return report_from_head(head, scan, tuple(parse(item, n) for n, item in enumerate(findings())))


def _package_named(location: dict[str, Any]) -> bool:
    dependency = location.get("dependency")
    package = dependency.get("package") if isinstance(dependency, dict) else None
    return isinstance(package, dict) and bool(package.get("name"))


#: a location's keys that tell its report type, most specific first (GitLab's schemas); a
#: dependency counts when it names its package (old SAST reports wrote an empty one)
_SHAPES = (
    ("container_scanning", ("image", "operating_system", "dependency"), "image + operating_system + dependency"),
    ("dast", ("hostname",), "hostname"),
    ("dast", ("method", "path"), "method + path"),
    ("dependency_scanning", ("dependency", "file"), "dependency + file"),
    ("secret_detection", ("commit",), "commit"),
    ("coverage_fuzzing", ("crash_type",), "crash_type"),
    ("sast", ("file", "start_line"), "file + start_line"),
)


def location_shape(finding: Any) -> tuple[str, str] | None:
    """The report type a finding's location shape says (and the keys that say it), if any."""
    location = finding.get("location") if isinstance(finding, dict) else None
    if not isinstance(location, dict):
        return None
    return next(
        (
            (kind, why)
            for kind, keys, why in _SHAPES
            if all(k in location for k in keys) and ("dependency" not in keys or _package_named(location))
        ),
        None,
    )


def infer_type(findings: list[Any], source: str, assumed_type: str | None = None) -> tuple[str, str | None]:
    """The report type of a report without ``scan.type`` and a warning saying how it was found
    (``None`` when given): the findings' one ``category``, else ``assumed_type`` (``--type``), else
    the one type their locations' shape says. :class:`ReportError` suggesting ``--type`` otherwise."""
    categories = {c for v in findings if isinstance(c := v.get("category"), str)}
    if len(categories) == 1 and (category := categories.pop()) in {t.value for t in ReportType}:
        return category, None
    if assumed_type and not categories:
        return assumed_type, None
    shapes = [location_shape(v) for v in findings]
    kinds = sorted({s[0] for s in shapes if s}, key=lambda k: -sum(1 for s in shapes if s and s[0] == k))
    if len(kinds) == 1 and all(shapes) and not categories:
        reasons = ", ".join(sorted({s[1] for s in shapes if s}))
        return kinds[0], (
            f"{source}: $.scan.type is missing; read as a {kinds[0]} report because every finding's location "
            f"has {reasons} (give --type to choose another)"
        )
    known = "|".join(t.value for t in ReportType)
    if kinds:
        hint = f"the findings' locations look like {' and '.join(kinds)}; give the type, e.g. --type {kinds[0]}"
    elif categories:
        named = ", ".join(sorted(map(str, categories)))
        hint = f"the findings' categories name {named}; give the type with --type {{{known}}}"
    else:
        hint = f"nothing in the findings tells the type; give it with --type {{{known}}}"
    raise ReportError(f"{source}: $.scan.type is missing and {hint}")


def scan_from_dict(raw: dict[str, Any], source: str = "report") -> Scan:
    """A report's ``scan`` object; :class:`ReportError` when its ``type`` is not a report type."""
    with bad_input(f"{source}: $.scan"):
        return _scan(raw, report_type_named(raw.get("type"), source))


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
        where = f"{self._source}: $.vulnerabilities[{n}]"
        with bad_input(where):
            return vulnerability_from_dict(raw, where, report_type, scanner, self._shared)


def report_type_named(value: Any, source: str) -> ReportType:
    """The report type ``value`` names; :class:`ReportError` naming ``source`` and the known types otherwise."""
    try:
        return ReportType(value)
    except ValueError:
        known = ", ".join(t.value for t in ReportType)
        raise ReportError(f"{source}: $.scan.type {clip(repr(value), 100)} is not a report type ({known})") from None


def as_text(value: Any) -> str:
    """A JSON value as text: strings unchanged, ``None`` empty, anything else ``str()``."""
    return value if isinstance(value, str) else ("" if value is None else str(value))


#: the largest line number (or column) a report may give: the database stores 32-bit integers
MAX_LINE = 2**31 - 1


def as_line(value: Any, where: str | None = None) -> int | None:
    """A JSON value as a line number: integers (not booleans), else ``None``. Out of range, a
    :class:`ReportError` naming ``where`` (a JSON path), or without it an :class:`OverflowError`
    for :func:`bad_input` to name."""
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    if -MAX_LINE <= value <= MAX_LINE:
        return value
    problem = f"a number of {len(str(abs(value)))} digits is no line number (at most {MAX_LINE})"
    if where is None:
        raise OverflowError(problem)
    raise ReportError(f"{where}: {problem}")


def _line_of(raw: dict[str, Any], key: str, where: str, item: int | None = None) -> int | None:
    """:func:`as_line` of ``raw[key]``; the JSON path (``where``, then ``.items[item]``) is only
    spelled out for a value out of range."""
    value = raw.get(key)
    if type(value) is int and -MAX_LINE <= value <= MAX_LINE:
        return value
    return as_line(value, f"{where}{'' if item is None else f'.items[{item}]'}.{key}")


@contextmanager
def bad_input(where: str) -> Iterator[None]:
    """Turn a failure on a value of an unexpected type or size, while reading the part of a
    report at ``where`` (``file: JSON path``), into a :class:`ReportError` naming it: malformed
    input is an input error, never an internal one."""
    try:
        yield
    except (TypeError, AttributeError, ValueError, KeyError, IndexError, OverflowError) as exc:
        raise ReportError(
            f"{where}: a value of an unexpected type or size ({clip(str(exc), 200)}); "
            "fix the report or the tool that wrote it"
        ) from None


def listed(value: Any) -> list[Any]:
    """A JSON value that should be an array: itself when it is one, else empty (lenient, as GitLab)."""
    return value if isinstance(value, list) else []


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
        for m in listed(raw.get("messages"))
        if isinstance(m, dict)
    )
    primary = tuple(i for i in (_identifier(x) for x in listed(raw.get("primary_identifiers"))) if i is not None)
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


def _location(raw: dict[str, Any], where: str) -> Location:
    return Location(
        file=as_text(raw.get("file")),
        start_line=_line_of(raw, "start_line", where),
        end_line=_line_of(raw, "end_line", where),
        class_name=as_text(raw.get("class")) or None,
        method=as_text(raw.get("method")) or None,
        extra={k: v for k, v in raw.items() if k not in _LOCATION_FIELDS},
    )


def _tracking(raw: Any, where: str) -> Tracking | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("items"), list):
        return None
    items = []
    for n, item in enumerate(raw["items"]):
        if not isinstance(item, dict):
            continue
        signatures = []
        for sig in listed(item.get("signatures")):
            if isinstance(sig, dict) and (algorithm := sig.get("algorithm")) and (value := sig.get("value")):
                signatures.append(Signature(as_text(algorithm), as_text(value)))
        items.append(
            TrackingItem(
                file=as_text(item.get("file")),
                line_start=_line_of(item, "line_start", where, n) or 0,
                line_end=_line_of(item, "line_end", where, n) or 0,
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
    identifiers = tuple(filter(None, (_shared_identifier(x, shared) for x in listed(raw.get("identifiers")))))
    if not identifiers:
        raise ReportError(f"{where}.identifiers: needs at least one identifier with a type and a value")
    location = raw.get("location")
    if not isinstance(location, dict):
        raise ReportError(f"{where}.location: missing or not an object")
    own = raw.get("scanner") if isinstance(raw.get("scanner"), dict) else {}
    if own.get("id") or scanner is None:
        scanner = ScannerRef(id=as_text(own.get("id")) or "unknown", name=as_text(own.get("name")) or "unknown")
    links = listed(raw.get("links"))
    if links:
        links = tuple(
            Link(url=as_text(link.get("url")), name=as_text(link.get("name")) or None)
            for link in links
            if isinstance(link, dict) and link.get("url")
        )
    flags = listed(raw.get("flags"))
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
        location=_location(location, f"{where}.location"),
        scanner=scanner,
        # 14.x reports carry the title in ``message``
        name=as_text(raw.get("name")) or as_text(raw.get("message")),
        description=as_text(raw.get("description")),
        severity=_severity(raw.get("severity")),
        confidence=as_text(raw.get("confidence")) or None,
        solution=as_text(raw.get("solution")) or None,
        links=links or (),
        tracking=_tracking(raw.get("tracking"), f"{where}.tracking"),
        flags=flags or (),
        raw_source_code_extract=as_text(raw.get("raw_source_code_extract")) or None,
        category=as_text(raw.get("category")) or report_type,
        id=as_text(raw.get("id")),
        details=raw["details"] if isinstance(raw.get("details"), dict) else {},
        extra={k: v for k, v in raw.items() if k not in _VULN_FIELDS and k != "message"},
    )
