"""The result cache: what each analyzer found in each file, so a rescan runs the scanners only on
the files whose key changed and still writes the report a cold scan writes.

It wraps an analyzer's step (:func:`cached`, around :mod:`secscan.common.engine.step`) and returns what
the uncached step returns; the step never knows it is there.

Key of an entry: the file's path and content (SHA-256), and an *analyzer key*: secscan's version,
the analyzer's id, version, code (the ``*.py`` files of its package) and
:meth:`~secscan.common.analyzer.Analyzer.cache_key` (its rules and settings), the scanner's
version and executable, the analyzer's section of the custom ruleset, whether inline ignores are
honoured and which analyzers run beside it (semgrep leaves rules to pyflow when both run).

An entry holds the file's findings as the analyzer's step ends (converted, custom ruleset
applied, ids assigned), the messages about the file (``Message.file``, from
``ctx.warn(text, file=...)``) and the CWEs the analyzer decided for the file
(:meth:`AnalyzeContext.decide`). One more entry per analyzer key holds the run's other messages,
the primary identifiers ``convert`` added and the scanner version. Inline ignores, decisions
across analyzers, tracking, dedupe and sorting run on the whole set every scan, so a cached
finding goes through exactly what a fresh one does.

Only analyzers that declare ``cacheable = True`` (their findings in a file depend on that file
alone) use the cache; a failed run is never stored, nor a file the scanner did not finish (a
per-file timeout: ``ctx.warn(..., incomplete=True)``). Entries live in ``SECSCAN_CACHE_DIR``
(default ``<target>/.secscan/cache``), one file each, written atomically; a corrupt entry (bad
JSON, wrong shape, checksum mismatch) is deleted and the file rescanned. The least recently used
entries are evicted when the cache exceeds ``SECSCAN_CACHE_MAX_MB`` (default 200).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ... import __version__
from ...report.model import (
    Flag,
    Identifier,
    Link,
    Location,
    Message,
    ScannerRef,
    Severity,
    Signature,
    Tracking,
    TrackingItem,
    Vulnerability,
)
from ...report.process import sort_vulnerabilities
from .. import log
from ..config import Config, file_digest, parse_int
from ..errors import ConfigError, SecscanError

if TYPE_CHECKING:
    from ..analyzer import AnalyzeContext, Analyzer
    from .ruleset import Ruleset
    from .step import Step, StepResult

DIR_SETTING = "SECSCAN_CACHE_DIR"
MAX_MB_SETTING = "SECSCAN_CACHE_MAX_MB"
NO_CACHE_SETTING = "SECSCAN_NO_CACHE"
DEFAULT_DIR = Path(".secscan") / "cache"
DEFAULT_MAX_MB = 200
#: version of the entry format; part of every key and of the entries' directory name
FORMAT = 1
ENTRIES = f"results-v{FORMAT}"
#: after eviction the cache holds at most this share of its bound, so that not every scan evicts
EVICT_TO = 0.9

_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# secscan's result cache; `secscan cache clear` empties it.\n"


class CacheEntryError(ValueError):
    """A cache entry that cannot be trusted (bad JSON, wrong shape, checksum mismatch)."""


# --- where, how big, on or off -------------------------------------------------------------------


def location(config: Config) -> Path:
    """The cache directory: ``SECSCAN_CACHE_DIR``, else ``<target>/.secscan/cache``."""
    setting = config.setting(DIR_SETTING)
    return Path(setting).expanduser().absolute() if setting else config.target / DEFAULT_DIR


def max_bytes(config: Config) -> int:
    """The size bound in bytes (``SECSCAN_CACHE_MAX_MB``, default 200); a bad value is a ConfigError."""
    mb = parse_int(MAX_MB_SETTING, config.setting(MAX_MB_SETTING) or DEFAULT_MAX_MB, minimum=1)
    return mb * 1024 * 1024


def cache_of(config: Config) -> ResultCache:
    """The result cache ``config`` names, whether or not scans use it (``secscan cache``);
    a bad setting is a ConfigError."""
    where = location(config)
    if where.exists() and not where.is_dir():
        raise ConfigError(f"{DIR_SETTING}={where}: not a directory; point it at a directory")
    return ResultCache(where, max_bytes(config))


def open_cache(config: Config) -> ResultCache | None:
    """The scan's result cache, or ``None`` when ``--no-cache``/``SECSCAN_NO_CACHE`` turned it off."""
    return cache_of(config) if config.result_cache else None


