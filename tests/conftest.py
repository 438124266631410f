"""Shared fixtures: paths to the repository, ../shared, and a runner for the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _shared_directory() -> Path:
    """``../shared`` (the reference reports and schemas): ``$SECSCAN_TEST_SHARED``, else the nearest
    ``shared`` directory beside the checkout or beside one of its parents (a git worktree may lie
    deeper than the clone it was made from)."""
    configured = os.environ.get("SECSCAN_TEST_SHARED")
    if configured:
        return Path(configured)
    beside = [parent / "shared" for parent in REPO.parents]
    return next((path for path in beside if (path / "reference").is_dir()), REPO.parent / "shared")


SHARED = _shared_directory()
#: where the tests' own tools go (npm and virtualenv installs, built images); scripts/test fills it
TEST_CACHE = Path(os.environ.get("SECSCAN_TEST_CACHE", Path.home() / ".cache" / "secscan-tests"))
OFFICIAL_SCHEMAS = SHARED / "reference" / "gitlab-schemas" / "15.2.1"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Scans in tests run their scanners every time and write no result cache (into fixture or example
# directories, for one): a test that runs a scan twice checks the scanner twice. The result
# cache's own tests (test_cache.py) turn it on with SECSCAN_NO_CACHE=false.
os.environ.setdefault("SECSCAN_NO_CACHE", "true")


def official_schema(name: str = "sast-report-format.json") -> dict:
    path = OFFICIAL_SCHEMAS / name
    assert path.is_file(), f"{path} missing: the tests need ../shared beside the checkout (or $SECSCAN_TEST_SHARED)"
    return json.loads(path.read_text())


def run_cli(
    *args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    """Run ``secscan`` as a real process; returns the completed process (text mode)."""
    full_env = dict(os.environ)
    full_env.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "secscan.cli.main", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def cli():
    return run_cli


def scanner(name: str) -> str:
    """A scanner executable as secscan finds it: beside this Python, else on PATH."""
    import shutil

    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"{name} is not installed; pip install '.[test]' installs it"
    return found


def npm_tool(name: str, packages: list[str], binary: str) -> Path:
    """``$SECSCAN_TEST_CACHE/NAME`` (``~/.cache/secscan-tests/NAME``), where npm installs ``packages``
    on first use (until ``node_modules/.bin/BINARY`` exists); the test fails in one line when it cannot."""
    import shutil

    prefix = TEST_CACHE / name
    if not (prefix / "node_modules" / ".bin" / binary).exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail(f"{name}: npm is needed to install {' '.join(packages)} (apt-get install npm)")
        proc = subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--prefix", str(prefix), *packages],
            capture_output=True, text=True, timeout=900, check=False,
        )  # fmt: skip
        if proc.returncode != 0 or not (prefix / "node_modules" / ".bin" / binary).exists():
            last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            pytest.fail(f"npm install {' '.join(packages)} into {prefix} failed ({last})")
    return prefix


def venv_tool(name: str, packages: list[str], binary: str) -> Path:
    """``$SECSCAN_TEST_CACHE/NAME/bin/BINARY`` (under ``~/.cache/secscan-tests``): a virtualenv of its
    own, where pip installs ``packages`` on first use (until the binary exists), for a Python tool
    whose dependencies clash with secscan's (check-jsonschema needs a newer click than semgrep
    allows); the test fails in one line when it cannot."""
    venv = TEST_CACHE / name
    tool = venv / "bin" / binary
    if not tool.exists():
        steps = [[sys.executable, "-m", "venv", "--clear", str(venv)],
                 [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", *packages]]  # fmt: skip
        for step in steps:
            proc = subprocess.run(step, capture_output=True, text=True, timeout=900, check=False)
            if proc.returncode != 0:
                last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
                pytest.fail(f"installing {' '.join(packages)} into {venv} failed ({last})")
        if not tool.exists():
            pytest.fail(f"pip install {' '.join(packages)} into {venv} made no bin/{binary}")
    return tool


def pip_install_to(package: Path, target: Path) -> Path:
    """Install the plugin package at ``package`` into ``target`` only (offline: no index, no build
    isolation, no dependencies), so that just the processes given ``PYTHONPATH=target`` see it."""
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "--target", str(target), str(package)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    return target


def with_site(target: Path) -> dict[str, str]:
    """Environment that puts a :func:`pip_install_to` directory on the path."""
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(target), os.environ.get("PYTHONPATH")]))}


@pytest.fixture(scope="session")
def sarif_multitool() -> str:
    """Microsoft's SARIF multitool: ``$SECSCAN_SARIF_MULTITOOL``, else ``sarif-multitool`` on PATH,
    else ``$SECSCAN_TEST_CACHE/sarif-multitool`` (installed there with npm on first use)."""
    import shutil

    configured = os.environ.get("SECSCAN_SARIF_MULTITOOL")
    if configured:
        if not Path(configured).is_file():
            pytest.fail(f"SECSCAN_SARIF_MULTITOOL={configured} is not a file; point it at sarif-multitool")
        return configured
    on_path = shutil.which("sarif-multitool")
    if on_path:
        return on_path
    prefix = npm_tool("sarif-multitool", ["@microsoft/sarif-multitool"], "sarif-multitool")
    cached = prefix / "node_modules" / ".bin" / "sarif-multitool"
    for native in prefix.glob("node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool"):
        native.chmod(native.stat().st_mode | 0o100)  # npm may unpack the native tool without its exec bit
    return str(cached)


# --- databases: a real SQLite file and a real PostgreSQL server ---------------------------------

POSTGRES_ENV = "SECSCAN_TEST_POSTGRES_URL"


def _postgres_bin() -> Path | None:
    import shutil

    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return versions[-1].parent if versions else None


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The admin URL of a PostgreSQL server: ``$SECSCAN_TEST_POSTGRES_URL`` (``scripts/test`` starts
    one), else a throw-away cluster started here with Debian's ``initdb``/``pg_ctl`` (as the
    ``postgres`` user when running as root). Fails, never skips, when there is no PostgreSQL, and
    fails in one line with initdb's or pg_ctl's own error when the cluster does not start."""
    import shutil
    import socket
    import tempfile

    configured = os.environ.get(POSTGRES_ENV)
    if configured:
        yield configured
        return
    bindir = _postgres_bin()
    if bindir is None:
        pytest.fail(f"PostgreSQL is not installed: `apt-get install -y postgresql`, or set {POSTGRES_ENV}")
    base = Path(tempfile.mkdtemp(prefix="secscan-pg-"))  # not under pytest's 0700 tmp: postgres must reach it
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    as_user = start_postgres(bindir, base, port)
    yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(base / "data"), "-m", "immediate", "stop"],
                   capture_output=True)  # fmt: skip
    shutil.rmtree(base, ignore_errors=True)


