"""Exporting vulnerabilities: JSON records, CSV rows (safe to open in a spreadsheet), SARIF."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from ..report.accept import path_problem
from ..report.model import Report, ReportType, Scan, Suppression, ToolDetails
from ..report.sarif import to_sarif
from ..report.text import printable
from .triage import VulnRecord

CSV_COLUMNS = (
    "id", "project", "uuid", "report_type", "scanner", "severity", "state", "dismissal_reason", "name", "file",
    "start_line", "end_line", "primary_identifier", "no_longer_detected", "first_seen_at", "last_seen_at",
)  # fmt: skip
#: cells a spreadsheet would read as a formula (OWASP's CSV injection list)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_json(records: Sequence[VulnRecord]) -> dict[str, Any]:
    """``{"vulnerabilities": [...]}``: each record as :meth:`VulnRecord.to_dict` gives it."""
    return {"vulnerabilities": [r.to_dict() for r in records]}


def _cell(value: Any) -> Any:
    """A CSV cell: control characters escaped (they would reach a terminal or a spreadsheet raw),
    formula starts prefixed with ``'`` so a spreadsheet shows them as text, never evaluates them."""
    if not isinstance(value, str):
        return value
    return ("'" if value.startswith(_FORMULA_START) else "") + printable(value)


def export_csv(records: Sequence[VulnRecord]) -> str:
    """One row per vulnerability with :data:`CSV_COLUMNS`, safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in records:
        d = r.to_dict()
        writer.writerow([_cell(d.get(c)) for c in CSV_COLUMNS])
    return out.getvalue()


def _log_warning(text: str) -> None:
    logging.getLogger("secscan.store").warning(printable(f"secscan: warning: {text}"))


def export_sarif(
    rows: Sequence[tuple[Any, VulnRecord]], tool: ToolDetails, warn: Callable[[str], None] = _log_warning
) -> dict[str, Any]:
    """SARIF 2.1.0 of the latest finding of each vulnerability; dismissed ones are listed as
    suppressed (``external``, with the dismissal reason), resolved ones are left out. A file that
    is no project-relative path (absolute, a URI, ``..``) is exported as stored, with a warning
    given to ``warn`` (default: the ``secscan`` logger), as ingest gives one."""
    for finding, record in rows:
        if record.state != "resolved" and (problem := path_problem(finding.location.file or "")):
            warn(
                f"vulnerability {record.id}: file {finding.location.file!r} {problem}; a SARIF viewer resolves it "
                "outside the project (exported as stored)"
            )
    active = [(f, r) for f, r in rows if r.state in ("detected", "confirmed")]
    dismissed = [
        Suppression(f, f"dismissed: {r.dismissal_reason}", kind="external") for f, r in rows if r.state == "dismissed"
    ]
    moment = datetime.now(UTC).replace(microsecond=0)
    scan = Scan(analyzer=tool, scanner=tool, type=ReportType.SAST, start_time=moment, end_time=moment)
    return to_sarif(Report(scan=scan, vulnerabilities=tuple(f for f, _ in active)), dismissed, tool_name=tool.name)
