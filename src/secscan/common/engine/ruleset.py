"""Custom rulesets: GitLab's ``.gitlab/sast-ruleset.toml``.

One table per analyzer id (``[semgrep]``, ``[bandit]``, any plugin id); a section for an analyzer
that is not installed is fine (one file is shared across analyzers). Each section may hold:

- ``[[<a>.ruleset]]`` entries selecting a rule by ``[<a>.ruleset.identifier]`` ``type`` + ``value``
  (matched exactly against *any* identifier of a finding; ``type`` case-insensitively) that either
  ``disable = true`` the rule or ``[<a>.ruleset.override]`` its ``name``, ``description``,
  ``severity`` or ``message``. Schema 15 reports have no ``message`` field: GitLab deprecated it in
  favour of ``name`` (it held the same short title), so an overriding ``message`` sets ``name``
  unless the same override also gives ``name``. Entries apply in file order; later ones win.
- ``[[<a>.passthrough]]`` entries (``type`` file|raw|git|url, ``value``, ``target``, ``mode``
  overwrite|append, ``ref``/``subdir`` for git, ``validator``) that :func:`synthesize` evaluates in
  order into a configuration directory which replaces the analyzer's default rules unless
  ``keepdefaultrules = true``.
- options ``description``, ``targetdir``, ``timeout`` (seconds for the whole chain, at most 300,
  default 60), ``validate`` (check every target by its extension), ``interpolate`` (expand ``$VAR``
  / ``${VAR}`` from the environment in passthrough values; unknown variables are left as written)
  and ``keepdefaultrules``. ``targetdir`` is accepted for compatibility: secscan always synthesises
  into a private scratch directory, so nothing outside it is written.

Every problem is a :class:`ConfigError` whose message starts with ``<file>:<line>:``.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import string
import subprocess
import tempfile
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree

import yaml

from ...report.model import NAME_MAX, Identifier, Severity, Vulnerability
from ..config import Config, parse_bool
from ..errors import ConfigError

DEFAULT_PATH = ".gitlab/sast-ruleset.toml"
#: GitLab's variable naming another ruleset file (relative paths are relative to the target)
PATH_SETTING = "SAST_RULESET_PATH"
#: url passthroughs and remote git passthroughs are fetched only when this is true
NETWORK_SETTING = "SECSCAN_ALLOW_NETWORK"
PASSTHROUGH_TYPES = ("file", "raw", "git", "url")
MODES = ("overwrite", "append")
VALIDATORS = ("yaml", "json", "toml", "xml")
MAX_PASSTHROUGHS = 20
DEFAULT_TIMEOUT = 60.0
MAX_TIMEOUT = 300.0
#: GitLab's limit on the configuration one passthrough produces
MAX_PASSTHROUGH_BYTES = 10 * 1024 * 1024

_SECTION_KEYS = {
    "ruleset",
    "passthrough",
    "description",
    "targetdir",
    "timeout",
    "validate",
    "interpolate",
    "keepdefaultrules",
}
_ENTRY_KEYS = {"disable", "identifier", "override"}
_IDENTIFIER_KEYS = {"type", "value"}
_OVERRIDE_KEYS = {"name", "message", "description", "severity"}
_PASSTHROUGH_KEYS = {"type", "value", "target", "mode", "ref", "subdir", "validator"}
_EXTENSION_VALIDATORS = {".yml": "yaml", ".yaml": "yaml", ".json": "json", ".toml": "toml", ".xml": "xml"}
_REMOTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://|^[^/\\]+@[^/\\]+:")


@dataclass(frozen=True)
class Override:
    """Fields a ``[<a>.ruleset.override]`` table sets; ``None`` leaves the finding's value."""

    name: str | None = None
    description: str | None = None
    severity: Severity | None = None
    message: str | None = None

    def apply(self, vuln: Vulnerability) -> Vulnerability:
        changes: dict[str, Any] = {}
        title = self.name if self.name is not None else self.message
        if title is not None:
            changes["name"] = title
        if self.description is not None:
            changes["description"] = self.description
        if self.severity is not None:
            changes["severity"] = self.severity
        return replace(vuln, **changes) if changes else vuln


