"""Base/head comparison with GitLab's matching rules (the merge-request security widget).

Two findings can only be the same when they have the same report type and the same primary
identifier. Among those, GitLab matches by tracking signatures first (``scope_offset``, then
``location``, then ``hash``), and falls back to the location fingerprint when a finding has no
signatures. Matching is count-aware: each base finding pairs with at most one head finding, so a
second copy of an existing finding is new.

:func:`pair` works on :class:`MatchKeys` alone, so the vulnerability store, which keeps the keys
of every vulnerability in columns, uses exactly the same rules as a comparison of two report files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .identity import (
    SIGNATURE_PRIORITY,
    finding_uuid,
    identifier_fingerprint,
    location_fingerprint,
    signatures_by_priority,
)
from .model import Report, Vulnerability


def signature_sha(value: str) -> str:
    """The hex SHA-1 GitLab stores for a tracking signature value."""
    return hashlib.sha1(value.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class MatchKeys:
    """What GitLab compares two findings by."""

    report_type: str
    primary: str  #: fingerprint of the primary identifier
    location: str  #: GitLab's location fingerprint
    signatures: tuple[tuple[str, str], ...] = ()  #: (algorithm, sha1 of value), most precise first

    def signature(self, algorithm: str) -> str | None:
        for alg, sha in self.signatures:
            if alg == algorithm:
                return sha
        return None

    def uuid(self, project_id: int | str = "") -> str:
        """GitLab's finding UUID (equal to :func:`.identity.gitlab_finding_uuid`)."""
        location = self.signatures[0][1] if self.signatures else self.location
        return finding_uuid(self.report_type, self.primary, location, project_id)


def match_keys(vuln: Vulnerability, report_type: str | None = None) -> MatchKeys:
    kind = report_type or vuln.category or "sast"
    signatures = tuple((alg, signature_sha(value)) for alg, value in signatures_by_priority(vuln))
    return MatchKeys(
        report_type=kind,
        primary=identifier_fingerprint(vuln.primary_identifier),
        location=location_fingerprint(kind, vuln.location),
        signatures=signatures,
    )


def pair(base: Sequence[MatchKeys], head: Sequence[MatchKeys]) -> dict[int, int]:
    """Pair head findings with base findings: ``{head index: base index}``.

    Rounds go from the most precise key to the least: one round per signature algorithm, then
    the location fingerprint for pairs where either side has no signatures. Within a round, head
    findings take the first unpaired base finding with the same key, in order, so the result is
    deterministic.
    """
    paired: dict[int, int] = {}
    taken: set[int] = set()
    if not base or not head:
        return paired

    def run_round(key_of) -> None:
        index: dict[tuple, list[int]] = {}
        for b, keys in enumerate(base):
            if b not in taken and (key := key_of(keys)) is not None:
                index.setdefault(key, []).append(b)
        for h, keys in enumerate(head):
            if h in paired or (key := key_of(keys)) is None:
                continue
            candidates = index.get(key)
            while candidates:
                b = candidates.pop(0)
                if b not in taken:
                    paired[h] = b
                    taken.add(b)
                    break

    for algorithm in SIGNATURE_PRIORITY:
        run_round(lambda k, a=algorithm: (k.report_type, k.primary, s) if (s := k.signature(a)) else None)
    run_round(lambda k: (k.report_type, k.primary, k.location))
    return paired


@dataclass(frozen=True)
class Comparison:
    """The merge-request view of two sets of findings."""

    added: tuple[Vulnerability, ...]  #: in head, not in base
    fixed: tuple[Vulnerability, ...]  #: in base, not in head
    unchanged: tuple[tuple[Vulnerability, Vulnerability], ...]  #: (base, head) pairs

    @property
    def changed(self) -> bool:
        return bool(self.added or self.fixed)


def compare(base: Iterable[Vulnerability], head: Iterable[Vulnerability]) -> Comparison:
    """Added, fixed and unchanged findings between ``base`` and ``head`` (each vulnerability's
    ``category`` is its report type). Order follows the inputs."""
    base, head = list(base), list(head)
    pairs = pair([match_keys(v) for v in base], [match_keys(v) for v in head])
    matched_base = set(pairs.values())
    return Comparison(
        added=tuple(v for h, v in enumerate(head) if h not in pairs),
        fixed=tuple(v for b, v in enumerate(base) if b not in matched_base),
        unchanged=tuple((base[pairs[h]], head[h]) for h in sorted(pairs)),
    )


def compare_reports(base: Sequence[Report], head: Sequence[Report]) -> Comparison:
    """Compare the findings of several reports (e.g. one per analyzer) on each side; each
    finding's report type is its report's ``scan.type``."""

    def findings(reports: Sequence[Report]) -> list[Vulnerability]:
        typed = []
        for report in reports:
            kind = report.scan.type.value
            typed.extend(v if v.category == kind else replace(v, category=kind) for v in report.vulnerabilities)
        return typed

    return compare(findings(base), findings(head))
