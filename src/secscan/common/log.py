"""Logging with ``SECURE_LOG_LEVEL``: rich on a terminal, plain GitLab-style lines in CI."""

from __future__ import annotations

import logging
import os
import sys

from rich.console import Console
from rich.logging import RichHandler

from ..report.text import printable

LEVELS = {
    "fatal": logging.CRITICAL,
    "error": logging.ERROR,
    "warn": logging.WARNING,
    "info": logging.INFO,
    "debug": logging.DEBUG,
}
_NAMES = {
    logging.CRITICAL: "FATA",
    logging.ERROR: "ERRO",
    logging.WARNING: "WARN",
    logging.INFO: "INFO",
    logging.DEBUG: "DEBU",
}


class _Printable(logging.Filter):
    """Escape control characters coming from scanned code (file names, scanner messages)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = printable(record.getMessage())
        record.args = None
        return True


class _PlainFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        stamp = self.formatTime(record, "%Y-%m-%dT%H:%M:%S")
        line = f"[{_NAMES.get(record.levelno, record.levelname)}] [secscan] [{stamp}] ▶ {record.getMessage()}"
        return f"{line}\n{self.formatException(record.exc_info)}" if record.exc_info else line


def setup(level: str = "info", stream=None) -> logging.Logger:
    """Configure the ``secscan`` logger once per process (re-configures on every call)."""
    logger = logging.getLogger("secscan")
    logger.handlers.clear()
    logger.propagate = False
    logger.setLevel(LEVELS.get(level, logging.INFO))
    stream = stream or sys.stderr
    if stream.isatty():
        handler: logging.Handler = RichHandler(
            console=Console(file=stream), show_path=False, show_time=False, markup=False
        )
    else:
        handler = logging.StreamHandler(stream)
        handler.setFormatter(_PlainFormatter())
    handler.addFilter(_Printable())
    logger.addHandler(handler)
    return logger


def get() -> logging.Logger:
    return logging.getLogger("secscan")


def ready() -> logging.Logger:
    """The ``secscan`` logger, set up from ``SECURE_LOG_LEVEL`` if no command has set it up yet
    (commands that read no configuration, errors raised before the configuration is read)."""
    logger = get()
    if not logger.handlers:
        setup(os.environ.get("SECURE_LOG_LEVEL", "info").strip().lower().replace("warning", "warn"))
    return logger
