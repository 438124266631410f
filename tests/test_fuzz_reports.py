"""Mutated real reports never crash, hang or half-store (issue 20, "Keep it proven").

Property-based: hypothesis mutates the real reports in ``../shared/reference/reports`` at the
JSON level (a key dropped or given twice, a value of the wrong type, a 5,000-digit integer,
nesting 1,000 deep, a lone surrogate, a long string, the text cut short) and runs ``report
validate``, ``summary``, ``convert``, ``diff`` and ``vulns ingest`` on each. Every run exits 0, 1
or 2; a refusal is one ``secscan: error:`` line and no traceback; a refused ingest leaves the
database as it was. The CLI runs in-process (click's runner: the same contract without the
start-up cost); a few hostile files run as real processes under a timeout, which bounds the time
per input. Examples are derandomized, so CI sees the same inputs every run.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SHARED, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secscan.cli.main import cli

REPORTS = sorted(p for p in (SHARED / "reference" / "reports").rglob("*") if p.suffix in (".json", ".sarif"))
SEEDS = [p.read_text(encoding="utf-8-sig") for p in REPORTS]
#: what a mutation puts in place of a value (wrong types, out-of-range numbers, long text)
ODD_VALUES = [None, True, 0, -1, 1.5, 2**63, -(2**63) - 1, "", "x" * 100_000, [], {}, [None], {"": None}]
#: text put in place of a sentinel value after serialising (things json.dumps cannot write)
_SENTINEL = "\x00fuzz-sentinel\x00"
RAW_VALUES = ["9" * 5000, "[" * 1000 + "]" * 1000, "{" + '"a":{' * 999 + "}" * 1000, '"\\ud800"', '"\\udfff x"']
#: a valid 15.x report: the database's first content, and the report hostile copies are made of
SEED = SHARED / "reference/reports/gitlab-rails/spec/fixtures/security_reports/master/gl-sast-report-bandit.json"
COMMANDS = [
    ["report", "validate"],
    ["report", "summary"],
    ["report", "convert", "--to", "sarif"],
    ["report", "convert", "--to", "gitlab"],
]


def _places(value: Any, path: tuple = ()) -> list[tuple]:
    """Every path into ``value`` (object keys and array indexes), in document order."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_places(item, (*path, key)))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            found.extend(_places(item, (*path, n)))
    return found


def _parent(document: Any, path: tuple) -> Any:
    for step in path[:-1]:
        document = document[step]
    return document


@st.composite
def mutated_reports(draw) -> str:
    """The text of a real report with one JSON-level mutation."""
    text = SEEDS[draw(st.integers(0, len(SEEDS) - 1))]
    kind = draw(st.sampled_from(["drop", "duplicate", "odd", "raw", "truncate"]))
    if kind == "truncate":
        return text[: draw(st.integers(0, max(0, len(text) - 1)))]
    document = json.loads(text)
    places = [p for p in _places(document) if p]
    if not places:
        return text
    path = places[draw(st.integers(0, len(places) - 1))]
    parent = _parent(document, path)
    if kind == "drop":
        del parent[path[-1]]
        return json.dumps(document)
    if kind == "odd":
        parent[path[-1]] = draw(st.sampled_from(ODD_VALUES))
        return json.dumps(document)
    parent[path[-1]] = _SENTINEL
    dumped = json.dumps(document)
    if kind == "raw" or not isinstance(path[-1], str):
        return dumped.replace(json.dumps(_SENTINEL), draw(st.sampled_from(RAW_VALUES)), 1)
    original = _parent(json.loads(text), path)[path[-1]]
    key = json.dumps(path[-1])  # the key again, in the same object: a duplicate key
    return dumped.replace(json.dumps(_SENTINEL), f"{json.dumps(original)}, {key}: {json.dumps(original)}", 1)


def _rows(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _assert_clean(result, what: str) -> None:
    """Exit 0, 1 or 2, no traceback, and a refusal is one error line."""
    assert result.exception is None or isinstance(result.exception, SystemExit), (what, repr(result.exception))
    assert result.exit_code in (0, 1, 2), (what, result.exit_code, result.output[-2000:])
    assert "Traceback" not in result.output, what
    if result.exit_code == 2:
        errors = [line for line in result.stderr.splitlines() if line.startswith("secscan: error:")]
        assert len(errors) <= 1, (what, errors)


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> str:
    """A database that already holds one report, so a refused ingest has something to spoil."""
    path = tmp_path_factory.mktemp("fuzz") / "vulns.sqlite"
    first = CliRunner().invoke(cli, ["vulns", "ingest", str(SEED), "--project", "p", "--database", f"sqlite:///{path}"])
    assert first.exit_code == 0, first.output
    return str(path)


@settings(
    max_examples=100,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
@given(text=mutated_reports())
def test_mutated_reports_are_read_or_refused_cleanly(text: str, tmp_path: Path, database: str) -> None:
    report = tmp_path / "mutated.json"
    report.write_text(text, encoding="utf-8", errors="surrogatepass")
    runner = CliRunner()
    for command in COMMANDS:
        output = ["-o", str(tmp_path / "out")] if "convert" in command else []
        result = runner.invoke(cli, [*command, str(report), *output])
        _assert_clean(result, command)
    diffed = runner.invoke(cli, ["report", "diff", str(REPORTS[0]), str(report), "--format", "json"])
    _assert_clean(diffed, "diff")
    before = _rows(Path(database))
    ingested = runner.invoke(
        cli, ["vulns", "ingest", str(report), "--project", "p", "--database", f"sqlite:///{database}"]
    )
    _assert_clean(ingested, "ingest")
    if ingested.exit_code == 2:
        assert _rows(Path(database)) == before, "a refused ingest changed the database"


#: a hostile copy of the seed, and what secscan says of it (every command the same)
HOSTILE = {
    "5000-digit-integer": (
        lambda t: t.replace('"start_line": ', '"start_line": ' + "9" * 5000 + ', "x": ', 1),
        "a number of 5000 digits",
    ),
    "nesting-1000": (
        lambda t: t.replace('"location": {', '"d": ' + "[" * 1000 + "]" * 1000 + ', "location": {', 1),
        "nests objects and arrays more than 64 deep",
    ),
    "lone-surrogate": (lambda t: t.replace('"name": "', '"name": "\\ud800', 1), "lone UTF-16 surrogate"),
    "two-vulnerabilities-arrays": (
        lambda t: t[: t.rindex("}")] + ', "vulnerabilities": []}',
        "$.vulnerabilities is given twice in one object",
    ),
    "line-2**63": (
        lambda t: t.replace('"start_line": ', '"start_line": 9223372036854775808, "x": ', 1),
        "$.vulnerabilities[0].location.start_line: a number of 19 digits is no line number",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_reports_as_real_processes_end_in_bounded_time(name: str, tmp_path: Path) -> None:
    report = tmp_path / f"{name}.json"
    mutate, said = HOSTILE[name]
    report.write_text(mutate(SEED.read_text()))
    database = tmp_path / "vulns.sqlite"
    for command in (["report", "summary", str(report)], ["vulns", "ingest", str(report), "--project", "p"]):
        extra = ["--database", f"sqlite:///{database}"] if command[0] == "vulns" else []
        proc = run_cli(*command, *extra, timeout=30)
        assert proc.returncode in (0, 2), proc.stderr
        assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
        assert said in proc.stderr, proc.stderr
        if proc.returncode == 2:
            assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
