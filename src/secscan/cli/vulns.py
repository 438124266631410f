"""``secscan vulns``: the vulnerability database (ingest, list, show, triage, history, export, diff).

Errors from the store and the reports are raised as library errors; the main group prints them
as one line and exits 2.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from functools import wraps
from pathlib import Path

import click
from rich.console import Console

from ..report.compare import compare
from ..report.io import dumps, write_json
from ..report.model import ReportType
from ..store import open_store
from ..store.errors import StoreError
from ..store.export import export_csv, export_json, export_sarif
from ..store.ingestion import IngestOptions, current_author, ingest
from ..store.models import DISMISSAL_REASONS, STATES
from ..store.triage import (
    VulnFilter,
    change_state,
    count_vulnerabilities,
    get_vulnerability,
    history,
    list_vulnerabilities,
    parse_ref,
    ref_findings,
    severity_values,
    stored_findings,
)
from ..views.vulns import history_table, ingest_table, vuln_detail, vulns_table
from .output import accept_reports, diff_options, emit, render_diff, secscan_tool

_out = Console(highlight=False, soft_wrap=False)
if not _out.is_terminal:
    _out.width = 150
SEVERITIES = ["critical", "high", "medium", "low", "info", "unknown"]
REPORT_TYPES = [t.value for t in ReportType]


class VulnRefType(click.ParamType):
    """A vulnerability as the commands take it: its row id or GitLab's finding UUID."""

    name = "ID|UUID"

    def convert(self, value, param, ctx):
        try:
            return parse_ref(str(value))
        except StoreError as exc:
            self.fail(str(exc), param, ctx)


VULN_REF = VulnRefType()


def database_option(func):
    """The ``--database URL`` option of every command that opens the vulnerability database."""
    return click.option(
        "--database", "database", metavar="URL", envvar=None,
        help="Database URL (default: SECSCAN_DATABASE_URL, else sqlite:///.secscan/vulns.db in the project).",
    )(func)  # fmt: skip


def filter_options(func):
    """The list filters, shared by list, export and the bulk triage actions."""
    options = [
        click.option("--project", metavar="NAME", help="Only this project."),
        click.option(
            "--state", "states", multiple=True, type=click.Choice(STATES), help="Only these states (repeatable)."
        ),
        click.option(
            "--severity",
            "severities",
            multiple=True,
            type=click.Choice(SEVERITIES, case_sensitive=False),
            help="Only these severities (repeatable).",
        ),
        click.option(
            "--type",
            "report_types",
            multiple=True,
            type=click.Choice(REPORT_TYPES),
            help="Only these report types (repeatable).",
        ),
        click.option(
            "--scanner",
            "scanners",
            multiple=True,
            metavar="ID",
            help="Only findings of this scanner, e.g. semgrep (repeatable).",
        ),
        click.option(
            "--identifier",
            metavar="[TYPE:]VALUE",
            help="Only vulnerabilities with this identifier, e.g. cwe:89, CWE-89 or B602.",
        ),
        click.option("--file", "file_glob", metavar="GLOB", help="Only files matching this glob, e.g. 'app/*.py'."),
        click.option(
            "--no-longer-detected/--still-detected",
            "no_longer_detected",
            default=None,
            help="Only vulnerabilities flagged (or not) as no longer detected.",
        ),
    ]
    for option in reversed(options):
        func = option(func)

    @wraps(func)
    def wrapper(
        *args, project, states, severities, report_types, scanners, identifier, file_glob, no_longer_detected, **kwargs
    ):
        flt = VulnFilter(
            project=project, states=tuple(states), severities=severity_values(severities),
            report_types=tuple(report_types), scanners=tuple(scanners), identifier=identifier,
            file_glob=file_glob, no_longer_detected=no_longer_detected,
        )  # fmt: skip
        return func(*args, flt=flt, **kwargs)

    return wrapper


