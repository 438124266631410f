"""Inline ignores: ``secscan: ignore[...]`` for every analyzer, bandit's ``# nosec`` across
analyzers, unmatched ignores reported, and the switch that turns them all off."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

from secscan.common.config import Config
from secscan.common.engine.ignores import InlineIgnore, apply_ignores, find_ignores, parse_line
from secscan.common.engine.pipeline import scan, select
from secscan.common.engine.registry import discover
from secscan.report.model import Identifier, Location, ScannerRef, Vulnerability

APP_PY = """\
import os
import hashlib


def run(cmd):
    os.system(cmd)  # secscan: ignore[B605] commands come from our own config


def digest(data):
    # secscan: ignore[CWE-327, CWE-328] checksum only, not security
    return hashlib.md5(data).hexdigest()


def other(x):
    return eval(x)  # secscan: ignore[B999] stale rule id


def again(cmd):
    os.system(cmd)  # nosec


def unexplained(cmd):
    os.popen(cmd)  # secscan: ignore[B605]
"""

WEB_JS = """\
const express = require('express');
const app = express();
app.get('/x', (req, res) => {
  // secscan: ignore[javascript.lang.eval-injection] sandboxed in a worker
  eval(req.query.code);
  res.redirect(req.query.next); /* secscan: ignore[CWE-601] allow-listed by the proxy */
});
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "app.py").write_text(APP_PY)
    (root / "web.js").write_text(WEB_JS)
    return root


def places(report: dict) -> set[tuple[str, int]]:
    return {(v["location"]["file"], v["location"]["start_line"]) for v in report["vulnerabilities"]}


def warnings(report: dict) -> list[str]:
    return [m["value"] for m in report["scan"].get("messages", []) if m["level"] == "warn"]


def vuln(file: str, line: int, *idents: tuple[str, str], end: int | None = None) -> Vulnerability:
    identifiers = tuple(Identifier(type=t, name=v, value=v) for t, v in idents)
    return Vulnerability(
        identifiers=identifiers,
        location=Location(file=file, start_line=line, end_line=end or line),
        scanner=ScannerRef(id="x", name="x"),
    )


@pytest.mark.parametrize(
    "line, selectors, reason, standalone",
    [
        ("x = f()  # secscan: ignore[B602] trusted input", ("B602",), "trusted input", False),
        ("    # secscan: ignore[B602, CWE-78] both", ("B602", "CWE-78"), "both", True),
        (
            "f(); // secscan: ignore[javascript.lang.eval-injection] ok",
            ("javascript.lang.eval-injection",),
            "ok",
            False,
        ),
        ("/* secscan: ignore[CWE-601] proxy */", ("CWE-601",), "proxy", True),
        ("<!-- secscan: ignore[CWE-79] static -->", ("CWE-79",), "static", True),
        ("  -- secscan: ignore[CWE-89] view", ("CWE-89",), "view", True),
        (" * secscan: IGNORE[b602] in a doc comment", ("b602",), "in a doc comment", True),
    ],
)
def test_parse_line_reads_every_comment_syntax(line, selectors, reason, standalone):
    found = parse_line("f.py", 3, line)
    assert isinstance(found, InlineIgnore), found
    assert (found.selectors, found.reason, found.standalone, found.line) == (selectors, reason, standalone, 3)


def test_parse_line_ignores_strings_and_rejects_empty_brackets():
    assert parse_line("f.py", 1, 'msg = "secscan: ignore[B602] not a comment"') is None
    assert parse_line("f.py", 1, "x = 1") is None
    empty = parse_line("f.py", 7, "x = 1  # secscan: ignore[] why")
    assert empty is not None and empty.level == "warn" and "f.py:7" in empty.value and "needs the rule" in empty.value
    bare = parse_line("f.py", 8, "x = 1  # secscan: ignore")
    assert bare is not None and bare.level == "warn"


def test_nosec_selects_only_findings_that_carry_its_bandit_id():
    nosec = parse_line("a.py", 5, "os.system(c)  # nosec B605, B607")
    assert isinstance(nosec, InlineIgnore) and nosec.nosec and nosec.selectors == ("B605", "B607")
    semgrep_equivalent = vuln("a.py", 5, ("semgrep_id", "python.lang.os-system"), ("bandit_test_id", "B605"))
    unrelated = vuln("a.py", 5, ("semgrep_id", "python.lang.other"), ("bandit_test_id", "B301"))
    no_bandit_id = vuln("a.py", 5, ("semgrep_id", "python.lang.third"))
    kept, suppressed = apply_ignores([semgrep_equivalent, unrelated, no_bandit_id], [nosec])
    assert [s.vulnerability for s in suppressed] == [semgrep_equivalent]
    assert kept == [unrelated, no_bandit_id]
    bare = parse_line("a.py", 5, "os.system(c)  # nosec")
    kept, suppressed = apply_ignores([semgrep_equivalent, unrelated, no_bandit_id], [bare])
    assert kept == [no_bandit_id] and len(suppressed) == 2


