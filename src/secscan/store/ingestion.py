"""Ingesting reports into the vulnerability database, GitLab's way.

One call ingests several reports (e.g. one per analyzer of a pipeline) in ONE transaction:
either every report is stored or none is. Per report type, findings are first combined as in a
merged report (exact duplicates dropped, the same weakness from several analyzers merged with
GitLab's dedupe rule), then each is matched to an existing vulnerability of the project with the
comparison rules of :mod:`secscan.report.compare` (tracking signatures, then location + primary
identifier), so a finding that moved keeps its vulnerability, state and history. Unmatched
findings become new vulnerabilities identified by GitLab's finding UUID.

Re-ingesting a report already stored for the same ref, commit and pipeline changes nothing.
A default-branch ingest flags the project's vulnerabilities of the same scanners that were not
seen as "no longer detected" (their state is left alone; scans with status ``failure`` flag
nothing); seeing one again clears the flag. The scanners of a report are its ``scan.scanner``,
its findings' scanners, and those of stored vulnerabilities whose primary identifier the scan
lists in ``scan.primary_identifiers`` (so a merged secscan report covers every analyzer it ran).
A resolved vulnerability that is detected again goes back to ``detected``; a dismissed one stays
dismissed.
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import chain, islice
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy import table as sql_table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from ..report.accept import AcceptedReport
from ..report.compare import MatchKeys, match_keys, pair
from ..report.identity import exact_key
from ..report.io import paused_gc
from ..report.model import Vulnerability
from ..report.process import dedupe_across_analyzers
from .db import Store
from .errors import StoreError
from .models import Finding, History, Identifier, Project, Scan
from .models import Vulnerability as VulnRow

INGEST_AUTHOR = "secscan ingest"
_BATCH = 2000


@dataclass(frozen=True)
class IngestOptions:
    """Where the reports come from."""

    project: str
    project_id: str = ""  #: GitLab project id, part of every finding UUID
    ref: str = ""
    commit: str = ""
    pipeline: str = ""
    default_branch: bool = False
    author: str = INGEST_AUTHOR

    def __post_init__(self) -> None:
        limits = {"project": 255, "project_id": 64, "ref": 255, "commit": 64, "pipeline": 64}
        for name, limit in limits.items():
            value = getattr(self, name)
            if len(value) > limit or "\x00" in value:
                raise StoreError(f"--{name.replace('_', '-')}: at most {limit} characters and no NUL characters")

    @classmethod
    def from_ci(
        cls,
        *,
        project: str | None = None,
        project_id: str | None = None,
        ref: str | None = None,
        commit: str | None = None,
        pipeline: str | None = None,
        default_branch: bool | None = None,
        author: str | None = None,
    ) -> IngestOptions:
        """Options given explicitly, else GitLab CI's predefined variables (``CI_PROJECT_PATH``,
        ``CI_PROJECT_ID``, ``CI_COMMIT_REF_NAME``, ``CI_COMMIT_SHA``, ``CI_PIPELINE_ID``; the
        default branch when ``CI_COMMIT_REF_NAME`` equals ``CI_DEFAULT_BRANCH``)."""
        env = os.environ
        ref = ref if ref is not None else env.get("CI_COMMIT_REF_NAME", "")
        project = project or env.get("CI_PROJECT_PATH", "")
        if not project:
            raise StoreError("name the project with --project (or run in GitLab CI, where CI_PROJECT_PATH names it)")
        if default_branch is None:
            default_branch = bool(ref) and ref == env.get("CI_DEFAULT_BRANCH")
        return cls(
            project=project,
            project_id=project_id if project_id is not None else env.get("CI_PROJECT_ID", ""),
            ref=ref,
            commit=commit if commit is not None else env.get("CI_COMMIT_SHA", ""),
            pipeline=pipeline if pipeline is not None else env.get("CI_PIPELINE_ID", ""),
            default_branch=default_branch,
            author=current_author(author) if author else INGEST_AUTHOR,
        )


def current_author(author: str | None = None) -> str:
    """Who makes a change: ``author``, else ``GITLAB_USER_LOGIN``, ``SECSCAN_USER`` or the login name."""
    if author:
        return author
    for name in ("GITLAB_USER_LOGIN", "SECSCAN_USER"):
        if os.environ.get(name):
            return os.environ[name]
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@dataclass
class ReportOutcome:
    source: str
    report_type: str
    findings: int = 0
    scan_id: int | None = None
    skipped: str | None = None  #: why the report was not stored (already ingested)


@dataclass
class IngestResult:
    project: str
    reports: list[ReportOutcome] = field(default_factory=list)
    new: int = 0
    seen_again: int = 0
    merged: int = 0  #: findings folded into another analyzer's finding or duplicated
    reopened: int = 0  #: resolved vulnerabilities detected again
    no_longer_detected: int = 0
    detected_again: int = 0  #: flagged "no longer detected" before, seen now

    def to_dict(self) -> dict[str, Any]:
        return {
            "project": self.project,
            "reports": [vars(r) for r in self.reports],
            "new": self.new,
            "seen_again": self.seen_again,
            "merged": self.merged,
            "reopened": self.reopened,
            "no_longer_detected": self.no_longer_detected,
            "detected_again": self.detected_again,
        }


def utcnow() -> datetime:
    """Naive UTC now: the store keeps naive UTC times on every engine."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def clean(text: str | None) -> str | None:
    """PostgreSQL text cannot hold NUL characters: replace them (on every engine, for equal results)."""
    return text.replace("\x00", "\ufffd") if text and "\x00" in text else text