@dataclass(frozen=True)
class CacheInfo:
    """What ``secscan cache info`` shows."""

    location: Path
    entries: int
    bytes: int
    max_bytes: int


# --- content digests -----------------------------------------------------------------------------


@lru_cache(maxsize=64)
def source_digest(directory: str, recursive: bool = False) -> str:
    """A digest of the ``*.py`` files in ``directory`` (secscan's or an analyzer's code), once per
    process: a development build that changed the code without a new version misses the cache."""
    root = Path(directory)
    files = sorted(root.rglob("*.py") if recursive else root.glob("*.py"))
    h = hashlib.sha256()
    for file in files:
        h.update(file.relative_to(root).as_posix().encode() + b"\0" + (file_digest(file) or "").encode())
    return h.hexdigest()


# --- the entries on disk -------------------------------------------------------------------------


class ResultCache:
    """A directory of entries, one file each (``<root>/results-v1/<ab>/<key>.json``): a header line
    ``{"format", "key", "sha256"}`` and the payload JSON whose SHA-256 the header holds."""

    def __init__(self, root: Path, max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024):
        self.root = Path(root)
        self.max_bytes = max_bytes
        self._digests: dict[str, str | None] = {}
        self._lock = threading.Lock()
        #: files (per analyzer) served from the cache and rescanned in this scan
        self.hits: dict[str, set[str]] = {}
        self.misses: dict[str, set[str]] = {}
        self.discarded = 0
        self.write_error: str | None = None
        self.bypassed: list[str] = []  # cacheable analyzers that could not use the cache this scan

    @property
    def entries_dir(self) -> Path:
        return self.root / ENTRIES

    def _path(self, key: str) -> Path:
        return self.entries_dir / key[:2] / f"{key}.json"

    def digest(self, target: Path, file: str) -> str | None:
        """The content digest of a project file, computed once per scan."""
        with self._lock:
            if file in self._digests:
                return self._digests[file]
        value = file_digest(target / file)
        with self._lock:
            self._digests[file] = value
        return value

    def read(self, key: str) -> Any | None:
        """The payload stored under ``key``; ``None`` when there is none. An entry that cannot be
        trusted is deleted (and counted in ``discarded``); the caller rescans."""
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            return self._decode(key, data)
        except CacheEntryError as exc:
            log.get().debug("result cache: %s discarded (%s)", path, exc)
            self.discard(key)
            return None

    @staticmethod
    def _decode(key: str, data: bytes) -> Any:
        head, sep, body = data.partition(b"\n")
        if not sep:
            raise CacheEntryError("no header line")
        try:
            header = json.loads(head)
        except ValueError:
            raise CacheEntryError("header is not JSON") from None
        if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("key") != key:
            raise CacheEntryError("header does not name this entry")
        if hashlib.sha256(body).hexdigest() != header.get("sha256"):
            raise CacheEntryError("checksum mismatch")
        try:
            return json.loads(body)
        except ValueError:
            raise CacheEntryError("payload is not JSON") from None

    def discard(self, key: str) -> None:
        """Delete an entry that turned out unusable."""
        self.discarded += 1
        try:
            self._path(key).unlink()
        except OSError:
            pass

    def touch(self, key: str) -> None:
        """Mark an entry as just used (its modification time orders eviction)."""
        try:
            os.utime(self._path(key))
        except OSError:
            pass

    def write(self, key: str, payload: Any) -> None:
        """Store ``payload`` under ``key``: written to a temporary file and renamed, so a reader (or
        a concurrent scan) sees the old entry, the new one or none, never half of one. A cache that
        cannot be written only costs the rescan (noted once in ``write_error``)."""
        if self.write_error is not None:
            return
        try:
            body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "surrogateescape")
        except (TypeError, ValueError) as exc:  # details an analyzer filled with non-JSON values
            log.get().debug("result cache: entry %s not stored (%s)", key, exc)
            return
        header = json.dumps({"format": FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest()}).encode()
        path = self._path(key)
        try:
            self._prepare()
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".entry.", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(header + b"\n" + body)
                os.replace(tmp, path)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError as exc:
            self.write_error = f"{self.root}: {exc.strerror or exc}"

    def _prepare(self) -> None:
        """Create the cache directory with a CACHEDIR.TAG (search skips it; backup tools may too)
        and a ``.gitignore`` that keeps it out of git."""
        tag = self.root / "CACHEDIR.TAG"
        if tag.exists():
            return
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / ".gitignore").write_text("# secscan's result cache\n*\n", encoding="utf-8")
        tag.write_text(_TAG, encoding="utf-8")

    def _entries(self) -> list[tuple[float, int, Path]]:
        found = []
        try:
            subdirs = list(os.scandir(self.entries_dir))
        except OSError:
            return []
        for sub in subdirs:
            try:
                items = list(os.scandir(sub.path)) if sub.is_dir() else []
            except OSError:
                continue
            for item in items:
                try:
                    st = item.stat()
                except OSError:
                    continue
                found.append((st.st_mtime, st.st_size, Path(item.path)))
        return found

    def info(self) -> CacheInfo:
        """Where the cache is, how many entries it holds and their size."""
        entries = [e for e in self._entries() if e[2].suffix == ".json"]
        return CacheInfo(self.root, len(entries), sum(size for _, size, _ in entries), self.max_bytes)

    def evict(self) -> int:
        """Delete the least recently used entries while the cache is above its bound (down to 90%
        of it), and temporary files left by killed scans; returns how many entries went."""
        entries = self._entries()
        stale = time.time() - 3600
        removed = 0
        for mtime, _, path in entries:
            if path.suffix == ".tmp" and mtime < stale:
                try:
                    path.unlink()
                except OSError:
                    pass
        entries = [e for e in entries if e[2].suffix == ".json"]
        total = sum(size for _, size, _ in entries)
        if total <= self.max_bytes:
            return 0
        goal = self.max_bytes * EVICT_TO
        for _, size, path in sorted(entries):
            if total <= goal:
                break
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError:
                continue
            total -= size
            removed += 1
        return removed

    def clear(self) -> CacheInfo:
        """Delete every entry; returns what there was."""
        before = self.info()
        for _, _, path in self._entries():
            try:
                path.unlink()
            except OSError:
                pass
        try:
            for sub in self.entries_dir.iterdir():
                try:
                    sub.rmdir()
                except OSError:
                    pass
            self.entries_dir.rmdir()
        except OSError:
            pass
        return before

    def summary(self) -> Message | None:
        """``result cache: N of M files unchanged, scanners ran on K (bandit 2, semgrep K)`` for
        this scan: K files in all, and how many of them each cached analyzer scanned."""
        every = set().union(*self.hits.values(), *self.misses.values())
        if not every and not self.bypassed:
            return None
        ran = set().union(*self.misses.values())
        each = ", ".join(f"{aid} {len(files)}" for aid, files in sorted(self.misses.items()))
        unchanged = len(every) - len(ran)
        text = f"result cache: {unchanged} of {len(every)} files unchanged, scanners ran on {len(ran)} ({each})"
        if self.discarded:
            text += f"; {self.discarded} corrupt entries discarded"
        if self.bypassed:
            text += f"; not cached: {', '.join(sorted(self.bypassed))}"
        if self.write_error:
            return Message("warn", f"{text}; results could not be stored ({self.write_error})")
        return Message("info", text)


