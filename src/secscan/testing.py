"""The analyzer conformance kit: pytest checks an analyzer author points at an analyzer and a
sample project, so a plugin proves it writes what GitLab ingests.

Subclass :class:`AnalyzerConformance` in a test module, name the analyzer (its entry-point id)
and a sample project on which it finds something::

    from pathlib import Path
    from secscan.testing import AnalyzerConformance

    class TestFlawfinder(AnalyzerConformance):
        analyzer = "flawfinder"
        sample = Path(__file__).parent / "sample"

Every check runs the real ``secscan run`` command on a copy of the sample, as a user would:

- the report validates against GitLab's report schema of the analyzer's report type;
- identifiers are well formed: the primary identifier comes first (of a type the analyzer's
  metadata declares, when it declares any), a CWE identifier's value is a number, URLs are
  http(s);
- ``scan.primary_identifiers`` lists every primary identifier a finding carries;
- ids are stable: two runs give the same report ids;
- tracking signatures other than ``location`` survive blank lines inserted above the code;
- severities are the schema's names;
- a missing scanner executable ends the run with exit code 3 and a one-line error, no traceback.

Override ``env`` (extra environment variables for the runs) or ``excluded_paths`` (passed as
``--excluded-paths``; default ``""``, nothing excluded) when the sample needs it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any, ClassVar

import pytest

from .common import executable_setting
from .common.errors import EXIT_INCOMPLETE
from .report.model import Severity
from .report.schema import report_type_of, validate

__all__ = ["AnalyzerConformance", "ScanRun", "run_analyzer"]

_SEVERITIES = {s.value for s in Severity}


class ScanRun:
    """One ``secscan run``: its exit code, standard error and report (``None`` if none was written)."""

    def __init__(self, code: int, stderr: str, report: dict[str, Any] | None):
        self.code, self.stderr, self.report = code, stderr, report

    @property
    def findings(self) -> list[dict[str, Any]]:
        return (self.report or {}).get("vulnerabilities") or []


def run_analyzer(
    analyzer: str, target: Path, output: Path, *, env: dict[str, str] | None = None, excluded_paths: str = ""
) -> ScanRun:
    """``secscan run ANALYZER TARGET -o OUTPUT`` in a new process (the way CI runs it), without
    the result cache unless ``env`` sets ``SECSCAN_NO_CACHE=false``."""
    command = [sys.executable, "-m", "secscan.cli.main", "run", analyzer, str(target), "-o", str(output),
               "--excluded-paths", excluded_paths]  # fmt: skip
    # without the result cache (unless ``env`` turns it on): every run checks the scanner itself
    full_env = {**os.environ, "SECSCAN_NO_CACHE": "true", **(env or {})}
    proc = subprocess.run(command, capture_output=True, text=True, env=full_env, check=False)
    report = json.loads(output.read_text(encoding="utf-8")) if output.is_file() else None
    return ScanRun(proc.returncode, proc.stderr, report)


def _with_blank_lines(root: Path, files: set[str], count: int = 3) -> None:
    """Insert ``count`` blank lines near the top of each of ``files`` (after a ``#!`` line)."""
    for name in files:
        path = root / name
        if not path.is_file():
            continue
        lines = path.read_text(encoding="utf-8", errors="surrogateescape").splitlines(keepends=True)
        at = 1 if lines and lines[0].startswith("#!") else 0
        lines[at:at] = ["\n"] * count
        path.write_text("".join(lines), encoding="utf-8", errors="surrogateescape")


def _stable_signatures(finding: dict[str, Any]) -> tuple:
    """What identifies a finding regardless of its line: its primary identifier and the tracking
    signatures that are not line numbers."""
    primary = finding["identifiers"][0]
    signatures = sorted(
        (s["algorithm"], s["value"])
        for item in (finding.get("tracking") or {}).get("items") or ()
        for s in item.get("signatures") or ()
        if s.get("algorithm") != "location"
    )
    return (primary["type"], primary["value"], tuple(signatures))


class AnalyzerConformance:
    """Base class of an analyzer's conformance tests (see the module documentation)."""

    #: the analyzer's id (its ``secscan.analyzers`` entry-point name)
    analyzer: ClassVar[str]
    #: a project on which the analyzer reports at least one finding
    sample: ClassVar[Path]
    #: extra environment for every run
    env: ClassVar[dict[str, str]] = {}
    #: ``--excluded-paths`` of every run (default: nothing excluded)
    excluded_paths: ClassVar[str] = ""

    @classmethod
    def _run(cls, workdir: Path, target: Path, name: str, env: dict[str, str] | None = None) -> ScanRun:
        return run_analyzer(
            cls.analyzer,
            target,
            workdir / f"{name}.json",
            env={**cls.env, **(env or {})},
            excluded_paths=cls.excluded_paths,
        )

    @pytest.fixture(scope="class")
    @classmethod
    def workdir(cls, tmp_path_factory) -> Path:
        return tmp_path_factory.mktemp(f"conformance-{cls.analyzer}")

    @pytest.fixture(scope="class")
    @classmethod
    def first(cls, workdir: Path) -> ScanRun:
        """The analyzer run on a copy of the sample; it must succeed with findings."""
        target = workdir / "sample"
        shutil.copytree(cls.sample, target)
        run = cls._run(workdir, target, "first")
        assert run.code == 0, f"secscan run {cls.analyzer} exited {run.code}: {run.stderr[-2000:]}"
        assert run.findings, f"{cls.analyzer} found nothing in {cls.sample}: the checks need a sample it reports on"
        return run

    @pytest.fixture(scope="class")
    @classmethod
    def metadata(cls):
        from .common import Config, available

        found, broken = available(Config.load(target=cls.sample))
        assert cls.analyzer in found, (
            f"no analyzer {cls.analyzer!r} installed (installed: {', '.join(sorted(found))}; "
            f"broken: {', '.join(str(b) for b in broken) or 'none'})"
        )
        return found[cls.analyzer].metadata

    def test_report_validates_against_the_schema(self, first: ScanRun, metadata) -> None:
        kind = report_type_of(first.report)
        assert kind == metadata.report_type.value
        errors = validate(first.report, kind)
        assert not errors, "; ".join(str(e) for e in errors[:5])

    def test_identifiers_are_well_formed(self, first: ScanRun, metadata) -> None:
        declared = set(metadata.primary_identifier_types)
        for n, finding in enumerate(first.findings):
            identifiers = finding["identifiers"]
            where = f"vulnerabilities[{n}]"
            if declared:
                assert identifiers[0]["type"] in declared, (
                    f"{where}: the primary identifier (first) is {identifiers[0]['type']!r}, "
                    f"not one of the declared primary_identifier_types {sorted(declared)}"
                )
            assert identifiers[0]["type"] != "cwe", f"{where}: a CWE is not a rule; the rule's own id comes first"
            for identifier in identifiers:
                if identifier["type"] == "cwe":
                    assert identifier["value"].isdigit(), f"{where}: CWE value {identifier['value']!r} is not a number"
                url = identifier.get("url")
                if url is not None:
                    assert url.startswith(("https://", "http://")), f"{where}: identifier URL {url!r} is not http(s)"

    def test_primary_identifiers_are_listed_in_the_scan(self, first: ScanRun) -> None:
        listed = {(i["type"], i["value"]) for i in first.report["scan"].get("primary_identifiers") or ()}
        emitted = {(f["identifiers"][0]["type"], f["identifiers"][0]["value"]) for f in first.findings}
        missing = sorted(emitted - listed)
        assert not missing, f"scan.primary_identifiers lacks {missing[:5]}"

    def test_ids_are_stable_across_runs(self, first: ScanRun, workdir: Path) -> None:
        again = self._run(workdir, workdir / "sample", "again")
        assert again.code == 0, again.stderr[-2000:]
        assert sorted(f["id"] for f in again.findings) == sorted(f["id"] for f in first.findings)

    def test_tracking_survives_inserted_blank_lines(self, first: ScanRun, workdir: Path) -> None:
        target = workdir / "shifted"
        shutil.copytree(self.sample, target)
        _with_blank_lines(target, {f["location"]["file"] for f in first.findings if f["location"].get("file")})
        shifted = self._run(workdir, target, "shifted")
        assert shifted.code == 0, shifted.stderr[-2000:]
        tracked = [f for f in first.findings if _stable_signatures(f)[2]]
        assert tracked, "no finding carries a tracking signature other than 'location'"
        assert Counter(map(_stable_signatures, shifted.findings)) == Counter(map(_stable_signatures, first.findings))

    def test_severities_are_the_schemas(self, first: ScanRun) -> None:
        unknown = sorted({f.get("severity") for f in first.findings} - _SEVERITIES, key=str)
        assert not unknown, f"severities outside the schema's {sorted(_SEVERITIES)}: {unknown}"

    def test_missing_scanner_is_a_clear_error(self, workdir: Path, metadata) -> None:
        setting = executable_setting(metadata.id)
        missing = workdir / "no-such-scanner"
        run = self._run(workdir, self.sample, "missing", {setting: str(missing)})
        assert run.code == EXIT_INCOMPLETE, f"exit {run.code}, expected {EXIT_INCOMPLETE}: {run.stderr[-2000:]}"
        assert "Traceback" not in run.stderr
        named = [line for line in run.stderr.splitlines() if str(missing) in line and "not found" in line]
        assert named, f"no line names the missing executable and the fix: {run.stderr[-2000:]}"
        assert setting in named[0], f"the error does not name {setting}, the setting that fixes it: {named[0]}"
