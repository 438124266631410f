"""The Secure report: model, identity, validation, sorting, reading and writing."""

from .errors import ReportError, ReportInvalidError
from .identity import assign_ids, gitlab_finding_uuid, location_fingerprint, report_id
from .io import atomic_write_text, read_report, write_report
from .model import (
    SCHEMA_VERSION,
    Flag,
    Identifier,
    Link,
    Location,
    Message,
    Report,
    ReportType,
    Scan,
    ScannerRef,
    Severity,
    Signature,
    ToolDetails,
    Tracking,
    TrackingItem,
    Vulnerability,
    format_time,
    now,
)
from .process import drop_exact_duplicates, sort_vulnerabilities
from .schema import SchemaError, validate

__all__ = [
    "SCHEMA_VERSION",
    "Flag",
    "Identifier",
    "Link",
    "Location",
    "Message",
    "Report",
    "ReportError",
    "ReportInvalidError",
    "ReportType",
    "Scan",
    "ScannerRef",
    "SchemaError",
    "Severity",
    "Signature",
    "ToolDetails",
    "Tracking",
    "TrackingItem",
    "Vulnerability",
    "assign_ids",
    "atomic_write_text",
    "drop_exact_duplicates",
    "format_time",
    "gitlab_finding_uuid",
    "location_fingerprint",
    "now",
    "read_report",
    "report_id",
    "sort_vulnerabilities",
    "validate",
    "write_report",
]