def _insert_ignore(connection: Connection, table, values: dict[str, Any]):
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    return connection.execute(dialect.insert(table).values(**values).on_conflict_do_nothing())


def lock_project(connection: Connection, name: str, gitlab_id: str = "") -> tuple[int, str]:
    """The project's id and GitLab id, creating the project if needed; the row stays locked
    until the transaction ends, so ingests of one project run one after another."""
    table = Project.__table__
    _insert_ignore(connection, table, {"name": name, "gitlab_id": gitlab_id, "created_at": utcnow()})
    row = connection.execute(select(table.c.id, table.c.gitlab_id).where(table.c.name == name).with_for_update()).one()
    if gitlab_id and not row.gitlab_id:
        connection.execute(update(table).where(table.c.id == row.id).values(gitlab_id=gitlab_id))
        return row.id, gitlab_id
    return row.id, row.gitlab_id


@dataclass(slots=True)
class _Incoming:
    vuln: Vulnerability
    scan_id: int
    #: the report's finding texts and this finding's index: its JSON as the report wrote it
    #: (cut when the row is written), unless secscan changed the finding
    texts: Sequence[str] | None
    index: int
    keys: MatchKeys | None = None

    def data(self) -> str:
        return self.texts[self.index] if self.texts is not None else _encode(self.vuln.to_dict())


def _combine(items: list[_Incoming], report_type: str) -> tuple[list[_Incoming], int]:
    """Exact duplicates dropped (:func:`~secscan.report.identity.exact_key`, the rule merged
    reports follow too) and the findings of several analyzers merged
    (:func:`~secscan.report.process.dedupe_across_analyzers`), as in a merged report."""
    seen: set[tuple] = set()
    kept = []
    for item in items:
        item.keys = match_keys(item.vuln, report_type)
        key = exact_key(item.vuln, report_type, item.keys.location)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    dropped = len(items) - len(kept)
    if len({item.vuln.scanner.id for item in kept}) > 1:
        by_key = {exact_key(item.vuln, report_type, item.keys.location): item for item in kept}
        survivors, merged = dedupe_across_analyzers([item.vuln for item in kept], report_type)
        dropped += merged
        kept = []
        for vuln in survivors:
            item = by_key[exact_key(vuln, report_type)]
            if vuln is not item.vuln:  # it now records the analyzers it was merged with
                item = _Incoming(vuln, item.scan_id, None, item.index, item.keys)
            kept.append(item)
    return kept, dropped


def _vuln_columns(item: _Incoming, scan_id: int, at: datetime) -> dict[str, Any]:
    vuln, keys = item.vuln, item.keys
    return {
        "severity": vuln.severity.value,
        "severity_rank": vuln.severity.rank,
        "name": clean(vuln.name) or "",
        "file": clean(vuln.location.file) or "",
        "start_line": vuln.location.start_line,
        "end_line": vuln.location.end_line,
        "location_fp": keys.location,
        "sig_scope_offset": keys.signature("scope_offset"),
        "sig_location": keys.signature("location"),
        "sig_hash": keys.signature("hash"),
        "last_seen_scan_id": scan_id,
        "last_seen_at": at,
    }


