"""End to end: ``secscan vulns``, ``report diff`` and ``policy check`` as real processes on real
databases (a SQLite file; a PostgreSQL database where the engine matters) with the real reports
of ../shared/reference/reports and hostile reports written here."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conftest import SHARED, run_cli
from sqlalchemy import func, select

from secscan.store import open_store
from secscan.store.models import Scan, Vulnerability

REPORTS = SHARED / "reference" / "reports"
RAILS = REPORTS / "gitlab-rails" / "spec" / "fixtures" / "security_reports" / "master"
DOJO = REPORTS / "defectdojo"
#: control characters that must never reach standard output raw (newline and tab are fine)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# --- helpers --------------------------------------------------------------------------------------


def secscan(db: str, *args: str) -> subprocess.CompletedProcess:
    """``secscan ARGS`` on the database ``db`` (given through SECSCAN_DATABASE_URL)."""
    return run_cli(*args, env={"SECSCAN_DATABASE_URL": db}, timeout=120)


def parallel(db: str, *commands: tuple[str, ...]) -> list[subprocess.CompletedProcess]:
    """Run independent read-only commands at the same time (each one is a process)."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda args: secscan(db, *args), commands))


def ok(proc: subprocess.CompletedProcess) -> str:
    """Exit 0, nothing on stderr but warnings; returns stdout."""
    assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    assert all(line.startswith("secscan: warning: ") for line in proc.stderr.splitlines()), proc.stderr[-2000:]
    return proc.stdout


def refused(proc: subprocess.CompletedProcess, start: str = "secscan: error: ") -> str:
    """Exit 2 with exactly one stderr line starting with ``start``, no traceback; returns it."""
    lines = proc.stderr.splitlines()
    assert proc.returncode == 2, f"exit {proc.returncode}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    assert len(lines) == 1 and lines[0].startswith(start), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    return lines[0]


def usage_error(proc: subprocess.CompletedProcess, needle: str) -> None:
    """Exit 2 with click's usage message naming ``needle``, no traceback."""
    assert proc.returncode == 2, proc.stderr
    assert needle in proc.stderr and "Traceback" not in proc.stderr


def as_json(proc: subprocess.CompletedProcess) -> Any:
    return json.loads(ok(proc))


def listed(db: str, *filters: str) -> list[dict[str, Any]]:
    return as_json(secscan(db, "vulns", "list", "--format", "json", *filters))["vulnerabilities"]


def counts(db: str) -> tuple[int, int]:
    """(scans, vulnerabilities) stored in ``db``."""
    with open_store(db) as store, store.session() as session:
        return (
            session.execute(select(func.count()).select_from(Scan)).scalar_one(),
            session.execute(select(func.count()).select_from(Vulnerability)).scalar_one(),
        )


def finding(name: str, file: str, line: int, severity: str, rule: str, cwe: int | None = None) -> dict[str, Any]:
    identifiers = [{"type": "semgrep_id", "name": rule, "value": rule}]
    if cwe is not None:
        identifiers.append(
            {
                "type": "cwe",
                "name": f"CWE-{cwe}",
                "value": str(cwe),
                "url": f"https://cwe.mitre.org/data/definitions/{cwe}.html",
            }
        )
    return {
        "id": f"{rule}-{line}", "category": "sast", "name": name, "description": f"about {name}",
        "severity": severity, "scanner": {"id": "semgrep", "name": "Semgrep"},
        "location": {"file": file, "start_line": line, "end_line": line}, "identifiers": identifiers,
    }  # fmt: skip


def write_report(path: Path, findings: list[dict[str, Any]], version: str = "15.2.1") -> Path:
    tool = {"id": "semgrep", "name": "Semgrep", "version": "1.0", "vendor": {"name": "Semgrep"}}
    scan = {"analyzer": tool, "scanner": tool, "type": "sast", "status": "success",
            "start_time": "2024-01-01T00:00:00", "end_time": "2024-01-01T00:00:05"}  # fmt: skip
    path.write_text(json.dumps({"version": version, "scan": scan, "vulnerabilities": findings}), encoding="utf-8")
    return path


