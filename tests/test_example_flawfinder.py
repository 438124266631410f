"""The example plugin package (examples/secscan-flawfinder) installed with pip, as a user
installs a third-party analyzer: ``secscan sast`` runs the real flawfinder beside the built-in
analyzers, and the package's own tests (the conformance kit among them) pass."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import official_schema, pip_install_to, run_cli, with_site
from jsonschema import Draft7Validator

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "secscan-flawfinder"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The package installed into a directory of its own (the rest of the session never sees it)."""
    return pip_install_to(EXAMPLE, tmp_path_factory.mktemp("flawfinder-plugin"))


def test_secscan_sast_merges_flawfinders_findings(site, tmp_path):
    report = tmp_path / "gl-sast-report.json"
    scan = run_cli("sast", str(EXAMPLE / "tests" / "sample"), "-o", str(report), env=with_site(site))
    assert scan.returncode == 0, scan.stderr[-3000:]
    document = json.loads(report.read_text())
    assert not list(Draft7Validator(official_schema()).iter_errors(document))
    ours = {v["identifiers"][0]["value"]: v for v in document["vulnerabilities"] if v["scanner"]["id"] == "flawfinder"}
    assert {"strcpy", "printf", "system"} <= set(ours)
    assert [(i["type"], i["value"]) for i in ours["strcpy"]["identifiers"]] == [
        ("flawfinder_func_name", "strcpy"),
        ("cwe", "120"),
    ]
    assert ours["system"]["location"] == {"file": "main.c", "start_line": 9, "end_line": 9}
    analyzers = {a["id"] for a in json.loads(run_cli("analyzers", "--json", env=with_site(site)).stdout)}
    assert "flawfinder" in analyzers


def test_the_example_packages_own_tests_pass(site):
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "-o", "addopts="],
        cwd=EXAMPLE, env={**os.environ, **with_site(site)}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "10 passed" in proc.stdout  # seven conformance checks, three converter tests