def _keys_of(row) -> MatchKeys:
    signatures = tuple(
        (alg, sha)
        for alg, sha in (("scope_offset", row.sig_scope_offset), ("location", row.sig_location), ("hash", row.sig_hash))
        if sha
    )
    return MatchKeys(row.report_type, row.primary_fp, row.location_fp, signatures)


def ingest(store: Store, reports: Sequence[AcceptedReport], options: IngestOptions) -> IngestResult:
    """Store ``reports`` for ``options.project`` in one transaction (see the module docstring)."""
    result = IngestResult(project=options.project)
    with paused_gc(), store.engine.begin() as connection:
        _ingest(connection, reports, options, result)
    return result


def _ingest(
    connection: Connection, reports: Sequence[AcceptedReport], options: IngestOptions, result: IngestResult
) -> None:
    project_id, gitlab_id = lock_project(connection, options.project, options.project_id)
    now = utcnow()
    scans = Scan.__table__
    by_type: dict[str, list[_Incoming]] = {}
    scanners_of_type: dict[str, set[str]] = {}
    primaries_of_type: dict[str, set[tuple[str, str]]] = {}
    for accepted in reports:
        report, scan = accepted.report, accepted.report.scan
        kind = scan.type.value
        outcome = ReportOutcome(accepted.source, kind, len(report.vulnerabilities))
        result.reports.append(outcome)
        already = connection.execute(
            select(scans.c.id).where(
                scans.c.project_id == project_id,
                scans.c.report_digest == accepted.digest,
                scans.c.ref == options.ref,
                scans.c.commit_sha == options.commit,
                scans.c.pipeline_id == options.pipeline,
            )
        ).first()
        if already is not None or any(
            o.scan_id is not None and r.digest == accepted.digest for o, r in zip(result.reports, reports)
        ):
            outcome.skipped = f"already ingested (scan {already.id})" if already else "given twice"
            continue
        outcome.scan_id = connection.execute(
            insert(scans)
            .values(
                project_id=project_id,
                report_type=kind,
                report_version=clean(report.version) or "",
                analyzer_id=clean(scan.analyzer.id),
                analyzer_name=clean(scan.analyzer.name),
                analyzer_version=clean(scan.analyzer.version),
                scanner_id=clean(scan.scanner.id),
                scanner_name=clean(scan.scanner.name),
                scanner_version=clean(scan.scanner.version),
                ref=options.ref,
                commit_sha=options.commit,
                pipeline_id=options.pipeline,
                default_branch=options.default_branch,
                start_time=_naive(scan.start_time),
                end_time=_naive(scan.end_time),
                status=scan.status,
                messages=[m.to_dict() for m in scan.messages],
                source=clean(accepted.source),
                report_digest=accepted.digest,
                finding_count=len(report.vulnerabilities),
                ingested_at=now,
                ingested_by=clean(options.author),
            )
            .returning(scans.c.id)
        ).scalar_one()
        texts = accepted.raw or None
        by_type.setdefault(kind, []).extend(
            _Incoming(v, outcome.scan_id, texts, n) for n, v in enumerate(report.vulnerabilities)
        )
        scanners = scanners_of_type.setdefault(kind, set())
        primaries = primaries_of_type.setdefault(kind, set())
        if scan.status == "success":  # a failed scan proves nothing about what it did not report
            scanners.update({scan.scanner.id, *(v.scanner.id for v in report.vulnerabilities)})
            primaries.update((i.type, i.value) for i in scan.primary_identifiers)
    for kind, items in sorted(by_type.items()):
        _ingest_type(connection, project_id, gitlab_id, kind, items, options, now, result,
                     scanners_of_type[kind], primaries_of_type[kind])  # fmt: skip


