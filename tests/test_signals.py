"""SIGTERM or SIGKILL of ``secscan sast`` mid-scan leaves no scanner process and no scratch
directory behind (issue 20 item 4).

The scanner is a small real script standing in for bandit: it starts a child of its own (as
semgrep starts its engine) and both wait, carrying a marker in their command lines, so the test
can find every process the scan started. ``TMPDIR`` points at a fresh directory.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from conftest import run_cli

SCANNER = """#!{python}
import subprocess, sys, time
args = sys.argv[1:]
if "--version" in args or "-h" in args:
    print("bandit 1.7.99")
    sys.exit(0)
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)", "{marker}"])
open({started!r}, "w").write(str(child.pid))
child.wait()
"""


def _survivors(marker: str) -> list[int]:
    """Processes whose command line holds ``marker``."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and marker.encode() in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def _scratch(tmpdir: Path) -> list[str]:
    return sorted(p.name for p in tmpdir.iterdir() if p.name.startswith("secscan-"))


def _start_scan(tmp_path: Path) -> tuple[subprocess.Popen, str, dict, Path]:
    """A ``secscan sast`` whose scanner hangs with a child; returns once the child runs."""
    marker = f"secscan-test-marker-{uuid.uuid4().hex}"
    started = tmp_path / "started"
    script = tmp_path / "hanging-bandit"
    script.write_text(SCANNER.format(python=sys.executable, marker=marker, started=str(started)))
    script.chmod(0o755)
    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_text("import os\nos.system('ls ' + input())\n")
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    env = {
        **os.environ,
        "TMPDIR": str(tmpdir),
        "SECSCAN_CACHE_DIR": str(tmp_path / "cache"),
        "SECSCAN_ANALYZERS": "bandit",
        "SECSCAN_BANDIT_EXECUTABLE": str(script),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "secscan.cli.main", "sast", str(project), "-o", str(tmp_path / "r.json")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not started.exists():
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "the scanner never started"
        time.sleep(0.1)
    assert _survivors(marker), "the marker finds the scanner's child"
    assert _scratch(tmpdir), "the scan has a scratch directory"
    return proc, marker, env, tmpdir


def _gone(marker: str, seconds: float = 10) -> list[int]:
    """The marked processes still alive after ``seconds``; those are then killed (by pid), so a
    failing test leaves nothing running."""
    deadline = time.monotonic() + seconds
    while _survivors(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _survivors(marker)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return left


def test_sigterm_stops_the_scanners_and_removes_the_scratch(tmp_path):
    proc, marker, _, tmpdir = _start_scan(tmp_path)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr.decode()
    assert "interrupted; scanners stopped, no report written" in stderr.decode()
    assert "Traceback" not in stderr.decode()
    assert _gone(marker) == []
    assert _scratch(tmpdir) == []
    assert not (tmp_path / "r.json").exists()


def test_sigkill_leaves_no_scanner_and_the_next_scan_removes_the_scratch(tmp_path):
    proc, marker, env, tmpdir = _start_scan(tmp_path)
    proc.kill()
    proc.communicate(timeout=60)
    assert _gone(marker) == [], "the scanner and its child die with secscan"
    assert _scratch(tmpdir), "nothing could remove the killed scan's scratch directory yet"
    env = {**env, "SECSCAN_BANDIT_EXECUTABLE": ""}  # the real bandit: a scan that completes
    done = run_cli("sast", str(tmp_path / "project"), "-o", str(tmp_path / "r2.json"), env=env)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert _scratch(tmpdir) == []


def test_a_diff_scans_trees_are_in_the_run_scratch_and_a_dead_runs_are_removed(tmp_path, monkeypatch):
    """A diff scan's base and head trees live in a per-run directory too, so a scan killed while
    it held them leaves nothing the next scan does not remove."""
    import tempfile

    from secscan.common.engine import scratch

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with scratch.run_directory("diff") as trees:
        assert trees.parent == tmp_path and trees.name.startswith(f"secscan-run-{os.getpid()}-diff-")
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
        left = tmp_path / f"secscan-run-{dead.stdout.strip()}-diff-x"
        (left / "head").mkdir(parents=True)
        assert scratch.remove_stale(tmp_path) == [left]  # the dead run's trees go, this run's stay
        assert trees.is_dir() and not left.exists()
    assert not trees.exists()


def _run(*args: str, timeout: float = 10):
    from secscan.common.runners import RunRequest
    from secscan.common.runners.local import LocalRunner

    return LocalRunner().run(RunRequest(tuple(args), cwd=Path("/tmp"), timeout=timeout))


def test_a_scanner_killed_by_sigkill_is_reported_as_such():
    """SIGKILL (the out-of-memory killer's) cannot be reset by the guard; it still passes it on."""
    import pytest

    from secscan.common import ScannerCrashedError

    with pytest.raises(ScannerCrashedError, match="was killed by signal SIGKILL"):
        _run("sh", "-c", "kill -KILL $$")


def test_the_scanner_gets_default_sigpipe_and_sigxfsz():
    """The guard is Python, which ignores SIGPIPE and SIGXFSZ; the scanner must not inherit that."""
    ignored = int(next(line for line in _run("cat", "/proc/self/status").stdout.decode().splitlines()
                       if line.startswith("SigIgn:")).split()[1], 16)  # fmt: skip
    for sig in (signal.SIGPIPE, signal.SIGXFSZ):
        assert not ignored & (1 << (sig - 1)), f"{sig.name} is ignored in the scanner"


def test_a_timeout_is_not_held_up_by_a_process_that_left_the_group():
    from secscan.common import ScannerTimeoutError

    started = time.monotonic()
    try:
        _run("sh", "-c", "setsid sleep 20 & sleep 30", timeout=1)
    except ScannerTimeoutError:
        pass
    else:
        raise AssertionError("the command should have timed out")
    assert time.monotonic() - started < 12, "the timeout waited for the escaped process"


def test_the_guard_kills_its_group_when_secscan_died_before_it_started():
    """secscan SIGKILLed between starting the guard and the guard arming the parent-death signal:
    the guard sees that its parent is not the secscan that started it and kills the scanner."""
    from secscan.common.runners.local import GUARD

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    marker = f"secscan-test-{uuid.uuid4().hex}"
    proc = subprocess.Popen(
        [sys.executable, "-I", "-S", str(GUARD), "0", dead.stdout.strip(), "--", "sh", "-c", f"sleep 60 # {marker}"],
        process_group=0,
    )
    assert proc.wait(timeout=20) == -signal.SIGKILL
    left = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True).stdout.split()
    assert not left, f"scanner processes survived: {left}"
