"""End-to-end: `secscan sast` with the real semgrep and bandit on a fixture project."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES, official_schema, run_cli, scanner
from jsonschema import Draft7Validator

from secscan.report import Severity, validate

MIXED = FIXTURES / "projects" / "mixed"


def findings(report: dict) -> set[tuple[str, str, str, int]]:
    """(scanner, primary identifier, file, line) of every finding, including the duplicates that
    the cross-analyzer dedupe merged into another analyzer's finding (``details.also_reported_by``)."""
    got = set()
    for v in report["vulnerabilities"]:
        place = (v["location"]["file"], v["location"]["start_line"])
        got.add((v["scanner"]["id"], v["identifiers"][0]["value"], *place))
        for item in v.get("details", {}).get("also_reported_by", {}).get("items", []):
            scanner, _, rule = item["value"].partition(": ")
            got.add((scanner, rule.split(" ", 1)[1], *place))
    return got


def scan(tmp_path: Path, *args: str, env: dict | None = None, project: Path = MIXED):
    target = tmp_path / "project"
    if not target.exists():
        shutil.copytree(project, target, symlinks=True)
    out = tmp_path / "out" / "gl-sast-report.json"
    proc = run_cli("sast", str(target), "-o", str(out), *args, env=env)
    report = json.loads(out.read_text()) if out.exists() else None
    return proc, report, out


@pytest.fixture(scope="module")
def default_scan(tmp_path_factory):
    """One default scan of the fixture project, shared by the assertions below."""
    return scan(tmp_path_factory.mktemp("default"))


def test_default_scan_finds_the_planted_vulnerabilities(default_scan):
    proc, report, _ = default_scan
    assert proc.returncode == 0, proc.stderr
    got = findings(report)
    expected = {
        ("bandit", "B602", "app/views.py", 9),
        ("semgrep", "python.lang.subprocess-shell-true", "app/views.py", 9),
        ("bandit", "B506", "app/views.py", 13),
        ("semgrep", "python.lang.yaml-load-unsafe", "app/views.py", 13),
        ("bandit", "B307", "app/views.py", 17),
        ("semgrep", "python.lang.eval-exec-injection", "app/views.py", 17),
        ("semgrep", "javascript.browser.dom-xss-innerhtml", "app/static/main.js", 4),
        ("semgrep", "javascript.lang.eval-injection", "app/static/main.js", 8),
        ("semgrep", "python.lang.eval-exec-injection", "app/a/b/c/deep.py", 2),
    }
    assert expected <= got, f"missing: {expected - got}"
    # bandit's and semgrep's reports of one weakness are one finding (bandit's, as in GitLab)
    kept = {
        (v["scanner"]["id"], v["location"]["start_line"])
        for v in report["vulnerabilities"]
        if v["location"]["file"] == "app/views.py"
    }
    assert {("bandit", 9), ("bandit", 13), ("bandit", 17)} <= kept and not {
        ("semgrep", 9),
        ("semgrep", 13),
        ("semgrep", 17),
    } & kept
    # the safe list-form subprocess call is not reported by semgrep
    assert ("semgrep", "python.lang.subprocess-shell-true", "app/views.py", 21) not in got


def test_default_scan_skips_excluded_ignored_and_hidden_paths(default_scan):
    _, report, _ = default_scan
    files = {v["location"]["file"] for v in report["vulnerabilities"]}
    assert not any(f.startswith(("tests/", "node_modules/", ".hidden/")) for f in files), files


def test_report_is_valid_against_official_and_own_schema(default_scan):
    _, report, _ = default_scan
    official = sorted(e.message for e in Draft7Validator(official_schema()).iter_errors(report))
    assert official == []
    assert validate(report, "sast") == []
    assert report["version"] == "15.2.1"


