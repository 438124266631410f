"""Which of the searched files a scan covers: never secscan's own outputs, the one file of a file
target, ``SAST_INCLUDED_PATHS``, an explicit file list (diff-aware scans), no minified files
(unless ``SECSCAN_SCAN_MINIFIED=true``) and one shard of N (``--shard K/N``).

Every rule here decides per file, so the findings of the shards of a project, merged, are the
findings of the whole project: deduplication across analyzers, final verdicts and inline ignores
all work within one file, and a file is in exactly one shard.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ...report.model import Message
from ..analyzer import Analyzer
from ..batches import balance
from ..config import Config
from ..errors import ConfigError
from . import minified
from .paths import PathFilter, normalise_path
from .search import some

#: what secscan writes into a project (reports, the ``.secscan`` result cache and database)
OWN_OUTPUTS = ("**/gl-*-report.json", "**/.secscan")

_SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


@dataclass(frozen=True)
class Shard:
    """Shard ``index`` (1-based, like GitLab's ``CI_NODE_INDEX``) of ``total`` (``CI_NODE_TOTAL``)."""

    index: int
    total: int

    def __str__(self) -> str:
        return f"{self.index}/{self.total}"


def parse_shard(text: str) -> Shard:
    """``"2/4"`` -> ``Shard(2, 4)``; anything else is a :class:`ConfigError`."""
    match = _SHARD.match(text or "")
    if not match:
        raise ConfigError(f"--shard {text!r}: give K/N, e.g. --shard 2/4 or --shard $CI_NODE_INDEX/$CI_NODE_TOTAL")
    index, total = int(match.group(1)), int(match.group(2))
    if total < 1 or not 1 <= index <= total:
        raise ConfigError(f"--shard {text!r}: K must be between 1 and N (N at least 1)")
    return Shard(index, total)


@dataclass(frozen=True)
class Scope:
    """Restrictions on the files a scan covers, beyond search and excluded paths."""

    #: only these project-relative files (``None``: no such restriction)
    files: frozenset[str] | None = None
    #: one shard of the files the analyzers match
    shard: Shard | None = None
    #: what the file list is, for the scan message (e.g. "changed since merge-base abc1234")
    files_reason: str = ""
    #: the files this command writes (``-o``, ``--sarif-output``): never scan input
    outputs: tuple[Path, ...] = ()


def own_outputs(target: Path, outputs: Iterable[Path] = ()) -> Callable[[str], bool]:
    """A test for project-relative paths: is it one of secscan's own outputs under ``target``
    (:data:`OWN_OUTPUTS`, or one of the ``outputs`` paths)? A report written into the project is
    never scanned, nor counted as a changed file by the next diff-aware scan."""
    reports = PathFilter(OWN_OUTPUTS)
    resolved = (Path(path).resolve() for path in outputs)
    exact = {path.relative_to(target).as_posix() for path in resolved if path.is_relative_to(target)}
    return lambda rel: rel in exact or reports.excludes(rel)


def shard_files(target: Path, files: Sequence[str], analyzers: Sequence[Analyzer], shard: Shard) -> list[str]:
    """The files of ``shard``: the files some analyzer matches, split into ``shard.total`` groups
    of similar weight (size in bytes times the number of analyzers that scan the file), heaviest
    group first. The split depends only on the paths, their sizes and the analyzers, not on the
    order of a directory walk or the machine, so every CI node computes the same groups."""
    weighted = []
    for rel in files:
        scanners = sum(1 for a in analyzers if a.match(rel))
        if not scanners:
            continue
        try:
            size = (target / rel).stat().st_size
        except OSError:
            size = 0
        weighted.append((max(1, size) * scanners, rel))
    return balance(weighted, shard.total)[shard.index - 1]


def select_files(
    config: Config, candidates: Sequence[str], analyzers: Sequence[Analyzer], scope: Scope | None
) -> tuple[list[str], list[Message]]:
    """Narrow the searched, not excluded ``candidates`` to the scan's scope, with an ``info``
    message for each restriction that applied."""
    own = own_outputs(config.target, scope.outputs if scope else ())
    kept = [f for f in candidates if not own(f)]
    if config.target_file is not None:
        kept = [f for f in kept if f == config.target_file]
    messages: list[Message] = []
    if config.included_paths:
        before = len(kept)
        included = PathFilter(config.included_paths)  # "excludes" = matches, with the same globs
        kept = [f for f in kept if included.excludes(f)]
        messages.append(
            Message(
                "info",
                f"SAST_INCLUDED_PATHS={', '.join(config.included_paths)}: {len(kept)} of {before} files in scope",
            )
        )
    if scope is not None and scope.files is not None:
        wanted = {normalise_path(f) for f in scope.files}
        before = len(kept)
        kept = [f for f in kept if f in wanted]
        reason = f" ({scope.files_reason})" if scope.files_reason else ""
        messages.append(Message("info", f"partial scan: {len(kept)} of {before} files in scope{reason}"))
    kept = drop_minified(config, kept, analyzers, messages)
    if scope is not None and scope.shard is not None:
        before = len(kept)
        kept = shard_files(config.target, kept, analyzers, scope.shard)
        messages.append(
            Message(
                "info",
                f"shard {scope.shard}: {len(kept)} of the files the analyzers match "
                f"(of {before} files; shards are balanced by file size)",
            )
        )
    return kept, messages


def drop_minified(
    config: Config, files: list[str], analyzers: Sequence[Analyzer], messages: list[Message]
) -> list[str]:
    """``files`` without the minified files some analyzer would scan (common.minified), saying
    which in ``messages``; all of them with ``SECSCAN_SCAN_MINIFIED=true`` or for a file target."""
    if config.target_file is not None or not minified.skips_minified(config):
        return files
    skipped = [f for f in files if any(a.match(f) for a in analyzers) and minified.is_minified(config.target, f)]
    if skipped:
        messages.append(
            Message(
                "info",
                f"{len(skipped)} minified or bundled file(s) not scanned (set {minified.SETTING}=true to scan "
                f"them): {some(skipped)}",
            )
        )
    dropped = set(skipped)
    return [f for f in files if f not in dropped]
