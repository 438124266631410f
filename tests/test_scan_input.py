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
    return [m["value"] for m in report["scan"]["messages"]]


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
