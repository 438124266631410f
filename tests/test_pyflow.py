"""pyflow, secscan's Python data-flow analyzer: its annotated corpus, its process, its verdicts.

The corpus in ``tests/fixtures/pyflow/`` marks every line pyflow must flag with
``# ruleid: <check id>`` on the line above, and lines it must not flag with ``# ok: <check id>``.
A finding on a line without a ``ruleid`` annotation fails the test too.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli

from secscan.analyzers.pyflow.interpreter import analyze_source
from secscan.analyzers.pyflow.rules import BY_ID, BY_KIND, CHECKS

CORPUS = sorted((FIXTURES / "pyflow").glob("*.py"))
ANNOTATION = re.compile(r"#\s*(ruleid|ok):\s*(.+?)\s*$")


def annotations(path: Path) -> tuple[set[tuple[int, str]], set[tuple[int, str]]]:
    expected, absent = set(), set()
    for number, line in enumerate(path.read_text().splitlines(), 1):
        match = ANNOTATION.search(line)
        if match:
            for check_id in re.split(r",\s*", match.group(2)):
                assert check_id in BY_ID, f"{path.name}:{number}: unknown check {check_id}"
                (expected if match.group(1) == "ruleid" else absent).add((number + 1, check_id))
    return expected, absent


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_findings_are_exactly_the_annotated_ones(path: Path):
    expected, absent = annotations(path)
    assert expected and absent, f"{path.name} needs both vulnerable and safe cases"
    found = {(hit.line, BY_KIND[hit.kind].id) for hit in analyze_source(path.read_text(), str(path))}
    assert not expected - found, f"missed: {sorted(expected - found)}"
    assert not found & absent, f"flagged safe code: {sorted(found & absent)}"
    assert not found - expected, f"unannotated findings: {sorted(found - expected)}"


def test_every_check_has_a_vulnerable_and_a_safe_case_in_the_corpus():
    expected, absent = set(), set()
    for path in CORPUS:
        e, a = annotations(path)
        expected |= {c for _, c in e}
        absent |= {c for _, c in a}
    assert {c.id for c in CHECKS} <= expected, sorted({c.id for c in CHECKS} - expected)
    assert {c.id for c in CHECKS} <= absent, sorted({c.id for c in CHECKS} - absent)


def test_findings_name_the_line_the_data_came_from():
    source = (
        "from flask import request\n"
        "import os\n"
        "def view():\n"
        "    value = request.args['x']\n"
        "    other = value.strip()\n"
        "    os.system(other)\n"
    )
    (hit,) = analyze_source(source)
    assert (hit.kind, hit.line, hit.source_lines) == ("cmd", 6, (4,))


def test_process_reports_unparsable_and_unreadable_files_without_failing(tmp_path: Path):
    good = tmp_path / "good.py"
    good.write_text("from flask import request\nimport os\ndef v():\n    os.system(request.args['c'])\n")
    broken = tmp_path / "broken.py"
    broken.write_text("def broken(:\n")
    proc = subprocess.run(
        [sys.executable, "-m", "secscan.analyzers.pyflow", "--", str(good), str(broken), str(tmp_path / "gone.py")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert [(r["kind"], r["line"]) for r in doc["results"]] == [("cmd", 4)]
    messages = {Path(e["path"]).name: e["message"] for e in doc["errors"]}
    assert "not valid Python (line 1" in messages["broken.py"]
    assert "cannot read the file" in messages["gone.py"]
    assert [Path(p).name for p in doc["web"]] == ["good.py"]


def _write_app(root: Path) -> None:
    (root / "app.py").write_text(
        "import os\n"
        "import subprocess\n"
        "from flask import Flask, request\n"
        "app = Flask(__name__)\n"
        "@app.route('/a')\n"
        "def a():\n"
        "    param = request.args.get('p', '')\n"
        "    if 7 * 42 - 86 > 200:\n"
        "        bar = 'constant'\n"
        "    else:\n"
        "        bar = param\n"
        "    subprocess.call('echo ' + bar, shell=True)\n"
        "    os.system('ls ' + param)\n"
        "    return 'ok'\n"
    )
    (root / "broken.py").write_text("def broken(:\n    os.system(x)\n")
    (root / "tool.py").write_text("import subprocess, sys\nsubprocess.call(sys.argv[1], shell=True)\n")


def test_scan_keeps_pyflow_verdict_over_pattern_findings_on_the_files_it_analyzed(tmp_path: Path):
    _write_app(tmp_path)
    out = tmp_path / "report.json"
    proc = run_cli("sast", str(tmp_path), "-o", str(out), "--analyzers", "pyflow,bandit")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text())
    by_line = {(v["location"]["file"], v["location"]["start_line"]): v for v in report["vulnerabilities"]}
    # the os.system line is a real flow: pyflow reports it (CWE-78, bandit's B605 as a secondary id)
    real = by_line[("app.py", 13)]
    assert real["scanner"]["id"] == "pyflow"
    assert {"78", "B608"} & {i["value"] for i in real["identifiers"]} == {"78"}
    # the subprocess line only looks dangerous: bandit's B602 (CWE-78) is left out, and said so
    assert ("app.py", 12) not in by_line
    messages = [m["value"] for m in report["scan"]["messages"]]
    assert any("[bandit]" in m and "left out: pyflow followed the data flow" in m for m in messages), messages
    # pyflow could not parse broken.py, so bandit's verdict there stands, and the failure is reported
    assert any("broken.py: pyflow could not analyze this file: not valid Python" in m for m in messages), messages
    # tool.py reads no request data: pyflow decides nothing there, bandit's shell=True finding stays
    assert by_line[("tool.py", 2)]["scanner"]["id"] == "bandit"


def test_decides_setting_off_keeps_every_analyzers_findings(tmp_path: Path):
    _write_app(tmp_path)
    out = tmp_path / "report.json"
    proc = run_cli(
        "sast", str(tmp_path), "-o", str(out), "--analyzers", "pyflow,bandit", env={"SECSCAN_PYFLOW_DECIDES": "false"}
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text())
    lines = {
        (scanner, v["location"]["start_line"])
        for v in report["vulnerabilities"]
        for scanner in [v["scanner"]["id"], *(i["value"].partition(":")[0] for i in _also_reported_by(v))]
    }
    # line 13: pyflow and bandit both report os.system as B605, merged into one finding
    assert ("bandit", 12) in lines and ("pyflow", 13) in lines and ("bandit", 13) in lines
    assert not any("left out" in m["value"] for m in report["scan"]["messages"])


def _also_reported_by(vuln: dict) -> list[dict]:
    return vuln.get("details", {}).get("also_reported_by", {}).get("items", [])


def test_invalid_decides_setting_is_a_usage_error(tmp_path: Path):
    _write_app(tmp_path)
    proc = run_cli("sast", str(tmp_path), "-o", str(tmp_path / "r.json"), env={"SECSCAN_PYFLOW_DECIDES": "maybe"})
    assert proc.returncode == 2
    assert "SECSCAN_PYFLOW_DECIDES='maybe' is not a boolean" in proc.stderr
    assert "Traceback" not in proc.stderr


def _python_cases():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "python_cases", Path(__file__).parents[1] / "benchmarks" / "python_cases.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_labelled_cases_are_all_classified_right():
    """Every source x propagation x sink combination of benchmarks/python_cases.py (2700 cases):
    flagged with the case's CWE exactly when the case is a real vulnerability."""
    wrong = []
    cases = list(_python_cases().cases())
    assert len(cases) > 1000
    for name, category, vulnerable, cwe, body in cases:
        flagged = cwe in {BY_KIND[hit.kind].cwe for hit in analyze_source(body)}
        if flagged != vulnerable:
            wrong.append((name, category, vulnerable, body.split("# source: ")[1].split("\n")[0]))
    assert not wrong, f"{len(wrong)} misclassified, e.g. {wrong[:5]}"


