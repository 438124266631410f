"""``secscan policy``: merge-request approval policies (GitLab's scan_result_policy YAML).

Exit 1 when a policy requires approval, 0 when none does, 2 for an invalid policy file or input.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console

from ..common.errors import EXIT_FINDINGS, EXIT_OK
from ..policy import evaluate, from_comparison, from_stored, load_policies
from ..report.compare import compare_reports
from ..store import open_store
from ..store.triage import ref_findings
from ..views.policy import policy_findings_table, policy_result_table
from .output import accept_reports
from .vulns import database_option

_out = Console(highlight=False, soft_wrap=False)
if not _out.is_terminal:
    _out.width = 150


@click.group("policy")
def policy_group() -> None:
    """Merge-request approval policies."""


@policy_group.command("check")
@click.option(
    "--policy",
    "policy_file",
    required=True,
    type=click.Path(path_type=Path),
    help="Policy file (.gitlab/security-policies/policy.yml form).",
)
@click.option(
    "--report",
    "head_reports",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Report of the merge request's head (repeatable: one per analyzer).",
)
@click.option(
    "--base",
    "base_reports",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Report of the target branch (repeatable); without it every head finding is new.",
)
@click.option(
    "--project",
    metavar="NAME",
    help="Read the findings of --ref from the vulnerability database instead of report files.",
)
@click.option("--ref", metavar="REF", help="With --project: the merge request's source branch as ingested.")
@click.option(
    "--branch",
    metavar="NAME",
    help="The merge request's target branch, for the policies' branches (default: every rule applies).",
)
@click.option(
    "--default-branch", "default_branch", metavar="NAME", help="The project's default branch, for branch_type: default."
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@database_option
def policy_check(policy_file, head_reports, base_reports, project, ref, branch, default_branch, as_json, database):
    """Evaluate approval policies against a merge request's findings: from report files
    (--report HEAD [--base BASE]) or from the database (--project P --ref REF, where a finding is
    new unless a default-branch scan reported its vulnerability, and triage states count)."""
    if bool(head_reports) == bool(project):
        raise click.UsageError("give either --report (with optional --base) or --project with --ref")
    if project and not ref:
        raise click.UsageError("--project needs --ref (the merge request's source branch)")
    policies = load_policies(policy_file)
    if head_reports:
        head = [a.report for a in accept_reports(head_reports)]
        base = [a.report for a in accept_reports(base_reports)]
        findings = from_comparison(compare_reports(base, head))
    else:
        with open_store(database) as store:
            rows = ref_findings(store, project, ref)
        findings = from_stored((r.finding, r.vulnerability.state, not r.on_default_branch) for r in rows)
    result = evaluate(policies, findings, branch=branch, default_branch=default_branch)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
    else:
        _out.print(policy_result_table(result))
        for rule in result.violations:
            _out.print(policy_findings_table(rule))
    sys.exit(EXIT_FINDINGS if result.approval_required else EXIT_OK)