SQLI = finding("SQL injection", "app/db.py", 10, "High", "sqli", 89)
MD5 = finding("Weak hash", "app/crypto.py", 5, "Low", "md5", 328)
DEBUG = finding("Debug enabled", "tests/test_app.py", 3, "Low", "debug")
OLD = finding("Old problem", "lib/old.py", 1, "Medium", "old", 20)
CMDI = finding("Command injection", "app/run.py", 7, "Critical", "cmdi", 78)


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    """main (default branch) before and after OLD was fixed, and a feature branch that adds
    CMDI and fixes MD5."""
    base = tmp_path_factory.mktemp("reports")
    return {
        "main1": write_report(base / "main1.json", [SQLI, MD5, DEBUG, OLD]),
        "main2": write_report(base / "main2.json", [SQLI, MD5, DEBUG]),
        "feature": write_report(base / "feature.json", [SQLI, DEBUG, CMDI]),
    }


@pytest.fixture(scope="module")
def populated(tmp_path_factory, reports) -> str:
    """A SQLite database with project ``p`` (main twice on the default branch, then a feature
    branch) and project ``q`` (a secret detection report and a bandit report, both real)."""
    db = f"sqlite:///{tmp_path_factory.mktemp('populated') / 'vulns.db'}"
    ok(
        secscan(
            db,
            "vulns",
            "ingest",
            str(reports["main1"]),
            "--project",
            "p",
            "--ref",
            "main",
            "--default-branch",
            "--pipeline",
            "1",
        )
    )
    ok(
        secscan(
            db,
            "vulns",
            "ingest",
            str(reports["main2"]),
            "--project",
            "p",
            "--ref",
            "main",
            "--default-branch",
            "--pipeline",
            "2",
        )
    )
    ok(secscan(db, "vulns", "ingest", str(reports["feature"]), "--project", "p", "--ref", "feature"))
    ok(
        secscan(
            db,
            "vulns",
            "ingest",
            str(DOJO / "gitlab_secret_detection_report" / "gitlab_secret_detection_report_3_vuln_v15.json"),
            str(RAILS / "gl-sast-report-bandit.json"),
            "--project",
            "q",
            "--ref",
            "main",
        )
    )
    return db


def copy_db(db: str, tmp_path: Path) -> str:
    """A private copy of a SQLite database, for tests that change it."""
    source = Path(db.removeprefix("sqlite:///"))
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", tmp_path / f"copy.db{suffix}")
    return f"sqlite:///{tmp_path / 'copy.db'}"


def ids_by_name(records: list[dict[str, Any]]) -> dict[str, int]:
    return {r["name"]: r["id"] for r in records}


# --- 1, 2: ingesting the reference reports, all or nothing ---------------------------------------


