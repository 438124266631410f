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


def sast(project: Path, *args: str, env: dict | None = None) -> dict:
    """``secscan sast`` on ``project``; the report it wrote."""
    out = project.parent / "gl-sast-report.json"
    proc = run_cli("sast", str(project), "-o", str(out), *args, env=env)
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


MD5_HELPER = """\
import hashlib


def digest(text):
    return hashlib.md5(text.encode()).hexdigest()  {comment}
"""


def test_a_weak_hash_has_one_cwe_whichever_analyzer_finds_it(tmp_path):
    """Issue 18 part 4: MD5 is CWE-328 in bandit's copy too (bandit itself says 327)."""
    project = write(tmp_path / "p", {"lib.py": MD5_HELPER.format(comment="")})
    proc = run_cli("sast", str(project), "--split", "--artifact-dir", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    cwes = {}
    for path in sorted((tmp_path / "out").glob("gl-sast-*-report.json")):
        found = json.loads(path.read_text())["vulnerabilities"]
        cwes[path.name] = {c for v in found if v["location"]["start_line"] == 5 for c in identifiers(v, "cwe")}
    assert cwes["gl-sast-bandit-report.json"] == cwes["gl-sast-pyflow-report.json"] == {"328"}, cwes


def test_an_ignore_by_cwe_hides_every_copy_of_a_merged_weak_hash(tmp_path):
    """Item 3: ``secscan: ignore[CWE-328]`` hides the MD5 finding of every analyzer."""
    project = write(tmp_path / "p", {"lib.py": MD5_HELPER.format(comment="# secscan: ignore[CWE-328] cache key")})
    report = sast(project)
    assert [v for v in report["vulnerabilities"] if v["location"]["start_line"] == 5] == []


def test_an_ignore_matching_one_copy_hides_all_copies_of_a_merged_finding(tmp_path):
    """Item 3: an ignore naming pyflow's rule also hides bandit's and semgrep's copies of that finding."""
    project = write(
        tmp_path / "p", {"lib.py": MD5_HELPER.format(comment="# secscan: ignore[pyflow.weak-hash] cache key")}
    )
    report = sast(project)
    assert [v for v in report["vulnerabilities"] if v["location"]["start_line"] == 5] == []
    assert not [m for m in messages(report) if "matched no finding" in m]


def test_pyflow_and_bandit_report_an_unsafe_yaml_load_as_one_finding(tmp_path):
    """Item 5: pyflow's yaml.load finding carries B506, so bandit's copy merges into it."""
    view = (
        "import yaml\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n\n"
        '@app.route("/import", methods=["POST"])\ndef load():\n    y = request.get_data()\n'
        '    yaml.load(y)\n    return "ok"\n'
    )
    project = write(tmp_path / "p", {"app.py": view})
    for decides in ("true", "false"):  # left to pyflow's verdict, or merged by the dedupe
        report = sast(project, "--analyzers", "pyflow,bandit", env={"SECSCAN_PYFLOW_DECIDES": decides})
        found = [v for v in report["vulnerabilities"] if v["location"]["start_line"] == 10]
        assert len(found) == 1, found
        assert reported_by(found[0]) == ({"pyflow"} if decides == "true" else {"pyflow", "bandit"})
        assert {"B506", "502"} <= identifiers(found[0], "bandit_test_id") | identifiers(found[0], "cwe")


WHERE_ROUTE = """\
const express = require("express");
const User = require("./user");
const app = express();

app.get("/u", async (req, res) => {
  const u = await User.find({ $where: "this.name == '" + req.query.name + "'" });
  const a = User.find({ $where: "this.a == " + req.query.a }), b = User.find({ $where: "this.b == " + req.query.b });
  res.json(u);
});
"""


def test_overlapping_matches_of_one_semgrep_rule_are_one_finding(tmp_path):
    """Item 4: nosql-injection matches line 6 as the whole filter and as its $where value: one
    finding. Line 7 holds two separate queries: two findings, as ``report merge`` keeps them."""
    report = sast(write(tmp_path / "p", {"app.js": WHERE_ROUTE}), "--analyzers", "semgrep")
    rule = "javascript.express.nosql-injection"
    found = [v["location"]["start_line"] for v in report["vulnerabilities"] if v["identifiers"][0]["value"] == rule]
    assert sorted(found) == [6, 7, 7]


def test_a_string_holding_nosec_is_no_ignore_comment(tmp_path):
    """Item 6: bandit's own example: ``'#nosec'`` in a string silences nothing; a real comment does."""
    project = write(
        tmp_path / "p",
        {
            "tool.py": (
                "import subprocess\n\n"
                "subprocess.Popen('#nosec', shell=True)\n"
                "subprocess.Popen('/bin/ls', shell=True)  # nosec B602\n"
            )
        },
    )
    out = tmp_path / "bandit.json"
    proc = run_cli("run", "bandit", str(project), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    found = {
        (v["identifiers"][0]["value"], v["location"]["start_line"])
        for v in json.loads(out.read_text())["vulnerabilities"]
    }
    assert {("B602", 3), ("B607", 3)} <= found
    assert ("B602", 4) not in found


def test_an_ignore_inside_a_javascript_string_is_no_ignore_comment(tmp_path):
    """Item 6, other languages: tree-sitter tells a comment from a string holding ``// secscan: ignore``."""
    code = (
        'const express = require("express");\nconst app = express();\napp.get("/x", (req, res) => {\n'
        '  eval("// secscan: ignore[javascript.lang.eval-injection] " + req.query.a);\n'
        "  eval(req.query.b);  // secscan: ignore[javascript.lang.eval-injection] reviewed\n});\n"
    )
    report = sast(write(tmp_path / "p", {"run.js": code}), "--analyzers", "semgrep")
    lines = sorted(v["location"]["start_line"] for v in report["vulnerabilities"])
    assert 4 in lines and 5 not in lines, lines


def test_semgrep_weak_hash_of_pycryptodome_carries_bandits_b303(tmp_path):
    """Item 2, semgrep: bandit calls Crypto.Hash.MD5 B303, so ``# nosec B303`` silences semgrep's copy too."""
    code = "from Crypto.Hash import MD5\n\n\ndef digest(data):\n    return MD5.new(data).hexdigest()  {comment}\n"
    plain = sast(write(tmp_path / "plain", {"lib.py": code.format(comment="")}), "--analyzers", "semgrep")
    assert [identifiers(v, "bandit_test_id") for v in plain["vulnerabilities"]] == [{"B324", "B303"}]
    silenced = write(tmp_path / "silenced", {"lib.py": code.format(comment="# nosec B303")})
    report = sast(silenced, "--analyzers", "semgrep,bandit")
    assert [v for v in report["vulnerabilities"] if v["location"]["start_line"] == 5] == []
