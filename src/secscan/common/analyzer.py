"""The analyzer contract: metadata plus match / analyze / convert, as in GitLab's Go analyzers."""

from __future__ import annotations

import logging
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from ..report.model import Identifier, Message, ReportType, ToolDetails, Vulnerability
from . import source
from .batches import partition
from .config import Config, executable_setting, settings_key
from .runners.base import ProcessResult, Runner, RunRequest, version_in
from .runners.local import LocalRunner

#: Version of the analyzer SDK (``secscan.common``). An analyzer may declare the version it
#: needs in ``AnalyzerMetadata.api_version``; a newer major or minor than this is refused.
API_VERSION = "1.3"

#: what an analyzer id looks like: lowercase letters and digits, words joined by ``-``
ANALYZER_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class ScannerMetadata:
    """The real scanner an analyzer wraps."""

    id: str
    name: str
    vendor: str
    url: str | None = None
    executable: str | None = None  # command name looked up beside Python, then on PATH
    version_args: tuple[str, ...] = ("--version",)
    version_pattern: str = r"(\d+\.\d+(?:\.\d+)?)"


@dataclass(frozen=True)
class AnalyzerMetadata:
    """Who an analyzer is: its id (the entry-point name), name, vendor and version, the scanner it
    wraps, its report type, the identifier types it emits as primary identifiers and the SDK
    version it was written for."""

    id: str
    name: str
    vendor: str
    version: str
    scanner: ScannerMetadata
    url: str | None = None
    report_type: ReportType = ReportType.SAST
    #: identifier types this analyzer emits as primary identifier (e.g. ``bandit_test_id``)
    primary_identifier_types: tuple[str, ...] = ()
    api_version: str = API_VERSION

    def analyzer_details(self) -> ToolDetails:
        return ToolDetails(id=self.id, name=self.name, version=self.version, vendor=self.vendor, url=self.url)

    def scanner_details(self, version: str) -> ToolDetails:
        s = self.scanner
        return ToolDetails(id=s.id, name=s.name, version=version, vendor=s.vendor, url=s.url)


T = TypeVar("T")

#: batches per worker in :meth:`AnalyzeContext.in_batches`: enough that the last batches balance
#: the cores' finishing times
BATCHES_PER_JOB = 3


@dataclass
class AnalyzeContext:
    """What an analyzer's steps get: the target, the files it matched, config, a scratch dir."""

    analyzer_id: str
    target: Path
    files: tuple[str, ...]
    config: Config
    workdir: Path
    messages: list[Message] = field(default_factory=list)
    #: set by ``analyze``/``convert`` when the scanner's output states its version (saves a process)
    scanner_version: str | None = None
    #: this analyzer's fair share of the CPU cores (all cores divided by the analyzers running
    #: in parallel, at least 1): a scanner with its own job count should use this many
    cores: int = 1
    #: ids of the analyzers that run in this scan, this one included (``secscan run``: just this one)
    peers: tuple[str, ...] = ()
    #: file -> CWE ids this analyzer decides for that file (see :meth:`decide`)
    decided: dict[str, frozenset[int]] = field(default_factory=dict)
    #: primary identifiers ``convert`` learned from the scanner's output (rules a SARIF log lists),
    #: listed in ``scan.primary_identifiers`` beside :meth:`Analyzer.primary_identifiers` (SDK 1.1)
    primary_identifiers: list[Identifier] = field(default_factory=list)
    #: where the scanner's processes run: this machine, or a container (``SECSCAN_RUNNER``,
    #: ``SECSCAN_<ID>_RUNNER``); the pipeline hands each context its analyzer's runner (SDK 1.2)
    runner: Runner = field(default_factory=LocalRunner)
    #: files the scanner did not finish (a per-file timeout): the result cache never keeps them
    #: (see :meth:`warn`; SDK 1.3)
    incomplete: set[str] = field(default_factory=set)

    def decide(self, path: str, cwes: Iterable[int]) -> None:
        """Declare that this analyzer's verdict on ``path`` is final for ``cwes``.

        An analyzer that follows data flow precisely (and so proves a finding impossible) calls
        this for each file it analyzed; the pipeline then drops other analyzers' findings on that
        file whose CWEs are all among ``cwes``, and says so in ``scan.messages``."""
        self.decided[path] = self.decided.get(path, frozenset()) | frozenset(cwes)

    def in_batches(self, jobs: int, work: Callable[[int, list[str]], T]) -> list[T]:
        """Run ``work(index, files)`` on ``jobs`` threads over size-balanced batches of ``files``
        (a few per job, largest first; one batch when ``jobs`` is 1 or the project is small), for
        scanners that check one file at a time. Results come back in batch order."""
        batches = partition(self.target, self.files, jobs * BATCHES_PER_JOB if jobs > 1 else 1)
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            return list(pool.map(lambda item: work(*item), enumerate(batches)))

    def warn(self, text: str, file: str | None = None, incomplete: bool = False) -> None:
        """Record a recoverable problem (shown in the log and in ``scan.messages``).

        ``file``: the project-relative file the problem is about; the text is shown after
        ``<file>: `` and the result cache keeps the message with that file. ``incomplete=True``:
        the scanner did not finish that file (a timeout), so its results are never cached (SDK 1.3)."""
        self.messages.append(_message("warn", text, file))
        if file is not None and incomplete:
            self.incomplete.add(file)

    def info(self, text: str, file: str | None = None) -> None:
        """Record a note for ``scan.messages`` (level ``info``); ``file`` as for :meth:`warn`."""
        self.messages.append(_message("info", text, file))

    def setting(self, name: str, default: str | None = None) -> str | None:
        """An analyzer-specific environment setting (e.g. ``SECSCAN_SEMGREP_RULES``), or ``default``
        when it is unset or empty."""
        return self.config.setting(name, default)

    def run(self, args: Sequence[str], ok_codes: Sequence[int] = (0,), nice: int = 0) -> ProcessResult:
        """Run a scanner in the target directory with the analyzer timeout, on this machine or in
        a container (:attr:`runner`); the scanner may write only in :attr:`workdir` when it runs
        in a container."""
        env = dict(os.environ)
        env.update(self.config.env)
        logger = logging.getLogger("secscan")
        shown = " ".join(args[:12]) + (f" ... ({len(args) - 12} more arguments)" if len(args) > 12 else "")
        logger.debug("%s: running %s", self.analyzer_id, shown)
        request = RunRequest(
            tuple(args),
            cwd=self.target,
            timeout=self.config.analyzer_timeout,
            ok_codes=ok_codes,
            env=env,
            name=self.analyzer_id,
            nice=nice,
            writable=(self.workdir,),
            cpus=self.cores,
        )
        result = self.runner.run(request)
        logger.debug("%s: exit status %d after %.1fs", self.analyzer_id, result.returncode, result.duration)
        if result.stderr.strip():
            logger.debug("%s: scanner stderr:\n%s", self.analyzer_id, result.stderr.strip()[-4000:])
        return result

    def source_lines(self, relpath: str, start: int | None, end: int | None = None) -> str | None:
        """Lines ``start`` to ``end`` (default: just ``start``) of a project file, for
        ``raw_source_code_extract``; ``None`` when the file or lines cannot be read."""
        return source.read_lines(self.target, relpath, start, end)

    def relative(self, path: str) -> str:
        """A scanner-reported path made relative to the target, POSIX style."""
        p = Path(path)
        if p.is_absolute():
            try:
                p = p.relative_to(self.target)
            except ValueError:
                return p.as_posix()
        text = p.as_posix()
        while text.startswith("./"):
            text = text[2:]
        return text