@dataclass(frozen=True)
class RuleEntry:
    """One ``[[<a>.ruleset]]`` entry."""

    type: str
    value: str
    disable: bool = False
    override: Override | None = None
    line: int = 0

    def matches(self, identifiers: Iterable[Identifier]) -> bool:
        """True when any of ``identifiers`` has this entry's type and value."""
        return any(i.type.lower() == self.type.lower() and i.value == self.value for i in identifiers)


@dataclass(frozen=True)
class Passthrough:
    """One ``[[<a>.passthrough]]`` entry (see :func:`synthesize`)."""

    type: str
    value: str
    target: str = ""
    mode: str = "overwrite"
    ref: str | None = None
    subdir: str | None = None
    validator: str | None = None
    line: int = 0


@dataclass(frozen=True)
class AnalyzerRuleset:
    """The ``[<analyzer>]`` section of a ruleset file."""

    analyzer: str
    #: the ruleset file as shown in messages (relative to the target when inside it)
    source: str
    line: int = 0
    rules: tuple[RuleEntry, ...] = ()
    passthroughs: tuple[Passthrough, ...] = ()
    description: str = ""
    targetdir: str = ""
    timeout: float = DEFAULT_TIMEOUT
    validate: bool = False
    interpolate: bool = False
    keepdefaultrules: bool = False

    @property
    def replaces_rules(self) -> bool:
        """Passthroughs replace the default rules (GitLab's default) rather than add to them."""
        return bool(self.passthroughs) and not self.keepdefaultrules

    def disabled(self, identifiers: Iterable[Identifier]) -> bool:
        """Does a ``disable = true`` entry select a rule or finding with these identifiers?"""
        idents = tuple(identifiers)
        return any(entry.disable and entry.matches(idents) for entry in self.rules)

    def apply(self, vulns: Sequence[Vulnerability]) -> list[Vulnerability]:
        """Drop disabled findings and apply every matching override, in file order (idempotent)."""
        kept: list[Vulnerability] = []
        for vuln in vulns:
            if self.disabled(vuln.identifiers):
                continue
            for entry in self.rules:
                if entry.override is not None and entry.matches(vuln.identifiers):
                    vuln = entry.override.apply(vuln)
            kept.append(vuln)
        return kept

    def error(self, line: int, message: str) -> ConfigError:
        return ConfigError(f"{self.source}:{line}: {message}")


@dataclass(frozen=True)
class Ruleset:
    """A parsed ruleset file; empty (no sections) when the project has none."""

    path: Path | None = None
    sections: Mapping[str, AnalyzerRuleset] = field(default_factory=dict)

    def section(self, analyzer_id: str) -> AnalyzerRuleset | None:
        """The ``[analyzer_id]`` section, or ``None`` when the file has none."""
        return self.sections.get(analyzer_id)

    def summary(self) -> str:
        """``N analyzers, M rules disabled, K overrides, P passthroughs``."""
        entries = [e for s in self.sections.values() for e in s.rules]
        passthroughs = sum(len(s.passthroughs) for s in self.sections.values())
        return (
            f"{len(self.sections)} analyzers, {sum(e.disable for e in entries)} rules disabled, "
            f"{sum(e.override is not None for e in entries)} overrides, {passthroughs} passthroughs"
        )


# --- loading ------------------------------------------------------------------------------------


def ruleset_path(config: Config) -> Path:
    """Where the scan's ruleset file is: ``SAST_RULESET_PATH`` (relative to the target) or
    ``<target>/.gitlab/sast-ruleset.toml``."""
    setting = config.setting(PATH_SETTING)
    return config.target / Path(setting).expanduser() if setting else config.target / DEFAULT_PATH


def load_ruleset(config: Config) -> Ruleset:
    """The scan's ruleset (see :func:`ruleset_path`): empty when the default file does not exist,
    a :class:`ConfigError` when the file is invalid or ``SAST_RULESET_PATH`` names no file.
    Parsed once per path and modification time."""
    path = ruleset_path(config)
    if not path.exists():
        if config.setting(PATH_SETTING):
            raise ConfigError(
                f"{PATH_SETTING}={config.setting(PATH_SETTING)}: no ruleset file at {path}; fix the path or unset it"
            )
        return Ruleset()
    return _load_file(path, _display(path, config.target))


