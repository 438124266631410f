"""Bandit: run it with JSON output on the Python files search found, convert every result."""

from __future__ import annotations

import json
import os
import re

from ... import __version__
from ...common import AnalyzeContext, Analyzer, AnalyzerMetadata, Config, ScannerMetadata, ScannerOutputError, parse_int
from ...report import Identifier, Link, Location, ScannerRef, Severity, Vulnerability

EXTENSIONS = (".py", ".pyw")
JOBS_SETTING = "SECSCAN_BANDIT_JOBS"
SEVERITIES = {"LOW": Severity.LOW, "MEDIUM": Severity.MEDIUM, "HIGH": Severity.HIGH}
#: Bandit's shards yield the CPU to analyzers with serial phases and fill the cores they leave idle.
SHARD_NICENESS = 10
#: bandit test id -> the CWE secscan reports for it, where bandit's own CWE differs from the one
#: every other analyzer uses for the same weakness (one weakness, one CWE):
#: weak hashes are CWE-328 "Use of Weak Hash" (MITRE's entry for MD5/SHA-1 used for security;
#: bandit says CWE-327, the broader broken-algorithm class it also gives weak ciphers);
#: unsafe YAML loading is CWE-502 "Deserialization of Untrusted Data" (bandit: CWE-20);
#: eval and exec are CWE-95 "Eval Injection" (bandit: CWE-78, OS command injection)
CWE_BY_TEST = {"B303": 328, "B324": 328, "B506": 502, "B307": 95, "B102": 95}
_TEST_LINE = re.compile(r"^\s+(B\d{3})\s+(\S+)\s*$", re.MULTILINE)


def bandit_tests(ctx: AnalyzeContext, executable: str) -> tuple[tuple[str, str], ...]:
    """(test id, plugin name) for every test this bandit knows, from ``bandit -h``."""
    text = ctx.runner.cached_output(executable, ["-h"], timeout=ctx.config.analyzer_timeout)
    return tuple(sorted(set(_TEST_LINE.findall(text))))


def load_bandit_json(raw: bytes) -> dict:
    """Bandit's JSON report, or a ScannerOutputError when the bytes are not one."""
    try:
        doc = json.loads(raw)
    except ValueError:
        doc = None
    if not isinstance(doc, dict) or not isinstance(doc.get("results"), list):
        raise ScannerOutputError("bandit wrote output that is not its JSON report format")
    return doc


def plugin_title(plugin_name: str) -> str:
    """``subprocess_popen_with_shell_equals_true`` -> ``Subprocess popen with shell equals true``."""
    text = plugin_name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def bandit_identifier(test_id: str, url: str | None = None) -> Identifier:
    return Identifier(type="bandit_test_id", name=f"Bandit Test ID {test_id}", value=test_id, url=url)