def author_option(func):
    """The ``--author NAME`` option of the commands that record who changed a vulnerability."""
    return click.option(
        "--author", metavar="NAME",
        help="Who makes the change (default: GITLAB_USER_LOGIN, SECSCAN_USER or the login name).",
    )(func)  # fmt: skip


@click.group("vulns")
def vulns_group() -> None:
    """The vulnerability database: ingest reports, list, triage and compare vulnerabilities."""


@vulns_group.command("ingest")
@click.argument("reports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--project", metavar="NAME", help="Project name (default: CI_PROJECT_PATH).")
@click.option(
    "--project-id", metavar="N", help="GitLab project id, part of every finding UUID (default: CI_PROJECT_ID)."
)
@click.option("--ref", metavar="REF", help="Branch or tag scanned (default: CI_COMMIT_REF_NAME).")
@click.option("--commit", metavar="SHA", help="Commit scanned (default: CI_COMMIT_SHA).")
@click.option("--pipeline", metavar="ID", help="Pipeline id (default: CI_PIPELINE_ID).")
@click.option(
    "--default-branch",
    is_flag=True,
    default=None,
    help="The scan is of the default branch: vulnerabilities not seen are flagged 'no longer detected' "
    "(default: CI_COMMIT_REF_NAME == CI_DEFAULT_BRANCH).",
)
@click.option("--strict", is_flag=True, help="Refuse any report with a schema error, whatever its version.")
@click.option(
    "--type",
    "report_type",
    type=click.Choice(REPORT_TYPES),
    help="Report type of SARIF logs and of old reports that name none (default: sast).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@author_option
@database_option
def vulns_ingest(
    reports, project, project_id, ref, commit, pipeline, default_branch, strict, report_type, as_json, author, database
):
    """Store REPORTS (GitLab Secure reports of any type, or SARIF) in one transaction: all or
    nothing. Findings keep their vulnerability when they move (tracking signatures), duplicates
    across analyzers collapse, and re-ingesting a report changes nothing."""
    options = IngestOptions.from_ci(
        project=project, project_id=project_id, ref=ref, commit=commit, pipeline=pipeline,
        default_branch=default_branch, author=author,
    )  # fmt: skip
    accepted = accept_reports(reports, strict=strict, report_type=report_type)
    with open_store(database) as store:
        result = ingest(store, accepted, options)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
    else:
        _out.print(ingest_table(result))


@vulns_group.command("list")
@filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most N (table: default 200).")
@database_option
def vulns_list(flt, fmt, limit, database):
    """List vulnerabilities, most severe first."""
    with open_store(database) as store:
        shown = list_vulnerabilities(store, flt, limit or (200 if fmt == "table" else None))
        total = count_vulnerabilities(store, flt) if fmt == "table" else len(shown)
    if fmt == "json":
        click.echo(json.dumps(export_json(shown), indent=2))
    elif fmt == "csv":
        click.echo(export_csv(shown), nl=False)
    else:
        _out.print(vulns_table(shown, total))


def ref_options(func):
    """The ``ID|UUID`` argument and ``--project`` option of the commands about one vulnerability."""
    func = click.option(
        "--project", metavar="NAME", help="Look the UUID up in this project (needed when several projects have it)."
    )(func)
    return click.argument("ref", metavar="ID|UUID", type=VULN_REF)(func)


@vulns_group.command("show")
@ref_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON (with the latest finding).")
@database_option
def vulns_show(ref, project, as_json, database):
    """Show one vulnerability (its row id or GitLab's finding UUID): state, identifiers, where and
    when it was seen, its description."""
    with open_store(database) as store:
        record = get_vulnerability(store, ref, project)
    if as_json:
        click.echo(json.dumps(record.to_dict(), indent=2))
    else:
        _out.print(vuln_detail(record))


@vulns_group.command("history")
@ref_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@database_option
def vulns_history(ref, project, as_json, database):
    """Every state change and detection event of a vulnerability (its row id or GitLab's finding
    UUID): who, when, from, to, why."""
    with open_store(database) as store:
        entries = history(store, ref, project)
    if as_json:
        click.echo(json.dumps([e.to_dict() for e in entries], indent=2))
    else:
        _out.print(history_table(ref, entries))


def _triage_command(action: str, summary: str):
    @click.argument("ids", nargs=-1, type=VULN_REF, metavar="[ID|UUID]...")
    @filter_options
    @click.option("--comment", help="Why (recorded in the history).")
    @click.option(
        "--yes", "-y", is_flag=True, help="Do not ask before changing several vulnerabilities selected by filters."
    )
    @author_option
    @database_option
    def command(ids, flt, comment, yes, author, database, reason=None):
        if not ids and flt.empty:
            raise click.UsageError(
                f"give the ids to {action}, or filters (e.g. --project P --severity low) for a bulk change"
            )
        if ids:
            flt = replace(flt, ids=tuple(ids))
        with open_store(database) as store:
            if not ids:
                count = count_vulnerabilities(store, flt)
                if count and not yes:
                    if not sys.stdin.isatty():
                        raise click.UsageError(
                            f"{action} would change up to {count} vulnerabilities; add --yes to confirm"
                        )
                    click.confirm(f"{action.capitalize()} up to {count} vulnerabilities?", abort=True)
            change = change_state(store, action, flt, author=current_author(author), reason=reason, comment=comment)
        click.echo(
            f"{len(change.changed)} vulnerabilit{'y' if len(change.changed) == 1 else 'ies'} now {change.state}"
            + (f", {len(change.unchanged)} already {change.state}" if change.unchanged else "")
        )

    command.__doc__ = summary
    if action == "dismiss":
        command = click.option(
            "--reason", required=True, type=click.Choice(DISMISSAL_REASONS), help="GitLab's dismissal reason."
        )(command)
    return vulns_group.command(action)(command)


_triage_command(
    "dismiss",
    "Dismiss vulnerabilities (IDs, or every one the filters select) with a reason; "
    "they stay dismissed when detected again.",
)
_triage_command("confirm", "Confirm vulnerabilities (IDs, or every one the filters select).")
_triage_command(
    "resolve", "Mark vulnerabilities resolved (IDs, or every one the filters select); detected again, they reopen."
)
_triage_command("revert", "Revert vulnerabilities to detected (IDs, or every one the filters select).")


@vulns_group.command("export")
@filter_options
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "sarif"]), required=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Output file (default: standard output)."
)
@database_option
def vulns_export(flt, fmt, output, database):
    """Export vulnerabilities as JSON records, CSV (formula-safe) or SARIF 2.1.0 (dismissed ones
    as suppressed results, resolved ones left out)."""
    with open_store(database) as store:
        if fmt == "sarif":
            document = export_sarif(stored_findings(store, flt), secscan_tool())
        else:
            records = list_vulnerabilities(store, flt)
            document = export_json(records) if fmt == "json" else export_csv(records)
    if isinstance(document, str):
        emit(document, output)
    elif output:
        write_json(output, document, indent=True)
    else:
        click.echo(dumps(document, indent=True), nl=False)


@vulns_group.command("diff")
@click.option("--project", required=True, metavar="NAME")
@click.option("--base", "base_ref", required=True, metavar="REF", help="Target branch (e.g. main).")
@click.option("--head", "head_ref", required=True, metavar="REF", help="Source branch of the merge request.")
@diff_options
@database_option
def vulns_diff(project, base_ref, head_ref, fmt, output, max_chars, title, details_url, database):
    """Added and fixed findings between the latest scans of two refs (the merge-request widget)."""
    with open_store(database) as store:
        base = [f.finding for f in ref_findings(store, project, base_ref)]
        head = [f.finding for f in ref_findings(store, project, head_ref)]
    render_diff(compare(base, head), base_ref, head_ref, fmt, output, max_chars, title, details_url, _out)