def test_every_reference_report_ingests_or_is_refused_with_one_line(tmp_path):
    """Each file is either stored or refused with one line naming it. Files are given several at a
    time: a run stops at the first refused file (named on its one error line, nothing stored);
    it is set aside and the rest is given again, until the remaining files are all stored."""
    files = sorted(p for p in REPORTS.rglob("*") if p.suffix in (".json", ".sarif"))
    assert len(files) > 50
    db = f"sqlite:///{tmp_path / 'vulns.db'}"
    counts(db)  # create and migrate once, before the parallel ingests

    def sort_out(chunk: int) -> tuple[list[Path], list[Path], dict[str, Any]]:
        pending, rejected = files[chunk::4], []
        while True:
            proc = secscan(db, "vulns", "ingest", *map(str, pending), "--project", f"chunk{chunk}", "--json")
            assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
            if proc.returncode == 0:
                return pending, rejected, json.loads(ok(proc))
            error = [line for line in proc.stderr.splitlines() if not line.startswith("secscan: warning: ")]
            assert proc.returncode == 2 and len(error) == 1 and proc.stdout == "", proc.stderr[-2000:]
            bad = next(p for p in pending if error[0].startswith(f"secscan: error: {p}: "))
            rejected.append(bad)
            pending.remove(bad)

    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = list(pool.map(sort_out, range(4)))
    accepted = [p for stored, _, _ in outcomes for p in stored]
    rejected = [p for _, refused_files, _ in outcomes for p in refused_files]
    assert sorted(accepted + rejected) == files
    for stored, _, result in outcomes:
        assert [r["source"] for r in result["reports"]] == [str(p) for p in stored]
        for path, report in zip(stored, result["reports"]):
            document = json.loads(path.read_text(encoding="utf-8"))
            if "vulnerabilities" in document:  # a GitLab report: every finding was read
                assert report["findings"] == len(document["vulnerabilities"]), path
    with open_store(db) as store, store.session() as session:
        sources = sorted(session.execute(select(Scan.source)).scalars())
    assert sources == sorted(map(str, accepted))  # one scan per accepted file, none of a refused one
    assert DOJO / "sarif" / "taint-python-report.sarif" in accepted
    assert RAILS / "gl-secret-detection-report.json" in accepted
    assert DOJO / "gitlab_sast" / "gl-sast-report-cwe_v14.json" in accepted  # old, but usable
    assert DOJO / "semgrep" / "one_finding.json" in rejected  # semgrep's own JSON, not a report
    assert (
        REPORTS / "gitlab-semgrep-qa" / "semgrep" / "go" / "default" / "gl-sast-report.json" in rejected
    )  # 15.0.4, invalid
    for path in rejected[:1] + [DOJO / "semgrep" / "one_finding.json"]:  # alone, a refused file is exactly one line
        refused(secscan(db, "vulns", "ingest", str(path), "--project", "alone"), f"secscan: error: {path}: ")


