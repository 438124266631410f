"""Scan configuration: CLI flags over GitLab's environment variables over defaults."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEFAULT_MAX_DEPTH = 20
DEFAULT_IGNORED_DIRS = ("bundle", "node_modules", "vendor", "tmp")
DEFAULT_EXCLUDED_PATHS = ("spec", "test", "tests", "tmp")
DEFAULT_ANALYZER_TIMEOUT = 600.0
LOG_LEVELS = ("fatal", "error", "warn", "info", "debug")
#: a path setting (rules) is hashed by content up to this size, else by size and modification time
MAX_DIGEST_BYTES = 64 * 1024 * 1024

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def analyzer_setting(analyzer_id: str, name: str = "") -> str:
    """The variable ``SECSCAN_<ID>_<NAME>`` of one analyzer (``-`` in the id becomes ``_``);
    without ``name``, the prefix ``SECSCAN_<ID>_`` every such variable starts with."""
    return f"SECSCAN_{analyzer_id.upper().replace('-', '_')}_{name}"


def executable_setting(analyzer_id: str) -> str:
    """The variable that points an analyzer at a specific scanner: ``SECSCAN_<ID>_EXECUTABLE``."""
    return analyzer_setting(analyzer_id, "EXECUTABLE")


def settings_key(analyzer_id: str, config: Config) -> dict[str, str]:
    """The default of :meth:`Analyzer.cache_key`: every ``SECSCAN_<ID>_*`` setting but ``_JOBS``
    (which only changes speed); settings naming a file or directory by its content."""
    prefix = analyzer_setting(analyzer_id)
    values: dict[str, str] = {}
    for name in sorted(config.env):
        if not name.startswith(prefix) or name.endswith("_JOBS") or name.endswith("_EXECUTABLE"):
            continue
        value = str(config.env[name])
        path = Path(value).expanduser() if value and len(value) < 4096 else None
        try:
            exists = path is not None and path.exists()
        except (OSError, ValueError):
            exists = False
        values[name] = f"{value}|{digest_path(path)}" if exists and path is not None else value
    return values


def file_digest(path: Path) -> str | None:
    """SHA-256 of a file's bytes, or ``None`` when it cannot be read."""
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except (OSError, ValueError):
        return None


def digest_path(path: Path) -> str:
    """A digest of what a setting's path holds: a file's bytes, or a directory's files (names and
    bytes). Very large trees are digested by size and modification time; a missing path by name."""
    path = Path(path)
    if path.is_file():
        files = [path]
        base = path.parent
    elif path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file())
        base = path
    else:
        return f"missing:{path}"
    h = hashlib.sha256()
    total = 0
    for file in files:
        try:
            st = file.stat()
        except OSError:
            continue
        total += st.st_size
        h.update(file.relative_to(base).as_posix().encode("utf-8", "surrogateescape") + b"\0")
        if total > MAX_DIGEST_BYTES:
            h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
        else:
            h.update((file_digest(file) or "unreadable").encode())
    return h.hexdigest()


def split_list(value: str) -> tuple[str, ...]:
    """GitLab's comma-separated lists: ``"spec, test"`` -> ``("spec", "test")``."""
    return tuple(part.strip() for part in value.split(",") if part.strip())


def parse_bool(name: str, value: str) -> bool:
    """A boolean setting's value (``true``/``false``, ``1``/``0``, ``yes``/``no``, ``on``/``off``);
    anything else is a :class:`ConfigError` naming the setting."""
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ConfigError(f"{name}={value!r} is not a boolean; use true or false")


def parse_int(name: str, value: str | int, minimum: int = 0) -> int:
    """A whole-number setting's value, at least ``minimum``; anything else is a :class:`ConfigError`
    naming the setting."""
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ConfigError(f"{name}={value!r} is not a whole number") from None
    if number < minimum:
        raise ConfigError(f"{name}={value!r} must be at least {minimum}")
    return number


def parse_seconds(name: str, value: str | float) -> float:
    """A positive number of seconds; anything else is a :class:`ConfigError` naming the setting."""
    try:
        number = float(str(value).strip())
    except ValueError:
        raise ConfigError(f"{name}={value!r} is not a number of seconds") from None
    if number <= 0:
        raise ConfigError(f"{name}={value!r} must be a positive number of seconds")
    return number


