"""``secscan report merge`` / ``report summary`` and the cross-analyzer dedupe behind them, with
GitLab's and DefectDojo's real reports as oracles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SHARED, official_schema, run_cli
from jsonschema import Draft7Validator

from secscan.report.accept import load_report
from secscan.report.model import (
    Identifier,
    Location,
    ScannerRef,
    Signature,
    Tracking,
    TrackingItem,
    Vulnerability,
)
from secscan.report.process import PROVENANCE_KEY, dedupe_across_analyzers
from secscan.report.summary import summarize

REPORTS = SHARED / "reference" / "reports"
RAILS = REPORTS / "gitlab-rails" / "spec" / "fixtures" / "security_reports" / "master"
DOJO = REPORTS / "defectdojo"


def official_errors(document: dict, name: str = "sast-report-format.json") -> list[str]:
    return sorted(e.message for e in Draft7Validator(official_schema(name)).iter_errors(document))


@pytest.mark.parametrize("order", ["bandit-first", "semgrep-first"])
def test_rails_bandit_and_semgrep_pair_merges_into_one_finding(tmp_path: Path, order: str):
    pair = [RAILS / "gl-sast-report-bandit.json", RAILS / "gl-sast-report-semgrep-for-bandit.json"]
    if order == "semgrep-first":
        pair.reverse()
    out = tmp_path / "merged.json"
    proc = run_cli("report", "merge", *map(str, pair), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    merged = json.loads(out.read_text())
    assert len(merged["vulnerabilities"]) == 1
    kept = merged["vulnerabilities"][0]
    # bandit wins over semgrep whatever the order on the command line (documented analyzer order)
    assert kept["scanner"]["id"] == "bandit" and kept["identifiers"][0]["value"] == "B506"
    assert [i["value"] for i in kept["details"][PROVENANCE_KEY]["items"]] == ["semgrep: semgrep_id bandit.B506"]
    assert official_errors(merged) == []
    assert merged["scan"]["start_time"] == "2022-03-11T00:21:49" and merged["scan"]["end_time"] == "2022-03-11T18:48:22"
    assert any("merged" in m["value"] for m in merged["scan"]["messages"])


QA = REPORTS / "gitlab-semgrep-qa" / "semgrep"


def test_merging_a_report_with_itself_changes_nothing(tmp_path: Path):
    source = QA / "python" / "pip-multi-project" / "gl-sast-report.json"
    out = tmp_path / "merged.json"
    proc = run_cli("report", "merge", str(source), str(source), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    original = json.loads(source.read_text())
    merged = json.loads(out.read_text())
    assert len(merged["vulnerabilities"]) == len(original["vulnerabilities"])

    def places(vulns):
        return sorted((v["identifiers"][0]["value"], v["location"]["file"], v["location"]["start_line"]) for v in vulns)

    assert places(merged["vulnerabilities"]) == places(original["vulnerabilities"])
    # same analyzer and scanner in every input: kept, not replaced by secscan
    assert merged["scan"]["scanner"]["id"] == original["scan"]["scanner"]["id"]
    assert official_errors(merged) == []


def test_merge_of_dependency_scanning_reports_keeps_type_and_schema(tmp_path: Path):
    dep = DOJO / "gitlab_dep_scan"
    inputs = [
        dep / "gl-dependency-scanning-report-many-vuln_v15.json",
        dep / "gl-dependency-scanning-report-1-vuln_v15.json",
    ]
    out = tmp_path / "merged.json"
    proc = run_cli("report", "merge", *map(str, inputs), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    merged = json.loads(out.read_text())
    assert merged["scan"]["type"] == "dependency_scanning"
    assert merged["schema"].endswith("/dependency-scanning-report-format.json")
    assert official_errors(merged, "dependency-scanning-report-format.json") == []
    # dependency locations survive the model untouched
    first = json.loads(inputs[0].read_text())["vulnerabilities"][0]
    same = next(v for v in merged["vulnerabilities"] if v["id"] == first["id"])
    assert same["location"] == first["location"]


def test_merge_refuses_mixed_types_and_bad_input(tmp_path: Path):
    sast = DOJO / "gitlab_sast" / "gl-sast-report-cwe_v15.json"
    dep = DOJO / "gitlab_dep_scan" / "gl-dependency-scanning-report-1-vuln_v15.json"
    out = tmp_path / "merged.json"
    mixed = run_cli("report", "merge", str(sast), str(dep), "-o", str(out))
    assert mixed.returncode == 2 and "different types" in mixed.stderr and not out.exists()
    broken = tmp_path / "broken.json"
    broken.write_text('{"scan": {"type": "sast"}, "vulnerabilities": [{"id": "x", "location": {}}]}')
    bad = run_cli("report", "merge", str(sast), str(broken), "-o", str(out))
    assert bad.returncode == 2 and "broken.json" in bad.stderr and "identifiers" in bad.stderr
    assert "Traceback" not in bad.stderr and not out.exists()
    notjson = tmp_path / "x.json"
    notjson.write_text("nope")
    assert run_cli("report", "merge", str(notjson), "-o", str(out)).returncode == 2


def _vuln(scanner: str, line: int, *idents: tuple[str, str], end: int | None = None, scope: str | None = None):
    tracking = None
    if scope:
        tracking = Tracking(items=(TrackingItem("a.py", line, end or line, (Signature("scope_offset", scope),)),))
    return Vulnerability(
        identifiers=tuple(Identifier(type=t, name=v, value=v) for t, v in idents),
        location=Location(file="a.py", start_line=line, end_line=end or line),
        scanner=ScannerRef(id=scanner, name=scanner),
        tracking=tracking,
    )


def test_dedupe_needs_a_shared_place_and_a_shared_non_cwe_identifier():
    bandit = _vuln("bandit", 5, ("bandit_test_id", "B602"), ("cwe", "78"))
    semgrep_same = _vuln("semgrep", 5, ("semgrep_id", "r1"), ("bandit_test_id", "B602"))
    semgrep_cwe_only = _vuln("semgrep", 5, ("semgrep_id", "r2"), ("cwe", "78"))
    semgrep_elsewhere = _vuln("semgrep", 6, ("semgrep_id", "r3"), ("bandit_test_id", "B602"))
    kept, merged = dedupe_across_analyzers([semgrep_same, semgrep_cwe_only, semgrep_elsewhere, bandit])
    assert merged == 1
    assert [v.identifiers[0].value for v in kept] == ["B602", "r2", "r3"]
    assert kept[0].details[PROVENANCE_KEY]["items"] == [{"type": "text", "value": "semgrep: semgrep_id r1"}]


def test_dedupe_matches_by_scope_offset_when_line_ranges_differ():
    # bandit reports one line, semgrep the whole multi-line call: same scope_offset signature
    bandit = _vuln("bandit", 5, ("bandit_test_id", "B602"), scope="a.py|f[0]:2")
    semgrep = _vuln("semgrep", 5, ("semgrep_id", "r1"), ("bandit_test_id", "B602"), end=8, scope="a.py|f[0]:2")
    kept, merged = dedupe_across_analyzers([semgrep, bandit])
    assert merged == 1 and kept[0].scanner.id == "bandit"
    # no shared signature, different end line: two findings
    kept, merged = dedupe_across_analyzers(
        [
            _vuln("semgrep", 5, ("semgrep_id", "r1"), ("bandit_test_id", "B602"), end=8),
            _vuln("bandit", 5, ("bandit_test_id", "B602")),
        ]
    )
    assert merged == 0 and len(kept) == 2


def test_plugins_rank_between_bandit_and_semgrep():
    plugin = _vuln("flawfinder", 5, ("flawfinder_func_name", "strcpy"), ("cwe", "120"))
    semgrep = _vuln("semgrep", 5, ("semgrep_id", "c.strcpy"), ("flawfinder_func_name", "strcpy"))
    kept, _ = dedupe_across_analyzers([semgrep, plugin])
    assert [v.scanner.id for v in kept] == ["flawfinder"]


@pytest.mark.parametrize(
    "source",
    [
        QA / "python" / "pip-multi-project" / "gl-sast-report.json",
        DOJO / "gitlab_sast" / "gl-sast-report-1-vuln_v14.json",
    ],
    ids=["15.0.4", "2.3-without-scan"],
)
def test_summary_counts_match_the_report(source: Path):
    document = json.loads(source.read_text())
    summary = summarize(load_report(source))
    assert summary.total == len(document["vulnerabilities"])
    for severity, count in summary.by_severity.items():
        assert count == sum(1 for v in document["vulnerabilities"] if v.get("severity") == severity.value)
    assert sum(r.count for r in summary.by_rule) == summary.total
    proc = run_cli("report", "summary", str(source), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == summary.to_json()
    _assert_summary_table(summary, run_cli("report", "summary", source.name, cwd=source.parent))


def _assert_summary_table(summary, table) -> None:
    """The printed tables give the total and the top rule. Checked on the words, not the lines: the
    title (which names the file) wraps at the table's width when the file's path is long."""
    words = " ".join(table.stdout.split())
    assert table.returncode == 0 and f"{summary.total} finding(s)" in words, table.stdout
    assert summary.by_rule[0].identifier in words, table.stdout


def test_summary_table_of_a_report_under_a_long_path(tmp_path: Path):
    """Regression: the summary test failed when the checkout lay under a long path, because the
    table's title ("PATH: sast report, 49 finding(s), ...") wrapped between the count and
    "finding(s)". The second copy's path is as long as puts that break there."""
    source = QA / "python" / "pip-multi-project" / "gl-sast-report.json"
    summary = summarize(load_report(source))
    first = _summary_of_a_copy(source, tmp_path / "a", 200)
    _assert_summary_table(summary, first)
    width = len(next(line for line in first.stdout.splitlines() if line.startswith("┏")))
    # the title folds "PATH:" every `width` columns, then " sast report, 49" follows on its last line
    fixed = len(str(tmp_path / "b")) + 2 + len(source.name)
    length = next(n for n in range(200, 200 + width) if (fixed + n + 1) % width == width - 20)
    _assert_summary_table(summary, _summary_of_a_copy(source, tmp_path / "b", length))


