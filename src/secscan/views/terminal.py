"""Terminal tables: the scan summary, the findings, report validation results."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text

from ..report.model import Report, Severity, Vulnerability
from ..report.text import printable

SEVERITY_STYLES = {
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
    Severity.UNKNOWN: "dim",
}
ORDER = sorted(Severity, key=lambda s: -s.rank)


def add_severity_columns(table: Table) -> None:
    """One right-aligned column per severity, most severe first, then ``total``."""
    for sev in ORDER:
        table.add_column(sev.value, justify="right", style=SEVERITY_STYLES[sev])
    table.add_column("total", justify="right")


def severity_cells(counts: Mapping[Severity, int]) -> list[str]:
    """The cells under :func:`add_severity_columns` for ``counts``."""
    return [*(str(counts.get(s, 0)) for s in ORDER), str(sum(counts.values()))]


def plain_text(value: object, style: str = "") -> Text:
    """Untrusted text as a rich Text: control characters escaped, brackets never read as markup."""
    return Text(printable("" if value is None else str(value)), style=style)


def severity_text(value: object) -> Text:
    """A severity name, coloured when it is one of the schema's severities."""
    try:
        style = SEVERITY_STYLES[Severity.parse(str(value))]
    except ValueError:
        style = ""
    return plain_text(value, style)


@dataclass(frozen=True)
class AnalyzerLine:
    id: str
    scanner_version: str
    files: int
    status: str
    seconds: float


def severity_counts(vulns: Iterable[Vulnerability]) -> dict[Severity, int]:
    """Findings per severity, every severity present, most severe first."""
    counts = dict.fromkeys(ORDER, 0)
    for v in vulns:
        counts[v.severity] += 1
    return counts


def counts_by_severity(report: Report, scanner_id: str | None = None) -> dict[Severity, int]:
    return severity_counts(v for v in report.vulnerabilities if scanner_id is None or v.scanner.id == scanner_id)


def summary_table(report: Report, lines: Sequence[AnalyzerLine]) -> Table:
    """One row per analyzer: scanner version, files, status, time and findings by severity."""
    table = Table(title="secscan sast summary", title_justify="left")
    table.add_column("analyzer")
    table.add_column("scanner")
    table.add_column("files", justify="right")
    table.add_column("status")
    table.add_column("time", justify="right")
    add_severity_columns(table)
    for line in lines:
        counts = counts_by_severity(report, line.id)
        status = Text(line.status, style="green" if line.status == "success" else "bold red")
        table.add_row(
            line.id,
            line.scanner_version,
            str(line.files),
            status,
            f"{line.seconds:.1f}s",
            *severity_cells(counts),
        )
    if len(lines) != 1:
        counts = counts_by_severity(report)
        table.add_row("all", "", "", "", "", *severity_cells(counts), style="bold")
    return table


def findings_table(report: Report, limit: int = 25) -> Table:
    """The most severe findings first, as they appear in the (sorted) report."""
    vulns = report.vulnerabilities
    shown = vulns[:limit]
    title = f"findings ({len(vulns)})" if len(shown) == len(vulns) else f"findings (first {len(shown)} of {len(vulns)})"
    table = Table(title=title, title_justify="left")
    table.add_column("severity")
    table.add_column("location", overflow="fold")
    table.add_column("rule", overflow="fold")
    table.add_column("name", overflow="fold")
    for v in shown:
        loc = v.location
        where = f"{loc.file}:{loc.start_line}" if loc.start_line else loc.file
        table.add_row(
            Text(v.severity.value, style=SEVERITY_STYLES[v.severity]),
            Text(printable(where)),
            Text(printable(f"{v.scanner.id}:{v.primary_identifier.value}")),
            Text(printable(v.name)),
        )
    return table


def _at_or_above(vulns: Iterable[Vulnerability], threshold: Severity) -> str:
    """``"3 finding(s) at or above High (1 Critical, 2 High)"``."""
    counts = {s: n for s, n in severity_counts(v for v in vulns if v.severity.rank >= threshold.rank).items() if n}
    detail = ", ".join(f"{n} {s.value}" for s, n in counts.items())
    return f"{sum(counts.values())} finding(s) at or above {threshold.value} ({detail})"