def test_merged_report_names_secscan_and_keeps_real_scanners(default_scan):
    _, report, _ = default_scan
    scan_ = report["scan"]
    assert scan_["analyzer"]["id"] == scan_["scanner"]["id"] == "secscan"
    assert scan_["type"] == "sast" and scan_["status"] == "success"
    assert scan_["start_time"] == "2023-11-14T22:13:20"  # SOURCE_DATE_EPOCH=1700000000
    assert {v["scanner"]["id"] for v in report["vulnerabilities"]} == {"bandit", "semgrep"}
    primary_types = {v["identifiers"][0]["type"] for v in report["vulnerabilities"]}
    assert primary_types == {"bandit_test_id", "semgrep_id"}


def test_primary_identifiers_cover_every_emitted_primary_and_the_whole_rule_set(default_scan):
    _, report, _ = default_scan
    declared = {(i["type"], i["value"]) for i in report["scan"]["primary_identifiers"]}
    emitted = {(v["identifiers"][0]["type"], v["identifiers"][0]["value"]) for v in report["vulnerabilities"]}
    assert emitted <= declared
    bandit_help = subprocess.run([scanner("bandit"), "-h"], capture_output=True, text=True).stdout
    assert ("bandit_test_id", "B602") in declared and "B602" in bandit_help
    assert ("bandit_test_id", "B101") in declared, "rules that fired nowhere are declared too"
    assert ("semgrep_id", "python.flask.debug-enabled") in declared


def test_identifiers_are_well_formed_and_cross_reference_other_scanners(default_scan):
    _, report, _ = default_scan
    by_key = {
        (v["scanner"]["id"], v["identifiers"][0]["value"], v["location"]["start_line"]): v
        for v in report["vulnerabilities"]
    }
    bandit = by_key[("bandit", "B602", 9)]
    assert bandit["identifiers"][0] == {
        "type": "bandit_test_id",
        "name": "Bandit Test ID B602",
        "value": "B602",
        "url": bandit["identifiers"][0]["url"],
    }
    assert bandit["identifiers"][0]["url"].startswith("https://bandit.readthedocs.io/")
    assert {
        "type": "cwe",
        "name": "CWE-78",
        "value": "78",
        "url": "https://cwe.mitre.org/data/definitions/78.html",
    } in bandit["identifiers"]
    # semgrep's rule carries the equivalent bandit check as an identifier, so its finding of the
    # same weakness is recognised and merged into bandit's, which records it
    provenance = [i["value"] for i in bandit["details"]["also_reported_by"]["items"]]
    assert provenance == ["semgrep: semgrep_id python.lang.subprocess-shell-true"]
    semgrep = by_key[("semgrep", "javascript.lang.eval-injection", 8)]
    types = [i["type"] for i in semgrep["identifiers"]]
    assert types == ["semgrep_id", "cwe", "owasp", "eslint_rule_id"]
    for v in report["vulnerabilities"]:
        for ident in v["identifiers"]:
            if ident["type"] == "cwe":
                assert ident["value"].isdigit() and ident["name"] == f"CWE-{ident['value']}"


def test_semgrep_findings_carry_source_lines_not_requires_login(default_scan):
    _, report, _ = default_scan
    v = next(v for v in report["vulnerabilities"] if v["identifiers"][0]["value"] == "javascript.lang.eval-injection")
    assert v["raw_source_code_extract"] == "  return eval(decodeURIComponent(window.location.hash.slice(1)));"
    assert all("requires login" not in v.get("raw_source_code_extract", "") for v in report["vulnerabilities"])


def test_findings_are_sorted_by_severity_then_location(default_scan):
    _, report, _ = default_scan
    keys = [
        (-Severity(v["severity"]).rank, v["location"]["file"], v["location"]["start_line"])
        for v in report["vulnerabilities"]
    ]
    assert keys == sorted(keys)
    ids = [v["id"] for v in report["vulnerabilities"]]
    assert len(ids) == len(set(ids))


def test_two_scans_are_byte_identical(tmp_path, default_scan):
    _, _, first = default_scan
    proc, _, second = scan(tmp_path)
    assert proc.returncode == 0
    assert second.read_bytes() == first.read_bytes()