def test_project_modules_never_shadow_the_standard_library_or_run(tmp_path: Path):
    """The scan runs in the target directory; a project with its own ``json.py`` and ``http/``
    (Django has ``django/http/``) must neither break pyflow nor have its code run."""
    (tmp_path / "json.py").write_text("raise SystemExit('project code ran')\n")
    (tmp_path / "http").mkdir()
    (tmp_path / "http" / "__init__.py").write_text("raise SystemExit('project code ran')\n")
    _write_app(tmp_path)
    out = tmp_path / "report.json"
    proc = run_cli("sast", str(tmp_path), "-o", str(out), "--analyzers", "pyflow")
    assert proc.returncode == 0, proc.stderr
    assert "project code ran" not in proc.stderr
    report = json.loads(out.read_text())
    assert any(v["location"]["file"] == "app.py" for v in report["vulnerabilities"])


def test_semgrep_python_taint_rules_defer_to_pyflow_and_run_without_it(tmp_path: Path):
    _write_app(tmp_path)
    with_pyflow = tmp_path / "with.json"
    proc = run_cli("sast", str(tmp_path), "-o", str(with_pyflow), "--analyzers", "pyflow,semgrep")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(with_pyflow.read_text())
    assert any("[semgrep]" in m["value"] and "rules left to pyflow" in m["value"] for m in report["scan"]["messages"])
    primaries = {i["value"] for i in report["scan"]["primary_identifiers"]}
    assert "python.web.command-injection" not in primaries and "pyflow.command-injection" in primaries
    assert "python.lang.subprocess-shell-true" in primaries  # pattern rules still run

    alone = tmp_path / "alone.json"
    proc = run_cli("sast", str(tmp_path), "-o", str(alone), "--analyzers", "semgrep")
    assert proc.returncode == 0, proc.stderr
    found = {
        (v["identifiers"][0]["value"], v["location"]["start_line"])
        for v in json.loads(alone.read_text())["vulnerabilities"]
    }
    assert ("python.web.command-injection", 13) in found


BANDIT_CASES = """\
import hashlib, os, subprocess, yaml
from flask import request


@app.route("/x")
def view():
    data = request.args["q"]
    os.system(data)
    os.popen(data)
    subprocess.run(data, shell=True)
    subprocess.run([data, "-x"])
    os.execv(data, [data])
    yaml.load(data)
    hashlib.md5(b"x")
    eval(data)
"""


def test_each_finding_carries_bandits_test_id_for_its_own_call():
    """One bandit id per call, as bandit's own plugins give it (injection_shell.py, blacklists/calls.py)."""
    found = {(hit.line, hit.bandit) for hit in analyze_source(BANDIT_CASES)}
    assert found == {
        (8, "B605"),
        (9, "B605"),
        (10, "B602"),
        (11, "B603"),
        (12, "B606"),
        (13, "B506"),
        (14, "B324"),
        (15, "B307"),
    }