def check_ruleset(path: Path, target: Path | None = None) -> Ruleset:
    """Parse and validate the ruleset file ``path`` (``secscan ruleset check``); with ``target``
    (the project root) also check that ``file`` passthroughs name files inside it."""
    if not path.exists():
        raise ConfigError(f"{path}: no ruleset file there; create {DEFAULT_PATH} or pass its path")
    ruleset = _load_file(path, str(path))
    if target is not None:
        for section in ruleset.sections.values():
            for p in section.passthroughs:
                if p.type == "file":
                    _project_file(section, p, target, p.value)
    return ruleset


def _display(path: Path, target: Path) -> str:
    try:
        return path.resolve().relative_to(target.resolve()).as_posix()
    except ValueError:
        return str(path)


def _load_file(path: Path, display: str) -> Ruleset:
    if path.is_dir():
        raise ConfigError(f"{display}: is a directory; a ruleset is a TOML file")
    try:
        stat = path.stat()
    except OSError as exc:
        raise ConfigError(f"{display}: cannot read the ruleset file ({exc.strerror})") from None
    return _parse_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size, display)


@lru_cache(maxsize=32)
def _parse_cached(path: str, mtime_ns: int, size: int, display: str) -> Ruleset:
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except OSError as exc:
        raise ConfigError(f"{display}: cannot read the ruleset file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{display}:1: not UTF-8 text; save the ruleset file as UTF-8") from None
    return parse_ruleset(text, display, Path(path))


def parse_ruleset(text: str, source: str, path: Path | None = None) -> Ruleset:
    """Parse ruleset TOML ``text``; ``source`` names the file in error messages."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(str(exc), text, source) from None
    where = _Locator(text)
    sections: dict[str, AnalyzerRuleset] = {}
    for name, table in doc.items():
        if not isinstance(table, dict):
            raise ConfigError(
                f"{source}:{where.line((name,))}: top-level key {name!r} is not an analyzer table; "
                f"put settings under [{name}] sections such as [semgrep]"
            )
        sections[name] = _section(name, table, source, where)
    return Ruleset(path=path, sections=dict(sorted(sections.items())))


def _syntax_error(message: str, text: str, source: str) -> ConfigError:
    m = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if m:
        return ConfigError(f"{source}:{m.group(1)}: invalid TOML: {message[: m.start()]} (column {m.group(2)})")
    line = max(1, len(text.splitlines()))
    detail = re.sub(r"\s*\(at end of document\)$", "", message)
    return ConfigError(f"{source}:{line}: invalid TOML: {detail} (at the end of the file)")


class _Fields:
    """Typed access to one TOML table, with errors naming the file and line of the key."""

    def __init__(self, table: dict, path: tuple, allowed: set[str], source: str, where: _Locator, what: str):
        self.table, self.path, self.source, self.where = table, path, source, where
        for key in table:
            if key not in allowed:
                raise self.error(key, f"unknown key {key!r} in {what}; allowed: {', '.join(sorted(allowed))}")

    def error(self, key: str | None, message: str) -> ConfigError:
        path = self.path + ((key,) if key else ())
        return ConfigError(f"{self.source}:{self.where.line(path)}: {message}")

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
        if key not in self.table:
            return default
        value = self.table[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            names = " or ".join(dict.fromkeys(_KIND_NAMES[k] for k in kinds))
            raise self.error(key, f"{_dotted(self.path + (key,))} must be {names}, not {type(value).__name__}")
        return value

    def line(self, key: str | None = None) -> int:
        return self.where.line(self.path + ((key,) if key else ()))


_KIND_NAMES = {
    str: "a string",
    bool: "true or false",
    int: "a number",
    float: "a number",
    dict: "a table",
    list: "an array of tables",
}


def _dotted(path: tuple) -> str:
    """``("semgrep", "ruleset", 0, "override")`` -> ``semgrep.ruleset[1].override``."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _section(name: str, table: dict, source: str, where: _Locator) -> AnalyzerRuleset:
    f = _Fields(table, (name,), _SECTION_KEYS, source, where, f"[{name}]")
    timeout = f.get("timeout", (int, float), DEFAULT_TIMEOUT)
    if not 0 < timeout <= MAX_TIMEOUT:
        raise f.error("timeout", f"{name}.timeout = {timeout} must be more than 0 and at most {MAX_TIMEOUT:g} seconds")
    rules = f.get("ruleset", list, [])
    passthroughs = f.get("passthrough", list, [])
    if len(passthroughs) > MAX_PASSTHROUGHS:
        line = where.line((name, "passthrough", MAX_PASSTHROUGHS))  # the first one too many
        raise ConfigError(
            f"{source}:{line}: [{name}] has {len(passthroughs)} passthroughs; at most {MAX_PASSTHROUGHS} are allowed"
        )
    return AnalyzerRuleset(
        analyzer=name,
        source=source,
        line=f.line(),
        rules=tuple(_entry(name, i, e, source, where) for i, e in enumerate(rules)),
        passthroughs=tuple(_passthrough(name, i, p, source, where) for i, p in enumerate(passthroughs)),
        description=f.get("description", str, ""),
        targetdir=f.get("targetdir", str, ""),
        timeout=float(timeout),
        validate=f.get("validate", bool, False),
        interpolate=f.get("interpolate", bool, False),
        keepdefaultrules=f.get("keepdefaultrules", bool, False),
    )


