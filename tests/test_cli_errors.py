"""The error tree and the CLI's one mapping from error to exit code (issue 19), and the details an
internal error prints at ``SECURE_LOG_LEVEL=debug`` and only then (issue 20 item 11)."""

from __future__ import annotations

import logging

import pytest
from click.testing import CliRunner

import secscan.cli.main as main
from secscan.common import errors as common_errors
from secscan.common.engine.gitdiff import GitError
from secscan.policy import PolicyError
from secscan.report import errors as report_errors
from secscan.store import StoreError

ROOT = report_errors.SecscanError
EVERY_ERROR = [
    report_errors.ReportError,
    report_errors.ReportInvalidError,
    common_errors.ConfigError,
    GitError,
    common_errors.AnalyzerError,
    common_errors.ScannerNotFoundError,
    common_errors.ScannerCrashedError,
    common_errors.ScannerTimeoutError,
    common_errors.ScannerOutputError,
    common_errors.RuleError,
    StoreError,
    PolicyError,
]


@pytest.mark.parametrize("error", EVERY_ERROR, ids=lambda e: e.__name__)
def test_every_error_has_the_one_root_and_carries_its_exit_code(error: type[Exception]) -> None:
    assert issubclass(error, ROOT)
    assert error.exit_code in (2, 3)
    assert error.__name__ in report_errors.__doc__, "the tree in report.errors' docstring names every error"


def test_the_sdk_names_the_same_root() -> None:
    assert common_errors.SecscanError is ROOT
    assert common_errors.EXIT_USAGE == report_errors.EXIT_USAGE == 2


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (StoreError("db.sqlite: no such vulnerability 7"), 2),
        (PolicyError("policy.yml: rules[0]: bad"), 2),
        (report_errors.ReportInvalidError(main.Path("r.json"), ["bad"]), 3),
        (common_errors.ScannerCrashedError("bandit crashed"), 3),
    ],
)
def test_the_cli_maps_any_error_to_its_own_code(monkeypatch: pytest.MonkeyPatch, error: Exception, code: int) -> None:
    def broken(language):
        raise error

    monkeypatch.setattr(main, "catalog", broken)
    result = CliRunner().invoke(main.cli, ["rules", "list"])
    assert result.exit_code == code, result.output
    assert result.output.strip().splitlines() == [f"secscan: error: {error}"]


def _internal_error(monkeypatch: pytest.MonkeyPatch, level: str | None):
    def broken(language):
        raise RuntimeError("a bug")

    logging.getLogger("secscan").handlers.clear()  # as in a fresh process: set up by the command
    monkeypatch.setattr(main, "catalog", broken)
    if level:
        monkeypatch.setenv("SECURE_LOG_LEVEL", level)
    else:
        monkeypatch.delenv("SECURE_LOG_LEVEL", raising=False)
    try:
        return CliRunner().invoke(main.cli, ["rules", "list", "--language", "python"])
    finally:
        logging.getLogger("secscan").handlers.clear()


def test_debug_level_prints_the_traceback_and_its_context(monkeypatch: pytest.MonkeyPatch) -> None:
    result = _internal_error(monkeypatch, "debug")
    assert result.exit_code == 3
    assert "Traceback (most recent call last)" in result.output
    assert 'raise RuntimeError("a bug")' in result.output
    assert "secscan rules list --language python" in result.output, "the command that failed"
    assert "Python " in result.output
    assert "SECURE_LOG_LEVEL=debug" not in result.output, "no advice to do what was done"
    assert result.output.strip().splitlines()[-1].startswith("secscan: error: internal error: RuntimeError: a bug")


def test_other_levels_print_one_line_and_say_how_to_see_more(monkeypatch: pytest.MonkeyPatch) -> None:
    result = _internal_error(monkeypatch, None)
    assert result.exit_code == 3
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "set SECURE_LOG_LEVEL=debug for details" in lines[0]
