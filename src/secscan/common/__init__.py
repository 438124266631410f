"""The analyzer SDK: what a plugin author imports to write a secscan analyzer.

Public names (covered by the compatibility promise of :data:`API_VERSION`) are those in
``__all__`` below, plus everything exported by :mod:`secscan.report`.

The package has two floors. The modules beside this file are the SDK a plugin author reads:
``analyzer`` (the contract and its context), ``config`` (settings and their names), ``errors``,
``runners/`` (where scanner processes run), ``batches``, ``source`` and ``log``. The scan engine
that drives analyzers stands on them in ``engine/`` (search, path filters, scope, the pipeline and
its step, the result cache, rulesets, inline ignores, tracking, diff scans, the pre-push hook). The
SDK never imports the engine (a test holds the line); this door re-exports the few engine names a
plugin or a program embedding secscan calls (``scan``, ``select``, ``search``, rulesets).
"""

from .analyzer import API_VERSION, AnalyzeContext, Analyzer, AnalyzerMetadata, ScannerMetadata
from .config import (
    Config,
    analyzer_setting,
    digest_path,
    executable_setting,
    parse_bool,
    parse_int,
    parse_seconds,
    settings_key,
)
from .engine.paths import PathFilter
from .engine.pipeline import AnalyzerRun, ScanResult, scan, select
from .engine.registry import available, discover
from .engine.ruleset import AnalyzerRuleset, load_ruleset, synthesize
from .engine.search import SearchResult, search
from .errors import (
    EXIT_FINDINGS,
    EXIT_INCOMPLETE,
    EXIT_OK,
    EXIT_USAGE,
    AnalyzerError,
    ConfigError,
    RuleError,
    ScannerCrashedError,
    ScannerNotFoundError,
    ScannerOutputError,
    ScannerTimeoutError,
    SecscanError,
)
from .runners import ProcessResult, Runner, RunRequest, resolve_executable, stop_all

__all__ = [
    "API_VERSION",
    "AnalyzeContext",
    "Analyzer",
    "AnalyzerError",
    "AnalyzerMetadata",
    "AnalyzerRuleset",
    "AnalyzerRun",
    "Config",
    "ConfigError",
    "EXIT_FINDINGS",
    "EXIT_INCOMPLETE",
    "EXIT_OK",
    "EXIT_USAGE",
    "PathFilter",
    "ProcessResult",
    "RuleError",
    "RunRequest",
    "Runner",
    "ScanResult",
    "ScannerCrashedError",
    "ScannerMetadata",
    "ScannerNotFoundError",
    "ScannerOutputError",
    "ScannerTimeoutError",
    "SearchResult",
    "SecscanError",
    "analyzer_setting",
    "available",
    "digest_path",
    "discover",
    "executable_setting",
    "load_ruleset",
    "parse_bool",
    "parse_int",
    "parse_seconds",
    "resolve_executable",
    "scan",
    "search",
    "select",
    "settings_key",
    "stop_all",
    "synthesize",
]
