"""The local runner: scanner processes of this machine, argument lists only, a timeout, stderr kept
for the log, clear errors, and a guard that makes them die with secscan."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import ScannerCrashedError, ScannerNotFoundError, ScannerTimeoutError
from .base import ProcessResult, Runner, RunRequest, on_stop, stopping, tail, version_in

_live: set[subprocess.Popen] = set()
_live_lock = threading.Lock()
_output_cache: dict[str, str] = {}
_output_lock = threading.RLock()
#: the script every scanner process starts under (see its documentation)
GUARD = Path(__file__).with_name("guard.py")


class LocalRunner(Runner):
    """Runs scanner processes on this machine (``SECSCAN_RUNNER=local``, the default)."""

    name = "local"

    def executable(self, name: str, override: str | None = None, setting: str | None = None) -> str:
        return resolve_executable(name, override, setting)

    def run(self, request: RunRequest) -> ProcessResult:
        return run(request)

    def cached_output(self, executable: str, args: Sequence[str], timeout: float = 60) -> str:
        return cached_output(executable, args, timeout)


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


def run(request: RunRequest) -> ProcessResult:
    """Run ``request`` under the guard (:mod:`.guard`) and return its output.

    Raises ScannerNotFoundError, ScannerTimeoutError (the whole process group is killed) or
    ScannerCrashedError (exit status not in ``ok_codes``; the message carries stderr's tail).
    ``nice`` lowers the process's CPU priority: work that can wait yields the cores to
    scanners with serial phases, and fills them when those are idle.
    """
    label = request.label
    if stopping():
        raise ScannerCrashedError(f"{label}: not started, secscan is stopping")
    _check_executable(request)
    started = time.monotonic()
    proc = _start(request)
    with _live_lock:
        _live.add(proc)
    if stopping():  # stop_all ran while this process was starting
        _kill_group(proc)
    try:
        stdout, stderr = proc.communicate(timeout=request.timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        _drain(proc)
        raise ScannerTimeoutError(
            f"{label} timed out after {request.timeout:g} s; raise SECSCAN_ANALYZER_TIMEOUT or narrow the target"
        ) from None
    except BaseException:
        _kill_group(proc)
        raise
    finally:
        with _live_lock:
            _live.discard(proc)
    err_text = stderr.decode("utf-8", errors="replace")
    if proc.returncode not in request.ok_codes:
        if proc.returncode < 0:
            how = f"was killed by signal {signal.Signals(-proc.returncode).name}"
        else:
            how = f"exited with status {proc.returncode}"
        detail = tail(err_text) or tail(stdout.decode("utf-8", errors="replace")) or "no output"
        raise ScannerCrashedError(f"{label} {how}: {detail}")
    return ProcessResult(request.args, proc.returncode, stdout, err_text, time.monotonic() - started)


def _drain(proc: subprocess.Popen, grace: float = 5) -> None:
    """Reap a killed process without waiting on a descendant that left its group (``setsid``)
    and still holds the output pipes: give up the output after ``grace`` seconds."""
    try:
        proc.communicate(timeout=grace)
    except subprocess.TimeoutExpired:
        for pipe in (proc.stdout, proc.stderr):
            if pipe is not None:
                pipe.close()
        proc.wait()


def _check_executable(request: RunRequest) -> None:
    """The errors starting the command would give, before the guard starts it."""
    command = request.args[0]
    path = os.environ.get("PATH") if request.env is None else request.env.get("PATH")
    found = shutil.which(command, mode=os.F_OK, path=path) if os.sep not in command else command
    if found is not None and not os.path.isabs(found):
        found = os.path.join(request.cwd, found)
    if found is None or not os.path.isfile(found):
        raise ScannerNotFoundError(f"{command}: scanner executable not found; install {request.label}")
    if not os.access(found, os.X_OK):
        raise ScannerNotFoundError(f"{command}: scanner is not executable; check its permissions")


def _start(request: RunRequest) -> subprocess.Popen:
    try:
        return subprocess.Popen(
            [sys.executable, "-I", "-S", str(GUARD), str(request.nice), str(os.getpid()), "--", *request.args],
            cwd=request.cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=dict(request.env) if request.env is not None else None,
            # Own process group, so a timeout kills children too. Not a new session: that would put
            # the scanner in its own scheduler autogroup, where ``nice`` has no effect.
            process_group=0,
        )
    except OSError as exc:
        if exc.errno == errno.E2BIG:
            raise ScannerCrashedError(
                f"{request.label}: too many files for one command line ({len(request.args)} arguments); "
                "narrow the target or exclude paths with SAST_EXCLUDED_PATHS"
            ) from None
        raise ScannerCrashedError(f"{request.label}: cannot start {request.args[0]} ({exc.strerror})") from None


def _stop_all() -> None:
    with _live_lock:
        procs = list(_live)
    for proc in procs:
        _kill_group(proc)


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
        key, lambda: run(RunRequest((executable, *args), cwd=Path.cwd(), timeout=timeout, ok_codes=range(0, 256)))
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


on_stop(_stop_all)
