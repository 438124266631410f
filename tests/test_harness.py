"""The test harness itself: the PostgreSQL fixture's one-line failures and ``scripts/test``'s early stop."""

from __future__ import annotations

import shutil
import socket
import tempfile
from pathlib import Path

import pytest
from conftest import _postgres_bin, start_postgres


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