def test_a_refused_report_stores_nothing_of_the_good_one_before_it(database_url, reports, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": "15.2.1", "vulnerabilities": [', encoding="utf-8")
    line = refused(secscan(database_url, "vulns", "ingest", str(reports["main1"]), str(bad), "--project", "p"))
    assert str(bad) in line
    assert counts(database_url) == (0, 0)


# --- 3: triage -------------------------------------------------------------------------------------


def test_triage_flow_with_history_and_bulk_changes(database_url, reports):
    db = database_url
    ok(secscan(db, "vulns", "ingest", str(reports["main1"]), "--project", "p", "--ref", "main"))
    before = listed(db)
    sqli = ids_by_name(before)["SQL injection"]
    low = [r for r in before if r["severity"] == "Low"]

    out = ok(
        secscan(
            db,
            "vulns",
            "dismiss",
            str(sqli),
            "--reason",
            "false_positive",
            "--comment",
            "input is an int",
            "--author",
            "alice",
        )
    )
    assert "1 vulnerability now dismissed" in out
    for action in ("confirm", "resolve", "revert"):
        ok(secscan(db, "vulns", action, str(sqli), "--author", "bob"))

    no_reason, unknown, unsure, history = parallel(
        db,
        ("vulns", "dismiss", str(sqli)),
        ("vulns", "confirm", "999999"),
        ("vulns", "dismiss", "--project", "p", "--severity", "low", "--reason", "used_in_tests"),
        ("vulns", "history", str(sqli), "--json"),
    )
    usage_error(no_reason, "--reason")
    assert "999999" in refused(unknown)
    usage_error(unsure, "--yes")
    changes = [(e["author"], e["from_state"], e["to_state"], e["reason"], e["comment"])
               for e in as_json(history) if e["event"] == "state_changed"]  # fmt: skip
    assert changes == [
        ("alice", "detected", "dismissed", "false_positive", "input is an int"),
        ("bob", "dismissed", "confirmed", None, None),
        ("bob", "confirmed", "resolved", None, None),
        ("bob", "resolved", "detected", None, None),
    ]

    assert len(low) == 2
    out = ok(
        secscan(db, "vulns", "dismiss", "--project", "p", "--severity", "low", "--reason", "used_in_tests", "--yes")
    )
    assert (
        out == f"{len(low)} vulnerabilities now dismissed\n"
    )  # none "already": the refused bulk change changed nothing
    after = {r["id"]: r for r in listed(db)}
    assert {i for i, r in after.items() if r["state"] == "dismissed"} == {r["id"] for r in low}
    assert {after[r["id"]]["dismissal_reason"] for r in low} == {"used_in_tests"}


def test_vulnerabilities_are_named_by_row_id_or_finding_uuid(database_url, reports):
    """Issue 14 item 17: show, history and the triage actions take GitLab's finding UUID too."""
    db = database_url
    for project in ("p", "q"):  # no project id: the same findings have the same UUIDs in both
        ok(secscan(db, "vulns", "ingest", str(reports["main1"]), "--project", project, "--ref", "main"))
    records = {(r["project"], r["name"]): r for r in listed(db)}
    sqli, md5 = records[("p", "SQL injection")], records[("p", "Weak hash")]
    uuid = sqli["uuid"]
    assert uuid == records[("q", "SQL injection")]["uuid"] and uuid != str(sqli["id"])

    shown = as_json(secscan(db, "vulns", "show", uuid.upper(), "--project", "p", "--json"))
    assert (shown["id"], shown["project"], shown["uuid"]) == (sqli["id"], "p", uuid)
    out = ok(secscan(db, "vulns", "dismiss", uuid, "--project", "p", "--reason", "false_positive", "--author", "a"))
    assert out == "1 vulnerability now dismissed\n"
    assert ok(secscan(db, "vulns", "confirm", uuid, str(md5["id"]), "--project", "p")) == (
        "2 vulnerabilities now confirmed\n"
    )
    states = {(r["project"], r["name"]): r["state"] for r in listed(db)}
    assert states[("p", "SQL injection")] == states[("p", "Weak hash")] == "confirmed"
    assert states[("q", "SQL injection")] == "detected"  # the other project's vulnerability is untouched
    events = as_json(secscan(db, "vulns", "history", uuid, "--project", "p", "--json"))
    assert [e["to_state"] for e in events if e["event"] == "state_changed"] == ["dismissed", "confirmed"]
    assert as_json(secscan(db, "vulns", "history", str(sqli["id"]), "--json")) == events

    ambiguous, unknown_uuid, unknown_id, elsewhere, malformed, huge = parallel(
        db,
        ("vulns", "show", uuid),
        ("vulns", "history", "00000000-0000-0000-0000-000000000000"),
        ("vulns", "resolve", "999999", uuid, "--project", "p"),
        ("vulns", "show", str(sqli["id"]), "--project", "q"),
        ("vulns", "show", "SQL-injection"),
        ("vulns", "show", "9" * 20),  # beyond a 64-bit row id: refused, not an overflow in the driver
    )
    assert "projects p, q" in refused(ambiguous) and "--project" in ambiguous.stderr
    assert "00000000-0000-0000-0000-000000000000" in refused(unknown_uuid)
    assert "999999" in refused(unknown_id) and uuid not in unknown_id.stderr
    assert f"{sqli['id']} in project 'q'" in refused(elsewhere)
    usage_error(malformed, "'SQL-injection' is neither a vulnerability id (a number) nor a finding UUID")
    usage_error(huge, f"no vulnerability with id {'9' * 20}")
    assert listed(db, "--state", "resolved") == []  # the refused resolve changed nothing


# --- 4, 5: list and show ------------------------------------------------------------------------


def test_list_filters_and_formats(populated):
    commands = {
        "all": ("--format", "json"),
        "p": ("--project", "p", "--format", "json"),
        "low": ("--severity", "LOW", "--format", "json"),
        "secrets": ("--type", "secret_detection", "--format", "json"),
        "bandit": ("--scanner", "bandit", "--format", "json"),
        "cwe:89": ("--identifier", "cwe:89", "--format", "json"),
        "CWE-89": ("--identifier", "CWE-89", "--format", "json"),
        "md5": ("--identifier", "md5", "--format", "json"),
        "app": ("--project", "p", "--file", "app/*.py", "--format", "json"),
        "gone": ("--no-longer-detected", "--format", "json"),
        "csv": ("--project", "p", "--format", "csv"),
        "table": ("--project", "p",),
    }  # fmt: skip
    out = dict(zip(commands, parallel(populated, *(("vulns", "list", *args) for args in commands.values()))))
    names = {
        k: sorted(r["name"] for r in as_json(out[k])["vulnerabilities"]) for k in commands if k not in ("csv", "table")
    }
    assert len(names["all"]) == 9  # p: 5, q: 3 secrets + 1 bandit
    assert names["p"] == sorted(["SQL injection", "Weak hash", "Debug enabled", "Old problem", "Command injection"])
    assert names["low"] == ["Debug enabled", "Weak hash"]
    assert len(names["secrets"]) == 3 and "Password in URL" in names["secrets"]
    assert len(names["bandit"]) == 1
    assert names["cwe:89"] == names["CWE-89"] == ["SQL injection"]
    assert names["md5"] == ["Weak hash"]
    assert names["app"] == ["Command injection", "SQL injection", "Weak hash"]
    assert names["gone"] == ["Old problem"]  # main's second scan no longer reported it

    p_records = as_json(out["p"])["vulnerabilities"]
    assert [r["severity"] for r in p_records] == ["Critical", "High", "Medium", "Low", "Low"]  # most severe first
    rows = list(csv.DictReader(io.StringIO(ok(out["csv"]))))
    assert [(int(r["id"]), r["name"], r["file"]) for r in rows] == [(r["id"], r["name"], r["file"]) for r in p_records]
    table = ok(out["table"])
    assert "vulnerabilities (5)" in table and "app/run.py:7" in table and "no longer detected" in table

    states = parallel(populated, ("vulns", "list", "--state", "dismissed", "--format", "json"),
                      ("vulns", "list", "--state", "bogus"))  # fmt: skip
    assert as_json(states[0])["vulnerabilities"] == []
    usage_error(states[1], "bogus")


def test_show_as_json_and_table(populated):
    sqli = ids_by_name(listed(populated, "--project", "p"))["SQL injection"]
    shown, table, missing = parallel(
        populated, ("vulns", "show", str(sqli), "--json"), ("vulns", "show", str(sqli)), ("vulns", "show", "424242")
    )
    record = as_json(shown)
    assert record["id"] == sqli and record["state"] == "detected" and record["file"] == "app/db.py"
    assert [(i["type"], i["value"]) for i in record["identifiers"]] == [("semgrep_id", "sqli"), ("cwe", "89")]
    assert record["finding"]["name"] == "SQL injection" and record["finding"]["location"]["start_line"] == 10
    text = ok(table)
    assert f"vulnerability {sqli}: SQL injection" in text and "cwe: CWE-89" in text and "about SQL injection" in text
    assert "424242" in refused(missing)


# --- 6: exports -----------------------------------------------------------------------------------


def test_exports_json_csv_and_sarif_with_dismissed_as_suppressed(populated, tmp_path, sarif_multitool):
    from test_sarif import assert_valid_sarif

    db = copy_db(populated, tmp_path)
    ids = ids_by_name(listed(db, "--project", "p"))
    ok(secscan(db, "vulns", "dismiss", str(ids["Debug enabled"]), "--reason", "used_in_tests"))
    ok(secscan(db, "vulns", "resolve", str(ids["Old problem"])))
    outputs = {fmt: tmp_path / f"export.{fmt}" for fmt in ("json", "csv", "sarif")}
    for proc in parallel(
        db, *(("vulns", "export", "--project", "p", "--format", fmt, "-o", str(path)) for fmt, path in outputs.items())
    ):
        ok(proc)

    records = json.loads(outputs["json"].read_text(encoding="utf-8"))["vulnerabilities"]
    assert sorted(r["id"] for r in records) == sorted(ids.values())
    rows = list(csv.DictReader(io.StringIO(outputs["csv"].read_text(encoding="utf-8"))))
    assert {r["name"]: r["state"] for r in rows}["Debug enabled"] == "dismissed"

    sarif = json.loads(outputs["sarif"].read_text(encoding="utf-8"))
    assert_valid_sarif(sarif_multitool, sarif, tmp_path / "checked.sarif")
    results = {r["ruleId"]: r for r in sarif["runs"][0]["results"]}
    assert sorted(results) == ["cmdi", "debug", "md5", "sqli"]  # resolved "old" left out
    assert results["debug"]["suppressions"] == [{"kind": "external", "justification": "dismissed: used_in_tests"}]
    assert all("suppressions" not in results[rule] for rule in ("cmdi", "md5", "sqli"))


# --- 7, 8: comparisons ------------------------------------------------------------------------


def test_report_diff_formats_on_reference_and_sarif_reports(reports, tmp_path):
    bandit, semgrep = str(RAILS / "gl-sast-report-bandit.json"), str(RAILS / "gl-sast-report-semgrep-for-bandit.json")
    sarif = str(DOJO / "sarif" / "taint-python-report.sarif")
    procs = parallel(
        "sqlite://",
        ("report", "diff", bandit, semgrep, "--format", "json"),
        ("report", "diff", bandit, semgrep, "--format", "markdown"),
        ("report", "diff", bandit, semgrep, "--format", "table"),
        ("report", "diff", bandit, bandit, "--format", "markdown"),
        ("report", "diff", str(reports["main1"]), str(reports["feature"]), "--format", "json"),
        ("report", "diff", str(reports["main1"]), sarif, "--format", "json"),
        ("report", "diff", sarif, sarif, "--format", "json"),
    )
    rails = as_json(procs[0])
    assert rails["summary"]["added"]["Critical"] == 1 and rails["summary"]["fixed"]["Critical"] == 1
    assert [f["rule"] for f in rails["added"]] == ["semgrep_id:bandit.B506"]
    assert [f["rule"] for f in rails["fixed"]] == ["bandit_test_id:B506"]
    markdown = ok(procs[1])
    assert "**1 new finding**, 1 fixed, 0 unchanged." in markdown
    assert "| | Critical | Total |" in markdown and "| New | 1 | 1 |" in markdown and "| Fixed | 1 | 1 |" in markdown
    assert "<code>app/app.py:39</code>" in markdown
    assert "Critical" in ok(procs[2]) and "app/app.py:39" in procs[2].stdout
    assert "No new security findings" in ok(procs[3])

    ours = as_json(procs[4])
    assert [f["name"] for f in ours["added"]] == ["Command injection"]
    assert sorted(f["name"] for f in ours["fixed"]) == ["Old problem", "Weak hash"]
    assert ours["summary"]["unchanged"] == 2 and sum(ours["summary"]["added"].values()) == 1

    sarif_added = as_json(procs[5])
    assert sum(sarif_added["summary"]["added"].values()) == 10 and sum(sarif_added["summary"]["fixed"].values()) == 4
    same = as_json(procs[6])
    assert same["added"] == [] and same["fixed"] == [] and same["summary"]["unchanged"] == 10


def test_vulns_diff_between_refs(populated):
    diff, markdown, unknown = parallel(
        populated,
        ("vulns", "diff", "--project", "p", "--base", "main", "--head", "feature", "--format", "json"),
        ("vulns", "diff", "--project", "p", "--base", "main", "--head", "feature", "--format", "markdown"),
        ("vulns", "diff", "--project", "p", "--base", "main", "--head", "nope"),
    )
    result = as_json(diff)
    assert (result["base"], result["head"]) == ("main", "feature")
    assert [f["name"] for f in result["added"]] == ["Command injection"]
    assert [f["name"] for f in result["fixed"]] == ["Weak hash"]  # "Old problem" was fixed on main already
    assert result["summary"]["unchanged"] == 2
    assert "<code>app/run.py:7</code>" in ok(markdown)
    assert "nope" in refused(unknown)


# --- 9: approval policies -------------------------------------------------------------------------


def policy(
    path: Path, *, allowed: int = 0, states: tuple[str, ...] = ("newly_detected",), severities=("critical", "high")
) -> Path:
    rule = {"type": "scan_finding", "branches": [], "scanners": ["sast"], "vulnerabilities_allowed": allowed,
            "severity_levels": list(severities), "vulnerability_states": list(states)}  # fmt: skip
    document = {
        "scan_result_policy": [
            {
                "name": "No new severe findings",
                "enabled": True,
                "rules": [rule],
                "actions": [{"type": "require_approval", "approvals_required": 1, "user_approvers": ["alice"]}],
            }
        ]
    }
    path.write_text(json.dumps(document), encoding="utf-8")  # YAML is a superset of JSON
    return path


def test_policy_check_on_report_files(reports, tmp_path):
    strict, lenient = policy(tmp_path / "strict.yml"), policy(tmp_path / "lenient.yml", allowed=1)
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "scan_result_policy:\n  - name: x\n    rules:\n      - type: scan_finding\n        branches: []\n"
        "        scanners: [sast]\n        vulnerabilities_allowed: many\n        severity_levels: []\n"
        "        vulnerability_states: []\n    actions:\n      - type: require_approval\n"
        "        approvals_required: 1\n        user_approvers: [alice]\n",
        encoding="utf-8",
    )
    head, base = str(reports["feature"]), str(reports["main1"])
    fired, fired_json, allowed, invalid, no_base, old = parallel(
        "sqlite://",
        ("policy", "check", "--policy", str(strict), "--report", head, "--base", base),
        ("policy", "check", "--policy", str(strict), "--report", head, "--base", base, "--json"),
        ("policy", "check", "--policy", str(lenient), "--report", head, "--base", base),
        ("policy", "check", "--policy", str(bad), "--report", head),
        ("policy", "check", "--policy", str(lenient), "--report", head, "--json"),
        ("policy", "check", "--policy", str(strict), "--report", str(RAILS / "gl-sast-report-bandit.json"), "--json"),
    )
    assert fired.returncode == 1 and "No new severe findings" in fired.stdout and "Command injection" in fired.stdout
    assert fired_json.returncode == 1
    result = json.loads(fired_json.stdout)
    assert result["approval_required"] is True
    assert [(f["name"], f["severity"]) for f in result["rules"][0]["findings"]] == [("Command injection", "Critical")]
    assert allowed.returncode == 0, allowed.stderr
    line = refused(invalid)
    assert str(bad) in line and "vulnerabilities_allowed" in line
    assert no_base.returncode == 1  # without a base every head finding is new: 2 severe > 1 allowed
    assert json.loads(no_base.stdout)["rules"][0]["matched_count"] == 2
    assert old.returncode == 1 and json.loads(old.stdout)["rules"][0]["matched_count"] == 1
    assert old.stderr.startswith(f"secscan: warning: {RAILS / 'gl-sast-report-bandit.json'}: version 14.0.4")