def fail_on_line(vulns: Iterable[Vulnerability], threshold: Severity) -> str:
    """Why ``--fail-on`` made the exit code 1."""
    return f"secscan: {_at_or_above(vulns, threshold)}: exit 1 (--fail-on)"


def push_stopped_note(vulns: Iterable[Vulnerability], threshold: Severity) -> str:
    """Why the pre-push hook stopped a push, and the ways on."""
    return (
        f"secscan: push stopped: this push brings {_at_or_above(vulns, threshold).replace('finding', 'new finding')}. "
        "Fix them, mark a reviewed one with a `secscan: ignore[RULE]` comment, leave out known ones with a "
        "baseline (secscan hook install --baseline REPORT), or skip this check once with `git push --no-verify`"
    )


def first_push_note(vulns: Iterable[Vulnerability], threshold: Severity) -> str:
    """Why the pre-push hook let a push with severe findings through: the remote had nothing to compare with."""
    return (
        f"secscan: the remote has none of this history (a first push), so nothing tells new findings from old: "
        f"{_at_or_above(vulns, threshold)} shown, push not stopped. Later pushes stop only on findings they add; "
        "to leave these out of every later report too, keep them as a baseline "
        "(secscan sast -o .secscan-baseline.json; secscan hook install --baseline .secscan-baseline.json)"
    )


def analyzers_table(rows: Sequence[dict]) -> Table:
    """``secscan analyzers``: one row per installed analyzer (or plugin that failed to load)."""
    table = Table(title="installed analyzers", title_justify="left")
    for column in ("analyzer", "type", "scanner", "version", "usable", "executable / problem"):
        table.add_column(column, overflow="fold")
    for row in rows:
        usable = Text("yes", "green") if row.get("usable") else Text("no", "bold red")
        table.add_row(
            row["id"],
            row.get("report_type") or "",
            row.get("scanner") or "",
            row.get("scanner_version") or "",
            usable,
            Text(printable(row.get("executable") or row.get("problem") or "")),
        )
    return table


def rules_table(rules: Sequence) -> Table:
    """``secscan rules list``: one row per bundled rule (``secscan.analyzers.catalog.RuleInfo``)."""
    table = Table(title=f"bundled rules ({len(rules)})", title_justify="left")
    for column in ("rule", "engine", "languages", "CWE", "OWASP", "severity", "title"):
        table.add_column(column, overflow="fold")
    for r in rules:
        table.add_row(
            r.id,
            r.engine,
            ", ".join(r.languages),
            ", ".join(r.cwe),
            ", ".join(r.owasp),
            severity_text(r.severity),
            r.title,
        )
    return table


def report_summary_tables(summary, source: str) -> list[Table]:
    """``secscan report summary``: findings by severity and analyzer, then by rule
    (``secscan.report.summary.ReportSummary``)."""
    by_analyzer = Table(
        title=f"{printable(source)}: {summary.report_type} report, {summary.total} finding(s), status {summary.status}",
        title_justify="left",
    )
    by_analyzer.add_column("analyzer")
    add_severity_columns(by_analyzer)
    rows = list(summary.by_analyzer.items())
    if len(rows) != 1:
        rows.append(("all", summary.by_severity))
    for name, counts in rows:
        by_analyzer.add_row(
            Text(printable(name)),
            *severity_cells(counts),
            style="bold" if name == "all" and len(rows) > 1 else None,
        )
    by_rule = Table(title=f"by rule ({len(summary.by_rule)})", title_justify="left")
    for column in ("severity", "analyzer", "rule", "findings", "name"):
        by_rule.add_column(column, overflow="fold", justify="right" if column == "findings" else "left")
    for rule in summary.by_rule:
        by_rule.add_row(
            Text(rule.severity.value, style=SEVERITY_STYLES[rule.severity]),
            Text(printable(rule.scanner)),
            Text(printable(rule.identifier)),
            str(rule.count),
            Text(printable(rule.name)),
        )
    return [by_analyzer, by_rule]
