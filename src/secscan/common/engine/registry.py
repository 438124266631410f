"""Discover analyzers through the ``secscan.analyzers`` entry-point group (built-ins included),
and the zero-code SARIF analyzers a project declares."""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path

from ..analyzer import API_VERSION, AnalyzeContext, Analyzer
from ..config import Config
from ..errors import ConfigError, SecscanError
from ..runners import runner_for
from .sarif_analyzers import analyzers_file, load_sarif_analyzers

GROUP = "secscan.analyzers"
log = logging.getLogger("secscan")


@dataclass(frozen=True)
class BrokenPlugin:
    name: str
    error: str


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split(".") if p.isdigit())


def check_api_version(analyzer_cls: type[Analyzer]) -> str | None:
    """An error message when the plugin needs a newer SDK than this secscan provides."""
    wanted = _version_tuple(getattr(analyzer_cls.metadata, "api_version", API_VERSION))
    have = _version_tuple(API_VERSION)
    if wanted[:1] != have[:1] or wanted > have:
        needed = ".".join(map(str, wanted))
        return f"needs secscan analyzer API {needed}, this secscan provides {API_VERSION}; upgrade secscan"
    return None


def discover(group: str = GROUP) -> tuple[dict[str, Analyzer], list[BrokenPlugin]]:
    """Installed analyzers by id, sorted by id, and the plugins that failed to load."""
    found: dict[str, Analyzer] = {}
    broken: list[BrokenPlugin] = []
    for ep in sorted(entry_points(group=group), key=lambda e: e.name):
        try:
            cls = ep.load()
            problem = check_api_version(cls)
            if problem:
                broken.append(BrokenPlugin(ep.name, problem))
                continue
            analyzer = cls()
        except Exception as exc:  # a broken plugin must not break secscan
            broken.append(BrokenPlugin(ep.name, f"failed to load ({type(exc).__name__}: {exc})"))
            continue
        found[analyzer.metadata.id] = analyzer
    return dict(sorted(found.items())), broken


def available(config: Config) -> tuple[dict[str, Analyzer], list[BrokenPlugin]]:
    """The installed analyzers (:func:`discover`) plus the zero-code SARIF analyzers the scanned
    project declares (:mod:`.sarif_analyzers`), by id; :class:`ConfigError` when a declared id
    is an installed analyzer's."""
    installed, broken = discover()
    path = analyzers_file(config.target, config.env)
    declared = load_sarif_analyzers(path)
    taken = sorted(set(installed) & set(declared))
    if taken:
        raise ConfigError(f"{path}: analyzer id {taken[0]!r} is an installed analyzer's; choose another id")
    return dict(sorted({**installed, **declared}.items())), broken


@dataclass(frozen=True)
class AnalyzerStatus:
    """Whether an installed analyzer can run here, and with which scanner."""

    id: str
    name: str
    report_type: str
    scanner: str
    usable: bool
    executable: str | None = None
    scanner_version: str | None = None
    problem: str | None = None


def probe(analyzer: Analyzer, config: Config) -> AnalyzerStatus:
    """Find the analyzer's scanner and read its version (one short process)."""
    meta = analyzer.metadata
    base = dict(id=meta.id, name=meta.name, report_type=meta.report_type.value, scanner=meta.scanner.name)
    with tempfile.TemporaryDirectory(prefix="secscan-probe-") as tmp:
        ctx = AnalyzeContext(meta.id, config.target, (), config, Path(tmp), runner=runner_for(config, meta.id))
        try:
            executable = analyzer.executable(ctx)
            version = analyzer.scanner_version(ctx)
        except SecscanError as exc:
            return AnalyzerStatus(**base, usable=False, problem=str(exc))
    return AnalyzerStatus(**base, usable=True, executable=executable, scanner_version=version)
