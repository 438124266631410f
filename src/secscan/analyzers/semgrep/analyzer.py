"""Semgrep: run it offline with local rules on the files search found, convert its JSON."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ... import __version__
from ...common import (
    AnalyzeContext,
    Analyzer,
    AnalyzerMetadata,
    AnalyzerRuleset,
    Config,
    ConfigError,
    RuleError,
    ScannerCrashedError,
    ScannerMetadata,
    ScannerOutputError,
    digest_path,
    load_ruleset,
    parse_bool,
    parse_int,
    synthesize,
)
from ...report import Identifier, Link, Location, ScannerRef, Severity, Vulnerability

BUNDLED_RULES = Path(__file__).parent / "rules"
RULES_SETTING = "SECSCAN_SEMGREP_RULES"
JOBS_SETTING = "SECSCAN_SEMGREP_JOBS"
#: run semgrep's OCaml command line (``semgrep --experimental``, osemgrep) instead of its Python one:
#: the same results for the bundled pack, without the Python start-up and rule loading (seconds)
EXPERIMENTAL_SETTING = "SECSCAN_SEMGREP_EXPERIMENTAL"
RULE_SUFFIXES = (".yaml", ".yml")
#: semgrep error types (lowercased) that mean it gave up on a file before the end: never cached
GAVE_UP = ("timeout", "memory")
#: libyaml's safe loader when PyYAML has it: the bundled pack loads in 0.3 s instead of 2 s
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: semgrep language -> file extensions it scans (only languages with rules make semgrep match)
LANGUAGE_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "python": (".py", ".pyi"),
    "javascript": (".js", ".jsx", ".mjs", ".cjs"),
    "js": (".js", ".jsx", ".mjs", ".cjs"),
    "typescript": (".ts", ".tsx", ".mts", ".cts"),
    "ts": (".ts", ".tsx", ".mts", ".cts"),
    "go": (".go",),
    "golang": (".go",),
    "java": (".java",),
    "kotlin": (".kt", ".kts"),
    "scala": (".scala",),
    "c": (".c", ".h"),
    "cpp": (".cpp", ".cc", ".cxx", ".c++", ".hpp", ".hh", ".hxx", ".h"),
    "c++": (".cpp", ".cc", ".cxx", ".c++", ".hpp", ".hh", ".hxx", ".h"),
    "csharp": (".cs",),
    "c#": (".cs",),
    "ruby": (".rb",),
    "php": (".php",),
    "rust": (".rs",),
    "swift": (".swift",),
}
#: semgrep rule severity -> GitLab severity, when the rule has no ``security-severity``
SEVERITIES = {"ERROR": Severity.HIGH, "WARNING": Severity.MEDIUM, "INFO": Severity.LOW}
#: semgrep exit codes that still mean "scan done" (1: findings with --error)
OK_CODES = (0, 1)
_CWE = re.compile(r"CWE-(\d+)", re.IGNORECASE)
_OWASP = re.compile(r"^(A\d{1,2}:\d{4})")


@dataclass(frozen=True)
class Rule:
    id: str
    languages: tuple[str, ...]
    file: str
    #: another analyzer that covers this rule better; when it runs in the same scan, this rule does not
    superseded_by: str | None = None
    severity: str = ""  # semgrep's ERROR / WARNING / INFO
    metadata: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class RulePack:
    path: Path
    rules: tuple[Rule, ...]

    @property
    def extensions(self) -> tuple[str, ...]:
        exts = {e for r in self.rules for lang in r.languages for e in LANGUAGE_EXTENSIONS.get(lang.lower(), ())}
        return tuple(sorted(exts))


def _rule_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.suffix in RULE_SUFFIXES and p.is_file())


@lru_cache(maxsize=16)
def _load_pack(path: str, stamp: tuple) -> RulePack:
    rules: list[Rule] = []
    for file in _rule_files(Path(path)):
        try:
            doc = yaml.load(file.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ConfigError(f"{file}: cannot read semgrep rule file ({first}); fix the YAML") from None
        if not isinstance(doc, dict) or not isinstance(doc.get("rules"), list):
            raise ConfigError(f"{file}: not a semgrep rule file (expected a top-level 'rules:' list)")
        for rule in doc["rules"]:
            if not isinstance(rule, dict) or not rule.get("id"):
                raise ConfigError(f"{file}: a rule without an 'id'; every semgrep rule needs one")
            langs = rule.get("languages") or []
            metadata = rule.get("metadata") if isinstance(rule.get("metadata"), dict) else {}
            superseded = metadata.get("superseded-by")
            rules.append(
                Rule(
                    id=str(rule["id"]),
                    languages=tuple(str(x) for x in langs),
                    file=str(file),
                    superseded_by=str(superseded) if superseded else None,
                    severity=str(rule.get("severity") or ""),
                    metadata=metadata,
                )
            )
    return RulePack(path=Path(path), rules=tuple(rules))


def load_pack(path: Path) -> RulePack:
    """The rules under ``path`` (a file or a directory of ``*.yaml``), cached by modification times."""
    if not path.exists():
        raise ConfigError(f"{path}: semgrep rules not found; set {RULES_SETTING} to a rule file or directory")
    files = _rule_files(path)
    stamp = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    return _load_pack(str(path.resolve()), stamp)


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def rule_severity(metadata: dict, semgrep_severity: str) -> Severity:
    """The rule's ``security-severity`` metadata, else its semgrep severity mapped to GitLab's."""
    text = str(metadata.get("security-severity") or "")
    try:
        return Severity.parse(text) if text else SEVERITIES[str(semgrep_severity).upper()]
    except (ValueError, KeyError):
        return Severity.UNKNOWN


def identifiers_from_metadata(rule_id: str, metadata: dict) -> list[Identifier]:
    """Primary ``semgrep_id``, then CWE, OWASP and the equivalent checks of other scanners."""
    idents = [Identifier(type="semgrep_id", name=rule_id, value=rule_id)]
    for cwe in _as_list(metadata.get("cwe")):
        m = _CWE.search(str(cwe))
        if m:
            idents.append(Identifier.cwe(int(m.group(1))))
    for owasp in _as_list(metadata.get("owasp")):
        text = str(owasp).strip()
        m = _OWASP.match(text)
        if m:
            idents.append(Identifier(type="owasp", name=text, value=m.group(1)))
    for extra in _as_list(metadata.get("secondary_identifiers")):
        # a value may be 0 (Brakeman's SQL injection warning code): test for presence, not truth
        if isinstance(extra, dict) and extra.get("type") and str(extra.get("value", "")).strip():
            url = extra.get("url")
            idents.append(
                Identifier(
                    type=str(extra["type"]),
                    name=str(extra.get("name") or extra["value"]),
                    value=str(extra["value"]),
                    url=url if isinstance(url, str) and url.startswith(("http://", "https://")) else None,
                )
            )
    seen: set[tuple[str, str]] = set()
    unique = []
    for ident in idents:
        if (ident.type, ident.value) not in seen:
            seen.add((ident.type, ident.value))
            unique.append(ident)
    return unique


class SemgrepAnalyzer(Analyzer):
    metadata = AnalyzerMetadata(
        id="semgrep",
        name="Semgrep (secscan)",
        vendor="secscan",
        version=__version__,
        url="https://github.com/secscan/secscan",
        scanner=ScannerMetadata(
            id="semgrep",
            name="Semgrep",
            vendor="Semgrep",
            url="https://github.com/semgrep/semgrep",
            executable="semgrep",
            version_args=("--version", "--disable-version-check"),
        ),
        primary_identifier_types=("semgrep_id",),
    )
    version_in_output = True  # semgrep's JSON carries "version"
    #: OSS semgrep matches (taint included) within one file: results are cached per file
    cacheable = True

    def __init__(self) -> None:
        self._extensions: tuple[str, ...] | None = None
        #: this scan's ``[semgrep]`` section of the custom ruleset (``configure``)
        self._ruleset: AnalyzerRuleset | None = None
        #: the rules this scan runs: the bundled pack, SECSCAN_SEMGREP_RULES or a passthrough synthesis
        self._rules: Path | None = None
        self._synthesis: tempfile.TemporaryDirectory | None = None

    def rules_path(self, setting: str | None = None) -> Path:
        """``SECSCAN_SEMGREP_RULES`` (a rule file or directory), else the bundled pack."""
        return Path(setting).expanduser() if setting else BUNDLED_RULES

    def pack(self, ctx: AnalyzeContext) -> RulePack:
        return load_pack(self._rules or self.rules_path(ctx.setting(RULES_SETTING)))

    @staticmethod
    def deferred(pack: RulePack, ctx: AnalyzeContext) -> list[Rule]:
        """Rules whose ``superseded-by`` analyzer runs in this scan: they are left to it."""
        return [
            r for r in pack.rules if r.superseded_by and r.superseded_by in ctx.peers and r.superseded_by != "semgrep"
        ]

    def disabled(self, pack: RulePack) -> list[Rule]:
        """Rules a ``disable = true`` entry of the custom ruleset selects by any of their identifiers:
        semgrep does not run them and they leave ``primary_identifiers`` (as in GitLab)."""
        section = self._ruleset
        if section is None or not any(e.disable for e in section.rules):
            return []
        return [r for r in pack.rules if section.disabled(identifiers_from_metadata(r.id, r.metadata))]

    def left_out(self, pack: RulePack, ctx: AnalyzeContext) -> list[Rule]:
        """Rules this scan does not run: deferred to another analyzer or disabled."""
        deferred = self.deferred(pack, ctx)
        return deferred + [r for r in self.disabled(pack) if r not in deferred]

    def configure(self, config: Config) -> None:
        """Load the custom ruleset and the rules before anything runs: a bad ruleset, a missing
        path or an unreadable rule file is a configuration error (exit 2). ``[[semgrep.passthrough]]``
        entries synthesise the rules, replacing the default ones unless ``keepdefaultrules``.
        Match follows the languages of the rules."""
        section = self._ruleset = load_ruleset(config).section(self.metadata.id)
        self._rules = self.rules_path(config.setting(RULES_SETTING))
        self._synthesis = None
        if section is None or not section.passthroughs:
            self._extensions = load_pack(self._rules).extensions
        else:
            self._synthesis = tempfile.TemporaryDirectory(prefix="secscan-semgrep-ruleset-")
            self._rules = synthesize(section, config.target, Path(self._synthesis.name), config.env, self._rules)
            where = f"{section.source}:{section.line}: the [{section.analyzer}] passthroughs"
            if not _rule_files(self._rules):
                raise ConfigError(
                    f"{where} produced no rule file (*.yml or *.yaml); give a target with one of those extensions"
                )
            try:
                self._extensions = load_pack(self._rules).extensions
            except ConfigError as exc:
                raise ConfigError(f"{where} produced {str(exc).replace(str(self._rules) + os.sep, '')}") from None
        if config.setting(JOBS_SETTING):
            parse_int(JOBS_SETTING, config.setting(JOBS_SETTING), minimum=1)
        if config.setting(EXPERIMENTAL_SETTING):
            parse_bool(EXPERIMENTAL_SETTING, config.setting(EXPERIMENTAL_SETTING))

    def cache_key(self, config: Config) -> Any:
        """The settings (default) and the content of the rules this scan runs: the bundled pack,
        ``SECSCAN_SEMGREP_RULES`` or the rules synthesised from the ruleset's passthroughs."""
        return [super().cache_key(config), digest_path(self._rules or self.rules_path(config.setting(RULES_SETTING)))]

    def match(self, path: str) -> bool:
        if self._extensions is None:
            self._extensions = load_pack(BUNDLED_RULES).extensions
        return path.lower().endswith(self._extensions)

    def scan_config(self, pack: RulePack, ctx: AnalyzeContext) -> tuple[Path, dict[str, str]]:
        """The rules this scan needs: for a directory pack, a copy in the work directory of the rule
        files whose languages occur among ``ctx.files``, without the rules left to another analyzer
        or disabled by the custom ruleset (semgrep spends seconds loading each rule, whatever the
        files). Returns the config path and copy -> original file names, for error messages."""
        if pack.path.is_file():
            return pack.path, {}
        present = {
            lang for lang, exts in LANGUAGE_EXTENSIONS.items() if any(f.lower().endswith(exts) for f in ctx.files)
        }
        left_out = {r.id for r in self.left_out(pack, ctx)}
        by_file: dict[str, list[Rule]] = {}
        for rule in pack.rules:
            by_file.setdefault(rule.file, []).append(rule)
        config = ctx.workdir / "rules"
        originals: dict[str, str] = {}
        for file, rules in sorted(by_file.items()):
            wanted = [r for r in rules if r.id not in left_out and _runs_on(r, present)]
            if not wanted:
                continue
            if len(wanted) != len(rules):  # a file mixing kept and left-out rules: keep it whole, exclude by id
                wanted = rules
            relative = (
                Path(file).relative_to(pack.path) if Path(file).is_relative_to(pack.path) else Path(Path(file).name)
            )
            copy = config / relative
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, copy)
            originals[str(copy)] = file
        config.mkdir(parents=True, exist_ok=True)
        return config, originals

    def analyze(self, ctx: AnalyzeContext) -> bytes:
        pack = self.pack(ctx)
        deferred = self.deferred(pack, ctx)
        if deferred:
            owners = ", ".join(sorted({r.superseded_by for r in deferred if r.superseded_by}))
            ctx.info(f"{len(deferred)} rules left to {owners}, which covers them in this scan")
        section = self._ruleset
        if section is not None and self._synthesis is not None:
            kept = "added to the default rules" if section.keepdefaultrules else "replacing the default rules"
            ctx.info(f"rules synthesised from {len(section.passthroughs)} passthroughs of {section.source}, {kept}")
        disabled = self.disabled(pack)
        if disabled and section is not None:
            ctx.info(f"{len(disabled)} rules disabled by {section.source}")
        config, originals = self.scan_config(pack, ctx)
        if not originals and not pack.path.is_file():
            # no rule for the languages of these files (only deferred or disabled ones): nothing to run
            return json.dumps({"results": [], "errors": []}).encode()
        args = [
            self.executable(ctx),
            "scan",
            "--config",
            str(config),
            "--json",
            "--metrics=off",
            "--disable-version-check",
            "--no-rewrite-rule-ids",
            "--quiet",
        ]
        if parse_bool(EXPERIMENTAL_SETTING, ctx.setting(EXPERIMENTAL_SETTING) or "false"):
            args.insert(2, "--experimental")
        if not ctx.config.inline_ignores:  # --no-inline-ignores: nosemgrep comments are not honoured
            args.append("--disable-nosem")
        # semgrep's own parallelism: its share of the cores, so that parallel analyzers do not
        # fight over them (on two cores beside bandit, one job: semgrep's second job costs more
        # CPU than it saves).
        jobs = parse_int(JOBS_SETTING, ctx.setting(JOBS_SETTING) or ctx.cores, minimum=1)
        args += ["--jobs", str(jobs)]
        for rule in self.left_out(pack, ctx):  # a rule file may mix kept and left-out rules
            args += ["--exclude-rule", rule.id]
        # Explicit files: semgrep scans them even if a .gitignore or .semgrepignore above ignores them,
        # and excluded paths never reach it.
        args += ["--", *ctx.files]
        result = ctx.run(args, ok_codes=range(0, 256))
        if result.returncode not in OK_CODES:
            raise self._failure(result.returncode, result.stdout, result.stderr, pack, originals)
        return result.stdout

    def _failure(self, code: int, stdout: bytes, stderr: str, pack: RulePack, originals: dict[str, str]) -> Exception:
        try:
            errors = json.loads(stdout).get("errors") or []
        except (ValueError, AttributeError):
            errors = []
        for err in errors:
            if not isinstance(err, dict) or err.get("level") != "error":
                continue
            kind = str(err.get("type", ""))
            if "Rule" in kind or "Pattern" in kind or "Config" in kind:
                where = ""
                spans = err.get("spans") or []
                if spans and isinstance(spans[0], dict) and spans[0].get("file"):
                    file = originals.get(str(spans[0]["file"]), spans[0]["file"])
                    where = f"{file}:{spans[0].get('start', {}).get('line', '?')}: "
                elif err.get("rule_id"):
                    rule = next((r for r in pack.rules if r.id == err["rule_id"]), None)
                    where = f"{rule.file}: rule {rule.id}: " if rule else f"rule {err['rule_id']}: "
                detail = str(err.get("long_msg") or err.get("message") or kind).strip().splitlines()
                detail_text = " ".join(line.strip() for line in detail if line.strip())[:300]
                return RuleError(f"semgrep rejected a rule: {where}{detail_text}; fix or remove that rule")
        tail = " | ".join([line for line in stderr.strip().splitlines() if line.strip()][-3:]) or "no error output"
        return ScannerCrashedError(f"semgrep exited with status {code}: {tail}")

    def convert(self, raw: bytes, ctx: AnalyzeContext) -> list[Vulnerability]:
        try:
            doc = json.loads(raw)
            results = doc["results"]
        except (ValueError, KeyError, TypeError):
            raise ScannerOutputError("semgrep wrote output that is not its JSON format") from None
        if isinstance(doc.get("version"), str):
            ctx.scanner_version = doc["version"]
        for err in doc.get("errors") or []:
            if isinstance(err, dict):
                _warn_target_error(err, ctx)
        # overrides of the custom ruleset are applied by the pipeline, as for every analyzer
        return [self._vulnerability(r, ctx) for r in widest_matches(results)]

    def _vulnerability(self, r: dict, ctx: AnalyzeContext) -> Vulnerability:
        try:
            rule_id = str(r["check_id"])
            path = ctx.relative(str(r["path"]))
            start = int(r["start"]["line"])
            end = int(r.get("end", {}).get("line", start))
            column = r["start"].get("col")
        except (KeyError, TypeError, ValueError):
            raise ScannerOutputError("semgrep result without check_id, path or start line") from None
        extra = r.get("extra") or {}
        metadata = extra.get("metadata") or {}
        message = str(extra.get("message") or "").strip()
        severity = rule_severity(metadata, str(extra.get("severity", "")))
        name = str(metadata.get("shortDescription") or "").strip() or _first_sentence(message) or rule_id
        references = [
            u
            for u in _as_list(metadata.get("references"))
            if isinstance(u, str) and u.startswith(("http://", "https://"))
        ]
        confidence = metadata.get("confidence")
        return Vulnerability(
            identifiers=tuple(identifiers_from_metadata(rule_id, metadata)),
            location=Location(
                file=path,
                start_line=start,
                end_line=max(start, end),
                start_column=column if isinstance(column, int) else None,
            ),
            scanner=ScannerRef(id="semgrep", name="Semgrep"),
            name=name,
            description=message,
            severity=severity,
            confidence=str(confidence).title() if confidence else None,
            solution=str(metadata.get("remediation") or "").strip() or None,
            links=tuple(Link(url=u) for u in references),
            # semgrep OSS writes "requires login" in extra.lines: read the source ourselves
            raw_source_code_extract=ctx.source_lines(path, start, end),
        )

    def primary_identifiers(self, ctx: AnalyzeContext) -> list[Identifier]:
        pack = self.pack(ctx)
        left_out = {r.id for r in self.left_out(pack, ctx)}
        return [Identifier(type="semgrep_id", name=r.id, value=r.id) for r in pack.rules if r.id not in left_out]


