"""Small units: work partitioning, text hygiene, severities, report model serialisation, sorting."""

from __future__ import annotations

import pytest

from secscan.common.batches import partition
from secscan.report import Identifier, Location, ScannerRef, Severity, Vulnerability, sort_vulnerabilities
from secscan.report.identity import assign_ids
from secscan.report.model import NAME_MAX, format_time
from secscan.report.text import printable


def test_partition_balances_bytes_and_keeps_small_projects_whole(tmp_path):
    sizes = {"a.py": 900_000, "b.py": 500_000, "c.py": 400_000, "d.py": 10, "e.py": 10}
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(b"#" * size)
    groups = partition(tmp_path, sorted(sizes), parts=2)
    assert sorted(f for g in groups for f in g) == sorted(sizes), "no file lost or doubled"
    loads = sorted(sum(sizes[f] for f in g) for g in groups)
    assert loads == [900_010, 900_010]
    assert all(g == sorted(g) for g in groups)
    assert partition(tmp_path, ["d.py", "e.py"], parts=8) == [["d.py", "e.py"]], "tiny projects: one process"
    assert partition(tmp_path, [], parts=2) == []


def test_printable_escapes_terminal_control_sequences():
    assert printable("a\x1b[2Jb\x07c\rd") == "a\\x1b[2Jb\\x07c\\x0dd"
    assert printable("line1\n\tline2 ünïcode") == "line1\n\tline2 ünïcode"


def test_severity_parse_and_order():
    assert Severity.parse("critical") is Severity.CRITICAL
    assert Severity.parse(" High ") is Severity.HIGH
    with pytest.raises(ValueError, match="allowed: Info"):
        Severity.parse("urgent")
    ranks = [
        s.rank
        for s in (Severity.INFO, Severity.UNKNOWN, Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL)
    ]
    assert ranks == sorted(ranks)


def _v(file, line, sev, rule="R1", name="n"):
    return Vulnerability(
        identifiers=(Identifier("semgrep_id", rule, rule),),
        location=Location(file, line, line),
        scanner=ScannerRef("semgrep", "Semgrep"),
        severity=sev,
        name=name,
    )


def test_sort_is_severity_then_file_line_identifier():
    vulns = assign_ids(
        [
            _v("b.py", 1, Severity.LOW),
            _v("a.py", 9, Severity.HIGH),
            _v("a.py", 2, Severity.HIGH, rule="R2"),
            _v("a.py", 2, Severity.HIGH, rule="R1"),
            _v("z.py", 1, Severity.CRITICAL),
        ]
    )
    order = [(v.location.file, v.location.start_line, v.primary_identifier.value) for v in sort_vulnerabilities(vulns)]
    assert order == [("z.py", 1, "R1"), ("a.py", 2, "R1"), ("a.py", 2, "R2"), ("a.py", 9, "R1"), ("b.py", 1, "R1")]


def test_serialisation_clips_long_names_and_drops_empty_fields():
    v = assign_ids([_v("a.py", 3, Severity.MEDIUM, name="x" * 400)])[0]
    d = v.to_dict()
    assert len(d["name"]) == NAME_MAX
    assert "links" not in d and "solution" not in d and "flags" not in d
    assert d["location"] == {"file": "a.py", "start_line": 3, "end_line": 3}
    assert d["identifiers"] == [{"type": "semgrep_id", "name": "R1", "value": "R1"}]


def test_cwe_identifier_shape():
    assert Identifier.cwe("CWE-89").to_dict() == {
        "type": "cwe",
        "name": "CWE-89",
        "value": "89",
        "url": "https://cwe.mitre.org/data/definitions/89.html",
    }


def test_time_format_is_utc_without_zone_or_fraction():
    from datetime import datetime, timedelta, timezone

    moment = datetime(2024, 1, 2, 3, 4, 5, 678, tzinfo=timezone(timedelta(hours=2)))
    assert format_time(moment) == "2024-01-02T01:04:05"


def test_fast_validator_agrees_with_the_full_one_on_real_reports():
    """write_report's compiled check and `report validate`'s error list must never disagree."""
    import json

    from conftest import SHARED

    from secscan.report.schema import SCHEMA_FILES, is_valid, report_type_of, validate

    checked = 0
    for path in sorted((SHARED / "reference" / "reports").rglob("*.json")):
        doc = json.loads(path.read_text())
        kind = report_type_of(doc)
        if kind not in SCHEMA_FILES:
            continue
        assert is_valid(doc, kind) == (validate(doc, kind) == []), path
        checked += 1
    assert checked >= 20


def test_probe_runs_a_scanner_once_and_notices_an_upgrade(tmp_path, monkeypatch):
    """Versions and rule listings are read once per installed executable, also across runs."""
    import os
    import sys

    from secscan.common.runners import local as runner

    monkeypatch.setenv("SECSCAN_CACHE_DIR", str(tmp_path / "cache"))
    counter = tmp_path / "calls"
    script = tmp_path / "fakescanner"
    script.write_text(f"#!{sys.executable}\nopen({str(counter)!r}, 'a').write('x')\nprint('fakescanner 1.2.3')\n")
    script.chmod(0o755)
    assert runner.read_version(str(script)) == "1.2.3"
    runner._output_cache.clear()  # a new secscan process: only the disk cache remains
    assert runner.read_version(str(script)) == "1.2.3"
    assert counter.read_text() == "x", "the second process read the version from the disk cache"
    script.write_text(script.read_text().replace("1.2.3", "1.3.0"))  # an upgrade rewrites it
    os.utime(script, ns=(1, 1))
    runner._output_cache.clear()
    assert runner.read_version(str(script)) == "1.3.0"
    assert counter.read_text() == "xx"


def test_secondary_identifier_with_value_zero_is_kept():
    from secscan.analyzers.semgrep.analyzer import identifiers_from_metadata

    meta = {"secondary_identifiers": [{"type": "brakeman_warning_code", "name": "Brakeman Warning Code 0", "value": 0}]}
    idents = identifiers_from_metadata("ruby.rails.sql-injection", meta)
    assert ("brakeman_warning_code", "0") in {(i.type, i.value) for i in idents}
