"""Zero-code analyzers: any scanner that writes SARIF, declared in ``.secscan/analyzers.yml``.

```yaml
analyzers:
  - id: eslint-security                 # the analyzer id (lowercase, digits, '-')
    name: ESLint security rules         # optional (default: the id)
    command: [eslint, --format, "@microsoft/eslint-formatter-sarif", -o, "{output}", "{target}"]
    files: ["**/*.js", "**/*.ts"]       # globs: the analyzer runs when a project file matches
    report_type: sast                   # optional: sast (default) or secret_detection
    severity: {error: High, warning: Medium, note: Low}   # optional: SARIF level -> severity
    ok_codes: [0, 1]                    # optional: exit statuses that mean success (default 0, 1)
```

In ``command`` (a list, or a string split like a shell would), ``{target}`` is the project
directory, ``{output}`` the SARIF file the scanner must write, and an item ``{files}`` expands to
the matched files. The first item is the executable, found beside secscan's Python or on
``PATH``; ``SECSCAN_<ID>_EXECUTABLE`` overrides it. The file is read from the scanned project,
or from ``SECSCAN_ANALYZERS_FILE``.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from wcmatch import glob

from ...report.errors import ReportError
from ...report.model import ReportType, ScannerRef, Severity, Vulnerability
from ...report.sarif import LEVEL_SEVERITY, from_sarif
from ..analyzer import ANALYZER_ID, AnalyzeContext, Analyzer, AnalyzerMetadata, ScannerMetadata
from ..errors import ConfigError, ScannerOutputError

ANALYZERS_FILE = Path(".secscan") / "analyzers.yml"
SETTING = "SECSCAN_ANALYZERS_FILE"
_FIELDS = {"id", "name", "command", "files", "report_type", "severity", "ok_codes"}
_FLAGS = glob.GLOBSTAR | glob.BRACE | glob.DOTGLOB


@dataclass(frozen=True)
class SarifAnalyzerSpec:
    """One entry of ``analyzers.yml``."""

    id: str
    name: str
    command: tuple[str, ...]
    files: tuple[str, ...]
    report_type: ReportType = ReportType.SAST
    severity: Mapping[str, Severity] | None = None
    ok_codes: tuple[int, ...] = (0, 1)


class SarifCommandAnalyzer(Analyzer):
    """Runs a SARIF-writing scanner as ``spec`` says and converts its log (:func:`from_sarif`)."""

    #: the SARIF log names the scanner's version (``tool.driver.version``)
    version_in_output = True

    def __init__(self, spec: SarifAnalyzerSpec):
        self.spec = spec
        self.metadata = AnalyzerMetadata(
            id=spec.id,
            name=spec.name,
            vendor="secscan (zero-code SARIF analyzer)",
            version="1",
            scanner=ScannerMetadata(id=spec.id, name=spec.name, vendor="unknown", executable=spec.command[0]),
            report_type=spec.report_type,
        )

    def match(self, path: str) -> bool:
        return glob.globmatch(path, self.spec.files, flags=_FLAGS)

    def analyze(self, ctx: AnalyzeContext) -> bytes:
        output = ctx.workdir / "output.sarif"
        args: list[str] = [self.executable(ctx)]
        for item in self.spec.command[1:]:
            if item == "{files}":
                args.extend(ctx.files)
            else:
                args.append(item.replace("{target}", str(ctx.target)).replace("{output}", str(output)))
        result = ctx.run(args, ok_codes=self.spec.ok_codes)
        if not output.is_file():
            raise ScannerOutputError(
                f"{self.spec.id}: the command wrote no SARIF file ({output}); put {{output}} in its command "
                f"where the scanner takes its output file (stdout began: {result.stdout[:120]!r})"
            )
        return output.read_bytes()

    def convert(self, raw: bytes, ctx: AnalyzeContext) -> list[Vulnerability]:
        try:
            imported = from_sarif(
                raw.decode("utf-8", errors="replace"), f"{self.spec.id} output", self.spec.report_type.value,
                project_root=ctx.target, level_severity=self.spec.severity,
            )  # fmt: skip
        except ReportError as exc:
            raise ScannerOutputError(str(exc)) from None
        report = imported.report
        ctx.scanner_version = report.scan.scanner.version if report.scan.scanner.version != "unknown" else None
        ctx.primary_identifiers.extend(report.scan.primary_identifiers)
        for message in report.scan.messages:
            if message.level != "info":
                ctx.warn(message.value)
        scanner = ScannerRef(self.spec.id, self.spec.name)
        return [replace(v, scanner=scanner, id="") for v in report.vulnerabilities]

    def scanner_version(self, ctx: AnalyzeContext) -> str:
        return ctx.scanner_version or "unknown"


def analyzers_file(target: Path, env: Mapping[str, str]) -> Path:
    """``SECSCAN_ANALYZERS_FILE``, else ``.secscan/analyzers.yml`` in the scanned project."""
    configured = env.get(SETTING, "").strip()
    return Path(configured) if configured else Path(target) / ANALYZERS_FILE


def load_sarif_analyzers(path: Path) -> dict[str, SarifCommandAnalyzer]:
    """The analyzers ``path`` declares (none when it does not exist); :class:`ConfigError`
    naming the file, the entry and the field when it is not usable."""
    if not path.is_file():
        return {}
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc}); check the file") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    entries = document.get("analyzers") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: expected a top-level 'analyzers:' list of analyzers")
    found: dict[str, SarifCommandAnalyzer] = {}
    for n, entry in enumerate(entries):
        spec = _spec(entry, f"{path}: analyzers[{n}]")
        if spec.id in found:
            raise ConfigError(f"{path}: analyzers[{n}]: id {spec.id!r} is declared twice")
        found[spec.id] = SarifCommandAnalyzer(spec)
    return found


def _spec(entry: Any, where: str) -> SarifAnalyzerSpec:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a mapping with id, command and files")
    unknown = sorted(set(entry) - _FIELDS)
    if unknown:
        raise ConfigError(f"{where}: unknown field {unknown[0]!r} (allowed: {', '.join(sorted(_FIELDS))})")
    ident = entry.get("id")
    if not isinstance(ident, str) or not ANALYZER_ID.fullmatch(ident):
        raise ConfigError(
            f"{where}.id: {ident!r} is not an analyzer id (lowercase letters and digits, words joined by '-')"
        )
    command = entry.get("command")
    if isinstance(command, str):
        command = shlex.split(command)
    if not isinstance(command, list) or not command or not all(isinstance(c, (str, int, float)) for c in command):
        raise ConfigError(f"{where}.command: expected the command as a list of strings (or one string)")
    command = [str(c) for c in command]
    if not any("{output}" in c for c in command):
        raise ConfigError(f"{where}.command: has no {{output}}; the scanner must write its SARIF log to {{output}}")
    files = entry.get("files")
    if isinstance(files, str):
        files = [files]
    if not isinstance(files, list) or not files or not all(isinstance(f, str) and f for f in files):
        raise ConfigError(f"{where}.files: expected a list of globs (e.g. ['**/*.js'])")
    try:
        report_type = ReportType(entry.get("report_type") or "sast")
    except ValueError:
        raise ConfigError(f"{where}.report_type: {entry.get('report_type')!r} is not a report type") from None
    if report_type not in (ReportType.SAST, ReportType.SECRET_DETECTION):
        raise ConfigError(f"{where}.report_type: a SARIF analyzer writes sast or secret_detection findings")
    severity = entry.get("severity")
    if severity is not None:
        if not isinstance(severity, dict):
            raise ConfigError(f"{where}.severity: expected a mapping of SARIF level to severity")
        levels: dict[str, Severity] = {}
        for level, name in severity.items():
            if level not in LEVEL_SEVERITY:
                raise ConfigError(f"{where}.severity: {level!r} is not a SARIF level ({', '.join(LEVEL_SEVERITY)})")
            try:
                levels[level] = Severity.parse(str(name))
            except ValueError as exc:
                raise ConfigError(f"{where}.severity.{level}: {exc}") from None
        severity = levels
    ok_codes = entry.get("ok_codes", [0, 1])
    if not isinstance(ok_codes, list) or not all(isinstance(c, int) and not isinstance(c, bool) for c in ok_codes):
        raise ConfigError(f"{where}.ok_codes: expected a list of exit statuses (e.g. [0, 1])")
    name = entry.get("name")
    return SarifAnalyzerSpec(
        id=ident,
        name=str(name) if name else ident,
        command=tuple(command),
        files=tuple(files),
        report_type=report_type,
        severity=severity,
        ok_codes=tuple(ok_codes),
    )
