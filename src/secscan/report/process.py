"""Report post-processing shared by every analyzer: exact-duplicate removal and deterministic sort."""

from __future__ import annotations

from typing import Iterable

from .model import Vulnerability


def sort_key(vuln: Vulnerability) -> tuple:
    """Severity (most severe first), then file, line, primary identifier; id breaks ties."""
    loc = vuln.location
    primary = vuln.primary_identifier
    return (
        -vuln.severity.rank,
        loc.file,
        loc.start_line or 0,
        loc.start_column or 0,
        primary.type,
        primary.value,
        vuln.id,
    )


def sort_vulnerabilities(vulns: Iterable[Vulnerability]) -> list[Vulnerability]:
    return sorted(vulns, key=sort_key)


def drop_exact_duplicates(vulns: Iterable[Vulnerability]) -> list[Vulnerability]:
    """Keep the first finding of each report id (same rule at the same place reported twice)."""
    seen: set[str] = set()
    kept = []
    for vuln in vulns:
        if vuln.id in seen:
            continue
        seen.add(vuln.id)
        kept.append(vuln)
    return kept