def _entry(name: str, index: int, entry: Any, source: str, where: _Locator) -> RuleEntry:
    path = (name, "ruleset", index)
    what = f"[[{name}.ruleset]] entry {index + 1}"
    if not isinstance(entry, dict):
        raise ConfigError(f"{source}:{where.line(path)}: {what} must be a table")
    f = _Fields(entry, path, _ENTRY_KEYS, source, where, what)
    ident = f.get("identifier", dict)
    if ident is None:
        raise f.error(
            None, f"{what} has no [{name}.ruleset.identifier] table with the type and value of the rule it selects"
        )
    idf = _Fields(ident, path + ("identifier",), _IDENTIFIER_KEYS, source, where, f"[{name}.ruleset.identifier]")
    for key in ("type", "value"):
        if not str(idf.get(key, str, "")).strip():
            raise idf.error(
                key if key in ident else None,
                f'{what}: the identifier needs a non-empty {key!r} (e.g. type = "semgrep_id", value = "<rule id>")',
            )
    disable = f.get("disable", bool, False)
    override = None
    if "override" in entry:
        of = _Fields(
            f.get("override", dict), path + ("override",), _OVERRIDE_KEYS, source, where, f"[{name}.ruleset.override]"
        )
        if not entry["override"]:
            raise of.error(
                None, f"{what}: the override table sets nothing; give name, description, severity or message"
            )
        severity = of.get("severity", str)
        if severity is not None:
            try:
                severity = Severity.parse(severity)
            except ValueError as exc:
                raise of.error("severity", f"{what}: {exc}") from None
        title = of.get("name", str)
        if title is not None and len(title) > NAME_MAX:
            raise of.error("name", f"{what}: name is {len(title)} characters; GitLab allows at most {NAME_MAX}")
        override = Override(
            name=title, description=of.get("description", str), severity=severity, message=of.get("message", str)
        )
        if disable:
            raise f.error("disable", f"{what} both disables the rule and overrides it; keep one of the two")
    elif not disable:
        raise f.error(None, f"{what} does nothing: set disable = true or add a [{name}.ruleset.override] table")
    return RuleEntry(
        type=ident["type"].strip(), value=ident["value"].strip(), disable=disable, override=override, line=f.line()
    )


