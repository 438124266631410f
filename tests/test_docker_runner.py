"""The Docker runner against a real Docker engine, with images built here (see docker_images.py):
a scan whose scanners run in containers gives the same findings as a local scan, the containers
are locked down, and every way it can go wrong is one clear line and exit 3 (or 2 for settings)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, official_schema, run_cli
from docker_images import base_image, engine, secscan_image

from secscan.common import Config, ScannerTimeoutError
from secscan.common.runners import DockerRunner, RunRequest, runner_for

DEMO = REPO / "examples" / "demo-app"
#: the result cache must not answer for the scanners: these tests are about where they run
NO_CACHE = {"SECSCAN_NO_CACHE": "true"}


@pytest.fixture(scope="module")
def client():
    return engine()


@pytest.fixture(scope="module")
def image(client) -> str:
    return secscan_image(client)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("docker") / "demo-app"
    shutil.copytree(DEMO, target, ignore=shutil.ignore_patterns("gl-*-report.json"))
    return target


def _scan(target: Path, out: Path, env: dict[str, str]) -> tuple[subprocess.CompletedProcess, dict]:
    proc = run_cli("sast", str(target), "-o", str(out), env={**NO_CACHE, **env})
    assert out.is_file(), proc.stderr
    return proc, json.loads(out.read_text())


def _findings(report: dict) -> list[dict]:
    return report["vulnerabilities"]


@pytest.fixture(scope="module")
def local_report(demo, tmp_path_factory) -> dict:
    proc, report = _scan(demo, tmp_path_factory.mktemp("local") / "report.json", {})
    assert proc.returncode == 0, proc.stderr
    assert _findings(report), "the demo project has findings"
    return report


def test_docker_scan_gives_the_local_findings(demo, image, local_report, tmp_path):
    import jsonschema

    proc, report = _scan(demo, tmp_path / "report.json", {"SECSCAN_RUNNER": "docker", "SECSCAN_DOCKER_IMAGE": image})
    assert proc.returncode == 0, proc.stderr
    assert _findings(report) == _findings(local_report)
    assert report["scan"]["primary_identifiers"] == local_report["scan"]["primary_identifiers"]
    jsonschema.validate(report, official_schema())
    ran_in = [m["value"] for m in report["scan"]["messages"] if "scanner ran in docker image" in m["value"]]
    assert sorted(m.split("]")[0] for m in ran_in) == ["[bandit", "[pyflow", "[semgrep"]
    assert all(image in m and "no network" in m for m in ran_in)


def test_one_analyzer_in_docker_the_others_local(demo, image, local_report, tmp_path):
    env = {
        "SECSCAN_BANDIT_RUNNER": "docker",
        "SECSCAN_BANDIT_IMAGE": image,
        "SECSCAN_DOCKER_IMAGE": "secscan-test/absent:0",
    }
    proc, report = _scan(demo, tmp_path / "report.json", env)
    assert proc.returncode == 0, proc.stderr
    assert _findings(report) == _findings(local_report)
    ran_in = [m["value"] for m in report["scan"]["messages"] if "scanner ran in docker image" in m["value"]]
    assert len(ran_in) == 1 and ran_in[0].startswith("[bandit]")


_PROBE = r"""
import json, os, socket
facts = {"uid": os.getuid(), "interfaces": sorted(os.listdir("/sys/class/net"))}
for name, path in (("target", "probe-written"), ("workdir", os.environ["WORKDIR"] + "/probe-written")):
    try:
        open(path, "w").write("x")
        facts["write_" + name] = "ok"
    except OSError as exc:
        facts["write_" + name] = exc.strerror
try:
    socket.create_connection(("1.1.1.1", 53), timeout=3)
    facts["connect"] = "ok"
except OSError as exc:
    facts["connect"] = type(exc).__name__
def first(*paths):
    for p in paths:
        if os.path.exists(p):
            return open(p).read().strip()