# --- one analyzer's step behind the cache --------------------------------------------------------


@dataclass
class FileResult:
    """What an analyzer found in one file."""

    vulnerabilities: list[Vulnerability]
    messages: list[Message]
    decided: frozenset[int] | None = None


@dataclass
class Lookup:
    """One analyzer's cache lookups for a scan: what is known, what must still be scanned."""

    key: str
    files: tuple[str, ...]
    keys: dict[str, str]
    hits: dict[str, FileResult] = field(default_factory=dict)
    run_messages: list[Message] = field(default_factory=list)
    primary_identifiers: list[Identifier] = field(default_factory=list)
    scanner_version: str | None = None

    @property
    def misses(self) -> tuple[str, ...]:
        return tuple(f for f in self.files if f not in self.hits)


def cached(
    cache: ResultCache | None, analyzer: Analyzer, ctx: AnalyzeContext, rules: Ruleset | None, step: Step
) -> StepResult:
    """``step(ctx)`` as the result cache answers it: the step runs only on the files the cache
    does not know (``ctx.files`` narrowed to them), what it finds in each file is stored, and the
    result holds every file's findings, messages and decisions, as an uncached step's does.

    Without a cache, for an analyzer that is not ``cacheable`` or whose key cannot be computed
    (its scanner's version cannot be read), it is just ``step(ctx)``."""
    found = lookup(cache, analyzer, ctx, rules) if cache is not None and analyzer.cacheable else None
    if cache is None or found is None:
        return step(ctx)
    fresh = step(replace(ctx, files=found.misses)) if found.misses else None
    if fresh is not None:
        store(cache, found, fresh)
    return combine(found, fresh, ctx, analyzer, step)