def widest_matches(results: list) -> list:
    """``results`` without the matches of a rule that lie inside, or overlap, a wider match of the
    same rule in the same file (a taint sink matched as a whole filter and as one of its values):
    one weakness, one finding. Matches of one rule that do not overlap stay apart."""
    widest_first = sorted(results, key=_width, reverse=True)  # stable: the first of equal widths
    kept: list = []
    for result in widest_first:
        if not any(_overlap(result, other) for other in kept):
            kept.append(result)
    return [r for r in results if any(r is k for k in kept)]


def _span(result) -> tuple[tuple[int, int], tuple[int, int]]:
    """((line, column), (line, column)) of a result's start and end; a result without them spans nothing."""
    try:
        start, end = result["start"], result.get("end") or result["start"]
        return (int(start["line"]), int(start.get("col") or 0)), (int(end["line"]), int(end.get("col") or 0))
    except (KeyError, TypeError, ValueError, AttributeError):
        return (0, 0), (0, 0)


def _width(result) -> tuple[int, int]:
    (start_line, start_col), (end_line, end_col) = _span(result)
    return end_line - start_line, end_col - start_col if end_line == start_line else end_col


def _overlap(a, b) -> bool:
    """Same rule, same file, and the two spans share at least one character."""
    if (
        not isinstance(a, dict)
        or not isinstance(b, dict)
        or (a.get("check_id"), a.get("path"))
        != (
            b.get("check_id"),
            b.get("path"),
        )
    ):
        return False
    (a_start, a_end), (b_start, b_end) = _span(a), _span(b)
    return a_start < b_end and b_start < a_end


