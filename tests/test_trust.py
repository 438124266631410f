"""Findings users can trust (issue 14 items 1-6): the real scanners on small projects, one per fault."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

ECHO_VIEW = """\
import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/echo", methods=["POST"])
def echo():
    data = request.get_json()
    os.system('echo ' + data['name']){comment}
    return "ok"
"""

DISABLE_PYFLOW_COMMAND_INJECTION = """\
[pyflow]
  [[pyflow.ruleset]]
    disable = true
    [pyflow.ruleset.identifier]
      type = "pyflow_rule_id"
      value = "pyflow.command-injection"
"""


def sast(project: Path, *args: str) -> dict:
    """``secscan sast`` on ``project``; the report it wrote."""
    out = project.parent / "gl-sast-report.json"
    proc = run_cli("sast", str(project), "-o", str(out), *args)
    assert proc.returncode == 0, proc.stderr
    return json.loads(out.read_text())


def write(project: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text)
    return project


def reported_by(vuln: dict) -> set[str]:
    """The analyzers that reported a finding: its own scanner and those merged into it."""
    items = vuln.get("details", {}).get("also_reported_by", {}).get("items", [])
    return {vuln["scanner"]["id"], *(item["value"].partition(":")[0] for item in items)}


def identifiers(vuln: dict, kind: str) -> set[str]:
    return {i["value"] for i in vuln["identifiers"] if i["type"] == kind}


def messages(report: dict) -> list[str]:
    return [m["value"] for m in report["scan"].get("messages", [])]


def test_a_disabled_pyflow_rule_leaves_bandits_finding_and_says_nothing_false(tmp_path):
    """Item 1: pyflow found the path, the ruleset disabled its rule: bandit's B605 stays."""
    project = write(
        tmp_path / "p",
        {"app.py": ECHO_VIEW.format(comment=""), ".gitlab/sast-ruleset.toml": DISABLE_PYFLOW_COMMAND_INJECTION},
    )
    report = sast(project, "--analyzers", "pyflow,bandit")
    b605 = [v for v in report["vulnerabilities"] if "B605" in identifiers(v, "bandit_test_id")]
    assert [(v["scanner"]["id"], v["location"]["start_line"]) for v in b605] == [("bandit", 11)]
    assert not [v for v in report["vulnerabilities"] if v["scanner"]["id"] == "pyflow"]
    assert not [m for m in messages(report) if "found no path" in m and m.startswith("[bandit]")]


def test_pyflow_reports_the_same_weakness_it_decided_in_a_true_message(tmp_path):
    """Item 1: bandit's copy of a finding pyflow reports itself is not said to have 'no path'."""
    project = write(tmp_path / "p", {"app.py": ECHO_VIEW.format(comment="")})
    report = sast(project, "--analyzers", "pyflow,bandit")
    pyflow = [v for v in report["vulnerabilities"] if v["scanner"]["id"] == "pyflow"]
    assert [v["location"]["start_line"] for v in pyflow] == [11]
    assert (
        "[bandit] 1 finding(s) left out: pyflow followed the data flow on their files and reports the same "
        "weakness there itself" in messages(report)
    )
    assert not [m for m in messages(report) if "found no path" in m]


def test_nosec_with_bandits_test_id_silences_pyflow_on_os_system(tmp_path):
    """Item 2: pyflow's os.system finding carries B605, as bandit's does, so ``# nosec B605`` holds."""
    plain = sast(write(tmp_path / "plain", {"app.py": ECHO_VIEW.format(comment="")}), "--analyzers", "pyflow")
    assert [identifiers(v, "bandit_test_id") for v in plain["vulnerabilities"]] == [{"B605"}]
    silenced = write(tmp_path / "silenced", {"app.py": ECHO_VIEW.format(comment="  # nosec B605")})
    report = sast(silenced, "--analyzers", "pyflow,bandit")
    assert report["vulnerabilities"] == []
