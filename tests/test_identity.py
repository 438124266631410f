"""Identity: GitLab's finding UUID recipe, location fingerprints, deterministic report ids."""

import hashlib
import uuid

from secscan.report import Identifier, Location, ScannerRef, Signature, Tracking, TrackingItem, Vulnerability
from secscan.report.identity import (
    GITLAB_UUID_NAMESPACE,
    gitlab_finding_uuid,
    location_fingerprint,
    report_id,
)


def vuln(file="app/a.py", start=3, end=3, col=None, rule="B602", tracking=None):
    return Vulnerability(
        identifiers=(Identifier("bandit_test_id", f"Bandit Test ID {rule}", rule), Identifier.cwe(78)),
        location=Location(file=file, start_line=start, end_line=end, start_column=col),
        scanner=ScannerRef("bandit", "Bandit"),
        tracking=tracking,
    )


def sha1(text):
    return hashlib.sha1(text.encode()).hexdigest()


def test_uuid5_check_vector_from_gitlab():
    assert (
        str(uuid.uuid5(uuid.UUID("a143e9e2-41b3-47bc-9a19-081d089229f4"), "GitLab"))
        == "5b593e54-90f5-504b-8805-5394a4d14b94"
    )


def test_location_fingerprint_is_sha1_of_file_start_end():
    assert location_fingerprint("sast", Location("a.py", 1, 2)) == sha1("a.py:1:2")
    assert location_fingerprint("sast", Location("a.py")) == sha1("a.py::")


def test_gitlab_finding_uuid_follows_the_recipe():
    v = vuln()
    expected_name = f"sast-{sha1('bandit_test_id:B602')}-{sha1('app/a.py:3:3')}-42"
    assert gitlab_finding_uuid(v, project_id=42) == str(uuid.uuid5(GITLAB_UUID_NAMESPACE, expected_name))


def test_gitlab_finding_uuid_prefers_scope_offset_signature():
    sigs = (Signature("hash", "h"), Signature("scope_offset", "app/a.py|f[0]:1"), Signature("location", "l"))
    v = vuln(tracking=Tracking(items=(TrackingItem("app/a.py", 3, 3, sigs),)))
    expected_name = f"sast-{sha1('bandit_test_id:B602')}-{sha1('app/a.py|f[0]:1')}-7"
    assert gitlab_finding_uuid(v, project_id=7) == str(uuid.uuid5(GITLAB_UUID_NAMESPACE, expected_name))


def test_report_id_is_stable_and_location_sensitive():
    assert report_id(vuln()) == report_id(vuln())
    assert report_id(vuln()) != report_id(vuln(start=4, end=4))
    assert report_id(vuln()) != report_id(vuln(rule="B603"))
    assert report_id(vuln(col=1)) != report_id(vuln(col=9)), "two hits on one line stay two findings"
    uuid.UUID(report_id(vuln()))  # a well-formed UUID


def test_merged_reports_and_the_database_agree_on_what_one_finding_is(tmp_path):
    """Two hits of one rule on one line, told apart by their ids and scope signatures, stay two
    findings both in a merged report and in the database (ingest used to drop one of them)."""
    import json

    from secscan.common.engine.pipeline import SECSCAN
    from secscan.report.accept import accept_report
    from secscan.report.process import merge_reports
    from secscan.store import IngestOptions, ingest, open_store

    def finding(n, scope):
        return {
            "id": f"id-{n}", "category": "sast", "name": "Command injection", "severity": "High",
            "scanner": {"id": "semgrep", "name": "Semgrep"},
            "location": {"file": "app.py", "start_line": 3, "end_line": 3},
            "identifiers": [{"type": "semgrep_id", "name": "cmd", "value": "cmd"}],
            "tracking": {"type": "source", "items": [{"file": "app.py", "line_start": 3, "line_end": 3, "signatures": [
                {"algorithm": "scope_offset", "value": f"app.py|{scope}[0]:1"}]}]},
        }  # fmt: skip

    tool = {"id": "semgrep", "name": "Semgrep", "version": "1", "vendor": {"name": "x"}}
    document = {
        "version": "15.2.1",
        "scan": {"analyzer": tool, "scanner": tool, "type": "sast", "start_time": "2026-01-01T00:00:00",
                 "end_time": "2026-01-01T00:00:00", "status": "success"},
        "vulnerabilities": [finding(1, "run"), finding(2, "stop")],
    }  # fmt: skip
    path = tmp_path / "report.json"
    path.write_text(json.dumps(document))
    accepted = accept_report(path)
    assert len(merge_reports([("r", accepted.report)], SECSCAN).vulnerabilities) == 2
    with open_store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        result = ingest(store, [accepted], IngestOptions(project="p"))
    assert (result.new, result.merged) == (2, 0)
