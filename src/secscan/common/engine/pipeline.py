"""The scan pipeline every analyzer shares, read top to bottom (GitLab's ``command`` package).

configure (and load the custom ruleset) -> search -> exclude paths -> match -> analyze (analyzers
in parallel) -> convert -> exclude paths -> custom ruleset (disable, override) -> ids -> drop exact
duplicates -> inline ignores -> final verdicts across analyzers -> tracking signatures -> dedupe
across analyzers -> sort -> fill ``scan`` -> (caller) validate and write.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Protocol

from ... import __version__
from ...report.model import (
    Identifier,
    Message,
    Report,
    ReportType,
    Scan,
    Severity,
    Suppression,
    ToolDetails,
    Vulnerability,
    now,
)
from ...report.process import combine, merged_message, unique_identifiers
from .. import log
from ..analyzer import AnalyzeContext, Analyzer
from ..config import Config
from ..errors import EXIT_FINDINGS, EXIT_INCOMPLETE, EXIT_OK, ConfigError, SecscanError
from ..runners import Runner, runner_for, stop_all
from . import cache, ignores, scratch, tracking
from .paths import PathFilter
from .ruleset import Ruleset, load_ruleset
from .scope import Scope, select_files
from .search import search
from .step import step

SECSCAN = ToolDetails(
    id="secscan",
    name="secscan",
    version=__version__,
    vendor="secscan",
    url="https://github.com/secscan/secscan",
)


@dataclass
class AnalyzerRun:
    """What one analyzer did in a scan."""

    analyzer: Analyzer
    files: tuple[str, ...]
    status: str = "success"  # success | failure
    vulnerabilities: list[Vulnerability] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    scanner_version: str = "unknown"
    primary_identifiers: list[Identifier] = field(default_factory=list)
    error: str | None = None
    #: file -> CWEs this analyzer's verdict is final for (AnalyzeContext.decide)
    decided: dict[str, frozenset[int]] = field(default_factory=dict)
    start_time: datetime | None = None
    end_time: datetime | None = None
    duration: float = 0.0

    @property
    def id(self) -> str:
        return self.analyzer.metadata.id

    def report(self) -> Report:
        """This analyzer's own report (``secscan run`` and ``--split``)."""
        meta = self.analyzer.metadata
        return Report(
            scan=Scan(
                analyzer=meta.analyzer_details(),
                scanner=meta.scanner_details(self.scanner_version),
                type=meta.report_type,
                start_time=self.start_time or now(),
                end_time=self.end_time or now(),
                status=self.status,
                messages=tuple(self.messages),
                primary_identifiers=tuple(self.primary_identifiers),
            ),
            vulnerabilities=tuple(self.vulnerabilities),
        )


@dataclass
class ScanResult:
    """What :func:`scan` returns: one :class:`AnalyzerRun` per analyzer, the merged report and messages."""

    config: Config
    runs: list[AnalyzerRun]
    files_searched: int
    messages: list[Message]
    report: Report
    #: findings silenced by ``secscan: ignore`` comments (for SARIF ``suppressions``)
    suppressed: list[Suppression] = field(default_factory=list)

    def scanners(self) -> dict[str, ToolDetails]:
        """Scanner id -> the scanner's details with the version this scan ran (for SARIF drivers)."""
        return {
            r.analyzer.metadata.scanner.id: r.analyzer.metadata.scanner_details(r.scanner_version) for r in self.runs
        }

    @property
    def failed(self) -> list[AnalyzerRun]:
        return [r for r in self.runs if r.status == "failure"]

    def exit_code(self, fail_on: Severity | None = None) -> int:
        if self.failed:
            return EXIT_INCOMPLETE
        if fail_on is not None and any(v.severity.rank >= fail_on.rank for v in self.report.vulnerabilities):
            return EXIT_FINDINGS
        return EXIT_OK


class Listener(Protocol):
    """Progress callbacks (the CLI renders them; tests may record them)."""

    def searched(self, files: int) -> None: ...
    def started(self, analyzer_id: str, files: int) -> None: ...
    def finished(self, run: AnalyzerRun) -> None: ...


