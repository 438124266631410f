"""Finding identity: report ids, location fingerprints and GitLab's finding UUIDs, decided in one place."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from .model import Identifier, Location, ReportType, Vulnerability

#: GitLab production namespace for finding UUIDs (``Gitlab::UUID``).
GITLAB_UUID_NAMESPACE = uuid.UUID("58dc0f06-936c-43b3-93bb-71693f1b6570")
#: secscan's namespace for report ids (distinct so report ids never collide with GitLab UUIDs).
REPORT_ID_NAMESPACE = uuid.UUID("0d8b7a52-3c1e-5d0c-9f3e-2f1d5b6a7c80")
_GITLAB_NAMESPACE_BYTES = GITLAB_UUID_NAMESPACE.bytes
_REPORT_TYPES = frozenset(t.value for t in ReportType)

#: Tracking signature algorithms from most to least precise (GitLab's priority).
SIGNATURE_PRIORITY = ("scope_offset", "location", "hash")


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _str(value: object) -> str:
    return "" if value is None else str(value)


def _package_name(location: Location) -> str:
    dependency = location.extra.get("dependency")
    package = dependency.get("package") if isinstance(dependency, dict) else None
    return _str(package.get("name")) if isinstance(package, dict) else ""


def _image_without_tag(image: str) -> str:
    image = image.split("@", 1)[0]
    head, _, last = image.rpartition("/")
    return f"{head}/{last.split(':', 1)[0]}" if head else last.split(":", 1)[0]


def location_fingerprint(report_type: ReportType | str, location: Location) -> str:
    """GitLab's location fingerprint, by report type: ``sha1(file:start:end)`` for SAST and secret
    detection, ``file:package`` for dependency scanning, ``image-without-tag:package`` for
    container scanning, ``path:method:param`` for DAST and API fuzzing, ``crash_type:crash_state``
    for coverage fuzzing (the other fields are read from ``location.extra``)."""
    kind = report_type.value if isinstance(report_type, ReportType) else report_type
    if kind not in _REPORT_TYPES:
        kind = ReportType(kind).value  # raises ValueError naming the value
    extra = location.extra
    if kind == "dependency_scanning":
        text = f"{_str(location.file)}:{_package_name(location)}"
    elif kind == "container_scanning":
        text = f"{_image_without_tag(_str(extra.get('image')))}:{_package_name(location)}"
    elif kind in ("dast", "api_fuzzing"):
        text = f"{_str(extra.get('path'))}:{_str(location.method or extra.get('method'))}:{_str(extra.get('param'))}"
    elif kind == "coverage_fuzzing":
        text = f"{_str(extra.get('crash_type'))}:{_str(extra.get('crash_state'))}"
    else:
        text = f"{_str(location.file)}:{_str(location.start_line)}:{_str(location.end_line)}"
    return _sha1(text)


@lru_cache(maxsize=65536)  # a report's findings share a few hundred identifiers
def identifier_fingerprint(identifier: Identifier) -> str:
    return _sha1(f"{identifier.type}:{identifier.value}")


def signatures_by_priority(vuln: Vulnerability) -> tuple[tuple[str, str], ...]:
    """The finding's tracking signatures as (algorithm, value), the first of each algorithm,
    most precise first (:data:`SIGNATURE_PRIORITY`); algorithms GitLab does not rank are left out."""
    if not vuln.tracking:
        return ()
    by_algorithm: dict[str, str] = {}
    for item in vuln.tracking.items:
        for sig in item.signatures:
            by_algorithm.setdefault(sig.algorithm, sig.value)
    return tuple((alg, by_algorithm[alg]) for alg in SIGNATURE_PRIORITY if alg in by_algorithm)


def best_signature(vuln: Vulnerability) -> str | None:
    """The value of the highest-priority tracking signature, if the finding has any."""
    ranked = signatures_by_priority(vuln)
    return ranked[0][1] if ranked else None


def exact_key(vuln: Vulnerability, report_type: str | None = None, location_fp: str | None = None) -> tuple:
    """What makes two findings one and the same (an exact duplicate): scanner, primary
    identifier, location fingerprint (``location_fp`` when already computed) and column.

    The one rule for merged reports and for the database. Computed from the content rather than
    the ``id`` field, because other tools' ids are not secscan's (GitLab's QA reports even use the
    placeholder ``:SKIP:`` for every finding). A finding read from a report has no column (GitLab's
    format has none); there the ``id`` stands in for it, so two hits of one rule on one line, which
    secscan's ids tell apart, stay two when reports are merged (shards, ``--split`` reports), and
    repeats of one id are still one. ``report_type`` defaults to the finding's category."""
    kind = report_type or (vuln.category if vuln.category in _REPORT_TYPES else "sast")
    primary = vuln.primary_identifier
    column = vuln.location.start_column
    return (
        vuln.scanner.id,
        primary.type,
        primary.value,
        location_fp or location_fingerprint(kind, vuln.location),
        column if column is not None else ("id", vuln.id),
    )


def finding_uuid(report_type: str, primary_fp: str, location_fp: str, project_id: int | str = "") -> str:
    """GitLab's recipe: ``uuid5(NS, "{type}-{primary identifier fp}-{location fp}-{project id}")``.

    RFC 4122's name-based UUID written out (``str(uuid.uuid5(...))`` without building a UUID
    object: ingesting 100,000 findings computes 100,000 of them)."""
    name = f"{report_type}-{primary_fp}-{location_fp}-{project_id}".encode()
    digest = bytearray(hashlib.sha1(_GITLAB_NAMESPACE_BYTES + name).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def gitlab_finding_uuid(vuln: Vulnerability, project_id: int | str = "", report_type: str = "sast") -> str:
    """GitLab's finding UUID (``uuid5`` over type, primary identifier, location and project);
    with tracking signatures the location part is the SHA-1 of the most precise one."""
    signature = best_signature(vuln)
    location_fp = _sha1(signature) if signature else location_fingerprint(report_type, vuln.location)
    return finding_uuid(report_type, identifier_fingerprint(vuln.primary_identifier), location_fp, project_id)


def report_id(vuln: Vulnerability, report_type: str = "sast") -> str:
    """Deterministic report id: same rule, same place, same id, run after run.

    The column is included so that two hits of one rule on one line stay two findings.
    """
    loc = vuln.location
    primary = vuln.primary_identifier
    name = "|".join(
        (
            report_type,
            primary.type,
            primary.value,
            _str(loc.file),
            _str(loc.start_line),
            _str(loc.end_line),
            _str(loc.start_column),
        )
    )
    return str(uuid.uuid5(REPORT_ID_NAMESPACE, name))


def assign_ids(vulns: Iterable[Vulnerability], report_type: str = "sast") -> list[Vulnerability]:
    """The findings with their deterministic report ids (:func:`report_id`) set."""
    return [replace(v, id=report_id(v, report_type)) for v in vulns]