def _ingest_type(
    connection: Connection,
    project_id: int,
    gitlab_id: str,
    kind: str,
    items: list[_Incoming],
    options: IngestOptions,
    now: datetime,
    result: IngestResult,
    scanners: set[str],
    primaries: set[tuple[str, str]],
) -> None:
    kept, dropped = _combine(items, kind)
    result.merged += dropped
    incoming: list[_Incoming] = []
    uuids: list[str] = []
    seen_uuids: set[str] = set()
    for item in kept:
        uuid = item.keys.uuid(gitlab_id)
        if uuid in seen_uuids:  # GitLab keeps one finding per UUID (same rule, same place)
            result.merged += 1
            continue
        seen_uuids.add(uuid)
        incoming.append(item)
        uuids.append(uuid)

    vulns = VulnRow.__table__
    existing = connection.execute(
        select(
            vulns.c.id, vulns.c.uuid, vulns.c.report_type, vulns.c.primary_fp, vulns.c.location_fp,
            vulns.c.sig_scope_offset, vulns.c.sig_location, vulns.c.sig_hash, vulns.c.state,
            vulns.c.no_longer_detected, vulns.c.scanner_id, vulns.c.primary_type, vulns.c.primary_value,
        ).where(vulns.c.project_id == project_id, vulns.c.report_type == kind).order_by(vulns.c.id)
    ).all()  # fmt: skip
    pairs = pair([_keys_of(row) for row in existing], [item.keys for item in incoming])
    by_uuid = {row.uuid: n for n, row in enumerate(existing)}
    taken = set(pairs.values())
    for h, uuid in enumerate(uuids):  # a finding whose UUID is stored already is that vulnerability
        if h not in pairs and (b := by_uuid.get(uuid)) is not None and b not in taken:
            pairs[h] = b
            taken.add(b)

    stamp = db_time(connection, now)
    history: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    ids: dict[int, int] = {}  # incoming index -> vulnerability id
    for h, b in sorted(pairs.items()):
        row, item = existing[b], incoming[h]
        ids[h] = row.id
        columns = {
            "id": row.id,
            **_vuln_columns(item, item.scan_id, stamp),
            "no_longer_detected": False,
            "state": row.state,
        }
        if row.no_longer_detected:
            result.detected_again += 1
            history.append(_event(row.id, "detected_again", options, stamp, item.scan_id, row.state, row.state))
        if row.state == "resolved":
            columns["state"] = "detected"
            result.reopened += 1
            history.append(
                _event(
                    row.id,
                    "state_changed",
                    options,
                    stamp,
                    item.scan_id,
                    "resolved",
                    "detected",
                    comment="detected again after it was resolved",
                )  # fmt: skip
            )
        updates.append(columns)
    result.seen_again += len(updates)
    bulk_update(connection, vulns, updates)

    new = [h for h in range(len(incoming)) if h not in pairs]

    def new_rows() -> Iterator[dict[str, Any]]:
        for h in new:
            item = incoming[h]
            primary = item.vuln.primary_identifier
            columns = _vuln_columns(item, item.scan_id, stamp)
            columns.update(
                project_id=project_id,
                uuid=uuids[h],
                report_type=kind,
                scanner_id=clean(item.vuln.scanner.id),
                primary_type=clean(primary.type),
                primary_value=clean(primary.value),
                primary_fp=item.keys.primary,
                state="detected",
                dismissal_reason=None,
                no_longer_detected=False,
                first_seen_scan_id=item.scan_id,
                first_seen_at=stamp,
            )
            yield columns

    if new:
        bulk_insert(connection, vulns, new_rows())
        id_of = dict(
            connection.execute(
                select(vulns.c.uuid, vulns.c.id).where(
                    vulns.c.project_id == project_id, vulns.c.report_type == kind, vulns.c.first_seen_at == now
                )
            ).all()
        )
        for h in new:
            ids[h] = id_of[uuids[h]]
    result.new += len(new)

    identifier_rows = (
        {"vulnerability_id": ids[h], "position": n, "type": clean(i.type), "name": clean(i.name),
         "value": clean(i.value), "url": clean(i.url)}
        for h in new
        for n, i in enumerate(incoming[h].vuln.identifiers)
    )  # fmt: skip
    created = (_event(ids[h], "created", options, stamp, incoming[h].scan_id, None, "detected") for h in new)
    finding_rows = (
        {
            "scan_id": item.scan_id,
            "vulnerability_id": ids[h],
            "uuid": uuids[h],
            "report_id": clean(item.vuln.id) or "",
            "severity": item.vuln.severity.value,
            "file": clean(item.vuln.location.file) or "",
            "start_line": item.vuln.location.start_line,
            "end_line": item.vuln.location.end_line,
            "data": item.data(),
        }
        for h, item in enumerate(incoming)
    )

    if options.default_branch:
        seen_scanners = scanners | {
            row.scanner_id for row in existing if (row.primary_type, row.primary_value) in primaries
        }
        gone = [
            row
            for n, row in enumerate(existing)
            if n not in taken and not row.no_longer_detected and row.scanner_id in seen_scanners
        ]
        if gone:
            bulk_update(connection, vulns, [{"id": row.id, "no_longer_detected": True} for row in gone])
            history.extend(
                _event(row.id, "no_longer_detected", options, stamp, None, row.state, row.state) for row in gone
            )
            result.no_longer_detected += len(gone)

    bulk_insert(connection, Identifier.__table__, identifier_rows)
    bulk_insert(connection, Finding.__table__, finding_rows)
    bulk_insert(connection, History.__table__, chain(history, created))


