"""What every runner shares: the request to run a scanner, its result, the base class, and the stop switch."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

_stopping = threading.Event()
_stop_hooks: list[Callable[[], None]] = []  # each runner's "kill what you started" (see on_stop)


@dataclass(frozen=True)
class RunRequest:
    """One scanner process to run: the argument list (never through a shell), where, for how long
    and which exit statuses mean success. ``name`` labels errors; ``nice`` lowers its CPU priority;
    ``writable`` lists the directories it may write and ``cpus`` its share of the cores (a container
    enforces both, this machine does not)."""

    args: tuple[str, ...]
    cwd: Path
    timeout: float
    ok_codes: Sequence[int] = (0,)
    env: Mapping[str, str] | None = field(default=None, repr=False)
    name: str | None = None
    nice: int = 0
    writable: tuple[Path, ...] = ()
    cpus: int | None = None

    @property
    def label(self) -> str:
        """How errors name the scanner: ``name``, else the executable's file name."""
        return self.name or Path(self.args[0]).name


@dataclass(frozen=True)
class ProcessResult:
    """What a scanner process left: its exit status, stdout, stderr (text) and how long it ran."""

    args: tuple[str, ...]
    returncode: int
    stdout: bytes
    stderr: str
    duration: float


class Runner:
    """Where scanner processes run: this machine (the local runner, ``SECSCAN_RUNNER=local``) or
    a Docker container (``SECSCAN_RUNNER=docker``); :attr:`AnalyzeContext.runner` is the one of
    the analyzer being run. Subclasses implement the four methods."""

    name = "base"

    def executable(self, name: str, override: str | None = None, setting: str | None = None) -> str:
        """The command that starts scanner ``name`` where this runner runs it (``override`` is the
        value of the analyzer's ``setting``, ``SECSCAN_<ID>_EXECUTABLE``)."""
        raise NotImplementedError

    def run(self, request: RunRequest) -> ProcessResult:
        """Run ``request`` and return its output; ScannerNotFoundError, ScannerTimeoutError or
        ScannerCrashedError (exit status not in ``ok_codes``) otherwise."""
        raise NotImplementedError

    def cached_output(self, executable: str, args: Sequence[str], timeout: float = 60) -> str:
        """The output of an informational command (``--version``, a rule listing), run once per
        installed scanner."""
        raise NotImplementedError

    def describe(self) -> str | None:
        """Where the scanner ran, for ``scan.messages``; ``None`` when there is nothing to say."""
        return None


def tail(text: str, lines: int = 5) -> str:
    """The last ``lines`` non-blank lines of ``text`` on one line (for one-line errors)."""
    kept = [line for line in text.strip().splitlines() if line.strip()][-lines:]
    return " | ".join(kept)


def version_in(text: str, pattern: str = r"(\d+\.\d+(?:\.\d+)?)") -> str:
    """The first match of ``pattern``'s group 1 in a ``--version`` output, else ``"unknown"``."""
    match = re.search(pattern, text)
    return match.group(1) if match else "unknown"


def stop_all() -> None:
    """Kill every scanner process group (and container) still running and start no new one
    (the user interrupted secscan, or it was told to terminate)."""
    _stopping.set()
    for hook in list(_stop_hooks):
        hook()


def stopping() -> bool:
    """Whether :func:`stop_all` ran: runners start nothing new."""
    return _stopping.is_set()


def on_stop(hook: Callable[[], None]) -> None:
    """Have :func:`stop_all` call ``hook`` (a runner killing what it started)."""
    _stop_hooks.append(hook)