def _passthrough(name: str, index: int, entry: Any, source: str, where: _Locator) -> Passthrough:
    path = (name, "passthrough", index)
    what = f"[[{name}.passthrough]] entry {index + 1}"
    if not isinstance(entry, dict):
        raise ConfigError(f"{source}:{where.line(path)}: {what} must be a table")
    f = _Fields(entry, path, _PASSTHROUGH_KEYS, source, where, what)
    kind = f.get("type", str)
    if kind not in PASSTHROUGH_TYPES:
        problem = "has no type" if kind is None else f"has type {kind!r}"
        raise f.error(
            "type" if kind is not None else None, f"{what} {problem}; use one of {', '.join(PASSTHROUGH_TYPES)}"
        )
    value = f.get("value", str)
    if value is None or (not value.strip() and kind != "raw"):
        raise f.error("value" if value is not None else None, f"{what} needs a value ({_VALUE_HELP[kind]})")
    mode = f.get("mode", str, "overwrite")
    if mode not in MODES:
        raise f.error("mode", f"{what} has mode {mode!r}; use overwrite or append")
    if kind == "git" and mode == "append":
        raise f.error("mode", f'{what}: git passthroughs only support mode = "overwrite"')
    for key in ("ref", "subdir"):
        if key in entry and kind != "git":
            raise f.error(key, f"{what}: {key} applies to git passthroughs only")
    validator = f.get("validator", str)
    if validator is not None and validator not in VALIDATORS:
        raise f.error("validator", f"{what} has validator {validator!r}; use one of {', '.join(VALIDATORS)}")
    target = f.get("target", str, "")
    if target and not _inside(target):
        raise f.error("target", f"{what}: target {target!r} must be a relative path inside the configuration directory")
    if kind == "file" and not _inside(value):
        raise f.error(
            "value",
            f"{what}: {value!r} is outside the project; file passthroughs take a path relative to the project root",
        )
    subdir = f.get("subdir", str)
    if subdir is not None and not _inside(subdir):
        raise f.error("subdir", f"{what}: subdir {subdir!r} must be a relative path inside the repository")
    return Passthrough(
        type=kind,
        value=value,
        target=target,
        mode=mode,
        ref=f.get("ref", str),
        subdir=subdir,
        validator=validator,
        line=f.line(),
    )


_VALUE_HELP = {
    "file": "a path relative to the project root",
    "raw": "the configuration text",
    "git": "a repository URL or local path",
    "url": "an http(s) URL",
}


def _inside(relative: str) -> bool:
    """A relative path that stays inside its base directory (lexically)."""
    p = PurePosixPath(relative.replace("\\", "/"))
    if p.is_absolute() or re.match(r"^[A-Za-z]:", relative):
        return False
    depth = 0
    for part in p.parts:
        depth += -1 if part == ".." else (0 if part == "." else 1)
        if depth < 0:
            return False
    return True