def test_line_above_only_when_the_comment_stands_alone():
    alone = parse_line("a.py", 9, "    # secscan: ignore[B1] reason")
    trailing = parse_line("a.py", 9, "x = 1  # secscan: ignore[B1] reason")
    below = vuln("a.py", 10, ("t", "B1"))
    multi_line = vuln("a.py", 8, ("t", "B1"), end=10)  # comment on a later line of the finding
    assert alone.covers(below) and not trailing.covers(below)
    assert trailing.covers(multi_line)
    assert not alone.covers(vuln("a.py", 11, ("t", "B1")))
    assert not alone.covers(vuln("b.py", 10, ("t", "B1")))


def test_find_ignores_skips_unreadable_and_reports_malformed(tmp_path: Path):
    (tmp_path / "a.py").write_text("x = 1  # secscan: ignore[B1] r\ny = 2  # secscan: ignore[]\n")
    (tmp_path / "b.bin").write_bytes(b"\xff\xfe\x00 secscan: ignore[B1] r")
    found, problems = find_ignores(tmp_path, ["a.py", "missing.py", "b.bin"])
    assert [(i.file, i.line) for i in found] == [("a.py", 1)]
    assert len(problems) == 1 and "a.py:2" in problems[0].value


def test_scan_applies_ignores_for_every_analyzer_and_reports_stale_ones(project: Path, tmp_path: Path):
    report_path = tmp_path / "report.json"
    proc = run_cli("sast", str(project), "-o", str(report_path))
    assert proc.returncode == 0, proc.stderr
    report = json.loads(report_path.read_text())
    got = places(report)
    # bandit (B605 by id), semgrep (JS rule id and CWE), pyflow/semgrep/bandit (CWE list) are silenced
    for line in (6, 11, 19, 23):
        assert ("app.py", line) not in got, report["vulnerabilities"]
    assert ("web.js", 5) not in got and ("web.js", 6) not in got
    # the stale ignore is listed, and its finding is kept
    assert ("app.py", 15) in got
    warned = warnings(report)
    assert any(w.startswith("app.py:15: secscan: ignore[B999] matched no finding") for w in warned), warned
    assert any(w.startswith("app.py:23:") and "gives no reason" in w for w in warned), warned
    infos = [m["value"] for m in report["scan"]["messages"] if m["level"] == "info"]
    assert any("ignored by 'secscan: ignore' or '# nosec' comments" in m for m in infos), infos


@pytest.mark.parametrize("how", ["flag", "env"])
def test_security_teams_can_turn_every_inline_ignore_off(project: Path, tmp_path: Path, how: str):
    report_path = tmp_path / "report.json"
    args, env = (["--no-inline-ignores"], {}) if how == "flag" else ([], {"SECSCAN_DISABLE_INLINE_IGNORES": "true"})
    proc = run_cli("sast", str(project), "-o", str(report_path), *args, env=env)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(report_path.read_text())
    got = places(report)
    # secscan's ignores and bandit's own # nosec (line 19) are not honoured
    assert {("app.py", 6), ("app.py", 11), ("app.py", 19), ("web.js", 5), ("web.js", 6)} <= got, got
    infos = [m["value"] for m in report["scan"]["messages"]]
    assert any("inline ignores are off" in m for m in infos), infos
    assert not warnings(report)


def test_invalid_disable_setting_is_a_usage_error(project: Path):
    proc = run_cli("sast", str(project), env={"SECSCAN_DISABLE_INLINE_IGNORES": "maybe"})
    assert proc.returncode == 2
    assert "SECSCAN_DISABLE_INLINE_IGNORES" in proc.stderr and "Traceback" not in proc.stderr


def test_scan_result_keeps_suppressed_findings_with_their_reason(project: Path):
    config = Config.load(env={}, target=project, analyzers="bandit")
    installed, _ = discover()
    result = scan(config, select(installed, config))
    reasons = {(s.vulnerability.location.start_line, s.justification) for s in result.suppressed}
    assert (6, "commands come from our own config") in reasons, reasons
    assert all(s.kind == "inSource" for s in result.suppressed)
    assert not any(v.location.start_line == 6 for v in result.report.vulnerabilities)


@pytest.mark.parametrize("name", ["a.py", "a.js", "a.txt"])  # tokenize, tree-sitter, line by line
def test_a_form_feed_does_not_shift_the_lines_ignores_apply_to(tmp_path: Path, name: str):
    """Scanners count lines at "\\n" only; a form feed (or U+2028) earlier in the file must not move
    an ignore to another line, nor make a trailing ignore look standalone."""
    comment = "#" if name != "a.js" else "//"
    text = (
        f"x = 1\n\x0c\n{comment} page two\u2028still line three\n{comment} secscan: ignore[B602] reviewed\n"
        f"call()\ncall()  {comment} secscan: ignore[B605] reviewed\ncall()\n"
    )
    (tmp_path / name).write_text(text)
    found, problems = find_ignores(tmp_path, [name])
    assert not problems
    by_line = {i.line: i for i in found}
    assert set(by_line) == {4, 6}
    assert by_line[4].standalone and not by_line[6].standalone
