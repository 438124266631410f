"""One analyzer's step in a scan: analyze, convert, exclude paths, custom ruleset, ids. The
result cache wraps it (:func:`secscan.common.engine.cache.cached`) and returns what it returns."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass

from ...report.identity import assign_ids
from ...report.model import Identifier, Message, Vulnerability
from ...report.process import drop_exact_duplicates, sort_vulnerabilities
from ..analyzer import AnalyzeContext, Analyzer
from ..errors import SecscanError
from .paths import PathFilter
from .ruleset import AnalyzerRuleset


@dataclass(frozen=True)
class StepResult:
    """What an analyzer's step found: its findings (sorted, ids assigned), its messages, the CWEs
    it decided per file, the primary identifiers ``convert`` learned, the scanner's version and
    the files the scanner did not finish."""

    vulnerabilities: tuple[Vulnerability, ...]
    messages: tuple[Message, ...]
    decided: dict[str, frozenset[int]]
    primary_identifiers: tuple[Identifier, ...]
    scanner_version: str
    incomplete: frozenset[str] = frozenset()


#: how the pipeline runs a step on a context (the cache calls it with the files it must scan)
Step = Callable[[AnalyzeContext], StepResult]


def step(
    analyzer: Analyzer,
    excluded: PathFilter,
    section: AnalyzerRuleset | None,
    side: Executor,
) -> Step:
    """The step of ``analyzer``: the scanner's version is read on ``side`` while it runs (unless
    its output states it); findings on excluded paths go, the custom ruleset ``section`` applies."""

    def run(ctx: AnalyzeContext) -> StepResult:
        version = None if analyzer.version_in_output else side.submit(scanner_version, analyzer, ctx)
        vulns = analyzer.convert(analyzer.analyze(ctx), ctx)
        found = ctx.scanner_version or (version.result() if version else scanner_version(analyzer, ctx))
        kept = [v for v in vulns if not excluded.excludes(v.location.file)]
        decided = dict(ctx.decided)
        if section is not None:  # custom ruleset: disable and override
            decided = withdraw(decided, [v for v in kept if section.disabled(v.identifiers)])
            kept = section.apply(kept)
        ids = drop_exact_duplicates(assign_ids(kept, analyzer.metadata.report_type.value))
        return StepResult(
            vulnerabilities=tuple(sort_vulnerabilities(ids)),
            messages=tuple(ctx.messages),
            decided=decided,
            primary_identifiers=tuple(ctx.primary_identifiers),
            scanner_version=found,
            incomplete=frozenset(ctx.incomplete),
        )

    return run


def withdraw(decided: dict[str, frozenset[int]], disabled: list[Vulnerability]) -> dict[str, frozenset[int]]:
    """The verdicts left when the custom ruleset disables some of the analyzer's own findings: it
    found those weaknesses, so its verdict on their CWEs in their files must not drop another
    analyzer's finding of the same weakness (a disabled rule decides nothing)."""
    left = dict(decided)
    for vuln in disabled:
        file = vuln.location.file
        if file in left:
            left[file] -= vuln.cwes
    return left


def scanner_version(analyzer: Analyzer, ctx: AnalyzeContext) -> str:
    """The scanner's version, ``"unknown"`` (with a warning) when it cannot be read."""
    try:
        return analyzer.scanner_version(ctx)
    except SecscanError as exc:
        ctx.warn(f"could not read the scanner version: {exc}")
        return "unknown"