def store(cache: ResultCache, found: Lookup, fresh: StepResult) -> None:
    """Keep what a step found in each file it scanned (but a file it did not finish or cannot
    read) and its other messages; nothing when a finding names a file it did not scan."""
    scanned = set(found.misses)
    if not all(v.location.file in scanned for v in fresh.vulnerabilities):
        return
    by_file: dict[str, list[Vulnerability]] = {}
    for vuln in fresh.vulnerabilities:
        by_file.setdefault(vuln.location.file, []).append(vuln)
    for file in found.misses:
        if found.keys[file] and file not in fresh.incomplete:  # an unreadable file is rescanned every time
            messages = [m for m in fresh.messages if m.file == file]
            result = FileResult(by_file.get(file, []), messages, fresh.decided.get(file))
            cache.write(found.keys[file], _encode_file(result))
    run_entry = {
        "messages": [_message(m) for m in fresh.messages if m.file not in scanned],
        "primary_identifiers": [_encode(i) for i in fresh.primary_identifiers],
        "scanner_version": fresh.scanner_version,
    }
    cache.write(found.key, run_entry)


def combine(found: Lookup, fresh: StepResult | None, ctx: AnalyzeContext, analyzer: Analyzer, step: Step) -> StepResult:
    """The step's result for every file: the fresh one's and the cached files'."""
    from .step import StepResult, scanner_version

    hits = found.hits.values()
    decided = {file: hit.decided for file, hit in found.hits.items() if hit.decided is not None}
    if fresh is None:
        version = found.scanner_version or scanner_version(analyzer, ctx)
        return StepResult(
            vulnerabilities=tuple(sort_vulnerabilities(v for hit in hits for v in hit.vulnerabilities)),
            messages=(*found.run_messages, *ctx.messages, *(m for hit in hits for m in hit.messages)),
            decided=decided,
            primary_identifiers=tuple(found.primary_identifiers),
            scanner_version=version,
        )
    return replace(
        fresh,
        vulnerabilities=tuple(
            sort_vulnerabilities([*fresh.vulnerabilities, *(v for hit in hits for v in hit.vulnerabilities)])
        ),
        messages=(*fresh.messages, *(m for hit in hits for m in hit.messages)),
        decided={**fresh.decided, **decided},
    )