def _encode(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), check_circular=False)


def db_time(connection: Connection, moment: datetime) -> Any:
    """``moment`` as :func:`bulk_insert` passes it to the driver: on SQLite, the text form
    SQLAlchemy's DateTime reads back; elsewhere the datetime itself."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f") if connection.dialect.name == "sqlite" else moment


def bulk_insert(connection: Connection, table, rows: Iterable[dict[str, Any]]) -> None:
    """Insert many rows with the driver's ``executemany`` a batch at a time (SQLite) or ``COPY``
    (PostgreSQL): SQLAlchemy's per-row parameter processing costs more than the database for
    100,000-finding reports, and rows made by a generator are never all in memory at once. Every
    row has the same keys, which are column names; values are what the driver takes (see
    :func:`db_time`)."""
    rows = iter(rows)
    batch = list(islice(rows, _BATCH))
    if not batch:
        return
    columns = list(batch[0])
    names = ", ".join(f'"{c}"' for c in columns)
    values = itemgetter(*columns) if len(columns) > 1 else (lambda row: (row[columns[0]],))
    if connection.dialect.name == "postgresql":  # COPY: several times faster than executemany
        statement = f'COPY "{table.name}" ({names}) FROM STDIN'
        dbapi_error = connection.dialect.loaded_dbapi.Error
        try:
            with connection.connection.driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
                for row in chain(batch, rows):
                    copy.write_row(values(row))
        except dbapi_error as exc:  # the same exception SQLAlchemy raises for its own statements
            raise DBAPIError.instance(statement, None, exc, dbapi_error) from None
        return
    mark = "?"
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join(mark for _ in columns)})'
    while batch:
        connection.exec_driver_sql(sql, [values(row) for row in batch])
        batch = list(islice(rows, _BATCH))


def bulk_update(connection: Connection, table, rows: Sequence[dict[str, Any]]) -> None:
    """Update rows by ``id`` (each row: ``id`` first, then the same columns): a driver
    ``executemany`` on SQLite, ``COPY`` into a temporary table and one ``UPDATE ... FROM`` on
    PostgreSQL."""
    if not rows:
        return
    columns = [c for c in rows[0] if c != "id"]
    if connection.dialect.name == "postgresql":
        scratch = f"secscan_update_{table.name}"
        listed = ", ".join(f'"{c}"' for c in ("id", *columns))
        connection.exec_driver_sql(f'CREATE TEMP TABLE "{scratch}" AS SELECT {listed} FROM "{table.name}" WITH NO DATA')
        bulk_insert(connection, sql_table(scratch), rows)
        assignments = ", ".join(f'"{c}" = u."{c}"' for c in columns)
        connection.exec_driver_sql(f'UPDATE "{table.name}" t SET {assignments} FROM "{scratch}" u WHERE t.id = u.id')
        connection.exec_driver_sql(f'DROP TABLE "{scratch}"')
        return
    assignments = ", ".join(f'"{c}" = ?' for c in columns)
    values = itemgetter(*columns, "id")
    statement = f'UPDATE "{table.name}" SET {assignments} WHERE id = ?'
    for start in range(0, len(rows), _BATCH):
        connection.exec_driver_sql(statement, [values(row) for row in rows[start : start + _BATCH]])


def _event(
    vulnerability_id: int,
    event: str,
    options: IngestOptions,
    at: Any,
    scan_id: int | None,
    from_state: str | None,
    to_state: str | None,
    comment: str | None = None,
) -> dict[str, Any]:
    return {
        "vulnerability_id": vulnerability_id,
        "at": at,
        "author": clean(options.author),
        "event": event,
        "from_state": from_state,
        "to_state": to_state,
        "reason": None,
        "comment": comment,
        "scan_id": scan_id,
    }
