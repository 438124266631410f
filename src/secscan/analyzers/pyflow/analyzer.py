"""pyflow as a secscan analyzer: runs ``python -m secscan.analyzers.pyflow`` on the Python files."""

from __future__ import annotations

import json
import sys

from ... import __version__
from ...common import (
    AnalyzeContext,
    Analyzer,
    AnalyzerMetadata,
    Config,
    ScannerMetadata,
    ScannerOutputError,
    executable_setting,
    parse_bool,
    resolve_executable,
)
from ...report import Identifier, Link, Location, ScannerRef, Severity, Vulnerability
from .rules import BY_KIND, CHECKS, DATAFLOW_CWES

EXTENSIONS = (".py", ".pyw")
DECIDES_SETTING = "SECSCAN_PYFLOW_DECIDES"
#: files per process below which one process is faster than several (start-up costs ~0.2 s)
MIN_FILES_PER_JOB = 200


def pyflow_identifier(check_id: str, title: str) -> Identifier:
    return Identifier(type="pyflow_rule_id", name=title, value=check_id)


class PyflowAnalyzer(Analyzer):
    metadata = AnalyzerMetadata(
        id="pyflow",
        name="pyflow (secscan)",
        vendor="secscan",
        version=__version__,
        url="https://github.com/secscan/secscan",
        scanner=ScannerMetadata(
            id="pyflow",
            name="pyflow",
            vendor="secscan",
            url="https://github.com/secscan/secscan",
            executable=None,
        ),
        primary_identifier_types=("pyflow_rule_id",),
    )
    version_in_output = True
    #: the analysis is per file (intra-procedural): results are cached per file
    cacheable = True

    def __init__(self) -> None:
        self.decides = True

    def configure(self, config: Config) -> None:
        self.decides = parse_bool(DECIDES_SETTING, config.setting(DECIDES_SETTING) or "true")

    def match(self, path: str) -> bool:
        return path.lower().endswith(EXTENSIONS)

    def executable(self, ctx: AnalyzeContext) -> str:
        """The Python that runs pyflow: this one, or ``SECSCAN_PYFLOW_EXECUTABLE`` (checked); in a
        container, the image's ``python3`` (the image needs secscan installed)."""
        setting = executable_setting(self.metadata.id)
        override = ctx.setting(setting)
        if ctx.runner.name != "local":
            return ctx.runner.executable("python3", override, setting)
        return resolve_executable("python", override, setting) if override else sys.executable

    def scanner_version(self, ctx: AnalyzeContext) -> str:
        return __version__

    def analyze(self, ctx: AnalyzeContext) -> bytes:
        jobs = max(1, min(ctx.cores, len(ctx.files) // MIN_FILES_PER_JOB))
        # -P: the scan runs in the target directory, which must not go on sys.path - the project's
        # own ``http/`` or ``json.py`` would shadow the standard library, or run on import
        command = [self.executable(ctx), "-P", "-m", "secscan.analyzers.pyflow", "--"]
        outputs = ctx.in_batches(jobs, lambda _, files: ctx.run([*command, *files]).stdout)
        merged: dict = {"version": __version__, "results": [], "errors": [], "web": []}
        for raw in outputs:
            doc = _load(raw)
            for key in ("results", "errors", "web"):
                merged[key] += doc.get(key) or []
        return json.dumps(merged).encode()

    def convert(self, raw: bytes, ctx: AnalyzeContext) -> list[Vulnerability]:
        doc = _load(raw)
        ctx.scanner_version = str(doc.get("version") or __version__)
        for err in doc["errors"]:
            path = ctx.relative(str(err.get("path", "?")))
            ctx.warn(f"pyflow could not analyze this file: {err.get('message', 'unknown error')}", file=path)
        vulns = [self._vulnerability(r, ctx) for r in doc["results"]]
        if self.decides:
            # only files that read request data: there pyflow saw every source; elsewhere (CLI
            # tools, libraries) the other analyzers' pattern findings stand
            for path in doc.get("web") or []:
                ctx.decide(ctx.relative(str(path)), DATAFLOW_CWES)
        return vulns

    def _vulnerability(self, r: dict, ctx: AnalyzeContext) -> Vulnerability:
        try:
            check = BY_KIND[r["kind"]]
            path = ctx.relative(str(r["path"]))
            line = int(r["line"])
            end = int(r.get("end_line") or line)
            column = int(r["column"]) if r.get("column") else None
            sources = [int(s) for s in r.get("sources") or []]
        except (KeyError, TypeError, ValueError):
            raise ScannerOutputError("pyflow wrote a result without a known kind, path or line") from None
        description = check.message
        if sources and sources != [line]:
            where = ", ".join(str(s) for s in sources[:5])
            description += f" The data enters at line{'s' if len(sources) > 1 else ''} {where} of this file."
        idents = [pyflow_identifier(check.id, check.title), Identifier.cwe(check.cwe)]
        idents.append(Identifier(type="owasp", name=check.owasp, value=check.owasp.split(" ")[0]))
        bandit = r.get("bandit")  # bandit's test for this very call (``# nosec B605`` and dedupe rely on it)
        if isinstance(bandit, str) and bandit:
            idents.append(Identifier(type="bandit_test_id", name=f"Bandit Test ID {bandit}", value=bandit))
        return Vulnerability(
            identifiers=tuple(idents),
            location=Location(file=path, start_line=line, end_line=max(line, end), start_column=column),
            scanner=ScannerRef(id="pyflow", name="pyflow"),
            name=check.title,
            description=description,
            severity=Severity.parse(check.severity),
            confidence=check.confidence,
            solution=check.remediation,
            links=tuple(Link(url=u) for u in check.references),
            raw_source_code_extract=ctx.source_lines(path, line, end),
        )

    def primary_identifiers(self, ctx: AnalyzeContext) -> list[Identifier]:
        return [pyflow_identifier(c.id, c.title) for c in CHECKS]


def _load(raw: bytes) -> dict:
    try:
        doc = json.loads(raw)
    except ValueError:
        doc = None
    if not isinstance(doc, dict) or not isinstance(doc.get("results"), list) or not isinstance(doc.get("errors"), list):
        raise ScannerOutputError("pyflow wrote output that is not its JSON format")
    return doc
