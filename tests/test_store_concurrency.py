"""Readers never wait for a writer, kill -9 during an ingest leaves the before or the after state,
and concurrent ingests lose nothing: real ``secscan`` processes on real SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import run_cli
from sqlalchemy import create_engine, func, select, text
from test_vulns_cli import as_json, finding, ok, policy, secscan, write_report

from secscan.store import open_store
from secscan.store.models import Finding, History, Identifier, Project, Scan, Vulnerability
from secscan.store.triage import project_names

#: seconds a read command may take while a writer holds its transaction
PROMPT = 20


def generated(path: Path, count: int, offset: int = 0) -> Path:
    """A SAST report of ``count`` distinct findings (``offset`` shifts their lines)."""
    return write_report(
        path,
        [
            finding(f"Issue {i}", f"app/m{i % 500}.py", i, "High", f"rule{i % 50}", 89)
            for i in range(offset, offset + count)
        ],
    )


def snapshot(db: str) -> dict[str, int]:
    """How many rows every table holds."""
    with open_store(db) as store, store.session(read_only=True) as session:
        return {
            model.__tablename__: session.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (Project, Scan, Vulnerability, Identifier, Finding, History)
        }


def ingest_process(db: str, report: Path, *args: str) -> subprocess.Popen:
    """``secscan vulns ingest`` started in the background."""
    env = {**os.environ, "SECSCAN_DATABASE_URL": db, "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.Popen(
        [sys.executable, "-m", "secscan.cli.main", "vulns", "ingest", str(report), "--project", "p", *args],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def writing(db: str) -> bool:
    """Whether another process is inside a write transaction on ``db`` right now."""
    if db.startswith("sqlite"):
        connection = sqlite3.connect(db.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError as exc:
            assert "locked" in str(exc), exc
            return True
        finally:
            connection.close()
    engine = create_engine(db)
    try:
        with engine.connect() as connection:
            return bool(
                connection.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        " AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
                    )
                ).scalar_one()
            )
    finally:
        engine.dispose()


def wait_until_writing(db: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not writing(db):
        assert proc.poll() is None, f"the ingest ended before it wrote: {proc.communicate()}"
        assert time.monotonic() < deadline, "the ingest never started writing"
        time.sleep(0.02)


# --- readers never wait for a writer (issue 20 item 5) ---------------------------------------------

#: a process holding a write transaction open until its standard input closes: SQLite's write lock
#: (an uncommitted project), on PostgreSQL a locked project row and the migration lock too
HOLDER = """
import sys
from sqlalchemy import text
from secscan.store import open_store
from secscan.store.db import _MIGRATION_LOCK
from secscan.store.ingestion import lock_project
store = open_store(sys.argv[1])
with store.session() as session:
    lock_project(session.connection(), "p")
    lock_project(session.connection(), "uncommitted")
    if store.dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _MIGRATION_LOCK})
    print("holding", flush=True)
    sys.stdin.read()
"""


def test_read_commands_do_not_wait_for_a_writer(database_url, tmp_path):
    report = generated(tmp_path / "small.json", 20)
    ok(secscan(database_url, "vulns", "ingest", str(report), "--project", "p", "--ref", "main"))
    records = as_json(secscan(database_url, "vulns", "list", "--format", "json"))["vulnerabilities"]
    if database_url.startswith("sqlite"):  # WAL is a property of the file: set once, kept
        connection = sqlite3.connect(database_url.removeprefix("sqlite:///"))
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        connection.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, database_url], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline() == "holding\n"
        assert writing(database_url)
        reads = [
            ("vulns", "list", "--format", "json"),
            ("vulns", "show", records[0]["uuid"], "--json"),
            ("vulns", "history", str(records[0]["id"]), "--json"),
            ("vulns", "export", "--format", "sarif"),
            ("vulns", "diff", "--project", "p", "--base", "main", "--head", "main"),
            ("policy", "check", "--policy", str(policy(tmp_path / "policy.yml")), "--project", "p", "--ref", "main"),
        ]
        for args in reads:
            proc = run_cli(*args, env={"SECSCAN_DATABASE_URL": database_url}, timeout=PROMPT)  # it waited 60 s
            assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, (args, proc.stderr[-2000:])
            if args[1] == "list":
                listed = json.loads(proc.stdout)["vulnerabilities"]
                assert {r["project"] for r in listed} == {"p"} and len(listed) == 20  # the committed state
        assert holder.poll() is None and writing(database_url)  # the writer held its transaction throughout
    finally:
        holder.stdin.close()
        assert holder.wait(timeout=60) == 0
    with open_store(database_url) as store:
        assert project_names(store) == ["p", "uncommitted"]  # the writer committed after the readers


# --- kill -9 during an ingest, concurrent ingests ---------------------------------------------------


def test_kill_9_during_a_big_ingest_leaves_the_before_or_the_after_state(database_url, tmp_path):
    args = ("--ref", "main", "--default-branch", "--pipeline", "2")
    ok(secscan(database_url, "vulns", "ingest", str(generated(tmp_path / "small.json", 20)), "--project", "p"))
    before = snapshot(database_url)
    big = generated(tmp_path / "big.json", 50_000, offset=10)
    proc = ingest_process(database_url, big, *args)
    wait_until_writing(database_url, proc)
    started = time.monotonic()
    assert snapshot(database_url) == before  # a reader during the ingest: at once, the committed state
    assert time.monotonic() - started < 5
    time.sleep(0.3)
    assert proc.poll() is None, "the ingest ended before the kill: the report is too small for this machine"
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    killed = snapshot(database_url)
    if database_url.startswith("sqlite"):
        connection = sqlite3.connect(database_url.removeprefix("sqlite:///"))
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        connection.close()
    ok(secscan(database_url, "vulns", "ingest", str(big), "--project", "p", *args))  # opens and ingests again
    after = snapshot(database_url)
    assert after["vulnerabilities"] == 50_010 and after["scans"] == 2
    assert killed in (before, after)


def test_concurrent_ingests_lose_nothing(database_url, tmp_path):
    # three overlapping reports of one project at once: the writers take turns, nothing is lost
    reports = [generated(tmp_path / f"r{i}.json", 3000, offset=1500 * i) for i in range(3)]
    procs = [ingest_process(database_url, r, "--ref", "main", "--pipeline", str(i)) for i, r in enumerate(reports)]
    for proc in procs:
        _, stderr = proc.communicate(timeout=180)
        assert proc.returncode == 0, stderr[-2000:]
    stored = snapshot(database_url)
    assert (stored["projects"], stored["scans"], stored["findings"]) == (1, 3, 9000)
    assert stored["vulnerabilities"] == 6000  # the union: lines 0 to 5999