def test_policy_check_from_the_database_counts_triage(populated, tmp_path):
    db = copy_db(populated, tmp_path)
    needs_triage, dismissed = (
        policy(tmp_path / "triage.yml", states=("new_needs_triage",)),
        policy(tmp_path / "dismissed.yml", states=("new_dismissed",)),
    )

    def check(path: Path) -> subprocess.CompletedProcess:
        return secscan(db, "policy", "check", "--policy", str(path), "--project", "p", "--ref", "feature", "--json")

    before = check(needs_triage)
    assert before.returncode == 1, before.stderr
    assert [f["name"] for f in json.loads(before.stdout)["rules"][0]["findings"]] == ["Command injection"]
    cmdi = ids_by_name(listed(db, "--project", "p"))["Command injection"]
    ok(secscan(db, "vulns", "dismiss", str(cmdi), "--reason", "mitigating_control"))
    after_triage, after_dismissed = check(needs_triage), check(dismissed)
    assert after_triage.returncode == 0, after_triage.stderr
    assert json.loads(after_triage.stdout)["approval_required"] is False
    assert after_dismissed.returncode == 1, after_dismissed.stderr
    assert [f["state"] for f in json.loads(after_dismissed.stdout)["rules"][0]["findings"]] == ["new_dismissed"]