def test_excluded_paths_option_and_variable(tmp_path):
    proc, report, _ = scan(tmp_path, "--excluded-paths", "", "--analyzers", "bandit")
    assert proc.returncode == 0, proc.stderr
    assert ("bandit", "B101", "tests/test_views.py", 2) in findings(report)
    proc, report, _ = scan(tmp_path, "--analyzers", "bandit", env={"SAST_EXCLUDED_PATHS": "app/a, tests"})
    files = {f for _, _, f, _ in findings(report)}
    assert files == {"app/views.py"}, files


def test_max_depth_limits_search(tmp_path):
    proc, report, _ = scan(tmp_path, "--max-depth", "4", "--analyzers", "bandit")
    assert proc.returncode == 0, proc.stderr
    files = {f for _, _, f, _ in findings(report)}
    assert "app/views.py" in files and "app/a/b/c/deep.py" not in files
    assert any("SEARCH_MAX_DEPTH=4" in m["value"] for m in report["scan"].get("messages", []))
    proc, report, _ = scan(tmp_path, "--analyzers", "bandit", env={"SEARCH_MAX_DEPTH": "5"})
    assert "app/a/b/c/deep.py" in {f for _, _, f, _ in findings(report)}


def test_fail_on_threshold(tmp_path):
    proc, report, _ = scan(tmp_path, "--analyzers", "bandit", "--fail-on", "high")
    assert proc.returncode == 1, "B602 is High"
    proc, _, _ = scan(tmp_path, "--analyzers", "bandit", "--fail-on", "critical")
    assert proc.returncode == 0


def test_split_writes_one_attributed_report_per_analyzer(tmp_path):
    target = tmp_path / "project"
    shutil.copytree(MIXED, target)
    proc = run_cli("sast", str(target), "--split", "--artifact-dir", str(tmp_path / "artifacts"))
    assert proc.returncode == 0, proc.stderr
    written = sorted(p.name for p in (tmp_path / "artifacts").iterdir())
    assert written == ["gl-sast-bandit-report.json", "gl-sast-pyflow-report.json", "gl-sast-semgrep-report.json"]
    validator = Draft7Validator(official_schema())
    for name, scanner_id in (("bandit", "bandit"), ("pyflow", "pyflow"), ("semgrep", "semgrep")):
        report = json.loads((tmp_path / "artifacts" / f"gl-sast-{name}-report.json").read_text())
        assert list(validator.iter_errors(report)) == []
        assert report["scan"]["analyzer"]["id"] == name
        assert report["scan"]["scanner"]["id"] == scanner_id
        assert report["scan"]["scanner"]["version"][0].isdigit()
        # the mixed fixture has no request-handling code, so pyflow's report is empty but present
        assert {v["scanner"]["id"] for v in report["vulnerabilities"]} == (set() if name == "pyflow" else {scanner_id})


def test_run_one_analyzer_writes_its_own_report(tmp_path):
    target = tmp_path / "project"
    shutil.copytree(MIXED, target)
    proc = run_cli("run", "bandit", str(target))
    assert proc.returncode == 0, proc.stderr
    report = json.loads((target / "gl-sast-report.json").read_text())
    assert report["scan"]["analyzer"]["id"] == "bandit"
    bandit_version = subprocess.run([scanner("bandit"), "--version"], capture_output=True, text=True).stdout
    assert report["scan"]["scanner"]["version"] in bandit_version
    assert {v["scanner"]["id"] for v in report["vulnerabilities"]} == {"bandit"}


def test_gitignore_above_the_target_does_not_hide_files(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(MIXED, repo / "proj")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / ".gitignore").write_text("proj/\n*.js\n")
    (repo / "proj" / ".semgrepignore").write_text("app/\n")
    out = tmp_path / "r.json"
    proc = run_cli("sast", str(repo / "proj"), "-o", str(out), "--analyzers", "semgrep")
    assert proc.returncode == 0, proc.stderr
    assert ("semgrep", "javascript.lang.eval-injection", "app/static/main.js", 8) in findings(
        json.loads(out.read_text())
    )


