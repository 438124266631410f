"""What is scan input: only regular, readable, UTF-8-named files inside the target; never secscan's
own outputs; minified and bundled JavaScript only on request; a single file as a target.

Every test runs the real CLI with the real scanners (issue 20 items 1-3, issue 14 items 11, 14, 16).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

#: bandit reports B605 here (and pyflow or semgrep the same command injection)
SHELL = 'import os\n\n\ndef run(name):\n    os.system("echo " + name)\n'
#: bandit reports B324 here
MD5 = "import hashlib\n\n\ndef digest(data):\n    return hashlib.md5(data).hexdigest()\n"
#: semgrep's bundled JavaScript rules report eval of request data here
EVAL_JS = (
    "const express = require('express');\nconst app = express();\n"
    "app.get('/', (req, res) => {\n  eval(req.query.code);\n});\n"
)


def project(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    return root


def secscan(*args: str, timeout: float = 240, prefix: Sequence[str] = (), **env: str) -> subprocess.CompletedProcess:
    """The real CLI as a process, ``prefix`` (e.g. setpriv and its options) in front."""
    full_env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", SECSCAN_NO_CACHE="true", **env)
    command = [*prefix, sys.executable, "-m", "secscan.cli.main", *args]
    return subprocess.run(command, env=full_env, capture_output=True, text=True, timeout=timeout)


def scan(target: Path, *args: str, timeout: float = 240, prefix: Sequence[str] = (), **env: str):
    """``secscan sast TARGET -o <beside it>/report.json ARGS``; returns (process, report or None)."""
    out = target.parent / f"{target.name}-report.json"
    proc = secscan("sast", str(target), "-o", str(out), *args, timeout=timeout, prefix=prefix, **env)
    report = json.loads(out.read_text()) if out.exists() else None
    return proc, report


def messages(report: dict[str, Any]) -> list[str]:
    return [m["value"] for m in report["scan"].get("messages", [])]


def findings(report: dict[str, Any]) -> set[tuple[str, str]]:
    return {(v["location"]["file"], v["identifiers"][0]["value"]) for v in report["vulnerabilities"]}


def test_a_fifo_is_skipped_and_counted_not_read(tmp_path: Path) -> None:
    """Issue 20 item 1: a FIFO named like a source file hung the scan forever (secscan and bandit
    blocked reading it)."""
    root = project(tmp_path / "p", {"app.py": SHELL})
    os.mkfifo(root / "pipe.py")
    proc, report = scan(root, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert ("app.py", "B605") in findings(report)
    assert any("1 special file(s)" in m and "pipe.py" in m for m in messages(report)), messages(report)


def test_broken_and_looping_links_are_skipped_with_a_message(tmp_path: Path) -> None:
    """Issue 20 item 2: ``ln -s self self`` aborted the scan (exit 3, no report). Symbolic links
    are never scan input (a link to a file inside the target made semgrep fail for the whole
    project): the file is scanned under its own path; a link leaving the target is not followed."""
    root = project(tmp_path / "p", {"app.py": SHELL, "lib/hash.py": MD5})
    os.symlink("self", root / "self")
    os.symlink("nowhere.py", root / "broken.py")
    os.symlink("b.py", root / "a.py")
    os.symlink("a.py", root / "b.py")
    outside = project(tmp_path / "outside", {"evil.py": MD5})
    os.symlink(outside / "evil.py", root / "leaves.py")
    os.symlink("lib/hash.py", root / "alias.py")
    proc, report = scan(root)
    assert proc.returncode == 0, proc.stderr
    assert report["scan"]["status"] == "success"
    assert {f for f, _ in findings(report)} == {"app.py", "lib/hash.py"}
    bad = next(m for m in messages(report) if "broken, looping or leaving the target" in m)
    assert bad == (
        "5 symbolic link(s) broken, looping or leaving the target skipped: "
        "a.py, b.py, broken.py, leaves.py, self; fix or remove them"
    )
    assert any(m.startswith("1 symbolic link(s) to files not followed") and "alias.py" in m for m in messages(report))


def test_an_unreadable_file_is_a_warning_not_a_failed_scan(tmp_path: Path) -> None:
    """Issue 20 item 3: one file the scanner may not read made semgrep fail for the whole project.
    The tests run as root, who reads any file: the scan runs without the capabilities that let
    root ignore permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), as a normal user would."""
    root = project(tmp_path / "p", {"app.js": EVAL_JS, "hash.py": MD5, "locked.js": EVAL_JS})
    (root / "locked.js").chmod(0)
    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to drop root's file-permission override"
    unprivileged = (setpriv, "--bounding-set=-dac_override,-dac_read_search")
    probe = subprocess.run([*unprivileged, "cat", str(root / "locked.js")], capture_output=True)
    assert probe.returncode != 0, "the file must really be unreadable for the scan"
    proc, report = scan(root, prefix=unprivileged)
    assert proc.returncode == 0, proc.stderr
    assert report["scan"]["status"] == "success"
    assert {f for f, _ in findings(report)} == {"app.js", "hash.py"}
    assert "locked.js: file could not be read and was skipped; check its permissions" in messages(report)


def test_a_file_name_that_is_not_utf8_is_a_warning_not_a_failed_scan(tmp_path: Path) -> None:
    """Issue 20 item 3: a file name that is not UTF-8 made bandit fail for the whole project."""
    root = project(tmp_path / "p", {"app.py": SHELL})
    with open(os.path.join(os.fsencode(root), b"caf\xe9.py"), "wb") as handle:
        handle.write(MD5.encode())
    proc, report = scan(root)
    assert proc.returncode == 0, proc.stderr
    assert report["scan"]["status"] == "success"
    assert ("app.py", "B605") in findings(report)
    assert "caf\\xe9.py: file name is not valid UTF-8, so the file was skipped; rename it" in messages(report)


def test_minified_and_bundled_javascript_is_skipped_unless_asked_for(tmp_path: Path) -> None:
    """Issue 14 item 11: vendored and minified JavaScript took most of the scan time. By name
    (``*.min.js``, ``*.bundle.js``) or by content (semgrep's rule: the first 8 KiB average more
    than 300 bytes a line), it is skipped and named; ``SECSCAN_SCAN_MINIFIED=true`` scans it."""
    one_line = ("var a = 1;" * 400) + EVAL_JS.replace("\n", " ")
    root = project(
        tmp_path / "p",
        {
            "server.js": EVAL_JS,
            "static/lib.min.js": EVAL_JS,
            "static/app.bundle.js": EVAL_JS,
            "static/vendor.js": one_line,
        },
    )
    proc, report = scan(root, "--analyzers", "semgrep")
    assert proc.returncode == 0, proc.stderr
    assert {f for f, _ in findings(report)} == {"server.js"}
    assert (
        "3 minified or bundled file(s) not scanned (set SECSCAN_SCAN_MINIFIED=true to scan them): "
        "static/app.bundle.js, static/lib.min.js, static/vendor.js"
    ) in messages(report)

    proc, report = scan(root, "--analyzers", "semgrep", SECSCAN_SCAN_MINIFIED="true")
    assert proc.returncode == 0, proc.stderr
    files = {f for f, _ in findings(report)}
    assert files == {"server.js", "static/lib.min.js", "static/app.bundle.js", "static/vendor.js"}
    assert not any("minified" in m for m in messages(report))


def test_a_file_target_scans_that_file_in_its_directory(tmp_path: Path) -> None:
    """Issue 14 item 14: ``secscan sast app.py`` was refused. The file's directory is the
    project root (report paths are relative to it, the report is written there); only the file
    is scanned."""
    root = project(tmp_path / "p", {"src/app.py": SHELL, "src/other.py": MD5})
    os.symlink("self", root / "src" / "self")  # the directory is not walked: no message about it
    proc = secscan("sast", str(root / "src" / "app.py"))
    assert proc.returncode == 0, proc.stderr
    report = json.loads((root / "src" / "gl-sast-report.json").read_text())
    assert findings(report) == {("app.py", "B605")}
    assert report["scan"]["status"] == "success"
    assert not any("symbolic link" in m for m in messages(report)), messages(report)


def git(repo: Path, *args: str) -> str:
    author = ("-c", "user.name=t", "-c", "user.email=t@example.com")
    return subprocess.run(["git", *author, *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def test_secscan_outputs_in_the_repository_are_not_changed_files(tmp_path: Path) -> None:
    """Issue 14 item 16: a report written inside the repository counted as a changed file in the
    next diff-aware scan. Reports (gl-*-report.json, -o, --sarif-output) and .secscan are never
    scan input."""
    root = project(tmp_path / "repo", {"app.py": SHELL})
    git(root, "init", "-q")
    git(root, "add", "app.py")
    git(root, "commit", "-qm", "init")
    outputs = ("-o", str(root / "out" / "mine.json"), "--sarif-output", str(root / "out.sarif"))
    first = secscan("sast", str(root), *outputs, "--analyzers", "bandit")
    assert first.returncode == 0, first.stderr
    (root / "gl-sast-report.json").write_text("{}")
    (root / ".secscan").mkdir()
    (root / ".secscan" / "vulns.db").write_bytes(b"SQLite format 3\0")
    assert len(git(root, "status", "--porcelain", "--untracked-files=all").splitlines()) == 4

    proc = secscan("sast", str(root), *outputs, "--analyzers", "bandit", "--diff-base", "HEAD")
    assert proc.returncode == 0, proc.stderr
    report = json.loads((root / "out" / "mine.json").read_text())
    assert any(m.startswith("diff-aware scan: 0 file(s) scanned of 0 changed") for m in messages(report)), messages(
        report
    )


def test_search_sorts_every_directory_entry_into_one_kind(tmp_path: Path) -> None:
    """The search step alone: what each kind of entry becomes (no scanner involved)."""
    from secscan.common.engine.search import search

    root = project(tmp_path / "p", {"a.py": "x = 1\n", "d/b.py": "y = 2\n"})
    os.mkfifo(root / "fifo.py")
    os.symlink("a.py", root / "alias.py")
    os.symlink("loop.py", root / "loop.py")
    os.symlink(tmp_path, root / "d" / "up")  # a link to a directory: never followed
    with open(os.path.join(os.fsencode(root), b"d", b"\xff.py"), "wb") as handle:
        handle.write(b"z = 3\n")
    found = search(root, max_depth=5)
    assert found.files == ("a.py", "d/b.py")
    assert found.special == ("fifo.py",)
    assert found.links == ("alias.py",)
    assert found.bad_links == ("loop.py",)
    assert found.bad_names == ("d/\\xff.py",)
    assert [m.level for m in found.notes()] == ["warn", "warn", "info", "warn"]
