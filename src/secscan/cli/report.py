"""``secscan report``: validate, merge, convert, summarise and compare report files.

Every command reads its files with the one reader (:mod:`secscan.report.accept`): each takes a
GitLab Secure report of any type or a SARIF 2.1.0 log, and refuses the same input the same way.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from ..common import EXIT_OK, EXIT_USAGE
from ..common.engine.pipeline import SECSCAN
from ..report import ReportError, ReportInvalidError, write_report
from ..report.accept import AcceptedReport, document_format
from ..report.compare import compare_reports
from ..report.io import checked_document, dumps, read_file, write_json
from ..report.jsontext import decode_json
from ..report.model import ReportType
from ..report.parse import infer_type, report_type_named
from ..report.process import merge_reports
from ..report.sarif import from_sarif, to_sarif
from ..report.schema import SCHEMA_FILES, report_type_of, validate
from ..report.summary import summarize
from ..report.text import printable
from ..views.terminal import one_line, report_summary_tables
from .output import accept_reports, diff_options, render_diff

REPORT_TYPES = [t.value for t in ReportType]
ERROR_CLIP = 500  #: characters of a schema error shown (its message quotes the bad value)
SARIF_TYPES = ["sast", "secret_detection"]
_out = Console(highlight=False, soft_wrap=False)
if not _out.is_terminal:
    _out.width = 150  # CI logs: wide tables rather than squeezed columns


def _warn(text: str) -> None:
    click.echo(printable(f"secscan: warning: {text}"), err=True)


def type_option(choices: list[str], help_text: str):
    return click.option("--type", "report_type", type=click.Choice(choices), help=help_text)


@click.group("report")
def report_group() -> None:
    """Work with report files: GitLab Secure reports of any type and SARIF 2.1.0 logs."""


@report_group.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@type_option(sorted(SCHEMA_FILES), "Report type (default: the file's scan.type, else its findings' location shape).")
@click.option(
    "--schema",
    "schema_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Validate against this JSON Schema file instead of secscan's.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON results.")
def report_validate(files, report_type, schema_path, as_json):
    """Validate GitLab Secure reports (sast, secret_detection, dependency_scanning,
    container_scanning, dast, coverage_fuzzing; picked by scan.type) and list every error. A
    SARIF 2.1.0 log is valid when secscan can read it."""
    results = []
    for file in files:
        try:
            results.append(_validated(file, report_type, schema_path))
        except ReportError as exc:
            results.append({"file": str(file), "valid": False, "type": None, "error": str(exc), "errors": []})
    if as_json:
        click.echo(json.dumps(results, indent=2))
    else:
        for r in results:
            _print_validation(r)
    sys.exit(EXIT_OK if all(r["valid"] for r in results) else EXIT_USAGE)


def _validated(file: Path, report_type: str | None, schema_path: Path | None) -> dict[str, Any]:
    """The validation result of one file; :class:`ReportError` when it cannot be read."""
    read = read_file(file)
    for warning in read.warnings:
        _warn(warning)
    document = decode_json(read.text, read.source)
    if document_format(document, read.source) == "sarif":
        imported = from_sarif(document, read.source, report_type if report_type in SARIF_TYPES else "sast")
        kind = imported.report.scan.type.value
        return {"file": str(file), "valid": True, "type": kind, "format": "sarif", "errors": []}
    kind = report_type or report_type_of(document) or _shape_type(document, read.source)
    if kind is not None:
        report_type_named(kind, read.source)  # a type secscan has no schema for is refused
    try:
        errors = validate(document, kind, schema_path)
    except RecursionError:
        raise ReportError(f"{file}: nested too deeply to be a report") from None
    return {
        "file": str(file),
        "valid": not errors,
        "type": kind or "sast",
        "format": "gitlab",
        "errors": [{"path": e.path, "message": e.message} for e in errors],
    }


def _shape_type(document: dict, source: str) -> str | None:
    """The type a report without ``scan.type`` has by its findings' shape (with a warning), if any."""
    findings = [v for v in document.get("vulnerabilities") or () if isinstance(v, dict)]
    try:
        kind, how = infer_type(findings, source)
    except ReportError:
        return None  # validated as sast: the schema's errors say what is missing
    if how:
        _warn(how)
    return kind


def _print_validation(r: dict[str, Any]) -> None:
    if r.get("error"):
        click.echo(printable(r["error"]))
    elif r["valid"]:
        what = "SARIF 2.1.0 log (read as a {} report)" if r.get("format") == "sarif" else "{} report"
        click.echo(printable(f"{r['file']}: valid {what.format(r['type'])}"))
    else:
        click.echo(printable(f"{r['file']}: INVALID ({len(r['errors'])} errors)"))
        for e in r["errors"]:
            click.echo("  " + one_line(f"{e['path']}: {e['message']}", ERROR_CLIP))


