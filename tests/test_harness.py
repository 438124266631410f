"""The test harness itself: the PostgreSQL fixture's one-line failures and ``scripts/test``'s early stop."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from conftest import REPO, _postgres_bin, start_postgres


@pytest.fixture
def postgres_base():
    """A directory the ``postgres`` user can reach (pytest's tmp_path is 0700 root's)."""
    base = Path(tempfile.mkdtemp(prefix="secscan-pg-test-"))
    yield base
    shutil.rmtree(base, ignore_errors=True)


def _failure_of_start(base: Path, port: int) -> str:
    bindir = _postgres_bin()
    assert bindir is not None, "PostgreSQL is not installed: apt-get install -y postgresql"
    with pytest.raises(pytest.fail.Exception) as failed:
        start_postgres(bindir, base, port)
    return str(failed.value)


def test_initdb_failure_is_one_line_with_initdbs_own_message(postgres_base: Path):
    (postgres_base / "data").mkdir()
    (postgres_base / "data" / "not-a-cluster").write_text("x")  # initdb refuses a non-empty directory
    message = _failure_of_start(postgres_base, 5)
    assert message.startswith("initdb exited 1: ") and "\n" not in message
    assert "exists but is not empty" in message and "Traceback" not in message


def test_pg_ctl_failure_is_one_line_with_the_servers_own_message(postgres_base: Path):
    with socket.socket() as busy:  # the port is taken: the server cannot bind it
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        message = _failure_of_start(postgres_base, busy.getsockname()[1])
    assert message.startswith("pg_ctl exited 1: ") and "\n" not in message
    assert "FATAL:  could not create any TCP/IP sockets" in message


def test_scripts_test_stops_at_once_naming_what_to_install(postgres_base: Path):
    """Not root, and rsync, node and npm not on PATH: one line naming them, before any set-up."""
    postgres_base.chmod(0o755)  # run as nobody when root: the copy must be reachable
    script = postgres_base / "checkout" / "scripts" / "test"
    script.parent.mkdir(parents=True)
    shutil.copy(REPO / "scripts" / "test", script)
    tools = postgres_base / "bin"  # just what the script runs before it stops
    tools.mkdir()
    for tool in ("bash", "dirname", "id", "ls", "tr", "sed"):
        (tools / tool).symlink_to(shutil.which(tool))
    venv = postgres_base / "venv"
    as_user = [shutil.which("runuser"), "-m", "-u", "nobody", "--"] if os.geteuid() == 0 else []
    env = {"PATH": str(tools), "HOME": str(postgres_base), "SECSCAN_TEST_VENV": str(venv)}
    started = time.monotonic()
    proc = subprocess.run([*as_user, str(script)], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2 and time.monotonic() - started < 10, proc.stderr
    said = re.fullmatch(
        r"scripts/test: needs (.+); install them \(apt-get install -y (.+)\) or run as root\n", proc.stderr
    )
    assert said, proc.stderr
    assert said[1].split(", ") == said[2].split(" ") and {"rsync", "nodejs", "npm"} <= set(said[2].split(" "))
    assert not venv.exists() and "==" in proc.stdout and "virtualenv" not in proc.stdout
