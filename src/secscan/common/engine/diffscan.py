"""Diff-aware scans and baselines: report only the findings a change brings.

``--diff-base REF``: scan the files that changed between the merge-base of REF and HEAD and the
work tree (or a pushed commit, for hooks), then scan the versions those files had at the
merge-base, written into a scratch directory under the same relative paths, with the same
analyzers and configuration, and leave out every head finding that pairs with a base finding.
``--baseline REPORT``: leave out the findings an earlier report already has.

Pairing is :func:`secscan.report.compare.compare`, GitLab's merge-request rule: same report type
and primary identifier, then tracking signatures (``scope_offset``, ``location``, ``hash``), else
the location fingerprint; count-aware, so a second copy of an existing finding is new.

Findings in one file depend on that file alone (search, dedupe across analyzers, final verdicts
and inline ignores all work per file), so the base scan only needs the changed files that have
a base version and a finding at the head; when there are none it is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ...report.accept import load_report
from ...report.compare import compare
from ...report.errors import ReportError
from ...report.model import Message, Report, ReportType, Vulnerability
from .. import log
from ..analyzer import Analyzer
from ..config import Config
from . import cache, gitdiff, pipeline, scratch
from .ruleset import PATH_SETTING, load_ruleset, ruleset_path
from .scope import Scope, Shard, own_outputs


@dataclass(frozen=True)
class DiffPlan:
    """What a diff-aware scan compares: the merge-base and the files changed since it."""

    ref: str  #: the ref the user named (for messages); ``""`` when there is no base
    merge_base: str | None  #: ``None``: no base at all, every file is new (a first push)
    head: str | None  #: a commit, or ``None`` for the work tree
    changes: gitdiff.Changes

    @property
    def against(self) -> str:
        if self.merge_base is None:
            return "no base commit (every file is new)"
        ref = self.ref[:7] if re.fullmatch(r"[0-9a-f]{40}", self.ref) else self.ref
        return f"merge-base {self.merge_base[:7]} of {ref}"


def plan(target: Path, base_ref: str | None, head_ref: str | None = None, ref_name: str | None = None) -> DiffPlan:
    """Resolve ``base_ref`` and ``head_ref`` (``None``: the work tree, compared with HEAD for the
    merge-base) in the repository of ``target`` and list the changed files."""
    gitdiff.repository(target)
    head = gitdiff.resolve(target, head_ref) if head_ref else None
    if base_ref is None:
        return DiffPlan("", None, head, gitdiff.changes(target, None, head))
    base = gitdiff.resolve(target, base_ref)
    if head is None:
        gitdiff.resolve(target, "HEAD")
    mb = gitdiff.merge_base(target, base, head or "HEAD")
    return DiffPlan(ref_name or base_ref, mb, head, gitdiff.changes(target, mb, head))


def scratch_config(config: Config, tree: Path) -> Config:
    """``config`` for scanning a scratch copy of some project files in ``tree``: the project's
    custom ruleset (and the files its ``file`` passthroughs name, copied in) and its result cache
    still apply, reports still go to the project's artifact directory."""
    env = dict(config.env)
    ruleset_file = ruleset_path(config)
    if ruleset_file.is_file():
        env[PATH_SETTING] = str(ruleset_file.resolve())
        passthrough_files = [
            p.value
            for section in load_ruleset(config).sections.values()
            for p in section.passthroughs
            if p.type == "file" and p.value
        ]
        gitdiff.copy_files(config.target, passthrough_files, tree)
    env[cache.DIR_SETTING] = str(cache.location(config))
    return config.with_(target=tree, env=env)