facts["memory"] = first("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes")
facts["pids"] = first("/sys/fs/cgroup/pids.max", "/sys/fs/cgroup/pids/pids.max")
facts["host_file_visible"] = os.path.exists(os.environ["HOST_FILE"])
facts["root_writable"] = os.access("/usr", os.W_OK)
print(json.dumps(facts))
"""


def test_container_is_locked_down(image, tmp_path):
    target = tmp_path / "target"
    workdir = tmp_path / "work"
    target.mkdir()
    workdir.mkdir()
    (target / "app.py").write_text("print('hello')\n")
    beside = tmp_path / "not-mounted.txt"  # beside the target on the host, not in the container
    beside.write_text("secret")
    runner = DockerRunner(image, memory="512m", pids_limit=64, env_names=["WORKDIR", "HOST_FILE"],
                          env={"WORKDIR": str(workdir), "HOST_FILE": str(beside)})  # fmt: skip
    result = runner.run(RunRequest(("python3", "-c", _PROBE), cwd=target, timeout=120, writable=(workdir,)))
    facts = json.loads(result.stdout)
    assert facts["uid"] != 0
    assert facts["interfaces"] == ["lo"]
    assert facts["connect"] != "ok"
    assert facts["write_target"] == "Read-only file system"
    assert facts["write_workdir"] == "ok" and (workdir / "probe-written").read_text() == "x"
    assert not (target / "probe-written").exists()
    assert facts["memory"] == str(512 * 1024**2)
    assert facts["pids"] == "64"
    assert facts["host_file_visible"] is False
    assert facts["root_writable"] is False


def test_timeout_kills_and_removes_the_container(client, image, tmp_path):
    runner = DockerRunner(image)
    with pytest.raises(ScannerTimeoutError, match="timed out after 3 s; raise SECSCAN_ANALYZER_TIMEOUT"):
        runner.run(RunRequest(("sleep", "60"), cwd=tmp_path, timeout=3, name="sleeper"))
    assert client.containers.list(all=True, filters={"label": "secscan.analyzer=sleeper"}) == []


def _one_line_error(proc: subprocess.CompletedProcess) -> str:
    lines = [line for line in proc.stderr.splitlines() if line.startswith("secscan: error") or "failed:" in line]
    assert "Traceback" not in proc.stderr
    return "\n".join(lines)


def test_engine_not_reachable_is_exit_3_with_the_fix(demo, tmp_path):
    env = {
        "SECSCAN_RUNNER": "docker",
        "DOCKER_HOST": f"unix://{tmp_path}/no-engine.sock",
        "SECSCAN_ANALYZERS": "bandit",
    }
    proc, report = _scan(demo, tmp_path / "report.json", env)
    assert proc.returncode == 3, proc.stderr
    assert report["scan"]["status"] == "failure"
    fatal = [m["value"] for m in report["scan"]["messages"] if m["level"] == "fatal"]
    assert len(fatal) == 1 and "Docker engine not reachable at unix://" in fatal[0]
    assert "start dockerd, set DOCKER_HOST, or set SECSCAN_RUNNER=local" in fatal[0]
    assert "Docker engine not reachable" in _one_line_error(proc)


def test_missing_image_is_exit_3_and_never_pulled(client, demo, tmp_path):
    env = {"SECSCAN_RUNNER": "docker", "SECSCAN_DOCKER_IMAGE": "secscan-test/absent:0", "SECSCAN_ANALYZERS": "bandit"}
    proc, report = _scan(demo, tmp_path / "report.json", env)
    assert proc.returncode == 3
    fatal = " ".join(m["value"] for m in report["scan"]["messages"] if m["level"] == "fatal")
    assert "Docker image secscan-test/absent:0 not found in the engine; build it" in fatal
    assert "SECSCAN_DOCKER_IMAGE" in fatal
    assert not client.images.list(name="secscan-test/absent")


def test_image_without_the_scanner_is_exit_3(client, demo, tmp_path):
    base = base_image(client)  # Debian with Python, no semgrep
    env = {"SECSCAN_RUNNER": "docker", "SECSCAN_SEMGREP_IMAGE": base, "SECSCAN_ANALYZERS": "semgrep"}
    proc, report = _scan(demo, tmp_path / "report.json", env)
    assert proc.returncode == 3
    fatal = " ".join(m["value"] for m in report["scan"]["messages"] if m["level"] == "fatal")
    assert f"semgrep: not found in Docker image {base}" in fatal
    assert "SECSCAN_SEMGREP_IMAGE" in fatal


@pytest.mark.parametrize(
    "env, message",
    [
        ({"SECSCAN_RUNNER": "podman"}, "SECSCAN_RUNNER='podman' is not a runner; use local or docker"),
        ({"SECSCAN_BANDIT_RUNNER": "vm"}, "SECSCAN_BANDIT_RUNNER='vm' is not a runner"),
        (
            {"SECSCAN_RUNNER": "docker", "SECSCAN_DOCKER_MEMORY": "lots"},
            "SECSCAN_DOCKER_MEMORY='lots' is not a memory size",
        ),
        (
            {"SECSCAN_RUNNER": "docker", "SECSCAN_DOCKER_CPUS": "-1"},
            "SECSCAN_DOCKER_CPUS='-1' is not a positive number",
        ),
    ],
)
def test_bad_runner_settings_are_usage_errors(demo, tmp_path, env, message):
    proc = run_cli("sast", str(demo), "-o", str(tmp_path / "r.json"), env=env)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"secscan: error: {message}"), proc.stderr
    assert not (tmp_path / "r.json").exists()


def test_runner_choice_per_analyzer(tmp_path):
    config = Config.load(
        env={"SECSCAN_RUNNER": "docker", "SECSCAN_SEMGREP_RUNNER": "local", "SECSCAN_BANDIT_IMAGE": "x/bandit:1"},
        target=tmp_path,
    )
    assert runner_for(config, "semgrep").name == "local"
    bandit = runner_for(config, "bandit")
    assert bandit.name == "docker" and bandit.image == "x/bandit:1"
    assert runner_for(config, "pyflow").image == "secscan:latest"


def test_the_secscan_image_scans_like_a_local_install(image, demo, local_report, tmp_path):
    """The Dockerfile's image as a product: `docker run ... secscan sast`, offline, as its non-root user."""
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o777)  # the image's user (uid 10001) writes the report here
    proc = subprocess.run(
        ["docker", "run", "--rm", "--network", "none", "--read-only", "--tmpfs", "/tmp",
         "-e", "SOURCE_DATE_EPOCH=1700000000", "-e", "SECSCAN_NO_CACHE=true",
         "-v", f"{demo}:/src:ro", "-v", f"{out}:/out", image, "sast", "/src", "-o", "/out/gl-sast-report.json"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads((out / "gl-sast-report.json").read_text())
    assert report["vulnerabilities"] == local_report["vulnerabilities"]
    whoami = subprocess.run(
        ["docker", "run", "--rm", "--entrypoint", "id", image, "-u"], capture_output=True, text=True, check=True
    )
    assert whoami.stdout.strip() == "10001"