class _Quiet:
    def searched(self, files: int) -> None:
        pass

    def started(self, analyzer_id: str, files: int) -> None:
        pass

    def finished(self, run: AnalyzerRun) -> None:
        pass


def select(installed: dict[str, Analyzer], config: Config, report_type: ReportType | None = None) -> list[Analyzer]:
    """The analyzers a scan may run: ``--analyzers`` (if given) minus ``--exclude-analyzers``."""
    for name in (*config.analyzers, *config.excluded_analyzers):
        if name not in installed:
            known = ", ".join(installed) or "none"
            raise ConfigError(f"unknown analyzer {name!r}; installed analyzers: {known}")
    chosen = [a for aid, a in installed.items() if not config.analyzers or aid in config.analyzers]
    chosen = [a for a in chosen if a.metadata.id not in config.excluded_analyzers]
    if report_type is not None:
        chosen = [a for a in chosen if a.metadata.report_type == report_type]
    return chosen


def scan(
    config: Config,
    analyzers: Sequence[Analyzer],
    listener: Listener | None = None,
    report_type: ReportType = ReportType.SAST,
    scope: Scope | None = None,
) -> ScanResult:
    """Run ``analyzers`` on ``config.target`` and build the merged report (not yet written);
    ``scope`` (and ``SAST_INCLUDED_PATHS``) narrow the files it covers (common.scope)."""
    listener = listener or _Quiet()
    logger = log.get()
    start = now()
    messages: list[Message] = []

    # configuration errors (bad settings, unreadable rules, invalid ruleset file) before any work
    runners: dict[str, Runner] = {}
    for analyzer in analyzers:
        analyzer.configure(config)
        runners[analyzer.metadata.id] = runner_for(config, analyzer.metadata.id)  # SECSCAN_RUNNER, Docker settings
    rules = load_ruleset(config)
    results = cache.open_cache(config)  # its settings' errors, like the others, before any work

    # search, then exclude paths before any scanner sees a file
    found = search(config.target, config.max_depth, config.ignored_dirs, config.ignore_hidden_dirs, config.target_file)
    excluded = PathFilter(config.excluded_paths)
    candidates = [f for f in found.files if not excluded.excludes(f)]
    candidates, scoped = select_files(config, candidates, analyzers, scope)
    messages.extend(scoped)
    listener.searched(len(found.files))
    logger.debug("searched %d files, %d after excluded paths", len(found.files), len(candidates))
    if found.too_deep:
        messages.append(
            Message(
                "info",
                f"{found.too_deep} directories deeper than SEARCH_MAX_DEPTH={config.max_depth} were not searched",
            )
        )
    for path in found.unreadable:
        messages.append(Message("warn", f"{path}: directory could not be read and was skipped; check its permissions"))
    messages.extend(found.notes())  # special files, bad links, unreadable files, non-UTF-8 names

    # match
    matched: list[tuple[Analyzer, tuple[str, ...]]] = []
    for analyzer in analyzers:
        files = tuple(f for f in candidates if analyzer.match(f))
        if files:
            matched.append((analyzer, files))
        else:
            logger.info("%s: no match, skipped", analyzer.metadata.id)
    if not matched:
        names = ", ".join(a.metadata.id for a in analyzers) or "none"
        messages.append(Message("info", f"no match: no file of the project concerns the selected analyzers ({names})"))

    # analyze + convert, analyzers in parallel
    runs: list[AnalyzerRun] = []
    if matched:
        with ThreadPoolExecutor(max_workers=len(matched)) as pool:
            cores = max(1, (os.cpu_count() or 1) // len(matched))
            peers = tuple(a.metadata.id for a, _ in matched)
            with scratch.run_directory() as workdirs:
                futures = [
                    pool.submit(
                        _run_one,
                        a,
                        files,
                        config,
                        listener,
                        excluded,
                        Placement(cores, peers, runners[a.metadata.id], workdirs),
                        rules,
                        results,
                    )
                    for a, files in matched
                ]
                try:
                    runs = [f.result() for f in futures]
                except BaseException:  # Ctrl-C, SIGTERM: stop the scanners so the worker threads can end
                    stop_all()
                    raise

    suppressed = apply_inline_ignores(config, runs, messages)
    apply_decisions(runs)
    if report_type == ReportType.SAST:
        suppressed = add_tracking(config.target, runs, suppressed)
    report = merge(runs, messages, start, now(), report_type)
    if results is not None:  # said on the terminal, not in the report: a warm scan writes the cold scan's report
        results.evict()
        summary = results.summary()
        messages.extend([summary] if summary else [])
    return ScanResult(
        config=config,
        runs=runs,
        files_searched=len(found.files),
        messages=messages,
        report=report,
        suppressed=suppressed,
    )


@dataclass(frozen=True)
class Placement:
    """Where one analyzer runs in a scan: its share of the cores, the analyzers beside it, its
    runner and the scan's scratch directory (its own work directory goes inside)."""

    cores: int
    peers: tuple[str, ...]
    runner: Runner
    scratch: Path


def _run_one(
    analyzer: Analyzer,
    files: tuple[str, ...],
    config: Config,
    listener: Listener,
    excluded: PathFilter,
    placement: Placement,
    rules: Ruleset | None = None,
    results: cache.ResultCache | None = None,
) -> AnalyzerRun:
    meta = analyzer.metadata
    run = AnalyzerRun(analyzer=analyzer, files=files, start_time=now())
    listener.started(meta.id, len(files))
    started = time.monotonic()
    logger = log.get()
    where = placement.runner.describe()
    before = [Message("info", f"scanner ran in {where}")] if where is not None else []
    with scratch.work_directory(placement.scratch, meta.id) as workdir:
        ctx = AnalyzeContext(
            analyzer_id=meta.id,
            target=config.target,
            files=files,
            config=config,
            workdir=workdir,
            cores=placement.cores,
            peers=placement.peers or (meta.id,),
            runner=placement.runner,
        )
        try:
            with ThreadPoolExecutor(max_workers=1) as side:
                # The rule inventory (and the version, unless the output states it) are read
                # while the scanner runs.
                identifiers = side.submit(analyzer.primary_identifiers, ctx)
                section = rules.section(meta.id) if rules else None
                result = cache.cached(results, analyzer, ctx, rules, step(analyzer, excluded, section, side))
                run.primary_identifiers = [*identifiers.result(), *result.primary_identifiers]
            run.scanner_version = result.scanner_version
            run.vulnerabilities = list(result.vulnerabilities)
            messages, run.decided = list(result.messages), dict(result.decided)
        except SecscanError as exc:
            run.status, run.error = "failure", str(exc)
        except Exception as exc:  # a bug in an analyzer must not lose the other analyzers' results
            logger.debug("analyzer %s raised", meta.id, exc_info=True)
            run.status, run.error = "failure", f"internal error in analyzer {meta.id}: {type(exc).__name__}: {exc}"
    if run.error:
        messages, run.decided = list(ctx.messages), {}
    run.messages = before + (cache.in_file_order(messages, files) if analyzer.cacheable else messages)
    for message in run.messages:
        (logger.warning if message.level == "warn" else logger.info)("%s: %s", meta.id, message.value)
    if run.error:
        run.messages.append(Message("fatal", f"analyzer {meta.id} failed: {run.error}"))
        logger.error("%s failed: %s", meta.id, run.error)
    run.duration = time.monotonic() - started
    run.end_time = now()
    listener.finished(run)
    return run


def apply_inline_ignores(config: Config, runs: Sequence[AnalyzerRun], messages: list[Message]) -> list[Suppression]:
    """Take the findings ``secscan: ignore`` comments silence out of every run; report the
    ignores that matched nothing. With ``--no-inline-ignores`` only say that they were off."""
    if not config.inline_ignores:
        messages.append(
            Message("info", "inline ignores are off: secscan: ignore, nosec and nosemgrep comments were not honoured")
        )
        return []
    found, problems = ignores.find_ignores(config.target, {f for run in runs for f in run.files})
    messages.extend(problems)
    if not found:
        return []
    suppressed: list[Suppression] = []
    for run in runs:
        run.vulnerabilities, silenced = ignores.apply_ignores(run.vulnerabilities, found)
        suppressed.extend(silenced)
    kept, copies = ignores.suppress_copies([run.vulnerabilities for run in runs], suppressed)
    for run, vulns in zip(runs, kept, strict=True):
        run.vulnerabilities = vulns
    suppressed.extend(copies)
    messages.extend(ignores.report_ignores(found, len(suppressed)))
    return suppressed


def add_tracking(target: Path, runs: Sequence[AnalyzerRun], suppressed: Sequence[Suppression]) -> list[Suppression]:
    """Tracking signatures for every finding of every run (and the ignored ones, for SARIF),
    parsing each file once. Returns the suppressions with their findings tracked."""
    vulns = [v for run in runs for v in run.vulnerabilities] + [s.vulnerability for s in suppressed]
    tracked = iter(tracking.add_tracking(target, vulns))
    for run in runs:
        run.vulnerabilities = [next(tracked) for _ in run.vulnerabilities]
    return [replace(s, vulnerability=next(tracked)) for s in suppressed]


def apply_decisions(runs: Sequence[AnalyzerRun]) -> None:
    """Drop findings that an analyzer with a final verdict on their file and CWEs did not make.

    A finding goes only when every CWE it names is decided for its file by another analyzer
    that succeeded; findings without a CWE are always kept. The message says which of them the
    decider reports itself (same file, lines and weakness) and on which it found no path."""
    for run in runs:
        deciders = [other for other in runs if other is not run and other.decided]
        if not deciders:
            continue
        kept, dropped = [], Counter()
        for vuln in run.vulnerabilities:
            cwes = vuln.cwes
            decider = next(
                (d for d in deciders if cwes and cwes <= d.decided.get(vuln.location.file, frozenset())), None
            )
            if decider is None:
                kept.append(vuln)
            else:
                dropped[decider.id, any(_same_weakness(vuln, own) for own in decider.vulnerabilities)] += 1
        run.vulnerabilities = kept
        for (decider_id, reported), count in sorted(dropped.items()):
            why = "reports the same weakness there itself" if reported else "found no path for their CWEs"
            run.messages.append(
                Message(
                    "info", f"{count} finding(s) left out: {decider_id} followed the data flow on their files and {why}"
                )
            )


def _same_weakness(vuln: Vulnerability, other: Vulnerability) -> bool:
    """Same file, overlapping lines, a CWE in common."""
    a, b = vuln.location, other.location
    lines_overlap = a.start_line <= (b.end_line or b.start_line) and b.start_line <= (a.end_line or a.start_line)
    return a.file == b.file and lines_overlap and bool(vuln.cwes & other.cwes)


def merge(
    runs: Sequence[AnalyzerRun],
    messages: Sequence[Message],
    start: datetime,
    end: datetime,
    report_type: ReportType = ReportType.SAST,
) -> Report:
    """One report for the whole scan, naming secscan as analyzer and scanner.

    Each finding keeps its real scanner in ``vulnerability.scanner`` and its identifiers.
    """
    vulns, merged = combine((v for run in runs for v in run.vulnerabilities), report_type.value)
    all_messages = list(messages)
    if merged:
        all_messages.append(merged_message(merged))
    for run in runs:
        all_messages.extend(Message(m.level, f"[{run.id}] {m.value}") for m in run.messages)
    status = "failure" if any(r.status == "failure" for r in runs) else "success"
    return Report(
        scan=Scan(
            analyzer=SECSCAN,
            scanner=SECSCAN,
            type=report_type,
            start_time=start,
            end_time=end,
            status=status,
            messages=tuple(all_messages),
            primary_identifiers=tuple(unique_identifiers(i for r in runs for i in r.primary_identifiers)),
        ),
        vulnerabilities=tuple(vulns),
    )
