"""Counting a report's findings by severity, analyzer and rule (``secscan report summary``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import Report, Severity

#: most severe first
SEVERITY_ORDER = sorted(Severity, key=lambda s: -s.rank)


def _zero() -> dict[Severity, int]:
    return {s: 0 for s in SEVERITY_ORDER}


@dataclass
class RuleCount:
    scanner: str
    identifier_type: str
    identifier: str
    name: str
    severity: Severity  # the most severe of its findings
    count: int = 0


@dataclass
class ReportSummary:
    report_type: str
    status: str
    total: int = 0
    by_severity: dict[Severity, int] = field(default_factory=_zero)
    by_analyzer: dict[str, dict[Severity, int]] = field(default_factory=dict)
    by_rule: list[RuleCount] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        def named(counts: dict[Severity, int]) -> dict[str, int]:
            return {s.value: n for s, n in counts.items()}

        return {
            "type": self.report_type,
            "status": self.status,
            "total": self.total,
            "by_severity": named(self.by_severity),
            "by_analyzer": {a: named(c) for a, c in self.by_analyzer.items()},
            "by_rule": [
                {
                    "scanner": r.scanner,
                    "identifier_type": r.identifier_type,
                    "identifier": r.identifier,
                    "name": r.name,
                    "severity": r.severity.value,
                    "count": r.count,
                }
                for r in self.by_rule
            ],
        }


def summarize(report: Report) -> ReportSummary:
    """Counts by severity, by analyzer (the finding's scanner) and by rule (primary identifier);
    rules are listed most severe first, then by count."""
    summary = ReportSummary(report_type=report.scan.type.value, status=report.scan.status)
    rules: dict[tuple[str, str, str], RuleCount] = {}
    for vuln in report.vulnerabilities:
        summary.total += 1
        summary.by_severity[vuln.severity] += 1
        summary.by_analyzer.setdefault(vuln.scanner.id, _zero())[vuln.severity] += 1
        primary = vuln.primary_identifier
        key = (vuln.scanner.id, primary.type, primary.value)
        rule = rules.setdefault(key, RuleCount(*key, name=vuln.name or primary.name, severity=vuln.severity))
        rule.count += 1
        if vuln.severity.rank > rule.severity.rank:
            rule.severity = vuln.severity
    summary.by_analyzer = dict(sorted(summary.by_analyzer.items()))
    summary.by_rule = sorted(
        rules.values(), key=lambda r: (-r.severity.rank, -r.count, r.scanner, r.identifier_type, r.identifier)
    )
    return summary
