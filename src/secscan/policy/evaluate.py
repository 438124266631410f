"""Evaluating approval policies against findings, with GitLab's semantics."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from .model import NEWLY_DETECTED, SEVERITY_LEVELS, Policy, PolicyFinding, Rule

_STATE_WORDS = {
    "new_needs_triage": "new (needs triage)",
    "new_dismissed": "new (dismissed)",
    "detected": "previously detected",
    "confirmed": "confirmed",
    "dismissed": "dismissed",
    "resolved": "resolved",
}


@dataclass(frozen=True)
class RuleResult:
    """The outcome of one rule of one policy for one merge request."""

    policy: str
    rule_index: int
    rule_type: str
    description: str  # e.g. "more than 0 newly detected High or Critical sast findings"
    applies: bool  # the rule's branch selection covers the target branch
    evaluated: bool  # enabled policy, scan_finding rule, branch applies
    matched: tuple[PolicyFinding, ...]  # the findings the rule counts (most severe first)
    allowed: int
    violated: bool
    approvals_required: int
    approvers: tuple[str, ...]  # "user:alice", "group:security", "role:maintainer", ...
    enabled: bool = True  # the policy's ``enabled``

    @property
    def status(self) -> str:
        """One word for people: violated, passed, disabled, not-evaluated or skipped-branch."""
        if self.violated:
            return "violated"
        if self.evaluated:
            return "passed"
        if not self.enabled:
            return "disabled"
        return "not-evaluated" if self.rule_type != "scan_finding" else "skipped-branch"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, findings included."""
        return {
            "policy": self.policy,
            "rule_index": self.rule_index,
            "rule_type": self.rule_type,
            "description": self.description,
            "status": self.status,
            "enabled": self.enabled,
            "applies": self.applies,
            "evaluated": self.evaluated,
            "violated": self.violated,
            "allowed": self.allowed,
            "matched_count": len(self.matched),
            "approvals_required": self.approvals_required,
            "approvers": list(self.approvers),
            "findings": [
                {
                    "uuid": f.uuid,
                    "report_type": f.report_type,
                    "severity": f.severity,
                    "state": f.state,
                    "rule": f.rule,
                    "name": f.name,
                    "file": f.file,
                    "line": f.line,
                    "false_positive": f.false_positive,
                    "fix_available": f.fix_available,
                }
                for f in self.matched
            ],
        }


@dataclass(frozen=True)
class PolicyResult:
    """Every rule of every policy, in file order."""

    rules: tuple[RuleResult, ...]

    @property
    def violations(self) -> tuple[RuleResult, ...]:
        """The rules whose findings exceed ``vulnerabilities_allowed``."""
        return tuple(r for r in self.rules if r.violated)

    @property
    def approval_required(self) -> bool:
        """True when a violated rule's policy requires at least one approval (the CLI exits 1)."""
        return any(r.approvals_required > 0 for r in self.violations)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, deterministic form of the result."""
        return {
            "approval_required": self.approval_required,
            "violations": len(self.violations),
            "rules": [r.to_dict() for r in self.rules],
        }


def evaluate(
    policies: Sequence[Policy],
    findings: Iterable[PolicyFinding],
    *,
    branch: str | None = None,
    default_branch: str | None = None,
) -> PolicyResult:
    """Check every rule of ``policies`` against ``findings`` for a merge request into ``branch``.

    A ``scan_finding`` rule is violated when more findings than ``vulnerabilities_allowed`` match its
    scanners, severities, states and attributes. ``branch=None`` means "no target branch known":
    every rule applies. Disabled policies and other rule types are listed, never violated.
    """
    found = sorted(findings, key=_finding_order)
    results = []
    for policy in policies:
        approvals = max((a.approvals_required for a in policy.actions if a.type == "require_approval"), default=0)
        approvers = tuple(dict.fromkeys(x for a in policy.actions for x in a.approvers))
        for index, rule in enumerate(policy.rules):
            applies = _applies(rule, branch, default_branch)
            evaluated = policy.enabled and applies and rule.type == "scan_finding"
            matched = tuple(f for f in found if _matches(rule, f)) if evaluated else ()
            results.append(
                RuleResult(
                    policy=policy.name,
                    rule_index=index,
                    rule_type=rule.type,
                    description=describe_rule(rule),
                    applies=applies,
                    evaluated=evaluated,
                    matched=matched,
                    allowed=rule.vulnerabilities_allowed,
                    violated=evaluated and len(matched) > rule.vulnerabilities_allowed,
                    approvals_required=approvals,
                    approvers=approvers,
                    enabled=policy.enabled,
                )
            )
    return PolicyResult(tuple(results))


def describe_rule(rule: Rule) -> str:
    """The rule's condition in words, e.g. ``more than 0 newly detected High or Critical sast findings``."""
    if rule.type != "scan_finding":
        return f"{rule.type} rule (not evaluated by secscan)"
    states = rule.states
    if states == frozenset(NEWLY_DETECTED):
        state_words = ["newly detected"]
    else:
        state_words = [_STATE_WORDS[s] for s in _STATE_WORDS if s in states]
    severities = [s.capitalize() for s in SEVERITY_LEVELS if s in rule.severity_levels]
    words = [f"more than {rule.vulnerabilities_allowed}", _either(state_words)]
    if severities:
        words.append(_either(severities))
    words.append(_either(list(rule.scanners)) if rule.scanners else "")
    words.append("findings")
    if rule.false_positive is not None:
        words.append("flagged as false positive" if rule.false_positive else "not flagged as false positive")
    if rule.fix_available is not None:
        words.append(("with" if rule.fix_available else "without") + " a fix available")
    if rule.vulnerability_age:
        words.append("(vulnerability_age is not applied by secscan)")
    return " ".join(w for w in words if w)


def _either(words: list[str]) -> str:
    return ", ".join(words[:-1]) + f" or {words[-1]}" if len(words) > 1 else "".join(words)


def _applies(rule: Rule, branch: str | None, default_branch: str | None) -> bool:
    if branch is None:
        return True
    if any(fnmatchcase(branch, pattern) for pattern in rule.branch_exceptions):
        return False
    if rule.branch_type == "default":
        return default_branch is not None and branch == default_branch
    if rule.branch_type in ("all", "protected") or not rule.branches:
        return True  # protected: secscan does not know which branches are protected
    return any(fnmatchcase(branch, pattern) for pattern in rule.branches)


def _matches(rule: Rule, finding: PolicyFinding) -> bool:
    return (
        (not rule.scanners or finding.report_type in rule.scanners)
        and (not rule.severity_levels or finding.severity.lower() in rule.severity_levels)
        and finding.state in rule.states
        and (rule.false_positive is None or finding.false_positive == rule.false_positive)
        and (rule.fix_available is None or finding.fix_available == rule.fix_available)
    )


def _finding_order(f: PolicyFinding) -> tuple:
    return (
        -SEVERITY_LEVELS.index(f.severity.lower()),
        f.report_type,
        f.file or "",
        f.line or 0,
        f.rule,
        f.name,
        f.state,
        f.uuid or "",
    )