def _runs_on(rule: Rule, present: set[str]) -> bool:
    """The rule applies to a language among the scanned files (or to any file: generic, regex)."""
    languages = {lang.lower() for lang in rule.languages}
    return not languages or bool(languages & (present | {"generic", "regex", "none"}))


def _first_sentence(text: str) -> str:
    first = text.split("\n", 1)[0]
    return first.split(". ", 1)[0].strip()[:255]


def _warn_target_error(err: dict, ctx: AnalyzeContext) -> None:
    """A semgrep error about one file, as a warning about that file; a file semgrep gave up on
    (a timeout, out of memory) is incomplete, so the result cache does not keep it."""
    path = err.get("path")
    if not path:
        spans = err.get("spans") or []
        path = spans[0].get("file") if spans and isinstance(spans[0], dict) else None
    kind = str(err.get("type") or "error")
    if isinstance(err.get("type"), list):
        kind = str(err["type"][0])
    detail = str(err.get("message") or err.get("long_msg") or "").strip().splitlines()
    detail_text = detail[0][:200] if detail else ""
    text = f"semgrep could not fully scan this file ({kind}{': ' + detail_text if detail_text else ''})"
    gave_up = any(word in kind.lower() for word in GAVE_UP)
    ctx.warn(text, file=ctx.relative(str(path)) if path else None, incomplete=gave_up)