class _Locator:
    """Line numbers of TOML tables and keys, by their path (array-of-tables elements by index).

    tomllib reports no positions once a file parses, so this reads the headers and ``key =``
    lines itself (skipping multi-line strings); a path it cannot place falls back to its
    nearest located ancestor."""

    _HEADER = re.compile(r"^\s*(\[\[?)\s*(.+?)\s*(\]\]?)\s*(?:#.*)?$")
    _KEY = re.compile(
        r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
    )

    def __init__(self, text: str):
        self.lines: dict[tuple, int] = {}
        latest: dict[tuple, int] = {}  # array-of-tables path (unindexed) -> its current element
        counts: dict[tuple, int] = {}
        table: tuple = ()
        in_string: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string:
                if line.count(in_string) % 2:
                    in_string = None
                continue
            header = self._HEADER.match(line)
            if header and header.group(1) in ("[", "[["):
                parts = tuple(_split_key(header.group(2)))
                resolved = self._resolve(parts[:-1], latest) + (parts[-1],)
                if header.group(1) == "[[":
                    counts[resolved] = counts.get(resolved, -1) + 1
                    latest[parts] = counts[resolved]
                    resolved += (counts[resolved],)
                    for key in [k for k in latest if len(k) > len(parts) and k[: len(parts)] == parts]:
                        del latest[key]  # a new element starts its own sub-arrays
                self.lines.setdefault(resolved, number)
                table = resolved
                continue
            key = self._KEY.match(line)
            if key:
                self.lines.setdefault(table + tuple(_split_key(key.group(1))), number)
                rest = line[key.end() :]
                for quote in ('"""', "'''"):
                    if rest.count(quote) % 2:
                        in_string = quote
                        break

    @staticmethod
    def _resolve(parts: tuple, latest: dict[tuple, int]) -> tuple:
        resolved: tuple = ()
        for i, part in enumerate(parts):
            resolved += (part,)
            if parts[: i + 1] in latest:
                resolved += (latest[parts[: i + 1]],)
        return resolved

    def line(self, path: tuple) -> int:
        for end in range(len(path), 0, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1


def _split_key(dotted: str) -> list[str]:
    parts = re.findall(r"""\s*("[^"]*"|'[^']*'|[^.\s]+)\s*(?:\.|$)""", dotted)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


# --- synthesis ----------------------------------------------------------------------------------


def synthesize(
    section: AnalyzerRuleset,
    target: Path,
    workdir: Path,
    env: Mapping[str, str] | None = None,
    defaults: Path | None = None,
) -> Path:
    """Evaluate ``section``'s passthrough chain in order into a new directory under ``workdir``
    and return it. With ``keepdefaultrules`` the ``defaults`` (a rule file or directory) are
    copied in first, under ``default/``. ``target`` is the project root (``file`` values are
    relative to it); ``env`` supplies ``interpolate`` and ``SECSCAN_ALLOW_NETWORK``."""
    env = dict(os.environ if env is None else env)
    out = workdir / "ruleset"
    out.mkdir(parents=True, exist_ok=False)
    if section.keepdefaultrules and defaults is not None:
        if defaults.is_dir():
            shutil.copytree(defaults, out / "default")
        else:
            (out / "default").mkdir()
            shutil.copyfile(defaults, out / "default" / defaults.name)
    deadline = time.monotonic() + section.timeout
    for index, passthrough in enumerate(section.passthroughs):
        p = _interpolated(passthrough, env) if section.interpolate else passthrough
        _evaluate(section, p, index, target.resolve(), out, env, deadline)
    return out


def _interpolated(p: Passthrough, env: Mapping[str, str]) -> Passthrough:
    def expand(text: str | None) -> str | None:
        return None if text is None else string.Template(text).safe_substitute(env)

    return replace(p, value=expand(p.value), target=expand(p.target), ref=expand(p.ref), subdir=expand(p.subdir))


def _evaluate(
    section: AnalyzerRuleset, p: Passthrough, index: int, root: Path, out: Path, env: Mapping[str, str], deadline: float
) -> None:
    if p.type == "git":
        dest = out / p.target if p.target else out
        _check_inside(section, p, out, dest, "target")
        _git(section, p, root, dest, out.parent, env, deadline)
        if p.validator:
            for file in sorted(f for f in dest.rglob("*") if f.is_file() and f.suffix in _EXTENSION_VALIDATORS):
                _validate(section, p, file, p.validator)
        return
    if p.type == "file":
        source = _project_file(section, p, root, p.value)
        content = source.read_bytes()
        default_name = source.name
    elif p.type == "raw":
        content, default_name = p.value.encode("utf-8"), f"passthrough-{index + 1}.yml"
    else:
        content, default_name = _fetch(section, p, env, deadline), f"passthrough-{index + 1}.yml"
    if len(content) > MAX_PASSTHROUGH_BYTES:
        raise section.error(
            p.line,
            f"{p.type} passthrough yields {len(content)} bytes; GitLab's limit is {MAX_PASSTHROUGH_BYTES} (10 MB)",
        )
    dest = out / (p.target or default_name)
    _check_inside(section, p, out, dest, "target")
    dest.parent.mkdir(parents=True, exist_ok=True)
    with dest.open("ab" if p.mode == "append" else "wb") as handle:
        handle.write(content)
    validator = p.validator or (_EXTENSION_VALIDATORS.get(dest.suffix.lower()) if section.validate else None)
    if validator:
        _validate(section, p, dest, validator)


def _project_file(section: AnalyzerRuleset, p: Passthrough, root: Path, value: str) -> Path:
    if not _inside(value):
        raise section.error(
            p.line, f"{value!r} is outside the project; file passthroughs take a path relative to the project root"
        )
    source = (root / value).resolve()
    if not source.is_relative_to(root.resolve()):
        raise section.error(
            p.line, f"{value!r} resolves outside the project ({source}); file passthroughs must stay inside it"
        )
    if not source.is_file():
        problem = "is a directory" if source.is_dir() else "does not exist"
        raise section.error(p.line, f"file passthrough {value!r} {problem} (relative to the project root {root})")
    return source


def _check_inside(section: AnalyzerRuleset, p: Passthrough, out: Path, dest: Path, key: str) -> None:
    if not dest.resolve().is_relative_to(out.resolve()):
        raise section.error(
            p.line, f"{key} {p.target!r} leaves the configuration directory; use a relative path inside it"
        )


def _network_allowed(env: Mapping[str, str]) -> bool:
    value = env.get(NETWORK_SETTING, "")
    return bool(value) and parse_bool(NETWORK_SETTING, value)


def _remaining(section: AnalyzerRuleset, p: Passthrough, deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise section.error(
            p.line,
            f"the passthrough chain took longer than timeout = {section.timeout:g} seconds; raise it (at most 300)",
        )
    return left


def _fetch(section: AnalyzerRuleset, p: Passthrough, env: Mapping[str, str], deadline: float) -> bytes:
    if not _network_allowed(env):
        raise section.error(
            p.line, f"url passthrough {p.value!r} needs the network; set {NETWORK_SETTING}=1 to allow it"
        )
    if not p.value.startswith(("https://", "http://")):
        raise section.error(p.line, f"url passthrough {p.value!r} is not an http(s) URL")
    try:
        with urllib.request.urlopen(p.value, timeout=_remaining(section, p, deadline)) as response:
            content = response.read(MAX_PASSTHROUGH_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise section.error(p.line, f"url passthrough {p.value!r} could not be fetched ({reason})") from None
    return content


def _git(
    section: AnalyzerRuleset,
    p: Passthrough,
    root: Path,
    dest: Path,
    scratch: Path,
    env: Mapping[str, str],
    deadline: float,
) -> None:
    remote = bool(_REMOTE.match(p.value)) and not p.value.startswith("file://")
    if remote and not _network_allowed(env):
        raise section.error(
            p.line, f"git passthrough {p.value!r} needs the network; set {NETWORK_SETTING}=1 to allow it"
        )
    source = p.value if remote or p.value.startswith("file://") else str((root / Path(p.value).expanduser()).resolve())
    git = shutil.which("git")
    if git is None:
        raise section.error(p.line, "git passthroughs need git; install git or use file passthroughs")
    clone = Path(tempfile.mkdtemp(prefix="clone-", dir=scratch)) / "repo"
    git_env = {**os.environ, **env, "GIT_TERMINAL_PROMPT": "0", "GIT_CONFIG_NOSYSTEM": "1"}
    commands = [[git, "clone", "--quiet", *(["--no-checkout"] if p.ref else []), "--", source, str(clone)]]
    if p.ref:  # a branch, tag or commit (GitLab accepts any of them)
        commands.append([git, "-C", str(clone), "checkout", "--quiet", p.ref])
    try:
        for args in commands:
            try:
                result = subprocess.run(
                    args, capture_output=True, text=True, timeout=_remaining(section, p, deadline), env=git_env
                )
            except subprocess.TimeoutExpired:
                raise section.error(
                    p.line, f"git passthrough {p.value!r} took longer than timeout = {section.timeout:g} seconds"
                ) from None
            if result.returncode != 0:
                detail = " ".join(result.stderr.split())[:300] or f"exit status {result.returncode}"
                what = f"ref {p.ref!r} of " if args[3] == "checkout" and p.ref else ""
                raise section.error(p.line, f"git passthrough: cannot check out {what}{p.value!r} ({detail})")
        tree = clone / p.subdir if p.subdir else clone
        if not tree.resolve().is_relative_to(clone.resolve()) or not tree.is_dir():
            raise section.error(p.line, f"git passthrough {p.value!r} has no directory {p.subdir!r}")
        inside = tree.resolve()
        copied = [
            f
            for f in sorted(tree.rglob("*"))
            if f.is_file()
            and not _hidden(f.relative_to(tree))
            and f.resolve().is_relative_to(inside)
            and not f.is_symlink()
        ]
        size = sum(f.stat().st_size for f in copied)
        if size > MAX_PASSTHROUGH_BYTES:
            raise section.error(
                p.line, f"git passthrough yields {size} bytes; GitLab's limit is {MAX_PASSTHROUGH_BYTES} (10 MB)"
            )
        for file in copied:
            destination = dest / file.relative_to(tree)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, destination)
    finally:
        shutil.rmtree(clone.parent, ignore_errors=True)


def _hidden(relative: Path) -> bool:
    """Under a dot-directory or a dot-file (``.git``, ``.github``): not copied from a repository."""
    return any(part.startswith(".") for part in relative.parts)


def _validate(section: AnalyzerRuleset, p: Passthrough, file: Path, validator: str) -> None:
    text = file.read_text(encoding="utf-8", errors="replace")
    try:
        if validator == "yaml":
            yaml.safe_load(text)
        elif validator == "json":
            json.loads(text)
        elif validator == "toml":
            tomllib.loads(text)
        else:
            ElementTree.fromstring(text)
    except (yaml.YAMLError, ValueError, tomllib.TOMLDecodeError, ElementTree.ParseError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise section.error(p.line, f"{p.type} passthrough made {file.name} invalid {validator} ({first})") from None


# --- names the ruleset uses that no analyzer knows (``secscan ruleset check``) --------------------

#: GitLab's own analyzers: a ruleset shared with them may have their sections without a warning
GITLAB_ANALYZERS = frozenset(
    "semgrep bandit brakeman eslint flawfinder gosec kics kubesec mobsf nodejs-scan phpcs-security-audit "
    "pmd-apex security-code-scan sobelow spotbugs secrets".split()
)


def known_primary_identifiers(config: Config) -> dict[str, set[tuple[str, str]] | None]:
    """Installed analyzer id -> the (type, value) of every primary identifier it can report, as
    with no custom ruleset (a disabled rule is still known); ``None`` when it cannot say (its
    scanner is missing)."""
    from ..analyzer import AnalyzeContext
    from ..errors import SecscanError
    from .registry import available

    installed, _ = available(config)
    known: dict[str, set[tuple[str, str]] | None] = {}
    with tempfile.TemporaryDirectory(prefix="secscan-ruleset-") as tmp:
        (Path(tmp) / "empty.toml").write_text("")
        plain = config.with_(env={**config.env, PATH_SETTING: str(Path(tmp) / "empty.toml")})
        for aid, analyzer in installed.items():
            ctx = AnalyzeContext(analyzer_id=aid, target=config.target, files=(), config=plain, workdir=Path(tmp))
            try:
                analyzer.configure(plain)
                known[aid] = {(i.type.lower(), i.value) for i in analyzer.primary_identifiers(ctx)}
            except SecscanError:
                known[aid] = None
    return known


def _closest(name: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, sorted(candidates), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def unknown_names(ruleset: Ruleset, known: Mapping[str, set[tuple[str, str]] | None]) -> list[str]:
    """One line per section no installed analyzer has (unless it is a GitLab analyzer's) and per
    entry selecting a primary identifier its analyzer cannot report: such entries apply to nothing."""
    problems = []
    for name, section in sorted(ruleset.sections.items(), key=lambda item: item[1].line):
        if name not in known:
            if name not in GITLAB_ANALYZERS or _closest(name, known):
                problems.append(
                    f"{section.source}:{section.line}: [{name}] is no installed analyzer{_closest(name, known)}; "
                    f"its entries apply to nothing (installed: {', '.join(sorted(known))})"
                )
            continue
        problems += _unknown_rules(section, known[name])
    return problems


def _unknown_rules(section: AnalyzerRuleset, known: set[tuple[str, str]] | None) -> list[str]:
    """Entries naming a primary identifier type of the analyzer with a value it never reports
    (entries on other identifiers, such as CWE or OWASP, select by any identifier and are not checked)."""
    types = {t for t, _ in known or ()}
    problems = []
    for entry in section.rules:
        if entry.type.lower() in types and (entry.type.lower(), entry.value) not in known:
            values = [v for t, v in known if t == entry.type.lower()]
            problems.append(
                f"{section.source}:{entry.line}: [{section.analyzer}] {entry.type} {entry.value!r} is no rule "
                f"{section.analyzer} can report{_closest(entry.value, values)}; this entry applies to nothing"
            )
    return problems
