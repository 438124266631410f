"""``SECSCAN_SEMGREP_EXPERIMENTAL=true`` runs semgrep's OCaml command line (``semgrep
--experimental``): the same report as its Python one, byte for byte, on every annotated sample of
the rule pack; rejected rules fail the analyzer the same way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, run_cli

RULES = REPO / "src" / "secscan" / "analyzers" / "semgrep" / "rules"


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("engine-samples")
    for sample in RULES.glob("*/*"):
        if sample.suffix not in (".yaml", ".yml"):
            (root / sample.parent.name).mkdir(exist_ok=True)
            shutil.copyfile(sample, root / sample.parent.name / sample.name)
    return root


def test_both_engines_write_the_same_report(samples, tmp_path):
    reports = {}
    for experimental in ("false", "true"):
        out = tmp_path / f"{experimental}.json"
        env = {"SECSCAN_SEMGREP_EXPERIMENTAL": experimental, "SECSCAN_NO_CACHE": "true"}
        result = run_cli("sast", str(samples), "--analyzers", "semgrep", "-o", str(out), env=env)
        assert result.returncode == 0, result.stderr
        reports[experimental] = out.read_bytes()
    assert reports["true"].count(b'"semgrep_id"') > 500
    assert reports["true"] == reports["false"]


def test_a_rejected_rule_fails_the_analyzer_with_either_engine(tmp_path):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "a.py").write_text("import os\nos.system(x)\n")
    rules = tmp_path / "bad.yaml"
    rules.write_text(
        "rules:\n  - id: bad-rule\n    pattern: 'foo(('\n    message: m\n    languages: [python]\n    severity: ERROR\n"
    )
    for experimental in ("false", "true"):
        env = {
            "SECSCAN_SEMGREP_EXPERIMENTAL": experimental,
            "SECSCAN_SEMGREP_RULES": str(rules),
            "SECSCAN_NO_CACHE": "true",
        }
        result = run_cli("sast", str(tmp_path / "p"), "--analyzers", "semgrep", "-o", str(tmp_path / "r.json"), env=env)
        assert result.returncode == 3, result.stderr
        output = result.stdout + result.stderr
        assert "semgrep rejected a rule" in output and "bad-rule" in output


def test_a_bad_value_is_a_configuration_error(tmp_path):
    result = run_cli("sast", str(tmp_path), "--analyzers", "semgrep", env={"SECSCAN_SEMGREP_EXPERIMENTAL": "maybe"})
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "SECSCAN_SEMGREP_EXPERIMENTAL" in result.stderr
