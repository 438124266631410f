"""Terminal views of the vulnerability database: lists, one vulnerability, its history, ingest results."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from .terminal import plain_text as _text
from .terminal import severity_text, text_block

if TYPE_CHECKING:  # annotations only: views depend on report at run time
    from ..store.ingestion import IngestResult
    from ..store.triage import HistoryEntry, VulnRecord

STATE_STYLES = {"detected": "yellow", "confirmed": "bold red", "dismissed": "dim", "resolved": "green"}


def where(record: VulnRecord) -> str:
    return f"{record.file}:{record.start_line}" if record.start_line else record.file


def vulns_table(records: Sequence[VulnRecord], total: int | None = None) -> Table:
    """``secscan vulns list``: one row per vulnerability."""
    total = len(records) if total is None else total
    title = (
        f"vulnerabilities ({total})" if total == len(records) else f"vulnerabilities (first {len(records)} of {total})"
    )
    table = Table(title=title, title_justify="left")
    for column in ("id", "severity", "state", "type", "rule", "location", "name", "project"):
        table.add_column(column, overflow="fold", justify="right" if column == "id" else "left")
    for r in records:
        state = r.state + (f" ({r.dismissal_reason})" if r.dismissal_reason else "")
        if r.no_longer_detected:
            state += ", no longer detected"
        table.add_row(
            str(r.id), severity_text(r.severity), Text(state, style=STATE_STYLES.get(r.state, "")), r.report_type,
            _text(r.primary_identifier), _text(where(r)), _text(r.name), _text(r.project),
        )  # fmt: skip
    return table


def vuln_detail(record: VulnRecord) -> Group:
    """``secscan vulns show``: the vulnerability's fields, identifiers and description."""
    table = Table(show_header=False, title=_text(f"vulnerability {record.id}: {record.name}"), title_justify="left")
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    finding: dict[str, Any] = record.finding
    rows = [
        ("project", record.project),
        ("uuid", record.uuid),
        ("severity", record.severity),
        ("state", record.state + (f" ({record.dismissal_reason})" if record.dismissal_reason else "")),
        ("no longer detected", "yes" if record.no_longer_detected else "no"),
        ("report type", record.report_type),
        ("scanner", record.scanner),
        ("location", where(record)),
        ("first seen", record.first_seen_at.isoformat(sep=" ")),
        ("last seen", record.last_seen_at.isoformat(sep=" ")),
    ]
    for field, value in rows:
        table.add_row(field, _text(value))
    for ident in record.identifiers:
        table.add_row(
            "identifier",
            _text(f"{ident['type']}: {ident['name']}" + (f" <{ident['url']}>" if ident.get("url") else "")),
        )
    parts: list[Any] = [table]
    if isinstance(finding.get("description"), str) and finding["description"]:
        parts.append(text_block(finding["description"]))
    if isinstance(finding.get("solution"), str) and finding["solution"]:
        parts.append(text_block(f"Solution: {finding['solution']}"))
    return Group(*parts)


def history_table(vuln_id: int, entries: Sequence[HistoryEntry]) -> Table:
    """``secscan vulns history``: every event, oldest first."""
    table = Table(title=f"history of vulnerability {vuln_id}", title_justify="left")
    for column in ("when (UTC)", "who", "event", "from", "to", "reason", "comment"):
        table.add_column(column, overflow="fold")
    for e in entries:
        table.add_row(
            e.at.isoformat(sep=" "), _text(e.author), e.event, e.from_state or "", e.to_state or "",
            e.reason or "", _text(e.comment or ""),
        )  # fmt: skip
    return table


def ingest_table(result: IngestResult) -> Table:
    """``secscan vulns ingest``: one row per report, then the totals in the caption."""
    table = Table(title=_text(f"ingested into project {result.project}"), title_justify="left")
    for column in ("report", "type", "findings", "scan"):
        table.add_column(column, overflow="fold", justify="right" if column == "findings" else "left")
    for r in result.reports:
        table.add_row(_text(r.source), r.report_type, str(r.findings), _text(r.skipped or f"scan {r.scan_id}"))
    table.caption = (
        f"{result.new} new, {result.seen_again} seen again ({result.reopened} resolved reopened, "
        f"{result.detected_again} detected again), {result.merged} duplicate(s) merged, "
        f"{result.no_longer_detected} no longer detected"
    )
    table.caption_justify = "left"
    return table