@dataclass(frozen=True)
class Config:
    """Everything a scan needs to know; build it with :meth:`Config.load`."""

    target: Path
    artifact_dir: Path
    max_depth: int = DEFAULT_MAX_DEPTH
    ignored_dirs: tuple[str, ...] = DEFAULT_IGNORED_DIRS
    ignore_hidden_dirs: bool = True
    excluded_paths: tuple[str, ...] = DEFAULT_EXCLUDED_PATHS
    #: when given, only paths matching one of these globs are scanned (``SAST_INCLUDED_PATHS``)
    included_paths: tuple[str, ...] = ()
    analyzers: tuple[str, ...] = ()  # empty: every installed analyzer whose match applies
    excluded_analyzers: tuple[str, ...] = ()
    analyzer_timeout: float = DEFAULT_ANALYZER_TIMEOUT
    log_level: str = "info"
    indent_report: bool = False
    #: honour ``secscan: ignore[...]``, ``nosec`` and ``nosemgrep`` comments
    #: (``--no-inline-ignores`` / ``SECSCAN_DISABLE_INLINE_IGNORES=true`` turn them all off)
    inline_ignores: bool = True
    #: use the result cache (``--no-cache`` / ``SECSCAN_NO_CACHE=true`` turn it off; see common.cache)
    result_cache: bool = True
    #: a file target (``secscan sast app.py``): its name; ``target`` is its directory
    target_file: str | None = None
    env: Mapping[str, str] = field(default_factory=dict, repr=False)

    def setting(self, name: str, default: str | None = None) -> str | None:
        """An analyzer-specific environment setting (e.g. ``SECSCAN_SEMGREP_RULES``)."""
        value = self.env.get(name)
        return value if value not in (None, "") else default

    def with_(self, **changes: Any) -> Config:
        return replace(self, **changes)

    @classmethod
    def load(cls, env: Mapping[str, str] | None = None, **flags: Any) -> Config:
        """Build a Config. ``flags`` are CLI values; ``None`` means "not given" (fall back to env)."""
        env = dict(os.environ if env is None else env)

        def pick(flag: str, *names: str) -> Any:
            if flags.get(flag) is not None:
                return flags[flag]
            for name in names:
                if env.get(name, "") != "":
                    return env[name]
            return None

        target_raw = pick("target", "ANALYZER_TARGET_DIR", "CI_PROJECT_DIR") or os.getcwd()
        target = Path(target_raw).expanduser()
        if not target.exists():
            raise ConfigError(f"{target}: target directory does not exist")
        target_file = None
        if target.is_file():  # a file target: scan that file, in its directory
            target, target_file = target.resolve().parent, target.resolve().name
        if not target.is_dir():
            raise ConfigError(f"{target}: target is neither a directory nor a regular file; point secscan at a project")
        target = target.resolve()
        artifact_raw = pick("artifact_dir", "ANALYZER_ARTIFACT_DIR")
        artifact_dir = Path(artifact_raw).expanduser().resolve() if artifact_raw else target

        def as_list(flag: str, name: str, default: tuple[str, ...]) -> tuple[str, ...]:
            value = pick(flag, name)
            if value is None:
                # An empty variable means "none" for GitLab's list variables.
                return tuple() if name in env else default
            return tuple(value) if isinstance(value, (list, tuple)) else split_list(value)

        def as_bool(flag: str, name: str, default: bool) -> bool:
            value = pick(flag, name)
            if value is None:
                return default
            return value if isinstance(value, bool) else parse_bool(name, value)

        max_depth_raw = pick("max_depth", "SEARCH_MAX_DEPTH")
        timeout_raw = pick("analyzer_timeout", "SECSCAN_ANALYZER_TIMEOUT")
        log_level = str(pick("log_level", "SECURE_LOG_LEVEL") or "info").strip().lower()
        if log_level == "warning":
            log_level = "warn"
        if log_level not in LOG_LEVELS:
            raise ConfigError(f"SECURE_LOG_LEVEL={log_level!r} is not one of {', '.join(LOG_LEVELS)}")

        return cls(
            target=target,
            artifact_dir=artifact_dir,
            max_depth=DEFAULT_MAX_DEPTH
            if max_depth_raw is None
            else parse_int("SEARCH_MAX_DEPTH", max_depth_raw, minimum=1),
            ignored_dirs=as_list("ignored_dirs", "SEARCH_IGNORED_DIRS", DEFAULT_IGNORED_DIRS),
            ignore_hidden_dirs=as_bool("ignore_hidden_dirs", "SEARCH_IGNORE_HIDDEN_DIRS", True),
            excluded_paths=as_list("excluded_paths", "SAST_EXCLUDED_PATHS", DEFAULT_EXCLUDED_PATHS),
            included_paths=as_list("included_paths", "SAST_INCLUDED_PATHS", ()),
            analyzers=as_list("analyzers", "SECSCAN_ANALYZERS", ()),
            excluded_analyzers=as_list("excluded_analyzers", "SAST_EXCLUDED_ANALYZERS", ()),
            analyzer_timeout=DEFAULT_ANALYZER_TIMEOUT
            if timeout_raw is None
            else parse_seconds("SECSCAN_ANALYZER_TIMEOUT", timeout_raw),
            log_level=log_level,
            indent_report=as_bool("indent_report", "ANALYZER_INDENT_REPORT", False),
            inline_ignores=not as_bool("disable_inline_ignores", "SECSCAN_DISABLE_INLINE_IGNORES", False),
            result_cache=not as_bool("no_cache", "SECSCAN_NO_CACHE", False),
            target_file=target_file,
            env=env,
        )
