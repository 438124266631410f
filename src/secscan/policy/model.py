"""The policy model: GitLab merge-request approval policies and the findings they are checked against."""

from __future__ import annotations

from dataclasses import dataclass

#: Report types a ``scan_finding`` rule can select (``scanners``).
SCANNERS = (
    "sast",
    "secret_detection",
    "dependency_scanning",
    "container_scanning",
    "dast",
    "coverage_fuzzing",
    "api_fuzzing",
)
#: Severity levels a rule can select, least severe first (``severity_levels``).
SEVERITY_LEVELS = ("info", "unknown", "low", "medium", "high", "critical")
#: The state a finding is in: new in the merge request (needs triage / already dismissed) or previously existing.
FINDING_STATES = ("new_needs_triage", "new_dismissed", "detected", "confirmed", "dismissed", "resolved")
#: ``newly_detected`` in a policy stands for both new states (GitLab's semantics).
NEWLY_DETECTED = ("new_needs_triage", "new_dismissed")


@dataclass(frozen=True)
class PolicyFinding:
    """One finding as a policy sees it: its scanner type, severity and state."""

    report_type: str  # "sast", "secret_detection", ...
    severity: str  # GitLab value: "Critical", "High", ..., "Info", "Unknown"
    state: str  # one of FINDING_STATES
    name: str
    rule: str  # primary identifier value, e.g. "B602"
    file: str | None = None
    line: int | None = None
    uuid: str | None = None
    false_positive: bool = False  # carries a flagged-as-likely-false-positive flag
    fix_available: bool = False  # has a solution / remediation

    def __post_init__(self) -> None:
        if self.state not in FINDING_STATES:
            raise ValueError(f"finding state {self.state!r} is not one of {', '.join(FINDING_STATES)}")
        if self.severity.lower() not in SEVERITY_LEVELS:
            raise ValueError(f"finding severity {self.severity!r} is not a GitLab severity")


@dataclass(frozen=True)
class Rule:
    """One rule of a policy. Only ``scan_finding`` rules are evaluated; the other types keep just
    their branch selection. Empty tuples mean "all" (states: newly detected)."""

    type: str  # scan_finding, license_finding, any_merge_request
    branches: tuple[str, ...] = ()
    branch_type: str | None = None  # default, protected, all
    branch_exceptions: tuple[str, ...] = ()
    scanners: tuple[str, ...] = ()
    vulnerabilities_allowed: int = 0
    severity_levels: tuple[str, ...] = ()
    vulnerability_states: tuple[str, ...] = ()
    false_positive: bool | None = None  # vulnerability_attributes.false_positive; None = either
    fix_available: bool | None = None  # vulnerability_attributes.fix_available; None = either
    vulnerability_age: bool = False  # an age filter is set: GitLab applies it, secscan cannot (no dates)

    @property
    def states(self) -> frozenset[str]:
        """The finding states the rule counts, with ``newly_detected`` expanded (``[]`` = newly detected)."""
        out: set[str] = set()
        for state in self.vulnerability_states or ("newly_detected",):
            out.update(NEWLY_DETECTED if state == "newly_detected" else (state,))
        return frozenset(out)


@dataclass(frozen=True)
class Action:
    """A policy action: ``require_approval`` (with its approvers) or ``send_bot_message`` (ignored)."""

    type: str
    approvals_required: int = 0
    approvers: tuple[str, ...] = ()  # "user:alice", "user_id:7", "group:security", "group_id:9", "role:maintainer"


@dataclass(frozen=True)
class Policy:
    """One approval policy of a policy file."""

    name: str
    rules: tuple[Rule, ...]
    actions: tuple[Action, ...] = ()
    description: str = ""
    enabled: bool = True
    source: str = ""  # where it was read, for messages: "<file>: approval_policy[2]"
