"""Reading and triaging the vulnerability database: filters, details, state changes, history,
the findings of a ref (for comparisons and policies).

Every state change is one transaction that also appends to ``history`` (who, when, from, to,
reason, comment); changing a vulnerability to the state it is in records nothing.
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, func, or_, select, update
from sqlalchemy.orm import Session, aliased

from ..report.model import Severity
from ..report.model import Vulnerability as Finding
from ..report.parse import vulnerability_from_dict
from .db import Store
from .errors import StoreError
from .ingestion import bulk_insert, clean, db_time, utcnow
from .models import DISMISSAL_REASONS, STATES, History, Identifier, Project, Scan
from .models import Finding as FindingRow
from .models import Vulnerability as VulnRow

#: the state each triage action sets
ACTIONS = {"dismiss": "dismissed", "confirm": "confirmed", "resolve": "resolved", "revert": "detected"}
#: GitLab's finding UUID: how a vulnerability reference that is not a row id looks
UUID_SHAPE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
#: a vulnerability as the commands name it: its row id, or GitLab's finding UUID
VulnRef = int | str


@dataclass(frozen=True)
class VulnFilter:
    """Which vulnerabilities a list, export or bulk action covers (empty means any)."""

    project: str | None = None
    states: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()  #: GitLab values, e.g. "High"
    report_types: tuple[str, ...] = ()
    scanners: tuple[str, ...] = ()
    identifier: str | None = None  #: "type:value" or a value of any type (e.g. "CWE-89", "B602")
    file_glob: str | None = None
    no_longer_detected: bool | None = None
    ids: tuple[VulnRef, ...] = ()  #: row ids or finding UUIDs (see :func:`parse_ref`)

    @property
    def empty(self) -> bool:
        return self == VulnFilter(project=self.project)


@dataclass(frozen=True)
class VulnRecord:
    """A vulnerability as the commands show it."""

    id: int
    project: str
    uuid: str
    report_type: str
    scanner: str
    severity: str
    state: str
    dismissal_reason: str | None
    name: str
    file: str
    start_line: int | None
    end_line: int | None
    primary_identifier: str
    no_longer_detected: bool
    first_seen_at: datetime
    last_seen_at: datetime
    identifiers: tuple[dict[str, Any], ...] = ()
    finding: dict[str, Any] = field(default_factory=dict)  #: the latest finding's JSON (``show``)

    def to_dict(self) -> dict[str, Any]:
        d = {
            "id": self.id,
            "project": self.project,
            "uuid": self.uuid,
            "report_type": self.report_type,
            "scanner": self.scanner,
            "severity": self.severity,
            "state": self.state,
            "dismissal_reason": self.dismissal_reason,
            "name": self.name,
            "file": self.file,
            "start_line": self.start_line,
            "end_line": self.end_line,
            "primary_identifier": self.primary_identifier,
            "no_longer_detected": self.no_longer_detected,
            "first_seen_at": self.first_seen_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "last_seen_at": self.last_seen_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        if self.identifiers:
            d["identifiers"] = list(self.identifiers)
        if self.finding:
            d["finding"] = self.finding
        return d


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    author: str
    event: str
    from_state: str | None
    to_state: str | None
    reason: str | None
    comment: str | None
    scan_id: int | None

    def to_dict(self) -> dict[str, Any]:
        return {**vars_of(self), "at": self.at.strftime("%Y-%m-%dT%H:%M:%SZ")}


def vars_of(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__dataclass_fields__}


def _apply(query: Select, flt: VulnFilter) -> Select:
    v = VulnRow
    if flt.project:
        query = query.where(Project.name == flt.project)
    if flt.ids:
        query = query.where(v.id.in_(flt.ids))
    if flt.states:
        query = query.where(v.state.in_(flt.states))
    if flt.severities:
        query = query.where(v.severity.in_(flt.severities))
    if flt.report_types:
        query = query.where(v.report_type.in_(flt.report_types))
    if flt.scanners:
        query = query.where(v.scanner_id.in_(flt.scanners))
    if flt.no_longer_detected is not None:
        query = query.where(v.no_longer_detected.is_(flt.no_longer_detected))
    if flt.identifier:
        kind, sep, value = flt.identifier.partition(":")
        match = (
            and_(func.lower(Identifier.type) == kind.lower(), Identifier.value == value)
            if sep and value
            else (Identifier.value == flt.identifier) | (Identifier.name == flt.identifier)
        )
        query = query.where(v.id.in_(select(Identifier.vulnerability_id).where(match)))
    return query


def parse_ref(text: str) -> VulnRef:
    """A vulnerability reference as typed: a row id (digits) or a finding UUID (by its shape)."""
    text = text.strip()
    if text.isascii() and text.isdigit():
        if int(text) >= 2**63:  # beyond any row id the databases store
            raise StoreError(f"no vulnerability with id {text[:30]}; `secscan vulns list` shows the ids")
        return int(text)
    if UUID_SHAPE.fullmatch(text):
        return text.lower()
    raise StoreError(
        f"{text!r} is neither a vulnerability id (a number) nor a finding UUID; `secscan vulns list` shows both"
    )


def resolve_refs(session: Session, refs: Sequence[VulnRef], project: str | None = None) -> tuple[int, ...]:
    """The row ids of ``refs`` (row ids and finding UUIDs, within ``project`` if given);
    :class:`StoreError` naming every unknown one, or a UUID found in several projects."""
    wanted = list(dict.fromkeys(r.lower() if isinstance(r, str) else r for r in refs))
    matches = _matches(session, wanted, project)
    missing = [str(r) for r in wanted if r not in matches]
    if missing:
        where = f" in project {project!r}" if project else ""
        raise StoreError(
            f"no vulnerability with id or UUID {', '.join(missing)}{where}; `secscan vulns list` shows both"
        )
    for ref, rows in matches.items():
        if len(rows) > 1:  # only a UUID: GitLab's are unique within a project
            projects = ", ".join(sorted(name for _, name in rows))
            raise StoreError(f"UUID {ref} is in projects {projects}; add --project NAME")
    return tuple(sorted({row_id for rows in matches.values() for row_id, _ in rows}))


def _matches(session: Session, refs: Sequence[VulnRef], project: str | None) -> dict[VulnRef, list[tuple[int, str]]]:
    """(row id, project name) of the vulnerabilities each of ``refs`` names."""
    query = select(VulnRow.id, VulnRow.uuid, Project.name).join(Project, Project.id == VulnRow.project_id)
    ids, uuids = [r for r in refs if isinstance(r, int)], [r for r in refs if isinstance(r, str)]
    query = query.where(or_(VulnRow.id.in_(ids), VulnRow.uuid.in_(uuids)))
    if project:
        query = query.where(Project.name == project)
    matches: dict[VulnRef, list[tuple[int, str]]] = defaultdict(list)
    for row_id, uuid, name in session.execute(query):
        for key in {row_id, uuid} & set(refs):
            matches[key].append((row_id, name))
    return matches


def _check_filter(flt: VulnFilter) -> None:
    for state in flt.states:
        if state not in STATES:
            raise StoreError(f"unknown state {state!r} (states: {', '.join(STATES)})")


def _record(row: VulnRow, project: str, identifiers=(), finding=None) -> VulnRecord:
    return VulnRecord(
        id=row.id,
        project=project,
        uuid=row.uuid,
        report_type=row.report_type,
        scanner=row.scanner_id,
        severity=row.severity,
        state=row.state,
        dismissal_reason=row.dismissal_reason,
        name=row.name,
        file=row.file,
        start_line=row.start_line,
        end_line=row.end_line,
        primary_identifier=f"{row.primary_type}:{row.primary_value}",
        no_longer_detected=row.no_longer_detected,
        first_seen_at=row.first_seen_at,
        last_seen_at=row.last_seen_at,
        identifiers=tuple(identifiers),
        finding=finding or {},
    )


def _matching(session: Session, flt: VulnFilter, *extra, limit: int | None = None) -> list[Any]:
    """Rows of (vulnerability, project name, *extra) for ``flt``, in list order."""
    _check_filter(flt)
    if flt.ids:
        flt = replace(flt, ids=resolve_refs(session, flt.ids, flt.project))
    query = _apply(select(VulnRow, Project.name, *extra).join(Project, Project.id == VulnRow.project_id), flt)
    if extra:
        latest = select(func.max(FindingRow.id)).group_by(FindingRow.vulnerability_id)
        query = query.join(FindingRow, FindingRow.vulnerability_id == VulnRow.id).where(FindingRow.id.in_(latest))
    query = query.order_by(VulnRow.severity_rank.desc(), Project.name, VulnRow.file, VulnRow.start_line, VulnRow.id)
    if flt.file_glob:  # globs are matched here, the same on every engine
        rows = [row for row in session.execute(query) if fnmatch.fnmatchcase(row[0].file, flt.file_glob)]
        return rows[:limit]
    return session.execute(query.limit(limit)).all()


def list_vulnerabilities(store: Store, flt: VulnFilter = VulnFilter(), limit: int | None = None) -> list[VulnRecord]:
    """Vulnerabilities matching ``flt``, most severe first, then by project, file and line."""
    with store.session(read_only=True) as session:
        return [_record(v, p) for v, p in _matching(session, flt, limit=limit)]


def count_vulnerabilities(store: Store, flt: VulnFilter = VulnFilter()) -> int:
    """How many vulnerabilities ``flt`` selects."""
    if flt.file_glob:
        return len(list_vulnerabilities(store, flt))
    _check_filter(flt)
    query = _apply(select(func.count()).select_from(VulnRow).join(Project, Project.id == VulnRow.project_id), flt)
    with store.session(read_only=True) as session:
        return session.execute(query).scalar_one()


def get_vulnerability(store: Store, ref: VulnRef, project: str | None = None) -> VulnRecord:
    """One vulnerability (row id or finding UUID, within ``project`` if given) with its
    identifiers and its latest finding; :class:`StoreError` if unknown."""
    with store.session(read_only=True) as session:
        (vuln_id,) = resolve_refs(session, [ref], project)
        row = session.execute(
            select(VulnRow, Project.name).join(Project, Project.id == VulnRow.project_id).where(VulnRow.id == vuln_id)
        ).one()
        identifiers = session.execute(
            select(Identifier).where(Identifier.vulnerability_id == vuln_id).order_by(Identifier.position)
        ).scalars()
        data = session.execute(
            select(FindingRow.data)
            .where(FindingRow.vulnerability_id == vuln_id)
            .order_by(FindingRow.id.desc())
            .limit(1)
        ).scalar_one()
        return _record(
            row[0],
            row[1],
            [
                {"type": i.type, "name": i.name, "value": i.value, **({"url": i.url} if i.url else {})}
                for i in identifiers
            ],
            json.loads(data),
        )


def history(store: Store, ref: VulnRef, project: str | None = None) -> list[HistoryEntry]:
    """Every recorded event of a vulnerability (row id or finding UUID), oldest first."""
    with store.session(read_only=True) as session:
        (vuln_id,) = resolve_refs(session, [ref], project)
        rows = session.execute(
            select(History).where(History.vulnerability_id == vuln_id).order_by(History.id)
        ).scalars()
        return [
            HistoryEntry(r.at, r.author, r.event, r.from_state, r.to_state, r.reason, r.comment, r.scan_id)
            for r in rows
        ]


@dataclass(frozen=True)
class StateChange:
    action: str
    state: str
    changed: tuple[int, ...]  #: ids whose state changed
    unchanged: tuple[int, ...]  #: ids already in that state (nothing recorded)


def change_state(
    store: Store,
    action: str,
    flt: VulnFilter,
    *,
    author: str,
    reason: str | None = None,
    comment: str | None = None,
) -> StateChange:
    """Apply a triage ``action`` (dismiss, confirm, resolve, revert) to the vulnerabilities
    ``flt`` selects, in one transaction, recording each change in the history. Dismissing needs
    a GitLab dismissal ``reason``; other actions take none."""
    if action not in ACTIONS:
        raise StoreError(f"unknown action {action!r} (actions: {', '.join(ACTIONS)})")
    target = ACTIONS[action]
    if action == "dismiss":
        if reason not in DISMISSAL_REASONS:
            raise StoreError(f"dismissing needs --reason, one of {', '.join(DISMISSAL_REASONS)}")
    elif reason:
        raise StoreError("only dismiss takes a --reason; use --comment to say why")
    with store.session() as session:
        if flt.ids:
            flt = replace(flt, ids=resolve_refs(session, flt.ids, flt.project))
        rows = [v for v, _ in _matching(session, flt)]
        missing = sorted(set(flt.ids) - {v.id for v in rows})
        if missing:
            raise StoreError(
                f"no vulnerability with id {', '.join(map(str, missing))}; `secscan vulns list` shows the ids"
            )
        changed = [v for v in rows if v.state != target or (target == "dismissed" and v.dismissal_reason != reason)]
        now = utcnow()
        for batch in range(0, len(changed), 500):
            ids = [v.id for v in changed[batch : batch + 500]]
            session.execute(
                update(VulnRow)
                .where(VulnRow.id.in_(ids))
                .values(state=target, dismissal_reason=reason if target == "dismissed" else None)
                .execution_options(synchronize_session=False)
            )
        connection = session.connection()
        stamp = db_time(connection, now)
        bulk_insert(
            connection,
            History.__table__,
            [
                {
                    "vulnerability_id": v.id,
                    "at": stamp,
                    "author": clean(author),
                    "event": "state_changed",
                    "from_state": v.state,
                    "to_state": target,
                    "reason": reason,
                    "comment": clean(comment),
                    "scan_id": None,
                }
                for v in changed
            ],
        )
        changed_ids = {v.id for v in changed}
        return StateChange(
            action, target, tuple(v.id for v in changed), tuple(v.id for v in rows if v.id not in changed_ids)
        )


def project_names(store: Store) -> list[str]:
    with store.session(read_only=True) as session:
        return list(session.execute(select(Project.name).order_by(Project.name)).scalars())


def _project_id(session: Session, name: str) -> int:
    project_id = session.execute(select(Project.id).where(Project.name == name)).scalar()
    if project_id is None:
        raise StoreError(
            f"no project named {name!r}; ingest a report with `secscan vulns ingest --project {name}` first"
        )
    return project_id


@dataclass(frozen=True)
class RefFinding:
    finding: Finding  #: as the scan reported it; ``category`` is the report type
    vulnerability: VulnRecord
    on_default_branch: bool  #: a default-branch scan has reported this vulnerability


def ref_findings(store: Store, project: str, ref: str) -> list[RefFinding]:
    """The findings of the latest scan of each (report type, analyzer, scanner) on ``ref``, each
    with its vulnerability (for comparisons and approval policies)."""
    with store.session(read_only=True) as session:
        project_id = _project_id(session, project)
        latest = (
            select(func.max(Scan.id))
            .where(Scan.project_id == project_id, Scan.ref == ref)
            .group_by(Scan.report_type, Scan.analyzer_id, Scan.scanner_id)
        )
        scan_ids = list(session.execute(latest).scalars())
        if not scan_ids:
            raise StoreError(f"project {project!r} has no scan of ref {ref!r}; ingest one with --ref {ref}")
        seen = aliased(FindingRow)
        on_default = (
            select(seen.id)
            .join(Scan, Scan.id == seen.scan_id)
            .where(seen.vulnerability_id == VulnRow.id, Scan.default_branch.is_(True))
            .exists()
        )
        rows = session.execute(
            select(FindingRow.data, VulnRow, FindingRow.id, on_default)
            .join(VulnRow, VulnRow.id == FindingRow.vulnerability_id)
            .where(FindingRow.scan_id.in_(scan_ids))
            .order_by(FindingRow.id)
        )
        out = []
        for data, vuln, finding_id, default in rows:
            model = vulnerability_from_dict(json.loads(data), f"finding {finding_id}", vuln.report_type)
            out.append(RefFinding(replace(model, category=vuln.report_type), _record(vuln, project), bool(default)))
        return out


def stored_findings(store: Store, flt: VulnFilter) -> list[tuple[Finding, VulnRecord]]:
    """The latest finding of each vulnerability ``flt`` selects, as report models (exports)."""
    with store.session(read_only=True) as session:
        out = []
        for vuln, project, data, finding_id in _matching(session, flt, FindingRow.data, FindingRow.id):
            model = vulnerability_from_dict(json.loads(data), f"finding {finding_id}", vuln.report_type)
            out.append((replace(model, category=vuln.report_type), _record(vuln, project)))
        return out


def severity_values(names: Sequence[str]) -> tuple[str, ...]:
    """Severity names in any case as GitLab values."""
    try:
        return tuple(Severity.parse(n).value for n in names)
    except ValueError as exc:
        raise StoreError(str(exc)) from None
