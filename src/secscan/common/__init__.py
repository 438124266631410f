"""The analyzer SDK: what a plugin author imports to write a secscan analyzer.

Public names (covered by the compatibility promise of :data:`API_VERSION`) are those in
``__all__`` below, plus everything exported by :mod:`secscan.report`.
"""

from .analyzer import API_VERSION, AnalyzeContext, Analyzer, AnalyzerMetadata, ScannerMetadata
from .config import Config
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
from .runner import resolve_executable
from .search import SearchResult, search

__all__ = [
    "API_VERSION",
    "AnalyzeContext",
    "Analyzer",
    "AnalyzerError",
    "AnalyzerMetadata",
    "AnalyzerRun",
    "Config",
    "ConfigError",
    "EXIT_FINDINGS",
    "EXIT_INCOMPLETE",
    "EXIT_OK",
    "EXIT_USAGE",
    "PathFilter",
    "RuleError",
    "ScanResult",
    "ScannerCrashedError",
    "ScannerMetadata",
    "ScannerNotFoundError",
    "ScannerOutputError",
    "ScannerTimeoutError",
    "SearchResult",
    "SecscanError",
    "available",
    "discover",
    "resolve_executable",
    "scan",
    "search",
    "select",
]
