"""The Docker runner: each scanner process runs in a container of the analyzer's image.

``SECSCAN_RUNNER=docker`` (or ``SECSCAN_<ID>_RUNNER=docker`` for one analyzer) sends an
analyzer's scanner processes to the Docker engine (``DOCKER_HOST``, else the local socket)
through the ``docker`` SDK. secscan itself keeps running on the host: it searches, matches,
converts and writes the report as in a local scan, so both runners give the same report.

Every container is locked down:

- the target is bind-mounted read-only at its own path (so the paths in arguments and in the
  scanner's output are the host's), the analyzer's scratch directory read-write, and any other
  existing absolute path an argument names (a custom rule file) read-only;
- no network (``network_mode: none``), a read-only root file system with a private ``/tmp``,
  all capabilities dropped, ``no-new-privileges``;
- a non-root user (``SECSCAN_DOCKER_USER``; default the caller's uid:gid, or 65534:65534,
  ``nobody``, when secscan runs as root);
- memory, CPU and process-count limits (``SECSCAN_DOCKER_MEMORY``, ``SECSCAN_DOCKER_CPUS``,
  ``SECSCAN_DOCKER_PIDS_LIMIT``);
- only the environment variables named in ``SECSCAN_DOCKER_ENV`` are passed in (plus ``HOME``).

Images are never pulled (secscan runs offline): the image (``SECSCAN_<ID>_IMAGE``, else
``SECSCAN_DOCKER_IMAGE``, else ``secscan:latest`` built from the repository's Dockerfile) must
exist in the engine.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Config, analyzer_setting, parse_int
from ..errors import ConfigError, ScannerCrashedError, ScannerNotFoundError, ScannerTimeoutError
from .base import ProcessResult, Runner, RunRequest, on_stop, stopping, tail
from .local import remembered_output

if TYPE_CHECKING:
    import docker

DEFAULT_IMAGE = "secscan:latest"
DEFAULT_MEMORY = "4g"
DEFAULT_PIDS_LIMIT = 1024
#: the user a container runs as when secscan runs as root (``nobody`` in Debian-based images)
ROOT_FALLBACK_USER = "65534:65534"
#: a read-only root file system still needs somewhere to write (scanners' caches and logs)
TMPFS = {"/tmp": "rw,nosuid,nodev,size=1g,mode=1777"}
#: paths never bind-mounted even when an argument names them
_SYSTEM = ("/dev", "/proc", "/sys")

_live: dict[str, Any] = {}  # container id -> container, killed by stop_all
_live_lock = threading.Lock()


def image_setting(analyzer_id: str) -> str:
    """``SECSCAN_<ID>_IMAGE``: the image one analyzer's scanner runs in."""
    return analyzer_setting(analyzer_id, "IMAGE")


def _memory_bytes(text: str) -> int:
    units = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
    raw = text.strip().lower()
    number, unit = (raw[:-1], raw[-1]) if raw and raw[-1] in units else (raw, "")
    try:
        value = int(float(number) * units[unit])
    except ValueError:
        value = 0
    if value < 6 * 1024**2:  # Docker's own minimum
        raise ConfigError(f"SECSCAN_DOCKER_MEMORY={text!r} is not a memory size of at least 6m (e.g. 512m, 4g)")
    return value


def _default_user() -> str:
    uid, gid = os.getuid(), os.getgid()
    return ROOT_FALLBACK_USER if uid == 0 else f"{uid}:{gid}"