def start_postgres(bindir: Path, base: Path, port: int) -> list[str]:
    """Create a cluster in ``base/data`` and start it on 127.0.0.1:``port`` (as ``postgres`` when
    root); returns the command prefix that runs as that user. Fails the test run in one line with
    the tool's own last error lines when initdb or pg_ctl exits non-zero."""
    as_user: list[str] = []
    if os.geteuid() == 0:
        import shutil

        shutil.chown(base, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, log = base / "data", base / "log"
    _postgres_step(as_user, bindir / "initdb", "--no-sync", "-D", str(data), "-A", "trust", "-U", "postgres")
    _postgres_step(as_user, bindir / "pg_ctl", "-D", str(data), "-l", str(log), "-w", "-o",
                   f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off", "start", log=log)  # fmt: skip
    return as_user


def _postgres_step(as_user: list[str], tool: Path, *args: str, log: Path | None = None) -> None:
    """Run one PostgreSQL set-up command; on failure, fail with its last error lines (and the
    server log's, for pg_ctl, whose own message only says to read the log)."""
    proc = subprocess.run([*as_user, str(tool), *args], capture_output=True, text=True, check=False)
    if proc.returncode == 0:
        return
    lines = (proc.stderr.strip() or proc.stdout.strip()).splitlines()[-2:]
    if log is not None and log.is_file():
        logged = log.read_text(errors="replace").strip().splitlines()
        lines += [line for line in logged if "FATAL" in line or "ERROR" in line][-2:] or logged[-2:]
    said = " | ".join(line.strip() for line in lines) or "no output"
    pytest.fail(
        f"{tool.name} exited {proc.returncode}: {said} (or set {POSTGRES_ENV} to a server's URL)", pytrace=False
    )


def new_postgres_database(admin_url: str) -> str:
    """Create an empty database on the server and return its URL."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"secscan_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """A fresh, empty database on each engine: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'vulns.db'}"
    return new_postgres_database(request.getfixturevalue("postgres_server"))
