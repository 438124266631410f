"""A real Docker engine and the images the Docker runner's tests use, made here without Docker Hub.

- The engine: ``DOCKER_HOST`` or the local socket (``.ci/run`` starts ``dockerd``); when it is
  not reachable and ``dockerd`` is installed and we are root, one is started in the background.
- The base image ``secscan-test/bookworm-minbase``: ``debootstrap --variant=minbase bookworm``
  (with python3 and its venv module) imported with ``docker import``; the root file system's
  tarball is kept in ``~/.cache/secscan-tests`` so a new engine imports it without debootstrap.
- The secscan image: the repository's Dockerfile built on that base, offline (``--network none``):
  the wheels of secscan's dependencies, at the versions this test environment runs, are
  collected on the host with pip (cached) and installed in the image with ``--no-index``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("SECSCAN_TEST_CACHE", Path.home() / ".cache" / "secscan-tests"))
BASE_IMAGE = "secscan-test/bookworm-minbase:1"
DEBIAN_MIRROR = os.environ.get("SECSCAN_TEST_DEBIAN_MIRROR", "http://deb.debian.org/debian")
#: what the base image has besides minbase: the Python the image's secscan runs on
BASE_PACKAGES = "python3,python3-venv,ca-certificates"
#: what the image build copies: the sources a `pip install` of the repository reads
BUILD_INPUTS = ("Dockerfile", ".dockerignore", "pyproject.toml", "README.md", "src", "schemas")


def _fail(message: str) -> None:
    pytest.fail(message, pytrace=False)


def engine():
    """A connected ``docker.DockerClient``; starts ``dockerd`` when it can (see the module)."""
    import docker

    try:
        client = docker.from_env()
        client.ping()
        return client
    except Exception as exc:
        reason = " ".join(str(exc).split())[:200]
    dockerd = shutil.which("dockerd")
    if dockerd is None or os.geteuid() != 0 or os.environ.get("DOCKER_HOST"):
        _fail(f"no Docker engine ({reason}): apt-get install -y docker.io and start dockerd (.ci/run does)")
    log = open(Path(tempfile.gettempdir()) / "secscan-tests-dockerd.log", "ab")  # noqa: SIM115 - outlives the test
    subprocess.Popen([dockerd], stdout=log, stderr=log, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            client = docker.from_env()
            client.ping()
            return client
        except Exception:
            time.sleep(1)
    _fail(f"started dockerd but it did not answer within 60 s; see {log.name}")


def base_image(client) -> str:
    """``secscan-test/bookworm-minbase``, imported from the cached debootstrap tarball."""
    import docker.errors

    try:
        client.images.get(BASE_IMAGE)
        return BASE_IMAGE
    except docker.errors.ImageNotFound:
        pass
    tarball = CACHE / "bookworm-minbase.tar"
    if not tarball.is_file():
        debootstrap = shutil.which("debootstrap")
        if debootstrap is None or os.geteuid() != 0:
            _fail("the base image needs debootstrap, run as root: apt-get install -y debootstrap")
        with tempfile.TemporaryDirectory(prefix="secscan-rootfs-") as tmp:
            rootfs = Path(tmp) / "rootfs"
            proc = subprocess.run(
                [
                    debootstrap,
                    "--variant=minbase",
                    f"--include={BASE_PACKAGES}",
                    "bookworm",
                    str(rootfs),
                    DEBIAN_MIRROR,
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if proc.returncode != 0:
                _fail(f"debootstrap bookworm from {DEBIAN_MIRROR} failed: {(proc.stderr or proc.stdout)[-500:]}")
            CACHE.mkdir(parents=True, exist_ok=True)
            partial = tarball.with_suffix(".tar.partial")
            subprocess.run(["tar", "-C", str(rootfs), "-cf", str(partial), "."], check=True)
            os.replace(partial, tarball)
    proc = subprocess.run(
        ["docker", "import", "--change", "CMD [\"/bin/bash\"]", str(tarball), BASE_IMAGE],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        _fail(f"docker import {tarball} failed: {proc.stderr.strip()[-300:]}")
    return BASE_IMAGE


def _constraints(path: Path) -> Path:
    """This environment's installed versions (``name==version``), secscan itself left out."""
    from importlib.metadata import distributions

    pins = sorted(
        {
            f"{d.metadata['Name']}=={d.version}"
            for d in distributions()
            if d.metadata["Name"] and d.metadata["Name"].lower() != "secscan"
        }
    )
    path.write_text("\n".join(pins) + "\n")
    return path


def wheelhouse() -> Path:
    """Wheels of secscan's dependencies (as installed here) and of its build backend."""
    house = CACHE / f"wheelhouse-py{sys.version_info.major}{sys.version_info.minor}"
    stamp = house / ".complete"
    requirements = hashlib.sha256((REPO / "pyproject.toml").read_bytes()).hexdigest()[:16]
    if stamp.is_file() and stamp.read_text() == requirements:
        return house
    house.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        constraints = _constraints(Path(tmp) / "constraints.txt")
        for args in (
            ["wheel", "--wheel-dir", str(house), "--constraint", str(constraints), f"{REPO}[docker]"],
            ["download", "--dest", str(house), "--only-binary", ":all:", "hatchling"],
        ):
            proc = subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
                                  capture_output=True, text=True, check=False)  # fmt: skip
            if proc.returncode != 0:
                _fail(f"pip {args[0]} for the image's wheelhouse failed: {proc.stderr.strip()[-500:]}")
    for built in house.glob("secscan-*.whl"):  # the image builds secscan from its sources
        built.unlink()
    stamp.write_text(requirements)
    return house


def secscan_image(client) -> str:
    """The repository's Dockerfile built on the base image, offline; reused while the
    sources and the wheelhouse are the same."""
    import docker.errors

    base = base_image(client)
    house = wheelhouse()
    digest = hashlib.sha256()
    for name in BUILD_INPUTS:
        root = REPO / name
        for path in sorted([root] if root.is_file() else root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes())
    digest.update("\n".join(sorted(p.name for p in house.glob("*.whl"))).encode())
    tag = f"secscan-test/secscan:{digest.hexdigest()[:16]}"
    try:
        client.images.get(tag)
        return tag
    except docker.errors.ImageNotFound:
        pass
    with tempfile.TemporaryDirectory(prefix="secscan-image-") as tmp:
        context = Path(tmp)
        for name in BUILD_INPUTS:
            source = REPO / name
            if source.is_dir():
                shutil.copytree(source, context / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                shutil.copy2(source, context / name)
        shutil.copytree(house, context / "wheelhouse")
        proc = subprocess.run(
            ["docker", "build", "--network", "none", "--tag", tag,
             "--build-arg", f"BASE_IMAGE={base}",
             "--build-arg", "PIP_INSTALL_OPTIONS=--no-index --find-links=/tmp/secscan-src/wheelhouse",
             str(context)],
            capture_output=True, text=True, check=False, env={**os.environ, "DOCKER_BUILDKIT": "0"},
        )  # fmt: skip
    if proc.returncode != 0:
        _fail(f"docker build of the Dockerfile failed: {(proc.stdout + proc.stderr).strip()[-1500:]}")
    return tag
