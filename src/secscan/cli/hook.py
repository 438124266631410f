"""``secscan hook``: the pre-push hook (``run``) and a plain git hook for projects without the
pre-commit framework (``install``, ``uninstall``). The logic is in :mod:`secscan.common.engine.prepush`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..common import EXIT_FINDINGS, EXIT_INCOMPLETE, EXIT_OK, select
from ..common import log as seclog
from ..common.engine import prepush
from ..common.engine.diffscan import apply_baseline
from ..common.engine.registry import available
from ..report import write_report
from ..report.accept import load_report
from ..report.text import printable
from ..views.terminal import first_push_note, push_stopped_note
from .main import SEVERITY_CHOICES, _config, _err, _render, _threshold
from .output import check_writable
from .progress import make_listener


@click.group("hook")
def hook_group() -> None:
    """Pre-push hooks: scan what a push changes, stop it on new severe findings."""


_fail_on = click.option(
    "--fail-on",
    type=click.Choice([*SEVERITY_CHOICES, "none"], case_sensitive=False),
    default="high",
    show_default=True,
    help="Stop the push when a new finding has this severity or higher (none: never).",
)
_baseline = click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Leave out findings already in this report (e.g. `secscan sast -o .secscan-baseline.json`).",
)


@hook_group.command("run")
@click.argument("target", required=False, type=click.Path(path_type=Path))
@_fail_on
@click.option(
    "--git-pre-push",
    "remote",
    metavar="REMOTE",
    help="Read git's pre-push input from standard input (what the installed hook passes; "
    "REMOTE is git's first hook argument).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the report of the new findings here (default: no report file).",
)
@_baseline
def hook_run(target, fail_on, remote, output, baseline):
    """Diff-aware scan of what a push sends: the pushed commit's changed files against the
    merge-base, new findings only. Refs come from git's pre-push input (--git-pre-push), from
    pre-commit (PRE_COMMIT_FROM_REF/PRE_COMMIT_TO_REF), else HEAD against @{upstream} or origin/HEAD.
    When the remote has none of the pushed history (a first push), findings are shown, not blocking."""
    config = _config(target=target or os.getcwd())
    old = load_report(baseline) if baseline else None
    git_input = sys.stdin.read() if remote is not None else None
    ranges = prepush.push_ranges(config.target, os.environ, git_input, remote)
    installed, _ = available(config)
    chosen = select(installed, config)
    if output:
        check_writable(output, "-o/--output")
    with make_listener(_err) as listener:
        results = prepush.scan_push(config, chosen, ranges, listener)
    threshold = _threshold(fail_on)
    codes, stopping = [EXIT_OK], []
    for push_range, result in zip(ranges, results, strict=True):
        if old is not None:
            result = apply_baseline(result, old, str(baseline))
        written = []
        if output:
            write_report(result.report, output, config.indent_report)
            written.append(output)
        _render(result, written, result.report)
        code = result.exit_code(threshold)
        if code == EXIT_FINDINGS and not push_range.blocks:
            click.echo(printable(first_push_note(result.report.vulnerabilities, threshold)), err=True)
            code = EXIT_OK
        stopping += result.report.vulnerabilities if code == EXIT_FINDINGS else []
        codes.append(code)
    if not results:
        click.echo("secscan: nothing new to scan in this push")
    code = EXIT_INCOMPLETE if EXIT_INCOMPLETE in codes else max(codes)
    if code == EXIT_INCOMPLETE:
        click.echo("secscan: scan incomplete (see the messages above); push stopped", err=True)
    elif code != EXIT_OK:
        click.echo(printable(push_stopped_note(stopping, threshold)), err=True)
    seclog.get().debug("hook run exit %d", code)
    sys.exit(code)


@hook_group.command("install")
@click.argument("target", required=False, type=click.Path(path_type=Path))
@_fail_on
@click.option(
    "--force",
    is_flag=True,
    help="Replace a pre-push hook that is not secscan's (kept as pre-push.secscan-backup; uninstall restores it).",
)
@_baseline
def hook_install(target, fail_on, force, baseline):
    """Write the repository's git pre-push hook (for projects without the pre-commit framework)."""
    baseline = str(baseline.resolve()) if baseline else None
    path, status = prepush.install_hook(Path(target or "."), fail_on.lower(), force, baseline)
    click.echo(printable(f"{path}: {status}"))


@hook_group.command("uninstall")
@click.argument("target", required=False, type=click.Path(path_type=Path))
def hook_uninstall(target):
    """Remove secscan's git pre-push hook and restore the hook `install --force` backed up
    (a hook that is not secscan's is left alone)."""
    path, status = prepush.uninstall_hook(Path(target or "."))
    click.echo(printable(f"{path}: {status}"))
