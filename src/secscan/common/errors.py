"""The analyzer SDK's errors: configuration and analyzer failures (the tree is drawn in ``report.errors``)."""

from __future__ import annotations

from ..report.errors import EXIT_FINDINGS, EXIT_INCOMPLETE, EXIT_OK, EXIT_USAGE, SecscanError

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INCOMPLETE",
    "EXIT_OK",
    "EXIT_USAGE",
    "AnalyzerError",
    "ConfigError",
    "RuleError",
    "ScannerCrashedError",
    "ScannerNotFoundError",
    "ScannerOutputError",
    "ScannerTimeoutError",
    "SecscanError",
]


class ConfigError(SecscanError):
    """A flag, environment variable or configuration file has a bad value."""


class AnalyzerError(SecscanError):
    """An analyzer could not produce results (the scan is incomplete)."""

    exit_code = EXIT_INCOMPLETE


class ScannerNotFoundError(AnalyzerError):
    """The scanner executable is not installed or not on PATH."""


class ScannerCrashedError(AnalyzerError):
    """The scanner exited with a status that means it failed."""


class ScannerTimeoutError(AnalyzerError):
    """The scanner ran past ``SECSCAN_ANALYZER_TIMEOUT``."""


class ScannerOutputError(AnalyzerError):
    """The scanner's output could not be parsed."""


class RuleError(AnalyzerError):
    """The scanner rejected a rule or configuration file."""
