"""`secscan rules list` and docs/rules.md: the catalog of every bundled rule, from the rule files."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from conftest import REPO, run_cli

from secscan.analyzers.catalog import catalog, markdown
from secscan.analyzers.pyflow.rules import CHECKS
from secscan.analyzers.semgrep.analyzer import BUNDLED_RULES
from secscan.report.model import Severity

SEVERITIES = {s.value for s in Severity}


def _pack_rule_ids() -> set[str]:
    ids = set()
    for path in BUNDLED_RULES.rglob("*.y*ml"):
        ids |= {r["id"] for r in yaml.safe_load(path.read_text())["rules"]}
    return ids


def test_json_lists_every_pack_rule_and_every_pyflow_check_with_its_metadata():
    proc = run_cli("rules", "list", "--json")
    assert proc.returncode == 0, proc.stderr
    rules = json.loads(proc.stdout)
    assert {r["id"] for r in rules} == _pack_rule_ids() | {c.id for c in CHECKS}
    for rule in rules:
        assert rule["languages"] and rule["cwe"] and rule["owasp"], rule
        assert all(c.startswith("CWE-") and c[4:].isdigit() for c in rule["cwe"]), rule
        assert rule["severity"] in SEVERITIES, rule


def test_language_filter_takes_aliases_and_keeps_only_that_language():
    proc = run_cli("rules", "list", "--language", "js", "--json")
    assert proc.returncode == 0, proc.stderr
    rules = json.loads(proc.stdout)
    assert rules and all("javascript" in r["languages"] for r in rules)
    assert len(rules) < len(catalog())


def test_unknown_language_is_one_line_and_exit_2():
    proc = run_cli("rules", "list", "--language", "cobol")
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert "no rules for language 'cobol'" in proc.stderr and "python" in proc.stderr


def test_table_shows_rules():
    proc = run_cli("rules", "list", "--language", "python")
    assert proc.returncode == 0, proc.stderr
    assert "pyflow.sql-injection" in proc.stdout and "CWE-89" in proc.stdout


def test_semgrep_matches_every_language_the_pack_covers():
    from secscan.analyzers.semgrep.analyzer import LANGUAGE_EXTENSIONS, SemgrepAnalyzer

    analyzer = SemgrepAnalyzer()
    for language in {lang for r in catalog() if r.engine == "semgrep" for lang in r.languages}:
        for extension in LANGUAGE_EXTENSIONS[language]:
            assert analyzer.match(f"src/file{extension}"), (language, extension)
    assert not analyzer.match("README.md")


def test_docs_rules_md_is_generated_from_the_rule_files():
    doc = Path(REPO / "docs" / "rules.md").read_text()
    assert doc == markdown(catalog()), "docs/rules.md is stale: run python -m secscan.analyzers.catalog > docs/rules.md"