def in_file_order(messages: Iterable[Message], files: Iterable[str]) -> list[Message]:
    """A cacheable analyzer's messages in an order that does not depend on which files were
    scanned together: messages about none of ``files`` first, as they came, then those about
    each file, by file."""
    files = set(files)
    general = [m for m in messages if m.file not in files]
    specific = sorted((m for m in messages if m.file in files), key=lambda m: m.file)  # stable within a file
    return general + specific


def lookup(cache: ResultCache, analyzer: Analyzer, ctx: AnalyzeContext, rules: Ruleset | None) -> Lookup | None:
    """Look up every file of ``ctx.files`` for ``analyzer``; ``None`` when its key cannot be
    computed (its scanner's version cannot be read: then the run fails or succeeds exactly as
    without a cache)."""
    meta = analyzer.metadata
    try:
        key = analyzer_key(analyzer, ctx, rules)
    except SecscanError as exc:
        log.get().debug("result cache: not used for %s (%s)", meta.id, exc)
        with cache._lock:
            cache.bypassed.append(meta.id)
        return None
    keys: dict[str, str] = {}
    for file in ctx.files:
        digest = cache.digest(ctx.target, file)
        keys[file] = _sha(f"{key}\0{file}\0{digest}") if digest else ""
    result = Lookup(key, ctx.files, keys)
    if _read_run_entry(cache, result):  # without it a fully cached run could not say what the scanner said
        for file in ctx.files:
            hit = _read_file_entry(cache, keys[file], file) if keys[file] else None
            if hit is not None:
                result.hits[file] = hit
    with cache._lock:
        cache.hits.setdefault(meta.id, set()).update(result.hits)
        cache.misses.setdefault(meta.id, set()).update(result.misses)
    return result


def _read_run_entry(cache: ResultCache, found: Lookup) -> bool:
    run_entry = cache.read(found.key)
    if run_entry is None:
        return False
    try:
        found.run_messages = [_unmessage(m) for m in _list(run_entry, "messages")]
        found.primary_identifiers = [_decode(Identifier, i) for i in _list(run_entry, "primary_identifiers")]
        version = run_entry.get("scanner_version")
        if version is not None and not isinstance(version, str):
            raise CacheEntryError("scanner_version")
        found.scanner_version = version
    except CacheEntryError:
        cache.discard(found.key)
        return False
    return True


def _read_file_entry(cache: ResultCache, key: str, file: str) -> FileResult | None:
    payload = cache.read(key)
    if payload is None:
        return None
    try:
        hit = _decode_file(payload, file)
    except (CacheEntryError, ValueError, TypeError, KeyError):
        cache.discard(key)
        return None
    cache.touch(key)
    return hit


def analyzer_key(analyzer: Analyzer, ctx: AnalyzeContext, rules: Ruleset | None) -> str:
    """What every entry of this analyzer in this scan is keyed on, besides each file."""
    meta = analyzer.metadata
    section = rules.section(meta.id) if rules is not None else None
    cls = type(analyzer)
    module_file = getattr(sys.modules.get(cls.__module__), "__file__", None)
    parts = {
        "format": FORMAT,
        "secscan": __version__,
        "analyzer": [
            meta.id,
            meta.version,
            meta.api_version,
            meta.report_type.value,
            f"{cls.__module__}.{cls.__qualname__}",
        ],
        "analyzer_code": source_digest(str(Path(module_file).resolve().parent)) if module_file else None,
        "scanner": [os.path.realpath(analyzer.executable(ctx)), analyzer.scanner_version(ctx)],
        "settings": analyzer.cache_key(ctx.config),
        "ruleset": repr(section) if section is not None else None,
        "inline_ignores": ctx.config.inline_ignores,
        "peers": sorted(ctx.peers),
    }
    return _sha(json.dumps(parts, sort_keys=True, default=str))


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


# --- the payload: findings as JSON, every field kept ---------------------------------------------

