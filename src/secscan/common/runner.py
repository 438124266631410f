"""Run scanner processes: argument lists only, a timeout, stderr kept for the log, clear errors."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import ScannerCrashedError, ScannerNotFoundError, ScannerTimeoutError

_live: set[subprocess.Popen] = set()
_live_lock = threading.Lock()
_stopping = threading.Event()
_stop_hooks: list[Callable[[], None]] = []  # other runners' "kill what you started" (see on_stop)
_output_cache: dict[str, str] = {}
_output_lock = threading.RLock()


@dataclass(frozen=True)
class ProcessResult:
    args: tuple[str, ...]
    returncode: int
    stdout: bytes
    stderr: str
    duration: float


def resolve_executable(name: str, override: str | None = None, setting: str | None = None) -> str:
    """Find a scanner: an explicit override (from ``setting``), else beside this Python (same
    venv), else on PATH."""
    if override:
        path = Path(override).expanduser()
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
        found = shutil.which(override)
        if found:
            return found
        where = (
            f"set {setting} to an executable {name}, or unset it to use the installed one"
            if setting
            else f"install {name}"
        )
        raise ScannerNotFoundError(f"{override}: {name} executable not found or not executable; {where}")
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which(name)
    if found:
        return found
    raise ScannerNotFoundError(f"{name}: scanner executable not found on PATH; install it (pip install {name})")


def tail(text: str, lines: int = 5) -> str:
    """The last ``lines`` non-blank lines of ``text`` on one line (for one-line errors)."""
    kept = [line for line in text.strip().splitlines() if line.strip()][-lines:]
    return " | ".join(kept)


def run(
    args: Sequence[str],
    *,
    cwd: Path,
    timeout: float,
    ok_codes: Sequence[int] = (0,),
    env: Mapping[str, str] | None = None,
    name: str | None = None,
    nice: int = 0,
) -> ProcessResult:
    """Run ``args`` (never through a shell) and return its output.

    Raises ScannerNotFoundError, ScannerTimeoutError (the whole process group is killed) or
    ScannerCrashedError (exit status not in ``ok_codes``; the message carries stderr's tail).
    ``nice`` lowers the process's CPU priority: work that can wait yields the cores to
    scanners with serial phases, and fills them when those are idle.
    """
    label = name or Path(args[0]).name
    if _stopping.is_set():
        raise ScannerCrashedError(f"{label}: not started, secscan is stopping")
    started = time.monotonic()
    try:
        proc = subprocess.Popen(
            list(args),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=dict(env) if env is not None else None,
            # Own process group, so a timeout kills children too. Not a new session: that would put
            # the scanner in its own scheduler autogroup, where ``nice`` has no effect.
            process_group=0,
        )
    except FileNotFoundError:
        raise ScannerNotFoundError(f"{args[0]}: scanner executable not found; install {label}") from None
    except PermissionError:
        raise ScannerNotFoundError(f"{args[0]}: scanner is not executable; check its permissions") from None
    except OSError as exc:
        if exc.errno == errno.E2BIG:
            raise ScannerCrashedError(
                f"{label}: too many files for one command line ({len(args)} arguments); "
                "narrow the target or exclude paths with SAST_EXCLUDED_PATHS"
            ) from None
        raise ScannerCrashedError(f"{label}: cannot start {args[0]} ({exc.strerror})") from None
    with _live_lock:
        _live.add(proc)
    if _stopping.is_set():  # stop_all ran while this process was starting
        _kill_group(proc)
    if nice:
        try:
            os.setpriority(os.PRIO_PROCESS, proc.pid, nice)
        except OSError:
            pass
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        proc.communicate()
        raise ScannerTimeoutError(
            f"{label} timed out after {timeout:g} s; raise SECSCAN_ANALYZER_TIMEOUT or narrow the target"
        ) from None
    except BaseException:
        _kill_group(proc)
        raise
    finally:
        with _live_lock:
            _live.discard(proc)
    duration = time.monotonic() - started
    err_text = stderr.decode("utf-8", errors="replace")
    if proc.returncode not in ok_codes:
        if proc.returncode < 0:
            how = f"was killed by signal {signal.Signals(-proc.returncode).name}"
        else:
            how = f"exited with status {proc.returncode}"
        detail = tail(err_text) or tail(stdout.decode("utf-8", errors="replace")) or "no output"
        raise ScannerCrashedError(f"{label} {how}: {detail}")
    return ProcessResult(tuple(args), proc.returncode, stdout, err_text, duration)


def stop_all() -> None:
    """Kill every scanner process group (and container) still running and start no new one
    (the user interrupted secscan)."""
    _stopping.set()
    with _live_lock:
        procs = list(_live)
    for proc in procs:
        _kill_group(proc)
    for hook in list(_stop_hooks):
        hook()


def stopping() -> bool:
    """Whether :func:`stop_all` ran: runners start nothing new."""
    return _stopping.is_set()


def on_stop(hook: Callable[[], None]) -> None:
    """Have :func:`stop_all` call ``hook`` (a runner killing what it started)."""
    _stop_hooks.append(hook)


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def cache_dir() -> Path:
    """Where secscan keeps what it learnt about installed scanners (``SECSCAN_CACHE_DIR``,
    else ``$XDG_CACHE_HOME/secscan``, else ``~/.cache/secscan``)."""
    if os.environ.get("SECSCAN_CACHE_DIR"):
        return Path(os.environ["SECSCAN_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "secscan"


def cached_output(executable: str, args: Sequence[str], timeout: float = 60) -> str:
    """The output (stdout and stderr) of a scanner's informational command, such as
    ``--version`` or a rule listing, run once per installed executable.

    Kept in memory for the process and on disk keyed by the executable's path, size and
    modification time, so an upgrade (which rewrites the executable) is noticed. An unwritable
    cache directory only costs the process start.
    """
    try:
        resolved = Path(executable).resolve()
        st = resolved.stat()
        key = f"{resolved}|{st.st_size}|{st.st_mtime_ns}|{' '.join(args)}"
    except OSError:
        key = f"{executable}|{' '.join(args)}"
    return remembered_output(
        key, lambda: run([executable, *args], cwd=Path.cwd(), timeout=timeout, ok_codes=range(0, 256))
    )


def remembered_output(key: str, produce: Callable[[], ProcessResult]) -> str:
    """stdout and stderr of ``produce()``, run once per ``key`` (in memory, then on disk)."""
    with _output_lock:
        if key in _output_cache:
            return _output_cache[key]
        stored = _read_disk_cache()
    if key in stored:
        text = stored[key]
    else:
        result = produce()
        text = result.stdout.decode("utf-8", errors="replace") + "\n" + result.stderr
        _write_disk_cache(key, text)
    with _output_lock:
        _output_cache[key] = text
    return text


def _read_disk_cache() -> dict[str, str]:
    try:
        data = json.loads((cache_dir() / "probes.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_disk_cache(key: str, text: str) -> None:
    with _output_lock:
        data = _read_disk_cache()
        data[key] = text
        path = cache_dir() / "probes.json"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".probes.{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            pass


def read_version(
    executable: str,
    args: Sequence[str] = ("--version",),
    pattern: str = r"(\d+\.\d+(?:\.\d+)?)",
    timeout: float = 60,
) -> str:
    """The scanner's version (see :func:`cached_output`)."""
    return version_in(cached_output(executable, args, timeout), pattern)


def version_in(text: str, pattern: str = r"(\d+\.\d+(?:\.\d+)?)") -> str:
    """The first match of ``pattern``'s group 1 in a ``--version`` output, else ``"unknown"``."""
    match = re.search(pattern, text)
    return match.group(1) if match else "unknown"


class Runner:
    """Where scanner processes run. This class runs them as processes of this machine (the
    default, ``SECSCAN_RUNNER=local``); :class:`secscan.common.containers.DockerRunner`
    overrides its methods to run them in containers."""

    name = "local"

    def executable(self, name: str, override: str | None = None, setting: str | None = None) -> str:
        """The command that starts scanner ``name`` where this runner runs it."""
        return resolve_executable(name, override, setting)

    def run(
        self,
        args: Sequence[str],
        *,
        cwd: Path,
        timeout: float,
        ok_codes: Sequence[int] = (0,),
        env: Mapping[str, str] | None = None,
        name: str | None = None,
        nice: int = 0,
        writable: Sequence[Path] = (),
        cpus: int | None = None,
    ) -> ProcessResult:
        """Run ``args`` in ``cwd`` (see :func:`run`). ``writable`` lists the directories the
        scanner may write and ``cpus`` its share of the cores: a container enforces them, this
        machine does not."""
        return run(args, cwd=cwd, timeout=timeout, ok_codes=ok_codes, env=env, name=name, nice=nice)

    def cached_output(self, executable: str, args: Sequence[str], timeout: float = 60) -> str:
        """An informational command's output, run once (see :func:`cached_output`)."""
        return cached_output(executable, args, timeout)

    def describe(self) -> str | None:
        """Where the scanner ran, for ``scan.messages``; ``None`` on this machine (nothing to say)."""
        return None
