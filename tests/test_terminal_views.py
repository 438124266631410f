"""Terminal and Markdown renderings of hostile or large findings (issue 20 items 10 and 12) and the
findings table of a scan (issue 14 item 12): every value clipped to one line before rendering,
bidirectional controls made visible, ``file:line`` and rule ids never wrapped."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console

from secscan.report.accept import load_report
from secscan.report.text import printable
from secscan.views.terminal import CELL_CLIP, findings_table, one_line

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
APP = "import subprocess\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n"


def cli(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "secscan.cli.main", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path), "SOURCE_DATE_EPOCH": "1700000000"},
    )


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real bandit report of a project whose file path is long and deep."""
    root = tmp_path_factory.mktemp("views")
    deep = root / "project" / "a_rather_long_directory_name" / "another_long_directory_name_too"
    deep.mkdir(parents=True)
    for n in range(30):
        (deep / f"module_with_a_long_name_{n:02d}.py").write_text(APP)
    report = root / "r.json"
    done = cli("run", "bandit", str(root / "project"), "-o", str(report), cwd=root)
    assert done.returncode == 0, done.stderr
    return report


@pytest.fixture(scope="module")
def hostile(scanned: Path) -> Path:
    """The same report with a million newlines in an identifier and bidi controls in every text."""
    document = json.loads(scanned.read_text())
    first = document["vulnerabilities"][0]
    first["identifiers"][0]["value"] = "B602" + "\n" * 1_000_000
    first["name"] = f"safe{BIDI}name"
    first["location"]["file"] = f"app/{BIDI}evil.py"
    path = scanned.with_name("hostile.json")
    path.write_text(json.dumps(document))
    return path


def test_one_line_flattens_clips_and_shows_bidi_controls() -> None:
    assert one_line("a\n\n b\tc") == "a b c"
    assert len(one_line("x" * 10_000)) == CELL_CLIP
    assert one_line("x" * 10_000).endswith("…")
    shown = printable(f"ok{BIDI}")
    assert not any(c in shown for c in BIDI)
    assert "<U+202E>" in shown and "<U+2066>" in shown and "<U+061C>" in shown and "<U+200F>" in shown


def test_a_million_newlines_render_at_once_and_bidi_controls_are_visible(hostile: Path, scanned: Path) -> None:
    for args in (["report", "summary", str(hostile)], ["report", "diff", str(scanned), str(hostile)]):
        start = time.monotonic()
        done = cli(*args, cwd=hostile.parent, timeout=60)
        assert time.monotonic() - start < 30, args
        assert done.returncode == 0, done.stderr
        assert len(done.stdout.splitlines()) < 100, args
        assert not any(c in done.stdout for c in BIDI), args
        assert "<U+202E>" in done.stdout, args


def test_the_merge_request_comment_shows_bidi_controls(hostile: Path, scanned: Path) -> None:
    done = cli("report", "diff", str(scanned), str(hostile), "--format", "markdown", cwd=hostile.parent, timeout=60)
    assert done.returncode == 0, done.stderr
    assert not any(c in done.stdout for c in BIDI)
    assert "U+202E" in done.stdout


def test_report_validate_clips_the_bad_value_it_quotes(scanned: Path) -> None:
    document = json.loads(scanned.read_text())
    document["vulnerabilities"][0]["severity"] = "x" * 100_000
    bad = scanned.with_name("bad.json")
    bad.write_text(json.dumps(document))
    done = cli("report", "validate", str(bad), cwd=bad.parent)
    assert done.returncode == 2
    assert "$.vulnerabilities[0].severity" in done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) < 600


def render(table, width: int = 100) -> str:
    console = Console(file=io.StringIO(), width=width, highlight=False, color_system=None)
    console.print(table, crop=False)  # as secscan.cli.main prints it
    return console.file.getvalue()


def test_findings_table_keeps_file_line_and_rule_whole_and_says_how_to_see_all(scanned: Path) -> None:
    report = load_report(scanned)
    assert len(report.vulnerabilities) > 25
    text = render(findings_table(report), width=160)
    where = f"{report.vulnerabilities[0].location.file}:{report.vulnerabilities[0].location.start_line}"
    assert where in text, "file:line on one line, never folded"
    assert "bandit:B602" in text
    assert "--limit 0" in text
    every = render(findings_table(report, limit=0), width=160)
    assert "--limit 0" not in every
    assert sum("bandit:B" in line for line in every.splitlines()) == len(report.vulnerabilities)


def test_a_narrow_terminal_gets_whole_locations_on_lines_of_their_own(scanned: Path) -> None:
    report = load_report(scanned)
    text = render(findings_table(report), width=80)
    where = f"{report.vulnerabilities[0].location.file}:{report.vulnerabilities[0].location.start_line}"
    assert f"High {where} bandit:B602" in text
    assert "…" not in text


def test_verbose_findings_table_shows_the_code(scanned: Path) -> None:
    text = render(findings_table(load_report(scanned), verbose=True), width=200)
    assert "subprocess.call" in text and "code" in text
