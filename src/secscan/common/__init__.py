"""The analyzer SDK: what a plugin author imports to write a secscan analyzer.

Public names (covered by the compatibility promise of :data:`API_VERSION`) are those in
``__all__`` below, plus everything exported by :mod:`secscan.report`.
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
from .paths import PathFilter
from .pipeline import AnalyzerRun, ScanResult, scan, select
from .registry import available, discover
from .ruleset import AnalyzerRuleset, load_ruleset, synthesize
from .runners import ProcessResult, Runner, RunRequest, resolve_executable, stop_all
from .search import SearchResult, search

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