class BanditAnalyzer(Analyzer):
    metadata = AnalyzerMetadata(
        id="bandit",
        name="Bandit (secscan)",
        vendor="secscan",
        version=__version__,
        url="https://github.com/secscan/secscan",
        scanner=ScannerMetadata(
            id="bandit",
            name="Bandit",
            vendor="PyCQA",
            url="https://github.com/PyCQA/bandit",
            executable="bandit",
        ),
        primary_identifier_types=("bandit_test_id",),
    )
    #: bandit checks one file at a time: results are cached per file
    cacheable = True

    def configure(self, config: Config) -> None:
        """A bad SECSCAN_BANDIT_JOBS is a configuration error (exit 2) before anything runs."""
        if config.setting(JOBS_SETTING):
            parse_int(JOBS_SETTING, config.setting(JOBS_SETTING), minimum=1)

    def match(self, path: str) -> bool:
        return path.endswith(EXTENSIONS)

    def analyze(self, ctx: AnalyzeContext) -> bytes:
        """Run bandit on the files search kept; large projects in batches over every core.

        Bandit checks one file at a time, so batching changes nothing in the results. There are
        a few batches per worker, largest first, so that no core idles while one long batch ends;
        the batches' JSON outputs are merged into one document.
        """
        jobs = parse_int(JOBS_SETTING, ctx.setting(JOBS_SETTING) or os.cpu_count() or 1, minimum=1)
        executable = self.executable(ctx)
        outputs = ctx.in_batches(jobs, lambda index, files: self._run_shard(ctx, executable, index, files))
        results = [r for doc in outputs for r in doc["results"]]
        errors = sorted((e for doc in outputs for e in doc.get("errors") or []), key=lambda e: str(e.get("filename")))
        return json.dumps({"results": results, "errors": errors}).encode()

    def _run_shard(self, ctx: AnalyzeContext, executable: str, index: int, files: list[str]) -> dict:
        output = ctx.workdir / f"bandit-{index}.json"
        # Explicit files: bandit sees exactly what search kept (excluded paths never reach it).
        # Exit status 1 only means "issues found".
        honour_nosec = [] if ctx.config.inline_ignores else ["--ignore-nosec"]
        args = [executable, "--format", "json", "--output", str(output), "--quiet", *honour_nosec, "--", *files]
        ctx.run(args, ok_codes=(0, 1), nice=SHARD_NICENESS)
        try:
            raw = output.read_bytes()
        except OSError:
            raise ScannerOutputError("bandit exited without writing its JSON report") from None
        return load_bandit_json(raw)

    def convert(self, raw: bytes, ctx: AnalyzeContext) -> list[Vulnerability]:
        doc = load_bandit_json(raw)
        for error in doc.get("errors") or []:
            reason = error.get("reason", "unknown reason")
            ctx.warn(f"bandit could not scan this file ({reason})", file=ctx.relative(str(error.get("filename", "?"))))
        titles = dict(self._tests(ctx))
        return [self._vulnerability(r, ctx, titles) for r in doc["results"]]

    def _vulnerability(self, r: dict, ctx: AnalyzeContext, titles: dict[str, str]) -> Vulnerability:
        try:
            test_id = str(r["test_id"])
            path = ctx.relative(str(r["filename"]))
            line = int(r["line_number"])
        except (KeyError, TypeError, ValueError):
            raise ScannerOutputError("bandit result without test_id, filename or line_number") from None
        line_range = [int(n) for n in r.get("line_range") or [line] if isinstance(n, int)] or [line]
        more_info = r.get("more_info") if str(r.get("more_info", "")).startswith(("http://", "https://")) else None
        identifiers = [bandit_identifier(test_id, more_info)]
        cwe = CWE_BY_TEST.get(test_id, (r.get("issue_cwe") or {}).get("id"))
        if isinstance(cwe, int) and cwe > 0:
            identifiers.append(Identifier.cwe(cwe))
        plugin = titles.get(test_id) or str(r.get("test_name") or test_id)
        return Vulnerability(
            identifiers=tuple(identifiers),
            location=Location(
                file=path,
                start_line=line,
                end_line=max([line, *line_range]),
                # bandit's col_offset is 0-based (Python's ast); report columns are 1-based
                start_column=r["col_offset"] + 1 if isinstance(r.get("col_offset"), int) else None,
            ),
            scanner=ScannerRef(id="bandit", name="Bandit"),
            name=f"{plugin_title(plugin)} ({test_id})",
            description=str(r.get("issue_text") or ""),
            severity=SEVERITIES.get(str(r.get("issue_severity", "")).upper(), Severity.UNKNOWN),
            confidence=str(r.get("issue_confidence", "")).title() or None,
            links=(Link(url=more_info),) if more_info else (),
            raw_source_code_extract=ctx.source_lines(path, line, max(line_range)),
        )

    def _tests(self, ctx: AnalyzeContext) -> tuple[tuple[str, str], ...]:
        return bandit_tests(ctx, self.executable(ctx))

    def primary_identifiers(self, ctx: AnalyzeContext) -> list[Identifier]:
        return [bandit_identifier(test_id) for test_id, _ in self._tests(ctx)]
