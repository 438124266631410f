"""Terminal tables: the scan summary, the findings, report validation results."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from ..report.model import Report, Severity, Vulnerability, clip
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
CELL_CLIP = 300  #: characters a table cell (or any one-line value) shows
BLOCK_CLIP = 5000  #: characters of a multi-line value (a description) shown


def add_severity_columns(table: Table) -> None:
    """One right-aligned column per severity, most severe first, then ``total``."""
    for sev in ORDER:
        table.add_column(sev.value, justify="right", style=SEVERITY_STYLES[sev])
    table.add_column("total", justify="right")


def severity_cells(counts: Mapping[Severity, int]) -> list[str]:
    """The cells under :func:`add_severity_columns` for ``counts``."""
    return [*(str(counts.get(s, 0)) for s in ORDER), str(sum(counts.values()))]


def one_line(value: object, limit: int = CELL_CLIP) -> str:
    """Untrusted text as one printable line: whitespace runs (newlines too) made one space, clipped
    to ``limit`` characters, control and bidirectional characters made visible. A value of a
    million newlines renders as fast as a short one."""
    return printable(clip(" ".join(("" if value is None else str(value)).split()), limit))


def plain_text(value: object, style: str = "") -> Text:
    """Untrusted text as a rich table cell (:func:`one_line`); brackets never read as markup."""
    return Text(one_line(value), style=style)


def text_block(value: object, limit: int = BLOCK_CLIP) -> Text:
    """Untrusted multi-line text (a description) as rich Text: lines kept, clipped to ``limit``."""
    return Text(printable(clip("" if value is None else str(value), limit)))


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
            one_line(line.id),
            one_line(line.scanner_version),
            str(line.files),
            status,
            f"{line.seconds:.1f}s",
            *severity_cells(counts),
        )
    if len(lines) != 1:
        counts = counts_by_severity(report)
        table.add_row("all", "", "", "", "", *severity_cells(counts), style="bold")
        table.caption = (
            "findings counted after merging what several analyzers found at the same place "
            "(each kept by the first analyzer; the progress lines count before)"
        )
        table.caption_justify = "left"
    return table


@dataclass(frozen=True)
class FindingsView:
    """The findings of a scan, most severe first: ``file:line`` and the rule never wrapped or cut
    (they can be copied or clicked), then the finding's name and, when ``verbose``, its code. A
    table when the terminal is wide enough for them, else two lines per finding."""

    title: str
    rows: tuple[tuple[Text, str, str, str, str], ...]  #: severity, file:line, rule, name, code
    caption: str
    verbose: bool

    def table(self) -> Table:
        table = Table(title=self.title, title_justify="left", caption=self.caption or None, caption_justify="left")
        table.add_column("severity", no_wrap=True)
        table.add_column("location", no_wrap=True)
        table.add_column("rule", no_wrap=True)
        table.add_column("name", overflow="fold", ratio=1, min_width=12)
        if self.verbose:
            table.add_column("code", overflow="fold", ratio=1, min_width=12)
        for severity, where, rule, name, code in self.rows:
            table.add_row(severity, Text(where), Text(rule), Text(name), *([Text(code)] if self.verbose else []))
        return table

    def lines(self) -> Iterator[Text]:
        yield Text(self.title, style="italic")
        for severity, where, rule, name, code in self.rows:
            # never wrapped by secscan: a long location runs on and the terminal shows it whole
            yield Text.assemble(severity, f" {where} {rule}", no_wrap=True, overflow="ignore")
            yield Text(f"    {name}")
            if self.verbose and code:
                yield Text(f"    {code}", style="dim")
        if self.caption:
            yield Text(self.caption, style="dim")

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        fixed = max((len(r[0]) + len(r[1]) + len(r[2]) for r in self.rows), default=0)
        if fixed + 13 + 12 * (1 + self.verbose) <= options.max_width:  # borders and padding: 13
            yield self.table()
        else:
            yield from self.lines()


def findings_table(report: Report, limit: int = 25, verbose: bool = False) -> FindingsView:
    """:class:`FindingsView` of the first ``limit`` findings of ``report`` (0: all); when some are
    left out, the caption says how to see them."""
    vulns = report.vulnerabilities
    shown = vulns[:limit] if limit else vulns
    title = f"findings ({len(vulns)})" if len(shown) == len(vulns) else f"findings (first {len(shown)} of {len(vulns)})"
    more = len(vulns) - len(shown)
    caption = f"{more} more in the report file; --limit 0 lists every finding here" if more else ""
    rows = tuple(
        (
            Text(v.severity.value, style=SEVERITY_STYLES[v.severity]),
            one_line(f"{v.location.file}:{v.location.start_line}" if v.location.start_line else v.location.file),
            one_line(f"{v.scanner.id}:{v.primary_identifier.value}"),
            one_line(v.name),
            one_line(v.raw_source_code_extract) if verbose else "",
        )
        for v in shown
    )
    return FindingsView(title, rows, caption, verbose)


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
            plain_text(row.get("executable") or row.get("problem") or ""),
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
        title=f"{one_line(source)}: {one_line(summary.report_type, 50)} report, "
        f"{summary.total} finding(s), status {one_line(summary.status, 50)}",
        title_justify="left",
    )
    by_analyzer.add_column("analyzer")
    add_severity_columns(by_analyzer)
    rows = list(summary.by_analyzer.items())
    if len(rows) != 1:
        rows.append(("all", summary.by_severity))
    for name, counts in rows:
        by_analyzer.add_row(
            plain_text(name),
            *severity_cells(counts),
            style="bold" if name == "all" and len(rows) > 1 else None,
        )
    by_rule = Table(title=f"by rule ({len(summary.by_rule)})", title_justify="left")
    for column in ("severity", "analyzer", "rule", "findings", "name"):
        by_rule.add_column(column, overflow="fold", justify="right" if column == "findings" else "left")
    for rule in summary.by_rule:
        by_rule.add_row(
            Text(rule.severity.value, style=SEVERITY_STYLES[rule.severity]),
            plain_text(rule.scanner),
            plain_text(rule.identifier),
            str(rule.count),
            plain_text(rule.name),
        )
    return [by_analyzer, by_rule]