# --- 10: bad databases ---------------------------------------------------------------------------


def test_bad_database_urls_are_one_line(tmp_path):
    not_a_url, refused_connection, via_env = [
        run_cli(*args, env=env, timeout=120)
        for args, env in (
            (("vulns", "list", "--database", "notaurl"), {}),
            (("vulns", "list", "--database", "postgresql+psycopg://nobody:s3cret@127.0.0.1:1/x"), {}),
            (("vulns", "list"), {"SECSCAN_DATABASE_URL": "postgresql+psycopg://nobody:s3cret@127.0.0.1:1/x"}),
        )
    ]
    assert "notaurl" in refused(not_a_url)
    for proc in (refused_connection, via_env):
        line = refused(proc)
        assert "127.0.0.1:1" in line and "s3cret" not in line


# --- 11: hostile strings ---------------------------------------------------------------------------


def hostile_report(path: Path) -> Path:
    """A 14.x report (ingested with warnings) full of hostile strings."""
    findings = [
        finding('=HYPERLINK("http://evil.example","click")', "app/a.py", 1, "Medium", "formula"),
        finding("nul\x00 \x1b[31mred\x1b[0m [bold]x[/bold] \x07bell\r", "../../etc/passwd", 2, "High", "escapes"),
        finding("N" * 10_000, "/abs/path.py", 3, "Low", "long"),
        finding("+1 sum", "-dash.py", 4, "Low", "numeric"),
    ]
    findings[1]["description"] = "\x1b]0;pwned\x07 [red]markup[/red]"
    findings[3]["identifiers"].append({"type": "cwe", "name": "CWE-89", "value": 89})  # a number: 14.x lets it pass
    return write_report(path, findings, version="14.1.2")


