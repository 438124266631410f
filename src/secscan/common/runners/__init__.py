"""Where scanner processes run: one :class:`Runner` base class and a request object
(:mod:`.base`), this machine (:mod:`.local`) or a Docker container (:mod:`.docker`)."""

from __future__ import annotations

from ..config import Config, analyzer_setting
from ..errors import ConfigError
from .base import ProcessResult, Runner, RunRequest, on_stop, stop_all, stopping, version_in
from .docker import DockerRunner
from .local import LocalRunner, cached_output, read_version, resolve_executable

RUNNERS = ("local", "docker")

__all__ = [
    "RUNNERS",
    "DockerRunner",
    "LocalRunner",
    "ProcessResult",
    "RunRequest",
    "Runner",
    "cached_output",
    "on_stop",
    "read_version",
    "resolve_executable",
    "runner_for",
    "runner_name",
    "runner_setting",
    "stop_all",
    "stopping",
    "version_in",
]


def runner_setting(analyzer_id: str) -> str:
    """``SECSCAN_<ID>_RUNNER``: the runner of one analyzer."""
    return analyzer_setting(analyzer_id, "RUNNER")


def runner_name(config: Config, analyzer_id: str) -> str:
    """``local`` or ``docker`` for this analyzer: ``SECSCAN_<ID>_RUNNER``, else ``SECSCAN_RUNNER``,
    else ``local``; :class:`ConfigError` for any other value."""
    for setting in (runner_setting(analyzer_id), "SECSCAN_RUNNER"):
        value = config.setting(setting)
        if value is not None:
            name = value.strip().lower()
            if name not in RUNNERS:
                raise ConfigError(f"{setting}={value!r} is not a runner; use {' or '.join(RUNNERS)}")
            return name
    return "local"


def runner_for(config: Config, analyzer_id: str) -> Runner:
    """The runner of ``analyzer_id``'s scanner processes in this configuration (its settings
    checked: a bad one is a :class:`ConfigError`)."""
    if runner_name(config, analyzer_id) == "docker":
        return DockerRunner.from_config(config, analyzer_id)
    return LocalRunner()
