"""Terminal tables for approval-policy results: which rules fired, why, and the findings behind them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from .terminal import plain_text as _text
from .terminal import severity_text

if TYPE_CHECKING:  # views depend on report only at run time; the policy types are just annotations
    from ..policy.evaluate import PolicyResult, RuleResult

_STATUS_STYLES = {
    "violated": "bold red",
    "passed": "green",
    "disabled": "dim",
    "not-evaluated": "dim",
    "skipped-branch": "dim",
}


def policy_result_table(result: PolicyResult) -> Table:
    """One row per policy rule: status, condition, matched findings against the allowance, approvals."""
    verdict = "approval required" if result.approval_required else "no approval required"
    title = Text(f"approval policies: {verdict}", style="bold red" if result.approval_required else "bold green")
    table = Table(title=title, title_justify="left")
    for column in ("policy", "rule", "status", "condition", "findings", "approvals"):
        table.add_column(column, overflow="fold", justify="right" if column == "findings" else "left")
    for r in result.rules:
        findings = f"{len(r.matched)} (allowed {r.allowed})" if r.evaluated else "-"
        approvals = f"{r.approvals_required} of {', '.join(r.approvers)}" if r.approvals_required else "none"
        table.add_row(
            _text(r.policy),
            _text(f"#{r.rule_index} {r.rule_type}"),
            Text(r.status, style=_STATUS_STYLES.get(r.status, "")),
            _text(r.description),
            _text(findings),
            _text(approvals),
        )
    return table


def policy_findings_table(rule: RuleResult, limit: int = 50) -> Table:
    """The findings a rule counted (most severe first), at most ``limit`` of them."""
    shown = rule.matched[:limit]
    count = f"{len(rule.matched)}" if len(shown) == len(rule.matched) else f"first {len(shown)} of {len(rule.matched)}"
    title = _text(f"{rule.policy} #{rule.rule_index}: findings ({count})")
    table = Table(title=title, title_justify="left")
    for column in ("severity", "report type", "state", "rule", "location", "name"):
        table.add_column(column, overflow="fold")
    for f in shown:
        where = f"{f.file}:{f.line}" if f.file and f.line else (f.file or "")
        table.add_row(
            severity_text(f.severity),
            _text(f.report_type),
            _text(f.state),
            _text(f.rule),
            _text(where),
            _text(f.name),
        )
    return table