def test_hostile_strings_are_stored_and_shown_safely(database_url, tmp_path):
    db, report = database_url, hostile_report(tmp_path / "hostile.json")
    proc = secscan(db, "vulns", "ingest", str(report), "--project", "h", "--json")
    ok(proc)
    warnings = proc.stderr.splitlines()
    assert any("14.1.2" in w and "identifiers[1].value" in w for w in warnings), proc.stderr[:2000]
    assert any(str(report) in w and "'../../etc/passwd'" in w for w in warnings)
    assert any(str(report) in w and "'/abs/path.py'" in w for w in warnings)
    assert not any(CONTROL.search(w) for w in warnings)

    records = listed(db)
    by_rule = {r["primary_identifier"]: r for r in records}
    escapes = by_rule["semgrep_id:escapes"]
    assert escapes["name"] == "nul\ufffd \x1b[31mred\x1b[0m [bold]x[/bold] \x07bell\r"  # NUL replaced, the rest kept
    assert by_rule["semgrep_id:long"]["name"] == "N" * 10_000
    assert by_rule["semgrep_id:long"]["file"] == "/abs/path.py" and escapes["file"] == "../../etc/passwd"

    sid = escapes["id"]
    outputs = parallel(
        db,
        ("vulns", "list"),
        ("vulns", "list", "--format", "csv"),
        ("vulns", "list", "--format", "json"),
        ("vulns", "show", str(sid)),
        ("vulns", "show", str(sid), "--json"),
        ("vulns", "history", str(sid)),
        ("vulns", "export", "--format", "sarif"),
        ("vulns", "export", "--format", "csv"),
        ("vulns", "list", "--identifier", "cwe:89", "--format", "json"),
    )
    for out in outputs:
        text = ok(out)
        assert not CONTROL.search(text), (out.args, CONTROL.search(text))
    table, csv_text, shown = outputs[0].stdout, outputs[1].stdout, outputs[3].stdout
    assert "[bold]x[/bold]" in table and "\\x1b[31mred" in table  # markup printed literally, escapes visible
    assert "\\x1b]0;pwned\\x07 [red]markup[/red]" in shown
    rows = {r["primary_identifier"]: r for r in csv.DictReader(io.StringIO(csv_text))}
    assert rows["semgrep_id:formula"]["name"] == "'" + '=HYPERLINK("http://evil.example","click")'
    assert rows["semgrep_id:numeric"]["name"] == "'+1 sum" and rows["semgrep_id:numeric"]["file"] == "'-dash.py"
    assert rows["semgrep_id:escapes"]["name"] == "nul\ufffd \\x1b[31mred\\x1b[0m [bold]x[/bold] \\x07bell\\x0d"
    assert json.loads(outputs[4].stdout)["finding"]["description"] == "\x1b]0;pwned\x07 [red]markup[/red]"
    assert len(json.loads(outputs[6].stdout)["runs"][0]["results"]) == 4
    assert [r["primary_identifier"] for r in json.loads(outputs[8].stdout)["vulnerabilities"]] == ["semgrep_id:numeric"]
