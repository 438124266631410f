"""Third-party analyzers load through the `secscan.analyzers` entry points, like the built-ins."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from conftest import run_cli

from secscan.common import discover
from secscan.common.engine.registry import check_api_version

PLUGIN = """
import json, sys
from secscan.common import Analyzer, AnalyzerMetadata, ScannerMetadata, ScannerOutputError
from secscan.report import Identifier, Location, ScannerRef, Severity, Vulnerability


class MarkerAnalyzer(Analyzer):
    metadata = AnalyzerMetadata(
        id="marker", name="Marker (test plugin)", vendor="tests", version="0.1.0",
        scanner=ScannerMetadata(id="marker", name="Marker", vendor="tests", executable="marker-scan"),
        primary_identifier_types=("marker_id",), api_version="{api}",
    )

    def match(self, path):
        return path.endswith(".txt")

    def analyze(self, ctx):
        return ctx.run([self.executable(ctx), *ctx.files]).stdout

    def convert(self, raw, ctx):
        try:
            hits = json.loads(raw)
        except ValueError:
            raise ScannerOutputError("marker wrote output that is not JSON") from None
        return [
            Vulnerability(
                identifiers=(Identifier("marker_id", "MARK1", "MARK1"), Identifier.cwe(798)),
                location=Location(file=ctx.relative(h["file"]), start_line=h["line"], end_line=h["line"]),
                scanner=ScannerRef("marker", "Marker"),
                name="Marker found",
                description="A SECRET marker is in the file.",
                severity=Severity.CRITICAL,
            )
            for h in hits
        ]

    def primary_identifiers(self, ctx):
        return [Identifier("marker_id", "MARK1", "MARK1")]
"""

SCANNER = '''#!{python}
"""A real (tiny) scanner: prints JSON hits for lines containing SECRET."""
import json, sys
if sys.argv[1:] == ["--version"]:
    sys.exit(print("marker-scan 2.3.4"))
hits = []
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if "SECRET" in line:
                hits.append({{"file": name, "line": n}})
print(json.dumps(hits))
'''


def install_plugin(site: Path, api: str = "1.0") -> dict:
    """A real installed distribution: a module, a dist-info with entry_points.txt, a scanner script."""
    site.mkdir(parents=True)
    (site / "marker_plugin.py").write_text(PLUGIN.replace("{api}", api))
    info = site / "marker_plugin-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: marker-plugin\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text("[secscan.analyzers]\nmarker = marker_plugin:MarkerAnalyzer\n")
    bin_dir = site / "bin"
    bin_dir.mkdir()
    script = bin_dir / "marker-scan"
    script.write_text(SCANNER.format(python=sys.executable))
    script.chmod(0o755)
    return {"PYTHONPATH": str(site), "SECSCAN_MARKER_EXECUTABLE": str(script)}


def test_builtin_analyzers_are_discovered_through_entry_points():
    installed, broken = discover()
    assert {"bandit", "semgrep"} <= set(installed)
    assert broken == []


def test_a_third_party_plugin_runs_in_sast_and_its_findings_are_merged(tmp_path):
    env = install_plugin(tmp_path / "site")
    project = tmp_path / "project"
    project.mkdir()
    (project / "notes.txt").write_text("hello\nSECRET=hunter2\n")
    (project / "app.py").write_text("import pickle\n")
    out = tmp_path / "report.json"
    proc = run_cli(
        "sast",
        str(project),
        "--analyzers",
        "marker,bandit",
        "--split",
        "--artifact-dir",
        str(tmp_path / "split"),
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    split = json.loads((tmp_path / "split" / "gl-sast-marker-report.json").read_text())
    assert split["scan"]["scanner"] == {
        "id": "marker",
        "name": "Marker",
        "vendor": {"name": "tests"},
        "version": "2.3.4",
    }
    proc = run_cli("sast", str(project), "-o", str(out), "--analyzers", "marker,bandit", env=env)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text())
    got = {
        (v["scanner"]["id"], v["identifiers"][0]["value"], v["location"]["file"], v["location"]["start_line"])
        for v in report["vulnerabilities"]
    }
    assert ("marker", "MARK1", "notes.txt", 2) in got
    assert ("bandit", "B403", "app.py", 1) in got
    assert report["vulnerabilities"][0]["severity"] == "Critical", "sorted most severe first"
    assert {"type": "marker_id", "name": "MARK1", "value": "MARK1"} in report["scan"]["primary_identifiers"]


def test_plugin_needing_a_newer_sdk_is_skipped_with_a_clear_message(tmp_path):
    env = install_plugin(tmp_path / "site", api="1.99")
    proc = run_cli("analyzers", "--json", env=env)
    rows = {r["id"]: r for r in json.loads(proc.stdout)}
    assert proc.returncode == 3
    assert rows["marker"]["usable"] is False
    assert "upgrade secscan" in rows["marker"]["problem"]
    assert rows["bandit"]["usable"] is True


def test_api_version_check():
    class Meta:
        pass

    class Fake:
        metadata = Meta()

    for wanted, ok in (
        ("1.0", True),
        ("1", True),
        ("1.1", True),
        ("1.2", True),
        ("1.3", True),
        ("1.4", False),
        ("2.0", False),
        ("0.9", False),
    ):
        Fake.metadata.api_version = wanted
        assert (check_api_version(Fake) is None) is ok, wanted
