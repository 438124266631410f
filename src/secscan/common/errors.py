"""Errors and exit codes shared by the pipeline, the analyzers and the CLI."""

from __future__ import annotations

#: Scan finished; nothing at or above ``--fail-on``.
EXIT_OK = 0
#: Findings at or above ``--fail-on`` (or, later, a policy requires approval).
EXIT_FINDINGS = 1
#: Usage, configuration or input error: nothing was scanned.
EXIT_USAGE = 2
#: Scan incomplete: an analyzer failed; the report is still written with ``scan.status: failure``.
EXIT_INCOMPLETE = 3


class SecscanError(Exception):
    """Base class: a one-line message for the user and the exit code that goes with it."""

    exit_code = EXIT_USAGE


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