def _message(level: str, text: str, file: str | None) -> Message:
    return Message(level, f"{file}: {text}" if file is not None else text, file=file)


class Analyzer(ABC):
    """Subclass this, set ``metadata``, implement the three steps, register an entry point
    in the ``secscan.analyzers`` group. The pipeline does everything else.

    Set the class attribute ``cacheable = True`` when what the analyzer finds in a file depends
    on that file's content alone (and on the rules and settings :meth:`cache_key` covers): a
    rescan then runs the scanner only on changed files and takes the others' findings from the
    result cache. ``analyze`` gets just those files in ``ctx.files``. A message about one file
    must name it (``ctx.warn(text, file=path)``: the cache keeps it with the file, and a file the
    scanner did not finish is passed with ``incomplete=True``); other messages and
    ``ctx.primary_identifiers`` must not depend on which files are scanned.
    The default, ``False``, suits a scanner that looks across files (whole-program data flow, a
    command that scans the whole directory): it runs on every file every time."""

    metadata: ClassVar[AnalyzerMetadata]
    #: True when ``convert`` sets ``ctx.scanner_version`` from the scanner's output, so the
    #: pipeline does not start a process to ask for it.
    version_in_output: ClassVar[bool] = False
    #: True when findings in a file depend on that file alone: results are cached per file
    #: (see the class documentation and :mod:`secscan.common.engine.cache`). SDK 1.2.
    cacheable: ClassVar[bool] = False

    def configure(self, config: Config) -> None:  # noqa: B027 - an optional hook, empty by default
        """Called once per scan, before ``match``; read settings that decide matching here."""

    @abstractmethod
    def match(self, path: str) -> bool:
        """Does this project-relative file concern the analyzer?"""

    @abstractmethod
    def analyze(self, ctx: AnalyzeContext) -> bytes:
        """Run the scanner on ``ctx.files`` and return its raw output."""

    @abstractmethod
    def convert(self, raw: bytes, ctx: AnalyzeContext) -> list[Vulnerability]:
        """Turn the raw output into report vulnerabilities (ids are assigned later)."""

    def primary_identifiers(self, ctx: AnalyzeContext) -> list[Identifier]:
        """Every primary identifier this run's rules can emit (``scan.primary_identifiers``)."""
        return []

    def cache_key(self, config: Config) -> Any:
        """What, besides the file, the analyzer's code and the scanner's version, changes this
        analyzer's results: part of every result-cache key (any JSON value). Called after
        :meth:`configure`. The default covers every ``SECSCAN_<ID>_*`` setting except ``_JOBS``
        and ``_EXECUTABLE``, a setting that names a file or directory by its content; add the
        rules the analyzer loads from elsewhere (SDK 1.2)."""
        return settings_key(self.metadata.id, config)

    def executable(self, ctx: AnalyzeContext) -> str:
        """The scanner executable; ``SECSCAN_<ID>_EXECUTABLE`` overrides the lookup."""
        meta = self.metadata.scanner
        setting = executable_setting(self.metadata.id)
        return ctx.runner.executable(meta.executable or meta.id, ctx.setting(setting), setting)

    def scanner_version(self, ctx: AnalyzeContext) -> str:
        """The scanner's version, from its ``--version`` output (read once per installed scanner)."""
        meta = self.metadata.scanner
        text = ctx.runner.cached_output(self.executable(ctx), meta.version_args, timeout=ctx.config.analyzer_timeout)
        return version_in(text, meta.version_pattern)
