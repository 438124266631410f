"""flawfinder's CSV output (``--csv``) turned into GitLab Secure findings."""

from __future__ import annotations

import csv
import io
import re

from secscan.common import AnalyzeContext, ScannerOutputError
from secscan.report import Identifier, Location, ScannerRef, Severity, Vulnerability

COLUMNS = {"File", "Line", "Column", "Level", "Name", "Warning", "Suggestion", "CWEs", "Context"}
CWE = re.compile(r"CWE-(\d+)")
SEVERITIES = {5: Severity.CRITICAL, 4: Severity.HIGH, 3: Severity.MEDIUM, 2: Severity.LOW, 1: Severity.INFO, 0: Severity.INFO}
SCANNER = ScannerRef("flawfinder", "Flawfinder")


def function_identifier(name: str) -> Identifier:
    """The primary identifier: the risky function flawfinder flags (GitLab's ``flawfinder_func_name``)."""
    return Identifier("flawfinder_func_name", f"Flawfinder - {name}", name)


def convert(raw: bytes, ctx: AnalyzeContext) -> list[Vulnerability]:
    text = raw.decode("utf-8", errors="replace")
    if not text.strip():
        return []
    rows = csv.DictReader(io.StringIO(text))
    if not rows.fieldnames or not COLUMNS <= set(rows.fieldnames):
        raise ScannerOutputError("flawfinder wrote output that is not its --csv format (is it flawfinder 2.0.19 or later?)")
    findings = []
    for row in rows:
        try:
            line, level = int(row["Line"]), int(row["Level"])
        except (TypeError, ValueError):
            raise ScannerOutputError(f"flawfinder wrote a CSV row without a line number or level: {row}") from None
        if row.get("ToolVersion"):
            ctx.scanner_version = row["ToolVersion"]
        path = ctx.relative(row["File"])
        cwes = dict.fromkeys(CWE.findall(row["CWEs"] or ""))  # in order, once each
        findings.append(
            Vulnerability(
                identifiers=(function_identifier(row["Name"]), *(Identifier.cwe(n) for n in cwes)),
                location=Location(file=path, start_line=line, end_line=line),
                scanner=SCANNER,
                name=f"{row['Name']}: {row['Warning'].split(' (CWE', 1)[0].rstrip('.')}"[:255],
                description=row["Warning"],
                severity=SEVERITIES.get(level, Severity.UNKNOWN),
                solution=row["Suggestion"] or None,
                raw_source_code_extract=ctx.source_lines(path, line) or row["Context"],
            )
        )
    return findings
