"""The vulnerability database's tables (SQLAlchemy 2 declarative; the Alembic migrations create them).

- ``projects``: one per project name, with the GitLab project id used in finding UUIDs.
- ``scans``: one per ingested report file: tools, ref, commit, pipeline, times, status, messages.
- ``vulnerabilities``: one per identity (GitLab finding UUID, matched by tracking signatures),
  with its triage state, severity, first/last seen and the "no longer detected" flag. The
  ``sig_*``, ``primary_fp`` and ``location_fp`` columns are the keys GitLab matches findings by.
- ``identifiers``: every identifier of a vulnerability, for filtering.
- ``findings``: each vulnerability as it appeared in each scan, with the finding's JSON.
- ``history``: an append-only log of every state change and detection event.

Times are naive UTC ``datetime`` values on every engine.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: the triage states (GitLab's)
STATES = ("detected", "confirmed", "dismissed", "resolved")
#: GitLab's dismissal reasons
DISMISSAL_REASONS = ("acceptable_risk", "false_positive", "mitigating_control", "used_in_tests", "not_applicable")
#: history events
EVENTS = ("created", "state_changed", "no_longer_detected", "detected_again")


class Base(DeclarativeBase):
    pass


class Project(Base):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    #: the id GitLab's finding UUIDs include (``--project-id``); empty when not given
    gitlab_id: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Scan(Base):
    __tablename__ = "scans"
    __table_args__ = (
        # the same report for the same ref, commit and pipeline is ingested once (idempotency)
        UniqueConstraint("project_id", "report_digest", "ref", "commit_sha", "pipeline_id", name="uq_scans_report"),
        Index("ix_scans_project_ref", "project_id", "ref", "report_type"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    report_type: Mapped[str] = mapped_column(String(32))
    report_version: Mapped[str] = mapped_column(Text, default="")
    analyzer_id: Mapped[str] = mapped_column(Text)
    analyzer_name: Mapped[str] = mapped_column(Text)
    analyzer_version: Mapped[str] = mapped_column(Text)
    scanner_id: Mapped[str] = mapped_column(Text)
    scanner_name: Mapped[str] = mapped_column(Text)
    scanner_version: Mapped[str] = mapped_column(Text)
    ref: Mapped[str] = mapped_column(String(255), default="")
    commit_sha: Mapped[str] = mapped_column(String(64), default="")
    pipeline_id: Mapped[str] = mapped_column(String(64), default="")
    default_branch: Mapped[bool] = mapped_column(Boolean, default=False)
    start_time: Mapped[datetime] = mapped_column(DateTime)
    end_time: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(16))
    messages: Mapped[list[Any]] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(Text, default="")
    report_digest: Mapped[str] = mapped_column(String(64))
    finding_count: Mapped[int] = mapped_column(Integer, default=0)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    ingested_by: Mapped[str] = mapped_column(Text, default="")


class Vulnerability(Base):
    __tablename__ = "vulnerabilities"
    __table_args__ = (
        UniqueConstraint("project_id", "uuid", name="uq_vulnerabilities_uuid"),
        Index("ix_vulnerabilities_match", "project_id", "report_type", "primary_fp"),
        Index("ix_vulnerabilities_state", "project_id", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    uuid: Mapped[str] = mapped_column(String(36))
    report_type: Mapped[str] = mapped_column(String(32))
    scanner_id: Mapped[str] = mapped_column(Text)
    primary_type: Mapped[str] = mapped_column(Text)
    primary_value: Mapped[str] = mapped_column(Text)
    primary_fp: Mapped[str] = mapped_column(String(40))
    location_fp: Mapped[str] = mapped_column(String(40))
    sig_scope_offset: Mapped[str | None] = mapped_column(String(40), nullable=True)
    sig_location: Mapped[str | None] = mapped_column(String(40), nullable=True)
    sig_hash: Mapped[str | None] = mapped_column(String(40), nullable=True)
    name: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[str] = mapped_column(String(16))
    severity_rank: Mapped[int] = mapped_column(Integer)
    file: Mapped[str] = mapped_column(Text, default="")
    start_line: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end_line: Mapped[int | None] = mapped_column(Integer, nullable=True)
    state: Mapped[str] = mapped_column(String(16), default="detected")
    dismissal_reason: Mapped[str | None] = mapped_column(String(32), nullable=True)
    no_longer_detected: Mapped[bool] = mapped_column(Boolean, default=False)
    first_seen_scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id"))
    last_seen_scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id"))
    first_seen_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime)


class Identifier(Base):
    __tablename__ = "identifiers"
    __table_args__ = {"sqlite_with_rowid": False}

    vulnerability_id: Mapped[int] = mapped_column(ForeignKey("vulnerabilities.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    value: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)


class Finding(Base):
    __tablename__ = "findings"
    __table_args__ = (Index("ix_findings_vulnerability", "vulnerability_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id"), index=True)
    vulnerability_id: Mapped[int] = mapped_column(ForeignKey("vulnerabilities.id"))
    uuid: Mapped[str] = mapped_column(String(36))
    report_id: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[str] = mapped_column(String(16))
    file: Mapped[str] = mapped_column(Text, default="")
    start_line: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end_line: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: the finding as its report wrote it (a Secure report vulnerability object, JSON text)
    data: Mapped[str] = mapped_column(Text)


class History(Base):
    """Append-only: triggers (see the migrations) refuse UPDATE and DELETE on both engines."""

    __tablename__ = "history"
    __table_args__ = (Index("ix_history_vulnerability", "vulnerability_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vulnerability_id: Mapped[int] = mapped_column(ForeignKey("vulnerabilities.id"))
    at: Mapped[datetime] = mapped_column(DateTime)
    author: Mapped[str] = mapped_column(Text)
    event: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str | None] = mapped_column(String(16), nullable=True)
    to_state: Mapped[str | None] = mapped_column(String(16), nullable=True)
    reason: Mapped[str | None] = mapped_column(String(32), nullable=True)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    scan_id: Mapped[int | None] = mapped_column(ForeignKey("scans.id"), nullable=True)
