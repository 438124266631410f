"""Zero-code SARIF analyzers declared in ``.secscan/analyzers.yml``, run with a real SARIF-writing
scanner: ESLint with eslint-plugin-security and Microsoft's SARIF formatter, from npm."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml
from conftest import npm_tool, official_schema, run_cli
from jsonschema import Draft7Validator

from secscan.testing import AnalyzerConformance

ESLINT_PACKAGES = ("eslint@9.39.1", "eslint-plugin-security@3.0.1", "@microsoft/eslint-formatter-sarif@3.1.0")
APP_JS = """const fs = require("fs");
const child_process = require("child_process");

function run(userInput) {
  child_process.exec("ls " + userInput);
  const pattern = new RegExp(userInput);
  return fs.readFileSync(userInput) + pattern.source;
}

module.exports = { run };
"""


@pytest.fixture(scope="session")
def eslint() -> Path:
    """ESLint and the two packages, installed once with npm into ``~/.cache/secscan-tests``."""
    prefix = npm_tool("eslint-sarif", list(ESLINT_PACKAGES), "eslint")
    (prefix / "eslint.config.mjs").write_text(
        'import security from "eslint-plugin-security";\nexport default [security.configs.recommended];\n'
    )
    return prefix


def declaration(eslint: Path, **changes) -> dict:
    entry = {
        "id": "eslint-security",
        "name": "ESLint security rules",
        "command": [
            str(eslint / "node_modules" / ".bin" / "eslint"), "--no-config-lookup",
            "--config", str(eslint / "eslint.config.mjs"),
            "--format", str(eslint / "node_modules" / "@microsoft" / "eslint-formatter-sarif" / "sarif.js"),
            "-o", "{output}", "{files}",
        ],
        "files": ["**/*.js"],
        "severity": {"warning": "High"},
    }  # fmt: skip
    entry.update(changes)
    return {"analyzers": [entry]}


def js_project(root: Path, analyzers: dict | str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "app.js").write_text(APP_JS)
    (root / ".secscan").mkdir(exist_ok=True)
    text = analyzers if isinstance(analyzers, str) else yaml.safe_dump(analyzers)
    (root / ".secscan" / "analyzers.yml").write_text(text)
    return root


def test_secscan_sast_runs_the_declared_analyzer_and_converts_its_sarif(eslint, tmp_path):
    project = js_project(tmp_path / "project", declaration(eslint))
    report = tmp_path / "gl-sast-report.json"
    scan = run_cli("sast", str(project), "-o", str(report))
    assert scan.returncode == 0, scan.stderr[-3000:]
    document = json.loads(report.read_text())
    assert not list(Draft7Validator(official_schema()).iter_errors(document))
    ours = [v for v in document["vulnerabilities"] if v["scanner"]["id"] == "eslint-security"]
    rules = {v["identifiers"][0]["value"]: v for v in ours}
    assert {"security/detect-child-process", "security/detect-non-literal-regexp",
            "security/detect-non-literal-fs-filename"} <= set(rules)  # fmt: skip
    child = rules["security/detect-child-process"]
    assert child["location"] == {"file": "app.js", "start_line": 5, "end_line": 5}
    assert child["severity"] == "High"  # warning, mapped by the declaration's severity
    assert any(s["algorithm"] == "scope_offset" for s in child["tracking"]["items"][0]["signatures"])
    listed = {(i["type"], i["value"]) for i in document["scan"]["primary_identifiers"]}
    assert {(v["identifiers"][0]["type"], v["identifiers"][0]["value"]) for v in ours} <= listed
    analyzers = {row["id"]: row for row in json.loads(run_cli("analyzers", "--json", cwd=project).stdout)}
    assert analyzers["eslint-security"]["usable"] is True


class TestEslintSarifAnalyzerConforms(AnalyzerConformance):
    """The conformance kit holds for a zero-code analyzer too."""

    analyzer = "eslint-security"

    @pytest.fixture(scope="class", autouse=True)
    @classmethod
    def project(cls, eslint, tmp_path_factory):
        cls.sample = js_project(tmp_path_factory.mktemp("eslint-sample") / "project", declaration(eslint))


@pytest.mark.parametrize(
    "change, message",
    [
        ({"command": ["eslint", "app.js"]}, r"analyzers\[0\].command: has no \{output\}"),
        ({"severity": {"warning": "Huge"}}, r"analyzers\[0\].severity.warning: unknown severity 'Huge'"),
        ({"severity": {"fatal": "High"}}, r"analyzers\[0\].severity: 'fatal' is not a SARIF level"),
        ({"id": "bandit"}, r"analyzer id 'bandit' is an installed analyzer's"),
        ({"id": "ESLint"}, r"analyzers\[0\].id: 'ESLint' is not an analyzer id"),
        ({"rules": []}, r"analyzers\[0\]: unknown field 'rules'"),
        ({"report_type": "dast"}, r"analyzers\[0\].report_type: a SARIF analyzer writes sast or secret_detection"),
    ],
)
def test_a_bad_declaration_is_one_line_naming_the_file_and_field(eslint, tmp_path, change, message):
    project = js_project(tmp_path / "project", declaration(eslint, **change))
    scan = run_cli("sast", str(project), "-o", str(tmp_path / "report.json"))
    assert scan.returncode == 2, scan.stderr
    [line] = scan.stderr.strip().splitlines()
    assert line.startswith(f"secscan: error: {project / '.secscan' / 'analyzers.yml'}: ")
    assert __import__("re").search(message, line), line
    assert not (tmp_path / "report.json").exists()


def test_broken_yaml_names_the_line(tmp_path):
    project = js_project(tmp_path / "project", "analyzers:\n  - id: x\n    command: [a, b\n")
    scan = run_cli("sast", str(project), "-o", str(tmp_path / "report.json"))
    assert scan.returncode == 2
    assert (
        scan.stderr.startswith(f"secscan: error: {project / '.secscan' / 'analyzers.yml'}:")
        and "not valid YAML" in scan.stderr
    )


def test_a_command_that_writes_no_sarif_fails_that_analyzer_only(tmp_path):
    declared = {
        "analyzers": [
            {
                "id": "silent",
                "command": [sys.executable, "-c", "import sys; print('done')", "{output}"],
                "files": ["**/*.js"],
            }
        ]
    }
    project = js_project(tmp_path / "project", declared)
    report = tmp_path / "report.json"
    scan = run_cli("sast", str(project), "-o", str(report))
    assert scan.returncode == 3, scan.stderr[-3000:]
    assert "silent: the command wrote no SARIF file" in scan.stderr and "Traceback" not in scan.stderr
    document = json.loads(report.read_text())  # the report of the other analyzers is still written
    assert not list(Draft7Validator(official_schema()).iter_errors(document))
    assert any("analyzer silent failed" in m["value"] for m in document["scan"]["messages"])
    assert "semgrep" in scan.stdout  # semgrep ran beside it (the summary table)
