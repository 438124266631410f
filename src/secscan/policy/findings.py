"""Turning report findings into :class:`PolicyFinding`: which are new, which were triaged."""

from __future__ import annotations

from collections.abc import Iterable

from ..report.compare import Comparison
from ..report.identity import gitlab_finding_uuid
from ..report.model import Vulnerability
from .model import PolicyFinding

FALSE_POSITIVE_FLAG = "flagged-as-likely-false-positive"


def finding_state(stored_state: str | None, new: bool) -> str:
    """The policy state of a finding: ``new_dismissed``/``new_needs_triage`` when it is new in
    the merge request, else its vulnerability's state (``detected`` when it has none)."""
    if new:
        return "new_dismissed" if stored_state == "dismissed" else "new_needs_triage"
    return stored_state or "detected"


def policy_finding(vuln: Vulnerability, state: str, uuid: str | None = None) -> PolicyFinding:
    """``vuln`` (whose ``category`` is its report type) as a policy sees it in ``state``."""
    return PolicyFinding(
        report_type=vuln.category,
        severity=vuln.severity.value,
        state=state,
        name=vuln.name,
        rule=vuln.primary_identifier.value,
        file=vuln.location.file or None,
        line=vuln.location.start_line,
        uuid=uuid or gitlab_finding_uuid(vuln, report_type=vuln.category),
        false_positive=any(f.type == FALSE_POSITIVE_FLAG for f in vuln.flags),
        fix_available=bool(vuln.solution or vuln.extra.get("remediations")),
    )


def from_comparison(comparison: Comparison) -> list[PolicyFinding]:
    """Head findings of a base/head comparison of report files: added ones are new and need
    triage, the others were detected before (report files carry no triage states)."""
    added = [policy_finding(v, finding_state(None, True)) for v in comparison.added]
    return added + [policy_finding(head, finding_state(None, False)) for _, head in comparison.unchanged]


def from_stored(rows: Iterable[tuple[Vulnerability, str, bool]]) -> list[PolicyFinding]:
    """Findings read from the vulnerability database as (finding, vulnerability state, is new)."""
    return [policy_finding(vuln, finding_state(state, new)) for vuln, state, new in rows]
