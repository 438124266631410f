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