def test_analyzers_command_lists_usable_scanners():
    proc = run_cli("analyzers", "--json")
    assert proc.returncode == 0, proc.stderr
    rows = {r["id"]: r for r in json.loads(proc.stdout)}
    assert {"bandit", "semgrep"} <= set(rows)
    assert all(rows[a]["usable"] and rows[a]["scanner_version"][0].isdigit() for a in ("bandit", "semgrep"))


def test_ci_output_has_no_spinner_and_logs_plain_lines(default_scan):
    proc, _, _ = default_scan
    assert "[INFO] [secscan]" in proc.stderr and "semgrep: scanning" in proc.stderr
    assert "\x1b[" not in proc.stderr and "\x1b[" not in proc.stdout, "no terminal control codes when not a TTY"
    assert "secscan sast summary" in proc.stdout


def test_bandit_parity_nothing_lost(tmp_path):
    """secscan reports exactly what bandit reports on the same files (with exclusions)."""
    import bandit as bandit_pkg
    import jsonschema as jsonschema_pkg

    tree = tmp_path / "tree"
    shutil.copytree(Path(bandit_pkg.__file__).parent, tree / "bandit", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(
        Path(jsonschema_pkg.__file__).parent, tree / "jsonschema", ignore=shutil.ignore_patterns("__pycache__")
    )
    stdlib = Path(shutil.__file__).parent
    for package in ("http", "xmlrpc", "multiprocessing", "logging"):
        shutil.copytree(stdlib / package, tree / "stdlib" / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(MIXED / "app", tree / "app")
    (tree / "app" / "nosec.py").write_text("import subprocess\nsubprocess.call('ls', shell=True)  # nosec\n")
    excluded = "jsonschema/tests"
    out = tmp_path / "r.json"
    proc = run_cli("sast", str(tree), "-o", str(out), "--analyzers", "bandit", "--excluded-paths", excluded)
    assert proc.returncode == 0, proc.stderr
    ours = Counter(
        (v["identifiers"][0]["value"], v["location"]["file"], v["location"]["start_line"])
        for v in json.loads(out.read_text())["vulnerabilities"]
    )
    files = sorted(
        p.relative_to(tree).as_posix()
        for p in tree.rglob("*.py")
        if not p.relative_to(tree).as_posix().startswith(excluded + "/")
    )
    raw = subprocess.run([scanner("bandit"), "-f", "json", "-q", *files], cwd=tree, capture_output=True, text=True)
    theirs = Counter(
        (r["test_id"], r["filename"].removeprefix("./"), r["line_number"]) for r in json.loads(raw.stdout)["results"]
    )
    assert len(theirs) > 50, "the tree must give bandit real work"
    assert ours == theirs
    assert ("B602", "app/nosec.py", 2) not in ours, "# nosec is honoured"
    assert ("B404", "app/nosec.py", 1) in ours


def test_quick_start_demo_app_shows_findings_in_both_languages(tmp_path):
    """The README's first command scans examples/demo-app: every analyzer finds something."""
    demo = Path(__file__).resolve().parents[1] / "examples" / "demo-app"
    proc, report, _ = scan(tmp_path, project=demo)
    assert proc.returncode == 0, proc.stderr
    got = findings(report)
    # request data reaches the shell: pyflow's data-flow finding stands for bandit's B602 and
    # semgrep's shell=True pattern on that line, which the report counts as left out
    assert ("pyflow", "pyflow.command-injection", "app.py", 26) in got
    assert not {("bandit", "B602", "app.py", 26), ("semgrep", "python.lang.subprocess-shell-true", "app.py", 26)} & got
    assert ("bandit", "B608", "helpers.py", 30) in got  # helpers.py reads no request data: bandit's verdict stands
    assert not any(rule == "pyflow.xss" for _, rule, _, _ in got), "a text/plain response is not HTML"
    assert ("semgrep", "javascript.lang.eval-injection", "server.js", 13) in got
    assert not any(f.startswith("tests/") for _, _, f, _ in got), "tests/ is excluded by default"
    assert list(Draft7Validator(official_schema()).iter_errors(report)) == []