@report_group.command("merge")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the merged report.",
)
@type_option(SARIF_TYPES, "Report type of SARIF inputs and of reports that name none.")
@click.option("--indent/--no-indent", "indent", default=False, help="Pretty-print the report.")
def report_merge(files, output, report_type, indent):
    """Merge reports of one type (analyzers, shards; GitLab reports or SARIF logs) into one:
    exact duplicates dropped, the same weakness found by several analyzers merged (GitLab's
    rule), sorted, validated."""
    accepted = accept_reports(files, report_type=report_type, lenient=True)
    merged = merge_reports([(a.source, a.report) for a in accepted], SECSCAN)
    try:
        write_report(merged, output, indent)
    except ReportInvalidError as exc:
        first = "; ".join(str(e) for e in exc.errors[:3])
        raise ReportError(
            f"{output}: the merged report would fail the {merged.scan.type.value} schema ({first}); "
            "check the inputs with `secscan report validate`"
        ) from None
    click.echo(printable(f"{output}: {len(merged.vulnerabilities)} finding(s) from {len(files)} report(s)"))


@report_group.command("convert")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--from",
    "source_format",
    type=click.Choice(["auto", "gitlab", "sarif"]),
    default="auto",
    show_default=True,
    help="Format of FILE (auto: SARIF when it has SARIF's runs list); a file of another format is refused.",
)
@click.option("--to", "target_format", type=click.Choice(["gitlab", "sarif"]), required=True, help="Format to write.")
@type_option(SARIF_TYPES, "Report type of a GitLab report made from SARIF (default: sast).")
@click.option(
    "--project-root",
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory that absolute SARIF paths are made relative to (default: each run's working directory).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Output file (default: standard output)."
)
@click.option("--indent/--no-indent", "indent", default=True, help="Pretty-print the output.")
def report_convert(file, source_format, target_format, report_type, project_root, output, indent):
    """Convert FILE between GitLab Secure report and SARIF 2.1.0: any SARIF tool's results become
    a schema-valid GitLab report, and a GitLab report becomes SARIF for code-scanning UIs.
    Converting a file to its own format writes a copy of it once it has been read and checked."""
    [accepted] = accept_reports([file], report_type=report_type, project_root=project_root, lenient=True)
    if source_format not in ("auto", accepted.format):
        raise ReportError(f"{file}: is a {accepted.format} file, not {source_format}; drop --from or name its format")
    if target_format == accepted.format:
        read = read_file(file)  # a copy: the document as read (lone surrogates replaced)
        converted = decode_json(read.text, read.source)
    elif target_format == "sarif":  # the reader warned of paths that are not project-relative
        converted = to_sarif(accepted.report, tool_name="secscan")
    else:
        converted = checked_document(accepted.report, output or "-")
    if output:
        write_json(output, converted, indent)
    else:
        click.echo(dumps(converted, indent), nl=False)
    _print_sarif_counts(accepted)


def _print_sarif_counts(accepted: AcceptedReport) -> None:
    counts = accepted.sarif
    if counts is None:
        return
    click.echo(
        printable(
            f"{accepted.source}: {counts.results} SARIF result(s), {counts.converted} converted; "
            f"{counts.skipped_no_location} without a file location and {counts.skipped_no_rule} without a rule id "
            f"left out, {counts.suppressed} suppressed"
        ),
        err=True,
    )
    for message in counts.messages:
        click.echo(printable(f"{message.level}: {message.value}"), err=True)


@report_group.command("summary")
@click.argument("file", type=click.Path(path_type=Path))
@type_option(REPORT_TYPES, "Report type of a SARIF log (default: sast) or of a report that names none.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
def report_summary(file, report_type, as_json):
    """Findings of a report (GitLab Secure report or SARIF log) by severity, analyzer and rule."""
    [accepted] = accept_reports([file], report_type=report_type, lenient=True)
    summary = summarize(accepted.report)
    if as_json:
        click.echo(json.dumps(summary.to_json(), indent=2))
    else:
        for table in report_summary_tables(summary, str(file)):
            _out.print(table)


@report_group.command("diff")
@click.argument("base", type=click.Path(path_type=Path))
@click.argument("head", type=click.Path(path_type=Path))
@type_option(SARIF_TYPES, "Report type of SARIF inputs (default: sast).")
@diff_options
def report_diff(base, head, report_type, fmt, output, max_chars, title, details_url):
    """Added and fixed findings from BASE (target branch) to HEAD (merge request), matched the way
    GitLab's merge-request widget matches them (tracking signatures, then location and primary
    identifier). Either file may be a GitLab report of any type or a SARIF log."""
    base_report, head_report = (a.report for a in accept_reports([base, head], report_type=report_type))
    comparison = compare_reports([base_report], [head_report])
    render_diff(comparison, str(base), str(head), fmt, output, max_chars, title, details_url, _out)
