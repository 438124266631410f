"""End-to-end failure modes of ``secscan sast`` and ``secscan report validate``.

Every test runs the real CLI in a subprocess on a small project written to ``tmp_path`` and
checks what a user sees: the documented exit code (README.md, "Exit codes": 0 done, 2 usage/configuration/
input error, 3 scan incomplete), one clear line on stderr naming the file or analyzer and the
fix, never a Python traceback, and -- when an analyzer failed -- a report that is still
written, valid JSON, ``scan.status == "failure"``, with a ``fatal`` message naming the analyzer
and the other analyzer's findings kept.

Broken scanners are the small real programs in ``tests/fakes`` (see its README), started
through ``SECSCAN_<ANALYZER>_EXECUTABLE``.

semgrep costs a few seconds per run, so tests that do not need it pass ``--analyzers``.
"""

from __future__ import annotations

import json
import os
import re
import select
import shlex
import shutil
import socket
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

FAKES = Path(__file__).resolve().parent / "fakes"

#: reproducible scan times (``SOURCE_DATE_EPOCH``), see report.model.now
EPOCH = "1700000000"
EPOCH_TIME = "2023-11-14T22:13:20"

#: Findings from both analyzers on distinct lines: bandit B602/B605/B324/B307/B404 and
#: semgrep subprocess-shell-true/os-system-injection/insecure-hash-md5-sha1/eval-exec-injection.
VULNERABLE_APP = """\
import os
import subprocess
import hashlib


def run(cmd, data):
    subprocess.call(cmd, shell=True)
    os.system(cmd)
    h = hashlib.md5(data)
    eval(data)
    return h
"""

#: variables that would let the developer's shell or the CI job change what is tested
_LEAKY_PREFIXES = ("SECSCAN_", "SAST_", "SEARCH_", "ANALYZER_", "SECURE_", "FAKE_SCANNER_")
_LEAKY_NAMES = {"CI_PROJECT_DIR", "COLUMNS", "LINES", "FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"}


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


@dataclass(repr=False)
class Result:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def __repr__(self) -> str:  # shown by pytest when an assertion fails
        return f"exit {self.code}\n--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}"

    __str__ = __repr__


def base_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(_LEAKY_PREFIXES) and k not in _LEAKY_NAMES}
    env["SOURCE_DATE_EPOCH"] = EPOCH
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def secscan_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "secscan.cli.main", *args]