class DockerRunner(Runner):
    """Runs scanner processes in containers (see the module's documentation)."""

    name = "docker"

    def __init__(
        self,
        image: str,
        *,
        user: str | None = None,
        memory: str = DEFAULT_MEMORY,
        cpus: float | None = None,
        pids_limit: int = DEFAULT_PIDS_LIMIT,
        env_names: Sequence[str] = (),
        env: Mapping[str, str] | None = None,
        image_setting_name: str = "SECSCAN_DOCKER_IMAGE",
    ) -> None:
        self.image = image
        self.user = user or _default_user()
        self.memory = _memory_bytes(memory)
        self.cpus = cpus
        self.pids_limit = pids_limit
        self.env_names = tuple(env_names)
        self.env = dict(os.environ if env is None else env)
        self.image_setting_name = image_setting_name
        self._image_id: str | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_config(cls, config: Config, analyzer_id: str) -> DockerRunner:
        own = image_setting(analyzer_id)
        image = config.setting(own) or config.setting("SECSCAN_DOCKER_IMAGE") or DEFAULT_IMAGE
        cpus_raw = config.setting("SECSCAN_DOCKER_CPUS")
        cpus = None
        if cpus_raw is not None:
            try:
                cpus = float(cpus_raw)
            except ValueError:
                cpus = 0.0
            if cpus <= 0:
                raise ConfigError(f"SECSCAN_DOCKER_CPUS={cpus_raw!r} is not a positive number of CPUs")
        return cls(
            image,
            user=config.setting("SECSCAN_DOCKER_USER"),
            memory=config.setting("SECSCAN_DOCKER_MEMORY") or DEFAULT_MEMORY,
            cpus=cpus,
            pids_limit=parse_int(
                "SECSCAN_DOCKER_PIDS_LIMIT",
                config.setting("SECSCAN_DOCKER_PIDS_LIMIT") or DEFAULT_PIDS_LIMIT,
                minimum=16,
            ),
            env_names=[n.strip() for n in (config.setting("SECSCAN_DOCKER_ENV") or "").split(",") if n.strip()],
            env=config.env,
            image_setting_name=own if config.setting(own) else "SECSCAN_DOCKER_IMAGE",
        )

    # -- the engine and the image ------------------------------------------------------------

    def _client(self) -> docker.DockerClient:
        try:
            import docker
        except ImportError:
            raise ScannerNotFoundError(
                "the Docker runner needs the docker package: pip install 'secscan[docker]', or set SECSCAN_RUNNER=local"
            ) from None
        where = self.env.get("DOCKER_HOST") or "unix:///var/run/docker.sock"
        try:
            client = docker.DockerClient.from_env(environment=self.env)
            client.ping()
        except Exception as exc:  # the SDK raises DockerException, requests' errors or OSError
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ScannerNotFoundError(
                f"Docker engine not reachable at {where} ({reason[:200]}); start dockerd, set DOCKER_HOST, "
                "or set SECSCAN_RUNNER=local"
            ) from None
        return client

    def image_id(self, client: docker.DockerClient) -> str:
        """The image's id; never pulls (offline): a missing image is a clear error."""
        with self._lock:
            if self._image_id is None:
                import docker.errors

                try:
                    self._image_id = client.images.get(self.image).id
                except docker.errors.ImageNotFound:
                    raise ScannerNotFoundError(
                        f"Docker image {self.image} not found in the engine; build it (docker build -t {self.image} .) "
                        f"or set {self.image_setting_name} to an image that has the scanner"
                    ) from None
            return self._image_id

    # -- the Runner methods ----------------------------------------------------------------------

    def executable(self, name: str, override: str | None = None, setting: str | None = None) -> str:
        """The command inside the image: ``override`` (``SECSCAN_<ID>_EXECUTABLE``) or the
        scanner's command name, looked up on the image's PATH."""
        return override or name

    def cached_output(self, executable: str, args: Sequence[str], timeout: float = 60) -> str:
        client = self._client()
        key = f"docker|{self.image_id(client)}|{executable}|{' '.join(args)}"
        request = RunRequest((executable, *args), cwd=Path("/"), timeout=timeout, ok_codes=range(0, 256))
        return remembered_output(key, lambda: self.run(request))

    def mounts(self, args: Sequence[str], cwd: Path, writable: Sequence[Path]) -> dict[str, dict[str, str]]:
        """Bind mounts, host path -> container path (the same), for ``cwd`` (read-only), the
        ``writable`` directories and every other existing absolute path an argument names."""
        volumes: dict[str, dict[str, str]] = {}
        for path in writable:
            volumes[str(Path(path).resolve())] = {"bind": str(Path(path).resolve()), "mode": "rw"}
        candidates = [cwd, *(Path(p) for a in args[1:] for p in _paths_in(a))]
        for path in candidates:
            if not path.is_absolute() or str(path) == "/" or str(path).startswith(_SYSTEM):
                continue
            try:
                resolved = path.resolve()
                if not resolved.exists():
                    continue
            except OSError:
                continue
            if any(resolved.is_relative_to(Path(m)) for m in volumes):
                continue
            for mounted in [m for m in volumes if Path(m).is_relative_to(resolved)]:
                if volumes[mounted]["mode"] == "ro":  # a read-only mount inside this one: this covers it
                    del volumes[mounted]
            volumes[str(resolved)] = {"bind": str(resolved), "mode": "ro"}
        return volumes

    def run(self, request: RunRequest) -> ProcessResult:
        import docker.errors

        args, cwd, timeout, writable = request.args, request.cwd, request.timeout, request.writable
        label = request.label
        if stopping():
            raise ScannerCrashedError(f"{label}: not started, secscan is stopping")
        client = self._client()
        image = self.image_id(client)
        source = dict(request.env if request.env is not None else self.env)
        environment = {n: source[n] for n in self.env_names if n in source}
        environment.setdefault("HOME", "/tmp")
        user = self.user
        if os.getuid() == 0:  # the scratch directories belong to root; hand them to the container's user
            uid, _, gid = user.partition(":")
            for path in writable:
                if uid.isdigit():
                    os.chown(path, int(uid), int(gid) if gid.isdigit() else -1)
        limit = self.cpus or request.cpus
        command = list(args)
        if request.nice:
            command = ["nice", "-n", str(request.nice), *command]
        started = time.monotonic()
        try:
            container = client.containers.create(
                image,
                command=command,
                entrypoint=[],
                working_dir=str(cwd),
                user=user,
                environment=environment,
                volumes=self.mounts(args, cwd, writable),
                network_mode="none",
                read_only=True,
                tmpfs=TMPFS,
                cap_drop=["ALL"],
                security_opt=["no-new-privileges"],
                mem_limit=self.memory,
                memswap_limit=self.memory,
                nano_cpus=int(limit * 1e9) if limit else None,
                pids_limit=self.pids_limit,
                labels={"secscan.analyzer": label},
                detach=True,
            )
        except docker.errors.APIError as exc:
            raise ScannerCrashedError(f"{label}: Docker refused the container ({_explain(exc)})") from None
        with _live_lock:
            _live[container.id] = container
        try:
            if stopping():
                raise ScannerCrashedError(f"{label}: not started, secscan is stopping")
            try:
                container.start()
            except docker.errors.APIError as exc:
                detail = _explain(exc)
                if "executable file not found" in detail or "no such file or directory" in detail:
                    raise ScannerNotFoundError(
                        f"{args[0]}: not found in Docker image {self.image}; install {label} in the image "
                        f"or set {self.image_setting_name} to an image that has it"
                    ) from None
                raise ScannerCrashedError(f"{label}: container did not start ({detail})") from None
            try:
                status = container.wait(timeout=timeout)
            except Exception:  # requests' ReadTimeout (the SDK's wait timeout) or a lost engine
                _kill(container)
                if time.monotonic() - started >= timeout:
                    raise ScannerTimeoutError(
                        f"{label} timed out after {timeout:g} s; raise SECSCAN_ANALYZER_TIMEOUT or narrow the target"
                    ) from None
                raise
            stdout = container.logs(stdout=True, stderr=False)
            err_text = container.logs(stdout=False, stderr=True).decode("utf-8", errors="replace")
            returncode = int(status.get("StatusCode", -1))
            oom = bool(container.attrs.get("State", {}).get("OOMKilled")) if _reload(container) else False
        finally:
            with _live_lock:
                _live.pop(container.id, None)
            try:
                container.remove(force=True)
            except docker.errors.APIError:
                pass
        if stopping():
            raise ScannerCrashedError(f"{label}: stopped, secscan is stopping")
        if returncode not in request.ok_codes:
            if oom or returncode == 137:
                how = f"was killed in its container (out of memory? SECSCAN_DOCKER_MEMORY is {self.memory // 1024**2}m)"
            elif returncode in (126, 127) and not stdout:
                raise ScannerNotFoundError(
                    f"{args[0]}: cannot run in Docker image {self.image} (exit {returncode}); "
                    f"install {label} in the image or set {self.image_setting_name}"
                )
            else:
                how = f"exited with status {returncode} in its container"
            detail = tail(err_text) or tail(stdout.decode("utf-8", errors="replace")) or "no output"
            raise ScannerCrashedError(f"{label} {how}: {detail}")
        return ProcessResult(args, returncode, stdout, err_text, time.monotonic() - started)

    def describe(self) -> str:
        """One line for logs: the image and the limits."""
        cpus = f", {self.cpus:g} CPUs" if self.cpus else ""
        limits = f"{self.memory // 1024**2}m{cpus}, {self.pids_limit} pids"
        return f"docker image {self.image} as {self.user}, no network, {limits}"


def _paths_in(arg: str) -> list[str]:
    """Absolute paths an argument may name: the argument, or the value of ``--opt=/path``."""
    found = [arg] if arg.startswith("/") else []
    if "=" in arg:
        value = arg.split("=", 1)[1]
        if value.startswith("/"):
            found.append(value)
    return found


def _explain(exc: Exception) -> str:
    text = getattr(exc, "explanation", None) or str(exc)
    return " ".join(str(text).split())[:300]


def _reload(container: Any) -> bool:
    try:
        container.reload()
        return True
    except Exception:
        return False


def _kill(container: Any) -> None:
    try:
        container.kill()
    except Exception:
        pass


def _stop_all() -> None:
    with _live_lock:
        containers = list(_live.values())
    for container in containers:
        _kill(container)


on_stop(_stop_all)
