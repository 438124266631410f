"""Report post-processing shared by every analyzer: exact-duplicate removal, deduplication across
analyzers (GitLab's rule, with provenance) and the deterministic sort."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .errors import ReportError
from .identity import exact_key, location_fingerprint
from .model import Identifier, Message, Report, Scan, ToolDetails, Vulnerability, schema_url


def sort_key(vuln: Vulnerability) -> tuple:
    """Severity (most severe first), then file, line, primary identifier, column; id breaks ties.

    Findings read from a report have no column (GitLab's format has none): for them the id does
    not break ties, so a stable sort keeps the order they were written in, the column order of
    the scan that wrote them, and merged reports (shards) list them as one scan would."""
    loc = vuln.location
    primary = vuln.primary_identifier
    return (
        -vuln.severity.rank,
        loc.file,
        loc.start_line or 0,
        primary.type,
        primary.value,
        loc.start_column or 0,
        vuln.id if loc.start_column is not None else "",
    )


def sort_vulnerabilities(vulns: Iterable[Vulnerability]) -> list[Vulnerability]:
    """The findings in report order (:func:`sort_key`): most severe first, then by file, line,
    primary identifier and column."""
    return sorted(vulns, key=sort_key)


def unique_identifiers(idents: Iterable[Identifier]) -> list[Identifier]:
    """Identifiers without repeats (the first of each type and value), sorted by type and value:
    ``scan.primary_identifiers`` of a scan, a merge or an import."""
    seen: dict[tuple[str, str], Identifier] = {}
    for ident in idents:
        seen.setdefault((ident.type, ident.value), ident)
    return [seen[k] for k in sorted(seen)]


def drop_exact_duplicates(vulns: Iterable[Vulnerability]) -> list[Vulnerability]:
    """Keep the first of findings with the same :func:`exact_key` (one scanner reporting one rule
    at one place twice). Findings of different scanners are never exact duplicates:
    :func:`dedupe_across_analyzers` decides those."""
    seen: set[tuple] = set()
    kept = []
    for vuln in vulns:
        key = exact_key(vuln)
        if key in seen:
            continue
        seen.add(key)
        kept.append(vuln)
    return kept


#: Which analyzer's finding survives when several report the same weakness: lower rank first.
#: bandit before semgrep as in GitLab; secscan's pyflow next; any other analyzer (plugins, SARIF
#: imports) between them and semgrep, by id. semgrep's generic rules come last.
ANALYZER_ORDER = {"bandit": 10, "pyflow": 20, "semgrep": 90}
OTHER_ANALYZER_RANK = 50
#: the ``details`` entry that records which other analyzers reported a kept finding
PROVENANCE_KEY = "also_reported_by"
#: signatures precise enough to say "same place" (``hash`` is not: equal lines occur twice)
_PLACE_SIGNATURES = ("scope_offset", "location")


def analyzer_rank(scanner_id: str) -> tuple[int, str]:
    return ANALYZER_ORDER.get(scanner_id, OTHER_ANALYZER_RANK), scanner_id


def _place_keys(vuln: Vulnerability, report_type: str) -> set[tuple[str, str]]:
    keys = {("fingerprint", location_fingerprint(report_type, vuln.location))}
    if vuln.tracking:
        for item in vuln.tracking.items:
            keys.update((s.algorithm, s.value) for s in item.signatures if s.algorithm in _PLACE_SIGNATURES)
    return keys


def _shared_identifiers(vuln: Vulnerability) -> set[tuple[str, str]]:
    return {(i.type.lower(), i.value) for i in vuln.identifiers if not i.is_cwe_or_wasc}


def _provenance_text(vuln: Vulnerability) -> str:
    primary = vuln.primary_identifier
    return f"{vuln.scanner.id}: {primary.type} {primary.value}"


def with_provenance(kept: Vulnerability, duplicates: Sequence[Vulnerability]) -> Vulnerability:
    """``kept`` with a ``details`` list naming the analyzers (and their rules) of ``duplicates``."""
    entry = kept.details.get(PROVENANCE_KEY) or {"type": "list", "name": "Also reported by", "items": []}
    items = list(entry.get("items") or [])
    seen = {item.get("value") for item in items if isinstance(item, dict)}
    for dup in duplicates:
        for text in [_provenance_text(dup)] + [
            i.get("value") for i in (dup.details.get(PROVENANCE_KEY) or {}).get("items", []) if isinstance(i, dict)
        ]:
            if text and text not in seen:
                seen.add(text)
                items.append({"type": "text", "value": text})
    return kept.with_(details={**kept.details, PROVENANCE_KEY: {**entry, "items": items}})


def dedupe_across_analyzers(
    vulns: Iterable[Vulnerability], report_type: str = "sast"
) -> tuple[list[Vulnerability], int]:
    """GitLab's rule: findings of two analyzers are the same when they share a place (location
    fingerprint, or a ``scope_offset``/``location`` tracking signature) and any identifier other
    than CWE/WASC. One analyzer's own findings are never merged (two of its rules may flag one line).

    The finding of the analyzer ranked first (:data:`ANALYZER_ORDER`) survives and records the
    others in ``details.also_reported_by``. Returns the kept findings (in ranked order) and the
    number merged away."""
    ranked = sorted(enumerate(vulns), key=lambda item: (analyzer_rank(item[1].scanner.id), item[0]))
    kept: list[Vulnerability] = []
    merged: dict[int, list[Vulnerability]] = {}
    by_place: dict[tuple[str, str], list[int]] = {}
    for _, vuln in ranked:
        places = _place_keys(vuln, report_type)
        identifiers = _shared_identifiers(vuln)
        candidates = sorted({n for key in places for n in by_place.get(key, ())})
        owner = next(
            (
                n
                for n in candidates
                if kept[n].scanner.id != vuln.scanner.id and identifiers & _shared_identifiers(kept[n])
            ),
            None,
        )
        if owner is not None:
            merged.setdefault(owner, []).append(vuln)
            continue
        for key in places:
            by_place.setdefault(key, []).append(len(kept))
        kept.append(vuln)
    for n, duplicates in merged.items():
        kept[n] = with_provenance(kept[n], duplicates)
    return kept, sum(len(d) for d in merged.values())


def combine(vulns: Iterable[Vulnerability], report_type: str = "sast") -> tuple[list[Vulnerability], int]:
    """Findings of several analyzers or reports as one report lists them: exact duplicates
    dropped, the same weakness merged across analyzers (:func:`dedupe_across_analyzers`),
    sorted. Returns the findings and how many were merged."""
    kept, merged = dedupe_across_analyzers(drop_exact_duplicates(vulns), report_type)
    return sort_vulnerabilities(kept), merged


def merged_message(merged: int) -> Message:
    return Message(
        "info", f"{merged} finding(s) reported by more than one analyzer were merged (see details.{PROVENANCE_KEY})"
    )


def merge_reports(reports: Sequence[tuple[str, Report]], tool: ToolDetails) -> Report:
    """One report from several reports of the same type (``secscan report merge``, shards).

    ``reports`` pairs each report with its source name (used in errors and messages). The merged
    ``scan`` keeps the inputs' analyzer and scanner when they all name the same ones, else names
    ``tool``; it spans the earliest start to the latest end, fails if any input failed, and keeps
    every message (prefixed with its source) and primary identifier."""
    if not reports:
        raise ValueError("merge_reports needs at least one report")
    types = {report.scan.type for _, report in reports}
    if len(types) > 1:
        listed = ", ".join(f"{name} is {report.scan.type.value}" for name, report in reports)
        raise ReportError(f"cannot merge reports of different types ({listed}); merge each type separately")
    report_type = types.pop()
    scans = [report.scan for _, report in reports]
    same_tools = len({(s.analyzer.id, s.scanner.id) for s in scans}) == 1
    vulns, merged = combine((v for _, report in reports for v in report.vulnerabilities), report_type.value)
    messages = [Message(m.level, f"[{name}] {m.value}") for name, report in reports for m in report.scan.messages]
    if merged:
        messages.append(merged_message(merged))
    remediations = [r for _, report in reports for r in report.extra.get("remediations") or ()]
    extra = {k: v for _, report in reports for k, v in report.extra.items() if k != "remediations"}
    if remediations:
        extra["remediations"] = remediations
    return Report(
        scan=Scan(
            analyzer=scans[0].analyzer if same_tools else tool,
            scanner=scans[0].scanner if same_tools else tool,
            type=report_type,
            start_time=min(s.start_time for s in scans),
            end_time=max(s.end_time for s in scans),
            status="failure" if any(s.status == "failure" for s in scans) else "success",
            messages=tuple(messages),
            primary_identifiers=tuple(unique_identifiers(i for s in scans for i in s.primary_identifiers)),
        ),
        vulnerabilities=tuple(vulns),
        schema=schema_url(report_type.value),
        extra=extra,
    )
