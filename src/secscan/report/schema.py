"""Validation of Secure reports against secscan's JSON Schemas, listing every error with its JSON path."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft7Validator

#: report type (``scan.type``) -> schema file name
SCHEMA_FILES = {
    "sast": "sast-report.json",
    "secret_detection": "secret-detection-report.json",
    "dependency_scanning": "dependency-scanning-report.json",
    "container_scanning": "container-scanning-report.json",
    "dast": "dast-report.json",
    "api_fuzzing": "dast-report.json",
    "coverage_fuzzing": "coverage-fuzzing-report.json",
}


@dataclass(frozen=True)
class SchemaError:
    """One schema violation: the JSON path (``$.vulnerabilities[0].severity``) and the message."""

    path: str  # JSON path, e.g. ``$.vulnerabilities[0].severity``
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def schema_dir() -> Path:
    """The installed schemas (wheel) or the repository's ``schemas/`` (editable install)."""
    packaged = resources.files("secscan.report") / "schemas"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "schemas"


@cache
def _validator_for_file(path: str) -> Draft7Validator:
    with open(path, encoding="utf-8") as fh:
        schema = json.load(fh)
    return Draft7Validator(schema)


def validator(report_type: str, schema_path: Path | None = None) -> Draft7Validator:
    if schema_path is not None:
        return _validator_for_file(str(Path(schema_path).resolve()))
    try:
        name = SCHEMA_FILES[report_type]
    except KeyError:
        known = ", ".join(sorted(SCHEMA_FILES))
        raise ValueError(f"unknown report type {report_type!r} (known: {known})") from None
    return _validator_for_file(str(schema_dir() / name))


@cache
def _compiled(report_type: str) -> jsonschema_rs.Draft7Validator:
    with open(schema_dir() / SCHEMA_FILES[report_type], encoding="utf-8") as fh:
        # formats are not asserted, as by :func:`validate`, so both always agree
        return jsonschema_rs.Draft7Validator(json.load(fh), validate_formats=False)


def is_valid(document: Any, report_type: str) -> bool:
    """Fast yes/no check with a compiled validator (before every write and every ingest;
    a 100,000-finding report takes a fraction of a second); call :func:`validate` for the
    list of errors."""
    return _compiled(report_type).is_valid(document)


@cache
def _finding_schema(report_type: str) -> dict[str, Any]:
    with open(schema_dir() / SCHEMA_FILES[report_type], encoding="utf-8") as fh:
        schema = json.load(fh)
    return {"definitions": schema["definitions"], "allOf": [schema["properties"]["vulnerabilities"]["items"]]}


@cache
def _compiled_finding(report_type: str) -> jsonschema_rs.Draft7Validator:
    return jsonschema_rs.Draft7Validator(_finding_schema(report_type), validate_formats=False)


def is_valid_finding(finding: Any, report_type: str) -> bool:
    """Fast check of one element of ``vulnerabilities`` (a report read a finding at a time is
    valid when its other fields, with an empty list of findings, and every finding are)."""
    return _compiled_finding(report_type).is_valid(finding)


def validate_finding(finding: Any, report_type: str, index: int) -> list[SchemaError]:
    """Every schema error of one finding, with JSON paths from the report's root."""
    errors = [
        SchemaError(json_path(("vulnerabilities", index, *e.absolute_path)), e.message)
        for e in Draft7Validator(_finding_schema(report_type)).iter_errors(finding)
    ]
    return sorted(errors, key=lambda e: (e.path, e.message))


def json_path(parts: Any) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def report_type_of(document: Any) -> str | None:
    if isinstance(document, dict) and isinstance(document.get("scan"), dict):
        value = document["scan"].get("type")
        return value if isinstance(value, str) else None
    return None


def validate(document: Any, report_type: str | None = None, schema_path: Path | None = None) -> list[SchemaError]:
    """Every schema error of ``document``, sorted by JSON path; empty when valid.

    The schema is chosen by ``report_type``, else by ``scan.type``; a document without
    a usable ``scan.type`` is checked against the SAST schema (whose errors then say so).
    """
    kind = report_type or report_type_of(document) or "sast"
    errors = [
        SchemaError(json_path(e.absolute_path), e.message) for e in validator(kind, schema_path).iter_errors(document)
    ]
    return sorted(errors, key=lambda e: (e.path, e.message))