def _summary_of_a_copy(source: Path, base: Path, length: int):
    """``secscan report summary`` of a copy of ``source`` in directories of ``length`` characters."""
    parent = base / ("d" * (length // 2)) / ("d" * (length - length // 2 - 1))
    parent.mkdir(parents=True)
    shutil.copyfile(source, parent / source.name)
    return run_cli("report", "summary", str(parent / source.name))


def test_report_without_scan_or_category_is_read_by_its_locations_shape(tmp_path: Path):
    source = DOJO / "gitlab_sast" / "gl-sast-report-many-vuln_v15.json"  # 2.3, no scan, no categories
    proc = run_cli("report", "summary", str(source), "--json")
    assert proc.returncode == 0, proc.stderr
    assert "$.scan.type is missing; read as a sast report because every finding's location has file + start_line" in (
        proc.stderr
    )
    assert json.loads(proc.stdout)["total"] == len(json.loads(source.read_text())["vulnerabilities"])


def test_summary_of_a_missing_file_is_one_line(tmp_path: Path):
    proc = run_cli("report", "summary", str(tmp_path / "nope.json"))
    assert proc.returncode == 2 and "nope.json: no such file" in proc.stderr and "Traceback" not in proc.stderr


# --- SARIF and tracking through the CLI ------------------------------------------------------

IGNORED_APP = """\
import os


def run(cmd):
    os.system(cmd)  # secscan: ignore[B605] commands come from our own config


def evaluate(x):
    return eval(x)
"""


def test_sast_sarif_output_lists_ignored_findings_as_suppressions(tmp_path: Path, sarif_multitool):
    from test_sarif import multitool_validate

    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_text(IGNORED_APP)
    sarif_path, report_path = tmp_path / "out.sarif", tmp_path / "report.json"
    proc = run_cli("sast", str(project), "-o", str(report_path), "--sarif-output", str(sarif_path))
    assert proc.returncode == 0, proc.stderr
    assert f"report written: {sarif_path}" in proc.stdout
    sarif = json.loads(sarif_path.read_text())
    results = [r for run in sarif["runs"] for r in run["results"]]
    suppressed = [r for r in results if r.get("suppressions")]
    assert suppressed and all(r["locations"][0]["physicalLocation"]["region"]["startLine"] == 5 for r in suppressed)
    assert {s["justification"] for r in suppressed for s in r["suppressions"]} == {"commands come from our own config"}
    # every finding of the GitLab report is an unsuppressed SARIF result, with its fingerprints
    report = json.loads(report_path.read_text())
    active = [r for r in results if not r.get("suppressions")]
    assert sorted(r["properties"]["gitlabId"] for r in active) == sorted(v["id"] for v in report["vulnerabilities"])
    assert all("scopeOffset/v1" in r["partialFingerprints"] for r in results)
    drivers = {run["tool"]["driver"]["name"]: run["tool"]["driver"].get("version") for run in sarif["runs"]}
    assert drivers.get("Bandit") not in (None, "", "unknown"), drivers
    errors, _ = multitool_validate(sarif_multitool, sarif_path)
    assert errors == []


def test_report_convert_sarif_to_gitlab_and_back(tmp_path: Path, sarif_multitool):
    from test_sarif import multitool_validate

    taint = DOJO / "sarif" / "taint-python-report.sarif"
    gitlab = tmp_path / "gl-sast-report.json"
    proc = run_cli("report", "convert", str(taint), "--to", "gitlab", "-o", str(gitlab))
    assert proc.returncode == 0, proc.stderr
    assert "11 SARIF result(s), 10 converted" in proc.stderr
    converted = json.loads(gitlab.read_text())
    assert official_errors(converted) == [] and len(converted["vulnerabilities"]) == 10
    back = tmp_path / "back.sarif"
    proc = run_cli("report", "convert", str(gitlab), "--to", "sarif", "-o", str(back))
    assert proc.returncode == 0, proc.stderr
    assert sum(len(run["results"]) for run in json.loads(back.read_text())["runs"]) == 10
    assert multitool_validate(sarif_multitool, back)[0] == []
    # stdout when -o is omitted; --from names the format explicitly
    shown = run_cli("report", "convert", str(taint), "--from", "sarif", "--to", "gitlab")
    assert shown.returncode == 0 and json.loads(shown.stdout)["scan"]["type"] == "sast"


def test_report_convert_refuses_what_it_cannot_read(tmp_path: Path):
    bad = tmp_path / "old.sarif"
    bad.write_text('{"version": "2.0.0", "runs": []}')
    proc = run_cli("report", "convert", str(bad), "--to", "gitlab", "-o", str(tmp_path / "x.json"))
    assert proc.returncode == 2 and "old.sarif" in proc.stderr and "2.1.0" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "x.json").exists()


def signatures(report: dict) -> dict[tuple[str, int], dict[str, str]]:
    return {
        (v["identifiers"][0]["value"], v["location"]["start_line"]): {
            s["algorithm"]: s["value"] for item in v["tracking"]["items"] for s in item["signatures"]
        }
        for v in report["vulnerabilities"]
    }


def test_tracking_signatures_survive_lines_inserted_above(tmp_path: Path):
    from secscan.report import gitlab_finding_uuid

    project = tmp_path / "project"
    project.mkdir()
    source = "import os\n\n\ndef run(cmd):\n    os.system(cmd)\n\n\ndef evaluate(x):\n    return eval(x)\n"
    (project / "app.py").write_text(source)
    before_path, after_path = tmp_path / "before.json", tmp_path / "after.json"
    assert run_cli("sast", str(project), "--analyzers", "bandit", "-o", str(before_path)).returncode == 0
    (project / "app.py").write_text("# a new header\n# and another line\n\n" + source)
    assert run_cli("sast", str(project), "--analyzers", "bandit", "-o", str(after_path)).returncode == 0
    before, after = json.loads(before_path.read_text()), json.loads(after_path.read_text())
    old, new = signatures(before), signatures(after)
    assert old[("B605", 5)]["scope_offset"] == new[("B605", 8)]["scope_offset"] == "app.py|run[0]:1"
    assert old[("B307", 9)]["scope_offset"] == new[("B307", 12)]["scope_offset"] == "app.py|evaluate[0]:1"
    assert old[("B605", 5)]["hash"] == new[("B605", 8)]["hash"]
    assert old[("B605", 5)]["location"] != new[("B605", 8)]["location"]
    # so GitLab's finding UUID, which prefers the scope_offset signature, does not change
    uuids = [
        sorted(gitlab_finding_uuid(v) for v in load_report(path).vulnerabilities) for path in (before_path, after_path)
    ]
    assert uuids[0] == uuids[1]


# --- one reader for every report command (issue 14 item 10, issue 19, issue 20 items 8 and 12) ---

TAINT_SARIF = DOJO / "sarif" / "taint-python-report.sarif"
BANDIT_JSON = DOJO / "bandit" / "one_vuln.json"
#: every real report: GitLab reports of every type, SARIF logs, scanners' own JSON
REAL_REPORTS = sorted(p for p in REPORTS.rglob("*") if p.suffix in (".json", ".sarif"))


def invoke(*args: str):
    """The CLI in-process (same contract as the subprocess, no start-up cost)."""
    from click.testing import CliRunner

    from secscan.cli.main import cli

    return CliRunner().invoke(cli, list(args))


def test_every_report_command_reads_sarif(tmp_path: Path):
    validated = invoke("report", "validate", str(TAINT_SARIF))
    assert validated.exit_code == 0 and "valid SARIF 2.1.0 log (read as a sast report)" in validated.stdout
    summary = invoke("report", "summary", str(TAINT_SARIF), "--json")
    assert summary.exit_code == 0 and json.loads(summary.stdout)["total"] == 10
    merged = invoke("report", "merge", str(TAINT_SARIF), str(TAINT_SARIF), "-o", str(tmp_path / "m.json"))
    assert merged.exit_code == 0, merged.stderr
    assert len(json.loads((tmp_path / "m.json").read_text())["vulnerabilities"]) == 10
    assert invoke("report", "diff", str(TAINT_SARIF), str(TAINT_SARIF), "--format", "json").exit_code == 0


@pytest.mark.parametrize(
    "command", [["validate"], ["summary"], ["convert", "--to", "sarif"], ["merge", "-o", "x.json"]]
)
def test_every_report_command_names_a_scanners_own_json(command, tmp_path: Path):
    result = invoke("report", command[0], str(BANDIT_JSON), *command[1:])
    assert result.exit_code == 2
    assert "this is bandit's own JSON output: scan with `secscan sast`, or run bandit with -f sarif" in result.output


@pytest.mark.parametrize("path", REAL_REPORTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_converting_a_real_report_to_its_own_format_is_a_checked_copy(path: Path, tmp_path: Path):
    out = tmp_path / "copy"
    for target in ("gitlab", "sarif"):
        result = invoke("report", "convert", str(path), "--to", target, "-o", str(out))
        assert result.exit_code in (0, 2), result.output
        if result.exit_code == 2:  # refused: one line saying why, nothing written
            assert len(result.stderr.strip().splitlines()) == 1 and not out.exists(), result.stderr
            continue
        converted = json.loads(out.read_text())
        if target == ("sarif" if path.suffix == ".sarif" else "gitlab"):
            assert converted == json.loads(path.read_text(encoding="utf-8-sig"))
        out.unlink()


def test_sarif_conversion_warns_of_paths_outside_the_project(tmp_path: Path):
    document = json.loads((DOJO / "gitlab_sast" / "gl-sast-report-1-vuln_v15.json").read_text())
    finding = document["vulnerabilities"][0]
    document["vulnerabilities"] = [
        {**finding, "id": str(n), "location": {**finding["location"], "file": file}}
        for n, file in enumerate(["../../etc/passwd", "file:///etc/passwd", "/etc/shadow"])
    ]
    report = tmp_path / "paths.json"
    report.write_text(json.dumps(document))
    result = invoke("report", "convert", str(report), "--to", "sarif", "-o", str(tmp_path / "out.sarif"))
    assert result.exit_code == 0, result.stderr
    for n, problem in enumerate(["leaves the project directory", "is a URI, not a path", "is an absolute path"]):
        assert f"$.vulnerabilities[{n}].location.file" in result.stderr and problem in result.stderr


def test_validate_names_an_unknown_report_type_in_one_line(tmp_path: Path):
    document = json.loads((RAILS / "gl-sast-report-bandit.json").read_text())
    document["scan"] = {**document.get("scan", {}), "type": "\ufffd"}
    report = tmp_path / "odd-type.json"
    report.write_text(json.dumps(document))
    result = invoke("report", "validate", str(report))
    assert result.exit_code == 2 and result.exception is None or isinstance(result.exception, SystemExit)
    assert "$.scan.type '\ufffd' is not a report type" in result.output and "internal error" not in result.output