def secscan(*args: str, cwd: Path, timeout: float = 180, **env: str) -> Result:
    """Run the CLI; ``timeout`` only keeps a hung CLI from hanging the test session."""
    proc = subprocess.run(
        secscan_cmd(*args),
        cwd=cwd,
        env=base_env(**env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=timeout,
    )
    return Result(
        proc.returncode,
        proc.stdout.decode("utf-8", errors="replace"),
        proc.stderr.decode("utf-8", errors="replace"),
    )


def secscan_in_pty(*args: str, cwd: Path, **env: str) -> Result:
    """Run the CLI with stdout and stderr on a pseudo-terminal, so rich renders for a terminal
    (live progress, colours, the rich log handler) instead of plain CI lines."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 60, 200, 0, 0))
    proc = subprocess.Popen(
        secscan_cmd(*args),
        cwd=cwd,
        env=base_env(TERM="xterm-256color", **env),
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        close_fds=True,
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 180
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: every writer of the terminal is gone
                    break
                if not data:
                    break
                chunks.append(data)
            elif proc.poll() is not None:
                break
        code = proc.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    text = b"".join(chunks).decode("utf-8", errors="replace")
    return Result(code, text, "")


def assert_no_traceback(result: Result) -> None:
    assert "Traceback" not in result.stdout, result
    assert "Traceback" not in result.stderr, result


def lines_of(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def line_with(text: str, *needles: str) -> str:
    """The first line of ``text`` that contains every needle (case-insensitive)."""
    for line in text.splitlines():
        if all(n.lower() in line.lower() for n in needles):
            return line
    raise AssertionError(f"no single line contains all of {needles!r} in:\n{text}")


def assert_one_line_error(result: Result, *needles: str) -> str:
    """Usage/configuration errors: exactly one non-empty line on stderr, holding every needle."""
    assert_no_traceback(result)
    err = lines_of(result.stderr)
    assert len(err) == 1, f"expected exactly one line on stderr, got {len(err)}:\n{result}"
    return line_with(err[0], *needles)


def make_project(root: Path, files: dict[str, str | bytes]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def vulnerable_project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", {"app.py": VULNERABLE_APP})


def install_fake(tmp_path: Path, fake: str, name: str) -> Path:
    """An executable ``name`` that runs ``tests/fakes/<fake>`` with this Python.

    ``exec`` keeps the pid, so the process secscan starts is the fake itself.
    """
    script = FAKES / fake
    assert script.is_file(), script
    bindir = tmp_path / "fake-bin"
    bindir.mkdir(exist_ok=True)
    wrapper = bindir / name
    wrapper.write_text(
        f'#!/bin/sh\nexec {shlex.quote(sys.executable)} {shlex.quote(str(script))} "$@"\n',
        encoding="utf-8",
    )
    wrapper.chmod(0o755)
    return wrapper


def load_report(path: Path) -> dict[str, Any]:
    assert path.is_file(), f"no report was written at {path}"
    text = path.read_text(encoding="utf-8")
    try:
        return json.loads(text)
    except ValueError as exc:  # pragma: no cover - reported as a test failure
        raise AssertionError(f"{path} is not valid JSON ({exc}):\n{text[:500]}") from None


def messages(report: dict[str, Any], level: str) -> list[str]:
    return [m["value"] for m in report["scan"].get("messages", []) if m.get("level") == level]


def findings_of(report: dict[str, Any], scanner: str) -> list[dict[str, Any]]:
    return [v for v in report["vulnerabilities"] if v["scanner"]["id"] == scanner]


def assert_incomplete_report(path: Path, failed: str, other: str | None, *needles: str) -> str:
    """The report of a scan where ``failed`` failed: written, valid, status failure, one fatal
    message naming ``failed`` (and holding every needle), ``other``'s findings kept."""
    report = load_report(path)
    assert report["scan"]["status"] == "failure", report["scan"]
    fatal = [m for m in messages(report, "fatal") if failed in m]
    assert fatal, f"no fatal message naming {failed}: {report['scan'].get('messages')}"
    assert not findings_of(report, failed), "the failed analyzer cannot have findings"
    if other is not None:
        assert findings_of(report, other), f"the findings of {other} were lost: {report['vulnerabilities']}"
    line = fatal[0]
    for needle in needles:
        assert needle.lower() in line.lower(), f"{needle!r} not in the fatal message {line!r}"
    return line


def process_alive(pid: int) -> bool:
    """True while ``pid`` runs. A zombie counts as gone: in a container PID 1 may never reap
    an orphaned grandchild, but a zombie no longer runs."""
    stat_file = Path(f"/proc/{pid}/stat")
    if Path("/proc/self/stat").exists():
        try:
            state = stat_file.read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return False
        return state not in ("Z", "X")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def wait_gone(pids: list[int], grace: float = 5.0) -> list[int]:
    """The pids still alive after a short grace period (a SIGKILL is not instantaneous)."""
    deadline = time.monotonic() + grace
    alive = [p for p in pids if process_alive(p)]
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [p for p in alive if process_alive(p)]
    return alive


def strip_styles(text: str) -> str:
    """Terminal output without rich's colour/cursor sequences (CSI ... letter)."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)


def names_file(text: str, name: str) -> bool:
    """``name`` appears in ``text`` as a whole path (``x.py`` does not match ``fix.py``)."""
    return re.search(rf"(?<![\w.\-]){re.escape(name)}(?![\w.\-])", text) is not None


# --------------------------------------------------------------------------------------------
# 1-5: a scanner that is missing, crashes, is killed, hangs or writes garbage
# --------------------------------------------------------------------------------------------


def test_missing_scanner_executable_fails_that_analyzer_only(tmp_path: Path) -> None:
    project = vulnerable_project(tmp_path)
    report = tmp_path / "report.json"
    result = secscan(
        "sast", str(project), "-o", str(report), cwd=tmp_path, SECSCAN_BANDIT_EXECUTABLE="/nonexistent/bandit"
    )

    assert result.code == 3, result
    assert_no_traceback(result)
    # names the analyzer, the bad path, and the fix: the variable that points at it
    line_with(result.stderr, "bandit", "/nonexistent/bandit", "SECSCAN_BANDIT_EXECUTABLE")
    assert_incomplete_report(report, "bandit", "semgrep", "/nonexistent/bandit")


def scan_with_fake(tmp_path: Path, fake: str, analyzer: str) -> tuple[Result, Path]:
    """Scan the vulnerable project with ``analyzer``'s scanner replaced by ``tests/fakes/<fake>``;
    the scan must end incomplete (exit 3) without a traceback. Returns the result and report path."""
    project = vulnerable_project(tmp_path)
    report = tmp_path / "report.json"
    executable = install_fake(tmp_path, fake, analyzer)
    result = secscan(
        "sast",
        str(project),
        "-o",
        str(report),
        cwd=tmp_path,
        **{f"SECSCAN_{analyzer.upper()}_EXECUTABLE": str(executable)},
    )
    assert result.code == 3, result
    assert_no_traceback(result)
    return result, report


def test_crashing_scanner_stderr_reaches_the_user(tmp_path: Path) -> None:
    result, report = scan_with_fake(tmp_path, "crash.py", "semgrep")
    line_with(result.stderr, "semgrep", "status 2", "FAKE-CRASH-7431")
    assert_incomplete_report(report, "semgrep", "bandit", "status 2", "rules engine exploded (FAKE-CRASH-7431)")


def test_scanner_killed_by_a_signal(tmp_path: Path) -> None:
    result, report = scan_with_fake(tmp_path, "segfault.py", "semgrep")
    line_with(result.stderr, "semgrep", "signal", "SIGSEGV")
    assert_incomplete_report(report, "semgrep", "bandit", "signal", "SIGSEGV")


def _pids_and_completions(pidfile: Path) -> tuple[list[int], list[str]]:
    assert pidfile.is_file(), "the fake scanner never started (no pid file)"
    pids: list[int] = []
    completed: list[str] = []
    for line in pidfile.read_text().splitlines():
        kind, *numbers = line.split()
        if kind == "started":
            pids.extend(int(n) for n in numbers)
        elif kind == "completed":
            completed.append(line)
    assert pids, pidfile.read_text()
    return pids, completed


def test_semgrep_timeout_kills_the_scanner_and_its_children(tmp_path: Path) -> None:
    project = vulnerable_project(tmp_path)
    report = tmp_path / "report.json"
    pidfile = tmp_path / "fake.pids"
    fake = install_fake(tmp_path, "hang.py", "semgrep")
    result = secscan(
        "sast",
        str(project),
        "-o",
        str(report),
        cwd=tmp_path,
        # the timeout applies to every analyzer: long enough for the real bandit on a busy CI
        # machine, far shorter than the fake's sleep
        SECSCAN_SEMGREP_EXECUTABLE=str(fake),
        SECSCAN_ANALYZER_TIMEOUT="8",
        FAKE_SCANNER_PIDFILE=str(pidfile),
        FAKE_SCANNER_SLEEP="30",
    )

    assert result.code == 3, result
    assert_no_traceback(result)
    line_with(result.stderr, "semgrep", "timed out", "SECSCAN_ANALYZER_TIMEOUT")
    assert_incomplete_report(report, "semgrep", "bandit", "timed out", "SECSCAN_ANALYZER_TIMEOUT")
    pids, completed = _pids_and_completions(pidfile)
    assert not completed, f"a scanner process ran to the end instead of being killed: {completed}"
    assert not wait_gone(pids), f"scanner processes left running after the timeout: {pidfile.read_text()}"


def test_bandit_timeout_covers_every_scanner_process(tmp_path: Path) -> None:
    """A hung bandit hangs on ``bandit -h`` (the rule inventory) as well; the analyzer timeout
    must bound that process too: no process of the timed-out analyzer may run to its end."""
    project = vulnerable_project(tmp_path)
    report = tmp_path / "report.json"
    pidfile = tmp_path / "fake.pids"
    fake = install_fake(tmp_path, "hang.py", "bandit")
    result = secscan(
        "sast",
        str(project),
        "--analyzers",
        "bandit",
        "-o",
        str(report),
        cwd=tmp_path,
        SECSCAN_BANDIT_EXECUTABLE=str(fake),
        SECSCAN_ANALYZER_TIMEOUT="1",
        FAKE_SCANNER_PIDFILE=str(pidfile),
        FAKE_SCANNER_SLEEP="8",
    )

    assert result.code == 3, result
    assert_no_traceback(result)
    line_with(result.stderr, "bandit", "timed out", "SECSCAN_ANALYZER_TIMEOUT")
    assert_incomplete_report(report, "bandit", None, "timed out")
    pids, completed = _pids_and_completions(pidfile)
    assert not completed, (
        "a bandit process outlived SECSCAN_ANALYZER_TIMEOUT=1 and ran its full 8 s sleep "
        f"(so the scan waited for it): {pidfile.read_text()}"
    )
    assert not wait_gone(pids), f"scanner processes left running after the timeout: {pidfile.read_text()}"


def test_bandit_writing_garbage_to_its_output_file(tmp_path: Path) -> None:
    result, report = scan_with_fake(tmp_path, "garbage_output_file.py", "bandit")
    line_with(result.stderr, "bandit", "not its JSON")
    assert_incomplete_report(report, "bandit", "semgrep", "not its JSON")


def test_semgrep_printing_garbage_to_stdout(tmp_path: Path) -> None:
    result, report = scan_with_fake(tmp_path, "garbage_stdout.py", "semgrep")
    line_with(result.stderr, "semgrep", "not its JSON")
    assert_incomplete_report(report, "semgrep", "bandit", "not its JSON")


# --------------------------------------------------------------------------------------------
# 6: semgrep rules: rejected by semgrep, not YAML, not there
# --------------------------------------------------------------------------------------------

BROKEN_PATTERN_RULE = """\
rules:
  - id: test.broken-eval
    languages: [python]
    severity: ERROR
    message: eval of anything
    pattern: eval(
"""

YAML_SYNTAX_ERROR_RULE = """\
rules:
  - id: test.bad-yaml
    languages: [python
    severity: ERROR
    message: "unterminated
    pattern: eval(...)
"""


def test_rule_whose_pattern_does_not_parse(tmp_path: Path) -> None:
    project = vulnerable_project(tmp_path)
    rules = make_project(tmp_path / "rules", {"broken.yaml": BROKEN_PATTERN_RULE})
    report = tmp_path / "report.json"
    result = secscan("sast", str(project), "-o", str(report), cwd=tmp_path, SECSCAN_SEMGREP_RULES=str(rules))

    # semgrep itself rejected the rule: the analyzer failed, the scan is incomplete
    assert result.code == 3, result
    assert_no_traceback(result)
    line = line_with(result.stderr, "semgrep", "broken.yaml", "fix")
    assert "test.broken-eval" in line, line
    assert_incomplete_report(report, "semgrep", "bandit", "broken.yaml", "test.broken-eval", "fix")


def test_rule_file_with_a_yaml_syntax_error_is_a_configuration_error(tmp_path: Path) -> None:
    """secscan reads the rule files itself before any scanner runs: a file that is not YAML is
    bad configuration (SECSCAN_SEMGREP_RULES), exit code 2 (README.md, "Exit codes")."""
    project = vulnerable_project(tmp_path)
    rules = make_project(tmp_path / "rules", {"bad.yaml": YAML_SYNTAX_ERROR_RULE})
    report = tmp_path / "report.json"
    result = secscan(
        "sast",
        str(project),
        "--analyzers",
        "semgrep",
        "-o",
        str(report),
        cwd=tmp_path,
        SECSCAN_SEMGREP_RULES=str(rules),
    )

    assert_no_traceback(result)
    line_with(result.stderr, str(rules / "bad.yaml"), "fix the YAML")
    assert result.code == 2, result


def test_missing_rules_path_is_a_configuration_error(tmp_path: Path) -> None:
    project = vulnerable_project(tmp_path)
    missing = tmp_path / "no-such-rules"
    report = tmp_path / "report.json"
    result = secscan(
        "sast",
        str(project),
        "--analyzers",
        "semgrep",
        "-o",
        str(report),
        cwd=tmp_path,
        SECSCAN_SEMGREP_RULES=str(missing),
    )

    assert_no_traceback(result)
    line_with(result.stderr, str(missing), "SECSCAN_SEMGREP_RULES")
    assert result.code == 2, result


# --------------------------------------------------------------------------------------------
# 7-8: sources that cannot be decoded or read; a project with nothing to scan
# --------------------------------------------------------------------------------------------


def _make_unreadable(project: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A ``.py`` entry that search lists as a file but that cannot be read.

    Not root: a regular file with mode 000.
    Root ignores permission bits, so a mode-000 file would be read normally and prove
    nothing. A dangling symlink is dropped by search (never reaches a scanner), a directory
    named ``*.py`` is not a file at all, and a FIFO would not fail but block the scanner
    forever. A Unix-domain socket is a directory entry that is not a directory, so search
    hands it to the scanners, and open() on it fails with ENXIO even for root: really
    unreadable.
    """
    if os.geteuid() != 0:
        path = project / "y.py"
        path.write_text("import os\nos.system(input())\n", encoding="utf-8")
        path.chmod(0)
        return "y.py"
    # bind with a relative name: an absolute tmp_path may exceed the 108-byte AF_UNIX limit
    monkeypatch.chdir(project)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind("y.py")
    finally:
        sock.close()
    assert stat.S_ISSOCK(os.lstat(project / "y.py").st_mode)
    return "y.py"


def test_undecodable_binary_and_unreadable_sources_are_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(
        tmp_path / "project",
        {
            "app.py": VULNERABLE_APP,
            # latin-1 bytes, no coding declaration: not valid UTF-8 Python source
            "latin1.py": b"name = 'caf\xe9 cr\xe8me br\xfbl\xe9e'\nimport os\nos.system(name + input())\n",
            # a binary file with a .py name: every byte value, NULs included
            "x.py": bytes(range(256)) * 4 + b"\x00\x00\xff\xfe\x00",
        },
    )
    unreadable = _make_unreadable(project, monkeypatch)
    report = tmp_path / "report.json"
    try:
        result = secscan("sast", str(project), "-o", str(report), cwd=tmp_path)
    finally:
        if os.geteuid() != 0:
            (project / unreadable).chmod(0o644)

    assert result.code == 0, result
    assert_no_traceback(result)
    doc = load_report(report)
    assert doc["scan"]["status"] == "success", doc["scan"]
    assert findings_of(doc, "bandit") and findings_of(doc, "semgrep"), doc["vulnerabilities"]
    assert {v["location"]["file"] for v in doc["vulnerabilities"]} >= {"app.py"}
    warns = messages(doc, "warn")
    for name in ("latin1.py", "x.py", unreadable):
        assert any(names_file(w, name) for w in warns), f"no warn message names {name}: {warns}"
    assert not messages(doc, "fatal"), doc["scan"]["messages"]


def test_project_with_nothing_to_scan(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", {"README.md": "# just docs\n\n`eval(input())` is bad.\n"})
    report = tmp_path / "report.json"
    result = secscan("sast", str(project), "-o", str(report), cwd=tmp_path)

    assert result.code == 0, result
    assert_no_traceback(result)
    assert "no match" in result.output, result
    doc = load_report(report)
    assert doc["vulnerabilities"] == []
    assert doc["scan"]["status"] == "success"
    assert doc["scan"]["start_time"] == doc["scan"]["end_time"] == EPOCH_TIME  # SOURCE_DATE_EPOCH
    assert any("no match" in m for m in messages(doc, "info")), doc["scan"]
    checked = secscan("report", "validate", str(report), cwd=tmp_path)
    assert checked.code == 0, checked


# --------------------------------------------------------------------------------------------
# 9: usage errors (nothing scanned, exit 2, one line)
# --------------------------------------------------------------------------------------------


def test_usage_nonexistent_target(tmp_path: Path) -> None:
    missing = tmp_path / "there-is-no-project-here"
    result = secscan("sast", str(missing), cwd=tmp_path)

    assert result.code == 2, result
    assert_one_line_error(result, str(missing), "does not exist")
    assert not missing.exists()


def test_usage_unknown_analyzer(tmp_path: Path) -> None:
    project = vulnerable_project(tmp_path)
    result = secscan("sast", str(project), "--analyzers", "nope", cwd=tmp_path)

    assert result.code == 2, result
    assert_one_line_error(result, "nope", "bandit", "semgrep")
    assert not (project / "gl-sast-report.json").exists()


def test_usage_bad_search_max_depth(tmp_path: Path) -> None:
    project = vulnerable_project(tmp_path)
    result = secscan("sast", str(project), cwd=tmp_path, SEARCH_MAX_DEPTH="abc")

    assert result.code == 2, result
    assert_one_line_error(result, "SEARCH_MAX_DEPTH", "abc")
    assert not (project / "gl-sast-report.json").exists()


@pytest.mark.parametrize("name", ["SECSCAN_BANDIT_JOBS", "SECSCAN_SEMGREP_JOBS"])
def test_usage_bad_job_count(tmp_path: Path, name: str) -> None:
    project = vulnerable_project(tmp_path)
    result = secscan("sast", str(project), cwd=tmp_path, **{name: "zero"})

    assert result.code == 2, result
    assert_one_line_error(result, name, "zero", "is not a whole number")
    assert not (project / "gl-sast-report.json").exists()


def test_usage_split_with_output(tmp_path: Path) -> None:
    project = vulnerable_project(tmp_path)
    result = secscan("sast", str(project), "--split", "-o", "x.json", cwd=tmp_path)

    assert result.code == 2, result
    assert_one_line_error(result, "--split", "--output")
    assert not (tmp_path / "x.json").exists()
    assert not list(project.glob("gl-sast-*.json"))


# --------------------------------------------------------------------------------------------
# 10: hostile strings in file names and source lines
# --------------------------------------------------------------------------------------------

#: spaces, non-ASCII, rich markup and a right-to-left override in a file name ("/" cannot be)
HOSTILE_NAME = "my fïle ☃ [bold red]x[red] \u202e.py"
HOSTILE_SOURCE = (
    "import os\n"
    "\n"
    "\n"
    "def f(cmd):\n"
    '    os.system("[bold red]x[/] [link=http://e.vil]y[/link]" + cmd)  # [/] \x1b[31mred\x1b[0m \x1b[2J\n'
    '    eval(cmd + "[/bold] \\x1b[5m")\n'
)


#: a file bandit cannot parse, so its (hostile) name also goes through the warning/log path
HOSTILE_BROKEN_NAME = "[bold]bröken [red] ☠.py"


def test_hostile_names_and_source_lines(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", {HOSTILE_NAME: HOSTILE_SOURCE, HOSTILE_BROKEN_NAME: "def oops(:\n"})
    report = tmp_path / "report.json"

    result = secscan("sast", str(project), "-o", str(report), cwd=tmp_path)
    assert result.code == 0, result
    assert_no_traceback(result)
    doc = load_report(report)
    assert doc["scan"]["status"] == "success"
    # semgrep's findings of the same weaknesses are merged into bandit's, recorded in details
    merged_from = [
        item["value"]
        for v in findings_of(doc, "bandit")
        for item in v.get("details", {}).get("also_reported_by", {}).get("items", [])
    ]
    assert any(m.startswith("semgrep: ") for m in merged_from), doc["vulnerabilities"]
    assert {v["location"]["file"] for v in doc["vulnerabilities"]} == {HOSTILE_NAME}
    extracts = [v.get("raw_source_code_extract") or "" for v in doc["vulnerabilities"]]
    assert any("[bold red]x[/]" in e and "\x1b[31m" in e for e in extracts), extracts
    assert any(names_file(w, HOSTILE_BROKEN_NAME) for w in messages(doc, "warn")), doc["scan"]
    # markup in a file name is shown literally, never interpreted
    assert "[bold red]x[red]" in result.stdout, result
    assert HOSTILE_BROKEN_NAME in result.stderr, result

    # the same scan rendered for a terminal: live progress, colours, rich log handler
    tty_report = tmp_path / "tty-report.json"
    on_tty = secscan_in_pty("sast", str(project), "--analyzers", "bandit", "-o", str(tty_report), cwd=tmp_path)
    assert on_tty.code == 0, on_tty
    assert_no_traceback(on_tty)
    shown = strip_styles(on_tty.stdout)  # the log handler highlights brackets with colours
    assert "[bold red]x[red]" in shown, on_tty
    assert HOSTILE_BROKEN_NAME in shown, on_tty
    assert findings_of(load_report(tty_report), "bandit")


def test_escape_sequences_in_file_names_are_not_echoed_raw(tmp_path: Path) -> None:
    """A scanned repository is untrusted: its file names must not drive the user's terminal
    (recolour, clear the screen, retitle the window) through secscan's output."""
    name = "esc \x1b[31mred\x1b[0m \x1b]0;pwned\x07 \x1b[2J name.py"
    project = make_project(tmp_path / "project", {name: VULNERABLE_APP})
    report = tmp_path / "report.json"
    result = secscan("sast", str(project), "--analyzers", "bandit", "-o", str(report), cwd=tmp_path)

    assert result.code == 0, result
    assert_no_traceback(result)
    assert {v["location"]["file"] for v in load_report(report)["vulnerabilities"]} == {name}
    # stdout/stderr are pipes, so rich adds no styling: any ESC byte came from the file name
    assert "\x1b" not in result.stdout, f"raw terminal escape sequences in stdout:\n{result.stdout!r}"
    assert "\x1b" not in result.stderr, f"raw terminal escape sequences in stderr:\n{result.stderr!r}"


# --------------------------------------------------------------------------------------------
# 11: secscan report validate
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bandit_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report secscan wrote (bandit only: fast), with findings."""
    root = tmp_path_factory.mktemp("validate")
    project = vulnerable_project(root)
    report = root / "gl-sast-report.json"
    result = secscan("sast", str(project), "--analyzers", "bandit", "-o", str(report), cwd=root)
    assert result.code == 0, result
    assert load_report(report)["vulnerabilities"]
    return report


def test_validate_a_file_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "not-a-report.json"
    path.write_text("this is { not JSON\n", encoding="utf-8")
    result = secscan("report", "validate", str(path), cwd=tmp_path)

    assert result.code == 2, result
    assert_no_traceback(result)
    out = lines_of(result.output)
    assert len(out) == 1, f"expected one line, got {len(out)}:\n{result}"
    line_with(out[0], str(path), "not valid JSON")


def test_validate_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.json"
    result = secscan("report", "validate", str(path), cwd=tmp_path)

    assert result.code == 2, result
    assert_no_traceback(result)
    line_with(result.output, str(path), "no such file")


def test_validate_a_report_secscan_wrote(bandit_report: Path, tmp_path: Path) -> None:
    result = secscan("report", "validate", str(bandit_report), cwd=tmp_path)

    assert result.code == 0, result
    assert_no_traceback(result)
    line_with(result.stdout, str(bandit_report), "valid sast report")


def test_validate_a_report_with_a_bad_severity(bandit_report: Path, tmp_path: Path) -> None:
    doc = load_report(bandit_report)
    doc["vulnerabilities"][0]["severity"] = "Apocalyptic"
    bad = tmp_path / "bad-severity.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    result = secscan("report", "validate", str(bad), cwd=tmp_path)

    assert result.code == 2, result
    assert_no_traceback(result)
    line_with(result.output, "$.vulnerabilities[0].severity")


def test_ctrl_c_stops_the_scanners_and_writes_nothing(tmp_path: Path) -> None:
    """SIGINT (Ctrl-C before a push) ends secscan promptly: scanners killed, exit 130, no report."""
    import signal

    project = vulnerable_project(tmp_path)
    report = tmp_path / "report.json"
    pidfile = tmp_path / "fake.pids"
    fake = install_fake(tmp_path, "hang.py", "bandit")
    env = {k: v for k, v in os.environ.items() if not k.startswith(_LEAKY_PREFIXES) and k not in _LEAKY_NAMES}
    env.update(SECSCAN_BANDIT_EXECUTABLE=str(fake), FAKE_SCANNER_PIDFILE=str(pidfile), FAKE_SCANNER_SLEEP="60")
    proc = subprocess.Popen(
        [sys.executable, "-m", "secscan.cli.main", "sast", str(project), "--analyzers", "bandit", "-o", str(report)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # a shell's background job inherits SIGINT ignored, and Python keeps it ignored: restore it
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 30
    while not (pidfile.exists() and pidfile.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert pidfile.exists(), "the fake scanner never started"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, f"{proc.returncode}\n{out}\n{err}"
    assert "Traceback" not in out + err
    assert "interrupted" in err
    assert not report.exists(), "no report after an interrupted scan"
    pids, completed = _pids_and_completions(pidfile)
    assert not completed
    assert not wait_gone(pids), f"scanner processes left running: {pidfile.read_text()}"


def test_unwritable_report_path_is_one_clear_line(tmp_path: Path) -> None:
    project = vulnerable_project(tmp_path)
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where a directory should be\n")
    target = blocker / "gl-sast-report.json"
    result = secscan("sast", str(project), "--analyzers", "bandit", "-o", str(target), cwd=tmp_path)
    assert result.code == 2, result
    assert_no_traceback(result)
    errors = [line for line in lines_of(result.stderr) if line.startswith("secscan: error:")]
    assert len(errors) == 1, result
    line_with(errors[0], str(target), "cannot write the file")


def _marking_scanner(tmp_path: Path) -> tuple[Path, Path]:
    """A real (tiny) scanner executable that leaves a mark when it is started."""
    marker = tmp_path / "scanner-ran"
    script = tmp_path / "marking-bandit"
    script.write_text(f"#!/bin/sh\ntouch {shlex.quote(str(marker))}\nexit 1\n")
    script.chmod(0o755)
    return script, marker


@pytest.mark.parametrize(
    ("option", "where", "fix"),
    [
        ("-o", "not-a-dir/r.json", "-o/--output"),
        ("--sarif-output", "not-a-dir/r.sarif", "--sarif-output"),
        ("--artifact-dir", "not-a-dir/out", "--artifact-dir"),
    ],
)
def test_unwritable_output_paths_are_refused_before_any_scanner_runs(
    tmp_path: Path, option: str, where: str, fix: str
) -> None:
    project = vulnerable_project(tmp_path)
    (tmp_path / "not-a-dir").write_text("a file where a directory should be\n")
    scanner, marker = _marking_scanner(tmp_path)
    args = ["sast", str(project), "--analyzers", "bandit", option, str(tmp_path / where)]
    for extra in ([], ["--split"]) if option == "--artifact-dir" else ([],):
        result = secscan(*args, *extra, cwd=tmp_path, SECSCAN_BANDIT_EXECUTABLE=str(scanner))
        assert result.code == 2, result
        line = assert_one_line_error(result, "not-a-dir", "cannot write the file", fix)
        assert line.startswith("secscan: error:")
        assert not marker.exists(), "no scanner may run when the report cannot be written"


def test_fail_on_says_why_it_exits_1_and_none_overrides_the_environment(tmp_path: Path) -> None:
    project = vulnerable_project(tmp_path)
    args = ["sast", str(project), "--analyzers", "bandit", "-o", str(tmp_path / "r.json")]
    failed = secscan(*args, "--fail-on", "high", cwd=tmp_path)
    assert failed.code == 1, failed
    high = [v for v in load_report(tmp_path / "r.json")["vulnerabilities"] if v["severity"] in ("High", "Critical")]
    assert high, "the sample has High findings"
    line_with(failed.stderr, f"{len(high)} finding(s) at or above High", "--fail-on")
    inherited = secscan(*args, cwd=tmp_path, SECSCAN_FAIL_ON="high")
    assert inherited.code == 1, inherited
    overridden = secscan(*args, "--fail-on", "none", cwd=tmp_path, SECSCAN_FAIL_ON="high")
    assert overridden.code == 0, overridden
    assert "at or above" not in overridden.stderr


def test_an_output_that_is_a_device_or_a_link_is_written_through_not_replaced(tmp_path: Path) -> None:
    """``-o /dev/null`` must discard the report, not replace the device with a file (as root the
    atomic rename would); a link to a report file keeps being a link to the new report."""
    project = vulnerable_project(tmp_path)
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # the tests run as root, like CI
    real = tmp_path / "reports" / "r.sarif"
    real.parent.mkdir()
    link = tmp_path / "latest.sarif"
    link.symlink_to(real)
    result = secscan(
        "sast", str(project), "--analyzers", "bandit", "-o", str(device), "--sarif-output", str(link), cwd=tmp_path
    )
    assert result.code == 0, result
    assert stat.S_ISCHR(device.lstat().st_mode), "the device is still a device"
    assert link.is_symlink() and json.loads(real.read_text())["runs"], "the link still names the written log"


def test_a_sarif_output_on_the_report_path_is_refused_before_scanning(tmp_path: Path) -> None:
    project = vulnerable_project(tmp_path)
    scanner, marker = _marking_scanner(tmp_path)
    same = tmp_path / "r.json"
    result = secscan(
        "sast", str(project), "--analyzers", "bandit", "-o", str(same), "--sarif-output", str(same),
        cwd=tmp_path, SECSCAN_BANDIT_EXECUTABLE=str(scanner),
    )  # fmt: skip
    assert result.code == 2, result
    assert_one_line_error(result, str(same), "would overwrite the report", "--sarif-output")
    assert not marker.exists() and not same.exists()


def test_a_writable_device_in_a_directory_one_cannot_write_is_an_output(tmp_path: Path) -> None:
    """``-o /dev/null`` for a user who cannot create files in /dev: the check before scanning
    asks whether the device can be written, not whether a file could be made beside it."""
    project = vulnerable_project(tmp_path)
    locked = tmp_path / "dev"
    locked.mkdir()
    device = locked / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    locked.chmod(0o555)
    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to drop root's file-permission override"
    unprivileged = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    probe = subprocess.run([*unprivileged, "touch", str(locked / "probe")], capture_output=True)
    assert probe.returncode != 0, "the directory must really be unwritable for the scan"
    command = [*unprivileged, sys.executable, "-m", "secscan.cli.main", "sast", str(project)]
    result = subprocess.run(
        [*command, "--analyzers", "bandit", "-o", str(device)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(device.lstat().st_mode)