def diff_scan(
    config: Config,
    analyzers: Sequence[Analyzer],
    base_ref: str | None,
    head_ref: str | None = None,
    listener: pipeline.Listener | None = None,
    shard: Shard | None = None,
    ref_name: str | None = None,
    outputs: Sequence[Path] = (),
) -> pipeline.ScanResult:
    """Scan the files changed since the merge-base of ``base_ref`` and report only the findings
    that are new relative to it (see the module docstring). ``head_ref`` scans a commit's
    versions of the files instead of the work tree (pre-push hooks: what is pushed). secscan's
    own outputs (``outputs``, reports, ``.secscan``) are never changed files."""
    logger = log.get()
    the_plan = plan(config.target, base_ref, head_ref, ref_name)
    own = own_outputs(config.target, outputs)
    changed = [c for c in the_plan.changes.changed if not own(c.path)]
    files = frozenset(c.path for c in changed)
    reason = f"changed since {the_plan.against}" if the_plan.merge_base else "every file of the pushed commit"
    scope = Scope(files=files, shard=shard, files_reason=reason, outputs=tuple(outputs))
    with scratch.run_directory("diff") as trees:  # removed by the next scan if this one is killed
        head_config = config
        if the_plan.head is not None:
            head_tree = trees / "head"
            head_tree.mkdir()
            head_config = scratch_config(config, head_tree)
            gitdiff.write_files(config.target, the_plan.head, ((c.path, c.path) for c in changed), head_tree)
        result = pipeline.scan(head_config, analyzers, listener, scope=scope)
        head_vulns = result.report.vulnerabilities
        with_findings = {v.location.file for v in head_vulns}
        scanned = {f for run in result.runs for f in run.files}
        to_compare = [c for c in changed if c.base_path and c.path in scanned and c.path in with_findings]
        base_vulns: tuple[Vulnerability, ...] = ()
        failed: list[pipeline.AnalyzerRun] = []
        if the_plan.merge_base and to_compare:
            base_tree = trees / "base"
            base_tree.mkdir()
            base_config = scratch_config(config, base_tree)
            written = gitdiff.write_files(
                config.target, the_plan.merge_base, ((c.base_path, c.path) for c in to_compare), base_tree
            )
            logger.info("comparing with %s: scanning %d file(s) as they were there", the_plan.against, len(written))
            if written:
                base = pipeline.scan(base_config, analyzers, scope=Scope(files=frozenset(written)))
                base_vulns = base.report.vulnerabilities
                failed = base.failed
    comparison = compare(base_vulns, head_vulns)
    left_out = len(head_vulns) - len(comparison.added)
    where = f"{the_plan.against}" + (f" (commit {the_plan.head[:7]})" if the_plan.head else "")
    deleted = len(the_plan.changes.deleted)
    if the_plan.merge_base:
        text = f"diff-aware scan: {len(scanned)} file(s) scanned of {len(changed)} changed since {where}"
        text += f"; {left_out} finding(s) present at the base were left out"
    else:
        text = f"diff-aware scan: {len(scanned)} file(s) scanned of {len(changed)} in {where}; all findings are new"
    if deleted:
        text += f"; {deleted} deleted file(s) not scanned"
    notes = [Message("info", text)]
    for run in failed:
        notes.append(
            Message(
                "fatal",
                f"analyzer {run.id} failed on the base versions, so its findings could not be compared: {run.error}",
            )
        )
        for head_run in result.runs:
            if head_run.id == run.id:
                head_run.status, head_run.error = "failure", f"failed on the base versions: {run.error}"
    return _with_findings(result, comparison.added, notes)


def apply_baseline(result: pipeline.ScanResult, old: Report, name: str) -> pipeline.ScanResult:
    """Leave out the findings of ``result`` that the earlier report ``old`` (read from ``name``)
    already has, paired as in :func:`~secscan.report.compare.compare` (count-aware)."""
    kind = old.scan.type.value
    if kind != result.report.scan.type.value:
        raise ReportError(f"{name}: a {kind} report cannot be a baseline for a {result.report.scan.type.value} scan")
    old_vulns = [v if v.category == kind else replace(v, category=kind) for v in old.vulnerabilities]
    comparison = compare(old_vulns, result.report.vulnerabilities)
    left_out = len(result.report.vulnerabilities) - len(comparison.added)
    note = Message("info", f"baseline {name}: {left_out} finding(s) already in it were left out")
    return _with_findings(result, comparison.added, [note])


def _with_findings(
    result: pipeline.ScanResult, vulns: Sequence[Vulnerability], notes: Sequence[Message]
) -> pipeline.ScanResult:
    """``result`` reporting only ``vulns``, with ``notes`` first in its messages."""
    report: Report = result.report
    status = "failure" if any(r.status == "failure" for r in result.runs) else report.scan.status
    scan = replace(report.scan, status=status, messages=(*notes, *report.scan.messages))
    return replace(
        result, report=replace(report, scan=scan, vulnerabilities=tuple(vulns)), messages=[*notes, *result.messages]
    )


def run(
    config: Config,
    analyzers: Sequence[Analyzer],
    listener: pipeline.Listener | None = None,
    *,
    diff_base: str | None = None,
    baseline: Path | None = None,
    shard: Shard | None = None,
    report_type: ReportType = ReportType.SAST,
    outputs: Sequence[Path | None] = (),
) -> pipeline.ScanResult:
    """``secscan sast``: a full, sharded or diff-aware scan, then the baseline (when given).
    The baseline is read first (an unreadable or invalid one is a ReportError naming the file),
    so it stops the command before any scanner runs. ``outputs`` (the files the command writes;
    ``None`` for an option not given) are never scan input."""
    old = load_report(baseline) if baseline is not None else None
    written = tuple(path for path in outputs if path is not None)
    if diff_base is not None:
        result = diff_scan(config, analyzers, diff_base, listener=listener, shard=shard, outputs=written)
    else:
        result = pipeline.scan(config, analyzers, listener, report_type, scope=Scope(shard=shard, outputs=written))
    return apply_baseline(result, old, str(baseline)) if old is not None else result