#: per model class, how each field is stored: plain JSON, a nested class, a tuple of one, an enum
_SPEC: dict[type, dict[str, Any]] = {
    Identifier: {"type": str, "name": str, "value": str, "url": (str, None)},
    Link: {"url": str, "name": (str, None)},
    Location: {
        "file": str,
        "start_line": (int, None),
        "end_line": (int, None),
        "class_name": (str, None),
        "method": (str, None),
        "start_column": (int, None),
        "extra": dict,
    },
    ScannerRef: {"id": str, "name": str},
    Signature: {"algorithm": str, "value": str},
    TrackingItem: {"file": str, "line_start": int, "line_end": int, "signatures": [Signature]},
    Tracking: {"items": [TrackingItem], "type": str},
    Flag: {"origin": str, "description": str, "type": str},
    Vulnerability: {
        "identifiers": [Identifier],
        "location": Location,
        "scanner": ScannerRef,
        "name": str,
        "description": str,
        "severity": Severity,
        "confidence": (str, None),
        "solution": (str, None),
        "links": [Link],
        "tracking": (Tracking, None),
        "flags": [Flag],
        "raw_source_code_extract": (str, None),
        "category": str,
        "id": str,
        "details": dict,
        "extra": dict,
    },
}


def _encode(obj: Any) -> Any:
    if isinstance(obj, Severity):
        return obj.value
    if type(obj) in _SPEC:
        return {f.name: _encode(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, tuple):
        return [_encode(x) for x in obj]
    if isinstance(obj, dict) or hasattr(obj, "items") and not isinstance(obj, (str, bytes)):
        return dict(obj)
    return obj


def _decode(cls: type, raw: Any) -> Any:
    spec = _SPEC[cls]
    if not isinstance(raw, dict) or set(raw) != set(spec):
        raise CacheEntryError(f"{cls.__name__}: unexpected fields")
    return cls(**{name: _decode_value(kind, raw[name], name) for name, kind in spec.items()})


def _decode_value(kind: Any, value: Any, name: str) -> Any:
    if isinstance(kind, tuple):  # (type, None): optional
        return None if value is None else _decode_value(kind[0], value, name)
    if isinstance(kind, list):
        if not isinstance(value, list):
            raise CacheEntryError(f"{name}: not a list")
        return tuple(_decode_value(kind[0], v, name) for v in value)
    if kind is Severity:
        try:
            return Severity(value)
        except ValueError:
            raise CacheEntryError(f"{name}: not a severity") from None
    if kind in _SPEC:
        return _decode(kind, value)
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        raise CacheEntryError(f"{name}: not a {kind.__name__}")
    return value


def _message(message: Message) -> list[str]:
    return [message.level, message.value]


def _unmessage(raw: Any) -> Message:
    if not isinstance(raw, list) or len(raw) != 2 or not all(isinstance(x, str) for x in raw):
        raise CacheEntryError("message")
    if raw[0] not in ("info", "warn", "fatal"):
        raise CacheEntryError("message level")
    return Message(raw[0], raw[1])


def _list(payload: Any, name: str) -> list:
    if not isinstance(payload, dict) or not isinstance(payload.get(name), list):
        raise CacheEntryError(f"{name}: missing or not a list")
    return payload[name]


def _encode_file(result: FileResult) -> dict[str, Any]:
    return {
        "vulnerabilities": [_encode(v) for v in result.vulnerabilities],
        "messages": [_message(m) for m in result.messages],
        "decided": sorted(result.decided) if result.decided is not None else None,
    }


def _decode_file(payload: Any, file: str) -> FileResult:
    vulns = [_decode(Vulnerability, v) for v in _list(payload, "vulnerabilities")]
    if any(v.location.file != file for v in vulns):
        raise CacheEntryError("a finding in another file")
    decided = payload.get("decided")
    if decided is not None and (not isinstance(decided, list) or not all(type(c) is int for c in decided)):
        raise CacheEntryError("decided")
    messages = [replace(_unmessage(m), file=file) for m in _list(payload, "messages")]
    return FileResult(vulns, messages, frozenset(decided) if decided is not None else None)
